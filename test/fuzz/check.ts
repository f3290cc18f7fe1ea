/**
 * The properties every input must have, shared by the fuzzer (`test/fuzz/fuzz.ts`) and the replay
 * of saved failures (`test/unit/fuzzRegressions.test.ts`): the bytes are decoded as the CLI does,
 * then every request of the language service answers without throwing, every range it returns lies
 * inside the document, lists respect their caps, and every answer survives JSON serialization
 * (what JSON-RPC does to it).
 */
import type { CompletionItem, Diagnostic, DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { LanguageService, type ServiceSettings, type TextSource } from '../../server/src/languageService';
import type { Host } from '../../server/src/host';
import { decodeTomlBytes, toPlain } from '../../server/src/toml';
import { MAX_DIAGNOSTICS, MAX_FOLDING_RANGES, MAX_SYMBOLS } from '../../server/src/features/limits';
import { checkIncrementalParse, checkIncrementalService, randomEdit } from '../support/incremental';
import { Rng } from './mutate';

/** Where the input is analyzed from: the file it pretends to be and the user's settings. */
export interface InputContext {
  uri: string;
  settings: ServiceSettings;
}

/** What one input's check did: the problems found (none = pass) and how many requests answered. */
export interface CheckResult {
  problems: string[];
  requests: number;
  /** Of the time the check took, what the incremental = full comparison spent (it analyses each edited version twice): not the product's time. */
  incrementalMs: number;
}

const MAX_LINKS = 1000;

/** A deterministic stand-in for the machine: some paths exist, a base file for drop-ins, a few folder entries. */
export function fakeHost(baseText: string | undefined): Host {
  const hash = (s: string) => {
    let h = 2166136261;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
    return h >>> 0;
  };
  return {
    exists: (p) => p.endsWith('/configuration.toml') || hash(p) % 3 === 0,
    readFile: (p) => (p.endsWith('/configuration.toml') ? baseText : undefined),
    realpath: (p) => p,
    list: (dir) => (hash(dir) % 2 === 0 ? [{ name: 'vmlinux.container', directory: false }, { name: 'qemu', directory: true }, { name: '.hidden', directory: false }] : undefined),
  };
}

/** Line lengths (without the line break) of the text as LSP counts lines (`\n`, `\r\n` and a lone `\r` end one), independently of the engine's LineIndex. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

class Checker {
  readonly problems: string[] = [];
  requests = 0;

  constructor(readonly lines: number[]) {}

  fail(what: string): void {
    if (this.problems.length < 20) this.problems.push(what);
  }

  position(p: Position | undefined, what: string): boolean {
    const ok =
      !!p &&
      Number.isInteger(p.line) &&
      Number.isInteger(p.character) &&
      p.line >= 0 &&
      p.line < this.lines.length &&
      p.character >= 0 &&
      p.character <= this.lines[p.line];
    if (!ok) this.fail(`${what}: position ${JSON.stringify(p)} is outside the document (${this.lines.length} lines${p && p.line >= 0 && p.line < this.lines.length ? `, line ${p.line} has ${this.lines[p.line]} characters` : ''})`);
    return ok;
  }

  range(r: Range | undefined, what: string): boolean {
    if (!r) {
      this.fail(`${what}: no range`);
      return false;
    }
    if (!this.position(r.start, `${what} start`) || !this.position(r.end, `${what} end`)) return false;
    if (before(r.end, r.start)) {
      this.fail(`${what}: range ${JSON.stringify(r)} ends before it starts`);
      return false;
    }
    return true;
  }

  /** Edits of one change must be valid and must not overlap (clients refuse such edits). */
  edits(edits: TextEdit[] | undefined, what: string): void {
    if (!Array.isArray(edits)) {
      this.fail(`${what}: edits are not an array`);
      return;
    }
    edits.forEach((e, i) => {
      this.range(e.range, `${what} edit ${i}`);
      if (typeof e.newText !== 'string') this.fail(`${what} edit ${i}: newText is not a string`);
    });
    const sorted = [...edits].sort((a, b) => compare(a.range.start, b.range.start) || compare(a.range.end, b.range.end));
    for (let i = 1; i < sorted.length; i++) {
      if (before(sorted[i].range.start, sorted[i - 1].range.end)) this.fail(`${what}: edits overlap: ${JSON.stringify(sorted[i - 1].range)} and ${JSON.stringify(sorted[i].range)}`);
    }
  }

  json(value: unknown, what: string): void {
    try {
      JSON.stringify(value);
    } catch (e) {
      this.fail(`${what}: cannot be sent as JSON: ${(e as Error).message}`);
    }
  }

  diagnostics(diags: Diagnostic[]): void {
    if (!Array.isArray(diags)) return this.fail('diagnostics: not an array');
    if (diags.length > MAX_DIAGNOSTICS + 1) this.fail(`diagnostics: ${diags.length} exceed the cap of ${MAX_DIAGNOSTICS} (+1 notice)`);
    diags.forEach((d, i) => {
      const what = `diagnostic ${i} (${String(d.code)})`;
      this.range(d.range, what);
      if (typeof d.message !== 'string' || !d.message) this.fail(`${what}: no message`);
      d.relatedInformation?.forEach((r, j) => this.range(r.location.range, `${what} related ${j}`));
      const fixes = (d.data as { fixes?: Array<{ title: string; edits: TextEdit[] }> } | undefined)?.fixes;
      fixes?.forEach((f, j) => this.edits(f.edits, `${what} fix ${j} "${f.title}"`));
    });
    this.json(diags, 'diagnostics');
  }

  symbols(symbols: DocumentSymbol[]): void {
    if (!Array.isArray(symbols)) return this.fail('symbols: not an array');
    let count = 0;
    const visit = (s: DocumentSymbol, path: string, depth: number): void => {
      count++;
      if (!s.name) this.fail(`symbol ${path}: empty name`);
      const ok = this.range(s.range, `symbol ${path} range`) && this.range(s.selectionRange, `symbol ${path} selectionRange`);
      if (ok && (before(s.selectionRange.start, s.range.start) || before(s.range.end, s.selectionRange.end))) {
        this.fail(`symbol ${path}: selectionRange ${JSON.stringify(s.selectionRange)} is not inside its range ${JSON.stringify(s.range)}`);
      }
      if (depth > 2000) return this.fail(`symbol ${path}: nested deeper than 2000`);
      s.children?.forEach((c, i) => visit(c, `${path}/${i}`, depth + 1));
    };
    symbols.forEach((s, i) => visit(s, String(i), 0));
    if (count > MAX_SYMBOLS + 1) this.fail(`symbols: ${count} exceed the cap of ${MAX_SYMBOLS} (+1 notice)`);
    this.json(symbols, 'symbols');
  }

  completion(items: CompletionItem[], at: Position): void {
    if (!Array.isArray(items)) return this.fail('completion: not an array');
    items.forEach((item, i) => {
      const what = `completion item ${i} "${item.label}" at ${at.line}:${at.character}`;
      const edit = item.textEdit;
      if (edit && 'range' in edit) {
        if (this.range(edit.range, what)) {
          // LSP: the edit's range is on one line and contains the position completion was asked at.
          if (edit.range.start.line !== edit.range.end.line) this.fail(`${what}: textEdit spans lines ${JSON.stringify(edit.range)}`);
          else if (before(at, edit.range.start) || before(edit.range.end, at)) this.fail(`${what}: textEdit ${JSON.stringify(edit.range)} does not contain the position`);
        }
      } else if (edit) {
        this.range(edit.insert, `${what} insert`);
        this.range(edit.replace, `${what} replace`);
      }
      item.additionalTextEdits?.forEach((e, j) => this.range(e.range, `${what} additionalTextEdit ${j}`));
      if (edit && 'range' in edit && item.additionalTextEdits) this.edits([edit, ...item.additionalTextEdits], what);
    });
    this.json(items, 'completion');
  }
}

function compare(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

function before(a: Position, b: Position): boolean {
  return compare(a, b) < 0;
}

/**
 * Runs every request on the decoded input and checks the answers. Never throws: an exception in
 * the language service is a problem of the input.
 */
export function checkInput(
  bytes: Uint8Array,
  context: InputContext,
  positions: Position[],
  baseText?: string,
  reuse?: { service: LanguageService; version: number },
): CheckResult & { text: string } {
  const text = decodeTomlBytes(bytes).text;
  const checker = new Checker(lineLengths(text));
  // A caller's service (configured by the caller) keeps its analysis of this text and version: no second parse.
  const service = reuse?.service ?? new LanguageService(fakeHost(baseText));
  if (!reuse) service.configure(context.settings);
  const source: TextSource = { uri: context.uri, version: reuse?.version ?? 1, getText: () => text };
  const request = <T>(name: string, run: () => T): T | undefined => {
    checker.requests++;
    try {
      return run();
    } catch (e) {
      const err = e as Error;
      checker.fail(`${name} threw ${err?.name ?? 'an exception'}: ${err?.message ?? String(e)}\n${(err?.stack ?? '').split('\n').slice(1, 8).join('\n')}`);
      return undefined;
    }
  };

  const doc = request('parse', () => service.parse(source));
  if (doc) request('toPlain', () => toPlain(doc.root));
  const diags = request('diagnostics', () => service.diagnostics(source));
  if (diags) {
    checker.diagnostics(diags);
    const actions = request('codeActions', () => service.codeActions(source, diags));
    if (actions) {
      actions.forEach((a, i) => {
        const changes = a.edit?.changes ?? {};
        for (const [uri, edits] of Object.entries(changes)) {
          if (uri !== context.uri) checker.fail(`code action ${i} "${a.title}" edits another document (${uri})`);
          checker.edits(edits, `code action ${i} "${a.title}"`);
        }
      });
      checker.json(actions, 'codeActions');
    }
  }
  const symbols = request('symbols', () => service.symbols(source));
  if (symbols) checker.symbols(symbols);
  const folding = request('folding', () => service.folding(source));
  if (folding) {
    if (folding.length > MAX_FOLDING_RANGES) checker.fail(`folding: ${folding.length} ranges exceed the cap of ${MAX_FOLDING_RANGES}`);
    const lines = checker.lines.length;
    folding.forEach((f, i) => {
      if (!Number.isInteger(f.startLine) || !Number.isInteger(f.endLine) || f.startLine < 0 || f.endLine < f.startLine || f.endLine >= lines) {
        checker.fail(`folding range ${i} ${JSON.stringify(f)} is outside the document (${lines} lines)`);
      }
    });
    checker.json(folding, 'folding');
  }
  const links = request('links', () => service.links(source));
  if (links) {
    if (links.length > MAX_LINKS) checker.fail(`links: ${links.length} exceed the cap of ${MAX_LINKS}`);
    links.forEach((l, i) => {
      checker.range(l.range, `link ${i}`);
      if (typeof l.target !== 'string') checker.fail(`link ${i}: no target`);
    });
    checker.json(links, 'links');
  }
  for (const at of positions) {
    const items = request(`completion at ${at.line}:${at.character}`, () => service.completion(source, at));
    if (items) checker.completion(items, at);
    const hover = request(`hover at ${at.line}:${at.character}`, () => service.hover(source, at));
    if (hover) {
      if (hover.range) checker.range(hover.range, `hover at ${at.line}:${at.character}`);
      checker.json(hover, 'hover');
    }
  }
  const incrementalStart = performance.now();
  for (const problem of incrementalProblems(text, context, baseText)) checker.fail(problem);
  return { problems: checker.problems, requests: checker.requests, text, incrementalMs: performance.now() - incrementalStart };
}

/** Edits typed into an input after it is analysed, each one the same for the same input. */
export const INCREMENTAL_EDITS = 4;
/** Inputs larger than this get the incremental parse check only (the service check analyses each version twice). */
const INCREMENTAL_SERVICE_MAX = 300_000;

/**
 * The incremental = full property on this input: INCREMENTAL_EDITS random edits (seeded by the
 * text, so a replay makes the same ones), each parsed incrementally and from scratch, and the
 * versions analysed by a service that reuses its previous analysis and by one that does not.
 */
export function incrementalProblems(text: string, context: InputContext, baseText?: string): string[] {
  const r = new Rng(hashText(text), 1);
  const texts = [text];
  for (let k = 0; k < INCREMENTAL_EDITS; k++) texts.push(randomEdit(texts[texts.length - 1], r));
  const problems = checkIncrementalParse(texts).problems.map((p) => `incremental parse: ${p}`);
  if (text.length <= INCREMENTAL_SERVICE_MAX) problems.push(...checkIncrementalService(texts, context.uri, context.settings, () => fakeHost(baseText)));
  return problems;
}

function hashText(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i += 7) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h ^ text.length) >>> 0;
}

/** Every position of a small text, or the start, middle and end of each line (up to a bound) of a larger one. */
export function replayPositions(text: string, maxPositions = 3000): Position[] {
  const lines = lineLengths(text);
  const total = lines.reduce((n, l) => n + l + 1, 0);
  const out: Position[] = [];
  if (total <= maxPositions) {
    lines.forEach((len, line) => {
      for (let character = 0; character <= len; character++) out.push({ line, character });
    });
    return out;
  }
  const step = Math.max(1, Math.floor(lines.length / Math.floor(maxPositions / 3)));
  for (let line = 0; line < lines.length; line += step) {
    for (const character of new Set([0, Math.floor(lines[line] / 2), lines[line]])) out.push({ line, character });
  }
  out.push({ line: lines.length - 1, character: lines[lines.length - 1] });
  return out;
}
