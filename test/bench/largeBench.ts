/**
 * `npm run bench:large`: the large inputs of issue 8 (a 10 MB file, 100 000 lines, a 10 000-element
 * array, 1 MB lines) through the language server over stdio, started as the VS Code extension
 * starts it (SERVER_NODE_OPTIONS) and driven as an editor drives it, and through
 * the CLI. For each file: didOpen → first publishDiagnostics, then every request the server offers
 * (symbols, folding, links, code actions, completion and hover at the start, middle and end), an
 * edit → its diagnostics, and a hover sent right behind that edit (it waits for the analysis: the
 * worst case a user meets). Then `kata-config lint --format json` on the file, spawn to exit.
 * Goal: every answer within 1 s. Prints a Markdown table; LARGE_BENCH_RUNS (default 3) runs each.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, DocumentSymbol, Position } from 'vscode-languageserver-protocol';
import { SERVER_NODE_OPTIONS } from '../../client/src/serverLaunch';
import { lineLengths } from '../fuzz/check';
import { LspClient } from '../support/lspClient';
import { repoRoot } from '../support/shared';
import { hundredThousandLines, oneMegabyteLines, tenMegabytes, tenThousandItems } from '../support/largeInputs';

const SERVER_JS = path.join(repoRoot, 'dist', 'server.js');
const CLI_JS = path.join(repoRoot, 'dist', 'cli.js');
const GOAL_MS = 1000;
const LIMIT_CODE = 'kata-config-limit';

interface Measure {
  what: string;
  ms: number[];
  note?: string;
}

const now = () => performance.now();

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = now();
  const r = await fn();
  return [r, now() - t0];
}

function countSymbols(symbols: DocumentSymbol[]): number {
  return symbols.reduce((n, s) => n + 1 + countSymbols(s.children ?? []), 0);
}

/** The start of the first line, the middle of the middle line, the end of the last line. */
function positions(text: string): Array<[string, Position]> {
  const lens = lineLengths(text);
  const mid = Math.floor(lens.length / 2);
  return [
    ['start', { line: 1, character: 0 }],
    ['middle', { line: mid, character: Math.floor(lens[mid] / 2) }],
    ['end', { line: lens.length - 1, character: lens[lens.length - 1] }],
  ];
}

async function measureFile(name: string, text: string, dir: string, runs: number): Promise<Measure[]> {
  const file = path.join(dir, name, 'configuration-qemu.toml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const m = new Map<string, Measure>();
  const add = (what: string, ms: number, note?: string) => {
    const e = m.get(what) ?? { what, ms: [] };
    e.ms.push(ms);
    if (note) e.note = note;
    m.set(what, e);
  };
  for (let run = 0; run < runs; run++) {
    const client = new LspClient(SERVER_JS, SERVER_NODE_OPTIONS);
    try {
      await client.initialize();
      const [diags, openMs] = await timed(async () => {
        const wait = client.waitForDiagnostics(uri, () => true, 60_000);
        await client.open(uri, text);
        return wait;
      });
      const notices = diags.filter((d) => d.code === LIMIT_CODE).length;
      add('didOpen → diagnostics', openMs, `${diags.length} diagnostics${notices ? `, ${notices} limit notice${notices > 1 ? 's' : ''}` : ''}`);
      const doc = { textDocument: { uri } };
      const [symbols, symMs] = await timed(() => client.request<DocumentSymbol[]>('textDocument/documentSymbol', doc));
      add('document symbols', symMs, `${countSymbols(symbols)} symbols`);
      const [folds, foldMs] = await timed(() => client.request<unknown[]>('textDocument/foldingRange', doc));
      add('folding ranges', foldMs, `${folds.length} ranges`);
      const [links, linkMs] = await timed(() => client.request<unknown[]>('textDocument/documentLink', doc));
      add('document links', linkMs, `${links.length} links`);
      const some = diags.filter((d) => d.code !== LIMIT_CODE).slice(0, 20);
      const [actions, actMs] = await timed(() =>
        client.request<unknown[]>('textDocument/codeAction', { ...doc, range: some[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: some } }),
      );
      add('code actions (20 diagnostics)', actMs, `${actions.length} actions`);
      let worstCompletion = 0;
      let worstHover = 0;
      for (const [, position] of positions(text)) {
        worstCompletion = Math.max(worstCompletion, (await timed(() => client.request('textDocument/completion', { ...doc, position })))[1]);
        worstHover = Math.max(worstHover, (await timed(() => client.request('textDocument/hover', { ...doc, position })))[1]);
      }
      add('completion (worst of start, middle, end)', worstCompletion);
      add('hover (worst of start, middle, end)', worstHover);
      // An edit on the first line; its diagnostics; a hover sent right behind it waits for the analysis.
      const edit = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }];
      const t0 = now();
      const wait = client.waitForDiagnostics(uri, (p) => p.version === 2, 60_000);
      await client.change(uri, 2, edit);
      const hover = client.request('textDocument/hover', { ...doc, position: { line: 2, character: 1 } }).then(() => now() - t0);
      await wait;
      add('didChange → diagnostics', now() - t0);
      add('hover sent right after the edit', await hover);
    } finally {
      await client.shutdown();
    }
    const c0 = now();
    const lint = spawnSync(process.execPath, [CLI_JS, 'lint', '--format', 'json', '--no-host-checks', file], { encoding: 'utf8', maxBuffer: 256 * 2 ** 20 });
    const cliMs = now() - c0;
    let note = `exit ${lint.status}`;
    try {
      const [result] = JSON.parse(lint.stdout) as Array<{ diagnostics: Diagnostic[] }>;
      note += `, ${result.diagnostics.length} diagnostics`;
    } catch {
      note += `, unreadable output: ${lint.stderr.slice(0, 200)}`;
    }
    add('CLI: kata-config lint --format json (spawn → exit)', cliMs, note);
  }
  return [...m.values()];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  if (!fs.existsSync(SERVER_JS) || !fs.existsSync(CLI_JS)) {
    console.log('largeBench: dist/server.js or dist/cli.js is missing: run `npm run build` first');
    process.exitCode = 1;
    return;
  }
  const runs = Math.max(1, Number(process.env.LARGE_BENCH_RUNS) || 3);
  const inputs: Array<[string, () => string]> = [
    ['10 MB file', () => tenMegabytes(10_000_000)],
    ['100 000 lines', hundredThousandLines],
    ['10 000-element arrays', tenThousandItems],
    ['1 MB lines', oneMegabyteLines],
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-large-bench-'));
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${runs} runs each, median (max) in ms`);
  console.log(`server: node ${[...SERVER_NODE_OPTIONS, path.relative(repoRoot, SERVER_JS)].join(' ')} --stdio (as the VS Code extension starts it)`);
  let worst = { ms: 0, where: '' };
  try {
    for (const [name, make] of inputs) {
      const text = make();
      console.log(`\n${name}: ${(text.length / 1e6).toFixed(2)} M chars, ${lineLengths(text).length} lines`);
      console.log('| what | median ms | max ms | answer |');
      console.log('|---|---|---|---|');
      for (const r of await measureFile(name.replace(/\W+/g, '-'), text, dir, runs)) {
        const max = Math.max(...r.ms);
        console.log(`| ${r.what} | ${median(r.ms).toFixed(0)} | ${max.toFixed(0)} | ${r.note ?? ''} |`);
        if (!r.what.startsWith('CLI') && max > worst.ms) worst = { ms: max, where: `${name}: ${r.what}` };
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\ngoal: every server answer within ${GOAL_MS} ms: ${worst.ms <= GOAL_MS ? 'met' : 'NOT met'} (slowest ${worst.ms.toFixed(0)} ms, ${worst.where})`);
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
