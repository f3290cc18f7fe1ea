/** Quick fixes: each diagnostic in the request carries its own fixes (computed by the rule that found it). */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { FixData } from './kataDiagnostics';

export function codeActions(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const d of diagnostics) {
    const data = d.data as FixData | undefined;
    if (!data || !Array.isArray(data.fixes)) continue;
    for (const f of data.fixes) {
      actions.push({
        title: f.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: f.preferred || undefined,
        edit: { changes: { [uri]: f.edits } },
      });
    }
  }
  return actions;
}
