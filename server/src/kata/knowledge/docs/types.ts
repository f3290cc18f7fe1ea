// The KeyDoc type: how one configuration key is documented.
/**
 * Human documentation of one configuration key, written for this project (never copied from
 * Kata's sources or templates). Keyed by `<table kind>/<key>`, e.g. `hypervisor/default_memory`.
 */
export interface KeyDoc {
  /** One line (at most ~100 characters) for completion lists: what the key controls. */
  summary: string;
  /** Two to six sentences: what it does, when to change it, pitfalls and interactions. */
  description: string;
  /** A remark that holds only for the Go runtime. */
  go?: string;
  /** A remark that holds only for runtime-rs. */
  rs?: string;
  /** For keys with a closed set of values: one sentence per value. */
  values?: Record<string, string>;
}
