/**
 * What a runtime refuses in a config.d drop-in, in the words Kata uses.
 *
 * Go (src/runtime/pkg/katautils/config.go, updateFromDropIn → applyKey → copyFieldValue/getValue,
 * the same at every release 3.2.0–4.1.0): after decoding a drop-in over the loaded configuration,
 * every key of the drop-in that lies in a `[hypervisor.<name>]` or `[agent.<name>]` table (three or
 * more path parts) is copied field by field, found by its exact TOML tag. A key with no such field —
 * unknown, of another release, runtime or table, or spelt in another case, which the decode itself
 * would have accepted — ends the load: `error applying key 'hypervisor.qemu.foo' from drop-in
 * file "<path>": error getting key "foo" from a decoded drop-in conf file: key "foo" not found`.
 * The first such key in the file stops everything, so only it is Kata's message; the rest would
 * follow once it is fixed.
 *
 * runtime-rs (src/libs/kata-types/src/config/drop_in.rs) merges the TOML trees and decodes the
 * result once: a drop-in is refused for what the merged file would be refused for — here, a key
 * the decoder does not know in a table that refuses unknown fields — or for a directory entry that
 * is not a regular file (a property of the host's file system, which the caller sees, not the text).
 */
import type { TomlTable } from '../../toml';
import type { KataSchema } from '../schema';
import { classifyTable, type TableRef } from '../schema/tablePaths';

export interface DropInRefusal {
  file: string;
  line: number;
  /** Where in the file, for document order (Kata stops at the first). */
  offset: number;
  /** The table path and key as written; absent when the directory entry itself is refused. */
  table?: string;
  key?: string;
  /** Kata's error, as Kata prints it. */
  message: string;
}

/** How BurntSushi's toml.Key prints one part (Key.String, which %+v uses): bare, or double-quoted. */
function goKeyPart(part: string): string {
  return /^[A-Za-z0-9_-]+$/.test(part) ? part : JSON.stringify(part);
}

/** Statuses whose key is a field of the decoder's struct for the table (so the decoder finds it). */
const FIELD = { go: new Set(['valid', 'unused']), rs: new Set(['valid', 'unused', 'alias']) };

/**
 * The keys of a drop-in table that the runtime refuses, in document order. Go: any key of a
 * `[hypervisor.<name>]` / `[agent.<name>]` table that applyKey cannot find. runtime-rs: a key the
 * merged file's decoder rejects, in a table that refuses unknown fields at this release
 * (serde's deny_unknown_fields; the merged file is refused as a whole).
 */
export function dropInRefusals(
  schema: KataSchema,
  file: string,
  path: readonly string[],
  ref: TableRef,
  table: TomlTable,
  lineOf: (offset: number) => number,
): DropInRefusal[] {
  const { runtime } = schema.target;
  if (runtime === 'go' ? (ref.kind !== 'hypervisor' && ref.kind !== 'agent') || path.length !== 2 : !schema.rejectsUnknownKeys(ref.kind)) return [];
  const out: DropInRefusal[] = [];
  for (const [key, node] of table.entries) {
    // runtime-rs decodes a known sub-table by its own struct (its own entry in the caller's list).
    if (runtime === 'rs' && node.type === 'table' && classifyTable([...path, key])) continue;
    if (FIELD[runtime].has(schema.lookup(ref.kind, key, ref.hypervisor).status)) continue;
    const at = node.keyRef?.start ?? (node.type === 'table' ? node.header?.start : undefined) ?? 0;
    const message =
      runtime === 'go'
        ? `error applying key '${[...path, key].map(goKeyPart).join('.')}' from drop-in file ${JSON.stringify(file)}: error getting key ${JSON.stringify(key)} from a decoded drop-in conf file: key ${JSON.stringify(key)} not found`
        : `unknown field \`${key}\` in [${path.join('.')}]: runtime-rs ${schema.target.release} decodes the merged configuration and refuses it`;
    out.push({ file, offset: at, line: lineOf(at), table: path.join('.'), key, message });
  }
  return out;
}

/**
 * A config.d entry that is not a regular file. Go reads every entry with os.ReadFile, which fails on
 * a directory; runtime-rs checks DirEntry::file_type(), which does not follow links, so it refuses a
 * directory and a symlink alike (with a message that says symlinks are allowed).
 */
export function dropInEntryRefusal(runtime: 'go' | 'rs', file: string, entry: { directory: boolean; symlink?: boolean }): DropInRefusal | undefined {
  if (runtime === 'go') {
    return entry.directory ? { file, line: 0, offset: 0, message: `error reading file ${JSON.stringify(file)}: read ${file}: is a directory` } : undefined;
  }
  return entry.directory || entry.symlink ? { file, line: 0, offset: 0, message: 'drop-in cfg file can only be a regular file or a symlink' } : undefined;
}
