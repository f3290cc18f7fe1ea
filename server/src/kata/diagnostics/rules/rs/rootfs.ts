/**
 * runtime-rs guest root filesystem kernel parameters: kata-types accepts any rootfs_type and five
 * block drivers, but the hypervisor back ends build root=/rootflags/rootfstype from them with
 * src/runtime-rs/crates/hypervisor/src/kernel_param.rs: KernelParams::new_rootfs_kernel_params,
 * which takes the drivers virtio-pmem, virtio-blk-pci, virtio-blk-mmio and (from 3.4.0)
 * virtio-blk-ccw ("Unsupported rootfs driver {}") and the types ext4, xfs and erofs ("Unsupported
 * rootfs type {}"). It runs when the VM starts, so a value it refuses fails every sandbox.
 *
 * Which values each back end passes (bisected over every tag 3.2.0–4.1.0), for the hypervisor
 * [runtime] hypervisor_name selects:
 * - QEMU (qemu/cmdline_generator.rs: Kernel::new, from 3.3.0; when booting from an image):
 *   vm_rootfs_driver (empty -> virtio-blk-pci, BootInfo::adjust_config) and rootfs_type (empty ->
 *   ext4, QemuConfig::adjust_config from 3.3.0);
 * - Cloud Hypervisor (ch/inner_hypervisor.rs: get_kernel_params, always): its own driver and
 *   rootfs_type (empty -> DEFAULT_CH_ROOTFS_TYPE, ext4);
 * - Dragonball (dragonball/inner.rs: DragonballInner::cold_start_vm, always up to 3.7.0, when
 *   booting from an image from 3.8.0) and Firecracker (firecracker/fc_api.rs:
 *   prepare_vmm_resources, always): block_device_driver, not vm_rootfs_driver (empty ->
 *   virtio-blk-pci; cleared to "" by BlockDeviceInfo::adjust_config when
 *   disable_block_device_use = true), and rootfs_type as written (no default);
 * - OpenVMM (openvmm/inner_hypervisor.rs: build_kernel_cmdline, 4.1.0): virtio-blk-pci and
 *   rootfs_type as written.
 */
import type { Release } from '../../../releases';
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { compareVersions } from '../../../releases';
import { activeHv, at, boolOr, hvName, quote, refusalIn, setFix, strOr, written, type HvTable } from './util';

const KERNEL_PARAM = 'src/runtime-rs/crates/hypervisor/src/kernel_param.rs: KernelParams::new_rootfs_kernel_params';
const TYPES = ['ext4', 'xfs', 'erofs'];

function drivers(r: Release): string[] {
  return ['virtio-pmem', 'virtio-blk-pci', 'virtio-blk-mmio', ...(compareVersions(r, '3.4.0') >= 0 ? ['virtio-blk-ccw'] : [])];
}

interface Inputs {
  /** The driver key whose value the back end passes, or undefined when it uses its own. */
  driverKey?: 'vm_rootfs_driver' | 'block_device_driver';
  driver: string;
  rootfsType: string;
  /** Whether an empty rootfs_type becomes ext4. */
  typeDefault: boolean;
}

/** What the back end passes, or undefined when it does not build the parameters (or a value is unknown). */
function inputs(ctx: KataContext, h: HvTable, r: Release): Inputs | undefined {
  const image = strOr(ctx, h.t, 'initrd') === '';
  const type = strOr(ctx, h.t, 'rootfs_type');
  if (type === undefined) return undefined;
  switch (h.id) {
    case 'qemu': {
      if (compareVersions(r, '3.3.0') < 0 || !image) return undefined;
      const driver = strOr(ctx, h.t, 'vm_rootfs_driver');
      return driver === undefined ? undefined : { driverKey: 'vm_rootfs_driver', driver: driver || 'virtio-blk-pci', rootfsType: type, typeDefault: true };
    }
    case 'clh':
      return { driver: 'virtio-blk-pci', rootfsType: type, typeDefault: true };
    case 'openvmm':
      return { driver: 'virtio-blk-pci', rootfsType: type, typeDefault: false };
    case 'dragonball':
    case 'firecracker': {
      if (h.id === 'dragonball' && compareVersions(r, '3.8.0') >= 0 && !image) return undefined;
      const disabled = boolOr(ctx, h.t, 'disable_block_device_use');
      const driver = strOr(ctx, h.t, 'block_device_driver');
      if (disabled === undefined || driver === undefined) return undefined;
      return { driverKey: 'block_device_driver', driver: disabled ? '' : driver || 'virtio-blk-pci', rootfsType: type, typeDefault: false };
    }
    default:
      return undefined;
  }
}

/** Whether kata-types loads the driver (values it refuses at load are the values rule's kata-invalid-value; "" is a cleared block_device_driver). */
function loads(h: HvTable, i: Inputs): boolean {
  // Dragonball's own list (dragonball.rs: DragonballConfig::validate) has only drivers the parameters take.
  return i.driver === '' || (h.id !== 'dragonball' && ['virtio-blk-pci', 'virtio-blk-ccw', 'virtio-blk-mmio', 'virtio-pmem', 'virtio-scsi'].includes(i.driver));
}

function rootfsType(i: Inputs): string {
  return i.rootfsType === '' && i.typeDefault ? 'ext4' : i.rootfsType;
}

/** The back end's inputs in the release a refusal describes; an error only if every possible release refuses (util.ts: refusalIn). */
function check(ctx: KataContext, h: HvTable): void {
  const name = hvName(h);
  const fails = `every sandbox fails when ${name} starts its VM`;
  const driverRefused = (r: Release) => {
    const i = inputs(ctx, h, r);
    return !!i?.driverKey && loads(h, i) && !drivers(r).includes(i.driver);
  };
  const dr = refusalIn(ctx, driverRefused);
  const di = dr && inputs(ctx, h, dr.release);
  if (dr && di?.driverKey) {
    const okDrivers = drivers(dr.release);
    const disabled = di.driver === '' && di.driverKey === 'block_device_driver';
    const span = disabled ? at(ctx, h.t, 'disable_block_device_use') : at(ctx, h.t, di.driverKey);
    const what = disabled
      ? `disable_block_device_use = true clears block_device_driver, and ${name} boots its root filesystem with block_device_driver`
      : `${name} boots its root filesystem with ${di.driverKey} = ${quote(di.driver)}`;
    ctx.report('kata-rootfs-params', dr.severity, span, `${what}: runtime-rs cannot build the root kernel parameters for it, so ${fails} ("Unsupported rootfs driver ${di.driver}"). It takes ${okDrivers.join(', ')}.${dr.note}`, {
      fixes: disabled ? setFix(ctx, h.t, 'disable_block_device_use', 'false', 'Set disable_block_device_use = false', true) : setFix(ctx, h.t, di.driverKey, quote('virtio-blk-pci'), 'Use "virtio-blk-pci"', true),
    });
  }
  const typeRefused = (r: Release) => {
    const i = inputs(ctx, h, r);
    return !!i && !TYPES.includes(rootfsType(i));
  };
  const tr = refusalIn(ctx, typeRefused);
  const ti = tr && inputs(ctx, h, tr.release);
  if (!tr || !ti) return;
  const type = rootfsType(ti);
  const k = written(ctx, h.t, 'rootfs_type');
  const what = type === '' ? `[hypervisor.${h.name}] ${k ? 'sets an empty' : 'has no'} rootfs_type, and ${name} has no default for it` : `rootfs_type = ${quote(type)} is not a root filesystem type runtime-rs boots`;
  ctx.report('kata-rootfs-params', tr.severity, at(ctx, h.t, 'rootfs_type'), `${what}: ${fails} ("Unsupported rootfs type ${type}"). Use ext4 (Kata's images), xfs or erofs.${tr.note}`, {
    fixes: setFix(ctx, h.t, 'rootfs_type', '"ext4"', `${k ? 'Use' : 'Add'} rootfs_type = "ext4"`, true),
  });
}

export const rootfsRule: RuleModule = {
  codes: [
    {
      code: 'kata-rootfs-params',
      severity: 'error',
      title: 'A guest root filesystem driver or type the hypervisor back end cannot boot (every sandbox fails when the VM starts)',
      kata: `${KERNEL_PARAM}; hypervisor/src/qemu/cmdline_generator.rs, ch/inner_hypervisor.rs, dragonball/inner.rs, firecracker/fc_api.rs, openvmm/inner_hypervisor.rs`,
      rules: ['H11'],
      note: 'only for the hypervisor [runtime] hypervisor_name selects, and only when it boots from an image (Cloud Hypervisor, Firecracker and Dragonball up to 3.7.0 always build the parameters).',
    },
  ],
  run(ctx) {
    const h = activeHv(ctx);
    if (h) check(ctx, h);
  },
};
