/** The `kata-config` CLI as a user runs it: the built dist/cli.js in a child process. */
import { before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';
import { defectFor } from '../support/upstreamDefects';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kata-config lint', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-cli-'));
    const complete = 'kernel = "/k"\nimage = "/i"\nvirtio_fs_daemon = "/usr/libexec/virtiofsd"\n';
    fs.writeFileSync(path.join(dir, 'configuration-qemu.toml'), `[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\n${complete}`);
    fs.writeFileSync(path.join(dir, 'configuration-broken.toml'), `[hypervisor.clh]\ndefault_vcpus = 1 1\n${complete}block_device_driver = "virtio-blk"\n\n[runtime]\nenable_debug = tru\n`);
    fs.mkdirSync(path.join(dir, 'config.d'));
    fs.writeFileSync(path.join(dir, 'config.d', '10-debug.toml'), '[runtime]\nenable_debug = true\nenable_debug = false\n');
    fs.writeFileSync(path.join(dir, 'notes.toml'), 'this is not = = toml\n'); // not a Kata file name: skipped in directories
    fs.writeFileSync(path.join(dir, 'latin1.toml'), Buffer.from([0x61, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
  });

  test('text output is file:line:col: severity code message, one line per problem; exit 1 on errors', () => {
    const r = run('lint', dir);
    assert.equal(r.status, 1, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.deepEqual(lines, [
      `${path.join(dir, 'config.d', '10-debug.toml')}:3:1: error toml-duplicate-key duplicate key 'enable_debug': it is already set (first defined on line 2)`,
      `${path.join(dir, 'configuration-broken.toml')}:2:19: error toml-syntax unexpected '1' after the value: put each key/value pair and table header on its own line`,
      `${path.join(dir, 'configuration-broken.toml')}:9:16: error toml-syntax invalid value 'tru': expected a string (in quotes), number, boolean, date-time, array or inline table`,
    ]);
    assert.match(r.stderr, /3 files checked: 3 errors/);
  });

  test('json output follows the documented shape with 0-based LSP positions', () => {
    const r = run('lint', '--format', 'json', path.join(dir, 'configuration-broken.toml'), path.join(dir, 'configuration-qemu.toml'));
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout);
    assert.equal(out.length, 2);
    assert.equal(out[0].file, path.join(dir, 'configuration-broken.toml'));
    assert.deepEqual(out[0].diagnostics[0], {
      range: { start: { line: 1, character: 18 }, end: { line: 1, character: 19 } },
      severity: 'error',
      code: 'toml-syntax',
      message: "unexpected '1' after the value: put each key/value pair and table header on its own line",
      source: 'kata-config',
    });
    assert.deepEqual(out[1], { file: path.join(dir, 'configuration-qemu.toml'), diagnostics: [] });
    assert.equal(r.stderr, '');
  });

  test('a clean file exits 0; a file named explicitly is linted whatever its name', () => {
    assert.equal(run('lint', path.join(dir, 'configuration-qemu.toml')).status, 0);
    const r = run('lint', '--format=json', path.join(dir, 'latin1.toml'));
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout)[0].diagnostics[0].code, 'toml-encoding');
  });

  test('bad usage and unreadable paths exit 2 with a clear message', () => {
    const missing = run('lint', path.join(dir, 'nope.toml'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope\.toml.*no such file/);
    assert.equal(run('lint').status, 2);
    assert.match(run('lint', '--format', 'xml', dir).stderr, /--format takes 'text', 'json' or 'sarif'/);
    assert.match(run('lint', '--frobnicate', dir).stderr, /unknown option '--frobnicate'/);
    assert.equal(run('frob').status, 2);
    assert.equal(run().status, 2);
    const help = run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /kata-config lint/);
  });

  test('an unreadable file exits 2', { skip: process.getuid?.() === 0 ? 'skipped: root can read any file' : false }, () => {
    const f = path.join(dir, 'configuration-secret.toml');
    fs.writeFileSync(f, 'a = 1\n');
    fs.chmodSync(f, 0o000);
    const r = run('lint', f);
    fs.chmodSync(f, 0o644);
    fs.rmSync(f);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /permission denied/);
  });

  test('shipped configs linted per release folder: errors only where Kata refuses the file', { skip: skipUnlessShared('kata-configs') }, () => {
    for (const [release, folder] of [['3.2.0', 'go'], ['3.25.0', 'rs'], ['3.29.0', 'rs'], ['4.1.0', 'go-arm64']]) {
      const r = run('lint', '--no-host-checks', '--format', 'json', '--release', release, ...(folder.endsWith('arm64') ? ['--arch', 'arm64'] : []), sharedPath('kata-configs', release, folder));
      const out = JSON.parse(r.stdout) as Array<{ file: string; diagnostics: Array<{ severity: string; code: string }> }>;
      assert.ok(out.length >= 4, `found ${out.length} files in ${release}/${folder}`);
      const errors = out.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ where: `${release}/${folder}/${path.basename(f.file)}`, code: d.code })));
      assert.deepEqual(errors.filter((e) => !defectFor(e.where, e.code)), [], `${release}/${folder}`);
      assert.equal(r.status, errors.length ? 1 : 0);
    }
  });
});

describe('kata-config schema', () => {
  test('prints a draft-07 JSON Schema for one target', () => {
    const r = run('schema', '--runtime', 'rs', '--release', '3.20', '--hypervisor', 'dragonball');
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout);
    assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(s.title, /runtime-rs 3\.20\.0/);
    assert.deepEqual(Object.keys(s.properties.hypervisor.properties), ['dragonball']);
    assert.ok(s.properties.hypervisor.properties.dragonball.properties.default_memory);
  });
  test('bad arguments exit 2 with the reason', () => {
    assert.match(run('schema').stderr, /--runtime go or --runtime rs/);
    assert.match(run('schema', '--runtime', 'go', '--release', 'banana').stderr, /'banana' is not a Kata release; kata-config knows 3\.2\.0 to 4\.1\.0/);
    assert.match(run('schema', '--runtime', 'go', '--release', '3.99').stderr, /Kata 3\.99\.0 is not a release kata-config knows/);
    const newer = run('schema', '--runtime', 'go', '--release', '4.2');
    assert.equal(newer.status, 0);
    assert.match(newer.stderr, /newer than every release kata-config knows; the rules of 4\.1\.0 are assumed/);
    assert.match(run('schema', '--runtime', 'go', '--hypervisor', 'kvm').stderr, /unknown hypervisor table 'kvm'/);
    assert.equal(run('schema', '--runtime', 'go', '--arch', 'sparc').status, 2);
  });
});
