/**
 * The CLI bugs a new user met (issue 17), each checked here: `lint --help`, a folder without any
 * config, the summary's wording, `schema` with a misspelt hypervisor, standard input, diagnostics in
 * the order of the text, and a duplicate key that says where the first one is.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/shared';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('every command takes --help: the usage on stdout, exit 0', () => {
  for (const command of ['lint', 'schema', 'effective', 'docs']) {
    const r = run([command, '--help']);
    assert.equal(r.status, 0, command);
    assert.match(r.stdout, /^Usage:/, command);
    assert.equal(r.stderr, '', command);
  }
});

test('lint of a folder with no Kata config is an error (exit 2), not "0 files checked"', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-cli-empty-'));
  fs.writeFileSync(path.join(dir, 'notes.toml'), 'a = 1\n');
  const r = run(['lint', dir]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no Kata configuration files under '.*kata-cli-empty-/);
  assert.doesNotMatch(r.stderr, /0 files checked/);
});

test('the summary counts in words of one kind: "1 error, 2 warnings", "1 warning"', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-cli-sum-'));
  const file = path.join(dir, 'configuration-qemu.toml');
  fs.writeFileSync(file, '[runtime]\nfoo = 1\nbar = 2\nenable_debug = tru\n');
  assert.match(run(['lint', '--no-host-checks', file]).stderr, /^1 file checked: 1 error, 2 warnings$/m);
  fs.writeFileSync(file, '[runtime]\nfoo = 1\n');
  assert.match(run(['lint', '--no-host-checks', file]).stderr, /^1 file checked: 0 errors, 1 warning$/m);
});

test('schema --hypervisor with an unknown table lists the known ones and the closest', () => {
  const r = run(['schema', '--runtime', 'go', '--hypervisor', 'qemuu']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown hypervisor table 'qemuu' for the Go runtime \(did you mean 'qemu'\?\); known: .*\bclh\b.*\bqemu\b/);
  assert.match(run(['schema', '--runtime', 'rs', '--hypervisor', 'dragonbal']).stderr, /did you mean 'dragonball'\?/);
});

test("lint - reads standard input, named by --stdin-filename (which decides the runtime as a file's name does)", () => {
  const text = '[hypervisor.dragonball]\ndefault_memory = 2048\nfoo = 1\n';
  const asRs = run(['lint', '--no-host-checks', '--format', 'json', '--stdin-filename', '/etc/kata-containers/runtime-rs/configuration-dragonball.toml', '-'], text);
  const [result] = JSON.parse(asRs.stdout) as Array<{ file: string; diagnostics: Array<{ code: string; range: { start: { line: number } } }> }>;
  assert.equal(result.file, '/etc/kata-containers/runtime-rs/configuration-dragonball.toml');
  assert.ok(result.diagnostics.some((d) => d.code === 'kata-unknown-key' && d.range.start.line === 2));
  const plain = run(['lint', '--no-host-checks', '-'], '[runtime]\nenable_debug = tru\n');
  assert.equal(plain.status, 1);
  assert.match(plain.stdout, /^<stdin>:2:16: error toml-syntax/m);
  assert.equal(run(['lint', '-', '-'], '').status, 2);
});

test('diagnostics come in the order of the text, TOML errors, Kata rules and host checks alike; a duplicate key names its first line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-cli-order-'));
  const file = path.join(dir, 'configuration-qemu.toml');
  fs.writeFileSync(file, '[hypervisor.qemu]\npath = "/nonexistent/qemu"\nfoo = 1\nkernel = "/nonexistent/kernel"\nimage = "/nonexistent/image"\nfoo = 2\n');
  const r = run(['lint', '--host-checks', file]);
  const lines = r.stdout.split('\n').filter(Boolean).map((l) => Number(/:(\d+):\d+: /.exec(l)?.[1]));
  assert.ok(lines.length >= 4, r.stdout);
  assert.deepEqual(lines, [...lines].sort((a, b) => a - b), r.stdout);
  assert.match(r.stdout, /duplicate key 'foo': it is already set \(first defined on line 3\)/);
});
