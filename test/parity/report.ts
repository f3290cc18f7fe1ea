/** Agreement tables (per category, rule and key) and the list of disagreements, with the known ones explained. */
import type { Category, FileResult, Item, Outcome } from './compare';

/** A disagreement we keep on purpose, with its reason: the test fails on any disagreement no entry explains. */
export interface KnownDifference {
  category: Category;
  outcome: Outcome | readonly Outcome[];
  /** One of our codes involved. */
  code?: string;
  /** The key, dotted (`hypervisor.qemu.virtio_fs_cache`). */
  key?: RegExp;
  /** Kata's side (its error message, or the effective value). */
  kata?: RegExp;
  /** Our side (the codes and messages). */
  ours?: RegExp;
  /** The mutation, as `<kind>: <what>` (e.g. `dropin: 50-parity.toml: ...`), for conditions on the other keys of a pair. */
  mutation?: RegExp;
  /** The base file (`<release>/<folder>/<file>`). */
  file?: RegExp;
  releases?: readonly string[];
  arches?: readonly string[];
  reason: string;
}

function matches(k: KnownDifference, r: FileResult, item: Item): boolean {
  const outcomes: readonly Outcome[] = typeof k.outcome === 'string' ? [k.outcome] : k.outcome;
  if (k.category !== item.category || !outcomes.includes(item.outcome)) return false;
  if (k.code && !item.codes.includes(k.code)) return false;
  if (k.key && !(item.key && k.key.test(item.key))) return false;
  if (k.kata && !k.kata.test(item.kata)) return false;
  if (k.ours && !k.ours.test(item.ours)) return false;
  if (k.mutation && !k.mutation.test(`${r.mutation.kind}: ${r.mutation.what}`)) return false;
  if (k.file && !k.file.test(`${r.mutation.base.release}/${r.mutation.base.folder}/${r.mutation.base.name}`)) return false;
  if (k.releases && !k.releases.includes(r.mutation.base.release)) return false;
  if (k.arches && !k.arches.includes(r.mutation.base.arch)) return false;
  return true;
}

/** Marks each disagreement a known difference explains (`item.known`); returns the unexplained ones. */
export function explain(results: readonly FileResult[], known: readonly KnownDifference[]): Array<{ result: FileResult; item: Item }> {
  const open: Array<{ result: FileResult; item: Item }> = [];
  for (const r of results) {
    for (const item of r.items) {
      if (item.outcome === 'agree' || item.excluded) continue;
      const k = known.find((x) => matches(x, r, item));
      if (k) item.known = k.reason;
      else open.push({ result: r, item });
    }
  }
  return open;
}

export type Counts = Record<Outcome | 'known', number>;

function zero(): Counts {
  return { agree: 0, 'ours-only': 0, 'kata-only': 0, phase: 0, value: 0, known: 0 };
}

export interface Summary {
  files: number;
  failures: number;
  byCategory: Map<Category, Counts>;
  byRule: Map<string, Counts>;
  byKey: Map<string, Counts>;
}

/** Keys with the hypervisor name kept (agreement differs per hypervisor). */
export function summarize(results: readonly FileResult[]): Summary {
  const s: Summary = { files: 0, failures: 0, byCategory: new Map(), byRule: new Map(), byKey: new Map() };
  const bump = (map: Map<string, Counts>, k: string, item: Item) => {
    let c = map.get(k);
    if (!c) map.set(k, (c = zero()));
    c[item.outcome]++;
    if (item.known && item.outcome !== 'agree') c.known++;
  };
  for (const r of results) {
    if (r.verdict.failure) {
      s.failures++;
      continue;
    }
    s.files++;
    for (const item of r.items) {
      if (item.excluded) continue;
      bump(s.byCategory as Map<string, Counts>, item.category, item);
      const rules = item.codes.length ? item.codes : [item.outcome === 'kata-only' && item.category === 'refusal' ? `(kata: ${item.kataGroup})` : '(none)'];
      for (const code of rules) bump(s.byRule, `${item.category} ${code}`, item);
      if (item.key) bump(s.byKey, `${item.category} ${item.key}`, item);
    }
  }
  return s;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function rpad(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

const COLS: Array<Outcome | 'known'> = ['agree', 'ours-only', 'kata-only', 'phase', 'value', 'known'];

export function table(title: string, rows: Map<string, Counts>, limit = Infinity, onlyDisagreeing = false): string {
  const entries = [...rows].filter(([, c]) => !onlyDisagreeing || c['ours-only'] + c['kata-only'] + c.phase + c.value > 0);
  entries.sort((a, b) => a[0].localeCompare(b[0]));
  const width = Math.min(90, Math.max(12, ...entries.map(([k]) => k.length)));
  const lines = [`${title}`, `${pad('', width)}  ${COLS.map((c) => rpad(c, 9)).join(' ')}   agree%`];
  for (const [k, c] of entries.slice(0, limit)) {
    const total = c.agree + c['ours-only'] + c['kata-only'] + c.phase + c.value;
    lines.push(`${pad(k.slice(0, width), width)}  ${COLS.map((x) => rpad(String(c[x]), 9)).join(' ')}   ${rpad(total ? ((100 * c.agree) / total).toFixed(1) : '-', 6)}`);
  }
  if (entries.length > limit) lines.push(`… ${entries.length - limit} more rows`);
  return lines.join('\n');
}

export function describe(result: FileResult, item: Item): string {
  return `${result.mutation.id}\n    ${item.category} ${item.outcome}${item.key ? ` ${item.key}` : ''}\n    ours: ${item.ours}\n    kata: ${item.kata}${item.known ? `\n    known: ${item.known}` : ''}`;
}
