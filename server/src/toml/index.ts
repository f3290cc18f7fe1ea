/**
 * The TOML engine's entry point: text in, a syntax tree, a data model and every TOML error out.
 * Pure and synchronous; never throws on any input.
 */
import type { SyntaxTree } from './ast';
import type { TomlError } from './errors';
import { LineIndex } from './lineIndex';
import { buildModel, type TomlTable } from './model';
import { parseSyntax, type ParseResult } from './parser';
import { reparse, textChange, type ReparseStats, type TextChange } from './incremental';

export * from './ast';
export * from './errors';
export * from './lineIndex';
export * from './model';
export { toPlain, tableToPlain, type PlainValue } from './plain';
export { textChange, type TextChange, type ReparseStats } from './incremental';
export { commentsContaining } from './comments';

export interface TomlDocument {
  /** The source text (for templates: the real text, parsed with placeholders masked). */
  text: string;
  tree: SyntaxTree;
  root: TomlTable;
  /** Syntax errors first, then semantic ones, each group in source order. */
  errors: TomlError[];
  lines: LineIndex;
  /** The parse itself (its statements and syntax errors), which `reparseToml` reuses. */
  syntax: ParseResult;
}

export function parseToml(text: string): TomlDocument {
  return fromSyntax(text, parseSyntax(text));
}

/**
 * The document of `text`, reusing `previous` (the parse of the text it was edited from, which is
 * consumed: do not use it afterwards). Equal to `parseToml(text)`; only the statements the edit
 * reached are parsed again (incremental.ts), the data model is rebuilt.
 */
export function reparseToml(previous: TomlDocument, previousText: string, text: string, stats?: ReparseStats): TomlDocument {
  const change: TextChange | undefined = textChange(previousText, text);
  if (!change) return fromSyntax(text, previous.syntax, previous.lines);
  return fromSyntax(text, reparse(previous.syntax, text, change, stats), LineIndex.edited(previous.lines, text, change));
}

function fromSyntax(text: string, syntax: ParseResult, lines = new LineIndex(text)): TomlDocument {
  const { root, errors: modelErrors } = buildModel(syntax.tree);
  return { text, tree: syntax.tree, root, errors: [...syntax.errors, ...modelErrors], lines, syntax };
}

/** Decodes file bytes as UTF-8 like TOML requires; invalid bytes become an error, not silent U+FFFD. */
export function decodeTomlBytes(bytes: Uint8Array): { text: string; error?: string } {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text };
  return { text, error: `the file is not valid UTF-8 (bad byte 0x${bytes[bad].toString(16).padStart(2, '0')} at byte offset ${bad}); TOML files must be UTF-8` };
}

/** Index of the first byte that breaks UTF-8 (overlong forms and surrogates included), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    let cp: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min, cp] = [1, 0x80, c & 0x1f];
    else if (c >= 0xe0 && c <= 0xef) [n, min, cp] = [2, 0x800, c & 0x0f];
    else if (c >= 0xf0 && c <= 0xf4) [n, min, cp] = [3, 0x10000, c & 0x07];
    else return i;
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}
