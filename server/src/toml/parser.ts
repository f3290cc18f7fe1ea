/**
 * Error-recovering recursive-descent parser for TOML 1.0. It never throws: each problem becomes a
 * TomlError with a precise range, and parsing resumes at the next line (or, inside a multi-line
 * array, at the next element), so one bad line never hides the rest of the file.
 */
import type {
  ArrayValue,
  Comment,
  InlineTableValue,
  Key,
  KeyPart,
  KeyValue,
  SyntaxTree,
  TableHeader,
  ValueNode,
} from './ast';
import type { TomlError, TomlErrorCode } from './errors';
import {
  CH_APOS,
  CH_COMMA,
  CH_CR,
  CH_DOT,
  CH_EQUALS,
  CH_HASH,
  CH_LBRACE,
  CH_LBRACKET,
  CH_LF,
  CH_QUOTE,
  CH_RBRACE,
  CH_RBRACKET,
  CH_SPACE,
  CH_TAB,
  classifyValueToken,
  describeChar,
  isBareKeyChar,
  isForbiddenControl,
  scanLineString,
  scanMultilineString,
  scanValueToken,
  stringStyle,
} from './scanner';

/** A line inside an unclosed array that clearly starts a new key/value pair or table. */
const KEY_VALUE_LINE = /^[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*[ \t]*=/;
const HEADER_LINE = /^[ \t]*\[\[?[ \t]*[A-Za-z_"'][^\]\n]*\]\]?[ \t]*(?:#[^\n]*)?\r?$/m;

/**
 * Nesting limits, so hostile input cannot make the parser or the recursive walks after it (model,
 * outline, folding) overflow the stack: parts of one dotted key or header, and the depth of arrays
 * and inline tables (the dotted parts of keys inside inline tables count as levels too).
 */
export const MAX_KEY_PARTS = 128;
export const MAX_NESTING = 128;

export interface ParseResult {
  tree: SyntaxTree;
  errors: TomlError[];
  /** Where each statement starts and what it read: what an incremental reparse (incremental.ts) needs. */
  statements: StatementLog;
}

/** What a top-level statement is, for regrouping the statements into tables. */
export const enum StatementKind {
  /** A line the parser skipped (a key that could not be read), or a lone carriage return. */
  Other = 0,
  Header = 1,
  KeyValue = 2,
  Comment = 3,
}

/**
 * One record per top-level statement (a header, a key/value pair, a comment, a skipped line;
 * blank lines are not recorded), as parallel arrays in source order; a statement ends where the
 * next begins or at its node's end. A statement's parse depends
 * only on the text from its `start` (the parser never looks behind a statement's first line) up
 * to its `readEnd` (exclusive; one past the end of the text when it read the end of the text, as
 * an unterminated multi-line string does), and on whether the statement above left the cursor at
 * this line's start (`resumed`: an array that was never closed).
 */
export class StatementLog {
  starts: number[] = [];
  readEnds: number[] = [];
  resumed: boolean[] = [];
  kinds: StatementKind[] = [];
  nodes: Array<KeyValue | TableHeader | Comment | null> = [];
  /** Index of the statement's first error in the parse's errors (errors come only from statements). */
  errorsFrom: number[] = [];
  /** Index of the statement's first comment in the tree's comments. */
  commentsFrom: number[] = [];

  get length(): number {
    return this.starts.length;
  }

  push(start: number, readEnd: number, resumed: boolean, kind: StatementKind, node: KeyValue | TableHeader | Comment | null, errorsFrom: number, commentsFrom: number): void {
    this.starts.push(start);
    this.readEnds.push(readEnd);
    this.resumed.push(resumed);
    this.kinds.push(kind);
    this.nodes.push(node);
    this.errorsFrom.push(errorsFrom);
    this.commentsFrom.push(commentsFrom);
  }
}

/** Where a parse starts and, for a reparse, when it may stop (at a statement the old parse shares). */
export interface ParseWindow {
  from: number;
  resumed: boolean;
  /** Called at each statement boundary; true ends the parse there. */
  stopAt?: (pos: number, resumed: boolean) => boolean;
}

export function parseSyntax(text: string): ParseResult {
  const parser = new Parser(text);
  const statements = new StatementLog();
  parser.run(statements, { from: text.charCodeAt(0) === 0xfeff ? 1 : 0, resumed: false });
  return { tree: groupStatements(statements, parser.comments), errors: parser.errors, statements };
}

/** The statements from `window.from` on (up to where `stopAt` says), for incremental.ts. */
export function parseStatements(text: string, window: ParseWindow): { statements: StatementLog; errors: TomlError[]; comments: Comment[] } {
  const parser = new Parser(text);
  const statements = new StatementLog();
  parser.run(statements, window);
  return { statements, errors: parser.errors, comments: parser.comments };
}

/**
 * The syntax tree of a statement list: key/value pairs go to the table header above them (or the
 * root), and a section ends at its last key/value pair or top-level comment. Headers are the
 * statements' own nodes (their `entries` and `sectionEnd` are reset here).
 */
export function groupStatements(statements: StatementLog, comments: Comment[]): SyntaxTree {
  const rootEntries: KeyValue[] = [];
  const tables: TableHeader[] = [];
  let entries = rootEntries;
  let section: TableHeader | null = null;
  const { kinds, nodes } = statements;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    if (kind === StatementKind.Header) {
      section = nodes[i] as TableHeader;
      section.entries = [];
      section.sectionEnd = section.end;
      tables.push(section);
      entries = section.entries;
    } else if (kind === StatementKind.KeyValue) {
      const kv = nodes[i] as KeyValue;
      entries.push(kv);
      if (section) section.sectionEnd = kv.end;
    } else if (kind === StatementKind.Comment && section) {
      section.sectionEnd = (nodes[i] as Comment).end;
    }
  }
  return { rootEntries, tables, comments };
}

class Parser {
  private pos = 0;
  /** Current depth of arrays and inline tables (plus the dotted parts of keys inside them). */
  private depth = 0;
  /** Set when an unclosed array stopped at the start of the next statement's line. */
  private resumedAtLineStart = false;
  /** Set when the statement being parsed met an unterminated multi-line string (it read to the end of the text). */
  private readToEnd = false;
  readonly errors: TomlError[] = [];
  readonly comments: Comment[] = [];
  private readonly report = (code: TomlErrorCode, message: string, start: number, end: number): void => {
    this.errors.push({ code, message, start, end: Math.max(end, start) });
  };

  constructor(private readonly text: string) {}

  /** Parses top-level statements into `log` from `window.from` until the end or `stopAt`. */
  run(log: StatementLog, window: ParseWindow): void {
    const text = this.text;
    const stopAt = window.stopAt;
    this.pos = window.from;
    this.resumedAtLineStart = window.resumed;
    while (this.pos < text.length) {
      if (stopAt && stopAt(this.pos, this.resumedAtLineStart)) return;
      const start = this.pos;
      const resumed = this.resumedAtLineStart;
      const errorsFrom = this.errors.length;
      const commentsFrom = this.comments.length;
      this.readToEnd = false;
      this.skipBlank();
      const c = text.charCodeAt(this.pos);
      if (Number.isNaN(c)) break;
      let kind = StatementKind.Other;
      let node: KeyValue | TableHeader | Comment | null = null;
      if (c === CH_LF) {
        this.pos++;
        if (this.errors.length === errorsFrom) continue;
      } else if (c === CH_CR) {
        if (text.charCodeAt(this.pos + 1) !== CH_LF) this.report('toml-syntax', 'a carriage return must be followed by a line feed', this.pos, this.pos + 1);
        this.pos += text.charCodeAt(this.pos + 1) === CH_LF ? 2 : 1;
        if (this.errors.length === errorsFrom) continue;
      } else if (c === CH_HASH) {
        this.comment();
        kind = StatementKind.Comment;
        node = this.comments[this.comments.length - 1];
      } else if (c === CH_LBRACKET) {
        node = this.header();
        kind = StatementKind.Header;
        this.endOfLine('table header');
      } else {
        const kv = this.keyValue();
        if (kv) {
          node = kv;
          kind = StatementKind.KeyValue;
          if (kv.value) this.endOfLine('value');
          else this.skipLine();
        } else {
          this.skipLine();
        }
      }
      log.push(start, this.readToEnd ? text.length + 1 : this.readLimit(), resumed, kind, node, errorsFrom, commentsFrom);
    }
  }

  /**
   * A bound on what the statement that ended at `pos` read: the rest of its line and the whole
   * next line (an unclosed array or a skipped deep value tests the line after it), exclusive, one
   * past the end of the text when that was reached.
   */
  private readLimit(): number {
    const text = this.text;
    const lineEnd = text.indexOf('\n', this.pos);
    if (lineEnd < 0) return text.length + 1;
    const nextEnd = text.indexOf('\n', lineEnd + 1);
    return nextEnd < 0 ? text.length + 1 : nextEnd + 1;
  }

  // ---- whitespace, comments, line ends -------------------------------------------------------

  private skipBlank(): void {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c === CH_SPACE || c === CH_TAB) c = text.charCodeAt(++this.pos);
  }

  private atLineBreak(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return Number.isNaN(c) || c === CH_LF || (c === CH_CR && this.text.charCodeAt(this.pos + 1) === CH_LF);
  }

  private comment(): void {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c === CH_LF) break;
      if (c === CH_CR && text.charCodeAt(i + 1) === CH_LF) break;
      if (isForbiddenControl(c)) this.report('toml-syntax', `${describeChar(c)} is not allowed in a comment`, i, i + 1);
      i++;
    }
    this.comments.push({ start, end: i, text: text.slice(start + 1, i) });
    this.pos = i;
  }

  /** After a header or value only blanks and a comment may follow on the line. */
  private endOfLine(after: string): void {
    if (this.consumeResume()) return;
    this.skipBlank();
    if (this.text.charCodeAt(this.pos) === CH_HASH) this.comment();
    if (this.atLineBreak()) return;
    const start = this.pos;
    const end = this.lineEnd(start);
    this.report('toml-syntax', `unexpected ${describeChar(this.text.charCodeAt(start))} after the ${after}: put each key/value pair and table header on its own line`, start, end);
    this.pos = end;
  }

  private lineEnd(from: number): number {
    const nl = this.text.indexOf('\n', from);
    if (nl < 0) return this.text.length;
    return this.text.charCodeAt(nl - 1) === CH_CR && nl - 1 >= from ? nl - 1 : nl;
  }

  private skipLine(): void {
    if (this.consumeResume()) return;
    this.pos = this.lineEnd(this.pos);
  }

  private consumeResume(): boolean {
    const resumed = this.resumedAtLineStart;
    this.resumedAtLineStart = false;
    return resumed;
  }

  // ---- keys ---------------------------------------------------------------------------------

  private keyPart(): KeyPart | null {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === CH_QUOTE || c === CH_APOS) {
      if (text.charCodeAt(start + 1) === c && text.charCodeAt(start + 2) === c) {
        this.report('toml-syntax', 'a key cannot be a multi-line string', start, start + 3);
        return null;
      }
      const s = scanLineString(text, start, this.report);
      this.pos = s.end;
      if (!s.closed) return null;
      return { name: s.value, quoted: true, start, end: s.end };
    }
    let i = start;
    while (isBareKeyChar(text.charCodeAt(i))) i++;
    if (i === start) {
      const end = Math.min(start + 1, text.length);
      const what = describeChar(c);
      this.report(
        'toml-syntax',
        c === CH_EQUALS ? 'missing key before \'=\'' : `expected a key but found ${what}: bare keys may contain only A-Z a-z 0-9 _ -, quote other keys`,
        start,
        Number.isNaN(c) || c === CH_LF ? start : end,
      );
      return null;
    }
    this.pos = i;
    return { name: text.slice(start, i), quoted: false, start, end: i };
  }

  private key(): Key | null {
    const first = this.keyPart();
    if (!first) return null;
    const parts = [first];
    for (;;) {
      const save = this.pos;
      this.skipBlank();
      if (this.text.charCodeAt(this.pos) !== CH_DOT) {
        this.pos = save;
        break;
      }
      this.pos++;
      this.skipBlank();
      if (parts.length >= MAX_KEY_PARTS) {
        this.report('toml-syntax', `a key may have at most ${MAX_KEY_PARTS} dotted parts`, first.start, this.pos);
        return null;
      }
      const part = this.keyPart();
      if (!part) return null;
      parts.push(part);
    }
    return { parts, start: first.start, end: parts[parts.length - 1].end };
  }

  // ---- table headers ------------------------------------------------------------------------

  private header(): TableHeader {
    const text = this.text;
    const start = this.pos;
    const isArray = text.charCodeAt(start + 1) === CH_LBRACKET;
    this.pos += isArray ? 2 : 1;
    this.skipBlank();
    const header: TableHeader = { kind: isArray ? 'array-table' : 'table', key: null, entries: [], start, end: this.pos, sectionEnd: this.pos };
    if (text.charCodeAt(this.pos) === CH_RBRACKET) {
      this.report('toml-syntax', 'a table header needs a name', start, this.pos + 1);
      this.pos += isArray && text.charCodeAt(this.pos + 1) === CH_RBRACKET ? 2 : 1;
      header.end = header.sectionEnd = this.pos;
      return header;
    }
    header.key = this.key();
    if (!header.key) {
      this.pos = this.lineEnd(this.pos);
      header.end = header.sectionEnd = this.pos;
      return header;
    }
    this.skipBlank();
    const close = isArray ? ']]' : ']';
    if (text.startsWith(close, this.pos)) {
      this.pos += close.length;
    } else {
      const c = text.charCodeAt(this.pos);
      const found = isArray && c === CH_RBRACKET ? "a single ']'" : describeChar(c);
      this.report('toml-syntax', `expected '${close}' to close the ${isArray ? 'array-of-tables header' : 'table header'}, found ${found}`, start, Math.max(this.pos, header.key.end));
      this.pos = this.lineEnd(this.pos);
    }
    header.end = header.sectionEnd = this.pos;
    return header;
  }

  // ---- key/value pairs ----------------------------------------------------------------------

  private keyValue(): KeyValue | null {
    const start = this.pos;
    const key = this.key();
    if (!key) return null;
    const kv: KeyValue = { kind: 'key-value', key, equals: -1, value: null, start, end: key.end };
    this.skipBlank();
    if (this.text.charCodeAt(this.pos) !== CH_EQUALS) {
      const c = this.text.charCodeAt(this.pos);
      const problem = this.atLineBreak() ? `'${this.text.slice(key.start, key.end)}' needs '= value'` : `expected '=' after the key, found ${describeChar(c)}`;
      this.report('toml-syntax', problem, key.start, this.atLineBreak() ? key.end : Math.max(key.end, this.pos + 1));
      return kv;
    }
    kv.equals = this.pos++;
    kv.end = this.pos;
    this.skipBlank();
    if (this.atLineBreak() || this.text.charCodeAt(this.pos) === CH_HASH) {
      this.report('toml-syntax', `missing value: '${this.text.slice(key.start, key.end)} =' needs a value after '='`, key.start, kv.equals + 1);
      return kv;
    }
    // Inside an inline table each dotted part is one more level of nesting.
    const levels = this.depth > 0 ? key.parts.length - 1 : 0;
    this.depth += levels;
    kv.value = this.value();
    this.depth -= levels;
    if (kv.value) kv.end = kv.value.end;
    return kv;
  }

  private value(): ValueNode | null {
    const text = this.text;
    const start = this.pos;
    const c = text.charCodeAt(start);
    if (c === CH_QUOTE || c === CH_APOS) {
      const style = stringStyle(text, start);
      const s = style === 'basic' || style === 'literal' ? scanLineString(text, start, this.report) : scanMultilineString(text, start, this.report);
      if (s.closed === false && style !== 'basic' && style !== 'literal') this.readToEnd = true;
      this.pos = s.end;
      return { kind: 'string', value: s.value, style, start, end: s.end };
    }
    if (c === CH_LBRACKET || c === CH_LBRACE) {
      if (this.depth >= MAX_NESTING) return this.tooDeep();
      this.depth++;
      try {
        return c === CH_LBRACKET ? this.array() : this.inlineTable();
      } finally {
        this.depth--;
      }
    }
    if (Number.isNaN(c) || c === CH_LF || c === CH_CR || c === CH_HASH || c === CH_COMMA || c === CH_RBRACKET || c === CH_RBRACE) {
      this.report('toml-syntax', 'expected a value', start, start);
      return null;
    }
    let end = scanValueToken(text, start);
    if (end === start) end = start + 1;
    this.pos = end;
    const raw = text.slice(start, end);
    const r = classifyValueToken(raw, start, end);
    if (r.ok) return r.value;
    this.report(r.code, r.message, start, end);
    return { kind: 'invalid', raw, start, end };
  }

  /**
   * An array or inline table nested deeper than MAX_NESTING: reported, and skipped up to its
   * matching bracket (strings and comments skipped on the way) so the values around it still parse,
   * but never past a line that plainly starts a new statement, so an unclosed one does not swallow the file.
   */
  private tooDeep(): ValueNode {
    const text = this.text;
    const start = this.pos;
    this.report('toml-syntax', `arrays and inline tables nested more than ${MAX_NESTING} levels deep are not supported`, start, start + 1);
    let open = 0;
    let i = start;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === CH_LBRACKET || c === CH_LBRACE) open++;
      else if (c === CH_RBRACKET || c === CH_RBRACE) {
        if (--open === 0) {
          i++;
          break;
        }
      } else if (c === CH_QUOTE || c === CH_APOS) {
        // To the closing quote on the same line (a backslash escapes in basic strings), else to the line's end.
        let j = i + 1;
        for (; j < text.length && text.charCodeAt(j) !== c && text.charCodeAt(j) !== CH_LF; j++) {
          if (c === CH_QUOTE && text.charCodeAt(j) === 92) j++;
        }
        i = text.charCodeAt(j) === c ? j : j - 1;
      } else if (c === CH_HASH) {
        i = this.lineEnd(i) - 1;
      } else if (c === CH_LF) {
        const next = text.slice(i + 1, this.lineEnd(i + 1));
        if (KEY_VALUE_LINE.test(next) || HEADER_LINE.test(next)) break;
      }
      i++;
    }
    this.pos = Math.min(i, text.length);
    return { kind: 'invalid', raw: text.slice(start, this.pos), start, end: this.pos };
  }

  /** Blank space, newlines and comments between array elements. Returns whether a newline was crossed. */
  private skipArrayFiller(): boolean {
    const text = this.text;
    let crossed = false;
    for (;;) {
      const c = text.charCodeAt(this.pos);
      if (c === CH_SPACE || c === CH_TAB) this.pos++;
      else if (c === CH_LF) {
        this.pos++;
        crossed = true;
      } else if (c === CH_CR && text.charCodeAt(this.pos + 1) === CH_LF) {
        this.pos += 2;
        crossed = true;
      } else if (c === CH_HASH) this.comment();
      else return crossed;
    }
  }

  /** True when the current line is plainly a new statement, i.e. the array above was never closed. */
  private lineStartsStatement(elementExpected: boolean): boolean {
    const ls = this.text.lastIndexOf('\n', this.pos - 1) + 1;
    const line = this.text.slice(ls, this.lineEnd(ls));
    if (KEY_VALUE_LINE.test(line)) return true;
    if (!HEADER_LINE.test(line)) return false;
    if (!elementExpected) return true;
    // `[name]` is never a valid array element unless `name` is itself a value.
    const inner = line.trim().replace(/^\[+\s*/, '').replace(/\s*\]+.*$/, '');
    return /^[A-Za-z_]/.test(inner) && !/^(true|false|inf|nan)$/.test(inner);
  }

  private unclosed(node: ArrayValue | InlineTableValue, what: string, close: string): void {
    this.report('toml-syntax', `${what} is never closed: add '${close}'`, node.start, node.start + 1);
  }

  private array(): ArrayValue {
    const node: ArrayValue = { kind: 'array', items: [], closed: false, start: this.pos, end: this.pos + 1 };
    this.pos++;
    const text = this.text;
    for (;;) {
      const crossed = this.skipArrayFiller();
      const c = text.charCodeAt(this.pos);
      if (c === CH_RBRACKET) {
        this.pos++;
        node.closed = true;
        node.end = this.pos;
        return node;
      }
      if (Number.isNaN(c) || (crossed && this.lineStartsStatement(true))) {
        this.unclosed(node, 'array', ']');
        this.backToLineStart(crossed);
        return node;
      }
      if (c === CH_COMMA) {
        this.report('toml-syntax', 'expected a value before \',\'', this.pos, this.pos + 1);
        this.pos++;
        continue;
      }
      const item = this.value();
      if (item) {
        node.items.push(item);
        node.end = item.end;
      } else {
        this.pos = Math.min(this.pos + 1, text.length);
      }
      if (this.resumedAtLineStart) {
        // An array inside this one stopped at the start of the next statement: this one is unclosed too.
        this.unclosed(node, 'array', ']');
        return node;
      }
      const crossedAfter = this.skipArrayFiller();
      const d = text.charCodeAt(this.pos);
      if (d === CH_COMMA) {
        this.pos++;
        continue;
      }
      if (d === CH_RBRACKET) continue;
      if (Number.isNaN(d) || (crossedAfter && this.lineStartsStatement(false))) {
        this.unclosed(node, 'array', ']');
        this.backToLineStart(crossedAfter);
        return node;
      }
      this.report('toml-syntax', `expected ',' or ']' after an array element, found ${describeChar(d)}`, this.pos, this.pos + 1);
    }
  }

  /** Puts the cursor at the start of the current line so the statement there is parsed normally. */
  private backToLineStart(crossed: boolean): void {
    if (!crossed) return;
    this.pos = this.text.lastIndexOf('\n', this.pos - 1) + 1;
    this.resumedAtLineStart = true;
  }

  private inlineTable(): InlineTableValue {
    const text = this.text;
    const node: InlineTableValue = { kind: 'inline-table', entries: [], closed: false, start: this.pos, end: this.pos + 1 };
    this.pos++;
    this.skipBlank();
    if (text.charCodeAt(this.pos) === CH_RBRACE) {
      this.pos++;
      node.closed = true;
      node.end = this.pos;
      return node;
    }
    for (;;) {
      this.skipBlank();
      if (this.atLineBreak()) {
        this.report('toml-syntax', 'an inline table must stay on one line: close it with \'}\' before the line ends', node.start, this.pos);
        return node;
      }
      if (text.charCodeAt(this.pos) === CH_RBRACE) {
        this.report('toml-syntax', 'a trailing comma is not allowed in an inline table', this.pos - 1, this.pos);
        this.pos++;
        node.closed = true;
        node.end = this.pos;
        return node;
      }
      const kv = this.keyValue();
      if (!kv || !kv.value) {
        // Skip to the next separator on this line.
        while (!this.atLineBreak() && text.charCodeAt(this.pos) !== CH_COMMA && text.charCodeAt(this.pos) !== CH_RBRACE) this.pos++;
      }
      if (kv) {
        node.entries.push(kv);
        node.end = kv.end;
      }
      this.skipBlank();
      const c = text.charCodeAt(this.pos);
      if (c === CH_COMMA) {
        this.pos++;
        continue;
      }
      if (c === CH_RBRACE) {
        this.pos++;
        node.closed = true;
        node.end = this.pos;
        return node;
      }
      if (this.atLineBreak()) {
        this.report('toml-syntax', 'an inline table must stay on one line: close it with \'}\' before the line ends', node.start, this.pos);
        return node;
      }
      this.report('toml-syntax', `expected ',' or '}' in the inline table, found ${describeChar(c)}`, this.pos, this.pos + 1);
      this.pos++;
    }
  }
}
