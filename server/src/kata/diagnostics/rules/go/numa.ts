/** Guest NUMA nodes from `enable_numa` and `numa_mapping` (R38, R39 from 3.32.0; the R27 fallback from 3.27.0). */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { boolVal, firstTable, GO_CONFIG, hvTables, LOAD, listVal, quote, setFix, since, written, type Item } from './util';

/** cpuset.Parse of a host NUMA node list ("0", "0-3,5"); false when Kata cannot parse it. */
export function parsesAsNodeList(s: string): boolean {
  if (s === '') return true;
  return s.split(',').every((part) => {
    const bounds = part.split('-');
    // Kata's parser silently skips a part with more than one '-'.
    return bounds.length > 2 || bounds.every((b) => /^\+?\d+$/.test(b));
  });
}

function checkTable(ctx: KataContext, t: TableInstance): void {
  const numa = boolVal(ctx, t, 'enable_numa');
  if (!written(numa) || !numa.value) return;
  const mapping = listVal(ctx, t, 'numa_mapping');
  if (!mapping) return;
  const bad: Item | undefined = mapping.value.find((m) => !parsesAsNodeList(m.value));
  if (bad) {
    ctx.report(
      'kata-numa-mapping-invalid',
      'warning',
      bad.span,
      `Kata cannot read ${quote(bad.value)} as a list of host NUMA nodes (like "0" or "0-1,3"), so it logs "Cannot construct guest NUMA nodes." and starts the VM without NUMA, although enable_numa = true.`,
    );
    return;
  }
  // config.go: checkNumaConfig (node count per architecture, static resources) first appears at the 3.32.0 tag.
  if (!since(ctx, '3.32.0')) return;
  // An empty numa_mapping means one guest node per host node: that depends on the host.
  const nodes = mapping.value.length;
  if (nodes <= 1) return;
  const related = mapping.key ? [{ ...ctx.valueSpan(mapping.key), message: `${nodes} guest NUMA nodes` }] : undefined;
  if (!['x86_64', 'aarch64'].includes(ctx.target.arch)) {
    ctx.report('kata-numa-arch', 'error', ctx.valueSpan(numa.key), `${LOAD}: numa_mapping asks for ${nodes} guest NUMA nodes, and the Go runtime supports several NUMA nodes only on x86_64 and aarch64, not on ${ctx.target.arch} ("multi-NUMA support is only available on amd64 and arm64").`, {
      related,
      fixes: setFix(ctx, t, 'enable_numa', 'false', true),
    });
    return;
  }
  const runtime = firstTable(ctx, 'runtime');
  const fixed = boolVal(ctx, runtime, 'static_sandbox_resource_mgmt');
  if (!fixed || fixed.value) return;
  ctx.report(
    'kata-numa-needs-static',
    'error',
    fixed.key ? ctx.valueSpan(fixed.key) : ctx.valueSpan(numa.key),
    `${LOAD}: ${nodes} guest NUMA nodes need static_sandbox_resource_mgmt = true in [runtime], because NUMA topology cannot follow CPU and memory hot-plug ("NUMA support requires static_sandbox_resource_mgmt to be enabled").`,
    { related, fixes: [...setFix(ctx, runtime, 'static_sandbox_resource_mgmt', 'true', true), ...setFix(ctx, t, 'enable_numa', 'false')] },
  );
}

export const numaRule: RuleModule = {
  codes: [
    {
      code: 'kata-numa-needs-static',
      severity: 'error',
      title: 'Several guest NUMA nodes without static_sandbox_resource_mgmt',
      kata: `${GO_CONFIG}: checkNumaConfig (3.32.0+)`,
      rules: ['R39'],
    },
    {
      code: 'kata-numa-arch',
      severity: 'error',
      title: 'Several guest NUMA nodes on an architecture other than x86_64 and aarch64',
      kata: `${GO_CONFIG}: checkNumaConfig (3.32.0+)`,
      rules: ['R38'],
    },
    {
      code: 'kata-numa-mapping-invalid',
      severity: 'warning',
      title: 'A numa_mapping entry Kata cannot parse (NUMA is silently dropped)',
      kata: `${GO_CONFIG}: hypervisor.defaultGuestNUMANodes (virtcontainers/utils: GetGuestNUMANodes), 3.27.0+`,
      rules: ['R27'],
    },
  ],
  run(ctx) {
    // config.go: enable_numa, numa_mapping and hypervisor.defaultGuestNUMANodes first appear at the 3.27.0 tag.
    if (!since(ctx, '3.27.0')) return;
    for (const t of hvTables(ctx, 'qemu')) checkTable(ctx, t);
  },
};
