/**
 * Neovim's built-in client with the README's configuration (docs/editors/neovim/kata-config.lua,
 * which the README shows verbatim): headless Neovim opens a copy of a shipped Kata config with an
 * error and, through Neovim's own LSP functions (test/lsp/neovim/driver.lua), gets its diagnostics,
 * completes keys (each key item applied as Neovim 0.7's omnifunc inserts it and as its textEdit),
 * hovers and applies a quick fix. The server is this checkout's, on PATH as
 * kata-config-language-server. Skipped when nvim is not installed (Debian: apt-get install neovim).
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { acceptedKeyProblems, assertFixed, EDITOR_TEST_FILES, editorVersion, readmeBlock, runEditor, shippedWithError, type EditorRun } from '../support/editors';
import { repoRoot, skipUnlessShared } from '../support/shared';

const CONFIG = 'docs/editors/neovim/kata-config.lua';
const DRIVER = path.join(repoRoot, 'test', 'lsp', 'neovim', 'driver.lua');
const version = editorVersion('nvim');
const skip = (version ? false : 'skipped: nvim is not installed (Debian: apt-get install neovim; .ci/run installs it)') || skipUnlessShared('kata-configs');

interface Seen extends EditorRun {
  steps: string[];
  attached: boolean;
  capabilities: { textDocument: { completion: { completionItem: { snippetSupport: boolean } } } };
  diagnostics: Array<{ line: number; severity: number; code?: string; message: string }>;
  completion: Array<{ label: string; format?: number; additional: boolean; word?: string; omnifunc?: string; textEdit?: string }>;
}

describe('Neovim', () => {
  test(`README's Neovim section shows ${CONFIG} verbatim`, () => {
    assert.equal(readmeBlock(CONFIG, 'lua'), fs.readFileSync(path.join(repoRoot, CONFIG), 'utf8'));
  });

  for (const shipped of EDITOR_TEST_FILES) {
    test(`${version ?? 'nvim'} with the README's configuration on ${shipped} (with an error): diagnostics, completion that leaves valid TOML for every key item, hover, a quick fix`, { skip }, async () => {
      const { text, params } = shippedWithError(shipped);
      const seen = await runEditor<Seen>('nvim', (file) => ['--headless', '-n', '-i', 'NONE', '-u', path.join(repoRoot, CONFIG), file, '-c', `luafile ${DRIVER}`], path.basename(shipped), text, params);
      assert.equal(seen.error, undefined, `the driver failed after ${seen.steps.join(', ')}`);
      assert.ok(seen.attached, 'the configuration started the server and attached it');
      const snippets = seen.capabilities.textDocument.completion.completionItem.snippetSupport;
      if (/v0\.7\./.test(version!)) assert.equal(snippets, false, 'Neovim 0.7 announces no snippets');

      const error = seen.diagnostics.find((d) => d.line === params.fix.line && d.severity === 1);
      assert.ok(error, `an error on line ${params.fix.line + 1}: ${JSON.stringify(seen.diagnostics)}`);
      assert.equal(error.code, 'kata-type-mismatch');

      assert.ok(seen.completion.length > 10, `${seen.completion.length} key items`);
      const problems = acceptedKeyProblems(text, seen.completion.flatMap((i) => [{ label: i.label, how: 'omnifunc', text: i.omnifunc }, { label: i.label, how: 'textEdit', text: i.textEdit }]));
      for (const item of seen.completion) {
        if (item.format === 2 && !snippets) problems.push(`${item.label}: a snippet for a client without snippetSupport`);
        if (item.additional) problems.push(`${item.label}: additionalTextEdits, which the omnifunc ignores`);
      }
      assert.deepEqual(problems, []);

      assert.equal(seen.hover?.kind, 'markdown', 'Neovim announces Markdown hovers');
      assert.match(seen.hover?.value ?? '', /\*\*default_memory\*\*/);

      assertFixed(seen, params.fix);
    });
  }
});
