/** Kata diagnostics as LSP diagnostics: stable code, source, a link to the code's docs, and quick-fix data. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import type { TomlDocument } from '../toml';
import type { KataDiagnostic, Severity } from '../kata/diagnostics';
import { DIAGNOSTIC_SOURCE } from './tomlDiagnostics';
import { toRange } from './ranges';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries for the code-action request: its fixes as LSP text edits. */
export interface FixData {
  fixes: Array<{ title: string; preferred?: boolean; edits: Array<{ range: Diagnostic['range']; newText: string }> }>;
}

export function kataDiagnostics(doc: TomlDocument, uri: string, found: KataDiagnostic[], docsUrl?: string): Diagnostic[] {
  return found.map((k) => {
    const d: Diagnostic = {
      range: toRange(doc.lines, k.span),
      severity: SEVERITY[k.severity],
      code: k.code,
      source: DIAGNOSTIC_SOURCE,
      message: k.message,
    };
    if (docsUrl) d.codeDescription = { href: `${docsUrl}#${k.code}` };
    if (k.tags?.length) d.tags = k.tags.map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
    if (k.related?.length) d.relatedInformation = k.related.map((r) => ({ location: { uri, range: toRange(doc.lines, r) }, message: r.message }));
    if (k.fixes?.length) {
      const data: FixData = {
        fixes: k.fixes.map((f) => ({ title: f.title, preferred: f.preferred, edits: f.edits.map((e) => ({ range: toRange(doc.lines, e.span), newText: e.newText })) })),
      };
      d.data = data;
    }
    return d;
  });
}
