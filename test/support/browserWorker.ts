/**
 * The browser build of the language server (dist/browser/server.js) in a web worker of a headless
 * Chromium page, served from a localhost HTTP server, driven as an LspSession: JSON-RPC messages go
 * from this process through the page to the worker's message port (`postMessage`) and back,
 * as objects, the way vscode-languageclient/browser exchanges them.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { AbstractMessageReader, AbstractMessageWriter, createMessageConnection, type DataCallback, type Disposable, type Message } from 'vscode-jsonrpc/node';
import { LspSession } from './lspClient';
import { repoRoot } from './shared';

/** Debian's Chromium; KATA_CONFIG_CHROMIUM names another. */
export const CHROMIUM = process.env.KATA_CONFIG_CHROMIUM || '/usr/bin/chromium';

/** A test's `skip` option: false when Chromium is installed, else why the test cannot run. */
export function skipUnlessChromium(): string | false {
  return fs.existsSync(CHROMIUM) ? false : `skipped: ${CHROMIUM} is absent (apt-get install chromium, as .ci/run does)`;
}

/** The flags of a quiet, offline headless Chromium (as scripts/e2e uses it). */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** How VS Code announces itself for what these tests use: lazy documentation, item defaults, inlay hints. */
export const VS_CODE_LIKE = {
  textDocument: {
    completion: { completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation', 'detail'] } }, completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    inlayHint: {},
  },
  workspace: { inlayHint: { refreshSupport: true } },
};

class PageReader extends AbstractMessageReader {
  private callback: DataCallback | undefined;
  listen(callback: DataCallback): Disposable {
    this.callback = callback;
    return { dispose: () => (this.callback = undefined) };
  }
  deliver(message: Message): void {
    this.callback?.(message);
  }
}

class PageWriter extends AbstractMessageWriter {
  /** Each message is posted after the one before, in order. */
  private last: Promise<void> = Promise.resolve();
  constructor(private readonly post: (message: Message) => Promise<void>) {
    super();
  }
  write(message: Message): Promise<void> {
    this.last = this.last.then(() => this.post(message)).catch((e: Error) => this.fireError(e));
    return this.last;
  }
  end(): void {}
}

type Browser = { close(): Promise<void> };

export class BrowserWorkerSession extends LspSession {
  private constructor(
    conn: ReturnType<typeof createMessageConnection>,
    private readonly browser: Browser,
    private readonly server: http.Server,
  ) {
    super(conn);
  }

  /** Serves `bundle` (default: the built dist/browser/server.js) and starts it in a worker of a fresh headless Chromium. */
  static async start(bundle = path.join(repoRoot, 'dist', 'browser', 'server.js')): Promise<BrowserWorkerSession> {
    const script = fs.readFileSync(bundle);
    const server = http.createServer((req, res) => {
      if (req.url === '/server.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      else if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>kata-config worker test</title>');
      else if (req.url === '/favicon.ico') res.writeHead(204).end();
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const reader = new PageReader();
      const writer = new PageWriter((message) => page.evaluate((m) => (globalThis as unknown as { kataWorker: { postMessage(m: unknown): void } }).kataWorker.postMessage(m), message as unknown as Record<string, unknown>));
      const session = new BrowserWorkerSession(createMessageConnection(reader, writer), browser, server);
      page.on('pageerror', (e) => (session.stderr += `${e.message}\n`));
      page.on('console', (m) => (session.stderr += `console.${m.type()}: ${m.text()}\n`));
      await page.exposeBinding('kataToTest', (_source, message: Message) => reader.deliver(message));
      await page.exposeBinding('kataWorkerError', (_source, text: string) => (session.stderr += `worker: ${text}\n`));
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.evaluate(() => {
        const w = globalThis as unknown as { Worker: new (url: string) => { onmessage: unknown; onerror: unknown; postMessage(m: unknown): void }; kataWorker: unknown; kataToTest(m: unknown): void; kataWorkerError(t: string): void };
        const worker = new w.Worker('/server.js');
        worker.onmessage = (e: { data: unknown }) => w.kataToTest(e.data);
        worker.onerror = (e: { message: string }) => w.kataWorkerError(e.message);
        w.kataWorker = worker;
      });
      return session;
    } catch (e) {
      await browser.close();
      server.close();
      throw e;
    }
  }

  protected override async release(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
