/**
 * The outline: the document's data model as nested symbols (tables, arrays of tables, keys), each
 * with its value as detail. Built from the model, so `[hypervisor.qemu]` shows under `hypervisor`.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Span, TomlDocument, TomlNode, TomlTable, ValueNode } from '../toml';
import { toRange, union } from './ranges';
import { MAX_SYMBOLS } from './limits';

const DETAIL_MAX = 60;

interface Draft {
  name: string;
  kind: SymbolKind;
  detail?: string;
  span: Span;
  selection: Span;
  children: Draft[];
}

/** How many more symbols may be made; `cut` once one was left out. */
interface Budget {
  left: number;
  cut: boolean;
}

/**
 * The outline, at most `max` symbols (nested ones included, depth first in file order); when more
 * exist, a last top-level symbol at the end of the file says the outline was cut.
 */
export function documentSymbols(doc: TomlDocument, max = MAX_SYMBOLS): DocumentSymbol[] {
  const budget: Budget = { left: max, cut: false };
  const symbols = tableDrafts(doc.root, doc.text, budget).map((d) => finish(d, doc));
  if (budget.cut) {
    const end = toRange(doc.lines, { start: doc.text.length, end: doc.text.length });
    symbols.push({ name: `(outline cut at ${max} symbols)`, detail: 'kata-config shows the first symbols of a very large file only', kind: SymbolKind.Null, range: end, selectionRange: end });
  }
  return symbols;
}

function finish(d: Draft, doc: TomlDocument): DocumentSymbol {
  const sym: DocumentSymbol = {
    name: d.name || '""',
    kind: d.kind,
    range: toRange(doc.lines, d.span),
    selectionRange: toRange(doc.lines, d.selection),
  };
  if (d.detail) sym.detail = d.detail;
  if (d.children.length) sym.children = d.children.map((c) => finish(c, doc));
  return sym;
}

function tableDrafts(table: TomlTable, text: string, budget: Budget): Draft[] {
  const out: Draft[] = [];
  for (const [name, node] of table.entries) {
    if (budget.left <= 0) {
      budget.cut = true;
      break;
    }
    const d = draft(name, node, text, budget);
    if (d) out.push(d);
  }
  return out;
}

function spanOfAll(own: Span | undefined, children: Draft[]): Span | undefined {
  let span = own;
  for (const c of children) span = span ? union(span, c.span) : c.span;
  return span;
}

function draft(name: string, node: TomlNode, text: string, budget: Budget): Draft | undefined {
  budget.left--;
  if (node.type === 'value') {
    const entry = node.entry;
    const selection = node.keyRef ?? node.value;
    return { name, kind: valueKind(node.value), detail: valueDetail(node.value, text), span: entry ?? node.value, selection, children: [] };
  }
  if (node.type === 'array') {
    const children: Draft[] = [];
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      if (item.type === 'value' && !node.ofTables) continue; // scalar items are not symbols
      if (budget.left <= 0) {
        budget.cut = true;
        break;
      }
      const d = draft(`[${i}]`, item, text, budget);
      if (d) children.push(d);
    }
    const own = node.entry ?? (node.ofTables ? undefined : node.keyRef);
    const span = spanOfAll(own, children) ?? node.keyRef;
    const detail = node.ofTables ? `${node.items.length} table${node.items.length === 1 ? '' : 's'}` : node.entry?.value ? valueDetail(node.entry.value, text) : undefined;
    return { name, kind: SymbolKind.Array, detail, span, selection: selectionWithin(node.keyRef, span, children), children };
  }
  const children = tableDrafts(node, text, budget);
  let own: Span | undefined;
  let selection: Span | undefined;
  if (node.header) {
    own = { start: node.header.start, end: Math.max(node.header.end, node.header.sectionEnd) };
    selection = node.header.key ?? node.header;
  } else if (node.inline) {
    own = node.keyRef ? union(node.keyRef, node.inline) : node.inline;
    selection = node.keyRef;
  }
  const span = spanOfAll(own, children) ?? node.keyRef;
  if (!span) return undefined;
  return { name, kind: SymbolKind.Object, span, selection: selectionWithin(selection ?? node.keyRef, span, children), children };
}

/** LSP requires the selection inside the range; fall back to the first child's or the whole span. */
function selectionWithin(sel: Span | undefined, span: Span, children: Draft[]): Span {
  if (sel && sel.start >= span.start && sel.end <= span.end) return sel;
  return children[0]?.selection ?? span;
}

function valueKind(v: ValueNode | { kind: 'invalid' }): SymbolKind {
  switch (v.kind) {
    case 'string':
      return SymbolKind.String;
    case 'integer':
    case 'float':
      return SymbolKind.Number;
    case 'boolean':
      return SymbolKind.Boolean;
    case 'datetime':
      return SymbolKind.Constant;
    default:
      return SymbolKind.Variable;
  }
}

/** Enough of a value for its detail: a huge value is never copied or scanned whole. */
const DETAIL_SOURCE_MAX = 4 * DETAIL_MAX;

function valueDetail(v: Span, text: string): string {
  const cut = v.end - v.start > DETAIL_SOURCE_MAX;
  // Each run of white space that spans lines becomes one space (`\s+` runs: linear, unlike /\s*\r?\n\s*/).
  const raw = text.slice(v.start, cut ? v.start + DETAIL_SOURCE_MAX : v.end).replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
  return raw.length > DETAIL_MAX || cut ? `${raw.slice(0, DETAIL_MAX - 1)}…` : raw;
}
