/** Renders docs/diagnostics.md from the rule modules, so the table never drifts from the code. */
import type { CodeInfo } from './rule';

const TOML_CODES: Array<[string, string]> = [
  ['toml-syntax', 'The text is not TOML (a missing `=`, an unclosed bracket, text after a value, ...).'],
  ['toml-invalid-string', 'A bad escape, an unterminated string, or a control character in a string.'],
  ['toml-invalid-number', 'An integer or float TOML does not allow (leading zeros, misplaced underscores, out of 64-bit range).'],
  ['toml-invalid-datetime', 'A date or time that does not exist or is malformed.'],
  ['toml-encoding', 'The file is not valid UTF-8.'],
  ['toml-duplicate-key', 'A key set twice in the same table.'],
  ['toml-table-redefined', 'A table defined twice, or a dotted-key table reopened with a header.'],
  ['toml-key-conflict', 'A key used both as a value and as a table, or dotted keys reaching into a closed table.'],
  ['toml-array-of-tables-conflict', '`[[name]]` mixed with `[name]` or with a static array.'],
  ['toml-inline-table-extended', 'An inline table extended after it was closed.'],
];

/** The caps of server/src/features/limits.ts and the parser, passed in (that layer sits above this one). */
export interface Limits {
  diagnostics: number;
  kataKeys: number;
  symbols: number;
  foldingRanges: number;
  nesting: number;
  keyParts: number;
}

function limitsSection(l: Limits): string[] {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    '## Limits',
    '',
    '### kata-config-limit',
    '',
    'So that a huge or hostile file still gets answers within a second, kata-config caps what it',
    `computes per file. Where it stops, a \`kata-config-limit\` diagnostic (information) says so:`,
    '',
    '| limit | when it is reached |',
    '|---|---|',
    `| ${n(l.diagnostics)} diagnostics | errors are kept first, then warnings, then information; a \`kata-config-limit\` notice on the first line says the rest is hidden. |`,
    `| ${n(l.kataKeys)} keys in Kata tables | the keys after that are not checked one by one and the rules that relate keys to each other are skipped; a \`kata-config-limit\` notice marks the first key left out. |`,
    `| ${n(l.symbols)} outline symbols | the outline ends with an entry saying it was cut. |`,
    `| ${n(l.foldingRanges)} folding ranges | the rest do not fold (VS Code folds at most 5,000 regions by default). |`,
    `| ${n(l.nesting)} levels of nested arrays and inline tables, ${n(l.keyParts)} parts in a dotted key | a \`toml-syntax\` error; no Kata release reads such a file either. |`,
    '',
    'Suppressing `kata-config-limit` hides the notices; it does not lift the limits.',
    '',
  ];
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function renderDiagnosticsDoc(codes: CodeInfo[], limits: Limits): string {
  const out: string[] = [
    '# kata-config diagnostics',
    '',
    '<!-- Generated from server/src/kata/diagnostics/rules by `npm run docs`; do not edit by hand. -->',
    '',
    'Every diagnostic has a stable code and `source: "kata-config"`. Severity follows what Kata does:',
    '',
    '- **error**: Kata refuses to load the file, or every sandbox fails when Kata starts the VM;',
    '- **warning**: Kata silently ignores or rewrites what you wrote;',
    '- **information**: advice.',
    '',
    'Suppress one with `# kata-config: ignore <code>` on the line before or at the end of the line,',
    'or for the whole file with `# kata-config: ignore-file <code>`.',
    '',
    '## Kata rules',
    '',
    '| code | severity | what | Kata source | research rules |',
    '|---|---|---|---|---|',
  ];
  for (const c of codes) out.push(`| [\`${c.code}\`](#${c.code}) | ${c.severity} | ${cell(c.title)} | ${cell(c.kata)} | ${(c.rules ?? []).join(', ')} |`);
  out.push('', '## TOML', '', '| code | what |', '|---|---|');
  for (const [code, what] of TOML_CODES) out.push(`| \`${code}\` | ${what} |`);
  out.push('', 'All TOML problems are errors: neither runtime can read such a file.', '', ...limitsSection(limits), '## Details', '');
  for (const c of codes) {
    out.push(`### ${c.code}`, '', `${c.title}. Severity: ${c.severity}.${c.note ? ` ${c.note.charAt(0).toUpperCase()}${c.note.slice(1)}` : ''}`, '', `Kata source: ${c.kata}.`, '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
