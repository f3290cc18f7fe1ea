/**
 * The Go rewrites of the effective configuration that the differential test against Kata's loader
 * found missing (test/parity/effectiveCompare.ts): per-hypervisor copies of the written value,
 * wrapped negative unsigned values, "default" network model, values another key decides, and the
 * empty strings Kata replaces by its default.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { effectiveConfig, type EffectiveConfig } from '../../server/src/kata/effective/model';
import type { Release } from '../../server/src/kata/releases';
import { KataSchema } from '../../server/src/kata/schema';

function go(release: Release = '4.1.0') {
  return new KataSchema({ runtime: 'go', release, arch: 'x86_64' });
}

function of(text: string, release?: Release): EffectiveConfig {
  return effectiveConfig(go(release), { path: '/etc/kata-containers/configuration.toml', text });
}

function value(c: EffectiveConfig, table: string, key: string) {
  const e = c.entries.find((x) => x.table === table && x.key === key);
  assert.ok(e, `${table}.${key} is in the effective configuration`);
  return e;
}

test('remote copies machine_type as written: none when absent or empty (newRemoteHypervisorConfig)', () => {
  assert.equal(value(of('[hypervisor.remote]\n'), 'hypervisor.remote', 'machine_type').value, '');
  assert.equal(value(of('[hypervisor.remote]\nmachine_type = ""\n'), 'hypervisor.remote', 'machine_type').value, '');
  assert.equal(value(of('[hypervisor.qemu]\n'), 'hypervisor.qemu', 'machine_type').value, 'q35');
});

test('virtio_fs_cache: empty means never for QEMU, Cloud Hypervisor keeps it empty', () => {
  assert.equal(value(of('[hypervisor.qemu]\nvirtio_fs_cache = ""\n'), 'hypervisor.qemu', 'virtio_fs_cache').value, 'never');
  assert.equal(value(of('[hypervisor.clh]\nvirtio_fs_cache = ""\n'), 'hypervisor.clh', 'virtio_fs_cache').value, '');
  assert.equal(value(of('[hypervisor.clh]\n'), 'hypervisor.clh', 'virtio_fs_cache').value, '');
});

test('empty paths Kata replaces by its defaults: kernel, path, factory template_path and vm_cache_endpoint', () => {
  const c = of('[hypervisor.qemu]\nkernel = ""\npath = ""\n[factory]\ntemplate_path = ""\nvm_cache_endpoint = ""\n');
  assert.equal(value(c, 'hypervisor.qemu', 'kernel').value, '/usr/share/kata-containers/vmlinuz.container');
  assert.equal(value(c, 'hypervisor.qemu', 'path').value, '/usr/bin/qemu-system-x86_64');
  assert.equal(value(c, 'factory', 'template_path').value, '/run/vc/vm/template');
  assert.equal(value(c, 'factory', 'vm_cache_endpoint').value, '/var/run/kata-containers/cache.sock');
});

test('a negative value of a Go uint64 key is stored wrapped around; "default" network model is tcfilter', () => {
  const c = of('[hypervisor.qemu]\nmemory_offset = -1\n[factory]\nvm_cache_number = -1\n[runtime]\ninternetworking_model = "default"\n');
  const offset = value(c, 'hypervisor.qemu', 'memory_offset');
  assert.equal(offset.value, 2 ** 64 - 1);
  assert.equal(offset.origin.kind, 'rewritten');
  assert.equal(value(c, 'factory', 'vm_cache_number').value, 2 ** 64 - 1);
  assert.equal(value(c, 'runtime', 'internetworking_model').value, 'tcfilter');
});

test('values another key decides: microvm and confidential NVDIMM, bursts without a rate, virtio-blk-ccw', () => {
  const microvm = value(of('[hypervisor.qemu]\nmachine_type = "microvm"\ndisable_image_nvdimm = false\n'), 'hypervisor.qemu', 'disable_image_nvdimm');
  assert.equal(microvm.value, true);
  assert.equal(microvm.origin.kind, 'rewritten');
  const absent = value(of('[hypervisor.qemu]\nconfidential_guest = true\n'), 'hypervisor.qemu', 'disable_image_nvdimm');
  assert.equal(absent.value, true);
  assert.equal(absent.origin.kind === 'built-in' && /confidential/.test(absent.origin.why ?? ''), true);
  assert.equal(value(of('[hypervisor.qemu]\n'), 'hypervisor.qemu', 'disable_image_nvdimm').value, false);
  assert.equal(value(of('[hypervisor.clh]\n'), 'hypervisor.clh', 'disable_image_nvdimm').value, true, 'clh.go setConfig from 3.27.0');
  assert.equal(value(of('[hypervisor.clh]\n', '3.20.0'), 'hypervisor.clh', 'disable_image_nvdimm').value, false);
  const clh = of('[hypervisor.clh]\ndisk_rate_limiter_bw_one_time_burst = 1000\nnet_rate_limiter_bw_max_rate = 5\nnet_rate_limiter_bw_one_time_burst = 1000\n');
  assert.equal(value(clh, 'hypervisor.clh', 'disk_rate_limiter_bw_one_time_burst').value, 0);
  assert.equal(value(clh, 'hypervisor.clh', 'net_rate_limiter_bw_one_time_burst').value, 1000);
  assert.equal(value(of('[hypervisor.qemu]\nmachine_type = "s390-ccw-virtio"\nblock_device_driver = "virtio-blk"\n'), 'hypervisor.qemu', 'block_device_driver').value, 'virtio-blk-ccw');
});

test('up to 3.10, a confidential guest\'s default_maxvcpus is default_vcpus; snp_certs_path only for SEV-SNP (3.10.0)', () => {
  const old = of('[hypervisor.qemu]\nconfidential_guest = true\ndefault_vcpus = 2\ndefault_maxvcpus = 8\n', '3.10.0');
  assert.equal(value(old, 'hypervisor.qemu', 'default_maxvcpus').value, 2);
  const now = of('[hypervisor.qemu]\nconfidential_guest = true\ndefault_vcpus = 2\ndefault_maxvcpus = 8\n', '3.20.0');
  assert.equal(value(now, 'hypervisor.qemu', 'default_maxvcpus').value, 8);
  assert.equal(value(of('[hypervisor.qemu]\n', '3.10.0'), 'hypervisor.qemu', 'snp_certs_path').value, '');
  const snp = value(of('[hypervisor.qemu]\nconfidential_guest = true\nsev_snp_guest = true\n', '3.10.0'), 'hypervisor.qemu', 'snp_certs_path');
  assert.equal(snp.value, '/opt/snp/cert_chain.cert');
  assert.match(snp.host ?? '', /does not exist on the host/);
});

test('snp_guest_policy has no built-in number: Kata passes no policy when it is absent', () => {
  const e = value(of('[hypervisor.qemu]\n'), 'hypervisor.qemu', 'snp_guest_policy');
  assert.equal(e.value, undefined);
  assert.equal(e.origin.kind, 'built-in');
});
