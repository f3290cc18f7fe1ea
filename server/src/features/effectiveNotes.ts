/**
 * Where a file's text and the effective configuration part: a value Kata rewrites, a value a later
 * drop-in overrides, a 0 that means the host's CPUs or RAM. One note per such key line of this
 * file, shown as an inlay hint after the value and as a paragraph of the key's hover. Both come
 * from the effective model (kata/effective/model.ts), the code behind `kata-config effective`.
 */
import type { InlayHint, MarkupContent } from 'vscode-languageserver-types';
import type { EffectiveConfig, EffectiveEntry } from '../kata/effective/model';
import { describeOrigin, tomlValue } from '../kata/effective/format';
import type { Unit } from '../kata/schema/types';
import type { KeyValue, TomlDocument } from '../toml';

export interface EffectiveNote {
  entry: EffectiveEntry;
  /** The key/value line of this file the note is about. */
  at: KeyValue;
  /** Why the text is not what Kata uses. */
  reason: 'rewritten' | 'overridden' | 'host';
  /** The inlay hint's text: `→ 2048 MiB (Kata's default for 0)`. */
  label: string;
  /** The hover paragraph (Markdown). */
  markdown: string;
}

/** The units whose values read better with the unit after them. */
const SHOWN_UNITS: ReadonlySet<Unit> = new Set(['MiB', 'KiB', 'seconds', 'milliseconds', 'bytes', 'vCPUs', 'percent']);

function shown(value: EffectiveEntry['value'], unit: Unit | undefined): string {
  if (value === undefined) return '?';
  const text = tomlValue(value);
  return typeof value === 'number' && unit && SHOWN_UNITS.has(unit) ? `${text} ${unit}` : text;
}

function baseName(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/');
  return parts.length > 1 && parts[parts.length - 2] === 'config.d' ? `config.d/${parts[parts.length - 1]}` : (parts.pop() ?? file);
}

/** The hint's reason in a few words: "Kata's default for 0", or Kata's rule. */
function shortWhy(why: string): string {
  if (why === '0 means the default') return "Kata's default for 0";
  if (why === 'empty means the default') return "Kata's default for empty";
  return `Kata: ${why}`;
}

/** Every key line of the document by its 1-based line number. */
function keyLines(doc: TomlDocument): Map<number, KeyValue> {
  const out = new Map<number, KeyValue>();
  const add = (e: KeyValue) => out.set(doc.lines.positionAt(e.start).line + 1, e);
  doc.tree.rootEntries.forEach(add);
  for (const h of doc.tree.tables) h.entries.forEach(add);
  return out;
}

const samePath = (a: string, b: string) => a.replace(/\\/g, '/') === b.replace(/\\/g, '/');

/** The notes of `file` (the document `doc`) in `config`: the keys it writes whose effective value is not its text. */
export function effectiveNotes(config: EffectiveConfig, file: string, doc: TomlDocument, units: (e: EffectiveEntry) => Unit | undefined): EffectiveNote[] {
  const lines = keyLines(doc);
  const notes: EffectiveNote[] = [];
  for (const e of config.entries) {
    const o = e.origin;
    const unit = units(e);
    const mine = o.kind !== 'built-in' && samePath(o.file, file);
    const overridden = !mine && o.kind !== 'built-in' ? e.overrides.find((w) => samePath(w.file, file)) : undefined;
    if (overridden && o.kind !== 'built-in') {
      const at = lines.get(overridden.line);
      if (!at) continue;
      const where = `${baseName(o.file)}:${o.line}`;
      notes.push({
        entry: e,
        at,
        reason: 'overridden',
        label: `→ ${shown(e.value, unit)} (${where})`,
        markdown: `**Effective value:** \`${e.value === undefined ? e.host ?? '?' : tomlValue(e.value)}\` — set by a later file, ${describeOrigin(o)}; this line is overridden.`,
      });
      continue;
    }
    if (!mine) continue;
    const at = lines.get(o.line);
    if (!at) continue;
    if (o.kind === 'rewritten') {
      const value = e.value === undefined ? (e.host ? `the ${e.host}` : '?') : shown(e.value, unit);
      notes.push({
        entry: e,
        at,
        reason: e.value === undefined && e.host ? 'host' : 'rewritten',
        label: e.value === undefined && e.host ? `→ ${e.host} (Kata's meaning of ${tomlValue(o.written)})` : `→ ${value} (${shortWhy(o.why)})`,
        markdown: `**Effective value:** ${e.value === undefined ? value : `\`${tomlValue(e.value)}\``} — Kata does not use the written \`${tomlValue(o.written)}\`: ${o.why}.${e.host && e.value !== undefined ? ` It also depends on the host: ${e.host}.` : ''}`,
      });
    }
  }
  return notes;
}

/** The notes as LSP inlay hints, placed after each value (or after the key when the value is missing). */
export function inlayHints(notes: readonly EffectiveNote[], doc: TomlDocument, range?: { startLine: number; endLine: number }): InlayHint[] {
  const out: InlayHint[] = [];
  for (const n of notes) {
    const end = n.at.value ? n.at.value.end : n.at.end;
    const position = doc.lines.positionAt(end);
    if (range && (position.line < range.startLine || position.line > range.endLine)) continue;
    out.push({ position, label: n.label, paddingLeft: true, tooltip: { kind: 'markdown', value: n.markdown } satisfies MarkupContent });
  }
  return out;
}
