/**
 * Large and hostile files: a 10 MB file, 100 000 lines, a 10 000-element array, a 1 MB line, deep
 * nesting, patterns that make a backtracking regex engine explode. The language service answers
 * every request on each, with every range inside the document (the fuzzer's checks), and caps what
 * it computes: at most MAX_DIAGNOSTICS diagnostics and MAX_SYMBOLS symbols, each list ending with a
 * notice when it was cut, at most MAX_FOLDING_RANGES folding ranges. Correctness only: timings
 * belong to benchmarks. Hostile inputs run in a worker thread, so a hang fails instead of blocking.
 */
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SymbolKind, type Diagnostic, type DocumentSymbol, type Position } from 'vscode-languageserver-types';
import { LanguageService, type TextSource } from '../../server/src/languageService';
import { LIMIT_CODE, MAX_DIAGNOSTICS, MAX_FOLDING_RANGES, MAX_SYMBOLS } from '../../server/src/features/limits';
import { MAX_KEY_PARTS, MAX_NESTING } from '../../server/src/toml/parser';
import { parseToml } from '../../server/src/toml';
import { MAX_KATA_KEYS } from '../../server/src/kata/diagnostics';
import { main as cli } from '../../server/src/cli';
import { checkInput, fakeHost, lineLengths } from '../fuzz/check';
import { IsolatedChecker } from '../fuzz/regressions';
import { hundredThousandLines, oneMegabyteLines, tenMegabytes, tenThousandItems } from '../support/largeInputs';

let version = 0;

/** A new version each time: the service caches one analysis per (uri, version). */
function source(text: string, uri = 'file:///tmp/large/configuration-qemu.toml'): TextSource {
  const v = ++version;
  return { uri, version: v, getText: () => text };
}

function service(): LanguageService {
  const s = new LanguageService(fakeHost(undefined));
  s.configure({ hostChecks: false });
  return s;
}

function countSymbols(symbols: DocumentSymbol[]): number {
  return symbols.reduce((n, s) => n + 1 + countSymbols(s.children ?? []), 0);
}

/** Positions of interest: starts and ends of a few lines spread over the text. */
function spread(text: string, n = 8): Position[] {
  const lens = lineLengths(text);
  const out: Position[] = [];
  for (let k = 0; k < n; k++) {
    const line = Math.floor((k * (lens.length - 1)) / Math.max(1, n - 1));
    out.push({ line, character: 0 }, { line, character: lens[line] }, { line, character: Math.floor(lens[line] / 2) });
  }
  return out;
}

/**
 * The fuzzer's checks on one text: every request answers, every range is inside, caps hold. With
 * the test's own service the analysis it already made is reused (same uri and version).
 */
function assertWellFormed(text: string, uri = 'file:///tmp/large/configuration-qemu.toml', reuse?: { service: LanguageService; version: number }): void {
  const result = checkInput(Buffer.from(text), { uri, settings: { hostChecks: false } }, spread(text), undefined, reuse);
  assert.deepEqual(result.problems, []);
}

/** MAX_DIAGNOSTICS diagnostics and the notice that the list was cut, last. */
function assertCapped(diags: Diagnostic[]): void {
  assert.equal(diags.length, MAX_DIAGNOSTICS + 1);
  const notice = diags[diags.length - 1];
  assert.equal(notice.code, LIMIT_CODE);
  assert.match(notice.message, new RegExp(`at most ${MAX_DIAGNOSTICS} problems`));
  assert.ok(diags.slice(0, -1).every((d) => !(d.code === LIMIT_CODE && /at most \d+ problems/.test(d.message))));
}

/** The notice that the Kata analysis stopped at MAX_KATA_KEYS keys, at the first key left out. */
function kataLimit(diags: Diagnostic[]): Diagnostic | undefined {
  return diags.find((d) => d.code === LIMIT_CODE && d.message.includes(`more than ${MAX_KATA_KEYS} keys`));
}

describe('large files', () => {
  test('a 10 MB file: diagnostics and outline are capped with a notice, folding is capped', () => {
    const text = tenMegabytes(10_000_000);
    assert.ok(text.length >= 10_000_000);
    const s = service();
    const src = source(text);
    const diags = s.diagnostics(src);
    assert.ok(diags.length <= MAX_DIAGNOSTICS + 1);
    // More than MAX_KATA_KEYS keys: the Kata analysis stops, and says where.
    const limit = kataLimit(diags);
    assert.ok(limit, 'the Kata key limit notice');
    assert.ok(limit.range.start.line > 1000);
    // Unknown hypervisor tables up to there are errors.
    assert.ok(diags.filter((d) => d.code === 'kata-unknown-hypervisor' && d.severity === 1).length > 100);
    const symbols = s.symbols(src);
    assert.equal(countSymbols(symbols), MAX_SYMBOLS + 1);
    const last = symbols[symbols.length - 1];
    assert.equal(last.kind, SymbolKind.Null);
    assert.match(last.name, /outline cut at 5000 symbols/);
    assert.equal(symbols[0].name, 'hypervisor');
    assert.ok(s.folding(src).some((f) => f.kind === 'comment'), 'comment blocks fold');
    assert.equal(s.folding(src).length, MAX_FOLDING_RANGES);
    assert.ok(s.codeActions(src, diags).length > 0);
    assert.ok(s.completion(src, { line: 32, character: 0 }).length > 0, 'keys of [hypervisor.qemu] at the top');
    assert.ok(s.hover(src, { line: 40, character: 3 }), 'hover on default_memory');
    assert.ok(Array.isArray(s.links(src)));
    assertWellFormed(text, src.uri, { service: s, version: src.version });
  });

  test('100 000 lines: diagnostics of the unknown keys stop at the cap, the outline too', () => {
    const text = hundredThousandLines();
    assert.equal(text.split('\n').length, 100_000);
    const s = service();
    const src = source(text);
    const diags = s.diagnostics(src);
    assertCapped(diags);
    // Notices of limits are kept before any problem: here the Kata analysis stopped at MAX_KATA_KEYS keys.
    assert.equal(kataLimit(diags)?.range.start.line, MAX_KATA_KEYS + Math.floor(MAX_KATA_KEYS / 9) + 1);
    assert.ok(diags.slice(0, -1).every((d) => d.code === 'kata-unknown-key' || d === kataLimit(diags)));
    // The first problems of the file are the ones kept (all are warnings).
    assert.equal(diags[0].range.start.line, 1);
    const symbols = s.symbols(src);
    assert.equal(countSymbols(symbols), MAX_SYMBOLS + 1);
    assert.equal(symbols[0].children?.[0].children?.length, MAX_SYMBOLS - 2, 'hypervisor > qemu > keys, depth first');
    assert.deepEqual(s.folding(src).map((f) => [f.startLine, f.endLine]).slice(0, 1), [[0, 99_999]]);
    assert.ok(s.completion(src, { line: 99_999, character: 0 }).length > 0, 'completion on the last line');
    assertWellFormed(text, src.uri, { service: s, version: src.version });
  });

  test('a 10 000-element array: each entry is checked up to the cap, scalar items are not symbols', () => {
    const text = tenThousandItems();
    const s = service();
    const src = source(text);
    const diags = s.diagnostics(src);
    assertCapped(diags);
    assert.ok(diags.slice(0, 10).every((d) => d.code === 'kata-annotation-unmatched'));
    // Removing one entry of 10 000 edits only that entry.
    const actions = s.codeActions(src, diags.slice(0, 1));
    const remove = actions.find((a) => a.title === 'Remove the entry');
    assert.deepEqual(remove?.edit?.changes?.[src.uri].map((e) => e.range), [{ start: { line: 1, character: 22 }, end: { line: 1, character: 28 } }]);
    const qemu = s.symbols(src)[0].children?.[0];
    assert.deepEqual(qemu?.children?.map((c) => c.name), ['enable_annotations', 'valid_hypervisor_paths', 'numbers']);
    assert.ok(s.completion(src, { line: 1, character: 30 }).length > 0, 'annotation names inside the array');
    assertWellFormed(text, src.uri, { service: s, version: src.version });
  });

  test('1 MB lines: a value, a comment, a bare word, a key, a name full of dashes', () => {
    const text = oneMegabyteLines();
    const s = service();
    const src = source(text);
    const diags = s.diagnostics(src);
    assert.ok(diags.some((d) => d.code === 'toml-syntax' && d.range.start.line === 3));
    const detail = s.symbols(src)[0].children?.[0].children?.find((c) => c.name === 'kernel_params')?.detail;
    assert.equal(detail?.length, 60);
    assert.ok(detail?.endsWith('…'));
    // Completion at the end of the bare word (a backwards scan, not a regex anchored at the end).
    assert.ok(Array.isArray(s.completion(src, { line: 3, character: 1_000_017 })));
    assert.equal(s.hover(src, { line: 1, character: 500_000 }), null, 'kernel_params has no enum values to explain');
    assertWellFormed(text, src.uri, { service: s, version: src.version });
    assertWellFormed(text, 'file:///tmp/large/runtime-rs/configuration-dragonball.toml');
  });

  test('the CLI lints a 100 000-line file: capped JSON output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-large-'));
    try {
      const file = path.join(dir, 'configuration-qemu.toml');
      fs.writeFileSync(file, hundredThousandLines());
      const out: string[] = [];
      const code = cli(["lint", "--format", "json", "--no-host-checks", file], (s) => out.push(s) > 0, () => true);
      assert.equal(code, 0, 'only warnings');
      const [result] = JSON.parse(out.join('\n')) as Array<{ diagnostics: Array<{ code: string }> }>;
      assert.equal(result.diagnostics.length, MAX_DIAGNOSTICS + 1);
      assert.equal(result.diagnostics[MAX_DIAGNOSTICS].code, LIMIT_CODE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('hostile files (checked in a worker thread: a hang fails)', () => {
  const checker = new IsolatedChecker(60_000);
  after(() => checker.close());
  const check = async (text: string, uri = 'file:///tmp/hostile/configuration-qemu.toml') => {
    const result = await checker.check(Buffer.from(text), { uri, settings: { hostChecks: false } }, spread(text));
    assert.deepEqual(result.problems, []);
  };

  test('nesting beyond the limits is an error, not a stack overflow', async () => {
    const d = 100_000;
    const s = service();
    for (const text of [`a = ${'['.repeat(d)}${']'.repeat(d)}`, `a = ${'{b = '.repeat(d)}1${'}'.repeat(d)}`, `a = ${'[{b = '.repeat(d)}`, `[${Array(d).fill('a').join('.')}]`, `${Array(d).fill('a').join('.')} = 1`]) {
      const diags = s.diagnostics(source(text));
      assert.ok(diags.some((e) => /nested more than 128 levels|at most 128 dotted parts/.test(e.message)), text.slice(0, 20));
      await check(text);
    }
    // An unclosed one stops where the next statement starts, like any unclosed array: the rest of the file is read.
    const unclosed = parseToml(`a = ${'['.repeat(MAX_NESTING + 2)}1,\nb = 2\n[t]\nc = 3\n`);
    assert.deepEqual([...unclosed.root.entries.keys()], ['a', 'b', 't']);
    // Within the limits, nothing changes.
    const ok = `a = ${'['.repeat(MAX_NESTING)}${']'.repeat(MAX_NESTING)}\n${Array(MAX_KEY_PARTS).fill('k').join('.')} = 1\nb = ${'{c = '.repeat(MAX_NESTING)}1${'}'.repeat(MAX_NESTING)}\n`;
    assert.deepEqual(s.diagnostics(source(ok)).filter((d) => String(d.code).startsWith('toml-')), []);
  });

  test('enable_annotations patterns that make a backtracking engine explode', async () => {
    const evil = ['(.+)+!', '(.*.*)*x', '(.*){30}x', '(\\w+\\w+)+y', '(a|a)*b', '((a{1000}){1000}){1000}', '((((a?){60}){60}){60}){60}', 'k'.repeat(200_000), `${'('.repeat(5000)}a${')'.repeat(5000)}`];
    const text = `[hypervisor.qemu]\nenable_annotations = [${evil.map((p) => JSON.stringify(p)).join(', ')}]\n`;
    const diags = service().diagnostics(source(text));
    // `(.+)+!` matches no annotation name: reported like any other entry.
    assert.ok(diags.some((d) => d.code === 'kata-annotation-unmatched' && d.range.start.character === 22));
    await check(text);
    await check(text.replace('[hypervisor.qemu]', '# kata-config: runtime=rs\n[hypervisor.qemu]'));
    // Hover on a pattern too.
    const s = service();
    const hover = s.hover(source(text), { line: 1, character: 24 });
    assert.match(JSON.stringify(hover?.contents), /Matches no hypervisor annotation/);
  });

  test('runs that regexes anchored at the end scan quadratically', async () => {
    const n = 300_000;
    await check(`[hypervisor.qemu]\nkernel_params = ${'a'.repeat(n)} b\nx = { y = ${'a'.repeat(n)} b\nname = "${' '.repeat(n)}\n"\n`);
    await check(`[hypervisor.clh]\npath = "@${'A'.repeat(n)}"\n${'@ '.repeat(n)}\n`, 'file:///tmp/hostile/configuration-clh.toml.in');
    await check(`# kata-config: runtime=rs release=4.1.0\n[hypervisor.dragonball]\n[[hypervisor.dragonball.guest_extension_images]]\nname = "a${'-'.repeat(n)}a!"\n`);
    await check(`a = """${' \n'.repeat(n)}x"""\n`);
    // A run of quotes: each multi-line string in it used to count the whole rest of the run.
    await check(`[hypervisor.qemu]\nenable_annotations = [${'"'.repeat(n)}]\n`);
  });

  test('lines ended by a lone carriage return count as lines, like in the editor', () => {
    const text = 'a = 1\rb = "x\r[t]\rc = 2\r';
    const s = service();
    const src = source(text, 'untitled:Untitled-1');
    const diags = s.diagnostics(src);
    assert.ok(diags.length > 0);
    for (const d of diags) assert.ok(d.range.end.line <= 4 && d.range.start.character <= 7, JSON.stringify(d.range));
    assertWellFormed(text, 'untitled:Untitled-1');
  });
});
