/** Kata releases the schema knows, oldest first, and helpers to compare them. */
export const RELEASES = ['3.2.0', '3.10.0', '3.20.0', '3.32.0', '4.1.0'] as const;
export type Release = (typeof RELEASES)[number];
export const NEWEST_RELEASE: Release = '4.1.0';

export type Runtime = 'go' | 'rs';
export const RUNTIME_NAMES: Record<Runtime, string> = { go: 'Go runtime', rs: 'runtime-rs' };

export const ARCHES = ['x86_64', 'aarch64', 'ppc64le', 's390x', 'riscv64'] as const;
export type Arch = (typeof ARCHES)[number];

function parts(v: string): number[] {
  return v.split('.').map((p) => parseInt(p, 10) || 0);
}

/** Known releases compare by their place in RELEASES; the schema compares them on every key. */
const RELEASE_RANK = new Map<string, number>(RELEASES.map((r, i) => [r, i]));

export function compareVersions(a: string, b: string): number {
  const ra = RELEASE_RANK.get(a);
  const rb = RELEASE_RANK.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/**
 * The known release whose rules apply to `version`: the newest known release not newer than it
 * (3.25 is treated as 3.20.0), or the oldest for anything older. Null for text that is no version.
 */
export function resolveRelease(version: string): Release | null {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!m) return null;
  const v = `${m[1]}.${m[2]}.${m[3] ?? '0'}`;
  let best: Release = RELEASES[0];
  for (const r of RELEASES) if (compareVersions(r, v) <= 0) best = r;
  return best;
}

/** Normalises common spellings of architectures (`amd64`, `arm64`, `aarch64`, ...). */
export function resolveArch(name: string): Arch | null {
  const n = name.trim().toLowerCase();
  if (n === 'x86_64' || n === 'amd64' || n === 'x86-64' || n === 'x64') return 'x86_64';
  if (n === 'aarch64' || n === 'arm64') return 'aarch64';
  if (n === 'ppc64le' || n === 'ppc64' || n === 'powerpc') return 'ppc64le';
  if (n === 's390x' || n === 's390') return 's390x';
  if (n === 'riscv64' || n === 'riscv') return 'riscv64';
  return null;
}

/** A release range, both ends inclusive; an absent end is open. */
export interface ReleaseRange {
  since?: Release;
  until?: Release;
}

export function inRange(release: Release, range: ReleaseRange | undefined): boolean {
  if (!range) return true;
  if (range.since && compareVersions(release, range.since) < 0) return false;
  if (range.until && compareVersions(release, range.until) > 0) return false;
  return true;
}

export function describeRange(range: ReleaseRange | undefined): string {
  if (!range || (!range.since && !range.until)) return 'all releases';
  if (range.since && range.until) return range.since === range.until ? `${range.since} only` : `${range.since} to ${range.until}`;
  if (range.since) return `${range.since} and later`;
  return `up to ${range.until}`;
}
