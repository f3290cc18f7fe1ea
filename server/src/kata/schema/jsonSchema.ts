/**
 * Exports the schema of one target as a draft-07 JSON Schema, for generic TOML tools (taplo,
 * Tombi). It can only say what JSON Schema can: types, integer ranges, allowed values and which
 * keys exist. Cross-key rules and Kata's silent adjustments stay with kata-config's own checks.
 */
import { hypervisorByTable } from '../catalog';
import { describeRange, RUNTIME_NAMES } from '../releases';
import { KataSchema, knownIn, typeIn, type SchemaTarget } from './index';
import type { KataType, KeySpec, TableKind } from './types';

type JsonSchema = { [key: string]: unknown };

/** JSON numbers are doubles: the 64-bit bounds are the nearest ones (2^64 and ±2^63), as they always were here. */
const INT_RANGE: Partial<Record<KataType, [number | string, number | string]>> = {
  u8: [0, 255],
  u16: [0, 65535],
  u32: [0, 4294967295],
  u64: [0, 2 ** 64],
  usize: [0, 2 ** 64],
  i32: [-2147483648, 2147483647],
  i64: [-(2 ** 63), 2 ** 63],
};

function typeSchema(t: KataType): JsonSchema {
  switch (t) {
    case 'bool':
      return { type: 'boolean' };
    case 'string':
      return { type: 'string' };
    case 'f32':
      return { type: 'number' };
    case 'string[]':
      return { type: 'array', items: { type: 'string' } };
    case 'u32[]':
      return { type: 'array', items: { type: 'integer', minimum: 0, maximum: 4294967295 } };
    case 'table':
      return { type: 'object' };
    case 'table[]':
      return { type: 'array', items: { type: 'object' } };
    default: {
      const [minimum, maximum] = INT_RANGE[t] ?? [undefined, undefined];
      return { type: 'integer', minimum, maximum };
    }
  }
}

export interface ExportOptions extends SchemaTarget {
  /** Only this `[hypervisor.<name>]` table; all the target's tables when absent. */
  hypervisor?: string;
}

export function exportJsonSchema(opts: ExportOptions): JsonSchema {
  const schema = new KataSchema(opts);
  const propertyOf = (spec: KeySpec, hypervisor?: string): JsonSchema => {
    const doc = schema.doc(spec);
    const lookup = schema.lookup(spec.table, spec.key, hypervisor);
    const ignored = lookup.status === 'ignored' || lookup.status === 'wrong-release';
    // Kata drops an ignored key whatever its value, so only its presence is described.
    const prop: JsonSchema = ignored ? {} : { ...typeSchema(typeIn(spec, opts.release)) };
    const parts = [doc?.summary ?? spec.key];
    if (ignored) {
      prop.deprecated = true;
      parts.push(`Kata ${opts.release} ignores this key${spec.replacement ? `; use ${spec.replacement}` : ''}.`);
    } else if (lookup.status === 'unused') {
      parts.push(`The ${hypervisor} hypervisor does not use it (read by ${lookup.readers.join(', ')}).`);
    } else if (lookup.status === 'alias') {
      parts.push(`Alias of ${spec.aliasOf}.`);
    }
    if (spec.unit) parts.push(`Unit: ${spec.unit}.`);
    prop.description = parts.join(' ');
    const shipped = schema.shippedValue(spec, hypervisor);
    if (shipped) prop.default = shipped.value;
    const allowed = lookup.status === 'valid' ? schema.allowedValues(spec, hypervisor) : [];
    if (allowed.length && prop.type === 'string') {
      const values = new Set<string | number>();
      for (const a of allowed) {
        a.values.forEach((v) => values.add(v));
        if (a.emptyMeansDefault) values.add('');
      }
      prop.enum = [...values];
    } else if (allowed.length && prop.type === 'integer') {
      prop.enum = [...new Set(allowed.flatMap((a) => a.values))];
    }
    return prop;
  };

  /** Known keys of a table (valid, aliases, ignored-but-shipped) with `additionalProperties: false`. */
  const tableSchema = (kind: TableKind, hypervisor?: string, title?: string): JsonSchema => {
    const properties: Record<string, JsonSchema> = {};
    for (const spec of schema.specsOf(kind)) {
      if (spec.type === 'table' || spec.type === 'table[]') continue;
      const known = knownIn(spec, hypervisor, opts.release);
      if (known) properties[spec.key] = propertyOf(spec, hypervisor);
    }
    const table: JsonSchema = { type: 'object', properties, additionalProperties: false };
    if (title) table.title = title;
    return table;
  };

  const hypervisorProps: Record<string, JsonSchema> = {};
  const names = opts.hypervisor ? [opts.hypervisor] : schema.hypervisorTables();
  for (const name of names) {
    const t = tableSchema('hypervisor', name, hypervisorByTable(name, opts.runtime)?.displayName ?? name);
    const props = t.properties as Record<string, JsonSchema>;
    if (schema.readsTable('hypervisor.factory')) props.factory = tableSchema('hypervisor.factory', name);
    if (schema.readsTable('rootless_user')) props.rootless_user = tableSchema('rootless_user', name);
    if (schema.readsTable('guest_extension_images')) props.guest_extension_images = { type: 'array', items: tableSchema('guest_extension_images', name) };
    hypervisorProps[name] = t;
  }

  const agent = tableSchema('agent');
  if (schema.readsTable('mem_agent')) (agent.properties as Record<string, JsonSchema>).mem_agent = tableSchema('mem_agent');
  const runtime = tableSchema('runtime');
  if (schema.readsTable('shared_mounts')) (runtime.properties as Record<string, JsonSchema>).shared_mounts = { type: 'array', items: tableSchema('shared_mounts') };

  const properties: Record<string, JsonSchema> = {
    hypervisor: { type: 'object', properties: hypervisorProps, additionalProperties: false },
    agent: { type: 'object', additionalProperties: agent },
    runtime,
  };
  for (const kind of ['factory', 'image'] as const) {
    if (schema.readsTable(kind)) properties[kind] = tableSchema(kind);
    else if (kind === 'factory' && opts.runtime === 'rs') properties.factory = { type: 'object', deprecated: true, description: 'runtime-rs ignores a top-level [factory] table.' };
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: `Generated by kata-config for Kata ${opts.release} (${describeRange({ since: opts.release, until: opts.release })}), ${RUNTIME_NAMES[opts.runtime]}, ${opts.arch}.`,
    title: `Kata Containers configuration: ${RUNTIME_NAMES[opts.runtime]} ${opts.release} (${opts.arch})${opts.hypervisor ? `, [hypervisor.${opts.hypervisor}]` : ''}`,
    type: 'object',
    properties,
    additionalProperties: true,
  };
}
