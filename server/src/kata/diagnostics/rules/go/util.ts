/**
 * Helpers shared by the Go runtime cross-field rules: the value Kata really reads for a key (the
 * written one, or the loader's default when the key is absent), the hypervisor tables in play,
 * and small fixes. A value is `undefined` when it cannot be known from this file: a template
 * placeholder, a value of the wrong type (the generic rules report that), or a key a drop-in does
 * not set (its value comes from the base file). A `.toml.in` template is treated the same way for
 * absent keys: templates are often fragments, so a missing key is not taken as Kata's default.
 */
import { hypervisorByTable } from '../../../catalog';
import { compareVersions, type Release } from '../../../releases';
import type { Span } from '../../../../toml';
import type { KataContext, KeyInstance, TableInstance } from '../../context';
import { fix, insertionPoint, insertLine, removeEntry, replaceSpan } from '../../fixes';
import type { Fix } from '../../types';

export const GO_CONFIG = 'src/runtime/pkg/katautils/config.go';
export const VC = 'src/runtime/virtcontainers';

/** What the user sees, in the words of the policy. */
export const LOAD = 'Kata refuses to load the file';
export const VM_START = 'the file loads, but every sandbox fails when Kata starts the VM';

export function since(ctx: KataContext, release: Release): boolean {
  return compareVersions(ctx.target.release, release) >= 0;
}

export function until(ctx: KataContext, release: Release): boolean {
  return compareVersions(ctx.target.release, release) <= 0;
}

export function hvName(t: TableInstance): string {
  return t.ref?.hypervisor ?? '';
}

export function displayName(t: TableInstance): string {
  const name = hvName(t);
  return hypervisorByTable(name, 'go')?.displayName ?? name;
}

/** The hypervisor tables of the file that this target loads, optionally only those named. */
export function hvTables(ctx: KataContext, ...names: string[]): TableInstance[] {
  const loadable = ctx.schema.hypervisorTables() as string[];
  return ctx.hypervisorTables().filter((t) => t.index === undefined && loadable.includes(hvName(t)) && (!names.length || names.includes(hvName(t))));
}

/** The file's one hypervisor table, for [runtime]/[factory] rules that depend on it; undefined when there is none or several. */
export function soleHypervisor(ctx: KataContext): TableInstance | undefined {
  const tables = hvTables(ctx);
  return tables.length === 1 ? tables[0] : undefined;
}

export function firstTable(ctx: KataContext, kind: 'runtime' | 'factory'): TableInstance | undefined {
  return ctx.tablesOf(kind)[0];
}

/** The key as the Go decoder finds it: the exact name, else (in a main file) the same name in another case. */
export function findKey(ctx: KataContext, table: TableInstance | undefined, name: string): KeyInstance | undefined {
  if (!table) return undefined;
  const exact = ctx.key(table, name);
  if (exact || ctx.target.dropIn) return exact;
  return ctx.keyIgnoringCase(table, name);
}

export interface Value<T> {
  value: T;
  /** The written key; absent when Kata uses its default. */
  key?: KeyInstance;
}

function read<T>(ctx: KataContext, table: TableInstance | undefined, name: string, dflt: T, get: (k: KeyInstance) => T | undefined): Value<T> | undefined {
  const k = findKey(ctx, table, name);
  if (!k) return ctx.target.dropIn || ctx.target.template ? undefined : { value: dflt };
  const v = get(k);
  return v === undefined ? undefined : { value: v, key: k };
}

export function strVal(ctx: KataContext, table: TableInstance | undefined, name: string, dflt = ''): Value<string> | undefined {
  return read(ctx, table, name, dflt, (k) => ctx.str(k));
}

export function boolVal(ctx: KataContext, table: TableInstance | undefined, name: string, dflt = false): Value<boolean> | undefined {
  return read(ctx, table, name, dflt, (k) => ctx.bool(k));
}

export function numVal(ctx: KataContext, table: TableInstance | undefined, name: string, dflt = 0): Value<number> | undefined {
  return read(ctx, table, name, dflt, (k) => ctx.num(k));
}

export interface Item {
  value: string;
  span: Span;
}

/** A list of strings; undefined when any item is not a plain string (a placeholder, another type). */
export function listVal(ctx: KataContext, table: TableInstance | undefined, name: string): Value<Item[]> | undefined {
  return read<Item[]>(ctx, table, name, [], (k) => {
    const arr = k.entry?.value;
    if (!arr || arr.kind !== 'array') return undefined;
    const items = ctx.strings(k);
    return items.length === arr.items.length ? items : undefined;
  });
}

/** True when the key is written with a value that is not a placeholder (so a rule may quote it). */
export function written<T>(v: Value<T> | undefined): v is Value<T> & { key: KeyInstance } {
  return !!v?.key;
}

/** True when this hypervisor's loader copies the key (absent or present). */
export function reads(ctx: KataContext, table: TableInstance, name: string): boolean {
  return ctx.schema.lookup('hypervisor', name, hvName(table)).status === 'valid';
}

/** Where to point: the written value, else the table's header. */
export function spanOf(ctx: KataContext, v: Value<unknown> | undefined, table: TableInstance): Span {
  return v?.key ? ctx.valueSpan(v.key) : table.span;
}

/** A fix that makes `name = text` in the table: replaces the written value, or adds a line under the table's header. */
export function setFix(ctx: KataContext, table: TableInstance | undefined, name: string, text: string, preferred = false, title = `Set ${name} = ${text}`): Fix[] {
  if (!table) return [];
  const k = findKey(ctx, table, name);
  if (k?.entry?.value) return [fix(title, [replaceSpan(ctx.valueSpan(k), text)], preferred)];
  if (k || !table.header || table.header.kind !== 'table') return [];
  return [fix(title, [insertLine(ctx.doc, insertionPoint(ctx.doc, table), `${name} = ${text}`)], preferred)];
}

/** A fix that removes the key's line, when it is a plain `key = value` line. */
export function removeFix(ctx: KataContext, k: KeyInstance | undefined, title = `Remove ${k?.key}`): Fix[] {
  return k?.entry ? [fix(title, [removeEntry(ctx.doc, k.entry)])] : [];
}

export function quote(s: string): string {
  return JSON.stringify(s);
}
