/** The effective configuration in the real VS Code: inlay hints, the origin in the hover, the read-only view. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { hoverText, lineOf, openSample, suite, suiteSetup, test, until } from './helpers';

// The sample install root's admin file: its config.d/50-debug.toml turns enable_debug on.
const ADMIN = 'install-root/etc/kata-containers/configuration.toml';

const hintText = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));

suite('effective configuration in the real VS Code', () => {
  let doc: vscode.TextDocument;
  suiteSetup(async () => {
    doc = await openSample(ADMIN);
  });

  test('inlay hints after values a drop-in overrides, none after values used as written', async () => {
    const line = lineOf(doc, 'enable_debug = false');
    const hints = await until('inlay hints on the admin configuration.toml', async () => {
      const h = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, new vscode.Range(0, 0, doc.lineCount, 0));
      return h?.length ? h : undefined;
    });
    const at = hints.find((h) => h.position.line === line);
    assert.ok(at, `a hint on line ${line + 1}: ${JSON.stringify(hints.map((h) => [h.position.line, hintText(h)]))}`);
    assert.match(hintText(at), /^→ true \(config\.d\/50-debug\.toml:4\)$/);
    assert.strictEqual(at.position.character, doc.lineAt(line).text.length, 'after the value');
    assert.ok(!hints.some((h) => h.position.line === lineOf(doc, 'default_memory')), 'default_memory = 4096 is used as written');
  });

  test('the hover of an overridden key starts with its effective value and origin', async () => {
    const line = lineOf(doc, 'enable_debug = false');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 3));
    assert.match(hoverText(hovers), /^\*\*Effective value:\*\* `true` — set by a later file, drop-in .*50-debug\.toml:4/);
  });

  test('Kata: Show Effective Configuration opens a read-only TOML view beside the file, refreshed when the file changes', async () => {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('kata.showEffectiveConfiguration');
    const view = await until('the effective view', () => vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.uri.scheme === 'kata-effective'));
    assert.strictEqual(view.languageId, 'toml');
    assert.match(view.uri.path, /configuration \(effective\)\.toml$/);
    const text = view.getText();
    assert.match(text, /^# Effective configuration of .*configuration\.toml with 1 drop-in/);
    assert.match(text, /^enable_debug = true {2}# drop-in .*50-debug\.toml:4; overrides .*configuration\.toml:15$/m);
    assert.match(text, /^default_memory = 4096 {2}# .*configuration\.toml:10$/m);
    // An unsaved edit of the base file shows in the view.
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const line = lineOf(doc, 'default_memory = 4096');
    await editor.edit((b) => b.replace(doc.lineAt(line).range, 'default_memory = 0'));
    try {
      await until('the view to follow the edit', () => /^default_memory = 2048 {2}# Kata's rewrite of 0/m.test(view.getText()) || undefined, 10_000);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.deepStrictEqual(vscode.languages.getDiagnostics(view.uri), [], 'the view is not linted');
  });
});
