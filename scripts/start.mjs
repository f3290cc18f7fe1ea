// `npm start`: build, then open the product on the sample workspace (samples/):
//   - in desktop VS Code when a `code` command is on the PATH (--extensionDevelopmentPath = this repository);
//   - otherwise in code-server (the real VS Code 1.100, installed by scripts/e2e/setup.sh on first use) on
//     127.0.0.1, with this repository linked into its extensions folder as <publisher>.<name>-<version>:
//     open the printed URL in a browser; `npm run watch` + "Developer: Reload Window" picks up changes.
// Options: --code-server (even when `code` exists), --port N (default 8130; 0 = any free port),
//   --check (start, verify the extension is installed and the workbench answers, then stop: for CI).
// The installed-configs tree and the switch work on a copy of samples/install-root (kata.installRoot).
// Only loopback addresses are used. Ctrl+C stops code-server with everything it started.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CODE_SERVER, EXTENSION_ID, MANIFEST, ROOT, WORKBENCH_SETTINGS, ensureSetUp, startCodeServer, workbenchUrl } from './e2e/lib.mjs';

const { values } = parseArgs({ options: { 'code-server': { type: 'boolean' }, port: { type: 'string' }, check: { type: 'boolean' } } });
const say = (msg) => console.log(`[start] ${msg}`);

const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: ROOT });
if (build.status !== 0) process.exit(build.status ?? 1);

const workspace = join(ROOT, 'samples');

// ── desktop VS Code ─────────────────────────────────────────────────────────────────────────────────
const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
if (!values['code-server'] && !values.check && which.status === 0 && which.stdout.trim()) {
  const code = which.stdout.trim();
  say(`opening ${workspace} in VS Code (${code}) with the extension from ${ROOT}`);
  spawn(code, ['--new-window', `--extensionDevelopmentPath=${ROOT}`, workspace], { stdio: 'inherit', detached: true }).unref();
  process.exit(0);
}

// ── code-server ─────────────────────────────────────────────────────────────────────────────────────
try {
  ensureSetUp('start');
} catch (e) {
  console.error(`[start] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

// Kept between runs (settings you change, open editors), outside the repository.
const home = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kata-config-dev', 'code-server');
const userDataDir = join(home, 'user-data');
const extensionsDir = join(home, 'extensions');
mkdirSync(join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
const settings = join(userDataDir, 'User', 'settings.json');
if (!existsSync(settings)) {
  const { 'workbench.reduceMotion': _motion, 'editor.minimap.enabled': _minimap, ...rest } = WORKBENCH_SETTINGS;
  writeFileSync(settings, JSON.stringify(rest, null, 2) + '\n');
}
// The demo's installed-configs tree and switch: a copy of samples/install-root (made once, so that
// switches you try there stay between runs and never touch the repository or this machine's Kata),
// named by kata.installRoot in the user settings (a machine setting) unless you set it yourself.
const installRoot = join(home, 'install-root');
if (!existsSync(installRoot)) cpSync(join(workspace, 'install-root'), installRoot, { recursive: true, verbatimSymlinks: true });
let userSettings;
try {
  userSettings = JSON.parse(readFileSync(settings, 'utf8'));
} catch {
  userSettings = undefined; // edited by hand (comments): left alone
}
if (userSettings && !('kata.installRoot' in userSettings)) writeFileSync(settings, JSON.stringify({ ...userSettings, 'kata.installRoot': installRoot }, null, 2) + '\n');
if (!userSettings) say(`${settings} is not plain JSON: set "kata.installRoot": "${installRoot}" there to see the sample installs in the tree`);
else say(`installed-configs tree and switch: kata.installRoot = ${userSettings['kata.installRoot'] ?? installRoot}${userSettings['kata.installRoot'] && userSettings['kata.installRoot'] !== installRoot ? ' (your setting)' : ` (a copy of samples/install-root; delete it for a fresh one)`}`);

// Link this repository as the installed extension (replacing links or copies of other versions).
const linkName = `${EXTENSION_ID}-${MANIFEST.version}`;
for (const entry of readdirSync(extensionsDir)) {
  if (entry.startsWith(`${EXTENSION_ID}-`) && entry !== linkName) rmSync(join(extensionsDir, entry), { recursive: true, force: true });
}
const link = join(extensionsDir, linkName);
if (!existsSync(link) || !lstatSync(link).isSymbolicLink()) {
  rmSync(link, { recursive: true, force: true });
  symlinkSync(ROOT, link, 'dir');
}
// extensions.json may remember a removed version: let code-server rebuild it from the folder.
rmSync(join(extensionsDir, 'extensions.json'), { force: true });
const listed = spawnSync(CODE_SERVER, ['--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
  '--list-extensions', '--show-versions'], { encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}', XDG_DATA_HOME: join(userDataDir, 'xdg-data') } });
if (!listed.stdout.includes(`${EXTENSION_ID}@${MANIFEST.version}`)) {
  console.error(`[start] code-server does not list ${EXTENSION_ID}@${MANIFEST.version} from ${link}:\n${listed.stdout}${listed.stderr}`);
  process.exit(1);
}
say(`extension ${EXTENSION_ID}@${MANIFEST.version} -> ${ROOT}`);

const wanted = values.port ?? process.env.KATA_START_PORT ?? '8130';
let server;
try {
  server = await startCodeServer({ userDataDir, extensionsDir, port: Number(wanted), logFile: join(home, 'code-server.log') });
} catch (e) {
  if (!/EADDRINUSE|address already in use/i.test(String(e)) || wanted === '0') throw e;
  say(`port ${wanted} is busy: using a free one`);
  server = await startCodeServer({ userDataDir, extensionsDir, port: 0, logFile: join(home, 'code-server.log') });
}
const url = workbenchUrl(server.url, workspace);

if (values.check) {
  const res = await fetch(url);
  const ok = res.ok && /workbench/i.test(await res.text());
  say(`check: ${url} answered ${res.status}${ok ? ' with the workbench' : ''}`);
  await server.stop();
  process.exit(ok ? 0 : 1);
}

say(`code-server ${CODE_SERVER.replace(`${ROOT}/`, '')} (VS Code 1.100), logs in ${join(home, 'code-server.log')}`);
console.log(`\n  Open Kata Config in VS Code (code-server):\n\n    ${url}\n\n  Ctrl+C stops it.\n`);
// Stay in the foreground while code-server runs; Ctrl+C stops it (scripts/e2e/lib.mjs: stopOnExit).
const how = await server.exited;
if (server.stopping) await new Promise(() => {}); // Ctrl+C: the stop handler exits
console.error(`[start] code-server stopped (${how}); its log: ${join(home, 'code-server.log')}`);
process.exit(1);
