/** Keys Kata does not read where they are written: typos, wrong case, other hypervisor, runtime, release or table. */
import { hypervisorByTable } from '../../catalog';
import { RUNTIME_NAMES } from '../../releases';
import type { TableKind } from '../../schema';
import type { KataContext, KeyInstance, TableInstance } from '../context';
import { fix, insertionPoint, insertLine, removeEntry, renameKey } from '../fixes';
import type { RuleModule } from '../rule';
import type { Fix, Severity } from '../types';

function tableLabel(t: TableInstance): string {
  return `[${t.path.join('.')}]`;
}


function hypervisorNames(readers: readonly string[]): string {
  return readers.map((r) => hypervisorByTable(r)?.displayName ?? r).join(', ');
}

const TABLE_HEADERS: Partial<Record<TableKind, string>> = {
  hypervisor: '[hypervisor.<name>]',
  agent: '[agent.<name>]',
  runtime: '[runtime]',
  factory: '[factory]',
  mem_agent: '[agent.<name>.mem_agent]',
  'hypervisor.factory': '[hypervisor.<name>.factory]',
};

export const keysRule: RuleModule = {
  codes: [
    {
      code: 'kata-unknown-key',
      severity: 'warning',
      title: 'A key Kata does not know (with did-you-mean suggestions)',
      kata: 'Go: BurntSushi/toml decode without an Undecoded() check (src/runtime/pkg/katautils/config.go: decodeConfig); runtime-rs: serde without deny_unknown_fields',
      rules: ['Go §1.4', 'rs §2'],
      note: 'error where Kata rejects unknown keys: runtime-rs 3.29.0+ [agent.*], mem_agent, shared_mounts, [hypervisor.*.factory], rootless_user; Go drop-ins in [hypervisor.*] and [agent.*].',
    },
    {
      code: 'kata-key-case',
      severity: 'information',
      title: 'A key written in another case',
      kata: 'Go: BurntSushi/toml matches field names case-insensitively in the main file; decodeDropIns/updateFromDropIn look keys up by exact name',
      rules: ['Go §1.4'],
      note: 'information in a Go main file (it works); error in a Go drop-in hypervisor/agent table; warning for runtime-rs (ignored).',
    },
    {
      code: 'kata-key-other-hypervisor',
      severity: 'warning',
      title: 'A key the parser accepts but this hypervisor never uses',
      kata: 'Go: the new<X>HypervisorConfig converter of the table does not copy it (src/runtime/pkg/katautils/config.go)',
      rules: ['Go §3'],
    },
    {
      code: 'kata-key-other-runtime',
      severity: 'warning',
      title: 'A key only the other runtime reads',
      kata: 'src/runtime/pkg/katautils/config.go struct tags vs src/libs/kata-types/src/config serde fields',
    },
    {
      code: 'kata-key-other-release',
      severity: 'warning',
      title: 'A key this Kata release does not read (added later or removed)',
      kata: 'struct fields per release tag',
    },
    {
      code: 'kata-key-other-table',
      severity: 'warning',
      title: 'A key that belongs in another table',
      kata: 'struct fields per table',
    },
    {
      code: 'kata-ignored-key',
      severity: 'warning',
      title: 'A key Kata ships in its files but no parser reads',
      kata: 'keys of the shipped templates with no struct field (research notes §5)',
      rules: ['rs §5', 'Go §6'],
    },
    {
      code: 'kata-alias-key',
      severity: 'information',
      title: 'An alias spelling of a key',
      kata: 'serde alias attributes in src/libs/kata-types/src/config',
    },
  ],
  run(ctx) {
    for (const k of ctx.keys) {
      if (ctx.full) return;
      const ref = k.table.ref!;
      if (!ctx.schema.readsTable(ref.kind)) continue; // the table rule reports the whole table
      if (ref.kind === 'hypervisor' && !(ctx.schema.hypervisorTables() as string[]).includes(ref.hypervisor!)) continue;
      checkKey(ctx, k);
    }
  },
};

function strict(ctx: KataContext, k: KeyInstance): boolean {
  const kind = k.table.ref!.kind;
  return ctx.schema.rejectsUnknownKeys(kind) || (ctx.target.runtime === 'go' && ctx.target.dropIn && (kind === 'hypervisor' || kind === 'agent'));
}

function consequence(ctx: KataContext, k: KeyInstance): { severity: Severity; text: string } {
  if (!strict(ctx, k)) return { severity: 'warning', text: 'Kata ignores it' };
  if (ctx.target.runtime === 'go') return { severity: 'error', text: 'in a drop-in the Go runtime fails to load on it' };
  return { severity: 'error', text: `runtime-rs ${ctx.target.release} rejects unknown keys in this table and refuses the file` };
}

function removeFix(ctx: KataContext, k: KeyInstance): Fix[] {
  return k.entry ? [fix(`Remove ${k.key}`, [removeEntry(ctx.doc, k.entry)])] : [];
}

function checkKey(ctx: KataContext, k: KeyInstance): void {
  const l = k.lookup;
  const where = tableLabel(k.table);
  const { runtime, release } = ctx.target;
  const rt = RUNTIME_NAMES[runtime];
  switch (l.status) {
    case 'valid':
      return;
    case 'alias': {
      const canonical = l.spec.aliasOf!;
      ctx.report('kata-alias-key', 'information', k.keyPart, `${k.key} is another name runtime-rs accepts for ${canonical}; writing ${canonical} says the same thing more plainly.`, {
        fixes: [fix(`Rename to ${canonical}`, [renameKey(k.keyPart, canonical)], true)],
      });
      return;
    }
    case 'unused': {
      const readers = hypervisorNames(l.readers);
      ctx.report(
        'kata-key-other-hypervisor',
        'warning',
        k.keyPart,
        `Kata ignores ${k.key} in ${where}: ${l.readers.length ? `only ${readers} use${l.readers.length === 1 ? 's' : ''} it` : 'no hypervisor uses it'}${release ? ` (${rt} ${release})` : ''}.`,
        { fixes: removeFix(ctx, k), tags: ['unnecessary'] },
      );
      return;
    }
    case 'ignored': {
      const c = consequence(ctx, k);
      const replacement = l.spec.replacement;
      const fixes = replacement ? [fix(`Rename to ${replacement}`, [renameKey(k.keyPart, replacement)], true), ...removeFix(ctx, k)] : removeFix(ctx, k);
      ctx.report('kata-ignored-key', c.severity, k.keyPart, `${rt} has no ${k.key} key in ${where}, although Kata's own files mention it: ${c.text}.${replacement ? ` It reads ${replacement} instead.` : ''}`, {
        fixes,
        tags: ['unnecessary'],
      });
      return;
    }
    case 'wrong-release': {
      const c = consequence(ctx, k);
      ctx.report('kata-key-other-release', c.severity, k.keyPart, `${rt} ${release} does not read ${k.key} (it exists ${l.spec.releases.describeWhere()}): ${c.text}.`, {
        fixes: removeFix(ctx, k),
        tags: ['unnecessary'],
      });
      return;
    }
    case 'other-runtime': {
      const c = consequence(ctx, k);
      const other = RUNTIME_NAMES[l.spec.runtime];
      ctx.report('kata-key-other-runtime', c.severity, k.keyPart, `${k.key} is a ${other} key; ${rt} does not read it, so ${c.text}. (Add "# kata-config: runtime=${l.spec.runtime}" if this file is for ${other}.)`, {
        fixes: removeFix(ctx, k),
        tags: ['unnecessary'],
      });
      return;
    }
    case 'other-table': {
      const c = consequence(ctx, k);
      const homes = [...new Set(l.specs.map((s) => TABLE_HEADERS[s.table] ?? s.table))];
      const fixes: Fix[] = [];
      const target = l.specs.map((s) => ctx.tablesOf(s.table)[0]).find((t) => t && t.header);
      if (target && k.entry) {
        const line = ctx.doc.text.slice(k.entry.start, k.entry.end);
        fixes.push(fix(`Move ${k.key} to ${tableLabel(target)}`, [removeEntry(ctx.doc, k.entry), insertLine(ctx.doc, insertionPoint(ctx.doc, target), line)], true));
      }
      ctx.report('kata-key-other-table', c.severity, k.keyPart, `${k.key} belongs in ${homes.join(' or ')}, not in ${where}: ${c.text} here.`, { fixes: [...fixes, ...removeFix(ctx, k)] });
      return;
    }
    case 'unknown': {
      if (l.caseMatch) {
        const right = l.caseMatch.key;
        const rename = [fix(`Rename to ${right}`, [renameKey(k.keyPart, right)], true)];
        if (runtime === 'go' && !(ctx.target.dropIn && (k.table.ref!.kind === 'hypervisor' || k.table.ref!.kind === 'agent'))) {
          ctx.report('kata-key-case', 'information', k.keyPart, `The Go runtime matches ${k.key} to ${right} because it ignores case in the main file, but the same spelling fails in a config.d drop-in. Write ${right}.`, { fixes: rename });
        } else if (runtime === 'go') {
          ctx.report('kata-key-case', 'error', k.keyPart, `In a drop-in the Go runtime looks keys up by their exact name: ${k.key} is not ${right}, and loading fails.`, { fixes: rename });
        } else {
          const c = consequence(ctx, k);
          ctx.report('kata-key-case', c.severity, k.keyPart, `runtime-rs keys are case-sensitive: ${k.key} is not ${right}, so ${c.text}.`, { fixes: rename });
        }
        return;
      }
      const c = consequence(ctx, k);
      const suggestions = l.suggestions;
      const mean = suggestions.length ? ` Did you mean ${suggestions.join(', or ')}?` : '';
      ctx.report('kata-unknown-key', c.severity, k.keyPart, `Unknown key ${k.key} in ${where}: ${c.text}.${mean}`, {
        fixes: [...suggestions.map((s, i) => fix(`Rename to ${s}`, [renameKey(k.keyPart, s)], i === 0)), ...removeFix(ctx, k)],
        tags: c.severity === 'warning' ? ['unnecessary'] : undefined,
      });
      return;
    }
  }
}
