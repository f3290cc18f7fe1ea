/** Completion and hover over the protocol, as an editor asks for them. */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Hover } from 'vscode-languageserver-protocol';
import { applyItemDefaults } from '../../server/src/features/completionList';
import { LspClient } from '../support/lspClient';

let n = 0;

describe('completion and hover over the protocol', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(async () => client.shutdown());

  /** Opens `text` (cursor at `|`) and returns the completion labels and items there. */
  async function complete(file: string, textWithCursor: string): Promise<{ labels: string[]; items: CompletionItem[] }> {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.replace('|', '');
    const before = text.slice(0, offset).split('\n');
    const uri = `file:///tmp/kata-complete/${n++}/${file}`;
    await client.open(uri, text);
    const res = await client.request<CompletionItem[] | CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: before.length - 1, character: before[before.length - 1].length } });
    await client.close(uri);
    const items = Array.isArray(res) ? res : res.items;
    return { labels: items.map((i) => i.label), items };
  }

  async function hoverAt(file: string, textWithCursor: string): Promise<string> {
    const offset = textWithCursor.indexOf('|');
    const text = textWithCursor.replace('|', '');
    const before = text.slice(0, offset).split('\n');
    const uri = `file:///tmp/kata-hover/${n++}/${file}`;
    await client.open(uri, text);
    const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: before.length - 1, character: before[before.length - 1].length } });
    await client.close(uri);
    const c = h?.contents;
    return typeof c === 'object' && c && 'value' in c ? c.value : '';
  }

  test('keys follow the hypervisor: jailer_path for Firecracker, virtio_fs_daemon for QEMU', async () => {
    const fc = await complete('configuration-fc.toml', '[hypervisor.firecracker]\n|\n');
    assert.ok(fc.labels.includes('jailer_path'));
    assert.ok(!fc.labels.includes('virtio_fs_daemon'));
    const qemu = await complete('configuration-qemu.toml', '[hypervisor.qemu]\n|\n');
    assert.ok(qemu.labels.includes('virtio_fs_daemon'));
    assert.ok(!qemu.labels.includes('jailer_path'));
    const item = qemu.items.find((i) => i.label === 'default_memory')!;
    assert.equal(item.insertTextFormat, 2);
    assert.match((item.textEdit as { newText: string }).newText, /^default_memory = \$\{1:2048\}$/);
    const driver = qemu.items.find((i) => i.label === 'block_device_driver')!;
    assert.match((driver.textEdit as { newText: string }).newText, /^block_device_driver = "\$\{1\|virtio-scsi,virtio-blk,/);
  });

  test('hypervisor tables follow runtime and release', async () => {
    const rs = await complete('configuration-qemu-runtime-rs.toml', '[hypervisor.|');
    assert.ok(rs.labels.includes('hypervisor.dragonball'));
    assert.ok(!rs.labels.includes('hypervisor.acrn'));
    const go320 = await complete('configuration-qemu.toml', '# kata-config: release=3.2.0\n[hypervisor.|');
    assert.ok(go320.labels.includes('hypervisor.acrn'));
    const go41 = await complete('configuration-qemu.toml', '[hyp|');
    assert.ok(!go41.labels.includes('hypervisor.acrn'));
    assert.ok(go41.labels.includes('hypervisor.stratovirt'));
  });

  test('values after block_device_driver differ between qemu and dragonball', async () => {
    const qemu = await complete('configuration-qemu.toml', '[hypervisor.qemu]\nblock_device_driver = |\n');
    const db = await complete('configuration-dragonball.toml', '[hypervisor.dragonball]\nblock_device_driver = |\n');
    assert.ok(qemu.labels.includes('virtio-scsi') && qemu.labels.includes('nvdimm'));
    assert.ok(db.labels.includes('virtio-blk-mmio') && !db.labels.includes('virtio-scsi'));
    assert.notDeepEqual(qemu.labels.sort(), db.labels.sort());
    const inQuotes = await complete('configuration-qemu.toml', '[hypervisor.qemu]\nblock_device_driver = "virtio-b|"\n');
    assert.equal((inQuotes.items.find((i) => i.label === 'virtio-blk')!.textEdit as { newText: string }).newText, 'virtio-blk');
  });

  test('machine_type on an arm64 target offers only virt', async () => {
    const arm = await complete('configuration-qemu.toml', '# kata-config: arch=arm64\n[hypervisor.qemu]\nmachine_type = |\n');
    assert.deepEqual(arm.labels, ['virt']);
  });

  test('a documented #enable_iommu = true is offered as an uncomment item', async () => {
    const text = '[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\n# Enable the vIOMMU.\n#enable_iommu = true\n|\n';
    const { items } = await complete('configuration-qemu.toml', text);
    const iommu = items.filter((i) => i.label === 'enable_iommu');
    assert.equal(iommu.length, 1, 'one item, not a duplicate');
    assert.match(iommu[0].labelDetails?.description ?? '', /uncomment line 4/);
    assert.deepEqual(iommu[0].additionalTextEdits, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, newText: '' }]);
  });

  test('completion on a half-typed key in a file with a syntax error elsewhere', async () => {
    const text = '[hypervisor.qemu]\npath = "/usr/bin/qemu\ndefault_vcpus = = 2\n\n[runtime]\nenable_de|\n';
    const { labels } = await complete('configuration-qemu.toml', text);
    assert.ok(labels.includes('enable_debug'), labels.join(','));
    assert.ok(!labels.includes('default_memory'), 'runtime keys, not hypervisor keys');
  });

  test('hover on default_memory: unit MiB, the default, and that values below 256 become 2048', async () => {
    const text = await hoverAt('configuration-qemu.toml', '[hypervisor.qemu]\n# How much memory the guest gets.\ndefault_me|mory = 4096\n');
    assert.match(text, /MiB/);
    assert.match(text, /configuration-qemu\.toml of Kata 4\.1\.0 \(x86_64\) sets: `2048`/);
    assert.match(text, /values below 256 MiB become 2048 MiB/);
    assert.match(text, /How much memory the guest gets\./, 'the comment above the key is shown');
    assert.match(text, /github\.com\/kata-containers\/kata-containers\/blob\/4\.1\.0\/src\/runtime\/pkg\/katautils\/config\.go/);
  });

  test('hover on a hypervisor header shows the catalog and the detected target', async () => {
    const text = await hoverAt('configuration-clh.toml', '[hypervisor.c|lh]\n');
    assert.match(text, /Cloud Hypervisor/);
    assert.match(text, /Strengths/);
    assert.match(text, /Target:\*\* Go runtime 4\.1\.0/);
  });

  test('inside enable_annotations: annotation names, and a hover that says what a pattern enables', async () => {
    const { items } = await complete('configuration-qemu.toml', '[hypervisor.qemu]\nenable_annotations = ["|"]\n');
    const kernel = items.find((i) => i.label === 'kernel_params');
    assert.ok(kernel, items.map((i) => i.label).join(','));
    assert.equal((kernel.textEdit as { newText: string }).newText, '^kernel_params$');
    assert.match(kernel.detail ?? '', /overrides kernel_params/);
    const text = await hoverAt('configuration-qemu.toml', '[hypervisor.qemu]\nenable_annotations = ["ker|nel"]\n');
    assert.match(text, /kernel_params/);
    assert.match(text, /kernel_verity_params/);
  });

  test('hover on an enum value explains it', async () => {
    const text = await hoverAt('configuration-qemu.toml', '[hypervisor.qemu]\nshared_fs = "virtio-f|s"\n');
    assert.match(text, /\*\*virtio-fs\*\*/);
  });
});

describe('completion documentation: short for clients that cannot resolve, lazy for those that can', () => {
  const uri = 'file:///tmp/kata-complete-docs/configuration-qemu.toml';
  const text = '[hypervisor.qemu]\n\n';
  const at = { textDocument: { uri }, position: { line: 1, character: 0 } };
  const docOf = (i: CompletionItem) => (typeof i.documentation === 'object' ? i.documentation.value : (i.documentation ?? ''));

  test('without resolveSupport for documentation: every key item has its short documentation, the whole list stays small', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      await c.open(uri, text);
      const items = (await c.request<CompletionItem[]>('textDocument/completion', at)) ?? [];
      const mem = items.find((i) => i.label === 'default_memory')!;
      assert.match(docOf(mem), /^\*\*default_memory\*\* · .*MiB/);
      assert.match(docOf(mem), /Hover the key for the whole documentation/);
      assert.doesNotMatch(docOf(mem), /Releases:/, 'the release list is hover\'s');
      assert.ok(items.every((i) => i.kind !== 10 || i.tags?.includes(1) || docOf(i)), 'every key of this release is documented');
      const bytes = JSON.stringify(items).length;
      assert.ok(bytes < 60_000, `${bytes} bytes`);
    } finally {
      await c.shutdown();
    }
  });

  test('with resolveSupport for documentation: items come without it, completionItem/resolve gives the key\'s full documentation', async () => {
    const c = new LspClient();
    try {
      await c.initialize({ textDocument: { completion: { completionItem: { resolveSupport: { properties: ['documentation', 'detail'] } } } } });
      await c.open(uri, text);
      const items = (await c.request<CompletionItem[]>('textDocument/completion', at)) ?? [];
      const mem = items.find((i) => i.label === 'default_memory')!;
      assert.equal(mem.documentation, undefined);
      const resolved = await c.request<CompletionItem>('completionItem/resolve', mem);
      assert.match(docOf(resolved), /^\*\*default_memory\*\*/);
      assert.match(docOf(resolved), /Releases: /);
      // An item the server has nothing to add to comes back as it went.
      const header = { label: 'x', kind: 5 };
      assert.deepEqual(await c.request('completionItem/resolve', header), header);
    } finally {
      await c.shutdown();
    }
  });

  test('with completionList.itemDefaults (as VS Code announces): one edit range for all, the same items once applied, resolve still works', async () => {
    const plain = new LspClient();
    const c = new LspClient();
    try {
      const completion = { completionItem: { snippetSupport: true, resolveSupport: { properties: ['documentation'] } } };
      await plain.initialize({ textDocument: { completion } });
      await c.initialize({ textDocument: { completion: { ...completion, completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } } });
      await plain.open(uri, text);
      await c.open(uri, text);
      const items = (await plain.request<CompletionItem[]>('textDocument/completion', at)) ?? [];
      const list = await c.request<CompletionList>('textDocument/completion', at);
      assert.ok(list.itemDefaults?.editRange, 'the list says the edit range once');
      assert.deepEqual(applyItemDefaults(list), items.map((i) => ({ ...i, insertTextFormat: i.insertTextFormat ?? 1 })));
      assert.ok(JSON.stringify(list).length < JSON.stringify(items).length * 0.8, `${JSON.stringify(list).length} vs ${JSON.stringify(items).length} bytes`);
      assert.ok(list.itemDefaults?.data, 'the list says the data its key items share once');
      // a client resolves the item as it rebuilt it, with the defaults applied
      const mem = applyItemDefaults(list).find((i) => i.label === 'default_memory')!;
      assert.match(docOf(await c.request<CompletionItem>('completionItem/resolve', mem)), /^\*\*default_memory\*\*/);
    } finally {
      await plain.shutdown();
      await c.shutdown();
    }
  });
});
