/** Target detection: runtime, release, architecture and hypervisor of a config file, with reasons. */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseToml } from '../../server/src/toml';
import { detectTarget } from '../../server/src/kata/target';
import { compareVersions } from '../../server/src/kata/releases';
import { corpusCases } from '../support/corpusTargets';
import { skipUnlessShared } from '../support/shared';

const detect = (path: string | undefined, text: string, settings = {}) => detectTarget(path, parseToml(text), { hostArch: 'x86_64', ...settings });

describe('runtime', () => {
  test('from runtime-rs file names', () => {
    for (const name of ['configuration-qemu-runtime-rs.toml', 'configuration-dragonball.toml', 'configuration-rs-fc.toml', 'configuration-cloud-hypervisor.toml', 'configuration-openvmm-azure-runtime-rs.toml', 'configuration-qemu-snp-runtime-rs.toml.in']) {
      const t = detect(`/somewhere/${name}`, '[hypervisor.qemu]\n');
      assert.equal(t.runtime, 'rs', name);
      assert.match(t.why.runtime, /file name/);
    }
  });
  test('from Go file names', () => {
    for (const name of ['configuration-qemu.toml', 'configuration-fc.toml', 'configuration-clh.toml', 'configuration-qemu-tdx.toml']) assert.equal(detect(`/x/${name}`, '[hypervisor.qemu]\n').runtime, 'go', name);
  });
  test('from install paths: runtime-rs/ folders and kata-deploy runtimes/<shim>/', () => {
    assert.equal(detect('/opt/kata/share/defaults/kata-containers/runtime-rs/configuration-remote.toml', '[hypervisor.remote]\n').runtime, 'rs');
    assert.equal(detect('/etc/kata-containers/runtime-rs/config.d/10-x.toml', '[runtime]\n').runtime, 'rs');
    const deploy = detect('/opt/kata/share/defaults/kata-containers/runtimes/dragonball/custom.toml', '[hypervisor.dragonball]\n');
    assert.equal(deploy.runtime, 'rs');
    assert.equal(detect('/opt/kata/share/defaults/kata-containers/configuration-remote.toml', '[hypervisor.remote]\n').runtime, 'go');
  });
  test('from runtime-rs-only content', () => {
    const t = detect('/tmp/mine.toml', '[hypervisor.qemu]\n[runtime]\nhypervisor_name = "qemu"\n');
    assert.equal(t.runtime, 'rs');
    assert.match(t.why.runtime, /hypervisor_name/);
    assert.equal(detect(undefined, '[hypervisor.openvmm]\n').runtime, 'rs');
  });
  test('else the Go runtime, and a directive wins over everything', () => {
    const t = detect('/tmp/mine.toml', '[hypervisor.qemu]\n');
    assert.equal(t.runtime, 'go');
    assert.match(t.why.runtime, /assumed/);
    assert.equal(detect('/x/configuration-qemu-runtime-rs.toml', '# kata-config: runtime=go\n[hypervisor.qemu]\n').runtime, 'go');
  });
});

describe('release and architecture', () => {
  test('directive, then settings, then defaults', () => {
    const d = detect(undefined, '# kata-config: runtime=rs release=3.20 arch=arm64\n[hypervisor.qemu]\n');
    assert.deepEqual([d.runtime, d.release, d.arch], ['rs', '3.20.0', 'aarch64']);
    assert.match(d.why.release, /directive/);
    const s = detect(undefined, '[hypervisor.qemu]\n', { release: '3.10.2', arch: 's390x' });
    assert.deepEqual([s.release, s.arch], ['3.10.1', 's390x']);
    assert.match(s.why.release, /kata\.release setting \(3\.10\.2\); kata-config knows no 3\.10\.2; the rules of 3\.10\.1/);
    assert.match(s.why.arch, /setting/);
    const none = detect(undefined, '[hypervisor.qemu]\n');
    assert.deepEqual([none.release, none.arch], ['4.1.0', 'x86_64']);
    assert.match(none.why.release, /newest/);
    assert.match(none.why.arch, /this machine/);
  });
  test('architecture from the file\'s own values', () => {
    assert.equal(detect(undefined, '[hypervisor.qemu]\npath = "/usr/bin/qemu-system-aarch64"\n').arch, 'aarch64');
    assert.equal(detect(undefined, '[hypervisor.qemu]\nmachine_type = "s390-ccw-virtio"\n').arch, 's390x');
    assert.equal(detect(undefined, '[hypervisor.qemu]\nmachine_type = "pseries"\n').arch, 'ppc64le');
    assert.equal(detect(undefined, '[hypervisor.qemu]\nmachine_type = "q35"\n', { hostArch: 'aarch64' }).arch, 'x86_64');
  });
  test('bad directive values do not break detection', () => {
    const t = detect(undefined, '# kata-config: runtime=java release=banana arch=sparc\n[hypervisor.qemu]\n');
    assert.deepEqual([t.runtime, t.release, t.arch], ['go', '4.1.0', 'x86_64']);
  });
});

describe('hypervisor, drop-ins and templates', () => {
  test('the hypervisor comes from the table, never from the file name', () => {
    const t = detect('/x/configuration-fc.toml', '[hypervisor.firecracker]\n');
    assert.deepEqual(t.hypervisors, ['firecracker']);
    assert.match(t.why.hypervisor, /\[hypervisor\.firecracker\]/);
    assert.deepEqual(detect('/x/configuration-qemu.toml', '[hypervisor.clh]\n[hypervisor.qemu]\n').hypervisors, ['clh', 'qemu']);
  });
  test('drop-ins and templates are recognised by path', () => {
    assert.ok(detect('/etc/kata-containers/config.d/50-debug.toml', '[runtime]\n').dropIn);
    assert.ok(detect('/src/runtime/config/configuration-qemu.toml.in', '[hypervisor.qemu]\n').template);
  });
});

/** The architecture a file names by its qemu binary or machine type, read with a regex independent of the detector. */
function namedArch(text: string): string | undefined {
  const hv = /^\[hypervisor\.qemu\]$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(text)?.[1] ?? '';
  const path = /^path = "[^"]*qemu-system-(x86_64|aarch64|ppc64|s390x|riscv64)"/m.exec(hv)?.[1];
  if (path) return path === 'ppc64' ? 'ppc64le' : path;
  const machine = /^machine_type = "([^"]+)"/m.exec(hv)?.[1];
  return machine === 'q35' || machine === 'microvm' ? 'x86_64' : machine === 'virt' ? 'aarch64' : undefined;
}

test('every corpus file: runtime, architecture and hypervisor are detected, and the release is within the consistent range', { skip: skipUnlessShared('kata-configs') }, () => {
  const wrong: string[] = [];
  for (const c of corpusCases()) {
    // Detection sees only the file name (as an install would place it) and the content.
    const t = detectTarget(`/opt/kata/share/defaults/kata-containers/${c.runtime === 'rs' && c.release !== '3.2.0' ? 'runtime-rs/' : ''}${c.file}`, c.doc, { hostArch: 'x86_64' });
    const got = `${t.runtime} ${t.arch} ${t.hypervisors.join(',')}`;
    const named = namedArch(c.text);
    // A file that names no qemu binary or machine type is taken for the host's architecture.
    const want = `${c.runtime} ${named ?? 'x86_64'} ${c.tables.join(',')}`;
    if (got !== want) wrong.push(`${c.release}/${c.folder}/${c.file}: got ${got}, want ${want}`);
    const range = t.consistentReleases ?? {};
    const fits = (!range.since || compareVersions(c.release, range.since) >= 0) && (!range.until || compareVersions(c.release, range.until) <= 0);
    if (!fits) wrong.push(`${c.release}/${c.folder}/${c.file}: release outside ${JSON.stringify(range)} (${t.why.release})`);
    // Without a path and on another host: the runtime still follows from the name and content, and
    // the architecture from a qemu binary path or machine type when the file has one.
    const bare = detectTarget(c.file, c.doc, { hostArch: 'aarch64' });
    // A name both runtimes ship (runtime-rs 3.3.0 qemu, remote) without runtime-rs-only content is taken for Go's.
    const sharedName = c.runtime === 'rs' && (c.file === 'configuration-qemu.toml' || c.file === 'configuration-remote.toml') && !/^\[runtime\]$[^[]*^(name|hypervisor_name|agent_name) =/m.test(c.text);
    if ((bare.runtime !== c.runtime && !sharedName) || bare.arch !== (named ?? 'aarch64')) wrong.push(`${c.release}/${c.folder}/${c.file} without a path: ${bare.runtime} ${bare.arch}`);
    // A file that names its architecture names the one it was generated for.
    if (named && named !== c.arch) wrong.push(`${c.release}/${c.folder}/${c.file}: names ${named}, generated for ${c.arch}`);
  }
  assert.deepEqual(wrong, []);
});

test('content narrows the release: 3.2.0 files are not taken for the newest release', { skip: skipUnlessShared('kata-configs') }, () => {
  const old = corpusCases().filter((c) => c.release === '3.2.0');
  assert.ok(old.length >= 5);
  for (const c of old) {
    const t = detectTarget(c.file, c.doc, { hostArch: 'x86_64' });
    assert.equal(t.consistentReleases?.since, '3.2.0', c.file);
    assert.ok(compareVersions(t.release, '3.32.0') < 0, `${c.file}: ${t.why.release}`);
    assert.match(t.why.release, /fit Kata 3\.2\.0/);
  }
});
