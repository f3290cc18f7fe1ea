/**
 * `#[cfg(...)]` and `#[cfg_attr(...)]` for the runtime-rs reader, evaluated for the build Kata
 * ships: Linux, no cargo features beyond the defaults (the `enable-vendor` feature that pulls in
 * `*_vendor.rs` is off), not `test`; target arches are kept open and reported.
 */
import { attrMeta, tokText, type Attr, type Meta } from './rustSyntax';
import { ExtractError } from './snapshot';

/** Kata's target arches in Rust's `target_arch` spelling, with their endianness. */
const ARCHES: Record<string, 'little' | 'big'> = {
  x86_64: 'little',
  aarch64: 'little',
  powerpc64: 'little', // ppc64le
  s390x: 'big',
  riscv64: 'little',
};
export const ALL_ARCHES = Object.keys(ARCHES);

function evalMeta(m: Meta, arch: string, where: string): boolean {
  switch (m.name) {
    case 'all':
      return (m.list ?? []).every((x) => evalMeta(x, arch, where));
    case 'any':
      return (m.list ?? []).some((x) => evalMeta(x, arch, where));
    case 'not':
      if (!m.list || m.list.length !== 1) throw new ExtractError(`${where}: malformed cfg(not(...))`);
      return !evalMeta(m.list[0], arch, where);
    case 'test':
    case 'debug_assertions':
    case 'doc':
    case 'miri':
      return false;
    case 'feature':
      return false;
    case 'unix':
      return true;
    case 'windows':
      return false;
    case 'target_os':
      return m.value === 'linux';
    case 'target_family':
      return m.value === 'unix';
    case 'target_arch':
      return m.value === arch;
    case 'target_endian':
      return m.value === ARCHES[arch];
    case 'target_pointer_width':
      return m.value === '64';
    default:
      throw new ExtractError(`${where}: cfg predicate '${tokText(m.toks)}' is not understood by the extractor`);
  }
}

/** Whether the predicate mentions the target arch at all. */
function mentionsArch(m: Meta): boolean {
  return m.name === 'target_arch' || m.name === 'target_endian' || (m.list ?? []).some(mentionsArch);
}

export interface CfgResult {
  /** The arches the item is compiled for (empty: never compiled). */
  arches: string[];
  /** The cfg predicates written on the item that restrict the arch, as Kata writes them. */
  archText?: string;
}

/** Evaluates every `#[cfg(...)]` of an item. */
export function evalCfg(attrs: Attr[], where: string): CfgResult {
  const preds = attrs.filter((a) => a.path === 'cfg').map((a) => ({ meta: attrMeta(a), a }));
  let arches = ALL_ARCHES;
  const texts: string[] = [];
  for (const p of preds) {
    if (p.meta.length !== 1) throw new ExtractError(`${where}:${p.a.line}: malformed #[cfg]`);
    arches = arches.filter((arch) => evalMeta(p.meta[0], arch, `${where}:${p.a.line}`));
    if (mentionsArch(p.meta[0])) texts.push(tokText(p.meta[0].toks));
  }
  const restricted = arches.length > 0 && arches.length < ALL_ARCHES.length;
  return { arches, archText: restricted ? texts.join(', ') : undefined };
}

/** Expands `#[cfg_attr(pred, a, b)]` into the attributes `a`, `b` when `pred` holds on every arch. */
export function expandCfgAttr(attrs: Attr[], where: string): Attr[] {
  const out: Attr[] = [];
  for (const a of attrs) {
    if (a.path !== 'cfg_attr') {
      out.push(a);
      continue;
    }
    const [pred, ...rest] = attrMeta(a);
    if (!pred) throw new ExtractError(`${where}:${a.line}: malformed #[cfg_attr]`);
    const on = ALL_ARCHES.filter((arch) => evalMeta(pred, arch, `${where}:${a.line}`));
    if (on.length === 0) continue;
    if (on.length < ALL_ARCHES.length) throw new ExtractError(`${where}:${a.line}: arch-dependent #[cfg_attr] is not supported by the extractor`);
    for (const m of rest) out.push({ path: m.name, args: m.toks.slice(1), line: a.line });
  }
  return out;
}
