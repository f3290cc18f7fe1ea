/** Every Kata release is a target: how written releases map to known ones, and release sets. */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { NEWEST_RELEASE, parseRelease, RELEASES, ReleaseSet, resolveRelease } from '../../server/src/kata/releases';

describe('parseRelease', () => {
  test('knows all 35 releases from 3.2.0 to 4.1.0, patch releases included', () => {
    assert.equal(RELEASES.length, 35);
    assert.equal(RELEASES[0], '3.2.0');
    assert.equal(NEWEST_RELEASE, '4.1.0');
    for (const r of ['3.3.0', '3.10.1', '3.19.1', '3.25.0', '3.31.0', '4.0.0']) assert.ok((RELEASES as readonly string[]).includes(r), r);
  });

  test('accepts 3.25, 3.25.0 and v3.25.0 as 3.25.0, exactly', () => {
    for (const text of ['3.25', '3.25.0', 'v3.25.0', ' 3.25.0 ']) assert.deepEqual(parseRelease(text), { release: '3.25.0' }, text);
    assert.equal(resolveRelease('3.10.1'), '3.10.1');
    assert.equal(resolveRelease('3.10'), '3.10.0');
  });

  test('refuses releases inside or below the known range that Kata never had, naming the range', () => {
    for (const text of ['3.99', '2.5', '3.1.0', 'bogus', '']) {
      const r = parseRelease(text);
      assert.equal(r.release, undefined, text);
      assert.match((r as { error: string }).error, /3\.2\.0 to 4\.1\.0 \(35 releases\)/, text);
    }
  });

  test('treats a newer release as the newest and says so', () => {
    const r = parseRelease('4.2.0');
    assert.equal(r.release, '4.1.0');
    assert.match((r as { note: string }).note, /newer than every release kata-config knows; the rules of 4\.1\.0 are assumed/);
    assert.equal(parseRelease('5').release, undefined, 'a bare major is not a release');
  });

  test('maps an unlisted patch release to the newest known one of its series, and a pre-release to its release', () => {
    const patch = parseRelease('3.10.2');
    assert.equal(patch.release, '3.10.1');
    assert.match((patch as { note: string }).note, /no 3\.10\.2/);
    assert.equal(parseRelease('3.25.1').release, '3.25.0');
    const rc = parseRelease('3.25.0-rc0');
    assert.equal(rc.release, '3.25.0');
    assert.match((rc as { note: string }).note, /pre-release/);
  });
});

describe('ReleaseSet', () => {
  test('parses runs and prints them back', () => {
    for (const spec of ['..', '3.24.0..', '..3.9.0', '3.2.0..3.9.0 3.14.0..', '3.25.0', '3.10.0..3.19.1', '']) {
      const set = ReleaseSet.parse(spec);
      assert.equal(ReleaseSet.parse(set.toString()).toString(), set.toString(), spec);
    }
    const s = ReleaseSet.parse('3.24.0..');
    assert.ok(s.has('3.24.0') && s.has('4.1.0') && !s.has('3.23.0'));
    assert.equal(s.first(), '3.24.0');
    assert.equal(s.describe(), '3.24.0 and later');
    assert.equal(ReleaseSet.parse('3.2.0..3.9.0 3.14.0..').describe(), 'up to 3.9.0 and 3.14.0 and later');
    assert.equal(ReleaseSet.parse('3.25.0').describe(), '3.25.0');
    assert.equal(ReleaseSet.ALL.describe(), 'every release (3.2.0 to 4.1.0 (35 releases))');
    assert.ok(ReleaseSet.parse('').isEmpty);
    assert.throws(() => ReleaseSet.parse('3.99.0..'), /unknown release/);
  });

  test('membership crosses the 32-release word boundary', () => {
    const set = ReleaseSet.of(['3.32.0', '4.0.0', '4.1.0']);
    assert.deepEqual(set.list(), ['3.32.0', '4.0.0', '4.1.0']);
    assert.ok(!set.has('3.31.0'));
    assert.equal(set.toString(), '3.32.0..');
    assert.ok(set.union(ReleaseSet.of(['3.2.0'])).has('3.2.0'));
    assert.ok(set.intersect(ReleaseSet.of(['4.0.0'])).equals(ReleaseSet.of(['4.0.0'])));
  });
});
