/**
 * Syntax tree of a TOML document. Every node carries the UTF-16 offsets of the source text it
 * covers (`start` inclusive, `end` exclusive), so features can map any node back to the editor.
 */

export interface Span {
  start: number;
  end: number;
}

/** One part of a (possibly dotted) key: `a`, `"b c"` or `'d'` in `a."b c".'d'`. */
export interface KeyPart extends Span {
  name: string;
  quoted: boolean;
}

export interface Key extends Span {
  parts: KeyPart[];
}

export type StringStyle = 'basic' | 'literal' | 'multiline-basic' | 'multiline-literal';

export interface StringValue extends Span {
  kind: 'string';
  value: string;
  style: StringStyle;
}

export interface IntegerValue extends Span {
  kind: 'integer';
  /** Exact value: TOML integers are 64-bit, beyond the safe range of a JS number. */
  value: bigint;
  raw: string;
}

export interface FloatValue extends Span {
  kind: 'float';
  value: number;
  raw: string;
}

export interface BooleanValue extends Span {
  kind: 'boolean';
  value: boolean;
}

export type DateTimeKind = 'offset-datetime' | 'local-datetime' | 'local-date' | 'local-time';

export interface DateTimeValue extends Span {
  kind: 'datetime';
  subtype: DateTimeKind;
  raw: string;
}

export interface ArrayValue extends Span {
  kind: 'array';
  items: ValueNode[];
  /** False when the closing `]` is missing (the array was recovered). */
  closed: boolean;
}

export interface InlineTableValue extends Span {
  kind: 'inline-table';
  entries: KeyValue[];
  closed: boolean;
}

/** A value token that is not TOML (kept so features can still point at it). */
export interface InvalidValue extends Span {
  kind: 'invalid';
  raw: string;
}

export type ScalarValue = StringValue | IntegerValue | FloatValue | BooleanValue | DateTimeValue;
export type ValueNode = ScalarValue | ArrayValue | InlineTableValue | InvalidValue;

export interface KeyValue extends Span {
  kind: 'key-value';
  key: Key;
  /** Offset of `=`, or -1 when it is missing. */
  equals: number;
  /** Null when the value is missing or could not be read at all. */
  value: ValueNode | null;
}

export interface TableHeader extends Span {
  kind: 'table' | 'array-table';
  /** Null when the header has no readable key (`[]`, `[=]`). */
  key: Key | null;
  entries: KeyValue[];
  /** End of the section: the last entry or comment before the next header (or the header's own end). */
  sectionEnd: number;
}

export interface Comment extends Span {
  /** The text after `#`. */
  text: string;
}

export interface SyntaxTree {
  /** Key/value pairs before the first header. */
  rootEntries: KeyValue[];
  tables: TableHeader[];
  comments: Comment[];
}
