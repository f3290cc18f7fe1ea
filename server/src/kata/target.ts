/**
 * Target detection: which runtime, Kata release and architecture a config file is written for,
 * and which hypervisor table(s) it holds. A pure function of (path, parsed text, settings); the
 * result says why each part was chosen so the user can see and override it with a directive:
 *   # kata-config: runtime=rs release=3.20 arch=arm64
 */
import type { TomlDocument, TomlTable } from '../toml';
import { tablesForEachRelease } from './catalog';
import { shippedFile } from './facts/shipped';
import { detectRuntime, hypervisorTables, readTargetDirective } from './runtimeDetection';
import { compareVersions, describeRange, NEWEST_RELEASE, releaseRank, ReleaseSet, parseRelease, RELEASES, resolveArch, type Arch, type Release, type ReleaseRange, type Runtime } from './releases';
import { baseSpec, classifyTable, knownReleases, type TableKind } from './schema';

export { readTargetDirective };

export interface TargetSettings {
  /** Release to assume when the file has no directive (the `kata.release` setting). */
  release?: string;
  /** Architecture to assume when the file has no directive (the `kata.arch` setting). */
  arch?: string;
  /** The machine's architecture, the last fallback (none in the browser: x86_64 is assumed then). */
  hostArch?: Arch;
  /** For an installed config: the release its installation records (see installedRelease.ts). */
  installation?: { release?: Release; why: string; note?: string; atLeast?: Release };
}

export interface Target {
  runtime: Runtime;
  release: Release;
  arch: Arch;
  /** Names of the `[hypervisor.<name>]` tables, in file order. */
  hypervisors: string[];
  /** When the release was inferred from the content: the releases the file is consistent with. */
  consistentReleases?: ReleaseRange;
  /** A `config.d/` fragment, merged over a base file by Kata. */
  dropIn: boolean;
  /** A `.toml.in` template with `@NAME@` placeholders. */
  template: boolean;
  /** The file's name when it is one Kata ships for this runtime (its defaults are that file's). */
  shippedFile?: string;
  why: { runtime: string; release: string; arch: string; hypervisor: string };
}

interface Mention {
  kind: TableKind;
  hypervisor?: string;
  key: string;
}

/**
 * Enough evidence for the release: a shipped file mentions under 1 000 keys, and a huge file would
 * otherwise cost a lookup per key and release.
 */
const MAX_MENTIONS = 10_000;

/** Key names a file mentions per table: the ones it sets and the documented `#key = value` lines. */
function mentionedKeys(doc: TomlDocument): Mention[] {
  const out: Mention[] = [];
  const sections: Array<{ start: number; ref: ReturnType<typeof classifyTable> }> = [];
  for (const t of doc.tree.tables) {
    const ref = t.key ? classifyTable(t.key.parts.map((p) => p.name)) : undefined;
    sections.push({ start: t.start, ref });
    if (ref) for (const kv of t.entries) out.push({ kind: ref.kind, hypervisor: ref.hypervisor, key: kv.key.parts[0].name });
    if (out.length >= MAX_MENTIONS) return out;
  }
  let i = -1;
  for (const c of doc.tree.comments) {
    if (out.length >= MAX_MENTIONS) break;
    while (i + 1 < sections.length && sections[i + 1].start <= c.start) i++;
    const ref = i >= 0 ? sections[i].ref : undefined;
    const m = ref && /^\s*([a-z][a-z0-9_]*)\s*=/.exec(c.text);
    if (ref && m) out.push({ kind: ref.kind, hypervisor: ref.hypervisor, key: m[1] });
  }
  return out;
}

/**
 * The releases a file is consistent with: those that know the most of the keys it sets and
 * documents (shipped files document nearly every key of their release) and load its hypervisor
 * tables. Keys are rarely removed, so this bounds the release from below far better than from
 * above; the newest consistent release is assumed.
 */
function releaseFromContent(doc: TomlDocument, runtime: Runtime, arch: Arch, hypervisors: string[], floor?: Release): { range: ReleaseRange; why: string } | undefined {
  const mentions = mentionedKeys(doc);
  if (!mentions.length && !hypervisors.length) return undefined;
  // A pure function of the mentions and the rest: an edit of a value (most keystrokes) leaves them
  // as they were, so the answer of the last few documents is kept.
  let memoKey = `${runtime} ${arch} ${floor ?? ''} ${hypervisors.join(',')}`;
  for (const m of mentions) memoKey += `|${m.kind} ${m.hypervisor ?? ''} ${m.key}`;
  const memo = CONTENT_RELEASES.get(memoKey);
  if (memo) return memo.value;
  const value = rankReleases(mentions, runtime, arch, hypervisors, floor);
  CONTENT_RELEASES.set(memoKey, { value });
  if (CONTENT_RELEASES.size > CONTENT_RELEASES_KEPT) CONTENT_RELEASES.delete(CONTENT_RELEASES.keys().next().value!);
  return value;
}

/** releaseFromContent's answers for the most recent distinct inputs (a handful of open documents). */
const CONTENT_RELEASES = new Map<string, { value: { range: ReleaseRange; why: string } | undefined }>();
const CONTENT_RELEASES_KEPT = 16;

function rankReleases(mentions: Mention[], runtime: Runtime, arch: Arch, hypervisors: string[], floor?: Release): { range: ReleaseRange; why: string } | undefined {
  // Mentions grouped by the set of releases that know them (most keys share a handful of sets),
  // so each release costs one membership test per distinct set, not one per key.
  const byKnown = new Map<string, { set: ReleaseSet; count: number }>();
  for (const m of mentions) {
    const spec = baseSpec(runtime, m.kind, m.key);
    const { set, id } = spec ? knownReleases(spec, m.hypervisor) : { set: ReleaseSet.NONE, id: '' };
    const g = byKnown.get(id);
    if (g) g.count++;
    else byKnown.set(id, { set, count: 1 });
  }
  const groups = [...byKnown.values()];
  const candidates = floor ? RELEASES.filter((r) => compareVersions(r, floor) >= 0) : RELEASES;
  const perRelease = tablesForEachRelease(runtime, arch);
  const misses = candidates.map((release) => {
    const rank = releaseRank(release);
    const tables = perRelease[rank] as readonly string[];
    let n = hypervisors.filter((h) => !tables.includes(h)).length * 10;
    for (const g of groups) if (!g.set.hasRank(rank)) n += g.count;
    return n;
  });
  const least = Math.min(...misses);
  const fits = candidates.filter((_, i) => misses[i] === least);
  const range: ReleaseRange = { since: fits[0], until: fits[fits.length - 1] };
  if (fits.length === RELEASES.length) return undefined;
  const unknown = least ? ` (${least} of its keys unknown even there)` : '';
  const floorWhy = floor ? ` (searched from ${floor}, the oldest release its installation can be)` : '';
  return { range, why: `its tables and keys fit Kata ${describeRange(range)}${floorWhy}${unknown}; the newest of those is assumed` };
}

const ARCH_BY_BINARY: Array<[RegExp, Arch]> = [
  [/qemu-system-x86_64\b/, 'x86_64'],
  [/qemu-system-aarch64\b/, 'aarch64'],
  [/qemu-system-ppc64\b/, 'ppc64le'],
  [/qemu-system-s390x\b/, 's390x'],
  [/qemu-system-riscv64\b/, 'riscv64'],
];
const ARCH_BY_MACHINE: Record<string, Arch> = { q35: 'x86_64', microvm: 'x86_64', pseries: 'ppc64le', 's390-ccw-virtio': 's390x', virt: 'aarch64' };

function archFromContent(root: TomlTable, hypervisors: string[]): { arch: Arch; why: string } | undefined {
  const h = root.entries.get('hypervisor');
  if (h?.type !== 'table') return undefined;
  for (const name of hypervisors) {
    const t = h.entries.get(name);
    if (t?.type !== 'table') continue;
    const path = t.entries.get('path');
    if (path?.type === 'value' && path.value.kind === 'string') {
      for (const [re, arch] of ARCH_BY_BINARY) if (re.test(path.value.value)) return { arch, why: `path names ${re.source.replace(/\\b$/, '')}` };
    }
    const machine = t.entries.get('machine_type');
    // Machine types name an architecture only for QEMU (StratoVirt's microvm exists on aarch64 too).
    if (name === 'qemu' && machine?.type === 'value' && machine.value.kind === 'string' && ARCH_BY_MACHINE[machine.value.value]) {
      return { arch: ARCH_BY_MACHINE[machine.value.value], why: `machine_type = "${machine.value.value}"` };
    }
  }
  return undefined;
}


export function detectTarget(path: string | undefined, doc: TomlDocument, settings: TargetSettings = {}): Target {
  const directive = readTargetDirective(doc.text);
  const hypervisors = hypervisorTables(doc.root);
  const norm = path?.replace(/\\/g, '/') ?? '';
  const dropIn = /\/config\.d\/[^/]+$/.test(norm);
  const template = /\.toml\.in$/.test(norm);

  const { runtime, why: runtimeWhy } = detectRuntime(path, doc, directive, hypervisors);

  let arch: Arch;
  let archWhy: string;
  const settingArch = settings.arch ? resolveArch(settings.arch) : null;
  const contentArch = archFromContent(doc.root, hypervisors);
  if (directive.arch) [arch, archWhy] = [directive.arch, 'set by the kata-config directive in the file'];
  else if (settingArch) [arch, archWhy] = [settingArch, 'from the kata.arch setting'];
  else if (contentArch) [arch, archWhy] = [contentArch.arch, `the file's ${contentArch.why}`];
  else if (settings.hostArch) [arch, archWhy] = [settings.hostArch, "this machine's architecture"];
  else [arch, archWhy] = ['x86_64', 'nothing names one and there is no machine to ask, so x86_64 is assumed'];

  let release: Release;
  let releaseWhy: string;
  const setting = settings.release ? parseRelease(settings.release) : undefined;
  const installed = settings.installation?.release ? settings.installation : undefined;
  const named = directive.release ?? installed?.release ?? setting?.release;
  const contentRelease = named ? undefined : releaseFromContent(doc, runtime, arch, hypervisors, settings.installation?.atLeast);
  const noted = (why: string, note: string | undefined) => (note ? `${why}; ${note}` : why);
  if (directive.release) [release, releaseWhy] = [directive.release, noted(`set by the kata-config directive (release=${directive.releaseText})`, directive.releaseNote)];
  else if (installed?.release) [release, releaseWhy] = [installed.release, noted(installed.why, installed.note)];
  else if (setting?.release) [release, releaseWhy] = [setting.release, noted(`from the kata.release setting (${settings.release})`, setting.note)];
  else if (contentRelease) [release, releaseWhy] = [contentRelease.range.until ?? NEWEST_RELEASE, contentRelease.why];
  else {
    release = NEWEST_RELEASE;
    releaseWhy = 'no release is named, so the newest known release is assumed';
    if (setting?.error) releaseWhy = `the kata.release setting is not usable (${setting.error}); ${releaseWhy}`;
    else if (settings.installation && !settings.installation.release) releaseWhy = `${settings.installation.why}, ${settings.installation.note ?? 'which kata-config does not know'}; ${releaseWhy}`;
  }

  const hypervisorWhy = hypervisors.length
    ? `from the [hypervisor.${hypervisors[0]}] table${hypervisors.length > 1 ? ` (and ${hypervisors.length - 1} more)` : ''}`
    : dropIn
      ? 'a drop-in without a hypervisor table applies to its base file'
      : 'the file has no [hypervisor.<name>] table';
  const name = norm.split('/').pop()?.replace(/\.in$/, '');
  const shipped = name && shippedFile(runtime, name) ? name : undefined;
  return { runtime, release, arch, hypervisors, dropIn, template, shippedFile: shipped, consistentReleases: contentRelease?.range, why: { runtime: runtimeWhy, release: releaseWhy, arch: archWhy, hypervisor: hypervisorWhy } };
}
