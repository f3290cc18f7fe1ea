/**
 * Lints a Kata checkout's config templates (`src/runtime/config/*.toml.in`,
 * `src/runtime-rs/config/*.toml.in`) as Kata builds them: each template is expanded for each
 * architecture the way `make install-configs` does (server/src/upstream/templates.ts, byte for byte
 * what make writes), each expansion is linted as the installed file it becomes (its install path,
 * the checkout's release, that architecture), and every diagnostic is carried back to the template's
 * own line and columns. One report per template position and code, naming the architectures it
 * holds for. A placeholder the Makefile never substitutes is reported at the placeholder.
 *
 * The expansions are linted with a file system that holds nothing: no installation on this machine
 * may decide their release, and no host path check applies to a file that is not installed.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Host } from '../host';
import { LanguageService } from '../languageService';
import { KATA_ARCHES, RUNTIME_DIRS, TemplateExpander, type KataArch, type KataRuntime, type SourceReader } from '../upstream/templates';
import { columnMap, commentStart } from './columns';

export interface TemplateReport {
  /** Repository-relative template path. */
  template: string;
  /** 0-based, in the template's text. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 1 | 2 | 3 | 4;
  code: string;
  /** The message of the first architecture it holds for (others may word values differently). */
  message: string;
  /** The architectures whose expansion has this finding, in Kata's arch names. */
  arches: KataArch[];
  /** The installed file the template becomes (per arch the same name). */
  installed: string;
}

export interface ExpansionSummary {
  runtime: KataRuntime;
  arch: KataArch;
  /** False when the Makefile refuses the architecture (then `reason`). */
  supported: boolean;
  reason?: string;
  files: number;
}

export interface TemplateLintResult {
  release: string;
  reports: TemplateReport[];
  expansions: ExpansionSummary[];
  /** The templates found, repository-relative. */
  templates: string[];
  /** The architectures whose install makes each template into a config file. */
  installedFor: Map<string, KataArch[]>;
}

export interface TemplateLintOptions {
  /** Kata's arch names to expand for (default: every one the Makefiles know). */
  arches?: readonly KataArch[];
  /** Only these templates (repository-relative); default all. */
  only?: readonly string[];
  /** Template texts that replace the checkout's (an editor's unsaved buffer), by repository-relative path. */
  texts?: ReadonlyMap<string, string>;
  /** Reuse the Makefile readings of an earlier call on the same checkout (an editor re-linting as the user types). */
  expander?: TemplateExpander;
}

const EMPTY_HOST: Host = { exists: () => false, readFile: () => undefined, realpath: (p) => p, list: () => undefined };

/** The checkout's config templates, repository-relative, sorted. */
export function findTemplates(reader: SourceReader): string[] {
  const out: string[] = [];
  for (const runtime of ['go', 'rs'] as const) {
    const dir = `${RUNTIME_DIRS[runtime]}/config`;
    for (const name of reader.list?.(dir) ?? []) if (name.endsWith('.toml.in')) out.push(`${dir}/${name}`);
  }
  return out.sort();
}

/** The release a checkout is at: its VERSION file (`4.1.0`, `3.20.0-rc0`, ...), without the pre-release part. */
export function checkoutRelease(reader: SourceReader): string | undefined {
  const raw = reader.read('VERSION')?.trim();
  const m = raw && /^v?(\d+\.\d+\.\d+)/.exec(raw);
  return m ? m[1] : undefined;
}

function key(template: string, line: number, character: number, code: string): string {
  return `${template}\0${line}\0${character}\0${code}`;
}

export function lintTemplates(reader: SourceReader, release: string, options: TemplateLintOptions = {}): TemplateLintResult {
  const expander = options.expander ?? new TemplateExpander(reader);
  const arches = options.arches?.length ? options.arches : KATA_ARCHES;
  const only = options.only ? new Set(options.only) : undefined;
  const templates = findTemplates(reader).filter((t) => !only || only.has(t));
  const reports = new Map<string, TemplateReport>();
  const expansions: ExpansionSummary[] = [];
  const installedFor = new Map<string, KataArch[]>();
  const services = new Map<KataArch, LanguageService>();
  const serviceFor = (arch: KataArch) => {
    let s = services.get(arch);
    if (!s) {
      s = new LanguageService(EMPTY_HOST);
      s.configure({ release, arch, hostChecks: false });
      services.set(arch, s);
    }
    return s;
  };
  const add = (template: string, installed: string, arch: KataArch, d: Pick<TemplateReport, 'range' | 'severity' | 'code' | 'message'>) => {
    const k = key(template, d.range.start.line, d.range.start.character, d.code);
    const seen = reports.get(k);
    if (seen) {
      if (!seen.arches.includes(arch)) seen.arches.push(arch);
      if (d.severity < seen.severity) seen.severity = d.severity;
      return;
    }
    reports.set(k, { template, ...d, arches: [arch], installed });
  };

  for (const runtime of ['go', 'rs'] as const) {
    for (const arch of arches) {
      const result = expander.installed(runtime, arch);
      expansions.push({ runtime, arch, supported: result.supported, ...(result.reason ? { reason: result.reason } : {}), files: result.files.length });
      for (const planned of result.files) {
        if (!templates.includes(planned.template)) continue;
        const list = installedFor.get(planned.template) ?? [];
        if (!list.includes(arch)) list.push(arch);
        installedFor.set(planned.template, list);
        const own = options.texts?.get(planned.template);
        const file = own === undefined ? planned : expander.expand(runtime, arch, planned.template, own);
        if (!file) continue;
        const templateText = own ?? reader.read(file.template) ?? '';
        const templateLines = templateText.split('\n');
        const outputLines = file.text.split('\n');
        const uri = `file://${file.path}`;
        const diagnostics: Diagnostic[] = serviceFor(arch).diagnostics({ uri, version: 0, getText: () => file.text });
        const sameShape = templateLines.length === outputLines.length;
        for (const d of diagnostics) {
          const code = String(d.code ?? '');
          // Our own report below says the same, at the placeholder of the template.
          if (code === 'kata-unexpanded-placeholder') continue;
          const range = sameShape ? mapRange(d.range, templateLines, outputLines) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
          add(file.template, file.name, arch, { range, severity: (d.severity ?? 1) as TemplateReport['severity'], code, message: d.message });
        }
        for (const p of unexpandedAt(templateLines, outputLines, file.unexpanded)) {
          const where = RUNTIME_DIRS[runtime];
          add(file.template, file.name, arch, {
            range: { start: { line: p.line, character: p.start }, end: { line: p.line, character: p.end } },
            severity: p.inComment ? 3 : 1,
            code: 'kata-template-unexpanded',
            message: p.inComment
              ? `${p.name} is never substituted by ${where}/Makefile: the installed ${file.name} keeps it literally in this comment.`
              : `${p.name} is never substituted by ${where}/Makefile: the installed ${file.name} gets the literal text ${p.name} as this value.`,
          });
        }
      }
    }
  }
  const list = [...reports.values()].sort((a, b) => (a.template < b.template ? -1 : a.template > b.template ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : 1)));
  for (const r of list) r.arches.sort((a, b) => KATA_ARCHES.indexOf(a) - KATA_ARCHES.indexOf(b));
  return { release, reports: list, expansions, templates, installedFor };
}

function mapRange(range: Diagnostic['range'], templateLines: string[], outputLines: string[]): TemplateReport['range'] {
  const at = (p: { line: number; character: number }, end: boolean) => {
    const map = columnMap(templateLines[p.line] ?? '', outputLines[p.line] ?? '');
    return { line: p.line, character: map(p.character, end) };
  };
  return { start: at(range.start, false), end: at(range.end, true) };
}

/** The surviving placeholders' positions in the template (a placeholder is surviving when the output line still has it). */
function unexpandedAt(templateLines: string[], outputLines: string[], names: readonly string[]): Array<{ name: string; line: number; start: number; end: number; inComment: boolean }> {
  const out: Array<{ name: string; line: number; start: number; end: number; inComment: boolean }> = [];
  if (!names.length) return out;
  for (let line = 0; line < templateLines.length; line++) {
    const t = templateLines[line];
    const o = outputLines[line] ?? '';
    for (const name of names) {
      for (let i = t.indexOf(name); i >= 0; i = t.indexOf(name, i + 1)) {
        // `@NAME` without its closing `@` must not match the start of a longer name.
        if (!name.endsWith('@') && /[A-Za-z0-9_@]/.test(t[i + name.length] ?? '')) continue;
        if (!o.includes(name)) continue;
        const hash = commentStart(t);
        out.push({ name, line, start: i, end: i + name.length, inComment: hash >= 0 && hash < i });
      }
    }
  }
  return out;
}
