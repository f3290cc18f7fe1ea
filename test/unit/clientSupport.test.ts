/**
 * Reading client capabilities and shaping answers to them (server/src/features/clientSupport.ts):
 * Neovim 0.7.2's capabilities as its built-in client prints them, VS Code-like ones, and each rule.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol } from 'vscode-languageserver-types';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { codeActionsForClient, completionItemForClient, diagnosticForClient, foldingForClient, FULL_SUPPORT, hoverForClient, readClientSupport, symbolsForClient } from '../../server/src/features/clientSupport';
import { markdownToPlain } from '../../server/src/features/plainText';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { CLIENT_CAPABILITIES } from '../support/lspClient';
import { repoRoot } from '../support/shared';

/** `vim.lsp.protocol.make_client_capabilities()` of Neovim 0.7.2 (Debian bookworm), as JSON. */
const NEOVIM_07 = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'support', 'clients', 'neovim-0.7.2.json'), 'utf8')) as ClientCapabilities;

test("Neovim 0.7.2's built-in client: no snippets and so no additionalTextEdits, Markdown, literals with data, no pull", () => {
  const s = readClientSupport(NEOVIM_07, 'Neovim');
  assert.equal(s.snippets, false);
  assert.equal(s.additionalTextEdits, false);
  assert.equal(s.labelDetails, false);
  assert.equal(s.deprecated, 'none');
  assert.equal(s.preselect, false);
  assert.equal(s.completionMarkdown, true);
  assert.equal(s.hoverMarkdown, true);
  assert.equal(s.codeDescription, false);
  assert.deepEqual([...s.diagnosticTags], [1, 2]);
  assert.equal(s.relatedInformation, true);
  assert.equal(s.diagnosticData, false, 'dataSupport is announced under codeAction, not publishDiagnostics');
  assert.equal(s.codeActionLiterals, true);
  assert.equal(s.hierarchicalSymbols, true);
  assert.equal(s.configurationPull, false);
  assert.equal(s.editorCommands, false);
});

test('VS Code-like capabilities: everything this server uses, additionalTextEdits through resolveSupport, not snippetSupport; VS Code commands by client name', () => {
  const s = readClientSupport(CLIENT_CAPABILITIES as ClientCapabilities, 'Visual Studio Code');
  assert.equal(s.snippets, true);
  assert.equal(s.additionalTextEdits, true);
  assert.equal(s.deprecated, 'tag');
  assert.equal(s.editorCommands, true);
  assert.equal(readClientSupport({}, 'code-server').editorCommands, true);
  assert.equal(readClientSupport({}, 'helix').editorCommands, false);
  const resolving = readClientSupport({ textDocument: { completion: { completionItem: { resolveSupport: { properties: ['additionalTextEdits'] } } } } });
  assert.equal(resolving.additionalTextEdits, true, 'resolveSupport for additionalTextEdits says the client applies them');
  assert.equal(resolving.snippets, false);
  const snippetsOnly = readClientSupport({ textDocument: { completion: { completionItem: { snippetSupport: true } } } });
  assert.equal(snippetsOnly.additionalTextEdits, false, 'snippets alone say nothing about additionalTextEdits');
});

test('completion items: label details, deprecated tag or flag, preselect, Markdown, kinds and VS Code commands as announced', () => {
  const item: CompletionItem = {
    label: 'k',
    kind: 20,
    labelDetails: { description: 'd' },
    tags: [1],
    preselect: true,
    documentation: { kind: 'markdown', value: '**k** · `x`' },
    command: { title: 'more', command: 'editor.action.triggerSuggest' },
  };
  assert.deepEqual(completionItemForClient(item, FULL_SUPPORT), item);
  assert.deepEqual(completionItemForClient(item, readClientSupport({})), { label: 'k', kind: 12, documentation: 'k · x' }, 'EnumMember is not in LSP 1: Value');
  const flag = readClientSupport({ textDocument: { completion: { completionItem: { deprecatedSupport: true }, completionItemKind: { valueSet: [10] } } } });
  assert.deepEqual(completionItemForClient(item, flag), { label: 'k', deprecated: true, documentation: 'k · x' }, 'neither EnumMember nor Value known: no kind');
});

test('diagnostics: codeDescription, tags, data only when announced; related locations into the message', () => {
  const d: Diagnostic = {
    range: { start: { line: 4, character: 0 }, end: { line: 4, character: 3 } },
    message: 'Two tables.',
    code: 'c',
    codeDescription: { href: 'file:///d.md#c' },
    tags: [1],
    data: { fixes: [] },
    relatedInformation: [{ location: { uri: 'file:///x', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, message: 'the first table is here' }],
  };
  assert.deepEqual(diagnosticForClient(d, FULL_SUPPORT), d);
  assert.deepEqual(diagnosticForClient(d, readClientSupport({})), { range: d.range, message: 'Two tables. (the first table is on line 1)', code: 'c' });
  assert.deepEqual(diagnosticForClient(d, readClientSupport({ textDocument: { publishDiagnostics: { tagSupport: { valueSet: [2] }, dataSupport: true } } })).data, d.data);
  assert.equal(diagnosticForClient(d, readClientSupport({ textDocument: { publishDiagnostics: { tagSupport: { valueSet: [2] } } } })).tags, undefined, 'Unnecessary is not in the client\'s set');
});

test('hover, symbols, folding and code actions for a client without their capabilities', () => {
  assert.deepEqual(hoverForClient({ contents: { kind: 'markdown', value: '# T\n\n*(commented out)* [a](http://x)' } }, readClientSupport({})), { contents: { kind: 'plaintext', value: 'T\n\n(commented out) a (http://x)' } });
  const range = { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } };
  const tree: DocumentSymbol[] = [{ name: 'hypervisor', kind: 19, range, selectionRange: range, children: [{ name: 'qemu', kind: 19, range, selectionRange: range, children: [{ name: 'path', kind: 15, range, selectionRange: range }] }] }];
  assert.deepEqual(symbolsForClient(tree, 'file:///c.toml', readClientSupport({})), [
    { name: 'hypervisor', kind: 3, location: { uri: 'file:///c.toml', range } },
    { name: 'qemu', kind: 3, location: { uri: 'file:///c.toml', range }, containerName: 'hypervisor' },
    { name: 'path', kind: 15, location: { uri: 'file:///c.toml', range }, containerName: 'hypervisor.qemu' },
  ]);
  assert.deepEqual(symbolsForClient(tree, 'file:///c.toml', readClientSupport({ textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } })), [
    { ...tree[0], kind: 3, children: [{ ...tree[0].children![0], kind: 3, children: tree[0].children![0].children }] },
  ]);
  const folding = readClientSupport({ textDocument: { foldingRange: { rangeLimit: 1, lineFoldingOnly: true, foldingRangeKind: { valueSet: ['comment'] } } } });
  assert.deepEqual(foldingForClient([{ startLine: 0, endLine: 2, kind: 'comment', startCharacter: 3 }, { startLine: 4, endLine: 6, kind: 'region' }], folding), [{ startLine: 0, endLine: 2, kind: 'comment' }]);
  const action: CodeAction = { title: 'Fix', kind: 'quickfix', isPreferred: true, edit: { changes: { 'file:///c.toml': [] } } };
  assert.deepEqual(codeActionsForClient([action], readClientSupport({ textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: [] } } } } })), [{ title: 'Fix', kind: 'quickfix', edit: action.edit }], 'isPreferred needs isPreferredSupport');
  assert.deepEqual(codeActionsForClient([action], readClientSupport({ workspace: { applyEdit: true } })), [{ title: 'Fix', command: 'kata-config.applyEdit', arguments: [action.edit] }]);
});

test('Markdown to plain text: our markup goes, code spans, underscores and lone stars stay as written', () => {
  assert.equal(markdownToPlain('**default_memory** · integer · MiB'), 'default_memory · integer · MiB');
  assert.equal(markdownToPlain('- allowed: `virtio-fs`, `virtio-9p`'), '- allowed: virtio-fs, virtio-9p');
  assert.equal(markdownToPlain('*Go runtime:* uses 2 * 3 = 6 and `**not bold**` or \\*'), 'Go runtime: uses 2 * 3 = 6 and **not bold** or *');
  assert.equal(markdownToPlain('Source: [src/runtime/config.go](https://github.com/x/config.go)'), 'Source: src/runtime/config.go (https://github.com/x/config.go)');
  assert.equal(markdownToPlain('[https://x.io](https://x.io)\n\n---\n```toml\n**a** = 1\n```'), 'https://x.io\n\n---\n**a** = 1');
});

test('code actions of a diagnostic sent back without its data: the fixes are found again by code and range', () => {
  const service = new LanguageService(nodeHost);
  const source = { uri: 'file:///tmp/kata-actions/configuration-qemu.toml', version: 1, getText: () => '[hypervisor.qemu]\ndefault_memroy = 4096\n' };
  const unknown = service.diagnostics(source).find((d) => d.code === 'kata-unknown-key')!;
  const { data: _data, ...bare } = unknown;
  const titles = (ds: Diagnostic[]) => service.codeActions(source, ds).map((a) => a.title);
  assert.deepEqual(titles([bare]), titles([unknown]));
  assert.ok(titles([bare]).includes('Rename to default_memory'));
  assert.deepEqual(titles([{ ...bare, range: { ...bare.range, start: { line: 0, character: 0 } } }]), [], 'another range: not that diagnostic');
});
