/**
 * The official toml-test suite (TOML 1.0 list): every valid case parses without error to exactly the
 * expected values, every invalid case gets at least one error. @iarna/toml serves as a second oracle
 * for the values of every valid case it accepts.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iarna from '@iarna/toml';
import { decodeTomlBytes, parseToml, toPlain, type PlainValue } from '../../server/src/toml';
import { sharedPath, skipUnlessShared } from '../support/shared';
import { compareTagged, toTagged } from '../support/tomlTestJson';

const skip = skipUnlessShared('toml-test');
const suiteDir = sharedPath('toml-test');
const listed = skip ? [] : fs.readFileSync(path.join(suiteDir, 'files-toml-1.0.0'), 'utf8').split('\n').filter((l) => l.endsWith('.toml'));

function load(rel: string): { text: string; encodingError?: string } {
  const { text, error } = decodeTomlBytes(fs.readFileSync(path.join(suiteDir, rel)));
  return { text, encodingError: error };
}

test('toml-test 1.0: every valid case parses to the expected values', { skip }, () => {
  const valid = listed.filter((f) => f.startsWith('valid/'));
  assert.ok(valid.length > 150, `expected the valid cases, found ${valid.length}`);
  const failures: string[] = [];
  for (const rel of valid) {
    const { text, encodingError } = load(rel);
    const doc = parseToml(text);
    if (encodingError || doc.errors.length) {
      failures.push(`${rel}: ${encodingError ?? doc.errors.map((e) => `${e.code} ${e.message} @${e.start}`).join('; ')}`);
      continue;
    }
    const expected = JSON.parse(fs.readFileSync(path.join(suiteDir, rel.replace(/\.toml$/, '.json')), 'utf8'));
    const diffs = compareTagged(expected, toTagged(doc.root));
    if (diffs.length) failures.push(`${rel}: ${diffs.slice(0, 3).join('; ')}`);
  }
  assert.deepEqual(failures, [], `${failures.length} of ${valid.length} valid cases failed`);
});

test('toml-test 1.0: every invalid case gets at least one error', { skip }, () => {
  const invalid = listed.filter((f) => f.startsWith('invalid/'));
  assert.ok(invalid.length > 200, `expected the invalid cases, found ${invalid.length}`);
  const accepted: string[] = [];
  for (const rel of invalid) {
    const { text, encodingError } = load(rel);
    if (encodingError) continue;
    if (parseToml(text).errors.length === 0) accepted.push(rel);
  }
  assert.deepEqual(accepted, [], `${accepted.length} of ${invalid.length} invalid cases were accepted`);
});

/** @iarna/toml's output in our plain form (bigint integers, date-times as text). */
function normalizeIarna(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v) && !Object.is(v, -0)) return v;
  if (typeof v === 'bigint') return v;
  if (v instanceof Date) return { datetime: true };
  if (Array.isArray(v)) return v.map(normalizeIarna);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeIarna(x)]));
  return v;
}

function normalizeOurs(v: PlainValue): unknown {
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(normalizeOurs);
  if (v && typeof v === 'object') {
    if ('datetime' in v && typeof v.datetime === 'string') return { datetime: true };
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalizeOurs(x as PlainValue)]));
  }
  return v;
}

test('@iarna/toml agrees on the values of every valid case it accepts', { skip }, () => {
  let compared = 0;
  const disagreements: string[] = [];
  for (const rel of listed.filter((f) => f.startsWith('valid/'))) {
    const { text } = load(rel);
    let theirs: unknown;
    try {
      theirs = iarna.parse(text);
    } catch {
      continue; // @iarna/toml implements 1.0.0-rc.1 and rejects a few 1.0 forms
    }
    compared++;
    const ours = normalizeOurs(toPlain(parseToml(text).root));
    try {
      assert.deepEqual(ours, normalizeIarna(theirs));
    } catch {
      disagreements.push(rel);
    }
  }
  assert.ok(compared > 100, `only ${compared} cases were comparable`);
  assert.deepEqual(disagreements, []);
});
