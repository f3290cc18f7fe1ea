/**
 * LSP wiring only, shared by the Node server (server.ts, `node dist/server.js --stdio`) and the
 * browser worker (browserServer.ts): every answer comes from the LanguageService; where it runs
 * comes in as a ServerPlatform.
 */
import { LSPErrorCodes, TextDocuments, type Connection, type ConnectionStrategy, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LanguageService, type ServiceSettings } from './languageService';
import { withItemDefaults } from './features/completionList';
import {
  APPLY_EDIT_COMMAND,
  codeActionsForClient,
  completionItemForClient,
  diagnosticForClient,
  foldingForClient,
  FULL_SUPPORT,
  hoverForClient,
  inlayHintsForClient,
  linksForClient,
  readClientSupport,
  symbolsForClient,
  type ClientSupport,
} from './features/clientSupport';
import { initializationSection, kataSection, readKataSettings, type KataSettings } from './settings';
import { formatEffectiveToml } from './kata/effective/format';
import { effectiveEssentials } from './kata/effective/essentials';
import type { Host } from './host';
import { initializeResult } from './initializeResult';

/** What the wiring takes from where it runs. */
export interface ServerPlatform {
  /** The machine's files (nodeHost), or none (NO_MACHINE in the browser). */
  host: Host;
  /** Where diagnostic codes link (`#code` appended) unless initializationOptions.docsUrl says otherwise. */
  docsUrl?: string;
  /** The KATA_CONFIG_* tuning variables (process.env on Node; none in a browser). */
  env: Readonly<Record<string, string | undefined>>;
  /** Runs `fn` on a later turn of the event loop, after the messages already queued (setImmediate on Node). */
  nextTurn(fn: () => void): { cancel(): void };
}

/**
 * A request the client cancels (`$/cancelRequest`) while it still waits in the message queue is
 * answered at once with RequestCancelled and never runs: stale completions, hovers or summaries
 * behind a burst of edits cost nothing. (Every handler is synchronous, so a request that has
 * started always finishes.)
 */
export const connectionOptions: ConnectionStrategy = {
  cancelUndispatched: (message) => ({
    jsonrpc: '2.0',
    id: 'id' in message ? (message.id as number | string | null) : null,
    error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled before it ran' },
  }),
};

/** Answers LSP requests on `connection` (created by the entry for its transport) until it closes. */
export function listen(connection: Connection, platform: ServerPlatform): void {
  const documents = new TextDocuments(TextDocument);
  const service = new LanguageService(platform.host);

  /**
   * Diagnostics are published for the newest version of a document only. An edit after a quiet
   * spell, or of a document whose recent validations cost less than CHEAP_MS, is validated at once (next
   * turn of the event loop, so edits already queued behind it are applied first and a stale version
   * is never validated). While edits of an expensive document keep arriving (each within DEBOUNCE_MS
   * of the one before), validation waits until a delay after the latest: four times what the
   * document's recent validations cost (rising slowly, falling at once), at least MIN_DELAY_MS and at most DEBOUNCE_MS. A file that validates in 1 ms gets its diagnostics a
   * few ms after the last keystroke of a burst; a 10 MB file that takes 500 ms is validated once, at
   * the end of the burst, instead of queueing stale work. Completion, hover and the other requests
   * always analyse the latest version synchronously (the analysis is cached per version, so the
   * debounced publish reuses it). KATA_CONFIG_DEBOUNCE_MS sets the upper bound (0: no debounce,
   * every edit is validated on the next turn).
   */
  const DEBOUNCE_MS = nonNegativeEnv(platform.env.KATA_CONFIG_DEBOUNCE_MS, 100);
  const MIN_DELAY_MS = 4;
  /**
   * Validations that cost less than this are never debounced (KATA_CONFIG_CHEAP_MS). Every shipped
   * config validates in 1–4 ms, more after V8 shrinks its heap in an idle spell; at 3 ms that drift
   * debounced edits sent back to back (each after the last one's diagnostics: 4 ms became 19 ms in
   * `npm run bench:lsp`), so the bound sits well above it.
   */
  const CHEAP_MS = nonNegativeEnv(platform.env.KATA_CONFIG_CHEAP_MS, 10);
  const pending = new Map<string, { cancel(): void }>();
  const lastEdit = new Map<string, number>();
  const lastCost = new Map<string, number>();
  const opening = new Set<string>();

  /** How long a burst's validation waits after its latest edit (see above). */
  function burstDelay(lastCostMs: number | undefined, maxMs: number): number {
    return Math.min(maxMs, Math.max(MIN_DELAY_MS, Math.ceil(4 * (lastCostMs ?? maxMs))));
  }

  /** A non-negative number (an integer where asked) from an environment variable, else `fallback`. */
  function nonNegativeEnv(raw: string | undefined, fallback: number, integer = false): number {
    const n = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
    return (integer ? Number.isInteger(n) : Number.isFinite(n)) && n >= 0 ? n : fallback;
  }

  /** Where diagnostic codes link: the client's initializationOptions.docsUrl, else the platform's. */
  let docsUrl = platform.docsUrl;

  /** Inlay hints of effective values (setting kata.inlayHints.effectiveValues, default on). */
  let showEffectiveHints = true;
  /** What the client announced (features/clientSupport.ts): every answer is shaped to it. */
  let support: ClientSupport = FULL_SUPPORT;

  let settings: ServiceSettings = {};

  function serviceSettings(k: KataSettings): ServiceSettings {
    return { release: k.release, arch: k.arch, hostChecks: k.hostChecks, templateArch: k.templateArch, docsUrl };
  }

  /** Applies settings that differ from the current ones: every open document is validated again and inlay hints refreshed. */
  function applySettings(k: KataSettings): void {
    const next = serviceSettings(k);
    if (JSON.stringify(next) === JSON.stringify(settings) && k.effectiveHints === showEffectiveHints) return;
    showEffectiveHints = k.effectiveHints;
    service.configure((settings = next));
    for (const doc of documents.all()) validate(doc.uri, 0);
    refreshInlayHints();
  }

  /**
   * Pulls the kata section (workspace/configuration) from a client that offers it. The answer wins
   * over what a didChangeConfiguration carried (`pushed`); a null answer (the client has no such
   * section) or a failed request keeps `pushed`, else the current settings. Only the latest pull applies.
   */
  let pulls = 0;
  async function pullSettings(pushed?: Record<string, unknown>): Promise<void> {
    const mine = ++pulls;
    let section: Record<string, unknown> | undefined;
    try {
      section = kataSection(await connection.workspace.getConfiguration('kata'), true);
    } catch {
      section = undefined;
    }
    if (mine !== pulls) return;
    section ??= pushed;
    if (section) applySettings(readKataSettings(section));
  }

  connection.onInitialize((params) => {
    support = readClientSupport(params.capabilities, params.clientInfo?.name);
    const givenDocs = (params.initializationOptions as { docsUrl?: unknown } | null | undefined)?.docsUrl;
    if (typeof givenDocs === 'string' && givenDocs) docsUrl = givenDocs;
    const k = readKataSettings(initializationSection(params.initializationOptions));
    showEffectiveHints = k.effectiveHints;
    service.configure((settings = serviceSettings(k)));
    return initializeResult(params, SERVER_VERSION);
  });

  connection.onInitialized(() => {
    if (support.configurationPull) void pullSettings();
  });

  /**
   * Settings changed: a client that offers workspace/configuration is asked (VS Code sends null
   * settings in that mode); the others' notification carries the section, in either shape.
   * Settings of other servers (no kata section) change nothing.
   */
  connection.onDidChangeConfiguration((change) => {
    const pushed = kataSection(change.settings);
    if (support.configurationPull) void pullSettings(pushed);
    else if (pushed) applySettings(readKataSettings(pushed));
  });

  function refreshInlayHints(): void {
    if (support.inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
  }

  /** A drop-in or base file changed on disk: the effective values of open documents may have changed. */
  connection.onDidChangeWatchedFiles(() => {
    service.filesChanged();
    refreshInlayHints();
  });

  /** Publishes the diagnostics of the document's current version. */
  function publish(uri: string): void {
    pending.delete(uri);
    const current = documents.get(uri);
    if (!current) return;
    const start = performance.now();
    const diagnostics = current.languageId === 'markdown' ? service.docsDiagnostics(current) : service.diagnostics(current);
    // Rises slowly and falls at once, so that one slow validation (a garbage collection, the cold
    // first run) does not debounce a cheap document.
    const cost = performance.now() - start;
    const before = lastCost.get(uri);
    lastCost.set(uri, before === undefined || cost < before ? cost : 0.7 * before + 0.3 * cost);
    void connection.sendDiagnostics({ uri, ...(support.diagnosticVersion ? { version: current.version } : {}), diagnostics: diagnostics.map((d) => diagnosticForClient(d, support)) });
    if (current.languageId !== 'markdown') warmUp(uri, current.getText());
  }

  /** The open Kata config of a request; Markdown pages (checked by docsDiagnostics only) get no TOML features. */
  function configDoc(uri: string): TextDocument | undefined {
    const doc = documents.get(uri);
    return doc && doc.languageId !== 'markdown' ? doc : undefined;
  }

  /**
   * V8 optimises a function only after many calls, so a server that validates at typing pace would
   * run the analysis unoptimised for minutes: its first keystrokes cost 2–4× the steady state (see
   * README, Performance). Once per process, after the first diagnostics are out, a scratch service
   * (same code, its own cache) analyses that text again, one run per turn of the event loop so that
   * every incoming message goes first, until WARMUP_RUNS runs or WARMUP_CPU_MS of work. Large
   * documents are skipped. KATA_CONFIG_WARMUP sets the number of runs (0: off).
   */
  const WARMUP_RUNS = nonNegativeEnv(platform.env.KATA_CONFIG_WARMUP, 150, true);
  const WARMUP_CPU_MS = 300;
  const WARMUP_MAX_CHARS = 200_000;
  let warmedUp = false;

  function warmUp(uri: string, text: string): void {
    if (warmedUp || WARMUP_RUNS === 0 || text.length > WARMUP_MAX_CHARS) return;
    warmedUp = true;
    // From scratch every run: the same text again would otherwise reuse its parse and leave the parser cold.
    const scratch = new LanguageService(platform.host, false);
    scratch.configure(settings);
    let runs = 0;
    let spent = 0;
    const step = () => {
      if (runs >= WARMUP_RUNS || spent >= WARMUP_CPU_MS) return;
      const start = performance.now();
      scratch.diagnostics({ uri, version: runs++, getText: () => text });
      spent += performance.now() - start;
      platform.nextTurn(step);
    };
    platform.nextTurn(step);
  }

  /** (Re)schedules the validation of `uri`: next turn (0) or after `delay` ms; replaces any pending one. */
  function validate(uri: string, delay: number): void {
    pending.get(uri)?.cancel();
    if (delay > 0) {
      const timer = setTimeout(() => publish(uri), delay);
      pending.set(uri, { cancel: () => clearTimeout(timer) });
    } else {
      pending.set(uri, platform.nextTurn(() => publish(uri)));
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
    // Debounce only what is expensive to validate: a document whose last validation was cheap is
    // validated on the next turn even while edits keep coming (edits already queued still go first).
    const cost = lastCost.get(uri);
    const burst = DEBOUNCE_MS > 0 && previous !== undefined && now - previous < DEBOUNCE_MS && (cost === undefined || cost > CHEAP_MS);
    validate(uri, burst ? burstDelay(cost, DEBOUNCE_MS) : 0);
  });
  documents.onDidClose((e) => {
    pending.get(e.document.uri)?.cancel();
    pending.delete(e.document.uri);
    lastEdit.delete(e.document.uri);
    lastCost.delete(e.document.uri);
    opening.delete(e.document.uri);
    service.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDocumentSymbol((p) => {
    const doc = configDoc(p.textDocument.uri);
    return doc ? symbolsForClient(service.symbols(doc), doc.uri, support) : [];
  });
  connection.onCodeAction((p) => {
    const doc = configDoc(p.textDocument.uri);
    return doc ? codeActionsForClient(service.codeActions(doc, p.context.diagnostics), support) : [];
  });
  /** A quick fix sent as a Command (a client without code action literals): its edit, applied by the client on request. */
  connection.onExecuteCommand(async (p) => {
    const edit = p.command === APPLY_EDIT_COMMAND ? (p.arguments?.[0] as WorkspaceEdit | undefined) : undefined;
    if (edit && support.applyEdit) await connection.workspace.applyEdit(edit);
    return null;
  });
  /** The document of the last completion answer: a client resolves the items of the list it shows. */
  let lastCompletionUri: string | undefined;
  /**
   * Completion documentation is the bulk of a completion answer (a whole key's docs per item: ~45 KB
   * for the keys of [hypervisor.qemu]) and most of its cost. A client that can resolve
   * `documentation` lazily (support.lazyDocs; VS Code does) gets key items without it and asks completionItem/resolve
   * for the item it shows, which documents that one key then. Other clients get each key's short
   * documentation (summary, default, allowed values); hover has the rest.
   */
  connection.onCompletion((p) => {
    const doc = configDoc(p.textDocument.uri);
    if (!doc) return [];
    const items = service
      .completion(doc, p.position, { docs: support.lazyDocs ? 'lazy' : 'short', snippets: support.snippets, additionalEdits: support.additionalTextEdits })
      .map((i) => completionItemForClient(i, support));
    lastCompletionUri = doc.uri;
    return withItemDefaults(items, support.completionDefaults) ?? items;
  });
  connection.onCompletionResolve((item) => {
    const uri = (item.data as { uri?: string } | undefined)?.uri ?? lastCompletionUri;
    const doc = uri ? configDoc(uri) : undefined;
    return doc ? completionItemForClient(service.resolveCompletion(doc, item), support) : item;
  });
  connection.onHover((p) => {
    const doc = configDoc(p.textDocument.uri);
    return doc ? hoverForClient(service.hover(doc, p.position), support) : null;
  });
  connection.languages.inlayHint.on((p) => {
    const doc = configDoc(p.textDocument.uri);
    return doc && showEffectiveHints ? inlayHintsForClient(service.inlayHints(doc, p.range), support) : [];
  });
  /**
   * The effective configuration of a file (open, else read from disk) with its config.d drop-ins:
   * `{ base, dropIns, text, entries, refused, unreadable }`, `text` being the TOML view with an origin
   * comment per value (docs/lsp.md).
   */
  connection.onRequest('kataConfig/effective', (p: { uri: string; dropIns?: boolean }) => {
    const open = documents.get(p.uri);
    const file = open ? undefined : service.filePath(p.uri);
    const text = open ? undefined : file && platform.host.readFile(file);
    if (!open && text === undefined) return null;
    const source = open ?? { uri: p.uri, version: -1, getText: () => text! };
    const config = service.effective(source, { dropIns: p.dropIns !== false });
    if (!open) service.forget(p.uri);
    return { ...config, refused: config.refused.map(({ offset: _offset, ...r }) => r), text: formatEffectiveToml(config) };
  });
  connection.onDocumentLinks((p) => {
    const doc = configDoc(p.textDocument.uri);
    return doc ? linksForClient(service.links(doc), support) : [];
  });
  /** The detected target of a document (for the client's status bar). */
  connection.onRequest('kataConfig/target', (p: { uri: string }) => {
    const doc = documents.get(p.uri);
    if (!doc) return null;
    const { target } = service.analyze(doc);
    return { runtime: target.runtime, release: target.release, consistentReleases: target.consistentReleases, arch: target.arch, hypervisors: target.hypervisors, dropIn: target.dropIn, why: target.why };
  });
  /**
   * Files on disk as the tree view shows them: their target (with the release inferred from their
   * keys) and their problem counts, as an editor would report them.
   */
  connection.onRequest('kataConfig/fileSummaries', (p: { files: Array<{ path: string; fsPath?: string }> }) =>
    (p.files ?? []).slice(0, 500).map((f) => {
      const file = f.fsPath ?? f.path;
      const text = platform.host.readFile(file);
      if (text === undefined) return { path: f.path, readable: false };
      const source = { uri: service.fileUri(file), version: -1, getText: () => text };
      const { target } = service.analyze(source);
      const counts = { errors: 0, warnings: 0, information: 0 };
      for (const d of service.diagnostics(source)) {
        if (d.severity === 1) counts.errors++;
        else if (d.severity === 2) counts.warnings++;
        else counts.information++;
      }
      const essentials = target.dropIn ? [] : effectiveEssentials(service.effective(source));
      service.forget(source.uri);
      return { path: f.path, readable: true, runtime: target.runtime, release: target.release, consistentReleases: target.consistentReleases, releaseWhy: target.why.release, hypervisors: target.hypervisors, ...counts, essentials };
    }),
  );
  connection.onFoldingRanges((p) => {
    const doc = configDoc(p.textDocument.uri);
    return doc ? foldingForClient(service.folding(doc), support) : [];
  });

  documents.listen(connection);
  connection.listen();
}
