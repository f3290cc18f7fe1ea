/**
 * What is under the cursor: a table header, a key, a value (or an array item), or a comment, and
 * in which table. Works from the raw line as well as the syntax tree, so it answers on half-typed
 * lines and in files with syntax errors elsewhere.
 */
import type { KeyValue, Span, TableHeader, TomlDocument } from '../toml';

export type CursorContext =
  | { kind: 'header'; array: boolean; typed: string; replace: Span; table: string[] }
  | { kind: 'key'; typed: string; replace: Span; table: string[]; header?: TableHeader }
  | {
      kind: 'value';
      key: string;
      /** The key/value pair when the parser read one on this line. */
      entry?: KeyValue;
      typed: string;
      replace: Span;
      /** Inside an array value (items of enable_annotations, ...). */
      inArray: boolean;
      /** Inside quotes: completions insert bare text. */
      inString: boolean;
      table: string[];
      header?: TableHeader;
    }
  | { kind: 'comment'; table: string[] }
  | { kind: 'none'; table: string[] };

/** The header whose section holds the offset (the last header starting before it). */
export function headerAt(doc: TomlDocument, offset: number): TableHeader | undefined {
  let found: TableHeader | undefined;
  for (const t of doc.tree.tables) {
    if (t.start <= offset) found = t;
    else break;
  }
  return found;
}

export function tablePathOf(header: TableHeader | undefined): string[] {
  return header?.key?.parts.map((p) => p.name) ?? [];
}

/** The key characters (A-Z a-z 0-9 _ -) that end `s` (a backward scan: /[A-Za-z0-9_-]*$/ is quadratic on long lines). */
function trailingKeyChars(s: string): string {
  let i = s.length;
  while (i > 0 && /[A-Za-z0-9_-]/.test(s[i - 1])) i--;
  return s.slice(i);
}

export function cursorContext(doc: TomlDocument, offset: number): CursorContext {
  const text = doc.text;
  const pos = doc.lines.positionAt(offset);
  const lineStart = doc.lines.lineStart(pos.line);
  const before = text.slice(lineStart, offset);
  const header = headerAt(doc, offset);
  const table = tablePathOf(header);
  // Inside a multi-line array: the line does not start a statement of its own.
  const arrayEntry = enclosingArray(doc, offset);
  if (arrayEntry) return valueContext(text, offset, arrayEntry.key.parts.map((p) => p.name).join('.'), arrayEntry, true, table, header);

  if (/^\s*#/.test(before) || isInComment(before)) return { kind: 'comment', table };
  const headerMatch = /^\s*(\[\[?)\s*([^\]]*)$/.exec(before);
  if (headerMatch) {
    const typed = headerMatch[2];
    return { kind: 'header', array: headerMatch[1] === '[[', typed, replace: { start: offset - typed.length, end: extendWord(text, offset, /[A-Za-z0-9_.-]/) }, table };
  }
  const valueMatch = /^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=\s*(.*)$/.exec(before);
  if (valueMatch) {
    const entry = entryOnLine(doc, header, lineStart);
    const key = valueMatch[1].replace(/\s+/g, '').replace(/["']/g, '');
    return valueContext(text, offset, key, entry, false, table, header);
  }
  const keyMatch = /^\s*([A-Za-z0-9_-]*)$/.exec(before);
  if (keyMatch) {
    const typed = keyMatch[1];
    return { kind: 'key', typed, replace: { start: offset - typed.length, end: extendWord(text, offset, /[A-Za-z0-9_-]/) }, table: table, header };
  }
  return { kind: 'none', table: table };
}

function extendWord(text: string, offset: number, chars: RegExp): number {
  let end = offset;
  while (end < text.length && chars.test(text[end])) end++;
  return end;
}

/** A `#` outside quotes before the cursor. */
function isInComment(before: string): boolean {
  let quote: string | null = null;
  for (const c of before) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return true;
  }
  return false;
}

function entryOnLine(doc: TomlDocument, header: TableHeader | undefined, lineStart: number): KeyValue | undefined {
  const entries = header ? header.entries : doc.tree.rootEntries;
  return entries.find((e) => e.start >= lineStart && doc.lines.positionAt(e.start).line === doc.lines.positionAt(lineStart).line);
}

/** The key/value whose array value spans the offset across lines. */
function enclosingArray(doc: TomlDocument, offset: number): KeyValue | undefined {
  const header = headerAt(doc, offset);
  const entries = header ? header.entries : doc.tree.rootEntries;
  for (const e of entries) {
    const v = e.value;
    if (v?.kind === 'array' && v.start < offset && (offset < v.end || (!v.closed && offset <= v.end + 1))) {
      const startLine = doc.lines.positionAt(v.start).line;
      if (doc.lines.positionAt(offset).line !== startLine) return e;
    }
  }
  return undefined;
}

function valueContext(text: string, offset: number, key: string, entry: KeyValue | undefined, inArrayLine: boolean, table: string[], header: TableHeader | undefined): CursorContext {
  // Look back from the cursor to the `=` (or the line start inside an array) for open quotes and brackets.
  // The line as the editor counts lines: a lone \r ends one too.
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const eq = inArrayLine ? lineStart : text.indexOf('=', lineStart) + 1;
  const seg = text.slice(eq, offset);
  let quote: string | null = null;
  let quoteStart = -1;
  let depth = inArrayLine ? 1 : 0;
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      quoteStart = eq + i;
    } else if (c === '[') depth++;
    else if (c === ']') depth--;
  }
  const inArray = depth > 0;
  // Inside an inline table: `key = { inner = |` or `key = { a = 1, in|`.
  const brace = seg.lastIndexOf('{');
  if (!quote && brace >= 0 && seg.indexOf('}', brace) < 0) {
    const inner = seg.slice(brace + 1);
    const part = inner.slice(inner.lastIndexOf(',') + 1);
    const innerValue = /^\s*([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(part);
    if (innerValue) {
      const typed = trailingKeyChars(innerValue[2]);
      return { kind: 'value', key: innerValue[1], typed, replace: { start: offset - typed.length, end: extendWord(text, offset, /[A-Za-z0-9_.-]/) }, inArray: false, inString: false, table: [...table, key], header };
    }
    const innerKey = /^\s*([A-Za-z0-9_-]*)$/.exec(part);
    if (innerKey) {
      const typed = innerKey[1];
      return { kind: 'key', typed, replace: { start: offset - typed.length, end: extendWord(text, offset, /[A-Za-z0-9_-]/) }, table: [...table, key], header };
    }
  }
  if (quote) {
    const typed = text.slice(quoteStart + 1, offset);
    let end = offset;
    while (end < text.length && text[end] !== quote && text[end] !== '\n' && text[end] !== '\r') end++;
    return { kind: 'value', key, entry, typed, replace: { start: quoteStart + 1, end }, inArray, inString: true, table, header };
  }
  const word = trailingKeyChars(seg);
  return { kind: 'value', key, entry, typed: word, replace: { start: offset - word.length, end: extendWord(text, offset, /[A-Za-z0-9_.-]/) }, inArray, inString: false, table, header };
}
