/** Edits that quick fixes are made of. Each leaves the file valid TOML. */
import type { KeyPart, KeyValue, Span, TomlDocument } from '../../toml';
import type { TableInstance } from './context';
import type { Fix, TextEdit } from './types';

const BARE_KEY = /^[A-Za-z0-9_-]+$/;

export function formatKey(name: string): string {
  return BARE_KEY.test(name) ? name : JSON.stringify(name);
}

export function renameKey(part: KeyPart, name: string): TextEdit {
  return { span: { start: part.start, end: part.end }, newText: formatKey(name) };
}

export function replaceSpan(span: Span, newText: string): TextEdit {
  return { span: { start: span.start, end: span.end }, newText };
}

/** The whole line(s) of a key/value pair, with its line break, so nothing dangles. */
export function lineSpan(doc: TomlDocument, span: Span): Span {
  const startLine = doc.lines.positionAt(span.start).line;
  const endLine = doc.lines.positionAt(span.end).line;
  const start = doc.lines.lineStart(startLine);
  const end = endLine + 1 < doc.lines.lineCount ? doc.lines.lineStart(endLine + 1) : doc.text.length;
  // Keep text before the entry on its line (there is none for well-formed TOML, but be safe).
  if (doc.text.slice(start, span.start).trim() !== '') return span;
  return { start, end };
}

export function removeEntry(doc: TomlDocument, entry: KeyValue): TextEdit {
  return { span: lineSpan(doc, entry), newText: '' };
}

/** Where to add a key to a table: after its last key/value line, or after its header. */
export function insertionPoint(doc: TomlDocument, table: TableInstance): number {
  const header = table.header;
  const entries = header?.entries ?? [];
  const last = entries.length ? entries[entries.length - 1].end : header ? header.end : 0;
  const line = doc.lines.positionAt(last).line;
  return line + 1 < doc.lines.lineCount ? doc.lines.lineStart(line + 1) : doc.text.length;
}

export function insertLine(doc: TomlDocument, offset: number, line: string): TextEdit {
  const needsBreak = offset === doc.text.length && doc.text.length > 0 && !doc.text.endsWith('\n');
  return { span: { start: offset, end: offset }, newText: `${needsBreak ? '\n' : ''}${line}\n` };
}

export function fix(title: string, edits: TextEdit[], preferred = false): Fix {
  return preferred ? { title, edits, preferred } : { title, edits };
}
