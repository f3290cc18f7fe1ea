/**
 * The answer to `initialize`, from the client's capabilities alone. Pure and free of the protocol
 * library (type imports only), so the launcher can answer `initialize` before the server bundle is
 * loaded, and the server derives the same answer and client features from the same request.
 */
import type { InitializeParams, InitializeResult } from 'vscode-languageserver-protocol';

/** What the rest of the server needs to know about the client, read once from `initialize`. */
export interface ClientFeatures {
  /** The client resolves `documentation` of completion items lazily (completionItem/resolve). */
  lazyDocs: boolean;
  /** The `completionList.itemDefaults` the client takes. */
  completionDefaults: string[];
  /** The client can be told to ask for inlay hints again. */
  inlayRefresh: boolean;
}

const TEXT_DOCUMENT_SYNC_INCREMENTAL = 2;
const CODE_ACTION_QUICK_FIX = 'quickfix';

export function clientFeatures(params: Pick<InitializeParams, 'capabilities'>): ClientFeatures {
  const caps = params.capabilities ?? {};
  const completion = caps.textDocument?.completion;
  return {
    lazyDocs: completion?.completionItem?.resolveSupport?.properties?.includes('documentation') ?? false,
    completionDefaults: completion?.completionList?.itemDefaults ?? [],
    inlayRefresh: caps.workspace?.inlayHint?.refreshSupport === true,
  };
}

export function initializeResult(params: Pick<InitializeParams, 'capabilities'>, version: string): InitializeResult {
  const caps = params.capabilities ?? {};
  const features = clientFeatures(params);
  const inlayHints = caps.textDocument?.inlayHint !== undefined;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TEXT_DOCUMENT_SYNC_INCREMENTAL },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeActionProvider: { codeActionKinds: [CODE_ACTION_QUICK_FIX] },
      completionProvider: { triggerCharacters: ['[', '.', '=', '"', ' ', '/'], resolveProvider: features.lazyDocs },
      hoverProvider: true,
      documentLinkProvider: { resolveProvider: false },
      ...(inlayHints ? { inlayHintProvider: { resolveProvider: false } } : {}),
    },
    serverInfo: { name: 'kata-config', version },
  };
}
