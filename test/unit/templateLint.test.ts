/**
 * Linting a Kata checkout's config templates as Kata builds them (server/src/checkout/): every
 * template expanded per architecture the way the Makefiles do, linted as the installed file, the
 * findings carried back to the template's own lines. The expansions themselves are checked byte for
 * byte against upstream's make output in templateExpansion.test.ts; here: the column mapping, the
 * errors found in the 4.1.0 and 3.20.0 templates (each one checked: the evidence is beside it), the
 * CLI, and the editor's view of an open template.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { columnMap } from '../../server/src/checkout/columns';
import { fsReader } from '../../server/src/checkout/fsReader';
import { lintTemplates } from '../../server/src/checkout/templates';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { main as runCli } from '../../server/src/cli';
import { sharedPath, skipUnlessShared } from '../support/shared';

const skip = skipUnlessShared('kata-source');
const ARCHES = ['x86_64', 'aarch64', 'ppc64le', 's390x'] as const;

test('columns of an expanded line map back to the template: literals one to one, a value to its placeholder', () => {
  const tpl = 'path = "@QEMUPATH@" # on @ARCH@';
  const out = 'path = "/usr/bin/qemu-system-x86_64" # on x86_64';
  const map = columnMap(tpl, out);
  assert.equal(map(0), 0);
  assert.equal(map(7), 7, 'the opening quote');
  assert.equal(map(8), 8, 'inside the value: the placeholder start');
  assert.equal(map(20), 8);
  assert.equal(map(out.indexOf('"', 8) + 1, true), tpl.indexOf('"', 8) + 1, 'a range ending after the closing quote');
  assert.equal(map(out.indexOf('" #'), true), tpl.indexOf('" #'), 'a range ending at the value ends at the placeholder end');
  assert.equal(map(out.length, true), tpl.length);
  assert.equal(columnMap('a = 1', 'a = 1')(3), 3);
  // A line that does not fit its template (never seen: make's values hold no newlines) maps to the whole line.
  assert.equal(columnMap('x = @A@', 'y = 2')(2, true), 'x = @A@'.length);
});

/**
 * The errors the 4.1.0 and 3.20.0 templates give for x86_64, aarch64, ppc64le and s390x. Each is an
 * upstream defect that Kata really refuses (README, "Problems found in Kata's shipped configs",
 * lists the x86_64 and aarch64 ones; the ppc64le and s390x ones are new and checked as noted).
 */
const EXPECTED_ERRORS: Record<string, string[]> = {
  '4.1.0': [
    // README: the aarch64 build fills a firmware path into the Dragonball template; DragonballConfig::validate refuses it.
    'src/runtime-rs/config/configuration-dragonball.toml.in:61 kata-hypervisor-unsupported aarch64',
    // README (warning on the installed file): @FIRMWAREVOLUMEPATH_NV@ is not in the runtime-rs Makefile's substitution list.
    'src/runtime-rs/config/configuration-qemu-nvidia-gpu-runtime-rs.toml.in:74 kata-template-unexpanded x86_64,aarch64',
    // README: an IBM Secure Execution file with neither image nor initrd, installed for every arch; only s390x boots so.
    'src/runtime-rs/config/configuration-qemu-se-runtime-rs.toml.in:15 kata-no-rootfs x86_64,aarch64,ppc64le',
    // README: dial_timeout_ms = 45000 with reconnect_timeout_ms left at 3000; Agent::validate refuses it.
    'src/runtime-rs/config/configuration-rs-fc.toml.in:304 kata-agent-reconnect-timeout x86_64,aarch64',
    // New (s390x): the Go Makefile installs the SNP and TDX files on s390x too, where machine_type becomes
    // s390-ccw-virtio with confidential_guest = true and an image set: Kata 4.1.0's s390x loader (kata-oracle
    // --arch s390x) fails every sandbox with "Neither the image or initrd path may be set for Secure Execution"
    // (virtcontainers/hypervisor_config_linux.go, validateHypervisorConfig; the same code at 3.20.0).
    'src/runtime/config/configuration-qemu-nvidia-gpu-snp.toml.in:18 kata-se-rootfs s390x',
    'src/runtime/config/configuration-qemu-nvidia-gpu-tdx.toml.in:17 kata-se-rootfs s390x',
    // README: the Go Secure Execution file on the other arches: "Missing image and initrd path".
    'src/runtime/config/configuration-qemu-se.toml.in:14 kata-no-rootfs x86_64,aarch64,ppc64le',
    'src/runtime/config/configuration-qemu-snp.toml.in:18 kata-se-rootfs s390x',
    'src/runtime/config/configuration-qemu-tdx.toml.in:17 kata-se-rootfs s390x',
  ],
  '3.20.0': [
    // New (ppc64le): the 3.20.0 runtime-rs Makefile installs the Dragonball file on ppc64le, where runtime-rs has
    // no Dragonball plugin (kata-types registers it for x86_64 and aarch64 only): the file is refused.
    'src/runtime-rs/config/configuration-dragonball.toml.in:14 kata-unknown-hypervisor ppc64le',
    'src/runtime-rs/config/configuration-qemu-se-runtime-rs.toml.in:15 kata-no-rootfs x86_64,aarch64,ppc64le',
    'src/runtime/config/configuration-qemu-nvidia-gpu-snp.toml.in:18 kata-se-rootfs s390x',
    'src/runtime/config/configuration-qemu-nvidia-gpu-tdx.toml.in:17 kata-se-rootfs s390x',
    'src/runtime/config/configuration-qemu-se.toml.in:14 kata-no-rootfs x86_64,aarch64,ppc64le',
    'src/runtime/config/configuration-qemu-snp.toml.in:19 kata-se-rootfs s390x',
    // README: the TDX QEMU path is the literal PLACEHOLDER_FOR_DISTRO_QEMU_WITH_TDX_SUPPORT, a relative path.
    'src/runtime/config/configuration-qemu-tdx.toml.in:15 kata-relative-path x86_64,aarch64,ppc64le,s390x',
    'src/runtime/config/configuration-qemu-tdx.toml.in:17 kata-se-rootfs s390x',
  ],
};

/** The warning kinds of README's "Problems found in Kata's shipped configs" (and its host-dependent kata-vcpus-limit). */
const README_WARNINGS = new Set(['kata-ignored-key', 'kata-key-other-release', 'kata-key-other-hypervisor', 'kata-ignored-table', 'kata-forced-value', 'kata-vcpus-limit']);

for (const release of Object.keys(EXPECTED_ERRORS)) {
  test(`${release} templates for ${ARCHES.join(', ')}: the upstream defects, at their template lines`, { skip }, () => {
    const result = lintTemplates(fsReader(sharedPath('kata-source', release)), release, { arches: ARCHES });
    const errors = result.reports.filter((r) => r.severity === 1).map((r) => `${r.template}:${r.range.start.line + 1} ${r.code} ${r.arches.join(',')}`);
    assert.deepEqual(errors, EXPECTED_ERRORS[release]);
    // The warnings are the kinds README lists for the installed files (Kata ignores or rewrites what the
    // template says; host-dependent vCPU limits): no other kind appears.
    const warnings = new Set(result.reports.filter((r) => r.severity === 2).map((r) => r.code));
    for (const code of warnings) assert.ok(README_WARNINGS.has(code), `${code} is not a kind README lists`);
    assert.ok(result.reports.some((r) => r.code === 'kata-ignored-key' && r.template.endsWith('/configuration-remote.toml.in') && r.template.includes('runtime-rs') && r.message.includes('remote_hypervisor_socket')));
    // A placeholder left in a comment is information only.
    assert.ok(result.reports.filter((r) => r.code === 'kata-template-unexpanded').every((r) => r.severity === (r.message.includes('comment') ? 3 : 1)));
    // Every template is installed for some arch, and none was refused by a Makefile except riscv64 (not asked).
    assert.ok(result.templates.every((t) => (result.installedFor.get(t) ?? []).length > 0), 'every template expands');
    assert.ok(result.expansions.every((e) => e.supported));
    // A report sits on the template's own text: the column of a kata-no-rootfs is its [hypervisor.qemu] header.
    const se = result.reports.find((r) => r.code === 'kata-no-rootfs' && r.template.includes('/runtime/'))!;
    const line = fs.readFileSync(sharedPath('kata-source', release, se.template), 'utf8').split('\n')[se.range.start.line];
    assert.match(line.slice(se.range.start.character - 1), /^\[hypervisor\.qemu\]/);
  });
}

/** A checkout in a temporary folder: `src` linked to the shared excerpts of `release`, and a VERSION file. */
function checkout(release: string, version = `${release}\n`): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-checkout-'));
  fs.symlinkSync(sharedPath('kata-source', release, 'src'), path.join(dir, 'src'));
  if (version) fs.writeFileSync(path.join(dir, 'VERSION'), version);
  return dir;
}

function cli(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, (s) => out.push(s) > 0, (s) => err.push(s) > 0);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('kata-config lint --kata-source: the release from VERSION, reports at template lines with their arches, exit 1 on errors', { skip }, () => {
  const dir = checkout('4.1.0', '4.1.0\n');
  try {
    const r = cli(['lint', '--kata-source', dir, '--arch', 's390x']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/src/runtime/config/configuration-qemu-snp\\.toml\\.in:18:9: error kata-se-rootfs .* \\[s390x\\]$`, 'm'));
    assert.match(r.err, /templates of Kata 4\.1\.0 expanded for s390x: 4 errors/);
    const json = JSON.parse(cli(['lint', '--kata-source', dir, '--arch', 'x86_64', '--format', 'json', path.join(dir, 'src/runtime-rs/config/configuration-rs-fc.toml.in')]).out);
    assert.equal(json.length, 1);
    const d = json[0].diagnostics.find((x: { code: string }) => x.code === 'kata-agent-reconnect-timeout');
    assert.deepEqual([d.arches, d.installed, d.range.start.line], [['x86_64'], 'configuration-rs-fc.toml', 303]);
    // Bad input: no VERSION and no --release; not a checkout; a path that is not one of its templates.
    const bare = checkout('4.1.0', '');
    try {
      const noVersion = cli(['lint', '--kata-source', bare]);
      assert.equal(noVersion.code, 2);
      assert.match(noVersion.err, /no VERSION file .*: pass --release/);
      assert.equal(cli(['lint', '--kata-source', bare, '--release', '4.1.0', '--arch', 'ppc64le']).code, 1);
    } finally {
      fs.rmSync(bare, { recursive: true, force: true });
    }
    assert.equal(cli(['lint', '--kata-source', os.tmpdir()]).code, 2);
    assert.match(cli(['lint', '--kata-source', dir, path.join(dir, 'README.md')]).err, /not a config template of this checkout/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the editor: an open template of a checkout gets its expansions\' diagnostics, its unsaved text included', { skip }, () => {
  const dir = checkout('4.1.0');
  try {
    const file = path.join(dir, 'src/runtime/config/configuration-qemu.toml.in');
    const text = fs.readFileSync(file, 'utf8');
    const service = new LanguageService(nodeHost);
    service.configure({ hostChecks: false, templateArch: 'x86_64' });
    const uri = pathToFileURL(file).href;
    assert.deepEqual(service.diagnostics({ uri, version: 1, getText: () => text }).filter((d) => d.severity === 1), []);
    // Type a mistake: default_memory given as a string, on the template's own line.
    const line = text.split('\n').findIndex((l) => l.startsWith('default_memory = @'));
    const edited = text.split('\n').map((l, i) => (i === line ? 'default_memory = "2048"' : l)).join('\n');
    const diags = service.diagnostics({ uri, version: 2, getText: () => edited });
    const mismatch = diags.find((d) => d.code === 'kata-type-mismatch');
    assert.ok(mismatch, JSON.stringify(diags.map((d) => d.code)));
    assert.equal(mismatch.range.start.line, line);
    assert.equal(mismatch.range.start.character, 'default_memory = '.length);
    // Every arch (no kata.templateArch): a finding that holds for only some arches says which.
    service.configure({ hostChecks: false });
    const se = path.join(dir, 'src/runtime/config/configuration-qemu-snp.toml.in');
    const all = service.diagnostics({ uri: pathToFileURL(se).href, version: 1, getText: () => fs.readFileSync(se, 'utf8') });
    assert.ok(all.some((d) => d.code === 'kata-se-rootfs' && / \(s390x only\)$/.test(d.message)), JSON.stringify(all.map((d) => d.message)));
    // Outside a checkout a template keeps the placeholder-masked reading.
    const loose = service.diagnostics({ uri: 'file:///tmp/elsewhere/configuration-qemu.toml.in', version: 1, getText: () => text });
    assert.ok(!loose.some((d) => d.severity === 1), JSON.stringify(loose.filter((d) => d.severity === 1)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
