/**
 * The server as a client that announces nothing (`capabilities: {}`) sees it: every feature still
 * answers, and no answer uses what the client did not announce (snippets, label details, tags,
 * Markdown, code descriptions, related information, diagnostic data or versions, hierarchical
 * symbols, folding kinds, link tooltips, code action literals). Then a client that announces only
 * workspace.applyEdit, which gets its quick fixes as Commands the server applies.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Command, CompletionItem, CompletionList, Diagnostic, DocumentLink, FoldingRange, Hover, InitializeResult, SymbolInformation, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyEdits, emptyLineAfterEachHeader, keyItemProblems } from '../support/edits';
import { LspClient } from '../support/lspClient';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';

/** What a CompletionItem of LSP 3.0 has, without the parts a client must announce. */
const PLAIN_ITEM_FIELDS = new Set(['label', 'kind', 'detail', 'documentation', 'sortText', 'filterText', 'insertText', 'insertTextFormat', 'textEdit', 'data', 'command']);
const PLAIN_DIAGNOSTIC_FIELDS = new Set(['range', 'severity', 'code', 'source', 'message']);

const TEXT = [
  '[hypervisor.qemu]', // 0
  'path = "/usr/bin/qemu-system-x86_64"', // 1
  'kernel = "/usr/share/kata-containers/vmlinux.container"', // 2
  'image = "/usr/share/kata-containers/kata-containers.img"', // 3
  'jailer_path = "/usr/bin/jailer"', // 4: another hypervisor's key (tagged unnecessary, with a fix)
  'default_memroy = 4096', // 5: unknown key (a fix in data)
  'virtio_fs_daemon = "/usr/bin/env"', // 6: a path that exists (a document link)
  '', // 7
  '[hypervisor.clh]', // 8: a second hypervisor table (related information)
  'path = "/usr/bin/cloud-hypervisor"', // 9
  '',
].join('\n');

describe('a client that announces no capabilities', () => {
  let client: LspClient;
  let init: InitializeResult;
  let n = 0;
  const fresh = (name = 'configuration-qemu.toml') => `file:///tmp/kata-minimal/${n++}/${name}`;

  before(async () => {
    client = new LspClient();
    init = await client.initialize({ capabilities: {} });
  });
  after(async () => client.shutdown());

  test('initialize: no code action provider or command (the client can apply neither), no inlay hints', () => {
    assert.equal(init.capabilities.codeActionProvider, undefined);
    assert.equal(init.capabilities.executeCommandProvider, undefined);
    assert.equal(init.capabilities.inlayHintProvider, undefined);
    assert.ok(init.capabilities.completionProvider && init.capabilities.hoverProvider && init.capabilities.documentSymbolProvider && init.capabilities.foldingRangeProvider);
  });

  test('diagnostics arrive with only the fields of LSP 3.0, no version; related locations are said in the message', async () => {
    const uri = fresh();
    await client.open(uri, TEXT);
    const diags = await client.waitForDiagnostics(uri);
    const publish = client.history(uri)[0];
    assert.equal(publish.version, undefined, 'versionSupport was not announced');
    assert.ok(diags.length >= 3, JSON.stringify(diags));
    for (const d of diags) assert.deepEqual(Object.keys(d).filter((k) => !PLAIN_DIAGNOSTIC_FIELDS.has(k)), [], JSON.stringify(d));
    const several = diags.find((d) => d.code === 'kata-multiple-hypervisors');
    assert.match(several?.message ?? '', /\(the first hypervisor table on line 1\)$/);
    assert.ok(diags.some((d) => d.code === 'kata-key-other-hypervisor'));
    // A TOML error says its related line in the message already: not twice.
    const dup = fresh();
    await client.open(dup, '[runtime]\nenable_debug = true\nenable_debug = false\n');
    const [duplicate] = (await client.waitForDiagnostics(dup)).filter((d) => d.code === 'toml-duplicate-key');
    assert.equal(duplicate.message.match(/line 2/g)?.length, 1, duplicate.message);
  });

  test('completion: plain text that leaves valid TOML for every key item of every table, nothing the client did not announce', { skip: skipUnlessShared('kata-configs') }, async () => {
    let checked = 0;
    for (const file of ['4.1.0/go/configuration-qemu.toml', '4.1.0/rs/configuration-qemu-runtime-rs.toml', '3.20.0/go/configuration-qemu.toml']) {
      const shipped = fs.readFileSync(sharedPath('kata-configs', file), 'utf8');
      for (const place of emptyLineAfterEachHeader(shipped)) {
        const uri = fresh(file.split('/').pop());
        await client.open(uri, place.text);
        const answer = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: place.line, character: 0 } });
        await client.close(uri);
        assert.ok(Array.isArray(answer), 'a plain list: the client takes no item defaults');
        for (const item of answer) {
          assert.deepEqual(Object.keys(item).filter((k) => !PLAIN_ITEM_FIELDS.has(k)), [], `${item.label}: ${JSON.stringify(item)}`);
          assert.notEqual(item.insertTextFormat, 2, `${item.label} is a snippet`);
          assert.ok(item.documentation === undefined || typeof item.documentation === 'string', `${item.label}: documentation as plain text`);
          assert.ok(item.kind === undefined || (item.kind >= 1 && item.kind <= 18), `${item.label}: kind ${item.kind}`);
          assert.equal(item.command, undefined, `${item.label}: no editor command`);
          if (item.kind === 10) {
            checked++;
            assert.deepEqual(keyItemProblems(place.text, item, place.table, { additionalEdits: false }), []);
          }
        }
      }
    }
    assert.ok(checked > 30, `${checked} key items`);
  });

  test('the documented #key = value line of a key inserts the whole key = value', async () => {
    const uri = fresh();
    const text = '[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\n# Enable the vIOMMU.\n#enable_iommu = true\n\n';
    await client.open(uri, text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 0 } });
    const iommu = items.find((i) => i.label === 'enable_iommu')!;
    assert.equal((iommu.textEdit as { newText: string }).newText, 'enable_iommu = true');
    assert.match(iommu.detail ?? '', /as on line 4/);
    assert.equal(iommu.additionalTextEdits, undefined);
    const later = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: fresh() }, position: { line: 4, character: 0 } });
    assert.deepEqual(later, [], 'nothing for a document that is not open');
  });

  test('value completion: kinds the client knows (EnumMember is not in LSP 1: Value)', async () => {
    const uri = fresh();
    const text = '[hypervisor.qemu]\nblock_device_driver = \n';
    await client.open(uri, text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 22 } });
    const blk = items.find((i) => i.label === 'virtio-blk');
    assert.equal(blk?.kind, 12);
    assert.equal(typeof blk?.documentation === 'string' || blk?.documentation === undefined, true);
    assert.ok(items.every((i) => i.preselect === undefined), 'preselectSupport was not announced');
  });

  test('hover is plain text', async () => {
    const uri = fresh();
    await client.open(uri, '[hypervisor.qemu]\ndefault_memory = 4096\n');
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 3 } });
    const contents = h.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'plaintext');
    assert.match(contents.value, /^default_memory · integer \(uint32\) · MiB/);
    assert.doesNotMatch(contents.value, /\*\*|`|\]\(/, 'no Markdown left');
  });

  test('code actions: none (neither literals nor the applyEdit a Command would need)', async () => {
    const uri = fresh();
    await client.open(uri, TEXT);
    const diags = await client.waitForDiagnostics(uri);
    const unknown = diags.find((d) => d.code === 'kata-unknown-key')!;
    assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } }), []);
  });

  test('symbols: the flat SymbolInformation list, with container names and kinds of LSP 1', async () => {
    const uri = fresh();
    await client.open(uri, TEXT);
    const symbols = await client.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.every((s) => 'location' in s && !('children' in s) && s.kind >= 1 && s.kind <= 18), JSON.stringify(symbols));
    const path = symbols.find((s) => s.name === 'path' && s.containerName === 'hypervisor.qemu');
    assert.deepEqual(path?.location, { uri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 36 } } });
    assert.ok(symbols.some((s) => s.name === 'clh' && s.containerName === 'hypervisor'));
  });

  test('folding ranges and document links without kinds or tooltips', async () => {
    const uri = fresh();
    const text = `# one\n# two\n${TEXT}`;
    await client.open(uri, text);
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.ok(ranges.some((r) => r.startLine === 0 && r.endLine === 1), JSON.stringify(ranges));
    assert.ok(ranges.every((r) => r.kind === undefined));
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    assert.ok(links.length > 0 && links.every((l) => l.tooltip === undefined), JSON.stringify(links));
  });
});

describe('a client that announces only workspace.applyEdit', () => {
  let client: LspClient;
  let init: InitializeResult;
  const applied: WorkspaceEdit[] = [];
  before(async () => {
    client = new LspClient();
    client.conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      applied.push(p.edit);
      return { applied: true };
    });
    init = await client.initialize({ capabilities: { workspace: { applyEdit: true } } });
  });
  after(async () => client.shutdown());

  test('quick fixes are Commands; executing one has the server apply its edit', async () => {
    assert.equal(init.capabilities.codeActionProvider, true, 'no CodeActionOptions without literal support');
    assert.deepEqual(init.capabilities.executeCommandProvider?.commands, ['kata-config.applyEdit']);
    const uri = 'file:///tmp/kata-minimal-apply/configuration-qemu.toml';
    await client.open(uri, TEXT);
    const diags = await client.waitForDiagnostics(uri);
    const unknown = diags.find((d: Diagnostic) => d.code === 'kata-unknown-key')!;
    assert.equal(unknown.data, undefined, 'dataSupport was not announced: the fixes stay with the server');
    const actions = await client.request<Array<CodeAction | Command>>('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } });
    const rename = actions.find((a) => a.title === 'Rename to default_memory') as Command | undefined;
    assert.ok(rename && typeof rename.command === 'string', JSON.stringify(actions));
    await client.request('workspace/executeCommand', { command: rename.command, arguments: rename.arguments });
    assert.equal(applied.length, 1);
    const edited = applyEdits(TEXT, applied[0].changes![uri]);
    assert.match(edited.split('\n')[5], /^default_memory = 4096$/);
  });
});

describe("a client with Neovim 0.7.2's capabilities (test/support/clients/neovim-0.7.2.json)", () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    const capabilities = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'support', 'clients', 'neovim-0.7.2.json'), 'utf8')) as Record<string, unknown>;
    await client.initialize({ capabilities, clientInfo: { name: 'Neovim', version: '0.7.2' } });
  });
  after(async () => client.shutdown());

  test('plain-text key items with Markdown documentation; a quick fix found again from a diagnostic without data', async () => {
    const uri = 'file:///tmp/kata-nvim-caps/configuration-qemu.toml';
    await client.open(uri, TEXT);
    const diags = await client.waitForDiagnostics(uri);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 0 } });
    const memory = items.find((i) => i.label === 'default_maxmemory')!;
    assert.equal((memory.textEdit as { newText: string }).newText, 'default_maxmemory = 0');
    assert.equal(memory.insertTextFormat, undefined);
    assert.equal((memory.documentation as { kind: string }).kind, 'markdown');
    assert.equal(memory.labelDetails, undefined);
    const unknown = diags.find((d) => d.code === 'kata-unknown-key')!;
    assert.equal(unknown.data, undefined);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } });
    assert.ok(actions.some((a) => a.title === 'Rename to default_memory' && a.edit), JSON.stringify(actions));
  });
});
