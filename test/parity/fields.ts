/**
 * Which field of Kata's effective configuration each key sets (`default_memory` →
 * `HypervisorConfig.MemorySize`), measured, not written by hand: `calibrate` sets every key of a
 * release's plain file of each hypervisor to a distinctive valid value, asks the oracle, and keeps
 * the field that took that value (and no other did). `npm run parity -- --calibrate` writes the
 * result to test/parity/fields.json, which the comparison reads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Arch, Release } from '../../server/src/kata/releases';
import { classifyTable, KataSchema, typeIn, type KeySpec } from '../../server/src/kata/schema';
import { parseToml } from '../../server/src/toml';
import { repoRoot } from '../support/shared';
import { canon, plainOf } from './compare';
import { baseFiles, lit, type BaseFile, type Mutation } from './mutate';
import type { ParityOracle, Verdict } from './oracle';
import { judgeAll } from './run';

/** release → `<table kind>/<hypervisor or ''>/<key>` → dotted field path. */
export type FieldMap = Record<string, Record<string, string>>;

export const FIELDS_FILE = path.join(repoRoot, 'test', 'parity', 'fields.json');

export function loadFields(): FieldMap | undefined {
  try {
    return JSON.parse(fs.readFileSync(FIELDS_FILE, 'utf8')) as FieldMap;
  } catch {
    return undefined;
  }
}

export function fieldId(dotted: string, hv: string | undefined): string | undefined {
  const parts = dotted.split('.');
  const ref = classifyTable(parts.slice(0, -1));
  if (!ref) return undefined;
  return `${ref.kind}/${ref.kind === 'hypervisor' ? (ref.hypervisor ?? hv ?? '') : ''}/${parts[parts.length - 1]}`;
}

export function fieldFor(fields: FieldMap, release: string, dotted: string, hv: string | undefined): string | undefined {
  const id = fieldId(dotted, hv);
  return id ? fields[release]?.[id] : undefined;
}

/** A distinctive value Kata should take as written (valid, inside every clamp). */
function marker(spec: KeySpec, schema: KataSchema, hv: string | undefined, written: string | undefined): string | undefined {
  const t = typeIn(spec, schema.target.release);
  const allowed = schema.allowedValues(spec, hv).flatMap((a) => a.values);
  const other = allowed.find((a) => lit(a) !== written);
  if (other !== undefined) return lit(other);
  if (allowed.length) return undefined;
  const base = written !== undefined && /^-?\d+(\.\d+)?$/.test(written) ? Number(written) : typeof spec.codeDefault === 'number' ? spec.codeDefault : 0;
  switch (t) {
    case 'bool':
      return written === 'true' || (written === undefined && spec.codeDefault === true) ? 'false' : 'true';
    case 'string':
      return spec.format === 'path' ? lit(`/opt/parity/marker/${spec.key}`) : lit(`parity-marker-${spec.key}`);
    case 'string[]':
      return spec.format === 'paths' || spec.format === 'globs' ? lit([`/opt/parity/marker/${spec.key}`]) : lit([`parity-marker-${spec.key}`]);
    case 'u32[]':
      return '[3]';
    case 'f32':
      return String(base + 1);
    default: {
      let n = spec.unit === 'MiB' && base === 0 ? 4097 : base + 1;
      for (const a of spec.adjustments ?? []) {
        if (a.when === 'below' && n < a.limit) n = a.limit + 1;
        if (a.when === 'above' && n > a.limit) n = a.limit - 1;
        if (a.when === 'wraps') n %= 2 ** a.bits;
      }
      return String(n);
    }
  }
}

function flatten(v: unknown, prefix: string, out: Map<string, string>): void {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, canon(v));
}

function effectiveFields(v: Verdict): Map<string, string> {
  const out = new Map<string, string>();
  flatten(v.effective, '', out);
  for (const [f, r] of Object.entries(v.startRewrites)) out.set(`HypervisorConfig.${f}`, canon(r.to));
  return out;
}

const PREFERRED: Record<string, string> = { hypervisor: 'HypervisorConfig.', agent: 'AgentConfig.', factory: 'FactoryConfig.' };

/** The plain file of each hypervisor (configuration-<name>.toml), else the first file with that table. */
function calibrationBases(release: Release, arch: Arch): BaseFile[] {
  const byHv = new Map<string, BaseFile>();
  for (const b of baseFiles(release, arch)) {
    const h = parseToml(b.text).tree.tables.find((t) => t.key?.parts[0].name === 'hypervisor')?.key?.parts[1]?.name;
    if (!h) continue;
    const plain = /^configuration-[a-z]+\.toml$/.test(b.name);
    if (!byHv.has(h) || plain) if (!byHv.has(h) || !/^configuration-[a-z]+\.toml$/.test(byHv.get(h)!.name)) byHv.set(h, b);
  }
  return [...byHv.values()];
}

export async function calibrate(oracle: ParityOracle, release: Release, arch: Arch, log: (s: string) => void = () => {}): Promise<Record<string, string>> {
  const schema = new KataSchema({ runtime: 'go', release, arch });
  const mutations: Mutation[] = [];
  const meta: Array<{ id: string; marker: string; kind: string } | undefined> = [];
  for (const base of calibrationBases(release, arch)) {
    const doc = parseToml(base.text);
    mutations.push({ id: `${base.name}#pristine`, base, kind: 'pristine', what: 'pristine', text: base.text });
    meta.push(undefined);
    for (const h of doc.tree.tables) {
      if (h.kind !== 'table' || !h.key) continue;
      const p = h.key.parts.map((k) => k.name);
      const ref = classifyTable(p);
      if (!ref) continue;
      const hv = ref.hypervisor;
      for (const spec of schema.keys(ref.kind, hv)) {
        const entry = h.entries.find((e) => e.key.parts.length === 1 && e.key.parts[0].name === spec.key);
        const written = entry?.value ? base.text.slice(entry.value.start, entry.value.end) : undefined;
        const m = marker(spec, schema, hv, written);
        if (m === undefined) continue;
        let text: string;
        if (entry?.value) text = base.text.slice(0, entry.value.start) + m + base.text.slice(entry.value.end);
        else {
          const at = base.text.indexOf('\n', h.end) + 1;
          text = `${base.text.slice(0, at)}${spec.key} = ${m}\n${base.text.slice(at)}`;
        }
        mutations.push({ id: `${base.name}#${p.join('.')}.${spec.key}`, base, kind: 'value', key: `${p.join('.')}.${spec.key}`, what: `${spec.key} = ${m}`, text });
        meta.push({ id: `${ref.kind}/${ref.kind === 'hypervisor' ? hv : ''}/${spec.key}`, marker: m, kind: ref.kind });
      }
    }
  }
  log(`calibrating ${release} ${arch}: ${mutations.length} files`);
  const verdicts = await judgeAll(oracle, mutations, release, arch);
  const out: Record<string, string> = {};
  let pristine: Map<string, string> | undefined;
  mutations.forEach((m, i) => {
    const v = verdicts[i];
    if (m.kind === 'pristine') {
      pristine = v.effective ? effectiveFields(v) : undefined;
      return;
    }
    const info = meta[i];
    if (!info || !pristine || !v.effective) return;
    const want = canon(plainMarker(info.marker));
    const now = effectiveFields(v);
    const hits = [...now].filter(([f, val]) => val === want && pristine!.get(f) !== want).map(([f]) => f);
    if (!hits.length) return;
    const pref = PREFERRED[info.kind];
    hits.sort((a, b) => Number(pref ? !b.startsWith(pref) : 0) - Number(pref ? !a.startsWith(pref) : 0) || a.length - b.length);
    if (!out[info.id]) out[info.id] = hits[0];
  });
  return out;
}

/** A marker's plain value, as the comparison canonicalizes written values. */
function plainMarker(text: string): unknown {
  const v = parseToml(`x = ${text}`).tree.rootEntries[0]?.value;
  return v ? plainOf(v) : undefined;
}
