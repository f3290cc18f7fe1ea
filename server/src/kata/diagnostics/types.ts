import type { Span } from '../../toml';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  span: Span;
  newText: string;
}

/** A quick fix: a titled set of edits computed by the rule that found the problem. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

export interface KataDiagnostic {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  fixes?: Fix[];
  related?: Array<Span & { message: string }>;
  /** Rendered faded (unused) or struck through (deprecated) by editors. */
  tags?: Array<'unnecessary' | 'deprecated'>;
}
