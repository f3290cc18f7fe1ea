/** Document links: path values open the file when it exists on this machine. */
import type { DocumentLink } from 'vscode-languageserver-types';
import { classifyTable, KataSchema } from '../kata/schema';
import type { Target } from '../kata/target';
import type { Host } from '../host';
import { posixPaths } from '../posixPath';
import type { TomlDocument, ValueNode } from '../toml';
import { toRange } from './ranges';

const MAX_LINKS = 1000;

export function documentLinks(doc: TomlDocument, target: Target, host: Host): DocumentLink[] {
  const schema = KataSchema.of(target);
  const links: DocumentLink[] = [];
  const paths = host.paths ?? posixPaths;
  for (const header of doc.tree.tables) {
    const ref = header.key ? classifyTable(header.key.parts.map((p) => p.name)) : undefined;
    if (!ref) continue;
    for (const e of header.entries) {
      const spec = schema.spec(ref.kind, e.key.parts.map((p) => p.name).join('.'));
      if (!spec || (spec.format !== 'path' && spec.format !== 'paths')) continue;
      const values: ValueNode[] = e.value?.kind === 'array' ? e.value.items : e.value ? [e.value] : [];
      for (const v of values) {
        if (v.kind !== 'string' || !v.value.startsWith('/') || links.length >= MAX_LINKS) continue;
        const file = v.value.replace(/:(ro|rw)$/, '');
        if (!host.exists(file)) continue;
        links.push({ range: toRange(doc.lines, { start: v.start + 1, end: v.end - 1 }), target: paths.pathFileUri(file), tooltip: `Open ${file}` });
      }
    }
  }
  return links;
}
