/**
 * Target detection: which runtime, Kata release and architecture a config file is written for,
 * and which hypervisor table(s) it holds. A pure function of (path, parsed text, settings); the
 * result says why each part was chosen so the user can see and override it with a directive:
 *   # kata-config: runtime=rs release=3.20 arch=arm64
 */
import type { TomlDocument, TomlTable } from '../toml';
import { tablesFor } from './catalog';
import { detectRuntime, hostArch, hypervisorTables, readTargetDirective } from './runtimeDetection';
import { describeRange, NEWEST_RELEASE, RELEASES, resolveArch, resolveRelease, type Arch, type Release, type ReleaseRange, type Runtime } from './releases';
import { classifyTable, KataSchema, type KeySpec, type TableKind } from './schema';

export { hostArch, readTargetDirective };

export interface TargetSettings {
  /** Release to assume when the file has no directive (the `kata.release` setting). */
  release?: string;
  /** Architecture to assume when the file has no directive (the `kata.arch` setting). */
  arch?: string;
  /** The machine's architecture, the last fallback. */
  hostArch?: Arch;
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

function shippedIn(spec: KeySpec, hypervisor: string | undefined, release: Release | undefined): boolean {
  const s = spec.shippedIn;
  if (!s || !release) return false;
  if (Array.isArray(s)) return s.includes(release);
  const perTable = s as Partial<Record<string, readonly Release[]>>;
  return hypervisor !== undefined && !!perTable[hypervisor]?.includes(release);
}

/**
 * The releases a file is consistent with: those that know the most of the keys it sets and
 * documents (shipped files document nearly every key of their release) and load its hypervisor
 * tables. Keys are rarely removed, so this bounds the release from below far better than from
 * above; the newest consistent release is assumed.
 */
function releaseFromContent(doc: TomlDocument, runtime: Runtime, arch: Arch, hypervisors: string[]): { range: ReleaseRange; why: string } | undefined {
  const mentions = mentionedKeys(doc);
  if (!mentions.length && !hypervisors.length) return undefined;
  // Which spec a key names depends on the runtime only, so it is looked up once, not per release.
  const lookup = new KataSchema({ runtime, release: NEWEST_RELEASE, arch });
  const specs = mentions.map((m) => lookup.spec(m.kind, m.key));
  const misses = RELEASES.map((release) => {
    const tables = tablesFor(runtime, release, arch) as readonly string[];
    let n = hypervisors.filter((h) => !tables.includes(h)).length * 10;
    for (let i = 0; i < mentions.length; i++) {
      const spec = specs[i];
      if (!spec || (!spec.releases.includes(release) && !spec.mentionedIn?.includes(release) && !shippedIn(spec, mentions[i].hypervisor, release))) n++;
    }
    return n;
  });
  const least = Math.min(...misses);
  const fits = RELEASES.filter((_, i) => misses[i] === least);
  const range: ReleaseRange = { since: fits[0], until: fits[fits.length - 1] };
  if (fits.length === RELEASES.length) return undefined;
  const unknown = least ? ` (${least} of its keys unknown even there)` : '';
  return { range, why: `its tables and keys fit Kata ${describeRange(range)}${unknown}; the newest of those is assumed` };
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
    if (machine?.type === 'value' && machine.value.kind === 'string' && ARCH_BY_MACHINE[machine.value.value]) {
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
  else [arch, archWhy] = [settings.hostArch ?? hostArch(), "this machine's architecture"];

  let release: Release;
  let releaseWhy: string;
  const settingRelease = settings.release ? resolveRelease(settings.release) : null;
  const contentRelease = directive.release || settingRelease ? undefined : releaseFromContent(doc, runtime, arch, hypervisors);
  if (directive.release) [release, releaseWhy] = [directive.release, `set by the kata-config directive (release=${directive.releaseText})`];
  else if (settingRelease) [release, releaseWhy] = [settingRelease, `from the kata.release setting (${settings.release})`];
  else if (contentRelease) [release, releaseWhy] = [contentRelease.range.until ?? NEWEST_RELEASE, contentRelease.why];
  else [release, releaseWhy] = [NEWEST_RELEASE, 'no release is named, so the newest known release is assumed'];

  const hypervisorWhy = hypervisors.length
    ? `from the [hypervisor.${hypervisors[0]}] table${hypervisors.length > 1 ? ` (and ${hypervisors.length - 1} more)` : ''}`
    : dropIn
      ? 'a drop-in without a hypervisor table applies to its base file'
      : 'the file has no [hypervisor.<name>] table';
  return { runtime, release, arch, hypervisors, dropIn, template, consistentReleases: contentRelease?.range, why: { runtime: runtimeWhy, release: releaseWhy, arch: archWhy, hypervisor: hypervisorWhy } };
}
