/**
 * The shapes of the generated facts in this folder. Everything here is written by the extractor
 * (`scripts/kata-facts`, `npm run kata:facts -- <kata source>`) from Kata's own source and never
 * edited by hand; what the extractor cannot know lives in `../knowledge/`.
 *
 * Release sets are strings in `ReleaseSet` notation (`"3.2.0..3.9.0 3.14.0.."`, see releases.ts).
 * Every array is sorted (tables by path, keys by table then key) and every entry is one line of
 * JSON, so a diff of one fact is one line.
 */
import type { KataType } from '../schema/types';

/** A release set in `ReleaseSet` notation. */
export type ReleaseSpec = string;

/**
 * Table paths as Kata's decoders nest them: `(root)`, `hypervisor.<name>`, `agent.<name>`,
 * `agent.<name>.mem_agent`, `runtime`, `runtime.shared_mounts[]`, `factory`, `image`,
 * `hypervisor.<name>.factory`, `hypervisor.<name>.rootless_user`,
 * `hypervisor.<name>.guest_extension_images[]` (`<name>`: any table name; `[]`: array of tables).
 */
export type TablePath = string;

/** `facts/decoders.json`: what each release's TOML decoders know, per runtime. */
export interface DecoderFacts {
  /** Who wrote it and from what: `scripts/kata-facts from <source description>`. */
  generatedBy: string;
  /** The releases covered, oldest first (the same list as `facts/releases.ts`). */
  releases: string[];
  go: RuntimeDecoderFacts;
  rs: RuntimeDecoderFacts;
}

export interface RuntimeDecoderFacts {
  tables: DecodedTable[];
  keys: DecodedKey[];
  /** Go: the hypervisor table names the loader accepts (hypervisor_names / the switch in updateRuntimeConfigHypervisor). */
  hypervisorNames?: { name: string; releases: ReleaseSpec }[];
}

export interface DecodedTable {
  path: TablePath;
  releases: ReleaseSpec;
  /** The struct decoded into (the newest release's name when it was renamed). */
  struct: string;
  /** Repository-relative file of that struct in the newest release that has it. */
  file: string;
  /** runtime-rs: releases in which the struct has `#[serde(deny_unknown_fields)]` (an unknown key fails the load). */
  denyUnknownFields?: ReleaseSpec;
}

export interface DecodedKey {
  table: TablePath;
  /** The TOML spelling (Go `toml:"…"` tag; Rust field name after `rename`, or an `alias`). */
  key: string;
  releases: ReleaseSpec;
  /** Normalised type per run of releases (most entries have one run). */
  types: { releases: ReleaseSpec; type: KataType; source: string }[];
  /** runtime-rs: releases in which the field is an `Option<…>` (absent is not the same as zero). */
  optional?: ReleaseSpec;
  /** runtime-rs `#[serde(alias = "…")]`: this spelling is an alias of `aliasOf` in `aliasIn`. */
  aliasOf?: string;
  aliasIn?: ReleaseSpec;
  /** The struct and field that hold it (`hypervisor.MemorySize`, `MemoryInfo.default_memory`), newest release. */
  field: string;
  /** Repository-relative file of that struct, newest release. */
  file: string;
  /** runtime-rs: the `#[serde(default = "…")]` function per run, when not `Default::default`. */
  defaultFn?: { releases: ReleaseSpec; fn: string }[];
  /** runtime-rs: `#[cfg(target_arch = …)]` on the field, as Kata writes the target arch. */
  cfgArch?: string;
}

/** `facts/shipped-<runtime>.json`: the config files `make install-configs` writes, per release and arch, and what they set. */
export interface ShippedFacts {
  generatedBy: string;
  runtime: 'go' | 'rs';
  files: ShippedFile[];
  values: ShippedValue[];
}

export interface ShippedFile {
  /** Installed name, e.g. `configuration-qemu.toml`. */
  name: string;
  /** Repository-relative template, e.g. `src/runtime/config/configuration-qemu.toml.in`. */
  template: string;
  /** Per Kata arch name (`x86_64`, `aarch64`, `ppc64le`, `s390x`, `riscv64`): the releases whose Makefile installs it there. */
  arches: Partial<Record<string, ReleaseSpec>>;
  /** The file whose values this one's are listed against (`configuration-qemu.toml` for `configuration-qemu-tdx.toml`); absent for base files. */
  base?: string;
  /** The `[hypervisor.<name>]` table the file holds, per run of releases. */
  hypervisor: { releases: ReleaseSpec; table: string }[];
}

/**
 * One key of one shipped file: its value per run of (releases, arches). `value` is the TOML value as
 * JSON (strings, numbers, booleans, arrays of them); `commented: true` when the file only shows the
 * key as a commented-out example (`#key = value`), with the value written there when it parses.
 * A run without `arches` holds on every arch the file is installed for in those releases. A file
 * with a `base` lists only the keys whose runs differ from the base file's; `absent: true` marks a
 * key the base has and this file does not.
 */
export interface ShippedValue {
  file: string;
  /** The concrete table, e.g. `hypervisor.qemu`, `agent.kata`, `runtime`, `factory`. */
  table: string;
  key: string;
  runs: { releases: ReleaseSpec; arches?: string[]; value?: unknown; commented?: true; absent?: true }[];
}

/**
 * `facts/rs-adjustments.json`: what runtime-rs's adjust_config functions (kata-types `config/`) do to
 * the decoded values before Kata uses them, per release: "an empty path becomes the plugin's default
 * binary", "a 0 becomes 128 MiB", "values above the host's CPUs become the host's count". Read from
 * the hypervisor plugins (`impl ConfigPlugin`), the per-struct adjust functions the hypervisor loop
 * calls (`BlockDeviceInfo`, `CpuInfo`, ...) and `Runtime`/`Agent`'s `ConfigOps` impls.
 */
export interface RsAdjustmentFacts {
  generatedBy: string;
  releases: string[];
  /** The hypervisor plugins: only `[hypervisor.<name>]` tables with one are adjusted (runtime-rs refuses the others). */
  plugins: RsPluginFact[];
  /**
   * The adjustments. Within one table they are listed in the order Kata applies them; the plugin's
   * own entries (`hypervisor.qemu`) run before the ones for every hypervisor (`hypervisor.<name>`).
   */
  adjustments: RsAdjustmentFact[];
  /** What serde gives the keys these adjustments read or write when no file writes them. */
  absent: RsAbsentFact[];
  /** Statements of the adjust functions the extractor does not turn into adjustments, so that none goes unnoticed. */
  unparsed: RsUnparsedFact[];
}

export interface RsPluginFact {
  /** The table name, `qemu` for `[hypervisor.qemu]`. */
  name: string;
  releases: ReleaseSpec;
  /** `QemuConfig::adjust_config`. */
  stage: string;
  file: string;
}

/** How a condition compares a value: `always` (no condition), `empty` (`""` or `[]`), `zero`, `none` (an unset `Option`), or a comparison with `value`, `values` (`in`) or the host's `host` quantity. */
export type RsConditionOp = 'always' | 'empty' | 'nonempty' | 'zero' | 'nonzero' | 'none' | 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'in';

/** A host quantity a value is compared with or replaced by: the CPU count, the RAM in MiB. */
export type RsHostQuantity = 'cpus' | 'memory';

export interface RsCondition {
  /** The key of the same table the condition reads; absent in `when`, which reads the adjusted key. */
  key?: string;
  op: RsConditionOp;
  value?: string | number | boolean;
  values?: (string | number | boolean)[];
  host?: RsHostQuantity;
  /** The Kata constant `value` comes from. */
  const?: string;
}

/** A value Kata sets: a literal or a constant's value (per arch where they differ), an unset `Option`, a host quantity, or a constant the source given does not define. */
export interface RsSetValue {
  const?: string;
  value?: string | number | boolean;
  /** Kata arch name → value, when the constant differs between arches. */
  byArch?: Partial<Record<string, string | number | boolean>>;
  none?: true;
  host?: RsHostQuantity;
  /** The constant whose definition is outside the source read (`MACHINE_TYPE_Q35_TYPE`). */
  unresolved?: string;
}

export interface RsAdjustmentFact {
  /** The concrete table for a plugin's own adjustment (`hypervisor.qemu`, `hypervisor.qemu.factory`, `runtime`), `hypervisor.<name>` for the ones every hypervisor gets. */
  table: TablePath;
  key: string;
  releases: ReleaseSpec;
  /** The Kata function that does it: `QemuConfig::adjust_config`, `BlockDeviceInfo::adjust_config`. */
  stage: string;
  /** The condition on the key's own value. */
  when: RsCondition;
  /** Conditions on other keys of the table that must all hold. */
  if?: RsCondition[];
  /** Conditions none of which may hold (an earlier early return, an earlier branch of an if/else chain). */
  unless?: RsCondition[];
  use: RsSetValue;
  /** Kata arch names, when the statement is compiled for some arches only. */
  arches?: string[];
  /** Only when the configuration has this table (a plugin that changes another table). */
  whenTable?: TablePath;
  /** The Rust field written (`MemoryInfo.default_memory`) and the file of the function, newest release. */
  field: string;
  file: string;
}

/** serde's value for a key no file writes: a value (Rust's `Default`, or a `default = "fn"`), an unset `Option`, a key whose absence fails the load, or one the extractor cannot tell. */
export interface RsAbsentFact {
  table: TablePath;
  key: string;
  releases: ReleaseSpec;
  default: { value?: string | number | boolean | readonly (string | number | boolean)[]; byArch?: Partial<Record<string, string | number | boolean>>; fn?: string; none?: true; required?: true; unknown?: string };
}

export interface RsUnparsedFact {
  stage: string;
  releases: ReleaseSpec;
  /** What the statement does, in the extractor's words. */
  construct: string;
  /** The TOML keys (dotted, `hypervisor.<name>.default_maxvcpus`) it touches, where known. */
  keys: string[];
  arches?: string[];
  file: string;
  /** 1-based line in the newest release that has it. */
  line: number;
}
