/**
 * runtime-rs `[runtime]` names (T6): kata-types does not validate name, hypervisor_name and
 * agent_name, but the shim needs them when it loads the file for a sandbox
 * (Annotation::update_config_by_annotation: "... name is missing in the configuration",
 * "Invalid hypervisor name", "Invalid agent name"; virt_container new_agent: "Unsupported agent").
 * Not checked in drop-ins: the base file holds the tables and may set the names.
 */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { fix, insertionPoint, insertLine, replaceSpan } from '../../fixes';
import type { Fix } from '../../types';
import { quote, written } from './util';

const ANNOTATIONS = 'src/libs/kata-types/src/annotations/mod.rs: Annotation::update_config_by_annotation';
const FAILS = 'runtime-rs fails every sandbox when it loads this file';

/** Fixes that write `key = "<choice>"`, one per choice. */
function nameFixes(ctx: KataContext, runtime: TableInstance, key: string, choices: string[]): Fix[] {
  const k = written(ctx, runtime, key);
  return choices.map((c, i) => {
    const edit = k?.entry?.value ? replaceSpan(k.entry.value, quote(c)) : insertLine(ctx.doc, insertionPoint(ctx.doc, runtime), `${key} = ${quote(c)}`);
    return fix(`${k ? 'Use' : 'Add'} ${key} = ${quote(c)}`, [edit], i === 0);
  });
}

/** Checks that `key` names one of `tables` (skipped when the value is a placeholder). */
function checkName(ctx: KataContext, runtime: TableInstance, key: string, kind: 'hypervisor' | 'agent', tables: string[]): void {
  const k = written(ctx, runtime, key);
  const value = k ? ctx.str(k) : '';
  if (value === undefined) return;
  const span = k ? ctx.valueSpan(k) : runtime.span;
  const code = kind === 'hypervisor' ? 'kata-hypervisor-name' : 'kata-agent-name';
  const fixes = runtime.header ? nameFixes(ctx, runtime, key, tables) : [];
  if (value === '') {
    ctx.report(code, 'error', span, `[runtime] ${k ? 'sets an empty' : 'has no'} ${key}: ${FAILS} ("${kind === 'hypervisor' ? 'Hypervisor' : 'Agent'} name is missing in the configuration").${tables.length ? '' : ` The file has no [${kind}.<name>] table either.`}`, { fixes });
  } else if (!tables.includes(value)) {
    ctx.report(code, 'error', span, `${key} = "${value}" names no [${kind}.${value}] table of this file: ${FAILS} ("Invalid ${kind} name ${value}").${tables.length ? ` Tables here: ${tables.join(', ')}.` : ''}`, { fixes });
  } else if (kind === 'agent' && value !== 'kata') {
    ctx.report(code, 'error', span, `agent_name = "${value}": runtime-rs has only the "kata" agent, so every sandbox fails to start ("Unsupported agent ${value}").`);
  }
}

export const runtimeRule: RuleModule = {
  codes: [
    {
      code: 'kata-hypervisor-name',
      severity: 'error',
      title: '[runtime] hypervisor_name that names no hypervisor table of the file',
      kata: `${ANNOTATIONS}; src/runtime-rs/crates/runtimes/src/manager.rs`,
      rules: ['T6'],
    },
    {
      code: 'kata-agent-name',
      severity: 'error',
      title: '[runtime] agent_name that names no agent table of the file (or another agent than kata)',
      kata: `${ANNOTATIONS}; src/runtime-rs/crates/runtimes/virt_container/src/lib.rs: new_agent`,
      rules: ['T6'],
    },
    {
      code: 'kata-runtime-name',
      severity: 'error',
      title: '[runtime] without name (virt_container)',
      kata: ANNOTATIONS,
      rules: ['T6'],
    },
  ],
  run(ctx) {
    if (ctx.target.dropIn) return;
    const runtime = ctx.tablesOf('runtime')[0];
    if (!runtime) return;
    const names = (kind: 'hypervisor' | 'agent') => ctx.tablesOf(kind).map((t) => t.path[1]);
    checkName(ctx, runtime, 'hypervisor_name', 'hypervisor', names('hypervisor'));
    checkName(ctx, runtime, 'agent_name', 'agent', names('agent'));
    const name = written(ctx, runtime, 'name');
    const value = name ? ctx.str(name) : '';
    if (value === '') {
      ctx.report('kata-runtime-name', 'error', name ? ctx.valueSpan(name) : runtime.span, `[runtime] ${name ? 'sets an empty' : 'has no'} name: ${FAILS} ("Runtime name is missing in the configuration"). runtime-rs runs VM sandboxes as "virt_container".`, {
        fixes: runtime.header ? nameFixes(ctx, runtime, 'name', ['virt_container']) : [],
      });
    }
  },
};
