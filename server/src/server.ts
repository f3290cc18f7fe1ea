/** LSP wiring only: every answer comes from the LanguageService. Start with `node dist/server.js --stdio`. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService, type ServiceSettings } from './languageService';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = new LanguageService();
const pending = new Map<string, NodeJS.Immediate>();

/** The diagnostic codes' documentation ships beside the bundle (docs/diagnostics.md). */
const DOCS_URL = pathToFileURL(path.join(__dirname, '..', 'docs', 'diagnostics.md')).href;

/** Accepts the `kata` settings object from initializationOptions or didChangeConfiguration. */
function readSettings(raw: unknown): ServiceSettings {
  const s = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const host = s.hostChecks;
  return {
    release: typeof s.release === 'string' && s.release ? s.release : undefined,
    arch: typeof s.arch === 'string' && s.arch ? s.arch : undefined,
    hostChecks: host === true || host === 'on' ? true : host === false || host === 'off' ? false : 'auto',
    docsUrl: DOCS_URL,
  };
}

connection.onInitialize((params) => {
  const init = params.initializationOptions as { settings?: unknown } | undefined;
  service.configure(readSettings(init?.settings));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      completionProvider: { triggerCharacters: ['[', '.', '=', '"', ' ', '/'] },
      hoverProvider: true,
      documentLinkProvider: { resolveProvider: false },
    },
    serverInfo: { name: 'kata-config', version: SERVER_VERSION },
  };
});

connection.onDidChangeConfiguration((change) => {
  const settings = (change.settings as { kata?: unknown } | undefined)?.kata;
  if (settings === undefined) return;
  service.configure(readSettings(settings));
  for (const doc of documents.all()) schedule(doc);
});

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
connection.onCodeAction((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.codeActions(doc, p.context.diagnostics) : [];
});
connection.onCompletion((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.completion(doc, p.position) : [];
});
connection.onHover((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.hover(doc, p.position) : null;
});
connection.onDocumentLinks((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.links(doc) : [];
});
/** The detected target of a document (for the client's status bar). */
connection.onRequest('kataConfig/target', (p: { uri: string }) => {
  const doc = documents.get(p.uri);
  if (!doc) return null;
  const { target } = service.analyze(doc);
  return { runtime: target.runtime, release: target.release, arch: target.arch, hypervisors: target.hypervisors, dropIn: target.dropIn, why: target.why };
});
connection.onFoldingRanges((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.folding(doc) : [];
});

documents.listen(connection);
connection.listen();
