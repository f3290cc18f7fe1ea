/**
 * Matching `enable_annotations` patterns without backtracking. Kata's engines (Go's regexp, Rust's
 * regex crate) run in linear time, but a JS RegExp backtracks: `(.+)+x` takes minutes against a
 * 30-character annotation name. The JS pattern that `compileEntry` translates an entry into is
 * compiled here to an NFA and simulated step by step (a Pike VM), in O(pattern × name) time.
 *
 * Simple patterns (at most one quantifier, on a single character or class) cannot backtrack
 * badly, and keep using the native RegExp, which is faster.
 */

type Pred = (c: number) => boolean;

type Node =
  | { t: 'char'; pred: Pred }
  | { t: 'assert'; check: (s: string, pos: number) => boolean }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; alts: Node[] }
  | { t: 'rep'; node: Node; min: number; max: number }
  | { t: 'fail' };

/** Longest pattern and largest program handled; beyond them the answer is "cannot tell". */
const MAX_SOURCE = 10_000;
const MAX_PROGRAM = 20_000;
const MAX_GROUP_DEPTH = 200;

class Unsupported extends Error {}

const isDigit: Pred = (c) => c >= 48 && c <= 57;
const isWord: Pred = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: Pred = (c) => (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isLineTerminator: Pred = (c) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const not =
  (p: Pred): Pred =>
  (c) =>
    !p(c);

const CLASS_ESCAPES: Record<string, Pred> = { d: isDigit, D: not(isDigit), w: isWord, W: not(isWord), s: isSpace, S: not(isSpace) };
const CONTROL_ESCAPES: Record<string, number> = { f: 12, n: 10, r: 13, t: 9, v: 11, '0': 0 };

function wordAt(s: string, i: number): boolean {
  return i >= 0 && i < s.length && isWord(s.charCodeAt(i));
}

/** Parses the JS pattern syntax `compileEntry` produces (and the rest of plain JS syntax it can). */
class Parser {
  private i = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly ignoreCase: boolean,
  ) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) throw new Unsupported(`unexpected ${this.src[this.i]}`);
    return node;
  }

  private alternation(): Node {
    const alts = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0] : { t: 'alt', alts };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      items.push(this.quantified(atom));
    }
    return items.length === 1 ? items[0] : { t: 'seq', items };
  }

  private quantified(atom: Node): Node {
    const src = this.src;
    let min: number;
    let max: number;
    const c = src[this.i];
    if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '?') [min, max] = [0, 1];
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.i, this.i + 24));
      if (!m) return atom;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
    } else return atom;
    this.i++;
    if (src[this.i] === '?') this.i++; // lazy: the same language
    if (atom.t === 'assert') return min === 0 ? { t: 'seq', items: [] } : atom;
    // A valid JS pattern has no second quantifier here (`a**` does not compile).
    return { t: 'rep', node: atom, min, max };
  }

  private charNode(pred: Pred): Node {
    if (!this.ignoreCase) return { t: 'char', pred };
    return {
      t: 'char',
      pred: (c) => pred(c) || (c >= 65 && c <= 90 && pred(c + 32)) || (c >= 97 && c <= 122 && pred(c - 32)),
    };
  }

  private atom(): Node {
    const src = this.src;
    const c = src[this.i];
    if (c === '(') {
      if (++this.depth > MAX_GROUP_DEPTH) throw new Unsupported('nested too deeply');
      this.i++;
      let look: 'ahead' | 'behind' | undefined;
      let negated = false;
      if (src[this.i] === '?') {
        const m = /^\?(:|=|!|<=|<!)/.exec(src.slice(this.i, this.i + 3));
        if (!m) throw new Unsupported('group syntax');
        this.i += m[0].length;
        if (m[1] !== ':') {
          look = m[1].startsWith('<') ? 'behind' : 'ahead';
          negated = m[1].endsWith('!');
        }
      }
      const inner = this.alternation();
      if (src[this.i] !== ')') throw new Unsupported('unclosed group');
      this.i++;
      this.depth--;
      if (!look) return inner;
      // Lookaround is supported over one character (what `\<` and `\>` translate into).
      if (inner.t !== 'char') throw new Unsupported('lookaround');
      const pred = inner.pred;
      return {
        t: 'assert',
        check: (s, pos) => {
          const at = look === 'ahead' ? pos : pos - 1;
          const ok = at >= 0 && at < s.length && pred(s.charCodeAt(at));
          return negated ? !ok : ok;
        },
      };
    }
    if (c === ')' || c === '*' || c === '+' || c === '?') throw new Unsupported(`unexpected ${c}`);
    if (c === '[') return this.charClass();
    if (c === '.') {
      this.i++;
      return { t: 'char', pred: not(isLineTerminator) };
    }
    if (c === '^') {
      this.i++;
      return { t: 'assert', check: (_s, pos) => pos === 0 };
    }
    if (c === '$') {
      this.i++;
      return { t: 'assert', check: (s, pos) => pos === s.length };
    }
    if (c === '\\') {
      const e = src[this.i + 1];
      if (e === 'b' || e === 'B') {
        this.i += 2;
        const boundary = e === 'b';
        return { t: 'assert', check: (s, pos) => (wordAt(s, pos - 1) !== wordAt(s, pos)) === boundary };
      }
      if (e !== undefined && CLASS_ESCAPES[e]) {
        this.i += 2;
        return { t: 'char', pred: CLASS_ESCAPES[e] };
      }
      const code = this.escapedCode();
      return this.charNode((x) => x === code);
    }
    this.i++;
    const code = c.charCodeAt(0);
    return this.charNode((x) => x === code);
  }

  /** A character escape at `\`: its code unit. */
  private escapedCode(): number {
    const src = this.src;
    const e = src[this.i + 1];
    if (e === undefined) throw new Unsupported('lone backslash');
    if (e in CONTROL_ESCAPES && !(e === '0' && isDigit(src.charCodeAt(this.i + 2)))) {
      this.i += 2;
      return CONTROL_ESCAPES[e];
    }
    if (e === 'x' || e === 'u') {
      const n = e === 'x' ? 2 : 4;
      const hex = src.slice(this.i + 2, this.i + 2 + n);
      if (/^[0-9A-Fa-f]+$/.test(hex) && hex.length === n) {
        this.i += 2 + n;
        return parseInt(hex, 16);
      }
    }
    if (/[A-Za-z0-9]/.test(e)) throw new Unsupported(`escape \\${e}`);
    this.i += 2;
    return e.charCodeAt(0);
  }

  private charClass(): Node {
    const src = this.src;
    this.i++;
    let negated = false;
    if (src[this.i] === '^') {
      negated = true;
      this.i++;
    }
    const ranges: Array<[number, number]> = [];
    const classes: Pred[] = [];
    // One member: a code unit, or a class escape (undefined code).
    const member = (): { code?: number; pred?: Pred } => {
      if (src[this.i] === '\\') {
        const e = src[this.i + 1];
        if (e !== undefined && CLASS_ESCAPES[e]) {
          this.i += 2;
          return { pred: CLASS_ESCAPES[e] };
        }
        if (e === 'b') {
          this.i += 2;
          return { code: 8 };
        }
        return { code: this.escapedCode() };
      }
      return { code: src.charCodeAt(this.i++) };
    };
    for (;;) {
      if (this.i >= src.length) throw new Unsupported('unclosed class');
      if (src[this.i] === ']') {
        this.i++;
        break;
      }
      const a = member();
      if (a.pred) {
        classes.push(a.pred);
        continue;
      }
      if (src[this.i] === '-' && src[this.i + 1] !== ']' && this.i + 1 < src.length) {
        this.i++;
        const b = member();
        if (b.pred) {
          ranges.push([a.code!, a.code!], [45, 45]);
          classes.push(b.pred);
          continue;
        }
        if (b.code! < a.code!) throw new Unsupported('range out of order');
        ranges.push([a.code!, b.code!]);
        continue;
      }
      ranges.push([a.code!, a.code!]);
    }
    const inSet: Pred = (c) => ranges.some(([lo, hi]) => c >= lo && c <= hi) || classes.some((p) => p(c));
    const cased = this.ignoreCase ? (c: number) => inSet(c) || (c >= 65 && c <= 90 && inSet(c + 32)) || (c >= 97 && c <= 122 && inSet(c - 32)) : inSet;
    return { t: 'char', pred: negated ? not(cased) : cased };
  }
}

function minWidth(n: Node): number {
  switch (n.t) {
    case 'char':
      return 1;
    case 'assert':
      return 0;
    case 'fail':
      return Infinity;
    case 'seq':
      return n.items.reduce((w, x) => w + minWidth(x), 0);
    case 'alt':
      return Math.min(...n.alts.map(minWidth));
    case 'rep':
      return n.min === 0 ? 0 : n.min * minWidth(n.node);
  }
}

/**
 * Bounds every repetition by the longest subject: `e{n,m}` that must consume one character per copy
 * cannot repeat more than `longest` times; one that can match empty behaves the same for any count
 * above `longest + 1`. So `(a{1000}){1000}` costs nothing against 30-character names.
 */
function clamp(n: Node, longest: number): Node {
  switch (n.t) {
    case 'seq':
      return { t: 'seq', items: n.items.map((x) => clamp(x, longest)) };
    case 'alt':
      return { t: 'alt', alts: n.alts.map((x) => clamp(x, longest)) };
    case 'rep': {
      const node = clamp(n.node, longest);
      const w = minWidth(node);
      if (w === Infinity) return n.min === 0 ? { t: 'seq', items: [] } : { t: 'fail' };
      // An unbounded repeat stays a loop (one copy in the program); counts are what needs bounding.
      if (w >= 1) {
        const most = Math.floor(longest / w);
        if (n.min > most) return { t: 'fail' };
        return { t: 'rep', node, min: n.min, max: n.max === Infinity ? Infinity : Math.min(n.max, most) };
      }
      return { t: 'rep', node, min: Math.min(n.min, longest + 1), max: n.max === Infinity ? Infinity : Math.min(n.max, longest + 1) };
    }
    default:
      return n;
  }
}

const enum Op {
  Char,
  Split,
  Jmp,
  Assert,
  Match,
  Fail,
}

interface Inst {
  op: Op;
  pred?: Pred;
  check?: (s: string, pos: number) => boolean;
  x: number;
  y: number;
}

/** Compiles to a program whose instruction 0 is the start; built back to front (each node knows its continuation). */
class Compiler {
  readonly prog: Inst[] = [{ op: Op.Match, x: -1, y: -1 }];

  private add(inst: Inst): number {
    if (this.prog.length >= MAX_PROGRAM) throw new Unsupported('too complex');
    this.prog.push(inst);
    return this.prog.length - 1;
  }

  emit(n: Node, next: number): number {
    switch (n.t) {
      case 'char':
        return this.add({ op: Op.Char, pred: n.pred, x: next, y: -1 });
      case 'assert':
        return this.add({ op: Op.Assert, check: n.check, x: next, y: -1 });
      case 'fail':
        return this.add({ op: Op.Fail, x: -1, y: -1 });
      case 'seq': {
        let at = next;
        for (let k = n.items.length - 1; k >= 0; k--) at = this.emit(n.items[k], at);
        return at === next ? this.add({ op: Op.Jmp, x: next, y: -1 }) : at;
      }
      case 'alt': {
        let at = this.emit(n.alts[n.alts.length - 1], next);
        for (let k = n.alts.length - 2; k >= 0; k--) at = this.add({ op: Op.Split, x: this.emit(n.alts[k], next), y: at });
        return at;
      }
      case 'rep': {
        let at = next;
        if (n.max === Infinity) {
          const loop = this.add({ op: Op.Split, x: -1, y: next });
          this.prog[loop].x = this.emit(n.node, loop);
          at = loop;
        } else {
          for (let k = 0; k < n.max - n.min; k++) at = this.add({ op: Op.Split, x: this.emit(n.node, at), y: next });
        }
        for (let k = 0; k < n.min; k++) at = this.emit(n.node, at);
        return at;
      }
    }
  }
}

function simpleEnough(n: Node): boolean {
  let reps = 0;
  let ok = true;
  const walk = (x: Node): void => {
    if (x.t === 'rep') {
      reps++;
      if (x.node.t !== 'char') ok = false;
    }
    if (x.t === 'seq') x.items.forEach(walk);
    if (x.t === 'alt') x.alts.forEach(walk);
    if (x.t === 'rep') walk(x.node);
  };
  walk(n);
  return ok && reps <= 1;
}

/** Unanchored search, as RegExp.prototype.test: does the pattern match anywhere in `s`? */
function run(prog: Inst[], start: number, s: string): boolean {
  const seen = new Int32Array(prog.length).fill(-1);
  let stamp = 0;
  let current: number[] = [];
  const stack: number[] = [];
  // Adds the threads reachable from `pc` without consuming input; true when one matches.
  const add = (list: number[], pc: number, pos: number): boolean => {
    stack.push(pc);
    while (stack.length) {
      const p = stack.pop()!;
      if (seen[p] === stamp) continue;
      seen[p] = stamp;
      const inst = prog[p];
      switch (inst.op) {
        case Op.Match:
          stack.length = 0;
          return true;
        case Op.Jmp:
          stack.push(inst.x);
          break;
        case Op.Split:
          stack.push(inst.y, inst.x);
          break;
        case Op.Assert:
          if (inst.check!(s, pos)) stack.push(inst.x);
          break;
        case Op.Char:
          list.push(p);
          break;
        case Op.Fail:
          break;
      }
    }
    return false;
  };
  for (let pos = 0; ; pos++) {
    // A thread starts at every position: the search is unanchored.
    if (add(current, start, pos)) return true;
    if (pos === s.length) return false;
    const c = s.charCodeAt(pos);
    const next: number[] = [];
    stamp++;
    for (const p of current) {
      const inst = prog[p];
      if (inst.pred!(c) && add(next, inst.x, pos + 1)) return true;
    }
    current = next;
  }
}

/**
 * A tester for a RegExp against subjects of at most `longest` characters (longer ones never match),
 * or undefined when the pattern is too large or uses syntax this matcher does not know.
 */
export function linearTester(re: RegExp, longest: number): ((s: string) => boolean) | undefined {
  if (re.source.length > MAX_SOURCE) return undefined;
  let tree: Node;
  try {
    tree = new Parser(re.source, re.flags.includes('i')).parse();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const compiler = new Compiler();
  let start: number;
  try {
    start = compiler.emit(clamp(tree, longest), 0);
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
  const linear = (s: string): boolean => (s.length > longest ? false : run(compiler.prog, start, s));
  if (!simpleEnough(tree)) return linear;
  let native = true;
  return (s) => {
    if (native) {
      try {
        re.lastIndex = 0;
        return re.test(s);
      } catch {
        native = false; // V8 refuses to compile some large patterns ("regular expression too large")
      }
    }
    return linear(s);
  };
}
