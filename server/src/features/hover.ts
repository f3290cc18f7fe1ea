/**
 * Hover: a key's documentation and facts for this target (plus the comment block above it in the
 * file), an enum value's meaning, whether a path exists, a hypervisor's catalog entry and the
 * detected target on its header.
 */
import type { Hover } from 'vscode-languageserver-types';
import { classifyTable, KataSchema } from '../kata/schema';
import type { Target } from '../kata/target';
import type { Host } from '../host';
import type { KeyValue, Span, TableHeader, TomlDocument, ValueNode } from '../toml';
import { compileEntry } from '../kata/annotations';
import { linearTester } from '../kata/diagnostics/linearRegex';
import { headerAt, tablePathOf } from './query';
import { hypervisorMarkdown, keyMarkdown, valueMarkdown } from './keyDocs';
import { toRange } from './ranges';

export interface HoverDeps {
  host?: Host;
  annotations?: (target: Target) => Array<{ name: string; key?: string; note?: string }>;
}

function within(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** The comment lines directly above a line (Kata's shipped files document each key there). */
export function commentAbove(doc: TomlDocument, start: number): string | undefined {
  let line = doc.lines.positionAt(start).line - 1;
  const lines: string[] = [];
  while (line >= 0) {
    const text = doc.text.slice(doc.lines.lineStart(line), doc.lines.lineEnd(line)).trim();
    if (!text.startsWith('#')) break;
    const body = text.replace(/^#+ ?/, '');
    // A commented-out key/value separates documentation blocks.
    if (/^[a-z][a-z0-9_]*\s*=/.test(body)) break;
    lines.unshift(body);
    line--;
  }
  const text = lines.join('\n').trim();
  return text ? text : undefined;
}

function entryAt(entries: KeyValue[], offset: number): KeyValue | undefined {
  return entries.find((e) => within({ start: e.start, end: e.value ? e.value.end : e.end }, offset));
}

function arrayItemAt(v: ValueNode | null, offset: number): ValueNode | undefined {
  if (v?.kind !== 'array') return undefined;
  return v.items.find((i) => within(i, offset));
}

export function hover(doc: TomlDocument, target: Target, offset: number, deps: HoverDeps = {}): Hover | null {
  const schema = KataSchema.of(target);
  const header = headerAt(doc, offset);
  // On a table header.
  if (header && within(header, offset) && header.key) {
    return headerHover(doc, target, header, offset);
  }
  const entries = header ? header.entries : doc.tree.rootEntries;
  const entry = entryAt(entries, offset);
  const ref = classifyTable(tablePathOf(header));
  if (!entry || !ref) return commentedKeyHover(doc, schema, target, offset, ref);
  const key = entry.key.parts.map((p) => p.name).join('.');
  const spec = schema.spec(ref.kind, key);
  if (!spec) return null;
  if (within(entry.key, offset)) {
    return { contents: { kind: 'markdown', value: keyMarkdown(schema, spec, target, ref.hypervisor, commentAbove(doc, entry.start)) }, range: toRange(doc.lines, entry.key) };
  }
  const value = entry.value;
  if (!value || !within(value, offset)) return null;
  const item = arrayItemAt(value, offset) ?? value;
  if (item.kind !== 'string') return null;
  if (spec.format === 'regexes' && deps.annotations) {
    const names = deps.annotations(target);
    const test = annotationTester(item.value, target, names);
    const matched = test ? names.filter((a) => test(a.name)) : [];
    const lines = matched.map((a) => `- \`${a.name}\`${a.key ? ` → \`${a.key}\`` : ''}${a.note ? `: ${a.note}` : ''}`);
    const body = matched.length ? `Enables the annotation${matched.length > 1 ? 's' : ''} (the pattern is matched unanchored against \`io.katacontainers.config.hypervisor.<name>\`):\n\n${lines.join('\n')}` : 'Matches no hypervisor annotation this Kata release knows.';
    return { contents: { kind: 'markdown', value: `**${item.value}**\n\n${body}` }, range: toRange(doc.lines, item) };
  }
  const text = valueMarkdown(schema, spec, item.value);
  if (text) return { contents: { kind: 'markdown', value: text }, range: toRange(doc.lines, item) };
  if ((spec.format === 'path' || spec.format === 'paths') && item.value && deps.host) {
    const path = item.value.replace(/:(ro|rw)$/, '');
    const exists = deps.host.exists(path);
    return { contents: { kind: 'markdown', value: `\`${path}\` ${exists ? 'exists on this machine' : '**does not exist** on this machine'}${exists && deps.host.realpath(path) !== path ? ` (resolves to \`${deps.host.realpath(path)}\`)` : ''}.` }, range: toRange(doc.lines, item) };
  }
  return null;
}

/**
 * The entry read as the runtime reads it (Go or Rust regex syntax), matched without backtracking:
 * a JS RegExp could take minutes on a pattern such as `(.+)+x`. Undefined when it does not compile.
 */
function annotationTester(pattern: string, target: Target, names: Array<{ name: string }>): ((name: string) => boolean) | undefined {
  const c = compileEntry(pattern, target.runtime, target.release);
  return c.ok ? linearTester(c.regex, Math.max(0, ...names.map((a) => a.name.length))) : undefined;
}

function headerHover(doc: TomlDocument, target: Target, header: TableHeader, offset: number): Hover | null {
  const parts = header.key!.parts;
  const ref = classifyTable(parts.map((p) => p.name));
  if (ref?.kind === 'hypervisor' || (parts[0]?.name === 'hypervisor' && parts[1] && within(parts[1], offset))) {
    const name = parts[1]?.name;
    if (!name) return null;
    return { contents: { kind: 'markdown', value: hypervisorMarkdown(name, target) }, range: toRange(doc.lines, header.key!) };
  }
  return null;
}

/** Hover on a documented `#key = value` line shows the key's documentation too. */
function commentedKeyHover(doc: TomlDocument, schema: KataSchema, target: Target, offset: number, ref: ReturnType<typeof classifyTable>): Hover | null {
  if (!ref) return null;
  const c = doc.tree.comments.find((x) => within(x, offset));
  const m = c && /^(\s*)([a-z][a-z0-9_]*)(\s*=)/.exec(c.text);
  if (!c || !m) return null;
  const start = c.start + 1 + m[1].length;
  const span = { start, end: start + m[2].length };
  if (!within(span, offset)) return null;
  const spec = schema.spec(ref.kind, m[2]);
  if (!spec) return null;
  return { contents: { kind: 'markdown', value: `*(commented out)*\n\n${keyMarkdown(schema, spec, target, ref.hypervisor, commentAbove(doc, c.start))}` }, range: toRange(doc.lines, span) };
}
