/** runtime-rs PCIe ports: root ports and switch ports are exclusive (H18; mod.rs: DeviceInfo::validate, 3.17.0+). */
import type { RuleModule } from '../../rule';
import { at, HV_MOD, hvTables, refusalIn, setFix, u32Or, written } from './util';

export const deviceRule: RuleModule = {
  codes: [
    {
      code: 'kata-root-and-switch-port',
      severity: 'error',
      title: 'Both pcie_root_port and pcie_switch_port are set',
      kata: `${HV_MOD}: DeviceInfo::validate`,
      rules: ['H18'],
    },
  ],
  run(ctx) {
    const refusal = refusalIn(ctx, { since: '3.17.0' });
    if (!refusal) return;
    for (const h of hvTables(ctx)) {
      // Dragonball refuses each of them on its own (kata-hypervisor-unsupported).
      if (h.id === 'dragonball') continue;
      const root = u32Or(ctx, h.t, 'pcie_root_port');
      const sw = u32Or(ctx, h.t, 'pcie_switch_port');
      if (!root || !sw) continue;
      ctx.report('kata-root-and-switch-port', refusal.severity, at(ctx, h.t, 'pcie_switch_port'), `pcie_root_port = ${root} and pcie_switch_port = ${sw} are both set: runtime-rs takes one kind of PCIe port only and refuses the file ("Root Port and Switch Port set at the same time is forbidden.").${refusal.note}`, {
        related: written(ctx, h.t, 'pcie_root_port') ? [{ ...at(ctx, h.t, 'pcie_root_port'), message: 'pcie_root_port is set here' }] : undefined,
        fixes: [...setFix(ctx, h.t, 'pcie_switch_port', '0', 'Set pcie_switch_port = 0', true), ...setFix(ctx, h.t, 'pcie_root_port', '0', 'Set pcie_root_port = 0')],
      });
    }
  },
};
