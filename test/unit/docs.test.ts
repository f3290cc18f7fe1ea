import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allCodes as ruleCodes } from '../../server/src/kata/diagnostics';
import { CHECKOUT_CODES } from '../../server/src/checkout/codes';

const allCodes = () => [...ruleCodes(), ...CHECKOUT_CODES];
import { renderDiagnosticsDoc } from '../../server/src/kata/diagnostics/docsPage';
import { LIMITS } from '../../server/src/features/limits';
import { repoRoot } from '../support/shared';

test('docs/diagnostics.md is current with the rules (run `npm run docs` after changing a rule)', () => {
  const current = fs.readFileSync(path.join(repoRoot, 'docs', 'diagnostics.md'), 'utf8');
  assert.equal(current, renderDiagnosticsDoc(allCodes(), LIMITS));
});

test('every diagnostic code is unique, documented with a title and a Kata source', () => {
  const codes = allCodes();
  assert.equal(new Set(codes.map((c) => c.code)).size, codes.length);
  for (const c of codes) {
    assert.match(c.code, /^kata-[a-z0-9-]+$/);
    assert.ok(c.title.length > 10 && c.kata.length > 5, c.code);
  }
});
