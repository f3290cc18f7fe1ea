/**
 * The "Kata Containers" tree: runtime → install folder → config file → drop-ins, with the marks a
 * Kata operator needs (active, admin override, pinned by a runtime class, kata-deploy managed),
 * each file's problem count and its effective essentials (vCPUs, memory, ...) from the language server.
 */
import * as vscode from 'vscode';
import { describeInstalled, groupByRuntime, type ConfigEntry, type Discovery, type DropIn, type InstallRoot } from '../install';

export interface FileSummary {
  path: string;
  readable: boolean;
  release?: string;
  consistentReleases?: { since?: string; until?: string };
  releaseWhy?: string;
  errors?: number;
  warnings?: number;
  information?: number;
  /** The effective essentials (hypervisor binary, vCPUs, memory, ...): server kata/effective/essentials.ts. */
  essentials?: Array<{ label: string; key: string; value: string; origin: string }>;
}

export type TreeNode =
  | { type: 'runtime'; label: string; folders: Array<{ root: InstallRoot; files: ConfigEntry[] }> }
  | { type: 'folder'; root: InstallRoot; files: ConfigEntry[] }
  | { type: 'file'; entry: ConfigEntry }
  | { type: 'dropin'; dropIn: DropIn; entry: ConfigEntry }
  /** The file's effective configuration: its essentials below, the whole view on click. */
  | { type: 'effective'; entry: ConfigEntry; essentials: NonNullable<FileSummary['essentials']> }
  | { type: 'essential'; entry: ConfigEntry; essential: NonNullable<FileSummary['essentials']>[number] }
  | { type: 'message'; text: string; tooltip?: string };

function releaseText(entry: ConfigEntry, summary: FileSummary | undefined): string | undefined {
  if (entry.release && entry.release.source !== 'assumed') return entry.release.label;
  const r = summary?.consistentReleases;
  if (r?.since && r.until) return r.since === r.until ? r.since : `${r.since}–${r.until}`;
  return undefined;
}

function problemsText(s: FileSummary | undefined): string | undefined {
  if (!s?.readable) return undefined;
  const parts: string[] = [];
  if (s.errors) parts.push(`${s.errors} error${s.errors === 1 ? '' : 's'}`);
  if (s.warnings) parts.push(`${s.warnings} warning${s.warnings === 1 ? '' : 's'}`);
  return parts.length ? parts.join(', ') : undefined;
}

/** The short marks shown after a file's name, in the order that matters most. */
export function entryMarks(entry: ConfigEntry): string[] {
  const m: string[] = [];
  if (entry.marks.active) m.push('active');
  if (entry.marks.adminOverride) m.push(entry.marks.adminOverride.identical ? 'admin copy (unchanged)' : 'admin override');
  if (entry.marks.pinnedBy.length) m.push(`pinned by ${entry.marks.pinnedBy.map((h) => h.name).join(', ')}`);
  if (entry.marks.kataDeployManaged) m.push('kata-deploy');
  return m;
}

export class ConfigTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private discovery: Discovery | undefined;
  private summaries = new Map<string, FileSummary>();
  private loading: Promise<void> | undefined;

  constructor(
    private readonly discover: () => Promise<Discovery>,
    private readonly summarize: (files: ConfigEntry[]) => Promise<FileSummary[]>,
  ) {}

  get current(): Discovery | undefined {
    return this.discovery;
  }

  summaryOf(entry: ConfigEntry): FileSummary | undefined {
    return this.summaries.get(entry.path);
  }

  /** Re-reads the install folders; resolves when the tree is current. */
  refresh(): Promise<void> {
    this.loading = (async () => {
      this.discovery = await this.discover();
      this.changed.fire(undefined);
      const files = this.discovery.files.filter((f) => f.kind === 'file' || f.kind === 'symlink');
      try {
        const list = await this.summarize(files);
        this.summaries = new Map(list.map((s) => [s.path, s]));
      } catch {
        this.summaries = new Map(); // the language server is not ready: counts appear on the next refresh
      }
      this.changed.fire(undefined);
    })();
    return this.loading;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!this.discovery) await (this.loading ?? this.refresh());
    const d = this.discovery!;
    if (!node) {
      if (!d.files.length) return [];
      return groupByRuntime(d).map((g) => ({ type: 'runtime', label: g.label, folders: g.folders }));
    }
    switch (node.type) {
      case 'runtime':
        return node.folders.map((f) => ({ type: 'folder', root: f.root, files: f.files }));
      case 'folder':
        return node.files.length ? node.files.map((entry) => ({ type: 'file', entry })) : [{ type: 'message', text: 'no configuration files' }];
      case 'file': {
        const essentials = this.summaries.get(node.entry.path)?.essentials;
        const effective: TreeNode[] = essentials?.length ? [{ type: 'effective', entry: node.entry, essentials }] : [];
        return [...effective, ...node.entry.dropIns.map((dropIn): TreeNode => ({ type: 'dropin', dropIn, entry: node.entry }))];
      }
      case 'effective':
        return node.essentials.map((essential) => ({ type: 'essential', entry: node.entry, essential }));
      default:
        return [];
    }
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.type) {
      case 'runtime': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        const runtime = node.label === 'runtime-rs' ? 'rs' : node.label === 'Go runtime' ? 'go' : undefined;
        const active = this.discovery?.active.filter((a) => a.runtime === runtime) ?? [];
        if (runtime && !active.some((a) => a.realPath)) item.description = 'no active configuration';
        item.contextValue = 'kata.runtime';
        item.iconPath = new vscode.ThemeIcon('server-process');
        return item;
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.root.label, vscode.TreeItemCollapsibleState.Expanded);
        const installed = this.discovery?.installed[node.root.path];
        const kata = installed ? describeInstalled(installed) : undefined;
        item.description = [node.root.label.includes(node.root.path) ? undefined : node.root.path, kata?.label].filter(Boolean).join(' · ') || undefined;
        const where = `${node.root.path}${node.root.realPath !== node.root.path ? ` → ${node.root.realPath}` : ''}`;
        item.tooltip = kata ? new vscode.MarkdownString(`**${where}**\n\n${kata.label}: ${kata.detail}`) : where;
        item.resourceUri = vscode.Uri.file(node.root.fsPath);
        item.contextValue = 'kata.folder';
        item.iconPath = new vscode.ThemeIcon(node.root.kind === 'admin' ? 'gear' : 'folder-library');
        return item;
      }
      case 'file':
        return this.fileItem(node.entry);
      case 'dropin': {
        const d = node.dropIn;
        const item = new vscode.TreeItem(`${d.order}. ${d.name}`, vscode.TreeItemCollapsibleState.None);
        item.description = d.problems.length ? d.problems[0] : 'drop-in';
        item.tooltip = new vscode.MarkdownString(`**${d.path}**\n\nMerged over the base file in name order (later files win).${d.problems.map((p) => `\n\n- ${p}`).join('')}`);
        item.iconPath = new vscode.ThemeIcon(d.breaksLoading ? 'error' : d.problems.length ? 'warning' : d.kind === 'symlink' ? 'file-symlink-file' : 'file');
        item.contextValue = 'kata.dropin';
        if (d.kind === 'file' || d.kind === 'symlink') {
          item.resourceUri = vscode.Uri.file(d.fsPath);
          item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(d.fsPath)] };
        }
        return item;
      }
      case 'effective': {
        const item = new vscode.TreeItem('Effective configuration', vscode.TreeItemCollapsibleState.Expanded);
        item.description = node.entry.dropIns.length ? `with ${node.entry.dropIns.length} drop-in${node.entry.dropIns.length === 1 ? '' : 's'}` : undefined;
        item.tooltip = 'What Kata will use: the file, its config.d drop-ins, Kata\'s defaults and rewrites. Click for the whole configuration.';
        item.iconPath = new vscode.ThemeIcon('symbol-property');
        item.contextValue = 'kata.effective';
        item.command = { command: 'kata.showEffectiveConfiguration', title: 'Show Effective Configuration', arguments: [vscode.Uri.file(node.entry.fsPath)] };
        return item;
      }
      case 'essential': {
        const e = node.essential;
        const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.None);
        item.description = e.value;
        item.tooltip = new vscode.MarkdownString(`\`${e.key}\` = ${e.value}\n\nfrom ${e.origin}`);
        item.contextValue = 'kata.essential';
        return item;
      }
      case 'message':
        return Object.assign(new vscode.TreeItem(node.text), { tooltip: node.tooltip });
    }
  }

  private fileItem(entry: ConfigEntry): vscode.TreeItem {
    const summary = this.summaries.get(entry.path);
    const item = new vscode.TreeItem(entry.name, entry.dropIns.length || summary?.essentials?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const release = releaseText(entry, summary);
    const hv = entry.hypervisor?.displayName ?? (entry.kind === 'broken-symlink' ? 'broken link' : 'no hypervisor table');
    const points = entry.isMainConfig && entry.linkTarget ? `→ ${entry.linkTarget.split('/').pop()}` : undefined;
    item.description = [points, hv + (entry.variant ? ` (${entry.variant})` : ''), release, ...entryMarks(entry), problemsText(summary)].filter(Boolean).join(' · ');
    const lines = [
      `**${entry.path}**${entry.linkTarget ? ` → \`${entry.linkTarget}\`` : ''}`,
      '',
      `- hypervisor: ${hv}${entry.hypervisorTables.length > 1 ? ` (tables: ${entry.hypervisorTables.join(', ')})` : ''}`,
      `- runtime: ${entry.runtime === 'go' ? 'Go runtime' : 'runtime-rs'} (${entry.runtimeWhy})`,
    ];
    if (release) lines.push(`- release: ${release}${summary?.releaseWhy ? ` (${summary.releaseWhy})` : entry.release ? ` (${entry.release.why})` : ''}`);
    if (entry.installed && entry.release?.source !== 'installation') {
      const kata = describeInstalled(entry.installed);
      lines.push(`- installed: ${kata.label} (${kata.detail})`);
    }
    if (entry.marks.active) lines.push(`- **active**: loaded by ${entry.marks.activeFor.join(', ')}`);
    if (entry.marks.adminOverride) lines.push(`- admin override of \`${entry.marks.adminOverride.defaultPath}\`${entry.marks.adminOverride.identical ? ' (identical)' : ''}`);
    for (const h of entry.marks.pinnedBy) lines.push(`- pinned by the ${h.manager} runtime class \`${h.name}\``);
    if (entry.marks.kataDeployManaged) lines.push('- managed by kata-deploy: edits are lost on redeploy; use config.d drop-ins');
    for (const p of entry.problems) lines.push(`- ⚠ ${p}`);
    const counts = problemsText(summary);
    if (counts) lines.push(`- problems: ${counts}`);
    item.tooltip = new vscode.MarkdownString(lines.join('\n'));
    item.iconPath = new vscode.ThemeIcon(
      entry.kind === 'broken-symlink' || entry.kind === 'unreadable' ? 'error' : entry.isMainConfig && entry.kind === 'symlink' ? 'link' : entry.marks.active ? 'pass-filled' : summary?.errors ? 'error' : 'file',
    );
    const ctx = ['kata.file'];
    if (entry.switchable && !entry.marks.active) ctx.push('switchable');
    if (entry.marks.adminOverride) ctx.push('override');
    item.contextValue = ctx.join(' ');
    if (entry.kind === 'file' || entry.kind === 'symlink') {
      item.resourceUri = vscode.Uri.file(entry.realFsPath ?? entry.fsPath);
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(entry.fsPath)] };
    }
    return item;
  }
}
