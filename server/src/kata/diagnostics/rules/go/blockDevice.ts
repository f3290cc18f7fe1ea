/** Block devices: sector sizes, vhost-user storage, the Cloud Hypervisor block driver (R16, R48, R54). */
import type { RuleModule } from '../../rule';
import { boolVal, GO_CONFIG, hvTables, numVal, quote, setFix, since, strVal, VC, VM_START, written } from './util';

const SECTOR_SIZES = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
const BLOCK_DRIVERS = ['virtio-scsi', 'virtio-blk', 'virtio-mmio', 'nvdimm', 'virtio-blk-ccw'];

export const blockDeviceRule: RuleModule = {
  codes: [
    {
      code: 'kata-sector-size-order',
      severity: 'error',
      title: 'A logical block sector size larger than the physical one',
      kata: `${GO_CONFIG}: validateBlockDeviceSectorSizes (3.29.0+); runtime-rs: src/libs/kata-types/src/config/hypervisor/mod.rs: BlockDeviceInfo::validate (3.29.0+)`,
      rules: ['R16', 'H8'],
      note: 'Each size on its own (0 or a power of two from 512 to 65536) is checked by kata-invalid-value.',
    },
    {
      code: 'kata-vhost-user-store-hugepages',
      severity: 'error',
      title: 'vhost-user block devices without huge pages',
      kata: `${VC}/qemu.go: CreateVM`,
      rules: ['R48'],
    },
    {
      code: 'kata-clh-block-driver',
      severity: 'warning',
      title: 'Cloud Hypervisor hot-plugs block devices only with virtio-blk',
      kata: `${VC}/clh.go: hotplugAddBlockDevice`,
      rules: ['R54'],
    },
  ],
  run(ctx) {
    // config.go: validateBlockDeviceSectorSizes, called from newQemuHypervisorConfig and
    // newStratovirtHypervisorConfig, first appears at the 3.29.0 tag.
    if (since(ctx, '3.29.0')) {
      for (const t of hvTables(ctx, 'qemu', 'stratovirt')) {
        const logical = numVal(ctx, t, 'block_device_logical_sector_size');
        const physical = numVal(ctx, t, 'block_device_physical_sector_size');
        if (!written(logical) || !physical || !SECTOR_SIZES.includes(logical.value) || !SECTOR_SIZES.includes(physical.value)) continue;
        if (logical.value <= physical.value) continue;
        ctx.report(
          'kata-sector-size-order',
          'error',
          ctx.valueSpan(logical.key),
          `Kata refuses to load the file: the logical sector size (${logical.value}) cannot be larger than the physical one (${physical.value}) ("invalid sector sizes: logical (${logical.value}) must not be larger than physical (${physical.value})").`,
          {
            fixes: [
              ...setFix(ctx, t, 'block_device_logical_sector_size', String(physical.value), true),
              ...setFix(ctx, t, 'block_device_physical_sector_size', String(logical.value)),
            ],
            related: physical.key ? [{ ...ctx.valueSpan(physical.key), message: 'the physical sector size' }] : undefined,
          },
        );
      }
    }

    for (const t of hvTables(ctx, 'qemu')) {
      const store = boolVal(ctx, t, 'enable_vhost_user_store');
      const huge = boolVal(ctx, t, 'enable_hugepages');
      if (!written(store) || !store.value || !huge || huge.value) continue;
      ctx.report(
        'kata-vhost-user-store-hugepages',
        'error',
        ctx.valueSpan(store.key),
        `enable_vhost_user_store = true needs enable_hugepages = true (QEMU shares the guest memory with the vhost-user storage daemon through huge pages): ${VM_START} ("Vhost-user-blk/scsi is enabled without HugePages").`,
        { fixes: [...setFix(ctx, t, 'enable_hugepages', 'true', true), ...setFix(ctx, t, 'enable_vhost_user_store', 'false')] },
      );
    }

    for (const t of hvTables(ctx, 'clh')) {
      const driver = strVal(ctx, t, 'block_device_driver');
      if (!driver) continue;
      const effective = driver.value === '' ? 'virtio-scsi' : driver.value;
      if (effective === 'virtio-blk' || !BLOCK_DRIVERS.includes(effective)) continue;
      const what = written(driver) && driver.value !== '' ? `block_device_driver = ${quote(effective)}` : 'block_device_driver is virtio-scsi (the default when it is not set)';
      ctx.report(
        'kata-clh-block-driver',
        'warning',
        driver.key ? ctx.valueSpan(driver.key) : t.span,
        `Cloud Hypervisor hot-plugs block devices only as virtio-blk, but ${what}: the sandbox starts, but adding a block volume or a block-based container root filesystem fails ("incorrect hypervisor configuration on 'block_device_driver'").`,
        { fixes: setFix(ctx, t, 'block_device_driver', '"virtio-blk"', true, 'Use "virtio-blk"') },
      );
    }
  },
};
