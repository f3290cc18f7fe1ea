/**
 * Assembles the schema's key and table specs from the two sources kept apart on disk: the facts
 * generated from Kata's source (`../facts/`: what each release's decoders know, what the shipped
 * files set) and kata-config's own knowledge (`../knowledge/`: readers, rewrites, allowed values,
 * reasons). Runs once, on first use.
 */
import type { HypervisorTable } from '../catalog';
import decodersJson from '../facts/decoders.json';
import type { DecoderFacts, DecodedKey, ShippedFacts } from '../facts/types';
import { shippedFacts } from '../facts/shipped';
import { GO_KEY_KNOWLEDGE } from '../knowledge/goKeys';
import { RS_KEY_KNOWLEDGE } from '../knowledge/rsKeys';
import { TABLE_KNOWLEDGE } from '../knowledge/tables';
import type { KeyKnowledge } from '../knowledge/types';
import { RELEASES, ReleaseSet, resolveArch, type Release, type Runtime } from '../releases';
import { classifyTable } from './tablePaths';
import type { KataType, KeySpec, TableKind, TableSpec, TomlValue } from './types';

const DECODERS = decodersJson as unknown as DecoderFacts;
const KNOWLEDGE: Record<Runtime, readonly KeyKnowledge[]> = { go: GO_KEY_KNOWLEDGE, rs: RS_KEY_KNOWLEDGE };

/** The kind of table a decoder table path (`hypervisor.<name>.factory`) is, for each runtime. */
function kindOfPath(runtime: Runtime, path: string): TableKind | undefined {
  return TABLE_KNOWLEDGE.find((t) => t.runtime === runtime && t.path === path)?.kind;
}

interface Mentions {
  /** Releases whose shipped files mention the key (set or commented). */
  all: Set<Release>;
  /** The same per hypervisor table, for hypervisor-table kinds. */
  byHypervisor: Map<string, Set<Release>>;
  /** Newest x86_64 value each hypervisor's base file sets ('' key for tables without a hypervisor). */
  newest: Map<string, { release: number; value: unknown }>;
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** What Kata's shipped files of each release say about each (table kind, key). */
function shippedMentions(facts: ShippedFacts): Map<string, Mentions> {
  const out = new Map<string, Mentions>();
  const files = new Map(facts.files.map((f) => [f.name, f]));
  const rank = new Map<string, number>(RELEASES.map((r, i) => [r, i]));
  for (const v of facts.values) {
    const ref = classifyTable(v.table.split('.'));
    if (!ref) continue;
    const id = `${ref.kind}/${v.key}`;
    let m = out.get(id);
    if (!m) out.set(id, (m = { all: new Set(), byHypervisor: new Map(), newest: new Map() }));
    const file = files.get(v.file);
    for (const run of v.runs) {
      if (run.absent) continue;
      for (const r of ReleaseSet.parse(run.releases).list()) {
        m.all.add(r);
        if (ref.hypervisor) add(m.byHypervisor, ref.hypervisor, r);
        const onX86 = !run.arches || run.arches.includes('x86_64');
        if (run.commented || !onX86 || file?.base) continue;
        const slot = ref.hypervisor ?? '';
        const prev = m.newest.get(slot);
        const at = rank.get(r)!;
        if (!prev || prev.release < at) m.newest.set(slot, { release: at, value: run.value });
      }
    }
  }
  return out;
}

function toSet(list: Iterable<Release> | undefined): ReleaseSet {
  return list ? ReleaseSet.of(list) : ReleaseSet.NONE;
}

function archOf(cfg: string | undefined) {
  if (!cfg) return undefined;
  return resolveArch(cfg) ?? undefined;
}

function withKnowledge(spec: KeySpec, k: KeyKnowledge | undefined): KeySpec {
  if (!k) return spec;
  if (k.readers) spec.readers = k.readers;
  if (k.codeDefault !== undefined) spec.codeDefault = k.codeDefault;
  if (k.adjustments) spec.adjustments = k.adjustments;
  if (k.allowed) spec.allowed = k.allowed.map((a) => ({ ...a, releases: a.releases === undefined ? undefined : ReleaseSet.parse(a.releases) }));
  if (k.unit) spec.unit = k.unit;
  if (k.format) spec.format = k.format;
  if (k.replacement) spec.replacement = k.replacement;
  if (k.see) spec.source = `${spec.source}; ${k.see}`;
  if (k.inReleases) spec.inReleases = k.inReleases.map((o) => ({ ...o, releases: ReleaseSet.parse(o.releases) }));
  return spec;
}

function withShipped(spec: KeySpec, m: Mentions | undefined): KeySpec {
  if (!m) return spec;
  if (m.byHypervisor.size) {
    const byHv: Partial<Record<HypervisorTable, ReleaseSet>> = {};
    for (const [hv, set] of m.byHypervisor) byHv[hv as HypervisorTable] = toSet(set);
    spec.shippedIn = byHv;
  } else spec.shippedIn = toSet(m.all);
  const values = [...m.newest.entries()];
  if (!values.length) return spec;
  const distinct = new Set(values.map(([, v]) => JSON.stringify(v.value)));
  if (distinct.size === 1) spec.default = values[0][1].value as TomlValue;
  else if (m.byHypervisor.size) {
    const by: Partial<Record<HypervisorTable, TomlValue>> = {};
    for (const [hv, v] of values) by[hv as HypervisorTable] = v.value as TomlValue;
    spec.defaultByHypervisor = by;
  } else spec.default = values.sort((a, b) => b[1].release - a[1].release)[0][1].value as TomlValue;
  return spec;
}

function typeRuns(k: DecodedKey): Pick<KeySpec, 'type' | 'types'> {
  const runs = k.types.map((t) => ({ releases: ReleaseSet.parse(t.releases), type: t.type as KataType, source: t.source }));
  const newest = runs.reduce((a, b) => (compareLast(a.releases, b.releases) >= 0 ? a : b));
  return runs.length > 1 ? { type: newest.type, types: runs } : { type: newest.type };
}

function compareLast(a: ReleaseSet, b: ReleaseSet): number {
  return RELEASES.indexOf(a.last() ?? RELEASES[0]) - RELEASES.indexOf(b.last() ?? RELEASES[0]);
}

export interface BuiltRuntime {
  keys: KeySpec[];
  tables: TableSpec[];
  /** Knowledge entries that match no decoded or shipped key (a test keeps this empty). */
  unmatched: KeyKnowledge[];
}

export function buildRuntime(runtime: Runtime): BuiltRuntime {
  const facts = DECODERS[runtime];
  const mentions = shippedMentions(shippedFacts(runtime));
  const knowledge = new Map(KNOWLEDGE[runtime].map((k) => [`${k.table}/${k.key}`, k]));
  const used = new Set<string>();
  const keys: KeySpec[] = [];
  for (const k of facts.keys) {
    const kind = kindOfPath(runtime, k.table);
    if (!kind) continue;
    const id = `${kind}/${k.key}`;
    const kn = knowledge.get(id);
    used.add(id);
    const spec: KeySpec = {
      runtime,
      table: kind,
      key: k.key,
      ...typeRuns(k),
      releases: ReleaseSet.parse(k.releases),
      source: `${k.file}: ${k.field}`,
    };
    // runtime-rs Option<T>; Go pointer fields (snp_guest_policy *uint64) are nil when absent, the same.
    if (k.optional || (runtime === 'go' && k.types.every((t) => t.source.startsWith('*')))) spec.optional = true;
    if (k.aliasOf) {
      spec.aliasOf = k.aliasOf;
      spec.aliasIn = ReleaseSet.parse(k.aliasIn ?? k.releases);
    }
    const arch = archOf(k.cfgArch);
    if (arch) spec.onlyArch = arch;
    keys.push(withShipped(withKnowledge(spec, kn), mentions.get(id)));
  }
  for (const [id, kn] of knowledge) {
    if (used.has(id) || !kn.ignored) continue;
    const m = mentions.get(id);
    if (!m) continue;
    used.add(id);
    const spec: KeySpec = {
      runtime,
      table: kn.table,
      key: kn.key,
      type: 'string',
      releases: ReleaseSet.NONE,
      mentionedIn: toSet(m.all),
      ignored: kn.ignored,
      source: kn.source ?? `${runtime === 'go' ? 'src/runtime/pkg/katautils/config.go' : 'src/libs/kata-types/src/config/'} (no such field)`,
    };
    if (kn.replacement) spec.replacement = kn.replacement;
    keys.push(spec);
  }
  keys.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const tables: TableSpec[] = TABLE_KNOWLEDGE.filter((t) => t.runtime === runtime).map((t) => {
    const decoded = t.path ? facts.tables.find((d) => d.path === t.path) : undefined;
    const spec: TableSpec = {
      runtime,
      kind: t.kind,
      header: t.header,
      releases: decoded ? ReleaseSet.parse(decoded.releases) : ReleaseSet.NONE,
      source: t.source,
    };
    if (t.arrayOfTables) spec.arrayOfTables = true;
    if (decoded?.denyUnknownFields) spec.rejectsUnknownKeys = ReleaseSet.parse(decoded.denyUnknownFields);
    if (t.ignored) spec.ignored = t.ignored;
    return spec;
  });
  const unmatched = [...knowledge.entries()].filter(([id]) => !used.has(id)).map(([, k]) => k);
  return { keys, tables, unmatched };
}

const built = new Map<Runtime, BuiltRuntime>();

export function builtRuntime(runtime: Runtime): BuiltRuntime {
  let b = built.get(runtime);
  if (!b) built.set(runtime, (b = buildRuntime(runtime)));
  return b;
}

/** The Go hypervisor table names the decoder accepts per release (from the generated facts). */
export function goHypervisorNames(): { name: string; releases: ReleaseSet }[] {
  return (DECODERS.go.hypervisorNames ?? []).map((h) => ({ name: h.name, releases: ReleaseSet.parse(h.releases) }));
}
