/**
 * The TOML data model built from the syntax tree: nested tables and arrays whose leaves point back
 * at their syntax nodes. Building it applies TOML's semantic rules (duplicate keys, tables defined
 * twice, dotted keys reaching into closed tables, arrays of tables versus static arrays) and reports
 * each violation with the range of the offending key and the place it clashes with.
 */
import type { InlineTableValue, KeyPart, KeyValue, ScalarValue, Span, SyntaxTree, TableHeader, ValueNode } from './ast';
import type { TomlError, TomlErrorCode } from './errors';

/**
 * How a table came to exist. It decides what may still add to it:
 * - implicit: named only as the parent in a header (`a` in `[a.b]`); may later get its own header;
 * - header: opened by `[name]`; closed to dotted keys from other sections;
 * - dotted: created by a dotted key (`a.b = 1`); never reopened by a header;
 * - inline: `{ ... }`, closed completely;
 * - array-element: one `[[name]]` section.
 */
export type TableOrigin = 'root' | 'implicit' | 'header' | 'dotted' | 'inline' | 'array-element';

export interface TomlTable {
  type: 'table';
  origin: TableOrigin;
  entries: Map<string, TomlNode>;
  /** The key part that created it (absent for the root). */
  keyRef?: KeyPart;
  /** The header that opened it, for header tables and array elements. */
  header?: TableHeader;
  inline?: InlineTableValue;
}

export interface TomlArray {
  type: 'array';
  /** True for `[[name]]` arrays of tables, false for `name = [ ... ]`. */
  ofTables: boolean;
  items: TomlNode[];
  keyRef: KeyPart;
  entry?: KeyValue;
}

export interface TomlLeaf {
  type: 'value';
  value: ScalarValue | { kind: 'invalid'; raw: string; start: number; end: number };
  keyRef?: KeyPart;
  entry?: KeyValue;
}

export type TomlNode = TomlTable | TomlArray | TomlLeaf;

export function newTable(origin: TableOrigin, keyRef?: KeyPart): TomlTable {
  return { type: 'table', origin, entries: new Map(), keyRef };
}

/** The table at a header's path, as the next key/value line would land in it (an array of tables: its last table). */
export function tableAt(root: TomlTable, path: string[]): TomlTable | undefined {
  let t: TomlTable | undefined = root;
  for (const p of path) {
    const next: TomlNode | undefined = t?.entries.get(p);
    if (next?.type === 'table') t = next;
    else if (next?.type === 'array' && next.ofTables) t = next.items[next.items.length - 1] as TomlTable;
    else return undefined;
  }
  return t;
}

function describeNode(node: TomlNode): string {
  if (node.type === 'table') return node.origin === 'inline' ? 'an inline table' : 'a table';
  if (node.type === 'array') return node.ofTables ? 'an array of tables' : 'an array';
  return `a ${node.value.kind === 'datetime' ? 'date-time' : node.value.kind} value`;
}

function definitionSpan(node: TomlNode): Span | undefined {
  if (node.type === 'table') return node.header?.key ?? node.keyRef;
  return node.keyRef;
}

function dotted(parts: KeyPart[], upto: number): string {
  return parts
    .slice(0, upto + 1)
    .map((p) => (p.quoted || !/^[A-Za-z0-9_-]+$/.test(p.name) ? JSON.stringify(p.name) : p.name))
    .join('.');
}

export interface ModelResult {
  root: TomlTable;
  errors: TomlError[];
}

export function buildModel(tree: SyntaxTree): ModelResult {
  return new ModelBuilder().build(tree);
}

class ModelBuilder {
  private readonly errors: TomlError[] = [];
  private readonly root = newTable('root');

  build(tree: SyntaxTree): ModelResult {
    this.insertEntries(this.root, tree.rootEntries);
    for (const header of tree.tables) {
      const table = header.key ? this.openHeader(header, header.key.parts) : null;
      // A header in error gets a detached table: its keys are still parsed but not merged.
      this.insertEntries(table ?? newTable('header'), header.entries);
    }
    return { root: this.root, errors: this.errors };
  }

  private error(code: TomlErrorCode, message: string, at: Span, previous?: TomlNode): void {
    const err: TomlError = { code, message, start: at.start, end: at.end };
    const prev = previous && definitionSpan(previous);
    if (prev) err.related = [{ start: prev.start, end: prev.end, message: 'first defined here' }];
    this.errors.push(err);
  }

  /** Walks the parents named by a header, creating implicit tables; null after reporting a clash. */
  private headerParent(parts: KeyPart[]): TomlTable | null {
    let table = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i];
      const child = table.entries.get(part.name);
      if (!child) {
        const created = newTable('implicit', part);
        table.entries.set(part.name, created);
        table = created;
      } else if (child.type === 'table') {
        if (child.origin === 'inline') {
          this.error('toml-inline-table-extended', `'${dotted(parts, i)}' is an inline table, which cannot be extended by a header`, part, child);
          return null;
        }
        table = child;
      } else if (child.type === 'array' && child.ofTables) {
        table = child.items[child.items.length - 1] as TomlTable;
      } else {
        this.error('toml-key-conflict', `'${dotted(parts, i)}' is already ${describeNode(child)}, so it cannot hold the table [${dotted(parts, parts.length - 1)}]`, part, child);
        return null;
      }
    }
    return table;
  }

  private openHeader(header: TableHeader, parts: KeyPart[]): TomlTable | null {
    const parent = this.headerParent(parts);
    if (!parent) return null;
    const last = parts[parts.length - 1];
    const name = dotted(parts, parts.length - 1);
    const existing = parent.entries.get(last.name);
    if (header.kind === 'array-table') {
      const element: TomlTable = { type: 'table', origin: 'array-element', entries: new Map(), keyRef: last, header };
      if (!existing) {
        parent.entries.set(last.name, { type: 'array', ofTables: true, items: [element], keyRef: last });
        return element;
      }
      if (existing.type === 'array' && existing.ofTables) {
        existing.items.push(element);
        return element;
      }
      if (existing.type === 'array') {
        this.error('toml-array-of-tables-conflict', `[[${name}]] cannot append to '${name}', which is a static array (name = [...])`, header.key ?? last, existing);
      } else if (existing.type === 'table') {
        this.error('toml-array-of-tables-conflict', `[[${name}]] conflicts with the table '${name}' defined before`, header.key ?? last, existing);
      } else {
        this.error('toml-key-conflict', `'${name}' is already ${describeNode(existing)}, so [[${name}]] cannot define it`, header.key ?? last, existing);
      }
      return null;
    }
    if (!existing) {
      const table: TomlTable = { type: 'table', origin: 'header', entries: new Map(), keyRef: last, header };
      parent.entries.set(last.name, table);
      return table;
    }
    if (existing.type === 'table') {
      if (existing.origin === 'implicit') {
        existing.origin = 'header';
        existing.header = header;
        return existing;
      }
      if (existing.origin === 'header') {
        this.error('toml-table-redefined', `table [${name}] is defined more than once`, header.key ?? last, existing);
      } else if (existing.origin === 'dotted') {
        this.error('toml-table-redefined', `table [${name}] was already created by dotted keys and cannot be reopened with a header`, header.key ?? last, existing);
      } else {
        this.error('toml-inline-table-extended', `'${name}' is an inline table, which cannot be reopened with a header`, header.key ?? last, existing);
      }
      return null;
    }
    if (existing.type === 'array' && existing.ofTables) {
      this.error('toml-array-of-tables-conflict', `[${name}] conflicts with the array of tables [[${name}]]`, header.key ?? last, existing);
    } else {
      this.error('toml-key-conflict', `'${name}' is already ${describeNode(existing)}, so [${name}] cannot define it`, header.key ?? last, existing);
    }
    return null;
  }

  private insertEntries(table: TomlTable, entries: KeyValue[]): void {
    for (const kv of entries) {
      if (kv.value) this.insertKeyValue(table, kv, kv.value);
    }
  }

  private insertKeyValue(table: TomlTable, kv: KeyValue, value: ValueNode): void {
    const parts = kv.key.parts;
    let target = table;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i];
      const child = target.entries.get(part.name);
      if (!child) {
        const created = newTable('dotted', part);
        target.entries.set(part.name, created);
        target = created;
        continue;
      }
      if (child.type === 'table' && (child.origin === 'dotted' || child.origin === 'implicit')) {
        child.origin = 'dotted';
        target = child;
        continue;
      }
      const name = dotted(parts, i);
      if (child.type === 'table' && child.origin === 'inline') {
        this.error('toml-inline-table-extended', `'${name}' is an inline table, which cannot be extended with dotted keys`, part, child);
      } else if (child.type === 'table') {
        this.error('toml-key-conflict', `table '${name}' has its own [header]; dotted keys elsewhere cannot add to it`, part, child);
      } else {
        this.error('toml-key-conflict', `'${name}' is already ${describeNode(child)}, so '${dotted(parts, parts.length - 1)}' cannot be set`, part, child);
      }
      return;
    }
    const last = parts[parts.length - 1];
    const existing = target.entries.get(last.name);
    if (existing) {
      this.error('toml-duplicate-key', `duplicate key '${dotted(parts, parts.length - 1)}': it is already set${existing.type === 'table' && existing.origin !== 'inline' ? ' as a table' : ''}`, last, existing);
      return;
    }
    target.entries.set(last.name, this.convert(value, last, kv));
  }

  private convert(value: ValueNode, keyRef: KeyPart, entry?: KeyValue): TomlNode {
    if (value.kind === 'array') {
      return { type: 'array', ofTables: false, keyRef, entry, items: value.items.map((item) => this.convert(item, keyRef)) };
    }
    if (value.kind === 'inline-table') {
      const table: TomlTable = { type: 'table', origin: 'inline', entries: new Map(), keyRef, inline: value };
      this.insertEntries(table, value.entries);
      return table;
    }
    return { type: 'value', value, keyRef, entry };
  }
}
