/**
 * `kata-config` command line: lint Kata config files like a compiler would.
 *   kata-config lint [--format text|json] PATH...
 *   kata-config effective [--format toml|json] FILE   (the configuration Kata will use, with origins)
 * Exit status: 1 when any error was found, 0 otherwise, 2 for bad usage or an unreadable path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { LanguageService, type ServiceSettings } from './languageService';
import { nodeHost } from './nodeHost';
import { decodeTomlBytes } from './toml';
import { encodingDiagnostic } from './features/tomlDiagnostics';
import { exportJsonSchema } from './kata/schema/jsonSchema';
import { HYPERVISORS, hypervisorByTable, tablesOf } from './kata/catalog';
import { editDistance } from './kata/schema';
import { ARCHES, NEWEST_RELEASE, parseRelease, resolveArch } from './kata/releases';
import { formatEffectiveJson, formatEffectiveToml } from './kata/effective/format';
import { checkoutRelease, findTemplates, lintTemplates } from './checkout/templates';
import { fsReader } from './checkout/fsReader';
import { checkDocs } from './checkout/docs';
import { CHECKOUT_CODES } from './checkout/codes';
import { allCodes } from './kata/diagnostics';
import { toSarif } from './sarif';
import type { KataArch } from './upstream/templates';

const USAGE = `Usage:
  kata-config lint [--format text|json|sarif] [--no-host-checks|--host-checks]
                   [--release X] [--arch A] [--stdin-filename NAME] PATH...
      Check Kata Containers config files. A directory is searched recursively for
      configuration*.toml files and the files of config.d/ drop-in folders (one
      without any is an error). PATH '-' reads standard input, as the file NAME
      when --stdin-filename gives one.
      Host checks (files exist, ...) run by default only for files in Kata's
      install folders; --host-checks turns them on, --no-host-checks off.
      --release and --arch set the target of files without a directive.
  kata-config lint --kata-source DIR [--arch A[,B...]] [--release X] [--format text|json|sarif] [TEMPLATE...]
      Check a Kata checkout's config templates (src/runtime/config/*.toml.in,
      src/runtime-rs/config/*.toml.in) as Kata builds them: each is expanded for
      each arch the way the Makefiles do (default: all of them), linted as the
      installed file it becomes, and reported at the template's own line with
      the arches it holds for. The release is the checkout's VERSION file.
  kata-config docs [--kata-source DIR | --templates LIST] [--release X] [--format text|json|sarif] PATH...
      Check Kata's Markdown (files, or folders searched for *.md) against Kata:
      config file names and links to config templates (the template exists, the
      name shown is the one Kata installs from it, the runtime is the one the
      text says), TOML blocks, config.d here-documents and \`key = value\` snippets
      (linted as that runtime's config), annotation names. DIR is the checkout
      (its templates and VERSION); LIST a file of template paths, one per line.
  kata-config schema --runtime go|rs [--release X] [--arch A] [--hypervisor H]
      Print a draft-07 JSON Schema of one Kata target, for generic TOML tools
      (taplo, Tombi). Release defaults to the newest known, arch to x86_64.
  kata-config effective [--format toml|json] [--no-drop-ins] [--release X] [--arch A] FILE
      Print the configuration Kata will use: every key its loader reads in the
      file's tables, with the value and where it comes from (the file and line,
      a config.d drop-in beside the resolved file, a Kata rewrite, or Kata's
      built-in default). --no-drop-ins shows the file alone.
  kata-config --version
  kata-config --help

Exit status: 1 if any error was found, 0 otherwise, 2 for bad usage or an unreadable path.`;

const SEVERITY_NAME: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

class UsageError extends Error {}

const SUBCOMMANDS = ['lint', 'schema', 'effective', 'docs'];

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface LintOptions {
  format: 'text' | 'json' | 'sarif';
  paths: string[];
  /** `--kata-source DIR`: lint that checkout's config templates as Kata builds them. */
  kataSource?: string;
  /** `--arch` values (repeatable, comma-separated), for --kata-source. */
  arches: string[];
  settings: ServiceSettings;
  /** What was assumed about the options (e.g. a release newer than every known one), said on stderr. */
  notes: string[];
  /** `--stdin-filename`: the path the text of `-` (standard input) stands for. */
  stdinName?: string;
}

function parseLintArgs(args: string[]): LintOptions {
  const opts: LintOptions = { format: 'text', paths: [], arches: [], settings: { hostChecks: 'auto' }, notes: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format takes 'text', 'json' or 'sarif', not ${v === undefined ? 'nothing' : `'${v}'`}`);
      opts.format = v;
    } else if (a === '--no-host-checks' || a === '--host-checks') {
      opts.settings.hostChecks = a === '--host-checks';
    } else if (a === '--release' || a.startsWith('--release=') || a === '--arch' || a.startsWith('--arch=')) {
      const name = a.startsWith('--release') ? 'release' : 'arch';
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) throw new UsageError(`--${name} needs a value`);
      if (name === 'release') {
        const r = parseRelease(v);
        if (!r.release) throw new UsageError(r.error);
        if (r.note) opts.notes.push(r.note);
      }
      if (name === 'arch') {
        for (const one of v.split(',').filter(Boolean)) {
          if (!resolveArch(one)) throw new UsageError(`unknown architecture '${one}'; known: ${ARCHES.join(', ')}`);
          opts.arches.push(resolveArch(one)!);
        }
      }
      opts.settings[name] = name === 'arch' ? opts.arches[0] : v;
    } else if (a === '--kata-source' || a.startsWith('--kata-source=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) throw new UsageError('--kata-source needs the folder of a Kata checkout');
      opts.kataSource = v;
    } else if (a === '--stdin-filename' || a.startsWith('--stdin-filename=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) throw new UsageError('--stdin-filename needs the path the text on standard input stands for');
      opts.stdinName = v;
    } else if (a === '--') {
      opts.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option '${a}'`);
    } else {
      opts.paths.push(a);
    }
  }
  if (!opts.paths.length && !opts.kataSource) throw new UsageError('lint needs at least one file or directory');
  if (opts.paths.filter((p) => p === '-').length > 1) throw new UsageError("standard input ('-') can be read only once");
  return opts;
}

const SKIP_DIRS = new Set(['node_modules', '.git']);

/** The files a directory holds that Kata would read: configuration*.toml and config.d/ drop-ins. */
function collect(dir: string, out: string[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const isDropInDir = path.basename(dir) === 'config.d';
  for (const e of entries) {
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = fs.statSync(full);
        isFile = st.isFile();
        isDir = false; // never follow directory links: they can loop
      } catch {
        continue; // broken link
      }
    }
    if (isDir && !SKIP_DIRS.has(e.name)) collect(full, out);
    else if (isFile && (isDropInDir || /^configuration.*\.toml$/.test(e.name))) out.push(full);
  }
}

interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
}

/**
 * `file` '-': standard input, read as the file `stdinName` names (its name and path decide the
 * runtime and release as a real file's do), else as an unsaved document.
 */
function lintFile(service: LanguageService, file: string, stdinName?: string): FileResult {
  const bytes = file === '-' ? fs.readFileSync(0) : fs.readFileSync(file);
  const { text, error } = decodeTomlBytes(bytes);
  const uri = file !== '-' ? pathToFileURL(path.resolve(file)).href : stdinName ? pathToFileURL(path.resolve(stdinName)).href : 'untitled:stdin';
  const diagnostics = service.diagnostics({ uri, version: 0, getText: () => text });
  if (error) diagnostics.unshift(encodingDiagnostic(error));
  service.forget(uri);
  return { file: file === '-' ? (stdinName ?? '<stdin>') : file, diagnostics };
}

function formatText(results: FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics) {
      const { line, character } = d.range.start;
      lines.push(`${r.file}:${line + 1}:${character + 1}: ${SEVERITY_NAME[d.severity ?? 1]} ${d.code ?? ''} ${d.message}`);
    }
  }
  return lines.join('\n');
}

/** The results in the chosen output format (SARIF: one run, even when empty, so CI uploads always parse). */
function formatResults(results: FileResult[], format: 'text' | 'json' | 'sarif', templates = false): string {
  if (format === 'sarif') return JSON.stringify(toSarif(results, [...allCodes(), ...CHECKOUT_CODES], { version: typeof SERVER_VERSION === 'string' ? SERVER_VERSION : '0.0.0' }), null, 2);
  return format === 'json' ? formatJson(results, templates) : formatText(results);
}

/** `templates`: also each finding's architectures and installed file (lint --kata-source). */
function formatJson(results: FileResult[], templates = false): string {
  return JSON.stringify(
    results.map((r) => ({
      file: r.file,
      diagnostics: r.diagnostics.map((d) => ({
        range: d.range,
        severity: SEVERITY_NAME[d.severity ?? 1],
        code: d.code,
        message: d.message,
        source: d.source,
        ...(templates ? (d.data as object) : {}),
      })),
    })),
    null,
    2,
  );
}

export function runLint(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  const opts = parseLintArgs(args);
  for (const note of opts.notes) err(`kata-config: ${note}`);
  if (opts.kataSource) return runTemplateLint(opts, out, err);
  const files: string[] = [];
  for (const p of opts.paths) {
    if (p === '-') {
      files.push(p);
      continue;
    }
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      err(`kata-config: cannot read '${p}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
      return 2;
    }
    if (st.isDirectory()) {
      const before = files.length;
      try {
        collect(p, files);
      } catch (e) {
        err(`kata-config: cannot read directory '${p}': ${(e as Error).message}`);
        return 2;
      }
      // A wrong path in CI must not pass as "nothing to check".
      if (files.length === before) {
        err(`kata-config: no Kata configuration files under '${p}' (it looks for configuration*.toml and the files of config.d/ folders)`);
        return 2;
      }
    } else files.push(p);
  }
  const service = new LanguageService(nodeHost);
  service.configure(opts.settings);
  const results: FileResult[] = [];
  for (const f of files) {
    try {
      results.push(lintFile(service, f, opts.stdinName));
    } catch (e) {
      err(`kata-config: cannot read '${f}': ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}`);
      return 2;
    }
  }
  const text = formatResults(results, opts.format);
  if (text) out(text);
  const count = (s: DiagnosticSeverity) => results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === s).length, 0);
  const errors = count(DiagnosticSeverity.Error);
  if (opts.format === 'text') {
    err(`${plural(files.length, 'file')} checked: ${plural(errors, 'error')}, ${plural(count(DiagnosticSeverity.Warning), 'warning')}`);
  }
  return errors > 0 ? 1 : 0;
}

/** `lint --kata-source DIR`: the checkout's templates, expanded per arch, reported at their own lines. */
function runTemplateLint(opts: LintOptions, out: (s: string) => void, err: (s: string) => void): number {
  const dir = opts.kataSource!;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    err(`kata-config: --kata-source '${dir}' is not a folder`);
    return 2;
  }
  const reader = fsReader(dir);
  const templates = findTemplates(reader);
  const only = opts.paths.map((p) => path.relative(dir, path.resolve(p)).split(path.sep).join('/'));
  if (!templates.length) {
    err(`kata-config: no src/runtime/config/*.toml.in or src/runtime-rs/config/*.toml.in under '${dir}': not a Kata checkout`);
    return 2;
  }
  const unknown = only.filter((t) => !templates.includes(t));
  if (unknown.length) {
    err(`kata-config: not a config template of this checkout: ${unknown.join(', ')}`);
    return 2;
  }
  const version = checkoutRelease(reader);
  const release = opts.settings.release ? parseRelease(opts.settings.release).release! : version ? parseRelease(version).release : undefined;
  if (!release) {
    err(`kata-config: '${dir}' has no VERSION file naming a release${version ? ` kata-config knows (${version})` : ''}: pass --release`);
    return 2;
  }
  if (version && opts.settings.release && parseRelease(version).release !== release) err(`kata-config: the checkout's VERSION says ${version}; checking as ${release} (--release)`);
  const result = lintTemplates(reader, release, { arches: opts.arches.length ? (opts.arches as KataArch[]) : undefined, only: only.length ? only : undefined });
  const results: FileResult[] = [];
  for (const t of result.templates) {
    const diagnostics: Diagnostic[] = result.reports
      .filter((r) => r.template === t)
      .map((r) => ({ range: r.range, severity: r.severity, code: r.code, source: 'kata-config', message: opts.format === 'text' ? `${r.message} [${r.arches.join(', ')}]` : r.message, data: { arches: r.arches, installed: r.installed } }));
    if (diagnostics.length) results.push({ file: path.join(dir, t), diagnostics });
  }
  const text = formatResults(results, opts.format, true);
  if (text) out(text);
  const count = (s: DiagnosticSeverity) => result.reports.filter((r) => r.severity === s).length;
  const errors = count(DiagnosticSeverity.Error);
  const arches = [...new Set(result.expansions.map((e) => e.arch))];
  const refused = result.expansions.filter((e) => !e.supported).map((e) => `${e.runtime === 'go' ? 'Go runtime' : 'runtime-rs'} has no ${e.arch} build`);
  err(`${plural(result.templates.length, 'template')} of Kata ${release} expanded for ${arches.join(', ')}${refused.length ? ` (${refused.join('; ')})` : ''}: ${plural(errors, 'error')}, ${plural(count(DiagnosticSeverity.Warning), 'warning')}`);
  return errors > 0 ? 1 : 0;
}

export function runEffective(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  let format: 'toml' | 'json' = 'toml';
  let dropIns = true;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v !== 'toml' && v !== 'json') throw new UsageError(`--format takes 'toml' or 'json', not ${v === undefined ? 'nothing' : `'${v}'`}`);
      format = v;
    } else if (a === '--no-drop-ins') dropIns = false;
    else if (a === '--release' || a === '--arch') rest.push(a, args[++i] ?? '');
    else rest.push(a);
  }
  const opts = parseLintArgs(rest);
  if (opts.paths.length !== 1) throw new UsageError('effective takes one file');
  for (const note of opts.notes) err(`kata-config: ${note}`);
  const file = opts.paths[0];
  let text: string;
  try {
    if (fs.statSync(file).isDirectory()) throw new UsageError(`effective takes a file, and '${file}' is a directory`);
    const decoded = decodeTomlBytes(fs.readFileSync(file));
    if (decoded.error) err(`kata-config: ${file}: ${decoded.error}`);
    text = decoded.text;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    err(`kata-config: cannot read '${file}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
    return 2;
  }
  const service = new LanguageService(nodeHost);
  service.configure({ ...opts.settings, hostChecks: false });
  const uri = pathToFileURL(path.resolve(file)).href;
  const config = service.effective({ uri, version: 0, getText: () => text }, { dropIns });
  out(format === 'json' ? formatEffectiveJson(config) : formatEffectiveToml(config));
  // As lint: 1 when Kata refuses the configuration (an error in the file or one of its drop-ins).
  const files = [config.base, ...config.dropIns];
  const errors = files.reduce((n, f) => {
    const t = f === path.resolve(file) ? text : (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');
    return n + service.diagnostics({ uri: pathToFileURL(f).href, version: 0, getText: () => t }).filter((d) => d.severity === DiagnosticSeverity.Error).length;
  }, 0);
  if (errors) err(`kata-config: ${plural(errors, 'error')} in the configuration (kata-config lint ${files.join(' ')} lists them)`);
  return errors > 0 || config.unreadable.length || config.refused.length ? 1 : 0;
}

/** Markdown files under a folder (node_modules, .git and vendor/ left out), sorted. */
function collectMarkdown(dir: string, out: string[]): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && !SKIP_DIRS.has(e.name) && e.name !== 'vendor') collectMarkdown(full, out);
    else if (e.isFile() && /\.md$/i.test(e.name)) out.push(full);
  }
}

/** `kata-config docs`: Kata's Markdown checked against Kata (server/src/checkout/docs.ts). */
export function runDocs(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  let format: 'text' | 'json' | 'sarif' = 'text';
  let source: string | undefined;
  let templatesList: string | undefined;
  let releaseArg: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (!v) throw new UsageError(`${a.split('=')[0]} needs a value`);
      return v;
    };
    if (a === '--format' || a.startsWith('--format=')) {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format takes 'text', 'json' or 'sarif', not '${v}'`);
      format = v;
    } else if (a === '--kata-source' || a.startsWith('--kata-source=')) source = value();
    else if (a === '--templates' || a.startsWith('--templates=')) templatesList = value();
    else if (a === '--release' || a.startsWith('--release=')) releaseArg = value();
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
    else paths.push(a);
  }
  if (!paths.length) throw new UsageError('docs needs at least one Markdown file or folder');
  let templates: string[] | undefined;
  let version: string | undefined;
  if (source) {
    const reader = fsReader(source);
    templates = findTemplates(reader);
    if (!templates.length) {
      err(`kata-config: no config templates under '${source}': not a Kata checkout`);
      return 2;
    }
    version = checkoutRelease(reader);
  }
  if (templatesList) {
    try {
      templates = fs.readFileSync(templatesList, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
    } catch (e) {
      err(`kata-config: cannot read '${templatesList}': ${(e as Error).message}`);
      return 2;
    }
  }
  const parsed = releaseArg ? parseRelease(releaseArg) : version ? parseRelease(version) : undefined;
  if (parsed && !parsed.release) throw new UsageError(parsed.error);
  if (parsed?.note) err(`kata-config: ${parsed.note}`);
  const release = parsed?.release ?? NEWEST_RELEASE;
  if (!parsed) err(`kata-config: no --release and no VERSION file: checking the docs as Kata ${release}`);
  if (!templates) err('kata-config: no --kata-source or --templates: links to config templates are not checked');
  const results: FileResult[] = [];
  for (const p of paths) {
    let files: string[] = [];
    let base: string;
    try {
      if (fs.statSync(p).isDirectory()) {
        collectMarkdown(p, files);
        base = p;
      } else {
        files = [p];
        base = path.dirname(p);
      }
    } catch (e) {
      err(`kata-config: cannot read '${p}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}`);
      return 2;
    }
    for (const f of files) {
      // The page's repository path: inside the checkout, relative to it; else relative to the folder given.
      const abs = path.resolve(f);
      const root = source && abs.startsWith(path.resolve(source) + path.sep) ? path.resolve(source) : path.resolve(base);
      const rel = path.relative(root, abs).split(path.sep).join('/');
      let text: string;
      try {
        text = fs.readFileSync(f, 'utf8');
      } catch (e) {
        err(`kata-config: cannot read '${f}': ${(e as Error).message}`);
        return 2;
      }
      const findings = checkDocs(text, { path: rel, release, templates });
      if (findings.length) results.push({ file: f, diagnostics: findings.map((d) => ({ ...d, source: 'kata-config' })) });
    }
  }
  const textOut = formatResults(results, format);
  if (textOut) out(textOut);
  const all = results.flatMap((r) => r.diagnostics);
  const errors = all.filter((d) => d.severity === DiagnosticSeverity.Error).length;
  const warnings = all.filter((d) => d.severity === DiagnosticSeverity.Warning).length;
  err(`docs of Kata ${release} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`);
  return errors > 0 ? 1 : 0;
}

function runSchema(args: string[], out: (s: string) => void, err: (s: string) => void): number {
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const m = /^--(runtime|release|arch|hypervisor)(?:=(.*))?$/.exec(a);
    if (!m) throw new UsageError(`unknown argument '${a}' for schema`);
    const v = m[2] ?? args[++i];
    if (v === undefined) throw new UsageError(`--${m[1]} needs a value`);
    opts[m[1]] = v;
  }
  const runtime = opts.runtime;
  if (runtime !== 'go' && runtime !== 'rs') throw new UsageError('schema needs --runtime go or --runtime rs');
  const parsed = opts.release ? parseRelease(opts.release) : { release: NEWEST_RELEASE };
  if (!parsed.release) throw new UsageError(parsed.error);
  const release = parsed.release;
  if ('note' in parsed && parsed.note) err(`kata-config: ${parsed.note}`);
  const arch = opts.arch ? resolveArch(opts.arch) : 'x86_64';
  if (!arch) throw new UsageError(`unknown architecture '${opts.arch}'; known: ${ARCHES.join(', ')}`);
  if (opts.hypervisor !== undefined && !hypervisorByTable(opts.hypervisor, runtime)) {
    const known = [...new Set(HYPERVISORS.flatMap((h) => (h.runtimes[runtime] ? tablesOf(h.runtimes[runtime]!) : [])))].sort();
    const close = known.filter((t) => editDistance(t, opts.hypervisor, 2) <= 2);
    throw new UsageError(`unknown hypervisor table '${opts.hypervisor}' for ${runtime === 'go' ? 'the Go runtime' : 'runtime-rs'}${close.length ? ` (did you mean ${close.map((t) => `'${t}'`).join(' or ')}?)` : ''}; known: ${known.join(', ')}`);
  }
  out(JSON.stringify(exportJsonSchema({ runtime, release, arch, hypervisor: opts.hypervisor }), null, 2));
  return 0;
}

export function main(argv: string[], out = (s: string) => process.stdout.write(`${s}\n`), err = (s: string) => process.stderr.write(`${s}\n`)): number {
  const [command, ...rest] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      out(USAGE);
      return 0;
    }
    if (command === '--version' || command === '-V') {
      out(SERVER_VERSION);
      return 0;
    }
    if (command !== undefined && SUBCOMMANDS.includes(command) && rest.some((a) => a === '--help' || a === '-h')) {
      out(USAGE);
      return 0;
    }
    if (command === 'lint') return runLint(rest, out, err);
    if (command === 'schema') return runSchema(rest, out, err);
    if (command === 'effective') return runEffective(rest, out, err);
    if (command === 'docs') return runDocs(rest, out, err);
    throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  } catch (e) {
    if (e instanceof UsageError) {
      err(`kata-config: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
