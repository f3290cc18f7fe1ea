/**
 * What both entries of the extension (extension.ts on Node, browserExtension.ts in a browser) do
 * with their language client: Kata files get their language id (also `.toml` files whose content
 * has a `[hypervisor.<name>]` table), the client's options and settings, the codes' documentation
 * links, the walkthrough's commands, the read-only effective-configuration view and the status
 * bar's target of the current file. No Node import.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { looksLikeKataConfig } from './detect';
import { SHOW_DIAGNOSTIC_DOCS, showDiagnosticDocs, withDocsCommands } from './docs/diagnosticDocs';
import { registerWalkthroughCommands } from './walkthrough';
import { KataStatusBar } from './views/statusBar';
import { EFFECTIVE_SCHEME, EffectiveViewProvider, showEffective, type EffectiveAnswer } from './views/effectiveView';

export const KATA_LANGUAGE_ID = 'kata-toml';

/** Switches a plain TOML document to the Kata language when its content is a Kata config. */
async function adoptIfKata(doc: vscode.TextDocument): Promise<void> {
  if (doc.languageId !== 'toml' || doc.uri.scheme === EFFECTIVE_SCHEME || !looksLikeKataConfig(doc.getText())) return;
  await vscode.languages.setTextDocumentLanguage(doc, KATA_LANGUAGE_ID);
}

/** The kata.* settings the language server reads (initializationOptions.settings, then didChangeConfiguration). */
export function serverSettings() {
  const c = vscode.workspace.getConfiguration('kata');
  return {
    release: c.get<string>('release', ''),
    arch: c.get<string>('arch', ''),
    hostChecks: c.get<string>('hostChecks', 'auto'),
    inlayHints: { effectiveValues: c.get<boolean>('inlayHints.effectiveValues', true) },
    templateArch: c.get<string>('templateArch', ''),
  };
}

/** The client options of both entries: what differs is which documents the server sees, where the codes' docs are, which file events it gets. */
export function clientOptions(options: { documentSelector: LanguageClientOptions['documentSelector']; docsUrl?: string; fileEvents?: vscode.FileSystemWatcher[] }): LanguageClientOptions {
  return {
    documentSelector: options.documentSelector,
    initializationOptions: { settings: serverSettings(), ...(options.docsUrl ? { docsUrl: options.docsUrl } : {}) },
    synchronize: { configurationSection: 'kata', ...(options.fileEvents ? { fileEvents: options.fileEvents } : {}) },
    middleware: { handleDiagnostics: (uri, diagnostics, next) => next(uri, withDocsCommands(diagnostics)) },
  };
}

/**
 * Starts `client` and registers the features of the open documents on it. `fileOfNode`: the config
 * file of a command argument that is not a URI (the Node entry's tree nodes).
 */
export function startEditorFeatures(context: vscode.ExtensionContext, client: BaseLanguageClient, fileOfNode?: (node: unknown) => vscode.Uri | undefined): { started: Promise<void>; status: KataStatusBar; showTarget(editor: vscode.TextEditor | undefined): Promise<void> } {
  context.subscriptions.push(vscode.commands.registerCommand(SHOW_DIAGNOSTIC_DOCS, (page: string, code: string) => showDiagnosticDocs(page, code)));
  registerWalkthroughCommands(context);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((doc) => void adoptIfKata(doc)));
  for (const doc of vscode.workspace.textDocuments) void adoptIfKata(doc);
  const started = client.start();

  const status = new KataStatusBar();
  context.subscriptions.push(status);

  // ---- the effective configuration view ----
  const effectiveView = new EffectiveViewProvider(async (uri) => {
    await started;
    return (await client.sendRequest('kataConfig/effective', { uri })) as EffectiveAnswer | null;
  });
  context.subscriptions.push(effectiveView, vscode.workspace.registerTextDocumentContentProvider(EFFECTIVE_SCHEME, effectiveView));
  context.subscriptions.push(
    vscode.commands.registerCommand('kata.showEffectiveConfiguration', async (node?: unknown) => {
      const fromEditor = node === undefined;
      const file = node instanceof vscode.Uri ? node : (fileOfNode?.(node) ?? vscode.window.activeTextEditor?.document.uri);
      if (!file || file.scheme === EFFECTIVE_SCHEME) return vscode.window.showInformationMessage('Open a Kata configuration file first, or pick one in the Kata Containers view.');
      return showEffective(file, fromEditor && vscode.window.activeTextEditor !== undefined);
    }),
  );

  // ---- the detected target of the current file ----
  const showTarget = async (editor: vscode.TextEditor | undefined) => {
    if (!editor || editor.document.languageId !== KATA_LANGUAGE_ID) return status.showTarget(null);
    await started;
    status.showTarget(await client.sendRequest('kataConfig/target', { uri: editor.document.uri.toString() }));
  };
  context.subscriptions.push(vscode.window.onDidChangeActiveTextEditor((e) => void showTarget(e)));
  context.subscriptions.push(
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === vscode.window.activeTextEditor?.document) void showTarget(vscode.window.activeTextEditor);
    }),
  );
  return { started, status, showTarget };
}
