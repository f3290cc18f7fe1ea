/**
 * The extension in a browser (vscode.dev, github.dev; package.json `browser`): the language server
 * runs in a web worker (dist/browser/server.js) and sees the open documents only, from any file
 * system provider. What needs a machine — the installed-configs tree, the hypervisor switch, host
 * path checks, drop-ins read from disk — is not there (package.json hides its views and commands).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, KATA_LANGUAGE_ID, startEditorFeatures } from './editorFeatures';

declare const Worker: new (url: string, options?: { name?: string }) => ConstructorParameters<typeof LanguageClient>[3];

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient | undefined }> {
  // package.json's `when` clauses read it: the views and commands of the machine stay hidden.
  void vscode.commands.executeCommand('setContext', 'kata.web', true);
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const options = clientOptions({
    documentSelector: [{ language: KATA_LANGUAGE_ID }],
    // The codes' documentation inside the extension, as the Node server links the copy beside it.
    docsUrl: vscode.Uri.joinPath(context.extensionUri, 'docs', 'diagnostics.md').toString(),
  });
  client = new LanguageClient('kata', 'Kata Config', options, new Worker(serverMain.toString(true), { name: 'kata-config language server' }));
  const { started, showTarget } = startEditorFeatures(context, client);
  await started;
  void showTarget(vscode.window.activeTextEditor);
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
