/**
 * Truncation at every position: what an editor holds while a config is typed from the top or a
 * paste is cut short. Each prefix of a few sample configs (byte by byte, so UTF-8 sequences are cut
 * too) goes through the fuzzer's checks: every request answers, every range lies inside the text,
 * completion and hover at the cut and at a few line starts.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver-types';
import { checkInput, lineLengths } from '../fuzz/check';
import { repoRoot } from '../support/shared';

const SAMPLES = ['samples/mistakes/configuration-qemu.toml', 'samples/runtime-rs/configuration-dragonball.toml'];

/** The cut (end of the text), the start of its line, and the start of the first and middle lines. */
function positions(text: string): Position[] {
  const lens = lineLengths(text);
  const last = lens.length - 1;
  return [{ line: last, character: lens[last] }, { line: last, character: 0 }, { line: 0, character: 0 }, { line: Math.floor(last / 2), character: 0 }];
}

for (const sample of SAMPLES) {
  test(`every prefix of ${sample} is answered, with every range inside it`, () => {
    // A multi-byte character near the top, so that some cuts fall inside a UTF-8 sequence.
    const bytes = Buffer.concat([Buffer.from('# Ünïcode — cut me\n'), fs.readFileSync(path.join(repoRoot, sample))]);
    const uri = `file:///tmp/kata/${sample.includes('runtime-rs') ? 'runtime-rs/' : ''}${path.basename(sample)}`;
    const failures: string[] = [];
    for (let cut = 0; cut <= bytes.length; cut++) {
      const prefix = bytes.subarray(0, cut);
      const text = prefix.toString('utf8');
      const result = checkInput(prefix, { uri, settings: { hostChecks: false } }, positions(text));
      if (result.problems.length) failures.push(`cut at byte ${cut}: ${result.problems.join('; ')}`);
    }
    assert.deepEqual(failures.slice(0, 5), []);
  });
}
