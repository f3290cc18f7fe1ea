/** Markdown for keys, values and hypervisors, shared by hover and completion so they say the same. */
import { hypervisorByTable } from '../kata/catalog';
import { RUNTIME_NAMES } from '../kata/releases';
import type { KataSchema, KeySpec } from '../kata/schema';
import { typeIn } from '../kata/schema';
import type { Target } from '../kata/target';
import { copiedAsWritten } from '../kata/effective/rewrites';
import { rsAdjustmentNotes } from '../kata/effective/rsAdjustments';

const REPO = 'https://github.com/kata-containers/kata-containers/blob';

export function formatValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (typeof v === 'string') return JSON.stringify(v);
  return String(v);
}

const TYPE_NAMES: Record<string, string> = {
  bool: 'boolean',
  string: 'string',
  u8: 'integer (u8)',
  u16: 'integer (u16)',
  u32: 'integer (uint32)',
  u64: 'integer (uint64)',
  usize: 'integer (usize)',
  i32: 'integer (int32)',
  i64: 'integer (int64)',
  f32: 'number (float32)',
  'string[]': 'array of strings',
  'u32[]': 'array of integers',
  table: 'table',
  'table[]': 'array of tables',
};

/** One line for completion lists: type, unit and default. */
export function keyDetail(schema: KataSchema, spec: KeySpec, target: Target, hypervisor?: string): string {
  const parts = [TYPE_NAMES[typeIn(spec, target.release)] ?? spec.type];
  if (spec.unit) parts.push(spec.unit);
  const def = shippedDefault(schema, spec, hypervisor);
  if (def !== undefined) parts.push(`default ${formatValue(def)}`);
  return parts.join(' · ');
}

/** The value a new key starts from: what this target's shipped file sets (for this release and arch), else Kata's built-in default. */
export function shippedDefault(schema: KataSchema, spec: KeySpec, hypervisor?: string): unknown {
  return schema.shippedValue(spec, hypervisor)?.value ?? spec.codeDefault;
}

/** A link to the Kata source a fact comes from, at the target's release tag. */
export function sourceLink(source: string, release: string): string {
  const file = /(src\/[\w./-]+\.(?:go|rs))/.exec(source)?.[1];
  return file ? `[${source}](${REPO}/${release}/${file})` : source;
}

/** What Kata uses when the key is absent: its code default, except where a loader copies the key as written (effective/rewrites.ts). */
function absentValue(spec: KeySpec, target: Target, hypervisor: string | undefined): KeySpec['codeDefault'] {
  return typeof spec.codeDefault === 'string' && copiedAsWritten(spec, target.runtime, hypervisor) ? '' : spec.codeDefault;
}

export function adjustmentLines(spec: KeySpec): string[] {
  const unit = spec.unit ? ` ${spec.unit}` : '';
  return (spec.adjustments ?? []).map((a) => {
    switch (a.when) {
      case 'zero':
        return `0 means ${a.use}${typeof a.use === 'number' ? unit : ''}`;
      case 'below':
        return `values below ${a.limit}${unit} become ${a.use}${unit}`;
      case 'above':
        return `values above ${a.limit} become ${a.use}`;
      case 'empty':
        return `an empty value means ${formatValue(a.use)}`;
      case 'host':
        return a.note;
      case 'wraps':
        return `Kata keeps only the low ${a.bits} bits: ${2 ** a.bits} becomes 0, ${2 ** a.bits + 1} becomes 1`;
    }
  });
}

/** A key's documentation in brief, for completion lists sent whole: what it is, its default, its allowed values; hover has the rest. */
export function keyShortMarkdown(schema: KataSchema, spec: KeySpec, target: Target, hypervisor: string | undefined): string {
  const doc = schema.doc(spec);
  const out: string[] = [`**${spec.key}** · ${TYPE_NAMES[typeIn(spec, target.release)] ?? spec.type}${spec.unit ? ` · ${spec.unit}` : ''}`];
  if (doc) out.push('', doc.summary);
  const shipped = schema.shippedValue(spec, hypervisor);
  const facts: string[] = [];
  if (shipped) facts.push(`shipped: \`${formatValue(shipped.value)}\``);
  else if (spec.codeDefault !== undefined) facts.push(`default: \`${formatValue(absentValue(spec, target, hypervisor))}\``);
  const allowed = [...new Set(schema.allowedValues(spec, hypervisor).flatMap((a) => a.values))];
  if (allowed.length) facts.push(`allowed: ${allowed.map((v) => `\`${v}\``).join(', ')}`);
  if (facts.length) out.push('', facts.join(' · '));
  out.push('', '*Hover the key for the whole documentation.*');
  return out.join('\n');
}

export function keyMarkdown(schema: KataSchema, spec: KeySpec, target: Target, hypervisor: string | undefined, fileComment?: string): string {
  const doc = schema.doc(spec);
  const out: string[] = [`**${spec.key}** · ${TYPE_NAMES[typeIn(spec, target.release)] ?? spec.type}${spec.unit ? ` · ${spec.unit}` : ''}`, ''];
  if (doc) {
    out.push(doc.summary, '', doc.description);
    const remark = target.runtime === 'go' ? doc.go : doc.rs;
    if (remark) out.push('', `*${RUNTIME_NAMES[target.runtime]}:* ${remark}`);
  }
  const facts: string[] = [];
  const shipped = schema.shippedValue(spec, hypervisor);
  if (shipped) facts.push(`${shipped.file} of Kata ${target.release} (${target.arch}) sets: \`${formatValue(shipped.value)}\``);
  const absent = absentValue(spec, target, hypervisor);
  if (absent !== undefined && (!shipped || formatValue(absent) !== formatValue(shipped.value))) facts.push(`When absent Kata uses: \`${formatValue(absent)}\`${absent !== spec.codeDefault ? ` (the Go runtime's loader for [hypervisor.${hypervisor}] takes the key as written, without the default \`${formatValue(spec.codeDefault)}\` other hypervisors get)` : ''}`);
  const adjust = target.runtime === 'rs' ? [...rsAdjustmentNotes(target, { kind: spec.table, name: hypervisor }, spec.key), ...adjustmentLines(spec)] : adjustmentLines(spec);
  if (adjust.length) facts.push(`Kata replaces values: ${adjust.join('; ')}`);
  const allowed = schema.allowedValues(spec, hypervisor);
  if (allowed.length) {
    const values = [...new Set(allowed.flatMap((a) => a.values))].map((v) => `\`${v}\``).join(', ');
    const when = allowed.every((a) => a.checked === 'vm-start') ? ' (checked when the VM starts)' : '';
    facts.push(`Allowed${hypervisor ? ` for ${hypervisorByTable(hypervisor)?.displayName ?? hypervisor}` : ''}${allowed.some((a) => a.arches) ? ` on ${target.arch}` : ''}: ${values}${when}`);
  }
  if (spec.readers) facts.push(`Read by: ${spec.readers.map((r) => hypervisorByTable(r)?.displayName ?? r).join(', ') || 'no hypervisor'} (${RUNTIME_NAMES[spec.runtime]})`);
  else facts.push(`Read by: ${RUNTIME_NAMES[spec.runtime]}`);
  facts.push(`Releases: ${spec.releases.isEmpty ? 'none (Kata ignores it)' : spec.releases.describe()}`);
  if (spec.aliasOf) facts.push(`Alias of \`${spec.aliasOf}\`${spec.aliasIn && !spec.aliasIn.equals(spec.releases) ? ` in ${spec.aliasIn.describe()}` : ''}`);
  if (spec.ignored) facts.push(`Ignored: ${spec.ignored}`);
  facts.push(`Source: ${sourceLink(spec.source, target.release)}`);
  out.push('', ...facts.map((f) => `- ${f}`));
  if (fileComment) out.push('', '---', '', '*From this file:*', '', fileComment);
  return out.join('\n');
}

export function valueMarkdown(schema: KataSchema, spec: KeySpec, value: string): string | undefined {
  const text = schema.doc(spec)?.values?.[value];
  return text ? `**${value}** (${spec.key})\n\n${text}` : undefined;
}

export function hypervisorMarkdown(name: string, target: Target): string {
  const info = hypervisorByTable(name, target.runtime) ?? hypervisorByTable(name);
  const out: string[] = [];
  if (info) {
    out.push(`**${info.displayName}** · \`[hypervisor.${name}]\``, '', info.summary);
    const list = (title: string, items: readonly string[]) => {
      if (items.length) out.push('', `**${title}**`, ...items.map((i) => `- ${i}`));
    };
    list('Strengths', info.strengths);
    list('Limitations', info.limitations);
    list('Use cases', info.useCases);
    if (info.website) out.push('', `[${info.website}](${info.website})`);
  } else out.push(`\`[hypervisor.${name}]\`: not a hypervisor kata-config knows.`);
  out.push(
    '',
    '---',
    '',
    `**Target:** ${RUNTIME_NAMES[target.runtime]} ${target.release} on ${target.arch}`,
    '',
    `- runtime: ${target.why.runtime}`,
    `- release: ${target.why.release}`,
    `- architecture: ${target.why.arch}`,
    '',
    'Override with a comment such as `# kata-config: runtime=rs release=3.20 arch=arm64`.',
  );
  return out.join('\n');
}
