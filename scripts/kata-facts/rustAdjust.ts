/**
 * `facts/rs-adjustments.json`: reads runtime-rs's adjust functions (kata-types `config/`) of one
 * release and turns the statements of the shape "if <field> is empty / 0 / above a limit, set it to
 * <constant or literal>" into adjustments keyed by TOML table and key; everything else they do is
 * listed as unparsed, so that nothing goes unnoticed.
 *
 * The walk follows Kata's own order: the three `ConfigOps::adjust_config` calls of `TomlConfig`
 * (Hypervisor, Runtime, Agent), inside Hypervisor's the loop over the hypervisor tables that calls
 * the table's plugin (`impl ConfigPlugin`) and then the adjust function of each flattened struct
 * (`hv.blockdev_info.adjust_config()`), and the methods those call on `self`. Rust field paths are
 * mapped to TOML keys through the serde structs (rustDecoder.ts: flatten, rename, sub-tables);
 * constants are resolved from the compiled modules, per target arch where a `#[cfg]` splits them.
 *
 * What makes a condition "simple": one test of a field of the same table against a literal, a
 * constant or a host quantity (`num_cpus::get()`, `host_memory_mib()`), joined by all-`&&` or
 * all-`||`; an if/else chain, an early `return Ok(())` and a `match` on a field become conditions on
 * the later statements. Anything else (loops, values computed at run time, comparisons of two
 * fields, calls the walk does not follow) is reported.
 */
import type { RsAbsentFact, RsAdjustmentFact, RsAdjustmentFacts, RsCondition, RsConditionOp, RsHostQuantity, RsPluginFact, RsSetValue, RsUnparsedFact } from '../../server/src/kata/facts/types';
import { conditionHolds, type RsCell } from '../../server/src/kata/effective/rsConditions';
import { ALL_ARCHES, evalCfg, expandCfgAttr } from './rustCfg';
import { parseType, RENAME_ALL, RsReader, serdeMetas, deserializeName, type TypeAst } from './rustDecoder';
import { loadRsModules, type RsModuleSet, type RsStructDef } from './rustModules';
import { matchBrackets, tokText, type Attr, type RsField, type RsFn, type Tok } from './rustSyntax';
import { encodeRuns, groupRuns, sortReleases } from './runs';
import { ExtractError } from './snapshot';

/** rustc's `target_arch` → Kata's arch name. */
const KATA_ARCH: Record<string, string> = { x86_64: 'x86_64', aarch64: 'aarch64', powerpc64: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
const kataArches = (arches: readonly string[]) => arches.map((a) => KATA_ARCH[a]);

/** Macros that only log: they change nothing. */
const LOG_MACROS = new Set(['info', 'warn', 'debug', 'trace', 'error']);
/** Calls whose value is a host quantity. */
const HOST_CALLS: Record<string, RsHostQuantity> = { 'num_cpus::get': 'cpus', host_memory_mib: 'memory' };

type Scalar = string | number | boolean;
/** One value, for one arch. */
type Val = { kind: 'lit'; value: Scalar } | { kind: 'none' } | { kind: 'host'; host: RsHostQuantity } | { kind: 'unresolved'; name: string };
/** A value per rustc arch name (only the arches the code runs on). */
type ArchVal = Map<string, Val>;

type Binding =
  | { kind: 'struct'; def: RsStructDef; table: string }
  | { kind: 'map'; def: RsStructDef; table: string }
  | { kind: 'host'; host: RsHostQuantity }
  | { kind: 'param'; value: boolean | undefined }
  | { kind: 'plugin' }
  | { kind: 'local' };

/** A key reached through a Rust field path. */
interface KeyPlace {
  kind: 'key';
  table: string;
  key: string;
  /** `Struct.field`. */
  field: string;
  def: RsStructDef;
  f: RsField;
  type: TypeAst;
  optional: boolean;
}
type Place = KeyPlace | { kind: 'struct' | 'map'; def: RsStructDef; table: string } | { kind: 'other'; path: string };

/** A condition while walking: always on an explicit table and key. */
interface Cond {
  table: string;
  key: string;
  op: RsConditionOp;
  value?: Scalar;
  values?: Scalar[];
  host?: RsHostQuantity;
  const?: string;
}

interface Entry {
  table: string;
  key: string;
  stage: string;
  when: Cond | undefined;
  if: Cond[];
  unless: Cond[];
  use: ArchVal;
  useConst?: string;
  arches: string[];
  whenTable?: string;
  field: string;
  file: string;
  place: KeyPlace;
  /** Which branch of the statement being checked produced it (see checkStatement). */
  branch?: number;
}

interface Unparsed {
  stage: string;
  construct: string;
  keys: string[];
  arches: string[];
  file: string;
  line: number;
}

interface Ctx {
  env: Map<string, Binding>;
  stage: string;
  file: string;
  all: Cond[];
  unless: Cond[];
  arches: string[];
  /** The plugin being walked: its entries outside `hypervisor.<plugin>` need that table. */
  plugin?: string;
}

interface Stmt {
  attrs: Attr[];
  toks: Tok[];
  line: number;
}

const isP = (t: Tok | undefined, text: string) => t !== undefined && t.kind === 'punct' && t.text === text;
const isI = (t: Tok | undefined, text?: string) => t !== undefined && t.kind === 'ident' && (text === undefined || t.text === text);
const join = (table: string, name: string) => (table === '(root)' ? name : `${table}.${name}`);

/** Calls f with the index of every token at bracket depth 0 that is no bracket; stops when f returns true. */
function topLevel(t: Tok[], f: (i: number) => boolean | void): void {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const x = t[i];
    if (x.kind === 'punct' && '([{'.includes(x.text)) depth++;
    else if (x.kind === 'punct' && ')]}'.includes(x.text)) depth--;
    else if (depth === 0 && f(i)) return;
  }
}

/** Splits at a two-character operator (`&&`, `||`) at bracket depth 0; one part when it does not occur. */
function splitOp(toks: Tok[], a: string, b: string): Tok[][] {
  const cuts: number[] = [];
  topLevel(toks, (i) => {
    if (isP(toks[i], a) && isP(toks[i + 1], b) && cuts[cuts.length - 1] !== i - 1) cuts.push(i);
  });
  const out: Tok[][] = [];
  let from = 0;
  for (const c of cuts) {
    out.push(toks.slice(from, c));
    from = c + 2;
  }
  out.push(toks.slice(from));
  return out;
}

/** Splits at commas at bracket depth 0 (angle brackets counted, `->` not). */
function splitCommas(toks: Tok[]): Tok[][] {
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  let depth = 0;
  toks.forEach((x, i) => {
    if (x.kind === 'punct' && '([{<'.includes(x.text)) depth++;
    else if (x.kind === 'punct' && ')]}>'.includes(x.text) && !(x.text === '>' && isP(toks[i - 1], '-'))) depth--;
    if (depth === 0 && isP(x, ',')) {
      out.push(cur);
      cur = [];
    } else cur.push(x);
  });
  if (cur.length) out.push(cur);
  return out;
}

/** The index after the bracket group opening at i, or i + 1. */
function after(i: number, m: Map<number, number>): number {
  return m.has(i) ? m.get(i)! + 1 : i + 1;
}

/** Reads `#[...]` statement attributes from i. */
function stmtAttrs(toks: Tok[], i: number, m: Map<number, number>): { attrs: Attr[]; next: number } {
  const attrs: Attr[] = [];
  while (isP(toks[i], '#') && isP(toks[i + 1], '[')) {
    const c = m.get(i + 1)!;
    const inner = toks.slice(i + 2, c);
    let p = 0;
    const path: string[] = [];
    while (p < inner.length && (inner[p].kind === 'ident' || isP(inner[p], ':'))) {
      if (inner[p].kind === 'ident') path.push(inner[p].text);
      p++;
    }
    attrs.push({ path: path.join('::'), args: inner.slice(p), line: toks[i].line });
    i = c + 1;
  }
  return { attrs, next: i };
}

const BLOCK_STARTS = new Set(['if', 'match', 'for', 'while', 'loop', 'unsafe']);

/** Splits a block's tokens into statements: up to `;` at depth 0, or through the braces of an if/else chain, match or loop. */
export function splitStatements(toks: Tok[]): Stmt[] {
  const m = matchBrackets(toks, 'statement');
  const out: Stmt[] = [];
  let i = 0;
  while (i < toks.length) {
    const a = stmtAttrs(toks, i, m);
    i = a.next;
    if (i >= toks.length) break;
    const start = i;
    let j = i;
    if ((toks[i].kind === 'ident' && BLOCK_STARTS.has(toks[i].text)) || isP(toks[i], '{')) {
      for (;;) {
        while (j < toks.length && !isP(toks[j], '{')) j = after(j, m);
        j = after(j, m);
        if (isI(toks[start], 'if') && isI(toks[j], 'else')) {
          j++;
          if (isI(toks[j], 'if')) continue;
          j = after(j, m);
        }
        break;
      }
      // A block-like expression that goes on (`match x { .. }.unwrap();`) is one statement up to its `;`.
      if (j < toks.length && !isP(toks[j], ';') && (isP(toks[j], '.') || isP(toks[j], '?'))) while (j < toks.length && !isP(toks[j], ';')) j = after(j, m);
      out.push({ attrs: a.attrs, toks: toks.slice(start, j), line: toks[start].line });
      i = isP(toks[j], ';') ? j + 1 : j;
      continue;
    }
    while (j < toks.length && !isP(toks[j], ';')) j = after(j, m);
    out.push({ attrs: a.attrs, toks: toks.slice(start, j), line: toks[start].line });
    i = j + 1;
  }
  return out;
}

/** The lowest-precedence binary `+ - * /` at bracket depth 0 (the rightmost of its level, for left associativity). */
function binaryAt(t: Tok[]): { at: number; op: string } | undefined {
  let add: number | undefined;
  let mul: number | undefined;
  topLevel(t, (i) => {
    const x = t[i];
    if (x.kind !== 'punct' || i === 0 || (t[i - 1].kind === 'punct' && '+-*/(,='.includes(t[i - 1].text))) return;
    if (x.text === '+' || x.text === '-') add = i;
    else if ((x.text === '*' || x.text === '/') && !isP(t[i + 1], '=')) mul = i;
  });
  const at = add ?? mul;
  return at === undefined ? undefined : { at, op: t[at].text };
}

function parseNumber(text: string): number | undefined {
  const clean = text.replace(/_/g, '').replace(/(u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64)$/, '');
  if (/^0x[0-9a-f]+$/i.test(clean)) return parseInt(clean.slice(2), 16);
  if (/^0o[0-7]+$/i.test(clean)) return parseInt(clean.slice(2), 8);
  if (/^0b[01]+$/i.test(clean)) return parseInt(clean.slice(2), 2);
  if (/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(clean)) return Number(clean);
  return undefined;
}

const INT_TYPES = new Set(['u8', 'u16', 'u32', 'u64', 'usize', 'i8', 'i16', 'i32', 'i64', 'isize']);
const sameVal = (a: Val, b: Val) => JSON.stringify(a) === JSON.stringify(b);

/** The per-release reader. */
class AdjustReader {
  readonly entries: Entry[] = [];
  readonly unparsed: Unparsed[] = [];
  readonly plugins: { name: string; stage: string; file: string }[] = [];
  private readonly reader: RsReader;
  private readonly root: RsStructDef;
  private pluginsWalked = false;

  constructor(private readonly mods: RsModuleSet) {
    this.reader = new RsReader(mods);
    const root = this.reader.struct('TomlConfig', 'src/libs/kata-types/src/config/mod.rs');
    if (!root) throw new ExtractError('no #[derive(Deserialize)] struct TomlConfig in kata-types config');
    this.root = root;
  }

  // ---- constants and values ----

  /** A constant's value on one arch, by name (a `default::` path prefers config/default.rs, else the same file). */
  private constant(path: string[], fromFile: string, arch: string, depth: number): Val {
    const name = path[path.length - 1];
    if (depth > 10) throw new ExtractError(`${fromFile}: constant ${name} refers to itself`);
    let cands = (this.mods.consts.get(name) ?? []).filter((c) => c.cfg.arches.includes(arch));
    if (cands.length > 1 && path.includes('default')) cands = cands.filter((c) => c.file.endsWith('/default.rs'));
    if (cands.length > 1) {
      const same = cands.filter((c) => c.file === fromFile);
      if (same.length) cands = same;
    }
    if (cands.length === 0) return { kind: 'unresolved', name };
    if (cands.length > 1) throw new ExtractError(`${fromFile}: constant ${name} is defined more than once for ${arch} (${cands.map((c) => c.file).join(', ')})`);
    const v = this.value(cands[0].value, cands[0].file, arch, new Map(), depth + 1);
    return v ?? { kind: 'unresolved', name };
  }

  /** A value expression: a literal, a constant, `Some(..)`/`None`, with `.to_string()`-like conversions and `as` casts; undefined for anything else. */
  private value(toks: Tok[], file: string, arch: string, env: Map<string, Binding>, depth = 0): Val | undefined {
    let t = toks;
    // trailing conversions and casts
    for (;;) {
      const n = t.length;
      if (n >= 4 && isP(t[n - 4], '.') && t[n - 3].kind === 'ident' && ['to_string', 'to_owned', 'into', 'clone'].includes(t[n - 3].text) && isP(t[n - 2], '(') && isP(t[n - 1], ')')) {
        t = t.slice(0, n - 4);
        continue;
      }
      if (n >= 3 && isI(t[n - 2], 'as') && isI(t[n - 1])) {
        const inner = this.value(t.slice(0, n - 2), file, arch, env, depth);
        if (inner?.kind === 'lit' && typeof inner.value === 'number' && INT_TYPES.has(t[n - 1].text)) return { kind: 'lit', value: Math.trunc(inner.value) };
        return inner;
      }
      break;
    }
    if (t.length === 0) return undefined;
    if (isP(t[0], '(') && isP(t[t.length - 1], ')')) {
      const m = matchBrackets(t, file);
      if (m.get(0) === t.length - 1) return this.value(t.slice(1, -1), file, arch, env, depth);
    }
    const bin = binaryAt(t);
    if (bin) {
      const l = this.value(t.slice(0, bin.at), file, arch, env, depth);
      const r = this.value(t.slice(bin.at + 1), file, arch, env, depth);
      if (l?.kind !== 'lit' || r?.kind !== 'lit' || typeof l.value !== 'number' || typeof r.value !== 'number') return l?.kind === 'unresolved' ? l : r?.kind === 'unresolved' ? r : undefined;
      const x = l.value;
      const y = r.value;
      const v = bin.op === '+' ? x + y : bin.op === '-' ? x - y : bin.op === '*' ? x * y : y === 0 ? undefined : Number.isInteger(x) && Number.isInteger(y) ? Math.trunc(x / y) : x / y;
      return v === undefined ? undefined : { kind: 'lit', value: v };
    }
    if ((isP(t[0], '*') || isP(t[0], '&')) && t.length > 1) return this.value(t.slice(1), file, arch, env, depth);
    // the host's RAM in MiB, as kata-types computes it (sysinfo's total memory, converted to MiB)
    if (/^Byte::from_u64\(\w+\.total_memory\(\)\)\.get_adjusted_unit\(Unit::MiB\)\.get_value\(\)$/.test(tokText(t))) return { kind: 'host', host: 'memory' };
    if (t.length === 1) {
      const x = t[0];
      if (x.kind === 'str') return { kind: 'lit', value: x.text };
      if (x.kind === 'num') {
        const n = parseNumber(x.text);
        return n === undefined ? undefined : { kind: 'lit', value: n };
      }
      if (isI(x, 'true') || isI(x, 'false')) return { kind: 'lit', value: x.text === 'true' };
      if (isI(x, 'None')) return { kind: 'none' };
    }
    if (isP(t[0], '-') && t.length === 2 && t[1].kind === 'num') {
      const n = parseNumber(t[1].text);
      return n === undefined ? undefined : { kind: 'lit', value: -n };
    }
    if (isI(t[0], 'String') && isP(t[1], ':') && isP(t[2], ':') && isI(t[3], 'new') && isP(t[4], '(') && isP(t[5], ')') && t.length === 6) return { kind: 'lit', value: '' };
    const call = (name: string) => isI(t[0], name) && isP(t[1], '(') && isP(t[t.length - 1], ')') && matchBrackets(t, file).get(1) === t.length - 1;
    if (call('Some')) return this.value(t.slice(2, -1), file, arch, env, depth);
    if (isI(t[0], 'String') && isP(t[1], ':') && isP(t[2], ':') && isI(t[3], 'from') && isP(t[4], '(') && isP(t[t.length - 1], ')')) return this.value(t.slice(5, -1), file, arch, env, depth);
    // a path a::b::NAME
    const path: string[] = [];
    let i = 0;
    while (i < t.length && t[i].kind === 'ident') {
      path.push(t[i].text);
      if (isP(t[i + 1], ':') && isP(t[i + 2], ':')) i += 3;
      else {
        i++;
        break;
      }
    }
    if (i !== t.length || path.length === 0) return undefined;
    if (path.length === 1) {
      const b = env.get(path[0]);
      if (b?.kind === 'host') return { kind: 'host', host: b.host };
      if (b) return undefined;
    }
    const last = path[path.length - 1];
    if (!/^[A-Z][A-Z0-9_]*$/.test(last)) return undefined;
    return this.constant(path, file, arch, depth);
  }

  /** A value on every arch of `arches`; undefined when it is no value on one of them. */
  private archValue(toks: Tok[], file: string, arches: string[], env: Map<string, Binding>): ArchVal | undefined {
    const out: ArchVal = new Map();
    for (const arch of arches) {
      const v = this.value(toks, file, arch, env);
      if (!v) return undefined;
      out.set(arch, v);
    }
    return out;
  }

  /** The constant an expression names (`default::DEFAULT_X.to_string()` → DEFAULT_X), for the facts. */
  private constName(toks: Tok[]): string | undefined {
    const names = toks.filter((t) => t.kind === 'ident' && /^[A-Z][A-Z0-9_]*$/.test(t.text));
    return names.length === 1 ? names[0].text : undefined;
  }

  // ---- places ----

  private fieldOf(def: RsStructDef, name: string): RsField | undefined {
    return def.fields?.find((f) => f.name === name && evalCfg(expandCfgAttr(f.attrs, def.file), `${def.file}:${f.line}`).arches.length > 0);
  }

  /** One step of a Rust field path through the serde structs. */
  private step(def: RsStructDef, table: string, name: string): Place | undefined {
    const f = this.fieldOf(def, name);
    if (!f) return undefined;
    const where = `${def.file}:${f.line} ${def.name}.${f.name}`;
    const metas = serdeMetas(expandCfgAttr(f.attrs, def.file));
    if (metas.some((m) => m.name === 'skip' || m.name === 'skip_deserializing')) return { kind: 'other', path: `${def.name}.${f.name} (not read from TOML)` };
    const type = parseType(f.type, where);
    if (metas.some((m) => m.name === 'flatten')) {
      const inner = type.name === 'Option' && type.args.length === 1 ? type.args[0] : type;
      const sub = this.reader.struct(inner.name, def.file);
      if (!sub) throw new ExtractError(`${where}: flattened type '${type.text}' is not a Deserialize struct`);
      return { kind: 'struct', def: sub, table };
    }
    const renameAllMeta = serdeMetas(def.attrs).find((m) => m.name === 'rename_all');
    const renameAll = renameAllMeta ? RENAME_ALL[deserializeName(renameAllMeta) ?? ''] : undefined;
    const renameMeta = metas.find((m) => m.name === 'rename');
    const key = (renameMeta && deserializeName(renameMeta)) ?? (renameAll ? renameAll(f.name) : f.name);
    const mapped = this.reader.mapType(type, def.file, where);
    if (mapped.child?.suffix === '') return { kind: 'struct', def: mapped.child.def, table: join(table, key) };
    if (mapped.child?.suffix === '.<name>') return { kind: 'map', def: mapped.child.def, table: join(table, key) };
    if (mapped.child) return { kind: 'other', path: join(table, key) };
    return { kind: 'key', table, key, field: `${def.name}.${f.name}`, def, f, type, optional: mapped.optional };
  }

  /** A place `a.b.c` (identifiers and dots only) from a binding. */
  private place(toks: Tok[], env: Map<string, Binding>): Place | undefined {
    if (toks.length === 0 || toks[0].kind !== 'ident') return undefined;
    for (let i = 1; i < toks.length; i++) if (i % 2 === 1 ? !isP(toks[i], '.') : toks[i].kind !== 'ident') return undefined;
    if (toks.length % 2 === 0) return undefined;
    const b = env.get(toks[0].text);
    if (!b || (b.kind !== 'struct' && b.kind !== 'map')) return undefined;
    let cur: Place = { kind: b.kind, def: b.def, table: b.table };
    for (let i = 2; i < toks.length; i += 2) {
      if (cur.kind !== 'struct') return undefined;
      const next = this.step(cur.def, cur.table, toks[i].text);
      if (!next) return undefined;
      cur = next;
    }
    return cur;
  }

  /** The TOML keys (dotted) of the places named anywhere in a statement, for unparsed entries. */
  private keysIn(toks: Tok[], env: Map<string, Binding>): string[] {
    const out = new Set<string>();
    for (let i = 0; i < toks.length; i++) {
      if (toks[i].kind !== 'ident' || isP(toks[i - 1], '.')) continue;
      const b = env.get(toks[i].text);
      if (!b || (b.kind !== 'struct' && b.kind !== 'map')) continue;
      let j = i + 1;
      while (isP(toks[j], '.') && toks[j + 1]?.kind === 'ident' && !isP(toks[j + 2], '(')) j += 2;
      let best: Place | undefined;
      for (let k = j; k > i; k -= 2) {
        best = this.place(toks.slice(i, k), env);
        if (best) break;
      }
      if (best?.kind === 'key') out.add(`${best.table}.${best.key}`);
      else if (best?.kind === 'other') out.add(best.path);
      else if (best && j > i + 1) out.add(best.table);
    }
    return [...out].sort();
  }

  // ---- conditions ----

  /** One test; undefined when it is not a simple one (`param` for a test of a bool parameter). */
  private atom(toks: Tok[], ctx: Ctx): { cond: Cond } | { param: boolean } | undefined {
    let t = toks;
    let negate = false;
    while (isP(t[0], '!') && !isP(t[1], '=')) {
      negate = !negate;
      t = t.slice(1);
    }
    if (isP(t[0], '(') && isP(t[t.length - 1], ')') && matchBrackets(t, ctx.file).get(0) === t.length - 1) return negate ? undefined : this.atom(t.slice(1, -1), ctx);
    // find a comparison at depth 0
    let op: RsConditionOp | undefined;
    let at = -1;
    let width = 0;
    topLevel(t, (i) => {
      const x = t[i];
      if (x.kind !== 'punct') return false;
      const nx = t[i + 1];
      if (x.text === '=' && isP(nx, '=')) [op, width] = ['eq', 2];
      else if (x.text === '!' && isP(nx, '=')) [op, width] = ['ne', 2];
      else if (x.text === '>' && isP(nx, '=')) [op, width] = ['ge', 2];
      else if (x.text === '<' && isP(nx, '=')) [op, width] = ['le', 2];
      else if (x.text === '>' && !isP(t[i - 1], '-')) [op, width] = ['gt', 1];
      else if (x.text === '<') [op, width] = ['lt', 1];
      else return false;
      at = i;
      return true;
    });
    if (!op) {
      // `x.is_empty()`, a bool field, a bool parameter
      const n = t.length;
      if (n >= 4 && isP(t[n - 4], '.') && isI(t[n - 3], 'is_empty') && isP(t[n - 2], '(') && isP(t[n - 1], ')')) {
        const p = this.place(t.slice(0, n - 4), ctx.env);
        return p?.kind === 'key' ? { cond: { table: p.table, key: p.key, op: negate ? 'nonempty' : 'empty' } } : undefined;
      }
      if (n === 1) {
        const b = ctx.env.get(t[0].text);
        if (b?.kind === 'param') return b.value === undefined ? undefined : { param: negate ? !b.value : b.value };
      }
      const p = this.place(t, ctx.env);
      if (p?.kind === 'key' && p.type.name === 'bool') return { cond: { table: p.table, key: p.key, op: 'eq', value: !negate } };
      return undefined;
    }
    if (negate) return undefined;
    let left = t.slice(0, at);
    const right = t.slice(at + width);
    // the field side: strip `u64::from(..)`, `as <type>` (a float read as an integer is not simple), `.as_deref()`
    let deref = false;
    if (isI(left[0]) && isP(left[1], ':') && isP(left[2], ':') && isI(left[3], 'from') && isP(left[4], '(') && isP(left[left.length - 1], ')')) left = left.slice(5, -1);
    let cast: string | undefined;
    if (left.length >= 3 && isI(left[left.length - 2], 'as')) {
      cast = left[left.length - 1].text;
      left = left.slice(0, -2);
    }
    const n = left.length;
    if (n >= 4 && isP(left[n - 4], '.') && isI(left[n - 3], 'as_deref') && isP(left[n - 2], '(') && isP(left[n - 1], ')')) {
      deref = true;
      left = left.slice(0, n - 4);
    }
    const p = this.place(left, ctx.env);
    if (p?.kind !== 'key') return undefined;
    if (cast && INT_TYPES.has(cast) && (p.type.name === 'f32' || p.type.name === 'f64')) return undefined;
    if (deref !== p.optional) return undefined;
    let rhs = right;
    if (deref) {
      if (isI(rhs[0], 'None') && rhs.length === 1) return op === 'eq' ? { cond: { table: p.table, key: p.key, op: 'none' } } : undefined;
      if (!(isI(rhs[0], 'Some') && isP(rhs[1], '(') && isP(rhs[rhs.length - 1], ')'))) return undefined;
      rhs = rhs.slice(2, -1);
    }
    const v = this.archValue(rhs, ctx.file, ctx.arches, ctx.env);
    if (!v) return undefined;
    const vals = [...v.values()];
    if (!vals.every((x) => sameVal(x, vals[0]))) return undefined;
    const val = vals[0];
    if (val.kind === 'host') return op === 'gt' || op === 'ge' || op === 'lt' || op === 'le' || op === 'eq' ? { cond: { table: p.table, key: p.key, op, host: val.host } } : undefined;
    if (val.kind !== 'lit') return undefined;
    const c = this.constName(rhs);
    const base = { table: p.table, key: p.key, ...(c ? { const: c } : {}) };
    if ((op === 'eq' || op === 'ne') && (val.value === '' || val.value === 0)) return { cond: { ...base, op: val.value === '' ? (op === 'eq' ? 'empty' : 'nonempty') : op === 'eq' ? 'zero' : 'nonzero' } };
    return { cond: { ...base, op, value: val.value } };
  }

  /** A condition: all-`&&` or all-`||` of simple tests, with the tests of known parameters folded in. */
  private condition(toks: Tok[], ctx: Ctx): { kind: 'and' | 'or'; conds: Cond[] } | { kind: 'const'; value: boolean } | undefined {
    const ors = splitOp(toks, '|', '|');
    const ands = splitOp(toks, '&', '&');
    if (ors.length > 1 && ands.length > 1) return undefined;
    const parts = ors.length > 1 ? ors : ands;
    const kind = ors.length > 1 ? 'or' : 'and';
    const conds: Cond[] = [];
    for (const part of parts) {
      const a = this.atom(part, ctx);
      if (!a) return undefined;
      if ('param' in a) {
        if (kind === 'and' && !a.param) return { kind: 'const', value: false };
        if (kind === 'or' && a.param) return { kind: 'const', value: true };
        continue;
      }
      conds.push(a.cond);
    }
    if (conds.length === 0) return { kind: 'const', value: kind === 'and' };
    return { kind, conds };
  }

  // ---- statements ----

  private report(ctx: Ctx, construct: string, toks: Tok[], line: number) {
    this.unparsed.push({ stage: ctx.stage, construct, keys: this.keysIn(toks, ctx.env), arches: ctx.arches, file: ctx.file, line });
  }

  /** Walks a block; returns true when it ends by returning. */
  walk(stmts: Stmt[], ctx0: Ctx): boolean {
    let ctx = ctx0;
    const guards: { entries: Entry[]; after: number; line: number }[] = [];
    let returned = false;
    for (let s = 0; s < stmts.length; s++) {
      const st = stmts[s];
      const cfg = evalCfg(st.attrs, `${ctx.file}:${st.line}`);
      const arches = ctx.arches.filter((a) => cfg.arches.includes(a));
      if (arches.length === 0) continue;
      const sctx = arches.length === ctx.arches.length ? ctx : { ...ctx, arches };
      const mark = this.entries.length;
      const r = this.statement(st, sctx);
      if (r === 'returned') {
        if (s < stmts.length - 1) this.report(ctx, 'an unconditional return before later statements', st.toks, st.line);
        returned = true;
        break;
      }
      if (r && 'guard' in r) {
        // `if C { ..; return }`: what follows runs only when C does not hold.
        if (r.guard.kind === 'and' && r.guard.conds.length > 1) {
          const rest = stmts.slice(s + 1);
          if (rest.length) this.report(ctx, 'statements after an early return under a compound condition', rest.flatMap((x) => x.toks), rest[0].line);
          break;
        }
        ctx = { ...ctx, unless: [...ctx.unless, ...r.guard.conds] };
        guards.push({ entries: this.entries.slice(mark), after: this.entries.length, line: st.line });
      }
    }
    // The facts test a guard's condition again on later entries, on the value the guard's own
    // rewrites left; that is Kata's behaviour only if no later entry can fire once one of them did.
    for (const g of guards) {
      const later = this.entries.slice(g.after);
      const keep = later.filter((e) => g.entries.every((a) => a.table !== e.table || this.cannotFireAfter(e, a) || ![e.when, ...e.if, ...e.unless].some((c) => c?.key === a.key)));
      if (keep.length === later.length) continue;
      this.entries.length = g.after;
      this.entries.push(...keep);
      this.report(ctx, 'rewrites after an early return whose own rewrites could make them apply', [], g.line);
    }
    return returned;
  }

  private statement(st: Stmt, ctx: Ctx): 'returned' | { guard: { kind: 'and' | 'or'; conds: Cond[] } } | undefined {
    const t = st.toks;
    if (t.length === 0) return undefined;
    const first = t[0];
    // Ok(()), return Ok(()), return Err(..)
    if (isI(first, 'Ok') && t.length === 5) return 'returned';
    if (isI(first, 'return')) {
      if (isI(t[1], 'Ok')) return 'returned';
      this.report(ctx, 'returns an error (validation, not a rewrite)', t, st.line);
      return 'returned';
    }
    if (isI(first, 'Err')) {
      this.report(ctx, 'returns an error (validation, not a rewrite)', [], st.line);
      return 'returned';
    }
    // macros
    if (first.kind === 'ident' && isP(t[1], '!') && (isP(t[2], '(') || isP(t[2], '['))) {
      if (LOG_MACROS.has(first.text)) return undefined;
      if (first.text === 'resolve_path') {
        this.report(ctx, 'resolve_path!: a non-empty path is made canonical on the host (absolute, links resolved); a missing file fails the load', t, st.line);
        return undefined;
      }
      this.report(ctx, `macro ${first.text}! not modelled`, t, st.line);
      return undefined;
    }
    if (isI(first, 'const') || isI(first, 'fn') || isI(first, 'use') || isI(first, 'static')) return undefined;
    if (isI(first, 'let')) {
      this.letStatement(t, ctx);
      return undefined;
    }
    if (isI(first, 'if')) return this.ifStatement(st, ctx);
    if (isI(first, 'match')) {
      this.matchStatement(st, ctx);
      return undefined;
    }
    if (isI(first, 'for')) {
      if (t.some((x) => isI(x, 'get_hypervisor_plugin'))) {
        const m = matchBrackets(t, ctx.file);
        const open = t.findIndex((x) => isP(x, '{'));
        const env = new Map(ctx.env);
        if (isI(t[1])) env.set(t[1].text, { kind: 'local' });
        this.walk(splitStatements(t.slice(open + 1, m.get(open))), { ...ctx, env });
        return undefined;
      }
      this.report(ctx, 'a loop over a list (each element rewritten on the host)', t, st.line);
      return undefined;
    }
    if (isI(first, 'while') || isI(first, 'loop')) {
      this.report(ctx, 'a loop', t, st.line);
      return undefined;
    }
    if (isP(first, '{')) {
      this.walk(splitStatements(t.slice(1, -1)), ctx);
      return undefined;
    }
    // assignment
    const eq = this.assignAt(t);
    if (eq >= 0) {
      this.assignment(t.slice(0, eq), t.slice(eq + 1), st, ctx);
      return undefined;
    }
    this.call(st, ctx);
    return undefined;
  }

  private assignAt(t: Tok[]): number {
    let at = -1;
    const compound = ['=', '!', '<', '>', '+', '-', '*', '/', '%', '|', '&', '^'];
    topLevel(t, (i) => {
      if (!isP(t[i], '=') || isP(t[i + 1], '=') || compound.some((o) => isP(t[i - 1], o))) return false;
      at = i;
      return true;
    });
    return at;
  }

  private letStatement(t: Tok[], ctx: Ctx) {
    let i = 1;
    if (isI(t[i], 'mut')) i++;
    const name = isI(t[i]) ? t[i].text : undefined;
    const eq = t.findIndex((x, k) => k > i && isP(x, '=') && !isP(t[k + 1], '='));
    const rhs = eq >= 0 ? t.slice(eq + 1) : [];
    if (!name) {
      // patterns: bind every identifier as a local
      for (const x of t.slice(1, eq >= 0 ? eq : t.length)) if (x.kind === 'ident') ctx.env.set(x.text, { kind: 'local' });
      return;
    }
    const text = tokText(rhs);
    for (const [callee, host] of Object.entries(HOST_CALLS)) {
      if (text.startsWith(`${callee}()`)) {
        ctx.env.set(name, { kind: 'host', host });
        return;
      }
    }
    // `let hv = conf.hypervisor.get_mut(name)...`: one hypervisor table, whichever it is
    const gm = rhs.findIndex((x) => isI(x, 'get_mut'));
    if (gm > 1 && isP(rhs[gm - 1], '.')) {
      const p = this.place(rhs.slice(0, gm - 1), ctx.env);
      if (p?.kind === 'map') {
        ctx.env.set(name, { kind: 'struct', def: p.def, table: `${p.table}.<name>` });
        return;
      }
    }
    ctx.env.set(name, { kind: 'local' });
  }

  private assignment(lhs: Tok[], rhs: Tok[], st: Stmt, ctx: Ctx) {
    if (isP(lhs[0], '*')) return; // a local reference (a loop variable)
    const p = this.place(lhs, ctx.env);
    if (!p) {
      const b = lhs.length === 1 ? ctx.env.get(lhs[0].text) : undefined;
      if (b?.kind === 'local') return;
      this.report(ctx, 'an assignment to something that is not a TOML key', lhs, st.line);
      return;
    }
    if (p.kind !== 'key') {
      this.report(ctx, 'an assignment of a whole table', lhs, st.line);
      return;
    }
    const use = this.archValue(rhs, ctx.file, ctx.arches, ctx.env);
    if (!use) {
      this.report(ctx, 'a value computed at run time', lhs, st.line);
      return;
    }
    const own = ctx.all.filter((c) => c.table === p.table && c.key === p.key);
    const others = ctx.all.filter((c) => !(c.table === p.table && c.key === p.key));
    if (own.length > 1 || [...others, ...ctx.unless].some((c) => c.table !== p.table)) {
      this.report(ctx, 'a rewrite under a condition the facts cannot hold (several tests of the key, or another table)', lhs, st.line);
      return;
    }
    const c = this.constName(rhs);
    this.entries.push({
      table: p.table,
      key: p.key,
      stage: ctx.stage,
      when: own[0],
      if: others,
      unless: ctx.unless,
      use,
      ...(c ? { useConst: c } : {}),
      arches: ctx.arches,
      ...(ctx.plugin && !(p.table === `hypervisor.${ctx.plugin}` || p.table.startsWith(`hypervisor.${ctx.plugin}.`)) ? { whenTable: `hypervisor.${ctx.plugin}` } : {}),
      field: p.field,
      file: ctx.file,
      place: p,
    });
  }

  private ifStatement(st: Stmt, ctx: Ctx): { guard: { kind: 'and' | 'or'; conds: Cond[] } } | undefined {
    const t = st.toks;
    const m = matchBrackets(t, ctx.file);
    // if let Some(x) = <map>.get_mut(NAME) { .. }, if let Some(plugin) = get_hypervisor_plugin(..) { .. } else { .. }
    if (isI(t[1], 'let')) {
      const open = t.findIndex((x) => isP(x, '{'));
      const close = m.get(open)!;
      const body = splitStatements(t.slice(open + 1, close));
      const rest = t.slice(close + 1);
      const pat = t.slice(2, t.findIndex((x) => isP(x, '=')));
      const expr = t.slice(t.findIndex((x) => isP(x, '=')) + 1, open);
      const bound = isI(pat[0], 'Some') && isP(pat[1], '(') && isI(pat[2]) && isP(pat[3], ')') ? pat[2].text : undefined;
      const env = new Map(ctx.env);
      if (bound && isI(expr[0], 'get_hypervisor_plugin')) {
        env.set(bound, { kind: 'plugin' });
        this.walk(body, { ...ctx, env });
        if (rest.length) this.report(ctx, 'a hypervisor table without a plugin fails the load', [], rest[0].line);
        return undefined;
      }
      const gm = expr.findIndex((x) => isI(x, 'get_mut'));
      if (bound && gm > 1 && isP(expr[gm - 1], '.') && isP(expr[gm + 1], '(') && isP(expr[expr.length - 1], ')') && rest.length === 0) {
        const p = this.place(expr.slice(0, gm - 1), ctx.env);
        const name = this.archValue(expr.slice(gm + 2, -1), ctx.file, ctx.arches, ctx.env);
        const names = name ? [...name.values()] : [];
        if (p?.kind === 'map' && names.length && names.every((v) => v.kind === 'lit' && typeof v.value === 'string' && sameVal(v, names[0]))) {
          env.set(bound, { kind: 'struct', def: p.def, table: `${p.table}.${(names[0] as { value: string }).value}` });
          this.walk(body, { ...ctx, env });
          return undefined;
        }
      }
      this.report(ctx, 'an if let the walk does not follow', t, st.line);
      return undefined;
    }
    // an if / else if / else chain
    const branches: { cond: Tok[] | undefined; body: Tok[] }[] = [];
    let i = 0;
    while (i < t.length) {
      let cond: Tok[] | undefined;
      if (isI(t[i], 'if')) {
        const open = t.findIndex((x, k) => k > i && isP(x, '{') && this.depthAt(m, i, k) === 0);
        cond = t.slice(i + 1, open);
        i = open;
      }
      const close = m.get(i)!;
      branches.push({ cond, body: t.slice(i + 1, close) });
      i = close + 1;
      if (isI(t[i], 'else')) i++;
    }
    const before = this.entries.length;
    const prior: Cond[] = [];
    let guard: { kind: 'and' | 'or'; conds: Cond[] } | undefined;
    let blocked = false;
    let branch = 0;
    for (const [n, b] of branches.entries()) {
      if (blocked) {
        this.report(ctx, 'an else branch after a condition the facts cannot negate', b.body, st.line);
        continue;
      }
      const c = b.cond === undefined ? { kind: 'and' as const, conds: [] as Cond[] } : this.condition(b.cond, ctx);
      if (!c) {
        const body = splitStatements(b.body);
        const onlyError = body.length > 0 && body.every((x) => (isI(x.toks[0], 'return') && isI(x.toks[1], 'Err')) || (isI(x.toks[0]) && LOG_MACROS.has(x.toks[0].text) && isP(x.toks[1], '!')));
        this.report(ctx, onlyError ? 'returns an error for some values (validation, not a rewrite)' : 'a condition that is not a simple test of a key', [...(b.cond ?? []), ...b.body], st.line);
        blocked = true;
        continue;
      }
      if (c.kind === 'const') {
        if (c.value) {
          this.walk(splitStatements(b.body), { ...ctx, unless: [...ctx.unless, ...prior] });
          break;
        }
        continue;
      }
      const disjuncts = c.kind === 'or' ? c.conds.map((x) => [x]) : [c.conds];
      let returned = false;
      for (const [k, d] of disjuncts.entries()) {
        const mark = this.entries.length;
        const earlier = c.kind === 'or' ? c.conds.slice(0, k) : [];
        returned = this.walk(splitStatements(b.body), { ...ctx, env: new Map(ctx.env), all: [...ctx.all, ...d], unless: [...ctx.unless, ...prior, ...earlier] }) || returned;
        for (let e = mark; e < this.entries.length; e++) this.entries[e].branch = branch;
        branch++;
      }
      if (returned && branches.length === 1 && n === 0) guard = c;
      else if (returned) this.report(ctx, 'an early return inside an if/else chain', b.body, st.line);
      // later branches run only when this one's condition does not hold
      if (c.kind === 'or' || c.conds.length === 1) prior.push(...c.conds);
      else blocked = true;
    }
    this.checkStatement(before, ctx, st);
    return guard ? { guard } : undefined;
  }

  private depthAt(m: Map<number, number>, from: number, to: number): number {
    let depth = 0;
    for (let k = from; k < to; k++) {
      if (m.has(k)) {
        const c = m.get(k)!;
        if (c >= to) depth++;
        else k = c;
      }
    }
    return depth;
  }

  /**
   * The entries one if/match statement produced are applied one after the other by the facts'
   * reader, while Kata tests all branch conditions on the values from before the statement. That is
   * the same unless an entry can fire after an earlier one of the same statement changed a key it
   * reads: such entries are withdrawn and reported.
   */
  private checkStatement(from: number, ctx: Ctx, st: Stmt) {
    const list = this.entries.slice(from);
    const bad = new Set<number>();
    for (let j = 1; j < list.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = list[i];
        const b = list[j];
        const reads = [b.when, ...b.if, ...b.unless].filter((c): c is Cond => !!c).map((c) => c.key);
        if (b.when === undefined && b.key === a.key) reads.push(a.key);
        if (!reads.includes(a.key) || a.table !== b.table) continue;
        if (a.branch === b.branch && !(b.key === a.key && b.when === undefined && !b.if.some((c) => c.key === a.key) && !b.unless.some((c) => c.key === a.key))) {
          bad.add(j);
          continue;
        }
        if (!this.cannotFireAfter(b, a)) bad.add(j);
      }
    }
    if (!bad.size) return;
    this.entries.length = from;
    for (const [k, e] of list.entries()) if (!bad.has(k)) this.entries.push(e);
    this.report(ctx, 'branches whose rewrites read a key an earlier branch of the same statement rewrites', st.toks, st.line);
  }

  /** Whether entry b surely does not fire once entry a has (a's own key holds a's value, a's other conditions still hold). */
  private cannotFireAfter(b: Entry, a: Entry): boolean {
    const known = (c: Cond): boolean | undefined => {
      if (c.key === a.key) {
        const vals = [...a.use.values()];
        const res = vals.map((v) => evalCond(c, v));
        return res.every((r) => r === res[0]) ? res[0] : undefined;
      }
      for (const f of a.if) {
        if (f.key !== c.key) continue;
        if (JSON.stringify({ ...f, const: undefined }) === JSON.stringify({ ...c, const: undefined })) return true;
        if (f.op === 'eq' && c.op === 'eq' && f.value !== c.value) return false;
      }
      return undefined;
    };
    if (b.when && known(b.when) === false) return true;
    if (b.if.some((c) => known(c) === false)) return true;
    if (b.unless.some((c) => known(c) === true)) return true;
    return false;
  }

  private matchStatement(st: Stmt, ctx: Ctx) {
    const t = st.toks;
    const m = matchBrackets(t, ctx.file);
    const open = t.findIndex((x, k) => k > 0 && isP(x, '{') && this.depthAt(m, 1, k) === 0);
    const close = m.get(open)!;
    let scrut = t.slice(1, open);
    const n = scrut.length;
    const deref = n >= 4 && isP(scrut[n - 4], '.') && isI(scrut[n - 3], 'as_deref') && isP(scrut[n - 2], '(') && isP(scrut[n - 1], ')');
    if (deref) scrut = scrut.slice(0, n - 4);
    const p = this.place(scrut, ctx.env);
    if (p?.kind !== 'key' || deref !== p.optional || close !== t.length - 1) {
      this.report(ctx, 'a match the walk does not follow', t, st.line);
      return;
    }
    // arms: pattern => body,
    const body = t.slice(open + 1, close);
    const bm = matchBrackets(body, ctx.file);
    const arms: { pat: Tok[]; body: Tok[]; block: boolean }[] = [];
    let i = 0;
    while (i < body.length) {
      const arrow = body.findIndex((x, k) => k >= i && isP(x, '=') && isP(body[k + 1], '>'));
      if (arrow < 0) break;
      const pat = body.slice(i, arrow);
      let j = arrow + 2;
      if (isP(body[j], '{')) {
        const c = bm.get(j)!;
        arms.push({ pat, body: body.slice(j + 1, c), block: true });
        j = c + 1;
        if (isP(body[j], ',')) j++;
      } else {
        const s = j;
        while (j < body.length && !isP(body[j], ',')) j = after(j, bm);
        arms.push({ pat, body: body.slice(s, j), block: false });
        j++;
      }
      i = j;
    }
    const before = this.entries.length;
    const previous: Cond[] = [];
    const groups: Entry[][] = [];
    const armConds = new Set<Cond>();
    for (const arm of arms) {
      let cond: Cond | undefined;
      const pt = deref ? (isI(arm.pat[0], 'Some') && isP(arm.pat[1], '(') && isP(arm.pat[arm.pat.length - 1], ')') ? arm.pat.slice(2, -1) : arm.pat) : arm.pat;
      const wildcard = arm.pat.length === 1 && isI(arm.pat[0], '_');
      if (!wildcard) {
        if (deref && arm.pat.length === 1 && isI(arm.pat[0], 'None')) cond = { table: p.table, key: p.key, op: 'none' };
        else {
          const v = this.archValue(pt, ctx.file, ctx.arches, ctx.env);
          const vals = v ? [...v.values()] : [];
          if (!vals.length || !vals.every((x) => x.kind === 'lit' && sameVal(x, vals[0])) || (deref && pt === arm.pat)) {
            this.report(ctx, 'a match arm the walk does not follow', [...arm.pat, ...arm.body], st.line);
            previous.push({ table: p.table, key: p.key, op: 'always' });
            continue;
          }
          const value = (vals[0] as { value: Scalar }).value;
          const c = this.constName(pt);
          cond = { table: p.table, key: p.key, op: 'eq', value, ...(c ? { const: c } : {}) };
        }
      }
      if (cond) armConds.add(cond);
      if (previous.some((c) => c.op === 'always')) {
        if (arm.body.length) this.report(ctx, 'a match arm after one the walk does not follow', arm.body, st.line);
        continue;
      }
      const mark = this.entries.length;
      const stmts = arm.block ? splitStatements(arm.body) : [{ attrs: [], toks: arm.body, line: arm.body[0]?.line ?? st.line }];
      this.walk(stmts, { ...ctx, env: new Map(ctx.env), all: cond ? [...ctx.all, cond] : ctx.all, unless: cond ? ctx.unless : [...ctx.unless, ...previous] });
      groups.push(this.entries.splice(mark));
      if (cond) previous.push(cond);
    }
    // The arms are exclusive: entries that differ only in which value of the key they need become one `in`.
    const merged: Entry[] = [];
    const armOf = (e: Entry) => e.if.find((c) => armConds.has(c));
    const rest = (e: Entry) => JSON.stringify(entryId(e, (c) => c === armOf(e)));
    for (const g of groups) {
      for (const e of g) {
        if (e.table === p.table && e.key === p.key) {
          this.report(ctx, 'a match arm that rewrites the key matched on', st.toks, st.line);
          continue;
        }
        const a = armOf(e);
        const same = a && merged.find((x) => armOf(x) && rest(x) === rest(e));
        if (same && a) {
          const c = armOf(same)!;
          const values = c.op === 'in' ? c.values! : [c.value!];
          const merged1: Cond = { table: c.table, key: c.key, op: 'in', values: [...values, a.value!] };
          armConds.add(merged1);
          same.if = same.if.map((x) => (x === c ? merged1 : x));
          continue;
        }
        merged.push(e);
      }
    }
    this.entries.length = before;
    this.entries.push(...merged);
  }

  private call(st: Stmt, ctx: Ctx) {
    let t = st.toks;
    if (isP(t[t.length - 1], '?')) t = t.slice(0, -1);
    const m = matchBrackets(t, ctx.file);
    const lastOpen = t.length - 1;
    const open = [...m.entries()].find(([, c]) => c === lastOpen)?.[0];
    if (open === undefined || !isP(t[open], '(') || open < 2) {
      this.report(ctx, 'a statement the walk does not model', t, st.line);
      return;
    }
    const method = t[open - 1];
    const args = t.slice(open + 1, lastOpen);
    // Type::adjust_config(conf): a ConfigOps impl (the vendor layers); no impl of the function is the trait's empty default
    if (isP(t[open - 2], ':') && isP(t[open - 3], ':') && isI(t[open - 4]) && open === 4) {
      const type = t[0].text;
      const fn = this.implFn(type, method.text, false);
      if (fn) this.walkFn(fn.fn, fn.file, `${type}::${method.text}`, ctx, undefined, args);
      else if (!this.mods.impls.some((im) => im.name === type)) this.report(ctx, `a call of ${type}::${method.text}, which the source read does not define`, t, st.line);
      return;
    }
    if (!isP(t[open - 2], '.')) {
      this.report(ctx, 'a call the walk does not follow', t, st.line);
      return;
    }
    const recv = t.slice(0, open - 2);
    const rb = recv.length === 1 ? ctx.env.get(recv[0].text) : undefined;
    if (rb?.kind === 'plugin' && method.text === 'adjust_config') {
      this.walkPlugins(ctx);
      return;
    }
    const p = recv.length === 1 && isI(recv[0], 'self') ? ctx.env.get('self') : this.place(recv, ctx.env);
    if (p && p.kind === 'struct') {
      if (method.text === 'adjust_config' && !this.pluginsWalked && ctx.stage === 'Hypervisor::adjust_config') throw new ExtractError(`${ctx.file}:${st.line}: a hypervisor struct is adjusted before the plugin; the facts assume the plugin runs first`);
      const fn = this.implFn(p.def.name, method.text, true);
      if (fn) {
        const env = new Map<string, Binding>([['self', { kind: 'struct', def: p.def, table: p.table }]]);
        this.walkFn(fn.fn, fn.file, `${p.def.name}::${method.text}`, { ...ctx, env }, env, args);
        return;
      }
    }
    this.report(ctx, 'a call the walk does not follow', t, st.line);
  }

  /** The function `name` of an impl for `type` (inherent impls first when `self` is wanted). */
  private implFn(type: string, name: string, method: boolean): { fn: RsFn; file: string } | undefined {
    const impls = this.mods.impls.filter((im) => im.name === type);
    const ordered = method ? [...impls.filter((im) => !im.trait), ...impls.filter((im) => im.trait)] : impls;
    for (const im of ordered) {
      const fn = im.fns.find((f) => f.name === name && evalCfg(expandCfgAttr(f.attrs, im.file), `${im.file}:${f.line}`).arches.length > 0);
      if (fn) return { fn, file: im.file };
    }
    return undefined;
  }

  /** Walks a function body as a stage; bool parameters take the literal arguments of the call. */
  private walkFn(fn: RsFn, file: string, stage: string, ctx: Ctx, selfEnv: Map<string, Binding> | undefined, args: Tok[]) {
    const cfg = evalCfg(expandCfgAttr(fn.attrs, file), `${file}:${fn.line}`);
    const arches = ctx.arches.filter((a) => cfg.arches.includes(a));
    if (!arches.length) return;
    const env = new Map<string, Binding>(selfEnv ?? []);
    const names: string[] = [];
    for (const part of splitCommas(fn.params)) {
      const colon = part.findIndex((x) => isP(x, ':'));
      if (colon < 0) continue;
      const name = [...part.slice(0, colon)].reverse().find((x) => x.kind === 'ident' && x.text !== 'mut');
      if (!name) continue;
      names.push(name.text);
      if (part.slice(colon + 1).some((x) => isI(x, 'TomlConfig'))) env.set(name.text, { kind: 'struct', def: this.root, table: '(root)' });
    }
    const argParts = splitCommas(args);
    names.forEach((name, k) => {
      if (env.has(name)) return;
      const a = argParts[k];
      const lit = a && a.length === 1 && (isI(a[0], 'true') || isI(a[0], 'false')) ? a[0].text === 'true' : undefined;
      env.set(name, lit !== undefined ? { kind: 'param', value: lit } : { kind: 'local' });
    });
    this.walk(splitStatements(fn.body), { ...ctx, env, stage, file, arches });
  }

  /** Every hypervisor plugin's adjust_config, by table name (each adjusts its own table only). */
  private walkPlugins(ctx: Ctx) {
    this.pluginsWalked = true;
    const list = this.mods.impls.filter((im) => im.trait === 'ConfigPlugin');
    const found: { name: string; stage: string; file: string; fn: RsFn }[] = [];
    for (const im of list) {
      const nameFn = im.fns.find((f) => f.name === 'name');
      const adjust = im.fns.find((f) => f.name === 'adjust_config');
      if (!nameFn || !adjust) throw new ExtractError(`${im.file}:${im.line}: a ConfigPlugin for ${im.name} without name() or adjust_config()`);
      const v = this.archValue(nameFn.body, im.file, ALL_ARCHES, new Map());
      const vals = v ? [...v.values()] : [];
      if (!vals.length || !vals.every((x) => x.kind === 'lit' && typeof x.value === 'string' && sameVal(x, vals[0]))) throw new ExtractError(`${im.file}:${nameFn.line}: the name of the ${im.name} plugin is not a constant string`);
      found.push({ name: (vals[0] as { value: string }).value, stage: `${im.name}::adjust_config`, file: im.file, fn: adjust });
    }
    found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const p of found) {
      if (this.plugins.some((x) => x.name === p.name)) throw new ExtractError(`${p.file}: two plugins are named ${p.name}`);
      this.plugins.push({ name: p.name, stage: p.stage, file: p.file });
      this.walkFn(p.fn, p.file, p.stage, { ...ctx, env: new Map(), all: [], unless: [], plugin: p.name }, undefined, []);
    }
  }

  /** Kata's order: TomlConfig calls Hypervisor's, Runtime's and Agent's `ConfigOps::adjust_config`. */
  run() {
    const order = this.topOrder();
    const ctx: Ctx = { env: new Map(), stage: '', file: '', all: [], unless: [], arches: ALL_ARCHES };
    for (const type of order) {
      const fn = this.implFn(type, 'adjust_config', false);
      if (!fn) continue;
      this.walkFn(fn.fn, fn.file, `${type}::adjust_config`, ctx, undefined, []);
    }
    if (!this.pluginsWalked) throw new ExtractError('no hypervisor plugin call (plugin.adjust_config) found in Hypervisor::adjust_config');
  }

  /** The `X::adjust_config(..)` calls of TomlConfig's functions, in order; every function that makes them agrees. */
  private topOrder(): string[] {
    let order: string[] | undefined;
    for (const im of this.mods.impls.filter((x) => x.name === 'TomlConfig' && !x.trait)) {
      for (const fn of im.fns) {
        const seq: string[] = [];
        const b = fn.body;
        for (let i = 0; i + 4 < b.length; i++) if (isI(b[i]) && isP(b[i + 1], ':') && isP(b[i + 2], ':') && isI(b[i + 3], 'adjust_config')) seq.push(b[i].text);
        if (!seq.length) continue;
        if (order && order.join() !== seq.join()) throw new ExtractError(`${im.file}:${fn.line}: TomlConfig::${fn.name} adjusts in the order ${seq.join(', ')}, another function in ${order.join(', ')}`);
        order = seq;
      }
    }
    if (!order) throw new ExtractError('TomlConfig calls no ConfigOps::adjust_config');
    return order;
  }

  /** A key of a table by its TOML name, searched from the table's struct through the structs flattened into it. */
  keyOfTable(table: string, key: string): KeyPlace | undefined {
    const visit = (def: RsStructDef, depth: number): KeyPlace | undefined => {
      if (depth > 8 || !def.fields) return undefined;
      for (const f of def.fields) {
        const p = this.step(def, table, f.name);
        if (p?.kind === 'key' && p.key === key) return p;
        if (p?.kind === 'struct' && p.table === table) {
          const found = visit(p.def, depth + 1);
          if (found) return found;
        }
      }
      return undefined;
    };
    let cur: Place | undefined = { kind: 'struct', def: this.root, table: '(root)' };
    for (const part of table.split('.')) {
      if (!cur) return undefined;
      if (cur.kind === 'map') cur = { kind: 'struct', def: cur.def, table: `${cur.table}.${part}` };
      else if (cur.kind === 'struct') cur = this.step(cur.def, cur.table, part);
      else return undefined;
    }
    return cur?.kind === 'struct' ? visit(cur.def, 0) : undefined;
  }

  // ---- absent keys ----

  /** serde's value for a key no file writes, on one arch. */
  absent(p: KeyPlace, arch: string): RsAbsentFact['default'] {
    const metas = serdeMetas(expandCfgAttr(p.f.attrs, p.def.file));
    const d = metas.find((x) => x.name === 'default');
    if (d?.value) {
      const fns = (this.mods.fns.get(d.value) ?? []).filter((f) => f.file === p.def.file);
      const fn = fns[0] ?? this.mods.fns.get(d.value)?.[0];
      if (!fn) return { fn: d.value, unknown: 'the function is not in the source read' };
      const stmts = splitStatements(fn.fn.body);
      const v = stmts.length === 1 ? this.value(stmts[0].toks, fn.file, arch, new Map()) : undefined;
      if (v?.kind === 'lit') return { fn: d.value, value: v.value };
      if (v?.kind === 'none') return { fn: d.value, none: true };
      return { fn: d.value, unknown: v?.kind === 'unresolved' ? `it returns ${v.name}, which the source read does not define` : 'it computes the value' };
    }
    if (d) return this.typeDefault(p.type);
    if (p.optional) return { none: true };
    if (serdeMetas(p.def.attrs).some((x) => x.name === 'default')) {
      const derives = p.def.attrs.some((a) => a.path === 'derive' && a.args.some((x) => isI(x, 'Default')));
      return derives ? this.typeDefault(p.type) : { unknown: `${p.def.name} has its own Default` };
    }
    return { required: true };
  }

  private typeDefault(t: TypeAst): RsAbsentFact['default'] {
    if (t.name === 'Option') return { none: true };
    if (t.name === 'String' || t.name === 'PathBuf') return { value: '' };
    if (t.name === 'bool') return { value: false };
    if (['u8', 'u16', 'u32', 'u64', 'usize', 'i8', 'i16', 'i32', 'i64', 'isize', 'f32', 'f64'].includes(t.name)) return { value: 0 };
    if (['Vec', 'VecDeque', 'HashSet', 'BTreeSet'].includes(t.name)) return { value: [] };
    return { unknown: `the Default of ${t.text}` };
  }
}

/** Tests a condition on a known value (rsConditions.ts): undefined when it depends on something unknown. */
function evalCond(c: Cond, v: Val): boolean | undefined {
  const cell: RsCell = v.kind === 'lit' ? { kind: 'value', value: v.value } : v.kind === 'unresolved' ? { kind: 'unknown' } : v;
  return conditionHolds(c, cell);
}

const outCond = (c: Cond, withKey: boolean): RsCondition => ({
  ...(withKey ? { key: c.key } : {}),
  op: c.op,
  ...(c.value !== undefined ? { value: c.value } : {}),
  ...(c.values ? { values: c.values } : {}),
  ...(c.host ? { host: c.host } : {}),
  ...(c.const ? { const: c.const } : {}),
});

function outValue(use: ArchVal, c: string | undefined): RsSetValue {
  const vals = [...use.values()];
  const withConst = c ? { const: c } : {};
  const un = vals.find((v) => v.kind === 'unresolved');
  if (un && un.kind === 'unresolved') return { ...withConst, unresolved: un.name };
  if (vals.every((v) => sameVal(v, vals[0]))) {
    const v = vals[0];
    if (v.kind === 'none') return { ...withConst, none: true };
    if (v.kind === 'host') return { host: v.host };
    if (v.kind === 'lit') return { ...withConst, value: v.value };
  }
  const byArch: Record<string, Scalar> = {};
  for (const [arch, v] of use) {
    if (v.kind !== 'lit') throw new ExtractError(`a value that is a literal on some arches only (${c ?? '?'})`);
    byArch[KATA_ARCH[arch]] = v.value;
  }
  return { ...withConst, byArch };
}

/** The identity of an entry in the facts (everything but its release), with a condition left out. */
function entryId(e: Entry, skip?: (c: Cond) => boolean): Omit<RsAdjustmentFact, 'releases'> {
  return {
    table: e.table,
    key: e.key,
    stage: e.stage,
    when: e.when ? outCond(e.when, false) : { op: 'always' },
    ...(e.if.filter((c) => !skip?.(c)).length ? { if: e.if.filter((c) => !skip?.(c)).map((c) => outCond(c, true)) } : {}),
    ...(e.unless.length ? { unless: e.unless.map((c) => outCond(c, true)) } : {}),
    use: outValue(e.use, e.useConst),
    ...(e.arches.length < ALL_ARCHES.length ? { arches: kataArches(e.arches) } : {}),
    ...(e.whenTable ? { whenTable: e.whenTable } : {}),
    field: e.field,
    file: e.file,
  };
}

/** `hypervisor.qemu.factory` → `hypervisor.<name>.factory`: the table as decoders.json names it. */
export function genericTable(table: string): string {
  const parts = table.split('.');
  if ((parts[0] === 'hypervisor' || parts[0] === 'agent') && parts.length > 1) parts[1] = '<name>';
  return parts.join('.');
}

export interface RsAdjustSnapshot {
  plugins: { name: string; stage: string; file: string }[];
  adjustments: Omit<RsAdjustmentFact, 'releases'>[];
  absent: Omit<RsAbsentFact, 'releases'>[];
  unparsed: Omit<RsUnparsedFact, 'releases'>[];
}

/** One release's adjustments; `dir` is the root of the Kata source tree. */
export function extractRsAdjustSnapshot(dir: string): RsAdjustSnapshot {
  const r = new AdjustReader(loadRsModules(dir));
  r.run();
  const adjustments: Omit<RsAdjustmentFact, 'releases'>[] = [];
  const seen = new Set<string>();
  const places = new Map<string, KeyPlace>();
  for (const e of r.entries) {
    const id = entryId(e);
    const k = JSON.stringify(id);
    if (seen.has(k)) continue;
    seen.add(k);
    adjustments.push(id);
    places.set(`${genericTable(e.table)}\u0000${e.key}`, e.place);
  }
  // the other keys the conditions read
  for (const e of r.entries) {
    for (const c of [...e.if, ...e.unless]) {
      const id = `${genericTable(c.table)}\u0000${c.key}`;
      if (places.has(id)) continue;
      const p = r.keyOfTable(e.place.table, c.key);
      if (!p) throw new ExtractError(`${e.file}: cannot find the field of key ${c.key} of [${c.table}]`);
      places.set(id, p);
    }
  }
  const absent: Omit<RsAbsentFact, 'releases'>[] = [];
  for (const [id, p] of places) {
    const [table, key] = id.split('\u0000');
    const per = ALL_ARCHES.map((a) => r.absent(p, a));
    const same = per.every((d) => JSON.stringify(d) === JSON.stringify(per[0]));
    if (same) absent.push({ table, key, default: per[0] });
    else {
      const byArch: Record<string, Scalar> = {};
      ALL_ARCHES.forEach((a, i) => {
        const v = per[i].value;
        if (v === undefined || Array.isArray(v)) throw new ExtractError(`${p.def.file}: the default of ${key} differs between arches in a way the facts cannot hold`);
        byArch[KATA_ARCH[a]] = v as Scalar;
      });
      absent.push({ table, key, default: { ...(per[0].fn ? { fn: per[0].fn } : {}), byArch } });
    }
  }
  const unparsed: Omit<RsUnparsedFact, 'releases'>[] = [];
  const useen = new Set<string>();
  for (const u of r.unparsed) {
    const k = JSON.stringify([u.stage, u.construct, u.keys, u.file, u.line, u.arches]);
    if (useen.has(k)) continue;
    useen.add(k);
    unparsed.push({ stage: u.stage, construct: u.construct, keys: u.keys, ...(u.arches.length < ALL_ARCHES.length ? { arches: kataArches(u.arches) } : {}), file: u.file, line: u.line });
  }
  return { plugins: r.plugins, adjustments, absent, unparsed };
}

/** Code-unit order, so that the output does not depend on the locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Merges each release's ordered list of ids into one order that keeps every release's order (the
 * adjustments of a table must be read in the order Kata applies them); fails when two releases
 * apply two of them in opposite orders.
 */
function mergeOrder(lists: string[][], where: string, rank: (id: string) => number[] = () => []): string[] {
  const nodes: string[] = [];
  const firstSeen = new Map<string, number>();
  const edges = new Map<string, Set<string>>();
  const indeg = new Map<string, number>();
  for (const list of lists) {
    for (const id of list) {
      if (!firstSeen.has(id)) {
        firstSeen.set(id, nodes.length);
        nodes.push(id);
        edges.set(id, new Set());
        indeg.set(id, 0);
      }
    }
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1];
      const b = list[i];
      if (!edges.get(a)!.has(b)) {
        edges.get(a)!.add(b);
        indeg.set(b, indeg.get(b)! + 1);
      }
    }
  }
  const out: string[] = [];
  const ready = nodes.filter((n) => indeg.get(n) === 0);
  while (ready.length) {
    const key = (id: string) => [...rank(id), firstSeen.get(id)!];
    ready.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
      return x.length - y.length;
    });
    const n = ready.shift()!;
    out.push(n);
    for (const m of edges.get(n)!) {
      indeg.set(m, indeg.get(m)! - 1);
      if (indeg.get(m) === 0) ready.push(m);
    }
  }
  if (out.length !== nodes.length) throw new ExtractError(`${where}: two releases apply adjustments in opposite orders; the facts cannot list them in one order`);
  return out;
}

/** Reads every release's adjustments and merges them into release runs, releases oldest first. */
export function extractRsAdjustmentFacts(sources: { release: string; dir: string }[], generatedBy: string): RsAdjustmentFacts {
  const releases = sortReleases(sources.map((s) => s.release));
  const snaps = new Map<string, RsAdjustSnapshot>();
  for (const s of sources) {
    try {
      snaps.set(s.release, extractRsAdjustSnapshot(s.dir));
    } catch (e) {
      if (e instanceof ExtractError) throw new ExtractError(`${s.release} (${s.dir}): ${e.message}`);
      throw e;
    }
  }
  const runsOf = <T>(pick: (s: RsAdjustSnapshot) => T[], id: (x: T) => string) => {
    const m = new Map<string, { value: T; releases: string[] }>();
    for (const r of releases) {
      for (const x of pick(snaps.get(r)!)) {
        const k = id(x);
        const g = m.get(k) ?? { value: x, releases: [] };
        if (!g.releases.includes(r)) g.releases.push(r);
        g.value = x; // newest release's copy (for the unparsed line)
        m.set(k, g);
      }
    }
    return m;
  };

  const plugins: RsPluginFact[] = [...runsOf((s) => s.plugins, (p) => JSON.stringify(p)).values()]
    .map((g) => ({ name: g.value.name, releases: encodeRuns(g.releases, releases), stage: g.value.stage, file: g.value.file }))
    .sort((a, b) => cmp(a.name, b.name) || cmp(a.releases, b.releases));

  const adj = runsOf((s) => s.adjustments, (a) => JSON.stringify(a));
  const byTable = new Map<string, string[][]>();
  for (const r of releases) {
    const perTable = new Map<string, string[]>();
    for (const a of snaps.get(r)!.adjustments) perTable.set(a.table, [...(perTable.get(a.table) ?? []), JSON.stringify(a)]);
    for (const [t, list] of perTable) byTable.set(t, [...(byTable.get(t) ?? []), list]);
  }
  const adjustments: RsAdjustmentFact[] = [];
  for (const table of [...byTable.keys()].sort(cmp)) {
    // Releases that share no adjustment leave their relative order open: list by stage (in Kata's
    // order of the stages), then by place in the function.
    const lists = byTable.get(table)!;
    const stageOf = (id: string) => (JSON.parse(id) as { stage: string }).stage;
    const stages = mergeOrder(lists.map((l) => [...new Set(l.map(stageOf))]), `[${table}] stages`);
    const inStage = new Map<string, number>();
    for (const l of lists) {
      const counts = new Map<string, number>();
      for (const id of l) {
        const st = stageOf(id);
        counts.set(st, (counts.get(st) ?? 0) + 1);
        if (!inStage.has(id)) inStage.set(id, counts.get(st)!);
      }
    }
    for (const id of mergeOrder(lists, `[${table}]`, (x) => [stages.indexOf(stageOf(x)), inStage.get(x)!])) {
      const g = adj.get(id)!;
      const { table: t, key, ...rest } = g.value;
      adjustments.push({ table: t, key, releases: encodeRuns(g.releases, releases), ...rest });
    }
  }

  const absentRuns = new Map<string, Map<string, RsAbsentFact['default']>>();
  for (const r of releases) {
    for (const a of snaps.get(r)!.absent) {
      const id = `${a.table}\u0000${a.key}`;
      const m = absentRuns.get(id) ?? new Map();
      m.set(r, a.default);
      absentRuns.set(id, m);
    }
  }
  const absent: RsAbsentFact[] = [...absentRuns.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .flatMap(([id, m]) => {
      const [table, key] = id.split('\u0000');
      return groupRuns(m, releases).map((g) => ({ table, key, releases: g.releases, default: g.value }));
    });

  const un = runsOf((s) => s.unparsed, (u) => JSON.stringify({ ...u, line: undefined }));
  const unparsed: RsUnparsedFact[] = [...un.values()]
    .map((g) => {
      const { stage, ...rest } = g.value;
      return { stage, releases: encodeRuns(g.releases, releases), ...rest };
    })
    .sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.stage, b.stage) || cmp(a.releases, b.releases));

  return { generatedBy, releases, plugins, adjustments, absent, unparsed };
}

/** The fact arrays of rs-adjustments.json, one element per line (writeJson.ts). */
export const RS_ADJUSTMENT_ARRAYS = ['plugins', 'adjustments', 'absent', 'unparsed'] as const;
