/**
 * The effective configuration over the protocol (docs/lsp.md): inlay hints after values Kata
 * rewrites or a drop-in overrides, the effective value in the key's hover, the kataConfig/effective
 * request, the setting that turns hints off, and the refresh after a drop-in changes on disk.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Hover, InlayHint } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';

const BASE = '[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\nimage = "/opt/kata/kata.img"\ndefault_memory = 0\ndefault_vcpus = 2\nmemory_slots = 10\n\n[runtime]\nenable_debug = false\n';

describe('effective configuration over the protocol', () => {
  let dir: string;
  let base: string;
  let uri: string;
  let client: LspClient;
  let refreshes = 0;
  const full = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
  const hints = () => client.request<InlayHint[] | null>('textDocument/inlayHint', { textDocument: { uri }, range: full });

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-effective-lsp-'));
    base = path.join(dir, 'configuration-qemu.toml');
    fs.writeFileSync(base, BASE);
    fs.mkdirSync(path.join(dir, 'config.d'));
    fs.writeFileSync(path.join(dir, 'config.d', '10-vcpus.toml'), '[hypervisor.qemu]\ndefault_vcpus = 4\n');
    uri = pathToFileURL(base).href;
    client = new LspClient();
    client.conn.onRequest('workspace/inlayHint/refresh', () => {
      refreshes++;
      return null;
    });
    const init = await client.initialize({ textDocument: { inlayHint: { dynamicRegistration: false } }, workspace: { inlayHint: { refreshSupport: true } }, initializationOptions: { settings: { release: '4.1.0', hostChecks: 'off' } } });
    assert.ok(init.capabilities.inlayHintProvider, 'inlay hints are offered to a client that supports them');
    await client.open(uri, BASE);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('hints after a value Kata rewrites and a value a drop-in overrides; none where the text is what Kata uses', async () => {
    const list = (await hints()) ?? [];
    const byLine = new Map(list.map((h) => [h.position.line, typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')]));
    assert.equal(byLine.get(3), '→ 2048 MiB (Kata: values below 256 are replaced)');
    assert.equal(byLine.get(4), '→ 4 vCPUs (config.d/10-vcpus.toml:2)');
    assert.equal(list.find((h) => h.position.line === 3)!.position.character, 'default_memory = 0'.length, 'placed after the value');
    assert.equal(byLine.has(5), false, 'memory_slots = 10 is used as written');
    assert.equal(byLine.has(8), false);
  });

  test('hover on the key shows the effective value and its origin first', async () => {
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 3 } });
    const text = h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(text, /^\*\*Effective value:\*\* `4` — set by a later file, drop-in .*10-vcpus\.toml:2/);
    assert.match(text, /default_vcpus/, 'the key documentation follows');
    const plain = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } });
    assert.doesNotMatch(JSON.stringify(plain), /Effective value/);
  });

  test('kataConfig/effective: the TOML view with origins, and the entries as data, for open and unopened files', async () => {
    const answer = await client.request<{ text: string; base: string; dropIns: string[]; entries: Array<{ key: string; value: unknown }> } | null>('kataConfig/effective', { uri });
    assert.ok(answer);
    assert.equal(answer.base, base);
    assert.deepEqual(answer.dropIns, [path.join(dir, 'config.d', '10-vcpus.toml')]);
    assert.match(answer.text, /^default_vcpus = 4 {2}# drop-in .*10-vcpus\.toml:2; overrides .*configuration-qemu\.toml:5$/m);
    assert.match(answer.text, /^default_memory = 2048 {2}# Kata's rewrite of 0/m);
    assert.equal(answer.entries.find((e) => e.key === 'default_vcpus')?.value, 4);
    const alone = await client.request<{ text: string } | null>('kataConfig/effective', { uri, dropIns: false });
    assert.match(alone!.text, /^default_vcpus = 2 /m);
    assert.equal(await client.request('kataConfig/effective', { uri: pathToFileURL(path.join(dir, 'absent.toml')).href }), null);
  });

  test('a drop-in changing on disk: the server asks the client to refresh, and the hints follow', async () => {
    const before = refreshes;
    fs.writeFileSync(path.join(dir, 'config.d', '20-vcpus.toml'), '[hypervisor.qemu]\ndefault_vcpus = 6\n');
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, 'config.d', '20-vcpus.toml')).href, type: 1 }] });
    const list = (await hints()) ?? [];
    assert.ok(refreshes > before, 'workspace/inlayHint/refresh was sent');
    assert.equal(list.find((h) => h.position.line === 4)?.label, '→ 6 vCPUs (config.d/20-vcpus.toml:2)');
  });

  test('kata.inlayHints.effectiveValues = false turns them off (VS Code\'s nested settings shape)', async () => {
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kata: { release: '4.1.0', hostChecks: 'off', inlayHints: { effectiveValues: false } } } });
    assert.deepEqual(await hints(), []);
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kata: { release: '4.1.0', hostChecks: 'off', inlayHints: { effectiveValues: true } } } });
    assert.ok(((await hints()) ?? []).length > 0);
  });

  test('a client without inlay hint support is not offered them', async () => {
    const other = new LspClient();
    try {
      const init = await other.initialize();
      assert.equal(init.capabilities.inlayHintProvider, undefined);
    } finally {
      await other.shutdown();
    }
  });
});
