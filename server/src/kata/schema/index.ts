/**
 * The one place that answers "which tables and keys exist here, and what is true of each" for a
 * target (runtime, release, architecture). Completion, hover, diagnostics and the JSON Schema
 * export all ask this module, so they never disagree.
 */
import { hypervisorByTable, tablesFor, type HypervisorTable } from '../catalog';
import { compareVersions, type Arch, type Release, type Runtime } from '../releases';
import { GO_KEYS } from './data/goKeys';
import { RS_KEYS } from './data/rsKeys';
import { TABLES } from './data/tables';
import { KEY_DOCS } from './docs';
import type { KeyDoc } from './docs/types';
import type { AllowedValues, KataType, KeySpec, TableKind, TableSpec } from './types';

export type { AllowedValues, KataType, KeySpec, TableKind, TableSpec } from './types';
export type { KeyDoc } from './docs/types';

export interface SchemaTarget {
  runtime: Runtime;
  release: Release;
  arch: Arch;
}

/** Where a table header path points, e.g. ['hypervisor', 'qemu', 'factory'] -> hypervisor.factory of qemu. */
export interface TableRef {
  kind: TableKind;
  /** The `<name>` in `[hypervisor.<name>...]`. */
  hypervisor?: string;
  /** The `<name>` in `[agent.<name>...]`. */
  agent?: string;
}

const HYPERVISOR_SUBTABLES: Record<string, TableKind> = {
  factory: 'hypervisor.factory',
  guest_extension_images: 'guest_extension_images',
  rootless_user: 'rootless_user',
};

/** Classifies a table path of a Kata config; undefined for paths Kata has no table for. */
export function classifyTable(path: readonly string[]): TableRef | undefined {
  const [top, name, sub, ...rest] = path;
  if (rest.length) return undefined;
  if (top === 'hypervisor' && name !== undefined) {
    if (sub === undefined) return { kind: 'hypervisor', hypervisor: name };
    const kind = HYPERVISOR_SUBTABLES[sub];
    return kind ? { kind, hypervisor: name } : undefined;
  }
  if (top === 'agent' && name !== undefined) {
    if (sub === undefined) return { kind: 'agent', agent: name };
    return sub === 'mem_agent' ? { kind: 'mem_agent', agent: name } : undefined;
  }
  if (sub !== undefined) return undefined;
  if (top === 'runtime') return name === undefined ? { kind: 'runtime' } : name === 'shared_mounts' ? { kind: 'shared_mounts' } : undefined;
  if ((top === 'factory' || top === 'image') && name === undefined) return { kind: top };
  return undefined;
}

export type KeyLookup =
  /** Kata reads it here. */
  | { status: 'valid'; spec: KeySpec }
  /** An alias spelling Kata accepts for `spec.aliasOf`. */
  | { status: 'alias'; spec: KeySpec; canonical: KeySpec | undefined }
  /** Accepted by the parser, but this hypervisor's loader never uses it. */
  | { status: 'unused'; spec: KeySpec; readers: readonly HypervisorTable[] }
  /** Shipped files mention it, but no parser field has the name: Kata drops it. */
  | { status: 'ignored'; spec: KeySpec }
  /** The runtime knows it, but not in this release. */
  | { status: 'wrong-release'; spec: KeySpec }
  /** Only the other runtime reads this key in this kind of table. */
  | { status: 'other-runtime'; spec: KeySpec }
  /** The runtime reads this key, but in other tables. */
  | { status: 'other-table'; specs: KeySpec[] }
  /** Nothing of that name, perhaps a different case or a typo. */
  | { status: 'unknown'; caseMatch?: KeySpec; suggestions: string[] };

const KEYS: Record<Runtime, readonly KeySpec[]> = { go: GO_KEYS, rs: RS_KEYS };

interface RuntimeIndex {
  byTable: Map<TableKind, Map<string, KeySpec>>;
  byName: Map<string, KeySpec[]>;
}

const indexes = new Map<Runtime, RuntimeIndex>();

function runtimeIndex(runtime: Runtime): RuntimeIndex {
  let idx = indexes.get(runtime);
  if (!idx) {
    idx = { byTable: new Map(), byName: new Map() };
    for (const spec of KEYS[runtime]) {
      let t = idx.byTable.get(spec.table);
      if (!t) idx.byTable.set(spec.table, (t = new Map()));
      t.set(spec.key, spec);
      const list = idx.byName.get(spec.key) ?? [];
      list.push(spec);
      idx.byName.set(spec.key, list);
    }
    indexes.set(runtime, idx);
  }
  return idx;
}

/** Every key spec of a runtime, whatever the release (for tests and the docs generator). */
export function allKeySpecs(runtime: Runtime): readonly KeySpec[] {
  return KEYS[runtime];
}

export function tableSpecs(runtime: Runtime): readonly TableSpec[] {
  return TABLES.filter((t) => t.runtime === runtime);
}

export function keyDoc(table: TableKind, key: string): KeyDoc | undefined {
  return KEY_DOCS[`${table}/${key}`];
}

/** The type Kata decodes the key into in a given release. */
export function typeIn(spec: KeySpec, release: Release): KataType {
  return spec.typeByRelease?.[release] ?? spec.type;
}

/**
 * Levenshtein distance. With `max`, any distance above it is reported as `max + 1` and the work
 * stops as soon as that is certain (did-you-mean only needs small distances, and an unknown key
 * in a huge file is compared with every key of its table).
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return Math.min(prev[n], max + 1);
}

export class KataSchema {
  private readonly idx: RuntimeIndex;

  constructor(readonly target: SchemaTarget) {
    this.idx = runtimeIndex(target.runtime);
  }

  /** The hypervisor table names this runtime, release and architecture can load. */
  hypervisorTables(): readonly HypervisorTable[] {
    return tablesFor(this.target.runtime, this.target.release, this.target.arch);
  }

  /** The table spec for a kind, whether or not the target reads it (check `releases`/`ignored`). */
  tableSpec(kind: TableKind): TableSpec | undefined {
    return TABLES.find((t) => t.runtime === this.target.runtime && t.kind === kind);
  }

  /** True when the target's runtime reads this kind of table in this release. */
  readsTable(kind: TableKind): boolean {
    const spec = this.tableSpec(kind);
    return !!spec && !spec.ignored && spec.releases.includes(this.target.release);
  }

  rejectsUnknownKeys(kind: TableKind): boolean {
    return !!this.tableSpec(kind)?.rejectsUnknownKeys?.includes(this.target.release);
  }

  private inRelease(spec: KeySpec): boolean {
    return spec.releases.includes(this.target.release);
  }

  /** True when, in the target's release, this spelling is only an alias of another key. */
  isAlias(spec: KeySpec): boolean {
    return !!spec.aliasOf && (!spec.aliasFrom || compareVersions(this.target.release, spec.aliasFrom) >= 0);
  }

  private readBy(spec: KeySpec, hypervisor: string | undefined): boolean {
    if (!spec.readers || hypervisor === undefined) return true;
    const info = hypervisorByTable(hypervisor, this.target.runtime);
    return spec.readers.some((r) => r === hypervisor || (info !== undefined && hypervisorByTable(r, this.target.runtime) === info));
  }

  /** The keys Kata reads in this table for this target, in data order. Aliases and ignored spellings are left out. */
  keys(kind: TableKind, hypervisor?: string): KeySpec[] {
    const table = this.idx.byTable.get(kind);
    if (!table) return [];
    return [...table.values()].filter((s) => !s.ignored && !this.isAlias(s) && this.inRelease(s) && this.readBy(s, hypervisor) && s.type !== 'table' && s.type !== 'table[]');
  }

  /** Every key spec of this kind of table in this runtime, whatever its status. */
  specsOf(kind: TableKind): KeySpec[] {
    return [...(this.idx.byTable.get(kind)?.values() ?? [])];
  }

  spec(kind: TableKind, key: string): KeySpec | undefined {
    return this.idx.byTable.get(kind)?.get(key);
  }

  /** What Kata does with `key` written in a table of `kind` (for hypervisor tables, named `hypervisor`). */
  lookup(kind: TableKind, key: string, hypervisor?: string): KeyLookup {
    const spec = this.spec(kind, key);
    if (spec) {
      if (spec.ignored || spec.releases.length === 0) return { status: 'ignored', spec };
      if (!this.inRelease(spec)) return { status: 'wrong-release', spec };
      if (this.isAlias(spec)) return { status: 'alias', spec, canonical: this.spec(kind, spec.aliasOf!) };
      if (!this.readBy(spec, hypervisor)) return { status: 'unused', spec, readers: spec.readers ?? [] };
      return { status: 'valid', spec };
    }
    const other = runtimeIndex(this.target.runtime === 'go' ? 'rs' : 'go').byTable.get(kind)?.get(key);
    if (other && !other.ignored && other.releases.length) return { status: 'other-runtime', spec: other };
    const elsewhere = (this.idx.byName.get(key) ?? []).filter((s) => !s.ignored && s.releases.length && s.table !== kind);
    if (elsewhere.length) return { status: 'other-table', specs: elsewhere };
    const candidates = [...(this.idx.byTable.get(kind)?.values() ?? [])].filter((s) => !s.ignored && this.inRelease(s));
    const lower = key.toLowerCase();
    const caseMatch = candidates.find((s) => s.key.toLowerCase() === lower);
    const limit = Math.max(1, Math.min(3, Math.floor(key.length / 4)));
    const suggestions = candidates
      .map((s) => ({ key: s.key, d: editDistance(lower, s.key.toLowerCase(), limit) }))
      .filter((c) => c.d <= limit && c.key !== caseMatch?.key)
      .sort((a, b) => a.d - b.d || a.key.localeCompare(b.key))
      .slice(0, 3)
      .map((c) => c.key);
    return { status: 'unknown', caseMatch, suggestions };
  }

  /** The allowed-value sets that apply to this key for the target and hypervisor. */
  allowedValues(spec: KeySpec, hypervisor?: string): AllowedValues[] {
    return (spec.allowed ?? []).filter(
      (a) =>
        (!a.hypervisors || hypervisor === undefined || a.hypervisors.some((h) => h === hypervisor || hypervisorByTable(h, this.target.runtime) === hypervisorByTable(hypervisor, this.target.runtime))) &&
        (!a.arches || a.arches.includes(this.target.arch)) &&
        (!a.releases || a.releases.includes(this.target.release)),
    );
  }

  doc(spec: KeySpec): KeyDoc | undefined {
    return keyDoc(spec.table, spec.key) ?? (spec.aliasOf ? keyDoc(spec.table, spec.aliasOf) : undefined);
  }
}
