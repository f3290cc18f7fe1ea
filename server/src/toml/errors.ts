import type { Span } from './ast';

/** Stable codes of the TOML-level problems the engine reports. */
export type TomlErrorCode =
  | 'toml-syntax'
  | 'toml-invalid-string'
  | 'toml-invalid-number'
  | 'toml-invalid-datetime'
  | 'toml-encoding'
  | 'toml-duplicate-key'
  | 'toml-table-redefined'
  | 'toml-key-conflict'
  | 'toml-array-of-tables-conflict'
  | 'toml-inline-table-extended';

export interface RelatedSpan extends Span {
  message: string;
}

export interface TomlError extends Span {
  code: TomlErrorCode;
  message: string;
  related?: RelatedSpan[];
}
