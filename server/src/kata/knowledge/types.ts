/**
 * The shapes of kata-config's own knowledge about Kata keys and tables: what no extractor can read
 * from a struct declaration. Each entry refers to a (table kind, key) of the generated decoder facts
 * (or, for `ignored` entries, to a key Kata's shipped files write); a test fails when one names a key
 * or release the generated data does not have.
 */
import type { HypervisorTable } from '../catalog';
import type { Adjustment, AllowedValues, Format, TableKind, TomlValue, Unit } from '../schema/types';

/** An allowed-value set as written in knowledge: `releases` in ReleaseSet notation. */
export type AllowedValuesKnowledge = Omit<AllowedValues, 'releases'> & { releases?: string };

export interface KeyKnowledge {
  table: TableKind;
  key: string;
  /** Hypervisor tables whose loader actually uses the key; absent = all of them. */
  readers?: readonly HypervisorTable[];
  /** What Kata uses when the key is absent (or zero/empty, where it treats those alike). */
  codeDefault?: TomlValue;
  adjustments?: readonly Adjustment[];
  allowed?: readonly AllowedValuesKnowledge[];
  unit?: Unit;
  format?: Format;
  /** Why Kata ignores this spelling: no decoder field has it (Kata's shipped files write it anyway). */
  ignored?: string;
  /** The key Kata reads instead, for ignored or misplaced spellings. */
  replacement?: string;
  /** Kata functions behind the knowledge, beyond the decoder field (e.g. `values: …config.go:hypervisor.blockDeviceAIO`). */
  see?: string;
  /** For ignored keys: where the absence was checked. */
  source?: string;
  /** Facts that held only in some releases (`releases` in ReleaseSet notation), overriding the ones above there. */
  inReleases?: readonly { releases: string; unit?: Unit; codeDefault?: TomlValue; readers?: readonly HypervisorTable[]; adjustments?: readonly Adjustment[]; why: string }[];
}

export interface TableKnowledge {
  runtime: 'go' | 'rs';
  kind: TableKind;
  /** How the table is written, e.g. `[hypervisor.<name>.factory]`. */
  header: string;
  /** The decoder table path it maps to (`hypervisor.<name>.factory`); absent for tables no decoder has. */
  path?: string;
  arrayOfTables?: boolean;
  /** Why Kata ignores the whole table (a table Kata's files or users write that no decoder reads). */
  ignored?: string;
  /** The Kata functions that load it. */
  source: string;
}
