/**
 * The editor-independent language service: text in, LSP-shaped answers out. The LSP server and the
 * CLI are thin layers over it. It keeps one analysis (parse, target, Kata diagnostics) per
 * document version.
 */
import type { CodeAction, CompletionItem, Diagnostic, DocumentLink, DocumentSymbol, FoldingRange, Hover, InlayHint, Position } from 'vscode-languageserver-types';
import { parseToml, reparseToml, type TomlDocument } from './toml';
import { analyzeKata, type KataDiagnostic } from './kata/diagnostics';
import { maskPlaceholders } from './kata/diagnostics/templates';
import { detectTarget, type Target } from './kata/target';
import { codeActions } from './features/codeActions';
import { completions, resolveKeyDocumentation, type CompletionDeps, type KeyItemData } from './features/completion';
import { hover } from './features/hover';
import { documentLinks } from './features/links';
import { foldingRanges } from './features/folding';
import { kataDiagnostics } from './features/kataDiagnostics';
import { documentSymbols } from './features/symbols';
import { tomlDiagnostics } from './features/tomlDiagnostics';
import { capDiagnostics, MAX_DIAGNOSTICS } from './features/limits';
import type { Host, HostPaths } from './host';
import { posixPaths } from './posixPath';
import { annotationKey, hypervisorAnnotations } from './kata/annotations';
import { installedRelease, type InstalledRelease } from './kata/installedRelease';
import { KataSchema } from './kata/schema';
import { dropInEntryRefusal, type DropInRefusal } from './kata/effective/dropIns';
import { effectiveConfig, type EffectiveConfig, type EffectiveSource } from './kata/effective/model';
import { effectiveNotes, inlayHints, type EffectiveNote } from './features/effectiveNotes';
import { checkoutRelease, findTemplates, lintTemplates } from './checkout/templates';
import { checkDocs } from './checkout/docs';
import { checkoutRoot, hostReader } from './checkout/reader';
import { TemplateExpander, type KataArch, type SourceReader } from './upstream/templates';
import { NEWEST_RELEASE, parseRelease, resolveArch } from './kata/releases';
import { RecentCache } from './recentCache';

export interface TextSource {
  uri: string;
  version: number;
  getText(): string;
}

export interface ServiceSettings {
  /** Release assumed for files without a directive (`kata.release`). */
  release?: string;
  /** Architecture assumed for files without a directive (`kata.arch`). */
  arch?: string;
  /** Host checks: on, off, or 'auto' (only for files in Kata's install folders). */
  hostChecks?: boolean | 'auto';
  /** Link target for diagnostic codes (a docs page; `#code` is appended). */
  docsUrl?: string;
  /** The one architecture a Kata checkout's templates are expanded for in the editor (`kata.templateArch`); default all. */
  templateArch?: string;
}

export interface Analysis {
  doc: TomlDocument;
  target: Target;
  kata: KataDiagnostic[];
  /** The text the parser read (a template's placeholders masked), from which the next version is reparsed. */
  parsedText: string;
}

/** Hypervisor annotations of a target, for enable_annotations items and hovers. */
function annotations(target: Target): Array<{ name: string; key?: string; note?: string }> {
  return hypervisorAnnotations(target.runtime, target.release).map((a) => ({ name: a.name, key: annotationKey(a, target.runtime), note: a.note }));
}

const KATA_INSTALL_DIRS = ['/etc/kata-containers/', '/opt/kata/share/defaults/kata-containers/', '/usr/share/defaults/kata-containers/'];

/**
 * The base file a config.d drop-in is merged into: the configuration.toml beside the config.d
 * folder (Kata looks for config.d next to the resolved main file).
 */
export function dropInBase(file: string, host: Host): string | undefined {
  const m = /^(.*)[\\/]config\.d[\\/][^\\/]+$/.exec(file);
  if (!m) return undefined;
  const candidate = (host.paths ?? posixPaths).join(m[1], 'configuration.toml');
  return host.exists(candidate) ? host.realpath(candidate) : undefined;
}

/** How many documents keep their analysis between requests (recentCache.ts). */
const CACHED_DOCUMENTS = 8;

export class LanguageService {
  private readonly cache = new RecentCache<Analysis>(CACHED_DOCUMENTS);
  private readonly notesCache = new RecentCache<EffectiveNote[]>(CACHED_DOCUMENTS);
  private readonly templateCache = new RecentCache<Diagnostic[]>(CACHED_DOCUMENTS);
  /** Kata checkouts whose templates are open: their reader and Makefile readings. */
  private readonly checkouts = new Map<string, { reader: SourceReader; expander: TemplateExpander }>();
  private settings: ServiceSettings = {};
  /** The release each installed file's installation records, read once per file (files only, never binaries). */
  private readonly installations = new Map<string, InstalledRelease | undefined>();

  private readonly paths: HostPaths;
  /** False for a host without a machine (the browser worker): nothing is said about this machine. */
  private readonly machine: boolean;

  /**
   * @param incremental false: every version is parsed from scratch (the reference the incremental
   * path is tested against)
   */
  constructor(
    private readonly host: Host,
    private readonly incremental = true,
  ) {
    this.paths = host.paths ?? posixPaths;
    this.machine = host.machine !== false;
  }

  /** The file path of a URI, or undefined for URIs that are not files (untitled, in-memory, a browser's file system providers). */
  filePath(uri: string): string | undefined {
    return this.paths.fileUriPath(uri);
  }

  /** The `file:` URI of a path on the host's machine. */
  fileUri(path: string): string {
    return this.paths.pathFileUri(path);
  }

  configure(settings: ServiceSettings): void {
    this.settings = { ...settings };
    this.cache.clear();
    this.notesCache.clear();
    this.templateCache.clear();
    this.installations.clear();
  }

  private installation(file: string): InstalledRelease | undefined {
    if (!this.installations.has(file)) {
      const host = this.host;
      this.installations.set(file, installedRelease(file, { readFile: (p) => host.readFile(p), exists: (p) => host.exists(p), realPath: (p) => host.realpath(p) }));
    }
    return this.installations.get(file);
  }

  private targetSettings(file: string | undefined) {
    return { release: this.settings.release, arch: this.settings.arch, hostArch: this.host.arch, installation: file ? this.installation(file) : undefined };
  }

  /** Parse, target and Kata diagnostics for this version, computed at most once per version. */
  analyze(source: TextSource): Analysis {
    const hit = this.cache.get(source.uri, source.version);
    if (hit) return hit;
    const text = source.getText();
    const file = this.filePath(source.uri);
    const name = file ?? source.uri;
    const template = name.endsWith('.toml.in');
    const masked = template ? maskPlaceholders(text) : { text, placeholders: new Set<number>() };
    // The previous version's parse is reused where the edit did not reach (toml/incremental.ts); it
    // is consumed, so that analysis leaves the cache now.
    const previous = this.incremental ? this.cache.latest(source.uri) : undefined;
    if (previous) this.cache.delete(source.uri);
    const doc = previous ? reparseToml(previous.value.doc, previous.value.parsedText, masked.text) : parseToml(masked.text);
    if (template) doc.text = text; // same length: every range stays valid, slices show the real text
    let target = detectTarget(file ?? name, doc, this.targetSettings(file));
    let baseHypervisors: string[] | undefined;
    const base = file && target.dropIn ? dropInBase(file, this.host) : undefined;
    const baseText = base ? this.host.readFile(base) : undefined;
    if (base && baseText !== undefined) {
      // A drop-in is read as part of its base file: same runtime, release and architecture.
      const baseTarget = detectTarget(base, parseToml(baseText), this.targetSettings(base));
      const own = target;
      const directive = (part: string) => own.why[part as 'runtime'].startsWith('set by the kata-config directive');
      target = {
        ...own,
        runtime: directive('runtime') ? own.runtime : baseTarget.runtime,
        release: directive('release') ? own.release : baseTarget.release,
        arch: directive('arch') ? own.arch : baseTarget.arch,
        why: {
          ...own.why,
          runtime: directive('runtime') ? own.why.runtime : `from the base file ${base}: ${baseTarget.why.runtime}`,
          release: directive('release') ? own.why.release : `from the base file ${base}: ${baseTarget.why.release}`,
          arch: directive('arch') ? own.why.arch : `from the base file ${base}: ${baseTarget.why.arch}`,
        },
      };
      baseHypervisors = baseTarget.hypervisors;
    }
    const hostChecks = this.machine && (this.settings.hostChecks === 'auto' || this.settings.hostChecks === undefined ? !!file && KATA_INSTALL_DIRS.some((d) => file.startsWith(d)) : this.settings.hostChecks);
    const kata = analyzeKata(doc, target, {
      hostChecks,
      placeholders: masked.placeholders,
      filePath: file ? this.paths.resolve(file) : undefined,
      host: this.host,
      baseHypervisors,
    });
    const analysis = { doc, target, kata, parsedText: masked.text };
    this.cache.set(source.uri, source.version, analysis);
    return analysis;
  }

  parse(source: TextSource): TomlDocument {
    return this.analyze(source).doc;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.notesCache.delete(uri);
    this.templateCache.delete(uri);
  }

  /** Files on disk changed (a drop-in, a base file): the effective notes of every document are recomputed on next use. */
  filesChanged(): void {
    this.notesCache.clear();
    this.templateCache.clear();
    this.checkouts.clear();
  }

  diagnostics(source: TextSource): Diagnostic[] {
    const fromTemplate = this.templateDiagnostics(source);
    if (fromTemplate) return fromTemplate;
    const { doc, kata } = this.analyze(source);
    // At most MAX_DIAGNOSTICS (errors first) and a notice when more were found: TOML errors beyond
    // the cap are never converted, and the Kata analysis itself stops one past the cap.
    // In the order of the text, whichever check found them (TOML, Kata rules, host checks).
    const all = [...tomlDiagnostics(doc, source.uri, MAX_DIAGNOSTICS + 1), ...kataDiagnostics(doc, source.uri, kata, this.settings.docsUrl)];
    all.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return capDiagnostics(all, MAX_DIAGNOSTICS);
  }

  /**
   * A config template of a Kata checkout (`src/runtime/config/`, `src/runtime-rs/config/`, below a folder with the
   * runtimes' Makefiles), with a release from its VERSION file or the kata.release setting: the
   * diagnostics of its expansions, one per template position, for every architecture that installs
   * it (or the kata.templateArch one), as `kata-config lint --kata-source` reports them. Undefined
   * for any other file, which gets the placeholder-masked reading of analyze().
   */
  templateDiagnostics(source: TextSource): Diagnostic[] | undefined {
    const file = this.filePath(source.uri);
    if (!file?.endsWith('.toml.in')) return undefined;
    const hit = this.templateCache.get(source.uri, source.version);
    if (hit) return hit;
    const root = checkoutRoot(file, (p) => this.host.exists(p), this.paths);
    const rel = root && this.paths.relative(root, this.paths.resolve(file)).split(this.paths.sep).join('/');
    if (!root || !rel || !/^src\/runtime(-rs)?\/config\/[^/]+\.toml\.in$/.test(rel)) return undefined;
    let checkout = this.checkouts.get(root);
    if (!checkout) {
      const reader = hostReader(root, this.host);
      checkout = { reader, expander: new TemplateExpander(reader) };
      this.checkouts.set(root, checkout);
    }
    const version = checkoutRelease(checkout.reader);
    const release = (version && parseRelease(version).release) || (this.settings.release && parseRelease(this.settings.release).release);
    if (!release) return undefined;
    const arch = this.settings.templateArch ? resolveArch(this.settings.templateArch) : undefined;
    let result: ReturnType<typeof lintTemplates>;
    try {
      result = lintTemplates(checkout.reader, release, { only: [rel], texts: new Map([[rel, source.getText()]]), expander: checkout.expander, arches: arch ? [arch as KataArch] : undefined });
    } catch {
      return undefined; // a Makefile this reader cannot follow: the masked reading still helps
    }
    const installed = result.installedFor.get(rel) ?? [];
    if (!installed.length) return undefined;
    const diagnostics: Diagnostic[] = result.reports.map((r) => ({
      range: r.range,
      severity: r.severity,
      code: r.code,
      source: 'kata-config',
      message: `${r.message}${r.arches.length < installed.length ? ` (${r.arches.join(', ')} only)` : ''}`,
      ...(this.settings.docsUrl ? { codeDescription: { href: `${this.settings.docsUrl}#${r.code}` } } : {}),
    }));
    this.templateCache.set(source.uri, source.version, diagnostics);
    return diagnostics;
  }

  /**
   * A Markdown page of a Kata checkout checked against Kata (checkout/docs.ts), as `kata-config
   * docs` does: the checkout's templates, its VERSION (else kata.release, else the newest release).
   * Nothing for a page outside a checkout: its names and snippets could be about anything.
   */
  docsDiagnostics(source: TextSource): Diagnostic[] {
    const file = this.filePath(source.uri);
    const root = file && checkoutRoot(file, (p) => this.host.exists(p), this.paths);
    if (!file || !root) return [];
    const reader = hostReader(root, this.host);
    const version = checkoutRelease(reader);
    const release = (version && parseRelease(version).release) || (this.settings.release && parseRelease(this.settings.release).release) || NEWEST_RELEASE;
    const rel = this.paths.relative(root, this.paths.resolve(file)).split(this.paths.sep).join('/');
    return checkDocs(source.getText(), { path: rel, release, templates: findTemplates(reader) }).map((d) => ({
      ...d,
      source: 'kata-config',
      ...(this.settings.docsUrl ? { codeDescription: { href: `${this.settings.docsUrl}#${d.code}` } } : {}),
    }));
  }

  /**
   * The quick fixes of the diagnostics a client sends back. A client that does not keep a
   * diagnostic's `data` (no publishDiagnostics.dataSupport) sends it without its fixes: they are
   * found again among this version's diagnostics with the same code and range.
   */
  codeActions(source: TextSource, diagnostics: Diagnostic[]): CodeAction[] {
    const key = (d: Diagnostic) => `${d.code}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
    let own: Map<string, Diagnostic> | undefined;
    const withFixes = diagnostics.map((d) => {
      if (d.data !== undefined || d.code === undefined) return d;
      own ??= new Map(this.diagnostics(source).map((o) => [key(o), o]));
      const found = own.get(key(d));
      return found?.data !== undefined ? { ...d, data: found.data } : d;
    });
    return codeActions(source.uri, withFixes);
  }

  /** `docs`, `snippets`, `additionalEdits`: how items are written for the client (features/completion.ts CompletionDeps). */
  completion(source: TextSource, position: Position, options: Pick<CompletionDeps, 'docs' | 'snippets' | 'additionalEdits'> = {}): CompletionItem[] {
    const { doc, target } = this.analyze(source);
    return completions(doc, target, doc.lines.offsetAt(position), { host: this.machine ? this.host : undefined, annotations, ...options });
  }

  /** The documentation of an item completion() sent with `docs: 'lazy'` (the item unchanged when it has nothing to add). */
  resolveCompletion(source: TextSource, item: CompletionItem): CompletionItem {
    const data = item.data as Partial<KeyItemData> | undefined;
    if (!data?.kataKey || item.documentation !== undefined) return item;
    const { target } = this.analyze(source);
    const documentation = resolveKeyDocumentation(target, data as KeyItemData, item.label);
    return documentation ? { ...item, documentation } : item;
  }

  hover(source: TextSource, position: Position): Hover | null {
    const { doc, target } = this.analyze(source);
    const offset = doc.lines.offsetAt(position);
    const answer = hover(doc, target, offset, { host: this.machine ? this.host : undefined, annotations });
    // On a key whose effective value is not its text: what Kata uses, and from where.
    if (!answer || !answer.range || typeof answer.contents !== 'object' || !('kind' in answer.contents)) return answer;
    const line = answer.range.start.line;
    const note = this.effectiveNotes(source).find((n) => doc.lines.positionAt(n.at.start).line === line && n.at.key.start <= offset && offset <= n.at.key.end);
    return note ? { ...answer, contents: { kind: 'markdown', value: `${note.markdown}\n\n---\n\n${answer.contents.value}` } } : answer;
  }

  /**
   * The keys of this file whose effective value is not the text: rewritten by Kata, overridden by a
   * later drop-in, or the host's. None for templates (their values are placeholders until built).
   */
  effectiveNotes(source: TextSource): EffectiveNote[] {
    const hit = this.notesCache.get(source.uri, source.version);
    if (hit) return hit;
    const { doc, target } = this.analyze(source);
    const name = this.filePath(source.uri) ?? source.uri;
    let notes: EffectiveNote[] = [];
    if (!name.endsWith('.toml.in') && doc.errors.length === 0) {
      const schema = KataSchema.of(target);
      const config = this.effective(source);
      // The name this file has in the model: the base as given, a drop-in as found in config.d (the base's real folder).
      const real = this.host.realpath(name);
      const own = target.dropIn ? (config.dropIns.find((d) => this.paths.resolve(d) === this.paths.resolve(name) || this.host.realpath(d) === real) ?? name) : config.base;
      notes = effectiveNotes(config, own, doc, (e) => schema.spec(e.kind, e.key)?.unit);
    }
    this.notesCache.set(source.uri, source.version, notes);
    return notes;
  }

  /** Inlay hints after the values whose effective value is not the text (the lines of `range`, else all). */
  inlayHints(source: TextSource, range?: { start: Position; end: Position }): InlayHint[] {
    const { doc } = this.analyze(source);
    return inlayHints(this.effectiveNotes(source), doc, range && { startLine: range.start.line, endLine: range.end.line });
  }

  links(source: TextSource): DocumentLink[] {
    const { doc, target } = this.analyze(source);
    return documentLinks(doc, target, this.host);
  }

  /**
   * The effective configuration of a base file: its drop-ins are the entries of the config.d folder
   * beside the file's resolved path (symlinks followed, as both runtimes do), every entry whatever its
   * name, applied in name order. `dropIns: false` shows the file alone. A drop-in asked for on its own
   * is shown with its base file and the other drop-ins.
   */
  effective(source: TextSource, options: { dropIns?: boolean } = {}): EffectiveConfig & { base: string; dropIns: string[] } {
    const { target, doc } = this.analyze(source);
    const file = this.filePath(source.uri);
    const name = file ?? source.uri;
    // The analysis already parsed this text (a template's is masked: parse the real text then).
    let base: EffectiveSource = { path: name, text: source.getText(), ...(name.endsWith('.toml.in') ? {} : { doc }) };
    const dropIns: EffectiveSource[] = [];
    const entryRefusals: DropInRefusal[] = [];
    if (file && options.dropIns !== false) {
      const baseFile = target.dropIn ? dropInBase(file, this.host) : this.host.realpath(file);
      const own = this.paths.resolve(file);
      if (baseFile) {
        if (target.dropIn) base = { path: baseFile, text: this.host.readFile(baseFile) ?? '' };
        const dir = this.paths.join(this.paths.dirname(baseFile), 'config.d');
        for (const e of (this.host.list(dir) ?? []).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
          const p = this.paths.join(dir, e.name);
          const refusal = dropInEntryRefusal(target.runtime, p, e);
          if (refusal) entryRefusals.push(refusal);
          if (e.directory) continue;
          const text = this.paths.resolve(p) === own ? source.getText() : this.host.readFile(p);
          if (text !== undefined) dropIns.push({ path: p, text });
        }
      }
    }
    const result = effectiveConfig(KataSchema.of(target), base, dropIns);
    // Kata meets the directory entries in name order too; an entry it cannot read stops the load where it stands.
    const refused = [...entryRefusals, ...result.refused].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.offset - b.offset));
    return { ...result, refused, base: base.path, dropIns: dropIns.map((d) => d.path) };
  }

  symbols(source: TextSource): DocumentSymbol[] {
    return documentSymbols(this.parse(source));
  }

  folding(source: TextSource): FoldingRange[] {
    return foldingRanges(this.parse(source));
  }
}
