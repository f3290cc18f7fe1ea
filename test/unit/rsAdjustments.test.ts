/**
 * runtime-rs's adjust_config rewrites (server/src/kata/effective/rsAdjustments.ts over the generated
 * facts/rs-adjustments.json). The expectations below were read from kata-types' source of each
 * release named (config/hypervisor/*.rs, config/default.rs, config/runtime.rs), not from the
 * extractor's output; the last tests check that the committed facts are what the extractor makes
 * of ../shared/kata-source, and the extractor itself on a made-up source tree.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RsAdjustmentFacts } from '../../server/src/kata/facts/types';
import { rsAbsentDefault, rsAdjustTable, rsAdjustment, rsBuiltInAdjustment, rsPlugins, type RsTarget } from '../../server/src/kata/effective/rsAdjustments';
import type { Arch, Release } from '../../server/src/kata/releases';
import { RELEASES } from '../../server/src/kata/releases';
import { extractRsAdjustmentFacts, RS_ADJUSTMENT_ARRAYS } from '../../scripts/kata-facts/rustAdjust';
import { findSources } from '../../scripts/kata-facts/sources';
import { formatFacts } from '../../scripts/kata-facts/writeJson';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';

const at = (release: Release, arch: Arch = 'x86_64'): RsTarget => ({ release, arch });
/** The value runtime-rs uses for a written value, or 'kept'. */
function used(release: Release, table: string, key: string, written: unknown, others: Record<string, unknown> = {}, arch: Arch = 'x86_64'): unknown {
  const r = rsAdjustment(at(release, arch), table, key, written as never, { others: (k) => others[k] as never });
  return r && r.rewritten ? r.use : 'kept';
}

test('block_device_aio: an empty value becomes io_uring from 3.20.0 only', () => {
  for (const r of ['3.2.0', '3.10.0', '3.19.1'] as const) assert.equal(used(r, 'hypervisor.qemu', 'block_device_aio', ''), 'kept', r);
  for (const r of ['3.20.0', '3.24.0', '4.1.0'] as const) assert.equal(used(r, 'hypervisor.qemu', 'block_device_aio', ''), 'io_uring', r);
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'block_device_aio', 'native'), 'kept');
  // BlockDeviceInfo::adjust_config returns early when block devices are disabled
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'block_device_aio', '', { disable_block_device_use: true }), 'kept');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'block_device_driver', 'virtio-scsi', { disable_block_device_use: true }), '');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'block_device_driver', ''), 'virtio-blk-pci');
});

test('num_queues 0 becomes 1 and queue_size 0 becomes 128 from 3.24.0 only', () => {
  for (const r of ['3.2.0', '3.20.0', '3.23.0'] as const) {
    assert.equal(used(r, 'hypervisor.dragonball', 'num_queues', 0), 'kept', r);
    assert.equal(used(r, 'hypervisor.dragonball', 'queue_size', 0), 'kept', r);
  }
  for (const r of ['3.24.0', '3.30.0', '4.1.0'] as const) {
    assert.equal(used(r, 'hypervisor.dragonball', 'num_queues', 0), 1, r);
    assert.equal(used(r, 'hypervisor.dragonball', 'queue_size', 0), 128, r);
    assert.equal(used(r, 'hypervisor.dragonball', 'queue_size', 256), 'kept', r);
  }
  // a file without them: serde's 0, then the same rewrite
  assert.equal(rsBuiltInAdjustment(at('3.24.0'), 'hypervisor.qemu', 'queue_size')?.use, 128);
  assert.equal(rsBuiltInAdjustment(at('3.23.0'), 'hypervisor.qemu', 'queue_size'), undefined);
});

test('default_memory 0: each plugin its own DEFAULT_*_MEMORY_SIZE_MB (128), remote MIN_REMOTE_MEMORY_SIZE_MB (64)', () => {
  for (const r of ['3.2.0', '3.20.0', '4.1.0'] as const) {
    const q = rsAdjustment(at(r), { kind: 'hypervisor', name: 'qemu' }, 'default_memory', 0);
    assert.equal(q?.use, 128, r);
    assert.match(q!.why, /QEMU plugin \(QemuConfig::adjust_config\) uses DEFAULT_QEMU_MEMORY_SIZE_MB \(128\) for 0/);
    assert.equal(used(r, 'hypervisor.dragonball', 'default_memory', 0), 128, r);
  }
  assert.equal(used('3.10.0', 'hypervisor.remote', 'default_memory', 0), 'kept', 'no remote plugin before 3.11.0');
  assert.equal(used('3.11.0', 'hypervisor.remote', 'default_memory', 0), 64);
  assert.equal(used('3.7.0', 'hypervisor.firecracker', 'default_memory', 0), 128);
  assert.equal(used('3.6.0', 'hypervisor.firecracker', 'default_memory', 0), 'kept', 'no firecracker plugin before 3.7.0');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'default_memory', 2048), 'kept');
  const absent = rsBuiltInAdjustment(at('4.1.0'), 'hypervisor.qemu', 'default_memory');
  assert.equal(absent?.use, 128);
  assert.match(absent!.why, /^without the key serde gives 0; /);
});

test('the QEMU binary: DEFAULT_QEMU_BINARY_PATH has no per-arch variant in 3.2.0–4.1.0, so every arch gets the x86_64 binary', () => {
  for (const arch of ['x86_64', 'aarch64', 's390x', 'ppc64le', 'riscv64'] as const) {
    for (const r of ['3.2.0', '4.1.0'] as const) assert.equal(used(r, 'hypervisor.qemu', 'path', '', {}, arch), '/usr/bin/qemu-system-x86_64', `${r} ${arch}`);
  }
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'path', '/usr/bin/qemu-system-aarch64', {}, 'aarch64'), 'kept');
  assert.equal(used('4.1.0', 'hypervisor.clh', 'path', ''), '/usr/bin/cloud-hypervisor');
});

test('qemu default_bridges 0 becomes 2 up to 3.24.0 and 1 from 3.25.0; machine_type "" is q35 up to 3.22.0', () => {
  assert.equal(used('3.24.0', 'hypervisor.qemu', 'default_bridges', 0), 2);
  assert.equal(used('3.25.0', 'hypervisor.qemu', 'default_bridges', 0), 1);
  assert.equal(used('3.24.0', 'hypervisor.qemu', 'default_bridges', 9), 5, 'DeviceInfo caps it at MAX_BRIDGE_SIZE');
  assert.equal(used('3.22.0', 'hypervisor.qemu', 'machine_type', ''), 'q35');
  // from 3.23.0 DEFAULT_QEMU_MACHINE_TYPE is crate::machine_type::MACHINE_TYPE_Q35_TYPE, outside the config/ tree the facts read
  const r = rsAdjustment(at('3.23.0'), 'hypervisor.qemu', 'machine_type', '');
  assert.equal(r?.use, undefined);
  assert.match(r!.why, /MACHINE_TYPE_Q35_TYPE/);
});

test('the Cloud Hypervisor table is [hypervisor.cloud-hypervisor] up to 3.29.0 and [hypervisor.clh] from 3.30.0', () => {
  assert.ok(rsPlugins('3.29.0').includes('cloud-hypervisor') && !rsPlugins('3.29.0').includes('clh'));
  assert.ok(rsPlugins('3.30.0').includes('clh') && !rsPlugins('3.30.0').includes('cloud-hypervisor'));
  assert.equal(used('3.29.0', 'hypervisor.cloud-hypervisor', 'default_bridges', 0), 2);
  assert.equal(used('3.29.0', 'hypervisor.clh', 'default_bridges', 0), 'kept', 'no plugin: runtime-rs refuses the table');
  assert.equal(used('3.29.0', 'hypervisor.clh', 'block_device_aio', ''), 'kept', 'not even the common adjustments');
  assert.deepEqual(rsPlugins('3.2.0').sort(), ['cloud-hypervisor', 'dragonball', 'qemu']);
  assert.deepEqual(rsPlugins('4.1.0').sort(), ['clh', 'dragonball', 'firecracker', 'openvmm', 'qemu', 'remote']);
});

test('vCPUs: default_vcpus 0 becomes DEFAULT_GUEST_VCPUS (1); values above the host CPUs are a host note; Dragonball caps default_maxvcpus at 256', () => {
  for (const r of ['3.2.0', '4.1.0'] as const) assert.equal(used(r, 'hypervisor.qemu', 'default_vcpus', 0), 1, r);
  const four = rsAdjustment(at('4.1.0'), 'hypervisor.qemu', 'default_vcpus', 4);
  assert.equal(four?.rewritten, false);
  assert.equal(four?.use, 4);
  assert.match(four!.host!, /above the host CPU count/);
  const max = rsAdjustment(at('4.1.0'), 'hypervisor.qemu', 'default_maxvcpus', 0);
  assert.equal(max?.use, undefined);
  assert.equal(max?.host, 'host CPU count');
  assert.equal(used('3.2.0', 'hypervisor.dragonball', 'default_maxvcpus', 300), 256);
  assert.equal(used('3.2.0', 'hypervisor.qemu', 'default_maxvcpus', 300), 'kept', 'only Dragonball has the cap');
});

test('memory: default_maxmemory 0 is the host RAM from 3.3.0 (not in 3.2.0)', () => {
  assert.equal(used('3.2.0', 'hypervisor.qemu', 'default_maxmemory', 0), 'kept');
  for (const r of ['3.3.0', '3.27.0', '4.1.0'] as const) assert.equal(rsAdjustment(at(r), 'hypervisor.qemu', 'default_maxmemory', 0)?.host, 'host RAM', r);
  assert.equal(rsAdjustment(at('3.27.0'), 'hypervisor.qemu', 'default_memory', 4096), undefined, 'default_memory is lowered to the host RAM from 3.28.0 only');
  assert.match(rsAdjustment(at('3.28.0'), 'hypervisor.qemu', 'default_memory', 4096)!.host!, /host RAM/);
});

test('shared_fs: "" becomes virtio-fs; "none" unsets it from 3.18.0; the virtio-fs defaults need a virtio-fs type', () => {
  for (const r of ['3.2.0', '3.18.0', '4.1.0'] as const) assert.equal(used(r, 'hypervisor.qemu', 'shared_fs', ''), 'virtio-fs', r);
  assert.equal(used('3.17.0', 'hypervisor.qemu', 'shared_fs', 'none'), 'kept');
  const none = rsAdjustment(at('3.18.0'), 'hypervisor.qemu', 'shared_fs', 'none');
  assert.ok(none?.rewritten && none.use === undefined);
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'virtio_fs_cache', '', { shared_fs: 'virtio-fs' }), 'never');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'virtio_fs_cache', 'none', { shared_fs: 'inline-virtio-fs' }), 'never');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'virtio_fs_cache', '', { shared_fs: '' }), 'never', 'an empty shared_fs is virtio-fs by then');
  // a file without shared_fs leaves the Option unset: no virtio-fs adjustments at all
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'virtio_fs_cache', ''), 'kept');
  assert.deepEqual(rsAbsentDefault(at('4.1.0'), 'hypervisor.qemu', 'shared_fs'), { none: true });
  assert.equal(used('3.31.0', 'hypervisor.qemu', 'virtio_fs_cache', '', { shared_fs: 'virtio-fs-nydus' }), 'kept');
  assert.equal(used('3.32.0', 'hypervisor.qemu', 'virtio_fs_cache', '', { shared_fs: 'virtio-fs-nydus' }), 'never');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'virtio_fs_cache_size', 0, { shared_fs: 'virtio-fs', virtio_fs_is_dax: true }), 1024);
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'virtio_fs_is_dax', false, { shared_fs: 'virtio-fs', virtio_fs_cache_size: 512 }), true);
  // virtio-9p: msize_9p 0 → DEFAULT_SHARED_9PFS_SIZE_MB: 128 * 1024 up to 3.23.0, 8 * 1024 in 3.24.0..3.28.0, gone in 3.29.0
  assert.equal(used('3.23.0', 'hypervisor.qemu', 'msize_9p', 0, { shared_fs: 'virtio-9p' }), 131072);
  assert.equal(used('3.24.0', 'hypervisor.qemu', 'msize_9p', 0, { shared_fs: 'virtio-9p' }), 8192);
  assert.equal(used('3.29.0', 'hypervisor.qemu', 'msize_9p', 0, { shared_fs: 'virtio-9p' }), 'kept');
});

test('the other common ones: vm_rootfs_driver, network_queues from 3.27.0, guest_hook_path up to 3.19.1, vhost_user_store_path', () => {
  assert.equal(used('3.2.0', 'hypervisor.qemu', 'vm_rootfs_driver', ''), 'virtio-blk-pci');
  assert.equal(used('3.26.0', 'hypervisor.qemu', 'network_queues', 0), 'kept');
  assert.equal(used('3.27.0', 'hypervisor.qemu', 'network_queues', 0), 1);
  assert.equal(used('3.27.0', 'hypervisor.qemu', 'network_queues', 1000), 256);
  assert.equal(used('3.19.1', 'hypervisor.qemu', 'guest_hook_path', ''), '/opt/kata/hooks');
  assert.equal(used('3.20.0', 'hypervisor.qemu', 'guest_hook_path', ''), 'kept');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'vhost_user_store_path', '/x'), '', 'cleared unless enable_vhost_user_store');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'vhost_user_store_path', '', { enable_vhost_user_store: true }), '/var/run/vhost-user');
  assert.equal(used('4.1.0', 'hypervisor.qemu', 'vhost_user_store_path', '/x', { enable_vhost_user_store: true }), 'kept');
  assert.equal(used('4.1.0', 'hypervisor.stratovirt', 'vm_rootfs_driver', ''), 'kept', 'no plugin of that name');
});

test('factory.template_path "" becomes /run/vc/vm/template: QEMU and remote from 3.24.0, Cloud Hypervisor and Dragonball from 4.1.0', () => {
  const tp = (r: Release, h: string) => rsAdjustment(at(r), { kind: 'hypervisor.factory', name: h }, 'template_path', '')?.use;
  assert.equal(tp('3.23.0', 'qemu'), undefined);
  assert.equal(tp('3.24.0', 'qemu'), '/run/vc/vm/template');
  assert.equal(tp('3.24.0', 'remote'), '/run/vc/vm/template');
  assert.equal(tp('4.0.0', 'dragonball'), undefined);
  assert.equal(tp('4.1.0', 'dragonball'), '/run/vc/vm/template');
  assert.equal(tp('4.1.0', 'clh'), '/run/vc/vm/template');
  assert.equal(tp('4.1.0', 'firecracker'), undefined);
});

test('[runtime]: internetworking_model "" is tcfilter; emptydir_mode "" is shared-fs from 3.31.0; the remote plugin forces "none" in 4.1.0', () => {
  for (const r of ['3.2.0', '4.1.0'] as const) assert.equal(used(r, 'runtime', 'internetworking_model', ''), 'tcfilter', r);
  assert.equal(used('3.30.0', 'runtime', 'emptydir_mode', ''), 'kept');
  assert.equal(used('3.31.0', 'runtime', 'emptydir_mode', ''), 'shared-fs');
  const remote = (r: Release, hypervisors: string[]) => rsAdjustment(at(r), { kind: 'runtime' }, 'internetworking_model', 'macvtap', { hypervisors });
  assert.equal(remote('4.0.0', ['remote']), undefined);
  assert.equal(remote('4.1.0', ['qemu']), undefined, 'only a configuration with [hypervisor.remote]');
  assert.equal(remote('4.1.0', ['remote'])?.use, 'none');
  assert.equal(rsAdjustment(at('4.1.0'), 'runtime', 'disable_new_netns', true, { hypervisors: ['remote'] })?.use, false);
  // the remote plugin runs before Runtime::adjust_config: an empty model ends as "none", not tcfilter
  assert.equal(rsAdjustment(at('4.1.0'), 'runtime', 'internetworking_model', '', { hypervisors: ['remote'] })?.use, 'none');
});

test('[agent.<name>]: Agent::adjust_config only calls the (empty) vendor layer, so nothing is rewritten', () => {
  for (const r of ['3.2.0', '4.1.0'] as const) assert.equal(rsAdjustment(at(r), { kind: 'agent', name: 'kata' }, 'dial_timeout_ms', 0), undefined);
});

test('rsAdjustTable replays a whole table in Kata order', () => {
  const out = rsAdjustTable(at('4.1.0'), 'hypervisor.qemu', { path: '', default_memory: 0, shared_fs: '', block_device_aio: 'threads' });
  assert.equal(out.get('path')?.use, '/usr/bin/qemu-system-x86_64');
  assert.equal(out.get('default_memory')?.use, 128);
  assert.equal(out.get('shared_fs')?.use, 'virtio-fs');
  assert.equal(out.get('virtio_fs_cache')?.use, 'never', 'a key not written takes serde\'s "" and is adjusted');
  assert.equal(out.has('block_device_aio'), false);
});

// ---- the facts themselves ----

const skip = skipUnlessShared('kata-source');

test('the committed rs-adjustments.json is what the extractor makes of ../shared/kata-source', { skip }, () => {
  const sources = findSources([sharedPath('kata-source')]);
  const file = path.join(repoRoot, 'server', 'src', 'kata', 'facts', 'rs-adjustments.json');
  const committed = JSON.parse(fs.readFileSync(file, 'utf8')) as RsAdjustmentFacts;
  const facts = extractRsAdjustmentFacts(sources, committed.generatedBy);
  assert.deepEqual(committed, facts);
  assert.equal(fs.readFileSync(file, 'utf8'), formatFacts(facts, RS_ADJUSTMENT_ARRAYS), 'run `npm run kata:facts -- ../shared/kata-source`');
  assert.deepEqual(facts.releases, [...RELEASES]);
});

test('every unparsed statement names its stage, file and line', () => {
  const facts = JSON.parse(fs.readFileSync(path.join(repoRoot, 'server', 'src', 'kata', 'facts', 'rs-adjustments.json'), 'utf8')) as RsAdjustmentFacts;
  assert.ok(facts.unparsed.length > 0);
  for (const u of facts.unparsed) assert.ok(u.stage && u.file.startsWith('src/libs/kata-types/') && u.line > 0 && u.construct, JSON.stringify(u));
  // the ppc64le memory alignment is compiled for ppc64le only
  assert.ok(facts.unparsed.some((u) => u.stage === 'MemoryInfo::adjust_ppc64_memory_alignment' && JSON.stringify(u.arches) === '["ppc64le"]'));
});

/** A made-up kata-types tree (not Kata's code) with what the releases do not use: per-arch constants, cfg'd statements, renames, default functions. */
const FIXTURE: Record<string, string[]> = {
  'mod.rs': [
    'pub mod default;',
    'pub mod hypervisor;',
    'use hypervisor::Hypervisor;',
    '#[derive(Deserialize, Default)]',
    'pub struct TomlConfig {',
    '    #[serde(default)]',
    '    pub hypervisor: HashMap<String, Hypervisor>,',
    '    #[serde(default)]',
    '    pub runtime: Runtime,',
    '}',
    '#[derive(Deserialize, Default)]',
    'pub struct Runtime {',
    '    #[serde(default = "default_level")]',
    '    pub log_level: String,',
    '    #[serde(default)]',
    '    pub mounts: Vec<String>,',
    '}',
    'fn default_level() -> String { default::LEVEL.to_string() }',
    'impl TomlConfig {',
    '    pub fn adjust_config(&mut self) -> Result<()> {',
    '        Hypervisor::adjust_config(self)?;',
    '        Runtime::adjust_config(self)?;',
    '        Ok(())',
    '    }',
    '}',
    'impl ConfigOps for Runtime {',
    '    fn adjust_config(conf: &mut TomlConfig) -> Result<()> {',
    '        if conf.runtime.log_level == "trace" || conf.runtime.log_level.is_empty() {',
    '            conf.runtime.log_level = String::from("debug");',
    '        }',
    '        for m in conf.runtime.mounts.iter_mut() { *m = m.trim().to_string(); }',
    '        Ok(())',
    '    }',
    '}',
  ],
  'default.rs': [
    '#[cfg(target_arch = "aarch64")]',
    'pub const BINARY: &str = "/bin/vmm-arm";',
    '#[cfg(not(target_arch = "aarch64"))]',
    'pub const BINARY: &str = "/bin/vmm";',
    'pub const SLOTS: u32 = 4 * 8;',
    'pub const LEVEL: &str = "info";',
  ],
  'hypervisor/mod.rs': [
    'mod toy;',
    '#[derive(Deserialize, Default)]',
    'pub struct Hypervisor {',
    '    #[serde(default, rename = "binary")]',
    '    pub path: String,',
    '    #[serde(flatten)]',
    '    pub memory_info: MemoryInfo,',
    '}',
    '#[derive(Deserialize, Default)]',
    'pub struct MemoryInfo {',
    '    #[serde(default)]',
    '    pub slots: u32,',
    '    #[serde(default)]',
    '    pub huge: bool,',
    '}',
    'impl MemoryInfo {',
    '    pub fn adjust_config(&mut self) -> Result<()> {',
    '        #[cfg(target_arch = "s390x")]',
    '        if self.slots > 16 {',
    '            self.slots = 16;',
    '        }',
    '        Ok(())',
    '    }',
    '}',
    'impl ConfigOps for Hypervisor {',
    '    fn adjust_config(conf: &mut TomlConfig) -> Result<()> {',
    '        let names: Vec<String> = conf.hypervisor.keys().cloned().collect();',
    '        for name in names.iter() {',
    '            if let Some(plugin) = get_hypervisor_plugin(name) {',
    '                plugin.adjust_config(conf)?;',
    '                let hv = conf.hypervisor.get_mut(name).unwrap();',
    '                hv.memory_info.adjust_config()?;',
    '            } else {',
    '                return Err(other("no plugin"));',
    '            }',
    '        }',
    '        Ok(())',
    '    }',
    '}',
  ],
  'hypervisor/toy.rs': [
    'pub const NAME: &str = "toy";',
    'pub struct ToyConfig {}',
    'impl ConfigPlugin for ToyConfig {',
    '    fn name(&self) -> &str { NAME }',
    '    fn adjust_config(&self, conf: &mut TomlConfig) -> Result<()> {',
    '        if let Some(t) = conf.hypervisor.get_mut(NAME) {',
    '            if t.path.is_empty() { t.path = default::BINARY.to_string(); }',
    '            if t.memory_info.slots == 0 && t.memory_info.huge {',
    '                t.memory_info.slots = default::SLOTS;',
    '            }',
    '        }',
    '        Ok(())',
    '    }',
    '}',
  ],
};

function writeFixture(dir: string) {
  for (const [rel, lines] of Object.entries(FIXTURE)) {
    const file = path.join(dir, 'src/libs/kata-types/src/config', rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, [...lines, ''].join('\n'));
  }
}

test('the extractor: per-arch constants, renames, flatten, cfg on a statement, || conditions, default functions (made-up fixture)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-adjust-'));
  try {
    writeFixture(dir);
    const facts = extractRsAdjustmentFacts([{ release: '1.0.0', dir }], 'test');
    assert.deepEqual(facts.plugins, [{ name: 'toy', releases: '..', stage: 'ToyConfig::adjust_config', file: 'src/libs/kata-types/src/config/hypervisor/toy.rs' }]);
    const brief = facts.adjustments.map((a) => ({ table: a.table, key: a.key, when: a.when, if: a.if, unless: a.unless, use: a.use, arches: a.arches }));
    assert.deepEqual(brief, [
      { table: 'hypervisor.<name>', key: 'slots', when: { op: 'gt', value: 16 }, if: undefined, unless: undefined, use: { value: 16 }, arches: ['s390x'] },
      { table: 'hypervisor.toy', key: 'binary', when: { op: 'empty' }, if: undefined, unless: undefined, use: { const: 'BINARY', byArch: { x86_64: '/bin/vmm', aarch64: '/bin/vmm-arm', ppc64le: '/bin/vmm', s390x: '/bin/vmm', riscv64: '/bin/vmm' } }, arches: undefined },
      { table: 'hypervisor.toy', key: 'slots', when: { op: 'zero' }, if: [{ key: 'huge', op: 'eq', value: true }], unless: undefined, use: { const: 'SLOTS', value: 32 }, arches: undefined },
      { table: 'runtime', key: 'log_level', when: { op: 'eq', value: 'trace' }, if: undefined, unless: undefined, use: { value: 'debug' }, arches: undefined },
      { table: 'runtime', key: 'log_level', when: { op: 'empty' }, if: undefined, unless: [{ key: 'log_level', op: 'eq', value: 'trace' }], use: { value: 'debug' }, arches: undefined },
    ]);
    const absent = Object.fromEntries(facts.absent.map((a) => [`${a.table} ${a.key}`, a.default]));
    assert.deepEqual(absent['runtime log_level'], { fn: 'default_level', value: 'info' });
    assert.deepEqual(absent['hypervisor.<name> binary'], { value: '' });
    assert.deepEqual(absent['hypervisor.<name> huge'], { value: false });
    const constructs = facts.unparsed.map((u) => `${u.stage} ${u.keys.join(',')} ${u.construct}`);
    assert.ok(constructs.some((c) => c.startsWith('Runtime::adjust_config runtime.mounts a loop')), constructs.join('\n'));
    assert.ok(constructs.some((c) => c.startsWith('Hypervisor::adjust_config  a hypervisor table without a plugin')), constructs.join('\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
