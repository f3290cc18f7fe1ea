/**
 * runtime-rs `[runtime]` names (T6): kata-types' Runtime::validate does not check name,
 * hypervisor_name and agent_name, but the shim needs them when it loads the file for a sandbox
 * (src/runtime-rs/crates/runtimes/src/manager.rs: load_config calls
 * Annotation::update_config_by_annotation after TomlConfig::load_from_file, before validate).
 *
 * Per release (bisected over every tag 3.2.0–4.1.0, src/libs/kata-types/src/annotations/mod.rs:
 * Annotation::update_config_by_annotation):
 * - 3.2.0 fills in empty names: name "virt_container" (config/default.rs: DEFAULT_RUNTIME_NAME),
 *   hypervisor_name "dragonball" (DEFAULT_HYPERVISOR), agent_name "kata" (DEFAULT_AGENT_TYPE_NAME);
 *   it then looks both tables up with unwrap(), so a name (given or filled in) without its
 *   [hypervisor.<name>] / [agent.<name>] table makes the shim panic: every sandbox fails.
 * - 3.3.0 and later refuse empty names ("Runtime name is missing in the configuration", "Hypervisor
 *   name ...", "Agent name ...") and names without a table ("Invalid hypervisor name {}", "Invalid
 *   agent name {}"). `runtime` is `#[serde(default)]` in TomlConfig (config/mod.rs), so a file
 *   without a [runtime] table has three empty names: refused with "Runtime name is missing".
 * - Every release: manager.rs RuntimeHandlerManagerInner::init_runtime_handler takes "virt_container"
 *   (or "", which only 3.2.0 lets through) and fails every other name ("Unsupported runtime: {}"):
 *   the shim's default build has only the virt feature (crates/runtimes/Cargo.toml); virt_container
 *   lib.rs new_agent knows only "kata" ("Unsupported agent {}").
 * Not checked in drop-ins: the base file holds the tables and may set the names.
 */
import type { Release } from '../../../releases';
import type { Span } from '../../../../toml';
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { fix, insertionPoint, insertLine, replaceSpan } from '../../fixes';
import type { Fix, Severity } from '../../types';
import { compareVersions } from '../../../releases';
import { quote, refusalIn, written } from './util';

const ANNOTATIONS = 'src/libs/kata-types/src/annotations/mod.rs: Annotation::update_config_by_annotation';
const MANAGER = 'src/runtime-rs/crates/runtimes/src/manager.rs';
const VIRT_CONTAINER = 'virt_container';

type Kind = 'runtime' | 'hypervisor' | 'agent';
const KEY: Record<Kind, string> = { runtime: 'name', hypervisor: 'hypervisor_name', agent: 'agent_name' };
const CODE: Record<Kind, string> = { runtime: 'kata-runtime-name', hypervisor: 'kata-hypervisor-name', agent: 'kata-agent-name' };
const LABEL: Record<Kind, string> = { runtime: 'Runtime', hypervisor: 'Hypervisor', agent: 'Agent' };
/** What 3.2.0 uses for an empty name (config/default.rs of 3.2.0). */
const DEFAULT_3_2: Record<Kind, string> = { runtime: VIRT_CONTAINER, hypervisor: 'dragonball', agent: 'kata' };

/** Releases that fill in empty names instead of refusing them (3.2.0 only). */
const fillsIn = (r: Release) => compareVersions(r, '3.2.0') <= 0;

/** Why `release` fails every sandbox with this name (a whole sentence), or undefined when it takes it. */
function problem(kind: Kind, value: string, tables: readonly string[], release: Release): string | undefined {
  const key = KEY[kind];
  const lead = value === '' ? `[runtime] has no ${key}` : `${key} = "${value}"`;
  if (value === '' && !fillsIn(release)) return `${lead}: runtime-rs ${release} refuses the file ("${LABEL[kind]} name is missing in the configuration").`;
  const used = value === '' ? DEFAULT_3_2[kind] : value;
  const filled = value === '' ? `${lead}, so runtime-rs ${release} uses "${used}"` : lead;
  if (kind === 'runtime') {
    if (used === VIRT_CONTAINER) return undefined;
    return `${filled}: runtime-rs runs VM sandboxes only as "${VIRT_CONTAINER}", so every sandbox fails ("Unsupported runtime: ${used}").`;
  }
  if (!tables.includes(used)) {
    const why = fillsIn(release) ? `the runtime-rs ${release} shim panics looking it up, so every sandbox fails` : `runtime-rs ${release} refuses the file ("Invalid ${kind} name ${used}")`;
    return `${filled}${value === '' ? ', and the file has' : ', but the file has'} no [${kind}.${used}] table: ${why}.`;
  }
  if (kind === 'agent' && used !== 'kata') return `${filled}: runtime-rs has only the "kata" agent, so every sandbox fails to start ("Unsupported agent ${used}").`;
  return undefined;
}

/** Fixes that write `key = "<choice>"`, one per choice. */
function nameFixes(ctx: KataContext, runtime: TableInstance, key: string, choices: string[]): Fix[] {
  if (!runtime.header) return [];
  const k = written(ctx, runtime, key);
  return choices.map((c, i) => {
    const edit = k?.entry?.value ? replaceSpan(k.entry.value, quote(c)) : insertLine(ctx.doc, insertionPoint(ctx.doc, runtime), `${key} = ${quote(c)}`);
    return fix(`${k ? 'Use' : 'Add'} ${key} = ${quote(c)}`, [edit], i === 0);
  });
}

function report(ctx: KataContext, code: string, severity: Severity, span: Span, message: string, fixes: Fix[]): void {
  ctx.report(code, severity, span, message, { fixes });
}

function checkName(ctx: KataContext, runtime: TableInstance, kind: Kind, tables: string[]): void {
  const key = KEY[kind];
  const k = written(ctx, runtime, key);
  const value = k ? ctx.str(k) : '';
  if (value === undefined) return;
  const span = k ? ctx.valueSpan(k) : runtime.span;
  const choices = kind === 'runtime' ? [VIRT_CONTAINER] : kind === 'agent' ? (tables.includes('kata') ? ['kata'] : tables) : tables;
  const refusal = refusalIn(ctx, (r) => problem(kind, value, tables, r) !== undefined);
  if (refusal) {
    let what = problem(kind, value, tables, refusal.release)!;
    if (k && value === '') what = what.replace(`has no ${key}`, `sets an empty ${key}`);
    const hint = kind === 'runtime' ? '' : tables.length ? ` Tables here: ${tables.join(', ')}.` : ` The file has no [${kind}.<name>] table at all.`;
    report(ctx, CODE[kind], refusal.severity, span, `${what}${hint}${refusal.note}`, nameFixes(ctx, runtime, key, choices.filter((c) => c !== value)));
  } else if (value === '') {
    // Only 3.2.0 is possible, and its default works: advice for an upgrade.
    report(ctx, CODE[kind], 'information', span, `[runtime] ${k ? 'sets an empty' : 'has no'} ${key}: runtime-rs ${ctx.target.release} uses "${DEFAULT_3_2[kind]}", but from 3.3.0 runtime-rs refuses a file without it ("${LABEL[kind]} name is missing in the configuration"). Write it to keep the file working after an upgrade.`, nameFixes(ctx, runtime, key, [DEFAULT_3_2[kind]]));
  }
}

/** A file without a [runtime] table: three empty names. */
function checkNoRuntime(ctx: KataContext, hypervisors: string[], agents: string[]): void {
  const issues = (r: Release) => (['runtime', 'hypervisor', 'agent'] as Kind[]).map((kind) => problem(kind, '', kind === 'agent' ? agents : kind === 'hypervisor' ? hypervisors : [], r)).filter((p): p is string => !!p);
  // With no name at all, 3.3.0+ stops at the runtime name; 3.2.0 fills in all three and may fail on the tables.
  const refusal = refusalIn(ctx, (r) => issues(r).length > 0);
  const first = ctx.tables[0];
  const span = first?.span ?? { start: 0, end: 0 };
  const hv = hypervisors[0] ?? 'qemu';
  const agent = agents.includes('kata') || !agents.length ? 'kata' : agents[0];
  const block = `\n[runtime]\nname = "${VIRT_CONTAINER}"\nhypervisor_name = "${hv}"\nagent_name = "${agent}"`;
  const fixes = [fix('Add a [runtime] table with name, hypervisor_name and agent_name', [insertLine(ctx.doc, ctx.doc.text.length, block)], true)];
  if (refusal) {
    const missing = [hypervisors.includes('dragonball') ? '' : '[hypervisor.dragonball]', agents.includes('kata') ? '' : '[agent.kata]'].filter(Boolean);
    const why = fillsIn(refusal.release)
      ? `runtime-rs ${refusal.release} uses hypervisor_name = "dragonball" and agent_name = "kata", but the file has no ${missing.join(' and no ')} table: the shim panics looking it up, so every sandbox fails.`
      : `runtime-rs ${refusal.release} refuses it ("Runtime name is missing in the configuration"): it needs [runtime] name, hypervisor_name and agent_name.`;
    report(ctx, 'kata-runtime-name', refusal.severity, span, `This file has no [runtime] table: ${why}${refusal.note}`, fixes);
  } else {
    report(ctx, 'kata-runtime-name', 'information', span, `This file has no [runtime] table: runtime-rs ${ctx.target.release} uses name = "${VIRT_CONTAINER}", hypervisor_name = "dragonball" and agent_name = "kata", but from 3.3.0 runtime-rs refuses a file without them ("Runtime name is missing in the configuration").`, fixes);
  }
}

export const runtimeRule: RuleModule = {
  codes: [
    {
      code: 'kata-hypervisor-name',
      severity: 'error',
      title: '[runtime] hypervisor_name that is empty or names no hypervisor table of the file',
      kata: `${ANNOTATIONS}; ${MANAGER}: load_config`,
      rules: ['T6'],
      note: 'an empty hypervisor_name is refused from 3.3.0; 3.2.0 uses "dragonball" (an error there only when the file has no [hypervisor.dragonball] table; information otherwise).',
    },
    {
      code: 'kata-agent-name',
      severity: 'error',
      title: '[runtime] agent_name that is empty, names no agent table of the file, or another agent than kata',
      kata: `${ANNOTATIONS}; src/runtime-rs/crates/runtimes/virt_container/src/lib.rs: new_agent`,
      rules: ['T6'],
      note: 'an empty agent_name is refused from 3.3.0; 3.2.0 uses "kata" (an error there only when the file has no [agent.kata] table; information otherwise).',
    },
    {
      code: 'kata-runtime-name',
      severity: 'error',
      title: '[runtime] without name, with another name than virt_container, or no [runtime] table at all',
      kata: `${ANNOTATIONS}; ${MANAGER}: RuntimeHandlerManagerInner::init_runtime_handler`,
      rules: ['T6'],
      note: 'an empty name or a missing [runtime] table is refused from 3.3.0; 3.2.0 fills in the names (information, or an error when the tables they name are missing). A warning instead of an error when the release is inferred from the content and only some of the possible releases refuse.',
    },
  ],
  run(ctx) {
    if (ctx.target.dropIn) return;
    const names = (kind: 'hypervisor' | 'agent') => ctx.tablesOf(kind).map((t) => t.path[1]).filter((n): n is string => n !== undefined);
    const runtime = ctx.tablesOf('runtime')[0];
    // A document without any table is not a configuration yet: nothing to say about its names.
    if (!runtime) return ctx.tables.length ? checkNoRuntime(ctx, names('hypervisor'), names('agent')) : undefined;
    checkName(ctx, runtime, 'runtime', []);
    checkName(ctx, runtime, 'hypervisor', names('hypervisor'));
    checkName(ctx, runtime, 'agent', names('agent'));
  },
};
