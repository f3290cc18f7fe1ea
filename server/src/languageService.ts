/**
 * The editor-independent language service: text in, LSP-shaped answers out. The LSP server and the
 * CLI are thin layers over it. It keeps one parse per document version.
 */
import type { Diagnostic, DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { parseToml, type TomlDocument } from './toml';
import { foldingRanges } from './features/folding';
import { documentSymbols } from './features/symbols';
import { tomlDiagnostics } from './features/tomlDiagnostics';

export interface TextSource {
  uri: string;
  version: number;
  getText(): string;
}

export class LanguageService {
  private readonly cache = new Map<string, { version: number; doc: TomlDocument }>();

  /** The parsed document for this version, parsed at most once per version. */
  parse(source: TextSource): TomlDocument {
    const hit = this.cache.get(source.uri);
    if (hit && hit.version === source.version) return hit.doc;
    const doc = parseToml(source.getText());
    this.cache.set(source.uri, { version: source.version, doc });
    return doc;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  diagnostics(source: TextSource): Diagnostic[] {
    return tomlDiagnostics(this.parse(source), source.uri);
  }

  symbols(source: TextSource): DocumentSymbol[] {
    return documentSymbols(this.parse(source));
  }

  folding(source: TextSource): FoldingRange[] {
    return foldingRanges(this.parse(source));
  }
}
