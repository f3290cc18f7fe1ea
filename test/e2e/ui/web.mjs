// The web extension in the real workbench: code-server with the packaged VSIX, the extension put in the
// browser's web worker extension host (the user setting remote.extensionKind: ["web"], as on vscode.dev
// where no Node host exists), driven in Debian's Chromium. Diagnostics, hover, completion and the
// effective view must come from the browser worker; what needs the machine must be absent, silently.
//   node test/e2e/ui/web.mjs [--vsix kata-config.vsix] [--shots test-results/e2e-web]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXTENSION_ID, ROOT, WORKBENCH_SETTINGS, copySamples, ensureSetUp, log, makeRunDir } from '../../../scripts/e2e/lib.mjs';
import { Checks, checkKeyCompletion, checkKeyHover, checkMistakesProblems, closeWorkbench, openFile, openWorkbench, runCommand } from './scenario.mjs';

const TAG = 'web';
const STEP_TIMEOUT = 30_000;

export async function runWebScenario({ vsix = join(ROOT, 'kata-config.vsix'), shots = join(ROOT, 'test-results', 'e2e-web') } = {}) {
  ensureSetUp(TAG);
  rmSync(shots, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  const run = makeRunDir('kata-e2e-web-');
  const workspace = copySamples(join(run.dir, 'samples'));
  // Host checks on: the Node server would report the sample's paths missing on this machine; the web extension has no machine.
  writeFileSync(join(run.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...WORKBENCH_SETTINGS, 'remote.extensionKind': { [EXTENSION_ID]: ['web'] }, 'kata.hostChecks': 'on' }, null, 2));
  const checks = new Checks();
  const consoleLines = [];
  const wb = {};
  let page;
  const shot = async (name) => {
    await page.screenshot({ path: join(shots, `${name}.png`) });
    log(TAG, 'screenshot', join(shots, `${name}.png`).replace(`${ROOT}/`, ''));
  };
  try {
    page = await openWorkbench(wb, { vsix, run, workspace, consoleLines });

    // ── 1. Diagnostics of a file with mistakes, in the Problems panel; none about this machine ─────────
    await openFile(page, 'mistakes/configuration-qemu.toml', 'default_memmory');
    const problems = await checkMistakesProblems(page, checks);
    checks.check('with kata.hostChecks on, nothing says a path is missing on this machine (there is none)', problems.some((p) => p.includes('kata-unknown-key')) && !problems.some((p) => p.includes('kata-path-missing')), problems);
    await shot('01-problems');

    // ── 2. Hover and completion from the worker ───────────────────────────────────────────────────────
    await openFile(page, 'go/configuration-qemu.toml', 'default_memory');
    await checkKeyHover(page, checks);
    await shot('02-hover');
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 400);
    await checkKeyCompletion(page, checks);
    await shot('03-completion');
    await page.keyboard.press('Escape');
    await runCommand(page, 'File: Revert File');
    await page.waitForSelector('.tabs-container .tab.active.dirty', { state: 'detached', timeout: 10_000 });

    // ── 3. The target in the status bar: the worker's reason for the architecture (no machine) ────────
    await openFile(page, 'runtime-rs/configuration-dragonball.toml', 'dragonball');
    const target = page.locator('.part.statusbar [id$="kata.target"]').first();
    await page.waitForFunction(() => /Kata runtime-rs/.test(document.querySelector('.part.statusbar [id$="kata.target"]')?.textContent ?? ''), null, { timeout: STEP_TIMEOUT }).catch(() => {});
    checks.check('the status bar names the target', /Kata runtime-rs \d+\.\d+\.\d+ · x86_64/.test(await target.innerText().catch(() => '')), await target.innerText().catch(() => ''));
    await target.hover();
    const tooltip = await page.locator('.workbench-hover, .monaco-hover:not(.hidden)').first().innerText({ timeout: 10_000 }).catch(() => '');
    checks.check("the target's tooltip: no machine to take the architecture from (the browser worker answered)", /there is no machine to ask/.test(tooltip), tooltip);
    await shot('04-target');
    await page.mouse.move(600, 400);

    // ── 4. The effective configuration view ──────────────────────────────────────────────────────────
    await runCommand(page, 'Kata: Show Effective Configuration');
    const view = await page.waitForFunction(() => [...document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')]
      .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).find((t) => t.startsWith('# Effective configuration of')), null, { timeout: STEP_TIMEOUT })
      .then((h) => h.jsonValue(), () => undefined);
    checks.check('Kata: Show Effective Configuration opens the view', /configuration-dragonball\.toml/.test(view ?? ''), view);
    await shot('05-effective-view');

    // ── 5. What needs the machine is absent, and nothing failed ──────────────────────────────────────
    checks.check('no Kata Containers view in the activity bar', (await page.locator('.part.activitybar .action-item a[aria-label^="Kata Containers"]').count()) === 0);
    await runCommand(page, 'View: Close All Editors');
    await openFile(page, 'runtime-rs/configuration-dragonball.toml', 'dragonball');
    await page.keyboard.press('F1');
    await page.keyboard.type('Kata: ', { delay: 5 });
    await page.waitForTimeout(500);
    const commands = await page.locator('.quick-input-list .monaco-list-row').evaluateAll((rows) => rows.map((r) => (r.getAttribute('aria-label') ?? '').trim()));
    await page.keyboard.press('Escape');
    checks.check('the palette offers Show Effective Configuration, not the switch, undo or refresh', commands.some((c) => /Show Effective Configuration/.test(c)) && !commands.some((c) => /Switch Hypervisor|Undo Hypervisor Switch|Refresh Installed Configs|Add Config Folder/.test(c)), commands);
    const errors = consoleLines.filter((l) => /^\[(error|pageerror)\]/.test(l) && /kata|worker/i.test(l));
    checks.check('no error of the extension or its worker in the browser console', errors.length === 0, errors.slice(0, 5));
  } catch (e) {
    checks.check('the web scenario ran to its end', false, e instanceof Error ? e.message : String(e));
    if (page) await shot('99-error').catch(() => {});
  } finally {
    writeFileSync(join(shots, 'browser-console.log'), consoleLines.join('\n') + '\n');
    await closeWorkbench(wb);
    if (!process.env.KATA_E2E_KEEP) run.remove();
    else log(TAG, `kept ${run.dir}`);
  }
  log(TAG, `web scenario: ${checks.passed} passed, ${checks.failed.length} failed${checks.failed.length ? `: ${checks.failed.join('; ')}` : ''}`);
  return checks.failed.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { vsix: { type: 'string' }, shots: { type: 'string' } } });
  process.exit(await runWebScenario({ vsix: values.vsix ? resolve(values.vsix) : undefined, shots: values.shots ? resolve(values.shots) : undefined }));
}
