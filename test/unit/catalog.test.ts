/**
 * The hypervisor catalog against the shipped corpus (every release, x86_64 and aarch64), the decoder
 * facts of keys-by-release.json and the arch files of the source excerpts, plus hand-written checks
 * for the arches the corpus lacks and for names and prose.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  HYPERVISORS,
  archesAt,
  defaultBuildArches,
  fileReleasesOn,
  filesFor,
  hypervisorByTable,
  hypervisorForFile,
  makefileArches,
  shipsOn,
  tablesFor,
} from '../../server/src/kata/catalog';
import { ARCHES, RELEASES, inRange, type Arch, type Release, type Runtime } from '../../server/src/kata/releases';
import { corpusFiles, sharedPath, skipUnlessShared } from '../support/shared';

const skipConfigs = skipUnlessShared('kata-configs');
const skipSource = skipUnlessShared('kata-source');

const HEADER = /^[ \t]*\[[ \t]*hypervisor[ \t]*\.[ \t]*([A-Za-z0-9_-]+)[ \t]*\]/m;

/** The corpus folders: which runtime and ARCH `make install-configs` was run for. */
const FOLDERS: ReadonlyArray<{ folder: string; runtime: Runtime; arch: Arch }> = [
  { folder: 'go', runtime: 'go', arch: 'x86_64' },
  { folder: 'go-arm64', runtime: 'go', arch: 'aarch64' },
  { folder: 'rs', runtime: 'rs', arch: 'x86_64' },
  { folder: 'rs-arm64', runtime: 'rs', arch: 'aarch64' },
];

function folderOf(folder: string): { runtime: Runtime; arch: Arch } {
  const f = FOLDERS.find((x) => x.folder === folder);
  assert.ok(f, `unknown corpus folder ${folder}`);
  return f;
}

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

test('every release and folder of the corpus holds exactly the files the catalog lists', { skip: skipConfigs }, () => {
  const problems: string[] = [];
  for (const release of RELEASES) {
    for (const { folder, runtime, arch } of FOLDERS) {
      const dir = sharedPath('kata-configs', release, folder);
      assert.ok(fs.existsSync(dir), `${dir} is missing: the corpus should cover all ${RELEASES.length} releases`);
      const corpus = sorted(fs.readdirSync(dir).filter((f) => f.endsWith('.toml')));
      const catalog = sorted(filesFor(runtime, release, arch).map((m) => m.file.file));
      for (const f of corpus) if (!catalog.includes(f)) problems.push(`${release}/${folder}/${f}: shipped, but the catalog does not list it`);
      for (const f of catalog) if (!corpus.includes(f)) problems.push(`${release}/${folder}/${f}: listed by the catalog, but not shipped`);
    }
  }
  assert.deepEqual(problems, []);
});

test('every corpus file maps to its runtime and table, which that release and arch loads', { skip: skipConfigs }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 1000, `only ${files.length} corpus files`);
  for (const f of files) {
    const where = `${f.release}/${f.folder}/${f.file}`;
    const { runtime, arch } = folderOf(f.folder);
    assert.ok((RELEASES as readonly string[]).includes(f.release), where);
    const release = f.release as Release;
    const text = fs.readFileSync(f.path, 'utf8');
    const header = HEADER.exec(text);
    assert.ok(header, `${where}: no [hypervisor.<name>] table`);
    const hit = hypervisorForFile(f.file, text);
    assert.ok(hit, `${where}: not in the catalog`);
    assert.equal(hit.runtime, runtime, where);
    assert.ok(shipsOn(runtime, hit.file, release, arch), `${where}: outside ${JSON.stringify(fileReleasesOn(hit.file, arch))}`);
    const table = filesFor(runtime, release, arch).find((m) => m.file === hit.file)?.table;
    assert.equal(table, header[1], `${where}: table`);
    assert.equal(hit.table, header[1], where);
    assert.ok(tablesFor(runtime, release, arch).includes(hit.table), `${where}: [hypervisor.${hit.table}] not loadable on ${arch}`);
    assert.equal(hypervisorByTable(header[1], runtime), hit.info, where);
    if (runtime === 'go') assert.equal(hit.file.kataManagerName, f.file.replace(/^configuration-/, '').replace(/\.toml$/, ''), where);
    else assert.equal(hit.file.kataManagerName, undefined, where);
  }
});

interface DecoderFacts {
  releases: Record<string, { go: { hypervisor_names: string[] }; rs: { hypervisor_names: string[] } }>;
}

function decoderFacts(): DecoderFacts {
  return JSON.parse(fs.readFileSync(sharedPath('kata-source', 'keys-by-release.json'), 'utf8')) as DecoderFacts;
}

test('Go table names per release equal the names config.go accepts, on every arch its Makefile knows', { skip: skipSource }, () => {
  const facts = decoderFacts();
  for (const release of RELEASES) {
    const entry = facts.releases[release];
    assert.ok(entry, `keys-by-release.json has no ${release}`);
    const expected = sorted(entry.go.hypervisor_names);
    assert.deepEqual(sorted(tablesFor('go', release)), expected, `go ${release}`);
    assert.deepEqual(sorted(tablesFor('go', release, undefined, { includeNonDefault: true })), expected, `go ${release} (non-default)`);
    for (const arch of ARCHES) {
      const known = makefileArches('go', release).includes(arch);
      assert.deepEqual(sorted(tablesFor('go', release, arch)), known ? expected : [], `go ${release} ${arch}`);
    }
  }
});

test('runtime-rs tables over all arches and build options equal the HYPERVISOR_NAME_* constants', { skip: skipSource }, () => {
  const facts = decoderFacts();
  for (const release of RELEASES) {
    const names = facts.releases[release]?.rs?.hypervisor_names;
    assert.ok(names, `keys-by-release.json has no runtime-rs names for ${release}`);
    assert.deepEqual(sorted(tablesFor('rs', release, undefined, { includeNonDefault: true })), sorted(names), `rs ${release}`);
  }
});

test('the arches each runtime knows per release are the arch files of that release', { skip: skipSource }, () => {
  const byFile: Record<Runtime, Record<string, Arch>> = {
    go: { amd64: 'x86_64', arm64: 'aarch64', ppc64le: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' },
    rs: { x86_64: 'x86_64', aarch64: 'aarch64', powerpc64le: 'ppc64le', s390x: 's390x', riscv64gc: 'riscv64' },
  };
  for (const release of RELEASES) {
    for (const runtime of ['go', 'rs'] as const) {
      const dir = sharedPath('kata-source', release, 'src', runtime === 'go' ? 'runtime' : 'runtime-rs', 'arch');
      const found: Arch[] = [];
      for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('-options.mk'))) {
        const arch = byFile[runtime][path.basename(f, '-options.mk')];
        assert.ok(arch, `${dir}/${f}: an arch file kata-config does not know`);
        found.push(arch);
      }
      assert.deepEqual(sorted(makefileArches(runtime, release)), sorted(found), `${runtime} ${release}`);
    }
  }
});

/** Every (runtime, release, arch, file) that is installed although that build has no plugin for its table. */
function shippedButNotLoadable(): string[] {
  const out: string[] = [];
  for (const runtime of ['go', 'rs'] as const) {
    for (const release of RELEASES) {
      for (const arch of ARCHES) {
        const tables = tablesFor(runtime, release, arch);
        for (const m of filesFor(runtime, release, arch)) if (!tables.includes(m.table)) out.push(`${runtime} ${release} ${arch} ${m.file.file}`);
      }
    }
  }
  return out;
}

test('installed files whose table the build cannot load are exactly the known upstream leftovers', () => {
  // DBCMD stays in the s390x arch file in 3.3.0 and in the ppc64le one up to 3.28.0, after the
  // Dragonball plugin left those builds (3.3.0 for s390x, 3.15.0 for ppc64le).
  const expected = ['rs 3.3.0 s390x configuration-dragonball.toml'];
  for (const r of RELEASES) if (inRange(r, { since: '3.15.0', until: '3.28.0' })) expected.push(`rs ${r} ppc64le configuration-dragonball.toml`);
  assert.deepEqual(sorted(shippedButNotLoadable()), sorted(expected));
});

test('files per arch where the corpus has no folder (ppc64le, s390x, riscv64), from the Makefiles', () => {
  const names = (runtime: Runtime, release: Release, arch: Arch) =>
    sorted(filesFor(runtime, release, arch).map((m) => m.file.file.replace(/^configuration-/, '').replace(/\.toml$/, '')));
  const goQemu41 = ['qemu', 'qemu-coco-dev', 'qemu-nvidia-cpu', 'qemu-nvidia-gpu', 'qemu-nvidia-gpu-snp', 'qemu-nvidia-gpu-tdx', 'qemu-se', 'qemu-snp', 'qemu-tdx', 'remote'];
  for (const arch of ['ppc64le', 's390x', 'riscv64'] as const) assert.deepEqual(names('go', '4.1.0', arch), sorted(goQemu41), `go 4.1.0 ${arch}`);
  assert.deepEqual(names('go', '3.2.0', 's390x'), sorted(['qemu', 'qemu-nvidia-gpu', 'qemu-sev', 'qemu-snp', 'qemu-tdx']));
  assert.deepEqual(names('go', '3.15.0', 'riscv64'), []);
  assert.deepEqual(names('go', '3.16.0', 'riscv64'), names('go', '3.16.0', 'ppc64le'));
  assert.ok(names('go', '3.32.0', 'ppc64le').includes('qemu-cca'));
  assert.deepEqual(names('rs', '3.2.0', 's390x'), ['dragonball']);
  assert.deepEqual(names('rs', '3.3.0', 's390x'), ['dragonball', 'qemu']);
  assert.deepEqual(names('rs', '3.4.0', 's390x'), ['qemu-runtime-rs']);
  assert.deepEqual(names('rs', '3.14.0', 'riscv64'), []);
  assert.deepEqual(names('rs', '3.15.0', 'riscv64'), ['qemu-runtime-rs', 'qemu-se-runtime-rs']);
  assert.deepEqual(names('rs', '3.28.0', 'ppc64le'), ['dragonball', 'qemu-coco-dev-runtime-rs', 'qemu-runtime-rs', 'qemu-se-runtime-rs', 'qemu-snp-runtime-rs', 'qemu-tdx-runtime-rs']);
  assert.ok(!names('rs', '3.29.0', 'ppc64le').includes('dragonball'));
  const rsQemu40 = ['qemu-coco-dev-runtime-rs', 'qemu-nvidia-cpu-runtime-rs', 'qemu-nvidia-gpu-runtime-rs', 'qemu-runtime-rs', 'qemu-se-runtime-rs', 'qemu-snp-runtime-rs', 'qemu-tdx-runtime-rs'];
  for (const arch of ['ppc64le', 's390x', 'riscv64'] as const) {
    assert.deepEqual(names('rs', '4.0.0', arch), rsQemu40, `rs 4.0.0 ${arch}`);
    assert.deepEqual(names('rs', '4.1.0', arch), rsQemu40.filter((n) => !n.includes('nvidia')), `rs 4.1.0 ${arch}`);
  }
});

test('runtime-rs plugins per arch follow the cfg gates and the Makefile features of each tag', () => {
  const t = (release: Release, arch: Arch, nonDefault = false) => sorted(tablesFor('rs', release, arch, { includeNonDefault: nonDefault }));
  assert.deepEqual(t('3.2.0', 's390x'), ['dragonball', 'qemu']);
  assert.deepEqual(t('3.2.0', 's390x', true), ['cloud-hypervisor', 'dragonball', 'qemu']);
  assert.deepEqual(t('3.2.0', 'riscv64'), []);
  assert.deepEqual(t('3.3.0', 's390x'), ['qemu']);
  assert.deepEqual(t('3.3.0', 'ppc64le'), ['cloud-hypervisor', 'dragonball', 'qemu']);
  assert.deepEqual(t('3.7.0', 'aarch64'), ['cloud-hypervisor', 'dragonball', 'firecracker', 'qemu']);
  assert.deepEqual(t('3.14.0', 'ppc64le'), ['cloud-hypervisor', 'dragonball', 'firecracker', 'qemu', 'remote']);
  assert.deepEqual(t('3.14.0', 's390x'), ['qemu', 'remote']);
  assert.deepEqual(t('3.14.0', 'riscv64'), []);
  assert.deepEqual(t('3.15.0', 'ppc64le'), ['firecracker', 'qemu', 'remote']);
  assert.deepEqual(t('3.20.0', 's390x'), ['firecracker', 'qemu', 'remote']);
  assert.deepEqual(t('3.20.0', 'riscv64'), ['firecracker', 'qemu', 'remote']);
  assert.deepEqual(t('3.29.0', 'x86_64'), ['cloud-hypervisor', 'dragonball', 'firecracker', 'qemu', 'remote']);
  assert.deepEqual(t('3.30.0', 'x86_64'), ['clh', 'dragonball', 'firecracker', 'qemu', 'remote']);
  assert.deepEqual(t('3.30.0', 's390x'), ['qemu', 'remote']);
  assert.deepEqual(t('4.1.0', 'aarch64'), ['clh', 'dragonball', 'firecracker', 'openvmm', 'qemu', 'remote']);
  assert.deepEqual(t('4.1.0', 'ppc64le'), ['qemu', 'remote']);
  assert.deepEqual(defaultBuildArches('rs', '3.2.0'), ['x86_64', 'aarch64']);
  assert.deepEqual(defaultBuildArches('rs', '3.28.0'), ['x86_64', 'aarch64', 's390x', 'riscv64']);
  assert.deepEqual(defaultBuildArches('rs', '3.29.0'), [...ARCHES]);
  assert.deepEqual(defaultBuildArches('go', '3.15.0'), ['x86_64', 'aarch64', 'ppc64le', 's390x']);
});

test('shippedArches are the arches that get a file in the newest release of each support range', () => {
  for (const h of HYPERVISORS) {
    for (const [runtime, s] of Object.entries(h.runtimes) as Array<[Runtime, NonNullable<(typeof h.runtimes)[Runtime]>]>) {
      const inSupport = RELEASES.filter((r) => inRange(r, s.releases));
      const newest = inSupport[inSupport.length - 1];
      const shipping = ARCHES.filter((a) => s.files.some((f) => shipsOn(runtime, f, newest, a)));
      assert.deepEqual(s.shippedArches ?? [], shipping, `${h.id} ${runtime}`);
      for (const f of s.files) {
        assert.ok(RELEASES.some((r) => shipsOn(runtime, f, r, 'x86_64')), `${f.file}: never shipped on x86_64`);
        for (const a of ARCHES) {
          const range = fileReleasesOn(f, a);
          for (const end of range ? [range.since, range.until] : []) {
            if (end) assert.ok(inRange(end, s.releases), `${f.file} on ${a}: ${end} outside the runtime range`);
          }
        }
      }
      for (const r of inSupport) assert.ok(archesAt(s, r, runtime).every((a) => makefileArches(runtime, r).includes(a)), `${h.id} ${runtime} ${r}`);
    }
  }
});

test('hypervisorForFile works from the name alone', () => {
  const check = (name: string, id: string, runtime: Runtime): void => {
    const hit = hypervisorForFile(name);
    assert.ok(hit, name);
    assert.equal(hit.info.id, id, name);
    assert.equal(hit.runtime, runtime, name);
  };
  check('configuration-fc.toml', 'firecracker', 'go');
  check('configuration-rs-fc.toml', 'firecracker', 'rs');
  check('configuration-qemu-tdx-runtime-rs.toml', 'qemu', 'rs');
  check('configuration-qemu-tdx.toml.in', 'qemu', 'go');
  check('configuration-acrn.toml', 'acrn', 'go');
  check('configuration-dragonball.toml', 'dragonball', 'rs');
  check('configuration-openvmm-azure-runtime-rs.toml.in', 'openvmm', 'rs');
  check('/opt/kata/share/defaults/kata-containers/configuration-clh.toml', 'clh', 'go');
  check('configuration-remote.toml', 'remote', 'go');
  check('/opt/kata/share/defaults/kata-containers/runtime-rs/configuration-remote.toml', 'remote', 'rs');
  check('configuration-remote.toml.in', 'remote', 'go');
  // runtime-rs 3.3.0 installed its QEMU file under the Go file's name.
  check('configuration-qemu.toml', 'qemu', 'go');
  check('/opt/kata/share/defaults/kata-containers/runtime-rs/configuration-qemu.toml', 'qemu', 'rs');
  assert.equal(hypervisorForFile('configuration-cloud-hypervisor.toml')?.table, 'cloud-hypervisor');
  assert.equal(hypervisorForFile('configuration-clh-runtime-rs.toml')?.table, 'clh');
  assert.equal(hypervisorForFile('configuration.toml'), undefined);
  assert.equal(hypervisorForFile('Cargo.toml'), undefined);
});

test('hypervisorByTable maps both Cloud Hypervisor spellings and respects the runtime', () => {
  assert.equal(hypervisorByTable('clh')?.id, 'clh');
  assert.equal(hypervisorByTable('cloud-hypervisor')?.id, 'clh');
  assert.equal(hypervisorByTable('cloud-hypervisor', 'rs')?.id, 'clh');
  assert.equal(hypervisorByTable('cloud-hypervisor', 'go'), undefined);
  assert.equal(hypervisorByTable('firecracker')?.id, 'firecracker');
  assert.equal(hypervisorByTable('fc'), undefined);
  assert.equal(hypervisorByTable('stratovirt', 'rs'), undefined);
  assert.equal(hypervisorByTable('openvmm', 'go'), undefined);
  assert.equal(hypervisorByTable('"qemu"')?.id, 'qemu');
});

test('tablesFor follows the per-release table names of each runtime', () => {
  assert.ok(tablesFor('rs', '3.29.0').includes('cloud-hypervisor'));
  assert.ok(!tablesFor('rs', '3.29.0').includes('clh'));
  assert.ok(tablesFor('rs', '3.30.0').includes('clh'));
  assert.ok(!tablesFor('rs', '3.30.0').includes('cloud-hypervisor'));
  assert.ok(tablesFor('go', '3.9.0').includes('acrn'));
  assert.ok(!tablesFor('go', '3.10.0').includes('acrn'));
  assert.deepEqual(sorted(tablesFor('go', '3.2.0')), ['acrn', 'clh', 'dragonball', 'firecracker', 'qemu']);
  assert.deepEqual(sorted(tablesFor('go', '3.3.0', 'x86_64')), ['acrn', 'clh', 'dragonball', 'firecracker', 'qemu', 'remote', 'stratovirt']);
  assert.deepEqual(sorted(tablesFor('go', '4.1.0', 's390x')), ['clh', 'dragonball', 'firecracker', 'qemu', 'remote', 'stratovirt']);
  assert.deepEqual(sorted(tablesFor('rs', '3.2.0')), ['dragonball', 'qemu']);
  assert.deepEqual(sorted(tablesFor('rs', '3.2.0', undefined, { includeNonDefault: true })), ['cloud-hypervisor', 'dragonball', 'qemu']);
  assert.ok(!tablesFor('rs', '3.6.0').includes('firecracker'));
  assert.ok(tablesFor('rs', '3.7.0', 'x86_64').includes('firecracker'));
  assert.ok(!tablesFor('rs', '3.10.1').includes('remote'));
  assert.ok(tablesFor('rs', '3.11.0', 'x86_64').includes('remote'));
  assert.ok(tablesFor('rs', '4.1.0', 'x86_64').includes('openvmm'));
  assert.ok(!tablesFor('rs', '4.0.0').includes('openvmm'));
  assert.ok(!tablesFor('rs', '4.1.0').includes('stratovirt'));
});

test('every hypervisor has prose and consistent runtime entries', () => {
  const ids = new Set<string>();
  for (const h of HYPERVISORS) {
    assert.ok(!ids.has(h.id), `duplicate ${h.id}`);
    ids.add(h.id);
    assert.ok(h.displayName.trim(), h.id);
    assert.ok(h.summary.trim().length > 20, h.id);
    for (const list of [h.strengths, h.limitations, h.useCases]) {
      assert.ok(list.length >= 1 && list.length <= 5, h.id);
      for (const item of list) assert.ok(item.trim(), h.id);
    }
    if (h.website) assert.match(h.website, /^https:\/\//);
    const runtimes = Object.values(h.runtimes);
    assert.ok(runtimes.length > 0, h.id);
    for (const s of runtimes) {
      assert.ok(s.arches.length > 0, h.id);
      for (const file of s.files) assert.match(file.file, /^configuration-[a-z0-9-]+\.toml$/, h.id);
    }
  }
  assert.deepEqual([...ids].sort(), ['acrn', 'clh', 'dragonball', 'firecracker', 'openvmm', 'qemu', 'remote', 'stratovirt']);
});
