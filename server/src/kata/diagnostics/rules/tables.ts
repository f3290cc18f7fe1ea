/** Tables Kata refuses, ignores, or reads more than once. */
import { hypervisorByTable, releasesWithTable, tablesFor } from '../../catalog';
import { ReleaseSet, RUNTIME_NAMES } from '../../releases';
import { editDistance } from '../../schema';
import type { KataContext, TableInstance } from '../context';
import { fix, lineSpan, replaceSpan } from '../fixes';
import type { RuleModule } from '../rule';

const GO_CONFIG = 'src/runtime/pkg/katautils/config.go';

function tableName(t: TableInstance): string {
  return `[${t.path.map((p) => (/^[A-Za-z0-9_-]+$/.test(p) ? p : JSON.stringify(p))).join('.')}]`;
}

/** The span of the whole table section (header to its last line), for a "remove" fix. */
function sectionSpan(ctx: KataContext, t: TableInstance) {
  if (!t.header) return undefined;
  const end = Math.max(t.header.sectionEnd, t.header.end);
  return lineSpan(ctx.doc, { start: t.header.start, end });
}

function checkHypervisorNames(ctx: KataContext): void {
  const { runtime, release, arch } = ctx.target;
  const loadable = ctx.schema.hypervisorTables() as string[];
  for (const t of ctx.hypervisorTables()) {
    if (ctx.full) return;
    const name = t.ref!.hypervisor!;
    if (loadable.includes(name)) continue;
    const namePart = t.header?.key?.parts[1] ?? t.span;
    const elsewhere = releasesWithTable(runtime, name);
    const anyArch = (tablesFor(runtime, release) as string[]).includes(name);
    const info = hypervisorByTable(name);
    let why: string;
    if (anyArch) why = `${info?.displayName ?? name} is not available on ${arch} in ${RUNTIME_NAMES[runtime]} ${release}`;
    else if (elsewhere.length) why = `${RUNTIME_NAMES[runtime]} ${release} has no [hypervisor.${name}] table (it exists ${ReleaseSet.of(elsewhere).describeWhere()})`;
    else if (info) why = `[hypervisor.${name}] is not a ${RUNTIME_NAMES[runtime]} table`;
    else why = `${RUNTIME_NAMES[runtime]} ${release} knows no hypervisor called "${name}"`;
    const consequence = runtime === 'go' ? 'the Go runtime refuses to load the file' : 'runtime-rs cannot find a plugin for it and fails, even if the table is not the one in use';
    // Suggest the right spelling: the current name of the same hypervisor, or the closest name.
    const sameHypervisor = info ? loadable.filter((n) => hypervisorByTable(n) === info) : [];
    const close = loadable.filter((n) => editDistance(n, name, 2) <= 2 || (name === 'fc' && n === 'firecracker') || (name === 'ch' && n === 'clh'));
    const suggestions = [...new Set([...sameHypervisor, ...close])];
    ctx.report('kata-unknown-hypervisor', 'error', namePart, `${why}: ${consequence}.${suggestions.length ? ` Did you mean [hypervisor.${suggestions[0]}]?` : ` Known here: ${loadable.join(', ')}.`}`, {
      fixes: suggestions.map((s, i) => fix(`Rename to [hypervisor.${s}]`, [replaceSpan(namePart, s)], i === 0)),
    });
  }
}

function checkMultipleHypervisors(ctx: KataContext): void {
  const tables = ctx.hypervisorTables().filter((t) => (ctx.schema.hypervisorTables() as string[]).includes(t.ref!.hypervisor!));
  if (tables.length < 2) return;
  const names = tables.map((t) => t.ref!.hypervisor!).join(', ');
  for (const t of tables.slice(1)) {
    if (ctx.target.runtime === 'go') {
      const section = sectionSpan(ctx, t);
      ctx.report('kata-multiple-hypervisors', 'warning', t.span, `This file has several hypervisor tables (${names}): the Go runtime converts each and keeps one of them at random, so which hypervisor runs is not predictable. Keep one table per file.`, {
        related: [{ ...tables[0].span, message: 'the first hypervisor table' }],
        fixes: section ? [fix(`Remove the ${tableName(t)} table`, [{ span: section, newText: '' }])] : [],
      });
    } else {
      ctx.report('kata-multiple-hypervisors', 'information', t.span, `runtime-rs checks every hypervisor table of the file (${names}), not only the one [runtime] hypervisor_name selects, so an unused table can still stop the sandbox.`);
    }
  }
}

function checkIgnoredTables(ctx: KataContext): void {
  for (const t of ctx.tables) {
    if (ctx.full) return;
    if (t.ref?.kind === 'hypervisor') continue;
    const section = sectionSpan(ctx, t);
    const remove = section ? [fix(`Remove the ${tableName(t)} table`, [{ span: section, newText: '' }])] : [];
    if (!t.ref) {
      ctx.report('kata-ignored-table', 'warning', t.span, `Kata has no ${tableName(t)} table and ignores everything in it.`, { fixes: remove, tags: ['unnecessary'] });
      continue;
    }
    const spec = ctx.schema.tableSpec(t.ref.kind);
    if (ctx.schema.readsTable(t.ref.kind)) continue;
    let why: string;
    if (spec?.ignored) why = `${spec.ignored}; Kata ignores this table`;
    else if (spec) why = `${RUNTIME_NAMES[ctx.target.runtime]} ${ctx.target.release} does not read ${spec.header} (it does in ${spec.releases.describe()})`;
    else {
      const other = ctx.target.runtime === 'go' ? 'runtime-rs' : 'the Go runtime';
      why = `${tableName(t)} is a table of ${other}; ${RUNTIME_NAMES[ctx.target.runtime]} ignores it`;
    }
    ctx.report('kata-ignored-table', 'warning', t.span, `${why}.`, { fixes: remove, tags: ['unnecessary'] });
  }
  for (const s of ctx.strayKeys) {
    if (ctx.full) return;
    ctx.report('kata-ignored-table', 'warning', s.keyPart, `Kata reads keys only inside its tables ([hypervisor.<name>], [agent.<name>], [runtime]${ctx.target.runtime === 'go' ? ', [factory]' : ''}); it ignores "${s.key}" here.`, {
      fixes: s.entry ? [fix(`Remove "${s.key}"`, [{ span: lineSpan(ctx.doc, s.entry), newText: '' }])] : [],
      tags: ['unnecessary'],
    });
  }
}

export const tablesRule: RuleModule = {
  codes: [
    {
      code: 'kata-unknown-hypervisor',
      severity: 'error',
      title: 'A [hypervisor.<name>] table the runtime cannot load (unknown name, another release, another architecture)',
      kata: `${GO_CONFIG}: updateRuntimeConfigHypervisor ("configuration file contains invalid hypervisor section"); src/libs/kata-types/src/config/hypervisor/mod.rs: Hypervisor::adjust_config ("Can not find plugin for hypervisor")`,
      rules: ['Go §1.2', 'H1'],
    },
    {
      code: 'kata-multiple-hypervisors',
      severity: 'warning',
      title: 'More than one hypervisor table',
      kata: `${GO_CONFIG}: updateRuntimeConfigHypervisor (map iteration); kata-types Hypervisor::adjust_config (every table)`,
      rules: ['Go §1.3', 'rs §1'],
      note: 'warning for the Go runtime (a random table wins); information for runtime-rs (every table is validated).',
    },
    {
      code: 'kata-ignored-table',
      severity: 'warning',
      title: 'A table (or a top-level key) the runtime ignores',
      kata: `${GO_CONFIG}: tomlConfig; src/libs/kata-types/src/config/mod.rs: TomlConfig`,
      rules: ['Go §1.3', 'rs §2'],
    },
  ],
  run(ctx) {
    checkHypervisorNames(ctx);
    checkMultipleHypervisors(ctx);
    checkIgnoredTables(ctx);
  },
};
