/**
 * A diagnostic's code links to its section of docs/diagnostics.md (the server's codeDescription,
 * `file:///…/docs/diagnostics.md#<code>`). VS Code opens a file link at its first line, ignoring
 * the anchor, as a preview tab that replaces the one the user had. The client turns those links into
 * a command that opens the page at the code's section, as a tab of its own.
 */
import * as vscode from 'vscode';
import { docsLine, isDiagnosticsPage } from './docsLine';

export const SHOW_DIAGNOSTIC_DOCS = 'kata.showDiagnosticDocs';

/** The command link for a code's documentation, or the target unchanged when it is not ours. */
export function docsCommandTarget(target: vscode.Uri): vscode.Uri {
  if (target.scheme !== 'file' || !isDiagnosticsPage(target.path) || !target.fragment) return target;
  const args = encodeURIComponent(JSON.stringify([target.with({ fragment: '' }).toString(), target.fragment]));
  return vscode.Uri.parse(`command:${SHOW_DIAGNOSTIC_DOCS}?${args}`);
}

/** Rewrites the code links of published diagnostics (LanguageClientOptions.middleware.handleDiagnostics). */
export function withDocsCommands(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const d of diagnostics) {
    if (d.code && typeof d.code === 'object' && d.code.target instanceof vscode.Uri) d.code = { value: d.code.value, target: docsCommandTarget(d.code.target) };
  }
  return diagnostics;
}

/** Opens the page at the code's section, in a tab that stays. */
export async function showDiagnosticDocs(page: string, code: string): Promise<void> {
  const uri = vscode.Uri.parse(page);
  const doc = await vscode.workspace.openTextDocument(uri);
  const line = docsLine(doc.getText(), code);
  const at = new vscode.Range(line, 0, line, 0);
  const editor = await vscode.window.showTextDocument(doc, { preview: false, selection: at });
  editor.revealRange(at, vscode.TextEditorRevealType.AtTop);
}
