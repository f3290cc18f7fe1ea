/**
 * Real editors driven headless against this checkout's server (test/lsp/neovim.test.ts,
 * test/lsp/emacs.test.ts): a shipped config copied with an error, the editor started with the
 * README's configuration in a scratch home, a driver script inside the editor writing what it saw
 * as JSON, and the README block that must be the configuration file.
 */
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseToml } from '../../server/src/toml';
import { insertionProblem } from './edits';
import { repoRoot, sharedPath } from './shared';

/** The first line of `command --version`, or undefined when the editor is not installed. */
export function editorVersion(command: string): string | undefined {
  const r = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0] : undefined;
}

/** The shipped configs each editor test opens (Go and runtime-rs QEMU; 3.20.0's has documented, commented-out keys). */
export const EDITOR_TEST_FILES = ['4.1.0/go/configuration-qemu.toml', '3.20.0/rs/configuration-qemu-runtime-rs.toml'];

/** The README block of `lang` that follows `<!-- file -->`. */
export function readmeBlock(file: string, lang: string): string | undefined {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const marker = `<!-- ${file} -->\n\`\`\`${lang}\n`;
  const start = readme.indexOf(marker);
  if (start < 0) return undefined;
  const end = readme.indexOf('```\n', start + marker.length);
  return end < 0 ? undefined : readme.slice(start + marker.length, end);
}

/** A shipped config with an empty line after [hypervisor.qemu] (where keys are completed) and `default_memory = "2048"` (a type error with a quick fix). */
export function shippedWithError(shipped: string): { text: string; header: number; params: { completionLine: number; hover: { line: number; character: number }; fix: { line: number; code: string; title: string } } } {
  const lines = fs.readFileSync(sharedPath('kata-configs', shipped), 'utf8').split('\n');
  const header = lines.indexOf('[hypervisor.qemu]');
  lines.splice(header + 1, 0, '');
  const memory = lines.indexOf('default_memory = 2048');
  assert.ok(header >= 0 && memory > header, `${shipped} has [hypervisor.qemu] and default_memory = 2048`);
  lines[memory] = 'default_memory = "2048"';
  return {
    text: lines.join('\n'),
    header,
    params: { completionLine: header + 1, hover: { line: memory, character: 3 }, fix: { line: memory, code: 'kata-type-mismatch', title: 'Write 2048 as a number' } },
  };
}

/**
 * Runs `command` with `args(file)` on `text` saved as `name`, this checkout's server on PATH as
 * kata-config-language-server, HOME and XDG folders in a scratch directory; `KATA_EDITOR_PARAMS`
 * names the JSON of `params`, `KATA_EDITOR_OUT` where the driver writes its JSON.
 */
export async function runEditor<T>(command: string, args: (file: string) => string[], name: string, text: string, params: unknown): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kata-${command}-`));
  try {
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'kata-config-language-server'), `#!/bin/sh\nexec "${process.execPath}" "${path.join(repoRoot, 'dist', 'server.js')}" "$@"\n`, { mode: 0o755 });
    const file = path.join(dir, 'work', name);
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, text);
    fs.writeFileSync(path.join(dir, 'params.json'), JSON.stringify(params));
    const outFile = path.join(dir, 'out.json');
    const env = {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      HOME: dir,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_STATE_HOME: path.join(dir, 'state'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      KATA_EDITOR_PARAMS: path.join(dir, 'params.json'),
      KATA_EDITOR_OUT: outFile,
    };
    const proc = spawn(command, args(file), { cwd: path.dirname(file), env, stdio: ['ignore', 'pipe', 'pipe'] });
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
    assert.ok(fs.existsSync(outFile), `${command} exited with ${code} and wrote nothing: ${output}`);
    return JSON.parse(fs.readFileSync(outFile, 'utf8')) as T;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What every driver reports (test/lsp/<editor>/driver.*), beside its editor's own findings. */
export interface EditorRun {
  error?: string;
  hover: { kind: string; value: string } | null;
  actions?: string[];
  applied?: string;
  fixed?: boolean;
  afterFix?: string;
}

/** The quick fix was applied and took the error away, leaving valid TOML. */
export function assertFixed(seen: EditorRun, fix: { line: number; title: string }): void {
  assert.equal(seen.applied, fix.title, `actions offered: ${JSON.stringify(seen.actions)}`);
  assert.equal(seen.fixed, true, 'the error went away once the fix was applied');
  assert.equal(seen.afterFix!.split('\n')[fix.line], 'default_memory = 2048');
  assert.deepEqual(parseToml(seen.afterFix!).errors, []);
}

/** What is wrong with each text an editor made by accepting a key item of [hypervisor.qemu] (empty when all are valid TOML with the key set). */
export function acceptedKeyProblems(before: string, accepted: Array<{ label: string; how: string; text?: string }>): string[] {
  const problems: string[] = [];
  const header = before.split('\n').indexOf('[hypervisor.qemu]');
  for (const a of accepted) {
    if (a.text === undefined) {
      problems.push(`${a.label}: no ${a.how} result`);
      continue;
    }
    const problem = insertionProblem(before, a.text, ['hypervisor', 'qemu'], a.label);
    if (problem) problems.push(`${a.label} (${a.how}: ${JSON.stringify(a.text.split('\n')[header + 1])}): ${problem}`);
  }
  return problems;
}
