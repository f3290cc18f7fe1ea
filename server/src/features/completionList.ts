/**
 * A completion answer in as few bytes as the client allows: when it announces LSP 3.17's
 * `completionList.itemDefaults` (VS Code does), the edit range and insert format every item shares
 * are said once in `itemDefaults` and each item keeps only its `textEditText`. The client rebuilds
 * the items a client without it receives, with no format meaning plain text as the protocol says
 * (test/unit/completionList.test.ts). Pure.
 */
import { InsertTextFormat, type CompletionItem, type CompletionList, type Range } from 'vscode-languageserver-types';

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * The items as a list with shared defaults, or undefined when the client does not take both
 * `editRange` and `insertTextFormat` defaults or the items do not share one edit range (an item
 * without an edit would get the default range, which would change what it replaces).
 */
export function withItemDefaults(items: CompletionItem[], supported: readonly string[]): CompletionList | undefined {
  if (!items.length || !supported.includes('editRange') || !supported.includes('insertTextFormat')) return undefined;
  const first = items[0].textEdit;
  if (!first || !('range' in first)) return undefined;
  for (const item of items) {
    const edit = item.textEdit;
    if (!edit || !('range' in edit) || !sameRange(edit.range, first.range) || item.textEditText !== undefined) return undefined;
  }
  // The commoner format is the default; the others say theirs (no format means plain text).
  const snippets = items.filter((i) => i.insertTextFormat === InsertTextFormat.Snippet).length;
  const format = snippets * 2 >= items.length ? InsertTextFormat.Snippet : InsertTextFormat.PlainText;
  return {
    isIncomplete: false,
    itemDefaults: { editRange: first.range, insertTextFormat: format },
    items: items.map(({ textEdit, insertTextFormat, ...rest }) => {
      const own = insertTextFormat ?? InsertTextFormat.PlainText;
      return { ...rest, ...(own !== format ? { insertTextFormat: own } : {}), textEditText: textEdit!.newText };
    }),
  };
}

/**
 * What a client makes of a list with defaults (LSP 3.17 §completion list item defaults): the full
 * items, each with its insert format said (plain text where the original said none).
 */
export function applyItemDefaults(list: CompletionList): CompletionItem[] {
  const d = list.itemDefaults;
  return list.items.map(({ textEditText, ...item }) => {
    const out: CompletionItem = { ...item };
    if (d?.editRange && !item.textEdit && 'start' in d.editRange) out.textEdit = { range: d.editRange, newText: textEditText ?? item.insertText ?? item.label };
    if (item.insertTextFormat === undefined) out.insertTextFormat = d?.insertTextFormat ?? InsertTextFormat.PlainText;
    return out;
  });
}
