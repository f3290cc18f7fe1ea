/**
 * The fuzzer's worker thread (out/test/fuzz/worker.js). The main thread watches it and terminates
 * it when one input takes too long, which catches true infinite loops. Two kinds of work:
 *  - `batch`: builds inputs [from, to) of a seed itself and checks each, reporting every input;
 *  - `check`: checks the bytes it is sent (replay of saved failures).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Position } from 'vscode-languageserver-types';
import { checkInput, type InputContext } from './check';
import { loadCorpus, makeInput, type Corpus } from './mutate';

export type ToWorker =
  | { type: 'batch'; seed: number; from: number; to: number }
  | { type: 'check'; id: number; bytes: Uint8Array; context: InputContext; positions: Position[]; baseText?: string };

export type FromWorker =
  | { type: 'ready'; notes: string[] }
  | { type: 'built'; index: number }
  | { type: 'input'; index: number; ms: number; problems: string[]; requests: number; size: number; mutations: string[] }
  | { type: 'batch-done'; from: number; to: number }
  | { type: 'checked'; id: number; ms: number; problems: string[]; requests: number };

/** The per-input time limit, in ms: a slower input is checked again and fails when it is slow twice. */
const timeLimit: number = (workerData as { timeLimit?: number } | undefined)?.timeLimit ?? 2000;

let corpus: Corpus | undefined;

function timed<T>(run: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = run();
  return { value, ms: performance.now() - t0 };
}

function send(message: FromWorker): void {
  parentPort!.postMessage(message);
}

parentPort!.on('message', (msg: ToWorker) => {
  if (msg.type === 'batch') {
    corpus ??= loadCorpus();
    for (let index = msg.from; index < msg.to; index++) {
      const input = makeInput(msg.seed, index, corpus);
      // Tells the main thread the input exists: a hang after this is the language service's, not the generator's.
      send({ type: 'built', index });
      let { value, ms } = timed(() => checkInput(input.bytes, input.context, input.positions, input.baseText));
      const problems = [...value.problems];
      // The limit is on the requests; the incremental comparison's extra analyses are timed apart.
      if (ms - value.incrementalMs > timeLimit) {
        // Once more: a pause of this machine should not count as a hang of ours.
        ({ value, ms } = timed(() => checkInput(input.bytes, input.context, input.positions, input.baseText)));
        const requestsMs = ms - value.incrementalMs;
        if (requestsMs > timeLimit) problems.push(`slow: ${Math.round(requestsMs)} ms for ${value.requests} requests, over the ${timeLimit} ms limit per input`);
      }
      send({ type: 'input', index, ms, problems, requests: value.requests, size: input.bytes.length, mutations: input.mutations });
    }
    send({ type: 'batch-done', from: msg.from, to: msg.to });
  } else if (msg.type === 'check') {
    const { value, ms } = timed(() => checkInput(msg.bytes, msg.context, msg.positions, msg.baseText));
    send({ type: 'checked', id: msg.id, ms, problems: value.problems, requests: value.requests });
  }
});

send({ type: 'ready', notes: [] });
