/** Guest NUMA nodes from `enable_numa` and `numa_mapping` (R38, R39 from 3.32.0; the R27 fallback from 3.27.0). */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { boolVal, firstTable, GO_CONFIG, hvTables, LOAD, listVal, numVal, quote, setFix, since, VC, VM_START, written, type Item } from './util';

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
  checkEmptyNodes(ctx, t, mapping.value);
  // An empty numa_mapping means one guest node per host node: that depends on the host.
  const nodes = mapping.value.length;
  if (nodes <= 1) return;
  const related = mapping.key ? [{ ...ctx.valueSpan(mapping.key), message: `${nodes} guest NUMA nodes` }] : undefined;
  // Kata builds the guest nodes only when every host node named exists (GetGuestNUMANodes reads each
  // node's CPUs from /sys); otherwise it drops NUMA with a warning and loads the file. So whether
  // these refusals happen depends on the host: warnings that say on which hosts.
  const hosts = `on a host that has the NUMA nodes numa_mapping names (${mapping.value.map((m) => m.value).join(', ')}), ${LOAD}; on a host without them Kata drops NUMA ("Cannot construct guest NUMA nodes.") and loads it`;
  if (!['x86_64', 'aarch64'].includes(ctx.target.arch)) {
    ctx.report('kata-numa-arch', 'warning', ctx.valueSpan(numa.key), `numa_mapping asks for ${nodes} guest NUMA nodes, and the Go runtime supports several NUMA nodes only on x86_64 and aarch64, not on ${ctx.target.arch}: ${hosts} ("multi-NUMA support is only available on amd64 and arm64").`, {
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
    'warning',
    fixed.key ? ctx.valueSpan(fixed.key) : ctx.valueSpan(numa.key),
    `${nodes} guest NUMA nodes need static_sandbox_resource_mgmt = true in [runtime], because NUMA topology cannot follow CPU and memory hot-plug: ${hosts} ("NUMA support requires static_sandbox_resource_mgmt to be enabled").`,
    { related, fixes: [...setFix(ctx, runtime, 'static_sandbox_resource_mgmt', 'true', true), ...setFix(ctx, t, 'enable_numa', 'false')] },
  );
}

/** A non-empty entry every part of which Kata's parser skips (a range with more than one "-"): it names no host node. */
function namesNoNode(s: string): boolean {
  return s !== '' && s.split(',').every((part) => part.split('-').length > 2);
}

/**
 * qemu.go (3.32.0+): buildNUMATopology, in CreateVM, spreads the vCPUs over the guest NUMA nodes by
 * their host CPUs (utils.DistributeVCPUsProportionally) and fails on a node without any; a
 * numa_mapping entry that names no host node makes one, whatever the host.
 */
function checkEmptyNodes(ctx: KataContext, t: TableInstance, mapping: Item[]): void {
  if (!['x86_64', 'aarch64'].includes(ctx.target.arch)) return;
  const max = numVal(ctx, t, 'default_maxvcpus');
  // Fewer vCPUs than nodes: Kata logs it and builds no NUMA topology at all.
  if (max && max.value > 0 && max.value < mapping.length) return;
  const i = mapping.findIndex((m) => namesNoNode(m.value));
  if (i < 0) return;
  const bad = mapping[i];
  ctx.report(
    'kata-numa-node-empty',
    'error',
    bad.span,
    `${quote(bad.value)} names no host NUMA node (Kata's parser skips a range with more than one "-"), so guest NUMA node ${i} gets no host CPUs: ${VM_START} ("failed to distribute vCPUs across NUMA nodes: HostCPUs for NUMA node ${i} must not be empty"). Write node numbers or ranges like "0" or "0-1,3".`,
  );
}

export const numaRule: RuleModule = {
  codes: [
    {
      code: 'kata-numa-needs-static',
      severity: 'warning',
      title: 'Several guest NUMA nodes without static_sandbox_resource_mgmt',
      kata: `${GO_CONFIG}: checkNumaConfig (3.32.0+)`,
      rules: ['R39'],
      note: 'A warning: Kata refuses the file only on a host that has the NUMA nodes numa_mapping names (elsewhere it drops NUMA).',
    },
    {
      code: 'kata-numa-arch',
      severity: 'warning',
      title: 'Several guest NUMA nodes on an architecture other than x86_64 and aarch64',
      kata: `${GO_CONFIG}: checkNumaConfig (3.32.0+)`,
      rules: ['R38'],
      note: 'A warning: Kata refuses the file only on a host that has the NUMA nodes numa_mapping names (elsewhere it drops NUMA).',
    },
    {
      code: 'kata-numa-node-empty',
      severity: 'error',
      title: 'A numa_mapping entry that names no host NUMA node (3.32.0+)',
      kata: `${VC}/qemu.go: buildNUMATopology (${VC}/utils: DistributeVCPUsProportionally), 3.32.0+`,
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
