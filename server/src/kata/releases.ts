/** Kata releases the schema knows, oldest first, sets of them, and how a user's spelling maps to one. */
import { RELEASES } from './facts/releases';

export { RELEASES };
export type Release = (typeof RELEASES)[number];
export const OLDEST_RELEASE: Release = RELEASES[0];
export const NEWEST_RELEASE: Release = RELEASES[RELEASES.length - 1];

export type Runtime = 'go' | 'rs';
export const RUNTIME_NAMES: Record<Runtime, string> = { go: 'Go runtime', rs: 'runtime-rs' };
/** Both runtimes, Go first. */
export const RUNTIMES: readonly Runtime[] = ['go', 'rs'];

export const ARCHES = ['x86_64', 'aarch64', 'ppc64le', 's390x', 'riscv64'] as const;
export type Arch = (typeof ARCHES)[number];

function parts(v: string): number[] {
  return v.split('.').map((p) => parseInt(p, 10) || 0);
}

/** Known releases compare by their place in RELEASES; the schema compares them on every key. */
const RELEASE_RANK = new Map<string, number>(RELEASES.map((r, i) => [r, i]));

export function releaseRank(r: Release): number {
  return RELEASE_RANK.get(r)!;
}

export function isRelease(v: string): v is Release {
  return RELEASE_RANK.has(v);
}

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

export const KNOWN_RANGE_TEXT = `${OLDEST_RELEASE} to ${NEWEST_RELEASE} (${RELEASES.length} releases)`;

/** How a written release maps to a known one; `note` says what was assumed, `error` why none fits. */
export type ReleaseResolution = { release: Release; note?: string } | { release?: undefined; error: string };

/**
 * Maps `3.25`, `3.25.0`, `v3.25.0` (or a kata-runtime version such as `3.25.0-rc0`) to a known
 * release. A patch release kata-config does not list maps to the newest listed release of the same
 * minor series (Kata's config code changes in minor releases), a release newer than every known one
 * to the newest; anything else is refused with a message naming the known range.
 */
export function parseRelease(text: string): ReleaseResolution {
  const written = text.trim();
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(-[0-9A-Za-z.-]+)?$/.exec(written);
  if (!m) return { error: `'${written}' is not a Kata release; kata-config knows ${KNOWN_RANGE_TEXT}` };
  const v = `${+m[1]}.${+m[2]}.${m[3] === undefined ? 0 : +m[3]}`;
  const pre = m[4] ? ` (${m[4].slice(1)} is read as ${v})` : '';
  if (isRelease(v)) return pre ? { release: v, note: `${written} is a pre-release of ${v}; its rules are assumed` } : { release: v };
  if (compareVersions(v, NEWEST_RELEASE) > 0) {
    return { release: NEWEST_RELEASE, note: `Kata ${v} is newer than every release kata-config knows; the rules of ${NEWEST_RELEASE} are assumed${pre}` };
  }
  const sameMinor = RELEASES.filter((r) => r.startsWith(`${+m[1]}.${+m[2]}.`) && compareVersions(r, v) <= 0);
  if (sameMinor.length) {
    const r = sameMinor[sameMinor.length - 1];
    return { release: r, note: `kata-config knows no ${v}; the rules of ${r}, the newest known release of that series, are assumed${pre}` };
  }
  return { error: `Kata ${v} is not a release kata-config knows: it knows ${KNOWN_RANGE_TEXT}` };
}

/** The known release for `version`, or null when kata-config refuses it (see `parseRelease`). */
export function resolveRelease(version: string): Release | null {
  return parseRelease(version).release ?? null;
}

/** Normalises common spellings of architectures (`amd64`, `arm64`, `aarch64`, ...). */
export function resolveArch(name: string): Arch | null {
  const n = name.trim().toLowerCase();
  if (n === 'x86_64' || n === 'amd64' || n === 'x86-64' || n === 'x64') return 'x86_64';
  if (n === 'aarch64' || n === 'arm64') return 'aarch64';
  if (n === 'ppc64le' || n === 'ppc64' || n === 'powerpc' || n === 'powerpc64le') return 'ppc64le';
  if (n === 's390x' || n === 's390') return 's390x';
  if (n === 'riscv64' || n === 'riscv' || n === 'riscv64gc') return 'riscv64';
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

/**
 * A set of known releases, stored as bits in 32-bit words so a membership test is two array reads.
 * Written in data as runs: `"3.2.0..3.9.0 3.14.0.."` (both ends inclusive, an open end reaches the
 * oldest or newest known release), `"3.25.0"` for one release, `""` for none, `".."` for all.
 */
export class ReleaseSet {
  private constructor(private readonly words: readonly number[]) {}
  /** The set is immutable, so its texts are computed once. */
  private text?: { notation: string; people: string };

  static readonly NONE = new ReleaseSet([]);
  static readonly ALL = ReleaseSet.of(RELEASES);

  static of(releases: Iterable<Release>): ReleaseSet {
    const words: number[] = [];
    for (const r of releases) {
      const i = releaseRank(r);
      words[i >>> 5] = (words[i >>> 5] ?? 0) | (1 << (i & 31));
    }
    for (let i = 0; i < words.length; i++) words[i] = (words[i] ?? 0) >>> 0;
    return new ReleaseSet(words);
  }

  static range(range: ReleaseRange | undefined): ReleaseSet {
    return ReleaseSet.of(RELEASES.filter((r) => inRange(r, range)));
  }

  /** Parses the run notation; throws on a release that is not known (data must name known ones). */
  static parse(spec: string): ReleaseSet {
    const members: Release[] = [];
    for (const run of spec.trim().split(/[\s,]+/).filter(Boolean)) {
      const [a, b] = run.includes('..') ? run.split('..') : [run, run];
      for (const end of [a, b]) if (end && !isRelease(end)) throw new Error(`unknown release '${end}' in release set '${spec}'`);
      const lo = a ? releaseRank(a as Release) : 0;
      const hi = b ? releaseRank(b as Release) : RELEASES.length - 1;
      for (let i = lo; i <= hi; i++) members.push(RELEASES[i]);
    }
    return ReleaseSet.of(members);
  }

  has(release: Release): boolean {
    return this.hasRank(releaseRank(release));
  }

  /** Membership by place in RELEASES (for loops over every release). */
  hasRank(i: number): boolean {
    return ((this.words[i >>> 5] ?? 0) & (1 << (i & 31))) !== 0;
  }

  list(): Release[] {
    return RELEASES.filter((r) => this.has(r));
  }

  get isEmpty(): boolean {
    return this.words.every((w) => w === 0);
  }

  get isAll(): boolean {
    return RELEASES.every((r) => this.has(r));
  }

  first(): Release | undefined {
    return RELEASES.find((r) => this.has(r));
  }

  last(): Release | undefined {
    for (let i = RELEASES.length - 1; i >= 0; i--) if (this.has(RELEASES[i])) return RELEASES[i];
    return undefined;
  }

  union(other: ReleaseSet): ReleaseSet {
    return ReleaseSet.of([...this.list(), ...other.list()]);
  }

  intersect(other: ReleaseSet): ReleaseSet {
    return ReleaseSet.of(this.list().filter((r) => other.has(r)));
  }

  minus(other: ReleaseSet): ReleaseSet {
    return ReleaseSet.of(this.list().filter((r) => !other.has(r)));
  }

  equals(other: ReleaseSet): boolean {
    return RELEASES.every((r) => this.has(r) === other.has(r));
  }

  /** The runs of consecutive known releases in the set. */
  runs(): { since: Release; until: Release }[] {
    const out: { since: Release; until: Release }[] = [];
    let start = -1;
    for (let i = 0; i <= RELEASES.length; i++) {
      const inside = i < RELEASES.length && this.has(RELEASES[i]);
      if (inside && start < 0) start = i;
      if (!inside && start >= 0) {
        out.push({ since: RELEASES[start], until: RELEASES[i - 1] });
        start = -1;
      }
    }
    return out;
  }

  /** The data notation, open at the ends that reach the oldest or newest known release. */
  toString(): string {
    return this.texts().notation;
  }

  private texts(): { notation: string; people: string } {
    if (!this.text) this.text = { notation: this.notation(), people: this.forPeople() };
    return this.text;
  }

  private notation(): string {
    return this.runs()
      .map(({ since, until }) => {
        if (since === until && since !== OLDEST_RELEASE && until !== NEWEST_RELEASE) return since;
        return `${since === OLDEST_RELEASE ? '' : since}..${until === NEWEST_RELEASE ? '' : until}`;
      })
      .join(' ');
  }

  /** For a sentence after "exists": "in 3.24.0 and later", "up to 3.9.0", "in 3.25.0 only". */
  describeWhere(): string {
    const text = this.describe();
    if (text === 'no release') return 'in no release';
    return text.startsWith('up to') ? text : /^[\d.]+$/.test(text) ? `in ${text} only` : `in ${text}`;
  }

  /** For people: "3.24.0 and later", "3.2.0 to 3.9.0 and 3.14.0 and later", "no release". */
  describe(): string {
    return this.texts().people;
  }

  private forPeople(): string {
    const runs = this.runs();
    if (!runs.length) return 'no release';
    if (runs.length === 1 && runs[0].since === OLDEST_RELEASE && runs[0].until === NEWEST_RELEASE) return `every release (${KNOWN_RANGE_TEXT})`;
    const text = runs.map(({ since, until }) => {
      if (since === until) return since;
      if (until === NEWEST_RELEASE) return `${since} and later`;
      if (since === OLDEST_RELEASE) return `up to ${until}`;
      return `${since} to ${until}`;
    });
    return text.length === 1 ? text[0] : `${text.slice(0, -1).join(', ')} and ${text[text.length - 1]}`;
  }
}
