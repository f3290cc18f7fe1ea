/**
 * The installed-configs tree view, status bar and the switch / undo commands, in the real
 * extension host, against a copy of samples/install-root/ set as `kata.installRoot`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, suite, suiteSetup, suiteTeardown, test, until, workspaceRoot } from './helpers';

interface TreeApi {
  getChildren(node?: unknown): Promise<unknown[]>;
  getTreeItem(node: unknown): vscode.TreeItem;
}

interface Api {
  tree: TreeApi;
  refresh(): Promise<void>;
  statusText(): string | undefined;
  switchHypervisor(a: { runtime: 'go' | 'rs'; pick?: string; confirm?: boolean }): Promise<{ status: string | undefined; messages: string[] }>;
  undoSwitch(runtime?: 'go' | 'rs'): Promise<{ status: string | undefined; messages: string[] }>;
}

const label = (item: vscode.TreeItem) => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

async function flatten(tree: TreeApi): Promise<Array<{ depth: number; item: vscode.TreeItem }>> {
  const out: Array<{ depth: number; item: vscode.TreeItem }> = [];
  const walk = async (node: unknown, depth: number) => {
    for (const child of await tree.getChildren(node)) {
      out.push({ depth, item: tree.getTreeItem(child) });
      await walk(child, depth + 1);
    }
  };
  await walk(undefined, 0);
  return out;
}

suite('installed configs: tree view, status bar, switch and undo', () => {
  let api: Api;
  let root: string;
  const etcLink = () => path.join(root, 'etc/kata-containers/configuration.toml');

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    api = (await ext.activate()) as Api;
    root = fs.mkdtempSync(path.join(path.dirname(workspaceRoot()), 'install-root-'));
    fs.cpSync(path.join(workspaceRoot(), 'install-root'), root, { recursive: true, verbatimSymlinks: true });
    await vscode.workspace.getConfiguration('kata').update('installRoot', root, vscode.ConfigurationTarget.Global);
    await api.refresh();
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('kata').update('installRoot', undefined, vscode.ConfigurationTarget.Global);
  });

  test('the tree lists runtimes, install folders and configs with their hypervisor and marks', async () => {
    const rows = await until('the tree to list the sample configs', async () => {
      const all = await flatten(api.tree);
      return all.some((r) => label(r.item) === 'configuration-clh.toml') ? all : undefined;
    });
    const labels = rows.map((r) => label(r.item));
    assert.ok(labels.includes('Go runtime'), labels.join(' | '));
    assert.ok(labels.includes('runtime-rs'), labels.join(' | '));
    const clh = rows.find((r) => label(r.item) === 'configuration-clh.toml')!;
    assert.match(String(clh.item.description), /Cloud Hypervisor/);
    const qemu = rows.filter((r) => label(r.item) === 'configuration-qemu.toml').map((r) => String(r.item.description));
    assert.ok(qemu.some((d) => /QEMU/.test(d)), qemu.join(' | '));
    const dropIn = rows.find((r) => /50-debug\.toml$/.test(label(r.item)));
    assert.ok(dropIn, 'the config.d drop-in is a child of its base file');
    const active = rows.find((r) => /\bactive\b/.test(String(r.item.description)));
    assert.ok(active, `a file is marked active: ${rows.map((r) => `${label(r.item)} — ${r.item.description}`).join(' | ')}`);
  });

  test('the status bar names the active hypervisor', async () => {
    const text = await until('the status bar text', () => api.statusText());
    assert.match(text, /^Kata: .*QEMU/);
  });

  test('switching asks before replacing a regular configuration.toml, backs it up, and undo restores it', async () => {
    const before = fs.readFileSync(etcLink(), 'utf8');
    assert.ok(!fs.lstatSync(etcLink()).isSymbolicLink(), 'the sample /etc configuration.toml is a regular file');
    const refused = await api.switchHypervisor({ runtime: 'go', pick: 'Cloud Hypervisor', confirm: false });
    assert.equal(refused.status, undefined, 'without consent nothing happens');
    assert.equal(fs.readFileSync(etcLink(), 'utf8'), before);

    const done = await api.switchHypervisor({ runtime: 'go', pick: 'Cloud Hypervisor', confirm: true });
    assert.equal(done.status, 'applied', done.messages.join('\n'));
    assert.ok(fs.lstatSync(etcLink()).isSymbolicLink(), 'configuration.toml is now a symlink');
    assert.match(fs.readlinkSync(etcLink()), /configuration-clh\.toml$/);
    assert.match(done.messages.join('\n'), /Cloud Hypervisor/);
    await until('the status bar to show Cloud Hypervisor', () => (/Cloud Hypervisor/.test(api.statusText() ?? '') ? true : undefined));

    const undone = await api.undoSwitch('go');
    assert.equal(undone.status, 'undone', undone.messages.join('\n'));
    assert.ok(!fs.lstatSync(etcLink()).isSymbolicLink());
    assert.equal(fs.readFileSync(etcLink(), 'utf8'), before, 'the original file is back');
  });

  test('the switch command refuses a target outside the Kata folders', async () => {
    const outside = await api.switchHypervisor({ runtime: 'go', pick: 'no such hypervisor' });
    assert.equal(outside.status, undefined);
  });
});
