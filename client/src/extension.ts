/**
 * The VS Code client on Node: starts the kata-config language server over stdio, with what both
 * entries share (editorFeatures.ts: language ids, the effective-configuration view, the target in
 * the status bar), and adds what needs this machine: the "Kata Containers" tree of installed
 * configs, the switch/undo commands and the active hypervisors in the status bar. The browser entry
 * is browserExtension.ts.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SERVER_NODE_OPTIONS } from './serverLaunch';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { clientOptions, KATA_LANGUAGE_ID, serverSettings, startEditorFeatures } from './editorFeatures';
import { createVersionRunner, discoverConfigs, watchTargets, type ConfigEntry, type Runtime } from './install';
import { switchHypervisor, undoSwitch, type SwitchDeps } from './commands/switchHypervisor';
import { ConfigTreeProvider, type FileSummary, type TreeNode } from './views/configTree';
import { activeSummary } from './views/statusBar';

let client: LanguageClient | undefined;

export interface KataConfigApi {
  /** The running language client (for tests and other extensions). */
  readonly client: LanguageClient | undefined;
  readonly tree: ConfigTreeProvider;
  refresh(): Promise<void>;
  /** The status bar text of the active hypervisors, e.g. "Kata: QEMU · Dragonball (rs)". */
  statusText(): string | undefined;
  /** The switch command with scripted answers instead of prompts (tests): `pick` is part of the choice's label. */
  switchHypervisor(answers: { runtime: Runtime; target?: string; pick?: string; confirm?: boolean }): Promise<{ status: string | undefined; messages: string[] }>;
  undoSwitch(runtime?: Runtime): Promise<{ status: string | undefined; messages: string[] }>;
}

function settings() {
  const c = vscode.workspace.getConfiguration('kata');
  return {
    ...serverSettings(),
    installRoot: c.get<string>('installRoot', '/') || '/',
    configRoots: c.get<string[]>('configRoots', []),
    kataRuntimePath: c.get<string>('kataRuntimePath', ''),
  };
}

function entryOf(node: TreeNode | vscode.Uri | undefined, tree: ConfigTreeProvider): ConfigEntry | undefined {
  if (!node) return undefined;
  if (node instanceof vscode.Uri) return tree.current?.files.find((f) => f.fsPath === node.fsPath || f.realFsPath === node.fsPath);
  return node.type === 'file' || node.type === 'dropin' || node.type === 'effective' || node.type === 'essential' ? node.entry : undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<KataConfigApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // The server keeps its V8 code cache (a faster next start) in this extension's storage.
  const env = { ...process.env, KATA_CONFIG_CACHE_DIR: context.globalStorageUri.fsPath };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: SERVER_NODE_OPTIONS, env } },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'], env } },
  };
  const options: LanguageClientOptions = clientOptions({
    // Markdown too: the server checks the pages of a Kata checkout against Kata, and leaves the others alone.
    documentSelector: [{ language: KATA_LANGUAGE_ID }, { language: 'markdown', scheme: 'file' }],
    // config.d drop-ins need not end in .toml (Kata reads every entry): their changes move effective values too.
    fileEvents: [vscode.workspace.createFileSystemWatcher('**/*.toml'), vscode.workspace.createFileSystemWatcher('**/config.d/*')],
  });
  // The id 'kata' makes vscode-languageclient read the kata.trace.server setting; its output goes to the Kata Config channel.
  client = new LanguageClient('kata', 'Kata Config', serverOptions, options);
  const { started, status, showTarget } = startEditorFeatures(context, client, (node) => {
    const entry = entryOf(node as TreeNode | undefined, tree);
    return entry && vscode.Uri.file(entry.fsPath);
  });

  // ---- installed configs tree ----
  const summarize = async (files: ConfigEntry[]): Promise<FileSummary[]> => {
    await started;
    return (await client!.sendRequest('kataConfig/fileSummaries', { files: files.map((f) => ({ path: f.path, fsPath: f.fsPath })) })) as FileSummary[];
  };
  // `--version` of the installed shims / kata-runtime tells a release no file records (kata-deploy
  // from 3.32 writes no VERSION); binaries run only in trusted workspaces, on this machine's root.
  const versionRunner = createVersionRunner({ timeoutMs: 5000 });
  const tree = new ConfigTreeProvider(() => {
    const cfg = settings();
    const runVersion = vscode.workspace.isTrusted && cfg.installRoot === '/' ? versionRunner : undefined;
    return discoverConfigs(cfg.installRoot, {
      configRoots: cfg.configRoots,
      targetSettings: { release: cfg.release || undefined, arch: cfg.arch || undefined },
      installedRelease: { runVersion },
    });
  }, summarize);
  let watchers: vscode.Disposable[] = [];
  let refreshTimer: NodeJS.Timeout | undefined;
  const refresh = async (): Promise<void> => {
    // The tree's welcome text: "looking" while discovery runs, then what was searched (this machine or kata.installRoot).
    void vscode.commands.executeCommand('setContext', 'kata.customInstallRoot', settings().installRoot !== '/');
    void vscode.commands.executeCommand('setContext', 'kata.discovering', true);
    try {
      await tree.refresh();
    } finally {
      // Found first, so that "none were found" never flashes before the tree fills.
      await vscode.commands.executeCommand('setContext', 'kata.configsFound', (tree.current?.files.length ?? 0) > 0);
      void vscode.commands.executeCommand('setContext', 'kata.discovering', false);
      void vscode.commands.executeCommand('setContext', 'kata.discoveryDone', true);
    }
    status.showActive(tree.current);
    watchers.forEach((w) => w.dispose());
    watchers = watchTargets(tree.current!).map((dir) => {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*'));
      const later = () => {
        if (refreshTimer) clearTimeout(refreshTimer);
        refreshTimer = setTimeout(() => void refresh(), 500);
      };
      w.onDidCreate(later);
      w.onDidDelete(later);
      w.onDidChange(later);
      return w;
    });
  };
  context.subscriptions.push({ dispose: () => watchers.forEach((w) => w.dispose()) });
  for (const id of ['kata.configs', 'kata.configsExplorer']) context.subscriptions.push(vscode.window.createTreeView(id, { treeDataProvider: tree, showCollapseAll: true }));

  const stateDir = context.globalStorageUri.fsPath;
  const switchDeps = (extra: Partial<SwitchDeps> = {}): SwitchDeps => ({
    root: () => settings().installRoot,
    stateDir,
    refresh,
    kataRuntimePath: () => (vscode.workspace.isTrusted ? settings().kataRuntimePath || undefined : undefined),
    ...extra,
  });

  const command = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  command('kata.refreshConfigs', () => refresh());

  command('kata.switchHypervisor', () => switchHypervisor(switchDeps()));
  command('kata.undoSwitch', () => undoSwitch(switchDeps()));
  command('kata.setActive', (node?: TreeNode) => {
    const entry = entryOf(node, tree);
    return entry ? switchHypervisor(switchDeps(), { runtime: entry.runtime, target: entry.path }) : undefined;
  });
  command('kata.openConfig', (node?: TreeNode) => {
    const entry = entryOf(node, tree);
    return entry && vscode.window.showTextDocument(vscode.Uri.file(entry.fsPath));
  });
  command('kata.openConfigToSide', (node?: TreeNode) => {
    const entry = entryOf(node, tree);
    return entry && vscode.window.showTextDocument(vscode.Uri.file(entry.fsPath), { viewColumn: vscode.ViewColumn.Beside });
  });
  command('kata.compareWithDefault', (node?: TreeNode) => {
    const entry = entryOf(node, tree);
    const o = entry?.marks.adminOverride;
    if (!entry || !o) return vscode.window.showInformationMessage('This file does not override a shipped default.');
    return vscode.commands.executeCommand('vscode.diff', vscode.Uri.file(o.defaultFsPath), vscode.Uri.file(entry.fsPath), `${path.basename(entry.path)}: shipped ↔ ${path.dirname(entry.path)}`);
  });
  command('kata.revealConfig', (node?: TreeNode) => {
    const entry = entryOf(node, tree);
    return entry && vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(entry.fsPath));
  });
  command('kata.copyPath', async (node?: TreeNode) => {
    const entry = entryOf(node, tree);
    if (entry) await vscode.env.clipboard.writeText(entry.path);
  });
  command('kata.addConfigRoot', async () => {
    const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Add Kata Config Folder' });
    if (!picked?.length) return;
    const cfg = vscode.workspace.getConfiguration('kata');
    const roots = cfg.get<string[]>('configRoots', []);
    if (!roots.includes(picked[0].fsPath)) await cfg.update('configRoots', [...roots, picked[0].fsPath], vscode.ConfigurationTarget.Global);
    await refresh();
  });

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kata')) void refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void refresh()),
  );

  await started;
  void showTarget(vscode.window.activeTextEditor);
  void refresh();

  const scripted = async (run: (deps: SwitchDeps) => Promise<string | undefined>) => {
    const messages: string[] = [];
    const status = await run(switchDeps({ log: (m) => messages.push(m), prompts: {} }));
    return { status, messages };
  };
  return {
    client,
    tree,
    refresh,
    statusText: () => activeSummary(tree.current),
    switchHypervisor: (a) =>
      scripted((deps) =>
        switchHypervisor(
          { ...deps, prompts: { pickTarget: async (labels) => labels.find((l) => a.pick !== undefined && l.includes(a.pick)), confirm: async () => a.confirm ?? false } },
          { runtime: a.runtime, target: a.target },
        ),
      ),
    undoSwitch: (runtime) => scripted((deps) => undoSwitch(deps, runtime)),
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
