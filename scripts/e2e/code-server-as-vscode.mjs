#!/usr/bin/env node
// A stand-in "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// It takes the arguments test-electron gives VS Code (--extensionDevelopmentPath=, --extensionTestsPath=,
// --user-data-dir=, --extensions-dir=, the folder to open; other flags are ignored), starts code-server
// (the real VS Code 1.100 server, workbench and Node extension host) on 127.0.0.1, opens the workbench
// in Debian's Chromium with VS Code's dev/test `payload` URL parameter, relays the extension host's
// log, and exits with the test run's exit code, as desktop VS Code would. code-server and Chromium are
// always stopped, also on failure or timeout.
//   env: KATA_E2E_SUITE_TIMEOUT_MS (default 180000), KATA_E2E_KEEP=1 keeps the run folder, KATA_E2E_VERBOSE=1 shows all workbench log lines.
import { format } from 'node:util';
import { join, resolve } from 'node:path';
import {
  elapsed, ensureSetUp, launchChromium, log, makeRunDir, remoteUri, startCodeServer, withTimeout, workbenchUrl,
} from './lib.mjs';

const TAG = 'code-server-as-vscode';
const argv = process.argv.slice(2);
const option = (name) => {
  const arg = argv.find((a) => a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : arg.slice(name.length + 3);
};
const devPaths = argv.filter((a) => a.startsWith('--extensionDevelopmentPath=')).map((a) => resolve(a.split('=').slice(1).join('=')));
const testsPath = option('extensionTestsPath');
const folder = argv.find((a) => !a.startsWith('-'));
const timeoutMs = Number(process.env.KATA_E2E_SUITE_TIMEOUT_MS || 180_000);
// Workbench start-up chatter that says nothing about the tests (KATA_E2E_VERBOSE=1 shows it).
const WORKBENCH_NOISE = /Ignoring fetching additional builtin extensions|Creating a socket|connection token|Creation of workbench contribution|Service Worker|ChatSessionStore|Updating additional builtin extensions cache|^\s*$/;

async function main() {
  ensureSetUp(TAG);
  // test-electron passes --user-data-dir/--extensions-dir for a desktop profile; code-server gets its own fresh ones.
  const run = makeRunDir('kata-e2e-suite-');
  let server;
  let browser;
  try {
    server = await startCodeServer({ userDataDir: run.userDataDir, extensionsDir: run.extensionsDir, logFile: join(run.dir, 'code-server.log') });
    log(TAG, `code-server ${server.url} (pid ${server.pid}); run folder ${run.dir}`);
    browser = await launchChromium();
    const page = await browser.newPage();
    let settle;
    const exited = new Promise((r) => { settle = r; });
    // VS Code's web workbench reports the extension tests through these hooks (IAutomatedWindow).
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const line = format(...(Array.isArray(args) ? args : [args]));
      if (!process.env.KATA_E2E_VERBOSE && WORKBENCH_NOISE.test(line)) return;
      process.stdout.write(`[+${elapsed()}] ${line}\n`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => settle(code));
    page.on('pageerror', (e) => console.error(`[${TAG}] page error: ${e.message}`));
    const payload = devPaths.map((p) => ['extensionDevelopmentPath', remoteUri(server.url, p)]);
    if (testsPath) payload.push(['extensionTestsPath', remoteUri(server.url, resolve(testsPath))]);
    await page.goto(workbenchUrl(server.url, folder && resolve(folder), payload));
    const code = await withTimeout(exited, timeoutMs,
      `the extension-host tests reported no result (is ${testsPath} compiled? see ${join(run.dir, 'code-server.log')})`);
    log(TAG, `extension host exit code ${code}`);
    return code === 0 ? 0 : 1;
  } catch (e) {
    console.error(`[${TAG}] ${e instanceof Error ? e.message : e}`);
    if (server) console.error(`[${TAG}] code-server log (tail):\n${server.output().split('\n').slice(-30).join('\n')}`);
    return 1;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (!process.env.KATA_E2E_KEEP) run.remove();
  }
}

process.exit(await main());
