/**
 * The types of the Kata schema: facts about every table and key Kata reads, per runtime and
 * release. Data lives in `data/`, human documentation in `docs/`; `index.ts` answers queries.
 */
import type { Arch, Release, Runtime } from '../releases';
import type { HypervisorTable } from '../catalog';

/** The kinds of table a Kata config can hold. */
export type TableKind =
  | 'hypervisor' // [hypervisor.<name>]
  | 'agent' // [agent.<name>]
  | 'mem_agent' // runtime-rs [agent.<name>.mem_agent]
  | 'runtime' // [runtime]
  | 'shared_mounts' // runtime-rs [[runtime.shared_mounts]]
  | 'factory' // Go [factory]
  | 'hypervisor.factory' // runtime-rs [hypervisor.<name>.factory]
  | 'guest_extension_images' // [[hypervisor.<name>.guest_extension_images]]
  | 'rootless_user' // runtime-rs [hypervisor.<name>.rootless_user]
  | 'image'; // Go 3.2.0 [image]

/**
 * The type Kata decodes a value into. The width matters: `-1` fails for a u32 but silently wraps for
 * a Go uint64, and a float is accepted for f32 keys only.
 */
export type KataType =
  | 'bool'
  | 'string'
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 'usize'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'string[]'
  | 'u32[]'
  | 'table'
  | 'table[]';

export type Unit = 'MiB' | 'seconds' | 'milliseconds' | 'bytes' | 'bytes/s' | 'operations/s' | 'vCPUs' | 'percent' | 'KiB';

/** What a string (or list of strings) holds, for completion, links and host checks. */
export type Format =
  | 'path' // a file or directory on the host
  | 'paths' // a list of host paths
  | 'globs' // a list of glob(3) patterns (valid_*_paths allow-lists)
  | 'regexes' // a list of regular expressions (enable_annotations)
  | 'kernel-params' // space-separated kernel command line
  | 'comma-list' // comma-separated items
  | 'verity-params' // dm-verity key=value list
  | 'url';

export type TomlScalar = string | number | boolean;
export type TomlValue = TomlScalar | readonly TomlScalar[];

/** A closed set of values Kata accepts, and where and when it checks them. */
export interface AllowedValues {
  values: readonly (string | number)[];
  /** Hypervisor tables the check applies to; absent = every table that reads the key. */
  hypervisors?: readonly HypervisorTable[];
  arches?: readonly Arch[];
  releases?: readonly Release[];
  /** 'load': Kata refuses the file; 'vm-start': the file loads but every sandbox fails to start. */
  checked: 'load' | 'vm-start';
  /** Whether the empty string is accepted too (meaning: use the default). */
  emptyMeansDefault?: boolean;
  source: string;
}

/** A value Kata silently replaces; hover and diagnostics state what Kata really uses. */
export type Adjustment =
  | { when: 'zero'; use: number | string }
  | { when: 'below'; limit: number; use: number | string }
  | { when: 'above'; limit: number; use: number | string }
  | { when: 'empty'; use: string }
  | { when: 'host'; note: string };

export interface KeySpec {
  runtime: Runtime;
  table: TableKind;
  key: string;
  type: KataType;
  /** Releases where the type differed from `type`. */
  typeByRelease?: Partial<Record<Release, KataType>>;
  /** Releases whose parser accepts the key. Empty for keys no parser reads (see `ignored`). */
  releases: readonly Release[];
  /** Releases whose shipped files mention the key (set for ignored keys). */
  mentionedIn?: readonly Release[];
  /** Releases whose shipped files mention the key (set or commented out), per hypervisor table for hypervisor keys. */
  shippedIn?: readonly Release[] | Partial<Record<HypervisorTable, readonly Release[]>>;
  /** Hypervisor tables whose loader actually uses the key; absent = all of them. */
  readers?: readonly HypervisorTable[];
  /** The value the shipped files set (newest x86_64 release that sets it). */
  default?: TomlValue;
  /** Shipped values where they differ between hypervisors. */
  defaultByHypervisor?: Partial<Record<HypervisorTable, TomlValue>>;
  /** What Kata uses when the key is absent (or zero/empty, where it treats those alike). */
  codeDefault?: TomlValue;
  /** runtime-rs keeps an absent key unset (an `Option`), which is not the same as a zero value. */
  optional?: boolean;
  adjustments?: readonly Adjustment[];
  allowed?: readonly AllowedValues[];
  unit?: Unit;
  format?: Format;
  /** This spelling is an alias Kata accepts for `aliasOf`. */
  aliasOf?: string;
  /** The first release in which it is only an alias (before, it was the key itself). */
  aliasFrom?: Release;
  /** Why Kata ignores this key, when it does. */
  ignored?: string;
  /** The key Kata reads instead, for ignored or misplaced spellings. */
  replacement?: string;
  /** Where the facts come from: Kata file and struct field or function. */
  source: string;
}

export interface TableSpec {
  runtime: Runtime;
  kind: TableKind;
  /** How the table is written, e.g. `[hypervisor.<name>.factory]`. */
  header: string;
  arrayOfTables?: boolean;
  releases: readonly Release[];
  /** Releases in which an unknown key in this table makes Kata refuse the file. */
  rejectsUnknownKeys?: readonly Release[];
  /** Why Kata ignores the whole table, when it does. */
  ignored?: string;
  source: string;
}
