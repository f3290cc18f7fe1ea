/**
 * What the client announced in `initialize`, and every answer shaped to it: the language service
 * writes its answers for a client that takes everything (VS Code), and these functions remove or
 * rewrite what this client did not announce (docs/lsp.md, "Client capabilities"). Pure.
 */
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import {
  CompletionItemKind,
  CompletionItemTag,
  SymbolKind,
  type CodeAction,
  type Command,
  type CompletionItem,
  type Diagnostic,
  type DocumentLink,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type InlayHint,
  type SymbolInformation,
} from 'vscode-languageserver-types';
import { APPLY_EDIT_COMMAND, appliesEdits, clientFeatures, takesCodeActionLiterals, type ClientFeatures } from '../initializeResult';
import { markdownToPlain } from './plainText';

/** Also what initializeResult.ts reads for the launcher's early answer (lazy docs, item defaults, inlay refresh). */
export interface ClientSupport extends ClientFeatures {
  /** completionItem.snippetSupport: key items as snippets; otherwise plain text that is valid TOML as inserted. */
  snippets: boolean;
  /** Whether completion items may carry additionalTextEdits (see readClientSupport). */
  additionalTextEdits: boolean;
  labelDetails: boolean;
  /** How an item of another release is marked: completionItem.tagSupport with Deprecated, else deprecatedSupport, else not at all. */
  deprecated: 'tag' | 'flag' | 'none';
  preselect: boolean;
  completionMarkdown: boolean;
  /** completionItemKind.valueSet; absent, LSP says the client knows Text..Reference (1–18) only. */
  completionKinds: ReadonlySet<number>;
  /** VS Code's own commands (editor.action.triggerSuggest after a folder) in completion items. */
  editorCommands: boolean;
  hoverMarkdown: boolean;
  codeDescription: boolean;
  diagnosticTags: ReadonlySet<number>;
  relatedInformation: boolean;
  /** publishDiagnostics.dataSupport: the client sends a diagnostic's `data` back with codeAction. */
  diagnosticData: boolean;
  diagnosticVersion: boolean;
  /** codeAction.codeActionLiteralSupport; without it a code action can only be a Command. */
  codeActionLiterals: boolean;
  preferredActions: boolean;
  /** workspace.applyEdit: the server may ask the client to apply an edit (how a Command fixes). */
  applyEdit: boolean;
  hierarchicalSymbols: boolean;
  symbolKinds: ReadonlySet<number>;
  foldingKinds: ReadonlySet<string>;
  foldingLimit?: number;
  lineFoldingOnly: boolean;
  linkTooltips: boolean;
  /** workspace.configuration: settings can be pulled with workspace/configuration. */
  configurationPull: boolean;
}

export { APPLY_EDIT_COMMAND };

/** The kinds LSP 1 defined, which every client knows (completion: Text..Reference, symbols: File..Array). */
const FIRST_KINDS = new Set(Array.from({ length: 18 }, (_, i) => i + 1));
/** Where a kind a client does not know falls back to (else it is left out, for completion, or Variable, for symbols). */
const COMPLETION_FALLBACK: Partial<Record<number, CompletionItemKind>> = { [CompletionItemKind.EnumMember]: CompletionItemKind.Value, [CompletionItemKind.Folder]: CompletionItemKind.File };
const SYMBOL_FALLBACK: Partial<Record<number, SymbolKind>> = { [SymbolKind.Object]: SymbolKind.Namespace, [SymbolKind.Null]: SymbolKind.Constant };

/** What a client that announces everything gets: the language service's answers as they are. */
export const FULL_SUPPORT: ClientSupport = {
  // How the server answers before `initialize` says more: documentation inline, no item defaults, no refresh.
  lazyDocs: false,
  completionDefaults: [],
  inlayRefresh: false,
  snippets: true,
  additionalTextEdits: true,
  labelDetails: true,
  deprecated: 'tag',
  preselect: true,
  completionMarkdown: true,
  completionKinds: new Set(Object.values(CompletionItemKind) as number[]),
  editorCommands: true,
  hoverMarkdown: true,
  codeDescription: true,
  diagnosticTags: new Set([1, 2]),
  relatedInformation: true,
  diagnosticData: true,
  diagnosticVersion: true,
  codeActionLiterals: true,
  preferredActions: true,
  applyEdit: true,
  hierarchicalSymbols: true,
  symbolKinds: new Set(Object.values(SymbolKind) as number[]),
  foldingKinds: new Set(['comment', 'imports', 'region']),
  lineFoldingOnly: false,
  linkTooltips: true,
  configurationPull: true,
};

/**
 * Reads the capabilities once. `additionalTextEdits` have no capability of their own (LSP has had
 * them on every item since 1.0, yet Neovim 0.7's omnifunc ignores them): a client gets them when it
 * announces completionItem.resolveSupport for additionalTextEdits, as VS Code, nvim-cmp, Helix and
 * Zed do. snippetSupport is no evidence: an omnifunc can expand snippets and still drop the other
 * edits. VS Code's own commands go to clients that name themselves VS Code or one of its builds
 * (clientInfo.name).
 */
export function readClientSupport(caps: ClientCapabilities, clientName = ''): ClientSupport {
  const item = caps.textDocument?.completion?.completionItem;
  const diagnostics = caps.textDocument?.publishDiagnostics;
  const codeAction = caps.textDocument?.codeAction;
  const folding = caps.textDocument?.foldingRange;
  const snippets = item?.snippetSupport === true;
  const markdown = (formats: readonly string[] | undefined) => formats?.includes('markdown') ?? false;
  const limit = folding?.rangeLimit;
  return {
    ...clientFeatures({ capabilities: caps }),
    snippets,
    additionalTextEdits: item?.resolveSupport?.properties?.includes('additionalTextEdits') ?? false,
    labelDetails: item?.labelDetailsSupport === true,
    deprecated: item?.tagSupport?.valueSet?.includes(CompletionItemTag.Deprecated) ? 'tag' : item?.deprecatedSupport ? 'flag' : 'none',
    preselect: item?.preselectSupport === true,
    completionMarkdown: markdown(item?.documentationFormat),
    completionKinds: caps.textDocument?.completion?.completionItemKind?.valueSet ? new Set(caps.textDocument.completion.completionItemKind.valueSet) : FIRST_KINDS,
    editorCommands: /^(visual studio code|vscodium|code - oss|code-server)/i.test(clientName),
    hoverMarkdown: markdown(caps.textDocument?.hover?.contentFormat),
    codeDescription: diagnostics?.codeDescriptionSupport === true,
    diagnosticTags: new Set(diagnostics?.tagSupport?.valueSet ?? []),
    relatedInformation: diagnostics?.relatedInformation === true,
    diagnosticData: diagnostics?.dataSupport === true,
    diagnosticVersion: diagnostics?.versionSupport === true,
    codeActionLiterals: takesCodeActionLiterals(caps),
    preferredActions: codeAction?.isPreferredSupport === true,
    applyEdit: appliesEdits(caps),
    hierarchicalSymbols: caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    symbolKinds: caps.textDocument?.documentSymbol?.symbolKind?.valueSet ? new Set(caps.textDocument.documentSymbol.symbolKind.valueSet) : FIRST_KINDS,
    foldingKinds: new Set(folding?.foldingRangeKind?.valueSet ?? []),
    ...(typeof limit === 'number' && limit >= 0 ? { foldingLimit: limit } : {}),
    lineFoldingOnly: folding?.lineFoldingOnly === true,
    linkTooltips: caps.textDocument?.documentLink?.tooltipSupport === true,
    configurationPull: caps.workspace?.configuration === true,
  };
}

function plainDocs(doc: CompletionItem['documentation'], markdown: boolean): CompletionItem['documentation'] {
  return doc === undefined || markdown || typeof doc === 'string' || doc.kind !== 'markdown' ? doc : markdownToPlain(doc.value);
}

/** A completion item as this client takes it (content decisions, snippets and additionalTextEdits, are the service's: CompletionDeps). */
export function completionItemForClient(item: CompletionItem, s: ClientSupport): CompletionItem {
  const { labelDetails, tags, preselect, documentation, command, kind, ...out } = item;
  const result: CompletionItem = out;
  if (labelDetails && s.labelDetails) result.labelDetails = labelDetails;
  if (tags?.includes(CompletionItemTag.Deprecated)) {
    if (s.deprecated === 'tag') result.tags = tags;
    else if (s.deprecated === 'flag') result.deprecated = true;
  } else if (tags) result.tags = tags;
  if (preselect && s.preselect) result.preselect = preselect;
  if (documentation !== undefined) result.documentation = plainDocs(documentation, s.completionMarkdown);
  if (command && (s.editorCommands || !command.command.startsWith('editor.'))) result.command = command;
  if (kind !== undefined) {
    const known = s.completionKinds.has(kind) ? kind : COMPLETION_FALLBACK[kind];
    if (known !== undefined && s.completionKinds.has(known)) result.kind = known;
  }
  return result;
}

export function hoverForClient(hover: Hover | null, s: ClientSupport): Hover | null {
  const c = hover?.contents;
  if (!hover || s.hoverMarkdown || !c || typeof c !== 'object' || !('kind' in c) || c.kind !== 'markdown') return hover;
  return { ...hover, contents: { kind: 'plaintext', value: markdownToPlain(c.value) } };
}

/**
 * A diagnostic as this client takes it. Related locations a client cannot show are said in the
 * message (as the TOML diagnostics always do), unless the message already names their line.
 */
export function diagnosticForClient(d: Diagnostic, s: ClientSupport): Diagnostic {
  const { codeDescription, tags, relatedInformation, data, ...out } = d;
  const result: Diagnostic = out;
  if (codeDescription && s.codeDescription) result.codeDescription = codeDescription;
  const shown = tags?.filter((t) => s.diagnosticTags.has(t));
  if (shown?.length) result.tags = shown;
  if (relatedInformation?.length) {
    if (s.relatedInformation) result.relatedInformation = relatedInformation;
    else {
      const said = relatedInformation
        .map((r) => ({ what: r.message.replace(/ here$/, ''), line: r.location.range.start.line + 1 }))
        .filter((r) => !result.message.includes(`line ${r.line}`))
        .map((r) => `${r.what} on line ${r.line}`);
      if (said.length) result.message = `${result.message} (${said.join('; ')})`;
    }
  }
  if (data !== undefined && s.diagnosticData) result.data = data;
  return result;
}

/**
 * Code actions as this client takes them: literals, or for a client that takes Commands only,
 * commands that have the server apply the edit (when the client lets it: workspace.applyEdit).
 */
export function codeActionsForClient(actions: CodeAction[], s: ClientSupport): Array<CodeAction | Command> {
  if (s.codeActionLiterals) return s.preferredActions ? actions : actions.map(({ isPreferred: _preferred, ...a }) => a);
  if (!s.applyEdit) return [];
  return actions.filter((a) => a.edit).map((a) => ({ title: a.title, command: APPLY_EDIT_COMMAND, arguments: [a.edit] }));
}

/** The outline as a tree, or as the flat SymbolInformation list (with container names) LSP had before 3.10. */
export function symbolsForClient(symbols: DocumentSymbol[], uri: string, s: ClientSupport): DocumentSymbol[] | SymbolInformation[] {
  const kindOf = (k: SymbolKind) => (s.symbolKinds.has(k) ? k : SYMBOL_FALLBACK[k] !== undefined && s.symbolKinds.has(SYMBOL_FALLBACK[k]) ? SYMBOL_FALLBACK[k] : SymbolKind.Variable);
  if (s.hierarchicalSymbols) {
    const known = (list: DocumentSymbol[]): DocumentSymbol[] => list.map((sym) => ({ ...sym, kind: kindOf(sym.kind), ...(sym.children ? { children: known(sym.children) } : {}) }));
    return known(symbols);
  }
  const flat: SymbolInformation[] = [];
  const walk = (list: DocumentSymbol[], container?: string) => {
    for (const sym of list) {
      flat.push({ name: sym.name, kind: kindOf(sym.kind), location: { uri, range: sym.range }, ...(container ? { containerName: container } : {}) });
      if (sym.children) walk(sym.children, container ? `${container}.${sym.name}` : sym.name);
    }
  };
  walk(symbols);
  return flat;
}

export function foldingForClient(ranges: FoldingRange[], s: ClientSupport): FoldingRange[] {
  const limited = s.foldingLimit !== undefined && ranges.length > s.foldingLimit ? ranges.slice(0, s.foldingLimit) : ranges;
  return limited.map(({ kind, startCharacter, endCharacter, ...r }) => ({
    ...r,
    ...(kind && s.foldingKinds.has(kind) ? { kind } : {}),
    ...(s.lineFoldingOnly ? {} : { ...(startCharacter !== undefined ? { startCharacter } : {}), ...(endCharacter !== undefined ? { endCharacter } : {}) }),
  }));
}

export function linksForClient(links: DocumentLink[], s: ClientSupport): DocumentLink[] {
  return s.linkTooltips ? links : links.map(({ tooltip: _tooltip, ...l }) => l);
}

/** Inlay hint tooltips are Markdown only for a client that shows Markdown hovers (LSP has no format capability for them). */
export function inlayHintsForClient(hints: InlayHint[], s: ClientSupport): InlayHint[] {
  if (s.hoverMarkdown) return hints;
  return hints.map((h) => (h.tooltip && typeof h.tooltip === 'object' && h.tooltip.kind === 'markdown' ? { ...h, tooltip: markdownToPlain(h.tooltip.value) } : h));
}
