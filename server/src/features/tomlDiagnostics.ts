import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TomlDocument } from '../toml';
import { toRange } from './ranges';

export const DIAGNOSTIC_SOURCE = 'kata-config';

/** TOML-level problems (syntax and TOML semantics) as LSP diagnostics. Every one is an error: no TOML reader accepts the file. */
export function tomlDiagnostics(doc: TomlDocument, uri: string, max = Infinity): Diagnostic[] {
  return (doc.errors.length > max ? doc.errors.slice(0, max) : doc.errors).map((e) => {
    const d: Diagnostic = {
      range: toRange(doc.lines, e),
      severity: DiagnosticSeverity.Error,
      code: e.code,
      source: DIAGNOSTIC_SOURCE,
      message: e.message,
    };
    if (e.related?.length) {
      d.relatedInformation = e.related.map((r) => ({ location: { uri, range: toRange(doc.lines, r) }, message: r.message }));
      // Said in the message too, for clients and outputs that show no related information (the CLI).
      const first = e.related[0];
      d.message = `${e.message} (${first.message.replace(/ here$/, '')} on line ${doc.lines.positionAt(first.start).line + 1})`;
    }
    return d;
  });
}

/** A problem with the file's bytes, reported at its start. */
export function encodingDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    code: 'toml-encoding',
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}
