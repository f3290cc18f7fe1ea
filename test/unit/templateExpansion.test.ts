/**
 * Kata's config templates expanded the way `make install-configs` does (server/src/upstream), checked
 * byte for byte against what upstream make really wrote (shared/kata-configs, every release, both
 * runtimes, x86_64 and aarch64), plus plausibility checks for the arches without reference files
 * and small unit tests of the make reader itself.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Make, MakeError, type SourceReader } from '../../server/src/upstream/makefile';
import { fsReader } from '../../scripts/kata-facts/sources';
import { installConfigs, type InstallConfigsResult, type KataRuntime } from '../../server/src/upstream/templates';
import { parseToml } from '../../server/src/toml';
import { sharedPath, skipUnlessShared } from '../support/shared';

const skip = skipUnlessShared('kata-configs') || skipUnlessShared('kata-source');

/** Reads one release's source excerpts (repository-relative paths). */
const dirReader = fsReader;

/** A reader over an in-memory tree. */
function memoryReader(files: Record<string, string>): SourceReader {
  return {
    read: (p) => files[p],
    list: (d) => {
      const prefix = d ? `${d}/` : '';
      const names = Object.keys(files)
        .filter((f) => f.startsWith(prefix))
        .map((f) => f.slice(prefix.length).split('/')[0]);
      return names.length ? [...new Set(names)] : undefined;
    },
  };
}

function byVersion(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

const RELEASES = skip ? [] : fs.readdirSync(sharedPath('kata-configs')).filter((n) => /^\d+\.\d+\.\d+$/.test(n)).sort(byVersion);

/** The corpus folders: which runtime and make ARCH made them. */
const FOLDERS: { folder: string; runtime: KataRuntime; arch: string }[] = [
  { folder: 'go', runtime: 'go', arch: 'x86_64' },
  { folder: 'go-arm64', runtime: 'go', arch: 'aarch64' },
  { folder: 'rs', runtime: 'rs', arch: 'x86_64' },
  { folder: 'rs-arm64', runtime: 'rs', arch: 'aarch64' },
];

const installs = new Map<string, InstallConfigsResult>();
function install(release: string, runtime: KataRuntime, arch: string): InstallConfigsResult {
  const key = `${release}/${runtime}/${arch}`;
  let r = installs.get(key);
  if (!r) installs.set(key, (r = installConfigs(runtime, arch, dirReader(sharedPath('kata-source', release)))));
  return r;
}

/**
 * The corpus README's one post-processing step: in the Go `configuration-clh-azure.toml` make leaves
 * the comment placeholder `@CONFIG_CLH_AZURE_IN@` (the variable is missing from the Makefile's
 * substitution list); the corpus has `config/configuration-clh-azure.toml.in` there, the form make
 * writes for the other files. The expander keeps make's output, so the comparison applies the step.
 */
function asCorpusStores(runtime: KataRuntime, name: string, text: string): string {
  if (runtime === 'go' && name === 'configuration-clh-azure.toml') return text.split('@CONFIG_CLH_AZURE_IN@').join('config/configuration-clh-azure.toml.in');
  return text;
}

function firstDifference(want: string, got: string): string {
  const a = want.split('\n');
  const b = got.split('\n');
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  return `line ${k + 1}: corpus ${JSON.stringify(a[k])}, expanded ${JSON.stringify(b[k])}`;
}

for (const release of RELEASES.length ? RELEASES : ['(corpus absent)']) {
  test(`${release}: expansion equals make install-configs byte for byte (go, go-arm64, rs, rs-arm64)`, { skip }, () => {
    const problems: string[] = [];
    let equal = 0;
    for (const { folder, runtime, arch } of FOLDERS) {
      const res = install(release, runtime, arch);
      assert.ok(res.supported, `${release}/${folder}: ${res.reason}`);
      const dir = sharedPath('kata-configs', release, folder);
      const want = fs.readdirSync(dir).sort();
      const got = res.files.map((f) => f.name);
      assert.deepEqual(got, want, `${release}/${folder}: installed file names`);
      for (const f of res.files) {
        const corpus = fs.readFileSync(path.join(dir, f.name), 'utf8');
        if (asCorpusStores(runtime, f.name, f.text) === corpus) equal++;
        else problems.push(`${release}/${folder}/${f.name}: ${firstDifference(corpus, asCorpusStores(runtime, f.name, f.text))}`);
      }
    }
    assert.deepEqual(problems, [], `${equal} files equal, ${problems.length} differ`);
  });
}

test('the placeholders make leaves unexpanded are exactly the upstream defects the corpus README lists', { skip }, () => {
  const seen = new Map<string, string[]>();
  for (const release of RELEASES) {
    for (const { folder, runtime, arch } of FOLDERS) {
      for (const f of install(release, runtime, arch).files) {
        for (const u of f.unexpanded) {
          const k = `${folder}/${f.name} ${u}`;
          seen.set(k, [...(seen.get(k) ?? []), release]);
        }
      }
    }
  }
  const span = (from: string, to: string) => RELEASES.filter((r) => byVersion(r, from) >= 0 && byVersion(r, to) <= 0);
  const expected = new Map<string, string[]>([
    ['rs/configuration-cloud-hypervisor.toml @CONFIG_CLH_IN@', span('3.3.0', '3.29.0')],
    ['rs/configuration-clh-runtime-rs.toml @CONFIG_CLH_IN@', span('3.30.0', '3.32.0')],
    ['rs/configuration-clh-azure-runtime-rs.toml @CONFIG_CLH_AZURE_RUNTIME_RS_IN@', span('3.32.0', '4.1.0')],
    ['rs/configuration-qemu-nvidia-gpu-runtime-rs.toml @FIRMWAREVOLUMEPATH_NV@', span('3.32.0', '4.1.0')],
    ['rs-arm64/configuration-qemu-nvidia-gpu-runtime-rs.toml @FIRMWAREVOLUMEPATH_NV@', span('3.32.0', '4.1.0')],
    ['go/configuration-qemu-nvidia-gpu-snp.toml @DEFAULTTIMEOUT_NV', ['3.5.0', '3.6.0']],
    ['go-arm64/configuration-qemu-nvidia-gpu-snp.toml @DEFAULTTIMEOUT_NV', ['3.5.0', '3.6.0']],
    // Not in the README's table because the corpus replaced it (its one post-processing step).
    ['go/configuration-clh-azure.toml @CONFIG_CLH_AZURE_IN@', span('3.32.0', '4.1.0')],
    ['go-arm64/configuration-clh-azure.toml @CONFIG_CLH_AZURE_IN@', span('3.32.0', '4.1.0')],
  ]);
  assert.deepEqual(Object.fromEntries([...seen].sort()), Object.fromEntries([...expected].sort()));
});

/** `NAME := value` of an arch options file (the last plain assignment). */
function archOption(text: string, name: string): string | undefined {
  let value: string | undefined;
  for (const line of text.split('\n')) {
    const m = new RegExp(`^${name}\\s*:?=\\s*(.*?)\\s*(#.*)?$`).exec(line);
    if (m) value = m[1].replace(/^"(.*)"$/, '$1');
  }
  return value;
}

const OTHER_ARCHES: { arch: string; go: string; rs: string }[] = [
  { arch: 'ppc64le', go: 'ppc64le', rs: 'powerpc64le' },
  { arch: 's390x', go: 's390x', rs: 's390x' },
  { arch: 'riscv64', go: 'riscv64', rs: 'riscv64gc' },
];

test('ppc64le, s390x and riscv64 expand without errors and carry their arch file values', { skip }, () => {
  for (const release of RELEASES) {
    for (const runtime of ['go', 'rs'] as const) {
      for (const { arch, go, rs } of OTHER_ARCHES) {
        const where = `${release}/${runtime}/${arch}`;
        const archFile = `src/${runtime === 'go' ? 'runtime' : 'runtime-rs'}/arch/${runtime === 'go' ? go : rs}-options.mk`;
        const archText = dirReader(sharedPath('kata-source', release)).read(archFile);
        const res = install(release, runtime, arch);
        if (archText === undefined) {
          // No arch file: the Makefile refuses the arch, as make does.
          assert.equal(res.supported, false, where);
          assert.match(res.reason ?? '', /invalid architecture/, where);
          continue;
        }
        assert.ok(res.supported, `${where}: ${res.reason}`);
        for (const f of res.files) {
          const errors = parseToml(f.text).errors;
          const knownTypo = f.unexpanded.includes('@DEFAULTTIMEOUT_NV');
          assert.equal(errors.length > 0, knownTypo, `${where}/${f.name}: ${errors[0]?.message ?? 'parses'}`);
        }
        // The plain QEMU file: hypervisor binary, machine type and accelerators come from the arch file.
        const qemu = res.files.find((f) => f.name === (runtime === 'go' ? 'configuration-qemu.toml' : 'configuration-qemu-runtime-rs.toml'));
        if (!qemu) continue;
        const prefix = runtime === 'go' ? '/usr' : '/opt/kata';
        const has = (key: string, value: string) => new RegExp(`\\n${key}\\s*=\\s*${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n`).test(qemu.text);
        const cmd = archOption(archText, 'QEMUCMD');
        assert.ok(cmd, `${where}: QEMUCMD`);
        assert.ok(has('path', `"${prefix}/bin/${cmd}"`), `${where}: path`);
        assert.ok(has('valid_hypervisor_paths', `["${prefix}/bin/${cmd}"]`), `${where}: valid_hypervisor_paths`);
        const machine = archOption(archText, 'MACHINETYPE');
        if (machine) assert.ok(has('machine_type', `"${machine}"`), `${where}: machine_type ${machine}`);
        const accel = archOption(archText, 'MACHINEACCELERATORS');
        if (accel !== undefined) assert.ok(has('machine_accelerators', `"${accel}"`), `${where}: machine_accelerators`);
      }
    }
  }
});

test('spot checks of arch-specific results', { skip: skip || !RELEASES.includes('4.1.0') }, () => {
  const qemuGo = (arch: string) => install('4.1.0', 'go', arch).files.find((f) => f.name === 'configuration-qemu.toml')!.text;
  assert.match(qemuGo('s390x'), /\nenable_virtio_mem = true\n/, 's390x-options.mk sets DEFENABLEVIRTIOMEM = true');
  assert.match(qemuGo('x86_64'), /\nenable_virtio_mem = false\n/);
  assert.match(qemuGo('ppc64le'), /\nkernel = "\/usr\/share\/kata-containers\/vmlinux\.container"\n/);
  // runtime-rs 4.1.0 rewrites the installed QEMU file for powerpc64le to boot an initrd (install-configs' `sed -i`).
  const rsQemu = (arch: string) => install('4.1.0', 'rs', arch).files.find((f) => f.name === 'configuration-qemu-runtime-rs.toml')!.text;
  assert.match(rsQemu('ppc64le'), /\ninitrd = "\/opt\/kata\/share\/kata-containers\/kata-containers-initrd\.img"\n/);
  assert.doesNotMatch(rsQemu('ppc64le'), /\nimage = /);
  assert.match(rsQemu('s390x'), /\nimage = "\/opt\/kata\/share\/kata-containers\/kata-containers\.img"\n/);
  // Dragonball is x86_64/aarch64 only; runtime-rs links configuration.toml to its default hypervisor's file.
  assert.ok(!install('4.1.0', 'rs', 's390x').files.some((f) => f.name === 'configuration-dragonball.toml'));
  assert.deepEqual(install('4.1.0', 'rs', 'x86_64').links, [
    { path: '/opt/kata/share/defaults/kata-containers/runtime-rs/configuration.toml', target: 'configuration-qemu-runtime-rs.toml' },
  ]);
  assert.deepEqual(install('4.1.0', 'go', 'aarch64').links, [{ path: '/usr/share/defaults/kata-containers/configuration.toml', target: 'configuration-qemu.toml' }]);
  if (RELEASES.includes('3.2.0')) {
    // 3.2.0 runtime-rs installed straight into defaults/kata-containers, not a runtime-rs/ subfolder.
    assert.equal(install('3.2.0', 'rs', 'x86_64').files[0].path, '/opt/kata/share/defaults/kata-containers/configuration-dragonball.toml');
  }
});

// ---- the make reader on small makefiles --------------------------------------------------------

function load(makefile: string, commandLine: Record<string, string> = {}, extra: Record<string, string> = {}): Make {
  return Make.load(memoryReader({ 'd/Makefile': makefile, ...extra }), { dir: 'd', commandLine });
}

test('make: recursive and simple flavours, ?=, += and computed names', () => {
  const m = load(['A = $(B)', 'S := $(B)', 'B = late', 'C ?= one', 'C ?= two', 'A += more', 'S += $(B)', 'N = B', 'R = $($(N))', 'E :=', 'E += x'].join('\n'));
  assert.equal(m.value('A'), 'late more');
  assert.equal(m.value('S'), 'late', 'S was empty when set; += of a simple variable expands at once');
  assert.equal(m.value('C'), 'one');
  assert.equal(m.value('R'), 'late');
  assert.equal(m.value('E'), 'x', '+= to an empty value adds no space');
});

test('make: command-line variables yield only to override', () => {
  const m = load(['ARCH = mips', 'ifeq ($(ARCH),x86_64)', 'override ARCH = amd64', 'endif', 'X := $(ARCH)', 'P ?= /usr'].join('\n'), { ARCH: 'x86_64', P: '/opt' });
  assert.equal(m.value('ARCH'), 'amd64');
  assert.equal(m.value('X'), 'amd64');
  assert.equal(m.value('P'), '/opt');
  assert.equal(m.variable('ARCH')?.origin, 'override');
});

test('make: conditionals, nesting, else-if chains and skipped regions', () => {
  const m = load(
    [
      'V = b',
      'ifeq ($(V),a)',
      '  R = first',
      'else ifeq ($(V), b)',
      '  R = second',
      '  ifdef UNDEFINED',
      '    R = wrong',
      '  else',
      '    N = inner',
      '  endif',
      'else',
      '  R = third',
      'endif',
      'ifneq (,$(filter $(V),x b y))',
      '  F = found',
      'endif',
      'ifeq "$(V)" "b"',
      '  Q = quoted',
      'endif',
      'ifeq (1,2)',
      '  $(error never expanded)',
      'define IGNORED',
      'endif',
      'endef',
      'endif',
    ].join('\n'),
  );
  assert.equal(m.value('R'), 'second');
  assert.equal(m.value('N'), 'inner');
  assert.equal(m.value('F'), 'found');
  assert.equal(m.value('Q'), 'quoted');
});

test('make: functions, substitution references, define and call', () => {
  const m = load(
    [
      'define KNAME',
      '$(if $(findstring uncompressed,$1),vmlinux.container,vmlinuz.container)',
      'endef',
      'L = a.c b.c',
      'O = $(L:.c=.o) $(patsubst %.c,x/%.o,$(L)) $(subst a,A,$(L))',
      'K = $(call KNAME,uncompressed) $(call KNAME,compressed)',
      'F = $(foreach v,X Y,-e "$v=$($v)")',
      'X = 1',
      'Y = 2',
      'D = $(dir src/a.c) $(notdir src/a.c) $(abspath ./a/../b) $(strip  a   b ) $(sort c a b a) $(words a b c) $(firstword x y)',
      'V = @',
      'Q = $(V:1=)',
      'G = $(Q:@=@echo "GEN" $@;)',
      'W = $(wildcard d/*.mk) $(realpath Makefile missing)',
      'KT := uncompressed #comment keeps the blank before it',
      'H = a\\#b',
    ].join('\n'),
    {},
    { 'd/d/one.mk': '' },
  );
  assert.equal(m.value('O'), 'a.o b.o x/a.o x/b.o A.c b.c');
  assert.equal(m.value('K'), 'vmlinux.container vmlinuz.container');
  assert.equal(m.value('F'), '-e "X=1" -e "Y=2"');
  assert.equal(m.value('D'), 'src/ a.c /kata-containers/d/b a b a b c 3 x');
  assert.equal(m.value('G'), '@echo "GEN" ;');
  assert.equal(m.value('W'), 'd/one.mk /kata-containers/d/Makefile');
  assert.equal(m.value('KT'), 'uncompressed ');
  assert.equal(m.value('H'), 'a#b');
});

test('make: rule context decides whether a tab-indented line is a recipe', () => {
  const m = load(['all: x', '\techo recipe', 'A := 1', '\tB := 2', 'x: ; inline', 'ifeq (1,1)', '\tstill recipe of x', 'endif'].join('\n'));
  assert.equal(m.value('B'), '2', 'after an assignment a tab line is a makefile line again');
  assert.deepEqual(m.ruleFor('all')?.rule.recipe, ['echo recipe']);
  assert.deepEqual(m.ruleFor('x')?.rule.recipe, ['inline', 'still recipe of x']);
});

test('make: $(error) in a taken branch stops reading with the message', () => {
  assert.throws(
    () => load(['ifeq (,$(realpath arch/$(ARCH)-options.mk))', '    $(error "ERROR: invalid architecture: $(ARCH)")', 'endif'].join('\n'), { ARCH: 'mips' }),
    (e: unknown) => e instanceof MakeError && e.fromErrorFunction && /invalid architecture: mips/.test(e.message),
  );
});

test('install-configs simulation: shell quoting and sed replacement rules', () => {
  const makefile = [
    'ARCH_FILE = arch/$(ARCH)-options.mk',
    'include $(ARCH_FILE)',
    'PREFIX ?= /usr',
    'QPATH := $(PREFIX)/bin/$(QEMUCMD)',
    'QPATHS := [\\"$(QPATH)\\"]',
    'PARAMS = "a=1"',
    'PARAMS += "b=2"',
    'AMP = x&y',
    'CONFIGS = config/configuration-qemu.toml',
    'GENERATED_VARS = QPATH QPATHS PARAMS AMP',
    'CONFDIR := /share/defaults/kata',
    'GENERATED_FILES += $(CONFIGS)',
    '$(GENERATED_FILES): %: %.in',
    '\t@sed \\',
    '\t\t$(foreach v,$(GENERATED_VARS),-e "s|@$v@|$($v)|g") \\',
    '\t\t$< > $@',
    'install-configs: $(CONFIGS)',
    '\t$(foreach f,$(CONFIGS),install --mode 0644 -D $f $(DESTDIR)$(CONFDIR)/$(notdir $f);)',
    '\tln -sf configuration-qemu.toml $(DESTDIR)$(CONFDIR)/configuration.toml',
  ].join('\n');
  const template = 'path = "@QPATH@"\npaths = @QPATHS@\nparams = "@PARAMS@"\namp = "@AMP@"\nkeep = "@MISSING@"';
  const reader = memoryReader({
    'src/runtime/Makefile': makefile,
    'src/runtime/arch/amd64-options.mk': 'QEMUCMD := qemu-system-x86_64\n',
    'src/runtime/config/configuration-qemu.toml.in': template,
  });
  const res = installConfigs('go', 'amd64', reader);
  assert.ok(res.supported, res.reason);
  assert.equal(res.files.length, 1);
  const [f] = res.files;
  assert.equal(f.path, '/share/defaults/kata/configuration-qemu.toml');
  assert.equal(f.template, 'src/runtime/config/configuration-qemu.toml.in');
  // `\"` reaches sed as `"`; bare quotes in a value vanish in the shell; `&` in sed means the match.
  assert.equal(
    f.text,
    'path = "/usr/bin/qemu-system-x86_64"\npaths = ["/usr/bin/qemu-system-x86_64"]\nparams = "a=1 b=2"\namp = "x@AMP@y"\nkeep = "@MISSING@"',
  );
  assert.deepEqual(f.unexpanded, ['@AMP@', '@MISSING@']);
  assert.deepEqual(res.links, [{ path: '/share/defaults/kata/configuration.toml', target: 'configuration-qemu.toml' }]);
});
