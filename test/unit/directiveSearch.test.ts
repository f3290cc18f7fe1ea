/**
 * The searches that find `# kata-config:` directives and comments with a word (runtimeDetection.ts
 * readTargetDirective, toml/comments.ts commentsContaining) equal their plain definitions: a
 * multi-line regex over the text, a test of every comment.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readTargetDirective } from '../../server/src/kata/runtimeDetection';
import { commentsContaining, parseToml } from '../../server/src/toml';
import { indexOfWord } from '../../server/src/textSearch';

/** The definition: every line that is only `# kata-config: ...`. */
function directiveBodiesByRegex(text: string): string[] {
  return [...text.matchAll(/^[ \t]*#[ \t]*kata-config:[ \t]*(.*)$/gm)].map((m) => m[1]);
}

const PIECES = ['# kata-config: ', 'kata-config:', '#', ' ', '\t', '\n', '\r\n', '\r', '\u2028', 'release=3.20', 'runtime=rs', 'arch=arm64', 'runtime=xx', 'x = "kata-config: release=3.2"', '[hypervisor.qemu]', 'a = 1', '@FOO@', ' # kata-config: ignore', '##'];

function randomText(seed: number): string {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 8) / 2 ** 24;
  let out = '';
  for (let n = Math.floor(next() * 30); n > 0; n--) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

test('readTargetDirective finds what the multi-line regex finds, on 5 000 random texts', () => {
  for (let seed = 1; seed <= 5000; seed++) {
    const text = randomText(seed);
    const expected = readTargetDirective(directiveBodiesByRegex(text).map((b) => `# kata-config: ${b}`).join('\n'));
    assert.deepEqual(readTargetDirective(text), expected, JSON.stringify(text));
  }
  assert.equal(readTargetDirective('  #\tkata-config: release=3.20.0\n').release, '3.20.0');
  assert.equal(readTargetDirective('a = 1 # kata-config: release=3.20.0\n').release, undefined);
});

test('commentsContaining gives the comments whose text has the word, in order, on 5 000 random texts', () => {
  for (let seed = 1; seed <= 5000; seed++) {
    const doc = parseToml(randomText(seed));
    for (const word of ['kata-config:', '@', '#']) {
      assert.deepEqual(commentsContaining(doc, word), doc.tree.comments.filter((c) => c.text.includes(word)), `${word} in ${JSON.stringify(doc.text)}`);
    }
  }
});

test('indexOfWord equals indexOf for every start, on 2 000 random texts', () => {
  for (let seed = 1; seed <= 2000; seed++) {
    const text = randomText(seed);
    for (const word of ['kata-config:', 'g:', 'ig:', '#', 'kata-config: ', '\r\n#', 'zzz']) {
      for (let from = 0; from <= text.length; from += 1 + (seed % 7)) assert.equal(indexOfWord(text, word, from), text.indexOf(word, from), `${word} from ${from} in ${JSON.stringify(text)}`);
    }
  }
  assert.equal(indexOfWord('g:kata-config:', 'kata-config:'), 2);
});
