/**
 * One file, two judges: what kata-config says of a mutation (the LanguageService, as the editor and
 * the CLI run it) against what Kata's loader does with it (a `Verdict`). Three categories:
 * - refusal: our errors ⇔ Kata's load or start error, with the phase our message names
 *   ("refuses to load the file" ⇔ loadError, "fails when Kata starts the VM" ⇔ startError);
 * - ignored: our "Kata ignores it" warnings ⇔ the keys Kata's TOML decoding leaves undecoded
 *   (main file: the oracle's `undecoded`; drop-ins: the keys Kata logs as undecoded);
 * - effective: our "Kata uses X instead" ⇔ the value in Kata's effective configuration.
 */
import * as path from 'node:path';
import type { Host } from '../../server/src/host';
import { LanguageService } from '../../server/src/languageService';
import type { KataDiagnostic } from '../../server/src/kata/diagnostics';
import { KataSchema, type KeySpec } from '../../server/src/kata/schema';
import type { Arch, Release } from '../../server/src/kata/releases';
import { classifyTable } from '../../server/src/kata/schema';
import type { KeyPart, Span, TomlDocument, TomlTable } from '../../server/src/toml';
import { parseToml } from '../../server/src/toml';
import { fieldFor, type FieldMap } from './fields';
import type { Mutation } from './mutate';
import type { GuestProtection, Verdict } from './oracle';

export type Phase = 'load' | 'start' | 'none';
export type Category = 'refusal' | 'ignored' | 'effective';
export type Outcome = 'agree' | 'ours-only' | 'kata-only' | 'phase' | 'value';

/** Codes that say "Kata's decoding ignores this key" (kata-key-other-hypervisor is decoded, only unused). */
export const IGNORED_CODES = new Set(['kata-unknown-key', 'kata-ignored-key', 'kata-key-other-release', 'kata-key-other-runtime', 'kata-key-other-table', 'kata-ignored-table']);
/** Codes that say "Kata uses X instead", with X in the message. */
export const EFFECTIVE_CODES = new Set(['kata-value-adjusted', 'kata-forced-value', 'kata-int-wraps']);

/** The phase an error message of ours names. */
export function phaseOf(message: string): Exclude<Phase, 'none'> | undefined {
  if (/starts the VM|when it starts|sandbox fails|fails to start/i.test(message)) return 'start';
  if (/refuses|fails to load|loading fails|cannot load|fails to load on it/i.test(message)) return 'load';
  return undefined;
}

/** Kata's message with the parts that vary from file to file (paths, numbers) blanked, for grouping. */
export function normalizeKataMessage(m: string): string {
  return m
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\/usr\/share\/defaults\/kata-containers\/[^\s:"]+/g, '<config>')
    .replace(/(\/[\w.@+-]+)+\/?/g, '<path>')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 160);
}

// ---- what we say ------------------------------------------------------------------------------

export interface OurError {
  code: string;
  phase: Exclude<Phase, 'none'> | 'unnamed';
  key?: string;
  file: string;
  message: string;
}

export interface OurFinding {
  /** Errors (severity error), each with the phase its message names. */
  errors: OurError[];
  /** Keys we say Kata's decoding ignores, per file ('' = the main file, else the drop-in's name). */
  ignored: Map<string, Map<string, string>>;
  /** Values we say Kata uses instead of the written one: dotted key → { value, code }. */
  adjusted: Map<string, { value: string; code: string; message: string }>;
  /** Every diagnostic, for the report. */
  all: Array<KataDiagnostic & { file: string }>;
}

interface KeyLoc {
  path: string[];
  table: boolean;
  spans: Span[];
}

/** Every key and table of the data model, with the spans a diagnostic about it starts at. */
function locations(doc: TomlDocument): KeyLoc[] {
  const out: KeyLoc[] = [];
  const walk = (t: TomlTable, prefix: string[]) => {
    for (const [name, node] of t.entries) {
      const p = [...prefix, name];
      if (node.type === 'table') {
        out.push({ path: p, table: true, spans: [node.header?.key, node.keyRef, node.header?.key?.parts.at(-1)].filter(Boolean) as Span[] });
        walk(node, p);
      } else if (node.type === 'array' && node.ofTables) {
        for (const item of node.items) if (item.type === 'table') walk(item, p);
      } else {
        const spans: Span[] = [];
        if (node.keyRef) spans.push(node.keyRef as KeyPart);
        if (node.entry) spans.push(node.entry);
        out.push({ path: p, table: false, spans });
      }
    }
  };
  walk(doc.root, []);
  return out;
}

function within(s: Span, d: Span): boolean {
  return d.start >= s.start && d.start < Math.max(s.end, s.start + 1);
}

/** Leaf keys of the file, as dotted paths. */
export function leafKeys(doc: TomlDocument): Set<string> {
  return new Set(locations(doc).filter((l) => !l.table).map((l) => l.path.join('.')));
}

/** The written value of a dotted key, as TOML text and as a plain value. */
function writtenValue(doc: TomlDocument, dotted: string): { text: string; value: unknown } | undefined {
  let node: unknown = doc.root;
  for (const part of dotted.split('.')) {
    if (!node || (node as TomlTable).type !== 'table') return undefined;
    node = (node as TomlTable).entries.get(part);
  }
  const n = node as { type?: string; entry?: { value: { start: number; end: number } | null } } | undefined;
  if (!n || n.type === 'table' || !n.entry?.value) return undefined;
  const v = n.entry.value;
  const text = doc.text.slice(v.start, v.end);
  return { text, value: plainOf(v as never) };
}

export function plainOf(v: { kind: string; value?: unknown; items?: unknown[] }): unknown {
  if (v.kind === 'array') return (v.items ?? []).map((i) => plainOf(i as never));
  if (v.kind === 'integer') return (v.value as bigint).toString();
  return v.value;
}

const GO_DIRECTIVE = '# kata-config: runtime=go\n';

/** What kata-config reports on a mutation: its main file and each drop-in. */
export class OurSide {
  private readonly service: LanguageService;
  private n = 0;
  private files = new Map<string, string>();

  constructor(readonly release: Release, readonly arch: Arch) {
    const files = this.files;
    const host: Host = {
      exists: (p) => files.has(p) || [...files.keys()].some((f) => f.startsWith(`${p}/`)),
      readFile: (p) => files.get(p),
      realpath: (p) => (files.has(p) ? p : (files.get(`${p}\0link`) ?? p)),
      list: (dir) => {
        const names = new Map<string, boolean>();
        for (const f of files.keys()) if (f.startsWith(`${dir}/`) && !f.includes('\0')) {
          const rest = f.slice(dir.length + 1);
          names.set(rest.split('/')[0], rest.includes('/'));
        }
        return [...names].map(([name, directory]) => ({ name, directory }));
      },
    };
    this.service = new LanguageService(host);
    this.service.configure({ release, arch, hostChecks: false });
  }

  lint(m: Mutation): OurFinding {
    const dir = `/tmp/parity/${this.release}-${this.arch}/${this.n++}`;
    const main = `${dir}/${m.base.name}`;
    this.files.clear();
    this.files.set(main, m.text);
    // Kata finds config.d beside the resolved main file; kata-config reads a drop-in with the
    // configuration.toml beside config.d as its base, which installs make a link to the file in use.
    this.files.set(`${dir}/configuration.toml`, `${GO_DIRECTIVE}${m.text}`);
    this.files.set(`${dir}/configuration.toml\0link`, main);
    const finding: OurFinding = { errors: [], ignored: new Map(), adjusted: new Map(), all: [] };
    const lintOne = (file: string, text: string, label: string) => {
      const uri = `file://${file}`;
      const analysis = this.service.analyze({ uri, version: 1, getText: () => text });
      this.service.forget(uri);
      const locs = locations(analysis.doc);
      const keyOf = (d: KataDiagnostic): KeyLoc | undefined => locs.find((l) => l.spans.some((s) => s.start === d.span.start)) ?? locs.filter((l) => !l.table).find((l) => l.spans.some((s) => within(s, d.span)));
      const ignored = new Map<string, string>();
      finding.ignored.set(label, ignored);
      const tomlErrors = analysis.doc.errors;
      if (tomlErrors.length) finding.errors.push({ code: 'toml-syntax', phase: 'load', file: label, message: tomlErrors[0].message });
      for (const d of analysis.kata) {
        finding.all.push({ ...d, file: label });
        const loc = keyOf(d);
        const dotted = loc?.path.join('.');
        if (d.severity === 'error') finding.errors.push({ code: d.code, phase: phaseOf(d.message) ?? 'unnamed', key: dotted, file: label, message: d.message });
        if (IGNORED_CODES.has(d.code) && loc) {
          if (loc.table) for (const l of locs) if (!l.table && l.path.length > loc.path.length && l.path.slice(0, loc.path.length).join('.') === dotted) ignored.set(l.path.join('.'), d.code);
          if (!loc.table) ignored.set(dotted!, d.code);
        }
        if (EFFECTIVE_CODES.has(d.code) && loc && !loc.table && label === '') {
          const value = claimedValue(d, writtenValue(analysis.doc, dotted!)?.value);
          if (value !== undefined) finding.adjusted.set(dotted!, { value, code: d.code, message: d.message });
        }
      }
    };
    // The directive keeps the file a Go runtime file when a mutation adds runtime-rs-only keys
    // (kata-config would otherwise read it as a runtime-rs file, which Kata's Go loader never is).
    lintOne(main, `${GO_DIRECTIVE}${m.text}`, '');
    for (const d of m.dropIns ?? []) {
      const file = `${dir}/config.d/${d.name}`;
      this.files.set(file, d.text);
      lintOne(file, d.text, d.name);
    }
    return finding;
  }
}

/** The value a "Kata uses X instead" message names. */
export function claimedValue(d: KataDiagnostic, written: unknown): string | undefined {
  let m = /Kata uses (\S+?)(?: [A-Za-z/]+)? instead of/.exec(d.message);
  if (m) return m[1];
  m = /\(uses ([^)]+)\)/.exec(d.message);
  if (m) return m[1];
  m = /stores it as (\d+)/.exec(d.message);
  if (m) return m[1];
  if (/= (true|false) has no effect/.test(d.message)) return String(!(written === true || written === 'true'));
  return undefined;
}

// ---- what Kata does ---------------------------------------------------------------------------

export function kataPhase(v: Verdict): Phase {
  return v.loadError ? 'load' : v.startError ? 'start' : 'none';
}

/** The TEE the judge should fake for a file: the confidential guest's kind, when it is one. */
export function protectionFor(m: Mutation): GuestProtection {
  if (m.base.arch !== 'x86_64') return 'none';
  const texts = [m.text, ...(m.dropIns ?? []).map((d) => d.text)];
  // Case-insensitive, as Kata's decoding of the main file.
  const on = (key: string) => texts.some((t) => new RegExp(`^\\s*${key}\\s*=\\s*true`, 'mi').test(t));
  if (!on('confidential_guest')) return 'none';
  if (on('sev_snp_guest') || /-snp\.toml$/.test(m.base.name) || /clh-azure/.test(m.base.name)) return 'snp';
  if (/-sev\.toml$/.test(m.base.name)) return 'sev';
  return 'tdx';
}

// ---- the comparison ---------------------------------------------------------------------------

export interface Item {
  category: Category;
  outcome: Outcome;
  /** The mutated key, or the key the item is about. */
  key?: string;
  /** Our codes involved (errors for refusal, the warning for the others). */
  codes: string[];
  ours: string;
  kata: string;
  /** Kata's message, normalized, for grouping kata-only refusals. */
  kataGroup?: string;
  /** Set when a known difference explains it. */
  known?: string;
  /** Not comparable here (host-dependent values). */
  excluded?: string;
}

export interface FileResult {
  mutation: Mutation;
  verdict: Verdict;
  ours: OurFinding;
  items: Item[];
}

function short(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function describeOurs(errors: OurError[]): string {
  return errors.length ? errors.map((e) => `${e.code} [${e.phase}]${e.file ? ` (${e.file})` : ''}: ${short(e.message, 160)}`).join(' | ') : 'no error';
}

/** The phase we say Kata stops at: load wins over start (Kata never gets to start a file it refuses). */
function ourPhase(errors: OurError[]): Phase {
  if (!errors.length) return 'none';
  if (errors.some((e) => e.phase === 'load' || e.phase === 'unnamed')) return 'load';
  return 'start';
}

function compareRefusal(m: Mutation, ours: OurFinding, v: Verdict): Item {
  const o = ourPhase(ours.errors);
  const k = kataPhase(v);
  const kataText = v.loadError ? `loadError: ${short(v.loadError)}` : v.startError ? `startError: ${short(v.startError)}` : 'loads and starts';
  const outcome: Outcome = o === k ? 'agree' : o === 'none' ? 'kata-only' : k === 'none' ? 'ours-only' : 'phase';
  const codes = [...new Set(ours.errors.filter((e) => (o === 'load' ? e.phase !== 'start' : true)).map((e) => e.code))];
  return { category: 'refusal', outcome, key: m.key, codes, ours: `${o}: ${describeOurs(ours.errors)}`, kata: kataText, kataGroup: k === 'none' ? undefined : normalizeKataMessage(v.loadError ?? v.startError ?? '') };
}

function compareIgnored(m: Mutation, ours: OurFinding, v: Verdict): Item[] {
  const items: Item[] = [];
  // A file that does not decode has no list of undecoded keys (Kata stops at the first type error).
  const files: Array<{ label: string; text: string; kata: string[] | undefined }> = [{ label: '', text: m.text, kata: v.undecodedError ? undefined : v.undecoded }];
  for (const d of m.dropIns ?? []) {
    const found = Object.entries(v.dropInUndecoded).find(([p]) => path.basename(p) === d.name);
    // Kata reads the drop-ins only when the main file decodes; without a warning every key decoded.
    files.push({ label: d.name, text: d.text, kata: found ? found[1] : v.dropIns.some((p) => path.basename(p) === d.name) ? [] : undefined });
  }
  for (const f of files) {
    if (f.kata === undefined) continue;
    const doc = parseToml(f.text);
    if (doc.errors.length) continue; // not TOML: Kata decodes nothing
    const leaves = leafKeys(doc);
    const kata = new Set(f.kata.filter((k) => leaves.has(k)));
    const mine = ours.ignored.get(f.label) ?? new Map<string, string>();
    for (const key of new Set([...kata, ...mine.keys()])) {
      const inKata = kata.has(key);
      const code = mine.get(key);
      const where = f.label ? ` (${f.label})` : '';
      items.push({
        category: 'ignored',
        outcome: inKata && code ? 'agree' : code ? 'ours-only' : 'kata-only',
        key,
        codes: code ? [code] : [],
        ours: code ? `${code}${where}` : `decoded${where}`,
        kata: inKata ? `undecoded${where}` : `decoded${where}`,
      });
    }
  }
  return items;
}

/** A value Kata sets only in CreateVM, which the start checks never reached. */
const NOT_OBSERVED = Symbol('not observed');

/** Rewrites CreateVM makes on its copy of the configuration, seen only in what Kata logs. */
const START_LOGGED: Array<{ log: RegExp; field: string; value: unknown }> = [
  { log: /Nvdimm is not supported with confidential guest, disabling it/, field: 'HypervisorConfig.DisableImageNvdimm', value: true },
];

/** A value of Kata's effective configuration (HypervisorConfig after the start checks' rewrites). */
function effectiveAt(v: Verdict, field: string): unknown {
  if (!v.effective) return undefined;
  const logged = START_LOGGED.find((s) => s.field === field && v.warnings.some((w) => s.log.test(w)));
  if (logged) return logged.value;
  // Not logged: CreateVM was not reached, or failed (an error may come before the log line).
  if (START_LOGGED.some((s) => s.field === field) && (v.startError || !v.startChecks.some((c) => c.endsWith('.CreateVM')))) return NOT_OBSERVED;
  const [head, ...rest] = field.split('.');
  if (head === 'HypervisorConfig' && rest.length === 1 && v.startRewrites[rest[0]]) return v.startRewrites[rest[0]].to;
  let node: unknown = v.effective;
  for (const p of field.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[p];
  }
  return node;
}

/** Written and effective values as comparable text (integers exact, float32 rounded, lists as JSON). */
export function canon(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'string' && v.startsWith('/') && v.length > 1) return path.posix.normalize(v).replace(/\/+$/, '');
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Math.fround(v));
  if (typeof v === 'string' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v)) return Number.isInteger(Number(v)) && !v.includes('.') && !/e/i.test(v) ? BigInt(v).toString() : String(Math.fround(Number(v)));
  if (Array.isArray(v)) return JSON.stringify(v.map(canon));
  return String(v);
}

function specOf(schema: KataSchema, dotted: string): KeySpec | undefined {
  const parts = dotted.split('.');
  const ref = classifyTable(parts.slice(0, -1));
  if (!ref) return undefined;
  const l = schema.lookup(ref.kind, parts[parts.length - 1], ref.hypervisor);
  return l.status === 'valid' ? l.spec : undefined;
}

function keysOfMutation(m: Mutation, doc: TomlDocument): string[] {
  if (m.kind === 'value' && m.key) return [m.key];
  if (m.kind === 'pair') {
    const hv = [...leafKeys(doc)].find((k) => k.startsWith('hypervisor.'))?.split('.')[1];
    return m.what.split(', ').map((p) => p.split(' ')[0]).flatMap((k) => [`hypervisor.${hv}.${k}`, `runtime.${k}`, `factory.${k}`, `agent.kata.${k}`]);
  }
  return [];
}

function compareEffective(m: Mutation, ours: OurFinding, v: Verdict, fields: FieldMap | undefined, schema: KataSchema): Item[] {
  if (!v.loaded || !v.effective || !fields) return [];
  const doc = parseToml(m.text);
  if (doc.errors.length) return [];
  const leaves = leafKeys(doc);
  const keys = new Set([...keysOfMutation(m, doc).filter((k) => leaves.has(k)), ...ours.adjusted.keys()]);
  // Keys of the pristine file Kata rewrites are found through the pristine mutation itself.
  if (m.kind === 'pristine') for (const k of leaves) keys.add(k);
  const items: Item[] = [];
  const hv = [...leaves].find((k) => k.startsWith('hypervisor.'))?.split('.')[1];
  for (const key of keys) {
    const field = fieldFor(fields, m.base.release, key, hv);
    const claim = ours.adjusted.get(key);
    const written = writtenValue(doc, key);
    if (!field || !written) {
      if (claim) items.push({ category: 'effective', outcome: 'ours-only', key, codes: [claim.code], ours: `${claim.code}: uses ${claim.value}`, kata: `no effective field known for ${key}`, excluded: 'no field' });
      continue;
    }
    let eff = effectiveAt(v, field);
    if (eff === NOT_OBSERVED) {
      if (claim) items.push({ category: 'effective', outcome: 'agree', key, codes: [claim.code], ours: `uses ${claim.value}`, kata: `${field}: set in CreateVM, which validateHypervisorConfig stopped before`, excluded: 'not observed' });
      continue;
    }
    // Go's nil slice is an empty list. Network models: "default" is DefaultNetInterworkingModel
    // (tcfilter), and model 0, which GetModel calls "unknown" (an empty or absent key: initConfig's
    // default is overwritten), is turned into it when the network is set up (network_linux.go).
    if (eff === null && Array.isArray(written.value)) eff = [];
    if (field === 'InterNetworkModelName' && (eff === 'default' || eff === 'unknown')) eff = 'tcfilter';
    const effText = canon(eff);
    const writtenText = field === 'InterNetworkModelName' && written.value === 'default' ? 'tcfilter' : canon(written.value);
    const spec = specOf(schema, key);
    const rewritten = effText !== writtenText;
    if (eff === 'host-memory' || (rewritten && spec?.adjustments?.some((a) => a.when === 'host'))) {
      if (claim || rewritten) items.push({ category: 'effective', outcome: 'agree', key, codes: claim ? [claim.code] : [], ours: claim ? `uses ${claim.value}` : 'no claim', kata: `${field} = ${effText}`, excluded: 'host-dependent (the oracle host has 8 CPUs, and host RAM)' });
      continue;
    }
    if (!claim && !rewritten) {
      if (m.kind !== 'pristine') items.push({ category: 'effective', outcome: 'agree', key, codes: [], ours: `as written (${writtenText})`, kata: `${field} = ${effText}` });
      continue;
    }
    if (claim) {
      const same = canon(claim.value) === effText;
      items.push({ category: 'effective', outcome: same ? 'agree' : rewritten ? 'value' : 'ours-only', key, codes: [claim.code], ours: `${claim.code}: uses ${claim.value}`, kata: `${field} = ${effText} (written ${writtenText})` });
      continue;
    }
    // Kata rewrote it and we did not warn: documented zero/empty defaults count as agreement.
    const documented = spec?.adjustments?.find((a) => (a.when === 'zero' && Number(writtenText) === 0) || (a.when === 'empty' && writtenText === ''));
    const documentedUse = documented && 'use' in documented ? canon(documented.use) : undefined;
    const codeDefault = spec?.codeDefault !== undefined && (writtenText === '' || writtenText === '0') ? canon(spec.codeDefault) : undefined;
    if ((documentedUse !== undefined && documentedUse === effText) || (codeDefault !== undefined && codeDefault === effText)) {
      items.push({ category: 'effective', outcome: 'agree', key, codes: [], ours: `documented default (${documentedUse ?? codeDefault})`, kata: `${field} = ${effText}` });
      continue;
    }
    items.push({ category: 'effective', outcome: 'kata-only', key, codes: [], ours: `no warning (written ${writtenText})`, kata: `${field} = ${effText}` });
  }
  return items;
}

export function compareFile(m: Mutation, ours: OurFinding, v: Verdict, fields: FieldMap | undefined): FileResult {
  const schema = new KataSchema({ runtime: 'go', release: m.base.release, arch: m.base.arch });
  const items = [compareRefusal(m, ours, v), ...compareIgnored(m, ours, v), ...compareEffective(m, ours, v, fields, schema)];
  return { mutation: m, verdict: v, ours, items };
}
