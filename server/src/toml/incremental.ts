/**
 * Incremental parsing: after an edit, only the statements the edit could have changed are parsed
 * again; the rest of the previous parse is reused, the statements after the edit moved by the
 * edit's length difference. The result equals `parseSyntax` of the new text, always
 * (test/unit/incremental.test.ts and the fuzzer's incremental mode compare them after every edit).
 *
 * Why it holds: a statement's parse depends only on the text from its start to its `readEnd` and
 * on its `resumed` flag (parser.ts, StatementLog). So every statement that read nothing at or after
 * the edit's start is kept as it is; the parse restarts at the first one that did, and stops at the
 * first boundary past the edit where the old parse had a statement starting at the same text with
 * the same flag: from there on the old statements are what a full parse would find, moved.
 *
 * The previous parse is consumed: its nodes are moved and reused in place.
 */
import type { Key, KeyValue, SyntaxTree, TableHeader, ValueNode } from './ast';
import type { TomlError } from './errors';
import { groupStatements, parseStatements, parseSyntax, StatementKind, type ParseResult } from './parser';

/** One replaced range of the old text: [start, oldEnd) became `newLength` characters. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newLength: number;
}

/**
 * The one range where two texts differ (their common prefix and suffix kept), or undefined when
 * they are equal. Compares chunks that double while they match and shrink where they do not
 * (V8 compares strings at memory speed; 256-character steps cost 4 ms over 10 MB, doubling 0.8 ms),
 * then narrows down character by character.
 */
export function textChange(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let prefix = commonRun(max, (at, n) => before.slice(at, at + n) === after.slice(at, at + n));
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  const room = max - prefix;
  const b = before.length;
  const a = after.length;
  let suffix = commonRun(room, (at, n) => before.slice(b - at - n, b - at) === after.slice(a - at - n, a - at));
  while (suffix < room && before.charCodeAt(b - 1 - suffix) === after.charCodeAt(a - 1 - suffix)) suffix++;
  return { start: prefix, oldEnd: b - suffix, newLength: a - suffix - prefix };
}

const MIN_CHUNK = 256;
const MAX_CHUNK = 1 << 20;

/** How far (up to `limit`, in whole chunks, within MIN_CHUNK of the end) `same(at, n)` holds from 0. */
function commonRun(limit: number, same: (at: number, n: number) => boolean): number {
  let run = 0;
  for (let chunk = MIN_CHUNK; ; ) {
    if (run + chunk <= limit && same(run, chunk)) {
      run += chunk;
      if (chunk < MAX_CHUNK) chunk *= 2;
    } else if (chunk > MIN_CHUNK) chunk = Math.max(MIN_CHUNK, chunk >> 2);
    else return run;
  }
}

/** How much of the parse was done again, for the benchmark and tests. */
export interface ReparseStats {
  /** Statements kept before the edit, parsed again, and moved after it. */
  kept: number;
  parsed: number;
  moved: number;
}

/** The last index in `list`, ascending by `offsetOf`, whose offset is ≤ `value`, or -1. */
export function lastAtOrBefore<T>(list: readonly T[], value: number, offsetOf: (item: T) => number): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (offsetOf(list[mid]) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The parse of `text`, which is `previous`'s text with `change` applied. Consumes `previous`.
 * `stats`, when given, is filled in.
 */
export function reparse(previous: ParseResult, text: string, change: TextChange, stats?: ReparseStats): ParseResult {
  const old = previous.statements;
  const delta = change.newLength - (change.oldEnd - change.start);
  // A byte order mark is read only at offset 0: an edit there is parsed from scratch.
  if (change.start === 0 || old.length === 0) return fresh(text, stats);

  // The first statement that read at or after the edit's start; every one before it is kept.
  let restart = 0;
  const readEnds = old.readEnds;
  while (restart < old.length && readEnds[restart] <= change.start) restart++;
  if (restart === old.length) restart = old.length - 1;
  // Blank lines between the kept statements and the edit may have been written into: start at a
  // statement boundary at or before the edit.
  let from = old.starts[restart];
  let resumedAtFrom = old.resumed[restart];
  if (from > change.start) {
    if (restart > 0) {
      restart--;
      from = old.starts[restart];
      resumedAtFrom = old.resumed[restart];
    } else {
      from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      resumedAtFrom = false;
    }
  }

  // Stop at a boundary past the edit where an old statement started on the same text, in the same state.
  const editEndNew = change.start + change.newLength;
  const oldStarts = old.starts;
  let reuse = -1;
  const stopAt = (pos: number, resumed: boolean): boolean => {
    if (pos < editEndNew) return false;
    const oldPos = pos - delta;
    const j = lastAtOrBefore(oldStarts, oldPos, (start) => start);
    if (j < restart || oldStarts[j] !== oldPos || old.resumed[j] !== resumed) return false;
    reuse = j;
    return true;
  };
  const middle = parseStatements(text, { from, resumed: resumedAtFrom, stopAt });

  // The old statement log, errors and comments are edited in place: the statements [restart, end)
  // are replaced by the middle's, those from `reuse` on are moved (a memmove and a numeric pass,
  // not a copy of a 10 MB file's 300 000 statements).
  const m = middle.statements;
  const end = reuse >= 0 ? reuse : old.length;
  const oldErrorsEnd = restart < old.length ? old.errorsFrom[restart] : previous.errors.length;
  const oldCommentsEnd = restart < old.length ? old.commentsFrom[restart] : previous.tree.comments.length;
  const oldErrorsReused = reuse >= 0 ? old.errorsFrom[reuse] : previous.errors.length;
  const oldCommentsReused = reuse >= 0 ? old.commentsFrom[reuse] : previous.tree.comments.length;
  if (reuse >= 0) {
    const errorShift = oldErrorsEnd + middle.errors.length - oldErrorsReused;
    const commentShift = oldCommentsEnd + middle.comments.length - oldCommentsReused;
    const { starts, readEnds, errorsFrom, commentsFrom, kinds, nodes } = old;
    for (let i = reuse; i < old.length; i++) {
      const kind = kinds[i];
      if (kind === StatementKind.Header) moveHeader(nodes[i] as TableHeader, delta);
      else if (kind === StatementKind.KeyValue) moveKeyValue(nodes[i] as KeyValue, delta);
      starts[i] += delta;
      readEnds[i] += delta;
      errorsFrom[i] += errorShift;
      commentsFrom[i] += commentShift;
    }
    for (let i = oldErrorsReused; i < previous.errors.length; i++) moveError(previous.errors[i], delta);
    for (let i = oldCommentsReused; i < previous.tree.comments.length; i++) moveSpan(previous.tree.comments[i], delta);
  }
  for (let i = 0; i < m.length; i++) {
    m.errorsFrom[i] += oldErrorsEnd;
    m.commentsFrom[i] += oldCommentsEnd;
  }
  const statements = old;
  statements.starts = replaceRange(old.starts, restart, end, m.starts);
  statements.readEnds = replaceRange(old.readEnds, restart, end, m.readEnds);
  statements.resumed = replaceRange(old.resumed, restart, end, m.resumed);
  statements.kinds = replaceRange(old.kinds, restart, end, m.kinds);
  statements.nodes = replaceRange(old.nodes, restart, end, m.nodes);
  statements.errorsFrom = replaceRange(old.errorsFrom, restart, end, m.errorsFrom);
  statements.commentsFrom = replaceRange(old.commentsFrom, restart, end, m.commentsFrom);
  const errors = replaceRange(previous.errors, oldErrorsEnd, oldErrorsReused, middle.errors);
  const comments = replaceRange(previous.tree.comments, oldCommentsEnd, oldCommentsReused, middle.comments);
  if (stats) {
    stats.kept = restart;
    stats.parsed = m.length;
    stats.moved = reuse >= 0 ? statements.length - restart - m.length : 0;
  }
  const tree: SyntaxTree = groupStatements(statements, comments);
  return { tree, errors, statements };
}

/** `list` with [from, to) replaced by `items`: in place for a few items, else a new array (spreading many arguments would overflow the stack). */
function replaceRange<T>(list: T[], from: number, to: number, items: T[]): T[] {
  if (items.length <= 1000) {
    list.splice(from, to - from, ...items);
    return list;
  }
  return list.slice(0, from).concat(items, list.slice(to));
}

function fresh(text: string, stats?: ReparseStats): ParseResult {
  const result = parseSyntax(text);
  if (stats) {
    stats.kept = 0;
    stats.parsed = result.statements.length;
    stats.moved = 0;
  }
  return result;
}

function moveSpan<T extends { start: number; end: number }>(span: T, delta: number): T {
  span.start += delta;
  span.end += delta;
  return span;
}

function moveError(error: TomlError, delta: number): TomlError {
  moveSpan(error, delta);
  if (error.related) for (const r of error.related) moveSpan(r, delta);
  return error;
}

function moveKey(key: Key, delta: number): void {
  moveSpan(key, delta);
  for (const part of key.parts) moveSpan(part, delta);
}

function moveHeader(header: TableHeader, delta: number): void {
  moveSpan(header, delta);
  header.sectionEnd += delta;
  if (header.key) moveKey(header.key, delta);
}

function moveKeyValue(kv: KeyValue, delta: number): void {
  moveSpan(kv, delta);
  if (kv.equals >= 0) kv.equals += delta;
  moveKey(kv.key, delta);
  if (kv.value) moveValue(kv.value, delta);
}

function moveValue(value: ValueNode, delta: number): void {
  moveSpan(value, delta);
  if (value.kind === 'array') for (const item of value.items) moveValue(item, delta);
  else if (value.kind === 'inline-table') for (const entry of value.entries) moveKeyValue(entry, delta);
}
