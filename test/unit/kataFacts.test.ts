/** The committed generated facts are exactly what the extractor makes of ../shared/kata-source. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generate } from '../../scripts/kata-facts/main';
import { findSources } from '../../scripts/kata-facts/sources';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';

test('npm run kata:facts over ../shared/kata-source reproduces server/src/kata/facts byte for byte', { skip: skipUnlessShared('kata-source') }, () => {
  const sources = findSources([sharedPath('kata-source')]);
  assert.equal(sources.length, 35);
  const files = generate(sources);
  for (const [name, text] of files) {
    const committed = fs.readFileSync(path.join(repoRoot, 'server', 'src', 'kata', 'facts', name), 'utf8');
    assert.ok(committed === text, `${name} differs from what the extractor writes: run \`npm run kata:facts -- ../shared/kata-source\``);
  }
});

test('the extractor takes a kata-containers checkout by its VERSION file', { skip: skipUnlessShared('kata-source') }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-checkout-'));
  try {
    fs.cpSync(sharedPath('kata-source', '4.1.0'), tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'VERSION'), '4.1.0\n');
    const sources = findSources([sharedPath('kata-source'), tmp]);
    assert.equal(sources.length, 35);
    assert.equal(sources[sources.length - 1].dir, tmp, 'a later argument wins for the same release');
    assert.throws(() => findSources([path.join(tmp, 'src')]), /neither a kata-containers checkout/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
