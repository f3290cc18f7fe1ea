/**
 * Values Kata replaces with its own (R27): NVDIMM turned off where the guest cannot use it, and
 * rate-limiter bursts dropped without a rate. Keys a hypervisor's loader never copies (firecracker
 * disable_vhost_net, remote shared_fs, ...) are reported by kata-key-other-hypervisor instead.
 */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { boolVal, GO_CONFIG, hvTables, listVal, numVal, removeFix, setFix, since, strVal, VC, written } from './util';

/** Why Kata turns NVDIMM off for this QEMU table, if it does. */
function qemuNvdimmOff(ctx: KataContext, t: TableInstance): string | undefined {
  const machine = strVal(ctx, t, 'machine_type', 'q35');
  if (machine?.value === 'microvm') return 'the microvm machine has no NVDIMM, so Kata loads the file with disable_image_nvdimm = true';
  if (ctx.target.arch === 'aarch64') {
    const firmware = strVal(ctx, t, 'firmware');
    const pflashes = listVal(ctx, t, 'pflashes');
    if (firmware?.value === '' && pflashes?.value.length === 0) return 'on aarch64 NVDIMM needs UEFI firmware, and neither firmware nor pflashes is set, so Kata loads the file with disable_image_nvdimm = true';
  }
  const cg = boolVal(ctx, t, 'confidential_guest');
  // qemu_amd64.go, qemu_ppc64le.go, qemu_s390x.go: newQemuArch turn NVDIMM off for confidential guests at every tag;
  // qemu_arm64.go from the 3.22.0 tag; qemu_riscv64.go never.
  const archDoesIt = ctx.target.arch !== 'riscv64' && (ctx.target.arch !== 'aarch64' || since(ctx, '3.22.0'));
  if (cg?.value && archDoesIt) return 'confidential guests cannot use NVDIMM, so Kata turns it off when it starts the VM ("Nvdimm is not supported with confidential guest, disabling it.")';
  return undefined;
}

function checkNvdimm(ctx: KataContext, t: TableInstance, why: string | undefined): void {
  const nvdimm = boolVal(ctx, t, 'disable_image_nvdimm');
  if (!why || !written(nvdimm) || nvdimm.value) return;
  ctx.report('kata-forced-value', 'warning', ctx.valueSpan(nvdimm.key), `disable_image_nvdimm = false has no effect: ${why}.`, {
    fixes: [...setFix(ctx, t, 'disable_image_nvdimm', 'true', true), ...removeFix(ctx, nvdimm.key)],
  });
}

const BURSTS: Array<[burst: string, rate: string]> = [
  ['disk_rate_limiter_bw_one_time_burst', 'disk_rate_limiter_bw_max_rate'],
  ['disk_rate_limiter_ops_one_time_burst', 'disk_rate_limiter_ops_max_rate'],
  ['net_rate_limiter_bw_one_time_burst', 'net_rate_limiter_bw_max_rate'],
  ['net_rate_limiter_ops_one_time_burst', 'net_rate_limiter_ops_max_rate'],
];

function checkBursts(ctx: KataContext, t: TableInstance): void {
  for (const [burstKey, rateKey] of BURSTS) {
    const burst = numVal(ctx, t, burstKey);
    const rate = numVal(ctx, t, rateKey);
    if (!written(burst) || burst.value === 0 || !rate || rate.value !== 0) continue;
    ctx.report('kata-forced-value', 'warning', ctx.valueSpan(burst.key), `Kata ignores ${burstKey} (uses 0) because ${rateKey} is ${rate.key ? '0' : 'not set'}: a one-time burst only applies on top of a rate limit.`, {
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
    for (const t of hvTables(ctx, 'qemu')) checkNvdimm(ctx, t, qemuNvdimmOff(ctx, t));
    for (const t of hvTables(ctx, 'clh')) {
      // clh.go: setConfig forces DisableImageNvdimm = true from the 3.27.0 tag. From 3.18.0 (when
      // newClhHypervisorConfig starts to copy disable_image_nvdimm) to 3.26.0, CreateVM boots a
      // confidential guest's image as a disk whatever the key says.
      if (since(ctx, '3.27.0')) checkNvdimm(ctx, t, 'Cloud Hypervisor guests never get an NVDIMM, Kata sets disable_image_nvdimm = true when it starts the VM');
      else if (since(ctx, '3.18.0') && boolVal(ctx, t, 'confidential_guest')?.value)
        checkNvdimm(ctx, t, 'Cloud Hypervisor boots a confidential guest\'s image as a disk, never as an NVDIMM, whatever disable_image_nvdimm says');
      checkBursts(ctx, t);
    }
  },
};
