/** Converts between UTF-16 offsets and zero-based (line, character) positions, as LSP counts them. */
export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  /** Offsets where lines start. Like LSP (and VS Code), `\n`, `\r\n` and a lone `\r` all end a line. */
  private starts: number[] = [0];

  /**
   * The index of `text`, which is `previous`'s text with [start, oldEnd) replaced by `newLength`
   * characters; consumes `previous`. Whether offset p starts a line depends only on the characters
   * at p - 1 and p, so the line starts before the edit are kept, those after it moved, and only
   * the offsets start..start + newLength are looked at again.
   */
  static edited(previous: LineIndex, text: string, change: { start: number; oldEnd: number; newLength: number }): LineIndex {
    const old = previous.starts;
    const delta = change.newLength - (change.oldEnd - change.start);
    let keep = old.length;
    while (keep > 1 && old[keep - 1] > change.start - 1) keep--;
    let moved = keep;
    while (moved < old.length && old[moved] < change.oldEnd + 1) moved++;
    const middle: number[] = [];
    const last = Math.min(change.start + change.newLength, text.length);
    for (let q = Math.max(1, change.start); q <= last; q++) {
      const before = text.charCodeAt(q - 1);
      if (before === 10 || (before === 13 && text.charCodeAt(q) !== 10)) middle.push(q);
    }
    for (let i = moved; i < old.length; i++) old[i] += delta;
    if (middle.length > 1000) return new LineIndex(text, old.slice(0, keep).concat(middle, old.slice(moved)));
    old.splice(keep, moved - keep, ...middle);
    return new LineIndex(text, old);
  }

  /** The offsets where lines start (for tests). */
  get lineStarts(): readonly number[] {
    return this.starts;
  }

  constructor(
    private readonly text: string,
    /** Line starts already known (LineIndex.edited). */
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (c === 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** End of a line's content, before its `\n`, `\r\n` or `\r`. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    return this.beforeBreak(this.starts[line + 1], this.starts[Math.max(0, line)]);
  }

  /** Moves an offset inside a line break back to the end of the line's content, as VS Code does. */
  private beforeBreak(offset: number, lineStart: number): number {
    let o = offset;
    while (o > lineStart && (this.text.charCodeAt(o - 1) === 10 || this.text.charCodeAt(o - 1) === 13)) o--;
    return o;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: this.beforeBreak(o, this.starts[lo]) - this.starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.lineEnd(pos.line));
  }
}
