/**
 * config.d drop-ins in the effective configuration: a base file and two drop-ins writing the same
 * key (the later file's value wins, with its origin, in both runtimes), and what a runtime refuses
 * in a drop-in, worded as Kata words it. For the Go runtime both are also put to Kata's own loader
 * (../shared/kata-oracle, skipped with the reason when it cannot run): Kata's effective value and
 * Kata's load error must be ours.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Host } from '../../server/src/host';
import { effectiveConfig } from '../../server/src/kata/effective/model';
import { KataSchema } from '../../server/src/kata/schema';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { GoOracle, ORACLE_AT } from '../parity/oracle';
import { sharedPath, skipUnlessShared } from '../support/shared';

const go = new KataSchema({ runtime: 'go', release: '4.1.0', arch: 'x86_64' });
const rs = new KataSchema({ runtime: 'rs', release: '4.1.0', arch: 'x86_64' });

const BASE = { path: '/etc/kata-containers/configuration.toml', text: '[hypervisor.qemu]\nimage = "/i"\ndefault_memory = 4096\n\n[agent.kata]\nenable_debug = false\n' };

test('Go: the first drop-in key applyKey cannot find is the load error, in Kata\'s words; the rest follow it', () => {
  const dropIn = { path: '/etc/kata-containers/config.d/30-typo.toml', text: '[agent.kata]\nenable_debug = true\n\n[hypervisor.qemu]\ndefault_memroy = 1\nDefault_Memory = 2\n' };
  const c = effectiveConfig(go, BASE, [dropIn]);
  assert.deepEqual(
    c.refused.map((r) => [r.line, r.key, r.message]),
    [
      [5, 'default_memroy', `error applying key 'hypervisor.qemu.default_memroy' from drop-in file "${dropIn.path}": error getting key "default_memroy" from a decoded drop-in conf file: key "default_memroy" not found`],
      [6, 'Default_Memory', `error applying key 'hypervisor.qemu.Default_Memory' from drop-in file "${dropIn.path}": error getting key "Default_Memory" from a decoded drop-in conf file: key "Default_Memory" not found`],
    ],
  );
  // The same keys in the base file are not refused (Go ignores an unknown key there, and matches the case).
  assert.deepEqual(effectiveConfig(go, { ...BASE, text: `${BASE.text}\n[hypervisor.qemu]\n` }, []).refused, []);
  assert.deepEqual(effectiveConfig(go, { path: BASE.path, text: '[hypervisor.qemu]\ndefault_memroy = 1\n' }).refused, []);
});

test('runtime-rs: a drop-in key the merged file\'s decoder rejects is refused only where the table refuses unknown fields (3.29.0 on)', () => {
  const dropIn = { path: '/etc/kata-containers/config.d/30-typo.toml', text: '[agent.kata]\nenable_debugg = true\n\n[hypervisor.qemu]\ndefault_memroy = 1\n' };
  const refused = effectiveConfig(rs, BASE, [dropIn]).refused;
  assert.deepEqual(refused.map((r) => [r.table, r.key, r.line]), [['agent.kata', 'enable_debugg', 2]]);
  assert.match(refused[0].message, /unknown field `enable_debugg`/);
  const old = new KataSchema({ runtime: 'rs', release: '3.28.0', arch: 'x86_64' });
  assert.deepEqual(effectiveConfig(old, BASE, [dropIn]).refused, [], 'before 3.29.0 serde ignores unknown agent keys');
});

test('a config.d entry that is not a regular file: Go refuses a directory, runtime-rs a directory or a symlink', () => {
  const files = new Map([
    ['/k/configuration.toml', BASE.text],
    ['/k/config.d/10-link.toml', '[hypervisor.qemu]\ndefault_memory = 6144\n'],
  ]);
  const host: Host = {
    exists: (p) => files.has(p),
    readFile: (p) => files.get(p),
    realpath: (p) => p,
    list: (dir) => (dir === '/k/config.d' ? [{ name: '10-link.toml', directory: false, symlink: true }, { name: '20-dir', directory: true }] : undefined),
  };
  const source = (directive: string, version: number) => ({ uri: pathToFileURL('/k/configuration.toml').href, version, getText: () => `${directive}\n${BASE.text}` });
  const service = new LanguageService(host);
  service.configure({ release: '4.1.0', hostChecks: false });
  const goView = service.effective(source('# kata-config: runtime=go', 1));
  assert.deepEqual(goView.refused.map((r) => r.message), ['error reading file "/k/config.d/20-dir": read /k/config.d/20-dir: is a directory']);
  assert.equal(goView.entries.find((e) => e.key === 'default_memory')?.value, 6144, 'Go reads a symlinked drop-in');
  const rsView = service.effective(source('# kata-config: runtime=rs', 2));
  assert.deepEqual(rsView.refused.map((r) => [r.file, r.message]), [
    ['/k/config.d/10-link.toml', 'drop-in cfg file can only be a regular file or a symlink'],
    ['/k/config.d/20-dir', 'drop-in cfg file can only be a regular file or a symlink'],
  ]);
});

const oracle = new GoOracle();
const unavailable = skipUnlessShared('kata-configs') || oracle.canJudge('4.1.0', 'x86_64');

describe('drop-ins put to Kata\'s Go loader (kata-oracle 4.1.0)', { skip: unavailable ? `skipped: ${unavailable}` : false }, () => {
  const shipped = () => fs.readFileSync(sharedPath('kata-configs', '4.1.0', 'go', 'configuration-qemu.toml'), 'utf8');

  /** The shipped qemu file with these drop-ins, on disk; ours with the real file system, Kata's through the oracle (at ORACLE_AT). */
  async function both(dropIns: Record<string, string>) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-dropins-'));
    try {
      const main = path.join(dir, 'configuration-qemu.toml');
      fs.writeFileSync(main, shipped());
      fs.mkdirSync(path.join(dir, 'config.d'));
      for (const [name, text] of Object.entries(dropIns)) fs.writeFileSync(path.join(dir, 'config.d', name), text);
      const service = new LanguageService(nodeHost);
      service.configure({ release: '4.1.0', arch: 'x86_64', hostChecks: false });
      const ours = service.effective({ uri: pathToFileURL(main).href, version: 0, getText: () => shipped() });
      const [kata] = await oracle.judge([{ path: main }], '4.1.0', 'x86_64');
      const atOracle = (s: string) => s.split(dir).join(ORACLE_AT);
      return { ours, kata, atOracle };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  test('two drop-ins writing default_memory: Kata uses the later file\'s value, and so do we', { timeout: 60_000 }, async () => {
    const { ours, kata } = await both({ '10-memory.toml': '[hypervisor.qemu]\ndefault_memory = 3072\n', '20-memory.toml': '# later\n[hypervisor.qemu]\ndefault_memory = 5120\n' });
    assert.equal(kata.loadError, null);
    assert.deepEqual(kata.dropIns.map((d) => path.basename(d)), ['10-memory.toml', '20-memory.toml']);
    const mem = ours.entries.find((e) => e.table === 'hypervisor.qemu' && e.key === 'default_memory')!;
    assert.equal((kata.effective as { HypervisorConfig: { MemorySize: number } }).HypervisorConfig.MemorySize, 5120);
    assert.equal(mem.value, 5120);
    assert.equal(mem.origin.kind === 'written' && path.basename(mem.origin.file), '20-memory.toml');
    assert.equal(mem.origin.kind === 'written' && mem.origin.line, 3);
    assert.deepEqual(mem.overrides.map((o) => path.basename(o.file)), ['configuration-qemu.toml', '10-memory.toml']);
    assert.deepEqual(ours.refused, []);
  });

  test('a drop-in key Go cannot apply: our refusal is Kata\'s load error, word for word', { timeout: 60_000 }, async () => {
    const { ours, kata, atOracle } = await both({ '10-memory.toml': '[hypervisor.qemu]\ndefault_memory = 3072\n', '20-typo.toml': '[hypervisor.qemu]\nDefault_Memory = 4096\ndefault_memroy = 1\n' });
    assert.ok(kata.loadError, 'Kata refuses the configuration');
    assert.equal(ours.refused.length, 2);
    assert.ok(kata.loadError.includes(atOracle(ours.refused[0].message)), `Kata: ${kata.loadError}\nours: ${atOracle(ours.refused[0].message)}`);
  });

  test('a directory inside config.d: Go refuses to load, as we say', { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-dropins-'));
    try {
      const main = path.join(dir, 'configuration-qemu.toml');
      fs.writeFileSync(main, shipped());
      fs.mkdirSync(path.join(dir, 'config.d', '50-subdir'), { recursive: true });
      const service = new LanguageService(nodeHost);
      service.configure({ release: '4.1.0', arch: 'x86_64', hostChecks: false });
      const ours = service.effective({ uri: pathToFileURL(main).href, version: 0, getText: () => shipped() });
      const [kata] = await oracle.judge([{ path: main }], '4.1.0', 'x86_64');
      assert.ok(kata.loadError);
      assert.equal(ours.refused.length, 1);
      assert.ok(kata.loadError.includes(ours.refused[0].message.split(dir).join(ORACLE_AT)), `Kata: ${kata.loadError}\nours: ${ours.refused[0].message}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
