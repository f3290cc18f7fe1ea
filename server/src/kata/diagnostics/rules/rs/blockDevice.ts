/** runtime-rs block device sector sizes (H8; mod.rs: BlockDeviceInfo::validate, from the 3.29.0 tag). */
import type { RuleModule } from '../../rule';
import { fix, replaceSpan } from '../../fixes';
import { boolOr, hvTables, since, u32, written } from './util';

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
    if (!since(ctx, '3.29.0')) return;
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
        ctx.report('kata-invalid-value', 'error', ctx.valueSpan(k!), `${key} = ${n} is not a sector size: runtime-rs refuses the file. Use 0 (the device's own size) or a power of two from 512 to 65536.`, {
          fixes: [...nearest(n), 0].map((v, i) => fix(`Use ${v}`, [replaceSpan(ctx.valueSpan(k!), String(v))], i === 0)),
        });
      }
      const logical = sizes[LOGICAL];
      const physical = sizes[PHYSICAL];
      if (logical && physical && logical > physical) {
        const k = written(ctx, h.t, LOGICAL)!;
        ctx.report('kata-sector-size-order', 'error', ctx.valueSpan(k), `The logical sector size (${logical}) is larger than the physical one (${physical}): runtime-rs refuses the file.`, {
          related: [{ ...ctx.valueSpan(written(ctx, h.t, PHYSICAL)!), message: `${PHYSICAL} is set here` }],
          fixes: [fix(`Use ${physical}`, [replaceSpan(ctx.valueSpan(k), String(physical))], true)],
        });
      }
    }
  },
};
