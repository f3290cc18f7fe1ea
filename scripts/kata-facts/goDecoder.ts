/**
 * Go runtime: the tables and keys BurntSushi/toml decodes into `tomlConfig`
 * (src/runtime/pkg/katautils/config.go) for one release, and the `[hypervisor.X]` names the loader
 * accepts (the switch in `updateRuntimeConfigHypervisor`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { KataType } from '../../server/src/kata/schema/types';
import { parseGoFile, tagValue, type GoFile, type GoTok, type GoTypeDecl } from './goSyntax';
import { ExtractError, type KeySnapshot, type RuntimeSnapshot, type TableSnapshot } from './snapshot';

export const GO_CONFIG_FILE = 'src/runtime/pkg/katautils/config.go';

const BUILTINS: Record<string, KataType> = {
  bool: 'bool',
  string: 'string',
  uint8: 'u8',
  byte: 'u8',
  uint16: 'u16',
  uint32: 'u32',
  uint64: 'u64',
  uint: 'u64',
  int32: 'i32',
  int64: 'i64',
  int: 'i64',
  float32: 'f32',
};

/**
 * Named types from other packages, by type name: their underlying type. The excerpts do not hold
 * those packages; a new one fails the run so that it is added here deliberately.
 */
const EXTERNAL: Record<string, KataType> = {
  PCIePort: 'string', // virtcontainers/device/config: type PCIePort string
  MonitorProtocol: 'string', // govmm/qemu: type MonitorProtocol string
};

type GoType =
  | { kind: 'name'; pkg?: string; name: string }
  | { kind: 'ptr' | 'slice'; elem: GoType }
  | { kind: 'map'; key: GoType; value: GoType };

function parseGoType(t: GoTok[], where: string): GoType {
  const text = t.map((x) => x.text).join('');
  const fail = (): never => {
    throw new ExtractError(`${where}: Go type '${text}' is not understood by the extractor`);
  };
  if (t.length === 0) fail();
  if (t[0].text === '*') return { kind: 'ptr', elem: parseGoType(t.slice(1), where) };
  if (t[0].text === '[' && t[1]?.text === ']') return { kind: 'slice', elem: parseGoType(t.slice(2), where) };
  if (t[0].kind === 'ident' && t[0].text === 'map' && t[1]?.text === '[') {
    let depth = 0;
    let k = 1;
    for (; k < t.length; k++) {
      if (t[k].text === '[') depth++;
      else if (t[k].text === ']' && --depth === 0) break;
    }
    return { kind: 'map', key: parseGoType(t.slice(2, k), where), value: parseGoType(t.slice(k + 1), where) };
  }
  if (t.length === 1 && t[0].kind === 'ident') return { kind: 'name', name: t[0].text };
  if (t.length === 3 && t[0].kind === 'ident' && t[1].text === '.' && t[2].kind === 'ident') return { kind: 'name', pkg: t[0].text, name: t[2].text };
  return fail();
}

interface Mapped {
  type: KataType;
  child?: { decl: GoTypeDecl; suffix: string };
}

class GoReader {
  readonly tables: TableSnapshot[] = [];
  readonly keys: KeySnapshot[] = [];

  constructor(private readonly file: GoFile) {}

  private struct(t: GoType): GoTypeDecl | undefined {
    if (t.kind !== 'name' || t.pkg) return undefined;
    const d = this.file.types.get(t.name);
    return d && d.fields ? d : undefined;
  }

  private map(t: GoType, where: string, depth = 0): Mapped {
    if (depth > 8) throw new ExtractError(`${where}: named types nest too deep`);
    switch (t.kind) {
      case 'ptr':
        return this.map(t.elem, where, depth + 1);
      case 'slice': {
        const e = t.elem;
        const d = this.struct(e);
        if (d) return { type: 'table[]', child: { decl: d, suffix: '[]' } };
        const m = this.map(e, where, depth + 1);
        if (m.type === 'string') return { type: 'string[]' };
        if (m.type === 'u32') return { type: 'u32[]' };
        throw new ExtractError(`${where}: list of ${m.type} has no KataType (extend KataType and the extractor)`);
      }
      case 'map': {
        const d = this.struct(t.value);
        return { type: 'table', child: d ? { decl: d, suffix: '.<name>' } : undefined };
      }
      case 'name': {
        if (t.pkg) {
          const ext = EXTERNAL[t.name];
          if (ext) return { type: ext };
          throw new ExtractError(`${where}: the underlying type of ${t.pkg}.${t.name} is unknown; add it to EXTERNAL in goDecoder.ts`);
        }
        if (BUILTINS[t.name]) return { type: BUILTINS[t.name] };
        if (t.name === 'float64') throw new ExtractError(`${where}: float64 has no KataType (add 'f64' to KataType)`);
        const d = this.file.types.get(t.name);
        if (d?.fields) return { type: 'table', child: { decl: d, suffix: '' } };
        if (d) return this.map(parseGoType(d.type, where), where, depth + 1);
        throw new ExtractError(`${where}: Go type '${t.name}' is not declared in ${GO_CONFIG_FILE}`);
      }
    }
  }

  table(decl: GoTypeDecl, tablePath: string, depth = 0) {
    if (depth > 12) throw new ExtractError(`${GO_CONFIG_FILE}: tables nest too deep at ${tablePath}`);
    this.tables.push({ path: tablePath, struct: decl.name, file: GO_CONFIG_FILE });
    const children: { decl: GoTypeDecl; path: string }[] = [];
    this.fields(decl, tablePath, new Map(), children, 0);
    for (const c of children) this.table(c.decl, c.path, depth + 1);
  }

  private fields(decl: GoTypeDecl, tablePath: string, seen: Map<string, string>, children: { decl: GoTypeDecl; path: string }[], embedDepth: number) {
    if (embedDepth > 8) throw new ExtractError(`${GO_CONFIG_FILE}:${decl.line}: embedding nests too deep`);
    for (const f of decl.fields ?? []) {
      const where = `${GO_CONFIG_FILE}:${f.line} ${decl.name}`;
      const tag = tagValue(f.tag, 'toml');
      if (tag === '-') continue;
      const tagName = tag?.split(',')[0] || undefined;
      const type = parseGoType(f.type, where);
      const names = [...f.names];
      if (names.length === 0) {
        // embedded: BurntSushi/toml promotes the fields of an untagged embedded struct
        const inner = type.kind === 'ptr' ? type.elem : type;
        const d = this.struct(inner);
        if (d && !tagName) {
          this.fields(d, tablePath, seen, children, embedDepth + 1);
          continue;
        }
        if (inner.kind !== 'name') throw new ExtractError(`${where}: embedded field is not understood by the extractor`);
        names.push(inner.name);
      }
      for (const name of names) {
        if (!/^[A-Z]/.test(name)) continue; // unexported: the decoder never sets it
        const key = tagName ?? name.toLowerCase();
        const mapped = this.map(type, `${where}.${name}`);
        const prev = seen.get(key);
        if (prev) throw new ExtractError(`${where}.${name}: key '${key}' of [${tablePath}] is also decoded by ${prev}`);
        seen.set(key, `${decl.name}.${name}`);
        this.keys.push({ table: tablePath, key, type: mapped.type, source: f.type.map((x) => x.text).join(''), field: `${decl.name}.${name}`, file: GO_CONFIG_FILE });
        if (mapped.child) {
          const prefix = tablePath === '(root)' ? '' : `${tablePath}.`;
          children.push({ decl: mapped.child.decl, path: `${prefix}${key}${mapped.child.suffix}` });
        }
      }
    }
  }
}

/** The case labels of the `switch` statements in `updateRuntimeConfigHypervisor`, as strings. */
function hypervisorNames(file: GoFile): string[] {
  const body = file.funcs.get('updateRuntimeConfigHypervisor');
  if (!body) throw new ExtractError(`${GO_CONFIG_FILE}: no func updateRuntimeConfigHypervisor (find how this release checks hypervisor table names)`);
  const names = new Set<string>();
  for (let i = 0; i < body.length; i++) {
    if (body[i].kind !== 'ident' || body[i].text !== 'case') continue;
    let k = i + 1;
    for (; k < body.length && !(body[k].kind === 'punct' && body[k].text === ':'); k++) {
      const t = body[k];
      if (t.kind === 'str') names.add(t.text);
      else if (t.kind === 'ident') {
        const v = file.consts.get(t.text);
        if (v === undefined) throw new ExtractError(`${GO_CONFIG_FILE}: case label ${t.text} in updateRuntimeConfigHypervisor is not a string constant`);
        names.add(v);
      }
    }
    i = k;
  }
  if (names.size === 0) throw new ExtractError(`${GO_CONFIG_FILE}: updateRuntimeConfigHypervisor has no case labels`);
  return [...names].sort();
}

/** One release's Go runtime decoder facts; `dir` is the root of the Kata source tree. */
export function extractGoSnapshot(dir: string): RuntimeSnapshot {
  const abs = path.join(dir, GO_CONFIG_FILE);
  if (!fs.existsSync(abs)) throw new ExtractError(`${abs}: not found (is ${dir} a Kata source tree?)`);
  const file = parseGoFile(fs.readFileSync(abs, 'utf8'), GO_CONFIG_FILE);
  const root = file.types.get('tomlConfig');
  if (!root?.fields) throw new ExtractError(`${GO_CONFIG_FILE}: no struct tomlConfig`);
  const reader = new GoReader(file);
  reader.table(root, '(root)');
  return { tables: reader.tables, keys: reader.keys, hypervisorNames: hypervisorNames(file) };
}
