/**
 * runtime-rs's adjust_config inside the effective configuration, the kata-value-adjusted warning and
 * the hover: all three read effective/rsAdjustments.ts, so they say the same. Expected values were
 * read from kata-types' source of the release named (config/hypervisor/qemu.rs QemuConfig::adjust_config,
 * config/hypervisor/mod.rs DeviceInfo/BlockDeviceInfo::adjust_config, config/default.rs).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { effectiveConfig, type EffectiveConfig } from '../../server/src/kata/effective/model';
import { formatEffectiveToml } from '../../server/src/kata/effective/format';
import { rsAbsentDefault } from '../../server/src/kata/effective/rsAdjustments';
import { RELEASES, type Release } from '../../server/src/kata/releases';
import { KataSchema } from '../../server/src/kata/schema';
import { classifyTable } from '../../server/src/kata/schema/tablePaths';
import adjustments from '../../server/src/kata/facts/rs-adjustments.json';
import { analyzeText } from '../support/kata';

const BASE = '/etc/kata-containers/runtime-rs/configuration.toml';

function rs(release: Release = '4.1.0') {
  return KataSchema.of({ runtime: 'rs', release, arch: 'x86_64' });
}

function of(text: string, release?: Release, dropIns: Array<{ path: string; text: string }> = []): EffectiveConfig {
  return effectiveConfig(rs(release), { path: BASE, text }, dropIns);
}

function entry(c: EffectiveConfig, table: string, key: string) {
  const e = c.entries.find((x) => x.table === table && x.key === key);
  assert.ok(e, `${table}.${key} is in the effective configuration`);
  return e;
}

test('a key no file writes: serde default, then the plugin adjustment, with the reason as its origin', () => {
  const c = of('[hypervisor.qemu]\n');
  const memory = entry(c, 'hypervisor.qemu', 'default_memory');
  assert.equal(memory.value, 128); // DEFAULT_QEMU_MEMORY_SIZE_MB
  assert.equal(memory.origin.kind, 'built-in');
  assert.match(memory.origin.kind === 'built-in' ? memory.origin.why ?? '' : '', /QEMU plugin \(QemuConfig::adjust_config\)/);
  assert.equal(entry(c, 'hypervisor.qemu', 'path').value, '/usr/bin/qemu-system-x86_64'); // DEFAULT_QEMU_BINARY_PATH
  // DEFAULT_QEMU_PCI_BRIDGES: 2 in 3.20.0, 1 in 4.1.0
  assert.equal(entry(c, 'hypervisor.qemu', 'default_bridges').value, 1);
  assert.equal(entry(of('[hypervisor.qemu]\n', '3.20.0'), 'hypervisor.qemu', 'default_bridges').value, 2);
  assert.match(formatEffectiveToml({ ...c, base: BASE, dropIns: [] }), /^default_memory = 128 {2}# Kata's built-in default \(.*QemuConfig::adjust_config/m);
});

test('a written value runtime-rs caps: rewritten, with the file line; values it keeps stay written', () => {
  const c = of('[hypervisor.qemu]\ndefault_bridges = 9\nnetwork_queues = 300\ndefault_memory = 4096\n');
  const bridges = entry(c, 'hypervisor.qemu', 'default_bridges');
  assert.equal(bridges.value, 5); // MAX_BRIDGE_SIZE
  assert.deepEqual(bridges.origin.kind === 'rewritten' && [bridges.origin.written, bridges.origin.line], [9, 2]);
  assert.equal(entry(c, 'hypervisor.qemu', 'network_queues').value, 256); // MAX_NETWORK_QUEUES, from 3.27.0
  assert.equal(entry(of('[hypervisor.qemu]\nnetwork_queues = 300\n', '3.26.0'), 'hypervisor.qemu', 'network_queues').value, 300);
  const memory = entry(c, 'hypervisor.qemu', 'default_memory');
  assert.equal(memory.origin.kind, 'written');
  assert.equal(memory.value, 4096);
  assert.match(memory.host ?? '', /above the host RAM/);
});

test('adjustments that read another key: disabled block devices clear the driver and keep queue_size 0', () => {
  const c = of('[hypervisor.dragonball]\ndisable_block_device_use = true\nblock_device_driver = "virtio-blk-mmio"\nqueue_size = 0\n');
  assert.equal(entry(c, 'hypervisor.dragonball', 'block_device_driver').value, '');
  assert.equal(entry(c, 'hypervisor.dragonball', 'queue_size').value, 0);
  const on = of('[hypervisor.dragonball]\nqueue_size = 0\n');
  assert.equal(entry(on, 'hypervisor.dragonball', 'block_device_driver').value, 'virtio-blk-pci');
  assert.equal(entry(on, 'hypervisor.dragonball', 'queue_size').value, 128); // DEFAULT_BLOCK_DEVICE_QUEUE_SIZE, from 3.24.0
  // block_device_aio: read from 3.20.0, where an empty value becomes io_uring
  assert.equal(entry(of('[hypervisor.dragonball]\nblock_device_aio = ""\n', '3.20.0'), 'hypervisor.dragonball', 'block_device_aio').value, 'io_uring');
});

test('runtime-rs adjusts the merged configuration: a drop-in 0 becomes the default, with the drop-in as origin', () => {
  const c = of('[hypervisor.qemu]\ndefault_memory = 2048\n', '4.1.0', [{ path: '/etc/kata-containers/runtime-rs/config.d/50-mem.toml', text: '[hypervisor.qemu]\ndefault_memory = 0\n' }]);
  const memory = entry(c, 'hypervisor.qemu', 'default_memory');
  assert.equal(memory.value, 128);
  assert.equal(memory.origin.kind, 'rewritten');
  assert.ok(memory.origin.kind === 'rewritten' && memory.origin.dropIn && memory.origin.written === 0);
  assert.deepEqual(memory.overrides.map((o) => o.value), [2048]);
});

test('kata-value-adjusted for runtime-rs: the same replay, per release, and not for 0 meaning the default', () => {
  const codes = (text: string, release: Release) =>
    analyzeText(`# kata-config: runtime=rs release=${release}\n${text}`, '/tmp/kata/configuration-qemu-runtime-rs.toml')
      .diags.filter((d) => d.code === 'kata-value-adjusted')
      .map((d) => d.message);
  const head = `[runtime]\nname = "virt_container"\nhypervisor_name = "qemu"\nagent_name = "kata"\n[agent.kata]\n[hypervisor.qemu]\n`;
  assert.deepEqual(codes(`${head}network_queues = 300\ndefault_memory = 0\n`, '4.1.0'), ['Kata uses 256 instead of 300: runtime-rs (NetworkInfo::adjust_config) uses MAX_NETWORK_QUEUES (256) for values above MAX_NETWORK_QUEUES (256).']);
  assert.deepEqual(codes(`${head}network_queues = 300\n`, '3.26.0'), []);
});

test('the facts\' serde defaults are the schema\'s code defaults, in every release', () => {
  const mismatches: string[] = [];
  for (const release of RELEASES) {
    const schema = rs(release);
    for (const fact of adjustments.absent) {
      const [kind0, , ...rest] = fact.table.split('.');
      const path = fact.table.replace('<name>', 'qemu').split('.');
      const ref = classifyTable(path);
      if (!ref) continue;
      const d = rsAbsentDefault({ release, arch: 'x86_64' }, { kind: ref.kind, name: path[1] }, fact.key);
      const spec = schema.spec(ref.kind, fact.key);
      if (!d || d.value === undefined || !spec || !spec.releases.has(release)) continue;
      if (JSON.stringify(d.value) !== JSON.stringify(spec.codeDefault)) mismatches.push(`${release} ${kind0}${rest.length ? '…' : ''} ${fact.key}: facts ${JSON.stringify(d.value)}, schema ${JSON.stringify(spec.codeDefault)}`);
    }
  }
  assert.deepEqual(mismatches, []);
});
