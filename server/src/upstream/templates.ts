/**
 * Expands Kata's configuration templates the way `make install-configs` does, without running make
 * or a shell.
 *
 * How upstream does it (both runtimes, every release 3.2.0 – 4.1.0): the Makefile collects the
 * generated files in `CONFIGS` (one `config/configuration-*.toml` per template, inside
 * `ifneq (,$(<HV>CMD))` blocks, so an arch gets the files of the hypervisor commands its
 * `arch/<arch>-options.mk` defines); a static pattern rule `$(GENERATED_FILES): %: %.in ...` makes
 * each of them with `sed -e "s|@VAR@|$(VAR)|g" ... $< > $@` over a `foreach` of its substitution
 * list (`GENERATED_VARS`, which ends in `$(USER_VARS)`; runtime-rs also has single-quoted
 * `GENERATED_REPLACEMENTS` first, and the Go rule starts with `@COMMIT@`); `install-configs`
 * installs every `CONFIGS` entry into `$(dir $(CONFIG_PATH))` and links `configuration.toml`.
 * The values go through the shell's double-quote rules before sed sees them (`\"` becomes `"`, and a
 * value with bare quotes such as `KERNELPARAMS_NV` loses them), then through sed's replacement
 * rules. A placeholder whose variable is not in the list stays as `@VAR@` in the output.
 *
 * This module reproduces that literally: it reads the Makefile with `./makefile`, expands the
 * recipes of `install-configs` and of each prerequisite with the automatic variables set, and runs
 * them through a small interpreter of the shell commands these recipes use (`sed` with `s`
 * commands and `-i`, `install`, `ln`, `echo`, `sudo`, `true`) over a virtual file system: sources
 * come from the reader, outputs go to memory. Anything outside that subset is an error, never a
 * guess.
 *
 * Command lines, as the reference corpus was generated: Go `make -C src/runtime ARCH=<arch>
 * DESTDIR=<dir> install-configs` (default PREFIX), runtime-rs the same with `PREFIX=/opt/kata`.
 */
import { Make, MakeError, type MakeDiagnostic, type SourceReader } from './makefile';

export type { SourceReader } from './makefile';

export type KataRuntime = 'go' | 'rs';

/** Kata's arch names, as given to make in `ARCH=` (the Makefiles map them to their file names). */
export const KATA_ARCHES = ['x86_64', 'aarch64', 'ppc64le', 's390x', 'riscv64'] as const;
export type KataArch = (typeof KATA_ARCHES)[number];

export const RUNTIME_DIRS: Readonly<Record<KataRuntime, string>> = { go: 'src/runtime', rs: 'src/runtime-rs' };

/** The virtual DESTDIR the simulated install writes under. */
const DESTDIR = '/destdir';

/**
 * runtime-rs includes the top-level `utils.mk`, which the reference excerpts do not carry. What the
 * config rules need from it is its arch naming for Rust targets (at every release that has the
 * matching `arch/` file): ARCH=ppc64le becomes powerpc64le and ARCH=riscv64 becomes riscv64gc. This
 * stand-in (kata-config's own text) is used only when the reader has no `utils.mk`.
 */
const UTILS_MK_STAND_IN = [
  '# kata-config stand-in for utils.mk: only the Rust arch renaming the config rules depend on.',
  'ifeq ($(ARCH),ppc64le)',
  'override ARCH = powerpc64le',
  'endif',
  'ifeq ($(ARCH),riscv64)',
  'override ARCH = riscv64gc',
  'endif',
].join('\n');

export interface ExpandedTemplate {
  /** Installed file name, e.g. `configuration-qemu.toml`. */
  name: string;
  /** Repository-relative template it was generated from, e.g. `src/runtime/config/configuration-qemu.toml.in`. */
  template: string;
  /** The installed text, byte for byte what make writes. */
  text: string;
  /** Placeholders of the template that survive in the output (`@CONFIG_CLH_IN@`, or `@DEFAULTTIMEOUT_NV` for an unterminated one), sorted. */
  unexpanded: string[];
}

export interface InstalledConfig extends ExpandedTemplate {
  /** Absolute install path without DESTDIR, e.g. `/usr/share/defaults/kata-containers/configuration-qemu.toml`. */
  path: string;
}

export interface InstallConfigsResult {
  runtime: KataRuntime;
  arch: string;
  /** False when the Makefile refuses the arch (`$(error ...)` while reading, e.g. no `arch/<arch>-options.mk`). */
  supported: boolean;
  /** The Makefile's own message when it refuses the arch. */
  reason?: string;
  /** Installed config files, sorted by name. */
  files: InstalledConfig[];
  /** Symbolic links the install creates (`configuration.toml`), paths without DESTDIR. */
  links: { path: string; target: string }[];
  /** make's diagnostics while reading and running ($(info), $(warning), $(shell), missing includes). */
  diagnostics: MakeDiagnostic[];
}

export interface InstallOptions {
  /** Extra or replacement make command-line variables (e.g. `PREFIX`; DESTDIR is always the simulator's). */
  commandLine?: Record<string, string>;
}

/** The make command-line variables the reference corpus used for `runtime` at `arch`. */
export function commandLineFor(runtime: KataRuntime, arch: string): Record<string, string> {
  const vars: Record<string, string> = { ARCH: arch, DESTDIR };
  if (runtime === 'rs') vars.PREFIX = '/opt/kata';
  return vars;
}

/** Reads the runtime's Makefile for `arch` (throws MakeError when the Makefile rejects the arch). */
export function loadRuntimeMakefile(runtime: KataRuntime, arch: string, reader: SourceReader, options: InstallOptions = {}): Make {
  return Make.load(reader, {
    dir: RUNTIME_DIRS[runtime],
    // DESTDIR stays the virtual one: the installed files are collected from under it.
    commandLine: { ...commandLineFor(runtime, arch), ...options.commandLine, DESTDIR },
    fallbackIncludes: { 'utils.mk': UTILS_MK_STAND_IN },
  });
}

/** Simulates `make -C <runtime dir> ARCH=<arch> ... install-configs`. */
export function installConfigs(runtime: KataRuntime, arch: string, reader: SourceReader, options: InstallOptions = {}): InstallConfigsResult {
  let make: Make;
  try {
    make = loadRuntimeMakefile(runtime, arch, reader, options);
  } catch (e) {
    if (e instanceof MakeError && e.fromErrorFunction) return { runtime, arch, supported: false, reason: e.message, files: [], links: [], diagnostics: [] };
    throw e;
  }
  const fs = new VirtualFs(reader, make);
  const runner = new RecipeRunner(make, fs);
  runner.build('install-configs', true);
  const files: InstalledConfig[] = [];
  for (const [path, entry] of fs.files) {
    if (!path.startsWith(DESTDIR + '/')) continue;
    const template = entry.source ?? '';
    const templateText = template ? (reader.read(template) ?? '') : '';
    files.push({
      name: path.slice(path.lastIndexOf('/') + 1),
      path: path.slice(DESTDIR.length),
      template,
      text: entry.text,
      unexpanded: survivingPlaceholders(templateText, entry.text),
    });
  }
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const links = [...fs.links]
    .filter(([p]) => p.startsWith(DESTDIR + '/'))
    .map(([p, target]) => ({ path: p.slice(DESTDIR.length), target }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  return { runtime, arch, supported: true, files, links, diagnostics: make.diagnostics };
}

/**
 * Expands single templates again and again (an editor re-expanding the template being typed): the
 * Makefile of each runtime and arch is read once, and only the generated file's own recipe runs
 * for a new template text. `installed` lists what `install-configs` makes from each template.
 */
export class TemplateExpander {
  private readonly makes = new Map<string, { make: Make | undefined; reason?: string; files: InstalledConfig[] }>();
  constructor(private readonly reader: SourceReader) {}

  private plan(runtime: KataRuntime, arch: string) {
    const key = `${runtime}\0${arch}`;
    let p = this.makes.get(key);
    if (!p) {
      const result = installConfigs(runtime, arch, this.reader);
      p = { make: result.supported ? loadRuntimeMakefile(runtime, arch, this.reader) : undefined, reason: result.reason, files: result.files };
      this.makes.set(key, p);
    }
    return p;
  }

  /** What `install-configs` makes for `runtime` at `arch`: its files, or why the Makefile refuses the arch. */
  installed(runtime: KataRuntime, arch: string): { supported: boolean; reason?: string; files: readonly InstalledConfig[] } {
    const p = this.plan(runtime, arch);
    return { supported: p.make !== undefined, ...(p.reason ? { reason: p.reason } : {}), files: p.files };
  }

  /** What the install makes of `template` at `arch` (undefined when that arch does not install it), with the template's text replaced by `text`. */
  expand(runtime: KataRuntime, arch: string, template: string, text?: string): InstalledConfig | undefined {
    const p = this.plan(runtime, arch);
    const installed = p.files.find((f) => f.template === template);
    if (!installed || !p.make) return undefined;
    if (text === undefined || text === this.reader.read(template)) return installed;
    const reader: SourceReader = { read: (q) => (q === template ? text : this.reader.read(q)), list: this.reader.list ? (d) => this.reader.list!(d) : undefined };
    const fs = new VirtualFs(reader, p.make);
    const target = template.slice(RUNTIME_DIRS[runtime].length + 1).replace(/\.in$/, '');
    new RecipeRunner(p.make, fs).build(target, false);
    const out = fs.files.get(fs.resolve(target));
    if (!out) return undefined;
    return { ...installed, text: out.text, unexpanded: survivingPlaceholders(text, out.text) };
  }
}

/**
 * The config files `make install-configs` installs for `runtime` at `arch`, with their text.
 * Empty when the Makefile refuses the arch.
 */
export function expandTemplates(runtime: KataRuntime, arch: string, reader: SourceReader, options: InstallOptions = {}): ExpandedTemplate[] {
  return installConfigs(runtime, arch, reader, options).files.map(({ name, template, text, unexpanded }) => ({ name, template, text, unexpanded }));
}

/** Placeholders of the template (`@NAME@`, and `@NAME` without its closing `@`) still present in the output. */
export function survivingPlaceholders(template: string, output: string): string[] {
  const found = new Set<string>();
  const inTemplate = new Set<string>();
  const closed = /@(?=([A-Za-z][A-Za-z0-9_]*@))/g;
  for (let m = closed.exec(template); m; m = closed.exec(template)) inTemplate.add('@' + m[1]);
  for (let m = closed.exec(output); m; m = closed.exec(output)) if (inTemplate.has('@' + m[1])) found.add('@' + m[1]);
  const open = /@[A-Z][A-Z0-9_]*(?![A-Za-z0-9_@])/g;
  const openInTemplate = new Set(template.match(open) ?? []);
  for (const t of output.match(open) ?? []) {
    if (openInTemplate.has(t) && !template.includes(t + '@') && !isTokenEnd(template, t)) found.add(t);
  }
  return [...found].sort();
}

/** True when every occurrence of `t` in the text is the tail of a closed placeholder (`@A@B` style overlaps). */
function isTokenEnd(text: string, t: string): boolean {
  let i = text.indexOf(t);
  while (i >= 0) {
    if (text[i - 1] === undefined || !/[A-Za-z0-9_]/.test(text[i - 1])) return false;
    i = text.indexOf(t, i + 1);
  }
  return true;
}

// ---- virtual file system ------------------------------------------------------------------

interface FileEntry {
  text: string;
  /** Repository-relative template this content was generated or copied from. */
  source?: string;
}

class VirtualFs {
  readonly files = new Map<string, FileEntry>();
  readonly links = new Map<string, string>();
  constructor(
    private readonly reader: SourceReader,
    private readonly make: Make,
  ) {}

  /** Absolute path of a path as a recipe shell (cwd = the make directory) sees it. */
  resolve(path: string): string {
    return this.make.absolute(path);
  }

  read(path: string): FileEntry | undefined {
    const abs = this.resolve(path);
    const own = this.files.get(abs);
    if (own) return own;
    const rel = this.make.repoPath(abs);
    if (rel === undefined) return undefined;
    const text = this.reader.read(rel);
    return text === undefined ? undefined : { text, source: rel };
  }

  write(path: string, entry: FileEntry): void {
    const abs = this.resolve(path);
    if (abs === '/dev/null') return;
    this.files.set(abs, entry);
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }
}

// ---- running recipes ----------------------------------------------------------------------

class ShellError extends Error {}

class RecipeRunner {
  private readonly made = new Set<string>();
  private readonly env: Record<string, string>;
  /** Parsed sed scripts: every generated file of one install runs the same substitution list. */
  private readonly sedCache = new Map<string, SedSubstitute[]>();
  constructor(
    private readonly make: Make,
    private readonly fs: VirtualFs,
  ) {
    this.env = make.exportedEnvironment();
  }

  /**
   * Brings `target` up to date the way make would for a fresh tree: a goal's prerequisites first
   * (their own recipes), then its recipe. Only the goal's direct prerequisites are made, since the
   * prerequisites of the generated files (`$(MAKEFILE_LIST)`, `VERSION`, `.git-commit`) do not
   * change what they contain.
   */
  build(target: string, goal: boolean): void {
    if (this.made.has(target)) return;
    this.made.add(target);
    const recipe = this.make.expandRecipe(target);
    if (!recipe) {
      if (goal || !this.fs.exists(target)) throw new MakeError(`*** No rule to make target '${target}'.  Stop.`, this.make.makefiles[0] ?? 'Makefile', 0);
      return;
    }
    if (goal) for (const p of recipe.prerequisites) this.makePrerequisite(p);
    recipe.lines.forEach((line, k) => this.runLine(line, recipe.rule.file, recipe.rule.line + k + 1));
  }

  private makePrerequisite(target: string): void {
    if (this.made.has(target)) return;
    if (this.make.ruleFor(target)) this.build(target, false);
    else if (!this.fs.exists(target)) throw new MakeError(`*** No rule to make target '${target}'.  Stop.`, this.make.makefiles[0] ?? 'Makefile', 0);
  }

  private runLine(line: string, file: string, lineNo: number): void {
    let text = line;
    let ignoreErrors = false;
    for (;;) {
      const m = /^[ \t]*([@+-])/.exec(text);
      if (!m) break;
      if (m[1] === '-') ignoreErrors = true;
      text = text.slice(m[0].length);
    }
    let status: number;
    try {
      status = new Shell(this.fs, this.env, this.sedCache).run(text);
    } catch (e) {
      if (e instanceof ShellError) throw new MakeError(e.message, file, lineNo);
      throw e;
    }
    if (status !== 0 && !ignoreErrors) throw new MakeError(`*** recipe failed with exit status ${status}: ${text.slice(0, 200)}`, file, lineNo);
  }
}

// ---- a small POSIX shell subset -----------------------------------------------------------

type ShellToken = { kind: 'word'; text: string } | { kind: 'op'; op: string } | { kind: 'redir'; fd: number; op: string; target: string };

interface SimpleCommand {
  argv: string[];
  redirs: { fd: number; op: string; target: string }[];
}

class Shell {
  constructor(
    private readonly fs: VirtualFs,
    private readonly env: Record<string, string>,
    private readonly sedCache: Map<string, SedSubstitute[]>,
  ) {}

  /** Runs one recipe line (`sh -c <line>`), returning its exit status. */
  run(line: string): number {
    const tokens = this.tokenize(line);
    let status = 0;
    let i = 0;
    let skip = false;
    while (i < tokens.length) {
      // One pipeline: commands joined by '|'.
      const pipeline: SimpleCommand[] = [];
      let cmd: SimpleCommand = { argv: [], redirs: [] };
      for (; i < tokens.length; i++) {
        const t = tokens[i];
        if (t.kind === 'word') cmd.argv.push(t.text);
        else if (t.kind === 'redir') cmd.redirs.push(t);
        else if (t.op === '|') {
          pipeline.push(cmd);
          cmd = { argv: [], redirs: [] };
        } else break;
      }
      pipeline.push(cmd);
      const op = i < tokens.length ? (tokens[i] as { op: string }).op : ';';
      i++;
      if (!skip && pipeline.some((c) => c.argv.length || c.redirs.length)) {
        let input = '';
        for (const c of pipeline) {
          const r = this.exec(c, input);
          input = r.stdout;
          status = r.status;
          if (r.exit) return status;
        }
      }
      if (op === '&&') skip = status !== 0;
      else if (op === '||') skip = status === 0;
      else skip = false;
    }
    return status;
  }

  private tokenize(line: string): ShellToken[] {
    const out: ShellToken[] = [];
    let i = 0;
    const n = line.length;
    let word = '';
    let inWord = false;
    const flush = () => {
      if (inWord) out.push({ kind: 'word', text: word });
      word = '';
      inWord = false;
    };
    const expandParam = (): string => {
      // at line[i] === '$'
      const c = line[i + 1];
      if (c === '{') {
        const end = line.indexOf('}', i + 2);
        if (end < 0) throw new ShellError(`sh: bad substitution in ${line.slice(i, i + 40)}`);
        const name = line.slice(i + 2, end);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ShellError(`sh: unsupported parameter expansion \${${name}}`);
        i = end + 1;
        return this.env[name] ?? '';
      }
      if (c === '(' || c === '`') throw new ShellError(`sh: command substitution is not supported: ${line.slice(i, i + 60)}`);
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(line.slice(i + 1));
      if (m) {
        i += 1 + m[0].length;
        return this.env[m[0]] ?? '';
      }
      if (c !== undefined && /[0-9?#$!*@-]/.test(c)) {
        i += 2;
        return c === '?' ? '0' : '';
      }
      i++;
      return '$';
    };
    while (i < n) {
      const c = line[i];
      if (c === '\\') {
        const d = line[i + 1];
        if (d === '\n') i += 2;
        else if (d === undefined) {
          word += '\\';
          inWord = true;
          i++;
        } else {
          word += d;
          inWord = true;
          i += 2;
        }
        continue;
      }
      if (c === "'") {
        const end = line.indexOf("'", i + 1);
        if (end < 0) throw new ShellError(`sh: unterminated quoted string`);
        word += line.slice(i + 1, end);
        inWord = true;
        i = end + 1;
        continue;
      }
      if (c === '"') {
        inWord = true;
        i++;
        for (;;) {
          if (i >= n) throw new ShellError(`sh: unterminated quoted string`);
          const d = line[i];
          if (d === '"') {
            i++;
            break;
          }
          if (d === '\\') {
            const e = line[i + 1];
            if (e === '\n') i += 2;
            else if (e === '$' || e === '`' || e === '"' || e === '\\') {
              word += e;
              i += 2;
            } else {
              word += '\\';
              i++;
            }
            continue;
          }
          if (d === '$') {
            word += expandParam();
            continue;
          }
          if (d === '`') throw new ShellError(`sh: command substitution is not supported`);
          word += d;
          i++;
        }
        continue;
      }
      if (c === '$') {
        const v = expandParam();
        // Unquoted expansion: field splitting.
        const parts = v.split(/[ \t\n]+/);
        parts.forEach((p, k) => {
          if (k > 0) flush();
          if (p) {
            word += p;
            inWord = true;
          }
        });
        continue;
      }
      if (c === '`') throw new ShellError(`sh: command substitution is not supported`);
      if (c === ' ' || c === '\t') {
        flush();
        i++;
        continue;
      }
      if (c === '\n' || c === ';') {
        flush();
        out.push({ kind: 'op', op: ';' });
        i++;
        continue;
      }
      if (c === '&' || c === '|') {
        flush();
        if (line[i + 1] === c) {
          out.push({ kind: 'op', op: c + c });
          i += 2;
        } else if (c === '&' && line[i + 1] === '>') {
          throw new ShellError(`sh: unsupported redirection &>`);
        } else {
          out.push({ kind: 'op', op: c === '&' ? ';' : '|' });
          i++;
        }
        continue;
      }
      if (c === '>' || c === '<') {
        let fd = c === '>' ? 1 : 0;
        if (inWord && /^\d+$/.test(word)) {
          fd = parseInt(word, 10);
          word = '';
          inWord = false;
        } else flush();
        let op: string = c;
        i++;
        if (line[i] === '>' && c === '>') {
          op = '>>';
          i++;
        } else if (line[i] === '&') {
          op = c + '&';
          i++;
        }
        while (line[i] === ' ' || line[i] === '\t') i++;
        // The target is the next word (quotes allowed, no expansions needed here).
        let target = '';
        while (i < n && !/[ \t\n;&|<>]/.test(line[i])) {
          const d = line[i];
          if (d === "'" || d === '"') {
            const end = line.indexOf(d, i + 1);
            if (end < 0) throw new ShellError(`sh: unterminated quoted string`);
            target += line.slice(i + 1, end);
            i = end + 1;
          } else if (d === '\\' && i + 1 < n) {
            target += line[i + 1];
            i += 2;
          } else {
            target += d;
            i++;
          }
        }
        if (!target) throw new ShellError(`sh: syntax error: redirection without a target`);
        out.push({ kind: 'redir', fd, op, target });
        continue;
      }
      if (c === '#' && !inWord) {
        while (i < n && line[i] !== '\n') i++;
        continue;
      }
      if (c === '(' || c === ')') throw new ShellError(`sh: subshells are not supported`);
      word += c;
      inWord = true;
      i++;
    }
    flush();
    return out;
  }

  private exec(cmd: SimpleCommand, stdin: string): { status: number; stdout: string; exit?: boolean } {
    let argv = cmd.argv;
    // Leading VAR=value assignments only affect that command's environment.
    while (argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) argv = argv.slice(1);
    while (argv[0] === 'sudo') argv = argv.slice(1);
    let stdout = '';
    let status = 0;
    let exit = false;
    let source: string | undefined;
    if (argv.length) {
      const [name, ...args] = argv;
      switch (name) {
        case 'true':
        case ':':
          break;
        case 'false':
          status = 1;
          break;
        case 'exit':
          status = args[0] ? parseInt(args[0], 10) || 0 : 0;
          exit = true;
          break;
        case 'echo': {
          let a = args;
          let newline = true;
          if (a[0] === '-n') {
            newline = false;
            a = a.slice(1);
          }
          stdout = a.join(' ') + (newline ? '\n' : '');
          break;
        }
        case 'sed': {
          const r = this.sed(args, stdin);
          stdout = r.stdout;
          source = r.source;
          break;
        }
        case 'install':
          this.install(args);
          break;
        case 'ln':
          this.ln(args);
          break;
        case 'mkdir':
          break;
        default:
          throw new ShellError(`sh: command not supported by the recipe simulator: ${argv.join(' ').slice(0, 200)}`);
      }
    }
    let piped = stdout;
    for (const r of cmd.redirs) {
      if (r.fd === 1 && (r.op === '>' || r.op === '>>')) {
        const prev = r.op === '>>' ? (this.fs.read(r.target)?.text ?? '') : '';
        this.fs.write(r.target, { text: prev + stdout, source });
        piped = '';
      } else if (r.op === '>&' || r.fd === 2 || (r.op === '<' && r.target === '/dev/null')) {
        continue;
      } else throw new ShellError(`sh: unsupported redirection ${r.fd}${r.op}${r.target}`);
    }
    return { status, stdout: piped, exit };
  }

  private install(args: string[]): void {
    const operands: string[] = [];
    let directoryMode = false;
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      // -D (create leading directories) needs nothing in the virtual file system.
      if (a === '-D') continue;
      else if (a === '-d' || a === '--directory') directoryMode = true;
      else if (a === '-m' || a === '--mode' || a === '-o' || a === '--owner' || a === '-g' || a === '--group') k++;
      else if (/^--(mode|owner|group)=/.test(a) || a === '-p' || a === '-v' || a === '-C') continue;
      else if (a.startsWith('-')) throw new ShellError(`install: option not supported by the recipe simulator: ${a}`);
      else operands.push(a);
    }
    if (directoryMode) return;
    if (operands.length !== 2) throw new ShellError(`install: expected SOURCE DEST, got ${operands.join(' ')}`);
    const [src, dest] = operands;
    const entry = this.fs.read(src);
    if (!entry) throw new ShellError(`install: cannot stat '${src}': No such file or directory`);
    this.fs.write(dest, { ...entry });
  }

  private ln(args: string[]): void {
    const operands = args.filter((a) => !a.startsWith('-'));
    const symbolic = args.some((a) => /^-[a-zA-Z]*s/.test(a));
    if (!symbolic) throw new ShellError(`ln: only symbolic links are supported by the recipe simulator`);
    if (operands.length !== 2) return; // `ln -sf X` (empty target variable) links into the cwd; nothing installed.
    this.fs.links.set(this.fs.resolve(operands[1]), operands[0]);
  }

  private sed(args: string[], stdin: string): { stdout: string; source?: string } {
    const scripts: string[] = [];
    const files: string[] = [];
    let inPlace = false;
    let extended = false;
    for (let k = 0; k < args.length; k++) {
      const a = args[k];
      if (a === '-e' || a === '--expression') scripts.push(args[++k] ?? '');
      else if (a.startsWith('--expression=')) scripts.push(a.slice('--expression='.length));
      else if (a === '-i' || a.startsWith('-i') || a === '--in-place' || a.startsWith('--in-place=')) inPlace = true;
      else if (a === '-E' || a === '-r' || a === '--regexp-extended') extended = true;
      else if (a === '--') {
        files.push(...args.slice(k + 1));
        k = args.length;
      }
      else if (a.startsWith('-') && a !== '-') throw new ShellError(`sed: option not supported by the recipe simulator: ${a}`);
      else files.push(a);
    }
    if (!scripts.length) {
      if (!files.length) throw new ShellError(`sed: no script`);
      scripts.push(files.shift()!);
    }
    const commands = scripts.flatMap((s) => {
      const key = `${extended ? 'E' : 'B'}${s}`;
      let parsed = this.sedCache.get(key);
      if (!parsed) this.sedCache.set(key, (parsed = parseSedScript(s, extended)));
      return parsed;
    });
    if (inPlace) {
      for (const f of files) {
        const entry = this.fs.read(f);
        if (!entry) throw new ShellError(`sed: can't read ${f}: No such file or directory`);
        this.fs.write(f, { text: runSed(commands, entry.text), source: entry.source });
      }
      return { stdout: '' };
    }
    if (!files.length) return { stdout: runSed(commands, stdin) };
    let out = '';
    let source: string | undefined;
    for (const f of files) {
      const entry = this.fs.read(f);
      if (!entry) throw new ShellError(`sed: can't read ${f}: No such file or directory`);
      out += runSed(commands, entry.text);
      source = files.length === 1 ? entry.source : undefined;
    }
    return { stdout: out, source };
  }
}

// ---- sed: `s` commands ----------------------------------------------------------------------

type ReplacementPart = string | { group: number };

interface SedSubstitute {
  /** Set when the regular expression is plain text. */
  literal?: string;
  /** The JavaScript source and flags of the regular expression (compiled on first use). */
  source: string;
  flags: string;
  regex?: RegExp;
  replacement: ReplacementPart[];
  global: boolean;
  /** Replace only from this match on (the numeric flag), 1-based. */
  occurrence: number;
}

function parseSedScript(script: string, extended: boolean): SedSubstitute[] {
  const out: SedSubstitute[] = [];
  let i = 0;
  while (i < script.length) {
    const c = script[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === ';') {
      i++;
      continue;
    }
    if (c !== 's') throw new ShellError(`sed: only s commands are supported by the recipe simulator: ${script.slice(i, i + 40)}`);
    const delim = script[i + 1];
    if (delim === undefined || delim === '\\' || delim === '\n') throw new ShellError(`sed: unterminated 's' command`);
    i += 2;
    const readPart = (): string => {
      let part = '';
      for (;;) {
        if (i >= script.length) throw new ShellError(`sed: -e expression #1: unterminated 's' command`);
        const d = script[i];
        if (d === '\\') {
          const e = script[i + 1];
          if (e === undefined) throw new ShellError(`sed: unterminated 's' command`);
          // An escaped delimiter is the delimiter character itself.
          part += e === delim ? `\u0000${e}` : '\\' + e;
          i += 2;
          continue;
        }
        if (d === delim) {
          i++;
          return part;
        }
        if (d === '\n') throw new ShellError(`sed: -e expression #1: unterminated 's' command`);
        part += d;
        i++;
      }
    };
    const pattern = readPart();
    const replacementText = readPart();
    let global = false;
    let occurrence = 1;
    let ignoreCase = false;
    while (i < script.length && !/[;\n}]/.test(script[i])) {
      const f = script[i];
      if (f === 'g') global = true;
      else if (/[0-9]/.test(f)) {
        const m = /^[0-9]+/.exec(script.slice(i))!;
        occurrence = parseInt(m[0], 10);
        i += m[0].length;
        continue;
      } else if (f === 'I' || f === 'i') ignoreCase = true;
      else if (f === ' ' || f === '\t') {
        /* blanks after flags */
      } else throw new ShellError(`sed: -e expression #1: unknown option to 's': ${f}`);
      i++;
    }
    const { source, literal, groups } = regexToJs(pattern, extended);
    const replacement = parseReplacement(replacementText, groups);
    out.push({
      literal: literal !== undefined && !ignoreCase ? literal : undefined,
      source,
      flags: ignoreCase ? 'gi' : 'g',
      replacement,
      global,
      occurrence,
    });
  }
  return out;
}

const POSIX_CLASSES: Record<string, string> = {
  alpha: 'A-Za-z',
  digit: '0-9',
  alnum: 'A-Za-z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  xdigit: '0-9A-Fa-f',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
};

/** Converts a sed BRE (or ERE with -E) to a JavaScript RegExp source; `literal` when it is plain text. */
function regexToJs(pattern: string, extended: boolean): { source: string; literal?: string; groups: number } {
  // NUL stands for a character class placeholder in these patterns, so it makes a pattern non-literal.
  // eslint-disable-next-line no-control-regex
  if (!(extended ? /[\\.*[^$+?(){}|\u0000]/ : /[\\.*[^$\u0000]/).test(pattern)) {
    return { source: pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), literal: pattern, groups: 0 };
  }
  let src = '';
  let literal: string | undefined = '';
  let groups = 0;
  const lit = (ch: string) => {
    src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    if (literal !== undefined) literal += ch;
  };
  const special = (s: string) => {
    src += s;
    literal = undefined;
  };
  let atStart = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    const wasStart = atStart;
    atStart = false;
    if (c === '\u0000') {
      lit(pattern[++i]);
      continue;
    }
    if (c === '\\') {
      const e = pattern[++i];
      if (!extended && '(){}|+?'.includes(e)) {
        if (e === '(') {
          groups++;
          atStart = true;
        }
        if (e === '|') atStart = true;
        special(e);
      } else if (/[1-9]/.test(e)) special('\\' + e);
      else if (e === 'n') lit('\n');
      else if (e === 't') lit('\t');
      else if ('wWsSbB'.includes(e)) special('\\' + e);
      else if (e === '<' || e === '>') special('\\b');
      else if (e === '`') special('^');
      else if (e === "'") special('$');
      else lit(e);
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let body = '';
      if (pattern[j] === '^') {
        body += '^';
        j++;
      }
      if (pattern[j] === ']') {
        body += '\\]';
        j++;
      }
      for (; j < pattern.length && pattern[j] !== ']'; j++) {
        if (pattern[j] === '[' && pattern[j + 1] === ':') {
          const end = pattern.indexOf(':]', j + 2);
          const cls = end < 0 ? undefined : POSIX_CLASSES[pattern.slice(j + 2, end)];
          if (cls === undefined) throw new ShellError(`sed: unsupported bracket expression in ${pattern}`);
          body += cls;
          j = end + 1;
        } else if (pattern[j] === '\\' || pattern[j] === '[') body += '\\' + pattern[j];
        else body += pattern[j];
      }
      if (j >= pattern.length) throw new ShellError(`sed: unterminated address regex in ${pattern}`);
      special(`[${body}]`);
      i = j;
      continue;
    }
    if (c === '.') special('[\\s\\S]');
    else if (c === '*') {
      if (wasStart) lit('*');
      else special('*');
    } else if (c === '^') {
      if (wasStart || extended) {
        special('^');
        atStart = true;
      } else lit('^');
    } else if (c === '$') {
      const next = pattern.slice(i + 1);
      if (extended || next === '' || next.startsWith('\\)') || next.startsWith('\\|')) special('$');
      else lit('$');
    } else if (extended && '(){}|+?'.includes(c)) {
      if (c === '(') groups++;
      special(c);
    } else lit(c);
  }
  return { source: src, literal, groups };
}

function parseReplacement(text: string, groups: number): ReplacementPart[] {
  const parts: ReplacementPart[] = [];
  let cur = '';
  const push = () => {
    if (cur) parts.push(cur);
    cur = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\u0000') {
      cur += text[++i];
      continue;
    }
    if (c === '&') {
      push();
      parts.push({ group: 0 });
      continue;
    }
    if (c === '\\') {
      const e = text[++i];
      if (/[0-9]/.test(e)) {
        const g = parseInt(e, 10);
        if (g > groups) throw new ShellError(`sed: -e expression #1: invalid reference \\${g} on 's' command's RHS`);
        push();
        parts.push({ group: g });
      } else if (e === 'n') cur += '\n';
      else if (e === 't') cur += '\t';
      else if (e === '\n') cur += '\n';
      else if ('LUElu'.includes(e)) throw new ShellError(`sed: case conversion in replacements is not supported by the recipe simulator`);
      else cur += e;
      continue;
    }
    cur += c;
  }
  push();
  return parts;
}

function replacementText(parts: ReplacementPart[], match: RegExpExecArray | string): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if (typeof match === 'string') out += match;
    else out += match[p.group] ?? '';
  }
  return out;
}

function substitute(cmd: SedSubstitute, space: string): string {
  if (cmd.literal !== undefined && cmd.literal !== '') {
    const lit = cmd.literal;
    let idx = space.indexOf(lit);
    if (idx < 0) return space;
    const rep = replacementText(cmd.replacement, lit);
    let out = '';
    let last = 0;
    let count = 0;
    while (idx >= 0) {
      count++;
      if (count >= cmd.occurrence) {
        out += space.slice(last, idx) + rep;
        last = idx + lit.length;
        if (!cmd.global) break;
      }
      idx = space.indexOf(lit, idx + lit.length);
    }
    return out + space.slice(last);
  }
  const re = (cmd.regex ??= new RegExp(cmd.source, cmd.flags));
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let count = 0;
  for (let m = re.exec(space); m; m = re.exec(space)) {
    count++;
    if (count >= cmd.occurrence) {
      out += space.slice(last, m.index) + replacementText(cmd.replacement, m);
      last = m.index + m[0].length;
      if (!cmd.global) break;
    }
    if (m[0] === '') re.lastIndex++;
  }
  return out + space.slice(last);
}

/** Runs `s` commands over text line by line like sed (a missing final newline stays missing). */
function runSed(commands: SedSubstitute[], text: string): string {
  const lines = text.split('\n');
  const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const placeholderOnly = commands.every((c) => c.literal !== undefined && /^@[A-Za-z0-9_]+@$/.test(c.literal));
  if (!placeholderOnly) {
    for (let k = 0; k < count; k++) for (const c of commands) lines[k] = substitute(c, lines[k]);
    return lines.join('\n');
  }
  // Every command replaces a literal `@NAME@`: visit only the commands whose placeholder is on the
  // line, in script order (a replacement may bring in a placeholder a later command replaces).
  const byPattern = new Map<string, number[]>();
  commands.forEach((c, k) => {
    const list = byPattern.get(c.literal!) ?? [];
    list.push(k);
    byPattern.set(c.literal!, list);
  });
  const token = /@(?=([A-Za-z0-9_]+@))/g;
  for (let k = 0; k < count; k++) {
    let line = lines[k];
    if (line.indexOf('@') < 0) continue;
    let from = 0;
    for (;;) {
      let best = Infinity;
      token.lastIndex = 0;
      for (let m = token.exec(line); m; m = token.exec(line)) {
        const list = byPattern.get('@' + m[1]);
        if (!list) continue;
        for (const idx of list) {
          if (idx >= from) {
            if (idx < best) best = idx;
            break;
          }
        }
      }
      if (best === Infinity) break;
      line = substitute(commands[best], line);
      from = best + 1;
    }
    lines[k] = line;
  }
  return lines.join('\n');
}
