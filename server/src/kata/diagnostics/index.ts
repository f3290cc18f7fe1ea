/**
 * Kata diagnostics: runs every rule over a parsed document and its target, then applies the
 * user's suppression comments. Pure: the same input always gives the same list.
 */
import type { TomlDocument } from '../../toml';
import type { Target } from '../target';
import { KataContext, LIMIT_CODE, MAX_KATA_KEYS, type AnalysisOptions } from './context';
import type { CodeInfo, RuleModule } from './rule';
import { fileLevelRule } from './rules/fileLevel';
import { keysRule } from './rules/keys';
import { tablesRule } from './rules/tables';
import { valuesRule } from './rules/values';
import { annotationsRule } from './rules/annotations';
import { dropInsRule } from './rules/dropIns';
import { hostPathsRule } from './rules/hostPaths';
import { GO_RULES } from './rules/go';
import { RS_RULES } from './rules/rs';
import { suppressionFilter } from './suppress';
import type { KataDiagnostic } from './types';

export type { KataDiagnostic, Fix, Severity, TextEdit } from './types';
export type { CodeInfo } from './rule';
export type { AnalysisOptions } from './context';
export { LIMIT_CODE, MAX_KATA_DIAGNOSTICS, MAX_KATA_KEYS } from './context';

export const RULES: readonly RuleModule[] = [fileLevelRule, tablesRule, keysRule, valuesRule, annotationsRule, dropInsRule, hostPathsRule, ...GO_RULES, ...RS_RULES];

/** Cross-field rules run only for files of their runtime. */
const RUNTIME_RULES = { go: new Set<RuleModule>(GO_RULES), rs: new Set<RuleModule>(RS_RULES) };

export function allCodes(): CodeInfo[] {
  return RULES.flatMap((r) => r.codes);
}

export function analyzeKata(doc: TomlDocument, target: Target, options: AnalysisOptions): KataDiagnostic[] {
  const ctx = new KataContext(doc, target, options);
  // Suppressed diagnostics are dropped as they are reported, so they do not count against the cap.
  ctx.suppressed = suppressionFilter(doc);
  const other = RUNTIME_RULES[target.runtime === 'go' ? 'rs' : 'go'];
  const own = RUNTIME_RULES[target.runtime];
  for (const rule of RULES) {
    if (other.has(rule)) continue;
    // On a file cut at MAX_KATA_KEYS the cross-key rules would miss keys beyond the cut.
    if (ctx.unchecked && own.has(rule)) continue;
    rule.run(ctx);
  }
  if (ctx.unchecked) {
    // Past the diagnostics cap too: this notice is always kept (unless the user silences it).
    const notice: KataDiagnostic = {
      code: LIMIT_CODE,
      severity: 'information',
      span: { start: ctx.unchecked.start, end: ctx.unchecked.end },
      message: `This file has more than ${MAX_KATA_KEYS} keys in Kata tables: kata-config checked the first ${MAX_KATA_KEYS} one by one, not the keys from here on, and skipped the rules that relate keys to each other.`,
    };
    if (!ctx.suppressed(notice)) ctx.diagnostics.push(notice);
  }
  return ctx.diagnostics.sort((a, b) => a.span.start - b.span.start || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
