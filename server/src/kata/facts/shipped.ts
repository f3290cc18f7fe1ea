/**
 * Reads the generated shipped facts (`shipped-go.json`, `shipped-rs.json`, written by
 * `scripts/kata-facts/shipped.ts`): which config files Kata's `make install-configs` writes per
 * release and arch, and what each of them sets or shows commented out, key by key.
 *
 * Answers the two questions a language server asks: "what does the shipped file of this name,
 * release and arch say for this key" (`shippedValue`, `shippedValues`) and "which keys do the
 * shipped files of release R mention in this table" (`keysMentioned`, `releasesMentioning`, for
 * inferring which release a file was copied from). Everything is indexed lazily on first use and
 * cached; no vscode or node imports.
 */
import goShipped from './shipped-go.json';
import rsShipped from './shipped-rs.json';
import { RELEASES, ReleaseSet, type Release, type Runtime } from '../releases';
import type { ShippedFacts, ShippedFile, ShippedValue } from './types';

/** What a shipped file says about one key: its value, and whether it is only a commented-out example. */
export interface ShippedEntry {
  /** The TOML value as JSON (absent for a commented example whose value does not parse). */
  value?: unknown;
  /** True when the file shows the key only as a comment (`#key = value`). */
  commented?: boolean;
}

/** The map key of `shippedValues`: `table` and `key` joined by U+0000. */
export function shippedKey(table: string, key: string): string {
  return `${table}\u0000${key}`;
}

const FACTS: Record<Runtime, ShippedFacts> = {
  go: goShipped as unknown as ShippedFacts,
  rs: rsShipped as unknown as ShippedFacts,
};

interface IndexedRun {
  releases: ReleaseSet;
  arches?: readonly string[];
  /** null: the key is absent here although the base file has it. */
  entry: ShippedEntry | null;
}

interface IndexedFile {
  file: ShippedFile;
  arches: Map<string, ReleaseSet>;
  hypervisor: { releases: ReleaseSet; table: string }[];
  values: Map<string, IndexedRun[]>;
  base?: IndexedFile;
}

interface RuntimeIndex {
  files: Map<string, IndexedFile>;
  resolved: Map<string, ReadonlyMap<string, ShippedEntry>>;
  /** `release\0arch|*` -> table -> key -> true when set in some file (false: only commented). */
  mentions: Map<string, Map<string, Map<string, boolean>>>;
}

const indexes = new Map<Runtime, RuntimeIndex>();

function index(runtime: Runtime): RuntimeIndex {
  let idx = indexes.get(runtime);
  if (idx) return idx;
  const facts = FACTS[runtime];
  const files = new Map<string, IndexedFile>();
  for (const file of facts.files) {
    const arches = new Map<string, ReleaseSet>();
    for (const [arch, spec] of Object.entries(file.arches)) if (spec !== undefined) arches.set(arch, ReleaseSet.parse(spec));
    files.set(file.name, {
      file,
      arches,
      hypervisor: file.hypervisor.map((h) => ({ releases: ReleaseSet.parse(h.releases), table: h.table })),
      values: new Map(),
    });
  }
  for (const f of files.values()) if (f.file.base) f.base = files.get(f.file.base);
  for (const v of facts.values as ShippedValue[]) {
    const f = files.get(v.file);
    if (!f) continue;
    f.values.set(
      shippedKey(v.table, v.key),
      v.runs.map((r) => ({
        releases: ReleaseSet.parse(r.releases),
        arches: r.arches,
        entry: r.absent ? null : r.commented ? (r.value === undefined ? { commented: true } : { value: r.value, commented: true }) : { value: r.value },
      })),
    );
  }
  idx = { files, resolved: new Map(), mentions: new Map() };
  indexes.set(runtime, idx);
  return idx;
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1];
}

/** The generated facts of a runtime, as stored. */
export function shippedFacts(runtime: Runtime): ShippedFacts {
  return FACTS[runtime];
}

/** Every config file the runtime's Makefiles install in some release and arch, sorted by name. */
export function shippedFiles(runtime: Runtime): readonly ShippedFile[] {
  return FACTS[runtime].files;
}

/** The shipped file of this installed name (a path is fine), or undefined. */
export function shippedFile(runtime: Runtime, fileName: string): ShippedFile | undefined {
  return index(runtime).files.get(baseName(fileName))?.file;
}

/** True when `make install-configs` of `release` installs the file on `arch`. */
export function isShipped(runtime: Runtime, fileName: string, release: Release, arch: string): boolean {
  return index(runtime).files.get(baseName(fileName))?.arches.get(arch)?.has(release) ?? false;
}

/** The files `release` installs on `arch` (on any arch when `arch` is omitted). */
export function shippedFilesAt(runtime: Runtime, release: Release, arch?: string): ShippedFile[] {
  const out: ShippedFile[] = [];
  for (const f of index(runtime).files.values()) {
    if (arch ? f.arches.get(arch)?.has(release) : [...f.arches.values()].some((s) => s.has(release))) out.push(f.file);
  }
  return out;
}

/** The arches on which `release` installs the file. */
export function shippedArches(runtime: Runtime, fileName: string, release: Release): string[] {
  const f = index(runtime).files.get(baseName(fileName));
  return f ? [...f.arches].filter(([, s]) => s.has(release)).map(([a]) => a) : [];
}

/** The `[hypervisor.<name>]` table the file holds at `release` (undefined when not shipped then). */
export function shippedHypervisorTable(runtime: Runtime, fileName: string, release: Release): string | undefined {
  return index(runtime).files.get(baseName(fileName))?.hypervisor.find((h) => h.releases.has(release))?.table;
}

function lookup(runs: IndexedRun[], release: Release, arch: string): IndexedRun | undefined {
  for (const r of runs) if (r.releases.has(release) && (!r.arches || r.arches.includes(arch))) return r;
  return undefined;
}

function installed(f: IndexedFile, release: Release, arch: string): boolean {
  return f.arches.get(arch)?.has(release) ?? false;
}

/**
 * Everything the shipped file says at `release` on `arch`, by `shippedKey(table, key)`: set values
 * and commented examples, the base file's entries included. Empty when the file is not installed
 * there. The map is cached and shared: do not modify it.
 */
export function shippedValues(runtime: Runtime, fileName: string, release: Release, arch: string): ReadonlyMap<string, ShippedEntry> {
  const idx = index(runtime);
  const name = baseName(fileName);
  const cacheKey = `${name}\u0000${release}\u0000${arch}`;
  const cached = idx.resolved.get(cacheKey);
  if (cached) return cached;
  const out = new Map<string, ShippedEntry>();
  const f = idx.files.get(name);
  if (f && installed(f, release, arch)) {
    if (f.base && installed(f.base, release, arch)) {
      for (const [id, runs] of f.base.values) {
        const r = lookup(runs, release, arch);
        if (r?.entry) out.set(id, r.entry);
      }
    }
    for (const [id, runs] of f.values) {
      const r = lookup(runs, release, arch);
      if (r?.entry) out.set(id, r.entry);
      else out.delete(id);
    }
  }
  idx.resolved.set(cacheKey, out);
  return out;
}

/** What the shipped file says about one key (undefined: the file neither sets nor shows it). */
export function shippedValue(runtime: Runtime, fileName: string, release: Release, arch: string, table: string, key: string): ShippedEntry | undefined {
  return shippedValues(runtime, fileName, release, arch).get(shippedKey(table, key));
}

/**
 * True when a concrete table (`hypervisor.qemu`) matches a table pattern: the same path, where a
 * `<name>` segment matches any one segment (`hypervisor.<name>`, `hypervisor.<name>.factory`).
 */
export function tableMatches(pattern: string, table: string): boolean {
  if (pattern === table) return true;
  if (!pattern.includes('<name>')) return false;
  const p = pattern.split('.');
  const t = table.split('.');
  return p.length === t.length && p.every((seg, i) => seg === t[i] || (seg === '<name>' && t[i] !== '') || (seg === '<name>[]' && t[i].endsWith('[]')));
}

function mentionIndex(runtime: Runtime, release: Release, arch: string | undefined): Map<string, Map<string, boolean>> {
  const idx = index(runtime);
  const cacheKey = `${release}\u0000${arch ?? '*'}`;
  let m = idx.mentions.get(cacheKey);
  if (m) return m;
  m = new Map();
  for (const f of idx.files.values()) {
    for (const [a, releases] of f.arches) {
      if ((arch && a !== arch) || !releases.has(release)) continue;
      for (const [id, entry] of shippedValues(runtime, f.file.name, release, a)) {
        const sep = id.indexOf('\u0000');
        const table = id.slice(0, sep);
        const key = id.slice(sep + 1);
        let keys = m.get(table);
        if (!keys) m.set(table, (keys = new Map()));
        keys.set(key, (keys.get(key) ?? false) || !entry.commented);
      }
    }
  }
  idx.mentions.set(cacheKey, m);
  return m;
}

export interface MentionOptions {
  /** Only files installed on this arch (default: any arch). */
  arch?: string;
  /** Count commented-out examples (default true). */
  commented?: boolean;
  /** Only these installed file names. */
  files?: readonly string[];
}

/**
 * The keys that the files shipped by `release` set or show commented out in the tables matching
 * `table` (a concrete table such as `hypervisor.qemu`, or a pattern such as `hypervisor.<name>`).
 */
export function keysMentioned(runtime: Runtime, release: Release, table: string, options: MentionOptions = {}): Set<string> {
  const out = new Set<string>();
  const includeCommented = options.commented ?? true;
  if (options.files) {
    const arches = options.arch ? [options.arch] : undefined;
    for (const name of options.files) {
      for (const a of arches ?? shippedArches(runtime, name, release)) {
        for (const [id, entry] of shippedValues(runtime, name, release, a)) {
          if (!includeCommented && entry.commented) continue;
          const sep = id.indexOf('\u0000');
          if (tableMatches(table, id.slice(0, sep))) out.add(id.slice(sep + 1));
        }
      }
    }
    return out;
  }
  for (const [t, keys] of mentionIndex(runtime, release, options.arch)) {
    if (!tableMatches(table, t)) continue;
    for (const [k, set] of keys) if (set || includeCommented) out.add(k);
  }
  return out;
}

/** The releases whose shipped files mention `key` in a table matching `table` (oldest first). */
export function releasesMentioning(runtime: Runtime, table: string, key: string, options: MentionOptions = {}): Release[] {
  if (options.files) return RELEASES.filter((r) => keysMentioned(runtime, r, table, options).has(key));
  const includeCommented = options.commented ?? true;
  return RELEASES.filter((r) => {
    for (const [t, keys] of mentionIndex(runtime, r, options.arch)) {
      if (!tableMatches(table, t)) continue;
      const set = keys.get(key);
      if (set !== undefined && (set || includeCommented)) return true;
    }
    return false;
  });
}
