/** enable_annotations: regular expressions matched (unanchored) against annotation names. */
import type { ArrayValue, StringStyle, ValueNode } from '../../../toml';
import { ANNOTATION_PREFIX, compileEntry, HYPERVISOR_ANNOTATIONS, hypervisorAnnotations, UNGATED_ANNOTATIONS, type HypervisorAnnotation } from '../../annotations';
import type { Release, Runtime } from '../../releases';
import { editDistance } from '../../schema';
import type { KataContext, KeyInstance } from '../context';
import { fix, replaceSpan } from '../fixes';
import { linearTester } from '../linearRegex';
import type { RuleModule } from '../rule';
import type { Fix, TextEdit } from '../types';

const ENGINE: Record<Runtime, string> = { go: "Go's regexp (RE2 syntax)", rs: "Rust's regex crate" };
/** The runtime as the subject of a sentence. */
const WHO: Record<Runtime, string> = { go: 'the Go runtime', rs: 'runtime-rs' };

/** A TOML string for `value`, in the style the user wrote when that style can hold it. */
function tomlString(value: string, style: StringStyle): string {
  if ((style === 'literal' || style === 'multiline-literal') && !/['\n\r]/.test(value)) return `'${value}'`;
  return JSON.stringify(value);
}

/** The longest annotation name: patterns are only ever matched against these names. */
const LONGEST_NAME = Math.max(...HYPERVISOR_ANNOTATIONS.map((a) => a.name.length));

/**
 * Tests a compiled entry against annotation names in linear time (Kata's regex engines never
 * backtrack; a JS RegExp can take minutes on `(.+)+x`). Undefined when the pattern is too complex to tell.
 */
const TESTERS = new WeakMap<RegExp, ((name: string) => boolean) | undefined>();

/** Memoised per compiled entry (compileEntry shares them between analyses). */
function tester(re: RegExp): ((name: string) => boolean) | undefined {
  if (!TESTERS.has(re)) TESTERS.set(re, linearTester(re, LONGEST_NAME));
  return TESTERS.get(re);
}

/** Removes one item of an array (its index `i`), with its separating comma, leaving valid TOML. */
function removeItem(arr: ArrayValue, item: ValueNode, i: number): TextEdit {
  if (arr.items.length === 1) return replaceSpan(arr, '[]');
  if (i < arr.items.length - 1) return replaceSpan({ start: item.start, end: arr.items[i + 1].start }, '');
  // The last item: from the end of the previous one (its comma goes with it; a trailing comma stays valid).
  return replaceSpan({ start: arr.items[i - 1].end, end: item.end }, '');
}

/** "a, b and c", or "a, b, ... and 4 more" for long lists. */
function quoted(names: string[], max = 6): string {
  if (names.length > max) return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}

/** `^name$` for a plain name; the pattern wrapped as a whole otherwise. */
function anchored(entry: string): string {
  if (/^[A-Za-z0-9_.]+$/.test(entry)) return `^${entry}$`;
  let core = entry.startsWith('^') ? entry.slice(1) : entry;
  if (/(^|[^\\])(\\\\)*\$$/.test(core)) core = core.slice(0, -1);
  return core.includes('|') ? `^(?:${core})$` : `^${core}$`;
}

/** A glob (`*kernel*`, `kernel_?ash`) read as the regular expression its author meant. */
function globToRegex(entry: string): string | undefined {
  if (!/[*?]/.test(entry) || /[\\()[\]{}|^$+]/.test(entry)) return undefined;
  return `^${entry.replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.')}$`;
}

function releaseWords(a: HypervisorAnnotation, rt: Runtime): string {
  const only = a.releases?.[rt];
  if (!only) return 'all releases';
  if (only.length === 1) return `${only[0]} only`;
  return `${only[0]} to ${only[only.length - 1]}`;
}

/** Where an annotation the target lacks does exist: "the Go runtime has it in 3.32.0 to 4.1.0", "only runtime-rs has it (all releases)". */
function whereElse(a: HypervisorAnnotation, runtime: Runtime): string {
  if (a.runtimes.includes(runtime)) {
    const other = a.runtimes.find((rt) => rt !== runtime);
    return `${WHO[runtime]} has it in ${releaseWords(a, runtime)}${other ? ` (${WHO[other]}: ${releaseWords(a, other)})` : ''}`;
  }
  return `only ${a.runtimes.map((rt) => WHO[rt]).join(' and ')} ${a.runtimes.length > 1 ? 'have' : 'has'} it (${releaseWords(a, a.runtimes[0])})`;
}

function suggestions(entry: string, known: readonly HypervisorAnnotation[]): string[] {
  const e = entry.toLowerCase();
  const limit = Math.max(2, Math.floor(e.length / 3));
  return known
    .filter((a) => Math.abs(a.name.length - e.length) <= limit) // the distance is at least the length difference
    .map((a) => ({ name: a.name, d: editDistance(e, a.name, limit) }))
    .filter((s) => s.d <= limit)
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, 3)
    .map((s) => s.name);
}

/** What to write for a name so that it enables that annotation alone. */
function exactEntry(name: string, runtime: Runtime, release: Release): string {
  const c = compileEntry(name, runtime, release);
  const test = c.ok ? tester(c.regex) : undefined;
  const alone = !!test && hypervisorAnnotations(runtime, release).filter((a) => test(a.name)).length === 1;
  return alone ? name : `^${name}$`;
}

interface Entry {
  value: string;
  node: Extract<ValueNode, { kind: 'string' }>;
  /** Index in the array's items. */
  index: number;
}

function checkList(ctx: KataContext, k: KeyInstance): void {
  const arr = k.entry?.value;
  if (!arr || arr.kind !== 'array') return;
  const { runtime, release } = ctx.target;
  const known = hypervisorAnnotations(runtime, release);
  const rtName = WHO[runtime];
  // String items only (a wrong item type is the value rules' business), placeholders left out.
  const entries: Entry[] = [];
  arr.items.forEach((node, index) => {
    if (node.kind === 'string' && !ctx.options.placeholders.has(node.start)) entries.push({ value: node.value, node, index });
  });
  const remove = (e: Entry, title = 'Remove the entry'): Fix => fix(title, [removeItem(arr, e.node, e.index)]);
  const replace = (e: Entry, value: string, title: string, preferred = false): Fix => fix(title, [replaceSpan(e.node, tomlString(value, e.node.style))], preferred);

  const compiled = entries.map((e) => ({ e, c: compileEntry(e.value, runtime, release) }));
  for (const { e, c } of compiled) {
    if (ctx.full) return;
    if (c.ok) continue;
    const shown = JSON.stringify(e.value);
    const effect =
      runtime === 'go'
        ? 'The file loads, but the Go runtime ignores the regexp error and never matches this entry: a pod that sets an annotation meant to be enabled by it fails to start ("annotation ... is not enabled").'
        : 'The file loads, but runtime-rs cannot build the enable_annotations list and then enables nothing: every io.katacontainers.config.hypervisor.* annotation of every pod is ignored, also those the other entries name.';
    const fixes: Fix[] = [];
    const glob = globToRegex(e.value);
    if (glob) {
      const g = compileEntry(glob, runtime, release);
      const test = g.ok ? tester(g.regex) : undefined;
      if (test && known.some((a) => test(a.name))) fixes.push(replace(e, glob, `Read it as a glob: ${JSON.stringify(glob)}`, true));
    }
    fixes.push(remove(e));
    ctx.report('kata-annotation-regex-invalid', 'warning', e.node, `${shown} in enable_annotations is not a regular expression ${ENGINE[runtime]} accepts: ${c.problem}. ${effect}`, { fixes });
  }
  // runtime-rs compiles the list as one RegexSet: with an invalid entry nothing else applies.
  if (runtime === 'rs' && compiled.some(({ c }) => !c.ok)) return;

  for (const { e, c } of compiled) {
    if (ctx.full) return;
    if (!c.ok) continue;
    const test = tester(c.regex);
    const testWhole = tester(c.whole);
    if (!test || !testWhole) continue; // too complex to tell what it matches
    const shown = JSON.stringify(e.value);
    if (e.value === '') {
      ctx.report(
        'kata-annotation-match-all',
        'warning',
        e.node,
        `An empty entry in enable_annotations matches every annotation name: ${rtName} then enables all hypervisor annotations, so any pod can choose its own kernel, image, initrd and firmware, and its hypervisor, jailer and virtiofsd binaries within the valid_*_paths lists.`,
        { fixes: [remove(e, 'Remove the empty entry')] },
      );
      continue;
    }
    const enabled = known.filter((a) => test(a.name));
    if (enabled.length === known.length) {
      ctx.report(
        'kata-annotation-match-all',
        'information',
        e.node,
        `${shown} matches every annotation name: ${rtName} then enables all hypervisor annotations, so any pod can choose its own kernel, image, initrd and firmware, and its hypervisor, jailer and virtiofsd binaries within the valid_*_paths lists. List the annotations pods need instead.`,
      );
      continue;
    }
    if (enabled.length === 0) {
      reportUnmatched(ctx, e, known, replace, remove);
      continue;
    }
    const whole = known.filter((a) => testWhole(a.name));
    if (whole.length === 0 || whole.length === enabled.length) continue;
    const extra = enabled.filter((a) => !whole.includes(a));
    const target = anchored(e.value);
    const refused = runtime === 'rs' ? extra.filter((a) => a.refusedBy?.includes('rs')).map((a) => a.name) : [];
    const refusedNote = refused.length ? ` (runtime-rs does not apply ${quoted(refused)}: once enabled, a pod that sets ${refused.length > 1 ? 'one of them' : 'it'} fails to start)` : '';
    const names = whole.map((a) => a.name);
    ctx.report(
      'kata-annotation-unanchored',
      'information',
      e.node,
      `${shown} matches anywhere in the annotation name, so besides ${quoted(names)} it also enables ${quoted(extra.map((a) => a.name))}${refusedNote}. Write ${JSON.stringify(target)} to enable ${names.length > 1 ? 'only those' : `${names[0]} alone`}.`,
      { fixes: [replace(e, target, `Anchor it: ${JSON.stringify(target)}`, true)] },
    );
  }
}

function reportUnmatched(ctx: KataContext, e: Entry, known: readonly HypervisorAnnotation[], replace: (e: Entry, v: string, t: string, p?: boolean) => Fix, remove: (e: Entry, t?: string) => Fix): void {
  const { runtime, release } = ctx.target;
  const rtName = WHO[runtime];
  const shown = JSON.stringify(e.value);
  const code = 'kata-annotation-unmatched';
  const nothing = 'so it enables nothing';

  // The full annotation name: Kata compares the entry with the name after the prefix.
  const prefixes = [ANNOTATION_PREFIX, 'io.katacontainers.config.', 'io.katacontainers.'];
  const prefix = prefixes.find((p) => e.value.startsWith(p));
  if (prefix) {
    const rest = e.value.slice(prefix.length).replace(/^hypervisor\./, '');
    const fixes: Fix[] = [];
    if (rest && known.some((a) => a.name === rest)) fixes.push(replace(e, exactEntry(rest, runtime, release), `Use ${JSON.stringify(exactEntry(rest, runtime, release))}`, true));
    const why = prefix === ANNOTATION_PREFIX ? `Kata matches the entries against the annotation name without "${ANNOTATION_PREFIX}"` : `only io.katacontainers.config.hypervisor.* annotations are gated, and Kata matches the entries against the name without "${ANNOTATION_PREFIX}"`;
    ctx.report(code, 'warning', e.node, `${shown} matches no annotation: ${why}, ${nothing}.`, { fixes: [...fixes, remove(e)] });
    return;
  }

  const plain = /^[A-Za-z0-9_.]+$/.test(e.value);
  const ungated = UNGATED_ANNOTATIONS[e.value];
  if (plain && ungated && !(runtime === 'go' && e.value === 'asset_hash_type')) {
    ctx.report(code, 'warning', e.node, `${shown} is not a hypervisor annotation: enable_annotations does not gate ${ungated}, so this entry is not needed and enables nothing.`, { fixes: [remove(e)] });
    return;
  }
  if (runtime === 'go' && e.value === 'asset_hash_type') {
    ctx.report(code, 'warning', e.node, `${shown} is not a hypervisor annotation of the Go runtime: it reads io.katacontainers.asset_hash_type, which enable_annotations does not gate, so this entry enables nothing.`, { fixes: [remove(e)] });
    return;
  }

  const elsewhere = plain ? HYPERVISOR_ANNOTATIONS.find((a) => a.name === e.value) : undefined;
  const close = plain ? suggestions(e.value, known).filter((s) => s !== e.value) : [];
  const fixes = close.map((s, i) => {
    const v = exactEntry(s, runtime, release);
    return replace(e, v, `Use ${JSON.stringify(v)}`, i === 0);
  });
  fixes.push(remove(e));
  const didYouMean = close.length ? ` Did you mean ${close.join(' or ')}?` : '';
  if (elsewhere) {
    ctx.report(code, 'warning', e.node, `${shown} is not a hypervisor annotation of ${rtName} ${release}: ${whereElse(elsewhere, runtime)}, ${nothing}.${didYouMean}`, { fixes });
    return;
  }
  ctx.report(code, 'warning', e.node, `${shown} matches no hypervisor annotation ${rtName} ${release} knows, ${nothing}.${didYouMean}`, { fixes });
}

export const annotationsRule: RuleModule = {
  codes: [
    {
      code: 'kata-annotation-regex-invalid',
      severity: 'warning',
      title: 'An enable_annotations entry that is not a valid regular expression for the runtime',
      kata: 'Go: src/runtime/pkg/oci/utils.go: regexpContains (the regexp.MatchString error is dropped, so the entry never matches); runtime-rs: src/libs/kata-types/src/config/hypervisor/mod.rs: SecurityInfo::is_annotation_enabled (RegexSet::new fails, so no annotation is enabled)',
      rules: ['H33', 'Go §5'],
      note: 'Checked with the syntax of Go\'s regexp (RE2) or Rust\'s regex crate, which reject lookaround, backreferences and unknown escapes that a JavaScript RegExp accepts.',
    },
    {
      code: 'kata-annotation-unmatched',
      severity: 'warning',
      title: 'An enable_annotations entry that matches no hypervisor annotation of the runtime and release',
      kata: 'Go: src/runtime/virtcontainers/pkg/annotations/annotations.go; runtime-rs: src/libs/kata-types/src/annotations/mod.rs: KATA_ANNO_CFG_HYPERVISOR_*',
      rules: ['H33', 'Go §5'],
    },
    {
      code: 'kata-annotation-unanchored',
      severity: 'information',
      title: 'An enable_annotations entry that, unanchored, also enables other annotations than the one it names',
      kata: 'Go: src/runtime/pkg/oci/utils.go: checkAnnotationNameIsValid (regexp.MatchString); runtime-rs: SecurityInfo::is_annotation_enabled (RegexSet::is_match)',
      rules: ['H33', 'Go §5'],
    },
    {
      code: 'kata-annotation-match-all',
      severity: 'warning',
      title: 'An enable_annotations entry that enables every hypervisor annotation',
      kata: 'Go: src/runtime/pkg/oci/utils.go: checkAnnotationNameIsValid; runtime-rs: SecurityInfo::is_annotation_enabled',
      rules: ['H33', 'Go §5'],
      note: 'warning for an empty entry (most likely unintended); information for a pattern such as ".*" that matches every name on purpose.',
    },
  ],
  run(ctx) {
    for (const table of ctx.hypervisorTables()) {
      const k = ctx.key(table, 'enable_annotations');
      if (!k || (k.lookup.status !== 'valid' && k.lookup.status !== 'alias') || ctx.isPlaceholder(k)) continue;
      checkList(ctx, k);
    }
  },
};
