/**
 * Suppression comments:
 *   # kata-config: ignore [code ...]        on the line before, or at the end of the line
 *   # kata-config: ignore-file [code ...]   anywhere in the file
 * Without codes, every kata-config diagnostic is suppressed there.
 */
import { commentsContaining, type TomlDocument } from '../../toml';
import type { KataDiagnostic } from './types';

interface Suppression {
  line: number;
  codes: string[] | 'all';
}

const DIRECTIVE = /^\s*kata-config:\s*(ignore-file|ignore)\b\s*(.*)$/;

export function suppressions(doc: TomlDocument): { lines: Suppression[]; file: Set<string> | 'all' | undefined } {
  const lines: Suppression[] = [];
  let file: Set<string> | 'all' | undefined;
  for (const c of commentsContaining(doc, 'kata-config:')) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const codes = m[2].split(/[\s,]+/).filter((w) => /^[a-z][a-z0-9-]*$/.test(w));
    const line = doc.lines.positionAt(c.start).line;
    if (m[1] === 'ignore-file') {
      if (!codes.length) file = 'all';
      else if (file !== 'all') codes.forEach((code) => (file = (file as Set<string> | undefined) ?? new Set()).add(code));
      continue;
    }
    const own = doc.text.slice(doc.lines.lineStart(line), c.start).trim() === '';
    // A comment alone on its line covers the next line; a trailing comment covers its own line.
    lines.push({ line: own ? line + 1 : line, codes: codes.length ? codes : 'all' });
  }
  return { lines, file };
}

/** Whether the user's comments suppress a diagnostic (one map lookup per diagnostic). */
export function suppressionFilter(doc: TomlDocument): (d: KataDiagnostic) => boolean {
  const { lines, file } = suppressions(doc);
  if (!lines.length && !file) return () => false;
  const byLine = new Map<number, Suppression['codes'][]>();
  for (const s of lines) byLine.set(s.line, [...(byLine.get(s.line) ?? []), s.codes]);
  return (d) => {
    if (file === 'all' || file?.has(d.code)) return true;
    const codes = byLine.get(doc.lines.positionAt(d.span.start).line);
    return !!codes && codes.some((c) => c === 'all' || c.includes(d.code));
  };
}

export function applySuppressions(doc: TomlDocument, diagnostics: KataDiagnostic[]): KataDiagnostic[] {
  const suppressed = suppressionFilter(doc);
  return diagnostics.filter((d) => !suppressed(d));
}
