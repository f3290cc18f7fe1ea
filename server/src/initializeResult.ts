/**
 * The answer to `initialize`, from the client's capabilities alone. Pure and free of the protocol
 * library (type imports only), so the launcher can answer `initialize` before the server bundle is
 * loaded, and the server derives the same answer and client features from the same request.
 */
import type { ClientCapabilities, InitializeParams, InitializeResult } from 'vscode-languageserver-protocol';

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

/** The command a code action becomes for a client that takes Commands only: the server applies its edit with workspace/applyEdit. */
export const APPLY_EDIT_COMMAND = 'kata-config.applyEdit';

/** codeAction.codeActionLiteralSupport: without it a code action can only be a Command. */
export function takesCodeActionLiterals(caps: ClientCapabilities): boolean {
  return caps.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
}

/** workspace.applyEdit: the server may ask the client to apply an edit (how a Command fixes). */
export function appliesEdits(caps: ClientCapabilities): boolean {
  return caps.workspace?.applyEdit === true;
}

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
  // Code action options may only be given to a client with literal support; the others get Commands, which need applyEdit.
  const codeActions = takesCodeActionLiterals(caps)
    ? { codeActionProvider: { codeActionKinds: [CODE_ACTION_QUICK_FIX] } }
    : appliesEdits(caps)
      ? { codeActionProvider: true, executeCommandProvider: { commands: [APPLY_EDIT_COMMAND] } }
      : {};
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TEXT_DOCUMENT_SYNC_INCREMENTAL },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      ...codeActions,
      completionProvider: { triggerCharacters: ['[', '.', '=', '"', ' ', '/'], resolveProvider: features.lazyDocs },
      hoverProvider: true,
      documentLinkProvider: { resolveProvider: false },
      ...(inlayHints ? { inlayHintProvider: { resolveProvider: false } } : {}),
    },
    serverInfo: { name: 'kata-config', version },
  };
}
