/**
 * Early `initialize` over stdio. Loading the server bundle is most of what start-up costs, and the
 * answer to `initialize` needs none of it (initializeResult.ts). So the launcher reads the first
 * message itself; when it is `initialize` it answers at once, then loads the bundle and hands it
 * what it read. The server replays that `initialize` under a private id (its own handlers, the
 * library's watchdog and settings see it as usual) and drops its own answer to it.
 */

import type { InitializeParams } from 'vscode-languageserver-protocol';

/** The id under which the server replays an `initialize` that the launcher already answered. */
export const REPLAYED_INITIALIZE_ID = 'kata-config-launcher:initialize';

export interface LauncherHandoff {
  /** The bytes read from stdin that the server must read first (a replayed request included). */
  input: Buffer;
  /** The launcher answered `initialize`: drop the answer to REPLAYED_INITIALIZE_ID. */
  answered: boolean;
}

const HANDOFF_KEY = '__kataConfigLauncherHandoff';

export function putHandoff(handoff: LauncherHandoff): void {
  (globalThis as Record<string, unknown>)[HANDOFF_KEY] = handoff;
}

/** The launcher's handoff, once: undefined when the server was started some other way. */
export function takeHandoff(): LauncherHandoff | undefined {
  const g = globalThis as Record<string, unknown>;
  const handoff = g[HANDOFF_KEY] as LauncherHandoff | undefined;
  delete g[HANDOFF_KEY];
  return handoff;
}

export interface Frame {
  body: string;
  /** Offset just after the frame. */
  end: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 4096;

/**
 * The first JSON-RPC frame of `buf` (Content-Length header, then the body), `undefined` while it is
 * incomplete, `null` when the bytes cannot be a frame (the server then reads them itself and says so).
 */
export function firstFrame(buf: Buffer): Frame | undefined | null {
  const headerEnd = buf.indexOf(HEADER_END);
  if (headerEnd < 0) return buf.length > MAX_HEADER_BYTES ? null : undefined;
  const header = buf.subarray(0, headerEnd).toString('ascii');
  const match = /(?:^|\r\n)content-length:[ \t]*(\d+)[ \t]*(?:\r\n|$)/i.exec(header);
  if (!match) return null;
  const start = headerEnd + HEADER_END.length;
  const end = start + Number(match[1]);
  if (buf.length < end) return undefined;
  return { body: buf.subarray(start, end).toString('utf8'), end };
}

export function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

/** The `initialize` request in a frame's body, else undefined. */
export function initializeRequest(body: string): { id: number | string; params: Pick<InitializeParams, 'capabilities'> } | undefined {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    return undefined;
  }
  const m = message as { method?: unknown; id?: unknown; params?: unknown };
  if (m === null || typeof m !== 'object' || m.method !== 'initialize') return undefined;
  if (typeof m.id !== 'number' && typeof m.id !== 'string') return undefined;
  if (m.params === null || typeof m.params !== 'object') return undefined;
  return { id: m.id, params: m.params as Pick<InitializeParams, 'capabilities'> };
}
