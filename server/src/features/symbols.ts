/**
 * The outline: the document's data model as nested symbols (tables, arrays of tables, keys), each
 * with its value as detail. Built from the model, so `[hypervisor.qemu]` shows under `hypervisor`.
 */
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { Span, TomlDocument, TomlNode, TomlTable, ValueNode } from '../toml';
import { toRange, union } from './ranges';

const DETAIL_MAX = 60;

interface Draft {
  name: string;
  kind: SymbolKind;
  detail?: string;
  span: Span;
  selection: Span;
  children: Draft[];
}

export function documentSymbols(doc: TomlDocument): DocumentSymbol[] {
  return tableDrafts(doc.root, doc.text).map((d) => finish(d, doc));
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

function tableDrafts(table: TomlTable, text: string): Draft[] {
  const out: Draft[] = [];
  for (const [name, node] of table.entries) {
    const d = draft(name, node, text);
    if (d) out.push(d);
  }
  return out;
}

function spanOfAll(own: Span | undefined, children: Draft[]): Span | undefined {
  let span = own;
  for (const c of children) span = span ? union(span, c.span) : c.span;
  return span;
}

function draft(name: string, node: TomlNode, text: string): Draft | undefined {
  if (node.type === 'value') {
    const entry = node.entry;
    const selection = node.keyRef ?? node.value;
    return { name, kind: valueKind(node.value), detail: valueDetail(node.value, text), span: entry ?? node.value, selection, children: [] };
  }
  if (node.type === 'array') {
    const children: Draft[] = [];
    node.items.forEach((item, i) => {
      const d = draft(`[${i}]`, item, text);
      if (d && (item.type !== 'value' || node.ofTables)) children.push(d);
    });
    const own = node.entry ?? (node.ofTables ? undefined : node.keyRef);
    const span = spanOfAll(own, children) ?? node.keyRef;
    const detail = node.ofTables ? `${node.items.length} table${node.items.length === 1 ? '' : 's'}` : node.entry?.value ? valueDetail(node.entry.value, text) : undefined;
    return { name, kind: SymbolKind.Array, detail, span, selection: selectionWithin(node.keyRef, span, children), children };
  }
  const children = tableDrafts(node, text);
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

function valueDetail(v: Span, text: string): string {
  const raw = text.slice(v.start, v.end).replace(/\s*\r?\n\s*/g, ' ');
  return raw.length > DETAIL_MAX ? `${raw.slice(0, DETAIL_MAX - 1)}…` : raw;
}
