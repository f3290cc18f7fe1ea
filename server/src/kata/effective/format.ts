/** The effective configuration as text: TOML with an origin comment per value, or JSON. */
import type { TomlValue } from '../schema/types';
import type { EffectiveConfig, EffectiveEntry, Origin } from './model';

export function tomlValue(v: TomlValue): string {
  if (Array.isArray(v)) return `[${v.map((x) => tomlValue(x)).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' && Number.isInteger(v) === false) return String(v);
  return String(v);
}

function where(o: { file: string; line: number }): string {
  return `${o.file}:${o.line}`;
}

export function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case 'built-in':
      return "Kata's built-in default";
    case 'written':
      return `${origin.dropIn ? 'drop-in ' : ''}${where(origin)}`;
    case 'rewritten':
      return `Kata's rewrite of ${tomlValue(origin.written)} (${origin.why}), ${origin.dropIn ? 'drop-in ' : ''}${where(origin)}`;
  }
}

function comment(e: EffectiveEntry): string {
  const over = e.overrides.length ? `; overrides ${e.overrides.map(where).join(', ')}` : '';
  return `# ${describeOrigin(e.origin)}${over}`;
}

export function formatEffectiveToml(c: EffectiveConfig & { base: string; dropIns: string[] }): string {
  const lines = [`# Effective configuration of ${c.base}${c.dropIns.length ? ` with ${c.dropIns.length} drop-in${c.dropIns.length === 1 ? '' : 's'}` : ''}, as kata-config reads Kata`];
  for (const d of c.dropIns) lines.push(`#   drop-in: ${d}`);
  for (const u of c.unreadable) lines.push(`# NOT TOML, Kata refuses the configuration: ${u.file}: ${u.message}`);
  if (c.refused.length) {
    const first = c.refused[0];
    lines.push(`# KATA REFUSES THIS CONFIGURATION at ${first.line ? where(first) : first.file}: ${first.message}`);
    for (const r of c.refused.slice(1)) lines.push(`#   and next at ${r.line ? where(r) : r.file}: ${r.message}`);
  }
  let table = '';
  for (const e of c.entries) {
    if (e.table !== table) {
      table = e.table;
      lines.push('', `[${table}]`);
    }
    const host = e.host ? `; depends on the host: ${e.host}` : '';
    if (e.value !== undefined) lines.push(`${e.key} = ${tomlValue(e.value)}  ${comment(e)}${host}`);
    else lines.push(`# ${e.key} = <${e.host ?? "not known to kata-config"}>  ${comment(e)}`);
  }
  return lines.join('\n');
}

export function formatEffectiveJson(c: EffectiveConfig & { base: string; dropIns: string[] }): string {
  return JSON.stringify(
    {
      base: c.base,
      dropIns: c.dropIns,
      unreadable: c.unreadable,
      refused: c.refused.map(({ offset: _offset, ...r }) => r),
      entries: c.entries.map((e) => ({ table: e.table, key: e.key, value: e.value ?? null, origin: e.origin, ...(e.host ? { host: e.host } : {}), overrides: e.overrides })),
    },
    null,
    2,
  );
}
