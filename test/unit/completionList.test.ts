/** Completion lists with item defaults (server/src/features/completionList.ts): fewer bytes, the same items. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CompletionItem } from 'vscode-languageserver-types';
import { applyItemDefaults, withItemDefaults } from '../../server/src/features/completionList';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { corpusFiles } from '../support/shared';

const VS_CODE = ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'];
/** No insert format means plain text (1). */
const said = (items: CompletionItem[]) => items.map((i) => ({ ...i, insertTextFormat: i.insertTextFormat ?? 1 }));

test('every completion of shipped configs: the defaults list rebuilds the same items, or is not used', () => {
  const service = new LanguageService(nodeHost);
  service.configure({ hostChecks: false });
  const files = corpusFiles().filter((f) => f.release === '4.1.0' && !f.folder.endsWith('arm64'));
  const texts = files.length ? files.map((f) => ({ uri: `file:///tmp/cl/${f.file}`, text: fs.readFileSync(f.path, 'utf8') })) : [{ uri: 'file:///tmp/cl/configuration-qemu.toml', text: '[hypervisor.qemu]\n\nblock_device_driver = "\n[runtime]\nena\n' }];
  let lists = 0;
  let saved = 0;
  let total = 0;
  for (const { uri, text } of texts) {
    const lines = text.split('\n');
    for (let line = 0; line < lines.length; line += 7) {
      for (const character of [0, Math.floor(lines[line].length / 2), lines[line].length]) {
        const items = service.completion({ uri, version: 1, getText: () => text }, { line, character }, { docs: 'lazy' });
        const list = withItemDefaults(items, VS_CODE);
        if (!list) continue;
        lists++;
        assert.deepEqual(applyItemDefaults(list), said(items), `${uri} ${line}:${character}`);
        saved += JSON.stringify(items).length - JSON.stringify(list).length;
        total += JSON.stringify(items).length;
      }
    }
  }
  assert.ok(lists > 10, `${lists} lists used defaults`);
  assert.ok(saved / total > 0.2, `${((100 * saved) / total).toFixed(0)} % fewer bytes`);
});

test('not used when the client lacks the defaults or an item has no edit of the shared range', () => {
  const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } };
  const a = { label: 'a', textEdit: { range, newText: 'a = 1' }, insertTextFormat: 2 as const };
  assert.equal(withItemDefaults([a], ['data']), undefined);
  assert.equal(withItemDefaults([a, { label: 'b' }], VS_CODE), undefined);
  assert.equal(withItemDefaults([a, { ...a, label: 'c', textEdit: { range: { ...range, end: { line: 1, character: 1 } }, newText: 'c' } }], VS_CODE), undefined);
  // mixed formats: the commoner one is the default, the other item says its own
  const mixed = withItemDefaults([a, a, { ...a, label: 'd', insertTextFormat: 1 }], VS_CODE)!;
  assert.equal(mixed.itemDefaults?.insertTextFormat, 2);
  assert.deepEqual(mixed.items.map((i) => i.insertTextFormat), [undefined, undefined, 1]);
  assert.deepEqual(withItemDefaults([a], VS_CODE), { isIncomplete: false, itemDefaults: { editRange: range, insertTextFormat: 2 }, items: [{ label: 'a', textEditText: 'a = 1' }] });
});

test('the data most items share is said once, an item with other data keeps its own; no default when an item has none', () => {
  const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } };
  const shared = { kataKey: { kind: 'hypervisor', hypervisor: 'qemu' } };
  const item = (label: string, data?: unknown): CompletionItem => ({ label, textEdit: { range, newText: `${label} = 1` }, insertTextFormat: 2, ...(data === undefined ? {} : { data }) });
  const items = [item('a', shared), item('b', { ...shared }), item('c', { kataKey: { kind: 'runtime' } })];
  const list = withItemDefaults(items, VS_CODE)!;
  assert.deepEqual(list.itemDefaults?.data, shared);
  assert.deepEqual(
    list.items.map((i) => i.data),
    [undefined, undefined, { kataKey: { kind: 'runtime' } }],
  );
  assert.deepEqual(applyItemDefaults(list), said(items));
  // an item without data would take the default (vscode-languageclient gives it even to data: null)
  const withBare = withItemDefaults([...items, item('d')], VS_CODE)!;
  assert.equal(withBare.itemDefaults?.data, undefined);
  assert.deepEqual(applyItemDefaults(withBare), said([...items, item('d')]));
  // a client without the data default gets every item's own data
  const noData = withItemDefaults(items, ['editRange', 'insertTextFormat'])!;
  assert.equal(noData.itemDefaults?.data, undefined);
  assert.deepEqual(noData.items.map((i) => i.data), [shared, shared, { kataKey: { kind: 'runtime' } }]);
  // no two items share data: no default
  assert.equal(withItemDefaults([item('a', shared), item('c', { kataKey: { kind: 'runtime' } })], VS_CODE)!.itemDefaults?.data, undefined);
});
