// Shared helpers of the end-to-end tests and `npm start`: where code-server and Chromium live, starting
// and stopping code-server on 127.0.0.1, installing a VSIX into it, launching Debian's Chromium with
// playwright-core, bounded waits. See /work/shared/research/real-vscode-e2e.md for the recipe.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_PKG = join(ROOT, 'test', 'e2e', 'vscode');
export const CODE_SERVER = process.env.CODE_SERVER_BIN || join(E2E_PKG, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
export const SETUP = join(ROOT, 'scripts', 'e2e', 'setup.sh');
export const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
export const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;

/** Loads a package installed in test/e2e/vscode (playwright-core, mocha), not in the root node_modules. */
export const requireE2E = createRequire(join(E2E_PKG, 'package.json'));

const t0 = Date.now();
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const log = (tag, ...args) => console.log(`[${tag} +${elapsed()}]`, ...args);

export function isSetUp() {
  return existsSync(CODE_SERVER) && existsSync(CHROMIUM) && existsSync(join(E2E_PKG, 'node_modules', 'playwright-core'));
}

/** Runs scripts/e2e/setup.sh when code-server, Chromium or playwright-core is missing. */
export function ensureSetUp(tag = 'e2e') {
  if (isSetUp()) return;
  log(tag, 'code-server / Chromium not installed yet: running scripts/e2e/setup.sh (a few minutes, once)');
  const r = spawnSync('bash', [SETUP], { stdio: 'inherit' });
  if (r.status !== 0 || !isSetUp()) throw new Error(`scripts/e2e/setup.sh failed (exit ${r.status}); see its output above`);
}

/** Rejects with `message` when `promise` has not settled after `ms`. */
export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timeout after ${ms / 1000}s: ${message}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** User settings for a clean, quiet, offline workbench with sharp screenshots. */
export const WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.reduceMotion': 'on',
  'workbench.colorTheme': 'Default Dark Modern',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
  'git.enabled': false,
  'files.autoSave': 'off',
  'editor.hover.delay': 150,
  'editor.minimap.enabled': false,
};

/** A fresh run folder: user data (with WORKBENCH_SETTINGS), extensions dir, logs. */
export function makeRunDir(prefix = 'kata-e2e-', settings = WORKBENCH_SETTINGS) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return { dir, userDataDir, extensionsDir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Copies samples/ (symlinks kept) so that nothing a test types can reach the repository's files. */
export function copySamples(dest) {
  cpSync(join(ROOT, 'samples'), dest, { recursive: true, verbatimSymlinks: true });
  return dest;
}

function codeServerEnv(userDataDir) {
  return {
    ...process.env,
    // No extension gallery: offline, and no failing gallery look-ups in the logs.
    EXTENSIONS_GALLERY: '{}',
    // Keep code-server's heartbeat and logs out of ~/.local/share/code-server.
    XDG_DATA_HOME: join(userDataDir, 'xdg-data'),
  };
}

/** `code-server --install-extension VSIX` into the given dirs (about a second). */
export function installVsix(vsix, { userDataDir, extensionsDir }) {
  if (!existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
  const r = spawnSync(CODE_SERVER, ['--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', vsix, '--force'], { encoding: 'utf8', env: codeServerEnv(userDataDir), timeout: 60_000 });
  if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Starts code-server on 127.0.0.1 (port 0 = any free port), without auth, in its own process group so
 * that stop() ends it with every process it started (server, extension host, language server).
 */
export async function startCodeServer({ userDataDir, extensionsDir, port = 0, host = '127.0.0.1', logFile, timeoutMs = 60_000, extraArgs = [] }) {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server is not installed (${CODE_SERVER}): run scripts/e2e/setup.sh`);
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') throw new Error(`refusing to bind code-server to ${host}: loopback only`);
  const config = join(userDataDir, 'code-server.yaml');
  // --config always: without it code-server writes ~/.config/code-server/config.yaml with password auth.
  writeFileSync(config, `bind-addr: ${host}:${port}\nauth: none\ncert: false\n`);
  const args = ['--config', config, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...extraArgs];
  const child = spawn(CODE_SERVER, args, { env: codeServerEnv(userDataDir), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const onData = (d) => {
    output += d;
    if (logFile) writeFileSync(logFile, output);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const handle = { stopping: false };
  let exited = false;
  const whenExited = new Promise((resolve) => child.on('exit', (code, signal) => { exited = true; resolve(code ?? signal); }));

  const stop = async () => {
    handle.stopping = true;
    if (exited || child.pid === undefined) return;
    const group = -child.pid;
    try { process.kill(group, 'SIGTERM'); } catch { return; }
    for (let i = 0; i < 50 && !exited; i++) await sleep(100);
    try { process.kill(group, 'SIGKILL'); } catch { /* already gone */ }
  };
  stop.sync = () => {
    if (!exited && child.pid !== undefined) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  stopOnExit(stop);

  try {
    const url = await withTimeout(new Promise((resolve, reject) => {
      const check = () => {
        const m = /HTTP server listening on (http:\/\/[^\s/]+)/.exec(output);
        if (m) resolve(m[1].replace('0.0.0.0', '127.0.0.1'));
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.on('exit', (code) => reject(new Error(`code-server exited early (exit ${code}):\n${output}`)));
    }), timeoutMs, `code-server did not report "HTTP server listening" (log so far:\n${output})`);
    await withTimeout((async () => {
      for (;;) {
        try { if ((await fetch(`${url}/healthz`)).ok) return; } catch { /* not yet */ }
        await sleep(100);
      }
    })(), timeoutMs, `${url}/healthz never answered`);
    return Object.assign(handle, { url, pid: child.pid, stop, output: () => output, exited: whenExited });
  } catch (e) {
    await stop();
    throw e;
  }
}

const cleanups = new Set();
let exitHooked = false;
/** Runs `fn` (once) when the process is interrupted or terminated, so nothing outlives a failed run. */
export function stopOnExit(fn) {
  cleanups.add(fn);
  if (exitHooked) return;
  exitHooked = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      await Promise.allSettled([...cleanups].map((f) => f()));
      process.exit(130);
    });
  }
  process.on('exit', () => {
    // Last resort, synchronous: code-server's process groups get a SIGKILL.
    for (const f of cleanups) f.sync?.();
  });
}

/** Debian's Chromium through playwright-core: headless, no sandbox (root), no network side channels. */
export async function launchChromium({ headless = true } = {}) {
  const { chromium } = requireE2E('playwright-core');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run scripts/e2e/setup.sh (apt-get install chromium)`);
  const browser = await withTimeout(chromium.launch({
    executablePath: CHROMIUM,
    headless,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  }), 60_000, `launching ${CHROMIUM}`);
  stopOnExit(() => browser.close().catch(() => {}));
  return browser;
}

/** Builds the workbench URL: a folder, plus VS Code's dev/test "payload" (extensionDevelopmentPath, extensionTestsPath). */
export function workbenchUrl(base, folder, payload = []) {
  const q = new URLSearchParams();
  if (folder) q.set(folder.endsWith('.code-workspace') ? 'workspace' : 'folder', folder);
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `${base}/?${q}`;
}

/** The vscode-remote URI of a path on the code-server machine (the authority is the host:port the page is served from). */
export const remoteUri = (base, path) => `vscode-remote://${new URL(base).host}${path}`;
