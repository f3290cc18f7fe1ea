/**
 * A completion answer in as few bytes as the client allows: when it announces LSP 3.17's
 * `completionList.itemDefaults` (VS Code does), the edit range and insert format every item shares
 * are said once in `itemDefaults` and each item keeps only its `textEditText`; so is the `data` most
 * items share, when every item has data and the client takes that default too (an item without
 * data cannot say so: vscode-languageclient gives the default to an item whose data is null). The client rebuilds
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
  const data = supported.includes('data') ? commonestData(items) : undefined;
  return {
    isIncomplete: false,
    itemDefaults: { editRange: first.range, insertTextFormat: format, ...(data ? { data: data.value } : {}) },
    items: items.map(({ textEdit, insertTextFormat, data: ownData, ...rest }) => {
      const own = insertTextFormat ?? InsertTextFormat.PlainText;
      const keepData = ownData !== undefined && (!data || JSON.stringify(ownData) !== data.json);
      return {
        ...rest,
        ...(own !== format ? { insertTextFormat: own } : {}),
        ...(keepData ? { data: ownData } : {}),
        textEditText: textEdit!.newText,
      };
    }),
  };
}

/** The data more than one item carries, the commonest; undefined when no two share one or an item has none. */
function commonestData(items: CompletionItem[]): { value: unknown; json: string } | undefined {
  const counts = new Map<string, { value: unknown; n: number }>();
  for (const item of items) {
    if (item.data === undefined || item.data === null) return undefined;
    const json = JSON.stringify(item.data);
    const entry = counts.get(json) ?? { value: item.data, n: 0 };
    entry.n++;
    counts.set(json, entry);
  }
  let best: { value: unknown; json: string; n: number } | undefined;
  for (const [json, { value, n }] of counts) if (n > 1 && (!best || n > best.n)) best = { value, json, n };
  return best && { value: best.value, json: best.json };
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
    if (item.data === undefined && d?.data !== undefined) out.data = d.data;
    return out;
  });
}
