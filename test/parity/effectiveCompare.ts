/**
 * The effective configuration against Kata's: every entry of `effectiveConfig(schema, base,
 * dropIns)` (server/src/kata/effective/model.ts) for a mutation, compared with the value of the
 * field the key sets in the oracle's `effective` (Kata's loaded oci.RuntimeConfig, Go field names),
 * after the start checks' rewrites (`startRewrites`, what validateHypervisorConfig fills in, and
 * what CreateVM logs it changes), since the model states the value Kata finally uses.
 *
 * Outcomes per entry:
 * - agree / disagree: the two values, canonicalized for representation only (Go's nil slice is [],
 *   integers exact, float32 rounded, paths normalized, GetModel's name of tcfilter);
 * - host-dependent: the model says the value is the host's (`entry.host`), or Kata's value is the
 *   oracle's host's (its faked CPUs, the machine's RAM), each with the exact reason;
 * - not-comparable: no effective field is known for the key, Kata's configuration comes from
 *   another table of the same kind, the value is set where the start checks did not reach, or the
 *   model gives no value.
 * A disagreement is explained when a KNOWN_EFFECTIVE_DIFFERENCES entry (knownEffective.ts) matches.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { effectiveConfig, type EffectiveConfig, type EffectiveEntry } from '../../server/src/kata/effective/model';
import { compareVersions, type Arch, type Release } from '../../server/src/kata/releases';
import { KataSchema } from '../../server/src/kata/schema';
import { canon } from './compare';
import { fieldId, type FieldMap } from './fields';
import { explainEffective, KNOWN_EFFECTIVE_DIFFERENCES, type KnownEffectiveDifference } from './knownEffective';
import type { Mutation } from './mutate';
import { ORACLE_AT, type ParityOracle, type Verdict } from './oracle';
import { judgeAll } from './run';

export type EffectiveOutcome = 'agree' | 'disagree' | 'host-dependent' | 'not-comparable';

/** The CPUs the oracle's fake /proc/cpuinfo lists (oracle.ts passes 8 to oracle-batch.sh). */
export const ORACLE_CPUINFO_CPUS = 8;

/**
 * The host CPU count Kata's vCPU clamps use: /proc/cpuinfo (getHostCPUs) from 3.4.0, the oracle's
 * fake one; goruntime.NumCPU before, which the fake root cannot change: this machine's CPUs.
 */
export function oracleHostCpus(release: Release): number {
  if (compareVersions(release, '3.4.0') >= 0) return ORACLE_CPUINFO_CPUS;
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

export interface EffectiveItem {
  /** `hypervisor.qemu.default_memory`. */
  dotted: string;
  table: string;
  key: string;
  /** The effective field compared (`HypervisorConfig.MemorySize`). */
  field?: string;
  /** Where the field mapping comes from: measured for this release and table, borrowed (see fieldOf), or read in Kata's source. */
  fieldFrom?: 'measured' | 'other release' | 'other hypervisor' | 'source';
  origin: EffectiveEntry['origin']['kind'];
  /** The model's reason when it rewrote the value. */
  why?: string;
  /** Our value, canonical text. */
  ours: string;
  /** Kata's value, canonical text (after the start checks' rewrites). */
  kata: string;
  /** Kata's loaded value, when the start checks changed it. */
  kataLoaded?: string;
  outcome: EffectiveOutcome;
  /** Why the value is the host's, or why it cannot be compared. */
  note?: string;
  /** The id of the known difference that explains a disagreement. */
  known?: string;
}

export interface EffectiveResult {
  mutation: Mutation;
  verdict: Verdict;
  /** Why no entry was compared (Kata refused the file, the model says Kata refuses it, ...). */
  skipped?: string;
  items: EffectiveItem[];
}

const RELEASE_ORDER = ['4.1.0', '3.32.0', '3.20.0', '3.10.0', '3.2.0'];

/**
 * Fields the calibration cannot measure (a marker alone does not reach them), read from Kata's
 * katautils/config.go: a one-time burst is dropped without its max rate
 * (hypervisor.get*RateLimiter*OneTimeBurst); snp_certs_path is kept only for an SEV-SNP
 * confidential guest from 3.9.0 (hypervisor.snpCertsPath); experimental holds features
 * (LoadConfiguration: experimental.Get), compared by name.
 */
const SOURCE_FIELDS: Record<string, string> = {
  'hypervisor/disk_rate_limiter_bw_one_time_burst': 'HypervisorConfig.DiskRateLimiterBwOneTimeBurst',
  'hypervisor/disk_rate_limiter_ops_one_time_burst': 'HypervisorConfig.DiskRateLimiterOpsOneTimeBurst',
  'hypervisor/net_rate_limiter_bw_one_time_burst': 'HypervisorConfig.NetRateLimiterBwOneTimeBurst',
  'hypervisor/net_rate_limiter_ops_one_time_burst': 'HypervisorConfig.NetRateLimiterOpsOneTimeBurst',
  'hypervisor/snp_certs_path': 'HypervisorConfig.SnpCertsPath',
  'runtime/experimental': 'Experimental',
  'hypervisor/kernel_params': 'HypervisorConfig.KernelParams',
};

/** Keys no field of Kata's effective configuration holds, and why (listed with the not-comparable entries). */
const NO_FIELD: Record<string, string> = {
  'hypervisor/enable_numa': "no field: Kata turns it into GuestNUMANodes from the host's NUMA nodes (/sys/devices/system/node), which the oracle's fake root lacks",
  'image/provision': 'no field: Kata 3.2.0 decodes the [image] table (tomlConfig.Image) but nothing reads it',
  'image/service_offload': 'no field: Kata 3.2.0 decodes the [image] table (tomlConfig.Image) but nothing reads it',
};

/**
 * kernel_params as Kata stores them: split into fields (vc.KernelParamFields, quote-aware; 3.2.0
 * and stratovirt: strings.Fields), each `key=value` split at its first "=" (vc.DeserializeParams).
 */
export function kernelParamPairs(s: string, quoteAware: boolean): Array<[string, string]> {
  const fields: string[] = [];
  if (quoteAware) {
    let start = 0;
    let quoted = false;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '"') quoted = !quoted;
      else if (s[i] === ' ' && !quoted) {
        const f = s.slice(start, i).trim();
        if (f) fields.push(f);
        start = i + 1;
      }
    }
    const last = s.slice(start).trim();
    if (last) fields.push(last);
  } else fields.push(...s.split(/\s+/).filter(Boolean));
  return fields.map((f) => {
    const at = f.indexOf('=');
    return at < 0 ? [f, ''] : [f.slice(0, at), f.slice(at + 1)];
  });
}

/**
 * The user's part of Kata's KernelParams: SetKernelParams (katautils/config.go) puts Kata's own
 * parameters first (systemd, scsi scan, agent) and appends the configured ones, so the last N
 * entries are the file's N parameters.
 */
function kernelParamsItem(e: EffectiveEntry, kataParams: unknown, release: Release): { ours: string; kata: string } | undefined {
  if (typeof e.value !== 'string' || !Array.isArray(kataParams)) return undefined;
  const ours = kernelParamPairs(e.value, compareVersions(release, '3.3.0') >= 0 && !e.table.endsWith('.stratovirt'));
  const tail = ours.length ? kataParams.slice(-ours.length) : [];
  const kata = tail.map((p): [string, string] => [String((p as { Key?: unknown }).Key ?? ''), String((p as { Value?: unknown }).Value ?? '')]);
  return { ours: JSON.stringify(ours), kata: kataParams.length < ours.length ? JSON.stringify(kataParams) : JSON.stringify(kata) };
}

/**
 * The effective field a key sets: measured for this release and table (fields.json), else the
 * field measured for the same key and table in the nearest other release, else for the same key in
 * another hypervisor table of the release (one HypervisorConfig field per TOML field of Kata's
 * `hypervisor` struct, whichever table reads it), else read in Kata's source (SOURCE_FIELDS). The
 * calibration misses keys whose marker Kata refuses or rewrites; a borrowed field that is wrong
 * shows as a disagreement, never as an agreement.
 */
export function fieldOf(fields: FieldMap, release: string, dotted: string, hv: string | undefined): { field: string; from: NonNullable<EffectiveItem['fieldFrom']> } | undefined {
  const id = fieldId(dotted, hv);
  if (!id) return undefined;
  const own = fields[release]?.[id];
  if (own) return { field: own, from: 'measured' };
  const rank = RELEASE_ORDER.indexOf(release);
  const others = RELEASE_ORDER.map((r, i) => ({ r, d: Math.abs(i - rank) + (i < rank ? 0.5 : 0) }))
    .filter((x) => x.r !== release)
    .sort((a, b) => a.d - b.d);
  for (const { r } of others) if (fields[r]?.[id]) return { field: fields[r][id], from: 'other release' };
  const [kind, , key] = id.split('/');
  if (kind === 'hypervisor') {
    for (const r of [release, ...others.map((o) => o.r)]) {
      const same = Object.entries(fields[r] ?? {}).find(([k]) => k.startsWith('hypervisor/') && k.split('/')[2] === key);
      if (same) return { field: same[1], from: 'other hypervisor' };
    }
  }
  const source = SOURCE_FIELDS[`${kind}/${key}`];
  return source ? { field: source, from: 'source' } : undefined;
}

/**
 * Values CreateVM changes on its copy of the configuration, seen only in what Kata logs: qemu's
 * newQemuArch turns NVDIMM off for a confidential guest (qemu_amd64.go and the other arches).
 */
const START_LOGGED: Array<{ log: RegExp; field: string; value: unknown }> = [
  { log: /Nvdimm is not supported with confidential guest, disabling it/, field: 'HypervisorConfig.DisableImageNvdimm', value: true },
];

/**
 * Keys validateHypervisorConfig rewrites (virtcontainers/hypervisor_config_linux.go) after checks
 * that can fail first: when the start checks failed, Kata never applied the rewrite (and never
 * starts a VM from this file).
 */
const SET_IN_VALIDATE = new Set(['HypervisorConfig.DefaultMaxVCPUs', 'HypervisorConfig.BlockDeviceDriver']);

/** Kata's value of a field: CreateVM's logged rewrite, else validateHypervisorConfig's, else the loaded value. */
export function kataValue(v: Verdict, field: string): { value: unknown; loaded: unknown; found: boolean; createVmReached: boolean } {
  let node: unknown = v.effective;
  let found = true;
  for (const p of field.split('.')) {
    if (!node || typeof node !== 'object' || !(p in (node as Record<string, unknown>))) {
      found = false;
      node = undefined;
      break;
    }
    node = (node as Record<string, unknown>)[p];
  }
  const createVmReached = !v.startError && v.startChecks.some((c) => c.endsWith('.CreateVM'));
  const logged = START_LOGGED.find((s) => s.field === field && v.warnings.some((w) => s.log.test(w)));
  if (logged) return { value: logged.value, loaded: node, found, createVmReached };
  const [head, ...rest] = field.split('.');
  const rw = head === 'HypervisorConfig' && rest.length === 1 ? v.startRewrites[rest[0]] : undefined;
  return { value: rw ? rw.to : node, loaded: node, found, createVmReached };
}

/**
 * Representation only: Go's nil slice is the empty list; GetModel names NetXConnectTCFilterModel
 * "default" (its first case is DefaultNetInterworkingModel, which is tcfilter:
 * virtcontainers/network.go); experimental features by name.
 */
function canonKata(field: string, value: unknown, ours: EffectiveEntry['value']): string {
  if (value === null && Array.isArray(ours)) return canon([]);
  if (field === 'InterNetworkModelName' && value === 'default') return 'tcfilter';
  if (field === 'Experimental' && Array.isArray(value)) return canon(value.map((f) => (f && typeof f === 'object' ? (f as { Name?: unknown }).Name : f)));
  return canon(value);
}

/** Our side of a mutation: the model over the files at the paths the oracle saw (ORACLE_AT, its config.d). */
export function ourEffective(m: Mutation): EffectiveConfig {
  const schema = new KataSchema({ runtime: 'go', release: m.base.release, arch: m.base.arch });
  const base = { path: path.posix.join(ORACLE_AT, m.base.name), text: m.text };
  const dropIns = (m.dropIns ?? []).map((d) => ({ path: path.posix.join(ORACLE_AT, 'config.d', d.name), text: d.text }));
  return effectiveConfig(schema, base, dropIns);
}

/** Why Kata's value is the oracle host's, for an entry whose value the host decides. */
function hostNote(e: EffectiveEntry, ours: string, kata: string, release: Release): string | undefined {
  if (e.host) return `the model says: ${e.host}`;
  if (kata === 'host-memory') return 'Kata uses the host RAM here (memory.TotalMemory(), sysinfo(2), printed by the oracle as "host-memory")';
  if (ours === kata || e.kind !== 'hypervisor') return undefined;
  const n = Number(ours);
  const cpus = oracleHostCpus(release);
  const source = compareVersions(release, '3.4.0') >= 0 ? `the oracle's /proc/cpuinfo lists ${cpus}` : `goruntime.NumCPU() is ${cpus} on this machine`;
  if (e.key === 'default_vcpus' && Number.isFinite(n) && (n < 0 || n > cpus) && Number(kata) === cpus)
    return `default_vcpus ${ours} is negative or above the host's CPUs, so Kata uses the host's CPU count (katautils hypervisor.defaultVCPUs); ${source}`;
  if (e.key === 'default_maxvcpus' && Number.isFinite(n) && n >= cpus && Number(kata) === Math.min(cpus, 240))
    return `default_maxvcpus ${ours} is at or above the host's CPUs, so Kata uses the host's CPU count (katautils hypervisor.defaultMaxVCPUs); ${source}`;
  return undefined;
}

/** Every entry of our effective configuration of the mutation against Kata's effective value. */
export function compareEffectiveValues(m: Mutation, v: Verdict, fields: FieldMap): EffectiveResult {
  if (v.failure) return { mutation: m, verdict: v, skipped: `no verdict: ${v.failure}`, items: [] };
  if (!v.loaded || !v.effective) return { mutation: m, verdict: v, skipped: 'Kata refused the file', items: [] };
  const ours = ourEffective(m);
  if (ours.unreadable.length) return { mutation: m, verdict: v, skipped: 'Kata loaded a file the model finds unreadable', items: [] };
  if (ours.refused.length) return { mutation: m, verdict: v, skipped: 'Kata loaded a drop-in the model says it refuses', items: [] };
  const items: EffectiveItem[] = [];
  const loadedHv = typeof v.effective.HypervisorType === 'string' ? v.effective.HypervisorType : undefined;
  const agentTables = new Set(ours.entries.filter((e) => e.kind === 'agent').map((e) => e.table));
  for (const e of ours.entries) {
    const dotted = `${e.table}.${e.key}`;
    const why = e.origin.kind === 'rewritten' ? e.origin.why : e.origin.kind === 'built-in' ? e.origin.why : undefined;
    const base = { dotted, table: e.table, key: e.key, origin: e.origin.kind, ...(why ? { why } : {}), ours: e.value === undefined ? 'undefined' : canon(e.value) };
    const tableHv = e.kind === 'hypervisor' ? e.table.split('.')[1] : undefined;
    // Kata ranges over a Go map of hypervisor (agent) tables and keeps the last one it visits
    // (updateRuntimeConfigHypervisor, updateRuntimeConfigAgent): which one, HypervisorType says; for agents nothing does.
    if (tableHv && loadedHv && tableHv !== loadedHv) {
      items.push({ ...base, kata: '', outcome: 'not-comparable', note: `Kata's configuration is [hypervisor.${loadedHv}]'s` });
      continue;
    }
    if (e.kind === 'agent' && agentTables.size > 1) {
      items.push({ ...base, kata: '', outcome: 'not-comparable', note: `Kata keeps one of ${agentTables.size} agent tables, in Go map order` });
      continue;
    }
    const f = fieldOf(fields, m.base.release, dotted, tableHv);
    if (!f) {
      const id = fieldId(dotted, tableHv)?.replace(/\/[^/]*\//, '/');
      items.push({ ...base, kata: '', outcome: 'not-comparable', note: (id && NO_FIELD[id]) ?? 'no effective field known' });
      continue;
    }
    const k = kataValue(v, f.field);
    if (!k.found) {
      items.push({ ...base, field: f.field, fieldFrom: f.from, kata: '', outcome: 'not-comparable', note: `${f.field} is not in Kata's effective configuration` });
      continue;
    }
    if (f.field === 'HypervisorConfig.KernelParams') {
      const kp = kernelParamsItem(e, k.value, m.base.release);
      if (!kp) items.push({ ...base, field: f.field, fieldFrom: f.from, kata: canon(k.value), outcome: 'not-comparable', note: 'the model gives no kernel_params string' });
      else items.push({ ...base, ours: kp.ours, field: `${f.field} (the file's part, last)`, fieldFrom: f.from, kata: kp.kata, outcome: kp.ours === kp.kata ? 'agree' : 'disagree' });
      continue;
    }
    const kata = canonKata(f.field, k.value, e.value);
    const kataLoaded = k.value !== k.loaded ? canonKata(f.field, k.loaded, e.value) : undefined;
    const item: EffectiveItem = { ...base, field: f.field, fieldFrom: f.from, kata, ...(kataLoaded !== undefined ? { kataLoaded } : {}), outcome: 'agree' };
    const host = hostNote(e, base.ours, kata, m.base.release);
    if (host) items.push({ ...item, outcome: 'host-dependent', note: host });
    else if (e.value === undefined) items.push({ ...item, outcome: 'not-comparable', note: k.value === null ? 'unset on both sides: Kata holds a nil pointer, the model no value' : 'the model gives no value' });
    else if (base.ours !== kata && START_LOGGED.some((s) => s.field === f.field) && !k.createVmReached)
      items.push({ ...item, outcome: 'not-comparable', note: `${f.field} is set in CreateVM, which the start checks did not complete` });
    else if (base.ours !== kata && e.origin.kind !== 'written' && SET_IN_VALIDATE.has(f.field) && v.startError && kataLoaded === undefined)
      items.push({ ...item, outcome: 'not-comparable', note: `${f.field} is set by validateHypervisorConfig, which failed before (Kata never starts this VM)` });
    else items.push({ ...item, outcome: base.ours === kata ? 'agree' : 'disagree' });
  }
  return { mutation: m, verdict: v, items };
}

/** Kata's verdicts on the mutations, then the comparison of each. */
export async function runEffective(o: { oracle: ParityOracle; release: Release; arch: Arch; mutations: readonly Mutation[]; fields: FieldMap }): Promise<EffectiveResult[]> {
  const verdicts = await judgeAll(o.oracle, o.mutations, o.release, o.arch);
  return o.mutations.map((m, i) => compareEffectiveValues(m, verdicts[i], o.fields));
}

// ---- counting ---------------------------------------------------------------------------------

export interface EffectiveTally {
  /** Mutations judged, and those with entries compared (Kata loaded them). */
  mutations: number;
  files: number;
  /** Mutations with no entry compared, by reason. */
  skipped: Map<string, number>;
  /** Entries with a Kata value: agree + disagree + host-dependent. */
  compared: number;
  agree: number;
  /** Host-dependent entries by key and reason. */
  host: Map<string, number>;
  /** Explained disagreements by known difference id. */
  known: Map<string, number>;
  /** Entries without a Kata value to compare, by key and reason. */
  notComparable: Map<string, number>;
  /** Disagreements no known difference explains (kept in full up to `keep`). */
  unexplained: number;
  open: Array<{ id: string; item: EffectiveItem }>;
  /** Entries whose Kata field is borrowed from another release or hypervisor, or read in Kata's source. */
  borrowedField: number;
}

export function emptyTally(): EffectiveTally {
  return { mutations: 0, files: 0, skipped: new Map(), compared: 0, agree: 0, host: new Map(), known: new Map(), notComparable: new Map(), unexplained: 0, open: [], borrowedField: 0 };
}

function bump(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** A key without its hypervisor's name where all hypervisors share the reason (`hypervisor.*.kernel_params`). */
function keyGroup(item: EffectiveItem): string {
  return item.dotted.replace(/^(hypervisor|agent)\.[^.]+\./, '$1.*.');
}

/** Adds explained results to a tally; `keep` bounds the unexplained items kept in full. */
export function tallyEffective(t: EffectiveTally, results: readonly EffectiveResult[], known: readonly KnownEffectiveDifference[] = KNOWN_EFFECTIVE_DIFFERENCES, keep = 200): EffectiveTally {
  const { open, byKnown } = explainEffective(results, known);
  for (const [id, n] of byKnown) if (n) bump(t.known, id, n);
  t.unexplained += open.length;
  for (const o of open) if (t.open.length < keep) t.open.push({ id: o.result.mutation.id, item: o.item });
  for (const r of results) {
    t.mutations++;
    if (r.skipped) {
      bump(t.skipped, r.skipped);
      continue;
    }
    t.files++;
    for (const i of r.items) {
      if (i.outcome === 'not-comparable') {
        bump(t.notComparable, `${keyGroup(i)}: ${i.note}`);
        continue;
      }
      t.compared++;
      if (i.fieldFrom && i.fieldFrom !== 'measured') t.borrowedField++;
      if (i.outcome === 'agree') t.agree++;
      else if (i.outcome === 'host-dependent') bump(t.host, `${keyGroup(i)}: ${(i.note ?? '').replace(/-?\d+(\.\d+)? is/, 'N is')}`);
    }
  }
  return t;
}

function sum(m: Map<string, number>): number {
  return [...m.values()].reduce((a, b) => a + b, 0);
}

function rows(m: Map<string, number>, indent = '    '): string[] {
  return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${indent}${String(n).padStart(7)}  ${k}`);
}

/** The table of one tally: counts, then host-dependent, known and not-comparable entries by reason. */
export function formatTally(title: string, t: EffectiveTally, detail = true): string {
  const pct = t.compared ? ((100 * t.agree) / t.compared).toFixed(2) : '-';
  const lines = [
    title,
    `  mutations ${t.mutations}, loaded by Kata and compared ${t.files}${t.skipped.size ? ` (not compared: ${[...t.skipped].map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}`,
    `  values compared ${t.compared}: agree ${t.agree} (${pct} %), host-dependent ${sum(t.host)}, known differences ${sum(t.known)}, unexplained ${t.unexplained}; not comparable ${sum(t.notComparable)}; field borrowed or read in Kata's source for ${t.borrowedField}`,
  ];
  if (detail) {
    if (t.known.size) lines.push('  known differences:', ...rows(t.known));
    if (t.host.size) lines.push('  host-dependent:', ...rows(t.host));
    if (t.notComparable.size) lines.push('  not comparable:', ...rows(t.notComparable));
  }
  return lines.join('\n');
}

/** One unexplained disagreement, for people. */
export function describeEffective(o: { id: string; item: EffectiveItem }): string {
  const i = o.item;
  return `${o.id}\n    ${i.dotted} (${i.origin}${i.why ? `: ${i.why}` : ''}): ours ${i.ours}, Kata ${i.field} = ${i.kata}${i.kataLoaded !== undefined ? ` (loaded ${i.kataLoaded})` : ''}${i.fieldFrom && i.fieldFrom !== 'measured' ? ` [field: ${i.fieldFrom}]` : ''}`;
}
