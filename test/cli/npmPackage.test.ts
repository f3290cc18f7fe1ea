/**
 * The npm package as a user gets it (issue 17): `npm pack` here, the tarball installed into a
 * scratch folder, then its two commands from there: `npx kata-config lint` on a config, and
 * `kata-config-language-server` answering an LSP initialize and publishing diagnostics over stdio.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient } from '../support/lspClient';
import { repoRoot } from '../support/shared';

let scratch: string;
let bin: string;

before(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-npm-'));
  // --ignore-scripts: dist/ is already built by the test command (prepack would build it again).
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--pack-destination', scratch, '--json'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stderr);
  const [{ filename }] = JSON.parse(pack.stdout) as Array<{ filename: string }>;
  fs.writeFileSync(path.join(scratch, 'package.json'), '{"name":"scratch","private":true}\n');
  const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--offline', path.join(scratch, filename)], { cwd: scratch, encoding: 'utf8' });
  assert.equal(install.status, 0, install.stderr);
  bin = path.join(scratch, 'node_modules', '.bin');
});

after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test('npx kata-config lint works from a folder that only has the package installed', () => {
  const file = path.join(scratch, 'configuration-qemu.toml');
  fs.writeFileSync(file, '[hypervisor.qemu]\ndefault_memmory = 4096\n');
  const r = spawnSync('npx', ['--no-install', 'kata-config', 'lint', '--no-host-checks', '--format', 'json', file], { cwd: scratch, encoding: 'utf8' });
  const [result] = JSON.parse(r.stdout) as Array<{ diagnostics: Array<{ code: string }> }>;
  assert.ok(result.diagnostics.some((d) => d.code === 'kata-unknown-key'), r.stdout);
  assert.match(spawnSync(path.join(bin, 'kata-config'), ['--version'], { encoding: 'utf8' }).stdout, /^\d+\.\d+\.\d+/);
});

test('kata-config-language-server speaks LSP over stdio without arguments', async () => {
  assert.match(spawnSync(path.join(bin, 'kata-config-language-server'), ['--version'], { encoding: 'utf8' }).stdout, /^\d+\.\d+\.\d+/);
  // The installed command, started as an editor starts it: no --stdio.
  const client = new LspClient(fs.realpathSync(path.join(bin, 'kata-config-language-server')), [], undefined, []);
  try {
    const init = await client.initialize();
    assert.ok(init.capabilities.completionProvider);
    const uri = `file://${scratch}/configuration-qemu.toml`;
    await client.open(uri, '[hypervisor.qemu]\ndefault_memmory = 4096\n');
    const diags = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.ok(diags.some((d) => d.code === 'kata-unknown-key'));
  } finally {
    await client.shutdown();
  }
});
