/**
 * Extracts the "shipped facts" (`server/src/kata/facts/shipped-<runtime>.json`, shapes in
 * `server/src/kata/facts/types.ts`): which config files `make install-configs` writes per release
 * and arch, which `[hypervisor.<name>]` table each holds, and what each file sets or shows as a
 * commented-out example, key by key.
 *
 * For every release and every arch (x86_64, aarch64, ppc64le, s390x, riscv64: whatever the
 * release's Makefile accepts) the templates are expanded with `server/src/upstream/templates.ts`
 * (the same rules make runs; byte-identical to the reference corpus) and parsed with the
 * project's TOML parser.
 *
 * Values, per (file, concrete table, key) and per (release, arch) the file is installed for:
 * - set: `value` is the TOML value as JSON (integers as numbers);
 * - commented: a full-line comment `#key = value` (or `# key = value`) inside the table's section
 *   and the key not set there: `commented: true`, with `value` when the uncommented text parses
 *   (the first such line that parses);
 * - a value that is not TOML (the `@DEFAULTTIMEOUT_NV` typo of 3.5.0/3.6.0) is not recorded.
 * Runs: a release whose installed arches all agree gets a run without `arches`; otherwise the
 * release's arches are listed per value (no run ever overlaps another). A variant file
 * (`configuration-qemu-tdx.toml`) has the plain file of its hypervisor table as `base`
 * (`configuration-qemu.toml`) and lists only the keys whose state differs from the base's on some
 * (release, arch) it is installed for, with `absent: true` where the base has the key and the
 * variant does not; every other key is the base's.
 *
 * `npm run kata:facts` (scripts/kata-facts/main.ts) writes the result with writeJson's layout.
 */
import { parseToml, type TomlNode, type TomlTable } from '../../server/src/toml';
import type { ShippedFacts, ShippedFile, ShippedValue } from '../../server/src/kata/facts/types';
import { installConfigs, KATA_ARCHES, type KataRuntime } from '../../server/src/upstream/templates';
import { fsReader } from './sources';
import { encodeRuns, groupRuns, sortReleases } from './runs';

export interface ReleaseSource {
  release: string;
  /** A tree with the release's `src/runtime/...` and `src/runtime-rs/...` (repository-relative paths). */
  dir: string;
}

/** One key's state in one installed file: set, or commented (with the example's value when it parses). */
export interface KeyState {
  value?: unknown;
  commented?: true;
}

/** Everything one config text says, by `table\u0000key`. */
export function fileKeyStates(text: string): Map<string, KeyState> {
  return analyzeConfig(text).states;
}

/** A config text's key states and the `[hypervisor.<name>]` table names it holds. */
function analyzeConfig(text: string): { states: Map<string, KeyState>; hypervisors: string[] } {
  const doc = parseToml(text);
  const out = new Map<string, KeyState>();
  const hv = doc.root.entries.get('hypervisor');
  const hypervisors = hv && hv.type === 'table' ? [...hv.entries.keys()] : [];
  walkTable(doc.root, '', out);
  // Commented-out examples, by the section they appear in.
  const headers = doc.tree.tables
    .filter((h) => h.key)
    .map((h) => ({ start: h.start, name: h.key!.parts.map((p) => tablePart(p.name)).join('.'), array: h.kind === 'array-table' }))
    .sort((a, b) => a.start - b.start);
  const arrayCount = new Map<string, number>();
  const sectionName: string[] = headers.map((h) => {
    if (!h.array) return h.name;
    const n = arrayCount.get(h.name) ?? 0;
    arrayCount.set(h.name, n + 1);
    return arrayElementPath(h.name, n);
  });
  for (const c of doc.tree.comments) {
    const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
    if (text.slice(lineStart, c.start).trim() !== '') continue;
    const m = /^\s*([A-Za-z0-9_-]+)\s*=(.*)$/.exec(c.text);
    if (!m) continue;
    let lo = 0;
    let hi = headers.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (headers[mid].start < c.start) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const table = idx < 0 ? '(root)' : sectionName[idx];
    const id = `${table}\u0000${m[1]}`;
    const existing = out.get(id);
    if (existing && !existing.commented) continue;
    if (existing && existing.value !== undefined) continue;
    const parsed = parseExample(m[1], m[2]);
    if (parsed !== undefined) out.set(id, { commented: true, value: parsed });
    else if (!existing) out.set(id, { commented: true });
  }
  return { states: out, hypervisors };
}

/** Concrete path of element `n` of an array of tables: `name[]` for the first, `name[1]`, ... after. */
function arrayElementPath(name: string, n: number): string {
  return n === 0 ? `${name}[]` : `${name}[${n}]`;
}

function tablePart(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
}

function parseExample(key: string, rest: string): unknown {
  const doc = parseToml(`${key} =${rest}\n`);
  if (doc.errors.length) return undefined;
  const node = doc.root.entries.get(key);
  if (!node || node.type === 'table') return undefined;
  return plainValue(node);
}

/** The JSON form of a TOML value, or undefined when any part of it is not valid TOML. */
function plainValue(node: TomlNode): unknown {
  if (node.type === 'value') {
    const v = node.value;
    switch (v.kind) {
      case 'invalid':
        return undefined;
      case 'integer':
        // A JSON number; beyond 2^53 (`compact_force_times = 9223372036854775807`) it is the nearest double.
        return Number(v.value);
      case 'datetime':
        return v.raw;
      default:
        return v.value;
    }
  }
  if (node.type === 'array') {
    const items: unknown[] = [];
    for (const item of node.items) {
      const p = plainValue(item);
      if (p === undefined) return undefined;
      items.push(p);
    }
    return items;
  }
  const obj: Record<string, unknown> = {};
  for (const [k, child] of node.entries) {
    const p = plainValue(child);
    if (p === undefined) return undefined;
    obj[k] = p;
  }
  return obj;
}

function walkTable(table: TomlTable, prefix: string, out: Map<string, KeyState>): void {
  const name = prefix || '(root)';
  for (const [key, node] of table.entries) {
    const childPath = prefix ? `${prefix}.${tablePart(key)}` : tablePart(key);
    if (node.type === 'table' && node.origin !== 'inline') walkTable(node, childPath, out);
    else if (node.type === 'array' && node.ofTables) {
      node.items.forEach((item, n) => {
        if (item.type === 'table') walkTable(item, arrayElementPath(childPath, n), out);
      });
    } else {
      const value = plainValue(node);
      if (value !== undefined) out.set(`${name}\u0000${key}`, { value });
    }
  }
}


interface FileObservations {
  templates: Map<string, string>;
  /** release -> arches it is installed for */
  installed: Map<string, Set<string>>;
  /** release -> hypervisor table */
  hypervisor: Map<string, string>;
  /** `table\0key` -> `release\0arch` -> state key (JSON) */
  states: Map<string, Map<string, string>>;
}

const MISSING = '';
const ABSENT = '{"absent":true}';

/** The state objects by their JSON key, so runs can be built without parsing JSON back. */
const STATES = new Map<string, object>([['{"absent":true}', { absent: true }]]);

function stateKey(s: KeyState): string {
  const state = s.commented ? (s.value === undefined ? { commented: true } : { commented: true, value: s.value }) : { value: s.value };
  const key = JSON.stringify(state);
  if (!STATES.has(key)) STATES.set(key, state);
  return key;
}

/** Extracts the shipped facts of both runtimes from one source tree per release. */
export function extractShippedFacts(sources: ReleaseSource[], generatedBy: string): { go: ShippedFacts; rs: ShippedFacts } {
  const order = sortReleases(sources.map((s) => s.release));
  const byRelease = new Map(sources.map((s) => [s.release, s]));
  const result = {} as { go: ShippedFacts; rs: ShippedFacts };
  for (const runtime of ['go', 'rs'] as const) {
    const obs = new Map<string, FileObservations>();
    for (const release of order) {
      const reader = fsReader(byRelease.get(release)!.dir);
      for (const arch of KATA_ARCHES) {
        const res = installConfigs(runtime, arch, reader);
        if (!res.supported) continue;
        for (const f of res.files) {
          let o = obs.get(f.name);
          if (!o) obs.set(f.name, (o = { templates: new Map(), installed: new Map(), hypervisor: new Map(), states: new Map() }));
          o.templates.set(release, f.template);
          let archs = o.installed.get(release);
          if (!archs) o.installed.set(release, (archs = new Set()));
          archs.add(arch);
          const { states, hypervisors: tables } = analyzeConfig(f.text);
          if (tables.length !== 1) throw new Error(`${release}/${runtime}/${arch}/${f.name}: expected one [hypervisor.<name>] table, found ${tables.length}`);
          const prev = o.hypervisor.get(release);
          if (prev && prev !== tables[0]) throw new Error(`${release}/${runtime}/${f.name}: hypervisor table differs between arches (${prev}, ${tables[0]})`);
          o.hypervisor.set(release, tables[0]);
          for (const [id, state] of states) {
            let m = o.states.get(id);
            if (!m) o.states.set(id, (m = new Map()));
            m.set(`${release}\u0000${arch}`, stateKey(state));
          }
        }
      }
    }
    result[runtime] = buildFacts(runtime, obs, order, generatedBy);
  }
  return result;
}

function stem(name: string): string {
  return name.replace(/^configuration-/, '').replace(/\.toml$/, '').replace(/-runtime-rs$/, '');
}

function newestOf<T>(m: Map<string, T>, order: readonly string[]): T {
  for (let i = order.length - 1; i >= 0; i--) if (m.has(order[i])) return m.get(order[i])!;
  throw new Error('empty');
}

/** The plain file of each variant: same hypervisor table, its stem a dash-prefix of the variant's (shortest wins). */
function chooseBases(obs: Map<string, FileObservations>, order: readonly string[]): Map<string, string> {
  const bases = new Map<string, string>();
  const names = [...obs.keys()].sort();
  for (const name of names) {
    const table = newestOf(obs.get(name)!.hypervisor, order);
    let best: string | undefined;
    for (const other of names) {
      if (other === name || newestOf(obs.get(other)!.hypervisor, order) !== table) continue;
      if (!stem(name).startsWith(stem(other) + '-')) continue;
      if (!best || stem(other).length < stem(best).length) best = other;
    }
    if (best) bases.set(name, best);
  }
  return bases;
}

function buildFacts(runtime: KataRuntime, obs: Map<string, FileObservations>, order: readonly string[], generatedBy: string): ShippedFacts {
  const bases = chooseBases(obs, order);
  const files: ShippedFile[] = [];
  const values: ShippedValue[] = [];
  for (const name of [...obs.keys()].sort()) {
    const o = obs.get(name)!;
    const templates = new Set(o.templates.values());
    if (templates.size !== 1) throw new Error(`${runtime}/${name}: generated from more than one template: ${[...templates].join(', ')}`);
    const arches: Record<string, string> = {};
    for (const arch of KATA_ARCHES) {
      const members = order.filter((r) => o.installed.get(r)?.has(arch));
      if (members.length) arches[arch] = encodeRuns(members, order);
    }
    const hypervisor = groupRuns(o.hypervisor, order).map((g) => ({ releases: g.releases, table: g.value }));
    const base = bases.get(name);
    const file: ShippedFile = { name, template: [...templates][0], arches, base, hypervisor };
    files.push(reorder(file, ['name', 'template', 'arches', 'base', 'hypervisor']));

    // Every (release, arch) the file is installed for.
    const domain: [string, string][] = [];
    for (const r of order) for (const a of KATA_ARCHES) if (o.installed.get(r)?.has(a)) domain.push([r, a]);
    const b = base ? obs.get(base)! : undefined;
    const ids = new Set(o.states.keys());
    if (b) for (const id of b.states.keys()) ids.add(id);
    for (const id of [...ids].sort()) {
      const own = o.states.get(id);
      const state = (r: string, a: string): string => own?.get(`${r}\u0000${a}`) ?? MISSING;
      let at = state;
      if (b) {
        const baseState = (r: string, a: string): string => (b.installed.get(r)?.has(a) ? (b.states.get(id)?.get(`${r}\u0000${a}`) ?? MISSING) : MISSING);
        if (domain.every(([r, a]) => state(r, a) === baseState(r, a))) continue;
        at = (r, a) => {
          const s = state(r, a);
          return s === MISSING && baseState(r, a) !== MISSING ? ABSENT : s;
        };
      }
      const runs = encodeStateRuns(domain, at, order);
      if (!runs.length) continue;
      const [table, key] = id.split('\u0000');
      values.push({ file: name, table, key, runs });
    }
  }
  values.sort((x, y) => cmp(x.file, y.file) || cmp(x.table, y.table) || cmp(x.key, y.key));
  return { generatedBy, runtime, files, values };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function reorder<T extends object>(obj: T, keys: string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) if ((obj as Record<string, unknown>)[k] !== undefined) out[k] = (obj as Record<string, unknown>)[k];
  return out as T;
}

type Run = ShippedValue['runs'][number];

/**
 * Runs over (release, arch) states: a release whose arches agree gets an arch-less run, grouped with
 * the other such releases of the same state; a release whose arches disagree gets runs with
 * `arches`, grouped across releases with the same state and arch list. Missing states get no run.
 */
function encodeStateRuns(domain: [string, string][], at: (r: string, a: string) => string, order: readonly string[]): Run[] {
  const perRelease = new Map<string, [string, string][]>();
  for (const [r, a] of domain) {
    const list = perRelease.get(r) ?? [];
    list.push([a, at(r, a)]);
    perRelease.set(r, list);
  }
  const uniform = new Map<string, string[]>();
  const split = new Map<string, { state: string; arches: string[]; releases: string[] }>();
  const firstSeen = new Map<string, number>();
  for (const r of order) {
    const list = perRelease.get(r);
    if (!list) continue;
    if (list.every(([, s]) => s === list[0][1])) {
      const s = list[0][1];
      if (s === MISSING) continue;
      if (!uniform.has(s)) {
        uniform.set(s, []);
        firstSeen.set(`u${s}`, firstSeen.size);
      }
      uniform.get(s)!.push(r);
      continue;
    }
    const byState = new Map<string, string[]>();
    for (const [a, s] of list) {
      if (s === MISSING) continue;
      byState.set(s, [...(byState.get(s) ?? []), a]);
    }
    for (const [s, arches] of byState) {
      const k = `${s}\u0000${arches.join(',')}`;
      if (!split.has(k)) {
        split.set(k, { state: s, arches, releases: [] });
        firstSeen.set(`s${k}`, firstSeen.size);
      }
      split.get(k)!.releases.push(r);
    }
  }
  const runs: { rank: number; run: Run }[] = [];
  for (const [s, releases] of uniform) runs.push({ rank: firstSeen.get(`u${s}`)!, run: { releases: encodeRuns(releases, order), ...STATES.get(s)! } });
  for (const [k, g] of split) runs.push({ rank: firstSeen.get(`s${k}`)!, run: { releases: encodeRuns(g.releases, order), arches: g.arches, ...STATES.get(g.state)! } });
  return runs.sort((a, b) => a.rank - b.rank).map((r) => r.run);
}
