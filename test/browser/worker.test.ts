/**
 * The browser build of the language server in a real web worker (headless Chromium): a shipped
 * config with one mistake added, opened from a virtual file system as github.dev would, answered over
 * the worker's message port.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { BrowserWorkerSession, skipUnlessChromium, VS_CODE_LIKE } from '../support/browserWorker';
import { applyItemDefaults } from '../../server/src/features/completionList';
import { repoRoot, sharedPath } from '../support/shared';

const SHIPPED = sharedPath('kata-configs', '4.1.0', 'go', 'configuration-qemu.toml');
const SOURCE = fs.existsSync(SHIPPED) ? SHIPPED : path.join(repoRoot, 'samples', 'go', 'configuration-qemu.toml');
const DOCS = 'https://example.invalid/kata-config/docs/diagnostics.md';
const URI = 'vscode-vfs://github/example/kata-configs/configuration-qemu.toml';

const lines = fs.readFileSync(SOURCE, 'utf8').split('\n');
const header = lines.indexOf('[hypervisor.qemu]');
// The mistake: `default_vcpu` (for default_vcpus) on the line after the header.
const TEXT = [...lines.slice(0, header + 1), 'default_vcpu = 1', ...lines.slice(header + 1)].join('\n');
const MISTAKE_LINE = header + 1;
const at = (line: number, character: number) => ({ textDocument: { uri: URI }, position: { line, character } });

describe(`the language server in a browser worker (${path.relative(repoRoot, SOURCE).startsWith('..') ? SOURCE : path.relative(repoRoot, SOURCE)})`, { skip: skipUnlessChromium() }, () => {
  let worker: BrowserWorkerSession;
  let diagnostics: Diagnostic[];
  before(async () => {
    worker = await BrowserWorkerSession.start();
    const init = await worker.initialize({ ...VS_CODE_LIKE, initializationOptions: { settings: {}, docsUrl: DOCS } });
    assert.equal(init.serverInfo?.name, 'kata-config');
    await worker.open(URI, TEXT);
    diagnostics = await worker.waitForDiagnostics(URI, (p) => p.version === 1, 20000);
  });
  after(async () => worker?.shutdown());

  test('diagnostics: the mistake, with its did-you-mean and the link given in initializationOptions', () => {
    const d = diagnostics.find((x) => x.range.start.line === MISTAKE_LINE);
    assert.ok(d, JSON.stringify(diagnostics));
    assert.equal(d.code, 'kata-unknown-key');
    assert.match(d.message, /Unknown key default_vcpu in \[hypervisor\.qemu\].*Did you mean default_vcpus\?/);
    assert.equal(d.codeDescription?.href, `${DOCS}#kata-unknown-key`);
    assert.equal(d.source, 'kata-config');
    assert.equal(worker.stderr, '', 'the worker raised no error');
  });

  test('quick fix: rename to the suggested key', async () => {
    const d = diagnostics.find((x) => x.code === 'kata-unknown-key')!;
    const actions = await worker.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: URI }, range: d.range, context: { diagnostics: [d] } });
    const rename = actions.find((a) => /default_vcpus/.test(a.title));
    assert.ok(rename, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(rename.edit?.changes?.[URI], [{ range: d.range, newText: 'default_vcpus' }]);
  });

  test('completion of the keys of [hypervisor.qemu], one item resolved with its documentation', async () => {
    const list = await worker.request<CompletionList>('textDocument/completion', at(MISTAKE_LINE + 1, 0));
    assert.ok(list.itemDefaults?.editRange, 'the list says its edit range once (itemDefaults)');
    const labels = list.items.map((i) => i.label);
    assert.ok(labels.includes('confidential_guest'), labels.join(' '));
    assert.ok(!labels.includes('default_memory'), 'keys already set are not offered');
    // resolved as the client rebuilt it, with the list's defaults (its shared data among them) applied
    const item = applyItemDefaults(list).find((i) => i.label === 'confidential_guest')!;
    const resolved = await worker.request<CompletionItem>('completionItem/resolve', item);
    const docs = resolved.documentation;
    assert.ok(typeof docs === 'object' && docs.value.length > 50, JSON.stringify(resolved));
  });

  test('hover on default_memory: our documentation', async () => {
    const line = TEXT.split('\n').findIndex((l) => l.startsWith('default_memory'));
    const h = await worker.request<Hover>('textDocument/hover', at(line, 3));
    const text = typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
    assert.match(text, /MiB/);
    assert.match(text, /default_memory/);
  });

  test('symbols, folding, the effective configuration and the target', async () => {
    const symbols = await worker.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: URI } });
    const hypervisor = symbols.find((s) => s.name === 'hypervisor');
    assert.deepEqual(hypervisor?.children?.map((c) => c.name), ['qemu']);
    const folding = await worker.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: URI } });
    assert.ok(folding.some((f) => f.startLine === header), 'the [hypervisor.qemu] section folds');
    const effective = await worker.request<{ base: string; dropIns: string[]; text: string; entries: Array<{ table: string; key: string; value: unknown }> }>('kataConfig/effective', { uri: URI });
    assert.deepEqual(effective.dropIns, [], 'no drop-ins without a file system to read them from');
    assert.equal(effective.entries.find((e) => e.table === 'hypervisor.qemu' && e.key === 'default_memory')?.value, 2048);
    assert.match(effective.text, /^\[hypervisor\.qemu\]$/m);
    const target = await worker.request<{ runtime: string; arch: string; why: Record<string, string> }>('kataConfig/target', { uri: URI });
    assert.equal(target.runtime, 'go');
    assert.equal(target.arch, 'x86_64', "the file's qemu binary says x86_64");
  });

  test('inlay hints: what Kata uses instead of the text', async () => {
    const uri = 'vscode-vfs://github/example/kata-configs/configuration-small.toml';
    await worker.open(uri, '[hypervisor.qemu]\ndefault_memory = 0\n');
    await worker.waitForDiagnostics(uri);
    const hints = await worker.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } } });
    assert.equal(hints.length, 1, JSON.stringify(hints));
    assert.equal(hints[0].position.line, 1);
    assert.match(String(hints[0].label), /2048 MiB/);
    await worker.close(uri);
  });

  test('host checks turned on: nothing about a machine the browser does not have', async () => {
    await worker.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kata: { hostChecks: 'on' } } });
    const after = await worker.waitForDiagnostics(URI, (p) => p.version === 1 && worker.history(URI).indexOf(p) > 0, 20000);
    assert.deepEqual(
      after.map((d) => d.code),
      diagnostics.map((d) => d.code),
    );
    const line = TEXT.split('\n').findIndex((l) => l.startsWith('path = "/'));
    assert.ok(line > 0);
    const h = await worker.request<Hover | null>('textDocument/hover', at(line, 9));
    assert.doesNotMatch(JSON.stringify(h), /this machine/);
  });
});
