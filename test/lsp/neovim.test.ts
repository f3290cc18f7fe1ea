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
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseToml } from '../../server/src/toml';
import { insertionProblem } from '../support/edits';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';

const CONFIG = path.join(repoRoot, 'docs', 'editors', 'neovim', 'kata-config.lua');
const DRIVER = path.join(repoRoot, 'test', 'lsp', 'neovim', 'driver.lua');

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimVersion = nvim.status === 0 ? nvim.stdout.split('\n')[0] : undefined;
const skipNvim = nvimVersion ? false : 'skipped: nvim is not installed (Debian: apt-get install neovim; .ci/run installs it)';
const skipShared = skipUnlessShared('kata-configs');

interface Seen {
  steps: string[];
  error?: string;
  attached: boolean;
  capabilities: { textDocument: { completion: { completionItem: { snippetSupport: boolean } } } };
  diagnostics: Array<{ line: number; severity: number; code?: string; message: string }>;
  completion: Array<{ label: string; format?: number; additional: boolean; word?: string; omnifunc?: string; textEdit?: string }>;
  hover: { kind: string; value: string } | null;
  actions: string[];
  applied?: string;
  fixed?: boolean;
  afterFix?: string;
}

/** Runs headless Neovim on `text` saved as `name`, the driver writing what it saw. */
async function runNeovim(name: string, text: string, params: Record<string, unknown>): Promise<Seen> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-nvim-'));
  try {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    const server = path.join(bin, 'kata-config-language-server');
    fs.writeFileSync(server, `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'dist', 'server.js')}" "$@"\n`, { mode: 0o755 });
    const file = path.join(dir, 'work', name);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, 'params.json'), JSON.stringify(params));
    const env = {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: dir,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_STATE_HOME: path.join(dir, 'state'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      KATA_NVIM_PARAMS: path.join(dir, 'params.json'),
      KATA_NVIM_OUT: path.join(dir, 'out.json'),
    };
    const proc = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', CONFIG, file, '-c', `luafile ${DRIVER}`], { cwd: path.dirname(file), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => proc.kill('SIGKILL'), 90_000);
      proc.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    const outFile = path.join(dir, 'out.json');
    assert.ok(fs.existsSync(outFile), `nvim exited with ${code} and wrote nothing: ${output}`);
    return JSON.parse(fs.readFileSync(outFile, 'utf8')) as Seen;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The README's Lua block that follows the marker naming the configuration file. */
function readmeBlock(): string | undefined {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const m = /<!-- docs\/editors\/neovim\/kata-config\.lua -->\n```lua\n([\s\S]*?)```\n/.exec(readme);
  return m?.[1];
}

describe('Neovim', () => {
  test("README's Neovim section shows docs/editors/neovim/kata-config.lua verbatim", () => {
    assert.equal(readmeBlock(), fs.readFileSync(CONFIG, 'utf8'));
  });

  const FILES = ['4.1.0/go/configuration-qemu.toml', '3.20.0/rs/configuration-qemu-runtime-rs.toml'];
  for (const shipped of FILES) {
    test(`${nvimVersion ?? 'nvim'} with the README's configuration on ${shipped} (with an error): diagnostics, completion that leaves valid TOML for every key item, hover, a quick fix`, { skip: skipNvim || skipShared }, async () => {
      const lines = fs.readFileSync(sharedPath('kata-configs', shipped), 'utf8').split('\n');
      const header = lines.indexOf('[hypervisor.qemu]');
      lines.splice(header + 1, 0, '');
      const memory = lines.indexOf('default_memory = 2048');
      assert.ok(header >= 0 && memory > header, 'the shipped file has [hypervisor.qemu] and default_memory = 2048');
      lines[memory] = 'default_memory = "2048"';
      const text = lines.join('\n');
      const seen = await runNeovim(path.basename(shipped), text, {
        completionLine: header + 1,
        hover: { line: memory, character: 3 },
        fix: { line: memory, code: 'kata-type-mismatch', title: 'Write 2048 as a number' },
      });
      assert.equal(seen.error, undefined, `the driver failed after ${seen.steps.join(', ')}`);
      assert.ok(seen.attached, 'the configuration started the server and attached it');
      if (/v0\.7\./.test(nvimVersion!)) assert.equal(seen.capabilities.textDocument.completion.completionItem.snippetSupport, false, 'Neovim 0.7 announces no snippets');

      const error = seen.diagnostics.find((d) => d.line === memory && d.severity === 1);
      assert.ok(error, `an error on line ${memory + 1}: ${JSON.stringify(seen.diagnostics)}`);
      assert.equal(error.code, 'kata-type-mismatch');

      assert.ok(seen.completion.length > 10, `${seen.completion.length} key items`);
      const problems: string[] = [];
      for (const item of seen.completion) {
        if (item.format === 2 && !seen.capabilities.textDocument.completion.completionItem.snippetSupport) problems.push(`${item.label}: a snippet for a client without snippetSupport`);
        if (item.additional) problems.push(`${item.label}: additionalTextEdits, which the omnifunc ignores`);
        for (const [how, after] of [['omnifunc', item.omnifunc], ['textEdit', item.textEdit]] as const) {
          if (after === undefined) problems.push(`${item.label}: no ${how} result`);
          else {
            const problem = insertionProblem(text, after, ['hypervisor', 'qemu'], item.label);
            if (problem) problems.push(`${item.label} (${how}: ${JSON.stringify(after.split('\n')[header + 1])}): ${problem}`);
          }
        }
      }
      assert.deepEqual(problems, []);

      assert.equal(seen.hover?.kind, 'markdown', 'Neovim announces Markdown hovers');
      assert.match(seen.hover?.value ?? '', /\*\*default_memory\*\*/);

      assert.equal(seen.applied, 'Write 2048 as a number', `actions offered: ${JSON.stringify(seen.actions)}`);
      assert.equal(seen.fixed, true, 'the error went away once the fix was applied');
      assert.equal(seen.afterFix!.split('\n')[memory], 'default_memory = 2048');
      assert.deepEqual(parseToml(seen.afterFix!).errors, []);
    });
  }
});
