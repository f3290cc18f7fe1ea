/**
 * SARIF 2.1.0 output of `kata-config lint` and `kata-config docs`, for GitHub code scanning and
 * other SARIF consumers: one run, the diagnostic codes as rules (title, severity, a link to their
 * documentation), each diagnostic a result at its file (relative to the working directory, under
 * %SRCROOT%) and 1-based region, columns counted in UTF-16 code units as LSP counts them.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { CodeInfo } from './kata/diagnostics/rule';

export interface SarifInput {
  file: string;
  diagnostics: Diagnostic[];
}

const LEVEL: Record<number, 'error' | 'warning' | 'note'> = { 1: 'error', 2: 'warning', 3: 'note', 4: 'note' };

/** `docsBase`: a web address of docs/diagnostics.md, for each rule's helpUri (none when only a local file exists). */
export function toSarif(results: readonly SarifInput[], codes: readonly CodeInfo[], options: { version: string; cwd?: string; docsBase?: string }): object {
  const cwd = options.cwd ?? process.cwd();
  const byCode = new Map(codes.map((c) => [c.code, c]));
  const used = [...new Set(results.flatMap((r) => r.diagnostics.map((d) => String(d.code ?? 'kata-config'))))].sort();
  const rules = used.map((id) => {
    const info = byCode.get(id);
    return {
      id,
      ...(info ? { shortDescription: { text: info.title }, fullDescription: { text: `${info.title}. Kata: ${info.kata}.` } } : { shortDescription: { text: id.startsWith('toml-') ? 'Not valid TOML' : id } }),
      ...(options.docsBase ? { helpUri: `${options.docsBase}#${id}` } : {}),
      defaultConfiguration: { level: info ? (info.severity === 'error' ? 'error' : info.severity === 'warning' ? 'warning' : 'note') : 'error' },
    };
  });
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const artifactUri = (file: string) => {
    const rel = path.relative(cwd, path.resolve(file));
    return rel.startsWith('..') || path.isAbsolute(rel) ? { uri: pathToFileURL(path.resolve(file)).href } : { uri: rel.split(path.sep).join('/'), uriBaseId: '%SRCROOT%' };
  };
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => {
      const id = String(d.code ?? 'kata-config');
      const data = d.data as { arches?: string[]; installed?: string } | undefined;
      return {
        ruleId: id,
        ruleIndex: index.get(id)!,
        level: LEVEL[d.severity ?? 1],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactUri(r.file),
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: Math.max(d.range.end.character + 1, d.range.end.line === d.range.start.line ? d.range.start.character + 2 : 1),
              },
            },
          },
        ],
        ...(data?.arches ? { properties: { arches: data.arches, installed: data.installed } } : {}),
      };
    }),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kata-config', version: options.version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + path.sep).href } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}
