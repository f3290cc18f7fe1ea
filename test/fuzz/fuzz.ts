/**
 * `npm run fuzz -- --count N --seed S`: mutates Kata's shipped configs and the toml-test cases
 * (../shared, read at run time; skipped with a message when absent) and checks that the language
 * service answers every request on every input, with every range inside the document, within a
 * time limit per input (test/fuzz/check.ts). Inputs are built in worker threads from (seed, index)
 * alone, so a run is reproducible and any input can be rebuilt; a worker that stops answering is
 * terminated (an infinite loop). Each failing input is saved under test/fuzz/regressions/ with a
 * note, and test/unit/fuzzRegressions.test.ts replays them all.
 *
 * Options: --count N (default 1000), --seed S (default 1), --start I (first input index, default 0),
 * --jobs J (worker threads, default: CPUs, at most 4), --time-limit MS (per input, default 2000),
 * --hang MS (a worker silent this long is hung, default 20000), --batch B (inputs per message,
 * default 50), --no-save (do not write regressions), --quiet.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadCorpus, makeInput, MUTATOR_NAMES, type Corpus } from './mutate';
import { saveRegression } from './regressions';
import type { FromWorker, ToWorker } from './worker';

interface Options {
  count: number;
  seed: number;
  start: number;
  jobs: number;
  timeLimit: number;
  hang: number;
  batch: number;
  save: boolean;
  quiet: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { count: 1000, seed: 1, start: 0, jobs: Math.max(1, Math.min(4, os.cpus().length)), timeLimit: 2000, hang: 20000, batch: 50, save: true, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (name: string): number => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number, not ${v}`);
      return n;
    };
    if (a.startsWith('--count')) o.count = num('--count');
    else if (a.startsWith('--seed')) o.seed = num('--seed');
    else if (a.startsWith('--start')) o.start = num('--start');
    else if (a.startsWith('--jobs')) o.jobs = Math.max(1, num('--jobs'));
    else if (a.startsWith('--time-limit')) o.timeLimit = num('--time-limit');
    else if (a.startsWith('--hang')) o.hang = num('--hang');
    else if (a.startsWith('--batch')) o.batch = Math.max(1, num('--batch'));
    else if (a === '--no-save') o.save = false;
    else if (a === '--quiet') o.quiet = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

interface Failure {
  index: number;
  problems: string[];
  mutations: string[];
  saved?: string;
}

interface Stats {
  done: number;
  requests: number;
  bytes: number;
  slowest: { index: number; ms: number };
  byMutator: Record<string, number>;
  failures: Failure[];
}

/** One worker thread and the batch it is on; a hung worker is replaced and the batch resumes after the hung input. */
class Slot {
  worker!: Worker;
  batch: { from: number; to: number } | undefined;
  next = 0;
  /** The last input the worker finished building. */
  built = -1;
  lastHeard = 0;

  constructor(
    private readonly opts: Options,
    private readonly onMessage: (slot: Slot, m: FromWorker) => void,
  ) {
    this.spawn();
  }

  spawn(): void {
    const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: { timeLimit: this.opts.timeLimit } });
    this.worker = worker;
    worker.on('message', (m: FromWorker) => {
      if (this.worker !== worker) return; // a replaced worker's last words
      this.lastHeard = performance.now();
      this.onMessage(this, m);
    });
    worker.on('error', (e) => {
      if (this.worker !== worker) return;
      // A crash of the worker itself (out of memory, stack overflow outside a request): the input it was on fails.
      this.onMessage(this, { type: 'input', index: this.next, ms: 0, problems: [`the worker died: ${e.message}`], requests: 0, size: 0, mutations: [] });
      this.restartAfter(this.next);
    });
    this.lastHeard = performance.now();
  }

  run(from: number, to: number): void {
    this.batch = { from, to };
    this.next = from;
    this.lastHeard = performance.now();
    const msg: ToWorker = { type: 'batch', seed: this.opts.seed, from, to };
    this.worker.postMessage(msg);
  }

  /** Replaces the worker and continues its batch after input `index`. */
  restartAfter(index: number): void {
    const batch = this.batch;
    void this.worker.terminate();
    this.spawn();
    if (batch && index + 1 < batch.to) this.run(index + 1, batch.to);
    else if (batch) this.onMessage(this, { type: 'batch-done', from: batch.from, to: batch.to });
  }
}

async function main(): Promise<number> {
  const opts = parseArgs(process.argv.slice(2));
  const corpus: Corpus = loadCorpus();
  for (const note of corpus.notes) console.log(`fuzz: ${note}`);
  console.log(
    `fuzz: seed ${opts.seed}, inputs ${opts.start}..${opts.start + opts.count - 1}, ${opts.jobs} worker${opts.jobs === 1 ? '' : 's'}, ` +
      `corpus ${corpus.kata.length} Kata configs + ${corpus.tomlTest.length} toml-test cases + ${corpus.builtIn.length} built-in, limit ${opts.timeLimit} ms per input`,
  );
  const stats: Stats = { done: 0, requests: 0, bytes: 0, slowest: { index: -1, ms: 0 }, byMutator: Object.fromEntries(MUTATOR_NAMES.map((m) => [m, 0])), failures: [] };
  const t0 = performance.now();
  const end = opts.start + opts.count;
  let nextBatch = opts.start;
  let lastReport = t0;

  const fail = (index: number, problems: string[], mutations: string[]) => {
    let input: ReturnType<typeof makeInput>;
    try {
      input = makeInput(opts.seed, index, corpus);
    } catch (e) {
      // A bug of the fuzzer itself, not of the language service: nothing to save.
      stats.failures.push({ index, problems: [...problems, `the fuzzer could not build the input: ${(e as Error).stack}`], mutations });
      console.log(`\nFAIL input ${index}: the fuzzer could not build it: ${(e as Error).stack}`);
      return;
    }
    const failure: Failure = { index, problems, mutations: mutations.length ? mutations : input.mutations };
    if (opts.save) {
      failure.saved = saveRegression(input.bytes, { problems, context: input.context, positions: input.positions, seed: opts.seed, index, mutations: input.mutations }, input.baseText);
    }
    stats.failures.push(failure);
    console.log(`\nFAIL input ${index} (seed ${opts.seed}; ${failure.mutations.join(', ') || 'unmutated'}; ${input.context.uri})${failure.saved ? ` saved as ${failure.saved}` : ''}`);
    for (const p of problems.slice(0, 5)) console.log(`  - ${p.replace(/\n/g, '\n    ')}`);
  };

  await new Promise<void>((resolve) => {
    const slots: Slot[] = [];
    let running = 0;
    const feed = (slot: Slot) => {
      if (nextBatch < end) {
        const from = nextBatch;
        nextBatch = Math.min(end, nextBatch + opts.batch);
        running++;
        slot.run(from, nextBatch);
      } else if (running === 0) {
        clearInterval(watchdog);
        void Promise.all(slots.map((s) => s.worker.terminate())).then(() => resolve());
      }
    };
    const onMessage = (slot: Slot, m: FromWorker) => {
      if (m.type === 'built') {
        slot.built = m.index;
      } else if (m.type === 'input') {
        slot.next = m.index + 1;
        stats.done++;
        stats.requests += m.requests;
        stats.bytes += m.size;
        for (const name of m.mutations) stats.byMutator[name] = (stats.byMutator[name] ?? 0) + 1;
        if (m.ms > stats.slowest.ms) stats.slowest = { index: m.index, ms: m.ms };
        if (m.problems.length) fail(m.index, m.problems, m.mutations);
        const now = performance.now();
        if (!opts.quiet && now - lastReport > 5000) {
          lastReport = now;
          process.stdout.write(`fuzz: ${stats.done}/${opts.count} inputs, ${stats.failures.length} failures, ${Math.round(stats.done / ((now - t0) / 1000))} inputs/s\n`);
        }
      } else if (m.type === 'batch-done') {
        running--;
        slot.batch = undefined;
        feed(slot);
      }
    };
    // An input that never finishes is an infinite loop: fail it, replace the worker, go on.
    const watchdog = setInterval(() => {
      const now = performance.now();
      for (const slot of slots) {
        if (slot.batch && now - slot.lastHeard > opts.hang) {
          const index = slot.next;
          stats.done++;
          if (slot.built === index) {
            fail(index, [`hang: input ${index} did not finish within ${opts.hang} ms`], []);
          } else {
            // Building it hung: a bug of the fuzzer's mutators, and rebuilding it here would hang this thread too.
            stats.failures.push({ index, problems: ['the fuzzer hung while building the input'], mutations: [] });
            console.log(`\nFAIL input ${index}: the fuzzer hung while building it (a mutator bug; not saved)`);
          }
          slot.restartAfter(index);
        }
      }
    }, 250);
    for (let j = 0; j < opts.jobs; j++) slots.push(new Slot(opts, onMessage));
    slots.forEach(feed);
  });

  const secs = (performance.now() - t0) / 1000;
  console.log(
    `fuzz: ${stats.done} inputs (seed ${opts.seed}, ${opts.start}..${end - 1}) in ${secs.toFixed(1)} s (${Math.round(stats.done / secs)} inputs/s), ` +
      `${stats.requests} requests, ${(stats.bytes / 1e6).toFixed(1)} MB checked, slowest input ${stats.slowest.index} at ${Math.round(stats.slowest.ms)} ms; ` +
      `${stats.failures.length} failure${stats.failures.length === 1 ? '' : 's'}`,
  );
  if (!opts.quiet) console.log(`fuzz: mutations applied: ${Object.entries(stats.byMutator).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return stats.failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`fuzz: ${(e as Error).message}`);
    process.exit(2);
  },
);
