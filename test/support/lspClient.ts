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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged into `base`: objects member by member, anything else (arrays too) replaced. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(out[k]) ? merge(out[k] as Record<string, unknown>, v) : v;
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * What the protocol tests announce unless they say otherwise: the capabilities VS Code 1.100's
 * client announces for the features this server has, less completion list defaults, inlay hints,
 * workspace/configuration and resolving documentation and detail (VS Code resolves them too:
 * the tests that need these add them), plus diagnostics versions (VS Code announces
 * versionSupport: false), which the tests wait for.
 * test/lsp/minimalClient.test.ts announces nothing instead.
 */
export const CLIENT_CAPABILITIES: Record<string, unknown> = {
  workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true } },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    completion: {
      completionItem: {
        snippetSupport: true,
        commitCharactersSupport: true,
        documentationFormat: ['markdown', 'plaintext'],
        deprecatedSupport: true,
        preselectSupport: true,
        tagSupport: { valueSet: [1] },
        insertReplaceSupport: true,
        labelDetailsSupport: true,
        resolveSupport: { properties: ['additionalTextEdits'] },
      },
      completionItemKind: { valueSet: range(1, 25) },
      contextSupport: true,
    },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true, symbolKind: { valueSet: range(1, 26) }, tagSupport: { valueSet: [1] }, labelSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] } },
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
    },
    documentLink: { tooltipSupport: true },
    foldingRange: { rangeLimit: 5000, lineFoldingOnly: true, foldingRangeKind: { valueSet: ['comment', 'imports', 'region'] } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
  },
};

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

  /**
   * `extra`: capabilities merged into VS Code-like defaults (CLIENT_CAPABILITIES; objects merge,
   * arrays replace), and initializationOptions. `capabilities` replaces the defaults altogether
   * (a client that announces exactly that); `clientInfo` names the client.
   */
  async initialize(
    extra: { textDocument?: Record<string, unknown>; workspace?: Record<string, unknown>; initializationOptions?: unknown; capabilities?: Record<string, unknown>; clientInfo?: { name: string; version?: string } } = {},
  ): Promise<InitializeResult> {
    const capabilities = extra.capabilities ?? merge(CLIENT_CAPABILITIES, { ...(extra.textDocument ? { textDocument: extra.textDocument } : {}), ...(extra.workspace ? { workspace: extra.workspace } : {}) });
    const result = (await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities,
      ...(extra.clientInfo ? { clientInfo: extra.clientInfo } : {}),
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
