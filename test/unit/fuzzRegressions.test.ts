/**
 * Replays every input the fuzzer saved (test/fuzz/regressions/<hash>.toml) with the fuzzer's checks
 * (test/fuzz/check.ts): no request throws, every range lies inside the document, lists respect
 * their caps. Each file is checked as the file name and settings it failed with, and as a Go
 * config, a runtime-rs config, a drop-in and a template, with completion and hover at every
 * position of small files. Checks run in a worker thread, so an input that hangs fails here too;
 * an input that failed by being slow must also answer within the fuzzer's time limit again.
 */
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { decodeTomlBytes } from '../../server/src/toml';
import { replayPositions, type InputContext } from '../fuzz/check';
import { IsolatedChecker, loadRegressions, REGRESSIONS_DIR } from '../fuzz/regressions';

/** Generous: a fixed bug answers in milliseconds; this only turns a hang into a failure. */
const HANG_MS = 30_000;
/** The fuzzer's limit per input (`--time-limit`), enforced for the inputs that failed by being slow. */
const SLOW_MS = 2000;

const CONTEXTS: InputContext[] = [
  { uri: 'file:///tmp/fuzz/configuration-qemu.toml', settings: { hostChecks: false } },
  { uri: 'file:///tmp/fuzz/runtime-rs/configuration-dragonball.toml', settings: { hostChecks: true } },
  { uri: 'file:///tmp/fuzz/config.d/50-overrides.toml', settings: { hostChecks: 'auto', release: '3.2.0' } },
  { uri: 'file:///tmp/fuzz/configuration-clh.toml.in', settings: { arch: 's390x' } },
];

const regressions = loadRegressions();
const checker = new IsolatedChecker(HANG_MS);
after(() => checker.close());

describe('fuzz regressions', () => {
  test('the regressions folder is readable', () => {
    assert.ok(REGRESSIONS_DIR.endsWith('regressions'));
  });
  for (const r of regressions) {
    test(`${r.name}${r.note ? `: ${r.note.problems[0]?.split('\n')[0].slice(0, 100)}` : ''}`, { timeout: 4 * HANG_MS * (CONTEXTS.length + 1) }, async () => {
      const text = decodeTomlBytes(r.bytes).text;
      const positions = replayPositions(text);
      if (r.note?.problems.some((p) => p.startsWith('slow:'))) {
        // The input's own check, as the fuzzer timed it (once more when above the limit, as the fuzzer does).
        let result = await checker.check(r.bytes, r.note.context, r.note.positions, r.baseText);
        if (result.ms > SLOW_MS) result = await checker.check(r.bytes, r.note.context, r.note.positions, r.baseText);
        assert.ok(result.ms <= SLOW_MS, `${r.name} took ${Math.round(result.ms)} ms, over the fuzzer's ${SLOW_MS} ms per input`);
      }
      const contexts = r.note ? [r.note.context, ...CONTEXTS] : CONTEXTS;
      for (const context of contexts) {
        const extra = context === r.note?.context ? r.note.positions : [];
        const result = await checker.check(r.bytes, context, [...extra, ...positions], r.baseText);
        assert.deepEqual(result.problems, [], `${r.name} as ${context.uri} ${JSON.stringify(context.settings)}`);
      }
    });
  }
});
