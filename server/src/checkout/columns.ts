/**
 * Columns of an expanded template line back to the template line. make's sed replaces each
 * `@NAME@` by a value and leaves the text between placeholders alone, so the template line is a
 * sequence of literal pieces and placeholders, and the output line the same literals with values
 * between them. A column in a literal piece maps to the same offset in the template; a column
 * inside a substituted value maps to the placeholder (its start, or its end for a range's end).
 */
const PLACEHOLDER = /@[A-Za-z][A-Za-z0-9_]*@/g;

interface Piece {
  outStart: number;
  outEnd: number;
  tplStart: number;
  tplEnd: number;
  literal: boolean;
}

function pieces(template: string, output: string): Piece[] | undefined {
  const out: Piece[] = [];
  let tpl = 0;
  let pos = 0;
  const literals: Array<{ start: number; end: number }> = [];
  const holes: Array<{ start: number; end: number }> = [];
  PLACEHOLDER.lastIndex = 0;
  for (let m = PLACEHOLDER.exec(template); m; m = PLACEHOLDER.exec(template)) {
    literals.push({ start: tpl, end: m.index });
    holes.push({ start: m.index, end: m.index + m[0].length });
    tpl = m.index + m[0].length;
  }
  literals.push({ start: tpl, end: template.length });
  for (let i = 0; i < literals.length; i++) {
    const lit = template.slice(literals[i].start, literals[i].end);
    let at: number;
    if (i === 0) at = output.startsWith(lit) ? 0 : -1;
    else if (i === literals.length - 1) at = output.endsWith(lit) && output.length - lit.length >= pos ? output.length - lit.length : -1;
    else at = output.indexOf(lit, pos);
    if (at < 0) return undefined;
    if (i > 0) out.push({ outStart: pos, outEnd: at, tplStart: holes[i - 1].start, tplEnd: holes[i - 1].end, literal: false });
    out.push({ outStart: at, outEnd: at + lit.length, tplStart: literals[i].start, tplEnd: literals[i].end, literal: true });
    pos = at + lit.length;
  }
  return out;
}

/** Maps a column of `output` to a column of `template` (`end`: the column ends a range). */
export function columnMap(template: string, output: string): (column: number, end?: boolean) => number {
  if (template === output) return (c) => c;
  const list = pieces(template, output);
  if (!list) return (_c, end) => (end ? template.length : 0);
  return (column, end = false) => {
    for (const p of list) {
      if (p.literal && column >= p.outStart && column <= p.outEnd) return p.tplStart + (column - p.outStart);
      if (!p.literal && column >= p.outStart && column < p.outEnd) return end ? p.tplEnd : p.tplStart;
      if (!p.literal && end && column === p.outEnd) return p.tplEnd;
    }
    return end ? template.length : Math.min(column, template.length);
  };
}

/** Where a line's comment starts (`#` outside quoted strings), or -1. */
export function commentStart(line: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return i;
  }
  return -1;
}
