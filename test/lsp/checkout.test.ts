/**
 * A Kata checkout over the protocol: an open config template gets its expansions' diagnostics at its
 * own lines, an open Markdown page gets the docs checks, and Markdown gets no TOML features.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../support/lspClient';
import { sharedPath, skipUnlessShared } from '../support/shared';

const skip = skipUnlessShared('kata-source');

describe('a Kata checkout over the protocol', { skip }, () => {
  let dir: string;
  let client: LspClient;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-checkout-lsp-'));
    fs.symlinkSync(sharedPath('kata-source', '4.1.0', 'src'), path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'VERSION'), '4.1.0\n');
    fs.mkdirSync(path.join(dir, 'docs'));
    client = new LspClient();
    await client.initialize({ initializationOptions: { settings: { hostChecks: 'off' } } });
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a template: every architecture that installs it, each finding at the template line, saying which arches', async () => {
    const file = path.join(dir, 'src/runtime/config/configuration-qemu-snp.toml.in');
    const uri = pathToFileURL(file).href;
    const text = fs.readFileSync(file, 'utf8');
    await client.open(uri, text);
    const diags = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0, 20_000);
    const se = diags.find((d) => d.code === 'kata-se-rootfs');
    assert.ok(se, JSON.stringify(diags.map((d) => d.code)));
    assert.match(se.message, / \(s390x only\)$/);
    assert.equal(text.split('\n')[se.range.start.line].slice(0, 5), 'image');
    await client.close(uri);
  });

  test('a Markdown page: the docs checks; no completion or hover on it', async () => {
    const uri = pathToFileURL(path.join(dir, 'docs', 'page.md')).href;
    const text = '# QEMU\n\nSee [`configuration-qemu.toml`](../src/runtime-rs/config/configuration-qemu.toml.in).\n';
    await client.open(uri, text, 1, 'markdown');
    const diags = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['kata-doc-missing-template', 2, 32]]);
    assert.match(diags[0].message, /configuration-qemu-runtime-rs\.toml\.in/);
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 1 } }), []);
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 8 } }), null);
    await client.close(uri);
  });

  test('a Markdown page outside any checkout gets no diagnostics at all', async () => {
    const uri = pathToFileURL(path.join(os.tmpdir(), `notes-${process.pid}.md`)).href;
    await client.open(uri, 'Set `default_memory = "x"` in [`configuration-qemu.toml`](nowhere.toml.in).\n', 1, 'markdown');
    assert.deepEqual(await client.waitForDiagnostics(uri), []);
    await client.close(uri);
  });
});
