/**
 * Values Kata replaces with its own (R27): NVDIMM turned off where the guest cannot use it, and
 * rate-limiter bursts dropped without a rate. Keys a hypervisor's loader never copies (firecracker
 * disable_vhost_net, remote shared_fs, ...) are reported by kata-key-other-hypervisor instead. The
 * rules themselves are effective/rewrites.ts crossKeyRewrite, which the effective configuration applies.
 */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { crossKeyRewrite, type CrossKeyRewrite, type ValueOf } from '../../../effective/rewrites';
import type { TomlValue } from '../../../schema/types';
import { boolVal, findKey, GO_CONFIG, hvName, hvTables, listVal, numVal, removeFix, setFix, since, strVal, VC, written } from './util';

/**
 * The other keys of the table as Kata sees them: written, else Kata's default; undefined when that is
 * not known here (a drop-in or template, where another file decides, or a value that is no plain one).
 */
function tableValues(ctx: KataContext, t: TableInstance): ValueOf {
  return (key) => {
    const d = ctx.schema.spec('hypervisor', key)?.codeDefault;
    if (Array.isArray(d)) return listVal(ctx, t, key)?.value.map((i) => i.value);
    if (typeof d === 'boolean') return boolVal(ctx, t, key, d)?.value;
    if (typeof d === 'number') return numVal(ctx, t, key, d)?.value;
    if (typeof d === 'string') return strVal(ctx, t, key, d)?.value;
    return undefined;
  };
}

/** The value Kata uses instead of the written one because of another key: the rule the effective configuration applies. */
function forcedBy(ctx: KataContext, t: TableInstance, key: string, value: TomlValue): CrossKeyRewrite | undefined {
  return crossKeyRewrite(key, value, tableValues(ctx, t), ctx.target, hvName(t));
}

function checkNvdimm(ctx: KataContext, t: TableInstance): void {
  const nvdimm = boolVal(ctx, t, 'disable_image_nvdimm');
  if (!written(nvdimm) || nvdimm.value) return;
  let why = forcedBy(ctx, t, 'disable_image_nvdimm', false)?.why;
  // From 3.18.0 (when newClhHypervisorConfig starts to copy disable_image_nvdimm) to 3.26.0, CreateVM
  // boots a confidential guest's image as a disk whatever the key says: the value stays, the effect goes.
  if (!why && hvName(t) === 'clh' && since(ctx, '3.18.0') && !since(ctx, '3.27.0') && boolVal(ctx, t, 'confidential_guest')?.value)
    why = "Cloud Hypervisor boots a confidential guest's image as a disk, never as an NVDIMM, whatever disable_image_nvdimm says";
  if (!why) return;
  ctx.report('kata-forced-value', 'warning', ctx.valueSpan(nvdimm.key), `disable_image_nvdimm = false has no effect: ${why}.`, {
    fixes: [...setFix(ctx, t, 'disable_image_nvdimm', 'true', true), ...removeFix(ctx, nvdimm.key)],
  });
}

const BURSTS = ['disk_rate_limiter_bw_one_time_burst', 'disk_rate_limiter_ops_one_time_burst', 'net_rate_limiter_bw_one_time_burst', 'net_rate_limiter_ops_one_time_burst'];

function checkBursts(ctx: KataContext, t: TableInstance): void {
  for (const burstKey of BURSTS) {
    const burst = numVal(ctx, t, burstKey);
    if (!written(burst)) continue;
    const r = forcedBy(ctx, t, burstKey, burst.value);
    if (!r) continue;
    const rateKey = burstKey.replace(/one_time_burst$/, 'max_rate');
    const unset = !findKey(ctx, t, rateKey) ? `: ${rateKey} is not set, and Kata's default is 0` : '';
    ctx.report('kata-forced-value', 'warning', ctx.valueSpan(burst.key), `Kata ignores ${burstKey} (uses 0): ${r.why}${unset}.`, {
      fixes: [...setFix(ctx, t, burstKey, '0', false), ...removeFix(ctx, burst.key)],
    });
  }
}

export const forcedRule: RuleModule = {
  codes: [
    {
      code: 'kata-forced-value',
      severity: 'warning',
      title: 'A value Kata replaces because of another setting',
      kata: `${GO_CONFIG}: newQemuHypervisorConfig, hypervisor.get*RateLimiter*OneTimeBurst; ${VC}/qemu_<arch>.go: newQemuArch (arm64: 3.22.0+); ${VC}/clh.go: setConfig (3.27.0+), CreateVM (confidential guests, 3.18.0–3.26.0)`,
      rules: ['R27'],
    },
  ],
  run(ctx) {
    for (const t of hvTables(ctx, 'qemu', 'clh')) checkNvdimm(ctx, t);
    for (const t of hvTables(ctx, 'clh')) checkBursts(ctx, t);
  },
};
