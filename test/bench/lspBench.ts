/**
 * `npm run bench:lsp`: kata-config's language server against Tombi's and taplo's, over the protocol,
 * on the same file in the same run. One JSON-RPC client drives each server over stdio (as an editor
 * does) and measures:
 *
 *  - cold start: spawn → initialize result, and spawn → first publishDiagnostics of the opened file
 *    (beside `node -e 0`, the floor of any Node server on the machine);
 *  - keystroke → diagnostics: one-character edits that make a schema error appear
 *    (`block_device_driver = "virtio-scsix"`, not an allowed value) and disappear again, timed from
 *    the didChange to the first publish that shows it (for the same version where the server sends
 *    versions); each edit is isolated (every server idle, then 150 ms); plus the server's CPU time
 *    per edit from /proc, which the load of a shared machine does not inflate; and back to back
 *    (each edit sent as soon as the previous one's diagnostics arrive, one server at a time);
 *  - completion and hover round trips at the same positions (the client announces what VS Code
 *    announces, including lazy documentation through completionItem/resolve);
 *  - typing bursts: 200 characters typed 5–10 ms apart (one incremental didChange per character, or
 *    the full text for servers that only take that), timed from the last keystroke to the final
 *    diagnostics, with the number of publishes and the server's CPU time; kata-config also with its
 *    debounce turned off (KATA_CONFIG_DEBOUNCE_MS=0);
 *  - resident memory of a fresh server with the 100 largest shipped configs open;
 *  - the 10 MB file of `npm run bench:large`: didOpen → first diagnostics, and edits → their diagnostics.
 *
 * Every server gets the JSON Schema that `kata-config schema` exports for the file's target, in the
 * way it wants it: Tombi through a `tombi.toml` `[[schemas]]` entry in the workspace folder, taplo
 * through its `evenBetterToml.schema.associations` setting (answered to its workspace/configuration
 * request). The competitors come from test/bench/tools (`npm ci --prefix test/bench/tools`): Tombi's
 * native binary, and taplo's WASM server (@taplo/lsp, as Even Better TOML bundles it) run under Node
 * by tools/taplo-lsp-stdio.cjs. One that is missing or cannot run is skipped with a message.
 *
 * Options (environment): LSP_BENCH_RUNS (isolated edits per direction, default 30),
 * LSP_BENCH_REQUESTS (completion/hover requests per position, default 100), LSP_BENCH_COLD (cold
 * starts, default 15; taplo at most 5), LSP_BENCH_BURSTS (bursts per server, default 3),
 * LSP_BENCH_MEMORY_FILES (configs open for the memory row, default 100; 0: no row),
 * LSP_BENCH_LARGE_RUNS (edits of the 10 MB file, default 5; 0: none), LSP_BENCH_ONLY (comma-separated server names), LSP_BENCH_BURST_ONLY=1, LSP_BENCH_SERVER (another
 * build instead of dist/server.js), LSP_BENCH_PLAIN=0 (leave out "kata-config (plain node)", our
 * server started without the extension's Node options), LSP_BENCH_NO_WARMUP=1 (add "kata-config
 * (no warm-up)", our server with KATA_CONFIG_WARMUP=0), LSP_BENCH_ALT_SERVER (a second build measured beside
 * dist/server.js in the same run, as "kata-config (alt)": an A/B that shares the machine's load),
 * LSP_BENCH_ALT_NODE_ARGS (Node options for the alt server, e.g. `--min-semi-space-size=16`; alone,
 * the alt server is dist/server.js), LSP_BENCH_FLOOR=0 (leave out "node floor", floorServer.ts: what Node
 * and the LSP libraries cost with no analysis).
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList, Hover, InitializeResult, Position, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { SERVER_NODE_OPTIONS } from '../../client/src/serverLaunch';
import { applyItemDefaults } from '../../server/src/features/completionList';
import { exitOrKill } from '../support/lspClient';
import { tenMegabytes } from '../support/largeInputs';
import { corpusFiles, repoRoot } from '../support/shared';

// ---------------------------------------------------------------------------------------------
// statistics and small helpers

interface Stats {
  median: number;
  p95: number;
  n: number;
}

export function stats(samples: number[]): Stats | undefined {
  if (!samples.length) return undefined;
  const s = [...samples].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))], n: s.length };
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));
const now = () => performance.now();

function fmt(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '–';
  return ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0);
}

/** A small deterministic PRNG (mulberry32), so every server gets the same keystroke timing. */
function prng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function envInt(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

/** Offset of an LSP position in LF text (the corpus files are LF and ASCII, so UTF-16 = UTF-32 here). */
function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + pos.character, text.length);
}

function applyEdit(text: string, range: Range, insert: string): string {
  return text.slice(0, offsetAt(text, range.start)) + insert + text.slice(offsetAt(text, range.end));
}

// ---------------------------------------------------------------------------------------------
// servers

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Send workspaceFolders in initialize (taplo: no, see below). */
  workspaceFolders: boolean;
  initializationOptions?: unknown;
  /** The answer to a workspace/configuration item. */
  configuration?: (section: string | undefined) => unknown;
  languageId: string;
  /** How long without publishes counts as "done" after a burst. */
  quietMs: number;
  /** What this server needed, for the report. */
  setup: string;
  version?: string;
}

interface Publish {
  t: number;
  params: PublishDiagnosticsParams;
}

/** One running server and the client state of one document. */
export class Session {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly conn: MessageConnection;
  readonly publishes: Publish[] = [];
  private readonly waiters: Array<{ from: number; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: Publish) => void }> = [];
  readonly spawnedAt: number;
  initializeMs = NaN;
  init?: InitializeResult;
  configured: Promise<void>;
  private markConfigured!: () => void;
  stderr = '';
  syncKind = 2;
  uri = '';
  text = '';
  version = 0;

  constructor(
    readonly spec: ServerSpec,
    readonly workspace: string,
  ) {
    this.configured = new Promise((r) => (this.markConfigured = r));
    this.spawnedAt = now();
    this.proc = spawn(spec.command, spec.args, { cwd: workspace, env: { ...process.env, ...spec.env }, stdio: 'pipe' });
    this.proc.stderr.on('data', (d: Buffer) => {
      if (this.stderr.length < 20000) this.stderr += d.toString();
    });
    this.proc.on('error', (e) => (this.stderr += `\nspawn error: ${e.message}`));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout), new StreamMessageWriter(this.proc.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const p = { t: now(), params };
      this.publishes.push(p);
      const index = this.publishes.length - 1;
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (index >= w.from && params.uri === this.uri && w.pred(params)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    this.conn.onNotification(() => undefined);
    this.conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) => {
      const answer = p.items.map((item) => spec.configuration?.(item.section) ?? null);
      setImmediate(() => this.markConfigured());
      return answer;
    });
    this.conn.onRequest(() => null); // registerCapability, workDoneProgress/create, ...
    this.conn.listen();
  }

  async initialize(timeoutMs = 30000): Promise<InitializeResult> {
    const root = pathToFileURL(this.workspace).href;
    const params = {
      processId: process.pid,
      clientInfo: { name: 'kata-config lspBench' },
      rootUri: this.spec.workspaceFolders ? root : null,
      workspaceFolders: this.spec.workspaceFolders ? [{ uri: root, name: path.basename(this.workspace) }] : null,
      initializationOptions: this.spec.initializationOptions,
      capabilities: {
        general: { positionEncodings: ['utf-16'] },
        workspace: { configuration: true, workspaceFolders: this.spec.workspaceFolders, didChangeConfiguration: { dynamicRegistration: false } },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          // as VS Code announces it: documentation may come later, through completionItem/resolve
          completion: {
            contextSupport: true,
            completionItem: {
              snippetSupport: true,
              labelDetailsSupport: true,
              documentationFormat: ['markdown', 'plaintext'],
              resolveSupport: { properties: ['documentation', 'detail', 'additionalTextEdits'] },
            },
            completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] },
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    };
    const result = (await withTimeout(this.conn.sendRequest('initialize', params), timeoutMs, `${this.spec.name}: no initialize result`)) as InitializeResult;
    this.initializeMs = now() - this.spawnedAt;
    this.init = result;
    const sync = result.capabilities.textDocumentSync;
    this.syncKind = typeof sync === 'number' ? sync : (sync?.change ?? 1);
    await this.conn.sendNotification('initialized', {});
    if (!this.spec.configuration) this.markConfigured();
    return result;
  }

  open(uri: string, text: string): Promise<void> {
    this.uri = uri;
    this.text = text;
    this.version = 1;
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: this.spec.languageId, version: 1, text } });
  }

  /** One edit, sent incrementally or as the full text, whichever the server asked for. */
  change(range: Range, insert: string): Promise<void> {
    this.text = applyEdit(this.text, range, insert);
    this.version++;
    const contentChanges = this.syncKind === 2 ? [{ range, text: insert }] : [{ text: this.text }];
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges });
  }

  /** The first publish for the document at index ≥ `from` that satisfies `pred`. */
  waitPublish(from: number, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs: number): Promise<Publish | undefined> {
    for (let i = from; i < this.publishes.length; i++) {
      const p = this.publishes[i];
      if (p.params.uri === this.uri && pred(p.params)) return Promise.resolve(p);
    }
    return new Promise((resolve) => {
      const w = { from, pred, resolve: (p: Publish) => (clearTimeout(timer), resolve(p)) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        resolve(undefined);
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Waits until no publish arrived for `quietMs` (at most `maxMs`); the last publish at index ≥ from. */
  async quiescence(from: number, quietMs: number, maxMs = 60000): Promise<Publish | undefined> {
    const start = now();
    for (;;) {
      const last = this.publishes[this.publishes.length - 1];
      const since = now() - Math.max(last?.t ?? 0, start);
      if (since >= quietMs || now() - start > maxMs) break;
      await sleep(Math.min(quietMs - since, 50) + 1);
    }
    return this.publishes.length > from ? this.publishes[this.publishes.length - 1] : undefined;
  }

  /** CPU time (utime + stime, in clock ticks) the server process has used, where /proc has it. */
  cpuTicks(): number | undefined {
    try {
      const fields = fs.readFileSync(`/proc/${this.proc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]);
    } catch {
      return undefined;
    }
  }

  async timedRequest<R>(method: string, params: unknown): Promise<{ ms: number; result: R }> {
    const t0 = now();
    const result = (await this.conn.sendRequest(method, params)) as R;
    return { ms: now() - t0, result };
  }

  async shutdown(): Promise<void> {
    try {
      await withTimeout(this.conn.sendRequest('shutdown', null), 3000, 'shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      // killed below
    }
    this.conn.dispose();
    await exitOrKill(this.proc);
  }
}

/**
 * Waits until every server is idle: no publish for 150 ms and no CPU time used for 200 ms (taplo
 * keeps validating for hundreds of ms after its first publish; measuring the next server meanwhile
 * would measure taplo's load).
 */
async function settle(sessions: Session[], maxMs = 15000): Promise<void> {
  const start = now();
  for (const s of sessions) await s.quiescence(s.publishes.length, 150, maxMs);
  let before = sessions.map((s) => s.cpuTicks());
  while (now() - start < maxMs) {
    await sleep(200);
    const after = sessions.map((s) => s.cpuTicks());
    if (after.every((t, i) => t === before[i])) return;
    before = after;
  }
}

/** Linux clock ticks (USER_HZ) are 10 ms. */
const TICK_MS = 10;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// the workspace and the three servers

interface Workspace {
  dir: string;
  file: string;
  uri: string;
  text: string;
  schemaPath: string;
  corpusName: string;
}

const TOOLS = path.join(repoRoot, 'test', 'bench', 'tools', 'node_modules');
const TOMBI_BIN = path.join(TOOLS, '@tombi-toml', 'cli-linux-x64', 'tombi');
const TAPLO_LSP = path.join(repoRoot, 'test', 'bench', 'tools', 'taplo-lsp-stdio.cjs');
const TAPLO_PKG = path.join(TOOLS, '@taplo', 'lsp', 'package.json');
const SERVER_JS = process.env.LSP_BENCH_SERVER ? path.resolve(process.env.LSP_BENCH_SERVER) : path.join(repoRoot, 'dist', 'server.js');
const CLI_JS = path.join(repoRoot, 'dist', 'cli.js');

function makeWorkspace(): Workspace | undefined {
  const files = corpusFiles();
  if (!files.length) return undefined;
  const largest = files.map((f) => ({ ...f, size: fs.statSync(f.path).size })).sort((a, b) => b.size - a.size)[0];
  const text = fs.readFileSync(largest.path, 'utf8');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-lsp-bench-'));
  const file = path.join(dir, largest.file);
  fs.writeFileSync(file, text);
  const runtime = largest.folder === 'rs' ? 'rs' : 'go';
  const hypervisor = /\[hypervisor\.([a-z-]+)\]/.exec(text)?.[1] ?? 'qemu';
  const schema = spawnSync(process.execPath, [CLI_JS, 'schema', '--runtime', runtime, '--release', largest.release, '--hypervisor', hypervisor], { encoding: 'utf8' });
  if (schema.status !== 0) throw new Error(`kata-config schema failed: ${schema.stderr}`);
  const schemaPath = path.join(dir, 'kata.schema.json');
  fs.writeFileSync(schemaPath, schema.stdout);
  // Tombi: the schema for configuration*.toml of this folder; no catalog (offline, and no SchemaStore
  // glob may win over ours).
  fs.writeFileSync(
    path.join(dir, 'tombi.toml'),
    ['[schema]', 'enabled = true', '', '[schema.catalog]', 'paths = []', '', '[[schemas]]', 'path = "./kata.schema.json"', 'include = ["configuration*.toml", "**/configuration*.toml"]', ''].join('\n'),
  );
  return { dir, file, uri: pathToFileURL(file).href, text, schemaPath, corpusName: `${largest.release}/${largest.folder}/${largest.file}` };
}

/** Runs `<command> <args> --version`; a missing file or a failing binary says why. */
function probe(file: string, command: string, args: string[]): { ok: true; version: string } | { ok: false; why: string } {
  if (!fs.existsSync(file)) return { ok: false, why: `${path.relative(repoRoot, file)} is missing` };
  const r = spawnSync(command, [...args, '--version'], { encoding: 'utf8', timeout: 20000 });
  if (r.error) return { ok: false, why: `it cannot run: ${r.error.message}` };
  // taplo 0.9.0 prints its version and exits 1
  if (r.status !== 0 && !/^\S+ \d+\.\d+/.test(r.stdout)) return { ok: false, why: `\`--version\` exited ${r.status}: ${(r.stderr || r.stdout).trim().slice(0, 300)}` };
  return { ok: true, version: r.stdout.trim().split('\n')[0] };
}

export function serverSpecs(ws: Workspace, skipped: string[]): ServerSpec[] {
  const specs: ServerSpec[] = [];
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  specs.push({
    name: 'kata-config',
    command: process.execPath,
    args: [...SERVER_NODE_OPTIONS, SERVER_JS, '--stdio'],
    workspaceFolders: true,
    initializationOptions: { settings: {} },
    languageId: 'kata-toml',
    quietMs: 1000,
    setup: `node ${[...SERVER_NODE_OPTIONS, path.relative(repoRoot, SERVER_JS)].join(' ')} --stdio, as the VS Code extension starts it; target detected from the file (no schema needed)`,
    version: pkg.version,
  });
  // Started as other editors start it by default, without the extension's Node options.
  if (SERVER_NODE_OPTIONS.length && process.env.LSP_BENCH_PLAIN !== '0') specs.push({ ...specs[0], name: 'kata-config (plain node)', args: [SERVER_JS, '--stdio'], setup: `node ${path.relative(repoRoot, SERVER_JS)} --stdio` });
  // The server's JIT warm-up (lspWiring.ts) turned off: what the first minutes of a session cost without it.
  if (process.env.LSP_BENCH_NO_WARMUP === '1') specs.push({ ...specs[0], name: 'kata-config (no warm-up)', env: { KATA_CONFIG_WARMUP: '0' }, setup: 'the same with KATA_CONFIG_WARMUP=0' });
  const alt = process.env.LSP_BENCH_ALT_SERVER;
  const altNodeArgs = (process.env.LSP_BENCH_ALT_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (alt || altNodeArgs.length) {
    const script = alt ? path.resolve(alt) : SERVER_JS;
    specs.push({ ...specs[0], name: 'kata-config (alt)', args: [...altNodeArgs, script, '--stdio'], setup: `node ${[...altNodeArgs, path.relative(repoRoot, script)].join(' ')} --stdio` });
  }
  // The floor: Node and the same LSP libraries with an analysis that costs nothing (floorServer.ts).
  if (process.env.LSP_BENCH_FLOOR !== '0')
    specs.push({
      name: 'node floor',
      command: process.execPath,
      args: [path.join(__dirname, 'floorServer.js'), '--stdio'],
      workspaceFolders: true,
      languageId: 'kata-toml',
      quietMs: 1000,
      setup: 'test/bench/floorServer.ts: vscode-languageserver over stdio, incremental sync, a publish on the next turn marking the lines changed since didOpen; no analysis',
      version: process.version,
    });
  const tombi = probe(TOMBI_BIN, TOMBI_BIN, []);
  if (!tombi.ok)
    skipped.push(`tombi: skipped, ${tombi.why} (install the competitors with \`npm ci --prefix test/bench/tools\`; @tombi-toml/cli-linux-x64 is an x86_64 glibc binary)`);
  else
    specs.push({
      name: 'tombi',
      command: TOMBI_BIN,
      args: ['lsp', '--offline'],
      env: { RUST_LOG: 'warn', XDG_CACHE_HOME: path.join(ws.dir, '.cache') },
      workspaceFolders: true,
      languageId: 'toml',
      quietMs: 1000,
      setup: '`tombi lsp --offline`; tombi.toml in the workspace folder: [[schemas]] path="./kata.schema.json" include=["configuration*.toml"], [schema.catalog] paths=[]',
      version: tombi.version,
    });
  const taplo = probe(TAPLO_PKG, process.execPath, [TAPLO_LSP]);
  if (!taplo.ok) skipped.push(`taplo: skipped, ${taplo.why} (install the competitors with \`npm ci --prefix test/bench/tools\`)`);
  else {
    const schemaUrl = pathToFileURL(ws.schemaPath).href;
    specs.push({
      name: 'taplo',
      command: process.execPath,
      args: [TAPLO_LSP],
      env: { RUST_LOG: 'warn' },
      // With workspace folders taplo initialises them with its default settings first, which
      // fetch the SchemaStore catalog; without, its default workspace gets our settings only.
      workspaceFolders: false,
      initializationOptions: { configurationSection: 'evenBetterToml' },
      configuration: (section) =>
        section === 'evenBetterToml'
          ? {
              taplo: { configFile: { enabled: false } },
              schema: { enabled: true, catalogs: [], associations: { [`.*/${path.basename(ws.file).replace(/[.]/g, '\\.')}$`]: schemaUrl } },
            }
          : null,
      languageId: 'toml',
      quietMs: 2500,
      setup: '@taplo/lsp (the WASM server Even Better TOML bundles) under Node via test/bench/tools/taplo-lsp-stdio.cjs; workspace/configuration answer evenBetterToml.schema.associations {"<file regex>": "file://…/kata.schema.json"}, catalogs [], configFile disabled; no workspaceFolders',
      version: taplo.version,
    });
  }
  return specs;
}

// ---------------------------------------------------------------------------------------------
// scenario

interface Positions {
  /** block_device_driver = "virtio-scsi": the edited line and the column before the closing quote. */
  editLine: number;
  editColumn: number;
  valuePos: Position;
  keyPos: Position;
  hoverPos: Position;
  burstLine: number;
}

function positions(text: string): Positions {
  const lines = text.split('\n');
  const find = (re: RegExp) => {
    const i = lines.findIndex((l) => re.test(l));
    if (i < 0) throw new Error(`no line matches ${re}`);
    return i;
  };
  const editLine = find(/^block_device_driver\s*=\s*"/);
  const qemu = find(/^\[hypervisor\.qemu\]/);
  const emptyInQemu = lines.findIndex((l, i) => i > qemu && l.trim() === '');
  const memory = find(/^default_memory\s*=/);
  return {
    editLine,
    editColumn: lines[editLine].lastIndexOf('"'),
    valuePos: { line: editLine, character: lines[editLine].length - 2 },
    keyPos: { line: emptyInQemu, character: 0 },
    hoverPos: { line: memory, character: 3 },
    burstLine: emptyInQemu,
  };
}

/** A diagnostic that starts on `line` (Tombi's table-level warnings span whole tables, so "covers" would not do). */
const onLine = (line: number) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.range.start.line === line);

/** Starts a server, opens the file and waits until it validates with the schema (a break/fix pair). */
async function startAndWarm(spec: ServerSpec, ws: Workspace, pos: Positions): Promise<{ session: Session; problem?: string }> {
  const s = new Session(spec, ws.dir);
  await s.initialize();
  await withTimeout(s.configured, 20000, `${spec.name}: no workspace/configuration request`).catch(() => undefined);
  await s.open(ws.uri, ws.text);
  await s.quiescence(0, 300, 20000);
  for (let attempt = 0; attempt < 3; attempt++) {
    const from = s.publishes.length;
    await s.change(rangeAt(pos.editLine, pos.editColumn, 0), 'x');
    const broke = await s.waitPublish(from, withVersion(s, onLine(pos.editLine)), 20000);
    const back = s.publishes.length;
    await s.change(rangeAt(pos.editLine, pos.editColumn, 1), '');
    await s.waitPublish(back, withVersion(s, (p) => !onLine(pos.editLine)(p)), 20000);
    await s.quiescence(back, 300, 20000);
    if (broke) return { session: s };
  }
  return {
    session: s,
    problem: `${spec.name} never reported the schema error for block_device_driver = "virtio-scsix" (stderr: ${s.stderr.trim().slice(0, 400) || 'empty'})`,
  };
}

function rangeAt(line: number, character: number, length: number): Range {
  return { start: { line, character }, end: { line, character: character + length } };
}

/** The predicate, plus "for the version just sent" when the server puts versions in its publishes. */
function withVersion(s: Session, pred: (p: PublishDiagnosticsParams) => boolean): (p: PublishDiagnosticsParams) => boolean {
  const version = s.version;
  return (p) => (p.version === undefined || p.version === null || p.version === version) && pred(p);
}

interface Row {
  what: string;
  values: Map<string, Stats | undefined>;
  notes?: Map<string, string>;
}

async function coldStarts(specs: ServerSpec[], ws: Workspace, runs: number): Promise<Row[]> {
  const init = new Map<string, number[]>();
  const first = new Map<string, number[]>();
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    spawnSync(process.execPath, ['-e', '0']);
    baseline.push(now() - t0);
    for (const spec of specs) {
      if (spec.name === 'taplo' && i >= Math.min(runs, 5)) continue;
      const s = new Session(spec, ws.dir);
      try {
        await s.initialize();
        await s.open(ws.uri, ws.text);
        const p = await s.waitPublish(0, () => true, 30000);
        push(init, spec.name, s.initializeMs);
        if (p) push(first, spec.name, p.t - s.spawnedAt);
      } catch (e) {
        console.log(`  ${spec.name}: cold start failed: ${(e as Error).message}`);
      } finally {
        await s.shutdown();
      }
    }
  }
  const row = (what: string, m: Map<string, number[]>): Row => ({ what, values: new Map(specs.map((sp) => [sp.name, stats(m.get(sp.name) ?? [])])) });
  const base = stats(baseline);
  console.log(`  baseline \`node -e 0\` (spawn → exit): median ${fmt(base?.median)} ms, p95 ${fmt(base?.p95)} ms`);
  const initRow = row('cold start: spawn → initialize result', init);
  if (base) initRow.notes = new Map([['node -e 0', fmt(base.median)]]);
  return [initRow, row('cold start: spawn → first publishDiagnostics (open after initialized)', first)];
}

/** Runs `body` once per server (taplo left out: too slow for these sizes) in a server started for it. */
async function inFreshServers(specs: ServerSpec[], ws: Workspace, what: string, body: (s: Session) => Promise<void>): Promise<void> {
  for (const spec of specs) {
    if (spec.name === 'taplo') continue;
    const s = new Session(spec, ws.dir);
    try {
      await s.initialize();
      await withTimeout(s.configured, 20000, `${spec.name}: no workspace/configuration request`).catch(() => undefined);
      await body(s);
    } catch (e) {
      console.log(`  ${spec.name}: ${what} failed: ${(e as Error).message}`);
    } finally {
      await s.shutdown();
    }
  }
}

/** Resident and peak memory (VmRSS, VmHWM) of a process in MB, where /proc has them. */
function memoryMb(pid: number | undefined): { rss: number; peak: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/**
 * Each server started afresh with the `count` largest shipped configs open (each in a folder of its
 * own under its real name): resident memory once every file has its diagnostics and the server has
 * been quiet for a second, and the peak.
 */
async function residentMemory(specs: ServerSpec[], ws: Workspace, count: number): Promise<Row[]> {
  const files = corpusFiles()
    .map((f) => ({ ...f, size: fs.statSync(f.path).size }))
    .sort((a, b) => b.size - a.size)
    .slice(0, count);
  const docs = files.map((f, i) => {
    const file = path.join(ws.dir, 'memory', String(i).padStart(3, '0'), f.file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = fs.readFileSync(f.path, 'utf8');
    fs.writeFileSync(file, text);
    return { uri: pathToFileURL(file).href, text };
  });
  const rss = new Map<string, number[]>();
  const peak = new Map<string, number[]>();
  await inFreshServers(specs, ws, 'memory run', async (s) => {
    for (const d of docs) await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: s.spec.languageId, version: 1, text: d.text } });
    const start = now();
    const allPublished = () => {
      const seen = new Set(s.publishes.map((p) => p.params.uri));
      return docs.every((d) => seen.has(d.uri));
    };
    while (!allPublished() && now() - start < 60000) await sleep(50);
    if (!allPublished()) console.log(`  ${s.spec.name}: not every file got diagnostics within 60 s`);
    await s.quiescence(0, 1000, 30000);
    const m = memoryMb(s.proc.pid);
    if (m) {
      push(rss, s.spec.name, m.rss);
      push(peak, s.spec.name, m.peak);
    }
  });
  const row = (what: string, m: Map<string, number[]>): Row => ({ what, values: new Map(specs.map((sp) => [sp.name, stats(m.get(sp.name) ?? [])])) });
  return [row(`resident memory (MB, not ms), ${docs.length} largest shipped configs open`, rss), row(`peak resident memory (MB, not ms), ${docs.length} configs`, peak)];
}

/**
 * The 10 MB file (test/support/largeInputs.ts, as `npm run bench:large` and the large-file tests
 * use it): didOpen → first diagnostics in a fresh server, then `runs` one-line edits, each timed
 * to the diagnostics of its version (servers that publish without versions: to the next publish).
 */
async function largeFileEdits(specs: ServerSpec[], ws: Workspace, runs: number): Promise<Row[]> {
  const text = tenMegabytes(10_000_000);
  const file = path.join(ws.dir, 'large', 'configuration-qemu.toml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const middle = Math.floor(text.split('\n').length / 2);
  const open = new Map<string, number[]>();
  const edit = new Map<string, number[]>();
  await inFreshServers(specs, ws, '10 MB run', async (s) => {
    const t0 = now();
    await s.open(uri, text);
    const first = await s.waitPublish(0, () => true, 60000);
    if (!first) return console.log(`  ${s.spec.name}: no diagnostics for the 10 MB file within 60 s`);
    push(open, s.spec.name, first.t - t0);
    await settle([s], 60000);
    for (let i = 0; i < runs; i++) {
      const from = s.publishes.length;
      const t1 = now();
      await s.change(rangeAt(middle + i, 0, 0), '# edited\n');
      const p = await s.waitPublish(from, withVersion(s, () => true), 60000);
      if (p) push(edit, s.spec.name, p.t - t1);
      await settle([s], 60000);
    }
  });
  const row = (what: string, m: Map<string, number[]>): Row => ({ what, values: new Map(specs.map((sp) => [sp.name, stats(m.get(sp.name) ?? [])])) });
  return [row('10 MB file: didOpen → first diagnostics', open), row('10 MB file: edit → its diagnostics', edit)];
}

function push(m: Map<string, number[]>, k: string, v: number): void {
  const list = m.get(k) ?? [];
  list.push(v);
  m.set(k, list);
}

/** The edit that makes the schema error appear ('x' typed into the value) or clear again, and its diagnostics. */
async function errorEdit(s: Session, pos: Positions, kind: 'appear' | 'clear') {
  const from = s.publishes.length;
  const t0 = now();
  if (kind === 'appear') await s.change(rangeAt(pos.editLine, pos.editColumn, 0), 'x');
  else await s.change(rangeAt(pos.editLine, pos.editColumn, 1), '');
  const pred = kind === 'appear' ? onLine(pos.editLine) : (p: PublishDiagnosticsParams) => !onLine(pos.editLine)(p);
  return { hit: await s.waitPublish(from, withVersion(s, pred), 20000), t0 };
}

async function isolatedEdits(sessions: Session[], pos: Positions, runs: number, gapMs: number): Promise<Row[]> {
  const appear = new Map<string, number[]>();
  const clear = new Map<string, number[]>();
  const firstAfter = new Map<string, number[]>();
  const failures = new Map<string, number>();
  const cpu = new Map<string, number>();
  for (let i = 0; i < runs; i++) {
    for (const s of sessions) {
      for (const kind of ['appear', 'clear'] as const) {
        const from = s.publishes.length;
        const ticks = s.cpuTicks();
        const { hit, t0 } = await errorEdit(s, pos, kind);
        if (hit) push(kind === 'appear' ? appear : clear, s.spec.name, hit.t - t0);
        else failures.set(s.spec.name, (failures.get(s.spec.name) ?? 0) + 1);
        const firstPublish = s.publishes[from];
        if (firstPublish) push(firstAfter, s.spec.name, firstPublish.t - t0);
        await settle(sessions);
        const after = s.cpuTicks();
        if (ticks !== undefined && after !== undefined) cpu.set(s.spec.name, (cpu.get(s.spec.name) ?? 0) + after - ticks);
        await sleep(gapMs);
      }
    }
  }
  for (const [name, n] of failures) console.log(`  ${name}: ${n} edits got no matching diagnostics within 20 s`);
  const row = (what: string, m: Map<string, number[]>): Row => ({ what, values: new Map(sessions.map((s) => [s.spec.name, stats(m.get(s.spec.name) ?? [])])) });
  return [
    row('keystroke → diagnostics: error appears', appear),
    row('keystroke → diagnostics: error clears', clear),
    row('keystroke → first publishDiagnostics (any content)', firstAfter),
    {
      what: 'server CPU time per edit (mean, from /proc; immune to other load)',
      values: new Map(sessions.map((s) => [s.spec.name, cpu.has(s.spec.name) ? { median: (cpu.get(s.spec.name)! * TICK_MS) / (runs * 2), p95: NaN, n: runs * 2 } : undefined])),
    },
  ];
}

function completionCount(r: CompletionItem[] | CompletionList | null): number {
  if (!r) return 0;
  return Array.isArray(r) ? r.length : r.items.length;
}

function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents as unknown;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return (c as { value: string }).value;
}

async function requests(sessions: Session[], pos: Positions, n: number): Promise<Row[]> {
  const kinds: Array<{ what: string; method: string; at: Position }> = [
    { what: 'completion: keys of [hypervisor.qemu] (empty line)', method: 'textDocument/completion', at: pos.keyPos },
    { what: 'completion: value of block_device_driver', method: 'textDocument/completion', at: pos.valuePos },
    { what: 'hover: default_memory', method: 'textDocument/hover', at: pos.hoverPos },
  ];
  const rows: Row[] = [];
  for (const k of kinds) {
    const samples = new Map<string, number[]>();
    const notes = new Map<string, string>();
    await settle(sessions);
    for (let i = 0; i < n + 10; i++) {
      for (const s of sessions) {
        const params = { textDocument: { uri: s.uri }, position: k.at, ...(k.method === 'textDocument/completion' ? { context: { triggerKind: 1 } } : {}) };
        const { ms, result } = await s.timedRequest<unknown>(k.method, params);
        if (i >= 10) push(samples, s.spec.name, ms);
        if (i === n + 9)
          notes.set(
            s.spec.name,
            k.method === 'textDocument/hover'
              ? `${hoverText(result as Hover | null).length} chars`
              : `${completionCount(result as CompletionItem[] | CompletionList | null)} items`,
          );
      }
    }
    rows.push({ what: k.what, values: new Map(sessions.map((s) => [s.spec.name, stats(samples.get(s.spec.name) ?? [])])), notes });
  }
  // completionItem/resolve where a server offers it (the documentation of the item the editor shows)
  const resolving = sessions.filter((s) => (s.init?.capabilities.completionProvider as { resolveProvider?: boolean } | undefined)?.resolveProvider);
  if (resolving.length) {
    const samples = new Map<string, number[]>();
    const notes = new Map<string, string>();
    for (const s of resolving) {
      const list = await s.timedRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri: s.uri }, position: pos.keyPos, context: { triggerKind: 1 } });
      // as a client that announced item defaults resolves an item: with the list's defaults applied
      const items = Array.isArray(list.result) ? list.result : list.result ? applyItemDefaults(list.result) : [];
      const item = items.find((i) => i.label === 'default_memory') ?? items[0];
      if (!item) continue;
      for (let i = 0; i < n + 10; i++) {
        const { ms, result } = await s.timedRequest<CompletionItem>('completionItem/resolve', item);
        if (i >= 10) push(samples, s.spec.name, ms);
        if (i === n + 9) notes.set(s.spec.name, `${hoverText({ contents: result.documentation ?? '' } as Hover).length} chars of docs`);
      }
    }
    rows.push({ what: 'completionItem/resolve: default_memory', values: new Map(sessions.map((s) => [s.spec.name, stats(samples.get(s.spec.name) ?? [])])), notes });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// typing bursts

/** 200 characters: a key that [hypervisor.qemu] accepts, with a long path value. */
export function burstText(): string {
  const head = 'prefetch_list_path = "/opt/kata/share/kata-containers/prefetch/';
  const tail = '.txt"';
  let middle = '';
  const words = ['nvidia-gpu', 'workload', 'images', 'layer', 'cache', 'container', 'rootfs'];
  for (let i = 0; head.length + middle.length + tail.length < 200; i++) middle += (middle ? '-' : '') + words[i % words.length];
  return (head + middle).slice(0, 200 - tail.length) + tail;
}

export interface BurstResult {
  name: string;
  finalMs: number[];
  publishes: number[];
  hoverMs: number[];
  cpuMs: number[];
  wrongVersion: number;
}

/** Types `text` on an empty line, one didChange per character, 5–10 ms apart; then restores the line. */
export async function typingBurst(s: Session, line: number, reps: number, others: Session[] = [s], label = s.spec.name): Promise<BurstResult> {
  const text = burstText();
  const out: BurstResult = { name: label, finalMs: [], publishes: [], hoverMs: [], cpuMs: [], wrongVersion: 0 };
  for (let rep = 0; rep < reps; rep++) {
    const random = prng(42 + rep);
    await settle(others);
    await sleep(300);
    const from = s.publishes.length;
    const ticks = s.cpuTicks();
    const start = now();
    let due = start;
    for (let k = 0; k < text.length; k++) {
      await sleep(due - now());
      await s.change(rangeAt(line, k, 0), text[k]);
      due += 5 + random() * 5;
    }
    const last = now();
    const finalVersion = s.version;
    const hover = await s.timedRequest<Hover | null>('textDocument/hover', { textDocument: { uri: s.uri }, position: { line, character: 3 } });
    out.hoverMs.push(hover.ms);
    const final = await s.quiescence(from, s.spec.quietMs, 60000);
    if (final && final.t >= last) out.finalMs.push(final.t - last);
    else if (final) out.finalMs.push(0); // the last publish came before the last keystroke was even sent (impossible for a correct server)
    if (final && final.params.version !== undefined && final.params.version !== null && final.params.version !== finalVersion) out.wrongVersion++;
    out.publishes.push(s.publishes.length - from);
    const after = s.cpuTicks();
    if (ticks !== undefined && after !== undefined) out.cpuMs.push((after - ticks) * TICK_MS);
    // restore the empty line
    const restoreFrom = s.publishes.length;
    await s.change(rangeAt(line, 0, text.length), '');
    await s.quiescence(restoreFrom, s.spec.quietMs, 60000);
  }
  return out;
}

/**
 * Edits sent one right after another, as a fast typist's editor sends them: each edit goes out the
 * moment the diagnostics of the previous one arrive (no idle time, no settling), one server at a time.
 */
async function backToBackEdits(sessions: Session[], pos: Positions, runs: number): Promise<Row[]> {
  const appear = new Map<string, number[]>();
  const clear = new Map<string, number[]>();
  for (const s of sessions) {
    await settle(sessions);
    for (let i = 0; i < runs; i++) {
      for (const kind of ['appear', 'clear'] as const) {
        const { hit, t0 } = await errorEdit(s, pos, kind);
        if (hit) push(kind === 'appear' ? appear : clear, s.spec.name, hit.t - t0);
      }
    }
  }
  await settle(sessions);
  const row = (what: string, m: Map<string, number[]>): Row => ({ what, values: new Map(sessions.map((s) => [s.spec.name, stats(m.get(s.spec.name) ?? [])])) });
  return [row('back-to-back keystroke → diagnostics: error appears', appear), row('back-to-back keystroke → diagnostics: error clears', clear)];
}

// ---------------------------------------------------------------------------------------------
// report

function printTable(rows: Row[], names: string[]): void {
  const head = ['what', ...names.map((n) => `${n} median / p95 ms`), ...names.slice(1).map((n) => `ours/${n}`)];
  const body = rows.map((r) => {
    const ours = r.values.get(names[0]);
    return [
      r.what,
      ...names.map((n) => {
        const v = r.values.get(n);
        const note = r.notes?.get(n);
        return v ? `${fmt(v.median)} / ${fmt(v.p95)}${note ? ` (${note})` : ''}` : 'n/a';
      }),
      ...names.slice(1).map((n) => {
        const v = r.values.get(n);
        return ours && v && v.median > 0 ? (ours.median / v.median).toFixed(3) : '–';
      }),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

async function main(): Promise<void> {
  if (!fs.existsSync(SERVER_JS) || !fs.existsSync(CLI_JS)) {
    console.log('lspBench: dist/server.js or dist/cli.js is missing: run `npm run build` first');
    process.exitCode = 1;
    return;
  }
  const ws = makeWorkspace();
  if (!ws) {
    console.log('lspBench: ../shared/kata-configs is absent; nothing to measure');
    return;
  }
  const skipped: string[] = [];
  const only = (process.env.LSP_BENCH_ONLY ?? '').split(',').filter(Boolean);
  const specs = serverSpecs(ws, skipped).filter((s) => !only.length || only.includes(s.name));
  const names = specs.map((s) => s.name);
  const pos = positions(ws.text);
  const runs = envInt('LSP_BENCH_RUNS', 30);
  const nReq = envInt('LSP_BENCH_REQUESTS', 100);
  const nCold = envInt('LSP_BENCH_COLD', 15);
  const nBurst = envInt('LSP_BENCH_BURSTS', 3);
  const burstOnly = process.env.LSP_BENCH_BURST_ONLY === '1';
  const nMemory = envInt('LSP_BENCH_MEMORY_FILES', 100);
  const nLarge = envInt('LSP_BENCH_LARGE_RUNS', 5);

  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
  console.log(`file: ${ws.corpusName} (${ws.text.length} chars, ${ws.text.split('\n').length} lines); workspace ${ws.dir}`);
  for (const s of specs) console.log(`${s.name} ${s.version ?? ''}: ${s.setup}`);
  for (const m of skipped) console.log(m);
  console.log('');

  const rows: Row[] = [];
  if (!burstOnly) {
    console.log(`cold starts (${nCold} each, taplo ≤ 5)…`);
    rows.push(...(await coldStarts(specs, ws, nCold)));
    if (nMemory > 0) {
      console.log(`resident memory with the ${nMemory} largest shipped configs open (one fresh server each; not taplo)…`);
      rows.push(...(await residentMemory(specs, ws, nMemory)));
    }
    if (nLarge > 0) {
      console.log(`the 10 MB file: open, then ${nLarge} edits (one fresh server each; not taplo)…`);
      rows.push(...(await largeFileEdits(specs, ws, nLarge)));
    }
  }

  console.log('starting the servers and checking that each validates with the schema…');
  const sessions: Session[] = [];
  for (const spec of specs) {
    try {
      const { session, problem } = await startAndWarm(spec, ws, pos);
      if (problem) {
        console.log(`  ${problem}: its diagnostics timings are left out`);
        await session.shutdown();
        continue;
      }
      console.log(`  ${spec.name}: ready (textDocumentSync ${session.syncKind === 2 ? 'incremental' : 'full'}, publishes ${session.publishes.some((p) => typeof p.params.version === 'number') ? 'with' : 'without'} versions)`);
      sessions.push(session);
    } catch (e) {
      console.log(`  ${spec.name}: skipped, ${(e as Error).message}`);
    }
  }

  if (!burstOnly) {
    console.log(`isolated edits (${runs} per direction; every server idle, then 150 ms, before each)…`);
    rows.push(...(await isolatedEdits(sessions, pos, runs, 150)));
    console.log(`back-to-back edits (${runs * 4} per direction; each sent when the previous one's diagnostics arrive)…`);
    rows.push(...(await backToBackEdits(sessions, pos, runs * 4)));
    console.log(`completion and hover (${nReq} each)…`);
    rows.push(...(await requests(sessions, pos, nReq)));
  }

  console.log(`typing bursts (${nBurst} × ${burstText().length} characters, 5–10 ms apart, line ${pos.burstLine + 1})…`);
  const bursts: BurstResult[] = [];
  for (const s of sessions) bursts.push(await typingBurst(s, pos.burstLine, nBurst, sessions));
  const ours = specs.find((s) => s.name === 'kata-config');
  if (ours) {
    const noDebounce = { ...ours, name: 'kata-config (no debounce)', env: { KATA_CONFIG_DEBOUNCE_MS: '0' } };
    const { session, problem } = await startAndWarm(noDebounce, ws, pos);
    if (!problem) bursts.push(await typingBurst(session, pos.burstLine, nBurst, [...sessions, session]));
    await session.shutdown();
  }
  for (const s of sessions) await s.shutdown();

  console.log('');
  if (rows.length) printTable(rows, names);
  console.log('');
  console.log('typing bursts: last keystroke → final diagnostics (the last publish before 1 s of quiet; taplo 2.5 s), publishes per burst, hover sent right after the last keystroke');
  console.log('| server | final diagnostics median / max ms | publishes per burst | server CPU per burst ms (median) | hover right after ms (median) | stale final version |');
  console.log('|---|---|---|---|---|---|');
  for (const b of bursts) {
    const f = stats(b.finalMs);
    console.log(
      `| ${b.name} | ${fmt(f?.median)} / ${fmt(Math.max(...b.finalMs))} | ${b.publishes.join(', ')} | ${fmt(stats(b.cpuMs)?.median)} | ${fmt(stats(b.hoverMs)?.median)} | ${b.wrongVersion ? `${b.wrongVersion} bursts` : 'none'} |`,
    );
  }

  // goals
  const get = (what: string, name: string) => rows.find((r) => r.what === what)?.values.get(name)?.median;
  console.log('');
  if (!burstOnly && names.includes('kata-config')) {
    const ratioGoal = (what: string, label: string, limit: number) => {
      const k = get(what, 'kata-config');
      const t = get(what, 'tombi');
      if (k === undefined || t === undefined) return console.log(`goal ${label} ≤ ${limit}× Tombi's: not measured`);
      console.log(`goal ${label} ≤ ${limit}× Tombi's: ${k <= t * limit ? 'met' : 'NOT met'} (${fmt(k)} vs ${fmt(t)} ms, ratio ${(k / t).toFixed(2)})`);
    };
    ratioGoal('keystroke → diagnostics: error appears', 'keystroke → diagnostics, isolated', 0.5);
    ratioGoal('back-to-back keystroke → diagnostics: error appears', 'keystroke → diagnostics, back to back', 0.5);
    for (const r of rows.filter((row) => /^(completion|hover)/.test(row.what) && row.values.get('tombi'))) ratioGoal(r.what, r.what, 1);
    const cold = get('cold start: spawn → initialize result', 'kata-config');
    const floor = rows.find((r) => r.what === 'cold start: spawn → initialize result')?.notes?.get('node -e 0');
    if (cold !== undefined && floor) console.log(`goal spawn → initialize ≤ 1.5× \`node -e 0\`: ${cold <= 1.5 * Number(floor) ? 'met' : 'NOT met'} (${fmt(cold)} vs ${floor} ms, ${(cold / Number(floor)).toFixed(2)}×)`);
    const largeEdit = get('10 MB file: edit → its diagnostics', 'kata-config');
    const largeOpen = get('10 MB file: didOpen → first diagnostics', 'kata-config');
    if (largeEdit !== undefined) console.log(`goal 10 MB file: edit → diagnostics ≤ 100 ms: ${largeEdit <= 100 ? 'met' : 'NOT met'} (${fmt(largeEdit)} ms); first diagnostics ≤ 1 s: ${largeOpen !== undefined && largeOpen <= 1000 ? 'met' : 'NOT met'} (${fmt(largeOpen)} ms)`);
    for (const r of rows.filter((row) => /keystroke → diagnostics: error appears|^resident memory|^completion: keys|^hover|^10 MB file: edit/.test(row.what))) {
      const f = r.values.get('node floor')?.median;
      const t = r.values.get('tombi')?.median;
      const k = r.values.get('kata-config')?.median;
      if (f !== undefined && t !== undefined && k !== undefined) console.log(`floor ${r.what}: node floor ${fmt(f)} = ${(f / t).toFixed(2)}× Tombi's; kata-config above the floor by ${fmt(k - f)}`);
    }
    const memory = rows.find((r) => r.what.startsWith('resident memory'))?.values.get('kata-config')?.median;
    if (memory !== undefined) console.log(`goal resident memory with the ${nMemory} largest configs open ≤ 90 MB: ${memory <= 90 ? 'met' : 'NOT met'} (${memory.toFixed(1)} MB)`);
  }
  fs.rmSync(ws.dir, { recursive: true, force: true });
}

if (require.main === module) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
