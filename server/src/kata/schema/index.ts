/**
 * The one place that answers "which tables and keys exist here, and what is true of each" for a
 * target (runtime, release, architecture). Completion, hover, diagnostics and the JSON Schema
 * export all ask this module, so they never disagree.
 */
import { hypervisorByTable, tablesFor, type HypervisorTable } from '../catalog';
import { KEY_DOCS } from '../knowledge/docs';
import type { KeyDoc } from '../knowledge/docs/types';
import { RELEASES, ReleaseSet, type Arch, type Release, type Runtime } from '../releases';
import { builtRuntime } from './build';
import { isShipped, shippedFilesAt, shippedHypervisorTable, shippedKey, shippedValues } from '../facts/shipped';
import type { AllowedValues, KataType, KeySpec, TableKind, TableSpec, TomlValue } from './types';

export type { AllowedValues, KataType, KeySpec, TableKind, TableSpec } from './types';
export type { KeyDoc } from '../knowledge/docs/types';
export { classifyTable, type TableRef } from './tablePaths';

export interface SchemaTarget {
  runtime: Runtime;
  release: Release;
  arch: Arch;
  /** The installed name of the shipped file this document is a copy of (its own defaults are shown), when it is one. */
  shippedFile?: string;
}

/** The plain shipped file per runtime, release, arch and hypervisor (`shippedFileFor`). */
const plainFileCache = new Map<string, string | undefined>();

/** The concrete table a shipped file holds a key of this kind in. */
function concreteTable(kind: TableKind, hypervisor: string | undefined): string | undefined {
  switch (kind) {
    case 'hypervisor':
      return hypervisor && `hypervisor.${hypervisor}`;
    case 'hypervisor.factory':
      return hypervisor && `hypervisor.${hypervisor}.factory`;
    case 'rootless_user':
      return hypervisor && `hypervisor.${hypervisor}.rootless_user`;
    case 'agent':
      return 'agent.kata';
    case 'mem_agent':
      return 'agent.kata.mem_agent';
    case 'runtime':
    case 'factory':
    case 'image':
      return kind;
    default:
      return undefined; // arrays of tables have no one value per key
  }
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

interface RuntimeIndex {
  byTable: Map<TableKind, Map<string, KeySpec>>;
  byName: Map<string, KeySpec[]>;
}

const indexes = new Map<Runtime, RuntimeIndex>();

function runtimeIndex(runtime: Runtime): RuntimeIndex {
  let idx = indexes.get(runtime);
  if (!idx) {
    idx = { byTable: new Map(), byName: new Map() };
    for (const spec of builtRuntime(runtime).keys) {
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
  return builtRuntime(runtime).keys;
}

export function tableSpecs(runtime: Runtime): readonly TableSpec[] {
  return builtRuntime(runtime).tables;
}

export function keyDoc(table: TableKind, key: string): KeyDoc | undefined {
  return KEY_DOCS[`${table}/${key}`];
}

/** Whether Kata's shipped files of `release` mention the key (in that hypervisor's files, for hypervisor keys). */
export function isShippedIn(spec: KeySpec, hypervisor: string | undefined, release: Release): boolean {
  const s = spec.shippedIn;
  if (!s) return false;
  if (s instanceof ReleaseSet) return s.has(release);
  if (hypervisor === undefined) return Object.values(s).some((set) => set?.has(release));
  return !!s[hypervisor as HypervisorTable]?.has(release);
}

/** Whether `release` knows the key at all: its decoder reads it, or its shipped files mention it. */
export function knownIn(spec: KeySpec, hypervisor: string | undefined, release: Release): boolean {
  return spec.releases.has(release) || !!spec.mentionedIn?.has(release) || isShippedIn(spec, hypervisor, release);
}

const knownCache = new WeakMap<KeySpec, Map<string, { set: ReleaseSet; id: string }>>();

/** Every release for which `knownIn` holds (and its notation, as an id), once per spec and hypervisor. */
export function knownReleases(spec: KeySpec, hypervisor: string | undefined): { set: ReleaseSet; id: string } {
  let perHypervisor = knownCache.get(spec);
  if (!perHypervisor) knownCache.set(spec, (perHypervisor = new Map()));
  let known = perHypervisor.get(hypervisor ?? '');
  if (!known) {
    const set = ReleaseSet.of(RELEASES.filter((r) => knownIn(spec, hypervisor, r)));
    perHypervisor.set(hypervisor ?? '', (known = { set, id: set.toString() }));
  }
  return known;
}

/** The spec of a key whatever the release (release-specific overrides not applied). */
export function baseSpec(runtime: Runtime, kind: TableKind, key: string): KeySpec | undefined {
  return runtimeIndex(runtime).byTable.get(kind)?.get(key);
}

/** The type Kata decodes the key into in a given release. */
export function typeIn(spec: KeySpec, release: Release): KataType {
  if (spec.types) for (const t of spec.types) if (t.releases.has(release)) return t.type;
  return spec.type;
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
  private readonly resolved = new Map<KeySpec, KeySpec>();
  private readonly shippedByFile = new Map<string, ReturnType<typeof shippedValues>>();

  private readonly lookups = new Map<string, KeyLookup>();
  private static readonly instances = new Map<string, KataSchema>();

  constructor(readonly target: SchemaTarget) {
    this.idx = runtimeIndex(target.runtime);
  }

  /**
   * The schema of a target, shared: a schema is a pure function of its target, and keeping one per
   * target keeps its memos (lookups, release-resolved specs, shipped values) across analyses.
   */
  static of(target: SchemaTarget): KataSchema {
    const key = `${target.runtime}\0${target.release}\0${target.arch}\0${target.shippedFile ?? ''}`;
    let schema = KataSchema.instances.get(key);
    if (!schema) {
      if (KataSchema.instances.size >= 256) KataSchema.instances.clear();
      schema = new KataSchema({ runtime: target.runtime, release: target.release, arch: target.arch, ...(target.shippedFile ? { shippedFile: target.shippedFile } : {}) });
      KataSchema.instances.set(key, schema);
    }
    return schema;
  }

  /** The spec as it holds in the target's release (unit and built-in default of that release). */
  private at(spec: KeySpec): KeySpec;
  private at(spec: KeySpec | undefined): KeySpec | undefined;
  private at(spec: KeySpec | undefined): KeySpec | undefined {
    if (!spec?.inReleases) return spec;
    let r = this.resolved.get(spec);
    if (!r) {
      r = { ...spec };
      for (const o of spec.inReleases) {
        if (!o.releases.has(this.target.release)) continue;
        if (o.unit) r.unit = o.unit;
        if (o.codeDefault !== undefined) r.codeDefault = o.codeDefault;
        if (o.readers) r.readers = o.readers;
        if (o.adjustments) r.adjustments = o.adjustments;
      }
      this.resolved.set(spec, r);
    }
    return r;
  }

  /**
   * The shipped file whose values are this target's defaults: the document's own shipped name when
   * it has one, else the plain file of its hypervisor (or, for tables without one, of the first
   * hypervisor the release ships), as `make install-configs` writes it for this release and arch.
   */
  shippedFileFor(hypervisor: string | undefined): string | undefined {
    // Asked once per key by completion and hover: answered once per hypervisor for this target.
    const known = this.shippedFileByHypervisor.get(hypervisor);
    if (known !== undefined || this.shippedFileByHypervisor.has(hypervisor)) return known;
    const file = this.findShippedFile(hypervisor);
    this.shippedFileByHypervisor.set(hypervisor, file);
    return file;
  }

  private readonly shippedFileByHypervisor = new Map<string | undefined, string | undefined>();

  private findShippedFile(hypervisor: string | undefined): string | undefined {
    const { runtime, release, arch } = this.target;
    if (this.target.shippedFile && isShipped(runtime, this.target.shippedFile, release, arch)) return this.target.shippedFile;
    const id = `${runtime}|${release}|${arch}|${hypervisor ?? ''}`;
    if (!plainFileCache.has(id)) {
      const plain = shippedFilesAt(runtime, release, arch).filter((f) => !f.base);
      const ofTable = (hv: string) => plain.find((f) => shippedHypervisorTable(runtime, f.name, release) === hv)?.name;
      plainFileCache.set(id, (hypervisor && ofTable(hypervisor)) || plain[0]?.name);
    }
    return plainFileCache.get(id);
  }

  /** What that shipped file sets for the key at this release and arch (commented-out examples are not set). */
  shippedValue(spec: KeySpec, hypervisor?: string): { value: TomlValue; file: string } | undefined {
    const table = concreteTable(spec.table, hypervisor);
    const file = table && this.shippedFileFor(hypervisor);
    if (!table || !file) return undefined;
    let values = this.shippedByFile.get(file);
    if (!values) this.shippedByFile.set(file, (values = shippedValues(this.target.runtime, file, this.target.release, this.target.arch)));
    const entry = values.get(shippedKey(table, spec.key));
    return entry && !entry.commented && entry.value !== undefined ? { value: entry.value as TomlValue, file } : undefined;
  }

  /** The hypervisor table names this runtime, release and architecture can load. */
  hypervisorTables(): readonly HypervisorTable[] {
    return tablesFor(this.target.runtime, this.target.release, this.target.arch);
  }

  /** The table spec for a kind, whether or not the target reads it (check `releases`/`ignored`). */
  tableSpec(kind: TableKind): TableSpec | undefined {
    return builtRuntime(this.target.runtime).tables.find((t) => t.kind === kind);
  }

  /** True when the target's runtime reads this kind of table in this release. */
  readsTable(kind: TableKind): boolean {
    const spec = this.tableSpec(kind);
    return !!spec && !spec.ignored && spec.releases.has(this.target.release);
  }

  rejectsUnknownKeys(kind: TableKind): boolean {
    return !!this.tableSpec(kind)?.rejectsUnknownKeys?.has(this.target.release);
  }

  private inRelease(spec: KeySpec): boolean {
    return spec.releases.has(this.target.release) && (!spec.onlyArch || spec.onlyArch === this.target.arch);
  }

  /** True when, in the target's release, this spelling is only an alias of another key. */
  isAlias(spec: KeySpec): boolean {
    return !!spec.aliasOf && !!spec.aliasIn?.has(this.target.release);
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
    return [...table.values()].map((s) => this.at(s)).filter((s) => !s.ignored && !this.isAlias(s) && this.inRelease(s) && this.readBy(s, hypervisor) && s.type !== 'table' && s.type !== 'table[]');
  }

  /** Every key spec of this kind of table in this runtime, whatever its status. */
  specsOf(kind: TableKind): KeySpec[] {
    return [...(this.idx.byTable.get(kind)?.values() ?? [])].map((s) => this.at(s));
  }

  spec(kind: TableKind, key: string): KeySpec | undefined {
    return this.at(this.idx.byTable.get(kind)?.get(key));
  }

  /** What Kata does with `key` written in a table of `kind` (for hypervisor tables, named `hypervisor`). */
  lookup(kind: TableKind, key: string, hypervisor?: string): KeyLookup {
    // Memoised without the hypervisor, which matters only to a key some hypervisors do not read
    // (a file with a thousand [hypervisor.<made-up>] tables would miss every time otherwise).
    const memo = `${kind}\0${key}`;
    let found = this.lookups.get(memo);
    if (!found) {
      if (this.lookups.size >= 4096) this.lookups.clear();
      this.lookups.set(memo, (found = this.lookupUncached(kind, key)));
    }
    if (found.status === 'valid' && !this.readBy(found.spec, hypervisor)) return { status: 'unused', spec: found.spec, readers: found.spec.readers ?? [] };
    return found;
  }

  /** The lookup of a key as if every hypervisor read it (lookup() adds `unused`). */
  private lookupUncached(kind: TableKind, key: string): KeyLookup {
    const spec = this.spec(kind, key);
    if (spec) {
      if (spec.ignored || spec.releases.isEmpty) return { status: 'ignored', spec };
      if (!this.inRelease(spec)) return { status: 'wrong-release', spec };
      if (this.isAlias(spec)) return { status: 'alias', spec, canonical: this.spec(kind, spec.aliasOf!) };
      return { status: 'valid', spec };
    }
    const other = runtimeIndex(this.target.runtime === 'go' ? 'rs' : 'go').byTable.get(kind)?.get(key);
    if (other && !other.ignored && !other.releases.isEmpty) return { status: 'other-runtime', spec: other };
    const elsewhere = (this.idx.byName.get(key) ?? []).filter((s) => !s.ignored && !s.releases.isEmpty && s.table !== kind);
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
        (!a.releases || a.releases.has(this.target.release)),
    );
  }

  doc(spec: KeySpec): KeyDoc | undefined {
    return keyDoc(spec.table, spec.key) ?? (spec.aliasOf ? keyDoc(spec.table, spec.aliasOf) : undefined);
  }
}
