/**
 * `kata-config effective`: a base file with two config.d drop-ins (found beside the resolved file),
 * both output formats, exit codes as lint, and every pristine config of ../shared/kata-configs.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli';
import { corpusFiles, skipUnlessShared } from '../support/shared';

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    args,
    (s) => out.push(s) > 0,
    (s) => err.push(s) > 0,
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function install(): { dir: string; base: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-effective-'));
  const base = path.join(dir, 'configuration.toml');
  fs.writeFileSync(base, '# kata-config: runtime=go release=4.1.0\n[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\nkernel = "/k"\nimage = "/i"\nshared_fs = "none"\ndefault_memory = 4096\n\n[runtime]\n');
  fs.mkdirSync(path.join(dir, 'config.d'));
  fs.writeFileSync(path.join(dir, 'config.d', '20-b.toml'), '[hypervisor.qemu]\ndefault_memory = 8192\n');
  fs.writeFileSync(path.join(dir, 'config.d', '10-a.toml'), '[hypervisor.qemu]\ndefault_memory = 0\ndefault_vcpus = 2\n');
  return { dir, base };
}

test('JSON: the later drop-in\'s value with its file and line, the overridden ones, and --no-drop-ins', () => {
  const { dir, base } = install();
  const r = run(['effective', '--format', 'json', base]);
  assert.equal(r.code, 0, r.err);
  const json = JSON.parse(r.out) as { dropIns: string[]; entries: Array<{ table: string; key: string; value: unknown; origin: { kind: string; file?: string; line?: number }; overrides: Array<{ file: string; value: unknown }> }> };
  assert.deepEqual(json.dropIns.map((d) => path.basename(d)), ['10-a.toml', '20-b.toml']);
  const mem = json.entries.find((e) => e.table === 'hypervisor.qemu' && e.key === 'default_memory')!;
  assert.equal(mem.value, 8192);
  assert.equal(mem.origin.file, path.join(dir, 'config.d', '20-b.toml'));
  assert.equal(mem.origin.line, 2);
  assert.deepEqual(mem.overrides.map((o) => o.value), [4096, 0]);
  const alone = JSON.parse(run(['effective', '--format', 'json', '--no-drop-ins', base]).out) as typeof json;
  assert.equal(alone.entries.find((e) => e.key === 'default_memory')!.value, 4096);
  assert.deepEqual(alone.dropIns, []);
});

test('TOML: valid TOML with an origin comment per value; a drop-in asked for on its own shows the whole configuration', () => {
  const { dir } = install();
  const r = run(['effective', path.join(dir, 'config.d', '10-a.toml')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^default_memory = 8192 {2}# drop-in .*20-b\.toml:2; overrides .*configuration\.toml:7, .*10-a\.toml:2$/m);
  assert.match(r.out, /^default_vcpus = 2 {2}# drop-in .*10-a\.toml:3$/m);
  assert.match(r.out, /^confidential_guest = false {2}# Kata's built-in default$/m);
});

test('exit codes as lint: 1 when Kata refuses the configuration, 2 for a missing file or bad usage', () => {
  const { dir, base } = install();
  fs.writeFileSync(path.join(dir, 'config.d', '30-bad.toml'), '[hypervisor.qemu\n');
  const r = run(['effective', base]);
  assert.equal(r.code, 1);
  assert.match(r.out, /NOT TOML, Kata refuses the configuration: .*30-bad\.toml/);
  assert.equal(run(['effective', path.join(dir, 'nope.toml')]).code, 2);
  assert.equal(run(['effective', '--format', 'yaml', base]).code, 2);
  assert.equal(run(['effective', base, base]).code, 2);
});

test('every pristine config of every release succeeds', { skip: skipUnlessShared('kata-configs') }, () => {
  const files = corpusFiles().filter((f) => f.validToml);
  assert.ok(files.length > 1000);
  for (const f of files) {
    const r = run(['effective', '--format', 'json', '--release', f.release, '--arch', f.arch, f.path]);
    assert.notEqual(r.code, 2, `${f.path}: ${r.err}`);
    const json = JSON.parse(r.out) as { entries: unknown[] };
    assert.ok(json.entries.length > 20, `${f.path}: ${json.entries.length} entries`);
  }
});
