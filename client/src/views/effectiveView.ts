/**
 * "Kata: Show Effective Configuration": a read-only TOML document of what Kata will use for a config
 * file (its values after config.d drop-ins, Kata's defaults and rewrites, each with an origin
 * comment), from the server's kataConfig/effective request. It is rebuilt when the file, a drop-in
 * or any Kata document changes.
 */
import * as vscode from 'vscode';
import { basename, dirname } from '../../../server/src/posixPath';

export const EFFECTIVE_SCHEME = 'kata-effective';

export interface EffectiveAnswer {
  text: string;
  base: string;
  dropIns: string[];
}

/** The view's URI for a config file: its name says what it is; the query holds the file's URI. */
export function effectiveUri(file: vscode.Uri): vscode.Uri {
  const dir = dirname(file.path);
  const name = basename(file.path).replace(/\.toml$/, '');
  return vscode.Uri.from({ scheme: EFFECTIVE_SCHEME, path: `${dir}/${name} (effective).toml`, query: file.toString() });
}

export class EffectiveViewProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly request: (fileUri: string) => Promise<EffectiveAnswer | null>) {
    const later = () => this.refreshSoon();
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.scheme !== EFFECTIVE_SCHEME && this.openViews().length) later();
      }),
    );
    for (const glob of ['**/*.toml', '**/config.d/*']) {
      const w = vscode.workspace.createFileSystemWatcher(glob);
      w.onDidChange(later);
      w.onDidCreate(later);
      w.onDidDelete(later);
      this.subscriptions.push(w);
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const file = vscode.Uri.parse(uri.query);
    try {
      const answer = await this.request(file.toString());
      return answer ? answer.text : `# kata-config: ${file.fsPath} cannot be read.\n`;
    } catch (e) {
      return `# kata-config: the effective configuration of ${file.fsPath} is not available: ${(e as Error).message}\n`;
    }
  }

  /** Every open view is rebuilt (after a short pause, so a burst of keystrokes costs one request per view). */
  refreshSoon(delayMs = 250): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      for (const uri of this.openViews()) this.changed.fire(uri);
    }, delayMs);
  }

  private openViews(): vscode.Uri[] {
    return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === EFFECTIVE_SCHEME && !d.isClosed).map((d) => d.uri);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.changed.dispose();
  }
}

/** Opens the view of `file` (beside the editor when asked from one) and returns its document. */
export async function showEffective(file: vscode.Uri, beside: boolean): Promise<vscode.TextDocument> {
  let doc = await vscode.workspace.openTextDocument(effectiveUri(file));
  // Plain TOML: the view is Kata's values, not a file to lint (the Kata language would send it to the server).
  if (doc.languageId !== 'toml') doc = await vscode.languages.setTextDocumentLanguage(doc, 'toml');
  await vscode.window.showTextDocument(doc, { preview: false, viewColumn: beside ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active });
  return doc;
}
