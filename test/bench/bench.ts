/**
 * `npm run bench`: in-process timings of the TOML engine and the language features on the largest
 * Kata config of ../shared/kata-configs and on a 10× file built from it, beside smol-toml's and
 * @iarna/toml's parse of the same text in the same run, and a keystroke's diagnostics with the
 * incremental analysis beside a full one (also on the 10 MB file). Prints median and p95 in milliseconds.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as iarna from '@iarna/toml';
import * as smol from 'smol-toml';
import { parseToml } from '../../server/src/toml';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { corpusFiles } from '../support/shared';
import { tenMegabytes } from '../support/largeInputs';

interface Stats {
  median: number;
  p95: number;
  runs: number;
}

function measure(fn: () => unknown, minRuns: number, budgetMs = 1500): Stats {
  for (let i = 0; i < Math.min(200, minRuns); i++) fn(); // warm up the JIT
  const samples: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (samples.length < minRuns || (performance.now() < deadline && samples.length < minRuns * 10)) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p95: samples[Math.floor(samples.length * 0.95)], runs: samples.length };
}

/** The text repeated `times` times, every table renamed per copy so the result stays valid TOML. */
export function repeatWithDistinctTables(text: string, times: number): string {
  const copies = [text];
  for (let i = 1; i < times; i++) copies.push(text.replace(/^(\s*\[\[?\s*)([A-Za-z0-9_-]+)/gm, `$1$2_${i}`));
  return copies.join('\n');
}

function fmt(ms: number): string {
  return ms < 1 ? ms.toFixed(3) : ms.toFixed(2);
}

/** Completion and hover at typical positions of the file (cached analysis, as in the editor). */
function interactive(service: LanguageService, text: string, fresh: (t: string) => { uri: string; version: number; getText: () => string }): Array<[string, Stats]> {
  const src = fresh(text);
  service.analyze(src);
  const lines = text.split('\n');
  const at = (re: RegExp, column: (l: string) => number) => {
    const line = lines.findIndex((l) => re.test(l));
    return { line, character: column(lines[line]) };
  };
  const keyStart = at(/^default_memory\s*=/, () => 3);
  const valuePos = at(/^block_device_driver\s*=/, (l) => l.length - 2);
  const newKey = at(/^\[runtime\]/, () => 0);
  newKey.line += 1;
  return [
    ['completion: keys of [hypervisor.qemu]', measure(() => service.completion(src, { line: keyStart.line, character: 0 }), 300)],
    ['completion: values of block_device_driver', measure(() => service.completion(src, valuePos), 300)],
    ['completion: keys of [runtime]', measure(() => service.completion(src, newKey), 300)],
    ['hover: default_memory', measure(() => service.hover(src, keyStart), 300)],
  ];
}

/**
 * A keystroke in a value (an `x` typed before the closing quote of block_device_driver or the first
 * string value, then deleted again), each version's diagnostics by a service that reuses the
 * previous version's analysis (incremental) and by one that analyses every version from scratch,
 * in interleaved rounds.
 */
function incrementalEdits(text: string, file: string, label: string, runs = 200): Array<[string, Stats]> {
  const valueAt = /block_device_driver\s*=\s*"[^"]*/.exec(text) ?? /=\s*"[^"\n]*/.exec(text);
  if (!valueAt) return [];
  const at = valueAt.index + valueAt[0].length;
  const edited = text.slice(0, at) + 'x' + text.slice(at);
  const incremental = new LanguageService(nodeHost);
  const full = new LanguageService(nodeHost, false);
  const uri = `file:///bench/${file}`;
  const samples = { incremental: [] as number[], full: [] as number[] };
  let version = 0;
  for (let round = 0; round < 10; round++) {
    for (const [name, service] of (round % 2 ? [['full', full], ['incremental', incremental]] : [['incremental', incremental], ['full', full]]) as Array<['incremental' | 'full', LanguageService]>) {
      const st = measure(() => service.diagnostics({ uri, version: ++version, getText: () => (version % 2 ? edited : text) }), Math.ceil(runs / 10), 300);
      samples[name].push(st.median);
    }
  }
  return [
    [`keystroke → diagnostics, incremental, ${label} (median of 10 round medians)`, roundStats(samples.incremental)],
    [`keystroke → diagnostics, from scratch, ${label} (same rounds)`, roundStats(samples.full)],
  ];
}

/** Median and p95 of per-round medians. */
function roundStats(xs: number[]): Stats {
  const sorted = [...xs].sort((x, y) => x - y);
  return { median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)], runs: sorted.length };
}

/**
 * `npm run bench -- --baseline <checkout>`: parse + diagnostics of the largest file by this code and
 * by another checkout's compiled language service (`<checkout>/out`, e.g. a `git worktree` of the
 * previous commit after `npm run compile-tests` there), interleaved in rounds so both see the same
 * machine state. Prints both medians and p95s and the ratio.
 */
function compareWithBaseline(checkout: string, text: string, file: string): void {
  const modulePath = path.resolve(checkout, 'out', 'server', 'src', 'languageService.js');
  // Another checkout's build, found at run time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Baseline = (require(modulePath) as { LanguageService: typeof LanguageService }).LanguageService;
  // Both analyse every version from scratch (this code's incremental path has its own rows): a
  // baseline with incremental analysis would otherwise reuse its parse of the unchanged text. Code
  // older than that ignores the second argument.
  const ours = new LanguageService(nodeHost, false);
  const theirs = new Baseline(nodeHost, false);
  let version = 0;
  const src = () => ({ uri: `file:///bench/${file}`, version: ++version, getText: () => text });
  const a: number[] = [];
  const b: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (const [service, out] of (round % 2 ? [[theirs, b], [ours, a]] : [[ours, a], [theirs, b]]) as Array<[LanguageService, number[]]>) {
      const st = measure(() => service.diagnostics(src()), 200, 300);
      out.push(st.median);
    }
  }
  const [ra, rb] = [roundStats(a), roundStats(b)];
  console.log(`\nbaseline ${checkout}: parse + diagnostics of ${file}, 10 interleaved rounds (median of round medians / p95)`);
  console.log(`  this code ${fmt(ra.median)} / ${fmt(ra.p95)} ms, baseline ${fmt(rb.median)} / ${fmt(rb.p95)} ms, ratio ${(ra.median / rb.median).toFixed(3)} (goal ≤ 1.1)`);
}

function main(): void {
  const files = corpusFiles();
  if (!files.length) {
    console.log('bench: ../shared/kata-configs is absent; nothing to measure');
    return;
  }
  const largest = files.map((f) => ({ ...f, size: fs.statSync(f.path).size })).sort((a, b) => b.size - a.size)[0];
  const text = fs.readFileSync(largest.path, 'utf8');
  const big = repeatWithDistinctTables(text, 10);
  if (parseToml(big).errors.length) throw new Error('the 10x file is not valid TOML');

  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`largest corpus file: ${largest.release}/${largest.folder}/${largest.file} (${text.length} chars, ${text.split('\n').length} lines)`);
  console.log(`10× file: ${big.length} chars, ${big.split('\n').length} lines\n`);

  // Every version from scratch here: the same text under a new version would otherwise reuse its parse.
  const service = new LanguageService(nodeHost, false);
  let version = 0;
  // The corpus file's own name (under a folder that is no install path: no host checks), so the
  // target is detected as in the editor.
  const uriOf = (file: string) => `file:///bench/${file}`;
  const fresh = (t: string, file = largest.file) => ({ uri: uriOf(file), version: ++version, getText: () => t });
  const corpus = files.map((f) => ({ file: f.file, text: fs.readFileSync(f.path, 'utf8') }));
  const rows: Array<[string, Stats]> = [
    ['kata-config parse (tree + model, positions)', measure(() => parseToml(text), 500)],
    ['smol-toml parse (values only)', measure(() => smol.parse(text, { integersAsBigInt: 'asNeeded' }), 500)],
    ['@iarna/toml parse (values only)', measure(() => iarna.parse(text), 500)],
    ['kata-config parse + diagnostics', measure(() => service.diagnostics(fresh(text)), 500)],
    [`kata-config parse + diagnostics, all ${corpus.length} corpus files (one pass)`, measure(() => corpus.forEach((c) => service.diagnostics(fresh(c.text, c.file))), 20)],
    ['kata-config parse + diagnostics, 10× file', measure(() => service.diagnostics(fresh(big)), 100)],
    ['kata-config document symbols (cached parse)', (() => {
      const src = fresh(text);
      service.parse(src);
      return measure(() => service.symbols(src), 500);
    })()],
    ['kata-config folding ranges (cached parse)', (() => {
      const src = fresh(text);
      service.parse(src);
      return measure(() => service.folding(src), 500);
    })()],
    ...interactive(service, text, fresh),
    ...incrementalEdits(text, largest.file, 'largest file'),
    ...incrementalEdits(big, largest.file, '10× file'),
    ...incrementalEdits(tenMegabytes(10_000_000), 'configuration-qemu.toml', '10 MB file', 15),
    ['kata-config parse, 10× file', measure(() => parseToml(big), 100)],
    ['smol-toml parse, 10× file', measure(() => smol.parse(big, { integersAsBigInt: 'asNeeded' }), 100)],
  ];
  const width = Math.max(...rows.map(([n]) => n.length));
  console.log(`${'what'.padEnd(width)}  median ms     p95 ms   runs`);
  for (const [name, s] of rows) console.log(`${name.padEnd(width)}  ${fmt(s.median).padStart(9)}  ${fmt(s.p95).padStart(9)}  ${String(s.runs).padStart(5)}`);
  const ours = rows[0][1].median;
  const smolMedian = rows[1][1].median;
  const validate = rows[3][1].median;
  const validateBig = rows[5][1].median;
  console.log(`\nparse + validate ≤ 0.5 ms median: ${validate <= 0.5 ? 'met' : 'NOT met'} (${fmt(validate)} ms; parse alone ${fmt(ours)} ms, smol-toml ${fmt(smolMedian)} ms, ratio ${(ours / smolMedian).toFixed(2)})`);
  console.log(`10× file parse + validate ≤ 5 ms median: ${validateBig <= 5 ? 'met' : 'NOT met'} (${fmt(validateBig)} ms)`);
  const slowest = Math.max(...rows.filter(([n]) => /^(completion|hover)/.test(n)).map(([, st]) => st.median));
  console.log(`completion/hover target ≤ 2 ms median: ${slowest <= 2 ? 'met' : 'NOT met'} (slowest ${fmt(slowest)} ms)`);
  const baseline = process.argv.indexOf('--baseline');
  if (baseline > 0 && process.argv[baseline + 1]) compareWithBaseline(process.argv[baseline + 1], text, largest.file);
}

main();
