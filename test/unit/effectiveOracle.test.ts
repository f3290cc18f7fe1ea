/**
 * The effective configuration (server/src/kata/effective/model.ts) against Kata's own Go loader
 * (../shared/kata-oracle): for each oracle release, every pristine Go config and a seeded sample of
 * the parity mutation set (drop-ins included), every key's value compared with the field it sets in
 * Kata's loaded configuration (test/parity/effectiveCompare.ts). Fails on a disagreement no
 * KNOWN_EFFECTIVE_DIFFERENCES entry (test/parity/knownEffective.ts) explains, on a file Kata loads
 * that the model finds unreadable or refused, and on a known difference that explains nothing
 * (each names a witness mutation, added to the sample). `npm run parity -- --effective` runs the
 * whole mutation set.
 *
 * Skipped, with the reason, when ../shared/kata-oracle is absent or cannot run here (not root, no
 * unshare -m; for arm64, no qemu-user).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Arch, Release } from '../../server/src/kata/releases';
import { describeEffective, emptyTally, formatTally, runEffective, tallyEffective, type EffectiveTally } from '../parity/effectiveCompare';
import { loadFields } from '../parity/fields';
import { KNOWN_EFFECTIVE_DIFFERENCES } from '../parity/knownEffective';
import { allMutations, sampleMutations, type Mutation } from '../parity/mutate';
import { GoOracle } from '../parity/oracle';

/** The seed of the suite's sample (npm run parity -- --effective --count N --seed S draws others). */
const SEED = 29;

/**
 * Files per target, pristine configs and witnesses included: about 0.04 s a file through the
 * oracle's batch mode and 3 ms for the model on 2 cores (arm64 under qemu-user: about 2 s a file),
 * so the whole test stays under 2 minutes.
 */
const TARGETS: Array<{ release: Release; arch: Arch; count: number }> = [
  ...(['3.2.0', '3.10.0', '3.20.0', '3.32.0', '4.1.0'] as const).map((release) => ({ release, arch: 'x86_64' as const, count: 300 })),
  { release: '4.1.0', arch: 'aarch64', count: 4 },
];

/** The sample, plus the first witness mutation of each known difference that applies to the release. */
function sample(release: Release, arch: Arch, count: number): Mutation[] {
  if (arch !== 'x86_64') {
    // Under qemu-user only the plain qemu, clh and fc files and the first mutation of the sample.
    const all = sampleMutations(release, arch, count + 20, SEED);
    const plain = all.filter((m) => m.kind === 'pristine' && /^configuration-(qemu|clh|fc)\.toml$/.test(m.base.name));
    return [...plain, ...all.filter((m) => m.kind !== 'pristine')].slice(0, count);
  }
  const drawn = sampleMutations(release, arch, count, SEED);
  const ids = new Set(drawn.map((m) => m.id));
  const every = allMutations(release, arch);
  for (const k of KNOWN_EFFECTIVE_DIFFERENCES) {
    if (k.releases && !k.releases.includes(release)) continue;
    const w = every.find((m) => k.witness.test(m.id));
    if (w && !ids.has(w.id)) {
      drawn.push(w);
      ids.add(w.id);
    }
  }
  return drawn;
}

const oracle = new GoOracle();
const unavailable = oracle.available();
const fields = loadFields();

describe('effective configuration against Kata\'s Go loader (kata-oracle)', { skip: unavailable ? `skipped: ${unavailable}` : !fields ? 'skipped: test/parity/fields.json is missing (npm run parity -- --calibrate)' : false }, () => {
  const total: EffectiveTally = emptyTally();
  let x86Targets = 0;

  for (const t of TARGETS) {
    const why = unavailable ?? oracle.canJudge(t.release, t.arch);
    test(`${t.release} ${t.arch}: every key of ${t.arch === 'x86_64' ? 'every pristine config and a seeded sample' : 'the plain qemu, clh and fc configs and a mutation'} (${t.count} files, seed ${SEED})`, { skip: why ? `skipped: ${why}` : false, timeout: 600_000 }, async (ctx) => {
      const mutations = sample(t.release, t.arch, t.count);
      assert.ok(mutations.length > 0, `no shipped Go configs for ${t.release} ${t.arch}`);
      if (t.arch === 'x86_64') assert.ok(mutations.some((m) => m.kind === 'dropin'), 'the sample holds drop-in mutations');
      const results = await runEffective({ oracle, release: t.release, arch: t.arch, mutations, fields: fields! });
      assert.deepEqual(results.filter((r) => r.verdict.failure).map((r) => `${r.mutation.id}: ${r.verdict.failure}`), [], 'the oracle gave no verdict for some files');
      const tally = tallyEffective(emptyTally(), results);
      if (t.arch === 'x86_64') {
        tallyEffective(total, results);
        x86Targets++;
      }
      const pristine = mutations.filter((m) => m.kind === 'pristine').length;
      for (const line of formatTally(`${t.release} ${t.arch}: ${pristine} pristine files, ${mutations.length} files`, tally).split('\n')) ctx.diagnostic(line);
      assert.ok(tally.compared > 0, 'some values were compared');
      const mismatched = results.filter((r) => r.skipped && /model/.test(r.skipped)).map((r) => `${r.mutation.id}: ${r.skipped}`);
      assert.deepEqual(mismatched, [], 'files Kata loads that the effective model reads as unreadable or refused');
      assert.deepEqual(tally.open.map(describeEffective), [], 'effective values that differ from Kata\'s, unexplained by KNOWN_EFFECTIVE_DIFFERENCES');
    });
  }

  test('every known difference explains a value in the samples (witnesses included)', { skip: unavailable ? `skipped: ${unavailable}` : false }, (ctx) => {
    if (x86Targets < TARGETS.filter((t) => t.arch === 'x86_64').length) return ctx.skip('skipped: not every x86_64 release ran');
    for (const line of formatTally('all x86_64 releases', total, false).split('\n')) ctx.diagnostic(line);
    const unused = KNOWN_EFFECTIVE_DIFFERENCES.filter((k) => !total.known.get(k.id)).map((k) => k.id);
    assert.deepEqual(unused, [], 'known differences that match nothing: fix the condition or remove the entry');
  });
});
