/**
 * One release's decoder facts for one runtime, before releases are merged into runs. The Go and
 * Rust readers (goDecoder.ts, rustDecoder.ts) produce these; decoders.ts merges them.
 */
import type { KataType } from '../../server/src/kata/schema/types';

export interface TableSnapshot {
  /** `(root)`, `hypervisor.<name>`, `runtime.shared_mounts[]`, ... */
  path: string;
  struct: string;
  /** Repository-relative file of the struct. */
  file: string;
  /** runtime-rs `#[serde(deny_unknown_fields)]` on the struct. */
  denyUnknownFields?: boolean;
}

export interface KeySnapshot {
  table: string;
  key: string;
  type: KataType;
  /** The type as the source writes it (`uint32`, `Option<u64>`, `HashMap<String, Agent>`). */
  source: string;
  /** runtime-rs: an `Option<…>` field. */
  optional?: boolean;
  /** runtime-rs: this spelling is a `#[serde(alias)]` of the field spelled `aliasOf`. */
  aliasOf?: string;
  /** `Struct.field` holding the key (after flattening: the flattened struct). */
  field: string;
  /** Repository-relative file of that struct. */
  file: string;
  /** runtime-rs `#[serde(default = "fn")]`. */
  defaultFn?: string;
  /** runtime-rs `#[cfg(...)]` on the field when it holds on some target arches only. */
  cfgArch?: string;
}

export interface RuntimeSnapshot {
  tables: TableSnapshot[];
  keys: KeySnapshot[];
  /** Go: the `[hypervisor.X]` names the loader accepts. */
  hypervisorNames?: string[];
}

/** Thrown when the source holds something the readers cannot map; the message says what and where. */
export class ExtractError extends Error {}
