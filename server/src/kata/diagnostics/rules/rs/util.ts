/**
 * Helpers shared by the runtime-rs cross-field rules: which hypervisor tables a plugin checks,
 * written values versus the defaults Kata uses for absent keys, and small quick-fix builders.
 */
import { hypervisorByTable, tablesFor, type HypervisorId } from '../../../catalog';
import { compareVersions, describeRange, inRange, RELEASES, type Release, type ReleaseRange } from '../../../releases';
import type { Span } from '../../../../toml';
import type { KataContext, KeyInstance, TableInstance } from '../../context';
import { fix, insertionPoint, insertLine, removeEntry, replaceSpan } from '../../fixes';
import type { Fix } from '../../types';

export const HV_MOD = 'src/libs/kata-types/src/config/hypervisor/mod.rs';
export const HV_DIR = 'src/libs/kata-types/src/config/hypervisor';

/** A `[hypervisor.<name>]` table that runtime-rs loads in the target, with its plugin. */
export interface HvTable {
  t: TableInstance;
  /** The plugin: 'clh' for both `[hypervisor.clh]` and `[hypervisor.cloud-hypervisor]`. */
  id: HypervisorId;
  /** The table name as written. */
  name: string;
}

/**
 * Every hypervisor table whose plugin runtime-rs has in the target release and architecture.
 * runtime-rs adjusts and validates each of them, not only the one `hypervisor_name` selects; tables
 * without a plugin fail earlier (reported by kata-unknown-hypervisor), so rules skip them.
 */
export function hvTables(ctx: KataContext): HvTable[] {
  const { release, arch } = ctx.target;
  const loadable = tablesFor('rs', release, arch, { includeNonDefault: true }) as string[];
  const out: HvTable[] = [];
  for (const t of ctx.hypervisorTables()) {
    const name = t.ref!.hypervisor!;
    const info = hypervisorByTable(name, 'rs');
    if (info && loadable.includes(name)) out.push({ t, id: info.id, name });
  }
  return out;
}

export function since(ctx: KataContext, release: Release): boolean {
  return compareVersions(ctx.target.release, release) >= 0;
}

export function within(ctx: KataContext, range: ReleaseRange): boolean {
  return inRange(ctx.target.release, range);
}

/** The key as written, when runtime-rs reads it in this table and release. */
export function written(ctx: KataContext, t: TableInstance, key: string): KeyInstance | undefined {
  const k = ctx.key(t, key);
  if (!k) return undefined;
  const s = k.lookup.status;
  return s === 'valid' || s === 'alias' || s === 'unused' ? k : undefined;
}

/**
 * What Kata works with: the written value, or `dflt` when the key is absent (or written where
 * runtime-rs does not read it, e.g. in another release: it drops it). Undefined when it
 * cannot be known: a placeholder, a value of another type, or an absent key in a drop-in (the
 * base file may set it).
 */
function valueOr<T>(ctx: KataContext, t: TableInstance, key: string, dflt: T, read: (k: KeyInstance) => T | undefined): T | undefined {
  const k = written(ctx, t, key);
  if (!k) return ctx.target.dropIn ? undefined : dflt;
  return read(k);
}

export function strOr(ctx: KataContext, t: TableInstance, key: string, dflt = ''): string | undefined {
  return valueOr(ctx, t, key, dflt, (k) => ctx.str(k));
}

/** An unsigned 32-bit integer as written (other values are the generic type and range rules' business). */
export function u32(ctx: KataContext, k: KeyInstance | undefined): number | undefined {
  const v = ctx.scalar(k);
  return v?.kind === 'integer' && v.value >= 0n && v.value <= 4294967295n ? Number(v.value) : undefined;
}

export function u32Or(ctx: KataContext, t: TableInstance, key: string, dflt = 0): number | undefined {
  return valueOr(ctx, t, key, dflt, (k) => u32(ctx, k));
}

export function numOr(ctx: KataContext, t: TableInstance, key: string, dflt = 0): number | undefined {
  return valueOr(ctx, t, key, dflt, (k) => ctx.num(k));
}

export function boolOr(ctx: KataContext, t: TableInstance, key: string, dflt = false): boolean | undefined {
  return valueOr(ctx, t, key, dflt, (k) => ctx.bool(k));
}

/** The number of strings in a string list (0 when absent; undefined when unknown). */
export function listLength(ctx: KataContext, t: TableInstance, key: string): number | undefined {
  return valueOr(ctx, t, key, 0, (k) => (k.entry?.value?.kind === 'array' && !ctx.isPlaceholder(k) ? k.entry.value.items.length : undefined));
}

/** Where to point at a key: its value when written, else the table header. */
export function at(ctx: KataContext, t: TableInstance, key: string): Span {
  const k = written(ctx, t, key);
  return k ? ctx.valueSpan(k) : t.span;
}

export function quote(s: string): string {
  return JSON.stringify(s);
}

/** A fix that writes `key = text` in the table: replaces the written value or adds the line. */
export function setFix(ctx: KataContext, t: TableInstance, key: string, text: string, title?: string, preferred = false): Fix[] {
  const k = written(ctx, t, key);
  if (k?.entry?.value) return [fix(title ?? `Set ${key} = ${text}`, [replaceSpan(k.entry.value, text)], preferred)];
  if (k || !t.header) return [];
  return [fix(title ?? `Add ${key} = ${text}`, [insertLine(ctx.doc, insertionPoint(ctx.doc, t), `${key} = ${text}`)], preferred)];
}

/** A fix that removes the `key = value` line. */
export function removeFix(ctx: KataContext, t: TableInstance, key: string, preferred = false): Fix[] {
  const k = written(ctx, t, key);
  return k?.entry ? [fix(`Remove ${key}`, [removeEntry(ctx.doc, k.entry)], preferred)] : [];
}

/** The name Kata's messages and users know a plugin by. */
export function hvName(h: HvTable): string {
  return hypervisorByTable(h.name, 'rs')?.displayName ?? h.name;
}

/**
 * The releases the file may be written for: the run of releases its content fits when the release
 * was inferred from the content (target.ts: releaseFromContent), else the target's release alone.
 */
export function possibleReleases(ctx: KataContext): Release[] {
  const range = ctx.target.consistentReleases;
  return range ? RELEASES.filter((r) => inRange(r, range)) : [ctx.target.release];
}

/** The refusing releases as runs of consecutive releases, e.g. "3.3.0 to 3.28.0". */
function describeReleases(some: readonly Release[]): string {
  const runs: string[] = [];
  let start = 0;
  for (let i = 1; i <= some.length; i++) {
    const contiguous = i < some.length && RELEASES.indexOf(some[i]) === RELEASES.indexOf(some[i - 1]) + 1;
    if (contiguous) continue;
    const [since, until] = [some[start], some[i - 1]];
    runs.push(since === until ? since : until === RELEASES[RELEASES.length - 1] ? `${since} and later` : `${since} to ${until}`);
    start = i;
  }
  return runs.join(', ');
}

export interface Refusal {
  /** error when every release the file may be for refuses it; warning when only some do. */
  severity: 'error' | 'warning';
  /** The release whose behaviour the message describes: the target's when it refuses, else the newest refusing one. */
  release: Release;
  /** For a warning: which of the possible releases refuse, to append to the message. */
  note: string;
}

/**
 * The severity policy for a refusal that depends on the release: `refuses` says whether a release
 * refuses. When the release is known only as a range (inferred from the content), an error only if
 * every release of the range refuses; otherwise a warning naming the releases that do. Undefined
 * when none of them refuses.
 */
export function refusalIn(ctx: KataContext, refuses: ReleaseRange | ((r: Release) => boolean)): Refusal | undefined {
  const test = typeof refuses === 'function' ? refuses : (r: Release) => inRange(r, refuses);
  const possible = possibleReleases(ctx);
  const some = possible.filter(test);
  if (!some.length) return undefined;
  const release = test(ctx.target.release) ? ctx.target.release : some[some.length - 1];
  if (some.length === possible.length) return { severity: 'error', release, note: '' };
  return { severity: 'warning', release, note: ` Only runtime-rs ${describeReleases(some)} refuses it, and this file may be for any release from ${describeRange(ctx.target.consistentReleases)} (its release is inferred from its keys; name it with a "# kata-config: release=X" directive).` };
}

/**
 * The hypervisor table runtime-rs starts VMs with: the one [runtime] hypervisor_name names (3.2.0
 * uses "dragonball" when it is empty; annotations/mod.rs: Annotation::update_config_by_annotation).
 * kata-types checks every hypervisor table, but the runtime's own crates (resource manager,
 * hypervisor back ends) see only this one. Undefined in drop-ins (the base file names it) and when
 * the name is unknown or names no loadable table (kata-hypervisor-name reports that).
 */
export function activeHv(ctx: KataContext): HvTable | undefined {
  if (ctx.target.dropIn) return undefined;
  const runtime = ctx.tablesOf('runtime')[0];
  const name = runtime ? strOr(ctx, runtime, 'hypervisor_name') : '';
  if (name === undefined) return undefined;
  const used = name === '' && !since(ctx, '3.3.0') ? 'dragonball' : name;
  return hvTables(ctx).find((h) => h.name === used);
}
