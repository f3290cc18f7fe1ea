/**
 * The VS Code client: starts the kata-config language server over stdio and gives Kata config
 * files their own language id, also for `.toml` files whose content shows a `[hypervisor.<name>]`
 * table.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { looksLikeKataConfig } from './detect';

export const KATA_LANGUAGE_ID = 'kata-toml';

let client: LanguageClient | undefined;

/** Switches a plain TOML document to the Kata language when its content is a Kata config. */
async function adoptIfKata(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'toml' || !looksLikeKataConfig(doc.getText())) return;
  await vscode.languages.setTextDocumentLanguage(doc, KATA_LANGUAGE_ID);
}

export interface KataConfigApi {
  /** The running language client (for tests and other extensions). */
  readonly client: LanguageClient | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<KataConfigApi> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.stdio },
    debug: { module: serverModule, transport: TransportKind.stdio, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const settings = () => {
    const c = vscode.workspace.getConfiguration('kata');
    return { release: c.get<string>('release', ''), arch: c.get<string>('arch', ''), hostChecks: c.get<string>('hostChecks', 'auto') };
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: KATA_LANGUAGE_ID }],
    initializationOptions: { settings: settings() },
    synchronize: { configurationSection: 'kata', fileEvents: vscode.workspace.createFileSystemWatcher('**/*.toml') },
  };
  client = new LanguageClient('kata-config', 'Kata Config', serverOptions, clientOptions);

  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((doc) => void adoptIfKata(doc)));
  for (const doc of vscode.workspace.textDocuments) void adoptIfKata(doc);

  await client.start();
  return { client };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
