import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Rng } from '../fuzz/mutate';
import { fakeHost } from '../fuzz/check';
import { checkIncrementalParse, checkIncrementalService, randomEdit } from '../support/incremental';
import { corpusFiles, skipUnlessShared } from '../support/shared';
import { parseSyntax } from '../../server/src/toml/parser';
import { reparse, textChange, type ReparseStats } from '../../server/src/toml/incremental';

/** Texts whose statements change extent when edited: unterminated strings, unclosed arrays, CRLF, a BOM, deep nesting. */
const TRICKY = [
  'a = """\nb = 1\n[t]\nc = [\n1,\n',
  '\ufeffx = 1\r\n[a]\r\ny = [1,\n2]\n',
  'k = [[[[\n[t]\nz = 1\n',
  "s = '''\n[x]\n'''\n[y]\nq = { a = 1, b = [\n",
  '[a]\nb = 1 c = 2\n\r[[d]]\ne = "\\u00e9\n',
  `v = ${'['.repeat(140)}\n[after]\nw = 1\n`,
];

function sequences(seeds: string[], count: number, length: number, seed: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    const r = new Rng(seed, i);
    let text = seeds[i % seeds.length];
    const texts = [text];
    for (let k = 0; k < length; k++) texts.push((text = randomEdit(text, r)));
    out.push(texts);
  }
  return out;
}

test('textChange finds the one changed range, and applying it gives the new text', () => {
  const r = new Rng(3, 0);
  let text = 'x'.repeat(600) + '\n[a]\nb = 1\n' + 'y'.repeat(700);
  for (let i = 0; i < 500; i++) {
    const next = randomEdit(text, r);
    const change = textChange(text, next);
    if (next === text) assert.equal(change, undefined);
    else {
      assert.ok(change);
      assert.equal(text.slice(0, change.start) + next.slice(change.start, change.start + change.newLength) + text.slice(change.oldEnd), next);
      assert.equal(text.length - (change.oldEnd - change.start) + change.newLength, next.length);
    }
    text = next;
  }
});

test('textChange keeps the longest common prefix and suffix, on texts up to 3 MB (chunks of every size)', () => {
  const r = new Rng(5, 0);
  const base = 'ab\n'.repeat(1_000_000);
  for (let i = 0; i < 200; i++) {
    const before = base.slice(0, r.int(base.length));
    const start = r.int(before.length + 1);
    const removed = r.int(Math.min(4, before.length - start) + 1);
    const inserted = ['', 'x', 'ab\n', 'b'][r.int(4)];
    const after = before.slice(0, start) + inserted + before.slice(start + removed);
    const change = textChange(before, after);
    if (before === after) {
      assert.equal(change, undefined);
      continue;
    }
    assert.ok(change);
    assert.equal(before.slice(0, change.start) + after.slice(change.start, change.start + change.newLength) + before.slice(change.oldEnd), after);
    const suffix = before.length - change.oldEnd;
    // longest prefix, then longest suffix in what is left
    assert.ok(change.start === Math.min(before.length, after.length) || before[change.start] !== after[change.start], `prefix ${change.start} could be longer`);
    assert.ok(change.start + suffix === Math.min(before.length, after.length) || before[change.oldEnd - 1] !== after[after.length - suffix - 1], `suffix ${suffix} could be longer`);
  }
});

test('incremental parse = full parse after each of 6 000 random edits of tricky texts', () => {
  const all = sequences(TRICKY, 200, 30, 11);
  const problems = all.flatMap((texts) => checkIncrementalParse(texts).problems);
  assert.deepEqual(problems.slice(0, 3), []);
});

test('incremental parse = full parse after each of 3 000 random edits of shipped configs', { skip: skipUnlessShared('kata-configs') }, () => {
  const files = corpusFiles();
  const texts = files.filter((_, i) => i % 37 === 0).map((f) => fs.readFileSync(f.path, 'utf8'));
  const all = sequences(texts, 100, 30, 12);
  const problems = all.flatMap((s) => checkIncrementalParse(s).problems);
  assert.deepEqual(problems.slice(0, 3), []);
});

test('a keystroke in the middle of a large config parses only the statements around it again', () => {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) lines.push(`[table${i}]`, `# a comment ${i}`, `key_${i} = "value ${i}"`, `list_${i} = [`, '  1,', '  2,', ']', '');
  const text = lines.join('\n');
  const at = text.indexOf('value 200') + 5;
  const stats: ReparseStats = { kept: 0, parsed: 0, moved: 0 };
  const next = text.slice(0, at) + 'x' + text.slice(at);
  const result = reparse(parseSyntax(text), next, textChange(text, next)!, stats);
  assert.ok(stats.parsed <= 3, `parsed ${stats.parsed} statements again`);
  assert.ok(stats.kept > 700 && stats.moved > 700, JSON.stringify(stats));
  assert.equal(JSON.stringify(result.tree, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)), JSON.stringify(parseSyntax(next).tree, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
});

test('an edit that closes an unterminated multi-line string far below re-reads the string from its start', () => {
  const text = 'a = """\nb = 1\n[t]\nc = 2\n';
  const next = text + '"""\n';
  const stats: ReparseStats = { kept: 0, parsed: 0, moved: 0 };
  const result = reparse(parseSyntax(text), next, textChange(text, next)!, stats);
  assert.equal(result.tree.tables.length, 0);
  assert.equal(result.errors.length, 0);
  assert.equal(result.tree.rootEntries[0].value?.kind, 'string');
});

test('a language service that reuses its previous parse gives the diagnostics of a full analysis at every version', (t) => {
  const files = corpusFiles();
  const bases = files.length ? files.filter((_, i) => i % 97 === 0).map((f) => fs.readFileSync(f.path, 'utf8')) : TRICKY;
  if (!files.length) t.diagnostic('../shared is absent: only the built-in texts are edited');
  const uris = ['file:///tmp/inc/configuration-qemu.toml', 'file:///tmp/inc/runtime-rs/configuration-dragonball.toml', 'file:///tmp/inc/configuration-clh.toml.in', 'file:///tmp/inc/config.d/50-x.toml', 'untitled:Untitled-1'];
  const problems: string[] = [];
  sequences(bases, 40, 15, 13).forEach((texts, i) => problems.push(...checkIncrementalService(texts, uris[i % uris.length], { hostChecks: i % 2 === 0 }, () => fakeHost(bases[0]))));
  assert.deepEqual(problems.slice(0, 3), []);
});
