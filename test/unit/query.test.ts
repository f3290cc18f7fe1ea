/** The cursor query and in-process completion edge cases: end of file, inline tables, arrays, comments. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseToml } from '../../server/src/toml';
import { cursorContext } from '../../server/src/features/query';
import { completions } from '../../server/src/features/completion';
import { detectTarget } from '../../server/src/kata/target';

function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const doc = parseToml(textWithCursor.replace('|', ''));
  return { doc, offset, ctx: cursorContext(doc, offset) };
}

test('classifies headers, keys, values, array items and comments', () => {
  assert.equal(at('[hyper|').ctx.kind, 'header');
  assert.equal(at('[[runtime.sh|').ctx.kind, 'header');
  const key = at('[runtime]\nenable_d|');
  assert.equal(key.ctx.kind, 'key');
  assert.deepEqual(key.ctx.kind === 'key' && [key.ctx.typed, key.ctx.table], ['enable_d', ['runtime']]);
  const value = at('[hypervisor.qemu]\nshared_fs = "virt|"');
  assert.ok(value.ctx.kind === 'value' && value.ctx.inString && value.ctx.key === 'shared_fs' && value.ctx.typed === 'virt');
  const item = at('[hypervisor.qemu]\nenable_annotations = ["a", "|"]');
  assert.ok(item.ctx.kind === 'value' && item.ctx.inArray && item.ctx.inString);
  const multi = at('[hypervisor.qemu]\nenable_annotations = [\n  "a",\n  "|"\n]\n');
  assert.ok(multi.ctx.kind === 'value' && multi.ctx.inArray && multi.ctx.key === 'enable_annotations');
  assert.equal(at('[runtime]\n# enable_|').ctx.kind, 'comment');
  assert.equal(at('[runtime]\nx = 1 # note|').ctx.kind, 'comment');
});

test('inline tables: keys and values of the sub-table', () => {
  const k = at('[hypervisor.qemu]\nrootless_user = { u|');
  assert.ok(k.ctx.kind === 'key' && k.ctx.typed === 'u');
  assert.deepEqual(k.ctx.table, ['hypervisor', 'qemu', 'rootless_user']);
  const v = at('[hypervisor.qemu]\nfactory = { enable_template = |');
  assert.ok(v.ctx.kind === 'value' && v.ctx.key === 'enable_template');
  const { doc, offset } = at('# kata-config: runtime=rs\n[hypervisor.qemu]\nrootless_user = { u|');
  const labels = completions(doc, detectTarget(undefined, doc, { hostArch: 'x86_64' }), offset).map((i) => i.label);
  assert.ok(labels.includes('uid') && labels.includes('user_name'), labels.join(','));
});

test('completion at the very end of a file without a final newline', () => {
  const { doc, offset } = at('[hypervisor.qemu]\ndefault_v|');
  const labels = completions(doc, detectTarget('/x/configuration-qemu.toml', doc, { hostArch: 'x86_64' }), offset).map((i) => i.label);
  assert.ok(labels.includes('default_vcpus'));
});

test('present keys are not offered again; keys of other releases are marked, not hidden', () => {
  const { doc, offset } = at('# kata-config: release=3.2.0\n[hypervisor.qemu]\ndefault_memory = 2048\n|\n');
  const items = completions(doc, detectTarget('/x/configuration-qemu.toml', doc, { hostArch: 'x86_64' }), offset);
  assert.ok(!items.some((i) => i.label === 'default_memory'));
  const later = items.find((i) => i.label === 'pcie_root_port');
  assert.deepEqual(later?.tags, [1]);
});
