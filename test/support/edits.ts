/**
 * What an editor does with the edits a server sends: text edits applied to a text, snippets
 * expanded as inserted, and the check that a completion item leaves valid TOML with its key set.
 */
import type { CompletionItem, Position, TextEdit } from 'vscode-languageserver-types';
import { parseToml, tableAt } from '../../server/src/toml';

export function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let l = 0; l < pos.line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + pos.character;
}

/** Applies non-overlapping edits as one change (each range refers to the original text). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetAt(text, e.range.start)) + e.newText + text.slice(offsetAt(text, e.range.end));
  return text;
}

/**
 * The text a snippet leaves when accepted without typing: each placeholder's text, a choice's
 * first option, nothing for a bare tab stop (LSP snippet syntax, written independently of the server's).
 */
export function expandSnippet(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) {
      out += snippet[++i];
    } else if (c === '$' && /\d/.test(snippet[i + 1] ?? '')) {
      while (/\d/.test(snippet[i + 1] ?? '')) i++;
    } else if (c === '$' && snippet[i + 1] === '{') {
      const m = /^\$\{\d+(?::|\|)/.exec(snippet.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      const choice = m[0].endsWith('|');
      i += m[0].length;
      let body = '';
      let first = true;
      for (; i < snippet.length; i++) {
        const d = snippet[i];
        if (d === '\\') body += first ? snippet[++i] : (i++, '');
        else if (choice && d === ',') first = false;
        else if (choice && d === '|' && snippet[i + 1] === '}') {
          i++;
          break;
        } else if (!choice && d === '}') break;
        else if (first) body += d;
      }
      out += body;
    } else out += c;
  }
  return out;
}

/**
 * What is wrong with `after`, the text once a key item was accepted in `before`: new TOML errors,
 * or the key not set in the table at `table`. Undefined when all is well.
 */
export function insertionProblem(before: string, after: string, table: string[], key: string): string | undefined {
  const doc = parseToml(after);
  if (doc.errors.length > parseToml(before).errors.length) return doc.errors.map((e) => `${e.code} ${e.message}`).join('; ');
  if (!tableAt(doc.root, table)?.entries.has(key)) return `does not set the key in [${table.join('.')}]`;
  return undefined;
}

/**
 * What is wrong with accepting a key item at `table` in `text`: the edit as the client applies it
 * (`additionalEdits`: with the item's additionalTextEdits; a snippet expanded), then the result must
 * parse without new TOML errors and set the item's key in that table. Empty when all is well.
 */
export function keyItemProblems(text: string, item: CompletionItem, table: string[], options: { additionalEdits: boolean }): string[] {
  const edit = item.textEdit;
  if (!edit || !('range' in edit)) return [`${item.label}: no textEdit with a range`];
  const newText = item.insertTextFormat === 2 ? expandSnippet(edit.newText) : edit.newText;
  const edits = [{ range: edit.range, newText }, ...(options.additionalEdits ? (item.additionalTextEdits ?? []) : [])];
  const problem = insertionProblem(text, applyEdits(text, edits), table, item.label);
  return problem ? [`${item.label}: ${JSON.stringify(newText)} ${problem}`] : [];
}

/** The text with an empty line after each table header, and where that line is. */
export function emptyLineAfterEachHeader(text: string): Array<{ text: string; line: number; table: string[] }> {
  const doc = parseToml(text);
  return doc.tree.tables
    .filter((t) => t.key)
    .map((t) => {
      const end = doc.lines.lineEnd(doc.lines.positionAt(t.end).line);
      return { text: `${text.slice(0, end)}\n${text.slice(end)}`, line: doc.lines.positionAt(t.end).line + 1, table: t.key!.parts.map((p) => p.name) };
    });
}
