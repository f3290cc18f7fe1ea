import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { docsLine, isDiagnosticsPage } from '../../client/src/docs/docsLine';
import { allCodes } from '../../server/src/kata/diagnostics';
import { repoRoot } from '../support/shared';

const page = fs.readFileSync(path.join(repoRoot, 'docs', 'diagnostics.md'), 'utf8');
const lines = page.split('\n');

test('every diagnostic code has a place of its own on the diagnostics page', () => {
  const missing: string[] = [];
  for (const { code } of allCodes()) {
    const line = docsLine(page, code);
    if (line === 0 || !(lines[line] === `### ${code}` || lines[line].includes(`(#${code})`))) missing.push(code);
  }
  assert.deepEqual(missing, []);
});

test('a code with a section of its own opens at its heading, not at its row in the tables', () => {
  const line = docsLine(page, 'kata-unknown-key');
  assert.equal(lines[line], '### kata-unknown-key');
  assert.ok(lines.findIndex((l) => l.includes('(#kata-unknown-key)')) < line, 'the table row comes first on the page');
});

test('an unknown code falls back to the top; only the shipped page is ours', () => {
  assert.equal(docsLine(page, 'no-such-code'), 0);
  assert.ok(isDiagnosticsPage('/home/u/.vscode/extensions/kata-config/docs/diagnostics.md'));
  assert.ok(!isDiagnosticsPage('/home/u/project/docs/other.md'));
});
