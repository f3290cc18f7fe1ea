/**
 * The hand-written catalog (server/src/kata/catalog.ts) against the generated shipped facts
 * (server/src/kata/facts/shipped-*.json, extracted from Kata's Makefiles for every release and
 * arch): installed file names, the releases each is installed in per arch (`releases` is the x86_64
 * install, `shipsOn` every arch), their `[hypervisor.<name>]` tables, the arches each hypervisor's
 * files are generated for, and the arches each Makefile installs anything for.
 * Every mismatch is listed in one failure message.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { HYPERVISORS, makefileArches, shipsOn, tableAt, type HypervisorRuntimeSupport } from '../../server/src/kata/catalog';
import { shippedFiles } from '../../server/src/kata/facts/shipped';
import { ARCHES, ReleaseSet, RELEASES, type Release, type Runtime } from '../../server/src/kata/releases';

const RUNTIMES: Runtime[] = ['go', 'rs'];

function spec(set: ReleaseSet): string {
  if (set.isEmpty) return '(none)';
  return set.isAll ? '(all)' : set.toString();
}

function shippedArchesAt(runtime: Runtime, files: string[], release: Release): string[] {
  const out = new Set<string>();
  for (const f of shippedFiles(runtime)) {
    if (!files.includes(f.name)) continue;
    for (const [arch, s] of Object.entries(f.arches)) if (s !== undefined && ReleaseSet.parse(s).has(release)) out.add(arch);
  }
  return [...out];
}

/** Every difference between the catalog and the generated facts, one line each. */
function mismatches(): string[] {
  const out: string[] = [];
  for (const runtime of RUNTIMES) {
    const generated = new Map(shippedFiles(runtime).map((f) => [f.name, f]));
    const catalogued = new Map<string, { support: HypervisorRuntimeSupport; id: string }>();
    for (const info of HYPERVISORS) {
      const support = info.runtimes[runtime];
      if (!support) continue;
      for (const file of support.files) {
        catalogued.set(file.file, { support, id: info.id });
        const g = generated.get(file.file);
        const catalogRange = ReleaseSet.range(file.releases);
        if (!g) {
          out.push(`${runtime} ${file.file}: in the catalog (${spec(catalogRange)}) but never installed by the Makefiles`);
          continue;
        }
        const x86 = g.arches.x86_64 === undefined ? ReleaseSet.NONE : ReleaseSet.parse(g.arches.x86_64);
        if (!catalogRange.equals(x86)) out.push(`${runtime} ${file.file}: catalog range ${spec(catalogRange)}, generated x86_64 ${spec(x86)}`);
        for (const arch of ARCHES) {
          const catalogOn = ReleaseSet.of(RELEASES.filter((r) => shipsOn(runtime, file, r, arch)));
          const spec_ = g.arches[arch];
          const generatedOn = spec_ === undefined ? ReleaseSet.NONE : ReleaseSet.parse(spec_);
          if (!catalogOn.equals(generatedOn)) out.push(`${runtime} ${file.file} on ${arch}: catalog (shipsOn) ${spec(catalogOn)}, generated ${spec(generatedOn)}`);
        }
        // The table the file holds, per release it is installed (on any arch).
        for (const h of g.hypervisor) {
          for (const release of ReleaseSet.parse(h.releases).list()) {
            const expected = file.table ?? tableAt(support, release);
            if (expected !== h.table) {
              out.push(`${runtime} ${file.file}: catalog table ${expected} at ${release}, generated ${h.table} (${h.releases})`);
              break;
            }
          }
        }
      }
      // Arches the hypervisor's files are generated for, at the newest release that ships any of them.
      const names = support.files.map((f) => f.file);
      const newest = [...RELEASES].reverse().find((r) => shippedArchesAt(runtime, names, r).length);
      if (newest && support.shippedArches) {
        const got = shippedArchesAt(runtime, names, newest).sort();
        const want = [...support.shippedArches].sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          out.push(`${runtime} ${info.id}: catalog shippedArches [${want.join(', ')}], generated at ${newest} [${got.join(', ')}]`);
        }
      } else if (newest && !support.shippedArches) {
        out.push(`${runtime} ${info.id}: catalog has no shippedArches, generated at ${newest} [${shippedArchesAt(runtime, names, newest).sort().join(', ')}]`);
      }
    }
    // The arches a Makefile installs anything for, per release.
    for (const release of RELEASES) {
      const any = new Set<string>();
      for (const g of generated.values()) for (const [arch, s] of Object.entries(g.arches)) if (s !== undefined && ReleaseSet.parse(s).has(release)) any.add(arch);
      const got = ARCHES.filter((a) => any.has(a));
      const want = makefileArches(runtime, release);
      if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${runtime} ${release}: catalog makefileArches [${want.join(', ')}], generated installs for [${got.join(', ')}]`);
    }
    for (const [name, g] of generated) {
      if (catalogued.has(name)) continue;
      const arches = Object.entries(g.arches)
        .map(([a, s]) => `${a} ${s}`)
        .join(', ');
      out.push(`${runtime} ${name}: installed by the Makefiles (${arches}; table ${g.hypervisor.map((h) => h.table).join('/')}) but not in the catalog`);
    }
  }
  return out;
}

test('the catalog lists the installed config files with the release ranges, tables and arches the Makefiles give', () => {
  const found = mismatches();
  assert.deepEqual(found, [], `${found.length} catalog mismatches:\n${found.join('\n')}`);
});
