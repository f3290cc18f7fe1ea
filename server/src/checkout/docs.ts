/**
 * Checks a Markdown page of Kata's documentation against Kata itself: the config files it names and
 * links (the template must exist, the name shown must be the one Kata installs from it, and belong
 * to the runtime the text attributes it to), the TOML it shows (a fenced block with a Kata table, a
 * `key = value` in inline code: linted as a fragment of that runtime's config at the documented
 * release), and the annotation names it gives. What the page does not attribute to a runtime is
 * checked for both, and reported only when it is wrong for both; prose is never guessed at.
 */
import * as posix from '../posixPath';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Host } from '../host';
import { LanguageService } from '../languageService';
import { annotationDefined, annotationNames, annotationReleases } from '../kata/annotationNames';
import { catalogEntriesForFile, HYPERVISORS, shipsOn } from '../kata/catalog';
import { ARCHES, RUNTIME_NAMES, RUNTIMES, type Release, type Runtime } from '../kata/releases';
import { KataSchema } from '../kata/schema';
import { classifyTable } from '../kata/schema/tablePaths';
import { scanMarkdown, type Cell, type MarkdownPage, type Pos } from './markdown';

export interface DocsContext {
  /** The page's path relative to the checkout root (POSIX), or its own name outside a checkout. */
  path: string;
  /** The documented release (the checkout's VERSION). */
  release: Release;
  /** The checkout's config templates (repository-relative); undefined outside a checkout: links are not checked then. */
  templates?: readonly string[];
}

export interface DocFinding {
  range: { start: Pos; end: Pos };
  severity: 1 | 2 | 3;
  code: string;
  message: string;
}

const RUNTIME_NAME = RUNTIME_NAMES;
const TEMPLATE_PATH = /^src\/runtime(-rs)?\/config\/([^/]+\.toml\.in)$/;
const CONFIG_NAME = /^(?:.*\/)?(configuration(?:-[A-Za-z0-9_.-]+)?\.toml(?:\.in)?)$/;
/** Codes a fragment can be judged by: what a key or a value means, not what the rest of a file would hold. */
const FRAGMENT_CODES = new Set(['kata-unknown-key', 'kata-key-other-runtime', 'kata-key-other-release', 'kata-key-other-hypervisor', 'kata-key-other-table', 'kata-ignored-key', 'kata-key-case', 'kata-invalid-value', 'kata-type-mismatch', 'kata-ignored-table']);
const EMPTY_HOST: Host = { exists: () => false, readFile: () => undefined, realpath: (p) => p, list: () => undefined };

/** The runtime a piece of text names, if exactly one. */
export function runtimeNamed(text: string): Runtime | undefined {
  const rs = /\b(?:runtime-rs|rust runtime|rust-runtime|runtime rs)\b/i.test(text);
  const go = /\b(?:go(?:lang)? runtime|go-runtime|runtime-go)\b/i.test(text);
  return rs === go ? undefined : rs ? 'rs' : 'go';
}

function pathRuntime(page: string): Runtime | undefined {
  if (/^src\/(runtime-rs|libs\/kata-types|dragonball)\//.test(page)) return 'rs';
  if (/^src\/runtime\//.test(page)) return 'go';
  return undefined;
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

class Checker {
  readonly findings: DocFinding[] = [];
  private readonly services = new Map<Runtime, LanguageService>();
  private readonly pageRuntime: Runtime | undefined;

  constructor(
    private readonly page: MarkdownPage,
    private readonly ctx: DocsContext,
  ) {
    this.pageRuntime = pathRuntime(ctx.path);
  }

  private report(start: Pos, length: number, severity: DocFinding['severity'], code: string, message: string): void {
    this.findings.push({ range: { start, end: { line: start.line, character: start.character + length } }, severity, code, message });
  }

  /** The runtime the text around a line attributes things to: its table column, its section headings, the page's folder. */
  private runtimeAt(line: number, cell?: Cell): Runtime | undefined {
    if (cell) {
      const fromHeader = runtimeNamed(cell.header);
      if (fromHeader) return fromHeader;
    }
    for (let h = this.page.sectionOf(line); h >= 0; h--) {
      const r = runtimeNamed(this.page.headings[h].text);
      if (r) return r;
      // Only the section itself and its parents: a sibling section's name says nothing here.
      const level = this.page.headings[h].level;
      while (h > 0 && this.page.headings[h - 1].level >= level) h--;
    }
    return this.pageRuntime;
  }

  private service(runtime: Runtime): LanguageService {
    let s = this.services.get(runtime);
    if (!s) {
      s = new LanguageService(EMPTY_HOST);
      s.configure({ release: this.ctx.release, hostChecks: false });
      this.services.set(runtime, s);
    }
    return s;
  }

  // ---- config file names and template links -----------------------------------------------

  checkFileNames(): void {
    const templates = this.ctx.templates;
    const dir = posix.dirname(this.ctx.path);
    for (const link of this.page.links) {
      const repo = this.repoPathOf(link.url, dir);
      const m = repo && TEMPLATE_PATH.exec(repo);
      if (!m || !repo) continue;
      const linkRuntime: Runtime = m[1] ? 'rs' : 'go';
      const installed = m[2].replace(/\.in$/, '');
      if (templates && !templates.includes(repo)) {
        const same = templates.filter((t) => t.startsWith(`${RUNTIME_DIRS[linkRuntime]}/config/`));
        // A renamed template usually keeps its stem (configuration-qemu → configuration-qemu-runtime-rs): prefer those.
        const stem = m[2].replace(/\.toml\.in$/, '');
        const score = (t: string) => (posix.basename(t).startsWith(`${stem}-`) ? posix.basename(t).length - m[2].length : 100) + distance(posix.basename(t), m[2]) / 100;
        const closest = same.map((t) => ({ t, d: score(t) })).sort((a, b) => a.d - b.d)[0];
        this.report(link.urlAt, link.url.length, 1, 'kata-doc-missing-template', `The link goes to ${repo}, which this checkout does not have${closest && closest.d < 100 ? `; the ${RUNTIME_NAME[linkRuntime]} template with its name is ${closest.t}` : ''}.`);
      }
      const shown = this.page.spans.find((s) => s.link === link && CONFIG_NAME.test(s.text));
      const shownName = shown ? CONFIG_NAME.exec(shown.text)![1] : CONFIG_NAME.exec(link.text.trim())?.[1];
      if (shownName && shownName !== installed && shownName !== m[2]) {
        const at = shown ? shown.start : link.start;
        this.report(at, (shown ? shown.text : link.text).length, 2, 'kata-doc-config-name', `The text says ${shownName}, but the linked template ${m[2]} is installed as ${installed}.`);
      }
      const said = this.runtimeAt(link.start.line, link.cell);
      if (said && said !== linkRuntime && link.cell && runtimeNamed(link.cell.header)) {
        this.report(link.urlAt, link.url.length, 2, 'kata-doc-config-runtime', `This column is about the ${RUNTIME_NAME[said]}, but the link goes to a ${RUNTIME_NAME[linkRuntime]} template (${repo}).`);
      }
    }
    for (const span of this.page.spans) {
      if (span.link) continue;
      const m = CONFIG_NAME.exec(span.text.trim());
      if (!m || /[*{}<>]/.test(span.text)) continue;
      const name = m[1];
      if (name === 'configuration.toml') continue;
      if (name.endsWith('.toml.in')) {
        if (!templates) continue;
        const found = templates.filter((t) => posix.basename(t) === name);
        if (!found.length) this.report(span.start, span.text.length, 2, 'kata-doc-missing-template', `This checkout has no template ${name}.`);
        continue;
      }
      const entries = catalogEntriesForFile(name);
      const said = this.runtimeAt(span.start.line, span.cell);
      if (!entries.length) {
        const all = RUNTIMES.flatMap((r) => this.installedNames(r));
        const close = [...new Set(all)].map((n) => ({ n, d: distance(n, name) })).sort((a, b) => a.d - b.d)[0];
        this.report(span.start, span.text.length, 2, 'kata-doc-config-name', `No Kata release installs a ${name}${close && close.d <= 4 ? `; did you mean ${close.n}?` : '.'}`);
        continue;
      }
      if (said && !entries.some((e) => e.runtime === said)) {
        const other = entries[0].runtime;
        this.report(span.start, span.text.length, 2, 'kata-doc-config-runtime', `${name} is a ${RUNTIME_NAME[other]} file, but the text here is about the ${RUNTIME_NAME[said]}.`);
      }
    }
  }

  /** Names the runtime installs at the documented release, on any arch. */
  private installedNames(runtime: Runtime): string[] {
    return catalogFiles(runtime)
      .filter((f) => ARCHES.some((a) => shipsOn(runtime, f, this.ctx.release, a)))
      .map((f) => f.file);
  }

  /** A link's target as a repository path: relative to the page, or a github.com/kata-containers/kata-containers blob/tree URL. */
  private repoPathOf(url: string, dir: string): string | undefined {
    const gh = /^https?:\/\/github\.com\/kata-containers\/kata-containers\/(?:blob|tree)\/[^/]+\/([^#?]+)/.exec(url);
    if (gh) return gh[1];
    if (/^[a-z]+:/i.test(url) || url.startsWith('#') || !url) return undefined;
    const clean = url.replace(/[#?].*$/, '');
    const joined = clean.startsWith('/') ? clean.slice(1) : posix.normalize(posix.join(dir, clean));
    return joined.startsWith('..') ? undefined : joined;
  }

  // ---- TOML fragments --------------------------------------------------------------------

  checkBlocks(): void {
    for (const block of this.page.blocks) {
      for (const f of fragmentsOf(block.lang, block.lines)) {
        const lines = f.lines;
        const headers = lines.map((l) => /^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(?:#.*)?$/.exec(l)?.[1]).filter((h): h is string => !!h);
        // Only TOML that shows a Kata table; containerd, CRI-O and other TOML is not ours.
        const kata = headers.filter((h) => classifyTable(h.split('.')));
        if (!kata.length || kata.length < headers.length) continue;
        const body = lines.map((l) => (/^\s*(\.\.\.|…|#\s*\.\.\.)\s*$/.test(l) ? '' : l));
        const context = [this.page.lines[block.line - 1] ?? '', this.page.lines[block.line - 2] ?? '', this.page.lines[block.line - 3] ?? ''].join(' ');
        const runtime = runtimeNamed(context) ?? this.runtimeAt(block.line) ?? contentRuntime(body.join('\n'));
        const indent = f.indent;
        this.lintFragment(
          body,
          runtime,
          (line, character) => ({ line: block.line + 1 + f.first + line, character: character + indent + (block.indents[f.first + line] ?? 0) }),
          f.dropIn ? 'this config.d drop-in' : 'this TOML block',
          FRAGMENT_CODES,
          f.dropIn,
        );
      }
    }
  }

  checkInlineSnippets(): void {
    for (const span of this.page.spans) {
      const m = /^([a-z][a-z0-9_]*)\s*=\s*(.+)$/.exec(span.text.trim());
      if (!m || span.link) continue;
      const [, key] = m;
      const tables = RUNTIMES.flatMap((r) => tablesWithKey(r, this.ctx.release, key).map((t) => ({ r, t })));
      if (!tables.length) continue; // not a Kata key: containerd's, a shell variable's, a Makefile's
      // The sentence around the snippet ("... for runtime-rs ...") attributes it first.
      const said = runtimeNamed(this.page.lines[span.start.line] ?? '') ?? this.runtimeAt(span.start.line, span.cell);
      const candidates = tables.filter((x) => !said || x.r === said);
      if (!candidates.length) continue;
      // The key's own table (the first hypervisor of the runtime for hypervisor keys); only value checks
      // apply. Unattributed, a table both runtimes read it in, and only what both say.
      const t = said ? candidates[0].t : candidates.find((c) => candidates.some((o) => o.r !== c.r && o.t === c.t))?.t;
      if (!t) continue;
      const lead = span.text.length - span.text.trimStart().length;
      this.lintFragment([`[${t}]`, span.text.trim()], said, (line, character) => ({ line: span.start.line, character: span.start.character + lead + (line === 1 ? character : 0) }), 'this snippet', new Set(['kata-invalid-value', 'kata-type-mismatch']));
    }
  }

  /**
   * Lints fragment lines as a config of `runtime` (both when undefined: then only what both report).
   * `at` maps a fragment position to the page.
   */
  private lintFragment(lines: string[], runtime: Runtime | undefined, at: (line: number, character: number) => Pos, what: string, codes: ReadonlySet<string> = FRAGMENT_CODES, dropIn = false): void {
    const text = `${lines.join('\n')}\n`;
    const runtimes = runtime ? [runtime] : RUNTIMES;
    const per = runtimes.map((r) => {
      const source = { uri: dropIn ? `file:///kata-docs/${r}/config.d/50-docs.toml` : `file:///kata-docs/${r}/configuration.toml`, version: 0, getText: () => `${text}# kata-config: runtime=${r} release=${this.ctx.release}\n` };
      const service = this.service(r);
      const diags = service.diagnostics(source).filter((d) => d.range.start.line < lines.length && (codes.has(String(d.code)) || (codes === FRAGMENT_CODES && String(d.code).startsWith('toml-'))));
      service.forget(source.uri);
      return { r, diags };
    });
    const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}:${d.code}`;
    const other = per.length > 1 ? new Map(per[1].diags.map((d) => [key(d), d])) : undefined;
    for (const d of per[0].diags) {
      const rs = other?.get(key(d));
      if (other && !rs) continue;
      const start = at(d.range.start.line, d.range.start.character);
      const length = d.range.end.line === d.range.start.line ? d.range.end.character - d.range.start.character : 1;
      // Unattributed: wrong for both runtimes; each says what it does about it, at the milder severity.
      const severity = Math.max(d.severity ?? 1, rs?.severity ?? 1);
      const message = !rs
        ? `In ${what}, read as ${RUNTIME_NAME[runtime!]} ${this.ctx.release} configuration: ${d.message}`
        : rs.message === d.message
          ? `In ${what}, read as a Kata ${this.ctx.release} configuration of either runtime: ${d.message}`
          : `In ${what}, read as a Kata ${this.ctx.release} configuration of either runtime: Go runtime: ${d.message} runtime-rs: ${rs.message}`;
      this.report(start, Math.max(1, length), severity === 1 ? 1 : severity === 2 ? 2 : 3, String(d.code), message);
    }
  }

  // ---- annotations ----------------------------------------------------------------------------

  checkAnnotations(): void {
    const seen = (text: string, at: (i: number) => Pos, line: number, cell?: Cell) => {
      const re = /io\.katacontainers\.config\.[a-z_]+\.[a-z0-9_]+\b(?![.*<{])/g;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const name = m[0];
        // The row or sentence that names a runtime ("Go runtime timeout ...") attributes it first.
        const said = runtimeNamed(this.page.lines[line] ?? '') ?? this.runtimeAt(line, cell);
        const problem = annotationProblem(name, said, this.ctx.release);
        if (problem) this.report(at(m.index), name.length, 2, 'kata-doc-annotation', problem);
      }
    };
    for (const span of this.page.spans) seen(span.text, (i) => ({ line: span.start.line, character: span.start.character + i }), span.start.line, span.cell);
    for (const block of this.page.blocks) block.lines.forEach((l, i) => seen(l, (c) => ({ line: block.line + 1 + i, character: c + block.indents[i] }), block.line));
  }
}

const RUNTIME_DIRS: Record<Runtime, string> = { go: 'src/runtime', rs: 'src/runtime-rs' };

function catalogFiles(runtime: Runtime) {
  return HYPERVISORS.flatMap((h) => h.runtimes[runtime]?.files ?? []);
}

/** The Kata tables (as written: `hypervisor.qemu`, `agent.kata`, `runtime`) that read `key` in this runtime and release. */
function tablesWithKey(runtime: Runtime, release: Release, key: string): string[] {
  const schema = KataSchema.of({ runtime, release, arch: 'x86_64' });
  const out: string[] = [];
  const firstHv = schema.hypervisorTables()[0];
  for (const [kind, table] of [['hypervisor', `hypervisor.${firstHv}`], ['agent', 'agent.kata'], ['runtime', 'runtime']] as const) {
    if (schema.lookup(kind, key, kind === 'hypervisor' ? firstHv : undefined).status === 'valid' || schema.spec(kind, key)) out.push(table);
  }
  return out;
}

/**
 * The TOML a code block holds: the whole block for TOML (or an unlabelled block); for shell blocks
 * each here-document written to a `.toml` file or into `config.d/`; for YAML each `dropIn: |` block
 * (kata-deploy's Helm values). `first` is the fragment's first line in the block, `indent` what
 * was cut from each of its lines.
 */
export function fragmentsOf(lang: string, lines: readonly string[]): Array<{ lines: string[]; first: number; indent: number; dropIn: boolean }> {
  if (lang === 'toml' || lang === '') return [{ lines: [...lines], first: 0, indent: 0, dropIn: false }];
  const out: Array<{ lines: string[]; first: number; indent: number; dropIn: boolean }> = [];
  if (['bash', 'sh', 'shell', 'console', 'shell-session', 'zsh'].includes(lang)) {
    for (let i = 0; i < lines.length; i++) {
      const m = /<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(lines[i]);
      if (!m) continue;
      const target = /(?:>|tee(?:\s+-a)?)\s*(\S+)/.exec(lines[i])?.[1] ?? '';
      const end = lines.findIndex((l, k) => k > i && l.trim() === m[2]);
      if (end < 0) continue;
      if (/\.toml$|\/config\.d\//.test(target)) out.push({ lines: lines.slice(i + 1, end), first: i + 1, indent: 0, dropIn: /\/config\.d\//.test(target) });
      i = end;
    }
  } else if (lang === 'yaml' || lang === 'yml') {
    for (let i = 0; i < lines.length; i++) {
      const m = /^(\s*)dropIn:\s*\|[-+]?\s*$/.exec(lines[i]);
      if (!m) continue;
      let k = i + 1;
      const body: string[] = [];
      let indent = -1;
      for (; k < lines.length; k++) {
        const l = lines[k];
        const lead = l.length - l.trimStart().length;
        if (l.trim() && lead <= m[1].length) break;
        if (indent < 0 && l.trim()) indent = lead;
        body.push(l.slice(Math.max(0, indent)));
      }
      if (body.length && indent >= 0) out.push({ lines: body, first: i + 1, indent, dropIn: true });
      i = k - 1;
    }
  }
  return out;
}

function contentRuntime(text: string): Runtime | undefined {
  return /^\s*(?:hypervisor_name|agent_name)\s*=|name\s*=\s*"virt_container"/m.test(text) ? 'rs' : undefined;
}

/** Why a documented annotation name is wrong for the runtime(s) it is attributed to, or undefined. */
function annotationProblem(name: string, runtime: Runtime | undefined, release: Release): string | undefined {
  const runtimes = runtime ? [runtime] : RUNTIMES;
  if (runtimes.some((r) => annotationDefined(name, r, release))) return undefined;
  const close = RUNTIMES.flatMap((r) => annotationNames(r)).map((n) => ({ n, d: distance(n, name) })).sort((a, b) => a.d - b.d)[0];
  const mean = close && close.d <= 3 ? ` Did you mean ${close.n}?` : '';
  const elsewhere = RUNTIMES.map((r) => ({ r, set: annotationReleases(name, r) })).filter((x) => x.set);
  if (!elsewhere.length) return `Neither Kata runtime defines the annotation ${name} (at any release 3.2.0 on).${mean}`;
  const other = elsewhere.find((x) => x.set!.has(release));
  if (runtime && other) return `The ${RUNTIME_NAME[runtime]} ${release} has no annotation ${name}; only the ${RUNTIME_NAME[other.r]} does.`;
  const when = elsewhere.map((x) => `the ${RUNTIME_NAME[x.r]} ${x.set!.describeWhere()}`).join(', ');
  return `${runtime ? `The ${RUNTIME_NAME[runtime]}` : 'Neither Kata runtime'} ${release} ${runtime ? 'has' : 'defines'} no annotation ${name} (${when}).${mean}`;
}

/** The findings of one Markdown page. */
export function checkDocs(text: string, ctx: DocsContext): DocFinding[] {
  const checker = new Checker(scanMarkdown(text), ctx);
  checker.checkFileNames();
  checker.checkBlocks();
  checker.checkInlineSnippets();
  checker.checkAnnotations();
  return checker.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
