/** LSP wiring only: every answer comes from the LanguageService. Start with `node dist/server.js --stdio`. */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService } from './languageService';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new LanguageService();
const pending = new Map<string, NodeJS.Immediate>();

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
  },
  serverInfo: { name: 'kata-config', version: SERVER_VERSION },
}));

/** Coalesces bursts of changes: only the newest version of a document is validated. */
function schedule(doc: TextDocument): void {
  const previous = pending.get(doc.uri);
  if (previous) clearImmediate(previous);
  pending.set(
    doc.uri,
    setImmediate(() => {
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current) return;
      void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics: service.diagnostics(current) });
    }),
  );
}

documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  service.forget(e.document.uri);
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

connection.onDocumentSymbol((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.symbols(doc) : [];
});
connection.onFoldingRanges((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.folding(doc) : [];
});

documents.listen(connection);
connection.listen();
