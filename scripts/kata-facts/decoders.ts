/**
 * `facts/decoders.json`: reads every release's Go and runtime-rs decoders (goDecoder.ts,
 * rustDecoder.ts) and merges the per-release snapshots into release runs. The release list comes
 * from the sources given, never from the server's RELEASES, so a new release can be added.
 */
import type { DecodedKey, DecodedTable, DecoderFacts, RuntimeDecoderFacts } from '../../server/src/kata/facts/types';
import { extractGoSnapshot } from './goDecoder';
import { encodeRuns, groupRuns, sortReleases } from './runs';
import { extractRustSnapshot } from './rustDecoder';
import { ExtractError, type KeySnapshot, type RuntimeSnapshot, type TableSnapshot } from './snapshot';

export { extractGoSnapshot, extractRustSnapshot };

/** Code-unit order, so that the output does not depend on the locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Merges one runtime's snapshots (release → snapshot) into release runs; `order` is oldest first. */
export function mergeSnapshots(perRelease: ReadonlyMap<string, RuntimeSnapshot>, order: readonly string[]): RuntimeDecoderFacts {
  const tables = new Map<string, Map<string, TableSnapshot>>();
  const keys = new Map<string, Map<string, KeySnapshot>>();
  const names = new Map<string, string[]>();
  let anyNames = false;
  for (const r of order) {
    const snap = perRelease.get(r);
    if (!snap) continue;
    for (const t of snap.tables) {
      const m = tables.get(t.path) ?? new Map<string, TableSnapshot>();
      if (m.has(r)) throw new ExtractError(`${r}: table [${t.path}] is decoded twice`);
      m.set(r, t);
      tables.set(t.path, m);
    }
    for (const k of snap.keys) {
      const id = `${k.table}\u0000${k.key}`;
      const m = keys.get(id) ?? new Map<string, KeySnapshot>();
      if (m.has(r)) throw new ExtractError(`${r}: key ${k.key} of [${k.table}] is decoded twice`);
      m.set(r, k);
      keys.set(id, m);
    }
    if (snap.hypervisorNames) {
      anyNames = true;
      for (const n of snap.hypervisorNames) names.set(n, [...(names.get(n) ?? []), r]);
    }
  }
  const newest = <T>(m: Map<string, T>): T => m.get(order.filter((r) => m.has(r)).pop()!)!;
  const releasesWhere = <T>(m: Map<string, T>, pred: (v: T) => boolean) => order.filter((r) => m.has(r) && pred(m.get(r)!));

  const outTables: DecodedTable[] = [...tables.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([p, m]) => {
      const last = newest(m);
      const deny = releasesWhere(m, (t) => !!t.denyUnknownFields);
      return {
        path: p,
        releases: encodeRuns(m.keys(), order),
        struct: last.struct,
        file: last.file,
        ...(deny.length ? { denyUnknownFields: encodeRuns(deny, order) } : {}),
      };
    });

  const outKeys: DecodedKey[] = [...keys.values()]
    .map((m) => ({ m, last: newest(m) }))
    .sort((a, b) => cmp(a.last.table, b.last.table) || cmp(a.last.key, b.last.key))
    .map(({ m, last }) => {
      const optional = releasesWhere(m, (k) => !!k.optional);
      const aliasIn = releasesWhere(m, (k) => k.aliasOf !== undefined);
      const aliasOf = aliasIn.length ? m.get(aliasIn[aliasIn.length - 1])!.aliasOf : undefined;
      const withFn = new Map([...m].filter(([, k]) => k.defaultFn !== undefined).map(([r, k]) => [r, k.defaultFn!] as const));
      const cfgArch = [...m.values()].reverse().find((k) => k.cfgArch)?.cfgArch;
      const key: DecodedKey = {
        table: last.table,
        key: last.key,
        releases: encodeRuns(m.keys(), order),
        types: groupRuns(
          new Map([...m].map(([r, k]) => [r, { type: k.type, source: k.source }] as const)),
          order,
        ).map((g) => ({ releases: g.releases, type: g.value.type, source: g.value.source })),
        ...(optional.length ? { optional: encodeRuns(optional, order) } : {}),
        ...(aliasOf ? { aliasOf, aliasIn: encodeRuns(aliasIn, order) } : {}),
        field: last.field,
        file: last.file,
        ...(withFn.size ? { defaultFn: groupRuns(withFn, order).map((g) => ({ releases: g.releases, fn: g.value })) } : {}),
        ...(cfgArch ? { cfgArch } : {}),
      };
      return key;
    });

  const out: RuntimeDecoderFacts = { tables: outTables, keys: outKeys };
  if (anyNames)
    out.hypervisorNames = [...names.entries()].sort(([a], [b]) => cmp(a, b)).map(([name, rs]) => ({ name, releases: encodeRuns(rs, order) }));
  return out;
}

/**
 * Reads the decoders of every release in `sources` (each `dir` the root of one release's Kata
 * source tree, full checkout or excerpt) and returns the facts, releases oldest first.
 */
export function extractDecoderFacts(sources: { release: string; dir: string }[], generatedBy: string): DecoderFacts {
  const releases = sortReleases(sources.map((s) => s.release));
  if (new Set(releases).size !== releases.length) throw new ExtractError(`a release is given twice: ${releases.join(', ')}`);
  const go = new Map<string, RuntimeSnapshot>();
  const rs = new Map<string, RuntimeSnapshot>();
  for (const s of sources) {
    try {
      go.set(s.release, extractGoSnapshot(s.dir));
      rs.set(s.release, extractRustSnapshot(s.dir));
    } catch (e) {
      if (e instanceof ExtractError) throw new ExtractError(`${s.release} (${s.dir}): ${e.message}`);
      throw e;
    }
  }
  return { generatedBy, releases, go: mergeSnapshots(go, releases), rs: mergeSnapshots(rs, releases) };
}
