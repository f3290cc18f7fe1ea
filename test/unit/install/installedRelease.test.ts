import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { discoverConfigs, entryFor } from '../../../client/src/install/discover';
import { createVersionRunner, describeInstalled, findInstalledRelease, InstallProbeCache } from '../../../client/src/install/installedRelease';
import { listSwitchChoices } from '../../../client/src/install/switch';
import { ETC, failingOps, GO_DIR, goConfig, goOnly, kataDeploy, distro, makeTree, RS_DIR, runtimeRs, USR_DIR } from './helpers';

/** A fake binary: a shell script printing what the real one prints to `--version` (formats from Kata's sources). */
const script = (out: string, exit = 0) => `#!/bin/sh\n[ "$1" = "--version" ] || exit 2\nprintf '%s\\n' '${out.replace(/'/g, `'\\''`)}'\nexit ${exit}\n`;
const GO_SHIM = (v: string) => `Kata Containers containerd shim (Golang): id: "io.containerd.kata.v2", version: ${v}, commit: 0123456789abcdef0123456789abcdef01234567`;
const RS_SHIM = (v: string) => `Kata Containers containerd shim (Rust): id: io.containerd.kata.v2, version: ${v}, commit: fedcba9876543210fedcba9876543210fedcba98`;

test('a release tarball install: /opt/kata/VERSION names the release of every /opt/kata folder and of /etc copies', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    runtimeRs(t);
    t.write('/opt/kata/VERSION', '3.25.0\n');
    t.write(`${ETC}/configuration-clh.toml`, goConfig('clh'));
    const d = await discoverConfigs(t.root);
    const qemu = entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!;
    assert.deepEqual([qemu.installed?.release, qemu.installed?.source, qemu.installed?.evidence], ['3.25.0', 'payload', '/opt/kata/VERSION']);
    assert.deepEqual([qemu.release?.release, qemu.release?.source, qemu.release?.label], ['3.25.0', 'installation', '3.25.0']);
    assert.match(qemu.release!.why, /\/opt\/kata\/VERSION says 3\.25\.0/);
    const rs = entryFor(d, `${RS_DIR}/configuration-dragonball.toml`)!;
    assert.equal(rs.installed?.release, '3.25.0');
    const admin = entryFor(d, `${ETC}/configuration-clh.toml`)!;
    assert.equal(admin.installed?.release, '3.25.0');
    assert.match(admin.installed!.why, /overrides \/opt\/kata's configuration-clh\.toml/);
    // Per folder, for the tree.
    assert.deepEqual(Object.keys(d.installed).sort(), [ETC, GO_DIR, RS_DIR].sort());
    assert.equal(describeInstalled(d.installed[GO_DIR]).label, 'Kata 3.25.0');
  } finally {
    t.cleanup();
  }
});

test('a directive still wins over the installation; the kata.release setting does not', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write('/opt/kata/VERSION', '3.25.0\n');
    t.write(`${GO_DIR}/configuration-clh.toml`, goConfig('clh', '# kata-config: release=3.20'));
    const d = await discoverConfigs(t.root, { targetSettings: { release: '3.10' } });
    const clh = entryFor(d, `${GO_DIR}/configuration-clh.toml`)!;
    assert.deepEqual([clh.release?.release, clh.release?.source, clh.installed?.release], ['3.20.0', 'directive', '3.25.0']);
    const fc = entryFor(d, `${GO_DIR}/configuration-fc.toml`)!;
    assert.deepEqual([fc.release?.release, fc.release?.source], ['3.25.0', 'installation']);
  } finally {
    t.cleanup();
  }
});

test('a distro install: a fake dpkg status and file list name the package version', async () => {
  const t = makeTree();
  try {
    distro(t);
    t.write('/var/lib/dpkg/status', 'Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n\nPackage: kata-containers\nStatus: install ok installed\nArchitecture: amd64\nVersion: 3.22.0-1\nDescription: Kata Containers\n lightweight VMs\n');
    t.write('/var/lib/dpkg/info/kata-containers:amd64.list', `/usr\n${USR_DIR}\n${USR_DIR}/configuration-qemu.toml\n${USR_DIR}/configuration-clh.toml\n`);
    const d = await discoverConfigs(t.root);
    const qemu = entryFor(d, `${USR_DIR}/configuration-qemu.toml`)!;
    assert.deepEqual([qemu.installed?.version, qemu.installed?.release, qemu.installed?.source], ['3.22.0', '3.22.0', 'dpkg']);
    assert.match(qemu.installed!.why, /^dpkg lists \/usr\/share\/defaults\/kata-containers\/configuration-qemu\.toml in the package kata-containers 3\.22\.0-1/);
    // configuration.toml is a link to a listed file.
    assert.equal(d.installed[USR_DIR].release, '3.22.0');
  } finally {
    t.cleanup();
  }
});

test('kata-deploy 3.32+ (no VERSION): nothing without a runner; the shims answer with one, run once per binary', async () => {
  const t = makeTree();
  try {
    kataDeploy(t);
    t.write('/opt/kata/bin/containerd-shim-kata-v2', script(GO_SHIM('4.1.0')), 0o755);
    t.write('/opt/kata/runtime-rs/bin/containerd-shim-kata-v2', script(RS_SHIM('4.1.0')), 0o755);
    const plain = await discoverConfigs(t.root);
    assert.equal(entryFor(plain, `${GO_DIR}/runtimes/qemu/configuration-qemu.toml`)!.installed, undefined);
    assert.deepEqual(plain.installed, {});

    const runVersion = createVersionRunner({ timeoutMs: 5000 });
    const d = await discoverConfigs(t.root, { installedRelease: { runVersion } });
    const go = entryFor(d, `${GO_DIR}/runtimes/qemu/configuration-qemu.toml`)!;
    assert.deepEqual([go.installed?.release, go.installed?.source, go.installed?.evidence], ['4.1.0', 'binary', '/opt/kata/bin/containerd-shim-kata-v2']);
    assert.match(go.installed!.why, /^`\/opt\/kata\/bin\/containerd-shim-kata-v2 --version` reports 4\.1\.0 \(the file is in kata-deploy's runtimes\/qemu\/ folder of \/opt\/kata\)$/);
    const rs = entryFor(d, `${RS_DIR}/runtimes/qemu-runtime-rs/configuration-qemu-runtime-rs.toml`)!;
    assert.equal(rs.installed?.evidence, '/opt/kata/runtime-rs/bin/containerd-shim-kata-v2');
    assert.equal(runVersion.runs, 2);
    await discoverConfigs(t.root, { installedRelease: { runVersion } });
    assert.equal(runVersion.runs, 2, 'cached per binary');
    // An upgrade (new binary) is noticed.
    t.write('/opt/kata/bin/containerd-shim-kata-v2', script(GO_SHIM('4.2.0') + ' '), 0o755);
    const again = await discoverConfigs(t.root, { installedRelease: { runVersion } });
    assert.equal(entryFor(again, `${GO_DIR}/configuration-qemu.toml`)!.installed?.version, '4.2.0');
    assert.equal(runVersion.runs, 3);
  } finally {
    t.cleanup();
  }
});

test('files come before binaries; a git describe VERSION lets the shim decide', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write('/opt/kata/bin/containerd-shim-kata-v2', script(GO_SHIM('3.18.0')), 0o755);
    t.write('/opt/kata/VERSION', '3.18.0\n');
    const runVersion = createVersionRunner();
    const exact = await findInstalledRelease(t.root, `${GO_DIR}/configuration-qemu.toml`, { runVersion });
    assert.deepEqual([exact?.source, runVersion.runs], ['payload', 0]);
    t.write('/opt/kata/VERSION', '3.17.0-253-g6722ea2fd9\n');
    const described = await findInstalledRelease(t.root, `${GO_DIR}/configuration-qemu.toml`, { runVersion });
    assert.deepEqual([described?.release, described?.source, runVersion.runs], ['3.18.0', 'binary', 1]);
    const noRunner = await findInstalledRelease(t.root, `${GO_DIR}/configuration-qemu.toml`);
    assert.deepEqual([noRunner?.release, noRunner?.atLeast], [undefined, '3.17.0']);
    assert.equal(describeInstalled(noRunner!).label, 'Kata 3.17.0 or later');
  } finally {
    t.cleanup();
  }
});

test('the version runner: a timeout, a failing binary and a missing one give nothing; an error exit still gives the version line', async () => {
  const t = makeTree();
  try {
    t.write('/slow', '#!/bin/sh\nsleep 5\n', 0o755);
    t.write('/fails', script('no version here', 1), 0o755);
    t.write('/rs-error', `#!/bin/sh\nprintf '%s\\r\\nERROR: containerd-shim-kata-v2 failed: x\\n' '${RS_SHIM('3.30.0')}' >&2\nexit 1\n`, 0o755);
    const run = createVersionRunner({ timeoutMs: 300 });
    const started = Date.now();
    assert.equal(await run(t.p('/slow')), undefined);
    assert.ok(Date.now() - started < 3000);
    assert.equal(await run(t.p('/missing')), undefined);
    assert.equal(await run(t.p('/fails')), 'no version here');
    assert.match((await run(t.p('/rs-error'))) ?? '', /version: 3\.30\.0/);
  } finally {
    t.cleanup();
  }
});

test('unreadable records are treated as absent; the probe cache keeps what was read', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write('/opt/kata/VERSION', '3.25.0\n');
    const ops = failingOps(t.p('/opt/kata/VERSION'), 'EACCES', { reads: true });
    const r = await findInstalledRelease(t.root, `${GO_DIR}/configuration-qemu.toml`, { fileOps: ops });
    assert.equal(r, undefined);
    assert.deepEqual(ops.refused, [`open ${t.p('/opt/kata/VERSION')}`]);
    const cache = new InstallProbeCache();
    await findInstalledRelease(t.root, `${GO_DIR}/configuration-qemu.toml`, { cache });
    assert.equal(cache.files.get('/opt/kata/VERSION'), '3.25.0\n');
    const { choices } = await listSwitchChoices(t.root, 'go');
    assert.ok(choices.length > 0);
  } finally {
    t.cleanup();
  }
});
