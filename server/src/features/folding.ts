/** Folding ranges: table sections, multi-line arrays and strings, and blocks of comment lines. */
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { TomlDocument, ValueNode } from '../toml';
import { MAX_FOLDING_RANGES } from './limits';

/** Folding ranges, at most `max` (the first ones in file order, outermost first). */
export function foldingRanges(doc: TomlDocument, max = MAX_FOLDING_RANGES): FoldingRange[] {
  const out: FoldingRange[] = [];
  const line = (offset: number) => doc.lines.positionAt(offset).line;

  for (const header of doc.tree.tables) {
    const start = line(header.start);
    const end = line(Math.max(header.end, header.sectionEnd));
    if (end > start) out.push({ startLine: start, endLine: end });
  }

  const visit = (v: ValueNode | null): void => {
    if (!v) return;
    if (v.kind === 'array' || v.kind === 'inline-table' || (v.kind === 'string' && v.style.startsWith('multiline'))) {
      const start = line(v.start);
      // Keep the closing bracket or quotes visible, as editors do for JSON.
      const end = line(v.end) - (v.kind === 'array' && v.closed ? 1 : 0);
      if (end > start) out.push({ startLine: start, endLine: end });
    }
    if (v.kind === 'array') v.items.forEach(visit);
    if (v.kind === 'inline-table') v.entries.forEach((e) => visit(e.value));
  };
  for (const kv of doc.tree.rootEntries) visit(kv.value);
  for (const t of doc.tree.tables) for (const kv of t.entries) visit(kv.value);

  // Comment blocks: consecutive lines holding only a comment.
  let blockStart = -1;
  let blockEnd = -1;
  const flush = () => {
    if (blockStart >= 0 && blockEnd > blockStart) out.push({ startLine: blockStart, endLine: blockEnd, kind: FoldingRangeKind.Comment });
    blockStart = blockEnd = -1;
  };
  for (const c of doc.tree.comments) {
    const l = line(c.start);
    const ownLine = doc.text.slice(doc.lines.lineStart(l), c.start).trim() === '';
    if (!ownLine) {
      flush();
      continue;
    }
    if (blockEnd >= 0 && l === blockEnd + 1) blockEnd = l;
    else {
      flush();
      blockStart = blockEnd = l;
    }
  }
  flush();
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out.length > max ? out.slice(0, max) : out;
}
