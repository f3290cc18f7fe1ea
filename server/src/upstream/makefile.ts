/**
 * A reader for the GNU make language, written to evaluate Kata's `src/runtime/Makefile` and
 * `src/runtime-rs/Makefile` (with their `arch/<arch>-options.mk`) without running make.
 *
 * It follows GNU make's read phase: logical lines (backslash-newline continuations), comments
 * (`#`, not inside `$(...)`, `\#` escapes), variable assignments (`=`, `:=`, `::=`, `:::=`,
 * `?=`, `+=`, `!=`, `define`/`endef`) with the `override`, `export`, `unexport`, `private`
 * modifiers and make's origin rules (a command-line variable only yields to `override`),
 * recursive versus simple flavour, conditionals (`ifeq`/`ifneq` in both argument forms,
 * `ifdef`/`ifndef`, `else <conditional>`, nesting, skipped regions not expanded), `include`,
 * `-include` and `sinclude`, rules (ordinary, static pattern and pattern rules, targets and
 * prerequisites expanded when read, recipes kept unexpanded, the "rule context" that decides
 * whether a tab-indented line is a recipe line), and the expansion language: `$(VAR)`, `${VAR}`,
 * `$X`, `$$`, computed names, substitution references `$(VAR:a=b)` / `$(VAR:%.a=%.b)` and the
 * functions listed in FUNCTIONS below.
 *
 * Nothing is executed: `$(shell ...)` yields what `MakeOptions.shell` returns (by default the empty
 * string, as for the commands of these Makefiles that query git, go or cargo), `$(wildcard)` and
 * `$(realpath)` consult the injected reader. Pure: no node:fs, no vscode; the file system is the
 * `SourceReader` passed in.
 */

/** Access to a Kata source tree by repository-relative POSIX path (`src/runtime/Makefile`). */
export interface SourceReader {
  /** The file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** The names in a directory, or undefined when it does not exist (used by `$(wildcard)` and `$(realpath)` on directories). */
  list?(dir: string): string[] | undefined;
}

export type VariableOrigin = 'default' | 'environment' | 'file' | 'command line' | 'override' | 'automatic';

export interface MakeVariable {
  name: string;
  /** Raw text for recursive variables, the expanded text for simple ones. */
  value: string;
  flavor: 'recursive' | 'simple';
  origin: VariableOrigin;
  exported?: boolean;
  /** Where it was last set, for diagnostics. */
  file?: string;
  line?: number;
}

export interface MakeRule {
  /** Expanded target names. */
  targets: string[];
  /** Static pattern rule `targets: pattern: prereq-patterns`: the target pattern. */
  targetPattern?: string;
  /** Prerequisites as expanded when the rule was read (patterns for pattern and static pattern rules). */
  prerequisites: string[];
  orderOnly: string[];
  doubleColon: boolean;
  /** Recipe lines, unexpanded, without the leading tab; continuation lines joined with backslash-newline. */
  recipe: string[];
  file: string;
  line: number;
}

export interface MakeDiagnostic {
  kind: 'info' | 'warning' | 'missing-include' | 'fallback-include' | 'shell' | 'unsupported';
  message: string;
  file: string;
  line: number;
}

export class MakeError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number,
    /** True when the Makefile itself asked to stop (`$(error ...)`), false for input the reader cannot handle. */
    readonly fromErrorFunction = false,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'MakeError';
  }
}

export interface MakeOptions {
  /** The directory make runs in (`make -C <dir>`), repository-relative; '' for the root. */
  dir: string;
  /** The makefile read first, relative to `dir` (default `Makefile`). */
  makefile?: string;
  /** `VAR=value` arguments of the make command line. */
  commandLine?: Readonly<Record<string, string>>;
  /** The environment make starts with (default: only PATH, as with `env -i PATH=/usr/bin:/bin`). */
  environment?: Readonly<Record<string, string>>;
  /**
   * Text to use for an included file that the reader does not have, keyed by repository-relative
   * path. Reported as a `fallback-include` diagnostic.
   */
  fallbackIncludes?: Readonly<Record<string, string>>;
  /** An `include` of a missing file without fallback: 'ignore' (default, reported) or 'error' (as make would). */
  missingInclude?: 'ignore' | 'error';
  /** What `$(shell <command>)` returns; undefined or absent means the empty string. */
  shell?: (command: string) => string | undefined;
  /** The absolute path standing for the repository root in `$(CURDIR)`, `$(abspath)` and `$(realpath)` (default `/kata-containers`). */
  root?: string;
}

/** Where an expansion happens, for messages and `$(error)`. */
interface Where {
  file: string;
  line: number;
}

type Scope = Map<string, string>;

interface FunctionSpec {
  /** Maximum number of arguments (0: unlimited); commas beyond belong to the last argument. */
  max: number;
  /** Expand the arguments before calling (false for the lazy functions). */
  expand: boolean;
  fn: (m: Make, args: string[], where: Where) => string;
}

const BLANK = /[ \t]/;

function words(text: string): string[] {
  const t = text.trim();
  return t ? t.split(/\s+/) : [];
}

/** Index of the `close` that ends a reference opened just before `from`, counting only `open`/`close`, or -1. */
function findClose(text: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i;
  }
  return -1;
}

/** Splits function arguments at top-level commas (make counts only the reference's own delimiter). */
function splitArgs(text: string, open: string, close: string, max: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === open) depth++;
    else if (c === close) depth--;
    else if (c === ',' && depth <= 0 && (max === 0 || out.length < max - 1)) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** make's pattern matching with one `%` (the first unescaped one); returns the stem or null. */
function patternMatch(pattern: string, word: string): string | null {
  const p = pattern.indexOf('%');
  if (p < 0) return pattern === word ? '' : null;
  const pre = pattern.slice(0, p);
  const post = pattern.slice(p + 1);
  if (word.length < pre.length + post.length || !word.startsWith(pre) || !word.endsWith(post)) return null;
  return word.slice(pre.length, word.length - post.length);
}

function patsubstWord(pattern: string, replacement: string, word: string): string {
  const stem = patternMatch(pattern, word);
  if (stem === null) return word;
  if (!pattern.includes('%')) return replacement;
  const r = replacement.indexOf('%');
  return r < 0 ? replacement : replacement.slice(0, r) + stem + replacement.slice(r + 1);
}

/** POSIX path normalisation of an absolute path (`.`/`..`/`//`), no trailing slash except for `/`. */
function normalizeAbsolute(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** Joins a repository-relative directory and a relative path into a normalised repository-relative path. */
export function joinRepoPath(dir: string, path: string): string {
  return normalizeAbsolute(`/${dir}/${path}`).slice(1);
}

/** Converts a glob word (`*`, `?`, `[...]`) to a RegExp for one path segment. */
function globSegment(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = seg.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const FUNCTIONS: Record<string, FunctionSpec> = {
  subst: { max: 3, expand: true, fn: (_m, [from, to, text]) => (from === '' ? text + to : text.split(from).join(to)) },
  patsubst: {
    max: 3,
    expand: true,
    fn: (_m, [pattern, replacement, text]) => words(text).map((w) => patsubstWord(pattern.trim(), replacement.trim(), w)).join(' '),
  },
  strip: { max: 1, expand: true, fn: (_m, [text]) => words(text).join(' ') },
  findstring: { max: 2, expand: true, fn: (_m, [find, text]) => (text.includes(find) ? find : '') },
  filter: {
    max: 2,
    expand: true,
    fn: (_m, [patterns, text]) => {
      const ps = words(patterns);
      return words(text).filter((w) => ps.some((p) => patternMatch(p, w) !== null)).join(' ');
    },
  },
  'filter-out': {
    max: 2,
    expand: true,
    fn: (_m, [patterns, text]) => {
      const ps = words(patterns);
      return words(text).filter((w) => !ps.some((p) => patternMatch(p, w) !== null)).join(' ');
    },
  },
  sort: { max: 1, expand: true, fn: (_m, [text]) => [...new Set(words(text))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(' ') },
  word: {
    max: 2,
    expand: true,
    fn: (_m, [n, text], where) => {
      const i = parseInt(n.trim(), 10);
      if (!(i > 0)) throw new MakeError(`first argument to 'word' function must be greater than 0`, where.file, where.line);
      return words(text)[i - 1] ?? '';
    },
  },
  wordlist: {
    max: 3,
    expand: true,
    fn: (_m, [s, e, text]) => {
      const a = parseInt(s.trim(), 10);
      const b = parseInt(e.trim(), 10);
      return words(text).slice(a - 1, b).join(' ');
    },
  },
  words: { max: 1, expand: true, fn: (_m, [text]) => String(words(text).length) },
  firstword: { max: 1, expand: true, fn: (_m, [text]) => words(text)[0] ?? '' },
  lastword: {
    max: 1,
    expand: true,
    fn: (_m, [text]) => {
      const w = words(text);
      return w[w.length - 1] ?? '';
    },
  },
  dir: {
    max: 1,
    expand: true,
    fn: (_m, [text]) =>
      words(text)
        .map((w) => {
          const i = w.lastIndexOf('/');
          return i < 0 ? './' : w.slice(0, i + 1);
        })
        .join(' '),
  },
  notdir: { max: 1, expand: true, fn: (_m, [text]) => words(text).map((w) => w.slice(w.lastIndexOf('/') + 1)).join(' ') },
  suffix: {
    max: 1,
    expand: true,
    fn: (_m, [text]) =>
      words(text)
        .map((w) => {
          const base = w.slice(w.lastIndexOf('/') + 1);
          const i = base.lastIndexOf('.');
          return i < 0 ? '' : base.slice(i);
        })
        .filter(Boolean)
        .join(' '),
  },
  basename: {
    max: 1,
    expand: true,
    fn: (_m, [text]) =>
      words(text)
        .map((w) => {
          const slash = w.lastIndexOf('/');
          const i = w.lastIndexOf('.');
          return i > slash ? w.slice(0, i) : w;
        })
        .join(' '),
  },
  addsuffix: { max: 2, expand: true, fn: (_m, [suffix, text]) => words(text).map((w) => w + suffix).join(' ') },
  addprefix: { max: 2, expand: true, fn: (_m, [prefix, text]) => words(text).map((w) => prefix + w).join(' ') },
  join: {
    max: 2,
    expand: true,
    fn: (_m, [a, b]) => {
      const x = words(a);
      const y = words(b);
      const out: string[] = [];
      for (let i = 0; i < Math.max(x.length, y.length); i++) out.push((x[i] ?? '') + (y[i] ?? ''));
      return out.join(' ');
    },
  },
  wildcard: { max: 1, expand: true, fn: (m, [text]) => words(text).flatMap((w) => m.glob(w)).join(' ') },
  realpath: {
    max: 1,
    expand: true,
    fn: (m, [text]) =>
      words(text)
        .map((w) => m.absolute(w))
        .filter((p) => m.exists(p))
        .join(' '),
  },
  abspath: { max: 1, expand: true, fn: (m, [text]) => words(text).map((w) => m.absolute(w)).join(' ') },
  if: {
    max: 3,
    expand: false,
    fn: (m, [cond, then, otherwise], where) => {
      const c = m.expandAt(cond.trim(), where);
      if (c !== '') return then === undefined ? '' : m.expandAt(then, where);
      return otherwise === undefined ? '' : m.expandAt(otherwise, where);
    },
  },
  or: {
    max: 0,
    expand: false,
    fn: (m, args, where) => {
      for (const a of args) {
        const v = m.expandAt(a.trim(), where);
        if (v !== '') return v;
      }
      return '';
    },
  },
  and: {
    max: 0,
    expand: false,
    fn: (m, args, where) => {
      let v = '';
      for (const a of args) {
        v = m.expandAt(a.trim(), where);
        if (v === '') return '';
      }
      return v;
    },
  },
  foreach: {
    max: 3,
    expand: false,
    fn: (m, [varArg, listArg, body], where) => {
      const name = m.expandAt(varArg, where).trim();
      const list = words(m.expandAt(listArg ?? '', where));
      const out: string[] = [];
      for (const w of list) out.push(m.withScope(new Map([[name, w]]), () => m.expandAt(body ?? '', where)));
      return out.join(' ');
    },
  },
  call: {
    max: 0,
    expand: true,
    fn: (m, args, where) => {
      const name = args[0].trim();
      const builtin = FUNCTIONS[name];
      if (builtin) {
        const rest = args.slice(1);
        const merged = builtin.max && rest.length > builtin.max ? [...rest.slice(0, builtin.max - 1), rest.slice(builtin.max - 1).join(',')] : rest;
        return builtin.fn(m, merged, where);
      }
      const scope: Scope = new Map([['0', name]]);
      args.slice(1).forEach((a, i) => scope.set(String(i + 1), a));
      return m.withScope(scope, () => m.valueOf(name, where), true);
    },
  },
  value: {
    max: 1,
    expand: true,
    fn: (m, [name]) => m.variable(name.trim())?.value ?? '',
  },
  origin: {
    max: 1,
    expand: true,
    fn: (m, [name]) => {
      const n = name.trim();
      if (m.localValue(n) !== undefined) return 'automatic';
      return m.variable(n)?.origin ?? 'undefined';
    },
  },
  flavor: { max: 1, expand: true, fn: (m, [name]) => m.variable(name.trim())?.flavor ?? 'undefined' },
  shell: { max: 1, expand: true, fn: (m, [command], where) => m.runShell(command, where) },
  error: {
    max: 1,
    expand: true,
    fn: (_m, [text], where) => {
      throw new MakeError(`*** ${text}.  Stop.`, where.file, where.line, true);
    },
  },
  warning: {
    max: 1,
    expand: true,
    fn: (m, [text], where) => {
      m.diagnostics.push({ kind: 'warning', message: text, ...where });
      return '';
    },
  },
  info: {
    max: 1,
    expand: true,
    fn: (m, [text], where) => {
      m.diagnostics.push({ kind: 'info', message: text, ...where });
      return '';
    },
  },
  eval: {
    max: 1,
    expand: true,
    fn: (m, [text], where) => {
      m.evalText(text, `${where.file}(eval)`, where.line);
      return '';
    },
  },
};

/** The line classes of one makefile (one `evalText` call). */
interface ReadState {
  file: string;
  /** The rule recipe lines attach to, or null outside a rule context; `false` for a rule without targets. */
  rule: MakeRule | null | false;
}

interface Conditional {
  /** True when the whole conditional is inside an ignored region. */
  outerIgnoring: boolean;
  /** True once one branch has been taken. */
  taken: boolean;
  /** True while the current branch is active. */
  active: boolean;
  seenElse: boolean;
}

/** The GNU make database after reading a makefile: variables, rules and diagnostics. */
export class Make {
  readonly variables = new Map<string, MakeVariable>();
  readonly rules: MakeRule[] = [];
  readonly diagnostics: MakeDiagnostic[] = [];
  /** The makefiles read, in order, as named in `MAKEFILE_LIST`. */
  readonly makefiles: string[] = [];
  readonly dir: string;
  readonly root: string;
  private readonly scopes: { vars: Scope; maskNumbers: boolean }[] = [];
  private readonly expanding = new Set<string>();
  private conditionals: Conditional[] = [];

  private constructor(
    private readonly reader: SourceReader,
    private readonly options: MakeOptions,
  ) {
    this.dir = options.dir.replace(/^\/+|\/+$/g, '');
    this.root = (options.root ?? '/kata-containers').replace(/\/+$/, '');
    const curdir = normalizeAbsolute(`${this.root}/${this.dir}`);
    const defaults: Record<string, string> = {
      MAKE: 'make',
      MAKE_COMMAND: 'make',
      SHELL: '/bin/sh',
      '.SHELLFLAGS': '-c',
      CC: 'cc',
      CXX: 'g++',
      AR: 'ar',
      RM: 'rm -f',
      CURDIR: curdir,
    };
    for (const [name, value] of Object.entries(defaults)) this.variables.set(name, { name, value, flavor: 'simple', origin: 'default' });
    this.variables.set('MAKEFILE_LIST', { name: 'MAKEFILE_LIST', value: '', flavor: 'simple', origin: 'file' });
    for (const [name, value] of Object.entries(options.environment ?? { PATH: '/usr/bin:/bin' })) {
      this.variables.set(name, { name, value, flavor: 'recursive', origin: 'environment', exported: true });
    }
    for (const [name, value] of Object.entries(options.commandLine ?? {})) {
      this.variables.set(name, { name, value, flavor: 'recursive', origin: 'command line', exported: true });
    }
  }

  /** Reads `<dir>/<makefile>` and everything it includes. Throws MakeError on `$(error ...)` or unreadable input. */
  static load(reader: SourceReader, options: MakeOptions): Make {
    const m = new Make(reader, options);
    const name = options.makefile ?? 'Makefile';
    const path = joinRepoPath(m.dir, name);
    const text = reader.read(path);
    if (text === undefined) throw new MakeError(`no makefile ${path}`, path, 0);
    m.addMakefile(name);
    m.evalText(text, path, 1);
    return m;
  }

  // ---- variables -------------------------------------------------------------------------

  variable(name: string): MakeVariable | undefined {
    return this.variables.get(name);
  }

  /** The value of a variable bound by `$(foreach)`, `$(call)` or a recipe's automatic variables. */
  localValue(name: string): string | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const s = this.scopes[i];
      const v = s.vars.get(name);
      if (v !== undefined) return v;
      if (s.maskNumbers && /^\d+$/.test(name)) return '';
    }
    return undefined;
  }

  /** Runs `fn` with extra local variables (`maskNumbers`: `$(call)` hides outer `$1`, `$2`, ...). */
  withScope<T>(vars: Scope, fn: () => T, maskNumbers = false): T {
    this.scopes.push({ vars, maskNumbers });
    try {
      return fn();
    } finally {
      this.scopes.pop();
    }
  }

  /** The expanded value of a variable, as `$(name)` gives it. */
  value(name: string): string {
    return this.valueOf(name, { file: '(query)', line: 0 });
  }

  /** @internal */
  valueOf(name: string, where: Where): string {
    const local = this.localValue(name);
    if (local !== undefined) return local;
    const v = this.variables.get(name);
    if (!v) {
      return this.autoVariant(name) ?? '';
    }
    if (v.flavor === 'simple') return v.value;
    if (this.expanding.has(name)) throw new MakeError(`*** Recursive variable '${name}' references itself (eventually).  Stop.`, where.file, where.line);
    this.expanding.add(name);
    try {
      return this.expandAt(v.value, where);
    } finally {
      this.expanding.delete(name);
    }
  }

  /** `$(@D)`, `$(<F)` and friends. */
  private autoVariant(name: string): string | undefined {
    if (name.length !== 2 || (name[1] !== 'D' && name[1] !== 'F')) return undefined;
    const base = this.localValue(name[0]);
    if (base === undefined) return undefined;
    return words(base)
      .map((w) => {
        const i = w.lastIndexOf('/');
        if (name[1] === 'F') return w.slice(i + 1);
        return i < 0 ? '.' : i === 0 ? '/' : w.slice(0, i);
      })
      .join(' ');
  }

  /** Expands make text (`$(VAR)`, functions, ...) against the current database. */
  expand(text: string): string {
    return this.expandAt(text, { file: '(query)', line: 0 });
  }

  /** @internal */
  expandAt(text: string, where: Where): string {
    if (text.indexOf('$') < 0) return text;
    let out = '';
    let i = 0;
    for (;;) {
      const j = text.indexOf('$', i);
      if (j < 0) {
        out += text.slice(i);
        break;
      }
      out += text.slice(i, j);
      const c = text[j + 1];
      if (c === undefined) break;
      if (c === '$') {
        out += '$';
        i = j + 2;
        continue;
      }
      if (c === '(' || c === '{') {
        const close = c === '(' ? ')' : '}';
        const end = findClose(text, j + 2, c, close);
        if (end < 0) throw new MakeError(`*** unterminated variable reference.  Stop.`, where.file, where.line);
        out += this.reference(text.slice(j + 2, end), c, close, where);
        i = end + 1;
        continue;
      }
      out += this.valueOf(c, where);
      i = j + 2;
    }
    return out;
  }

  private reference(body: string, open: string, close: string, where: Where): string {
    const fm = /^([a-z-]+)[ \t]+/.exec(body);
    if (fm && Object.prototype.hasOwnProperty.call(FUNCTIONS, fm[1])) {
      const spec = FUNCTIONS[fm[1]];
      let args = splitArgs(body.slice(fm[0].length), open, close, spec.max);
      if (spec.expand) args = args.map((a) => this.expandAt(a, where));
      return spec.fn(this, args, where);
    }
    const text = body.indexOf('$') >= 0 ? this.expandAt(body, where) : body;
    const colon = text.indexOf(':');
    if (colon >= 0) {
      const eq = text.indexOf('=', colon + 1);
      if (eq >= 0) {
        const value = this.valueOf(text.slice(0, colon), where);
        const from = text.slice(colon + 1, eq);
        const to = text.slice(eq + 1);
        const pattern = from.includes('%') ? from : `%${from}`;
        const replacement = from.includes('%') ? to : `%${to}`;
        return words(value)
          .map((w) => patsubstWord(pattern, replacement, w))
          .join(' ');
      }
    }
    return this.valueOf(text, where);
  }

  /** @internal */
  runShell(command: string, where: Where): string {
    const out = this.options.shell?.(command);
    this.diagnostics.push({ kind: 'shell', message: `$(shell ${command}) -> ${JSON.stringify(out ?? '')}`, ...where });
    return (out ?? '').replace(/\n+$/, '').replace(/\n/g, ' ');
  }

  // ---- paths -----------------------------------------------------------------------------

  /** The absolute path make would use for `path` (relative paths are relative to CURDIR). */
  absolute(path: string): string {
    return path.startsWith('/') ? normalizeAbsolute(path) : normalizeAbsolute(`${this.root}/${this.dir}/${path}`);
  }

  /** The repository-relative path of an absolute path inside the root, else undefined. */
  repoPath(absolute: string): string | undefined {
    if (absolute === this.root) return '';
    return absolute.startsWith(this.root + '/') ? absolute.slice(this.root.length + 1) : undefined;
  }

  /** @internal */
  exists(absolute: string): boolean {
    const rel = this.repoPath(absolute);
    if (rel === undefined) return false;
    return this.reader.read(rel) !== undefined || this.reader.list?.(rel) !== undefined;
  }

  /** @internal `$(wildcard)` of one word, relative results stay relative. */
  glob(word: string): string[] {
    if (!/[*?[]/.test(word)) return this.exists(this.absolute(word)) ? [word] : [];
    if (!this.reader.list) return [];
    const absoluteWord = word.startsWith('/');
    const segments = word.split('/');
    let bases: string[] = [absoluteWord ? '/' : ''];
    for (let k = 0; k < segments.length; k++) {
      const seg = segments[k];
      if (k === 0 && absoluteWord) continue;
      const next: string[] = [];
      for (const base of bases) {
        const join = (name: string) => (base === '' ? name : base === '/' ? `/${name}` : `${base}/${name}`);
        if (!/[*?[]/.test(seg)) {
          next.push(join(seg));
          continue;
        }
        const rel = this.repoPath(this.absolute(base === '' ? '.' : base));
        const names = rel === undefined ? undefined : this.reader.list(rel);
        const re = globSegment(seg);
        for (const n of (names ?? []).slice().sort()) if (re.test(n) && (!n.startsWith('.') || seg.startsWith('.'))) next.push(join(n));
      }
      bases = next;
    }
    return bases.filter((p) => this.exists(this.absolute(p)));
  }

  // ---- reading makefiles -----------------------------------------------------------------

  private addMakefile(name: string): void {
    this.makefiles.push(name);
    const v = this.variables.get('MAKEFILE_LIST')!;
    v.value = v.value ? `${v.value} ${name}` : ` ${name}`;
  }

  private get ignoring(): boolean {
    const top = this.conditionals[this.conditionals.length - 1];
    return top ? top.outerIgnoring || !top.active : false;
  }

  /** Reads makefile text into the database (also what `$(eval)` does). */
  evalText(text: string, file: string, firstLine: number): void {
    const lines = text.split('\n');
    const state: ReadState = { file, rule: null };
    const conditionalDepth = this.conditionals.length;
    let i = 0;
    while (i < lines.length) {
      const start = i;
      const physical: string[] = [lines[i++]];
      while (endsWithContinuation(physical[physical.length - 1]) && i < lines.length) physical.push(lines[i++]);
      const where: Where = { file, line: firstLine + start };
      const first = physical[0];

      // A tab-indented line inside a rule context is a recipe line.
      if (first.startsWith('\t') && state.rule !== null) {
        if (this.ignoring || state.rule === false) continue;
        state.rule.recipe.push([first.slice(1), ...physical.slice(1).map((l) => (l.startsWith('\t') ? l.slice(1) : l))].join('\n'));
        continue;
      }

      const line = removeComments(collapseContinuations(physical));
      const trimmed = line.replace(/^[ \t]+/, '');
      if (trimmed === '') continue;

      // define ... endef (taken or ignored)
      const def = parseDefineStart(trimmed);
      if (def) {
        const body: string[] = [];
        let depth = 1;
        while (i < lines.length) {
          const l = lines[i++];
          const t = l.replace(/^[ \t]+/, '');
          if (/^endef(?:[ \t#]|$)/.test(t) && --depth === 0) break;
          if (parseDefineStart(removeComments(t))) depth++;
          body.push(l);
        }
        if (depth !== 0) throw new MakeError(`*** missing 'endef', unterminated 'define'.  Stop.`, file, where.line);
        if (this.ignoring) continue;
        state.rule = null;
        this.assign(def.name, body.join('\n'), def.op, def.override, def.exported, where, true);
        continue;
      }

      const cond = this.conditionalLine(trimmed, where);
      if (cond) continue;
      if (this.ignoring) continue;

      const assignment = parseAssignment(trimmed);
      if (assignment) {
        state.rule = null;
        if (assignment.kind === 'assign') {
          const name = this.expandAt(assignment.name, where).trim();
          this.assign(name, assignment.value, assignment.op, assignment.override, assignment.exported, where, false);
        } else if (assignment.kind === 'export' || assignment.kind === 'unexport') {
          for (const n of words(this.expandAt(assignment.names, where))) {
            const v = this.variables.get(n);
            if (v) v.exported = assignment.kind === 'export';
            else if (assignment.kind === 'export') this.variables.set(n, { name: n, value: '', flavor: 'recursive', origin: 'file', exported: true, ...where });
          }
        } else if (assignment.kind === 'undefine') {
          for (const n of words(this.expandAt(assignment.names, where))) {
            const v = this.variables.get(n);
            if (v && (v.origin !== 'command line' || assignment.override)) this.variables.delete(n);
          }
        }
        continue;
      }

      const inc = /^(-include|sinclude|include)(?:[ \t]+(.*))?$/.exec(trimmed);
      if (inc) {
        state.rule = null;
        this.include(words(this.expandAt(inc[2] ?? '', where)), inc[1] !== 'include', where);
        continue;
      }
      if (/^vpath(?:[ \t]|$)/.test(trimmed)) {
        state.rule = null;
        continue;
      }

      state.rule = this.ruleLine(trimmed, where);
    }
    if (this.conditionals.length > conditionalDepth) throw new MakeError(`*** missing 'endif'.  Stop.`, file, firstLine + lines.length - 1);
  }

  private include(files: string[], optional: boolean, where: Where): void {
    for (const f of files) {
      const abs = this.absolute(f);
      const rel = this.repoPath(abs);
      let text = rel === undefined ? undefined : this.reader.read(rel);
      if (text === undefined && rel !== undefined && this.options.fallbackIncludes?.[rel] !== undefined) {
        text = this.options.fallbackIncludes[rel];
        this.diagnostics.push({ kind: 'fallback-include', message: `${f}: not in the source tree, using the built-in stand-in`, ...where });
      }
      if (text === undefined) {
        if (optional) continue;
        if (this.options.missingInclude === 'error') throw new MakeError(`${f}: No such file or directory`, where.file, where.line);
        this.diagnostics.push({ kind: 'missing-include', message: `${f}: not in the source tree, skipped`, ...where });
        continue;
      }
      this.addMakefile(f);
      this.evalText(text, rel ?? f, 1);
    }
  }

  /** Handles a conditional directive; returns false when the line is not one. */
  private conditionalLine(line: string, where: Where): boolean {
    const m = /^(ifeq|ifneq|ifdef|ifndef|else|endif)(?=[ \t]|$)(.*)$/.exec(line);
    if (!m) return false;
    const word = m[1];
    const rest = m[2].replace(/^[ \t]+/, '');
    if (word === 'endif') {
      if (!this.conditionals.length) throw new MakeError(`*** extraneous 'endif'.  Stop.`, where.file, where.line);
      this.conditionals.pop();
      return true;
    }
    if (word === 'else') {
      const top = this.conditionals[this.conditionals.length - 1];
      if (!top) throw new MakeError(`*** extraneous 'else'.  Stop.`, where.file, where.line);
      if (top.seenElse) throw new MakeError(`*** only one 'else' per conditional.  Stop.`, where.file, where.line);
      if (rest === '') {
        top.seenElse = true;
        top.active = !top.taken;
        top.taken = true;
        return true;
      }
      const inner = /^(ifeq|ifneq|ifdef|ifndef)(?=[ \t]|$)(.*)$/.exec(rest);
      if (!inner) throw new MakeError(`*** extraneous text after 'else' directive.  Stop.`, where.file, where.line);
      if (top.taken || top.outerIgnoring) {
        top.active = false;
        return true;
      }
      top.active = this.evaluateCondition(inner[1], inner[2].replace(/^[ \t]+/, ''), where);
      top.taken = top.active;
      return true;
    }
    const outerIgnoring = this.ignoring;
    const active = outerIgnoring ? false : this.evaluateCondition(word, rest, where);
    this.conditionals.push({ outerIgnoring, taken: active, active, seenElse: false });
    return true;
  }

  private evaluateCondition(word: string, rest: string, where: Where): boolean {
    if (word === 'ifdef' || word === 'ifndef') {
      const name = this.expandAt(rest, where).trim();
      const v = this.localValue(name) ?? this.variables.get(name)?.value;
      const defined = v !== undefined && v !== '';
      return word === 'ifdef' ? defined : !defined;
    }
    const args = parseConditionArgs(rest);
    if (!args) throw new MakeError(`*** invalid syntax in conditional.  Stop.`, where.file, where.line);
    const equal = this.expandAt(args[0], where) === this.expandAt(args[1], where);
    return word === 'ifeq' ? equal : !equal;
  }

  private assign(name: string, raw: string, op: string, override: boolean, exported: boolean, where: Where, isDefine: boolean): void {
    if (!name) throw new MakeError(`*** empty variable name.  Stop.`, where.file, where.line);
    const existing = this.variables.get(name);
    const origin: VariableOrigin = override ? 'override' : 'file';
    if (existing && !override && (existing.origin === 'command line' || existing.origin === 'override')) {
      if (exported) existing.exported = true;
      return;
    }
    // In a plain assignment make drops leading whitespace of the value; a define body is kept as is.
    const value = isDefine ? raw : raw.replace(/^[ \t]+/, '');
    const keepExport = exported || existing?.exported;
    const set = (v: string, flavor: 'recursive' | 'simple') => {
      this.variables.set(name, { name, value: v, flavor, origin, exported: keepExport || undefined, ...where });
    };
    switch (op) {
      case '=':
        set(value, 'recursive');
        break;
      case ':=':
      case '::=':
        set(this.expandAt(value, where), 'simple');
        break;
      case ':::=':
        set(this.expandAt(value, where).replace(/\$/g, '$$$$'), 'recursive');
        break;
      case '?=':
        if (!existing) set(value, 'recursive');
        break;
      case '+=':
        if (!existing) set(value, 'recursive');
        else if (existing.flavor === 'simple') {
          const add = this.expandAt(value, where);
          set(existing.value ? `${existing.value} ${add}` : add, 'simple');
        } else set(existing.value ? `${existing.value} ${value}` : value, 'recursive');
        break;
      case '!=':
        set(this.runShell(this.expandAt(value, where), where).replace(/\$/g, '$$$$'), 'recursive');
        break;
      default:
        throw new MakeError(`unknown assignment operator ${op}`, where.file, where.line);
    }
  }

  private ruleLine(line: string, where: Where): MakeRule | false | null {
    // The recipe after an unquoted ';' is not expanded now.
    const semi = findTopLevel(line, ';');
    const head = semi >= 0 ? line.slice(0, semi) : line;
    const inlineRecipe = semi >= 0 ? line.slice(semi + 1).replace(/^[ \t]+/, '') : undefined;
    const colonRaw = findTopLevel(head, ':');
    if (colonRaw < 0) {
      const expanded = this.expandAt(head, where);
      // A line that expands to nothing (`$(info ...)`, `$(error ...)` not taken) ends the rule context.
      if (expanded.trim() === '') return null;
      const colon = expanded.indexOf(':');
      if (colon < 0) throw new MakeError(`*** missing separator.  Stop.`, where.file, where.line);
      return this.defineRule(expanded, colon, inlineRecipe, where);
    }
    const targetsText = this.expandAt(head.slice(0, colonRaw), where);
    const afterRaw = head.slice(colonRaw + 1);
    const doubleColon = afterRaw.startsWith(':');
    const rest = doubleColon ? afterRaw.slice(1) : afterRaw;
    if (parseAssignment(rest.replace(/^[ \t]+/, ''))?.kind === 'assign') {
      this.diagnostics.push({ kind: 'unsupported', message: `target-specific variable ignored: ${line}`, ...where });
      return false;
    }
    const expandedRest = this.expandAt(rest, where);
    return this.defineRule(`${targetsText}${doubleColon ? '::' : ':'}${expandedRest}`, targetsText.length, inlineRecipe, where);
  }

  private defineRule(expanded: string, colon: number, inlineRecipe: string | undefined, where: Where): MakeRule | false {
    const targets = words(expanded.slice(0, colon));
    let rest = expanded.slice(colon + 1);
    const doubleColon = rest.startsWith(':');
    if (doubleColon) rest = rest.slice(1);
    let targetPattern: string | undefined;
    const second = rest.indexOf(':');
    if (second >= 0) {
      targetPattern = rest.slice(0, second).trim();
      rest = rest.slice(second + 1);
    }
    const bar = rest.indexOf('|');
    const prerequisites = words(bar >= 0 ? rest.slice(0, bar) : rest);
    const orderOnly = bar >= 0 ? words(rest.slice(bar + 1)) : [];
    if (!targets.length) return false;
    const rule: MakeRule = { targets, targetPattern, prerequisites, orderOnly, doubleColon, recipe: [], file: where.file, line: where.line };
    if (inlineRecipe !== undefined) rule.recipe.push(inlineRecipe);
    this.rules.push(rule);
    return rule;
  }

  // ---- rules -----------------------------------------------------------------------------

  /**
   * The rule that makes `target`: the last explicit rule with a recipe that names it (static
   * pattern rules included), else the first pattern rule with a recipe that matches. Prerequisites
   * are returned with `%` replaced by the stem.
   */
  ruleFor(target: string): { rule: MakeRule; stem: string; prerequisites: string[] } | undefined {
    let found: { rule: MakeRule; stem: string; prerequisites: string[] } | undefined;
    const extra: string[] = [];
    for (const rule of this.rules) {
      if (!rule.targets.includes(target)) continue;
      if (rule.targetPattern !== undefined) {
        const stem = patternMatch(rule.targetPattern, target);
        if (stem === null) continue;
        const prerequisites = rule.prerequisites.map((p) => (p.includes('%') ? p.replace('%', stem) : p));
        if (rule.recipe.length) found = { rule, stem, prerequisites };
        else extra.push(...prerequisites);
      } else if (rule.recipe.length) found = { rule, stem: '', prerequisites: rule.prerequisites };
      else extra.push(...rule.prerequisites);
    }
    if (!found) {
      for (const rule of this.rules) {
        if (rule.targetPattern !== undefined || !rule.recipe.length) continue;
        for (const t of rule.targets) {
          if (!t.includes('%')) continue;
          const stem = patternMatch(t, target);
          if (stem === null) continue;
          found = { rule, stem, prerequisites: rule.prerequisites.map((p) => p.replace('%', stem)) };
          break;
        }
        if (found) break;
      }
    }
    if (found && extra.length) found = { ...found, prerequisites: [...found.prerequisites, ...extra] };
    return found;
  }

  /** A rule's recipe lines for `target`, expanded with the automatic variables set (`$@`, `$<`, `$^`, `$+`, `$*`, `$?`, `$|`). */
  expandRecipe(target: string): { lines: string[]; rule: MakeRule; prerequisites: string[] } | undefined {
    const r = this.ruleFor(target);
    if (!r) return undefined;
    const deduped = [...new Set(r.prerequisites)];
    const auto: Scope = new Map([
      ['@', target],
      ['<', r.prerequisites[0] ?? ''],
      ['^', deduped.join(' ')],
      ['+', r.prerequisites.join(' ')],
      ['?', deduped.join(' ')],
      ['*', r.stem],
      ['|', r.rule.orderOnly.join(' ')],
    ]);
    const lines = this.withScope(auto, () => r.rule.recipe.map((l, k) => this.expandAt(l, { file: r.rule.file, line: r.rule.line + k + 1 })));
    return { lines, rule: r.rule, prerequisites: r.prerequisites };
  }

  /** The variables make exports to recipe shells (environment, command line and `export`ed ones), expanded. */
  exportedEnvironment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const v of this.variables.values()) if (v.exported) env[v.name] = this.value(v.name);
    return env;
  }
}

// ---- line-level helpers -------------------------------------------------------------------

function endsWithContinuation(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

/** Joins a logical line's physical lines: backslash-newline and the blanks around it become one space. */
function collapseContinuations(physical: string[]): string {
  if (physical.length === 1) return physical[0];
  let out = '';
  for (let k = 0; k < physical.length; k++) {
    const l = k > 0 ? physical[k].replace(/^[ \t]+/, '') : physical[k];
    if (k < physical.length - 1) out = (out + l.slice(0, -1)).replace(/[ \t]+$/, '') + ' ';
    else out += l;
  }
  return out;
}

/** Removes a `#` comment (not inside `$(...)`/`${...}`; `\#` is a literal `#`, halving backslashes like make). */
function removeComments(line: string): string {
  let i = 0;
  let s = line;
  while (i < s.length) {
    const c = s[i];
    if (c === '$') {
      const open = s[i + 1];
      if (open === undefined) break;
      if (open === '(' || open === '{') {
        const close = open === '(' ? ')' : '}';
        const end = findClose(s, i + 2, open, close);
        i = end < 0 ? s.length : end + 1;
      } else i += 2;
      continue;
    }
    if (c === '#') {
      let k = i - 1;
      while (k >= 0 && s[k] === '\\') k--;
      const backslashes = i - 1 - k;
      if (backslashes === 0) return s.slice(0, i);
      const keep = Math.floor(backslashes / 2);
      s = s.slice(0, k + 1) + '\\'.repeat(keep) + s.slice(i);
      i = k + 1 + keep;
      if (backslashes % 2 === 0) return s.slice(0, i);
      i++;
      continue;
    }
    i++;
  }
  return s;
}

/** Index of `ch` outside `$(...)`/`${...}` references, or -1. */
function findTopLevel(text: string, ch: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$') {
      const open = text[i + 1];
      if (open === '(' || open === '{') {
        const end = findClose(text, i + 2, open, open === '(' ? ')' : '}');
        if (end < 0) return -1;
        i = end;
      } else i++;
      continue;
    }
    if (c === ch) return i;
  }
  return -1;
}

type Assignment =
  | { kind: 'assign'; name: string; op: string; value: string; override: boolean; exported: boolean }
  | { kind: 'export' | 'unexport' | 'undefine'; names: string; override: boolean };

/** make's parse_var_assignment: modifiers, then `NAME op value`; null when the line is not one. */
function parseAssignment(line: string): Assignment | null {
  let rest = line;
  let override = false;
  let exported = false;
  let sawExport = false;
  let sawUnexport = false;
  let sawUndefine = false;
  for (;;) {
    const m = /^(override|export|unexport|private|undefine)(?:[ \t]+|$)/.exec(rest);
    if (!m) break;
    const after = rest.slice(m[0].length);
    // `export = 1` assigns a variable named export.
    if (/^(?:[:+?!]*=)/.test(after)) break;
    if (m[1] === 'override') override = true;
    if (m[1] === 'export') {
      exported = true;
      sawExport = true;
    }
    if (m[1] === 'unexport') sawUnexport = true;
    if (m[1] === 'undefine') sawUndefine = true;
    rest = after;
  }
  const op = findAssignmentOperator(rest);
  if (op) return { kind: 'assign', name: rest.slice(0, op.at).trim(), op: op.op, value: rest.slice(op.at + op.op.length), override, exported };
  if (sawUndefine) return { kind: 'undefine', names: rest, override };
  if (sawUnexport) return { kind: 'unexport', names: rest, override };
  if (sawExport) return { kind: 'export', names: rest, override };
  return null;
}

/** Finds `=`, `:=`, `::=`, `:::=`, `+=`, `?=`, `!=` after a one-word (possibly computed) name. */
function findAssignmentOperator(text: string): { at: number; op: string } | null {
  let sawBlankAfterName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '$') {
      if (sawBlankAfterName) return null;
      const open = text[i + 1];
      if (open === '(' || open === '{') {
        const end = findClose(text, i + 2, open, open === '(' ? ')' : '}');
        if (end < 0) return null;
        i = end;
      } else i++;
      continue;
    }
    if (c === '=') return { at: i, op: '=' };
    if (c === ':') {
      if (text.startsWith(':::=', i)) return { at: i, op: ':::=' };
      if (text.startsWith('::=', i)) return { at: i, op: '::=' };
      if (text[i + 1] === '=') return { at: i, op: ':=' };
      return null;
    }
    if ((c === '+' || c === '?' || c === '!') && text[i + 1] === '=') return { at: i, op: `${c}=` };
    if (BLANK.test(c)) {
      sawBlankAfterName = true;
      continue;
    }
    if (sawBlankAfterName) return null;
  }
  return null;
}

/** `define NAME [op]` (with modifiers), or null. */
function parseDefineStart(line: string): { name: string; op: string; override: boolean; exported: boolean } | null {
  const m = /^((?:(?:override|export|private)[ \t]+)*)define(?:[ \t]+(.*))?$/.exec(line.trim());
  if (!m) return null;
  const mods = m[1];
  let rest = (m[2] ?? '').trim();
  let op = '=';
  const opm = /[ \t]*(:::=|::=|:=|\+=|\?=|!=|=)$/.exec(rest);
  if (opm) {
    op = opm[1];
    rest = rest.slice(0, opm.index).trim();
  }
  if (!rest || /[ \t]/.test(rest)) return null;
  return { name: rest, op, override: /override/.test(mods), exported: /export/.test(mods) };
}

/** The two raw arguments of `ifeq`/`ifneq` in `(a,b)`, `"a" "b"` or `'a' 'b'` form, as make splits them. */
function parseConditionArgs(text: string): [string, string] | null {
  const t = text;
  if (t[0] === '(') {
    let depth = 0;
    let comma = -1;
    for (let i = 1; i < t.length; i++) {
      const c = t[i];
      if (c === '(') depth++;
      else if (c === ')') depth--;
      else if (c === ',' && depth <= 0) {
        comma = i;
        break;
      }
    }
    if (comma < 0) return null;
    const a = t.slice(1, comma).replace(/[ \t]+$/, '');
    let j = comma + 1;
    while (j < t.length && BLANK.test(t[j])) j++;
    const bStart = j;
    depth = 0;
    for (; j < t.length; j++) {
      const c = t[j];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth <= 0) break;
        depth--;
      }
    }
    if (j >= t.length) return null;
    if (t.slice(j + 1).trim() !== '') return null;
    return [a, t.slice(bStart, j)];
  }
  const q = t[0];
  if (q !== '"' && q !== "'") return null;
  const aEnd = t.indexOf(q, 1);
  if (aEnd < 0) return null;
  let j = aEnd + 1;
  while (j < t.length && BLANK.test(t[j])) j++;
  const q2 = t[j];
  if (q2 !== '"' && q2 !== "'") return null;
  const bEnd = t.indexOf(q2, j + 1);
  if (bEnd < 0 || t.slice(bEnd + 1).trim() !== '') return null;
  return [t.slice(1, aEnd), t.slice(j + 1, bEnd)];
}
