/** The effective configuration as text: TOML with an origin comment per value, or JSON. */
import type { TomlValue } from '../schema/types';
import type { EffectiveConfig, EffectiveEntry, Origin } from './model';

export function tomlValue(v: TomlValue): string {
  if (Array.isArray(v)) return `[${v.map((x) => tomlValue(x)).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' && Number.isInteger(v) === false) return String(v);
  return String(v);
}

/** `file:line`; `folder` (the base file's) is left out of paths inside it: `config.d/50-debug.toml:4`. */
function where(o: { file: string; line: number }, folder?: string): string {
  const file = o.file.replace(/\\/g, '/');
  return `${folder && file.startsWith(`${folder}/`) ? file.slice(folder.length + 1) : o.file}:${o.line}`;
}

export function describeOrigin(origin: Origin, folder?: string): string {
  switch (origin.kind) {
    case 'built-in':
      return origin.why ? `Kata's built-in default (${origin.why})` : "Kata's built-in default";
    case 'written':
      return `${origin.dropIn ? 'drop-in ' : ''}${where(origin, folder)}`;
    case 'rewritten':
      return `Kata's rewrite of ${tomlValue(origin.written)} (${origin.why}), ${origin.dropIn ? 'drop-in ' : ''}${where(origin, folder)}`;
  }
}

function comment(e: EffectiveEntry, folder: string): string {
  const over = e.overrides.length ? `; overrides ${e.overrides.map((o) => where(o, folder)).join(', ')}` : '';
  return `# ${describeOrigin(e.origin, folder)}${over}`;
}

export function formatEffectiveToml(c: EffectiveConfig & { base: string; dropIns: string[] }): string {
  // Origins inside the base file's folder are written relative to it (the header names the folder).
  const folder = c.base.replace(/\\/g, '/').replace(/\/[^/]*$/, '');
  const lines = [`# Effective configuration of ${c.base}${c.dropIns.length ? ` with ${c.dropIns.length} drop-in${c.dropIns.length === 1 ? '' : 's'}` : ''}: the values Kata uses and where each comes from (kata-config)`];
  for (const d of c.dropIns) lines.push(`#   drop-in: ${d}`);
  for (const u of c.unreadable) lines.push(`# NOT TOML, Kata refuses the configuration: ${u.file}: ${u.message}`);
  if (c.refused.length) {
    const first = c.refused[0];
    lines.push(`# KATA REFUSES THIS CONFIGURATION at ${first.line ? where(first, folder) : first.file}: ${first.message}`);
    for (const r of c.refused.slice(1)) lines.push(`#   and next at ${r.line ? where(r, folder) : r.file}: ${r.message}`);
  }
  let table = '';
  for (const e of c.entries) {
    if (e.table !== table) {
      table = e.table;
      lines.push('', `[${table}]`);
    }
    const host = e.host ? `; depends on the host: ${e.host}` : '';
    if (e.value !== undefined) lines.push(`${e.key} = ${tomlValue(e.value)}  ${comment(e, folder)}${host}`);
    else lines.push(`# ${e.key} = <${e.host ?? "not known to kata-config"}>  ${comment(e, folder)}`);
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
