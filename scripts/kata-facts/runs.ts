/**
 * Release-run encoding for the extractor. It must not use `RELEASES` from the server (the
 * extractor is what writes that list, and may be adding a release the build does not know yet),
 * so it takes the ordered release list explicitly. The notation is the one `ReleaseSet` parses.
 */

/** Encodes a set of releases as runs over `order` (oldest first): `"3.2.0..3.9.0 3.14.0.."`. */
export function encodeRuns(members: Iterable<string>, order: readonly string[]): string {
  const set = new Set(members);
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= order.length; i++) {
    const inside = i < order.length && set.has(order[i]);
    if (inside && start < 0) start = i;
    if (!inside && start >= 0) {
      const since = order[start];
      const until = order[i - 1];
      const first = start === 0;
      const last = i - 1 === order.length - 1;
      out.push(since === until && !first && !last ? since : `${first ? '' : since}..${last ? '' : until}`);
      start = -1;
    }
  }
  return out.join(' ');
}

/** Decodes runs over `order` back to the member list (for tests and for merging). */
export function decodeRuns(spec: string, order: readonly string[]): string[] {
  const out: string[] = [];
  for (const run of spec.trim().split(/\s+/).filter(Boolean)) {
    const [a, b] = run.includes('..') ? run.split('..') : [run, run];
    const lo = a ? order.indexOf(a) : 0;
    const hi = b ? order.indexOf(b) : order.length - 1;
    if (lo < 0 || hi < 0) throw new Error(`release set '${spec}' names a release outside ${order[0]}..${order[order.length - 1]}`);
    for (let i = lo; i <= hi; i++) out.push(order[i]);
  }
  return out;
}

/**
 * Groups per-release values into runs of equal values: `[{releases, value}]`, in order of first
 * appearance. Values are compared by `JSON.stringify` (or `keyOf`).
 */
export function groupRuns<T>(perRelease: ReadonlyMap<string, T>, order: readonly string[], keyOf: (v: T) => string = (v) => JSON.stringify(v)): { releases: string; value: T }[] {
  const groups = new Map<string, { members: string[]; value: T }>();
  for (const r of order) {
    if (!perRelease.has(r)) continue;
    const v = perRelease.get(r)!;
    const k = keyOf(v);
    const g = groups.get(k) ?? { members: [], value: v };
    g.members.push(r);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => ({ releases: encodeRuns(g.members, order), value: g.value }));
}

/** Orders Kata release names numerically (3.10.1 after 3.10.0, 4.0.0 after 3.32.0). */
export function sortReleases(releases: Iterable<string>): string[] {
  const num = (v: string) => v.split('.').map((p) => parseInt(p, 10) || 0);
  return [...releases].sort((a, b) => {
    const x = num(a);
    const y = num(b);
    for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
    return 0;
  });
}
