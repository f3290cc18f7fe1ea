/**
 * The server's side of the launcher's early `initialize` (launcherHandoff.ts): stdin continues
 * after the bytes the launcher read, and the answer to the replayed `initialize` (the launcher sent
 * the client its own) is dropped.
 */
import { PassThrough } from 'node:stream';
import { StreamMessageReader, StreamMessageWriter, type Message, type MessageReader, type MessageWriter } from 'vscode-jsonrpc/node';
import { REPLAYED_INITIALIZE_ID, type LauncherHandoff } from './launcherHandoff';

/**
 * `exitOnEnd` is called with a function that ends the process, as the library does over plain
 * stdio, when the client closes stdin (exit code 0 after a `shutdown` request, else 1).
 */
export function handoffStreams(handoff: LauncherHandoff): { reader: MessageReader; writer: MessageWriter; onEnd(exit: () => void): void } {
  const input = new PassThrough();
  input.write(handoff.input);
  process.stdin.pipe(input);
  const inner = new StreamMessageWriter(process.stdout);
  const isReplayAnswer = (msg: Message) => handoff.answered && (msg as { id?: unknown; method?: unknown }).id === REPLAYED_INITIALIZE_ID && !('method' in msg);
  const output: MessageWriter = {
    onError: inner.onError,
    onClose: inner.onClose,
    write: (msg) => (isReplayAnswer(msg) ? Promise.resolve() : inner.write(msg)),
    end: () => inner.end(),
    dispose: () => inner.dispose(),
  };
  // Over plain --stdio the library sends console output to the client's log; here stdout is the
  // protocol's alone, so console output goes to stderr.
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(' ')}\n`);
  }
  return {
    reader: new StreamMessageReader(input),
    writer: output,
    onEnd: (exit) => {
      input.once('end', exit);
      process.stdin.once('close', exit);
    },
  };
}
