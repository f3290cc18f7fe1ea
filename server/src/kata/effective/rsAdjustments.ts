/**
 * What runtime-rs does to a value after decoding it, read from the generated facts
 * (../facts/rs-adjustments.json, scripts/kata-facts/rustAdjust.ts): kata-types' adjust_config
 * functions replace empty and zero values by defaults ("an empty path becomes the plugin's QEMU
 * binary"), cap values ("at most 256 vCPUs on Dragonball") and replace values by host quantities
 * ("0 means the host's CPUs"). Pure: no file system, no editor.
 *
 * The facts list, per table, the adjustments in the order Kata applies them. This module replays
 * them over one table: the values the configuration writes (or serde's default for a key it does not
 * write), then every adjustment whose conditions hold, in order, each seeing the values the earlier
 * ones left, as Kata's functions do. A hypervisor table gets its plugin's adjustments first, then the
 * ones every hypervisor gets; a table with no plugin in that release gets none (runtime-rs refuses
 * to load it).
 */
import adjustmentsJson from '../facts/rs-adjustments.json';
import type { RsAbsentFact, RsAdjustmentFact, RsAdjustmentFacts, RsCondition, RsHostQuantity, RsSetValue } from '../facts/types';
import { ReleaseSet, type Arch, type Release } from '../releases';
import { conditionHolds, type RsCell } from './rsConditions';
import type { TableKind, TomlScalar, TomlValue } from '../schema/types';

const FACTS = adjustmentsJson as unknown as RsAdjustmentFacts;

export interface RsTarget {
  release: Release;
  arch: Arch;
}

/** A table as the schema names it: its kind and, for hypervisor and agent tables, the name in `[hypervisor.<name>]`. */
export interface RsTableRef {
  kind: TableKind;
  name?: string;
}

/** What runtime-rs uses instead of a value. */
export interface RsAdjusted {
  /**
   * The value runtime-rs uses. Undefined when it is no TOML value: a host quantity (`host` says
   * which), an unset `Option` (`shared_fs = "none"`), or a constant whose value the facts lack.
   */
  use: TomlValue | undefined;
  /** Why, naming the Kata function. */
  why: string;
  /** Set when the value depends on the host: "host CPU count", or what happens to values above it. */
  host?: string;
  /**
   * False when runtime-rs keeps the value and only a host-dependent adjustment may change it
   * (`use` is then the value itself, `host` says what the host may do).
   */
  rewritten: boolean;
}

/** The other keys of the same table: their values as written, undefined when no file writes them. */
export type RsValueOf = (key: string) => TomlValue | undefined;

export interface RsContext {
  /** The other keys of the table; without it they count as not written. */
  others?: RsValueOf;
  /** The names of the `[hypervisor.<name>]` tables the configuration has (a plugin may change `[runtime]`). */
  hypervisors?: readonly string[];
}

/** The table path of the facts for a schema table (`hypervisor` + `qemu` → `hypervisor.qemu`). */
export function rsTablePath(table: RsTableRef | string): string | undefined {
  if (typeof table === 'string') return table;
  const { kind, name } = table;
  if (kind === 'hypervisor') return name ? `hypervisor.${name}` : undefined;
  if (kind === 'hypervisor.factory') return name ? `hypervisor.${name}.factory` : undefined;
  if (kind === 'agent') return name ? `agent.${name}` : undefined;
  if (kind === 'mem_agent') return name ? `agent.${name}.mem_agent` : undefined;
  return kind;
}

/** `hypervisor.qemu.factory` → `hypervisor.<name>.factory`, and the `<name>`. */
function generic(table: string): { table: string; name?: string } {
  const parts = table.split('.');
  if ((parts[0] === 'hypervisor' || parts[0] === 'agent') && parts.length > 1) {
    const name = parts[1];
    parts[1] = '<name>';
    return { table: parts.join('.'), name };
  }
  return { table };
}

const HYPERVISOR_NAMES: Record<string, string> = {
  qemu: 'QEMU',
  clh: 'Cloud Hypervisor',
  'cloud-hypervisor': 'Cloud Hypervisor',
  dragonball: 'Dragonball',
  firecracker: 'Firecracker',
  remote: 'remote hypervisor',
  openvmm: 'OpenVMM',
};

const HOST_TEXT: Record<RsHostQuantity, string> = { cpus: 'host CPU count', memory: 'host RAM' };

interface Indexed {
  fact: RsAdjustmentFact;
  releases: ReleaseSet;
}

let index: { byTable: Map<string, Indexed[]>; absent: Map<string, { fact: RsAbsentFact; releases: ReleaseSet }[]>; plugins: { name: string; stage: string; releases: ReleaseSet }[] } | undefined;

function facts() {
  if (index) return index;
  const byTable = new Map<string, Indexed[]>();
  for (const fact of FACTS.adjustments) {
    const list = byTable.get(fact.table) ?? [];
    list.push({ fact, releases: ReleaseSet.parse(fact.releases) });
    byTable.set(fact.table, list);
  }
  const absent = new Map<string, { fact: RsAbsentFact; releases: ReleaseSet }[]>();
  for (const fact of FACTS.absent) {
    const id = `${fact.table}\u0000${fact.key}`;
    absent.set(id, [...(absent.get(id) ?? []), { fact, releases: ReleaseSet.parse(fact.releases) }]);
  }
  const plugins = FACTS.plugins.map((p) => ({ name: p.name, stage: p.stage, releases: ReleaseSet.parse(p.releases) }));
  index = { byTable, absent, plugins };
  return index;
}

/** The hypervisor table names runtime-rs has a plugin for in a release. */
export function rsPlugins(release: Release): string[] {
  return facts()
    .plugins.filter((p) => p.releases.has(release))
    .map((p) => p.name);
}

/** serde's value for a key no file writes, when the facts hold it (only keys the adjustments read or write). */
export function rsAbsentDefault(target: RsTarget, table: RsTableRef | string, key: string): RsAbsentFact['default'] | undefined {
  const path = rsTablePath(table);
  if (!path) return undefined;
  const d = facts()
    .absent.get(`${generic(path).table}\u0000${key}`)
    ?.find((a) => a.releases.has(target.release))?.fact.default;
  if (!d) return undefined;
  if (d.byArch) {
    const v = d.byArch[target.arch];
    return v === undefined ? { unknown: `no default for ${target.arch}` } : { ...(d.fn ? { fn: d.fn } : {}), value: v };
  }
  return d;
}

function absentCell(target: RsTarget, table: string, key: string): RsCell {
  const d = rsAbsentDefault(target, table, key);
  if (!d) return { kind: 'unknown' };
  if (d.none) return { kind: 'none' };
  if (d.value !== undefined) return { kind: 'value', value: d.value as TomlValue };
  return { kind: 'unknown' };
}

/**
 * The adjustments runtime-rs applies to one table in a release, in order (on `arch`). `hypervisors`:
 * the `[hypervisor.<name>]` tables of the configuration, for the adjustments a plugin makes to other
 * tables; 'any' keeps those whatever the configuration holds (to describe them).
 */
function adjustmentsOf(target: RsTarget, table: string, hypervisors: readonly string[] | 'any' | undefined): RsAdjustmentFact[] {
  // Asked per key by hover and completion docs, per table by every analysis: the same few answers.
  const id = `${target.release}\u0000${target.arch}\u0000${table}\u0000${hypervisors === 'any' ? '*' : (hypervisors ?? []).join(',')}`;
  let list = ADJUSTMENTS_OF.get(id);
  if (!list) ADJUSTMENTS_OF.set(id, (list = computeAdjustmentsOf(target, table, hypervisors)));
  return list;
}

const ADJUSTMENTS_OF = new Map<string, RsAdjustmentFact[]>();

function computeAdjustmentsOf(target: RsTarget, table: string, hypervisors: readonly string[] | 'any' | undefined): RsAdjustmentFact[] {
  const { byTable } = facts();
  const g = generic(table);
  const plugins = rsPlugins(target.release);
  if (g.table.startsWith('hypervisor.<name>') && !plugins.includes(g.name!)) return [];
  const present = new Set((hypervisors === 'any' ? plugins : (hypervisors ?? []).filter((h) => plugins.includes(h))).map((h) => `hypervisor.${h}`));
  const pick = (t: string) =>
    (byTable.get(t) ?? [])
      .filter((x) => x.releases.has(target.release) && (!x.fact.arches || x.fact.arches.includes(target.arch)) && (!x.fact.whenTable || present.has(x.fact.whenTable)))
      .map((x) => x.fact);
  return g.table === table ? pick(table) : [...pick(table), ...pick(g.table)];
}

function show(v: TomlScalar): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function conditionText(c: RsCondition): string {
  const lim = c.host ? `the ${HOST_TEXT[c.host]}` : c.value !== undefined ? (c.const ? `${c.const} (${show(c.value)})` : show(c.value)) : '';
  switch (c.op) {
    case 'empty':
      return 'an empty value';
    case 'nonempty':
      return 'a non-empty value';
    case 'zero':
      return '0';
    case 'nonzero':
      return 'a value other than 0';
    case 'none':
      return 'no value';
    case 'eq':
      return c.value !== undefined ? show(c.value) : lim;
    case 'ne':
      return `values other than ${lim}`;
    case 'in':
      return `one of ${(c.values ?? []).map(show).join(', ')}`;
    case 'gt':
      return `values above ${lim}`;
    case 'ge':
      return `values of at least ${lim}`;
    case 'lt':
      return `values below ${lim}`;
    case 'le':
      return `values of at most ${lim}`;
    default:
      return 'any value';
  }
}

function otherKeyText(c: RsCondition): string {
  const what = conditionText(c);
  if (c.op === 'eq' && typeof c.value === 'boolean') return `${c.key} is ${c.value}`;
  if (c.op === 'in') return `${c.key} is ${what}`;
  return `${c.key} is ${what === '0' ? '0' : what.replace(/^values /, '').replace(/^an? /, '')}`;
}

function valueText(u: RsSetValue, arch: Arch): string {
  if (u.host) return `the ${HOST_TEXT[u.host]}`;
  if (u.none) return 'no value (it becomes unset)';
  if (u.unresolved) return `${u.const ?? u.unresolved} (= ${u.unresolved}, whose value the facts lack)`;
  const v = u.byArch ? u.byArch[arch] : u.value;
  const shown = v === undefined ? '?' : show(v);
  return u.const ? `${u.const} (${shown})` : shown;
}

function who(fact: RsAdjustmentFact): string {
  const plugin = facts().plugins.find((p) => p.stage === fact.stage);
  return plugin ? `runtime-rs's ${HYPERVISOR_NAMES[plugin.name] ?? plugin.name} plugin (${fact.stage})` : `runtime-rs (${fact.stage})`;
}

/** The conditions on other keys and tables, as a phrase (" when disable_block_device_use is true"). */
function conditionsTail(fact: RsAdjustmentFact): string {
  const extra = [
    ...(fact.if ?? []).map((c) => `when ${otherKeyText(c)}`),
    ...(fact.unless ?? []).filter((c) => c.key !== fact.key).map((c) => `unless ${otherKeyText(c)}`),
    ...(fact.whenTable ? [`when the configuration has [${fact.whenTable}]`] : []),
  ];
  return extra.length ? ` ${extra.join(', ')}` : '';
}

function whyOf(fact: RsAdjustmentFact, arch: Arch): string {
  const tail = conditionsTail(fact);
  if (fact.when.op === 'always') return `${who(fact)} sets it to ${valueText(fact.use, arch)}${tail}`;
  return `${who(fact)} uses ${valueText(fact.use, arch)} for ${conditionText(fact.when)}${tail}`;
}

function useCell(u: RsSetValue, arch: Arch): RsCell {
  if (u.host) return { kind: 'host', host: u.host };
  if (u.none) return { kind: 'none' };
  const v = u.byArch ? u.byArch[arch] : u.value;
  return v === undefined ? { kind: 'unknown' } : { kind: 'value', value: v };
}

interface Outcome {
  cell: RsCell;
  whys: string[];
  /** Host-dependent adjustments that may apply (values above the host's CPUs): what they do. */
  hostNotes: { host: string; why: string }[];
}

/**
 * Replays runtime-rs's adjustments over one table. `valueOf`: the written value of each key
 * (undefined: no file writes it, so serde's default). Returns the keys the adjustments change or
 * may change on some hosts.
 */
function replay(target: RsTarget, path: string, valueOf: RsValueOf, hypervisors: readonly string[] | undefined): Map<string, RsAdjusted> {
  const out = new Map<string, RsAdjusted>();
  const list = adjustmentsOf(target, path, hypervisors);
  if (!list.length) return out;
  const state = new Map<string, Outcome>();
  const cellOf = (key: string): Outcome => {
    let o = state.get(key);
    if (!o) {
      const w = valueOf(key);
      o = { cell: w === undefined ? absentCell(target, path, key) : { kind: 'value', value: w }, whys: [], hostNotes: [] };
      state.set(key, o);
    }
    return o;
  };
  for (const fact of list) {
    const own = cellOf(fact.key);
    const others = [...(fact.if ?? []).map((c) => conditionHolds(c, cellOf(c.key ?? fact.key).cell)), ...(fact.unless ?? []).map((c) => negate(conditionHolds(c, cellOf(c.key ?? fact.key).cell)))];
    const self = conditionHolds(fact.when, own.cell);
    if (self === false || others.includes(false)) continue;
    if (self === undefined || others.includes(undefined)) {
      // Only the host decides (values above the host's CPUs): say so and keep the value.
      if (fact.when.host && self === undefined && !others.includes(undefined)) {
        const to = fact.use.host ? `the ${HOST_TEXT[fact.use.host]}` : valueText(fact.use, target.arch);
        own.hostNotes.push({ host: `${conditionText(fact.when)} become ${to}`, why: `${who(fact)} replaces ${conditionText(fact.when)} by ${to}` });
      }
      continue;
    }
    own.cell = useCell(fact.use, target.arch);
    own.whys.push(whyOf(fact, target.arch));
  }
  for (const [key, o] of state) {
    if (o.whys.length) {
      const host = o.cell.kind === 'host' ? HOST_TEXT[o.cell.host] : o.hostNotes.length ? o.hostNotes.map((n) => n.host).join('; ') : undefined;
      out.set(key, { use: o.cell.kind === 'value' ? o.cell.value : undefined, why: o.whys.join('; '), rewritten: true, ...(host ? { host } : {}) });
    } else if (o.hostNotes.length) {
      out.set(key, { use: o.cell.kind === 'value' ? o.cell.value : undefined, why: o.hostNotes.map((n) => n.why).join('; '), rewritten: false, host: o.hostNotes.map((n) => n.host).join('; ') });
    }
  }
  return out;
}

/**
 * Replays runtime-rs's adjustments over one table: `values` holds the written value of each key
 * (a key missing from it, or undefined, takes serde's default). Returns, by key, what changes.
 */
export function rsAdjustTable(target: RsTarget, table: RsTableRef | string, values: ReadonlyMap<string, TomlValue | undefined> | Readonly<Record<string, TomlValue | undefined>>, hypervisors?: readonly string[]): Map<string, RsAdjusted> {
  const path = rsTablePath(table);
  if (!path) return new Map();
  const valueOf: RsValueOf = values instanceof Map ? (k) => values.get(k) : (k) => (Object.prototype.hasOwnProperty.call(values, k) ? (values as Record<string, TomlValue | undefined>)[k] : undefined);
  return replay(target, path, valueOf, hypervisors);
}

function negate(b: boolean | undefined): boolean | undefined {
  return b === undefined ? undefined : !b;
}

/**
 * What runtime-rs uses for a key of a table whose file writes `written` (undefined: no file writes
 * it, so serde's default is adjusted; see rsBuiltInAdjustment). Undefined when runtime-rs keeps the
 * value. `context.others` gives the other keys of the table (their written values), which some
 * adjustments read (`disable_block_device_use`, `shared_fs`, `virtio_fs_is_dax`).
 */
export function rsAdjustment(target: RsTarget, table: RsTableRef | string, key: string, written: TomlValue | undefined, context: RsContext = {}): RsAdjusted | undefined {
  const path = rsTablePath(table);
  if (!path) return undefined;
  return replay(target, path, (k) => (k === key ? written : context.others?.(k)), context.hypervisors).get(key);
}

/**
 * What runtime-rs uses for a key no file writes: serde's default (Rust's `Default`, "" or 0, unless
 * a `#[serde(default = ...)]` function gives another), then the adjustments. Undefined when the
 * adjustments keep that default, or when the facts hold no default for the key.
 */
export function rsBuiltInAdjustment(target: RsTarget, table: RsTableRef | string, key: string, context: RsContext = {}): RsAdjusted | undefined {
  const r = rsAdjustment(target, table, key, undefined, context);
  if (!r) return undefined;
  const d = rsAbsentDefault(target, table, key);
  const base = d?.none ? 'no value' : d?.value !== undefined ? (Array.isArray(d.value) ? JSON.stringify(d.value) : show(d.value as TomlScalar)) : undefined;
  return base === undefined ? r : { ...r, why: `without the key serde gives ${base}${d?.fn ? ` (${d.fn})` : ''}; ${r.why}` };
}

/** Whether runtime-rs has any adjustment of this key of this table in the release (facts cover it). */
export function rsAdjusts(target: RsTarget, table: RsTableRef | string, key: string): boolean {
  return rsAdjustmentNotes(target, table, key).length > 0;
}

/**
 * What runtime-rs does to the key's values in the release, one sentence per adjustment, in the order
 * Kata applies them (for documentation: every condition is stated, none is evaluated).
 */
export function rsAdjustmentNotes(target: RsTarget, table: RsTableRef | string, key: string): string[] {
  const path = rsTablePath(table);
  if (!path) return [];
  return adjustmentsOf(target, path, 'any')
    .filter((f) => f.key === key)
    .map((f) => noteOf(f, target.arch));
}

/** One adjustment in brief, for documentation: "0 becomes the host RAM (MemoryInfo::adjust_config)". */
function noteOf(fact: RsAdjustmentFact, arch: Arch): string {
  const tail = conditionsTail(fact);
  const to = valueText(fact.use, arch);
  const what = fact.when.op === 'always' ? `always ${to}` : `${conditionText(fact.when)} ${/^values /.test(conditionText(fact.when)) ? 'become' : 'becomes'} ${to}`;
  return `${what}${tail} (${fact.stage})`;
}
