/** Converts our data model to toml-test's tagged JSON and compares it with an expected file. */
import type { TomlNode } from '../../server/src/toml';

export type Tagged = { type: string; value: string } | Tagged[] | { [key: string]: Tagged };

const DATETIME_TYPE: Record<string, string> = {
  'offset-datetime': 'datetime',
  'local-datetime': 'datetime-local',
  'local-date': 'date-local',
  'local-time': 'time-local',
};

export function toTagged(node: TomlNode): Tagged {
  if (node.type === 'table') {
    const out: { [key: string]: Tagged } = {};
    for (const [k, v] of node.entries) out[k] = toTagged(v);
    return out;
  }
  if (node.type === 'array') return node.items.map(toTagged);
  const v = node.value;
  switch (v.kind) {
    case 'string':
      return { type: 'string', value: v.value };
    case 'integer':
      return { type: 'integer', value: v.value.toString() };
    case 'float':
      return { type: 'float', value: Number.isNaN(v.value) ? 'nan' : v.value === Infinity ? 'inf' : v.value === -Infinity ? '-inf' : String(v.value) };
    case 'boolean':
      return { type: 'bool', value: String(v.value) };
    case 'datetime':
      return { type: DATETIME_TYPE[v.subtype], value: v.raw };
    case 'invalid':
      return { type: 'invalid', value: v.raw };
  }
}

function isLeaf(x: unknown): x is { type: string; value: string } {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && typeof (x as { type?: unknown }).type === 'string' && typeof (x as { value?: unknown }).value === 'string' && Object.keys(x).length === 2;
}

function floatOf(s: string): number {
  const t = s.replace(/_/g, '');
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (/^[+]?inf$/.test(t)) return Infinity;
  if (t === '-inf') return -Infinity;
  return Number(t);
}

/** Normalises a date-time text so equal instants written differently compare equal. */
function normDateTime(s: string): string {
  let t = s.toUpperCase().replace(' ', 'T');
  t = t.replace(/\.(\d+?)0*(?=Z|[+-]\d\d:\d\d|$)/, (_m, frac: string) => (/^0*$/.test(frac) ? '' : `.${frac}`));
  return t.replace(/\+00:00$|-00:00$/, 'Z');
}

export function compareTagged(expected: unknown, actual: Tagged, at = '$'): string[] {
  if (isLeaf(expected)) {
    if (!isLeaf(actual)) return [`${at}: expected ${expected.type} ${expected.value}, got ${JSON.stringify(actual)}`];
    if (expected.type !== actual.type) return [`${at}: expected type ${expected.type}, got ${actual.type}`];
    if (expected.type === 'float') {
      const e = floatOf(expected.value);
      const a = floatOf(actual.value);
      return (Number.isNaN(e) && Number.isNaN(a)) || e === a ? [] : [`${at}: expected float ${expected.value}, got ${actual.value}`];
    }
    if (expected.type.startsWith('date') || expected.type.startsWith('time')) {
      return normDateTime(expected.value) === normDateTime(actual.value) ? [] : [`${at}: expected ${expected.value}, got ${actual.value}`];
    }
    return expected.value === actual.value ? [] : [`${at}: expected ${JSON.stringify(expected.value)}, got ${JSON.stringify(actual.value)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected an array`];
    if (expected.length !== actual.length) return [`${at}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((e, i) => compareTagged(e, actual[i], `${at}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual) || isLeaf(actual)) return [`${at}: expected a table`];
    const ek = Object.keys(expected).sort();
    const ak = Object.keys(actual).sort();
    if (ek.join('\u0000') !== ak.join('\u0000')) return [`${at}: expected keys ${JSON.stringify(ek)}, got ${JSON.stringify(ak)}`];
    return ek.flatMap((k) => compareTagged((expected as Record<string, unknown>)[k], (actual as Record<string, Tagged>)[k], `${at}.${k}`));
  }
  return [`${at}: unexpected expected value ${JSON.stringify(expected)}`];
}
