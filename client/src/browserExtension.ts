/**
 * The extension in a browser (vscode.dev, github.dev; package.json `browser`): the language server
 * runs in a web worker (dist/browser/server.js) and sees the open documents only, from any file
 * system provider. What needs a machine — the installed-configs tree, the hypervisor switch, host
 * path checks, drop-ins read from disk — is not there (package.json hides its views and commands).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions, KATA_LANGUAGE_ID, startEditorFeatures } from './editorFeatures';

type WebWorker = ConstructorParameters<typeof LanguageClient>[3];
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;
declare const URL: { createObjectURL(blob: object): string };
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare function fetch(url: string): Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

/**
 * The language server's worker. VS Code's web extension host refuses a worker script at a
 * vscode-remote: URL (an extension installed on the server of code-server or another remote, run in
 * the browser); its fetch reads that URL, so the script is started from a blob then.
 */
async function startWorker(script: vscode.Uri): Promise<WebWorker> {
  const options = { name: 'kata-config language server' };
  if (script.scheme !== 'vscode-remote') return new Worker(script.toString(true), options);
  const response = await fetch(script.toString(true));
  if (!response.ok) throw new Error(`${script.toString(true)}: HTTP ${response.status}`);
  return new Worker(URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' })), options);
}

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
  client = new LanguageClient('kata', 'Kata Config', options, await startWorker(serverMain));
  const { started, showTarget } = startEditorFeatures(context, client);
  await started;
  void showTarget(vscode.window.activeTextEditor);
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
