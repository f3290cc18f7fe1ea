import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { comparePairs, discoverConfigs, entryFor, groupByRuntime, listDropIns, watchTargets } from '../../../client/src/install/discover';
import { compareBytes, nodeFileOps, resolveInRoot, toFsPath, toKataPath } from '../../../client/src/install/fsops';
import { findInstallRoots } from '../../../client/src/install/roots';
import { liteDetectTarget } from '../../../client/src/install/detectLite';
import { detectTarget } from '../../../server/src/kata/target';
import { parseToml } from '../../../server/src/toml';
import { corpusFiles } from '../../support/shared';
import { sharedPath, skipUnlessShared } from '../../support/shared';
import { distro, ETC, failingOps, GO_DIR, goConfig, goOnly, kataDeploy, makeTree, RS_DIR, rsConfig, runtimeRs, USR_DIR } from './helpers';

test('resolution inside the root: absolute links are re-rooted, .. stays in the root, loops end', async () => {
  const t = makeTree();
  try {
    t.write('/a/real.toml', 'x');
    t.link('/b/abs.toml', '/a/real.toml');
    t.link('/b/rel.toml', '../a/real.toml');
    t.link('/b/escape.toml', '../../../../../../a/real.toml');
    t.link('/b/loop.toml', 'loop.toml');
    t.link('/c', '/a');
    assert.deepEqual(await resolveInRoot(nodeFileOps, t.root, '/b/abs.toml'), { ok: true, path: '/a/real.toml', kind: 'file', links: 1 });
    assert.equal(((await resolveInRoot(nodeFileOps, t.root, '/b/rel.toml')) as { path: string }).path, '/a/real.toml');
    assert.equal(((await resolveInRoot(nodeFileOps, t.root, '/b/escape.toml')) as { path: string }).path, '/a/real.toml');
    assert.equal(((await resolveInRoot(nodeFileOps, t.root, '/c/real.toml')) as { path: string }).path, '/a/real.toml');
    const loop = await resolveInRoot(nodeFileOps, t.root, '/b/loop.toml');
    assert.equal(loop.ok, false);
    assert.equal(!loop.ok && loop.code, 'ELOOP');
    const missing = await resolveInRoot(nodeFileOps, t.root, '/b/none.toml');
    assert.ok(!missing.ok && missing.code === 'ENOENT' && /does not exist/.test(missing.message));
    assert.equal(toFsPath(t.root, '/../../etc/x'), path.join(t.root, 'etc/x'));
    assert.equal(toKataPath(t.root, path.join(t.root, 'etc/x')), '/etc/x');
    assert.equal(toKataPath(t.root, '/elsewhere'), undefined);
  } finally {
    t.cleanup();
  }
});

test('Go-only /opt/kata install: one Go folder, hypervisors from tables, the default link is active', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    const d = await discoverConfigs(t.root);
    assert.deepEqual(d.problems, []);
    assert.deepEqual(
      d.roots.map((r) => [r.path, r.kind, r.runtime]),
      [[GO_DIR, 'default', 'go']],
    );
    assert.deepEqual(
      d.files.map((f) => f.name),
      ['configuration.toml', 'configuration-clh.toml', 'configuration-fc.toml', 'configuration-qemu.toml'],
    );
    const main = entryFor(d, `${GO_DIR}/configuration.toml`)!;
    assert.equal(main.kind, 'symlink');
    assert.equal(main.linkTarget, 'configuration-qemu.toml');
    assert.equal(main.realPath, `${GO_DIR}/configuration-qemu.toml`);
    assert.equal(main.fsPath, t.p(`${GO_DIR}/configuration.toml`));
    assert.ok(main.isMainConfig && main.marks.active && !main.switchable);
    const qemu = entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!;
    assert.equal(qemu.hypervisor?.displayName, 'QEMU');
    assert.equal(qemu.runtime, 'go');
    assert.ok(qemu.marks.active && qemu.marks.folderDefault && qemu.switchable);
    assert.deepEqual(qemu.marks.activeFor, ['Go shim in /opt/kata/bin']);
    const fc = entryFor(d, `${GO_DIR}/configuration-fc.toml`)!;
    assert.equal(fc.hypervisor?.displayName, 'Firecracker');
    assert.equal(fc.hypervisor?.table, 'firecracker');
    assert.ok(!fc.marks.active && !fc.marks.folderDefault);
    const go = d.active.find((a) => a.runtime === 'go')!;
    assert.equal(go.label, 'Go shim in /opt/kata/bin');
    assert.deepEqual(
      go.searched.map((s) => [s.path, s.state]),
      [
        [`${ETC}/configuration.toml`, 'absent'],
        [`${GO_DIR}/configuration.toml`, 'resolves'],
      ],
    );
    const rs = d.active.find((a) => a.runtime === 'rs')!;
    assert.match(rs.problem ?? '', /Cannot find usable config file/);
    assert.deepEqual(
      groupByRuntime(d).map((g) => [g.runtime, g.folders.length, g.folders[0].files.length]),
      [['go', 1, 4]],
    );
  } finally {
    t.cleanup();
  }
});

test('the hypervisor comes from the table, not the file name, and a mismatch is reported', async () => {
  const t = makeTree();
  try {
    distro(t);
    t.write(`${USR_DIR}/configuration-qemu-custom.toml`, goConfig('clh'));
    t.write(`${USR_DIR}/configuration-fc.toml`, goConfig('qemu'));
    const d = await discoverConfigs(t.root);
    assert.deepEqual(d.roots.map((r) => r.path), [USR_DIR]);
    assert.equal(d.active[0].label, 'Go shim in /usr/bin');
    const custom = entryFor(d, `${USR_DIR}/configuration-qemu-custom.toml`)!;
    assert.equal(custom.hypervisor?.id, 'clh');
    assert.deepEqual(custom.problems, []);
    const fc = entryFor(d, `${USR_DIR}/configuration-fc.toml`)!;
    assert.equal(fc.hypervisor?.id, 'qemu');
    assert.match(fc.problems.join('\n'), /file name is Firecracker's, but its table is \[hypervisor\.qemu\]/);
  } finally {
    t.cleanup();
  }
});

test('an /etc copy shadows the shipped default: active, admin override mark, compare pairs', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write(`${ETC}/configuration-clh.toml`, goConfig('clh').replace('default_memory = 2048', 'default_memory = 4096'));
    t.write(`${ETC}/configuration-qemu.toml`, goConfig('qemu'));
    t.link(`${ETC}/configuration.toml`, `${ETC}/configuration-clh.toml`);
    const d = await discoverConfigs(t.root);
    assert.deepEqual(d.roots.map((r) => r.kind), ['admin', 'default']);
    const clh = entryFor(d, `${ETC}/configuration-clh.toml`)!;
    assert.ok(clh.marks.active);
    assert.deepEqual(clh.marks.adminOverride, { defaultPath: `${GO_DIR}/configuration-clh.toml`, defaultFsPath: t.p(`${GO_DIR}/configuration-clh.toml`), identical: false });
    assert.equal(entryFor(d, `${ETC}/configuration-qemu.toml`)!.marks.adminOverride?.identical, true);
    // The shipped default link is no longer what the runtime loads.
    assert.ok(!entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!.marks.active);
    assert.ok(entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!.marks.folderDefault);
    assert.deepEqual(
      comparePairs(d).map((p) => [p.local, p.pristine, p.identical]),
      [
        [`${ETC}/configuration-clh.toml`, `${GO_DIR}/configuration-clh.toml`, false],
        [`${ETC}/configuration-qemu.toml`, `${GO_DIR}/configuration-qemu.toml`, true],
      ],
    );
    assert.equal(comparePairs(d)[0].localFsPath, t.p(`${ETC}/configuration-clh.toml`));
  } finally {
    t.cleanup();
  }
});

test('runtime-rs folders: runtime from the folder, hypervisor_name decides, its own active file', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    runtimeRs(t);
    t.write(`${RS_DIR}/configuration-two.toml`, rsConfig('dragonball').replace('[runtime]', '[hypervisor.qemu]\npath = "/x"\n\n[runtime]'));
    const d = await discoverConfigs(t.root);
    assert.deepEqual(d.roots.map((r) => [r.path, r.runtime]), [
      [GO_DIR, 'go'],
      [RS_DIR, 'rs'],
    ]);
    const rsActive = d.active.find((a) => a.runtime === 'rs')!;
    assert.equal(rsActive.realPath, `${RS_DIR}/configuration-qemu-runtime-rs.toml`);
    assert.equal(rsActive.path, '/opt/kata/share/defaults/kata-containers/runtime-rs/configuration.toml');
    const db = entryFor(d, `${RS_DIR}/configuration-dragonball.toml`)!;
    assert.equal(db.runtime, 'rs');
    assert.equal(db.hypervisor?.displayName, 'Dragonball');
    assert.ok(!db.marks.active);
    const two = entryFor(d, `${RS_DIR}/configuration-two.toml`)!;
    assert.deepEqual(two.hypervisorTables, ['dragonball', 'qemu']);
    assert.equal(two.hypervisor?.table, 'dragonball');
    const qrs = entryFor(d, `${RS_DIR}/configuration-qemu-runtime-rs.toml`)!;
    assert.ok(qrs.marks.active && qrs.marks.activeFor.includes('runtime-rs'));
    assert.ok(!entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!.marks.activeFor.includes('runtime-rs'));
    assert.deepEqual(groupByRuntime(d).map((g) => g.runtime), ['go', 'rs']);
  } finally {
    t.cleanup();
  }
});

test('kata-deploy runtimes/<shim>/ layout: shim folders, banner, drop-ins and containerd pins', async () => {
  const t = makeTree();
  try {
    kataDeploy(t);
    const d = await discoverConfigs(t.root);
    assert.deepEqual(
      d.roots.map((r) => [r.kind, r.runtime, r.shim ?? '']),
      [
        ['default', 'go', ''],
        ['kata-deploy', 'go', 'clh'],
        ['kata-deploy', 'go', 'qemu'],
        ['default', 'rs', ''],
        ['kata-deploy', 'rs', 'qemu-runtime-rs'],
      ],
    );
    const shimCopy = entryFor(d, `${GO_DIR}/runtimes/qemu/configuration-qemu.toml`)!;
    assert.ok(shimCopy.marks.kataDeployManaged);
    assert.deepEqual(
      shimCopy.marks.pinnedBy.map((h) => [h.manager, h.name, h.runtime]),
      [['containerd', 'kata-qemu', 'go']],
    );
    assert.equal(shimCopy.dropInDir, `${GO_DIR}/runtimes/qemu/config.d`);
    assert.deepEqual(shimCopy.dropIns.map((x) => x.name), ['20-debug.toml', '50-user-overrides.toml']);
    // The original path is a symlink into runtimes/: same real file, same drop-ins, same pin.
    const orig = entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!;
    assert.equal(orig.kind, 'symlink');
    assert.equal(orig.realPath, `${GO_DIR}/runtimes/qemu/configuration-qemu.toml`);
    assert.deepEqual(orig.dropIns.map((x) => x.name), ['20-debug.toml', '50-user-overrides.toml']);
    assert.deepEqual(orig.marks.pinnedBy.map((h) => h.name), ['kata-qemu']);
    // The /opt default link goes through configuration-qemu.toml into runtimes/qemu/.
    assert.ok(orig.marks.active && shimCopy.marks.active);
    const rsShim = entryFor(d, `${RS_DIR}/runtimes/qemu-runtime-rs/configuration-qemu-runtime-rs.toml`)!;
    assert.equal(rsShim.runtime, 'rs');
    assert.match(rsShim.runtimeWhy, /qemu-runtime-rs is a runtime-rs shim/);
    assert.deepEqual(rsShim.marks.pinnedBy.map((h) => [h.name, h.runtime]), [['kata-qemu-runtime-rs', 'rs']]);
    assert.deepEqual(d.pinsElsewhere, []);
    const watch = watchTargets(d);
    for (const p of [GO_DIR, `${GO_DIR}/runtimes/qemu/config.d`, '/etc/kata-containers', '/etc/containerd/config.toml', '/etc/containerd/conf.d/kata-deploy.toml']) assert.ok(watch.includes(t.p(p)), p);
  } finally {
    t.cleanup();
  }
});

test('drop-ins are listed in Kata merge order (bytes of the names) with what Kata objects to', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    runtimeRs(t);
    const names = ['50-b.toml', '10-a.toml', '9-z.toml', 'B.toml', 'a.toml', 'é.toml', '\uFF5E.toml', '\u{1F600}.toml', 'backup.toml~'];
    for (const n of names) t.write(`${GO_DIR}/config.d/${n}`, '[runtime]\nenable_debug = true\n');
    t.mkdir(`${GO_DIR}/config.d/sub`);
    t.write(`${GO_DIR}/config.d/60-broken.toml`, '[runtime\nenable_debug = tru\n');
    t.write(`${RS_DIR}/config.d/real.toml`, '[runtime]\nenable_debug = true\n');
    t.link(`${RS_DIR}/config.d/10-link.toml`, 'real.toml');
    t.link(`${RS_DIR}/config.d/20-dangling.toml`, 'gone.toml');
    const d = await discoverConfigs(t.root);
    const qemu = entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!;
    const order = qemu.dropIns.map((x) => x.name);
    assert.deepEqual(order, ['10-a.toml', '50-b.toml', '60-broken.toml', '9-z.toml', 'B.toml', 'a.toml', 'backup.toml~', 'sub', 'é.toml', '\uFF5E.toml', '\u{1F600}.toml']);
    // JavaScript's default sort (UTF-16 units) would put the emoji before U+FF5E: bytes decide.
    assert.ok([...order].sort().indexOf('\u{1F600}.toml') < [...order].sort().indexOf('\uFF5E.toml'));
    assert.deepEqual(order, [...order].sort(compareBytes));
    assert.deepEqual(qemu.dropIns.map((x) => x.order), order.map((_, i) => i + 1));
    const by = (n: string) => qemu.dropIns.find((x) => x.name === n)!;
    assert.ok(!by('10-a.toml').breaksLoading && by('10-a.toml').problems.length === 0);
    assert.match(by('backup.toml~').problems.join(), /does not end in \.toml/);
    assert.ok(!by('backup.toml~').breaksLoading);
    assert.equal(by('sub').kind, 'dir');
    assert.ok(by('sub').breaksLoading);
    assert.ok(by('60-broken.toml').breaksLoading && by('60-broken.toml').tomlErrors > 0);
    const rs = entryFor(d, `${RS_DIR}/configuration-qemu-runtime-rs.toml`)!;
    const link = rs.dropIns.find((x) => x.name === '10-link.toml')!;
    assert.equal(link.kind, 'symlink');
    assert.ok(link.breaksLoading);
    assert.match(link.problems[0], /runtime-rs refuses drop-ins that are symlinks/);
    assert.equal(rs.dropIns.find((x) => x.name === '20-dangling.toml')!.kind, 'broken-symlink');
    // The Go runtime follows a symlinked drop-in.
    const goLink = await listDropIns(t.root, `${RS_DIR}/configuration-qemu-runtime-rs.toml`, 'go');
    assert.ok(!goLink.dropIns.find((x) => x.name === '10-link.toml')!.breaksLoading);
  } finally {
    t.cleanup();
  }
});

test('a broken configuration.toml symlink: reported, skipped by the default search', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.link(`${ETC}/configuration.toml`, 'configuration-gone.toml');
    t.link(`${GO_DIR}/configuration-loop.toml`, 'configuration-loop.toml');
    const d = await discoverConfigs(t.root);
    const broken = entryFor(d, `${ETC}/configuration.toml`)!;
    assert.equal(broken.kind, 'broken-symlink');
    assert.equal(broken.linkTarget, 'configuration-gone.toml');
    assert.match(broken.problems[0], /broken symlink → configuration-gone\.toml: \/etc\/kata-containers\/configuration-gone\.toml does not exist\. The runtime skips it/);
    const go = d.active.find((a) => a.runtime === 'go')!;
    assert.deepEqual(go.searched.map((s) => s.state), ['broken', 'resolves']);
    assert.equal(go.realPath, `${GO_DIR}/configuration-qemu.toml`);
    const loop = entryFor(d, `${GO_DIR}/configuration-loop.toml`)!;
    assert.equal(loop.kind, 'broken-symlink');
    assert.match(loop.problems[0], /link loop/);
  } finally {
    t.cleanup();
  }
});

test('a regular-file /etc configuration.toml is an override of the default link and is flagged', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write(`${ETC}/configuration.toml`, goConfig('qemu', '# hand-written'));
    const d = await discoverConfigs(t.root);
    const main = entryFor(d, `${ETC}/configuration.toml`)!;
    assert.equal(main.kind, 'file');
    assert.ok(main.marks.active);
    assert.equal(main.marks.adminOverride?.defaultPath, `${GO_DIR}/configuration.toml`);
    assert.equal(main.marks.adminOverride?.identical, false);
    assert.match(main.problems.join(), /regular file, not a symlink: kata-manager -S refuses/);
  } finally {
    t.cleanup();
  }
});

test('garbage, non-UTF-8 and unreadable files give messages, never a throw', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write(`${GO_DIR}/configuration-garbage.toml`, '[hypervisor.qemu\npath = = "x"\n\u0000\u0001 junk ]]]\n');
    t.write(`${GO_DIR}/configuration-latin1.toml`, Buffer.from([0x5b, 0x68, 0x79, 0x70, 0x65, 0x72, 0x76, 0x69, 0x73, 0x6f, 0x72, 0x2e, 0x71, 0x65, 0x6d, 0x75, 0x5d, 0x0a, 0x23, 0xe9, 0x0a]));
    t.write(`${GO_DIR}/configuration-secret.toml`, goConfig('qemu'));
    t.write(`${GO_DIR}/configuration-empty.toml`, '');
    const ops = failingOps(t.p(`${GO_DIR}/configuration-secret.toml`), 'EACCES', { reads: true });
    const d = await discoverConfigs(t.root, { fileOps: ops });
    const garbage = entryFor(d, `${GO_DIR}/configuration-garbage.toml`)!;
    assert.ok(garbage.tomlErrors > 0);
    assert.match(garbage.problems.join('\n'), /TOML error\(s\), first at line 1: .*Kata refuses to load this file/);
    assert.ok(!garbage.switchable);
    const latin1 = entryFor(d, `${GO_DIR}/configuration-latin1.toml`)!;
    assert.match(latin1.problems.join('\n'), /not valid UTF-8/);
    const secret = entryFor(d, `${GO_DIR}/configuration-secret.toml`)!;
    assert.equal(secret.kind, 'unreadable');
    assert.match(secret.problems[0], /cannot read \/opt\/kata\/share\/defaults\/kata-containers\/configuration-secret\.toml: permission denied \(EACCES\)/);
    assert.match(entryFor(d, `${GO_DIR}/configuration-empty.toml`)!.problems.join(), /no \[hypervisor\.<name>\] table/);
  } finally {
    t.cleanup();
  }
});

test('release: from a directive, from the kata.release setting, or marked as assumed', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write(`${GO_DIR}/configuration-old.toml`, goConfig('qemu', '# kata-config: release=3.20'));
    const d = await discoverConfigs(t.root);
    const old = entryFor(d, `${GO_DIR}/configuration-old.toml`)!;
    assert.deepEqual([old.release?.release, old.release?.source], ['3.20.0', 'directive']);
    const d2 = await discoverConfigs(t.root, { targetSettings: { release: '3.10' } });
    assert.deepEqual([entryFor(d2, `${GO_DIR}/configuration-clh.toml`)!.release?.release, entryFor(d2, `${GO_DIR}/configuration-clh.toml`)!.release?.source], ['3.10.0', 'setting']);
  } finally {
    t.cleanup();
  }
});

test('release from the content of shipped files, with the server detector injected', { skip: skipUnlessShared('kata-configs') }, async () => {
  const t = makeTree();
  try {
    t.write(`${GO_DIR}/configuration-qemu.toml`, fs.readFileSync(sharedPath('kata-configs', '3.2.0', 'go', 'configuration-qemu.toml')));
    t.write(`${GO_DIR}/configuration-clh.toml`, fs.readFileSync(sharedPath('kata-configs', '4.1.0', 'go', 'configuration-clh.toml')));
    t.write(`${RS_DIR}/configuration-dragonball.toml`, fs.readFileSync(sharedPath('kata-configs', '4.1.0', 'rs', 'configuration-dragonball.toml')));
    const lite = await discoverConfigs(t.root);
    assert.deepEqual(
      lite.files.map((f) => f.release?.source),
      ['assumed', 'assumed', 'assumed'],
    );
    const d = await discoverConfigs(t.root, { detectTarget });
    const old = entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!;
    assert.equal(old.release?.source, 'content');
    assert.equal(old.release?.range?.since, '3.2.0');
    assert.notEqual(old.release?.release, '4.1.0');
    const clh = entryFor(d, `${GO_DIR}/configuration-clh.toml`)!;
    assert.equal(clh.release?.release, '4.1.0');
    assert.equal(clh.hypervisor?.displayName, 'Cloud Hypervisor');
    const db = entryFor(d, `${RS_DIR}/configuration-dragonball.toml`)!;
    assert.equal(db.runtime, 'rs');
    assert.equal(db.hypervisor?.id, 'dragonball');
    assert.deepEqual(db.problems, []);
  } finally {
    t.cleanup();
  }
});

test('install roots: /usr and /opt together, multi-install suffixes, custom runtimes, kata.configRoots', async () => {
  const t = makeTree();
  try {
    distro(t);
    fs.rmSync(t.p('/usr/bin/containerd-shim-kata-v2'));
    goOnly(t);
    t.write('/opt/kata-blue/share/defaults/kata-containers/configuration-qemu.toml', goConfig('qemu'));
    t.write(`${GO_DIR}/custom-runtimes/kata-my-handler/configuration-qemu-runtime-rs.toml`, rsConfig('qemu'));
    t.write('/home/me/kata/configuration-mine.toml', goConfig('clh'));
    t.write('/home/me/kata/notes.toml', 'title = "not kata"\n');
    t.link('/srv/alias', '/opt/kata/share/defaults/kata-containers');
    const { roots, problems } = await findInstallRoots(t.root, { configRoots: ['/home/me/kata', 'relative/path', '/nowhere', '/srv/alias'] });
    assert.deepEqual(
      roots.map((r) => [r.path, r.kind, r.prefix ?? '']),
      [
        [GO_DIR, 'default', '/opt/kata'],
        [USR_DIR, 'default', '/usr'],
        ['/opt/kata-blue/share/defaults/kata-containers', 'default', '/opt/kata-blue'],
        [`${GO_DIR}/custom-runtimes/kata-my-handler`, 'custom-runtime', '/opt/kata'],
        ['/home/me/kata', 'user', ''],
      ],
    );
    assert.deepEqual(problems, ["kata.configRoots: 'relative/path' is not an absolute path; it is ignored", 'kata.configRoots: /nowhere does not exist']);
    const d = await discoverConfigs(t.root, { configRoots: ['/home/me/kata'] });
    const custom = entryFor(d, `${GO_DIR}/custom-runtimes/kata-my-handler/configuration-qemu-runtime-rs.toml`)!;
    assert.equal(custom.runtime, 'rs');
    assert.ok(d.files.some((f) => f.path === '/home/me/kata/notes.toml'));
    // /usr/bin/containerd-shim-kata-v2 links to /opt/kata/bin here, so only the /opt/kata shim counts.
    assert.deepEqual(d.active.filter((a) => a.runtime === 'go').map((a) => a.label), ['Go shim in /opt/kata/bin']);
    // The user folder holds only Go-looking files, the custom runtime a runtime-rs file.
    const groups = groupByRuntime(d);
    assert.deepEqual(
      groups.map((g) => [g.runtime, g.folders.map((f) => f.root.path)]),
      [
        ['go', [GO_DIR, USR_DIR, '/opt/kata-blue/share/defaults/kata-containers', '/home/me/kata']],
        ['rs', [`${GO_DIR}/custom-runtimes/kata-my-handler`]],
      ],
    );
    assert.match(entryFor(d, '/home/me/kata/notes.toml')!.problems.join(), /no \[hypervisor/);
  } finally {
    t.cleanup();
  }
});

test('an unreadable install folder is a message', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    const base = nodeFileOps;
    const ops = { ...base, readdir: async (p: string) => (p === t.p(GO_DIR) ? Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) : base.readdir(p)) };
    const d = await discoverConfigs(t.root, { fileOps: ops });
    assert.deepEqual(d.files, []);
    assert.deepEqual(d.problems, [`cannot list ${GO_DIR}: permission denied (EACCES)`]);
  } finally {
    t.cleanup();
  }
});

test('the light detector agrees with the server on the runtime of every corpus file and install path', { skip: skipUnlessShared('kata-configs') }, () => {
  const paths = (file: string, folder: string): string[] => [
    `/x/${file}`,
    `${folder === 'rs' ? RS_DIR : GO_DIR}/${file}`,
    `${GO_DIR}/runtimes/qemu-runtime-rs/${file}`,
    `${GO_DIR}/runtimes/qemu/${file}`,
    `/etc/kata-containers/config.d/${file}`,
  ];
  let n = 0;
  for (const f of corpusFiles()) {
    const doc = parseToml(fs.readFileSync(f.path, 'utf8'));
    for (const p of [...paths(f.file, f.folder), undefined]) {
      const full = detectTarget(p, doc, { release: '3.20' });
      const lite = liteDetectTarget(p, doc, { release: '3.20' });
      assert.equal(lite.runtime, full.runtime, `${f.path} as ${p}`);
      assert.equal(lite.why.runtime, full.why.runtime);
      assert.equal(lite.release, full.release);
      assert.deepEqual(lite.hypervisors, full.hypervisors);
      n++;
    }
  }
  assert.ok(n > 100);
  const directive = parseToml('# kata-config: runtime=rs release=3.10 arch=arm64\n[hypervisor.qemu]\n');
  const full = detectTarget('/x/configuration-qemu.toml', directive);
  const lite = liteDetectTarget('/x/configuration-qemu.toml', directive);
  assert.deepEqual([lite.runtime, lite.release, lite.arch, lite.why.release], [full.runtime, full.release, full.arch, full.why.release]);
});
