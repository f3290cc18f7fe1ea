/**
 * A small Go reader for the extractor: a tokenizer and the top-level declarations the Go runtime's
 * config loader needs: `type` declarations (structs with their fields and tags, named types),
 * string `const`s, and function bodies by name. Nothing is evaluated.
 */
import { ExtractError } from './snapshot';

export interface GoTok {
  kind: 'ident' | 'punct' | 'str' | 'rune' | 'num';
  /** String literals: the value (raw strings as written, interpreted strings unescaped). */
  text: string;
  line: number;
}

const digit = (c: number) => c >= 48 && c <= 57;
const identStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
const identChar = (c: number) => identStart(c) || digit(c);

export function tokenizeGo(src: string, where: string): GoTok[] {
  const out: GoTok[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  const fail = (msg: string): never => {
    throw new ExtractError(`${where}:${line}: ${msg}`);
  };
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) fail('unterminated comment');
      for (let k = i; k < end; k++) if (src[k] === '\n') line++;
      i = end + 2;
    } else if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) fail('unterminated raw string');
      out.push({ kind: 'str', text: src.slice(i + 1, end), line });
      for (let k = i; k < end; k++) if (src[k] === '\n') line++;
      i = end + 1;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < n && src[j] !== c) {
        if (src[j] === '\n') fail('newline in string');
        if (src[j] === '\\') {
          const e = src[j + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else value += src[j++];
      }
      if (j >= n) fail('unterminated string');
      out.push({ kind: c === '"' ? 'str' : 'rune', text: value, line });
      i = j + 1;
    } else if (identStart(src.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && identChar(src.charCodeAt(j))) j++;
      out.push({ kind: 'ident', text: src.slice(i, j), line });
      i = j;
    } else if (digit(src.charCodeAt(i))) {
      let j = i + 1;
      while (j < n && (identChar(src.charCodeAt(j)) || src[j] === '.')) j++;
      out.push({ kind: 'num', text: src.slice(i, j), line });
      i = j;
    } else {
      out.push({ kind: 'punct', text: c, line });
      i++;
    }
  }
  return out;
}

export interface GoField {
  /** Empty for an embedded field. */
  names: string[];
  type: GoTok[];
  tag?: string;
  line: number;
}

export interface GoTypeDecl {
  name: string;
  line: number;
  /** For `type X struct {...}`: its fields; otherwise null and `type` holds the underlying type. */
  fields: GoField[] | null;
  type: GoTok[];
}

export interface GoFile {
  types: Map<string, GoTypeDecl>;
  /** String constants: name → value. */
  consts: Map<string, string>;
  /** Function bodies (the tokens between the braces) by name; methods are not included. */
  funcs: Map<string, GoTok[]>;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export function parseGoFile(src: string, where: string): GoFile {
  const toks = tokenizeGo(src, where);
  const match = new Map<number, number>();
  const stack: number[] = [];
  toks.forEach((t, i) => {
    if (t.kind !== 'punct') return;
    if (OPENERS[t.text]) stack.push(i);
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      const o = stack.pop();
      if (o === undefined || OPENERS[toks[o].text] !== t.text) throw new ExtractError(`${where}:${t.line}: unbalanced '${t.text}'`);
      match.set(o, i);
    }
  });
  if (stack.length) throw new ExtractError(`${where}: unbalanced brackets`);
  const close = (i: number) => match.get(i)!;
  const isP = (i: number, s: string) => toks[i]?.kind === 'punct' && toks[i].text === s;

  /** Splits [from, to) into statements: a new one starts on a new line (outside brackets) or after `;`. */
  const lines = (from: number, to: number): GoTok[][] => {
    const out: GoTok[][] = [];
    let cur: GoTok[] = [];
    let lastLine = -1;
    for (let i = from; i < to; i++) {
      if (isP(i, ';')) {
        if (cur.length) out.push(cur);
        cur = [];
        continue;
      }
      if (cur.length && toks[i].line !== lastLine) {
        out.push(cur);
        cur = [];
      }
      const end = match.has(i) ? close(i) : i;
      for (let k = i; k <= end; k++) cur.push(toks[k]);
      lastLine = toks[end].line;
      i = end;
    }
    if (cur.length) out.push(cur);
    return out;
  };

  const file: GoFile = { types: new Map(), consts: new Map(), funcs: new Map() };

  const typeSpec = (spec: GoTok[]) => {
    if (spec[0]?.kind !== 'ident') return;
    const name = spec[0].text;
    let k = 1;
    if (spec[k]?.kind === 'punct' && spec[k].text === '[') return; // generic type: not a config struct
    if (spec[k]?.kind === 'punct' && spec[k].text === '=') k++;
    const type = spec.slice(k);
    if (type[0]?.kind === 'ident' && type[0].text === 'struct' && type[1]?.text === '{') {
      const bodyStart = toks.indexOf(type[1]);
      file.types.set(name, { name, line: spec[0].line, fields: structFields(bodyStart + 1, close(bodyStart)), type });
    } else file.types.set(name, { name, line: spec[0].line, fields: null, type });
  };

  const structFields = (from: number, to: number): GoField[] =>
    lines(from, to).map((l) => {
      let tag: string | undefined;
      if (l.length > 1 && l[l.length - 1].kind === 'str') tag = l.pop()!.text;
      const line = l[0].line;
      const embedded =
        l.length === 1 || (l.length === 2 && l[0].text === '*') || (l.length === 3 && l[1].text === '.') || (l.length === 4 && l[0].text === '*' && l[2].text === '.');
      if (embedded) return { names: [], type: l, tag, line };
      const names: string[] = [];
      let k = 0;
      while (l[k]?.kind === 'ident') {
        names.push(l[k].text);
        if (l[k + 1]?.text === ',') k += 2;
        else {
          k++;
          break;
        }
      }
      return { names, type: l.slice(k), tag, line };
    });

  const constSpec = (spec: GoTok[]) => {
    const eq = spec.findIndex((t) => t.kind === 'punct' && t.text === '=');
    if (eq !== 1 && eq !== 2) return;
    if (spec[0].kind !== 'ident' || spec.length !== eq + 2 || spec[eq + 1].kind !== 'str') return;
    file.consts.set(spec[0].text, spec[eq + 1].text);
  };

  let depth = 0;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind === 'punct') {
      if (OPENERS[t.text]) depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
      continue;
    }
    if (depth !== 0 || t.kind !== 'ident') continue;
    if (t.text === 'type' || t.text === 'const') {
      const spec = t.text === 'type' ? typeSpec : constSpec;
      if (isP(i + 1, '(')) {
        for (const l of lines(i + 2, close(i + 1))) spec(l);
        i = close(i + 1);
      } else {
        let end = i + 1;
        while (end < toks.length && (end === i + 1 || toks[end].line === toks[end - 1].line) && !isP(end, ';')) end = match.has(end) ? close(end) + 1 : end + 1;
        spec(lines(i + 1, end)[0] ?? []);
        i = end - 1;
      }
    } else if (t.text === 'func' && toks[i + 1]?.kind === 'ident') {
      const name = toks[i + 1].text;
      let k = i + 2;
      while (k < toks.length && !isP(k, '{')) k = match.has(k) ? close(k) + 1 : k + 1;
      if (k < toks.length) {
        file.funcs.set(name, toks.slice(k + 1, close(k)));
        i = close(k);
      }
    }
  }
  return file;
}

/** The value of `key:"value"` in a Go struct tag. */
export function tagValue(tag: string | undefined, key: string): string | undefined {
  if (!tag) return undefined;
  const re = /([A-Za-z0-9_]+):"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) if (m[1] === key) return m[2];
  return undefined;
}
