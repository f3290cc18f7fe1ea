// `npm run test:e2e`: both end-to-end suites against a real VS Code (code-server 4.100.3 = VS Code 1.100 here).
//   1. setup (scripts/e2e/setup.sh) when code-server / Chromium are not installed yet;
//   2. `npm run package`: production build + kata-config.vsix (what users install);
//   3. the extension-host suite (test/e2e/suite, mocha) through @vscode/test-electron's runTests
//      (test/e2e/runTest.ts), with the repository as extensionDevelopmentPath;
//   4. the UI scenario (test/e2e/ui/scenario.mjs): the VSIX installed into code-server, driven in Chromium;
//      screenshots in test-results/e2e-ui/;
//   5. the web extension (test/e2e/ui/web.mjs): the same VSIX run in the browser's web worker extension host;
//      screenshots in test-results/e2e-web/.
// Fails (exit 1) when either suite fails. Every step has a time limit; code-server and Chromium are stopped
// by the step that started them, also on failure, timeout or Ctrl+C.
//   options: --only suite|ui|web, --skip-package (reuse dist/ and kata-config.vsix), --docs-images (refresh docs/images/)
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, ensureSetUp, log } from './lib.mjs';

const TAG = 'e2e';
const { values } = parseArgs({
  options: { only: { type: 'string' }, 'skip-package': { type: 'boolean' }, 'docs-images': { type: 'boolean' } },
});
if (values.only && !['suite', 'ui', 'web'].includes(values.only)) {
  console.error(`--only ${values.only}: use --only suite, --only ui or --only web`);
  process.exit(2);
}

const children = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of children) try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    setTimeout(() => process.exit(130), 5_000).unref();
  });
}

/** Runs a command in its own process group; on timeout: SIGTERM (the child cleans up), then SIGKILL. */
function step(name, command, args, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    log(TAG, `── ${name}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', detached: true });
    children.add(child);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`[${TAG}] ${name}: no result after ${timeoutMs / 1000}s, stopping it`);
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 15_000).unref();
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const seconds = (Date.now() - started) / 1000;
      const ok = code === 0 && !timedOut;
      log(TAG, `── ${name}: ${ok ? 'ok' : `FAILED (${timedOut ? 'timeout' : signal ?? `exit ${code}`})`} in ${seconds.toFixed(1)}s`);
      resolve({ name, ok, seconds });
    });
  });
}

const results = [];
const started = Date.now();
try {
  const t = Date.now();
  ensureSetUp(TAG);
  results.push({ name: 'setup check', ok: true, seconds: (Date.now() - t) / 1000 });
} catch (e) {
  console.error(`[${TAG}] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!values['skip-package']) results.push(await step('package (build + VSIX)', npm, ['run', '--silent', 'package'], 180_000));
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
if (results.every((r) => r.ok)) results.push(await step('compile test/e2e', process.execPath, [tsc, '-p', 'test/e2e/tsconfig.json'], 120_000));
if (results.every((r) => r.ok)) {
  if (!values.only || values.only === 'suite') results.push(await step('extension-host suite', process.execPath, [join(ROOT, 'test/e2e/out/runTest.js')], 300_000));
  if (!values.only || values.only === 'ui') {
    results.push(await step('UI scenario', process.execPath,
      [join(ROOT, 'test/e2e/ui/scenario.mjs'), ...(values['docs-images'] ? ['--docs-images'] : [])], 300_000));
  }
  if (!values.only || values.only === 'web') results.push(await step('web extension (UI)', process.execPath, [join(ROOT, 'test/e2e/ui/web.mjs')], 300_000));
}

const failed = results.filter((r) => !r.ok);
console.log(`\n[${TAG}] summary (${((Date.now() - started) / 1000).toFixed(1)}s in all):`);
for (const r of results) console.log(`  ${r.ok ? 'ok    ' : 'FAILED'} ${r.name.padEnd(28)} ${r.seconds.toFixed(1)}s`);
if (results.some((r) => r.name === 'UI scenario')) console.log('  screenshots: test-results/e2e-ui/');
if (results.some((r) => r.name === 'web extension (UI)')) console.log('  screenshots: test-results/e2e-web/');
const leftovers = spawnSync('sh', ['-c', `ps -eo pid,args | grep -E "kata-e2e-(suite|ui|web)-" | grep -v grep || true`], { encoding: 'utf8' }).stdout.trim();
if (leftovers) console.error(`[${TAG}] warning: processes of this run are still alive:\n${leftovers}`);
process.exit(failed.length ? 1 : 0);
