/**
 * "Kata: Switch Hypervisor" and "Kata: Undo Hypervisor Switch": a quick pick over the hypervisors
 * installed for a runtime, then the install module's atomic, journaled switch. When permission is
 * denied the exact root commands are offered in a terminal (with sudo), never built from a shell
 * string of file names we did not quote.
 */
import * as vscode from 'vscode';
import {
  applySwitch,
  applyUndo,
  checkActiveWithTool,
  listSwitchChoices,
  planSwitch,
  planUndo,
  recordExternalSwitch,
  recordExternalUndo,
  renderCommands,
  runKataEnv,
  type PrivilegedCommand,
  type Runtime,
  type SwitchPlanOk,
} from '../install';

export interface SwitchDeps {
  root: () => string;
  stateDir: string;
  refresh: () => Promise<void>;
  /** The `kata.kataRuntimePath` setting, honoured only in trusted workspaces. */
  kataRuntimePath: () => string | undefined;
  /** For tests: answers instead of UI prompts. */
  prompts?: {
    pickRuntime?: () => Promise<Runtime | undefined>;
    pickTarget?: (labels: string[]) => Promise<string | undefined>;
    confirm?: (message: string) => Promise<boolean>;
  };
  /** Every message shown, for tests. */
  log?: (message: string) => void;
}

const RUNTIMES: Array<{ runtime: Runtime; label: string }> = [
  { runtime: 'go', label: 'Go runtime (containerd-shim-kata-v2)' },
  { runtime: 'rs', label: 'runtime-rs' },
];

async function pickRuntime(deps: SwitchDeps, preset?: Runtime): Promise<Runtime | undefined> {
  if (preset) return preset;
  if (deps.prompts?.pickRuntime) return deps.prompts.pickRuntime();
  const pick = await vscode.window.showQuickPick(
    RUNTIMES.map((r) => ({ label: r.label, runtime: r.runtime })),
    { title: 'Kata: Switch Hypervisor', placeHolder: 'Which Kata runtime?' },
  );
  return pick?.runtime;
}

function say(deps: SwitchDeps, kind: 'info' | 'warning' | 'error', message: string, ...actions: string[]): Thenable<string | undefined> {
  deps.log?.(message);
  if (deps.prompts) return Promise.resolve(undefined);
  if (kind === 'error') return vscode.window.showErrorMessage(message, ...actions);
  if (kind === 'warning') return vscode.window.showWarningMessage(message, ...actions);
  return vscode.window.showInformationMessage(message, ...actions);
}

/** Runs root commands in a terminal with sudo, then asks the user to confirm they ran. */
async function runAsRoot(deps: SwitchDeps, commands: PrivilegedCommand[], what: string): Promise<boolean> {
  const text = renderCommands(commands);
  const choice = await say(deps, 'warning', `Permission denied: ${what} needs root. Run these commands?\n${commands.map((c) => `• ${c.why}`).join('\n')}`, 'Run in Terminal with sudo', 'Copy Commands');
  if (choice === 'Copy Commands') {
    await vscode.env.clipboard.writeText(text);
    return false;
  }
  if (choice !== 'Run in Terminal with sudo') return false;
  const terminal = vscode.window.createTerminal({ name: 'Kata: switch (root)' });
  terminal.show();
  terminal.sendText(text);
  const done = await vscode.window.showInformationMessage('When the commands in the terminal have finished, continue.', { modal: true }, 'They ran');
  return done === 'They ran';
}

async function confirmKataView(deps: SwitchDeps, plan: SwitchPlanOk, runtime: Runtime): Promise<string | undefined> {
  const configured = deps.kataRuntimePath();
  if (!vscode.workspace.isTrusted || deps.root() !== '/') return undefined;
  if (configured && runtime === 'go') {
    const r = await runKataEnv(configured, { timeoutMs: 10000 });
    return r.ok ? `${configured} env: hypervisor ${r.hypervisorPath ?? 'unknown'}${r.configPath ? `, config ${r.configPath}` : ''}` : r.error;
  }
  const check = await checkActiveWithTool(deps.root(), runtime, plan.newRealPath, { timeoutMs: 10000 });
  return check.ran ? check.message : undefined;
}

export async function switchHypervisor(deps: SwitchDeps, preset?: { runtime?: Runtime; target?: string }): Promise<string | undefined> {
  const runtime = await pickRuntime(deps, preset?.runtime);
  if (!runtime) return undefined;
  const root = deps.root();
  let target = preset?.target;
  if (!target) {
    const { choices, current } = await listSwitchChoices(root, runtime);
    if (!choices.length) {
      await say(deps, 'warning', `No ${runtime === 'go' ? 'Go runtime' : 'runtime-rs'} hypervisor configs were found under ${root}.`);
      return undefined;
    }
    // When the active file is none of the choices (a hand-written /etc file), mark its hypervisor.
    const inUse = (c: (typeof choices)[number]) => c.current || (!choices.some((x) => x.current) && !!current?.hypervisor && c.hypervisor.table === current.hypervisor.table);
    const items = choices.map((c) => ({
      label: c.current || !inUse(c) ? c.label : `$(check) ${c.label}`,
      description: c.current || !inUse(c) ? c.description : `in use (${current!.realPath}) · ${c.description}`,
      target: c.target,
      picked: inUse(c),
    }));
    if (deps.prompts?.pickTarget) {
      const label = await deps.prompts.pickTarget(choices.map((c) => c.label));
      target = choices.find((c) => c.label === label)?.target;
    } else {
      const qp = vscode.window.createQuickPick<(typeof items)[number]>();
      qp.title = `Kata: Switch Hypervisor (${runtime === 'go' ? 'Go runtime' : 'runtime-rs'})`;
      qp.placeholder = 'The hypervisor new sandboxes should use';
      qp.matchOnDescription = true;
      qp.items = items;
      const current = items.find((i) => i.picked);
      if (current) qp.activeItems = [current];
      target = await new Promise<string | undefined>((resolve) => {
        qp.onDidAccept(() => resolve(qp.selectedItems[0]?.target));
        qp.onDidHide(() => resolve(undefined));
        qp.show();
      });
      qp.dispose();
    }
  }
  if (!target) return undefined;
  const plan = await planSwitch(root, runtime, target);
  if (!plan.ok) {
    await say(deps, 'error', `Cannot switch: ${plan.refusal}`);
    return undefined;
  }
  if (plan.noop) {
    await say(deps, 'info', `${plan.hypervisor.displayName} is already the active hypervisor.`);
    return 'noop';
  }
  if (plan.needsConsent) {
    const ok = deps.prompts?.confirm
      ? await deps.prompts.confirm(plan.consentMessage ?? '')
      : (await vscode.window.showWarningMessage(plan.consentMessage ?? 'configuration.toml is a regular file.', { modal: true }, 'Back It Up and Switch')) === 'Back It Up and Switch';
    if (!ok) return undefined;
  }
  let result = await applySwitch(plan, { stateDir: deps.stateDir, allowReplaceRegularFile: plan.needsConsent });
  if (result.status === 'needs-root' && result.commands && (await runAsRoot(deps, result.commands, `switching to ${plan.hypervisor.displayName}`))) {
    result = await recordExternalSwitch(plan, { stateDir: deps.stateDir });
  }
  await deps.refresh();
  if (result.status !== 'applied' && result.status !== 'noop') {
    await say(deps, result.status === 'needs-root' ? 'warning' : 'error', result.message);
    return result.status;
  }
  const lines = [result.message, ...plan.effects.takesEffect, ...plan.effects.doesNotTakeEffect, ...plan.effects.warnings, ...plan.notes, ...result.warnings];
  const tool = await confirmKataView(deps, plan, runtime);
  if (tool) lines.push(tool);
  // The toast's Undo button: not awaited, a notification can stay open for as long as the user likes.
  void say(deps, plan.effects.warnings.length || plan.effects.pinnedElsewhere.length ? 'warning' : 'info', lines.join(' '), 'Undo').then((choice) => (choice === 'Undo' ? undoSwitch(deps, runtime) : undefined));
  return result.status;
}

export async function undoSwitch(deps: SwitchDeps, runtime?: Runtime): Promise<string | undefined> {
  const plan = await planUndo(deps.root(), { stateDir: deps.stateDir, runtime });
  if (!plan.ok) {
    await say(deps, 'warning', `Nothing to undo: ${plan.refusal}`);
    return undefined;
  }
  let result = await applyUndo(plan, { stateDir: deps.stateDir });
  if (result.status === 'needs-root' && result.commands && (await runAsRoot(deps, result.commands, 'undoing the switch'))) {
    result = await recordExternalUndo(plan, { stateDir: deps.stateDir });
  }
  await deps.refresh();
  await say(deps, result.status === 'undone' ? 'info' : 'error', [result.message, ...result.warnings].join(' '));
  return result.status;
}
