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

/**
 * At most this many Kata diagnostics are kept per file. Rules that loop over many keys or tables
 * stop once `full` is set; `report` keeps one more than the limit, so callers can tell the list was cut.
 */
export const MAX_KATA_DIAGNOSTICS = 1000;

/**
 * Keys of Kata tables analyzed per file (Kata's largest shipped config has about 300). Beyond it the
 * rest is not collected, and the rules that relate keys to each other are skipped (they could
 * report a key missing that is only beyond the limit).
 */
export const MAX_KATA_KEYS = 10_000;

/** The code of the notices that say a list or an analysis was cut at one of these limits. */
export const LIMIT_CODE = 'kata-config-limit';

/** Longer keys cannot be Kata keys, nor close enough to one for a did-you-mean: not looked up. */
const MAX_KEY_LENGTH = 256;

export class KataContext {
  readonly schema: KataSchema;
  readonly tables: TableInstance[] = [];
  readonly keys: KeyInstance[] = [];
  readonly diagnostics: KataDiagnostic[] = [];
  /** Top-level values that are not tables (Kata has none). */
  readonly strayKeys: Array<{ key: string; node: TomlNode; keyPart: KeyPart; entry?: KeyValue }> = [];
  /** The first key left out when the file has more than MAX_KATA_KEYS keys in Kata tables. */
  unchecked: KeyPart | undefined;
  /** Diagnostics the user suppressed (`# kata-config: ignore`) are dropped as they are reported. */
  suppressed: (d: KataDiagnostic) => boolean = () => false;
  private readonly keysByTable = new Map<TableInstance, Map<string, KeyInstance>>();
  private readonly tablesByKind = new Map<TableRef['kind'], TableInstance[]>();
  /** Lookups of keys the schema has no spec for, which do not depend on the hypervisor (did-you-mean is the costly part). */
  private readonly unknownLookups = new Map<string, KeyLookup>();
  private readonly foldedKeys = new Map<TableInstance, Map<string, KeyInstance>>();

  constructor(
    readonly doc: TomlDocument,
    readonly target: Target,
    readonly options: AnalysisOptions,
  ) {
    this.schema = KataSchema.of(target);
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
    if (this.unchecked) return; // past MAX_KATA_KEYS: the rest of the file is not analyzed
    const ref = classifyTable(path);
    const span = node.header?.key ?? node.keyRef ?? { start: 0, end: 0 };
    const table: TableInstance = { path, ref, node, header: node.header, span, index };
    this.tables.push(table);
    if (!ref) return;
    let byKind = this.tablesByKind.get(ref.kind);
    if (!byKind) this.tablesByKind.set(ref.kind, (byKind = []));
    byKind.push(table);
    const own = new Map<string, KeyInstance>();
    this.keysByTable.set(table, own);
    for (const [key, child] of node.entries) {
      // Sub-tables Kata knows are tables of their own; anything else is a key of this table.
      const isTable = (child.type === 'table' && child.origin !== 'inline') || (child.type === 'array' && child.ofTables);
      const subPath = isTable ? [...path, key] : path;
      if (isTable && classifyTable(subPath)) {
        if (child.type === 'table') this.addTable(subPath, child);
        else if (child.type === 'array') child.items.forEach((item, i) => this.addTable(subPath, item as TomlTable, i));
        continue;
      }
      const keyPart = keyPartOf(child);
      if (!keyPart) continue;
      if (this.keys.length >= MAX_KATA_KEYS) {
        this.unchecked ??= keyPart;
        continue;
      }
      const instance = new LazyKey(this, table, key, child, keyPart, entryOf(child));
      this.keys.push(instance);
      own.set(key, instance);
    }
  }

  /** The key of a table whose name is `lower` in lower case (the first in file order). */
  keyIgnoringCase(table: TableInstance, lower: string): KeyInstance | undefined {
    const exact = this.key(table, lower);
    if (exact) return exact;
    let folded = this.foldedKeys.get(table);
    if (!folded) {
      // Only keys with upper-case letters can differ from their lower-case spelling.
      folded = new Map();
      for (const k of this.keysByTable.get(table)?.values() ?? []) {
        if (!/[A-Z]/.test(k.key)) continue;
        const name = k.key.toLowerCase();
        if (!folded.has(name)) folded.set(name, k);
      }
      this.foldedKeys.set(table, folded);
    }
    return folded.get(lower);
  }

  /** @internal The schema's verdict on a key, memoized for keys without a spec. */
  lookup(kind: TableRef['kind'], key: string, hypervisor: string | undefined): KeyLookup {
    if (key.length > MAX_KEY_LENGTH) return { status: 'unknown', suggestions: [] };
    if (this.schema.spec(kind, key)) return this.schema.lookup(kind, key, hypervisor);
    const memo = `${kind}\0${key}`;
    let found = this.unknownLookups.get(memo);
    if (!found) this.unknownLookups.set(memo, (found = this.schema.lookup(kind, key, hypervisor)));
    return found;
  }

  /** True once more than MAX_KATA_DIAGNOSTICS were reported: nothing more is kept, rules looping over many keys or tables stop. */
  get full(): boolean {
    return this.diagnostics.length > MAX_KATA_DIAGNOSTICS;
  }

  report(code: string, severity: Severity, span: Span, message: string, extra: { fixes?: Fix[]; related?: KataDiagnostic['related']; tags?: KataDiagnostic['tags'] } = {}): void {
    if (this.full) return;
    const d: KataDiagnostic = { code, severity, span, message, ...extra };
    if (!this.suppressed(d)) this.diagnostics.push(d);
  }

  hypervisorTables(): TableInstance[] {
    return this.tablesOf('hypervisor');
  }

  tablesOf(kind: TableRef['kind']): TableInstance[] {
    return this.tablesByKind.get(kind) ?? [];
  }

  /** The sub-table of a hypervisor table, e.g. its `factory`. */
  subTables(of: TableInstance, kind: TableRef['kind']): TableInstance[] {
    return this.tablesOf(kind).filter((t) => t.ref!.hypervisor === of.ref?.hypervisor);
  }

  key(table: TableInstance | undefined, key: string): KeyInstance | undefined {
    return table ? this.keysByTable.get(table)?.get(key) : undefined;
  }

  keysOf(table: TableInstance): KeyInstance[] {
    return [...(this.keysByTable.get(table)?.values() ?? [])];
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

/** A key whose schema lookup is computed when a rule first asks for it (most rules never do for most keys). */
class LazyKey implements KeyInstance {
  private found: KeyLookup | undefined;

  constructor(
    private readonly ctx: KataContext,
    readonly table: TableInstance,
    readonly key: string,
    readonly node: TomlNode,
    readonly keyPart: KeyPart,
    readonly entry: KeyValue | undefined,
  ) {}

  get lookup(): KeyLookup {
    return (this.found ??= this.ctx.lookup(this.table.ref!.kind, this.key, this.table.ref!.hypervisor));
  }
}

function keyPartOf(node: TomlNode): KeyPart | undefined {
  return node.keyRef;
}

function entryOf(node: TomlNode): KeyValue | undefined {
  return node.type === 'table' ? undefined : node.entry;
}
