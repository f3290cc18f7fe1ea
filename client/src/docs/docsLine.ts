/** Where a diagnostic code is documented in docs/diagnostics.md (no vscode import: unit-tested). */

export function isDiagnosticsPage(path: string): boolean {
  return /\/docs\/diagnostics\.md$/.test(path);
}

/** The 0-based line of the code's own heading, else of its row in the tables, else 0. */
export function docsLine(text: string, code: string): number {
  const lines = text.split(/\r?\n/);
  const heading = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.replace(/^#{1,6}\s+/, '').trim() === code);
  if (heading >= 0) return heading;
  const row = lines.findIndex((l) => l.includes(`(#${code})`));
  return row >= 0 ? row : 0;
}
