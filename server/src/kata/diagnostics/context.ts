/**
 * What rules see: the parsed document, its target and schema, and every Kata table and key found
 * in it, each with its source ranges and what the schema says of it. Built once per analysis.
 */
import type { KeyPart, KeyValue, ScalarValue, Span, TableHeader, TomlDocument, TomlNode, TomlTable, ValueNode } from '../../toml';
import { classifyTable, KataSchema, type KeyLookup, type TableRef } from '../schema';
import type { Target } from '../target';
import type { KataDiagnostic, Severity, Fix } from './types';

export interface TableInstance {
  /** The table's path, e.g. ['hypervisor', 'qemu']. */
  path: string[];
  /** What kind of Kata table it is; undefined for a table Kata has no use for. */
  ref: TableRef | undefined;
  node: TomlTable;
  /** The `[header]` that opened it, when one did. */
  header?: TableHeader;
  /** Where to point at the table: its header's key, or the key that created it. */
  span: Span;
  /** Index among the elements of an array of tables. */
  index?: number;
}

export interface KeyInstance {
  table: TableInstance;
  key: string;
  node: TomlNode;
  keyPart: KeyPart;
  /** The whole `key = value` line, when the key was written as one (not as a table). */
  entry?: KeyValue;
  lookup: KeyLookup;
}

export interface AnalysisOptions {
  /** Check things that depend on this machine (files exist, CPUs, memory). */
  hostChecks: boolean;
  /** Offsets of `@NAME@` template placeholders (values that are not checked). */
  placeholders: ReadonlySet<number>;
  /** The file's absolute path, when it is a file on this machine. */
  filePath?: string;
  /** Access to this machine for host checks (injected, so rules stay pure). */
  host?: { exists(path: string): boolean };
  /** For a drop-in: the hypervisor tables of its base file, when the base was read. */
  baseHypervisors?: string[];
}

export class KataContext {
  readonly schema: KataSchema;
  readonly tables: TableInstance[] = [];
  readonly keys: KeyInstance[] = [];
  readonly diagnostics: KataDiagnostic[] = [];
  /** Top-level values that are not tables (Kata has none). */
  readonly strayKeys: Array<{ key: string; node: TomlNode; keyPart: KeyPart; entry?: KeyValue }> = [];

  constructor(
    readonly doc: TomlDocument,
    readonly target: Target,
    readonly options: AnalysisOptions,
  ) {
    this.schema = new KataSchema(target);
    for (const [top, node] of doc.root.entries) {
      if (node.type === 'table' && (top === 'hypervisor' || top === 'agent') && node.origin !== 'inline') {
        const parentSpan = node.keyRef ?? node.header?.key;
        if (node.entries.size === 0 && parentSpan) this.addTable([top], node);
        for (const [name, child] of node.entries) {
          if (child.type === 'table') this.addTable([top, name], child);
          else this.strayKeys.push({ key: `${top}.${name}`, node: child, keyPart: keyPartOf(child)!, entry: entryOf(child) });
        }
      } else if (node.type === 'table') {
        this.addTable([top], node);
      } else if (node.type === 'array' && node.ofTables) {
        node.items.forEach((item, index) => this.addTable([top], item as TomlTable, index));
      } else {
        this.strayKeys.push({ key: top, node, keyPart: keyPartOf(node)!, entry: entryOf(node) });
      }
    }
  }

  private addTable(path: string[], node: TomlTable, index?: number): void {
    const ref = classifyTable(path);
    const span = node.header?.key ?? node.keyRef ?? { start: 0, end: 0 };
    const table: TableInstance = { path, ref, node, header: node.header, span, index };
    this.tables.push(table);
    if (!ref) return;
    for (const [key, child] of node.entries) {
      // Sub-tables Kata knows are tables of their own; anything else is a key of this table.
      const subPath = [...path, key];
      const subRef = classifyTable(subPath);
      if (subRef && child.type === 'table' && child.origin !== 'inline') {
        this.addTable(subPath, child);
        continue;
      }
      if (subRef && child.type === 'array' && child.ofTables) {
        child.items.forEach((item, i) => this.addTable(subPath, item as TomlTable, i));
        continue;
      }
      const keyPart = keyPartOf(child);
      if (!keyPart) continue;
      this.keys.push({ table, key, node: child, keyPart, entry: entryOf(child), lookup: this.schema.lookup(ref.kind, key, ref.hypervisor) });
    }
  }

  report(code: string, severity: Severity, span: Span, message: string, extra: { fixes?: Fix[]; related?: KataDiagnostic['related']; tags?: KataDiagnostic['tags'] } = {}): void {
    this.diagnostics.push({ code, severity, span, message, ...extra });
  }

  hypervisorTables(): TableInstance[] {
    return this.tables.filter((t) => t.ref?.kind === 'hypervisor');
  }

  tablesOf(kind: TableRef['kind']): TableInstance[] {
    return this.tables.filter((t) => t.ref?.kind === kind);
  }

  /** The sub-table of a hypervisor table, e.g. its `factory`. */
  subTables(of: TableInstance, kind: TableRef['kind']): TableInstance[] {
    return this.tables.filter((t) => t.ref?.kind === kind && t.ref.hypervisor === of.ref?.hypervisor);
  }

  key(table: TableInstance | undefined, key: string): KeyInstance | undefined {
    return table ? this.keys.find((k) => k.table === table && k.key === key) : undefined;
  }

  keysOf(table: TableInstance): KeyInstance[] {
    return this.keys.filter((k) => k.table === table);
  }

  /** The scalar written for a key, unless it is a template placeholder. */
  scalar(k: KeyInstance | undefined): ScalarValue | undefined {
    if (!k || k.node.type !== 'value' || k.node.value.kind === 'invalid') return undefined;
    return this.options.placeholders.has(k.node.value.start) ? undefined : k.node.value;
  }

  str(k: KeyInstance | undefined): string | undefined {
    const v = this.scalar(k);
    return v?.kind === 'string' ? v.value : undefined;
  }

  num(k: KeyInstance | undefined): number | undefined {
    const v = this.scalar(k);
    if (v?.kind === 'integer') return Number(v.value);
    if (v?.kind === 'float') return v.value;
    return undefined;
  }

  bool(k: KeyInstance | undefined): boolean | undefined {
    const v = this.scalar(k);
    return v?.kind === 'boolean' ? v.value : undefined;
  }

  /** The strings of a string array (placeholders and non-strings left out). */
  strings(k: KeyInstance | undefined): Array<{ value: string; span: Span }> {
    const arr = k?.entry?.value;
    if (!arr || arr.kind !== 'array') return [];
    return arr.items.filter((i): i is Extract<ValueNode, { kind: 'string' }> => i.kind === 'string' && !this.options.placeholders.has(i.start)).map((i) => ({ value: i.value, span: i }));
  }

  /** The written value's range (the key's range for a key without a value line). */
  valueSpan(k: KeyInstance): Span {
    return k.entry?.value ?? k.keyPart;
  }

  isPlaceholder(k: KeyInstance): boolean {
    const v = k.entry?.value;
    return !!v && this.options.placeholders.has(v.start);
  }
}

function keyPartOf(node: TomlNode): KeyPart | undefined {
  return node.keyRef;
}

function entryOf(node: TomlNode): KeyValue | undefined {
  return node.type === 'table' ? undefined : node.entry;
}
