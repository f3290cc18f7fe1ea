import type { TomlNode, TomlTable } from './model';

/** A TOML value as plain JavaScript: integers stay exact as bigint, date-times keep their text. */
export type PlainValue = string | bigint | number | boolean | { datetime: string; kind: string } | PlainValue[] | { [key: string]: PlainValue };

export function toPlain(node: TomlNode): PlainValue {
  switch (node.type) {
    case 'table': {
      const out: { [key: string]: PlainValue } = {};
      for (const [k, v] of node.entries) out[k] = toPlain(v);
      return out;
    }
    case 'array':
      return node.items.map(toPlain);
    case 'value': {
      const v = node.value;
      if (v.kind === 'datetime') return { datetime: v.raw, kind: v.subtype };
      if (v.kind === 'invalid') return v.raw;
      return v.value;
    }
  }
}

export function tableToPlain(table: TomlTable): { [key: string]: PlainValue } {
  return toPlain(table) as { [key: string]: PlainValue };
}
