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
 * driver or AIO mode Kata would refuse is not refused: only information that it is not used.
 */
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { fix, replaceSpan } from '../../fixes';
import { boolOr, HV_MOD, hvTables, refusalIn, removeFix, u32, written, type HvTable } from './util';

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

const UNCHECKED_KEYS = ['block_device_driver', 'block_device_aio'];

/**
 * With block devices disabled: the values rule checks block_device_driver and block_device_aio
 * against their allowed lists whatever disable_block_device_use says (an allowed list cannot depend
 * on another key), so its kata-invalid-value on them is taken back here and replaced by information.
 * The rule modules run in order (diagnostics/index.ts: RULES), the values rule before these.
 */
function disabledLeftovers(ctx: KataContext, h: HvTable): void {
  for (const key of UNCHECKED_KEYS) {
    const k = written(ctx, h.t, key);
    if (!k?.entry?.value) continue;
    const span = ctx.valueSpan(k);
    const i = ctx.diagnostics.findIndex((d) => d.code === 'kata-invalid-value' && d.span.start === span.start && d.span.end === span.end);
    if (i < 0) continue;
    const [refusal] = ctx.diagnostics.splice(i, 1);
    const value = ctx.str(k) ?? '';
    const allowed = /Allowed: (.*)\.$/.exec(refusal.message)?.[1];
    ctx.report('kata-block-device-unused', 'information', span, `${key} = ${JSON.stringify(value)} is not used: with disable_block_device_use = true Kata ${key === 'block_device_driver' ? 'clears it' : 'leaves it'} and skips the block device checks. It would be refused once block devices are enabled${allowed ? ` (allowed: ${allowed})` : ''}.`, {
      related: written(ctx, h.t, 'disable_block_device_use') ? [{ ...ctx.valueSpan(written(ctx, h.t, 'disable_block_device_use')!), message: 'block devices are disabled here' }] : undefined,
      fixes: removeFix(ctx, h.t, key, true),
      tags: ['unnecessary'],
    });
  }
}

export const blockDeviceRule: RuleModule = {
  // Codes shared with other rules: a size on its own is a kata-invalid-value (as the Go runtime's
  // allowed list reports it), the order is kata-sector-size-order (registered by rules/go/blockDevice.ts);
  // for runtime-rs both mirror H8: BlockDeviceInfo::validate, validate_block_device_sector_size.
  codes: [
    {
      code: 'kata-block-device-unused',
      severity: 'information',
      title: 'A block_device_driver or block_device_aio Kata would refuse, left while disable_block_device_use = true (not used, not checked)',
      kata: `${HV_MOD}: BlockDeviceInfo::adjust_config, BlockDeviceInfo::validate; qemu.rs, dragonball.rs: <Plugin>::validate`,
      rules: ['H2'],
    },
  ],
  run(ctx) {
    for (const h of hvTables(ctx)) if (boolOr(ctx, h.t, 'disable_block_device_use') === true) disabledLeftovers(ctx, h);
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
