import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkActiveWithTool, findKataTools, parseKataEnv, runKataEnv } from '../../../client/src/install/kataRuntime';
import { GO_DIR, goOnly, makeTree } from './helpers';

/** The shape of `kata-runtime env` at 4.1.0 (BurntSushi TOML encoder, tables in struct order). */
const KATA_RUNTIME_ENV = `[Kernel]
  Path = "/opt/kata/share/kata-containers/vmlinux-6.12.28-153"
  Parameters = "scsi_mod.scan=none"

[Meta]
  Version = "1.0.27"

[Image]
  Path = "/opt/kata/share/kata-containers/kata-ubuntu-noble.image"

[Initrd]
  Path = ""

[Hypervisor]
  MachineType = "q35"
  Version = "QEMU emulator version 9.1.2 (kata-static)\\nCopyright (c) 2003-2024 Fabrice Bellard and the QEMU Project developers"
  Path = "/opt/kata/bin/qemu-system-x86_64"
  BlockDeviceDriver = "virtio-scsi"
  EntropySource = "/dev/urandom"
  SharedFS = "virtio-fs"
  VirtioFSDaemon = "/opt/kata/libexec/virtiofsd"
  SocketPath = "unknown"
  Msize9p = 8192
  MemorySlots = 10
  HotPlugVFIO = "no-port"
  ColdPlugVFIO = "no-port"
  PCIeRootPort = 0
  PCIeSwitchPort = 0
  Debug = false
  [Hypervisor.SecurityInfo]
    Rootless = false
    DisableSeccomp = false
    GuestHookPath = ""
    EnableAnnotations = ["enable_iommu", "virtio_fs_extra_args", "kernel_params"]
    ConfidentialGuest = false

[Runtime]
  Path = "/opt/kata/bin/kata-runtime"
  GuestSeLinuxLabel = ""
  Experimental = []
  Debug = false
  Trace = false
  DisableGuestSeccomp = true
  DisableNewNetNs = false
  SandboxCgroupOnly = false
  [Runtime.Config]
    Path = "/etc/kata-containers/configuration-clh.toml"
  [Runtime.Version]
    OCI = "1.2.1"
    [Runtime.Version.Version]
      Semver = "3.20.0"
      Commit = "abc"
      Major = 3
      Minor = 20
      Patch = 0

[Host]
  AvailableGuestProtections = ["none"]
  Kernel = "6.8.0-55-generic"
  Architecture = "amd64"
  VMContainerCapable = true
  SupportVSocks = true
`;

const KATA_CTL_ENV = `[meta]
version = "0.0.1-kata-ctl"

[runtime]
path = "not implemented yet"
guest_selinux_label = ""
experimental = []
debug = false

[runtime.config]
path = "/opt/kata/share/defaults/kata-containers/runtime-rs/configuration-dragonball.toml"

[runtime.version]
semver = "3.20.0"
commit = "xyz"

[hypervisor]
machine_type = ""
version = "unknown"
path = ""
`;

function script(dir: string, name: string, body: string): string {
  const p = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(p, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return p;
}

test('parses kata-runtime env and kata-ctl env output', () => {
  const go = parseKataEnv(KATA_RUNTIME_ENV);
  assert.deepEqual(go.info, {
    hypervisorPath: '/opt/kata/bin/qemu-system-x86_64',
    configPath: '/etc/kata-containers/configuration-clh.toml',
    version: '3.20.0',
    machineType: 'q35',
  });
  assert.deepEqual(go.problems, []);
  const rs = parseKataEnv(KATA_CTL_ENV);
  assert.equal(rs.info.configPath, '/opt/kata/share/defaults/kata-containers/runtime-rs/configuration-dragonball.toml');
  assert.equal(rs.info.version, '3.20.0');
  assert.equal(rs.info.hypervisorPath, undefined);
  assert.deepEqual(rs.problems, ['the output names no hypervisor path ([Hypervisor] Path)']);
  assert.ok(parseKataEnv('not [ toml = = at all').problems.length >= 2);
});

test('runs the binary with execFile: arguments are passed as they are, no shell', async () => {
  const t = makeTree();
  try {
    const bin = script(t.root, 'kata-runtime', `printf '%s\\n' "$@" > "${t.root}/args"\ncat <<'EOF'\n${KATA_RUNTIME_ENV}EOF`);
    const cfg = `${t.root}/dir with space/configuration-$(touch pwned);x.toml`;
    const r = await runKataEnv(bin, { configPath: cfg });
    assert.ok(r.ok, r.error);
    assert.equal(r.hypervisorPath, '/opt/kata/bin/qemu-system-x86_64');
    assert.equal(r.configPath, '/etc/kata-containers/configuration-clh.toml');
    assert.deepEqual(r.argv, [bin, '--config', cfg, 'env']);
    assert.deepEqual(fs.readFileSync(path.join(t.root, 'args'), 'utf8').trimEnd().split('\n'), ['--config', cfg, 'env']);
    assert.ok(!fs.existsSync(path.join(t.root, 'pwned')) && !fs.existsSync('pwned'));
    const ctl = script(t.root, 'kata-ctl', `printf '%s\\n' "$@" > "${t.root}/args2"\ncat <<'EOF'\n${KATA_CTL_ENV}EOF`);
    const r2 = await runKataEnv(ctl, { configPath: '/ignored' });
    assert.deepEqual(r2.argv, [ctl, 'env']);
    assert.equal(r2.ok, false);
    assert.match(r2.error ?? '', /names no hypervisor path/);
    assert.equal(r2.configPath, '/opt/kata/share/defaults/kata-containers/runtime-rs/configuration-dragonball.toml');
  } finally {
    t.cleanup();
  }
});

test('a hanging binary is stopped at the timeout; failures and missing binaries are messages', async () => {
  const t = makeTree();
  try {
    const slow = script(t.root, 'slow', 'exec sleep 30');
    const started = Date.now();
    const r = await runKataEnv(slow, { timeoutMs: 300, tool: 'kata-runtime' });
    assert.ok(Date.now() - started < 5000);
    assert.equal(r.timedOut, true);
    assert.match(r.error ?? '', /did not answer within 300 ms/);
    const failing = script(t.root, 'failing', 'echo \'Cannot find usable config file (config file "/etc/kata-containers/configuration.toml" unresolvable)\' >&2\nexit 1');
    const f = await runKataEnv(failing, { tool: 'kata-runtime' });
    assert.equal(f.exitCode, 1);
    assert.match(f.error ?? '', /exit code 1: Cannot find usable config file/);
    const missing = await runKataEnv(path.join(t.root, 'nope', 'kata-runtime'));
    assert.match(missing.error ?? '', /was not found/);
    const garbage = script(t.root, 'garbage', 'echo "]]] not toml"');
    const g = await runKataEnv(garbage, { tool: 'kata-runtime' });
    assert.equal(g.ok, false);
    assert.match(g.error ?? '', /could not read .* env's output/);
  } finally {
    t.cleanup();
  }
});

test('finds the installed tools under the root and checks the active config with them', async () => {
  const t = makeTree();
  try {
    goOnly(t);
    script(t.p('/opt/kata/bin'), 'kata-runtime', `cat <<'EOF'\n${KATA_RUNTIME_ENV.replace('/etc/kata-containers/configuration-clh.toml', `${GO_DIR}/configuration-qemu.toml`)}EOF`);
    t.link('/usr/bin/kata-runtime', '/opt/kata/bin/kata-runtime');
    const tools = await findKataTools(t.root);
    assert.deepEqual(tools, { kataRuntime: [t.p('/opt/kata/bin/kata-runtime')], kataCtl: [] });
    const ok = await checkActiveWithTool(t.root, 'go', `${GO_DIR}/configuration-qemu.toml`);
    assert.equal(ok.ran, true);
    assert.equal(ok.matches, true);
    assert.match(ok.message, /hypervisor \/opt\/kata\/bin\/qemu-system-x86_64/);
    const other = await checkActiveWithTool(t.root, 'go', '/etc/kata-containers/configuration-clh.toml');
    assert.equal(other.matches, false);
    assert.match(other.message, /something else takes precedence/);
    const rs = await checkActiveWithTool(t.root, 'rs');
    assert.deepEqual([rs.ran, rs.message], [false, 'kata-ctl is not installed, so the result cannot be confirmed by Kata itself.']);
  } finally {
    t.cleanup();
  }
});
