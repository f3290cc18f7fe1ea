/**
 * The parts of a Markdown page the docs checks read, with positions: headings, fenced code blocks,
 * inline code spans, links (inline and by reference) and table cells with their column headers. A
 * small line scanner of CommonMark's common cases, not a full renderer: what it does not recognise
 * it leaves out, so that no check runs on a misread piece of prose.
 */

export interface Pos {
  /** 0-based line and UTF-16 column. */
  line: number;
  character: number;
}

export interface Heading {
  line: number;
  level: number;
  text: string;
}

export interface FencedBlock {
  /** The info string's first word, lower-cased (`toml`, `bash`, ''). */
  lang: string;
  /** The line of the opening fence; content starts on the next line. */
  line: number;
  /** The content lines, with the fence's indentation removed, and the column each starts at in the page. */
  lines: string[];
  indents: number[];
}

export interface CodeSpan {
  text: string;
  /** Where the code text (inside the backticks) starts. */
  start: Pos;
  /** Set when the span is (part of) a link's text. */
  link?: Link;
  /** Set when the span is in a table cell. */
  cell?: Cell;
}

export interface Link {
  text: string;
  url: string;
  start: Pos;
  /** Where the URL is written (the reference definition's line for reference links). */
  urlAt: Pos;
  cell?: Cell;
}

export interface Cell {
  row: number;
  column: number;
  /** The header text of this column (the table's first row), as plain text. */
  header: string;
}

export interface MarkdownPage {
  headings: Heading[];
  blocks: FencedBlock[];
  spans: CodeSpan[];
  links: Link[];
  /** The plain text of each non-empty line outside fences (for context: what a paragraph says). */
  lines: string[];
  /** Per line, the nearest heading above it (index into headings), -1 before the first. */
  sectionOf(line: number): number;
}

const FENCE = /^()(`{3,}|~{3,})(.*)$/;

function plain(text: string): string {
  return text.replace(/`([^`]*)`/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_]/g, '').trim();
}

/** Cells of a table row: `| a | b |` → [{text, start}], pipes inside code spans or escaped left alone. */
function splitRow(line: string): Array<{ text: string; start: number }> {
  const cells: Array<{ text: string; start: number }> = [];
  let i = line.indexOf('|');
  if (i < 0) return cells;
  let start = i + 1;
  let inCode = false;
  for (i = start; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') i++;
    else if (c === '`') inCode = !inCode;
    else if (c === '|' && !inCode) {
      cells.push({ text: line.slice(start, i), start });
      start = i + 1;
    }
  }
  if (line.slice(start).trim()) cells.push({ text: line.slice(start), start });
  return cells;
}

export function scanMarkdown(text: string): MarkdownPage {
  const src = text.split(/\r?\n/);
  const headings: Heading[] = [];
  const blocks: FencedBlock[] = [];
  const spans: CodeSpan[] = [];
  const links: Link[] = [];
  const lines: string[] = new Array(src.length).fill('');
  const refs = new Map<string, { url: string; line: number; character: number }>();
  const pendingRefs: Array<{ link: Link; ref: string }> = [];
  const section: number[] = new Array(src.length).fill(-1);
  let table: { headers: string[]; row: number } | undefined;
  let inComment = false;

  for (let n = 0; n < src.length; n++) {
    const raw = src[n];
    section[n] = headings.length - 1;
    // HTML comments are not read.
    if (inComment) {
      if (raw.includes('-->')) inComment = false;
      continue;
    }
    if (/^\s*<!--/.test(raw) && !raw.includes('-->')) {
      inComment = true;
      continue;
    }
    // Fenced code, possibly indented inside a list item.
    const trimmed = raw.trimStart();
    const fence = FENCE.exec(trimmed);
    if (fence && !(fence[2][0] === '`' && fence[3].includes('`'))) {
      const indent = raw.length - trimmed.length;
      const marker = fence[2];
      const block: FencedBlock = { lang: (fence[3].trim().split(/[\s{,]/)[0] ?? '').toLowerCase().replace(/^\./, ''), line: n, lines: [], indents: [] };
      for (n++; n < src.length; n++) {
        section[n] = headings.length - 1;
        const l = src[n];
        const close = l.trimStart();
        if (close.startsWith(marker[0].repeat(marker.length)) && close.replace(new RegExp(`^\\${marker[0]}+`), '').trim() === '') break;
        let cut = 0;
        while (cut < indent && (l[cut] === ' ' || l[cut] === '\t')) cut++;
        block.lines.push(l.slice(cut));
        block.indents.push(cut);
      }
      blocks.push(block);
      table = undefined;
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(raw);
    if (heading) {
      headings.push({ line: n, level: heading[1].length, text: plain(heading[2]) });
      section[n] = headings.length - 1;
      lines[n] = plain(heading[2]);
      table = undefined;
      continue;
    }
    const def = /^ {0,3}\[([^\]]+)\]:\s*(\S+)/.exec(raw);
    if (def) {
      refs.set(def[1].toLowerCase(), { url: def[2].replace(/^<|>$/g, ''), line: n, character: raw.indexOf(def[2]) });
      continue;
    }
    lines[n] = plain(raw);
    // Tables: a row of pipes followed by a |---| line starts one; its first row names the columns.
    let cells: Array<{ text: string; start: number }> | undefined;
    if (/^\s*\|/.test(raw)) {
      const next = src[n + 1] ?? '';
      if (!table && /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(next)) {
        table = { headers: splitRow(raw).map((c) => plain(c.text)), row: 0 };
        n++;
        section[n] = headings.length - 1;
        continue;
      }
      if (table) {
        table.row++;
        cells = splitRow(raw);
      }
    } else if (raw.trim() === '') table = undefined;
    const cellAt = (col: number): Cell | undefined => {
      if (!cells || !table) return undefined;
      const idx = cells.findIndex((c) => col >= c.start && col <= c.start + c.text.length);
      return idx < 0 ? undefined : { row: table.row, column: idx, header: table.headers[idx] ?? '' };
    };
    // Links: [text](url) and [text][ref] / [text] with a definition elsewhere.
    const linkRe = /\[((?:[^\][]|\[[^\]]*\])*)\](?:\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)|\[([^\]]*)\])?/g;
    const linkSpans: Array<{ start: number; end: number; link: Link }> = [];
    for (let m = linkRe.exec(raw); m; m = linkRe.exec(raw)) {
      if (raw[m.index - 1] === '!' && m[2] === undefined) continue;
      const start = { line: n, character: m.index };
      if (m[2] !== undefined) {
        const link: Link = { text: m[1], url: m[2], start, urlAt: { line: n, character: raw.indexOf(m[2], m.index + m[1].length) }, cell: cellAt(m.index) };
        links.push(link);
        linkSpans.push({ start: m.index + 1, end: m.index + 1 + m[1].length, link });
      } else {
        const ref = (m[3] || m[1]).toLowerCase();
        const link: Link = { text: m[1], url: '', start, urlAt: start, cell: cellAt(m.index) };
        pendingRefs.push({ link, ref });
        linkSpans.push({ start: m.index + 1, end: m.index + 1 + m[1].length, link });
      }
    }
    // Inline code spans (a run of N backticks closes with the same run).
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] !== '`' || raw[i - 1] === '\\') continue;
      let run = 1;
      while (raw[i + run] === '`') run++;
      const close = raw.indexOf('`'.repeat(run), i + run);
      if (close < 0) {
        i += run - 1;
        continue;
      }
      let body = raw.slice(i + run, close);
      let offset = i + run;
      if (run > 1 && body.startsWith(' ') && body.endsWith(' ') && body.trim()) {
        body = body.slice(1, -1);
        offset++;
      }
      const inLink = linkSpans.find((l) => i >= l.start && close < l.end);
      spans.push({ text: body, start: { line: n, character: offset }, ...(inLink ? { link: inLink.link } : {}), ...(cellAt(i) ? { cell: cellAt(i) } : {}) });
      i = close + run - 1;
    }
  }
  for (const { link, ref } of pendingRefs) {
    const def = refs.get(ref);
    if (!def) continue;
    link.url = def.url;
    link.urlAt = { line: def.line, character: def.character };
    links.push(link);
  }
  links.sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
  return { headings, blocks, spans, links, lines, sectionOf: (line) => section[line] ?? -1 };
}
