/** LSP wiring only: every answer comes from the LanguageService. Start with `node dist/server.js --stdio`. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, createConnection, LSPErrorCodes, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type CompletionItem } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService, type ServiceSettings } from './languageService';
import { nodeHost } from './host';

/**
 * A request the client cancels (`$/cancelRequest`) while it still waits in the message queue is
 * answered at once with RequestCancelled and never runs: stale completions, hovers or summaries
 * behind a burst of edits cost nothing. (Every handler is synchronous, so a request that has
 * started always finishes.)
 */
const connection = createConnection(ProposedFeatures.all, {
  cancelUndispatched: (message) => ({
    jsonrpc: '2.0',
    id: 'id' in message ? (message.id as number | string | null) : null,
    error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled before it ran' },
  }),
});
const documents = new TextDocuments(TextDocument);
const service = new LanguageService();

/**
 * Diagnostics are published for the newest version of a document only. An edit after a quiet
 * spell is validated at once (next turn of the event loop); while edits keep arriving (each within
 * DEBOUNCE_MS of the one before) validation waits until DEBOUNCE_MS after the latest, so a typing
 * burst costs one validation and one publish at its end, never a queue of stale ones. Completion,
 * hover and the other requests always analyse the latest version synchronously (the analysis is
 * cached per version, so the debounced publish reuses it). KATA_CONFIG_DEBOUNCE_MS sets the delay
 * (0: no debounce, every edit is validated on the next turn).
 */
const DEBOUNCE_MS = debounceMs(process.env.KATA_CONFIG_DEBOUNCE_MS);
const pending = new Map<string, { cancel(): void }>();
const lastEdit = new Map<string, number>();
const opening = new Set<string>();

function debounceMs(raw: string | undefined): number {
  const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 100;
}

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
  lazyDocs = params.capabilities.textDocument?.completion?.completionItem?.resolveSupport?.properties?.includes('documentation') ?? false;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      completionProvider: { triggerCharacters: ['[', '.', '=', '"', ' ', '/'], resolveProvider: lazyDocs },
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
  for (const doc of documents.all()) validate(doc.uri, 0);
});

/** Publishes the diagnostics of the document's current version. */
function publish(uri: string): void {
  pending.delete(uri);
  const current = documents.get(uri);
  if (!current) return;
  void connection.sendDiagnostics({ uri, version: current.version, diagnostics: service.diagnostics(current) });
}

/** (Re)schedules the validation of `uri`: next turn (0) or after `delay` ms; replaces any pending one. */
function validate(uri: string, delay: number): void {
  pending.get(uri)?.cancel();
  if (delay > 0) {
    const timer = setTimeout(() => publish(uri), delay);
    pending.set(uri, { cancel: () => clearTimeout(timer) });
  } else {
    const immediate = setImmediate(() => publish(uri));
    pending.set(uri, { cancel: () => clearImmediate(immediate) });
  }
}

documents.onDidOpen((e) => {
  opening.add(e.document.uri);
  lastEdit.delete(e.document.uri);
});
documents.onDidChangeContent((e) => {
  const uri = e.document.uri;
  if (opening.delete(uri)) return validate(uri, 0);
  const now = performance.now();
  const previous = lastEdit.get(uri);
  lastEdit.set(uri, now);
  const burst = DEBOUNCE_MS > 0 && previous !== undefined && now - previous < DEBOUNCE_MS;
  validate(uri, burst ? DEBOUNCE_MS : 0);
});
documents.onDidClose((e) => {
  pending.get(e.document.uri)?.cancel();
  pending.delete(e.document.uri);
  lastEdit.delete(e.document.uri);
  opening.delete(e.document.uri);
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
/**
 * Completion documentation is the bulk of a completion answer (a whole key's docs per item: ~45 KB
 * for the keys of [hypervisor.qemu]). A client that can resolve `documentation` lazily (VS Code
 * does) gets the list without it and asks completionItem/resolve for the item it shows; the
 * documentation of the latest list is kept here for that. Other clients get everything at once.
 */
let lazyDocs = false;
let lastList: { id: number; items: CompletionItem[] } = { id: 0, items: [] };
connection.onCompletion((p) => {
  const doc = documents.get(p.textDocument.uri);
  const items = doc ? service.completion(doc, p.position) : [];
  if (!lazyDocs) return items;
  lastList = { id: lastList.id + 1, items };
  return items.map((item, index) => (item.documentation === undefined ? item : { ...item, documentation: undefined, data: { kataList: lastList.id, index } }));
});
connection.onCompletionResolve((item) => {
  const ref = item.data as { kataList?: number; index?: number } | undefined;
  const original = ref?.kataList === lastList.id && ref.index !== undefined ? lastList.items[ref.index] : undefined;
  return original && original.label === item.label ? { ...item, documentation: original.documentation, data: original.data } : item;
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
/**
 * Files on disk as the tree view shows them: their target (with the release inferred from their
 * keys) and their problem counts, as an editor would report them.
 */
connection.onRequest('kataConfig/fileSummaries', (p: { files: Array<{ path: string; fsPath?: string }> }) =>
  (p.files ?? []).slice(0, 500).map((f) => {
    const file = f.fsPath ?? f.path;
    const text = nodeHost.readFile(file);
    if (text === undefined) return { path: f.path, readable: false };
    const source = { uri: pathToFileURL(file).href, version: -1, getText: () => text };
    const { target } = service.analyze(source);
    const counts = { errors: 0, warnings: 0, information: 0 };
    for (const d of service.diagnostics(source)) {
      if (d.severity === 1) counts.errors++;
      else if (d.severity === 2) counts.warnings++;
      else counts.information++;
    }
    service.forget(source.uri);
    return { path: f.path, readable: true, runtime: target.runtime, release: target.release, consistentReleases: target.consistentReleases, releaseWhy: target.why.release, hypervisors: target.hypervisors, ...counts };
  }),
);
connection.onFoldingRanges((p) => {
  const doc = documents.get(p.textDocument.uri);
  return doc ? service.folding(doc) : [];
});

documents.listen(connection);
connection.listen();
