/**
 * A minimal LSP client for protocol tests: spawns the built server (`dist/server.js --stdio`) and
 * talks JSON-RPC to it exactly as an editor would.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { repoRoot } from './shared';

/** Waits for a server process to exit after `exit`, killing it after `ms`. */
export async function exitOrKill(proc: ChildProcessWithoutNullStreams, ms = 2000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      proc.kill();
      resolve();
    }, ms);
    proc.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/**
 * A JSON-RPC session with a language server, as an editor holds one: over a process's stdio
 * (LspClient) or a browser worker's message port (test/support/browserWorker.ts).
 */
export abstract class LspSession {
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: Array<{ uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  /** What the server wrote to stderr (a worker: its errors and console output). */
  stderr = '';

  constructor(readonly conn: MessageConnection) {
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && w.pred(p)) {
          this.waiters.splice(i, 1);
          w.resolve(p);
        }
      }
    });
    this.conn.listen();
  }

  /** `extra`: capabilities merged into the text document / workspace ones, and initializationOptions. */
  async initialize(extra: { textDocument?: Record<string, unknown>; workspace?: Record<string, unknown>; initializationOptions?: unknown } = {}): Promise<InitializeResult> {
    const result = (await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          ...extra.textDocument,
        },
        ...(extra.workspace ? { workspace: extra.workspace } : {}),
      },
      ...(extra.initializationOptions !== undefined ? { initializationOptions: extra.initializationOptions } : {}),
    })) as InitializeResult;
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1, languageId = 'kata-toml'): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest(method, params) as Promise<R>;
  }

  /** The next diagnostics for `uri` that satisfy `pred` (already received ones count), within `ms`. */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean = () => true, ms = 5000): Promise<Diagnostic[]> {
    const seen = (this.diagnostics.get(uri) ?? []).filter(pred);
    if (seen.length) return Promise.resolve(seen[seen.length - 1].diagnostics);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${ms} ms; server stderr: ${this.stderr}`)), ms);
      this.waiters.push({
        uri,
        pred,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p.diagnostics);
        },
      });
    });
  }

  /** Every publish received for `uri`, oldest first. */
  history(uri: string): PublishDiagnosticsParams[] {
    return [...(this.diagnostics.get(uri) ?? [])];
  }

  clearDiagnostics(uri: string): void {
    this.diagnostics.delete(uri);
  }

  /** shutdown, exit, then the server's process or page is let go. */
  async shutdown(): Promise<void> {
    try {
      await this.request('shutdown', null);
      await this.conn.sendNotification('exit');
    } finally {
      this.conn.dispose();
      await this.release();
    }
  }

  protected abstract release(): Promise<void>;

}

export class LspClient extends LspSession {
  readonly proc: ChildProcessWithoutNullStreams;

  /** `nodeOptions`: options for node before the script, e.g. the extension's SERVER_NODE_OPTIONS; `args`: the server's. */
  constructor(serverPath = path.join(repoRoot, 'dist', 'server.js'), nodeOptions: string[] = [], env?: NodeJS.ProcessEnv, args: string[] = ['--stdio']) {
    const proc = spawn(process.execPath, [...nodeOptions, serverPath, ...args], { stdio: 'pipe', ...(env ? { env: { ...process.env, ...env } } : {}) });
    super(createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin)));
    this.proc = proc;
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
  }

  protected override async release(): Promise<void> {
    await exitOrKill(this.proc);
  }
}
