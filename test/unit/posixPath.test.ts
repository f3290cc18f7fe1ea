/** server/src/posixPath.ts against node:path/posix and node:url (POSIX), on generated paths. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as nodePosix from 'node:path/posix';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as ours from '../../server/src/posixPath';

/** Every path of up to `n` pieces over an alphabet with the cases that matter: roots, doubled slashes, dots, trailing slashes. */
function paths(n: number): string[] {
  const pieces = ['/', '//', 'a', 'b.c', '.', '..', '...', 'a b'];
  let level = [''];
  const all = new Set<string>(level);
  for (let i = 0; i < n; i++) {
    level = level.flatMap((p) => pieces.map((q) => p + q));
    for (const p of level) all.add(p);
  }
  return [...all];
}

const PATHS = paths(4);

test('normalize, dirname, basename: as node:path/posix', () => {
  assert.ok(PATHS.length > 3000, `${PATHS.length} paths`);
  for (const p of PATHS) {
    assert.equal(ours.normalize(p), nodePosix.normalize(p), `normalize(${JSON.stringify(p)})`);
    assert.equal(ours.dirname(p), nodePosix.dirname(p), `dirname(${JSON.stringify(p)})`);
    assert.equal(ours.basename(p), nodePosix.basename(p), `basename(${JSON.stringify(p)})`);
  }
});

test('join, and resolve / relative of rooted paths: as node:path/posix', () => {
  const some = paths(2);
  for (const a of some)
    for (const b of some) {
      assert.equal(ours.join(a, b), nodePosix.join(a, b), `join(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
      const [ra, rb] = [`/${a}`, `/${b}`];
      assert.equal(ours.resolve(ra, b), nodePosix.resolve(ra, b), `resolve(${JSON.stringify(ra)}, ${JSON.stringify(b)})`);
      assert.equal(ours.relative(ra, rb), nodePosix.relative(ra, rb), `relative(${JSON.stringify(ra)}, ${JSON.stringify(rb)})`);
    }
  // No working directory in a browser: a relative path resolves against the root.
  assert.equal(ours.resolve('a/../..', 'b'), '/b');
  assert.equal(ours.resolve(), '/');
});

test('file URIs: as node:url on POSIX, both ways', () => {
  const names = ['/etc/kata-containers/configuration.toml', '/a b/c#d?e', '/100%/x', '/tab\tnew\nline', '/ünï/cödé', '/back\\slash', '/dir/', '/a/../b', '/'];
  for (const p of names) {
    const uri = ours.pathFileUri(p);
    assert.equal(uri, pathToFileURL(p).href, `pathFileUri(${JSON.stringify(p)})`);
    assert.equal(ours.fileUriPath(uri), fileURLToPath(uri), `fileUriPath(${uri})`);
  }
  for (const uri of ['file:///a%2Fb', 'file:///a%2fb', 'file://host/share/x', 'file:///bad%E0%A4%A', 'untitled:Untitled-1', 'vscode-vfs://github/kata-containers/kata-containers/x.toml', 'file:///ok%20here']) {
    let expected: string | undefined;
    try {
      expected = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    } catch {
      expected = undefined;
    }
    assert.equal(ours.fileUriPath(uri), expected, uri);
  }
});
