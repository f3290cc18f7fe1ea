import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  completionLabels, diagnosticCode, hoverText, lineOf, openSample, suite, suiteSetup, test, until,
} from './helpers';

const MISTAKES = 'mistakes/configuration-qemu.toml';
const CLEAN = 'go/configuration-qemu.toml';

suite('language server features in the real VS Code', () => {
  let mistakes: vscode.TextDocument;
  let clean: vscode.TextDocument;

  suiteSetup(async () => {
    clean = await openSample(CLEAN);
    mistakes = await openSample(MISTAKES);
  });

  test('diagnostics: a typo, a wrong type, an invalid value and a key of another hypervisor', async () => {
    const expected = ['kata-unknown-key', 'kata-type-mismatch', 'kata-invalid-value', 'kata-key-other-hypervisor'];
    const diags = await until(`diagnostics ${expected.join(', ')} on ${MISTAKES}`, () => {
      const d = vscode.languages.getDiagnostics(mistakes.uri);
      return expected.every((c) => d.some((x) => diagnosticCode(x) === c)) ? d : undefined;
    });
    const seen = diags.map((d) => `${diagnosticCode(d)} ${mistakes.getText(d.range)} ${vscode.DiagnosticSeverity[d.severity]} ${d.source}`);
    assert.deepStrictEqual(seen.sort(), [
      'kata-invalid-value "virtiofs" Error kata-config',
      'kata-key-other-hypervisor jailer_path Warning kata-config',
      'kata-type-mismatch "2" Error kata-config',
      'kata-unknown-key default_memmory Warning kata-config',
    ]);
    const typo = diags.find((d) => diagnosticCode(d) === 'kata-unknown-key');
    assert.match(typo?.message ?? '', /default_memory/, 'the typo diagnostic suggests default_memory');
    // The well-formed sample next to it has no problems at all.
    assert.deepStrictEqual(vscode.languages.getDiagnostics(clean.uri).map((d) => `${diagnosticCode(d)}: ${d.message}`), []);
  });

  test('diagnostics: runtime-rs Dragonball mistakes', async () => {
    const doc = await openSample('mistakes/configuration-dragonball.toml', false);
    const diags = await until('diagnostics on mistakes/configuration-dragonball.toml', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length >= 3 ? d : undefined;
    });
    assert.deepStrictEqual(diags.map((d) => `${diagnosticCode(d)} ${doc.getText(d.range)}`).sort(), [
      'kata-invalid-value "virtio-scsi"',
      'kata-key-other-table enable_iothreads',
      'kata-rootfs-params hypervisor.dragonball',
      'kata-type-mismatch "4"',
    ]);
  });

  test("a diagnostic's code link opens its section of the diagnostics page, in a tab that stays", async () => {
    const typo = await until('the kata-unknown-key diagnostic', () => vscode.languages.getDiagnostics(mistakes.uri).find((d) => diagnosticCode(d) === 'kata-unknown-key'));
    const target = typeof typo.code === 'object' ? typo.code.target : undefined;
    assert.strictEqual(target?.scheme, 'command', `the code links to a command, not the raw file: ${target?.toString()}`);
    assert.strictEqual(target.path, 'kata.showDiagnosticDocs');
    const [page, code] = JSON.parse(decodeURIComponent(target.query)) as [string, string];
    assert.strictEqual(code, 'kata-unknown-key');
    await vscode.commands.executeCommand(target.path, page, code);
    const editor = await until('the diagnostics page in the editor', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.path.endsWith('/docs/diagnostics.md') ? e : undefined;
    });
    const line = editor.selection.active.line;
    assert.strictEqual(editor.document.lineAt(line).text, '### kata-unknown-key', `the cursor is on the code's heading (line ${line + 1})`);
    assert.strictEqual(vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview, false, 'not a preview tab that the next file replaces');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  test("the walkthrough's sample: an untitled Kata config whose four mistakes are flagged", async () => {
    const editor = (await vscode.commands.executeCommand('kata.openSampleConfig')) as vscode.TextEditor;
    const doc = editor.document;
    assert.strictEqual(doc.uri.scheme, 'untitled', 'a copy, not the file the extension ships');
    assert.strictEqual(doc.languageId, 'kata-toml');
    const expected = ['kata-invalid-value', 'kata-key-other-hypervisor', 'kata-type-mismatch', 'kata-unknown-key'];
    const codes = await until('the sample\'s four diagnostics', () => {
      const c = vscode.languages.getDiagnostics(doc.uri).map(diagnosticCode).sort();
      return expected.every((e) => c.includes(e)) ? c : undefined;
    });
    assert.deepStrictEqual(codes, expected);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('completion: keys of [hypervisor.qemu] include default_memory', async () => {
    // The blank line after the typo, inside [hypervisor.qemu]; default_memory itself is not set there.
    const line = lineOf(mistakes, 'default_memmory') + 1;
    assert.strictEqual(mistakes.lineAt(line).text, '', 'a blank line to complete on');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', mistakes.uri, new vscode.Position(line, 0));
    const labels = completionLabels(list);
    assert.ok(labels.includes('default_memory'), `default_memory offered; got ${labels.slice(0, 40).join(', ')}`);
    assert.ok(labels.includes('enable_iommu'), 'a QEMU key that is not set yet (enable_iommu) is offered');
    const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'default_memory');
    assert.strictEqual(item?.kind, vscode.CompletionItemKind.Property);
  });

  test('hover: default_memory is documented in MiB', async () => {
    const line = lineOf(clean, 'default_memory');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider', clean.uri, new vscode.Position(line, 3));
    const text = hoverText(hovers ?? []);
    assert.match(text, /default_memory/);
    assert.match(text, /MiB/, `the hover mentions MiB; got:\n${text}`);
  });

  test('code actions: the typo offers "Rename to default_memory", and applying it clears the diagnostic', async () => {
    const typo = vscode.languages.getDiagnostics(mistakes.uri).find((d) => diagnosticCode(d) === 'kata-unknown-key');
    assert.ok(typo, 'the kata-unknown-key diagnostic is there');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', mistakes.uri, typo.range);
    const titles = (actions ?? []).map((a) => a.title);
    const rename = (actions ?? []).find((a) => a.title === 'Rename to default_memory');
    assert.ok(rename, `"Rename to default_memory" offered; got ${JSON.stringify(titles)}`);
    assert.ok(rename.kind?.contains(vscode.CodeActionKind.QuickFix), 'it is a quick fix');
    assert.ok(rename.edit, 'the quick fix carries an edit');

    try {
      assert.ok(await vscode.workspace.applyEdit(rename.edit), 'the edit applies');
      assert.ok(mistakes.getText().includes('\ndefault_memory = 4096'), 'the key is renamed in the buffer');
      await until('the kata-unknown-key diagnostic to go away after the fix',
        () => !vscode.languages.getDiagnostics(mistakes.uri).some((d) => diagnosticCode(d) === 'kata-unknown-key'));
    } finally {
      await vscode.window.showTextDocument(mistakes);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    assert.ok(!mistakes.isDirty, 'the sample is reverted');
  });
});
