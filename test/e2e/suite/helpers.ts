/** Helpers of the extension-host suite. Runs inside VS Code: `vscode` is the real API. */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

// mocha's TDD interface, which mocha puts on the global object before it loads each test file.
// Looked up at call time; declared here so the suite needs no @types/mocha.
type Body = () => void | Promise<unknown>;
const tdd = globalThis as unknown as Record<'suite' | 'test' | 'suiteSetup' | 'suiteTeardown' | 'setup', (...args: unknown[]) => unknown>;
export const suite = (title: string, body: () => void): void => void tdd.suite(title, body);
export const test = (title: string, body: Body): void => void tdd.test(title, body);
export const suiteSetup = (body: Body): void => void tdd.suiteSetup(body);
export const suiteTeardown = (body: Body): void => void tdd.suiteTeardown(body);

export const EXTENSION_ID = 'kata-config.kata-config';
export const KATA_LANGUAGE_ID = 'kata-toml';

/** The API `activate` returns (client/src/extension.ts: KataConfigApi), as far as the tests use it. */
export interface KataConfigApi {
  readonly client: { isRunning(): boolean } | undefined;
}

/** The sample workspace (a copy of samples/ made by the launcher). */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the samples folder open as the workspace');
  return folder.uri.fsPath;
}

export const sampleUri = (relative: string): vscode.Uri => vscode.Uri.file(path.join(workspaceRoot(), relative));

export async function openSample(relative: string, show = true): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(sampleUri(relative));
  if (show) await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** Polls `probe` until it returns something truthy; fails with `what` after `ms`. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    last = await probe();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timeout after ${ms / 1000}s waiting for ${what}`);
}

/** The (0-based) line of the first line that starts with `prefix`. */
export function lineOf(doc: vscode.TextDocument, prefix: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(prefix)) return i;
  throw new Error(`no line starting with ${JSON.stringify(prefix)} in ${doc.uri.fsPath}`);
}

export function diagnosticCode(d: vscode.Diagnostic): string {
  const code = d.code;
  return String(typeof code === 'object' && code !== null ? code.value : code);
}

export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

export function completionLabels(list: vscode.CompletionList | vscode.CompletionItem[] | undefined): string[] {
  const items = Array.isArray(list) ? list : list?.items ?? [];
  return items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

/** Languages of open documents, read fresh (setTextDocumentLanguage replaces the document object). */
export function languageOf(uri: vscode.Uri): string | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.languageId;
}
