/**
 * The floor of any Node language server on this machine, for `bench:lsp`: the same libraries as
 * ours (vscode-languageserver over stdio, TextDocuments with incremental sync, a publish on the next
 * turn after each change) and an analysis that costs next to nothing: one diagnostic on every line
 * that differs from the text the document was opened with; completion and hover answer empty. Whatever keystroke → diagnostics costs
 * here is Node, the JSON-RPC library and the two pipe trips; our server cannot go below it.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
const documents = new TextDocuments(TextDocument);
const opened = new Map<string, string[]>();

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, completionProvider: {}, hoverProvider: true } }));
// A request's round trip with nothing computed.
connection.onCompletion(() => []);
connection.onHover(() => null);

function changedLines(uri: string, text: string): Diagnostic[] {
  const before = opened.get(uri) ?? [];
  const lines = text.split('\n');
  const out: Diagnostic[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== before[i]) out.push({ range: { start: { line: i, character: 0 }, end: { line: i, character: lines[i].length } }, severity: DiagnosticSeverity.Error, message: 'changed since the document was opened', source: 'floor' });
  }
  return out;
}

documents.onDidOpen((e) => opened.set(e.document.uri, e.document.getText().split('\n')));
documents.onDidChangeContent((e) => {
  const doc = e.document;
  setImmediate(() => {
    const current = documents.get(doc.uri);
    if (current) void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: changedLines(current.uri, current.getText()) });
  });
});
documents.onDidClose((e) => opened.delete(e.document.uri));

documents.listen(connection);
connection.listen();
