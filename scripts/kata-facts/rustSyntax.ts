/**
 * A small Rust reader for the extractor: a tokenizer (comments, raw strings, raw identifiers, char
 * literals and lifetimes handled) and an item parser that finds structs, enums, type aliases,
 * constants, functions, impl blocks (with their functions) and modules with their outer
 * attributes. Function bodies are kept as token lists for the readers that look inside them
 * (rustAdjust.ts); macros and the like are skipped as balanced token groups; nothing is evaluated.
 */
import { ExtractError } from './snapshot';

export type TokKind = 'ident' | 'punct' | 'str' | 'char' | 'lifetime' | 'num';

export interface Tok {
  kind: TokKind;
  /** Identifiers without `r#`; punctuation as the single character; string literal contents unescaped. */
  text: string;
  line: number;
}

const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isDigit = (c: number) => c >= 48 && c <= 57;
const IDENT_START = { test: (ch: string | undefined) => ch !== undefined && ch.length > 0 && isAlpha(ch.charCodeAt(0)) };
const IDENT_CHAR = { test: (ch: string | undefined) => ch !== undefined && ch.length > 0 && (isAlpha(ch.charCodeAt(0)) || isDigit(ch.charCodeAt(0))) };

export function tokenizeRust(src: string, where: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  const fail = (msg: string): never => {
    throw new ExtractError(`${where}:${line}: ${msg}`);
  };
  const countLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (src.charCodeAt(k) === 10) line++;
  };
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      let depth = 1;
      const start = i;
      i += 2;
      while (i < n && depth > 0) {
        if (src[i] === '/' && src[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (src[i] === '*' && src[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
      if (depth > 0) fail('unterminated block comment');
      countLines(start, i);
      continue;
    }
    // raw strings r"…", r#"…"#, br#"…"#
    const raw = (c === 'r' || c === 'b') && (i === 0 || !IDENT_CHAR.test(src[i - 1])) ? /^b?r(#*)"/.exec(src.slice(i, i + 260)) : null;
    if (raw) {
      const hashes = raw[1];
      const close = '"' + hashes;
      const bodyStart = i + raw[0].length;
      const end = src.indexOf(close, bodyStart);
      if (end < 0) fail('unterminated raw string');
      const startLine = line;
      countLines(i, end + close.length);
      out.push({ kind: 'str', text: src.slice(bodyStart, end), line: startLine });
      i = end + close.length;
      continue;
    }
    if (c === '"' || (c === 'b' && src[i + 1] === '"')) {
      const startLine = line;
      i += c === 'b' ? 2 : 1;
      let value = '';
      while (i < n && src[i] !== '"') {
        if (src[i] === '\\') {
          const e = src[i + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === '\n' ? '' : e;
          if (e === '\n') line++;
          i += 2;
          if (e === '\n') while (i < n && /\s/.test(src[i])) i++;
          continue;
        }
        if (src[i] === '\n') line++;
        value += src[i++];
      }
      if (i >= n) fail('unterminated string');
      i++;
      out.push({ kind: 'str', text: value, line: startLine });
      continue;
    }
    if (c === "'" || (c === 'b' && src[i + 1] === "'")) {
      const q = c === 'b' ? i + 1 : i;
      if (src[q + 1] === '\\') {
        const end = src.indexOf("'", q + 3);
        if (end < 0) fail('unterminated char literal');
        out.push({ kind: 'char', text: src.slice(q + 1, end), line });
        i = end + 1;
        continue;
      }
      const cp = src.codePointAt(q + 1);
      const width = cp !== undefined && cp > 0xffff ? 2 : 1;
      if (src[q + 1 + width] === "'") {
        out.push({ kind: 'char', text: src.slice(q + 1, q + 1 + width), line });
        i = q + 2 + width;
        continue;
      }
      if (c === "'" && IDENT_START.test(src[i + 1] ?? '')) {
        let j = i + 1;
        while (j < n && IDENT_CHAR.test(src[j])) j++;
        out.push({ kind: 'lifetime', text: src.slice(i + 1, j), line });
        i = j;
        continue;
      }
      fail('stray quote');
    }
    if (c === 'r' && src[i + 1] === '#' && IDENT_START.test(src[i + 2] ?? '')) {
      let j = i + 2;
      while (j < n && IDENT_CHAR.test(src[j])) j++;
      out.push({ kind: 'ident', text: src.slice(i + 2, j), line });
      i = j;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_CHAR.test(src[j])) j++;
      out.push({ kind: 'ident', text: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (isDigit(src.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && (IDENT_CHAR.test(src[j]) || (src[j] === '.' && isDigit(src.charCodeAt(j + 1))))) j++;
      out.push({ kind: 'num', text: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (c.charCodeAt(0) > 127) {
      // non-ASCII outside strings/comments: treat as an identifier character run
      let j = i + 1;
      while (j < n && src.charCodeAt(j) > 127) j++;
      out.push({ kind: 'ident', text: src.slice(i, j), line });
      i = j;
      continue;
    }
    out.push({ kind: 'punct', text: c, line });
    i++;
  }
  return out;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** For every opening bracket token, the index of its closing partner. */
export function matchBrackets(toks: Tok[], where: string): Map<number, number> {
  const match = new Map<number, number>();
  const stack: number[] = [];
  toks.forEach((t, i) => {
    if (t.kind !== 'punct') return;
    if (OPEN[t.text]) stack.push(i);
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      const o = stack.pop();
      if (o === undefined || OPEN[toks[o].text] !== t.text) throw new ExtractError(`${where}:${t.line}: unbalanced '${t.text}'`);
      match.set(o, i);
    }
  });
  if (stack.length) throw new ExtractError(`${where}:${toks[stack[stack.length - 1]].line}: unclosed '${toks[stack[stack.length - 1]].text}'`);
  return match;
}

/** An outer attribute `#[path args]`: `path` is `serde`, `cfg`, `derive`, `doc`, ...; `args` the tokens after it. */
export interface Attr {
  path: string;
  args: Tok[];
  line: number;
}

export interface RsField {
  name: string;
  attrs: Attr[];
  type: Tok[];
  line: number;
}

export type RsItem =
  | { kind: 'struct'; name: string; attrs: Attr[]; fields: RsField[] | null; line: number }
  | { kind: 'enum'; name: string; attrs: Attr[]; line: number }
  | { kind: 'type'; name: string; attrs: Attr[]; type: Tok[]; line: number }
  | { kind: 'mod'; name: string; attrs: Attr[]; body: RsItem[] | null; line: number }
  | { kind: 'const'; name: string; attrs: Attr[]; type: Tok[]; value: Tok[]; line: number }
  | { kind: 'fn'; name: string; attrs: Attr[]; fn: RsFn; line: number }
  | { kind: 'impl'; name: string; attrs: Attr[]; trait?: string; fns: RsFn[]; line: number };

/** A function with a body: its parameter tokens (inside the parentheses) and body tokens (inside the braces). */
export interface RsFn {
  name: string;
  attrs: Attr[];
  params: Tok[];
  body: Tok[];
  line: number;
}

export class RustFile {
  readonly toks: Tok[];
  private readonly match: Map<number, number>;
  readonly items: RsItem[];

  constructor(
    src: string,
    readonly where: string,
  ) {
    this.toks = tokenizeRust(src, where);
    this.match = matchBrackets(this.toks, where);
    this.items = this.parseItems(0, this.toks.length);
  }

  private is(i: number, text: string): boolean {
    const t = this.toks[i];
    return t !== undefined && t.kind === 'punct' && t.text === text;
  }

  private isIdent(i: number, text?: string): boolean {
    const t = this.toks[i];
    return t !== undefined && t.kind === 'ident' && (text === undefined || t.text === text);
  }

  private close(i: number): number {
    const c = this.match.get(i);
    if (c === undefined) throw new ExtractError(`${this.where}:${this.toks[i]?.line}: expected a bracket`);
    return c;
  }

  /** Reads `#[...]` attributes from i; returns them and the index after. Inner `#![...]` are skipped. */
  private attrs(i: number, end: number): { attrs: Attr[]; next: number } {
    const attrs: Attr[] = [];
    while (i < end && this.is(i, '#')) {
      if (this.is(i + 1, '!') && this.is(i + 2, '[')) {
        i = this.close(i + 2) + 1;
        continue;
      }
      if (!this.is(i + 1, '[')) break;
      const c = this.close(i + 1);
      const inner = this.toks.slice(i + 2, c);
      let p = 0;
      const path: string[] = [];
      while (p < inner.length && (inner[p].kind === 'ident' || (inner[p].kind === 'punct' && inner[p].text === ':'))) {
        if (inner[p].kind === 'ident') path.push(inner[p].text);
        p++;
      }
      attrs.push({ path: path.join('::'), args: inner.slice(p), line: this.toks[i].line });
      i = c + 1;
    }
    return { attrs, next: i };
  }

  /** Skips `pub`, `pub(crate)`, `pub(in a::b)`. */
  private vis(i: number): number {
    if (this.isIdent(i, 'pub')) {
      i++;
      if (this.is(i, '(')) i = this.close(i) + 1;
    }
    return i;
  }

  /** Skips generics `<...>` starting at i (angle brackets, counting nested pairs). */
  private generics(i: number): number {
    if (!this.is(i, '<')) return i;
    let depth = 0;
    for (; i < this.toks.length; i++) {
      if (this.is(i, '<')) depth++;
      else if (this.is(i, '>') && !this.is(i - 1, '-')) {
        depth--;
        if (depth === 0) return i + 1;
      } else if (this.match.has(i)) i = this.close(i);
    }
    throw new ExtractError(`${this.where}: unclosed generics`);
  }

  /** Skips an item that is not parsed: up to `;` at depth 0, or through a `{...}` group (and a `;` after it). */
  private skipItem(i: number, end: number): number {
    while (i < end) {
      if (this.is(i, ';')) return i + 1;
      if (this.is(i, '{')) {
        i = this.close(i) + 1;
        if (this.is(i, ';')) i++;
        return i;
      }
      if (this.match.has(i)) i = this.close(i) + 1;
      else i++;
    }
    return i;
  }

  private parseItems(i: number, end: number): RsItem[] {
    const items: RsItem[] = [];
    while (i < end) {
      const a = this.attrs(i, end);
      i = a.next;
      if (i >= end) break;
      const line = this.toks[i].line;
      let j = this.vis(i);
      if (this.isIdent(j, 'struct') && this.isIdent(j + 1)) {
        const name = this.toks[j + 1].text;
        j = this.generics(j + 2);
        if (this.isIdent(j, 'where')) while (j < end && !this.is(j, '{') && !this.is(j, ';')) j++;
        if (this.is(j, '{')) {
          const c = this.close(j);
          items.push({ kind: 'struct', name, attrs: a.attrs, fields: this.fields(j + 1, c), line });
          i = c + 1;
        } else {
          if (this.is(j, '(')) j = this.close(j) + 1;
          items.push({ kind: 'struct', name, attrs: a.attrs, fields: null, line });
          i = this.skipItem(j, end);
        }
        continue;
      }
      if (this.isIdent(j, 'enum') && this.isIdent(j + 1)) {
        items.push({ kind: 'enum', name: this.toks[j + 1].text, attrs: a.attrs, line });
        i = this.skipItem(j + 2, end);
        continue;
      }
      if (this.isIdent(j, 'type') && this.isIdent(j + 1)) {
        const name = this.toks[j + 1].text;
        let k = this.generics(j + 2);
        if (this.is(k, '=')) {
          const start = k + 1;
          while (k < end && !this.is(k, ';')) k = this.match.has(k) ? this.close(k) + 1 : k + 1;
          items.push({ kind: 'type', name, attrs: a.attrs, type: this.toks.slice(start, k), line });
          i = k + 1;
        } else i = this.skipItem(k, end);
        continue;
      }
      if (this.isIdent(j, 'const') && this.isIdent(j + 1) && this.is(j + 2, ':')) {
        const name = this.toks[j + 1].text;
        let k = j + 3;
        const typeStart = k;
        while (k < end && !this.is(k, '=') && !this.is(k, ';')) k = this.match.has(k) ? this.close(k) + 1 : k + 1;
        const type = this.toks.slice(typeStart, k);
        const valueStart = k + 1;
        if (this.is(k, '=')) while (k < end && !this.is(k, ';')) k = this.match.has(k) ? this.close(k) + 1 : k + 1;
        items.push({ kind: 'const', name, attrs: a.attrs, type, value: this.is(valueStart - 1, '=') ? this.toks.slice(valueStart, k) : [], line });
        i = k + 1;
        continue;
      }
      const fnAt = this.fnKeyword(j);
      if (fnAt !== undefined) {
        const parsed = this.fn(fnAt, end, a.attrs, line);
        if (parsed.fn) items.push({ kind: 'fn', name: parsed.fn.name, attrs: a.attrs, fn: parsed.fn, line });
        i = parsed.next;
        continue;
      }
      if (this.isIdent(j, 'impl') || (this.isIdent(j, 'unsafe') && this.isIdent(j + 1, 'impl'))) {
        const parsed = this.impl(this.isIdent(j, 'impl') ? j : j + 1, end, a.attrs, line);
        if (parsed.item) items.push(parsed.item);
        i = parsed.next;
        continue;
      }
      if (this.isIdent(j, 'mod') && this.isIdent(j + 1)) {
        const name = this.toks[j + 1].text;
        if (this.is(j + 2, '{')) {
          const c = this.close(j + 2);
          items.push({ kind: 'mod', name, attrs: a.attrs, body: this.parseItems(j + 3, c), line });
          i = c + 1;
        } else {
          items.push({ kind: 'mod', name, attrs: a.attrs, body: null, line });
          i = this.skipItem(j + 2, end);
        }
        continue;
      }
      i = this.skipItem(j, end);
    }
    return items;
  }

  /** The index of `fn` when a function starts at i (after `const`, `async`, `unsafe`, `extern "abi"`). */
  private fnKeyword(i: number): number | undefined {
    let k = i;
    for (;;) {
      if (this.isIdent(k, 'const') || this.isIdent(k, 'async') || this.isIdent(k, 'unsafe')) k++;
      else if (this.isIdent(k, 'extern')) k += this.toks[k + 1]?.kind === 'str' ? 2 : 1;
      else break;
    }
    return this.isIdent(k, 'fn') && this.isIdent(k + 1) ? k : undefined;
  }

  /** A function from its `fn` keyword: name, parameters and body (none for a declaration ending in `;`). */
  private fn(at: number, end: number, attrs: Attr[], line: number): { fn?: RsFn; next: number } {
    const name = this.toks[at + 1].text;
    let k = this.generics(at + 2);
    if (!this.is(k, '(')) return { next: this.skipItem(k, end) };
    const close = this.close(k);
    const params = this.toks.slice(k + 1, close);
    k = close + 1;
    while (k < end && !this.is(k, '{') && !this.is(k, ';')) k = this.match.has(k) && !this.is(k, '{') ? this.close(k) + 1 : k + 1;
    if (!this.is(k, '{')) return { next: k + 1 };
    const bodyEnd = this.close(k);
    return { fn: { name, attrs, params, body: this.toks.slice(k + 1, bodyEnd), line }, next: bodyEnd + 1 };
  }

  /** An impl block from its `impl` keyword: the type it is for, the trait, and its functions. */
  private impl(at: number, end: number, attrs: Attr[], line: number): { item?: RsItem; next: number } {
    let k = this.generics(at + 1);
    const head: { text: string; depth: number }[] = [];
    let depth = 0;
    while (k < end && !this.is(k, '{') && !this.is(k, ';') && !(depth === 0 && this.isIdent(k, 'where'))) {
      if (this.is(k, '<')) depth++;
      else if (this.is(k, '>') && !this.is(k - 1, '-')) depth--;
      else head.push({ text: this.toks[k].kind === 'ident' ? this.toks[k].text : '', depth });
      k++;
    }
    while (k < end && !this.is(k, '{') && !this.is(k, ';')) k = this.match.has(k) && !this.is(k, '{') ? this.close(k) + 1 : k + 1;
    if (!this.is(k, '{')) return { next: k + 1 };
    const bodyEnd = this.close(k);
    const top = head.filter((h) => h.depth === 0 && h.text !== '');
    const forAt = top.findIndex((h) => h.text === 'for');
    const selfName = top[top.length - 1]?.text;
    const trait = forAt > 0 ? top[forAt - 1].text : undefined;
    const fns: RsFn[] = [];
    let i = k + 1;
    while (i < bodyEnd) {
      const a = this.attrs(i, bodyEnd);
      i = a.next;
      if (i >= bodyEnd) break;
      const j = this.vis(i);
      const fnAt = this.fnKeyword(j);
      if (fnAt !== undefined) {
        const parsed = this.fn(fnAt, bodyEnd, a.attrs, this.toks[j].line);
        if (parsed.fn) fns.push(parsed.fn);
        i = parsed.next;
      } else i = this.skipItem(j, bodyEnd);
    }
    const item: RsItem | undefined = selfName ? { kind: 'impl', name: selfName, attrs, ...(trait ? { trait } : {}), fns, line } : undefined;
    return { item, next: bodyEnd + 1 };
  }

  /** Named fields of a struct body (between the braces). */
  private fields(i: number, end: number): RsField[] {
    const out: RsField[] = [];
    while (i < end) {
      const a = this.attrs(i, end);
      i = this.vis(a.next);
      if (i >= end) break;
      if (!this.isIdent(i) || !this.is(i + 1, ':')) throw new ExtractError(`${this.where}:${this.toks[i].line}: cannot read a struct field here`);
      const name = this.toks[i].text;
      const line = this.toks[i].line;
      let k = i + 2;
      let angle = 0;
      while (k < end) {
        if (this.is(k, '<')) angle++;
        else if (this.is(k, '>') && !this.is(k - 1, '-')) angle--;
        else if (this.is(k, ',') && angle === 0) break;
        if (this.match.has(k)) k = this.close(k);
        k++;
      }
      out.push({ name, attrs: a.attrs, type: this.toks.slice(i + 2, k), line });
      i = k + 1;
    }
    return out;
  }
}

/** Splits tokens at commas at bracket depth 0 (angle brackets counted). */
export function splitTopLevel(toks: Tok[]): Tok[][] {
  const out: Tok[][] = [];
  let cur: Tok[] = [];
  let depth = 0;
  for (const t of toks) {
    if (t.kind === 'punct') {
      if ('([{<'.includes(t.text)) depth++;
      else if (')]}>'.includes(t.text)) depth--;
      else if (t.text === ',' && depth === 0) {
        out.push(cur);
        cur = [];
        continue;
      }
    }
    cur.push(t);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Writes tokens back as compact source text: `HashMap<String, Agent>`, `all(target_arch = "x86_64", ...)`. */
export function tokText(toks: Tok[]): string {
  let s = '';
  toks.forEach((t, i) => {
    const prev = toks[i - 1];
    const piece = t.kind === 'str' ? JSON.stringify(t.text) : t.kind === 'lifetime' ? `'${t.text}` : t.text;
    if (prev) {
      const wordy = (x: Tok) => x.kind !== 'punct';
      if (prev.kind === 'punct' && prev.text === ',') s += ' ';
      else if (t.kind === 'punct' && t.text === '=') s += ' ';
      else if (prev.kind === 'punct' && prev.text === '=') s += ' ';
      else if (wordy(prev) && wordy(t)) s += ' ';
    }
    s += piece;
  });
  return s;
}

/** A parsed `#[serde(...)]` / `#[cfg(...)]` meta item: `word`, `word = "lit"`, or `word(list)`. */
export interface Meta {
  name: string;
  value?: string;
  list?: Meta[];
  toks: Tok[];
}

export function parseMetaList(toks: Tok[]): Meta[] {
  return splitTopLevel(toks)
    .filter((p) => p.length > 0)
    .map((p) => {
      const name = p[0].text;
      const eq = p.findIndex((t) => t.kind === 'punct' && t.text === '=');
      const paren = p.findIndex((t) => t.kind === 'punct' && t.text === '(');
      if (eq >= 0 && (paren < 0 || eq < paren)) return { name, value: p[eq + 1]?.text, toks: p };
      if (paren >= 0) return { name, list: parseMetaList(p.slice(paren + 1, p.length - 1)), toks: p };
      return { name, toks: p };
    });
}

/** The meta list of an attribute whose args are `( ... )`. */
export function attrMeta(a: Attr): Meta[] {
  if (a.args.length >= 2 && a.args[0].text === '(' && a.args[a.args.length - 1].text === ')') return parseMetaList(a.args.slice(1, -1));
  return [];
}
