/** The TOML engine beyond conformance: ranges, recovery after errors, messages, semantic errors. */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseToml, toPlain, type TomlDocument, type TomlError, type TomlTable } from '../../server/src/toml';

function lineOf(doc: TomlDocument, e: TomlError): number {
  return doc.lines.positionAt(e.start).line;
}

function at(doc: TomlDocument, ...path: string[]) {
  let node: TomlTable | undefined = doc.root;
  for (const p of path.slice(0, -1)) node = node?.entries.get(p) as TomlTable | undefined;
  return node?.entries.get(path[path.length - 1]);
}

describe('ranges', () => {
  test('every key part, value, header and comment has its exact source range', () => {
    const text = '# top\n[hypervisor."qemu"]  # tail\ndefault_memory = 2048\nlist = [ "a", 2 ]\n';
    const doc = parseToml(text);
    assert.deepEqual(doc.errors, []);
    const header = doc.tree.tables[0];
    assert.equal(text.slice(header.start, header.end), '[hypervisor."qemu"]');
    assert.deepEqual(header.key?.parts.map((p) => text.slice(p.start, p.end)), ['hypervisor', '"qemu"']);
    assert.deepEqual(header.key?.parts.map((p) => p.name), ['hypervisor', 'qemu']);
    const [mem, list] = header.entries;
    assert.equal(text.slice(mem.key.start, mem.key.end), 'default_memory');
    assert.equal(text.slice(mem.value!.start, mem.value!.end), '2048');
    assert.equal(list.value?.kind, 'array');
    if (list.value?.kind === 'array') assert.deepEqual(list.value.items.map((i) => text.slice(i.start, i.end)), ['"a"', '2']);
    assert.deepEqual(doc.tree.comments.map((c) => text.slice(c.start, c.end)), ['# top', '# tail']);
    assert.equal(header.sectionEnd, list.end);
  });

  test('positions count UTF-16 units and CRLF line ends like LSP', () => {
    const text = 'a = "😀"\r\nb = 1x\r\n';
    const doc = parseToml(text);
    assert.equal(doc.errors.length, 1);
    assert.deepEqual(doc.lines.positionAt(doc.errors[0].start), { line: 1, character: 4 });
    assert.deepEqual(doc.lines.positionAt(doc.errors[0].end), { line: 1, character: 6 });
    // A character past the end of a line clamps to the line's end, before its CRLF.
    assert.equal(doc.lines.offsetAt({ line: 1, character: 99 }), text.lastIndexOf('\r'));
  });

  test('integers stay exact at 64 bits', () => {
    const doc = parseToml('max = 9223372036854775807\nmin = -9223372036854775808\nhex = 0xFFFF_FFFF\n');
    assert.deepEqual(toPlain(doc.root), { max: 9223372036854775807n, min: -9223372036854775808n, hex: 0xffffffffn });
    assert.equal(parseToml('x = 9223372036854775808').errors[0].code, 'toml-invalid-number');
  });
});

describe('recovery', () => {
  test('several syntax errors are each reported on their own line, and the rest is still read', () => {
    const text = ['a = "open', 'b = 1', 'c = 2 3', 'd = 4', 'e = @E@', '[t]', 'f = 5'].join('\n');
    const doc = parseToml(text);
    assert.deepEqual(doc.errors.map((e) => lineOf(doc, e)), [0, 2, 4]);
    assert.deepEqual(Object.keys(toPlain(doc.root) as object), ['a', 'b', 'c', 'd', 'e', 't']);
    assert.equal((at(doc, 't', 'f') as { value: { value: bigint } }).value.value, 5n);
  });

  test('an unclosed array ends where the next key or table starts', () => {
    const doc = parseToml('list = [\n  "a",\n  "b"\nnext = 1\n[table]\nk = [1, 2,\n[other]\nz = 0\n');
    assert.deepEqual(
      doc.errors.map((e) => [lineOf(doc, e), e.message]),
      [
        [0, "array is never closed: add ']'"],
        [5, "array is never closed: add ']'"],
      ],
    );
    assert.ok(at(doc, 'next'));
    assert.ok(at(doc, 'other', 'z'));
    assert.deepEqual(toPlain(at(doc, 'list')!), ['a', 'b']);
  });

  test('nested arrays that start lines are not mistaken for table headers', () => {
    const doc = parseToml('x = [\n  [1, 2],\n  ["a"]\n]\n');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(toPlain(doc.root), { x: [[1n, 2n], ['a']] });
  });

  test('an unterminated multi-line string does not swallow the rest of the file', () => {
    const doc = parseToml('a = """never closed\nb = 1\n[t]\nc = 2\n');
    assert.equal(doc.errors.length, 1);
    assert.equal(lineOf(doc, doc.errors[0]), 0);
    assert.match(doc.errors[0].message, /unterminated multi-line string/);
    assert.ok(at(doc, 't', 'c'));
  });

  test('a header without its closing bracket still opens its table', () => {
    const doc = parseToml('[hypervisor.qemu\npath = "/x"\n');
    assert.equal(doc.errors.length, 1);
    assert.match(doc.errors[0].message, /expected '\]'/);
    assert.ok(at(doc, 'hypervisor', 'qemu', 'path'));
  });

  test('a half-typed key keeps its key range for later features', () => {
    const doc = parseToml('[runtime]\nenable_deb\nx = 1\n');
    assert.equal(doc.errors.length, 1);
    assert.match(doc.errors[0].message, /'enable_deb' needs '= value'/);
    assert.equal(doc.tree.tables[0].entries[0].key.parts[0].name, 'enable_deb');
    assert.equal(doc.tree.tables[0].entries[0].value, null);
  });

  test('a missing value points at the key and the equals sign', () => {
    const text = 'timeout =   # later\n';
    const doc = parseToml(text);
    assert.equal(doc.errors.length, 1);
    assert.equal(text.slice(doc.errors[0].start, doc.errors[0].end), 'timeout =');
  });

  test('inline tables must close on their line; the next line is read normally', () => {
    const doc = parseToml('a = { x = 1,\nb = 2\n');
    assert.equal(doc.errors.length, 1);
    assert.match(doc.errors[0].message, /inline table must stay on one line/);
    assert.ok(at(doc, 'b'));
  });

  test('garbage never throws or hangs', () => {
    const samples = ['[', '[[', ']]', '=', '"', "'''", '"""\n', 'a.=1', 'a = [', 'a = {', '\u0000', '\r', 'a = 1\r', '[a]]\n[[b]\n', '\ufeff\ufeff', 'a = 1979-05-27 07', 'a = 00:00', '#\u0007'];
    for (const s of samples) {
      const doc = parseToml(s);
      for (const e of doc.errors) assert.ok(e.start >= 0 && e.end <= s.length && e.start <= e.end, `${JSON.stringify(s)}: ${JSON.stringify(e)}`);
    }
  });
});

describe('TOML semantics', () => {
  const cases: Array<[string, string, string, number]> = [
    ['duplicate key', 'a = 1\nb = 2\na = 3\n', 'toml-duplicate-key', 2],
    ['table defined twice', '[t]\n[x]\n[t]\n', 'toml-table-redefined', 2],
    ['header over a dotted table', '[a]\nb.c = 1\n[a.b]\n', 'toml-table-redefined', 2],
    ['dotted keys into a header table', '[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n', 'toml-key-conflict', 3],
    ['inline table extended by a header', 'a = { b = 1 }\n[a.c]\n', 'toml-inline-table-extended', 1],
    ['inline table extended by dotted keys', 'a = { b = 1 }\na.c = 2\n', 'toml-inline-table-extended', 1],
    ['static array appended with [[ ]]', 'a = []\n[[a]]\n', 'toml-array-of-tables-conflict', 1],
    ['table then array of tables', '[a]\n[[a]]\n', 'toml-array-of-tables-conflict', 1],
    ['array of tables then table', '[[a]]\n[a]\n', 'toml-array-of-tables-conflict', 1],
    ['value used as a table', 'a = 1\n[a.b]\n', 'toml-key-conflict', 1],
  ];
  for (const [name, text, code, line] of cases) {
    test(name, () => {
      const doc = parseToml(text);
      assert.deepEqual(
        doc.errors.map((e) => [e.code, lineOf(doc, e)]),
        [[code, line]],
      );
      assert.ok(doc.errors[0].message.length > 10);
    });
  }

  test('duplicates point back at the first definition', () => {
    const doc = parseToml('[runtime]\nenable_debug = true\nenable_debug = false\n');
    const e = doc.errors[0];
    assert.equal(e.related?.[0].message, 'first defined here');
    assert.equal(doc.lines.positionAt(e.related![0].start).line, 1);
  });

  test('implicit tables may be defined later, arrays of tables extend their last element', () => {
    const doc = parseToml('[a.b]\nx = 1\n[a]\ny = 2\n[[t]]\nn = 1\n[[t]]\nn = 2\n[t.sub]\nm = 3\n');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(toPlain(doc.root), { a: { b: { x: 1n }, y: 2n }, t: [{ n: 1n }, { n: 2n, sub: { m: 3n } }] });
  });
});
