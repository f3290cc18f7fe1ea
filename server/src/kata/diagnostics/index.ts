/**
 * Kata diagnostics: runs every rule over a parsed document and its target, then applies the
 * user's suppression comments. Pure: the same input always gives the same list.
 */
import type { TomlDocument } from '../../toml';
import type { Target } from '../target';
import { KataContext, type AnalysisOptions } from './context';
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
export { MAX_KATA_DIAGNOSTICS } from './context';

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
  for (const rule of RULES) if (!other.has(rule)) rule.run(ctx);
  return ctx.diagnostics.sort((a, b) => a.span.start - b.span.start || a.code.localeCompare(b.code));
}
