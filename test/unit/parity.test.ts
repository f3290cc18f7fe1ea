/**
 * The differential test: kata-config against Kata's own Go loader (../shared/kata-oracle), for each
 * release the oracle has. Each run lints every pristine Go config of the release plus a seeded
 * sample of mutations (test/parity/mutate.ts), loads the same files with Kata, and compares per
 * file: our errors ⇔ Kata's load or start error (and the phase our message names), our "Kata
 * ignores it" warnings ⇔ the keys Kata leaves undecoded, our "Kata uses X instead" ⇔ Kata's
 * effective value. A disagreement fails the test unless KNOWN_DIFFERENCES (test/parity/known.ts)
 * explains it. `npm run parity` runs the same comparison at any size.
 *
 * Skipped, with the reason, when ../shared/kata-oracle is absent or cannot run here (not root, no
 * unshare -m, no qemu-user for arm64). No runtime-rs oracle exists (its crates cannot be built
 * here): test/parity/oracle.ts's ParityOracle is the interface one would implement.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Arch, Release } from '../../server/src/kata/releases';
import { loadFields } from '../parity/fields';
import { KNOWN_DIFFERENCES } from '../parity/known';
import { sampleMutations } from '../parity/mutate';
import { GoOracle } from '../parity/oracle';
import { describe as describeItem, explain, summarize, table } from '../parity/report';
import { runParity } from '../parity/run';

export { KNOWN_DIFFERENCES };

/** The seed of the suite's sample (npm run parity -- --seed S draws others). */
const SEED = 13;

/**
 * Files per target, pristine configs included. Through the oracle (batch mode: one fake root per
 * group of files naming the same paths) a file costs about 0.08 s on 2 cores, under qemu-user
 * (arm64) about 0.7 s, so the whole test stays under 3 minutes.
 */
const TARGETS: Array<{ release: Release; arch: Arch; count: number }> = [
  { release: '3.2.0', arch: 'x86_64', count: 360 },
  { release: '3.10.0', arch: 'x86_64', count: 360 },
  { release: '3.20.0', arch: 'x86_64', count: 360 },
  { release: '3.32.0', arch: 'x86_64', count: 360 },
  { release: '4.1.0', arch: 'x86_64', count: 360 },
  { release: '4.1.0', arch: 'aarch64', count: 6 },
];

const oracle = new GoOracle();
const unavailable = oracle.available();

describe('differential test against Kata\'s Go loader (kata-oracle)', { skip: unavailable ? `skipped: ${unavailable}` : false }, () => {
  const fields = loadFields();

  for (const t of TARGETS) {
    const why = unavailable ?? oracle.canJudge(t.release, t.arch);
    const title = t.arch === 'x86_64' ? `every pristine config and seeded mutations, ${t.count} files (seed ${SEED})` : `the plain qemu, clh and fc configs and a few mutations, ${t.count} files under qemu-user (seed ${SEED})`;
    test(`${t.release} ${t.arch}: ${title}`, { skip: why ? `skipped: ${why}` : false, timeout: 600_000 }, async (ctx) => {
      // Under qemu-user (2 s a file) only a handful: the plain qemu, clh and fc files and the first mutations of the sample.
      const mutations =
        t.arch === 'x86_64'
          ? sampleMutations(t.release, t.arch, t.count, SEED)
          : (() => {
              const all = sampleMutations(t.release, t.arch, t.count + 20, SEED);
              const plain = all.filter((m) => m.kind === 'pristine' && /^configuration-(qemu|clh|fc)\.toml$/.test(m.base.name));
              return [...plain, ...all.filter((m) => m.kind !== 'pristine')].slice(0, t.count);
            })();
      assert.ok(mutations.length > 0, `no shipped Go configs for ${t.release} ${t.arch}`);
      const results = await runParity({ oracle, release: t.release, arch: t.arch, mutations, fields });
      const noVerdict = results.filter((r) => r.verdict.failure);
      assert.deepEqual(noVerdict.map((r) => `${r.mutation.id}: ${r.verdict.failure}`), [], 'the oracle gave no verdict for some files');
      const open = explain(results, KNOWN_DIFFERENCES);
      const s = summarize(results);
      for (const line of table(`${t.release} ${t.arch}: ${s.files} files compared`, s.byCategory as Map<string, never>).split('\n')) ctx.diagnostic(line);
      assert.deepEqual(open.map((d) => describeItem(d.result, d.item)), [], 'disagreements with Kata that KNOWN_DIFFERENCES does not explain');
    });
  }
});
