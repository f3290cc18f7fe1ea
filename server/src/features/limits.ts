/**
 * Caps on what the language service computes for one file, so a huge or hostile file still gets
 * quick answers (like yaml-language-server's maxItemsComputed). When a list is cut, a final item
 * says so: a diagnostic, or an outline entry.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { LIMIT_CODE, MAX_KATA_DIAGNOSTICS, MAX_KATA_KEYS } from '../kata/diagnostics';
import type { Limits } from '../kata/diagnostics/docsPage';
import { MAX_KEY_PARTS, MAX_NESTING } from '../toml/parser';
import { DIAGNOSTIC_SOURCE } from './tomlDiagnostics';

/** Diagnostics per file (TOML and Kata together), plus the notice that the rest was cut. */
export const MAX_DIAGNOSTICS = MAX_KATA_DIAGNOSTICS;
/** Document symbols per file, nested ones included, plus the notice symbol. */
export const MAX_SYMBOLS = 5000;
/** Folding ranges per file (VS Code folds at most 5000 regions by default anyway). */
export const MAX_FOLDING_RANGES = 5000;

export { LIMIT_CODE };

/** Every cap, for the documentation page (docs/diagnostics.md, "Limits"). */
export const LIMITS: Limits = {
  diagnostics: MAX_DIAGNOSTICS,
  kataKeys: MAX_KATA_KEYS,
  symbols: MAX_SYMBOLS,
  foldingRanges: MAX_FOLDING_RANGES,
  nesting: MAX_NESTING,
  keyParts: MAX_KEY_PARTS,
};

const RANK: Record<number, number> = { [DiagnosticSeverity.Error]: 0, [DiagnosticSeverity.Warning]: 1, [DiagnosticSeverity.Information]: 2, [DiagnosticSeverity.Hint]: 3 };

/**
 * At most `max` diagnostics: notices of other limits first, then errors, warnings, information,
 * hints (in file order within each), returned in their original order and followed by an
 * information diagnostic at the top of the file saying the list was cut.
 */
export function capDiagnostics(all: Diagnostic[], max = MAX_DIAGNOSTICS): Diagnostic[] {
  if (all.length <= max) return all;
  const kept = all
    .map((d, i) => ({ i, rank: d.code === LIMIT_CODE ? -1 : (RANK[d.severity ?? DiagnosticSeverity.Error] ?? 4) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i)
    .slice(0, max)
    .map((x) => x.i)
    .sort((a, b) => a - b)
    .map((i) => all[i]);
  return [
    ...kept,
    {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Information,
      code: LIMIT_CODE,
      source: DIAGNOSTIC_SOURCE,
      message: `kata-config reports at most ${max} problems per file (errors first); the rest of this file's problems are not shown. Fix these to see more.`,
    },
  ];
}
