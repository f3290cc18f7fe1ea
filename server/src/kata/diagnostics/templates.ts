/**
 * `.toml.in` templates carry `@NAME@` placeholders that the Kata build replaces. Before parsing,
 * each unquoted placeholder becomes a quoted string of the same length, so ranges stay exact and
 * the file parses; the placeholder offsets are remembered so no rule checks those values.
 */
// Sticky: tried only where a '@' is (a global regex would search ahead from every '@': quadratic).
const UNQUOTED = /@[A-Za-z0-9_]+@/y;

export interface Masked {
  text: string;
  placeholders: Set<number>;
}

export function maskPlaceholders(text: string): Masked {
  const placeholders = new Set<number>();
  let out = '';
  let last = 0;
  let inString: string | null = null;
  // Walk line by line; only placeholders outside quotes and comments are masked.
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\' && inString === '"') i++;
      else if (c === inString || c === '\n') inString = null;
      continue;
    }
    if (c === '"' || c === "'") {
      inString = c;
      // Placeholders inside strings are values too: remember them so they are not checked.
      const close = text.indexOf(c, i + 1);
      const inner = close > i ? text.slice(i + 1, close) : '';
      if (/^@[A-Za-z0-9_]+@$/.test(inner)) placeholders.add(i);
      continue;
    }
    if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (c === '@') {
      UNQUOTED.lastIndex = i;
      const m = UNQUOTED.exec(text);
      if (m && m.index === i) {
        out += text.slice(last, i) + `"${m[0].slice(1, -1)}"`;
        placeholders.add(i);
        last = i + m[0].length;
        i = last - 1;
      }
    }
  }
  return { text: out + text.slice(last), placeholders };
}
