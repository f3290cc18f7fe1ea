/**
 * The effective configuration: for a base file and its config.d drop-ins, the value Kata uses for
 * every key its loader reads in the tables the files configure, and where that value comes from.
 *
 * Merge (research/kata-system-integration.md §2.5): drop-ins are applied over the base file in
 * file-name order, key by key (Go: katautils/config.go updateFromDropIn decodes each file over the
 * loaded struct; runtime-rs: kata-types config/drop_in.rs merges the TOML trees, then decodes once).
 * In both, a table merges and any other value, arrays included, replaces the earlier one.
 * Values: the last written value, rewritten the way Kata rewrites it (Go: effective/rewrites.ts and
 * the spec's zero/empty adjustments; runtime-rs: adjust_config, effective/rsAdjustments.ts), or
 * Kata's built-in default when no file writes the key.
 *
 * Pure: no file system, no editor. Callers pass the texts (CLI and server find the drop-ins).
 */
import { parseToml, type ScalarValue, type TomlDocument, type TomlNode, type TomlTable } from '../../toml';
import type { KataSchema } from '../schema';
import { classifyTable } from '../schema/tablePaths';
import type { KeySpec, TableKind, TomlScalar, TomlValue } from '../schema/types';
import { dropInRefusals, type DropInRefusal } from './dropIns';
import { rsAdjustTable } from './rsAdjustments';
import { copiedAsWritten, crossKeyRewrite, goWrapped, hostNoteOf, rewriteNumber, rewriteString } from './rewrites';

export interface EffectiveSource {
  path: string;
  text: string;
  /** The text already parsed (the editor's analysis of an open document), to skip parsing it again. */
  doc?: TomlDocument;
}

/** Where a written value was found: the file and its 1-based line. */
export interface WrittenAt {
  file: string;
  line: number;
  /** Whether the file is a config.d drop-in rather than the base file. */
  dropIn: boolean;
}

export type Origin =
  /** Written, and used as written. */
  | ({ kind: 'written' } & WrittenAt)
  /** Written, and replaced by Kata. */
  | ({ kind: 'rewritten'; written: TomlValue; why: string } & WrittenAt)
  /** No file writes it: Kata's built-in default (`why`: set when another key of the table decides it). */
  | { kind: 'built-in'; why?: string };

export interface EffectiveEntry {
  /** The table path as written (`hypervisor.qemu`, `agent.kata`, `runtime`). */
  table: string;
  kind: TableKind;
  key: string;
  /** Undefined when Kata's default is not known to kata-config, or the written value is not a plain TOML value. */
  value: TomlValue | undefined;
  origin: Origin;
  /**
   * Set when the value Kata uses depends on the host, and how ("host CPU count", "values above the
   * host RAM become the host RAM"); `value` is then undefined when no number can be given at all.
   */
  host?: string;
  /** Earlier files' values this one overrides (a drop-in over the base file), oldest first. */
  overrides: Array<{ value: TomlValue | undefined } & WrittenAt>;
}

export interface EffectiveConfig {
  entries: EffectiveEntry[];
  /** Files that could not be read as TOML: Kata refuses the whole configuration then. */
  unreadable: Array<{ file: string; message: string }>;
  /**
   * Drop-in keys the runtime refuses to apply (effective/dropIns.ts), in the order Kata meets them:
   * the first one is the error that stops the load.
   */
  refused: DropInRefusal[];
}

function scalarValue(v: ScalarValue): TomlScalar | undefined {
  if (v.kind === 'string' || v.kind === 'boolean' || v.kind === 'float') return v.value;
  if (v.kind === 'integer') return Number(v.value);
  return undefined;
}

function plainValue(node: TomlNode): TomlValue | undefined {
  if (node.type === 'value') return node.value.kind === 'invalid' ? undefined : scalarValue(node.value);
  if (node.type !== 'array') return undefined;
  const items: TomlScalar[] = [];
  for (const item of node.items) {
    if (item.type !== 'value' || item.value.kind === 'invalid') return undefined;
    const v = scalarValue(item.value);
    if (v === undefined) return undefined;
    items.push(v);
  }
  return items;
}

/** The tables of a file Kata decodes, by path: `[runtime]`, `[agent.kata]`, `[hypervisor.qemu]` and their sub-tables. */
function tablesOf(root: TomlTable, prefix: string[] = [], out = new Map<string, { path: string[]; table: TomlTable }>()): Map<string, { path: string[]; table: TomlTable }> {
  for (const [name, node] of root.entries) {
    if (node.type !== 'table') continue;
    const path = [...prefix, name];
    if (classifyTable(path)) out.set(path.join('.'), { path, table: node });
    if (path.length < 3) tablesOf(node, path, out);
  }
  return out;
}

const NUMERIC = new Set(['u8', 'u16', 'u32', 'u64', 'usize', 'i32', 'i64', 'f32']);

/**
 * What Kata makes of a written value: the rewrite, if any. A numeric key whose replacement is a
 * description ("host RAM") gets no value but a host note: the number is the host's.
 */
function rewrite(spec: KeySpec, value: TomlValue, runtime: 'go' | 'rs', hypervisor: string | undefined): { use: TomlValue | undefined; why: string; host?: string } | undefined {
  if (typeof value === 'number') {
    // A negative value of a Go unsigned key is decoded wrapped around, before any other rewrite.
    const wrapped = goWrapped(spec, value, runtime);
    const n = wrapped ? (wrapped.use as number) : value;
    const r = rewriteNumber(spec, n, runtime, hypervisor);
    if (r) return r;
    const zero = spec.adjustments?.find((a) => a.when === 'zero');
    if (n === 0 && zero && 'use' in zero) {
      if (typeof zero.use === 'string' && NUMERIC.has(spec.type)) {
        // "host RAM": the number is the host's. Other descriptions ("1 on QEMU, 2 on Cloud Hypervisor")
        // depend on the hypervisor in ways the spec does not hold per table: keep what is written.
        return /\bhost\b/.test(zero.use) ? { use: undefined, why: `0 means the ${zero.use}`, host: zero.use } : undefined;
      }
      return { use: zero.use, why: '0 means the default' };
    }
    return wrapped;
  }
  if (typeof value === 'string' && copiedAsWritten(spec, runtime, hypervisor)) return undefined;
  if (value === '') {
    const empty = spec.adjustments?.find((a) => a.when === 'empty');
    if (empty && 'use' in empty) return { use: empty.use, why: 'empty means the default' };
  }
  if (typeof value === 'string' && value !== '') return rewriteString(spec, value, runtime);
  return undefined;
}

/**
 * The values another key of the same hypervisor table decides (rewrites.ts crossKeyRewrite), and
 * built-in defaults a hypervisor's loader does not apply (copiedAsWritten), over the entries of one
 * configuration; each rule reads the other keys' values as they were before this pass.
 */
function applyTableRules(entries: EffectiveEntry[], schema: KataSchema): void {
  const { target } = schema;
  const byTable = new Map<string, Map<string, EffectiveEntry>>();
  for (const e of entries) {
    if (e.kind !== 'hypervisor') continue;
    let t = byTable.get(e.table);
    if (!t) byTable.set(e.table, (t = new Map()));
    t.set(e.key, e);
  }
  for (const [table, keys] of byTable) {
    const hypervisor = table.split('.')[1];
    const before = new Map([...keys].map(([k, e]) => [k, e.value]));
    const valueOf = (key: string) => before.get(key);
    for (const e of keys.values()) {
      const spec = schema.spec('hypervisor', e.key);
      if (spec && e.origin.kind === 'built-in' && typeof spec.codeDefault === 'string' && copiedAsWritten(spec, target.runtime, hypervisor)) e.value = '';
      const r = crossKeyRewrite(e.key, e.value, valueOf, target, hypervisor);
      if (r) {
        if (e.origin.kind === 'built-in') e.origin = { kind: 'built-in', why: r.why };
        else if (e.origin.kind === 'written' && e.value !== undefined) e.origin = { ...e.origin, kind: 'rewritten', written: e.value, why: r.why };
        else if (e.origin.kind === 'rewritten') e.origin = { ...e.origin, why: `${e.origin.why}; ${r.why}` };
        e.value = r.use;
        // The other key decides the value: the host's only when the rule says so.
        if (r.host) e.host = r.host;
        else delete e.host;
      }
      const host = spec && hostNoteOf(spec, e.value, target.runtime);
      if (host && !e.host) e.host = host;
    }
  }
}

/**
 * runtime-rs's adjust_config over each table (rsAdjustments.ts, the generated facts), on the values
 * the files write; a key no file writes starts from serde's default. Runs once, after the merge, as
 * runtime-rs adjusts the merged configuration.
 */
function applyRsAdjustments(entries: EffectiveEntry[], schema: KataSchema): void {
  const byTable = new Map<string, EffectiveEntry[]>();
  for (const e of entries) {
    const list = byTable.get(e.table);
    if (list) list.push(e);
    else byTable.set(e.table, [e]);
  }
  const hypervisors = [...byTable.keys()].filter((t) => t.startsWith('hypervisor.') && t.split('.').length === 2).map((t) => t.split('.')[1]);
  for (const [table, list] of byTable) {
    const values = new Map<string, TomlValue | undefined>();
    // A written value that is no plain TOML value (an inline table) is not replayed: its outcome is unknown.
    const opaque = new Set<string>();
    for (const e of list) {
      if (e.origin.kind !== 'built-in' && e.value === undefined) opaque.add(e.key);
      values.set(e.key, e.origin.kind === 'built-in' ? undefined : e.value);
    }
    const adjusted = rsAdjustTable(schema.target, table, values, hypervisors);
    for (const e of list) {
      const r = adjusted.get(e.key);
      if (!r || opaque.has(e.key)) continue;
      if (!r.rewritten) {
        if (r.host) e.host = r.host;
        continue;
      }
      if (e.origin.kind === 'built-in') e.origin = { kind: 'built-in', why: r.why };
      else if (r.host === undefined && r.use !== undefined && sameValue(r.use, e.value)) continue;
      else if (e.origin.kind === 'written') e.origin = { ...e.origin, kind: 'rewritten', written: e.value!, why: r.why };
      else e.origin = { ...e.origin, why: `${e.origin.why}; ${r.why}` };
      e.value = r.use;
      if (r.host) e.host = r.host;
      else delete e.host;
    }
  }
}

function sameValue(a: TomlValue, b: TomlValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The effective configuration of `base` with `dropIns` applied in file-name order. */
export function effectiveConfig(schema: KataSchema, base: EffectiveSource, dropIns: readonly EffectiveSource[] = []): EffectiveConfig {
  const unreadable: EffectiveConfig['unreadable'] = [];
  const layers: Array<{ source: EffectiveSource; dropIn: boolean; tables: Map<string, { path: string[]; table: TomlTable }>; lineOf: (offset: number) => number }> = [];
  const ordered = [...dropIns].sort((a, b) => (basename(a.path) < basename(b.path) ? -1 : basename(a.path) > basename(b.path) ? 1 : 0));
  for (const [i, source] of [base, ...ordered].entries()) {
    const doc = source.doc ?? parseToml(source.text);
    if (doc.errors.length) {
      const e = doc.errors[0];
      unreadable.push({ file: source.path, message: `line ${doc.lines.positionAt(e.start).line + 1}: ${e.message}` });
      continue;
    }
    layers.push({ source, dropIn: i > 0, tables: tablesOf(doc.root), lineOf: (o) => doc.lines.positionAt(o).line + 1 });
  }

  const refused: DropInRefusal[] = [];
  for (const layer of layers) {
    if (!layer.dropIn) continue;
    const inFile: DropInRefusal[] = [];
    for (const t of layer.tables.values()) inFile.push(...dropInRefusals(schema, layer.source.path, t.path, classifyTable(t.path)!, t.table, layer.lineOf));
    refused.push(...inFile.sort((a, b) => a.offset - b.offset));
  }

  const tablePaths = new Map<string, string[]>();
  for (const layer of layers) for (const [name, t] of layer.tables) tablePaths.set(name, t.path);
  if (layers.length) for (const path of impliedTables(schema, [...tablePaths.values()])) if (!tablePaths.has(path.join('.'))) tablePaths.set(path.join('.'), path);

  const entries: EffectiveEntry[] = [];
  const { runtime } = schema.target;
  for (const [name, path] of [...tablePaths].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ref = classifyTable(path)!;
    if (!schema.readsTable(ref.kind)) continue;
    const aliases = schema.specsOf(ref.kind).filter((s) => s.aliasOf && schema.isAlias(s));
    for (const spec of schema.keys(ref.kind, ref.hypervisor)) {
      // The spellings Kata reads for this key: its name and the aliases it accepts in this release.
      const spellings = [spec.key, ...aliases.filter((a) => a.aliasOf === spec.key).map((a) => a.key)];
      const writes: Array<{ value: TomlValue | undefined } & WrittenAt> = [];
      for (const layer of layers) {
        const table = layer.tables.get(name)?.table;
        // Go's TOML decoder (BurntSushi/toml) matches a key to a field by its exact name, else ignoring case.
        const node = table && (spellings.map((k) => table.entries.get(k)).find((n) => n !== undefined) ?? (runtime === 'go' ? caseInsensitive(table, spec.key) : undefined));
        if (!node) continue;
        const entry = node.type === 'value' || node.type === 'array' ? node.entry : undefined;
        writes.push({ value: plainValue(node), file: layer.source.path, line: entry ? layer.lineOf(entry.start) : 0, dropIn: layer.dropIn });
      }
      const last = writes[writes.length - 1];
      const overrides = writes.slice(0, -1);
      if (!last) {
        // A built-in 0 that means "the host's" is the host's too.
        const d = spec.codeDefault === undefined ? undefined : rewrite(spec, spec.codeDefault, runtime, ref.hypervisor);
        const host = d?.host;
        const value = d ? d.use : spec.codeDefault;
        entries.push({ table: name, kind: ref.kind, key: spec.key, value, origin: { kind: 'built-in' }, ...(host ? { host } : {}), overrides });
        continue;
      }
      const { value, ...at } = last;
      const r = value === undefined ? undefined : rewrite(spec, value, runtime, ref.hypervisor);
      // Values above the host's CPUs or RAM are lowered too (the spec's 'host' adjustments): hover says so; not a rewrite of this file.
      const host = r?.host;
      entries.push({
        table: name,
        kind: ref.kind,
        key: spec.key,
        value: r ? r.use : value,
        origin: r ? { kind: 'rewritten', written: value!, why: r.why, ...at } : { kind: 'written', ...at },
        ...(host ? { host } : {}),
        overrides,
      });
    }
  }
  if (runtime === 'rs') applyRsAdjustments(entries, schema);
  else applyTableRules(entries, schema);
  return { entries, unreadable, refused };
}

/**
 * Tables the runtime decodes whether or not a file writes them, so their keys have values too: Go
 * decodes one tomlConfig struct (katautils/config.go: runtime, factory, image, agent.kata, each its
 * zero value or default when absent); runtime-rs decodes [runtime] and, within each hypervisor table,
 * its factory (kata-types config/mod.rs TomlConfig, hypervisor/mod.rs Hypervisor.factory). Hypervisor
 * tables are never implied: which one Kata uses is the file's choice.
 */
function impliedTables(schema: KataSchema, written: readonly string[][]): string[][] {
  const implied: string[][] = [['runtime']];
  if (schema.target.runtime === 'go') implied.push(['factory'], ['image'], ['agent', 'kata']);
  else for (const p of written) if (p.length === 2 && p[0] === 'hypervisor') implied.push([...p, 'factory']);
  return implied.filter((p) => schema.readsTable(classifyTable(p)!.kind));
}

/** The entry whose key equals `key` ignoring case (the first, as the decoder meets them). */
function caseInsensitive(table: TomlTable, key: string): TomlNode | undefined {
  for (const [k, node] of table.entries) if (k.toLowerCase() === key) return node;
  return undefined;
}

function basename(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}
