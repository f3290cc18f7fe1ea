import type { KataContext } from './context';
import type { Severity } from './types';

/** What one diagnostic code means, for the docs table and the `codeDescription` link. */
export interface CodeInfo {
  code: string;
  /** The severity it is reported with (some codes use a second one; `note` says when). */
  severity: Severity;
  title: string;
  /** The Kata source it mirrors (file: function), or what it is about when it is ours. */
  kata: string;
  /** Rule ids of the research notes it implements (R1–R55 Go, H/Q/D/C/F/R/T/G runtime-rs). */
  rules?: string[];
  note?: string;
}

export interface RuleModule {
  codes: CodeInfo[];
  run(ctx: KataContext): void;
}
