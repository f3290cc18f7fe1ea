import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { nodeFileOps } from '../../../client/src/install/fsops';
import { globInRoot, handlersPinnedTo, readPins } from '../../../client/src/install/pins';
import { GO_DIR, goOnly, kataDeploy, kataManagerContainerd, makeTree, RS_DIR, runtimeRs } from './helpers';

test('kata-manager containerd block (version 2): handler kata pinned to the /opt link, runtime from the shim on PATH', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    kataManagerContainerd(t);
    const r = await readPins(t.root);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.handlers.map((h) => [h.manager, h.name, h.pluginId, h.configPath, h.configRealPath, h.runtime]),
      [
        ['containerd', 'kata', 'io.containerd.grpc.v1.cri', `${GO_DIR}/configuration.toml`, `${GO_DIR}/configuration-qemu.toml`, 'go'],
        ['containerd', 'kata-clh', 'io.containerd.grpc.v1.cri', `${GO_DIR}/configuration-clh.toml`, `${GO_DIR}/configuration-clh.toml`, 'go'],
      ],
    );
    // No runtime_path: containerd finds containerd-shim-kata-v2 on its PATH (/usr/bin links to /opt/kata/bin).
    assert.match(r.handlers[0].runtimeWhy, /the shim \/usr\/bin\/containerd-shim-kata-v2 \(\/opt\/kata\/bin\/containerd-shim-kata-v2\) is the Go shim/);
    // kata-clh's shim binary is not installed; kata-deploy's naming says Go.
    assert.match(r.handlers[1].runtimeWhy, /kata-deploy's naming/);
    assert.equal(r.handlers[0].source, '/etc/containerd/config.toml');
    assert.deepEqual(handlersPinnedTo(r, `${GO_DIR}/configuration-qemu.toml`).map((h) => h.name), ['kata']);
    assert.deepEqual(
      r.files.map((f) => [f.manager, f.path, f.status]),
      [
        ['containerd', '/etc/containerd/config.toml', 'read'],
        ['cri-o', '/etc/crio/crio.conf', 'missing'],
      ],
    );
  } finally {
    t.cleanup();
  }
});

test('kata-deploy (version 3) through a glob import: per-shim pins, Go and runtime-rs from runtime_path', async () => {
  const t = makeTree();
  try {
    kataDeploy(t);
    const r = await readPins(t.root);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.handlers.map((h) => [h.name, h.pluginId, h.runtime, h.source]),
      [
        ['kata-qemu', 'io.containerd.cri.v1.runtime', 'go', '/etc/containerd/conf.d/kata-deploy.toml'],
        ['kata-clh', 'io.containerd.cri.v1.runtime', 'go', '/etc/containerd/conf.d/kata-deploy.toml'],
        ['kata-qemu-runtime-rs', 'io.containerd.cri.v1.runtime', 'rs', '/etc/containerd/conf.d/kata-deploy.toml'],
      ],
    );
    assert.equal(r.handlers[2].configRealPath, `${RS_DIR}/runtimes/qemu-runtime-rs/configuration-qemu-runtime-rs.toml`);
    assert.match(r.handlers[2].runtimeWhy, /runtime_path \/opt\/kata\/runtime-rs\/bin\/containerd-shim-kata-v2 is the runtime-rs shim/);
    assert.deepEqual(r.files.filter((f) => f.manager === 'containerd').map((f) => [f.path, f.importedBy ?? '', f.version]), [
      ['/etc/containerd/config.toml', '', 3],
      ['/etc/containerd/conf.d/kata-deploy.toml', '/etc/containerd/config.toml', 3],
    ]);
  } finally {
    t.cleanup();
  }
});

test('containerd imports: relative, recursive, cyclic, missing; later files win key by key', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write(
      '/etc/containerd/config.toml',
      'version = 2\nimports = ["extra/a.toml", "/etc/containerd/missing.toml"]\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]\nruntime_type = "io.containerd.kata.v2"\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata.options]\nConfigPath = "/opt/kata/share/defaults/kata-containers/configuration-qemu.toml"\n',
    );
    t.write('/etc/containerd/extra/a.toml', 'version = 2\nimports = ["b.toml", "/etc/containerd/config.toml"]\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]\npod_annotations = ["io.katacontainers.*"]\n');
    t.write('/etc/containerd/extra/b.toml', 'version = 2\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata.options]\nConfigPath = "/opt/kata/share/defaults/kata-containers/configuration-fc.toml"\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata-lower]\nruntime_type = "io.containerd.kata.v2"\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata-lower.options]\nconfigpath = "/opt/kata/share/defaults/kata-containers/configuration-clh.toml"\n');
    const r = await readPins(t.root);
    assert.deepEqual(
      r.files.filter((f) => f.manager === 'containerd').map((f) => [f.path, f.status]),
      [
        ['/etc/containerd/config.toml', 'read'],
        ['/etc/containerd/extra/a.toml', 'read'],
        ['/etc/containerd/missing.toml', 'missing'],
        ['/etc/containerd/extra/b.toml', 'read'],
      ],
    );
    assert.match(r.problems.join('\n'), /\/etc\/containerd\/missing\.toml, imported by \/etc\/containerd\/config\.toml, cannot be read .*containerd fails to start/);
    const kata = r.handlers.find((h) => h.name === 'kata')!;
    // go-toml matches struct fields case-insensitively.
    assert.equal(r.handlers.find((h) => h.name === 'kata-lower')?.configRealPath, `${GO_DIR}/configuration-clh.toml`);
    // b.toml (loaded last) sets the pin.
    assert.equal(kata.configPath, `${GO_DIR}/configuration-fc.toml`);
    assert.equal(kata.source, '/etc/containerd/extra/b.toml');
    assert.deepEqual(kata.sources, ['/etc/containerd/config.toml', '/etc/containerd/extra/a.toml', '/etc/containerd/extra/b.toml']);
    // containerd 1.x would have replaced the whole section instead.
    assert.match(r.notes.join('\n'), /containerd 1\.x \(not 2\.x\) lets \/etc\/containerd\/extra\/b\.toml replace the whole \[plugins\."io\.containerd\.grpc\.v1\.cri"\] section/);
  } finally {
    t.cleanup();
  }
});

test('conf.d files that nothing imports are listed as ignored', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    kataManagerContainerd(t);
    t.write('/etc/containerd/conf.d/kata-deploy.toml', 'version = 3\n[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.kata-fc]\nruntime_type = "io.containerd.kata-fc.v2"\n');
    const r = await readPins(t.root);
    assert.ok(!r.handlers.some((h) => h.name === 'kata-fc'));
    assert.match(r.notes.join(), /\/etc\/containerd\/conf\.d holds kata-deploy\.toml, but \/etc\/containerd\/config\.toml does not import/);
    assert.equal(r.files.find((f) => f.path === '/etc/containerd/conf.d/kata-deploy.toml')?.status, 'ignored');
  } finally {
    t.cleanup();
  }
});

test('CRI-O: crio.conf then every file of crio.conf.d in name order, a later table replaces the handler', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    runtimeRs(t);
    t.write('/etc/crio/crio.conf', '[crio.runtime]\ndefault_runtime = "runc"\n[crio.runtime.runtimes.kata]\nruntime_path = "/usr/bin/containerd-shim-kata-v2"\nruntime_type = "vm"\nruntime_config_path = "/opt/kata/share/defaults/kata-containers/configuration-clh.toml"\n');
    t.write('/etc/crio/crio.conf.d/10-kata.conf', '[crio.runtime.runtimes.kata]\nruntime_path = "/opt/kata/bin/containerd-shim-kata-v2"\nruntime_type = "vm"\n');
    t.write(
      '/etc/crio/crio.conf.d/99-kata-deploy',
      `[crio.runtime.runtimes.kata-qemu-runtime-rs]\nruntime_path = "/opt/kata/runtime-rs/bin/containerd-shim-kata-v2"\nruntime_type = "vm"\nruntime_config_path = "${RS_DIR}/configuration-qemu-runtime-rs.toml"\nprivileged_without_host_devices = true\n`,
    );
    t.write('/etc/crio/crio.conf.d/50-bad/x.conf', '[crio.runtime.runtimes.kata-bad]\nruntime_type = "oci"\nruntime_path = "/opt/kata/bin/containerd-shim-kata-v2"\nruntime_config_path = "/nowhere.toml"\n');
    const r = await readPins(t.root);
    assert.deepEqual(
      r.files.filter((f) => f.manager === 'cri-o').map((f) => f.path),
      ['/etc/crio/crio.conf', '/etc/crio/crio.conf.d/10-kata.conf', '/etc/crio/crio.conf.d/50-bad/x.conf', '/etc/crio/crio.conf.d/99-kata-deploy'],
    );
    const kata = r.handlers.find((h) => h.name === 'kata')!;
    assert.equal(kata.configPath, undefined, 'the drop-in table replaced the whole handler, pin included');
    assert.equal(kata.runtime, 'go');
    const rs = r.handlers.find((h) => h.name === 'kata-qemu-runtime-rs')!;
    assert.deepEqual([rs.manager, rs.runtime, rs.configRealPath], ['cri-o', 'rs', `${RS_DIR}/configuration-qemu-runtime-rs.toml`]);
    assert.match(r.notes.join(), /reads \/etc\/crio\/crio\.conf\.d\/99-kata-deploy although its name does not end in \.conf/);
    const problems = r.problems.join('\n');
    assert.match(problems, /cri-o handler 'kata-bad' .*: runtime_config_path \/nowhere\.toml does not resolve: \/nowhere\.toml does not exist; its pods fail to start/);
    assert.match(problems, /runtime_config_path can only be used with runtime_type = "vm"/);
  } finally {
    t.cleanup();
  }
});

test('garbage containerd TOML: problems, handlers from what parses, no throw', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    t.write(
      '/etc/containerd/config.toml',
      'version = 2\nimports = "not-a-list"\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]\nruntime_type = "io.containerd.kata.v2"\nbroken = = =\n[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata.options]\nConfigPath = "relative/config.toml"\n',
    );
    const r = await readPins(t.root);
    const problems = r.problems.join('\n');
    assert.match(problems, /has \d+ TOML error\(s\) \(first at line 5: .*\); containerd refuses to start with it/);
    assert.match(problems, /imports in \/etc\/containerd\/config\.toml must be a list of strings/);
    assert.match(problems, /ConfigPath "relative\/config\.toml" is not an absolute path/);
    assert.equal(r.handlers[0].name, 'kata');
  } finally {
    t.cleanup();
  }
});

test('an unreadable containerd config is a problem, not a throw', async () => {
  const t = makeTree();
  try {
    kataManagerContainerd(t);
    const ops = { ...nodeFileOps, readFile: async (p: string) => (p.endsWith('config.toml') ? Promise.reject(Object.assign(new Error('x'), { code: 'EACCES' })) : nodeFileOps.readFile(p)) };
    const r = await readPins(t.root, { fileOps: ops });
    assert.deepEqual(r.handlers, []);
    assert.deepEqual(r.problems, ['containerd: cannot read /etc/containerd/config.toml: permission denied (EACCES)']);
  } finally {
    t.cleanup();
  }
});

test("globs follow Go's filepath.Glob: sorted per folder, '*' matches dot files, bad patterns fail", async () => {
  const t = makeTree();
  try {
    for (const n of ['b.toml', 'a.toml', '.hidden.toml', 'c.txt']) t.write(`/etc/containerd/conf.d/${n}`, '');
    t.write('/etc/containerd/x1/k.toml', '');
    t.write('/etc/containerd/x2/k.toml', '');
    assert.deepEqual(await globInRoot(nodeFileOps, t.root, '/etc/containerd/conf.d/*.toml'), ['/etc/containerd/conf.d/.hidden.toml', '/etc/containerd/conf.d/a.toml', '/etc/containerd/conf.d/b.toml']);
    assert.deepEqual(await globInRoot(nodeFileOps, t.root, '/etc/containerd/x*/k.toml'), ['/etc/containerd/x1/k.toml', '/etc/containerd/x2/k.toml']);
    assert.deepEqual(await globInRoot(nodeFileOps, t.root, '/etc/containerd/conf.d/[ab].toml'), ['/etc/containerd/conf.d/a.toml', '/etc/containerd/conf.d/b.toml']);
    assert.deepEqual(await globInRoot(nodeFileOps, t.root, '/nowhere/*.toml'), []);
    assert.equal(await globInRoot(nodeFileOps, t.root, '/etc/containerd/conf.d/[a.toml'), undefined);
  } finally {
    t.cleanup();
  }
});
