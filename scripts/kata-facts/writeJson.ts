/**
 * JSON layout of the committed facts: objects indented, the fact arrays (`tables`, `keys`,
 * `hypervisorNames` of decoders.json; `files`, `values` of shipped-*.json) with one compact
 * element per line, so that a diff of one fact is one line; every other array stays on one line.
 */

export const FACT_ARRAYS = ['tables', 'keys', 'hypervisorNames', 'files', 'values'] as const;

export function formatFacts(value: unknown, factArrays: readonly string[] = FACT_ARRAYS): string {
  const lists = new Set(factArrays);
  const print = (v: unknown, indent: string, key: string | undefined): string => {
    if (Array.isArray(v)) {
      if (key !== undefined && lists.has(key) && v.length > 0) {
        const inner = indent + '  ';
        return `[\n${v.map((e) => inner + JSON.stringify(e)).join(',\n')}\n${indent}]`;
      }
      return JSON.stringify(v);
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      const inner = indent + '  ';
      return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${print(x, inner, k)}`).join(',\n')}\n${indent}}`;
    }
    return JSON.stringify(v);
  };
  return print(value, '', undefined) + '\n';
}
