/**
 * Launches the extension-host suite (test/e2e/suite) the @vscode/test-electron way.
 *
 * - Desktop VS Code: where VS Code can be downloaded and shown (a display, e.g. under `xvfb-run -a`),
 *   `runTests` downloads it and runs the suite with `--extensionDevelopmentPath` = the repository.
 * - code-server: otherwise (no display, or no download possible, as on this project's offline
 *   machines), the same `runTests` call gets `vscodeExecutablePath` =
 *   scripts/e2e/code-server-as-vscode.mjs, which runs the suite in code-server's real extension host.
 *
 * env: KATA_E2E_VSCODE=auto|desktop|code-server (default auto), VSCODE_EXECUTABLE (any VS Code-like
 * executable, wins over everything), KATA_E2E_VSCODE_VERSION (desktop download, default "stable").
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const root = path.resolve(__dirname, '..', '..', '..'); // test/e2e/out/runTest.js -> repository
const shim = path.join(root, 'scripts', 'e2e', 'code-server-as-vscode.mjs');
const say = (msg: string) => console.log(`[runTest] ${msg}`);

async function pickExecutable(): Promise<{ executable: string; kind: string }> {
  if (process.env.VSCODE_EXECUTABLE) return { executable: process.env.VSCODE_EXECUTABLE, kind: 'VSCODE_EXECUTABLE' };
  const mode = process.env.KATA_E2E_VSCODE ?? 'auto';
  if (!['auto', 'desktop', 'code-server'].includes(mode)) throw new Error(`KATA_E2E_VSCODE=${mode}: use auto, desktop or code-server`);
  const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (mode === 'desktop' || (mode === 'auto' && display)) {
    try {
      const executable = await downloadAndUnzipVSCode({ version: process.env.KATA_E2E_VSCODE_VERSION ?? 'stable', timeout: 30_000 });
      return { executable, kind: 'desktop VS Code' };
    } catch (e) {
      if (mode === 'desktop') throw new Error(`cannot download desktop VS Code: ${e instanceof Error ? e.message : e}`, { cause: e });
      say(`desktop VS Code not available (${e instanceof Error ? e.message : e}); using code-server instead`);
    }
  } else if (mode === 'auto') {
    say('no display: running the suite in code-server (set KATA_E2E_VSCODE=desktop, or use xvfb-run, for desktop VS Code)');
  }
  try {
    fs.accessSync(shim, fs.constants.X_OK);
  } catch {
    throw new Error(`${shim} is not executable (chmod +x it)`);
  }
  return { executable: shim, kind: 'code-server (real VS Code server + web workbench)' };
}

async function main(): Promise<number> {
  const extensionDevelopmentPath = root;
  const extensionTestsPath = path.join(__dirname, 'suite', 'index');
  // A throw-away copy of samples/, so that nothing the tests type can reach the repository.
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-e2e-samples-'));
  fs.cpSync(path.join(root, 'samples'), workspace, { recursive: true, verbatimSymlinks: true });
  try {
    const { executable, kind } = await pickExecutable();
    say(`running the extension-host suite in ${kind}: ${executable}`);
    return await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`[runTest] extension-host suite failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  },
);
