/**
 * The lexical layer of the TOML engine: character classes, string literals with escapes, and the
 * classification of bare value tokens (numbers, booleans, date-times). Every function reads the
 * source at an offset and returns where it stopped; problems go to the `report` callback so the
 * caller decides how to recover.
 */
import type { DateTimeKind, ScalarValue, StringStyle } from './ast';
import type { TomlErrorCode } from './errors';

export type Report = (code: TomlErrorCode, message: string, start: number, end: number) => void;

export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_SPACE = 32;
export const CH_QUOTE = 34;
export const CH_HASH = 35;
export const CH_APOS = 39;
export const CH_COMMA = 44;
export const CH_DOT = 46;
export const CH_EQUALS = 61;
export const CH_LBRACKET = 91;
export const CH_BACKSLASH = 92;
export const CH_RBRACKET = 93;
export const CH_LBRACE = 123;
export const CH_RBRACE = 125;

export function isBareKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 45 // -
  );
}

/** Control characters TOML forbids unescaped in strings and comments (tab is allowed). */
export function isForbiddenControl(c: number): boolean {
  return (c <= 0x1f && c !== CH_TAB) || c === 0x7f;
}

/** Characters that end a bare value token. */
export function isValueDelimiter(c: number): boolean {
  return (
    c === CH_SPACE ||
    c === CH_TAB ||
    c === CH_LF ||
    c === CH_CR ||
    c === CH_COMMA ||
    c === CH_RBRACKET ||
    c === CH_RBRACE ||
    c === CH_HASH ||
    c === CH_LBRACKET ||
    c === CH_LBRACE ||
    c === CH_QUOTE ||
    c === CH_APOS ||
    c === CH_EQUALS
  );
}

export function describeChar(c: number): string {
  if (Number.isNaN(c)) return 'end of file';
  if (c === CH_LF) return 'end of line';
  if (c === CH_CR) return 'carriage return';
  if (c === CH_TAB) return 'tab';
  if (c < 0x20 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${String.fromCharCode(c)}'`;
}

export interface Scanned<T> {
  value: T;
  end: number;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '"': '"',
  '\\': '\\',
};

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/**
 * Reads an escape sequence at `pos` (the backslash). Returns the decoded text and the offset after
 * it; an invalid escape is reported and decoded as its literal text so scanning can continue.
 */
function scanEscape(text: string, pos: number, report: Report): Scanned<string> {
  const next = text[pos + 1];
  if (next !== undefined && next in SIMPLE_ESCAPES) return { value: SIMPLE_ESCAPES[next], end: pos + 2 };
  if (next === 'u' || next === 'U') {
    const digits = next === 'u' ? 4 : 8;
    let i = pos + 2;
    while (i < pos + 2 + digits && isHex(text.charCodeAt(i))) i++;
    if (i - (pos + 2) !== digits) {
      report('toml-invalid-string', `'\\${next}' needs exactly ${digits} hexadecimal digits`, pos, i);
      return { value: '', end: i };
    }
    const code = parseInt(text.slice(pos + 2, i), 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      report('toml-invalid-string', `'${text.slice(pos, i)}' is not a Unicode scalar value`, pos, i);
      return { value: '', end: i };
    }
    return { value: String.fromCodePoint(code), end: i };
  }
  const shown = next === undefined || next === '\n' || next === '\r' ? '\\' : `\\${next}`;
  report(
    'toml-invalid-string',
    `invalid escape '${shown}': use \\b \\t \\n \\f \\r \\" \\\\ \\uXXXX or \\UXXXXXXXX`,
    pos,
    Math.min(pos + 2, text.length),
  );
  return { value: '', end: Math.min(pos + 2, text.length) };
}

function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  if (nl < 0) return text.length;
  return nl > 0 && text.charCodeAt(nl - 1) === CH_CR ? nl - 1 : nl;
}

/** A single-line basic (`"..."`) or literal (`'...'`) string at `pos`. Stops at the end of the line. */
export function scanLineString(text: string, pos: number, report: Report): Scanned<string> & { closed: boolean } {
  const quote = text.charCodeAt(pos);
  const literal = quote === CH_APOS;
  let value = '';
  let chunk = pos + 1;
  let i = pos + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === quote) {
      value += text.slice(chunk, i);
      return { value, end: i + 1, closed: true };
    }
    if (Number.isNaN(c) || c === CH_LF || (c === CH_CR && text.charCodeAt(i + 1) === CH_LF)) {
      value += text.slice(chunk, i);
      report('toml-invalid-string', `unterminated string: add the closing ${literal ? "'" : '"'} before the end of the line`, pos, i);
      return { value, end: i, closed: false };
    }
    if (!literal && c === CH_BACKSLASH) {
      value += text.slice(chunk, i);
      const esc = scanEscape(text, i, report);
      value += esc.value;
      i = chunk = esc.end;
      continue;
    }
    if (isForbiddenControl(c)) {
      report('toml-invalid-string', `${describeChar(c)} is not allowed in a string${literal ? '' : '; escape it'}`, i, i + 1);
    }
    i++;
  }
}

/**
 * A multi-line string (`"""` or `'''`) at `pos`. When the closing delimiter is missing, the error is
 * reported at the opening and the string is ended at the end of its first line, so the rest of the
 * file is still read as TOML instead of vanishing into the string.
 */
export function scanMultilineString(text: string, pos: number, report: Report): Scanned<string> & { closed: boolean } {
  const quote = text.charCodeAt(pos);
  const literal = quote === CH_APOS;
  let i = pos + 3;
  if (text.charCodeAt(i) === CH_LF) i++;
  else if (text.charCodeAt(i) === CH_CR && text.charCodeAt(i + 1) === CH_LF) i += 2;
  let value = '';
  let chunk = i;
  const errorsBefore: Array<[TomlErrorCode, string, number, number]> = [];
  const deferred: Report = (code, message, s, e) => errorsBefore.push([code, message, s, e]);
  for (;;) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c)) {
      const end = lineEnd(text, pos);
      const delim = literal ? "'''" : '"""';
      report('toml-invalid-string', `unterminated multi-line string: no closing ${delim} before the end of the file`, pos, end);
      // Recover: only the opening line belongs to the broken string.
      return { value: text.slice(pos + 3, end), end, closed: false };
    }
    if (c === quote && text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) {
      // Six are enough to know there are too many (counting a whole run again for each string in it is quadratic).
      let n = 3;
      while (n < 6 && text.charCodeAt(i + n) === quote) n++;
      if (n > 5) {
        deferred('toml-invalid-string', 'too many quotes at the end of a multi-line string (at most two may precede the closing delimiter)', i, i + n);
        n = 5;
      }
      value += text.slice(chunk, i) + text.slice(i, i + n - 3);
      for (const [code, message, s, e] of errorsBefore) report(code, message, s, e);
      return { value, end: i + n, closed: true };
    }
    if (!literal && c === CH_BACKSLASH) {
      value += text.slice(chunk, i);
      // A backslash that ends a line trims the newline and all whitespace after it.
      let j = i + 1;
      while (text.charCodeAt(j) === CH_SPACE || text.charCodeAt(j) === CH_TAB) j++;
      if (text.charCodeAt(j) === CH_LF || (text.charCodeAt(j) === CH_CR && text.charCodeAt(j + 1) === CH_LF)) {
        for (;;) {
          const d = text.charCodeAt(j);
          if (d === CH_SPACE || d === CH_TAB || d === CH_LF) j++;
          else if (d === CH_CR && text.charCodeAt(j + 1) === CH_LF) j += 2;
          else break;
        }
        i = chunk = j;
        continue;
      }
      const esc = scanEscape(text, i, deferred);
      value += esc.value;
      i = chunk = esc.end;
      continue;
    }
    if (c === CH_CR) {
      if (text.charCodeAt(i + 1) !== CH_LF) deferred('toml-invalid-string', 'a carriage return must be followed by a line feed', i, i + 1);
      i++;
      continue;
    }
    if (c !== CH_LF && isForbiddenControl(c)) {
      deferred('toml-invalid-string', `${describeChar(c)} is not allowed in a string${literal ? '' : '; escape it'}`, i, i + 1);
    }
    i++;
  }
}

export function stringStyle(text: string, pos: number): StringStyle {
  const q = text.charCodeAt(pos);
  const triple = text.charCodeAt(pos + 1) === q && text.charCodeAt(pos + 2) === q;
  if (q === CH_APOS) return triple ? 'multiline-literal' : 'literal';
  return triple ? 'multiline-basic' : 'basic';
}

/** Reads a bare value token (number, boolean, date-time or garbage) starting at `pos`. */
export function scanValueToken(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && !isValueDelimiter(text.charCodeAt(i))) i++;
  // A date followed by a space and a time is one local/offset date-time (`1979-05-27 07:32:00`).
  if (
    i - pos === 10 &&
    text.charCodeAt(i) === CH_SPACE &&
    DATE_ONLY.test(text.slice(pos, i)) &&
    /^\d\d:/.test(text.slice(i + 1, i + 4))
  ) {
    i++;
    while (i < text.length && !isValueDelimiter(text.charCodeAt(i))) i++;
  }
  return i;
}

const DEC_INT = /^[+-]?(?:0|[1-9](?:_?[0-9])*)$/;
const HEX_INT = /^0x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*$/;
const OCT_INT = /^0o[0-7](?:_?[0-7])*$/;
const BIN_INT = /^0b[01](?:_?[01])*$/;
const FLOAT = /^[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const SPECIAL_FLOAT = /^[+-]?(?:inf|nan)$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?)?$/;
const TIME_ONLY = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

const MIN_I64 = -(2n ** 63n);
const MAX_I64 = 2n ** 63n - 1n;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkTime(h: string, m: string, s: string): string | null {
  if (+h > 23) return 'hour must be 00 to 23';
  if (+m > 59) return 'minute must be 00 to 59';
  if (+s > 60) return 'second must be 00 to 60';
  return null;
}

type TokenResult =
  | { ok: true; value: ScalarValue }
  | { ok: false; code: TomlErrorCode; message: string };

function fail(code: TomlErrorCode, message: string): TokenResult {
  return { ok: false, code, message };
}

function classifyDateTime(raw: string, start: number, end: number): TokenResult | null {
  const t = TIME_ONLY.exec(raw);
  if (t) {
    const problem = checkTime(t[1], t[2], t[3]);
    if (problem) return fail('toml-invalid-datetime', `invalid time '${raw}': ${problem}`);
    return { ok: true, value: { kind: 'datetime', subtype: 'local-time', raw, start, end } };
  }
  const d = DATE_TIME.exec(raw);
  if (!d) return null;
  const [, y, mo, da, h, mi, s, , offset] = d;
  if (+mo < 1 || +mo > 12) return fail('toml-invalid-datetime', `invalid date '${raw}': month must be 01 to 12`);
  if (+da < 1 || +da > daysInMonth(+y, +mo)) return fail('toml-invalid-datetime', `invalid date '${raw}': day ${da} does not exist in that month`);
  let subtype: DateTimeKind = 'local-date';
  if (h !== undefined) {
    const problem = checkTime(h, mi, s);
    if (problem) return fail('toml-invalid-datetime', `invalid date-time '${raw}': ${problem}`);
    subtype = 'local-datetime';
    if (offset !== undefined) {
      if (offset.length > 1 && (+offset.slice(1, 3) > 23 || +offset.slice(4, 6) > 59)) {
        return fail('toml-invalid-datetime', `invalid date-time '${raw}': the UTC offset must be between -23:59 and +23:59`);
      }
      subtype = 'offset-datetime';
    }
  }
  return { ok: true, value: { kind: 'datetime', subtype, raw, start, end } };
}

/** Explains why a number-like token is not a TOML number. */
function explainBadNumber(raw: string): string {
  const body = raw.replace(/^[+-]/, '');
  if (/^0[xob]/i.test(body) && /^[+-]/.test(raw)) return `'${raw}': hexadecimal, octal and binary integers cannot have a sign`;
  if (/^0[XOB]/.test(body)) return `'${raw}': the prefix must be lower case (0x, 0o, 0b)`;
  if (/_(?![0-9A-Fa-f])|(?<![0-9A-Fa-f])_/.test(body)) return `'${raw}': each underscore must stand between two digits`;
  if (/^0\d/.test(body)) return `'${raw}': leading zeros are not allowed`;
  if (/\.$|\.[eE_]|\.(?!\d)/.test(body) || /^\./.test(body)) return `'${raw}': a decimal point must have digits on both sides`;
  if (/[eE]([+-]?)$/.test(body)) return `'${raw}': the exponent has no digits`;
  if (/^(?:Inf|INF|NaN|NAN|infinity)$/.test(body)) return `'${raw}': write inf or nan in lower case`;
  return `'${raw}' is not a valid number`;
}

/** Classifies a bare value token as a boolean, integer, float or date-time. */
export function classifyValueToken(raw: string, start: number, end: number): TokenResult {
  if (raw === 'true' || raw === 'false') return { ok: true, value: { kind: 'boolean', value: raw === 'true', start, end } };
  const c0 = raw.charCodeAt(0);
  const numeric = (c0 >= 48 && c0 <= 57) || c0 === 43 || c0 === 45 || raw === 'inf' || raw === 'nan';
  if (!numeric) {
    return fail(
      'toml-syntax',
      `invalid value '${raw}': expected a string (in quotes), number, boolean, date-time, array or inline table`,
    );
  }
  const dt = classifyDateTime(raw, start, end);
  if (dt) return dt;
  if (DEC_INT.test(raw) || HEX_INT.test(raw) || OCT_INT.test(raw) || BIN_INT.test(raw)) {
    const value = BigInt(raw.replace(/_/g, ''));
    if (value < MIN_I64 || value > MAX_I64) return fail('toml-invalid-number', `'${raw}' does not fit in a 64-bit signed integer`);
    return { ok: true, value: { kind: 'integer', value, raw, start, end } };
  }
  if (SPECIAL_FLOAT.test(raw)) {
    const v = raw.endsWith('nan') ? NaN : raw.startsWith('-') ? -Infinity : Infinity;
    return { ok: true, value: { kind: 'float', value: v, raw, start, end } };
  }
  if (FLOAT.test(raw)) {
    return { ok: true, value: { kind: 'float', value: Number(raw.replace(/_/g, '')), raw, start, end } };
  }
  if (/^\d{4}-|^\d{2}:/.test(raw)) return fail('toml-invalid-datetime', `'${raw}' is not a valid date or time (expected e.g. 1979-05-27T07:32:00Z, 1979-05-27 or 07:32:00)`);
  return fail('toml-invalid-number', explainBadNumber(raw));
}
