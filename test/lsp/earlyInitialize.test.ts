/**
 * The launcher answers `initialize` before it loads the server bundle (server/src/launcherHandoff.ts)
 * and hands the server what it read. Driven over raw stdio bytes, so that how the client's
 * messages are cut into chunks is under the test's control.
 */
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { repoRoot } from '../support/shared';

const LAUNCHER = path.join(repoRoot, 'dist', 'server.js');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-early-init-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const frame = (message: unknown) => {
  const body = Buffer.from(JSON.stringify(message));
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
};

class RawClient {
  readonly proc: ChildProcessWithoutNullStreams;
  readonly messages: Array<Record<string, unknown>> = [];
  private buf = Buffer.alloc(0);
  private waiters: Array<{ pred: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }> = [];
  readonly exited: Promise<number | null>;

  constructor(script = LAUNCHER, env: NodeJS.ProcessEnv = {}) {
    this.proc = spawn(process.execPath, [script, '--stdio'], { stdio: 'pipe', env: { ...process.env, KATA_CONFIG_CODE_CACHE: '0', ...env } });
    this.exited = new Promise((resolve) => this.proc.once('exit', (code) => resolve(code)));
    this.proc.stdout.on('data', (chunk: Buffer) => {
      this.buf = Buffer.concat([this.buf, chunk]);
      for (;;) {
        const headerEnd = this.buf.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(this.buf.subarray(0, headerEnd).toString())![1]);
        const start = headerEnd + 4;
        if (this.buf.length < start + length) return;
        const message = JSON.parse(this.buf.subarray(start, start + length).toString()) as Record<string, unknown>;
        this.buf = this.buf.subarray(start + length);
        this.messages.push(message);
        this.waiters = this.waiters.filter((w) => (w.pred(message) ? (w.resolve(message), false) : true));
      }
    });
  }

  send(...messages: unknown[]): void {
    this.proc.stdin.write(Buffer.concat(messages.map(frame)));
  }

  next(pred: (m: Record<string, unknown>) => boolean, ms = 15000): Promise<Record<string, unknown>> {
    const seen = this.messages.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no such message within ${ms} ms; got ${JSON.stringify(this.messages).slice(0, 500)}`)), ms);
      this.waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
    });
  }

  response(id: number, ms?: number): Promise<Record<string, unknown>> {
    return this.next((m) => m.id === id && !('method' in m), ms);
  }

  kill(): void {
    this.proc.kill();
  }
}

const initialize = (id: number, capabilities: object) => ({ jsonrpc: '2.0', id, method: 'initialize', params: { processId: null, rootUri: null, capabilities } });
const initialized = { jsonrpc: '2.0', method: 'initialized', params: {} };
const URI = 'file:///tmp/kata-early-init/configuration-qemu.toml';
const TEXT = '[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\nblock_device_driver = "virtio-scsix"\n';
const didOpen = { jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: URI, languageId: 'kata-toml', version: 1, text: TEXT } } };
const isDiagnosticsOf = (m: Record<string, unknown>) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === URI;

const CAPABILITY_SETS: Array<[string, object]> = [
  ['none', {}],
  ['VS Code-like', { textDocument: { completion: { completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation', 'detail'] } }, completionList: { itemDefaults: ['editRange', 'insertTextFormat'] } }, inlayHint: {} }, workspace: { inlayHint: { refreshSupport: true } } }],
  ['inlay hints without refresh', { textDocument: { inlayHint: { dynamicRegistration: false } } }],
  ['code actions as commands (applyEdit, no literals)', { workspace: { applyEdit: true } }],
  ['Neovim 0.7.2', JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'support', 'clients', 'neovim-0.7.2.json'), 'utf8'))],
];

for (const [name, capabilities] of CAPABILITY_SETS) {
  test(`capabilities ${name}: the launcher's answer equals the server's own`, async () => {
    const answers = [];
    for (const env of [{}, { KATA_CONFIG_EARLY_INIT: '0' }]) {
      const c = new RawClient(LAUNCHER, env);
      try {
        c.send(initialize(1, capabilities));
        answers.push((await c.response(1)).result);
      } finally {
        c.kill();
      }
    }
    assert.deepEqual(answers[0], answers[1]);
  });
}

test('initialize is answered before the bundle loads (a bundle that never starts a server)', async () => {
  fs.copyFileSync(LAUNCHER, path.join(scratch, 'server.js'));
  fs.writeFileSync(path.join(scratch, 'server-main.js'), 'setInterval(() => undefined, 1000);\n');
  const early = new RawClient(path.join(scratch, 'server.js'));
  const late = new RawClient(path.join(scratch, 'server.js'), { KATA_CONFIG_EARLY_INIT: '0' });
  try {
    early.send(initialize(1, {}));
    late.send(initialize(1, {}));
    const answer = await early.response(1);
    assert.equal((answer.result as { serverInfo: { name: string } }).serverInfo.name, 'kata-config');
    await assert.rejects(late.response(1, 1500), /no such message/, 'without the early answer only the server answers');
  } finally {
    early.kill();
    late.kill();
  }
});

test('initialize, initialized and didOpen in one chunk: one answer, diagnostics, clean shutdown and exit 0', async () => {
  const c = new RawClient();
  c.send(initialize(1, {}), initialized, didOpen);
  await c.response(1);
  const published = await c.next(isDiagnosticsOf);
  const messages = (published.params as { diagnostics: Array<{ message: string }> }).diagnostics.map((d) => d.message);
  assert.ok(messages.some((m) => m.includes('virtio-scsix')), messages.join('\n'));
  c.send({ jsonrpc: '2.0', id: 2, method: 'shutdown', params: null });
  await c.response(2);
  c.send({ jsonrpc: '2.0', method: 'exit', params: null });
  assert.equal(await c.exited, 0);
  assert.equal(c.messages.filter((m) => m.id === 1).length, 1, 'initialize answered once');
  assert.ok(!c.messages.some((m) => typeof m.id === 'string'), 'the replayed request is never answered to the client');
});

test('initialize cut into pieces arriving apart: answered once, then the document works', async () => {
  const c = new RawClient();
  const bytes = frame(initialize(7, {}));
  for (const piece of [bytes.subarray(0, 10), bytes.subarray(10, 40), bytes.subarray(40)]) {
    c.proc.stdin.write(piece);
    await new Promise((r) => setTimeout(r, 15));
  }
  await c.response(7);
  c.send(initialized, didOpen);
  await c.next(isDiagnosticsOf);
  assert.equal(c.messages.filter((m) => m.id === 7).length, 1);
  c.kill();
});

test('a first message other than initialize is left to the server', async () => {
  const c = new RawClient();
  c.send({ jsonrpc: '2.0', method: '$/setTrace', params: { value: 'off' } }, initialize(1, {}), initialized, didOpen);
  await c.response(1);
  await c.next(isDiagnosticsOf);
  c.kill();
});

test('stdin closed without shutdown: the server exits with 1, as over plain stdio', async () => {
  const c = new RawClient();
  c.send(initialize(1, {}));
  await c.response(1);
  c.proc.stdin.end();
  assert.equal(await c.exited, 1);
});
