/**
 * Saved fuzz failures: `test/fuzz/regressions/<hash>.toml` holds the input's bytes, `<hash>.json`
 * a note (what failed, the file name and settings it was checked with, where, which seed and
 * mutations produced it) and, for config.d drop-ins, `<hash>.base.toml` the base file. Also runs a
 * check in a worker thread with a time limit, so a regression that hangs fails instead of blocking.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Position } from 'vscode-languageserver-types';
import { repoRoot } from '../support/shared';
import type { InputContext } from './check';
import type { FromWorker, ToWorker } from './worker';

export const REGRESSIONS_DIR = path.join(repoRoot, 'test', 'fuzz', 'regressions');

export interface RegressionNote {
  /** What failed, as the checks reported it. */
  problems: string[];
  context: InputContext;
  positions: Position[];
  seed?: number;
  index?: number;
  mutations?: string[];
  found?: string;
  /** The bug, once it is understood and fixed (written by hand). */
  cause?: string;
}

export interface Regression {
  name: string;
  bytes: Buffer;
  note?: RegressionNote;
  baseText?: string;
}

export function hashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Saves a failing input; returns its file name. The same bytes are saved once. */
export function saveRegression(bytes: Uint8Array, note: RegressionNote, baseText?: string, dir = REGRESSIONS_DIR): string {
  fs.mkdirSync(dir, { recursive: true });
  const hash = hashOf(bytes);
  const file = path.join(dir, `${hash}.toml`);
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, bytes);
    const problems = note.problems.slice(0, 5).map((p) => (p.length > 600 ? `${p.slice(0, 600)}…` : p));
    fs.writeFileSync(path.join(dir, `${hash}.json`), `${JSON.stringify({ ...note, problems, found: note.found ?? new Date().toISOString().slice(0, 10) }, null, 2)}\n`);
    if (baseText !== undefined) fs.writeFileSync(path.join(dir, `${hash}.base.toml`), baseText);
  }
  return path.relative(repoRoot, file);
}

export function loadRegressions(dir = REGRESSIONS_DIR): Regression[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.toml') && !f.endsWith('.base.toml'))
    .sort()
    .map((f) => {
      const stem = f.slice(0, -'.toml'.length);
      const notePath = path.join(dir, `${stem}.json`);
      const basePath = path.join(dir, `${stem}.base.toml`);
      return {
        name: f,
        bytes: fs.readFileSync(path.join(dir, f)),
        note: fs.existsSync(notePath) ? (JSON.parse(fs.readFileSync(notePath, 'utf8')) as RegressionNote) : undefined,
        baseText: fs.existsSync(basePath) ? fs.readFileSync(basePath, 'utf8') : undefined,
      };
    });
}

export interface IsolatedResult {
  problems: string[];
  ms: number;
}

/**
 * Checks inputs one at a time in a worker thread; an input that takes longer than `timeoutMs`
 * fails as a hang (the worker is terminated and a new one started for the next input).
 */
export class IsolatedChecker {
  private worker: Worker | undefined;
  private nextId = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly workerFile = path.join(__dirname, 'worker.js'),
  ) {}

  private start(): Worker {
    if (!this.worker) {
      this.worker = new Worker(this.workerFile, { workerData: { timeLimit: Infinity } });
      this.worker.unref();
    }
    return this.worker;
  }

  check(bytes: Uint8Array, context: InputContext, positions: Position[], baseText?: string): Promise<IsolatedResult> {
    const worker = this.start();
    const id = this.nextId++;
    const t0 = performance.now();
    return new Promise((resolve) => {
      const done = (result: IsolatedResult) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(result);
      };
      const onMessage = (m: FromWorker) => {
        if (m.type === 'checked' && m.id === id) done({ problems: m.problems, ms: m.ms });
      };
      const onError = (e: Error) => {
        this.worker = undefined;
        done({ problems: [`the worker died: ${e.message}`], ms: performance.now() - t0 });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        void worker.terminate();
        done({ problems: [`hang: no answer within ${this.timeoutMs} ms`], ms: performance.now() - t0 });
      }, this.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      const msg: ToWorker = { type: 'check', id, bytes, context, positions, baseText };
      worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
