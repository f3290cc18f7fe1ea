/**
 * runtime-rs block devices: sector sizes (H8; mod.rs: BlockDeviceInfo::validate, from the 3.29.0
 * tag), and what disable_block_device_use = true leaves unchecked (H2).
 *
 * With disable_block_device_use = true, hypervisor/mod.rs: BlockDeviceInfo::adjust_config clears
 * block_device_driver and returns before it defaults or checks block_device_aio (the AIO check
 * exists from the 3.20.0 tag, with the key), and BlockDeviceInfo::validate returns at once; the
 * plugins' own driver checks (qemu.rs: QemuConfig::validate "Qemu doesn't support virtio-blk-mmio",
 * dragonball.rs: DragonballConfig::validate, ch.rs of 3.2.0) test disable_block_device_use too, and
 * remote.rs: RemoteConfig::validate compares the cleared driver. So at every release a leftover
 * driver or AIO mode Kata would refuse is not refused: their allowed sets say so (`unless` in
 * knowledge/rsKeys.ts), and the values rule reports only that they are not used (kata-value-unchecked).
 */
import type { RuleModule } from '../../rule';
import { fix, replaceSpan } from '../../fixes';
import { boolOr, hvTables, refusalIn, u32, written } from './util';

const LOGICAL = 'block_device_logical_sector_size';
const PHYSICAL = 'block_device_physical_sector_size';

function validSize(n: number): boolean {
  return n === 0 || (n >= 512 && n <= 65536 && Number.isInteger(Math.log2(n)));
}

/** The nearest valid sizes around n, for quick fixes. */
function nearest(n: number): number[] {
  if (n < 512) return [512];
  if (n > 65536) return [65536];
  const below = 2 ** Math.floor(Math.log2(n));
  return [below, below * 2];
}

export const blockDeviceRule: RuleModule = {
  // Codes shared with other rules: a size on its own is a kata-invalid-value (as the Go runtime's
  // allowed list reports it), the order is kata-sector-size-order (registered by rules/go/blockDevice.ts);
  // for runtime-rs both mirror H8: BlockDeviceInfo::validate, validate_block_device_sector_size.
  codes: [],
  run(ctx) {
    const refusal = refusalIn(ctx, { since: '3.29.0' });
    if (!refusal) return;
    for (const h of hvTables(ctx)) {
      // With block devices disabled, Kata skips every block device check.
      if (boolOr(ctx, h.t, 'disable_block_device_use') !== false) continue;
      const sizes: Record<string, number | undefined> = {};
      for (const key of [LOGICAL, PHYSICAL]) {
        const k = written(ctx, h.t, key);
        const n = u32(ctx, k);
        sizes[key] = n;
        if (n === undefined || validSize(n)) continue;
        sizes[key] = undefined;
        ctx.report('kata-invalid-value', refusal.severity, ctx.valueSpan(k!), `${key} = ${n} is not a sector size: runtime-rs refuses the file. Use 0 (the device's own size) or a power of two from 512 to 65536.${refusal.note}`, {
          fixes: [...nearest(n), 0].map((v, i) => fix(`Use ${v}`, [replaceSpan(ctx.valueSpan(k!), String(v))], i === 0)),
        });
      }
      const logical = sizes[LOGICAL];
      const physical = sizes[PHYSICAL];
      if (logical && physical && logical > physical) {
        const k = written(ctx, h.t, LOGICAL)!;
        ctx.report('kata-sector-size-order', refusal.severity, ctx.valueSpan(k), `The logical sector size (${logical}) is larger than the physical one (${physical}): runtime-rs refuses the file.${refusal.note}`, {
          related: [{ ...ctx.valueSpan(written(ctx, h.t, PHYSICAL)!), message: `${PHYSICAL} is set here` }],
          fixes: [fix(`Use ${physical}`, [replaceSpan(ctx.valueSpan(k), String(physical))], true)],
        });
      }
    }
  },
};
