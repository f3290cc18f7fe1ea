/**
 * What each runtime-rs hypervisor plugin refuses (its `ConfigPlugin::validate`): options the VMM
 * does not have (Q4, Q12, C3, C4, D2, D3, D6, D8–D11, D14, D5 up to 3.7.0, R5), a confidential guest
 * on virtio-blk-mmio (Q6, 3.28.0+), and the Firecracker binary path (F2).
 *
 * Release bounds are the first/last tags whose src/libs/kata-types/src/config/hypervisor/<plugin>.rs
 * `validate` has the check (bisected over every tag 3.2.0–4.1.0).
 */
import type { HypervisorId } from '../../../catalog';
import type { ReleaseRange } from '../../../releases';
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { boolOr, HV_DIR, hvTables, quote, refusalIn, removeFix, setFix, strOr, written, type HvTable } from './util';

interface Refusal {
  ids: HypervisorId[];
  key: string;
  /** Why the hypervisor cannot take it, in the user's words. */
  why: string;
  /** Kata's own error text. */
  kata: string;
  releases?: ReleaseRange;
  /** A value Kata refuses; by default any value that is "set" (non-empty, true, above 0). */
  value?: string;
}

const DB_BUILTIN = 'Dragonball is built into runtime-rs, so it has no binary or control program of its own';
const NO_JAILER = 'has no jailer support in runtime-rs';

const REFUSALS: Refusal[] = [
  { ids: ['qemu'], key: 'jailer_path', why: `QEMU ${NO_JAILER}`, kata: 'Path for QEMU jailer should be empty' },
  { ids: ['qemu'], key: 'valid_jailer_paths', why: `QEMU ${NO_JAILER}`, kata: 'Valid Qemu jailer path list should be empty' },
  // qemu.rs: QemuConfig::validate, from the 3.15.0 tag.
  { ids: ['qemu'], key: 'enable_guest_swap', why: 'runtime-rs has no guest swap for QEMU', kata: "Qemu hypervisor doesn't support enable_guest_swap", releases: { since: '3.15.0' } },
  { ids: ['clh'], key: 'jailer_path', why: `Cloud Hypervisor ${NO_JAILER}`, kata: 'Path for CH jailer should be empty' },
  { ids: ['clh'], key: 'valid_jailer_paths', why: `Cloud Hypervisor ${NO_JAILER}`, kata: 'Valid CH jailer path list should be empty' },
  // ch.rs: CloudHypervisorConfig::validate, 3.2.0 only (dropped at the 3.3.0 tag).
  { ids: ['clh'], key: 'block_device_driver', value: 'virtio-blk-mmio', why: 'Cloud Hypervisor has no virtio-mmio block devices in runtime-rs 3.2.0', kata: "CH doesn't support virtio-blk-mmio", releases: { until: '3.2.0' } },
  { ids: ['dragonball'], key: 'path', why: DB_BUILTIN, kata: 'Path for dragonball hypervisor should be empty' },
  { ids: ['dragonball'], key: 'valid_hypervisor_paths', why: DB_BUILTIN, kata: 'Valid hypervisor path for dragonball hypervisor should be empty' },
  { ids: ['dragonball'], key: 'ctlpath', why: DB_BUILTIN, kata: 'CtlPath for dragonball hypervisor should be empty' },
  { ids: ['dragonball'], key: 'valid_ctlpaths', why: DB_BUILTIN, kata: 'CtlPath for dragonball hypervisor should be empty' },
  { ids: ['dragonball'], key: 'enable_iothreads', why: 'Dragonball has no I/O threads', kata: "dragonball hypervisor doesn't support IO threads." },
  // dragonball.rs: DragonballConfig::validate, up to the 3.7.0 tag (3.8.0 accepts an initrd).
  { ids: ['dragonball'], key: 'initrd', why: 'Dragonball boots only from an image before runtime-rs 3.8.0', kata: 'Initrd for dragonball hypervisor should be empty', releases: { until: '3.7.0' } },
  { ids: ['dragonball'], key: 'firmware', why: 'Dragonball boots the kernel directly, without firmware', kata: 'Firmware for dragonball hypervisor should be empty' },
  { ids: ['dragonball'], key: 'enable_iommu', why: 'Dragonball has no virtual IOMMU', kata: 'dragonball hypervisor does not support vIOMMU' },
  { ids: ['dragonball'], key: 'enable_iommu_platform', why: 'Dragonball has no virtual IOMMU', kata: 'dragonball hypervisor does not support vIOMMU' },
  { ids: ['dragonball'], key: 'default_bridges', why: 'Dragonball has no PCI hotplug', kata: 'dragonball hypervisor does not support PCI hotplug options' },
  { ids: ['dragonball'], key: 'pcie_root_port', why: 'Dragonball has no PCI hotplug', kata: 'dragonball hypervisor does not support PCI hotplug options' },
  { ids: ['dragonball'], key: 'pcie_switch_port', why: 'Dragonball has no PCI hotplug', kata: 'dragonball hypervisor does not support PCI hotplug options' },
  { ids: ['dragonball'], key: 'hotplug_vfio_on_root_bus', why: 'Dragonball has no PCI hotplug', kata: 'dragonball hypervisor does not support PCI hotplug options' },
  { ids: ['dragonball'], key: 'machine_type', why: 'Dragonball has a single machine model', kata: 'dragonball hypervisor does not support machine_type' },
  { ids: ['dragonball'], key: 'pflashes', why: 'Dragonball has no flash images', kata: 'dragonball hypervisor does not support pflashes' },
  { ids: ['dragonball'], key: 'rootless', why: 'Dragonball cannot run rootless', kata: 'dragonball hypervisor does not support rootless mode' },
  // dragonball.rs: DragonballConfig::validate, up to the 3.14.0 tag.
  { ids: ['dragonball'], key: 'enable_guest_swap', why: 'Dragonball has no guest swap in this release', kata: "dragonball hypervisor doesn't support enable_guest_swap", releases: { until: '3.14.0' } },
  { ids: ['remote'], key: 'initrd', why: 'the remote hypervisor (peer pods) boots a cloud image, not an initrd', kata: 'Remote hypervisor does not support initrd' },
  { ids: ['remote'], key: 'rootfs_type', why: 'the remote hypervisor (peer pods) has no root filesystem type to choose', kata: 'Remote hypervisor does not support rootfs_type' },
];

/** True when the written value is "set" in the sense of the plugin's check. */
function isSet(ctx: KataContext, h: HvTable, key: string): boolean {
  const k = written(ctx, h.t, key);
  const v = k?.entry?.value;
  if (!k || !v || ctx.isPlaceholder(k)) return false;
  if (v.kind === 'string') return v.value !== '';
  if (v.kind === 'boolean') return v.value;
  if (v.kind === 'integer') return v.value > 0n;
  if (v.kind === 'array') return v.items.length > 0;
  return false;
}

function checkRefusals(ctx: KataContext, h: HvTable): void {
  for (const r of REFUSALS) {
    if (!r.ids.includes(h.id)) continue;
    // An error when every release the file may be for refuses it (util.ts: refusalIn).
    const refusal = refusalIn(ctx, r.releases ?? {});
    if (!refusal) continue;
    const k = written(ctx, h.t, r.key);
    if (!k) continue;
    if (r.value !== undefined) {
      if (ctx.str(k) !== r.value || boolOr(ctx, h.t, 'disable_block_device_use') !== false) continue;
    } else if (!isSet(ctx, h, r.key)) continue;
    const shown = r.value !== undefined ? `${r.key} = ${quote(r.value)}` : r.key;
    ctx.report('kata-hypervisor-unsupported', refusal.severity, ctx.valueSpan(k), `${shown} is set, but ${r.why}: runtime-rs refuses the file ("${r.kata}").${refusal.note}`, {
      fixes: r.value !== undefined ? setFix(ctx, h.t, r.key, quote('virtio-blk-pci'), 'Use "virtio-blk-pci"', true) : removeFix(ctx, h.t, r.key, true),
    });
  }
}

/** Q6: virtio-mmio is not hardened for confidential guests (qemu.rs, ch.rs: *Config::validate, from the 3.28.0 tag). */
function checkConfidentialMmio(ctx: KataContext, h: HvTable): void {
  if (h.id !== 'qemu' && h.id !== 'clh') return;
  if (ctx.bool(written(ctx, h.t, 'confidential_guest')) !== true || strOr(ctx, h.t, 'vm_rootfs_driver') !== 'virtio-blk-mmio') return;
  const refusal = refusalIn(ctx, { since: '3.28.0' });
  if (!refusal) return;
  ctx.report('kata-coco-virtio-mmio', refusal.severity, ctx.valueSpan(written(ctx, h.t, 'vm_rootfs_driver')!), `A confidential guest cannot boot its root filesystem over virtio-blk-mmio (virtio-mmio is not hardened for confidential computing): runtime-rs refuses the file. Use virtio-blk-pci.${refusal.note}`, {
    fixes: setFix(ctx, h.t, 'vm_rootfs_driver', quote('virtio-blk-pci'), 'Use "virtio-blk-pci"', true),
  });
}

/** F2: runtime-rs has no default Firecracker binary. */
function checkFirecrackerPath(ctx: KataContext, h: HvTable): void {
  if (h.id !== 'firecracker' || strOr(ctx, h.t, 'path') !== '') return;
  ctx.report('kata-hypervisor-path-empty', 'error', written(ctx, h.t, 'path') ? ctx.valueSpan(written(ctx, h.t, 'path')!) : h.t.span, `[hypervisor.firecracker] has no path: runtime-rs has no default Firecracker binary and refuses the file ("Firecracker path is empty"). Set path to the firecracker binary.`, {
    fixes: setFix(ctx, h.t, 'path', quote('/opt/kata/bin/firecracker'), 'Set path = "/opt/kata/bin/firecracker"', true),
  });
}

export const pluginsRule: RuleModule = {
  codes: [
    {
      code: 'kata-hypervisor-unsupported',
      severity: 'error',
      title: 'An option the hypervisor plugin of runtime-rs refuses',
      kata: `${HV_DIR}/qemu.rs: QemuConfig::validate; ch.rs: CloudHypervisorConfig::validate; dragonball.rs: DragonballConfig::validate; remote.rs: RemoteConfig::validate`,
      rules: ['Q4', 'Q12', 'C3', 'C4', 'D2', 'D3', 'D5', 'D6', 'D8', 'D9', 'D10', 'D11', 'D14', 'R5'],
    },
    {
      code: 'kata-hypervisor-path-empty',
      severity: 'error',
      title: 'Firecracker without a binary path',
      kata: `${HV_DIR}/firecracker.rs: FirecrackerConfig::validate`,
      rules: ['F2'],
    },
  ],
  // kata-coco-virtio-mmio (rs: Q6, QemuConfig/CloudHypervisorConfig::validate) is registered by the Go rules (rules/go/confidential.ts).
  run(ctx) {
    for (const h of hvTables(ctx)) {
      checkRefusals(ctx, h);
      checkConfidentialMmio(ctx, h);
      checkFirecrackerPath(ctx, h);
    }
  },
};
