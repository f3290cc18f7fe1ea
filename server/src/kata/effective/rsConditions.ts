/**
 * The conditions of runtime-rs's adjustments (facts/rs-adjustments.json) tested on one value: shared
 * by the extractor (scripts/kata-facts/rustAdjust.ts, which checks that replaying them in order
 * means what Kata's if/else chains mean) and by rsAdjustments.ts, which replays them.
 */
import type { RsCondition, RsHostQuantity } from '../facts/types';
import type { TomlScalar, TomlValue } from '../schema/types';

/** A value being adjusted: a TOML value, an unset `Option`, a host quantity, or one not known. */
export type RsCell = { kind: 'value'; value: TomlValue } | { kind: 'none' } | { kind: 'host'; host: RsHostQuantity } | { kind: 'unknown' };

/** Whether the condition holds for the value: undefined when that depends on the host or on an unknown value. */
export function conditionHolds(c: RsCondition, cell: RsCell): boolean | undefined {
  if (c.op === 'always') return true;
  if (cell.kind === 'unknown') return undefined;
  if (cell.kind === 'none') return c.op === 'none' ? true : ['empty', 'zero', 'eq', 'in'].includes(c.op) ? false : undefined;
  if (cell.kind === 'host') {
    // a host count is at least 1 and equal to itself
    if (c.op === 'zero' || (c.op === 'lt' && typeof c.value === 'number' && c.value <= 1)) return false;
    if (c.op === 'nonzero') return true;
    if (c.host === cell.host) return c.op === 'ge' || c.op === 'le' || c.op === 'eq';
    return undefined;
  }
  const v = cell.value;
  if (c.host) return typeof v === 'number' && v <= 0 && (c.op === 'gt' || c.op === 'ge') ? false : undefined;
  const isEmpty = v === '' || (Array.isArray(v) && v.length === 0);
  const num = typeof v === 'number' ? v : undefined;
  const lim = typeof c.value === 'number' ? c.value : undefined;
  const compare = (f: (a: number, b: number) => boolean) => (num !== undefined && lim !== undefined ? f(num, lim) : undefined);
  switch (c.op) {
    case 'empty':
      return isEmpty;
    case 'nonempty':
      return !isEmpty;
    case 'zero':
      return v === 0;
    case 'nonzero':
      return typeof v === 'number' ? v !== 0 : undefined;
    case 'none':
      return false;
    case 'eq':
      return v === c.value;
    case 'ne':
      return v !== c.value;
    case 'in':
      return (c.values ?? []).includes(v as TomlScalar);
    case 'gt':
      return compare((a, b) => a > b);
    case 'ge':
      return compare((a, b) => a >= b);
    case 'lt':
      return compare((a, b) => a < b);
    case 'le':
      return compare((a, b) => a <= b);
  }
  return undefined;
}
