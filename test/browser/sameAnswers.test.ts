/**
 * The browser worker answers as the Node server does (`node dist/server.js --stdio`), request for
 * request, on the repository's samples and on shipped configs (../shared when present). Where they
 * differ, the difference must be one the Node server owes to the machine it reads (EXPLAINED below),
 * shown to hold for that request; any other difference fails.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { applyItemDefaults } from '../../server/src/features/completionList';
import { parseToml } from '../../server/src/toml';
import { BrowserWorkerSession, skipUnlessChromium, VS_CODE_LIKE } from '../support/browserWorker';
import { LspClient, type LspSession } from '../support/lspClient';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';

const SAMPLES = [
  'go/configuration-qemu.toml',
  'go/configuration-clh.toml',
  'go/configuration-fc.toml',
  'runtime-rs/configuration-dragonball.toml',
  'runtime-rs/configuration-qemu-runtime-rs.toml',
  'mistakes/configuration-qemu.toml',
  'mistakes/configuration-dragonball.toml',
  'detect/vm-settings.toml',
  // A base file with a config.d drop-in beside it, and the drop-in itself.
  'install-root/etc/kata-containers/configuration.toml',
  'install-root/etc/kata-containers/config.d/50-debug.toml',
].map((f) => path.join(repoRoot, 'samples', f));

const SHIPPED = ['4.1.0/go/configuration-qemu.toml', '4.1.0/go/configuration-clh.toml', '4.1.0/go-arm64/configuration-qemu.toml', '4.1.0/rs/configuration-qemu-nvidia-gpu-runtime-rs.toml', '4.1.0/rs/configuration-rs-fc.toml', '3.2.0/go/configuration-acrn.toml', '3.20.0/rs/configuration-dragonball.toml'].map((f) => sharedPath('kata-configs', f));

const DOCS = 'https://example.invalid/kata-config/docs/diagnostics.md';
const MAX_COMPLETIONS = 80;

type Position = { line: number; character: number };
/** Every request asked of both servers for one file, by a readable name. */
type Answers = Map<string, unknown>;

/** Where to ask: every header, key and value (hover), every key line's start and value (completion), commented-out keys. */
function positions(text: string): { hovers: Position[]; completions: Position[] } {
  const doc = parseToml(text);
  const pos = (offset: number) => doc.lines.positionAt(offset);
  const hovers: Position[] = [];
  const completions: Position[] = [];
  const entries = [...doc.tree.rootEntries, ...doc.tree.tables.flatMap((t) => t.entries)];
  for (const t of doc.tree.tables) hovers.push(pos(t.start + 1));
  for (const e of entries) {
    hovers.push(pos(e.key.start + 1));
    completions.push({ line: pos(e.start).line, character: 0 });
    if (e.value) {
      hovers.push(pos(e.value.start + 1));
      completions.push(pos(e.value.start + (e.value.kind === 'string' ? 1 : 0)));
    }
  }
  for (const c of doc.tree.comments) if (/^\s*[a-z_]+\s*=/.test(c.text)) hovers.push(pos(c.start + 2));
  // Evenly spread when there are many: the answers differ per table and key kind, not per line.
  const step = Math.max(1, Math.ceil(completions.length / MAX_COMPLETIONS));
  return { hovers, completions: completions.filter((_, i) => i % step === 0) };
}

async function collect(s: LspSession, uri: string, text: string): Promise<Answers> {
  const a: Answers = new Map();
  const td = { textDocument: { uri } };
  s.clearDiagnostics(uri);
  await s.open(uri, text);
  const diagnostics = await s.waitForDiagnostics(uri, (p) => p.version === 1, 20000);
  a.set('diagnostics', diagnostics);
  for (const [i, d] of diagnostics.slice(0, 60).entries()) a.set(`codeAction #${i} ${d.code}`, await s.request('textDocument/codeAction', { ...td, range: d.range, context: { diagnostics: [d] } }));
  for (const m of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/documentLink']) a.set(m, await s.request(m, td));
  a.set('inlayHint', await s.request('textDocument/inlayHint', { ...td, range: { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } } }));
  a.set('kataConfig/target', await s.request('kataConfig/target', { uri }));
  a.set('kataConfig/effective', await s.request('kataConfig/effective', { uri }));
  a.set('kataConfig/effective dropIns: false', await s.request('kataConfig/effective', { uri, dropIns: false }));
  const { hovers, completions } = positions(text);
  for (const p of hovers) a.set(`hover ${p.line + 1}:${p.character + 1}`, await s.request<Hover | null>('textDocument/hover', { ...td, position: p }));
  let resolved = 0;
  for (const p of completions) {
    const list = await s.request<CompletionList>('textDocument/completion', { ...td, position: p });
    a.set(`completion ${p.line + 1}:${p.character + 1}`, list);
    // The documentation of a key item (key lists do not depend on the machine; value lists of paths do).
    const first = list.items ? applyItemDefaults(list)[0] : undefined;
    if (p.character === 0 && first && resolved++ < 20) a.set(`completionItem/resolve ${p.line + 1}:1 ${first.label}`, await s.request<CompletionItem>('completionItem/resolve', first));
  }
  await s.close(uri);
  return a;
}

const FILE_KINDS = new Set([17, 19]); // CompletionItemKind File, Folder
const NO_MACHINE_ARCH = 'nothing names one and there is no machine to ask, so x86_64 is assumed';
const MACHINE_ARCH = "this machine's architecture";

const hoverText = (h: unknown) => ((h as Hover | null)?.contents as { value?: string } | undefined)?.value ?? '';
const items = (l: unknown) => (Array.isArray(l) ? l : ((l as CompletionList | null)?.items ?? [])) as CompletionItem[];
/** The folder Kata reads drop-ins from for `file`: config.d beside its resolved path. */
const dropInDir = (file: string) => path.join(path.dirname(fs.realpathSync(file)), 'config.d');
/** For a drop-in: the base file beside its config.d folder. */
const baseOf = (file: string) => (path.basename(path.dirname(file)) === 'config.d' ? path.join(path.dirname(path.dirname(file)), 'configuration.toml') : undefined);

/**
 * What only the Node server can answer, because it reads this machine; each rule checks that the
 * request and both answers are what it explains.
 */
const EXPLAINED: Array<{ name: string; why: string; holds(file: string, request: string, node: unknown, web: unknown): boolean }> = [
  {
    name: 'architecture fallback',
    why: "a file that names no architecture is checked for the Node server's machine (x86_64 here); the browser has none and assumes x86_64: the same target, another reason in kataConfig/target and the header's hover",
    holds: (_f, request, node, web) => process.arch === 'x64' && (request === 'kataConfig/target' || request.startsWith('hover ')) && JSON.stringify(web).includes(NO_MACHINE_ARCH) && isDeepStrictEqual(node, JSON.parse(JSON.stringify(web).split(NO_MACHINE_ARCH).join(MACHINE_ARCH))),
  },
  {
    name: 'path values: existence',
    why: 'hover on a path value says whether the path exists on the machine; the browser has no machine to look at',
    holds: (_f, request, node, web) => request.startsWith('hover ') && web === null && /^`[^`]+` (exists|\*\*does not exist\*\*) on this machine/.test(hoverText(node)),
  },
  {
    name: 'path values: file names',
    why: "completion in a path value lists the machine's files (and only them); the browser lists no files, so the value's other items (the shipped value) remain",
    holds: (_f, request, node, web) => request.startsWith('completion ') && items(node).every((i) => FILE_KINDS.has(i.kind ?? 0)) && !items(web).some((i) => FILE_KINDS.has(i.kind ?? 0)),
  },
  {
    name: 'links to existing paths',
    why: 'a path value is a link when the path exists on the machine; the browser has no machine, so no links',
    holds: (_f, request, node, web) => request === 'textDocument/documentLink' && isDeepStrictEqual(web, []) && (node as Array<{ target: string }>).every((l) => fs.existsSync(fileURLToPath(l.target))),
  },
  {
    name: 'config.d drop-ins on disk',
    why: 'the Node server merges the config.d drop-ins beside the file into its effective configuration (kataConfig/effective, inlay hints, the effective value in hover); the browser reads no folder',
    holds: (file, request, node, web) => {
      if (!fs.existsSync(dropInDir(file))) return false;
      if (request === 'kataConfig/effective') return (node as { dropIns: string[] }).dropIns.length > 0 && (web as { dropIns: string[] }).dropIns.length === 0;
      if (request === 'inlayHint') return (node as Array<{ label: string }>).some((h) => h.label.includes('config.d/'));
      return request.startsWith('hover ') && hoverText(node) === `${hoverText(node).split('\n\n---\n\n')[0]}\n\n---\n\n${hoverText(web)}` && /drop-in .*config\.d/.test(hoverText(node).split('\n\n---\n\n')[0]);
    },
  },
  {
    name: 'a drop-in read with its base file',
    why: "a config.d drop-in takes its runtime, release and architecture from the configuration.toml beside its folder, which the Node server reads from disk; the browser sees the drop-in alone",
    holds: (file, request, node, web) => {
      const base = baseOf(file);
      if (!base || !fs.existsSync(base)) return false;
      if (request === 'kataConfig/effective') return (node as { base: string }).base === fs.realpathSync(base) && (web as { base: string }).base === file;
      return (request === 'kataConfig/target' || request.startsWith('hover ')) && JSON.stringify(node).includes(`from the base file ${base}`) && !JSON.stringify(web).includes('from the base file');
    },
  },
];

describe('the browser worker answers as the Node server', { skip: skipUnlessChromium() }, () => {
  let node: LspClient;
  let worker: BrowserWorkerSession;
  before(async () => {
    node = new LspClient();
    worker = await BrowserWorkerSession.start();
    const init = { ...VS_CODE_LIKE, initializationOptions: { settings: {}, docsUrl: DOCS } };
    const [n, w] = await Promise.all([node.initialize(init), worker.initialize(init)]);
    assert.deepEqual(w.capabilities, n.capabilities, 'the same capabilities');
  });
  after(async () => Promise.all([node?.shutdown(), worker?.shutdown()]));

  /** Asks both servers the same of every file; returns how many answers were equal and which explanations covered the others. */
  async function compare(files: string[]): Promise<{ equal: number; explained: Map<string, number> }> {
    let equal = 0;
    const explained = new Map<string, number>();
    const unexplained: string[] = [];
    for (const file of files) {
      const uri = pathToFileURL(file).href;
      const text = fs.readFileSync(file, 'utf8');
      const [a, b] = await Promise.all([collect(node, uri, text), collect(worker, uri, text)]);
      assert.deepEqual([...b.keys()], [...a.keys()], `${file}: the same requests`);
      for (const [request, nodeAnswer] of a) {
        // A worker's messages are structured clones, which keep properties set to undefined; JSON drops them.
        const webAnswer: unknown = JSON.parse(JSON.stringify(b.get(request)) ?? 'null');
        if (isDeepStrictEqual(nodeAnswer, webAnswer)) {
          equal++;
          continue;
        }
        const rule = EXPLAINED.find((r) => r.holds(file, request, nodeAnswer, webAnswer));
        if (rule) explained.set(rule.name, (explained.get(rule.name) ?? 0) + 1);
        else unexplained.push(`${path.relative(repoRoot, file)} ${request}\n  node: ${JSON.stringify(nodeAnswer)?.slice(0, 400)}\n  web:  ${JSON.stringify(webAnswer)?.slice(0, 400)}`);
      }
    }
    assert.deepEqual(unexplained, [], `differences no rule explains:\n${unexplained.join('\n')}`);
    return { equal, explained };
  }

  test('the samples', async (t) => {
    const { equal, explained } = await compare(SAMPLES);
    t.diagnostic(`${equal} answers equal; explained: ${[...explained].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    assert.ok(equal > 500, `${equal} equal answers`);
    // The samples hold a base file with a drop-in and the drop-in itself: both machine-dependent paths are met.
    assert.ok(explained.get('config.d drop-ins on disk')! > 0 && explained.get('a drop-in read with its base file')! > 0, JSON.stringify([...explained]));
  });

  test('host checks turned on: the Node server adds what it finds missing on this machine, nothing else differs', async () => {
    const file = path.join(repoRoot, 'samples', 'go', 'configuration-qemu.toml');
    const uri = pathToFileURL(file).href;
    const settings = { settings: { kata: { hostChecks: 'on' } } };
    await Promise.all([node.conn.sendNotification('workspace/didChangeConfiguration', settings), worker.conn.sendNotification('workspace/didChangeConfiguration', settings)]);
    try {
      const [a, b] = await Promise.all(
        [node, worker].map(async (s) => {
          s.clearDiagnostics(uri);
          await s.open(uri, fs.readFileSync(file, 'utf8'));
          const d = await s.waitForDiagnostics(uri, (p) => p.version === 1);
          await s.close(uri);
          return d;
        }),
      );
      const missing = a.filter((d) => d.code === 'kata-path-missing');
      assert.ok(missing.length > 0, 'the sample names paths this machine does not have');
      for (const d of missing) assert.ok(!fs.existsSync(/^(\S+) does not exist/.exec(d.message)![1]), d.message);
      assert.deepEqual(JSON.parse(JSON.stringify(b)), a.filter((d) => d.code !== 'kata-path-missing'));
    } finally {
      const back = { settings: { kata: { hostChecks: 'auto' } } };
      await Promise.all([node.conn.sendNotification('workspace/didChangeConfiguration', back), worker.conn.sendNotification('workspace/didChangeConfiguration', back)]);
    }
  });

  test('shipped configs', { skip: skipUnlessShared('kata-configs') }, async (t) => {
    const { equal, explained } = await compare(SHIPPED);
    t.diagnostic(`${equal} answers equal; explained: ${[...explained].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    assert.ok(equal > 1000, `${equal} equal answers`);
  });
});
