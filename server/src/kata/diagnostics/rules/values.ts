/** Values: TOML type and integer width, allowed values, and values Kata replaces. */
import { hypervisorByTable } from '../../catalog';
import { RUNTIME_NAMES } from '../../releases';
import { typeIn, type KataType, type KeySpec } from '../../schema';
import type { AllowedValues, TomlScalar, UncheckedWhen } from '../../schema/types';
import { rewriteNumber } from '../../effective/rewrites';
import { rsAdjustTable, type RsAdjusted } from '../../effective/rsAdjustments';
import type { ValueNode } from '../../../toml';
import type { KataContext, KeyInstance, TableInstance } from '../context';
import { fix, removeEntry, replaceSpan } from '../fixes';
import type { RuleModule } from '../rule';
import type { Fix } from '../types';

const INT_LIMITS: Partial<Record<KataType, [bigint, bigint]>> = {
  u8: [0n, 255n],
  u16: [0n, 65535n],
  u32: [0n, 4294967295n],
  u64: [0n, 18446744073709551615n],
  usize: [0n, 18446744073709551615n],
  i32: [-2147483648n, 2147483647n],
  i64: [-9223372036854775808n, 9223372036854775807n],
};

const TYPE_WORDS: Record<KataType, string> = {
  bool: 'a boolean (true or false)',
  string: 'a string',
  u8: 'an integer',
  u16: 'an integer',
  u32: 'an integer',
  u64: 'an integer',
  usize: 'an integer',
  i32: 'an integer',
  i64: 'an integer',
  f32: 'a number',
  'string[]': 'an array of strings',
  'u32[]': 'an array of integers',
  table: 'a table',
  'table[]': 'an array of tables',
};

function kindWord(v: ValueNode): string {
  switch (v.kind) {
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'float':
      return 'a float';
    case 'boolean':
      return 'a boolean';
    case 'datetime':
      return 'a date-time';
    case 'array':
      return 'an array';
    case 'inline-table':
      return 'an inline table';
    default:
      return 'something that is not TOML';
  }
}

function isInt(t: KataType): boolean {
  return t in INT_LIMITS;
}

function matches(t: KataType, v: ValueNode): boolean {
  switch (t) {
    case 'bool':
      return v.kind === 'boolean';
    case 'string':
      return v.kind === 'string';
    case 'f32':
      return v.kind === 'float' || v.kind === 'integer';
    case 'string[]':
      return v.kind === 'array' && v.items.every((i) => i.kind === 'string');
    case 'u32[]':
      return v.kind === 'array' && v.items.every((i) => i.kind === 'integer');
    case 'table':
      return v.kind === 'inline-table';
    case 'table[]':
      return v.kind === 'array' && v.items.every((i) => i.kind === 'inline-table');
    default:
      return v.kind === 'integer';
  }
}

/** Rewrites that turn the written value into the expected type, when that is unambiguous. */
function typeFixes(ctx: KataContext, t: KataType, v: ValueNode): Fix[] {
  const raw = ctx.doc.text.slice(v.start, v.end);
  if (v.kind === 'string') {
    const s = v.value.trim();
    if (t === 'bool' && /^(true|false)$/i.test(s)) return [fix(`Write ${s.toLowerCase()} without quotes`, [replaceSpan(v, s.toLowerCase())], true)];
    if (isInt(t) && /^[+-]?\d+$/.test(s)) return [fix(`Write ${s} as a number`, [replaceSpan(v, s)], true)];
    if (t === 'f32' && /^[+-]?\d+(\.\d+)?$/.test(s)) return [fix(`Write ${s} as a number`, [replaceSpan(v, s)], true)];
    if (t === 'string[]') return [fix('Make it a list of one string', [replaceSpan(v, `[${raw}]`)], true)];
  }
  if (t === 'string' && (v.kind === 'integer' || v.kind === 'float' || v.kind === 'boolean')) return [fix(`Quote it: "${raw}"`, [replaceSpan(v, JSON.stringify(raw))], true)];
  if (t === 'string[]' && v.kind === 'string') return [fix('Make it a list of one string', [replaceSpan(v, `[${raw}]`)], true)];
  if (isInt(t) && v.kind === 'float' && Number.isInteger(v.value)) return [fix(`Write ${v.value} as an integer`, [replaceSpan(v, String(v.value))], true)];
  return [];
}

function checkType(ctx: KataContext, k: KeyInstance, spec: KeySpec, t: KataType, v: ValueNode): boolean {
  if (matches(t, v)) {
    if (v.kind === 'array') {
      const bad = v.items.find((i) => (t === 'string[]' ? i.kind !== 'string' : i.kind !== 'integer'));
      if (bad) return false;
    }
    return true;
  }
  if (v.kind === 'invalid') return false; // a syntax error is already reported
  const refuses = ctx.target.runtime === 'go' ? 'the Go runtime refuses to load the file' : 'runtime-rs refuses the file';
  const unit = spec.unit ? ` (${spec.unit})` : '';
  ctx.report('kata-type-mismatch', 'error', v, `${k.key} takes ${TYPE_WORDS[t]}${unit}, not ${kindWord(v)}: ${refuses}.`, { fixes: typeFixes(ctx, t, v) });
  return false;
}

function checkRange(ctx: KataContext, k: KeyInstance, t: KataType, v: ValueNode): boolean {
  if (v.kind !== 'integer') return true;
  const limits = INT_LIMITS[t];
  if (!limits) return true;
  const [min, max] = limits;
  if (v.value >= min && v.value <= max) return true;
  const goWraps = ctx.target.runtime === 'go' && (t === 'u64' || t === 'usize') && v.value < 0n;
  if (goWraps) {
    const stored = (v.value + (1n << 64n)).toString();
    ctx.report('kata-int-wraps', 'warning', v, `${k.key} is unsigned: the Go runtime does not reject ${v.value} but stores it as ${stored}.`, {
      fixes: [fix('Use 0', [replaceSpan(v, '0')], true)],
    });
    return false;
  }
  const width = ctx.target.runtime === 'go' ? { u8: 'uint8', u16: 'uint16', u32: 'uint32', u64: 'uint64', usize: 'uint', i32: 'int32', i64: 'int64' }[t as 'u8'] : t;
  ctx.report('kata-int-range', 'error', v, `${v.value} is out of range for ${k.key} (${width}: ${min} to ${max}): ${RUNTIME_NAMES[ctx.target.runtime]} refuses the file.`, {
    fixes: [fix(`Use ${v.value < min ? min : max}`, [replaceSpan(v, String(v.value < min ? min : max))])],
  });
  return false;
}

function checkAllowed(ctx: KataContext, k: KeyInstance, spec: KeySpec, v: ValueNode): void {
  if (v.kind !== 'string' && v.kind !== 'integer') return;
  const hypervisor = k.table.ref?.hypervisor;
  const sets = ctx.schema.allowedValues(spec, hypervisor);
  if (!sets.length) return;
  const value: string | number = v.kind === 'string' ? v.value : Number(v.value);
  if (value === '' && sets.some((s) => s.emptyMeansDefault)) return;
  if (sets.some((s) => s.values.includes(value))) return;
  const allowed = [...new Set(sets.flatMap((s) => s.values))];
  const shown = typeof value === 'string' ? `"${value}"` : String(value);
  const list = allowed.map((a) => (typeof a === 'string' ? `"${a}"` : a)).join(', ');
  const unchecked = sets.map((s) => uncheckedBecause(ctx, k, s));
  if (unchecked.every(Boolean)) {
    const { when, other } = unchecked[0]!;
    ctx.report('kata-value-unchecked', 'information', v, `${shown} is not a valid ${k.key}, but Kata does not use it here: ${when.why}. It would be refused once that changes (allowed: ${list}).`, {
      related: other ? [{ ...ctx.valueSpan(other), message: `${when.key} is set here` }] : undefined,
      fixes: [fix(`Remove ${k.key}`, [removeEntry(ctx.doc, k.entry!)], true)],
      tags: ['unnecessary'],
    });
    return;
  }
  const when = sets.every((s) => s.checked === 'vm-start') ? 'Kata accepts the file but every sandbox fails when it starts the VM' : 'Kata refuses to load the file';
  const scope = [hypervisor ? `${hypervisorByTable(hypervisor)?.displayName ?? hypervisor}` : '', sets.some((s) => s.arches) ? `on ${ctx.target.arch}` : '', sets.some((s) => s.releases) ? `in ${ctx.target.release}` : '']
    .filter(Boolean)
    .join(' ');
  ctx.report('kata-invalid-value', 'error', v, `${shown} is not a valid ${k.key}${scope ? ` for ${scope}` : ''}: ${when}. Allowed: ${list}.`, {
    fixes: allowed.map((a, i) => fix(`Use ${typeof a === 'string' ? `"${a}"` : a}`, [replaceSpan(v, typeof a === 'string' ? JSON.stringify(a) : String(a))], i === 0)),
  });
}

/**
 * The setting of the same table under which Kata never looks at this value (AllowedValues.unless),
 * with the key as written (to point at it); undefined when the check applies. An absent key counts as
 * its code default, except in drop-ins and templates (the base file or the build may set it).
 */
function uncheckedBecause(ctx: KataContext, k: KeyInstance, set: AllowedValues): { when: UncheckedWhen; other?: KeyInstance } | undefined {
  for (const when of set.unless ?? []) {
    const other = ctx.key(k.table, when.key);
    let value: TomlScalar | undefined;
    if (other) {
      const v = ctx.scalar(other);
      value = v?.kind === 'string' || v?.kind === 'boolean' ? v.value : v?.kind === 'integer' ? Number(v.value) : undefined;
    } else if (!ctx.target.dropIn && !ctx.target.template) {
      const d = ctx.schema.spec(k.table.ref!.kind, when.key)?.codeDefault;
      value = Array.isArray(d) ? undefined : (d as TomlScalar | undefined);
    }
    if (value === undefined) continue;
    if ((when.is && when.is.includes(value)) || (when.isNot && !when.isNot.includes(value))) return { when, other };
  }
  return undefined;
}

/**
 * What runtime-rs's adjust_config makes of a written number, when it caps or replaces a value other
 * than 0 with another number (0 meaning the default is no mistake): the same replay the effective
 * configuration runs (effective/rsAdjustments.ts), on the table's other keys as written.
 */
function rsNumberRewrite(ctx: KataContext, k: KeyInstance, n: number): { use: number; why: string } | undefined {
  if (n === 0) return undefined;
  const r = rsTableAdjustments(ctx, k.table).get(k.key);
  return r?.rewritten && typeof r.use === 'number' && r.use !== n && r.host === undefined ? { use: r.use, why: r.why } : undefined;
}

/** runtime-rs's adjustments of one table, replayed once per analysis over the table's written scalars. */
const RS_TABLE_ADJUSTMENTS = new WeakMap<KataContext, Map<TableInstance, Map<string, RsAdjusted>>>();

function rsTableAdjustments(ctx: KataContext, table: TableInstance): Map<string, RsAdjusted> {
  let perTable = RS_TABLE_ADJUSTMENTS.get(ctx);
  if (!perTable) RS_TABLE_ADJUSTMENTS.set(ctx, (perTable = new Map()));
  let adjusted = perTable.get(table);
  if (!adjusted) {
    const values = new Map<string, TomlScalar | undefined>();
    for (const key of ctx.keysOf(table)) {
      const v = ctx.scalar(key);
      values.set(key.key, v?.kind === 'string' || v?.kind === 'boolean' || v?.kind === 'float' ? v.value : v?.kind === 'integer' ? Number(v.value) : undefined);
    }
    adjusted = rsAdjustTable(ctx.target, table.path.join('.'), values, ctx.hypervisorTables().map((t) => t.path[1]));
    perTable.set(table, adjusted);
  }
  return adjusted;
}

function checkAdjusted(ctx: KataContext, k: KeyInstance, spec: KeySpec, v: ValueNode): void {
  if (v.kind !== 'integer' && v.kind !== 'float') return;
  const n = Number(v.value);
  const r = ctx.target.runtime === 'rs' ? rsNumberRewrite(ctx, k, n) : rewriteNumber(spec, n, ctx.target.runtime, k.table.ref?.hypervisor);
  if (!r) return;
  const unit = spec.unit ? ` ${spec.unit}` : '';
  ctx.report('kata-value-adjusted', 'warning', v, `Kata uses ${r.use}${unit} instead of ${n}: ${r.why}.`, {
    fixes: [fix(`Use ${r.use}`, [replaceSpan(v, String(r.use))], true)],
  });
}

export const valuesRule: RuleModule = {
  codes: [
    {
      code: 'kata-type-mismatch',
      severity: 'error',
      title: 'A value of the wrong TOML type',
      kata: 'Go: BurntSushi/toml "incompatible types"; runtime-rs: serde type error (src/libs/kata-types/src/config/mod.rs: TomlConfig::load)',
      rules: ['Go §1.4', 'rs §1'],
    },
    {
      code: 'kata-int-range',
      severity: 'error',
      title: 'An integer outside the range of the field Kata decodes it into',
      kata: 'Go: BurntSushi/toml "%v is out of range for %s"; runtime-rs: serde integer range',
      rules: ['Go §1.4'],
    },
    {
      code: 'kata-int-wraps',
      severity: 'warning',
      title: 'A negative value for a Go uint64 key, stored wrapped around',
      kata: 'Go: BurntSushi/toml has no range check for uint/uint64',
      rules: ['Go §1.4'],
    },
    {
      code: 'kata-invalid-value',
      severity: 'error',
      title: 'A value outside the set Kata accepts (per hypervisor, architecture and release)',
      kata: 'see each key\'s `allowed` source in the schema (e.g. hypervisor.blockDeviceDriver, newQemuArch, BlockDeviceInfo::validate)',
      rules: ['R1', 'R2', 'R9', 'R10', 'R11', 'R15', 'R28', 'R45', 'R46', 'R47', 'H4', 'H5', 'H11', 'H26', 'H28', 'T1', 'T2', 'T3'],
    },
    {
      code: 'kata-value-unchecked',
      severity: 'information',
      title: 'A value Kata would refuse, under settings of its table with which Kata never looks at it (block_device_driver with block devices disabled, rootfs_type without an image, virtio_fs_cache without virtiofsd)',
      kata: 'each key\'s `allowed[].unless` source in the schema (e.g. BlockDeviceInfo::adjust_config, qemu_arch_base.go: handleImagePath)',
      rules: ['H2', 'R46', 'R47'],
    },
    {
      code: 'kata-value-adjusted',
      severity: 'warning',
      title: 'A value Kata silently replaces',
      kata: 'Go: hypervisor.defaultMemSz, defaultBridges, pcieRootPort, ... (src/runtime/pkg/katautils/config.go); runtime-rs: *Info::adjust_config',
      rules: ['R19', 'R20', 'R21', 'R22', 'R23', 'R24', 'R25', 'H17', 'H25'],
    },
  ],
  run(ctx) {
    for (const k of ctx.keys) {
      if (ctx.full) return;
      // Keys without a spec are neither valid nor aliases: skip them before the (costlier) lookup.
      if (!ctx.schema.spec(k.table.ref!.kind, k.key)) continue;
      const l = k.lookup;
      // The Go runtime decodes every hypervisor table into one struct: a key this hypervisor's
      // loader never uses is still decoded, so its type and range are still checked.
      const decodedOnly = l.status === 'unused' && ctx.target.runtime === 'go';
      if ((l.status !== 'valid' && l.status !== 'alias' && !decodedOnly) || !k.entry?.value || ctx.isPlaceholder(k)) continue;
      if (!ctx.schema.readsTable(k.table.ref!.kind)) continue;
      const spec = l.spec;
      const t = typeIn(spec, ctx.target.release);
      const v = k.entry.value;
      if (!checkType(ctx, k, spec, t, v)) continue;
      if (!checkRange(ctx, k, t, v)) continue;
      if (decodedOnly) continue;
      checkAllowed(ctx, k, spec, v);
      checkAdjusted(ctx, k, spec, v);
    }
  },
};
