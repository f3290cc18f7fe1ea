/**
 * Loads the kata-types `config` module tree of one release as rustc would compile it for
 * runtime-rs: from `config/mod.rs`, following `mod x;` declarations (with `#[path]`) and inline
 * `mod x { ... }` blocks, skipping those `#[cfg]` leaves out (`test`, the `enable-vendor` feature).
 * Files under `config/` that no compiled module reaches (the `*_vendor.rs` samples) are not read.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evalCfg, expandCfgAttr, type CfgResult } from './rustCfg';
import { RustFile, type Attr, type RsField, type RsFn, type RsItem, type Tok } from './rustSyntax';
import { ExtractError } from './snapshot';

export const RS_CONFIG_DIR = 'src/libs/kata-types/src/config';

export interface RsStructDef {
  name: string;
  /** Repository-relative. */
  file: string;
  line: number;
  attrs: Attr[];
  fields: RsField[] | null;
  cfg: CfgResult;
}

/** A `const` item, a free function or an impl block of a compiled module; `cfg` holds its own `#[cfg]`. */
export interface RsConstDef {
  name: string;
  file: string;
  type: Tok[];
  value: Tok[];
  cfg: CfgResult;
}
export interface RsFnDef {
  name: string;
  file: string;
  fn: RsFn;
}
export interface RsImplDef {
  /** The type the impl is for (its last path segment). */
  name: string;
  trait?: string;
  file: string;
  line: number;
  fns: RsFn[];
}

export interface RsModuleSet {
  structs: Map<string, RsStructDef[]>;
  enums: Map<string, { name: string; file: string; attrs: Attr[] }[]>;
  aliases: Map<string, { name: string; file: string; type: Tok[] }[]>;
  consts: Map<string, RsConstDef[]>;
  fns: Map<string, RsFnDef[]>;
  impls: RsImplDef[];
  /** Repository-relative files read. */
  files: string[];
}

function push<T>(m: Map<string, T[]>, k: string, v: T) {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

function pathAttr(attrs: Attr[]): string | undefined {
  const a = attrs.find((x) => x.path === 'path');
  if (!a) return undefined;
  const lit = a.args.find((t) => t.kind === 'str');
  return lit?.text;
}

export function loadRsModules(root: string): RsModuleSet {
  const set: RsModuleSet = { structs: new Map(), enums: new Map(), aliases: new Map(), consts: new Map(), fns: new Map(), impls: [], files: [] };
  const entry = path.join(root, RS_CONFIG_DIR, 'mod.rs');
  if (!fs.existsSync(entry)) throw new ExtractError(`${entry}: not found (is ${root} a Kata source tree?)`);
  const seen = new Set<string>();

  const visitFile = (abs: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const rel = path.relative(root, abs).split(path.sep).join('/');
    set.files.push(rel);
    const file = new RustFile(fs.readFileSync(abs, 'utf8'), rel);
    const base = path.basename(abs);
    const isModRs = base === 'mod.rs' || base === 'lib.rs' || base === 'main.rs';
    const childDir = isModRs ? path.dirname(abs) : path.join(path.dirname(abs), base.replace(/\.rs$/, ''));
    visitItems(file.items, rel, path.dirname(abs), childDir);
  };

  /** `pathDir`: where `#[path]` is relative to; `childDir`: where `mod x;` files are looked up. */
  const visitItems = (items: RsItem[], rel: string, pathDir: string, childDir: string) => {
    for (const item of items) {
      const attrs = expandCfgAttr(item.attrs, rel);
      const cfg = evalCfg(attrs, `${rel}:${item.line}`);
      if (cfg.arches.length === 0) continue;
      switch (item.kind) {
        case 'struct':
          push(set.structs, item.name, { name: item.name, file: rel, line: item.line, attrs, fields: item.fields, cfg });
          break;
        case 'enum':
          push(set.enums, item.name, { name: item.name, file: rel, attrs });
          break;
        case 'type':
          push(set.aliases, item.name, { name: item.name, file: rel, type: item.type });
          break;
        case 'const':
          push(set.consts, item.name, { name: item.name, file: rel, type: item.type, value: item.value, cfg });
          break;
        case 'fn':
          push(set.fns, item.name, { name: item.name, file: rel, fn: item.fn });
          break;
        case 'impl':
          set.impls.push({ name: item.name, ...(item.trait ? { trait: item.trait } : {}), file: rel, line: item.line, fns: item.fns });
          break;
        case 'mod': {
          const p = pathAttr(attrs);
          if (item.body) {
            const dir = path.join(childDir, item.name);
            visitItems(item.body, rel, dir, dir);
            break;
          }
          const candidates = p ? [path.join(pathDir, p)] : [path.join(childDir, `${item.name}.rs`), path.join(childDir, item.name, 'mod.rs')];
          const found = candidates.find((c) => fs.existsSync(c));
          if (found) visitFile(found);
          break;
        }
      }
    }
  };

  visitFile(entry);
  return set;
}
