/** The extension manifest points at files that exist and agree with each other. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/shared';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

test('each contributed grammar exists and declares the scopeName the manifest uses', () => {
  for (const g of pkg.contributes.grammars) {
    const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName, g.path);
    assert.ok(pkg.contributes.languages.some((l: { id: string }) => l.id === g.language), `${g.language} is a contributed language`);
  }
});

test('each language configuration exists and is valid JSON', () => {
  for (const l of pkg.contributes.languages) {
    if (l.configuration) JSON.parse(fs.readFileSync(path.join(repoRoot, l.configuration), 'utf8'));
  }
});

test('the Kata language claims the Kata file names', () => {
  const kata = pkg.contributes.languages.find((l: { id: string }) => l.id === 'kata-toml');
  assert.deepEqual(kata.filenamePatterns, ['configuration*.toml', 'configuration*.toml.in', '**/kata-containers/**/*.toml', '**/kata-containers/**/config.d/*']);
});

test('engines.vscode accepts VS Code 1.100 (the offline code-server) and main is the bundle', () => {
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.bin['kata-config'], './dist/cli.js');
});
