/** The generic Kata diagnostics: tables, keys, types, values, suppression, templates, drop-ins, host checks. */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LanguageService } from '../../../server/src/languageService';
import { nodeHost } from '../../../server/src/nodeHost';
import { added, analyzeText, corpusText, setKey, type Found } from '../../support/kata';
import { skipUnlessShared } from '../../support/shared';

const GO = '/tmp/kata/configuration-qemu.toml';
const RS = '/tmp/kata/configuration-qemu-runtime-rs.toml';
const skip = skipUnlessShared('kata-configs');

function only(diags: Found[], code: string): Found[] {
  return diags.filter((d) => d.code === code);
}

function one(text: string, code: string, file = GO, settings = {}): Found {
  const found = only(analyzeText(text, file, settings).diags, code);
  assert.equal(found.length, 1, `expected one ${code}, got ${JSON.stringify(analyzeText(text, file, settings).diags, null, 1)}`);
  return found[0];
}

describe('keys', () => {
  test('a typo is unknown (warning: Kata ignores it) with did-you-mean fixes', () => {
    const d = one('[hypervisor.qemu]\ndefault_memroy = 2048\n', 'kata-unknown-key');
    assert.equal(d.severity, 'warning');
    assert.equal(d.line, 1);
    assert.match(d.message, /Kata ignores it\. Did you mean default_memory\?/);
    assert.deepEqual(d.fixes, ['Rename to default_memory', 'Remove default_memroy']);
  });
  test('case: works in a Go main file, fatal in a Go drop-in, ignored by runtime-rs', () => {
    assert.equal(one('[hypervisor.qemu]\nDefault_Memory = 4096\n', 'kata-key-case').severity, 'information');
    assert.equal(one('[hypervisor.qemu]\nDefault_Memory = 4096\n', 'kata-key-case', '/etc/kata-containers/config.d/10-mem.toml').severity, 'error');
    assert.equal(one('[hypervisor.qemu]\nDefault_Memory = 4096\n', 'kata-key-case', RS).severity, 'warning');
  });
  test('a key of another hypervisor, runtime, release or table names where it belongs', () => {
    const other = one('[hypervisor.qemu]\njailer_path = "/usr/bin/jailer"\n', 'kata-key-other-hypervisor');
    assert.match(other.message, /only Firecracker uses it/);
    const runtime = one('[runtime]\nhypervisor_name = "qemu"\n', 'kata-key-other-runtime', '/tmp/kata/configuration-qemu-tdx.toml', { release: '4.1.0' });
    assert.match(runtime.message, /runtime-rs key/);
    const release = one('[hypervisor.qemu]\npcie_root_port = 2\n', 'kata-key-other-release', GO, { release: '3.2.0' });
    assert.match(release.message, /3\.2\.0 does not read pcie_root_port/);
    const table = one('[agent.kata]\nenable_pprof = true\n[runtime]\nenable_debug = false\n', 'kata-key-other-table');
    assert.match(table.message, /belongs in \[runtime\]/);
    assert.equal(table.fixes[0], 'Move enable_pprof to [runtime]');
  });
  test('runtime-rs 3.32.0+ rejects unknown keys in [agent.*]: an error there, a warning in 3.20.0', () => {
    const text = '[agent.kata]\ndial_timeout_msec = 10\n';
    assert.equal(one(text, 'kata-unknown-key', RS, { release: '4.1.0' }).severity, 'error');
    assert.equal(one(text, 'kata-unknown-key', RS, { release: '3.20.0' }).severity, 'warning');
  });
});

test('runtime-rs remote_hypervisor_socket is ignored (the field is hypervisor_socket)', () => {
  const d = one('# kata-config: runtime=rs\n[hypervisor.remote]\nremote_hypervisor_socket = "/x"\n', 'kata-ignored-key', '/tmp/x.toml');
  assert.equal(d.line, 2);
  const alias = one('[agent.kata.mem_agent]\nmem_agent_enable = true\n', 'kata-alias-key', RS);
  assert.equal(alias.severity, 'information');
  assert.deepEqual(alias.fixes, ['Rename to enable']);
});

describe('values', () => {
  test('wrong type is an error, with a fix when the intent is clear', () => {
    const d = one('[hypervisor.qemu]\ndefault_memory = "2048"\n', 'kata-type-mismatch');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /takes an integer \(MiB\), not a string/);
    assert.deepEqual(d.fixes, ['Write 2048 as a number']);
    assert.deepEqual(one('[runtime]\nenable_debug = "true"\n', 'kata-type-mismatch').fixes, ['Write true without quotes']);
  });
  test('integer widths: -1 into a u32 is an error, into a Go uint64 it wraps silently', () => {
    assert.match(one('[hypervisor.qemu]\ndefault_memory = -1\n', 'kata-int-range').message, /out of range for default_memory \(uint32/);
    const wraps = one('[hypervisor.qemu]\nmemory_offset = -1\n', 'kata-int-wraps');
    assert.equal(wraps.severity, 'warning');
    assert.match(wraps.message, /18446744073709551615/);
  });
  test('invalid enum values, per hypervisor, architecture and time of the check', () => {
    const driver = one('[hypervisor.qemu]\nblock_device_driver = "virtio-blk-pci"\n', 'kata-invalid-value');
    assert.match(driver.message, /refuses to load the file/);
    assert.ok(driver.fixes.includes('Use "virtio-blk"'));
    const machine = one('[hypervisor.qemu]\nmachine_type = "q35"\n', 'kata-invalid-value', GO, { arch: 'arm64' });
    assert.match(machine.message, /when it starts the VM/);
    assert.deepEqual(machine.fixes, ['Use "virt"']);
    assert.equal(only(analyzeText('[hypervisor.qemu]\nmachine_type = "q35"\n').diags, 'kata-invalid-value').length, 0);
    const rs = analyzeText('[hypervisor.dragonball]\nblock_device_driver = "virtio-blk-mmio"\n', '/tmp/kata/configuration-dragonball.toml').diags;
    assert.equal(only(rs, 'kata-invalid-value').length, 0);
  });
  test('values Kata replaces: a warning stating the value it uses', () => {
    const mem = one('[hypervisor.qemu]\ndefault_memory = 128\n', 'kata-value-adjusted');
    assert.equal(mem.severity, 'warning');
    assert.match(mem.message, /Kata uses 2048 MiB instead of 128: values below 256 are replaced/);
    assert.match(one('[hypervisor.qemu]\ndefault_bridges = 7\n', 'kata-value-adjusted').message, /uses 5 instead of 7/);
    assert.match(one('[hypervisor.qemu]\npcie_root_port = 20\n', 'kata-value-adjusted').message, /uses 16 instead of 20/);
  });
});

describe('tables', () => {
  test('an unknown hypervisor table is an error, with the right name as a fix', () => {
    const go = one('[hypervisor.fc]\npath = "/usr/bin/firecracker"\n', 'kata-unknown-hypervisor');
    assert.equal(go.severity, 'error');
    assert.match(go.message, /refuses to load the file/);
    assert.equal(go.fixes[0], 'Rename to [hypervisor.firecracker]');
    const renamed = one('[hypervisor.cloud-hypervisor]\npath = "/x"\n', 'kata-unknown-hypervisor', RS, { release: '4.1.0' });
    assert.match(renamed.message, /exists (up to|in 3\.3\.0 to) 3\.29\.0\)/); // renamed [hypervisor.clh] at 3.30.0 (kata-types ch.rs: HYPERVISOR_NAME_CH)
    assert.equal(renamed.fixes[0], 'Rename to [hypervisor.clh]');
    assert.match(one('[hypervisor.acrn]\nimage = "/x"\n', 'kata-unknown-hypervisor', GO, { release: '3.10.0' }).message, /exists up to 3\.9\.0\)/); // config.go: acrnHypervisorTableType until 3.9.0
    assert.match(one('[hypervisor.dragonball]\nkernel = "/x"\n', 'kata-unknown-hypervisor', RS, { arch: 's390x', release: '4.1.0' }).message, /not available on s390x/);
  });
  test('several hypervisor tables: a warning for the Go runtime, information for runtime-rs', () => {
    const text = '[hypervisor.qemu]\nkernel = "/k"\n[hypervisor.clh]\nkernel = "/k"\n';
    assert.equal(one(text, 'kata-multiple-hypervisors').severity, 'warning');
    assert.equal(one(text, 'kata-multiple-hypervisors', RS).severity, 'information');
  });
  test('tables Kata ignores', () => {
    const rsFactory = one('[hypervisor.qemu]\nkernel = "/k"\n[factory]\nenable_template = false\n', 'kata-ignored-table', RS);
    assert.match(rsFactory.message, /no top-level \[factory\] table/);
    assert.equal(rsFactory.fixes[0], 'Remove the [factory] table');
    assert.match(one('[hypervisor.qemu]\n[frobnicate]\nx = 1\n', 'kata-ignored-table').message, /Kata has no \[frobnicate\] table/);
    assert.match(one('top = 1\n[hypervisor.qemu]\n', 'kata-ignored-table').message, /ignores "top"/);
  });
});

describe('suppression, templates, directives', () => {
  const bad = '[hypervisor.qemu]\ndefault_memroy = 1\n';
  test('ignore on the line before, at the end of the line, or for the whole file', () => {
    assert.equal(only(analyzeText('[hypervisor.qemu]\n# kata-config: ignore kata-unknown-key\ndefault_memroy = 1\n').diags, 'kata-unknown-key').length, 0);
    assert.equal(only(analyzeText('[hypervisor.qemu]\ndefault_memroy = 1 # kata-config: ignore\n').diags, 'kata-unknown-key').length, 0);
    assert.equal(only(analyzeText(`# kata-config: ignore-file kata-unknown-key\n${bad}`).diags, 'kata-unknown-key').length, 0);
    assert.equal(only(analyzeText(`# kata-config: ignore-file kata-type-mismatch\n${bad}`).diags, 'kata-unknown-key').length, 1);
  });
  test('.toml.in placeholders are accepted wherever a value may stand', () => {
    const template = '[hypervisor.qemu]\npath = "@QEMUPATH@"\ndefault_vcpus = @DEFVCPUS@\ndefault_memory = @DEFMEMSZ@\nenable_annotations = @DEFENABLEANNOTATIONS@\n\n[agent.@PROJECT_TYPE@]\nenable_debug = false\n\n[runtime]\nenable_debug = @DEFENABLEDEBUG@\n';
    const { diags } = analyzeText(template, '/src/kata/src/runtime/config/configuration-qemu.toml.in');
    assert.deepEqual(diags, []);
  });
  test('placeholders left in an installed file: a warning in a value, information in a comment', () => {
    const d = analyzeText('[hypervisor.qemu]\n# see @CONFIG_IN@\nfirmware_volume = "@FIRMWAREVOLUMEPATH_NV@"\n').diags.filter((x) => x.code === 'kata-unexpanded-placeholder');
    assert.deepEqual(d.map((x) => [x.line, x.severity]), [[1, 'information'], [2, 'warning']]);
  });
  test('a directive kata-config cannot read is reported', () => {
    assert.match(one('# kata-config: runtime=java\n[hypervisor.qemu]\n', 'kata-directive').message, /unknown runtime 'java'/);
  });
});

describe('drop-ins and host checks', () => {
  test('a drop-in takes its base file\'s target; accidental files in config.d are flagged', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-dropin-'));
    fs.mkdirSync(path.join(dir, 'config.d'));
    fs.writeFileSync(path.join(dir, 'configuration-qemu-runtime-rs.toml'), '[hypervisor.qemu]\nkernel = "/k"\n[runtime]\nhypervisor_name = "qemu"\nagent_name = "kata"\n');
    fs.symlinkSync('configuration-qemu-runtime-rs.toml', path.join(dir, 'configuration.toml'));
    const service = new LanguageService(nodeHost);
    service.configure({ hostChecks: false });
    const open = (name: string, text: string) => service.analyze({ uri: `file://${path.join(dir, 'config.d', name)}`, version: 1, getText: () => text });
    const a = open('10-mem.toml', '[hypervisor.qemu]\ndefault_memory = 4096\n');
    assert.equal(a.target.runtime, 'rs');
    assert.match(a.target.why.runtime, /base file/);
    assert.deepEqual(a.kata, []);
    const b = open('10-mem.toml~', '[hypervisor.qemu]\ndefault_memory = 4096\n');
    assert.deepEqual(b.kata.map((d) => d.code), ['kata-dropin-accidental']);
    const c = open('20-clh.toml', '[hypervisor.clh]\ndefault_memory = 4096\n');
    assert.ok(c.kata.some((d) => d.code === 'kata-dropin-hypervisor'));
  });
  test('host checks report missing paths only when turned on', () => {
    const text = '[hypervisor.qemu]\npath = "/nonexistent/qemu-system-x86_64"\nkernel = "/nonexistent/vmlinux"\n';
    assert.equal(only(analyzeText(text, GO, { hostChecks: false }).diags, 'kata-path-missing').length, 0);
    const on = only(analyzeText(text, GO, { hostChecks: true }).diags, 'kata-path-missing');
    assert.deepEqual(on.map((d) => [d.line, d.severity]), [[1, 'error'], [2, 'error']]);
  });
});

test('a syntax error on line 5 does not hide an invalid value on line 40', () => {
  const lines = ['[hypervisor.qemu]', 'path = "/usr/bin/qemu-system-x86_64"', 'kernel = "/k"', 'image = "/i"', 'default_vcpus = = 1'];
  while (lines.length < 39) lines.push(`# comment ${lines.length}`);
  lines.push('block_device_driver = "virtio-sata"', '');
  const { diags } = analyzeText(lines.join('\n'));
  assert.ok(diags.some((d) => d.line === 4 && d.code.startsWith('toml-')), JSON.stringify(diags));
  assert.ok(diags.some((d) => d.line === 39 && d.code === 'kata-invalid-value'), JSON.stringify(diags));
});

describe('mutations of pristine files', { skip }, () => {
  test('each generic kind of mistake adds exactly its diagnostic on its line', () => {
    const base = corpusText('4.1.0', 'go', 'configuration-qemu.toml');
    const before = analyzeText(base).diags;
    const cases: Array<[string, string, string, string, string]> = [
      ['hypervisor.qemu', 'default_memory', '"4096"', 'kata-type-mismatch', 'error'],
      ['hypervisor.qemu', 'default_memory', '100', 'kata-value-adjusted', 'warning'],
      ['hypervisor.qemu', 'default_maxvcpus', '-1', 'kata-int-range', 'error'],
      ['hypervisor.qemu', 'block_device_driver', '"virtio-blk-pci"', 'kata-invalid-value', 'error'],
      ['hypervisor.qemu', 'machine_type', '"pc"', 'kata-invalid-value', 'error'],
      ['hypervisor.qemu', 'jailer_path', '"/usr/bin/jailer"', 'kata-key-other-hypervisor', 'warning'],
      ['hypervisor.qemu', 'enable_iommu', '1', 'kata-type-mismatch', 'error'],
      ['runtime', 'internetworking_model', '"bridged"', 'kata-invalid-value', 'error'],
      ['runtime', 'enable_debg', 'true', 'kata-unknown-key', 'warning'],
      ['agent.kata', 'enable_pprof', 'true', 'kata-key-other-table', 'warning'],
    ];
    for (const [table, key, value, code, severity] of cases) {
      const { text, line } = setKey(base, table, key, value);
      const fresh = added(before, analyzeText(text).diags);
      assert.deepEqual(fresh.map((d) => [d.code, d.line, d.severity]), [[code, line, severity]], `${key} = ${value}: ${JSON.stringify(fresh)}`);
    }
  });
  test('harmless edits stay clean: other valid values, comments, reordering', () => {
    const base = corpusText('4.1.0', 'go', 'configuration-qemu.toml');
    const before = analyzeText(base).diags;
    const edits = [
      setKey(base, 'hypervisor.qemu', 'default_memory', '4096').text,
      setKey(base, 'hypervisor.qemu', 'block_device_driver', '"virtio-blk"').text,
      // microvm has no NVDIMM: Kata forces disable_image_nvdimm = true, so say so too.
      setKey(setKey(base, 'hypervisor.qemu', 'machine_type', '"microvm"').text, 'hypervisor.qemu', 'disable_image_nvdimm', 'true').text,
      setKey(base, 'runtime', 'internetworking_model', '"macvtap"').text,
      base.replace('[runtime]', '# a comment of mine\n[runtime]'),
      // [runtime] first, then the rest: order of tables does not matter.
      (() => {
        const at = base.indexOf('\n[runtime]');
        return `${base.slice(at + 1)}\n${base.slice(0, at)}\n`;
      })(),
    ];
    for (const text of edits) assert.deepEqual(added(before, analyzeText(text).diags), []);
  });
});

test('Go vfio_mode: empty or absent means vfio (initConfig\'s guest-kernel default is overwritten; kata-oracle: VfioModeName "vfio")', async () => {
  const { KataSchema } = await import('../../../server/src/kata/schema');
  for (const release of ['3.2.0', '4.1.0'] as const) {
    const spec = new KataSchema({ runtime: 'go', release, arch: 'x86_64' }).spec('runtime', 'vfio_mode');
    assert.equal(spec?.codeDefault, 'vfio', release);
    assert.deepEqual(spec?.adjustments, [{ when: 'empty', use: 'vfio' }]);
  }
});
