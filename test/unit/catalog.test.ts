/** The hypervisor catalog against the shipped corpus, plus table-name and prose checks. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import {
  HYPERVISORS,
  filesFor,
  hypervisorByTable,
  hypervisorForFile,
  tablesFor,
} from '../../server/src/kata/catalog';
import { RELEASES, inRange, type Release, type Runtime } from '../../server/src/kata/releases';
import { corpusFiles, skipUnlessShared } from '../support/shared';

const skip = skipUnlessShared('kata-configs');

const HEADER = /^[ \t]*\[[ \t]*hypervisor[ \t]*\.[ \t]*([A-Za-z0-9_-]+)[ \t]*\]/m;

function folderRuntime(folder: string): Runtime {
  return folder === 'rs' ? 'rs' : 'go';
}

test('every corpus file is in the catalog with its runtime, table and release range', { skip }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 90);
  for (const f of files) {
    const where = `${f.release}/${f.folder}/${f.file}`;
    const text = fs.readFileSync(f.path, 'utf8');
    const header = HEADER.exec(text);
    assert.ok(header, `${where}: no [hypervisor.<name>] table`);
    const hit = hypervisorForFile(f.file, text);
    assert.ok(hit, `${where}: not in the catalog`);
    assert.equal(hit.runtime, folderRuntime(f.folder), where);
    assert.equal(hit.table, header[1], where);
    assert.ok((RELEASES as readonly string[]).includes(f.release), where);
    const release = f.release as Release;
    assert.ok(inRange(release, hit.file.releases), `${where}: outside ${JSON.stringify(hit.file.releases)}`);
    assert.ok(tablesFor(hit.runtime, release, 'x86_64').includes(hit.table), `${where}: table not loadable`);
    assert.equal(hypervisorByTable(header[1], hit.runtime), hit.info, where);
    if (hit.runtime === 'go') assert.equal(hit.file.kataManagerName, f.file.replace(/^configuration-/, '').replace(/\.toml$/, ''), where);
    else assert.equal(hit.file.kataManagerName, undefined, where);
  }
});

test('the catalog lists no file that the corpus lacks at a release inside its range', { skip }, () => {
  const present = new Set(corpusFiles().map((f) => `${f.release}/${folderRuntime(f.folder)}/${f.file}`));
  for (const release of RELEASES) {
    for (const runtime of ['go', 'rs'] as const) {
      for (const m of filesFor(runtime, release)) {
        assert.ok(present.has(`${release}/${runtime}/${m.file.file}`), `${release}/${runtime}/${m.file.file} is not in the corpus`);
      }
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
  assert.ok(tablesFor('rs', '3.20.0').includes('cloud-hypervisor'));
  assert.ok(!tablesFor('rs', '3.20.0').includes('clh'));
  assert.ok(tablesFor('rs', '4.1.0').includes('clh'));
  assert.ok(!tablesFor('rs', '4.1.0').includes('cloud-hypervisor'));
  assert.ok(tablesFor('go', '3.2.0').includes('acrn'));
  assert.ok(!tablesFor('go', '3.10.0').includes('acrn'));
  assert.deepEqual([...tablesFor('rs', '4.1.0', 's390x')].sort(), ['qemu', 'remote']);
  assert.deepEqual([...tablesFor('go', '3.2.0')].sort(), ['acrn', 'clh', 'dragonball', 'firecracker', 'qemu']);
  assert.deepEqual([...tablesFor('go', '4.1.0', 's390x')].sort(), ['clh', 'dragonball', 'firecracker', 'qemu', 'remote', 'stratovirt']);
  assert.deepEqual([...tablesFor('rs', '3.2.0')].sort(), ['dragonball', 'qemu']);
  assert.deepEqual([...tablesFor('rs', '3.2.0', undefined, { includeNonDefault: true })].sort(), ['cloud-hypervisor', 'dragonball', 'qemu']);
  assert.ok(tablesFor('rs', '4.1.0', 'x86_64').includes('openvmm'));
  assert.ok(!tablesFor('rs', '3.32.0').includes('openvmm'));
  assert.ok(!tablesFor('rs', '3.10.0').includes('remote'));
  assert.ok(tablesFor('go', '3.10.0').includes('remote'));
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
      for (const file of s.files) {
        assert.match(file.file, /^configuration-[a-z0-9-]+\.toml$/, h.id);
        for (const end of [file.releases.since, file.releases.until]) {
          if (end) assert.ok(inRange(end, s.releases), `${file.file}: ${end} outside the runtime range`);
        }
      }
    }
  }
  assert.deepEqual([...ids].sort(), ['acrn', 'clh', 'dragonball', 'firecracker', 'openvmm', 'qemu', 'remote', 'stratovirt']);
});
