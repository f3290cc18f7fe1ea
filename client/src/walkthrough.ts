/** The commands of the first-visit walkthrough (package.json contributes.walkthroughs). */
import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'kata.firstVisit';
/** Shipped in the VSIX (.vscodeignore): a QEMU config with four typical mistakes. */
const SAMPLE = 'samples/mistakes/configuration-qemu.toml';

export function registerWalkthroughCommands(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('kata.getStarted', () => vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false)),
    // An untitled copy: the user can try the quick fixes without editing a file of the extension.
    vscode.commands.registerCommand('kata.openSampleConfig', async () => {
      const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, SAMPLE)));
      const doc = await vscode.workspace.openTextDocument({ language: 'kata-toml', content });
      return vscode.window.showTextDocument(doc, { preview: false });
    }),
  );
}
