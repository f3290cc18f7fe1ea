/**
 * The incremental = full property, shared by test/unit/incremental.test.ts and the fuzzer's
 * incremental mode (test/fuzz/check.ts): after every edit, the incremental parse equals a parse
 * from scratch (tree, errors, statement log, line starts), and a language service that reuses its previous
 * analysis gives the same diagnostics as one that never does.
 */
import { parseSyntax, type ParseResult } from '../../server/src/toml/parser';
import { reparse, textChange, type ReparseStats } from '../../server/src/toml/incremental';
import { LanguageService, type ServiceSettings } from '../../server/src/languageService';
import { LineIndex } from '../../server/src/toml/lineIndex';
import type { Host } from '../../server/src/host';

/** The pieces random typing inserts: TOML's punctuation, the openers and closers that change a statement's extent, line breaks. */
const SNIPPETS = ['x', '1', ' ', '=', '"', "'", '[', ']', '{', '}', ',', '.', '#', '\n', '\r\n', '\r', '"""', "'''", '[t]\n', '[[a]]\n', 'k = [\n', ']\n', 'a = """\n', '"""\n', 'b = 1\n', '\\', '\t', '\ufeff', '@X@', 'é', '😀'];

/** The few random numbers an edit needs (the fuzzer's Rng fits). */
export interface EditRng {
  int(n: number): number;
  chance(p: number): boolean;
}

/** A random keystroke-sized edit: typing a snippet, deleting a few characters or a line, pasting a line elsewhere, or a whole-text replacement of a range. */
export function randomEdit(text: string, r: EditRng): string {
  const at = r.int(text.length + 1);
  const roll = r.int(10);
  if (roll < 5) return text.slice(0, at) + SNIPPETS[r.int(SNIPPETS.length)] + text.slice(at);
  if (roll < 8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + r.int(r.chance(0.2) ? 200 : 4)));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd + 1);
  if (roll < 9) {
    const to = r.int(text.length + 1);
    return text.slice(0, to) + line + text.slice(to);
  }
  return text.slice(0, lineStart) + text.slice(lineEnd < 0 ? text.length : lineEnd + 1);
}

function json(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** The first difference between two parses of the same text, or undefined. */
export function parseDifference(incremental: ParseResult, full: ParseResult): string | undefined {
  const parts: Array<[string, unknown, unknown]> = [
    ['tree', incremental.tree, full.tree],
    ['errors', incremental.errors, full.errors],
    ['statements', incremental.statements, full.statements],
  ];
  for (const [what, a, b] of parts) {
    const x = json(a);
    const y = json(b);
    if (x !== y) {
      let i = 0;
      while (i < x.length && x[i] === y[i]) i++;
      return `${what} differ at character ${i}: incremental …${x.slice(Math.max(0, i - 80), i + 80)}… full …${y.slice(Math.max(0, i - 80), i + 80)}…`;
    }
  }
  return undefined;
}

/**
 * Parses `texts[0]`, then each next text incrementally from the one before; returns the problems
 * (empty: every step equalled a parse from scratch) and how much was parsed again in all.
 */
export function checkIncrementalParse(texts: string[]): { problems: string[]; stats: ReparseStats } {
  const problems: string[] = [];
  const total: ReparseStats = { kept: 0, parsed: 0, moved: 0 };
  let current = parseSyntax(texts[0]);
  let lines = new LineIndex(texts[0]);
  for (let i = 1; i < texts.length; i++) {
    const change = textChange(texts[i - 1], texts[i]);
    const step: ReparseStats = { kept: 0, parsed: 0, moved: 0 };
    const next = change ? reparse(current, texts[i], change, step) : current;
    const full = parseSyntax(texts[i]);
    const fullLines = new LineIndex(texts[i]);
    lines = change ? LineIndex.edited(lines, texts[i], change) : lines;
    if (json(lines.lineStarts) !== json(fullLines.lineStarts)) {
      problems.push(`edit ${i} (${json(change)}): line starts ${json(lines.lineStarts).slice(0, 200)} differ from a fresh index's ${json(fullLines.lineStarts).slice(0, 200)}`);
      lines = fullLines;
    }
    const difference = parseDifference(next, full);
    if (difference) {
      problems.push(`edit ${i} (${json(change)}): ${difference}`);
      current = full;
    } else current = next;
    total.kept += step.kept;
    total.parsed += step.parsed;
    total.moved += step.moved;
  }
  return { problems, stats: total };
}

/**
 * The same texts as versions of one document in a service that reuses its previous analysis and
 * in one that parses every version from scratch: their diagnostics must be equal at every version.
 */
export function checkIncrementalService(texts: string[], uri: string, settings: ServiceSettings, host: () => Host): string[] {
  const problems: string[] = [];
  const incremental = new LanguageService(host());
  incremental.configure(settings);
  const full = new LanguageService(host(), false);
  full.configure(settings);
  texts.forEach((text, i) => {
    const source = { uri, version: i + 1, getText: () => text };
    const a = json(incremental.diagnostics(source));
    const b = json(full.diagnostics(source));
    if (a !== b) problems.push(`version ${i + 1}: the incremental service's diagnostics differ from a full analysis: ${a.slice(0, 300)} vs ${b.slice(0, 300)}`);
  });
  return problems;
}
