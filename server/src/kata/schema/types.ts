/**
 * The types of the Kata schema: facts about every table and key Kata reads, per runtime, release
 * and architecture. `build.ts` assembles them from the generated facts (`../facts/`) and our own
 * knowledge (`../knowledge/`); `index.ts` answers queries.
 */
import type { Arch, ReleaseSet, Runtime } from '../releases';
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
  releases?: ReleaseSet;
  /** 'load': Kata refuses the file; 'vm-start': the file loads but every sandbox fails to start. */
  checked: 'load' | 'vm-start';
  /** Whether the empty string is accepted too (meaning: use the default). */
  emptyMeansDefault?: boolean;
  /** Settings of the same table under which Kata never looks at the value, so never checks it. */
  unless?: readonly UncheckedWhen[];
  source: string;
}

/**
 * Another key of the same table under whose value the check does not run: Kata skips it when that
 * key's value is one of `is`, or is none of `isNot`. An absent key counts as its code default, except
 * in drop-ins and templates, where it is unknown (the check applies).
 */
export interface UncheckedWhen {
  key: string;
  is?: readonly TomlScalar[];
  isNot?: readonly TomlScalar[];
  /** Why Kata does not look at the value then, in our words ("with disable_block_device_use = true Kata clears it"). */
  why: string;
  source: string;
}

/** A value Kata silently replaces; hover and diagnostics state what Kata really uses. */
export type Adjustment =
  | { when: 'zero'; use: number | string }
  | { when: 'below'; limit: number; use: number | string }
  | { when: 'above'; limit: number; use: number | string }
  | { when: 'empty'; use: string }
  | { when: 'host'; note: string }
  /** Kata narrows the value to an unsigned integer of `bits` bits: it keeps the value modulo 2^bits (Go memory_slots: 256 → 0, 257 → 1). */
  | { when: 'wraps'; bits: number };

export interface KeySpec {
  runtime: Runtime;
  table: TableKind;
  key: string;
  /** The type Kata decodes the key into in the newest release that reads it. */
  type: KataType;
  /** Where the type differed between releases: each run of releases with its type. */
  types?: readonly { releases: ReleaseSet; type: KataType; source: string }[];
  /** Releases whose decoder accepts the key. Empty for keys no decoder reads (see `ignored`). */
  releases: ReleaseSet;
  /** Releases whose shipped files mention the key (set or commented out). */
  mentionedIn?: ReleaseSet;
  /** Per hypervisor table, for hypervisor keys: releases whose shipped files of that table mention the key. */
  shippedIn?: ReleaseSet | Partial<Record<HypervisorTable, ReleaseSet>>;
  /** Hypervisor tables whose loader actually uses the key; absent = all of them. */
  readers?: readonly HypervisorTable[];
  /** The value the newest x86_64 shipped files set (for one-line summaries; per-target values: KataSchema.shippedDefault). */
  default?: TomlValue;
  /** Shipped values where they differ between hypervisors (newest release, x86_64). */
  defaultByHypervisor?: Partial<Record<HypervisorTable, TomlValue>>;
  /** What Kata uses when the key is absent (or zero/empty, where it treats those alike). */
  codeDefault?: TomlValue;
  /** Kata keeps an absent key unset (runtime-rs: an `Option`; Go: a pointer field, nil), which is not the same as a zero value. */
  optional?: boolean;
  adjustments?: readonly Adjustment[];
  allowed?: readonly AllowedValues[];
  unit?: Unit;
  format?: Format;
  /** This spelling is an alias Kata accepts for `aliasOf` in the releases `aliasIn`. */
  aliasOf?: string;
  aliasIn?: ReleaseSet;
  /** Only Kata built for this architecture reads the key (a `#[cfg(target_arch)]` field). */
  onlyArch?: Arch;
  /** Why Kata ignores this key, when it does. */
  ignored?: string;
  /** The key Kata reads instead, for ignored or misplaced spellings. */
  replacement?: string;
  /** Where the facts come from: Kata file and struct field or function. */
  source: string;
  /** Unit and built-in default where they differed in some releases (KataSchema applies them for its target). */
  inReleases?: readonly { releases: ReleaseSet; unit?: Unit; codeDefault?: TomlValue; readers?: readonly HypervisorTable[]; adjustments?: readonly Adjustment[]; why: string }[];
}

export interface TableSpec {
  runtime: Runtime;
  kind: TableKind;
  /** How the table is written, e.g. `[hypervisor.<name>.factory]`. */
  header: string;
  arrayOfTables?: boolean;
  releases: ReleaseSet;
  /** Releases in which an unknown key in this table makes Kata refuse the file. */
  rejectsUnknownKeys?: ReleaseSet;
  /** Why Kata ignores the whole table, when it does. */
  ignored?: string;
  source: string;
}
