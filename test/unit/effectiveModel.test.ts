/**
 * effective/model.ts: the value Kata uses for each key and where it comes from, for a base file and
 * its config.d drop-ins (merged key by key, in file-name order, in both runtimes).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { KataSchema } from '../../server/src/kata/schema';
import { effectiveConfig, type EffectiveConfig } from '../../server/src/kata/effective/model';

const go = new KataSchema({ runtime: 'go', release: '4.1.0', arch: 'x86_64' });
const rs = new KataSchema({ runtime: 'rs', release: '4.1.0', arch: 'x86_64' });

function entry(c: EffectiveConfig, table: string, key: string) {
  const e = c.entries.find((x) => x.table === table && x.key === key);
  assert.ok(e, `${table}.${key} is in the effective configuration`);
  return e;
}

const BASE = { path: '/etc/kata-containers/configuration.toml', text: '[hypervisor.qemu]\nimage = "/i"\ndefault_memory = 4096\ndefault_vcpus = 1\n\n[runtime]\nenable_debug = false\n' };
const LATER = { path: '/etc/kata-containers/config.d/20-memory.toml', text: '[hypervisor.qemu]\ndefault_memory = 8192\n' };
const EARLIER = { path: '/etc/kata-containers/config.d/10-memory.toml', text: '[hypervisor.qemu]\ndefault_memory = 6144\nenable_debug = true\n' };

test('two drop-ins overriding the same key: the later file wins, with its line, in both runtimes', () => {
  for (const schema of [go, rs]) {
    const c = effectiveConfig(schema, BASE, [LATER, EARLIER]);
    const mem = entry(c, 'hypervisor.qemu', 'default_memory');
    assert.equal(mem.value, 8192);
    assert.deepEqual(mem.origin, { kind: 'written', file: LATER.path, line: 2, dropIn: true });
    assert.deepEqual(mem.overrides.map((o) => [o.file, o.value]), [[BASE.path, 4096], [EARLIER.path, 6144]]);
    assert.deepEqual(entry(c, 'hypervisor.qemu', 'enable_debug').origin, { kind: 'written', file: EARLIER.path, line: 3, dropIn: true });
    assert.deepEqual(entry(c, 'hypervisor.qemu', 'default_vcpus').origin, { kind: 'written', file: BASE.path, line: 4, dropIn: false });
  }
});

test('Kata rewrites: Go default_memory = 0 becomes 2048 MiB; an empty runtime-rs vfio_mode is guest-kernel', () => {
  const c = effectiveConfig(go, { path: '/x/configuration-qemu.toml', text: '[hypervisor.qemu]\nimage = "/i"\ndefault_memory = 0\n' });
  const mem = entry(c, 'hypervisor.qemu', 'default_memory');
  assert.equal(mem.value, 2048);
  assert.equal(mem.origin.kind, 'rewritten');
  assert.equal(mem.origin.kind === 'rewritten' && mem.origin.written, 0);
  const v = entry(effectiveConfig(rs, { path: '/x/configuration-qemu-runtime-rs.toml', text: '[runtime]\nvfio_mode = ""\n' }), 'runtime', 'vfio_mode');
  assert.equal(v.value, 'guest-kernel');
});

test('keys no file writes get Kata\'s built-in default; keys another hypervisor reads are not listed', () => {
  const c = effectiveConfig(go, { path: '/x/configuration-qemu.toml', text: '[hypervisor.qemu]\nimage = "/i"\n' });
  const slots = entry(c, 'hypervisor.qemu', 'memory_slots');
  assert.equal(slots.origin.kind, 'built-in');
  assert.equal(slots.value, go.spec('hypervisor', 'memory_slots')!.codeDefault);
  assert.equal(c.entries.some((e) => e.table === 'hypervisor.qemu' && e.key === 'jailer_path'), false, 'jailer_path is Firecracker\'s');
});

test('an alias spelling counts as its key; an unreadable drop-in is reported, not a crash', () => {
  const c = effectiveConfig(rs, { path: '/x/configuration-qemu-runtime-rs.toml', text: '[agent.kata.mem_agent]\nmem_agent_enable = true\n' }, [{ path: '/x/config.d/50-bad.toml', text: '[agent\n' }]);
  assert.equal(entry(c, 'agent.kata.mem_agent', 'enable').value, true);
  assert.equal(c.unreadable.length, 1);
  assert.match(c.unreadable[0].file, /50-bad\.toml$/);
});

test('0 meaning the host\'s CPUs or RAM has no number but a host note, written or built in', () => {
  const c = effectiveConfig(go, { path: '/x/configuration-qemu.toml', text: '[hypervisor.qemu]\nimage = "/i"\ndefault_maxvcpus = 0\n' });
  const cpus = entry(c, 'hypervisor.qemu', 'default_maxvcpus');
  assert.equal(cpus.value, undefined);
  assert.equal(cpus.host, 'host CPU count');
  assert.equal(cpus.origin.kind, 'rewritten');
  const ram = entry(c, 'hypervisor.qemu', 'default_maxmemory');
  assert.equal(ram.origin.kind, 'built-in');
  assert.equal(ram.host, 'host RAM');
  // A number that does not depend on the host carries no note.
  assert.equal(entry(c, 'hypervisor.qemu', 'default_memory').host, undefined);
});

test('tables the runtime decodes although no file writes them are listed with their defaults', () => {
  const tables = (runtime: 'go' | 'rs', text: string) => [...new Set(effectiveConfig(KataSchema.of({ runtime, release: '4.1.0', arch: 'x86_64' }), { path: '/etc/kata-containers/configuration.toml', text }).entries.map((e) => e.table))].sort();
  // Go: one tomlConfig struct (runtime, factory, agent.kata); runtime-rs: [runtime] and each hypervisor's factory
  assert.deepEqual(tables('go', '[hypervisor.qemu]\n'), ['agent.kata', 'factory', 'hypervisor.qemu', 'runtime']);
  assert.deepEqual(tables('rs', '[hypervisor.qemu]\n'), ['hypervisor.qemu', 'hypervisor.qemu.factory', 'runtime']);
  // a hypervisor table is never implied: the file chooses it
  assert.deepEqual(tables('go', '[runtime]\n'), ['agent.kata', 'factory', 'runtime']);
  const go = effectiveConfig(KataSchema.of({ runtime: 'go', release: '4.1.0', arch: 'x86_64' }), { path: '/etc/kata-containers/configuration.toml', text: '[hypervisor.qemu]\n' });
  assert.equal(entry(go, 'runtime', 'internetworking_model').origin.kind, 'built-in');
});
