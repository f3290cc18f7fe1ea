/** The engine on every shipped Kata config: no errors, values equal to @iarna/toml's, a full outline. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as iarna from '@iarna/toml';
import { parseToml, toPlain } from '../../server/src/toml';
import { documentSymbols } from '../../server/src/features/symbols';
import { foldingRanges } from '../../server/src/features/folding';
import { corpusFiles, skipUnlessShared } from '../support/shared';

const skip = skipUnlessShared('kata-configs');

function plainForCompare(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plainForCompare);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainForCompare(x)]));
  return v;
}

test('every corpus file parses without error and agrees with @iarna/toml', { skip }, () => {
  const files = corpusFiles();
  assert.ok(files.length >= 1280);
  for (const f of files) {
    if (!f.validToml) {
      assert.ok(parseToml(fs.readFileSync(f.path, 'utf8')).errors.length > 0, `${f.path}: the upstream template typo must be a syntax error`);
      continue;
    }
    const text = fs.readFileSync(f.path, 'utf8');
    const doc = parseToml(text);
    assert.deepEqual(doc.errors, [], f.path);
    assert.deepEqual(plainForCompare(toPlain(doc.root)), plainForCompare(iarna.parse(text)), f.path);
  }
});

test('the outline of every corpus file has its hypervisor, agent and runtime tables, with valid ranges', { skip }, () => {
  for (const f of corpusFiles().filter((c) => c.validToml)) {
    const doc = parseToml(fs.readFileSync(f.path, 'utf8'));
    const symbols = documentSymbols(doc);
    const names = symbols.map((s) => s.name);
    for (const t of ['hypervisor', 'agent', 'runtime']) assert.ok(names.includes(t), `${f.path}: ${names}`);
    const check = (s: (typeof symbols)[number]): void => {
      const inside = (a: typeof s.range, b: typeof s.range) =>
        (a.start.line > b.start.line || (a.start.line === b.start.line && a.start.character >= b.start.character)) &&
        (a.end.line < b.end.line || (a.end.line === b.end.line && a.end.character <= b.end.character));
      assert.ok(inside(s.selectionRange, s.range), `${f.path}: ${s.name} selection outside its range`);
      for (const c of s.children ?? []) {
        assert.ok(inside(c.range, s.range), `${f.path}: ${c.name} outside ${s.name}`);
        check(c);
      }
    };
    symbols.forEach(check);
    for (const r of foldingRanges(doc)) assert.ok(r.endLine > r.startLine && r.endLine < doc.lines.lineCount);
  }
});
