/** Status bar: the active hypervisor per runtime (click to switch) and the current file's detected target. */
import * as vscode from 'vscode';
import type { Discovery } from '../install';

export function activeSummary(d: Discovery | undefined): string | undefined {
  if (!d) return undefined;
  const parts: string[] = [];
  for (const a of d.active) {
    const entry = d.files.find((f) => f.path === a.realPath || f.realPath === a.realPath);
    const name = entry?.hypervisor?.displayName;
    if (!name) continue;
    const label = a.runtime === 'rs' ? `${name} (rs)` : name;
    if (!parts.includes(label)) parts.push(label);
  }
  return parts.length ? `Kata: ${parts.join(' · ')}` : undefined;
}

/** `4.1.0`, or `4.1.0 (of 3.24.0–4.1.0)` when the release was inferred from the content as a range. */
export function targetReleaseLabel(t: { release: string; consistentReleases?: { since?: string; until?: string } }): string {
  const r = t.consistentReleases;
  if (!r?.since || !r.until || r.since === r.until) return t.release;
  return `${t.release} (of ${r.since}–${r.until})`;
}

export class KataStatusBar implements vscode.Disposable {
  private readonly active = vscode.window.createStatusBarItem('kata.active', vscode.StatusBarAlignment.Left, 50);
  private readonly target = vscode.window.createStatusBarItem('kata.target', vscode.StatusBarAlignment.Right, 100);

  constructor() {
    this.active.name = 'Kata: active hypervisor';
    this.active.command = 'kata.switchHypervisor';
    this.target.name = 'Kata: target of this file';
  }

  showActive(d: Discovery | undefined): void {
    const text = activeSummary(d);
    if (!text) return this.active.hide();
    this.active.text = `$(server-process) ${text}`;
    this.active.tooltip = new vscode.MarkdownString(
      `${d!.active.map((a) => `- **${a.label}**: ${a.realPath ?? a.problem ?? 'nothing found'}`).join('\n')}\n\nClick to switch the hypervisor.`,
    );
    this.active.show();
  }

  showTarget(t: { runtime: string; release: string; consistentReleases?: { since?: string; until?: string }; arch: string; why: Record<string, string> } | null | undefined): void {
    if (!t) return this.target.hide();
    this.target.text = `Kata ${t.runtime === 'rs' ? 'runtime-rs' : 'Go'} ${targetReleaseLabel(t)} · ${t.arch}`;
    this.target.tooltip = new vscode.MarkdownString(
      `The file is checked as:\n\n- runtime: ${t.why.runtime}\n- release: ${t.why.release}\n- architecture: ${t.why.arch}\n\nOverride with \`# kata-config: runtime=rs release=3.20 arch=arm64\` or the kata.release / kata.arch settings.`,
    );
    this.target.show();
  }

  dispose(): void {
    this.active.dispose();
    this.target.dispose();
  }
}
