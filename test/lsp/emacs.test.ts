/**
 * Emacs with eglot and the README's configuration (docs/editors/emacs/kata-config.el, which the
 * README shows verbatim): batch Emacs opens a copy of a shipped Kata config with an error and,
 * through eglot's own functions (test/lsp/emacs/driver.el), gets flymake's diagnostics, accepts
 * every key item as completion-at-point does, hovers and applies a quick fix. eglot announces no
 * snippets without yasnippet, plain-text hovers without markdown-mode, and workspace/configuration.
 * Skipped when emacs or eglot is missing (Debian bookworm: apt-get install emacs-nox elpa-eglot).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { acceptedKeyProblems, assertFixed, EDITOR_TEST_FILES, editorVersion, readmeBlock, runEditor, shippedWithError, type EditorRun } from '../support/editors';
import { repoRoot, skipUnlessShared } from '../support/shared';

const CONFIG = 'docs/editors/emacs/kata-config.el';
const DRIVER = path.join(repoRoot, 'test', 'lsp', 'emacs', 'driver.el');
const version = editorVersion('emacs');
const eglot = version && spawnSync('emacs', ['--batch', '--eval', "(require 'eglot)"], { encoding: 'utf8' }).status === 0;
const skip = (!version ? 'skipped: emacs is not installed (Debian: apt-get install emacs-nox elpa-eglot)' : !eglot ? 'skipped: eglot is missing (Emacs 29+ has it; Debian bookworm: apt-get install elpa-eglot)' : false) || skipUnlessShared('kata-configs');

interface Seen extends EditorRun {
  managed: boolean;
  diagnostics: Array<{ line: number; type: string; code?: string; message: string }>;
  completion: Array<{ label: string; format?: number; additional: boolean; text: string }>;
}

describe('Emacs (eglot)', () => {
  test(`README's Emacs section shows ${CONFIG} verbatim`, () => {
    assert.equal(readmeBlock(CONFIG, 'elisp'), fs.readFileSync(path.join(repoRoot, CONFIG), 'utf8'));
  });

  for (const shipped of EDITOR_TEST_FILES) {
    test(`${version ?? 'emacs'} with eglot and the README's configuration on ${shipped} (with an error): diagnostics, completion that leaves valid TOML for every key item, plain-text hover, a quick fix`, { skip }, async () => {
      const { text, params } = shippedWithError(shipped);
      // A release no content detection would pick, to see eglot's settings arrive (release "3.25" wins over the content).
      const settings = { workspaceConfiguration: { kata: { hostChecks: 'auto', release: '3.25' } } };
      const seen = await runEditor<Seen>('emacs', (file) => ['--batch', '-l', path.join(repoRoot, CONFIG), file, '-l', DRIVER], path.basename(shipped), text, { ...params, ...settings });
      assert.equal(seen.error, undefined);
      assert.ok(seen.managed, 'the configuration started eglot for the file');

      const error = seen.diagnostics.find((d) => d.line === params.fix.line && d.type === 'eglot-error');
      assert.ok(error, `an error on line ${params.fix.line + 1}: ${JSON.stringify(seen.diagnostics)}`);
      assert.equal(error.code, 'kata-type-mismatch');

      assert.ok(seen.completion.length > 10, `${seen.completion.length} key items`);
      const problems = acceptedKeyProblems(text, seen.completion.map((i) => ({ label: i.label, how: 'completion-at-point', text: i.text })));
      for (const item of seen.completion) if (item.format === 2) problems.push(`${item.label}: a snippet for a client without snippetSupport`);
      assert.deepEqual(problems, []);

      assert.equal(seen.hover?.kind, 'plaintext', 'eglot without markdown-mode asks for plain text');
      assert.match(seen.hover?.value ?? '', /^default_memory · integer/);
      assert.doesNotMatch(seen.hover?.value ?? '', /\*\*|`/);
      assert.match(seen.hover?.value ?? '', /of Kata 3\.25\.0/, 'the release of eglot-workspace-configuration');

      assertFixed(seen, params.fix);
    });
  }
});
