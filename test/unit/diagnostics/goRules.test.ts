/** The Go runtime cross-field rules (research notes R6–R54): one describe per code. */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LanguageService } from '../../../server/src/languageService';
import { nodeHost } from '../../../server/src/nodeHost';
import { GO_RULES } from '../../../server/src/kata/diagnostics/rules/go';
import { parseToml } from '../../../server/src/toml';
import { added, analyzeText, corpusText, removeKey, setKey, type Found } from '../../support/kata';
import { corpusFiles, skipUnlessShared } from '../../support/shared';
import { defectFor } from '../../support/upstreamDefects';
import * as fs from 'node:fs';

const skip = skipUnlessShared('kata-configs');
const GO_CODES = new Set(GO_RULES.flatMap((r) => r.codes.map((c) => c.code)));
const DROP_IN = '/etc/kata-containers/config.d/50-test.toml';

interface Opts {
  release?: string;
  file?: string;
  arch?: string;
  path?: string;
}

function settingsOf(o: Opts) {
  return { release: o.release ?? '4.1.0', ...(o.arch ? { arch: o.arch } : {}) };
}

function pathOf(o: Opts): string {
  return o.path ?? `/tmp/kata/${o.file ?? 'configuration-qemu.toml'}`;
}

function lint(text: string, o: Opts = {}): Found[] {
  return analyzeText(text, pathOf(o), settingsOf(o)).diags;
}

function codes(diags: Found[]): Found[] {
  return diags.filter((d) => GO_CODES.has(d.code));
}

const TABLE: Record<string, string> = {
  'configuration-qemu.toml': 'hypervisor.qemu',
  'configuration-qemu-snp.toml': 'hypervisor.qemu',
  'configuration-qemu-se.toml': 'hypervisor.qemu',
  'configuration-qemu-tdx.toml': 'hypervisor.qemu',
  'configuration-clh.toml': 'hypervisor.clh',
  'configuration-fc.toml': 'hypervisor.firecracker',
  'configuration-stratovirt.toml': 'hypervisor.stratovirt',
  'configuration-remote.toml': 'hypervisor.remote',
  'configuration-acrn.toml': 'hypervisor.acrn',
};

function headerLine(release: string, file: string): number {
  return corpusText(release, 'go', file).split('\n').indexOf(`[${TABLE[file]}]`);
}

type Edit = [table: string, key: string, value: string | null];

/**
 * Applies edits to a pristine corpus file (value null removes the key; table 'hv' is the file's
 * hypervisor table) and returns what the edits added, with the line of each edit.
 */
function mutate(release: string, file: string, edits: Edit[], o: Opts = {}): { added: Found[]; lines: number[]; text: string } {
  const opts = { release, file, ...o };
  const before = corpusText(release, 'go', file);
  let text = before;
  const lines: number[] = [];
  for (const [table, key, value] of edits) {
    const t = table === 'hv' ? TABLE[file] : table;
    if (!text.split('\n').includes(`[${t}]`)) text = `${text.replace(/\n*$/, '')}\n\n[${t}]\n`;
    if (value === null) {
      text = removeKey(text, t, key);
      lines.push(-1);
    } else {
      const r = setKey(text, t, key, value);
      text = r.text;
      lines.push(r.line);
    }
  }
  return { added: added(lint(before, opts), lint(text, opts)), lines, text };
}

/** The diagnostics added are exactly these (code, line, severity). */
function expectAdded(found: Found[], expected: Array<[code: string, line: number, severity: string]>): void {
  const got = found.map((d) => `${d.code}@${d.line}:${d.severity}`).sort();
  const want = expected.map(([c, l, s]) => `${c}@${l}:${s}`).sort();
  assert.deepEqual(got, want, JSON.stringify(found, null, 1));
}

function one(text: string, code: string, o: Opts = {}): Found {
  const found = lint(text, o).filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(lint(text, o), null, 1)}`);
  return found[0];
}

function none(text: string, code: string, o: Opts = {}): void {
  const found = lint(text, o).filter((d) => d.code === code);
  assert.deepEqual(found, [], `expected no ${code}`);
}

/** Applies the quick fix `title` of the first `code` diagnostic and returns the new text. */
function applyFix(text: string, code: string, title: string, o: Opts = {}): string {
  const service = new LanguageService(nodeHost);
  service.configure({ hostChecks: false, ...settingsOf(o) });
  const source = { uri: `file://${pathOf(o)}`, version: 1, getText: () => text };
  const d = service.diagnostics(source).find((x) => String(x.code) === code);
  assert.ok(d, `no ${code}`);
  const f = (d.data as { fixes: Array<{ title: string; edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }> }> }).fixes.find(
    (x) => x.title === title,
  );
  assert.ok(f, `no fix "${title}"`);
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => (starts[p.line] ?? text.length) + p.character;
  let out = text;
  for (const e of [...f.edits].sort((a, b) => off(b.range.start) - off(a.range.start))) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  assert.deepEqual(parseToml(out).errors, [], `fix "${title}" left invalid TOML:\n${out}`);
  return out;
}

describe('kata-no-rootfs (R6, R8, R44)', () => {
  test('clh and stratovirt refuse the file; qemu and firecracker fail at VM start', { skip }, () => {
    for (const file of ['configuration-clh.toml', 'configuration-stratovirt.toml']) {
      const m = mutate('4.1.0', file, [['hv', 'image', '""']]);
      expectAdded(m.added, [['kata-no-rootfs', m.lines[0], 'error']]);
      assert.match(m.added[0].message, /refuses to load the file/);
    }
    for (const file of ['configuration-qemu.toml', 'configuration-fc.toml']) {
      const m = mutate('4.1.0', file, [['hv', 'image', null]]);
      expectAdded(m.added, [['kata-no-rootfs', headerLine('4.1.0', file), 'error']]);
      assert.match(m.added[0].message, /every sandbox fails when Kata starts the VM/);
      assert.deepEqual(m.added[0].fixes, ['Set image = "/usr/share/kata-containers/kata-containers.img"']);
    }
  });
  test('ACRN (3.2.0) needs an image', { skip }, () => {
    const m = mutate('3.2.0', 'configuration-acrn.toml', [['hv', 'image', '""']]);
    expectAdded(m.added, [['kata-no-rootfs', m.lines[0], 'error']]);
    assert.match(m.added[0].message, /ACRN boots only from a disk image/);
  });
  test('not for IBM Secure Execution; an error for the SE file rendered for x86_64 (every sandbox fails there)', { skip }, () => {
    const se = setKey(corpusText('4.1.0', 'go', 'configuration-qemu-se.toml'), 'hypervisor.qemu', 'machine_type', '"s390-ccw-virtio"').text;
    assert.deepEqual(codes(lint(se, { file: 'configuration-qemu-se.toml', arch: 's390x' })), []);
    const x86 = codes(lint(corpusText('4.1.0', 'go', 'configuration-qemu-se.toml'), { file: 'configuration-qemu-se.toml' }));
    assert.deepEqual(x86.map((d) => [d.code, d.severity, d.line]), [['kata-no-rootfs', 'error', 13]]);
    assert.deepEqual(x86[0].fixes, ['Set image = "/usr/share/kata-containers/kata-containers.img"', 'Set machine_type = "s390-ccw-virtio"']);
  });
  test('hand-written: a clh table without either, and a drop-in (unknown) stays quiet', () => {
    const text = '[hypervisor.clh]\nkernel = "/k"\nvirtio_fs_daemon = "/v"\n';
    const d = one(text, 'kata-no-rootfs', { file: 'configuration-clh.toml' });
    assert.deepEqual([d.line, d.severity], [0, 'error']);
    none(text, 'kata-no-rootfs', { path: DROP_IN });
    none(text, 'kata-no-rootfs', { path: '/src/runtime/config/configuration-clh.toml.in' });
    none('[hypervisor.clh]\nimage = "@IMAGEPATH@"\nvirtio_fs_daemon = "/v"\n', 'kata-no-rootfs', { path: '/src/runtime/config/configuration-clh.toml.in' });
    const fixed = applyFix(text, 'kata-no-rootfs', 'Set image = "/usr/share/kata-containers/kata-containers.img"', { file: 'configuration-clh.toml' });
    none(fixed, 'kata-no-rootfs', { file: 'configuration-clh.toml' });
    none('[hypervisor.qemu]\nkernel = "/k"\ninitrd = "/i"\nvirtio_fs_daemon = "/v"\n', 'kata-no-rootfs');
  });
});

describe('kata-image-and-initrd (R7, R44)', () => {
  test('qemu: VM-start error on the later key, with one fix per way out', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'initrd', '"/usr/share/kata-containers/kata-containers-initrd.img"']]);
    expectAdded(m.added, [['kata-image-and-initrd', m.text.split('\n').findIndex((l) => l.startsWith('image = ')), 'error']]);
    assert.deepEqual(m.added[0].fixes, ['Remove initrd', 'Remove image']);
    assert.match(m.added[0].message, /every sandbox fails when Kata starts the VM/);
  });
  test('stratovirt 3.3.0+: Kata refuses to load the file', { skip }, () => {
    const m = mutate('3.10.0', 'configuration-stratovirt.toml', [['hv', 'image', '"/usr/share/kata-containers/kata-containers.img"']]);
    assert.equal(m.added.length, 1);
    assert.deepEqual([m.added[0].code, m.added[0].severity], ['kata-image-and-initrd', 'error']);
    assert.match(m.added[0].message, /refuses to load the file/);
  });
  test('hand-written, and the fix leaves one of them', () => {
    const text = '[hypervisor.firecracker]\nimage = "/a.img"\ninitrd = "/b.img"\n';
    const d = one(text, 'kata-image-and-initrd', { file: 'configuration-fc.toml' });
    assert.equal(d.line, 2);
    const fixed = applyFix(text, 'kata-image-and-initrd', 'Remove initrd', { file: 'configuration-fc.toml' });
    assert.equal(fixed, '[hypervisor.firecracker]\nimage = "/a.img"\n');
    none(fixed, 'kata-image-and-initrd', { file: 'configuration-fc.toml' });
  });
});

describe('kata-se-rootfs (R44)', () => {
  test('Secure Execution with an image fails at VM start', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu-se.toml', [
      ['hv', 'machine_type', '"s390-ccw-virtio"'],
      ['hv', 'image', '"/usr/share/kata-containers/kata-containers.img"'],
    ], { arch: 's390x' });
    expectAdded(m.added, [['kata-se-rootfs', m.lines[1], 'error']]);
  });
  test('hand-written; not without confidential_guest', () => {
    const se = '[hypervisor.qemu]\nmachine_type = "s390-ccw-virtio"\nconfidential_guest = true\ninitrd = "/i"\n';
    assert.equal(one(se, 'kata-se-rootfs', { arch: 's390x' }).line, 3);
    none(se.replace('true', 'false'), 'kata-se-rootfs', { arch: 's390x' });
  });
});

describe('kata-shared-fs-unsupported (R12, R13)', () => {
  test('virtio-9p on clh and stratovirt; fine on qemu', { skip }, () => {
    for (const file of ['configuration-clh.toml', 'configuration-stratovirt.toml']) {
      const m = mutate('4.1.0', file, [['hv', 'shared_fs', '"virtio-9p"']]);
      expectAdded(m.added, [['kata-shared-fs-unsupported', m.lines[0], 'error']]);
      assert.deepEqual(m.added[0].fixes, ['Use "virtio-fs"', 'Use "none"']);
    }
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'shared_fs', '"virtio-9p"']]).added, []);
  });
  test('hand-written', () => {
    const d = one('[hypervisor.clh]\nimage = "/i"\nshared_fs = "virtio-9p"\n', 'kata-shared-fs-unsupported', { file: 'configuration-clh.toml' });
    assert.match(d.message, /Cloud Hypervisor has no virtio-9p/);
  });
});

describe('kata-virtio-fs-no-daemon (R14)', () => {
  test('an empty daemon, or neither key (virtio-fs is the default)', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'virtio_fs_daemon', '""']]);
    expectAdded(m.added, [['kata-virtio-fs-no-daemon', m.lines[0], 'error']]);
    const both = mutate('4.1.0', 'configuration-clh.toml', [
      ['hv', 'virtio_fs_daemon', null],
      ['hv', 'shared_fs', null],
    ]);
    expectAdded(both.added, [['kata-virtio-fs-no-daemon', headerLine('4.1.0', 'configuration-clh.toml'), 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'shared_fs', '"none"'], ['hv', 'virtio_fs_daemon', '""']]).added, []);
  });
  test('hand-written, and the fix adds the daemon', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nshared_fs = "virtio-fs-nydus"\n';
    assert.equal(one(text, 'kata-virtio-fs-no-daemon').line, 2);
    const fixed = applyFix(text, 'kata-virtio-fs-no-daemon', 'Set virtio_fs_daemon = "/usr/libexec/virtiofsd"');
    none(fixed, 'kata-virtio-fs-no-daemon');
    none(applyFix(text, 'kata-virtio-fs-no-daemon', 'Set shared_fs = "none"'), 'kata-virtio-fs-no-daemon');
    none(text, 'kata-virtio-fs-no-daemon', { path: DROP_IN });
  });
});

describe('kata-sector-size-order (R16)', () => {
  test('logical larger than physical, 3.32.0+ only; invalid sizes stay with kata-invalid-value', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [
      ['hv', 'block_device_logical_sector_size', '4096'],
      ['hv', 'block_device_physical_sector_size', '512'],
    ]);
    expectAdded(m.added, [['kata-sector-size-order', m.lines[0], 'error']]);
    const bad = mutate('4.1.0', 'configuration-stratovirt.toml', [
      ['hv', 'block_device_logical_sector_size', '4000'],
      ['hv', 'block_device_physical_sector_size', '512'],
    ]);
    expectAdded(bad.added, [['kata-invalid-value', bad.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'block_device_logical_sector_size', '512'], ['hv', 'block_device_physical_sector_size', '4096']]).added, []);
  });
  test('hand-written; not before 3.32.0', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nblock_device_physical_sector_size = 512\nblock_device_logical_sector_size = 1024\n';
    const d = one(text, 'kata-sector-size-order');
    assert.equal(d.line, 3);
    assert.deepEqual(d.fixes, ['Set block_device_logical_sector_size = 512', 'Set block_device_physical_sector_size = 1024']);
    none(text, 'kata-sector-size-order', { release: '3.20.0' });
  });
});

describe('kata-vhost-user-store-hugepages (R48)', () => {
  test('vhost-user store without huge pages', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'enable_vhost_user_store', 'true']]);
    expectAdded(m.added, [['kata-vhost-user-store-hugepages', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'enable_vhost_user_store', 'true'], ['hv', 'enable_hugepages', 'true']]).added, []);
  });
  test('hand-written', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nenable_vhost_user_store = true\n';
    assert.equal(one(text, 'kata-vhost-user-store-hugepages').line, 2);
    none(applyFix(text, 'kata-vhost-user-store-hugepages', 'Set enable_hugepages = true'), 'kata-vhost-user-store-hugepages');
  });
});

describe('kata-clh-block-driver (R54)', () => {
  test('a warning for clh without virtio-blk (virtio-scsi is the default)', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-clh.toml', [['hv', 'block_device_driver', '"virtio-scsi"']]);
    expectAdded(m.added, [['kata-clh-block-driver', m.lines[0], 'warning']]);
    const absent = mutate('4.1.0', 'configuration-clh.toml', [['hv', 'block_device_driver', null]]);
    assert.deepEqual(absent.added.map((d) => d.code), ['kata-clh-block-driver']);
    assert.match(absent.added[0].message, /the default when it is not set/);
  });
  test('hand-written; not for QEMU', () => {
    assert.equal(one('[hypervisor.clh]\nimage = "/i"\nblock_device_driver = "nvdimm"\n', 'kata-clh-block-driver', { file: 'configuration-clh.toml' }).severity, 'warning');
    none('[hypervisor.qemu]\nimage = "/i"\nblock_device_driver = "nvdimm"\n', 'kata-clh-block-driver');
  });
});

describe('kata-vfio-hot-and-cold (R41)', () => {
  test('both keys name a port', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [
      ['hv', 'hot_plug_vfio', '"root-port"'],
      ['hv', 'cold_plug_vfio', '"root-port"'],
    ]);
    expectAdded(m.added, [['kata-vfio-hot-and-cold', Math.max(...m.lines), 'error']]);
    assert.deepEqual(m.added[0].fixes, ['Set hot_plug_vfio = "no-port"', 'Set cold_plug_vfio = "no-port"']);
  });
  test('hand-written; one port is fine', () => {
    assert.equal(one('[hypervisor.qemu]\nimage = "/i"\nhot_plug_vfio = "bridge-port"\ncold_plug_vfio = "switch-port"\n', 'kata-vfio-hot-and-cold').line, 3);
    none('[hypervisor.qemu]\nimage = "/i"\nhot_plug_vfio = "no-port"\ncold_plug_vfio = "switch-port"\n', 'kata-vfio-hot-and-cold');
  });
});

describe('kata-clh-vfio-port (R42)', () => {
  test('3.32.0+: root ports only; bridge ports refused', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-clh.toml', [['hv', 'cold_plug_vfio', '"bridge-port"']]);
    expectAdded(m.added, [['kata-clh-vfio-port', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-clh.toml', [['hv', 'cold_plug_vfio', '"root-port"']]).added, []);
  });
  test('up to 3.20.0: no cold-plug at all, hot-plug on root ports only', { skip }, () => {
    const cold = mutate('3.20.0', 'configuration-clh.toml', [['hv', 'cold_plug_vfio', '"root-port"']]);
    expectAdded(cold.added, [['kata-clh-vfio-port', cold.lines[0], 'error']]);
    assert.match(cold.added[0].message, /cannot cold-plug/);
    const hot = mutate('3.20.0', 'configuration-clh.toml', [['hv', 'hot_plug_vfio', '"switch-port"']]);
    expectAdded(hot.added, [['kata-clh-vfio-port', hot.lines[0], 'error']]);
    expectAdded(mutate('3.20.0', 'configuration-clh.toml', [['hv', 'hot_plug_vfio', '"root-port"']]).added, []);
  });
  test('hand-written; not on QEMU', () => {
    assert.equal(one('[hypervisor.clh]\nimage = "/i"\nhot_plug_vfio = "switch-port"\n', 'kata-clh-vfio-port', { file: 'configuration-clh.toml' }).line, 2);
    none('[hypervisor.qemu]\nimage = "/i"\nhot_plug_vfio = "switch-port"\n', 'kata-clh-vfio-port');
  });
});

describe('kata-netns-needs-none (R32)', () => {
  test('disable_new_netns needs internetworking_model = "none"', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['runtime', 'disable_new_netns', 'true']]);
    expectAdded(m.added, [['kata-netns-needs-none', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['runtime', 'disable_new_netns', 'true'], ['runtime', 'internetworking_model', '"none"']]).added, []);
  });
  test('hand-written: the default model is tcfilter', () => {
    const text = '[runtime]\ndisable_new_netns = true\n';
    assert.match(one(text, 'kata-netns-needs-none').message, /tcfilter \(the default\)/);
    none(applyFix(text, 'kata-netns-needs-none', 'Set internetworking_model = "none"'), 'kata-netns-needs-none');
  });
});

describe('kata-experimental-unknown (R30)', () => {
  test('any experimental feature', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['runtime', 'experimental', '["newstore"]']]);
    expectAdded(m.added, [['kata-experimental-unknown', m.lines[0], 'error']]);
  });
  test('hand-written', () => {
    const text = '[runtime]\nexperimental = ["a", "b"]\n';
    assert.equal(lint(text).filter((d) => d.code === 'kata-experimental-unknown').length, 2);
    none(applyFix(text, 'kata-experimental-unknown', 'Set experimental = []'), 'kata-experimental-unknown');
  });
});

describe('kata-bind-mount-clash (R31)', () => {
  test('two entries with one base name', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['runtime', 'sandbox_bind_mounts', '["/srv/a/data", "/opt/b/data/"]']]);
    expectAdded(m.added, [['kata-bind-mount-clash', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['runtime', 'sandbox_bind_mounts', '["/srv/a/data", "/opt/b/logs:ro"]']]).added, []);
  });
  test('hand-written, and the fix removes the second entry', () => {
    const text = '[runtime]\nsandbox_bind_mounts = ["/a/x", "/b/c/../x"]\n';
    assert.equal(one(text, 'kata-bind-mount-clash').line, 1);
    assert.equal(applyFix(text, 'kata-bind-mount-clash', 'Remove this entry'), '[runtime]\nsandbox_bind_mounts = ["/a/x"]\n');
  });
});

describe('kata-kernel-param-empty (R29)', () => {
  test('a parameter written as =value', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'kernel_params', '"quiet =1 debug"']]);
    expectAdded(m.added, [['kata-kernel-param-empty', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'kernel_params', '"a=1 b=\\"x =y\\" c"']]).added, []);
  });
  test('hand-written: the fix removes the token; not for remote (it has no kernel)', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nkernel_params = "a=1 =2"\n';
    assert.equal(one(text, 'kata-kernel-param-empty').line, 2);
    assert.equal(applyFix(text, 'kata-kernel-param-empty', 'Remove "=2"'), '[hypervisor.qemu]\nimage = "/i"\nkernel_params = "a=1"\n');
    none('[hypervisor.remote]\nkernel_params = "=2"\n', 'kata-kernel-param-empty', { file: 'configuration-remote.toml' });
    // Inside quotes the value belongs to the previous parameter from 3.10.0, not in 3.2.0.
    none('[hypervisor.qemu]\nimage = "/i"\nkernel_params = "a=\\"b =c\\""\n', 'kata-kernel-param-empty');
    one('[hypervisor.qemu]\nimage = "/i"\nkernel_params = "a=\\"b =c\\""\n', 'kata-kernel-param-empty', { release: '3.2.0' });
  });
});

describe('NUMA (R38, R39, R27)', () => {
  test('kata-numa-needs-static: several nodes need static resource management', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [
      ['hv', 'enable_numa', 'true'],
      ['hv', 'numa_mapping', '["0", "1"]'],
    ]);
    const rt = corpusText('4.1.0', 'go', 'configuration-qemu.toml').split('\n').findIndex((l) => l.startsWith('static_sandbox_resource_mgmt'));
    // A warning: Kata refuses the file only on a host that has NUMA nodes 0 and 1 (elsewhere it drops NUMA).
    expectAdded(m.added, [['kata-numa-needs-static', rt, 'warning']]);
    assert.match(m.added[0].message, /on a host that has the NUMA nodes numa_mapping names \(0, 1\)/);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'enable_numa', 'true'], ['hv', 'numa_mapping', '["0-1"]']]).added, []);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'enable_numa', 'true'], ['hv', 'numa_mapping', '["0", "1"]'], ['runtime', 'static_sandbox_resource_mgmt', 'true']]).added, []);
  });
  test('kata-numa-arch and kata-numa-mapping-invalid', { skip }, () => {
    const arch = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'enable_numa', 'true'], ['hv', 'numa_mapping', '["0", "1"]']], { arch: 's390x' });
    expectAdded(arch.added, [['kata-numa-arch', arch.lines[0], 'warning']]);
    const bad = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'enable_numa', 'true'], ['hv', 'numa_mapping', '["0", "x"]']]);
    expectAdded(bad.added, [['kata-numa-mapping-invalid', bad.lines[1], 'warning']]);
  });
  test('hand-written; not before 3.32.0', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nenable_numa = true\nnuma_mapping = ["0", "1,2"]\n[runtime]\nstatic_sandbox_resource_mgmt = false\n';
    assert.equal(one(text, 'kata-numa-needs-static').line, 5);
    none(text, 'kata-numa-needs-static', { release: '3.20.0' });
    assert.equal(one(text, 'kata-numa-arch', { arch: 'ppc64le' }).line, 2);
    assert.equal(one(text.replace('"1,2"', '"1-"'), 'kata-numa-mapping-invalid').severity, 'warning');
  });
});

describe('kata-numa-node-empty (3.32.0+)', () => {
  test('an entry that names no host node fails every start, whatever the host (kata-oracle: "HostCPUs for NUMA node 0 must not be empty")', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nenable_numa = true\nnuma_mapping = ["0-1-2"]\n[runtime]\nstatic_sandbox_resource_mgmt = true\n';
    const d = one(text, 'kata-numa-node-empty');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /every sandbox fails when Kata starts the VM/);
    none(text, 'kata-numa-node-empty', { release: '3.31.0' });
    none(text, 'kata-numa-node-empty', { arch: 's390x' });
    none(text.replace('"0-1-2"', '"0-1"'), 'kata-numa-node-empty');
    none(text.replace('"0-1-2"', '"0-1-2,3"'), 'kata-numa-node-empty');
    none(text.replace('"0-1-2"', '""'), 'kata-numa-node-empty');
  });
});

describe('factory (R36, R37, R49)', () => {
  test('kata-vm-cache-hypervisor: only QEMU has a VM cache', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-fc.toml', [['factory', 'vm_cache_number', '2']]);
    expectAdded(m.added, [['kata-vm-cache-hypervisor', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['factory', 'vm_cache_number', '2']]).added, []);
    assert.equal(one('[hypervisor.remote]\n[factory]\nvm_cache_number = 1\n', 'kata-vm-cache-hypervisor', { file: 'configuration-remote.toml' }).line, 2);
  });
  test('kata-template-needs-initrd: up to 3.20.0 only', { skip }, () => {
    const m = mutate('3.20.0', 'configuration-qemu.toml', [['factory', 'enable_template', 'true'], ['hv', 'shared_fs', '"none"']]);
    expectAdded(m.added, [['kata-template-needs-initrd', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['factory', 'enable_template', 'true'], ['hv', 'shared_fs', '"none"']]).added, []);
  });
  test('kata-template-virtio-fs: qemu, and clh from 3.32.0', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-clh.toml', [['factory', 'enable_template', 'true']]);
    expectAdded(m.added, [['kata-template-virtio-fs', m.lines[0], 'error']]);
    const q = mutate('4.1.0', 'configuration-qemu.toml', [['factory', 'enable_template', 'true']]);
    expectAdded(q.added, [['kata-template-virtio-fs', q.lines[0], 'error']]);
    const old = mutate('3.20.0', 'configuration-clh.toml', [['factory', 'enable_template', 'true'], ['hv', 'initrd', '"/i"'], ['hv', 'image', null]]);
    assert.deepEqual(old.added.map((d) => d.code), []);
  });
  test('hand-written: a file memory backend counts up to 3.20.0', () => {
    const text = '[hypervisor.qemu]\ninitrd = "/i"\nshared_fs = "virtio-9p"\nfile_mem_backend = "/dev/shm"\n[factory]\nenable_template = true\n';
    assert.equal(one(text, 'kata-template-virtio-fs', { release: '3.20.0' }).line, 5);
    none(text, 'kata-template-needs-initrd', { release: '3.20.0' });
    none(text, 'kata-template-virtio-fs', { release: '4.1.0' });
    none(applyFix(text, 'kata-template-virtio-fs', 'Set enable_template = false', { release: '3.20.0' }), 'kata-template-virtio-fs', { release: '3.20.0' });
  });
});

describe('kata-coco-virtio-mmio (R44, 3.32.0+)', () => {
  test('a confidential guest on virtio-mmio', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu-tdx.toml', [['hv', 'block_device_driver', '"virtio-mmio"']]);
    expectAdded(m.added, [['kata-coco-virtio-mmio', m.lines[0], 'error']]);
    expectAdded(mutate('3.20.0', 'configuration-qemu-tdx.toml', [['hv', 'block_device_driver', '"virtio-mmio"']]).added, []);
  });
  test('hand-written', () => {
    const text = '[hypervisor.clh]\nimage = "/i"\nconfidential_guest = true\nblock_device_driver = "virtio-mmio"\n';
    const d = one(text, 'kata-coco-virtio-mmio', { file: 'configuration-clh.toml' });
    assert.deepEqual([d.line, d.fixes], [3, ['Use "virtio-blk"']]);
    none(text.replace('true', 'false'), 'kata-coco-virtio-mmio', { file: 'configuration-clh.toml' });
  });
});

describe('kata-snp-id-pair (R52)', () => {
  test('an ID block without its auth structure', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu-snp.toml', [['hv', 'snp_id_block', '"AAAA"']]);
    expectAdded(m.added, [['kata-snp-id-pair', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu-snp.toml', [['hv', 'snp_id_block', '"AAAA"'], ['hv', 'snp_id_auth', '"BBBB"']]).added, []);
  });
  test('hand-written; only for SNP guests on x86_64', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nconfidential_guest = true\nsev_snp_guest = true\nsnp_id_auth = "x"\n';
    assert.equal(one(text, 'kata-snp-id-pair').line, 4);
    none(text.replace('sev_snp_guest = true', 'sev_snp_guest = false'), 'kata-snp-id-pair');
    none(text, 'kata-snp-id-pair', { arch: 'aarch64' });
  });
});

describe('QEMU per architecture (R50, R51)', () => {
  test('kata-pflash-count on aarch64', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'pflashes', '["/a.fd"]']], { arch: 'aarch64' });
    expectAdded(m.added, [['kata-pflash-count', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'pflashes', '["/a.fd", "/b.fd"]']], { arch: 'aarch64' }).added, []);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'pflashes', '["/a.fd"]']]).added, []);
  });
  test('kata-iommu-arch off x86_64', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'enable_iommu', 'true']], { arch: 'ppc64le' });
    expectAdded(m.added, [['kata-iommu-arch', m.lines[0], 'error']]);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'enable_iommu', 'true']]).added, []);
  });
  test('hand-written', () => {
    assert.match(one('[hypervisor.qemu]\nimage = "/i"\npflashes = ["a", "b", "c"]\n', 'kata-pflash-count', { arch: 'aarch64' }).message, /too many pflash images/);
    assert.match(one('[hypervisor.qemu]\nimage = "/i"\nenable_iommu = true\n', 'kata-iommu-arch', { arch: 's390x' }).message, /S390x does not support/);
  });
});

describe('verity (R46, R17)', () => {
  const GOOD = 'root_hash=abc,salt=def,data_blocks=100,data_block_size=4096,hash_block_size=4096';
  test('kata-verity-params: kernel_verity_params 3.32.0+', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'kernel_verity_params', '"root_hash=abc,salt=def,data_blocks=100,data_block_size=1000,hash_block_size=4096"']]);
    expectAdded(m.added, [['kata-verity-params', m.lines[0], 'error']]);
    assert.match(m.added[0].message, /data_block_size must be a multiple of 512/);
    expectAdded(mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'kernel_verity_params', `"${GOOD}"`]]).added, []);
  });
  test('hand-written: each problem, and the initrd exceptions', () => {
    const k = (p: string, hv = 'qemu', boot = 'image = "/i"') => `[hypervisor.${hv}]\n${boot}\nkernel_verity_params = "${p}"\n`;
    assert.match(one(k('root_hash=a,salt'), 'kata-verity-params').message, /"salt" is not a key=value entry/);
    assert.match(one(k('salt=b'), 'kata-verity-params').message, /root_hash is missing/);
    assert.match(one(k('root_hash=a,salt=b,data_blocks=x'), 'kata-verity-params').message, /data_blocks "x" is not a whole number/);
    assert.match(one(k(GOOD.replace('salt=def,', '')), 'kata-verity-params').message, /salt is missing/);
    assert.match(one(k(GOOD.replace('data_blocks=100', 'data_blocks=0')), 'kata-verity-params').message, /data_blocks must not be 0/);
    none(k(GOOD), 'kata-verity-params');
    none(k(' '), 'kata-verity-params');
    assert.match(one(k(' , '), 'kata-verity-params').message, /root_hash is missing/);
    none(k('salt=b', 'qemu', 'initrd = "/i"'), 'kata-verity-params');
    none(k('salt=b', 'stratovirt', 'initrd = "/i"'), 'kata-verity-params', { file: 'configuration-stratovirt.toml' });
    one(k('salt=b', 'firecracker'), 'kata-verity-params', { file: 'configuration-fc.toml' });
    none(k('salt=b'), 'kata-verity-params', { release: '3.20.0' });
  });
  test('kata-extension-name and extension verity_params (4.1.0, load time)', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nshared_fs = "none"\n[[hypervisor.qemu.guest_extension_images]]\nname = "gpu tools"\npath = "/e.img"\nverity_params = "root_hash=a"\n[[hypervisor.qemu.guest_extension_images]]\npath = "/f.img"\n';
    const diags = lint(text).filter((d) => GO_CODES.has(d.code));
    assert.deepEqual(diags.map((d) => [d.code, d.line, d.severity]), [
      ['kata-extension-name', 4, 'error'],
      ['kata-verity-params', 6, 'error'],
      ['kata-extension-name', 7, 'error'],
    ]);
    assert.match(diags[2].message, /guest extension image 1 has no name/);
    assert.deepEqual(codes(lint(text, { release: '3.32.0' })), []);
    assert.deepEqual(codes(lint('[hypervisor.qemu]\nimage = "/i"\nshared_fs = "none"\n[[hypervisor.qemu.guest_extension_images]]\nname = "gpu-tools_2"\npath = "/e.img"\n')), []);
  });
});

describe('kata-forced-value (R27)', () => {
  test('NVDIMM on microvm, on aarch64 without firmware, for confidential guests, on clh 3.32.0+', { skip }, () => {
    const micro = mutate('4.1.0', 'configuration-qemu.toml', [['hv', 'machine_type', '"microvm"']]);
    const nvdimm = corpusText('4.1.0', 'go', 'configuration-qemu.toml').split('\n').findIndex((l) => l.startsWith('disable_image_nvdimm'));
    expectAdded(micro.added, [['kata-forced-value', nvdimm, 'warning']]);
    // aarch64 without firmware or pflashes, whatever the machine type.
    const qemu = corpusText('4.1.0', 'go', 'configuration-qemu.toml');
    const arm = codes(lint(qemu, { arch: 'aarch64' })).filter((d) => d.code === 'kata-forced-value');
    assert.deepEqual(arm.map((d) => [d.line, d.severity]), [[nvdimm, 'warning']]);
    const withFirmware = setKey(qemu, 'hypervisor.qemu', 'firmware', '"/usr/share/AAVMF/AAVMF_CODE.fd"').text;
    assert.deepEqual(codes(lint(withFirmware, { arch: 'aarch64' })).filter((d) => d.code === 'kata-forced-value'), []);
    const clh = mutate('4.1.0', 'configuration-clh.toml', [['hv', 'disable_image_nvdimm', 'false']]);
    expectAdded(clh.added, [['kata-forced-value', clh.lines[0], 'warning']]);
    expectAdded(mutate('3.20.0', 'configuration-clh.toml', [['hv', 'disable_image_nvdimm', 'false']]).added, []);
    const cc = mutate('4.1.0', 'configuration-qemu-tdx.toml', [['hv', 'disable_image_nvdimm', 'false']]);
    expectAdded(cc.added, [['kata-forced-value', cc.lines[0], 'warning']]);
  });
  test('a rate-limiter burst without a rate on clh', { skip }, () => {
    const m = mutate('4.1.0', 'configuration-clh.toml', [['hv', 'net_rate_limiter_bw_one_time_burst', '1000']]);
    expectAdded(m.added, [['kata-forced-value', m.lines[0], 'warning']]);
    expectAdded(mutate('4.1.0', 'configuration-clh.toml', [['hv', 'net_rate_limiter_bw_one_time_burst', '1000'], ['hv', 'net_rate_limiter_bw_max_rate', '5000']]).added, []);
  });
  test('hand-written', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nmachine_type = "microvm"\ndisable_image_nvdimm = false\n';
    const d = one(text, 'kata-forced-value');
    assert.deepEqual([d.line, d.fixes], [3, ['Set disable_image_nvdimm = true', 'Remove disable_image_nvdimm']]);
    none(text.replace('"microvm"', '"q35"'), 'kata-forced-value');
    assert.match(one('[hypervisor.clh]\nimage = "/i"\ndisk_rate_limiter_ops_one_time_burst = 10\n', 'kata-forced-value', { file: 'configuration-clh.toml' }).message, /disk_rate_limiter_ops_max_rate is not set/);
  });
});

describe('scope and harmless edits', () => {
  test('generic rules keep what they own: R40 (VFIO keys off qemu/clh) and forced keys a loader never reads', () => {
    const fc = lint('[hypervisor.firecracker]\nimage = "/i"\nhot_plug_vfio = "root-port"\ndisable_vhost_net = false\n', { file: 'configuration-fc.toml' });
    assert.deepEqual(fc.map((d) => d.code), ['kata-key-other-hypervisor', 'kata-key-other-hypervisor']);
    const remote = lint('[hypervisor.remote]\nshared_fs = "virtio-fs"\n', { file: 'configuration-remote.toml' });
    assert.deepEqual(remote.map((d) => d.code), ['kata-key-other-hypervisor']);
  });
  test('comments, key order and other valid values add nothing', { skip }, () => {
    for (const file of ['configuration-qemu.toml', 'configuration-clh.toml', 'configuration-fc.toml', 'configuration-stratovirt.toml', 'configuration-remote.toml']) {
      const before = corpusText('4.1.0', 'go', file);
      const table = `[${TABLE[file]}]`;
      // A comment under every header, and the hypervisor table's first key moved to its end.
      let text = before.replace(/^(\[[^\]]+\])$/gm, '$1\n# a comment');
      const lines = text.split('\n');
      const h = lines.indexOf(table);
      const first = lines.findIndex((l, i) => i > h + 1 && /^[a-z_]+ = /.test(l));
      const end = lines.findIndex((l, i) => i > h && l.startsWith('['));
      const [moved] = lines.splice(first, 1);
      lines.splice(end - 1, 0, moved);
      text = lines.join('\n');
      assert.deepEqual(added(lint(before, { file }), lint(text, { file })), [], file);
    }
    const valid: Array<[string, Edit[]]> = [
      ['configuration-qemu.toml', [['hv', 'image', null], ['hv', 'initrd', '"/usr/share/kata-containers/kata-containers-initrd.img"']]],
      ['configuration-qemu.toml', [['hv', 'kernel_params', '"console=hvc0 foo=\\"a b\\""'], ['runtime', 'sandbox_bind_mounts', '["/a/x", "/b/y"]'], ['hv', 'hot_plug_vfio', '"root-port"']]],
      ['configuration-clh.toml', [['hv', 'hot_plug_vfio', '"root-port"'], ['hv', 'shared_fs', '"none"'], ['factory', 'enable_template', 'true']]],
      ['configuration-stratovirt.toml', [['hv', 'block_device_logical_sector_size', '512'], ['hv', 'block_device_physical_sector_size', '4096']]],
      ['configuration-remote.toml', [['runtime', 'experimental', '[]']]],
    ];
    for (const [file, edits] of valid) assert.deepEqual(codes(mutate('4.1.0', file, edits).added), [], `${file}: ${JSON.stringify(edits)}`);
  });
  test('pristine Go files: only the known upstream defects (the x86_64 IBM SE file is refused at VM start)', { skip }, () => {
    const seen: string[] = [];
    const expected: string[] = [];
    for (const f of corpusFiles().filter((c) => c.folder === 'go' && c.validToml)) {
      const text = fs.readFileSync(f.path, 'utf8');
      for (const d of codes(lint(text, { release: f.release, file: f.file }))) {
        if (d.severity === 'error') assert.ok(defectFor(`${f.release}/${f.folder}/${f.file}`, d.code), `${f.path}: ${d.message}`);
        seen.push(`${f.release}/${f.file}:${d.code}`);
      }
      // The IBM SE file (3.3.0+) has neither image nor initrd, which x86_64 cannot boot.
      if (f.file === 'configuration-qemu-se.toml') expected.push(`${f.release}/${f.file}:kata-no-rootfs`);
      // Confidential QEMU files that ship disable_image_nvdimm = false (3.18.0 to 3.26.0), which Kata overrides.
      if (/^confidential_guest = true$/m.test(text) && /^disable_image_nvdimm = false$/m.test(text)) expected.push(`${f.release}/${f.file}:kata-forced-value`);
      // ACRN's driver (3.2.0 to 3.9.0) refuses the 64-character sandbox ids Kubernetes uses.
      if (/^\[hypervisor\.acrn\]$/m.test(text)) expected.push(`${f.release}/${f.file}:kata-acrn-sandbox-id`);
    }
    assert.ok(expected.includes('3.20.0/configuration-qemu-tdx.toml:kata-forced-value') && expected.includes('3.3.0/configuration-qemu-se.toml:kata-no-rootfs'));
    assert.deepEqual(seen.sort(), expected.sort());
  });
});

/**
 * Release bounds bisected over every Kata tag from 3.2.0 to 4.1.0: each check at the last release
 * without the behaviour and at the first with it (hand-written, no ../shared needed).
 */
describe('release boundaries (bisected over all 35 releases)', () => {
  const count = (text: string, code: string, o: Opts = {}) => lint(text, o).filter((d) => d.code === code).length;
  test('kata-sector-size-order from 3.29.0 (config.go: validateBlockDeviceSectorSizes)', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nblock_device_physical_sector_size = 512\nblock_device_logical_sector_size = 1024\n';
    assert.equal(count(text, 'kata-sector-size-order', { release: '3.28.0' }), 0);
    assert.equal(count(text, 'kata-sector-size-order', { release: '3.29.0' }), 1);
  });
  test('kernel_verity_params from 3.27.0, guest_extension_images from 4.0.0', () => {
    const verity = '[hypervisor.qemu]\nimage = "/i"\nkernel_verity_params = "salt=b"\n';
    assert.equal(count(verity, 'kata-verity-params', { release: '3.26.0' }), 0);
    assert.equal(count(verity, 'kata-verity-params', { release: '3.27.0' }), 1);
    const ext = '[hypervisor.qemu]\nimage = "/i"\nshared_fs = "none"\n[[hypervisor.qemu.guest_extension_images]]\nname = "gpu tools"\npath = "/e.img"\n';
    assert.equal(count(ext, 'kata-extension-name', { release: '3.32.0' }), 0);
    assert.equal(count(ext, 'kata-extension-name', { release: '4.0.0' }), 1);
  });
  test('kata-template-needs-initrd up to 3.31.0 (config.go: checkFactoryConfig)', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nshared_fs = "none"\n[factory]\nenable_template = true\n';
    assert.equal(one(text, 'kata-template-needs-initrd', { release: '3.31.0' }).line, 4);
    none(text, 'kata-template-needs-initrd', { release: '3.32.0' });
  });
  test('kata-coco-virtio-mmio from 3.28.0, kata-snp-id-pair from 3.15.0', () => {
    const mmio = '[hypervisor.clh]\nimage = "/i"\nconfidential_guest = true\nblock_device_driver = "virtio-mmio"\n';
    none(mmio, 'kata-coco-virtio-mmio', { file: 'configuration-clh.toml', release: '3.27.0' });
    assert.equal(one(mmio, 'kata-coco-virtio-mmio', { file: 'configuration-clh.toml', release: '3.28.0' }).line, 3);
    const snp = '[hypervisor.qemu]\nimage = "/i"\nconfidential_guest = true\nsev_snp_guest = true\nsnp_id_auth = "x"\n';
    none(snp, 'kata-snp-id-pair', { release: '3.14.0' });
    assert.equal(one(snp, 'kata-snp-id-pair', { release: '3.15.0' }).line, 4);
  });
  test('kata-clh-vfio-port: cold-plug on root ports accepted from 3.29.0 (config.go: checkPCIeConfig)', () => {
    const text = '[hypervisor.clh]\nimage = "/i"\ncold_plug_vfio = "root-port"\n';
    assert.match(one(text, 'kata-clh-vfio-port', { file: 'configuration-clh.toml', release: '3.28.0' }).message, /cannot cold-plug/);
    none(text, 'kata-clh-vfio-port', { file: 'configuration-clh.toml', release: '3.29.0' });
  });
  test('kata-kernel-param-empty: quote-aware splitting from 3.3.0 (vc.KernelParamFields)', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nkernel_params = "foo=\\"a =b\\""\n';
    assert.equal(count(text, 'kata-kernel-param-empty', { release: '3.2.0' }), 1);
    none(text, 'kata-kernel-param-empty', { release: '3.3.0' });
  });
  test('NUMA: an unparsable numa_mapping from 3.27.0, the node-count checks from 3.32.0', () => {
    const bad = '[hypervisor.qemu]\nimage = "/i"\nenable_numa = true\nnuma_mapping = ["0", "x"]\n';
    none(bad, 'kata-numa-mapping-invalid', { release: '3.26.0' });
    assert.equal(one(bad, 'kata-numa-mapping-invalid', { release: '3.27.0' }).severity, 'warning');
    const two = '[hypervisor.qemu]\nimage = "/i"\nenable_numa = true\nnuma_mapping = ["0", "1"]\n[runtime]\nstatic_sandbox_resource_mgmt = false\n';
    none(two, 'kata-numa-needs-static', { release: '3.31.0' });
    assert.equal(one(two, 'kata-numa-needs-static', { release: '3.32.0' }).line, 5);
  });
  test('kata-forced-value: aarch64 confidential guests from 3.22.0; Cloud Hypervisor from 3.27.0 (confidential guests from 3.18.0)', () => {
    const arm = '[hypervisor.qemu]\nimage = "/i"\nfirmware = "/f"\nconfidential_guest = true\ndisable_image_nvdimm = false\n';
    none(arm, 'kata-forced-value', { arch: 'aarch64', release: '3.21.0' });
    assert.equal(one(arm, 'kata-forced-value', { arch: 'aarch64', release: '3.22.0' }).line, 4);
    const clh = '[hypervisor.clh]\nimage = "/i"\ndisable_image_nvdimm = false\n';
    none(clh, 'kata-forced-value', { file: 'configuration-clh.toml', release: '3.26.0' });
    assert.equal(one(clh, 'kata-forced-value', { file: 'configuration-clh.toml', release: '3.27.0' }).line, 2);
    const cc = '[hypervisor.clh]\nimage = "/i"\nconfidential_guest = true\ndisable_image_nvdimm = false\n';
    none(cc, 'kata-forced-value', { file: 'configuration-clh.toml', release: '3.17.0' });
    assert.match(one(cc, 'kata-forced-value', { file: 'configuration-clh.toml', release: '3.18.0' }).message, /confidential guest's image as a disk/);
  });
  test('StratoVirt is checked from 3.3.0, its first release', () => {
    const text = '[hypervisor.stratovirt]\nimage = "/i"\ninitrd = "/r"\nshared_fs = "virtio-9p"\n';
    assert.match(one(text, 'kata-image-and-initrd', { file: 'configuration-stratovirt.toml', release: '3.3.0' }).message, /refuses to load the file/);
    assert.equal(count(text, 'kata-shared-fs-unsupported', { file: 'configuration-stratovirt.toml', release: '3.3.0' }), 1);
  });
});

describe('differential test findings (test/parity, kata-oracle)', () => {
  test('kata-relative-path: Kata resolves path keys against the shim\'s working directory and refuses the file', () => {
    const d = one('[hypervisor.qemu]\nimage = "images/k.img"\n', 'kata-relative-path');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /refuses to load the file/);
    for (const [key, value] of [['kernel', '"./vmlinux"'], ['path', '"qemu"'], ['initrd', '"x.img"'], ['firmware', '"OVMF.fd"'], ['firmware_volume', '"v.fd"']]) {
      assert.equal(lint(`[hypervisor.qemu]\nimage = "/i"\n${key} = ${value}\n`).filter((x) => x.code === 'kata-relative-path').length, 1, key);
    }
    one('[hypervisor.qemu]\nimage = "/i"\npflashes = ["/a", "b"]\n', 'kata-relative-path');
    one('[hypervisor.firecracker]\nimage = "/i"\njailer_path = "jailer"\n', 'kata-relative-path', { file: 'configuration-fc.toml' });
    one('[hypervisor.qemu]\nimage = "/i"\n[runtime]\nsandbox_bind_mounts = ["data"]\n', 'kata-relative-path');
    // The Go decoder matches keys whatever their case in a main file.
    one('[hypervisor.qemu]\nimage = "/i"\nPath = "qemu"\n', 'kata-relative-path');
    // Empty means Kata's default; absolute paths are fine; keys Kata does not resolve are not checked.
    none('[hypervisor.qemu]\nimage = ""\ninitrd = "/i"\nkernel = ""\npath = "/usr/bin/qemu"\nguest_hook_path = "hooks"\n', 'kata-relative-path');
    none('# kata-config: runtime=rs\n[hypervisor.qemu]\nimage = "x"\n', 'kata-relative-path');
  });
  test('kata-empty-path: an empty pflashes or sandbox_bind_mounts entry ("path must be specified")', () => {
    one('[hypervisor.qemu]\nimage = "/i"\npflashes = [""]\n', 'kata-empty-path');
    one('[hypervisor.qemu]\nimage = "/i"\n[runtime]\nsandbox_bind_mounts = ["/a", ""]\n', 'kata-empty-path');
    none('[hypervisor.qemu]\nimage = "/i"\npflashes = []\n', 'kata-empty-path');
  });
  test('virtio_fs_cache matters only when virtiofsd runs (shared_fs = "virtio-fs", the default)', () => {
    const bad = '[hypervisor.qemu]\nimage = "/i"\nvirtio_fs_cache = "bogus"\n';
    assert.match(one(bad, 'kata-invalid-value').message, /every sandbox fails when it starts the VM/);
    one(`${bad}shared_fs = "virtio-fs"\n`, 'kata-invalid-value');
    none(`${bad}shared_fs = "virtio-9p"\n`, 'kata-invalid-value');
    none(`${bad}shared_fs = "none"\n`, 'kata-invalid-value');
    none(`${bad}shared_fs = "virtio-fs-nydus"\n`, 'kata-invalid-value');
    const unused = one(`${bad}shared_fs = "virtio-9p"\n`, 'kata-value-unchecked');
    assert.equal(unused.severity, 'information');
    assert.match(unused.message, /not a valid virtio_fs_cache, but Kata does not use it here: .*virtiofsd.*allowed: "auto"/);
    none(`${bad}shared_fs = "virtio-fs"\n`, 'kata-value-unchecked');
    // In a drop-in shared_fs comes from the base file: unknown, so still checked.
    one('[hypervisor.qemu]\nvirtio_fs_cache = "bogus"\n', 'kata-invalid-value', { path: DROP_IN });
  });
  test('rootfs_type matters for QEMU only with an image, for StratoVirt only without an initrd (GetKernelRootParams)', () => {
    one('[hypervisor.qemu]\nimage = "/i"\nrootfs_type = "bogus"\n', 'kata-invalid-value');
    none('[hypervisor.qemu]\ninitrd = "/i"\nrootfs_type = "bogus"\n', 'kata-invalid-value');
    none('[hypervisor.qemu]\nimage = ""\ninitrd = "/i"\nrootfs_type = "bogus"\n', 'kata-invalid-value');
    one('[hypervisor.stratovirt]\nimage = "/i"\nrootfs_type = "bogus"\n', 'kata-invalid-value', { file: 'configuration-stratovirt.toml' });
    none('[hypervisor.stratovirt]\ninitrd = "/r"\nrootfs_type = "bogus"\n', 'kata-invalid-value', { file: 'configuration-stratovirt.toml' });
    one('[hypervisor.clh]\ninitrd = "/r"\nrootfs_type = "bogus"\n', 'kata-invalid-value', { file: 'configuration-clh.toml' });
    assert.match(one('[hypervisor.qemu]\ninitrd = "/i"\nrootfs_type = "bogus"\n', 'kata-value-unchecked').message, /only when the VM boots from an image/);
    assert.match(one('[hypervisor.stratovirt]\ninitrd = "/r"\nrootfs_type = "bogus"\n', 'kata-value-unchecked', { file: 'configuration-stratovirt.toml' }).message, /an initrd is set/);
    none('[hypervisor.qemu]\ninitrd = "/i"\nrootfs_type = "xfs"\n', 'kata-value-unchecked');
  });
  test('kata-go-dragonball: the Go runtime backs [hypervisor.dragonball] with a mock, so every sandbox fails', { skip }, () => {
    for (const release of ['3.2.0', '4.1.0']) {
      const text = `# kata-config: runtime=go\n${corpusText(release, 'go', 'configuration-qemu.toml').replace(/^\[hypervisor\.qemu\]$/m, '[hypervisor.dragonball]')}`;
      const d = one(text, 'kata-go-dragonball', { release });
      assert.equal(d.severity, 'error');
      assert.match(d.message, /mock that starts no VM.*every sandbox fails when Kata starts the VM/);
    }
    // Not with another table beside it (the loader picks one at random), not in a drop-in, not for runtime-rs.
    none('# kata-config: runtime=go\n[hypervisor.dragonball]\nkernel = "/k"\nimage = "/i"\n[hypervisor.qemu]\nimage = "/i"\n', 'kata-go-dragonball');
    none('[hypervisor.dragonball]\nkernel = "/k"\n', 'kata-go-dragonball', { path: DROP_IN });
    none('# kata-config: runtime=rs\n[hypervisor.dragonball]\nkernel = "/k"\nimage = "/i"\n', 'kata-go-dragonball');
  });
  test('kata-acrn-sandbox-id: ACRN (3.2.0–3.9.0) fails every sandbox with a Kubernetes-length id', { skip }, () => {
    const acrn = one(corpusText('3.2.0', 'go', 'configuration-acrn.toml'), 'kata-acrn-sandbox-id', { release: '3.2.0', file: 'configuration-acrn.toml' });
    assert.equal(acrn.severity, 'warning');
    assert.equal(acrn.line, headerLine('3.2.0', 'configuration-acrn.toml'));
    assert.match(acrn.message, /longer than 11 characters/);
    one('[hypervisor.acrn]\nimage = "/i"\n', 'kata-acrn-sandbox-id', { release: '3.9.0', file: 'configuration-acrn.toml' });
    none('[hypervisor.acrn]\nimage = "/i"\n', 'kata-acrn-sandbox-id', { release: '3.2.0', path: DROP_IN });
    none(corpusText('3.2.0', 'go', 'configuration-qemu.toml'), 'kata-acrn-sandbox-id', { release: '3.2.0' });
  });
  test('memory_slots: only QEMU narrows it to 8 bits', () => {
    assert.match(one('[hypervisor.qemu]\nimage = "/i"\nmemory_slots = 256\n', 'kata-value-adjusted').message, /Kata uses 0/);
    none('[hypervisor.clh]\nimage = "/i"\nmemory_slots = 256\n', 'kata-value-adjusted', { file: 'configuration-clh.toml', release: '3.2.0' });
    none('[hypervisor.firecracker]\nimage = "/i"\nmemory_slots = 257\n', 'kata-value-adjusted', { file: 'configuration-fc.toml' });
  });
  test('a key this hypervisor does not use is still decoded: its type is checked (kata-oracle: "incompatible types")', () => {
    const text = '[hypervisor.clh]\nimage = "/i"\nguest_extension_images = 1\n';
    const d = one(text, 'kata-type-mismatch', { file: 'configuration-clh.toml' });
    assert.equal(d.severity, 'error');
    one('[hypervisor.firecracker]\nimage = "/i"\nenable_iommu = "yes"\n', 'kata-type-mismatch', { file: 'configuration-fc.toml' });
    one('[hypervisor.firecracker]\nimage = "/i"\nenable_iommu = "yes"\n', 'kata-key-other-hypervisor', { file: 'configuration-fc.toml' });
  });
  test('Secure Execution checks hold for Cloud Hypervisor too (validateHypervisorConfig)', () => {
    const se = '[hypervisor.clh]\nimage = "/i"\nconfidential_guest = true\nmachine_type = "s390-ccw-virtio"\nfirmware = "/f"\n';
    assert.match(one(se, 'kata-se-rootfs', { file: 'configuration-clh.toml' }).message, /image must be empty/);
    // Without either, Cloud Hypervisor's loader refuses the file first.
    assert.match(one('[hypervisor.clh]\nconfidential_guest = true\nmachine_type = "s390-ccw-virtio"\n', 'kata-no-rootfs', { file: 'configuration-clh.toml' }).message, /refuses to load the file/);
  });
  test('kata-iommu-arch: on x86_64 only the q35 machine gets a vIOMMU', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\nmachine_type = "microvm"\nenable_iommu = true\n';
    assert.match(one(text, 'kata-iommu-arch').message, /Machine Type microvm does not support vIOMMU/);
    none(text.replace('microvm', 'q35'), 'kata-iommu-arch');
  });
  test('kata-clh-cg-firmware: a Cloud Hypervisor confidential guest needs firmware (clh.go: enableProtection)', () => {
    const text = '[hypervisor.clh]\nimage = "/i"\nconfidential_guest = true\n';
    const d = one(text, 'kata-clh-cg-firmware', { file: 'configuration-clh.toml' });
    assert.equal(d.severity, 'error');
    assert.match(d.message, /every sandbox fails when Kata starts the VM/);
    none(`${text}firmware = "/usr/share/tdshim"\n`, 'kata-clh-cg-firmware', { file: 'configuration-clh.toml' });
  });
  test('kata-vm-cache-hypervisor: a negative vm_cache_number wraps around to a cache', () => {
    one('[hypervisor.clh]\nimage = "/i"\n[factory]\nvm_cache_number = -1\n', 'kata-vm-cache-hypervisor', { file: 'configuration-clh.toml' });
  });
  test('the Go runtime\'s Dragonball table boots only from image', () => {
    const go = '# kata-config: runtime=go\n[hypervisor.dragonball]\nkernel = "/k"\n';
    assert.match(one(`${go}initrd = "/r"\n`, 'kata-no-rootfs').message, /Missing image and initrd path/);
    none(`${go}image = "/i"\n`, 'kata-no-rootfs');
  });
  test('kata-machine-type-default: without machine_type QEMU gets q35 on every architecture (kata-oracle arm64: "unrecognised machinetype: q35")', () => {
    const text = '[hypervisor.qemu]\nimage = "/i"\n';
    assert.match(one(text, 'kata-machine-type-default', { arch: 'aarch64' }).message, /unrecognised machinetype: q35/);
    one(`${text}machine_type = ""\n`, 'kata-machine-type-default', { arch: 's390x' });
    none(`${text}machine_type = "virt"\n`, 'kata-machine-type-default', { arch: 'aarch64' });
    none(text, 'kata-machine-type-default');
  });
});
