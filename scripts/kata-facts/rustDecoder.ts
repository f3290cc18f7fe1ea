/**
 * runtime-rs: the tables and keys serde decodes into `TomlConfig` (kata-types `config/`), read
 * from the `#[derive(Deserialize)]` structs and their `#[serde(...)]` attributes for one release.
 */
import type { KataType } from '../../server/src/kata/schema/types';
import { ALL_ARCHES, evalCfg, expandCfgAttr } from './rustCfg';
import { loadRsModules, type RsModuleSet, type RsStructDef } from './rustModules';
import { attrMeta, splitTopLevel, tokText, type Attr, type Meta, type Tok } from './rustSyntax';
import { ExtractError, type KeySnapshot, type RuntimeSnapshot, type TableSnapshot } from './snapshot';

export interface TypeAst {
  name: string;
  args: TypeAst[];
  text: string;
}

export function parseType(toks: Tok[], where: string): TypeAst {
  const text = tokText(toks);
  if (toks.length === 0) throw new ExtractError(`${where}: empty type`);
  if (toks[0].kind !== 'ident') throw new ExtractError(`${where}: type '${text}' is not understood by the extractor`);
  let i = 0;
  let name = toks[0].text;
  // a::b::Name
  while (toks[i + 1]?.text === ':' && toks[i + 2]?.text === ':' && toks[i + 3]?.kind === 'ident') {
    i += 3;
    name = toks[i].text;
  }
  i++;
  let args: TypeAst[] = [];
  if (toks[i]?.text === '<') {
    if (toks[toks.length - 1].text !== '>') throw new ExtractError(`${where}: type '${text}' is not understood by the extractor`);
    args = splitTopLevel(toks.slice(i + 1, toks.length - 1)).map((p) => parseType(p, where));
  } else if (i !== toks.length) throw new ExtractError(`${where}: type '${text}' is not understood by the extractor`);
  return { name, args, text };
}

const SCALARS: Record<string, KataType> = {
  bool: 'bool',
  String: 'string',
  PathBuf: 'string',
  u8: 'u8',
  u16: 'u16',
  u32: 'u32',
  u64: 'u64',
  usize: 'usize',
  i32: 'i32',
  i64: 'i64',
  f32: 'f32',
};
const WRAPPERS = new Set(['Box', 'Rc', 'Arc']);
const SEQS = new Set(['Vec', 'VecDeque', 'HashSet', 'BTreeSet']);
const MAPS = new Set(['HashMap', 'BTreeMap', 'IndexMap']);

export interface Mapped {
  type: KataType;
  optional: boolean;
  /** A sub-table the key leads to: the struct and the path suffix (`''`, `.<name>`, `[]`). */
  child?: { def: RsStructDef; suffix: string };
}

export function serdeMetas(attrs: Attr[]): Meta[] {
  return attrs.filter((a) => a.path === 'serde').flatMap(attrMeta);
}

export function isDeserialize(attrs: Attr[]): 'plain' | 'repr' | false {
  let found: 'plain' | 'repr' | false = false;
  for (const a of attrs) {
    if (a.path !== 'derive' || a.args[0]?.text !== '(') continue;
    for (const part of splitTopLevel(a.args.slice(1, -1))) {
      const last = [...part].reverse().find((t) => t.kind === 'ident')?.text ?? '';
      if (last === 'Deserialize_repr') found = 'repr';
      else if (last.startsWith('Deserialize') && found !== 'repr') found = 'plain';
    }
  }
  return found;
}

export const RENAME_ALL: Record<string, (s: string) => string> = {
  lowercase: (s) => s.toLowerCase(),
  UPPERCASE: (s) => s.toUpperCase(),
  snake_case: (s) => s,
  SCREAMING_SNAKE_CASE: (s) => s.toUpperCase(),
  'kebab-case': (s) => s.replace(/_/g, '-'),
  'SCREAMING-KEBAB-CASE': (s) => s.replace(/_/g, '-').toUpperCase(),
  camelCase: (s) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()),
  PascalCase: (s) => s.replace(/(^|_)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
};

/** A `rename`/`rename_all` value: `= "x"` or `(deserialize = "x")`. */
export function deserializeName(m: Meta): string | undefined {
  if (m.value !== undefined) return m.value;
  return m.list?.find((x) => x.name === 'deserialize')?.value;
}

/** Walks the serde structs of one release (also used by rustAdjust.ts to map Rust field paths to TOML keys). */
export class RsReader {
  readonly tables: TableSnapshot[] = [];
  readonly keys: KeySnapshot[] = [];

  constructor(private readonly mods: RsModuleSet) {}

  private lookup<T extends { file: string }>(map: Map<string, T[]>, name: string, fromFile: string): T | undefined {
    const list = map.get(name);
    if (!list || list.length === 0) return undefined;
    if (list.length === 1) return list[0];
    const same = list.filter((d) => d.file === fromFile);
    if (same.length === 1) return same[0];
    throw new ExtractError(`${fromFile}: '${name}' is declared more than once (${list.map((d) => d.file).join(', ')})`);
  }

  struct(name: string, fromFile: string): RsStructDef | undefined {
    const def = this.lookup(this.mods.structs, name, fromFile);
    if (!def) return undefined;
    if (!isDeserialize(def.attrs)) return undefined;
    return def;
  }

  mapType(t: TypeAst, fromFile: string, where: string, depth = 0): Mapped {
    if (depth > 8) throw new ExtractError(`${where}: type aliases nest too deep`);
    if (t.name === 'Option' && t.args.length === 1) return { ...this.mapType(t.args[0], fromFile, where, depth + 1), optional: true };
    if (WRAPPERS.has(t.name) && t.args.length === 1) return this.mapType(t.args[0], fromFile, where, depth + 1);
    if (t.args.length === 0 && SCALARS[t.name]) return { type: SCALARS[t.name], optional: false };
    if (SEQS.has(t.name) && t.args.length === 1) {
      const e = t.args[0];
      if (e.args.length === 0 && e.name === 'String') return { type: 'string[]', optional: false };
      if (e.args.length === 0 && e.name === 'u32') return { type: 'u32[]', optional: false };
      const def = e.args.length === 0 ? this.struct(e.name, fromFile) : undefined;
      if (def) return { type: 'table[]', optional: false, child: { def, suffix: '[]' } };
      throw new ExtractError(`${where}: list type '${t.text}' has no KataType (extend KataType and the extractor)`);
    }
    if (MAPS.has(t.name) && t.args.length === 2) {
      const v = t.args[1];
      const def = v.args.length === 0 ? this.struct(v.name, fromFile) : undefined;
      return { type: 'table', optional: false, child: def ? { def, suffix: '.<name>' } : undefined };
    }
    if (t.args.length === 0) {
      const def = this.struct(t.name, fromFile);
      if (def) return { type: 'table', optional: false, child: { def, suffix: '' } };
      const en = this.lookup(this.mods.enums, t.name, fromFile);
      if (en) {
        const kind = isDeserialize(en.attrs);
        if (kind === 'plain' && !serdeMetas(en.attrs).some((m) => m.name === 'untagged' || m.name === 'tag' || m.name === 'content'))
          return { type: 'string', optional: false };
        throw new ExtractError(`${where}: enum '${t.name}' (${en.file}) does not decode from a plain string; the extractor cannot type it`);
      }
      const alias = this.lookup(this.mods.aliases, t.name, fromFile);
      if (alias) return this.mapType(parseType(alias.type, `${alias.file}`), alias.file, where, depth + 1);
    }
    throw new ExtractError(`${where}: type '${t.text}' has no KataType mapping (extend KataType and the extractor)`);
  }

  /** Walks one table: its keys (flattened structs merged) and its sub-tables. */
  table(def: RsStructDef, tablePath: string, depth = 0) {
    if (depth > 12) throw new ExtractError(`${def.file}:${def.line}: tables nest too deep at ${tablePath}`);
    const deny = serdeMetas(def.attrs).some((m) => m.name === 'deny_unknown_fields');
    this.tables.push({ path: tablePath, struct: def.name, file: def.file, ...(deny ? { denyUnknownFields: true } : {}) });
    const seen = new Map<string, string>();
    const children: { def: RsStructDef; path: string }[] = [];
    this.fields(def, tablePath, ALL_ARCHES, [], seen, children, 0);
    for (const c of children) this.table(c.def, c.path, depth + 1);
  }

  private fields(
    def: RsStructDef,
    tablePath: string,
    arches: string[],
    archTexts: string[],
    seen: Map<string, string>,
    children: { def: RsStructDef; path: string }[],
    flattenDepth: number,
  ) {
    if (flattenDepth > 8) throw new ExtractError(`${def.file}:${def.line}: flatten nests too deep`);
    if (def.fields === null) {
      if (flattenDepth === 0) throw new ExtractError(`${def.file}:${def.line}: '${def.name}' is not a struct with named fields`);
      return;
    }
    const structMetas = serdeMetas(def.attrs);
    for (const m of structMetas) {
      if (['transparent', 'from', 'try_from', 'untagged', 'tag'].includes(m.name))
        throw new ExtractError(`${def.file}:${def.line}: #[serde(${m.name})] on '${def.name}' is not supported by the extractor`);
    }
    const renameAllMeta = structMetas.find((m) => m.name === 'rename_all');
    const renameAllName = renameAllMeta ? deserializeName(renameAllMeta) : undefined;
    const renameAll = renameAllName ? RENAME_ALL[renameAllName] : undefined;
    if (renameAllName && !renameAll) throw new ExtractError(`${def.file}:${def.line}: rename_all = "${renameAllName}" is not supported`);
    for (const f of def.fields) {
      const where = `${def.file}:${f.line} ${def.name}.${f.name}`;
      const attrs = expandCfgAttr(f.attrs, def.file);
      const cfg = evalCfg(attrs, where);
      const on = arches.filter((a) => cfg.arches.includes(a));
      if (on.length === 0) continue;
      const texts = cfg.archText ? [...archTexts, cfg.archText] : archTexts;
      const metas = serdeMetas(attrs);
      if (metas.some((m) => m.name === 'skip' || m.name === 'skip_deserializing')) continue;
      const type = parseType(f.type, where);
      if (metas.some((m) => m.name === 'flatten')) {
        const inner = type.name === 'Option' && type.args.length === 1 ? type.args[0] : type;
        const sub = inner.args.length === 0 ? this.struct(inner.name, def.file) : undefined;
        if (!sub) throw new ExtractError(`${where}: flattened type '${type.text}' is not a Deserialize struct the extractor can read`);
        this.fields(sub, tablePath, on, texts, seen, children, flattenDepth + 1);
        continue;
      }
      const renameMeta = metas.find((m) => m.name === 'rename');
      const canonical = (renameMeta && deserializeName(renameMeta)) ?? (renameAll ? renameAll(f.name) : f.name);
      const aliases = metas.filter((m) => m.name === 'alias' && m.value !== undefined).map((m) => m.value!);
      const defaultMeta = metas.find((m) => m.name === 'default');
      const mapped = this.mapType(type, def.file, where);
      const base = {
        table: tablePath,
        type: mapped.type,
        source: type.text,
        ...(mapped.optional ? { optional: true } : {}),
        field: `${def.name}.${f.name}`,
        file: def.file,
        ...(defaultMeta?.value ? { defaultFn: defaultMeta.value } : {}),
        ...(on.length < ALL_ARCHES.length ? { cfgArch: texts.join(', ') } : {}),
      };
      for (const [key, aliasOf] of [[canonical, undefined], ...aliases.map((a) => [a, canonical])] as [string, string | undefined][]) {
        const prev = seen.get(key);
        if (prev) throw new ExtractError(`${where}: key '${key}' of [${tablePath}] is also decoded by ${prev}`);
        seen.set(key, `${def.name}.${f.name}`);
        this.keys.push({ ...base, key, ...(aliasOf ? { aliasOf } : {}) });
      }
      if (mapped.child) {
        const prefix = tablePath === '(root)' ? '' : `${tablePath}.`;
        children.push({ def: mapped.child.def, path: `${prefix}${canonical}${mapped.child.suffix}` });
      }
    }
  }
}

/** One release's runtime-rs decoder facts; `dir` is the root of the Kata source tree. */
export function extractRustSnapshot(dir: string): RuntimeSnapshot {
  const mods = loadRsModules(dir);
  const reader = new RsReader(mods);
  const root = reader.struct('TomlConfig', 'src/libs/kata-types/src/config/mod.rs');
  if (!root) throw new ExtractError(`${dir}: no #[derive(Deserialize)] struct TomlConfig in kata-types config`);
  reader.table(root, '(root)');
  return { tables: reader.tables, keys: reader.keys };
}
