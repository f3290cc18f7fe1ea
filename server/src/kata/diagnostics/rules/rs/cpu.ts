/**
 * runtime-rs vCPUs: the per-hypervisor vCPU limits (Q9, C6, D7, F4, O1), the remote hypervisor's
 * "no CPU hotplug" check (R4), and default_vcpus that Kata lowers (H15/H16; Dragonball's own cap, D1).
 *
 * Order in kata-types (hypervisor/mod.rs: Hypervisor::adjust_config, then ::validate, at every tag):
 * 1. the plugin's adjust_config: only Dragonball touches vCPUs (dragonball.rs:
 *    DragonballConfig::adjust_config caps default_maxvcpus at MAX_DRAGONBALL_VCPUS = 256, then
 *    default_vcpus at default_maxvcpus, while a 0 maximum is still 0);
 * 2. CpuInfo::adjust_config: default_maxvcpus 0 or above the host's CPU count -> the host's CPU
 *    count; default_vcpus negative or above it -> the host's CPU count, 0 -> 1; then default_vcpus
 *    capped at default_maxvcpus;
 * 3. the plugin's validate refuses more than its limit (config/default.rs: MAX_QEMU_VCPUS,
 *    MAX_CH_VCPUS, MAX_DRAGONBALL_VCPUS 256, MAX_FIRECRACKER_VCPUS 32; openvmm.rs:
 *    MAX_OPENVMM_VCPUS 256) in default_vcpus or default_maxvcpus; remote.rs: RemoteConfig::validate
 *    refuses a default_maxvcpus other than the host's CPU count.
 * After step 2 default_vcpus <= default_maxvcpus <= the host's CPUs, so with H host CPUs and a
 * written maximum M the limit L refuses exactly when H > L and (M = 0 or M > L): a question of the
 * host, never of the file alone. Hence warnings that name the hosts, no errors.
 */
import type { HypervisorId } from '../../../catalog';
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { at, HV_DIR, HV_MOD, hvName, hvTables, numOr, setFix, since, u32Or, written, type HvTable } from './util';

const LIMITS: Partial<Record<HypervisorId, number>> = { qemu: 256, clh: 256, dragonball: 256, firecracker: 32, openvmm: 256 };

/** Kata's refusal text per plugin ({} = the vCPU count). */
const KATA_TEXT: Partial<Record<HypervisorId, string>> = {
  qemu: 'Qemu hypervisor can not support {} vCPUs',
  clh: 'CH hypervisor cannot support {} vCPUs',
  dragonball: 'dragonball hypervisor can not support {} vCPUs',
  firecracker: 'Firecracker hypervisor can not support {} vCPUs',
  openvmm: 'OpenVMM hypervisor cannot support more than 256 vCPUs',
};

function kataText(h: HvTable, n: string): string {
  return KATA_TEXT[h.id]!.replace('{}', n);
}

/** The vCPU limit (Q9, C6, D7, F4, O1) and the remote plugin's CPU-count check (R4). */
function checkLimit(ctx: KataContext, h: HvTable, max: number): void {
  const name = hvName(h);
  if (h.id === 'remote') {
    if (max === 0) return;
    ctx.report('kata-vcpus-limit', 'warning', at(ctx, h.t, 'default_maxvcpus'), `The remote hypervisor has no CPU hotplug: runtime-rs refuses default_maxvcpus = ${max} on hosts with more than ${max} CPUs ("Remote hypervisor does not support CPU hotplug, default_maxvcpus must be equal to the total system CPUs"); on hosts with ${max} CPUs or fewer Kata lowers it to the host's CPU count, which passes. Use 0 (the host's CPU count) to run on any host.`, {
      fixes: setFix(ctx, h.t, 'default_maxvcpus', '0', 'Use 0', true),
    });
    return;
  }
  const limit = LIMITS[h.id];
  if (limit === undefined) return;
  const fixes = setFix(ctx, h.t, 'default_maxvcpus', String(limit), `Use ${limit}`, true);
  if (max > limit && h.id === 'dragonball') {
    ctx.report('kata-vcpus-limit', 'warning', at(ctx, h.t, 'default_maxvcpus'), `Kata's Dragonball plugin lowers default_maxvcpus = ${max} to ${limit}, the most Dragonball takes (and to the host's CPU count on hosts with fewer CPUs).`, { fixes });
  } else if (max > limit) {
    ctx.report('kata-vcpus-limit', 'warning', at(ctx, h.t, 'default_maxvcpus'), `${name} takes at most ${limit} vCPUs: on hosts with more than ${limit} CPUs runtime-rs refuses default_maxvcpus = ${max} ("${kataText(h, 'N')}", N the smaller of ${max} and the host's CPU count); on hosts with ${limit} CPUs or fewer Kata lowers it to the host's CPU count. Use ${limit} to run on any host.`, { fixes });
  } else if (max === 0) {
    const what = written(ctx, h.t, 'default_maxvcpus') ? 'default_maxvcpus = 0' : 'default_maxvcpus is not set, which';
    ctx.report('kata-vcpus-limit', 'warning', at(ctx, h.t, 'default_maxvcpus'), `${what} means the host's CPU count, and ${name} takes at most ${limit} vCPUs: on hosts with more than ${limit} CPUs runtime-rs refuses this file ("${kataText(h, 'N')}", N the host's CPU count). Set default_maxvcpus to ${limit} or less to run on any host.`, { fixes });
  }
}

function checkCapped(ctx: KataContext, h: HvTable, max: number, vcpus: number): void {
  const k = written(ctx, h.t, 'default_vcpus');
  if (!k) return;
  // `default_vcpus as u32 > default_maxvcpus`: a negative i32 (before 3.20.0) wraps to a huge number, a negative f32 saturates to 0.
  const aboveZero = since(ctx, '3.20.0') ? Math.trunc(vcpus) > 0 : vcpus !== 0;
  if (h.id === 'dragonball' && max === 0 && aboveZero && vcpus !== 1) {
    ctx.report('kata-vcpus-capped', 'warning', ctx.valueSpan(k), `Dragonball starts this VM with 1 vCPU, not ${vcpus}: Kata's Dragonball plugin caps default_vcpus at default_maxvcpus while it is still 0 (before 0 becomes the host's CPU count), and 0 vCPUs then becomes 1. Set default_maxvcpus as well.`, {
      fixes: vcpus > 0 ? setFix(ctx, h.t, 'default_maxvcpus', String(Math.min(Math.ceil(vcpus), LIMITS.dragonball!)), undefined, true) : setFix(ctx, h.t, 'default_vcpus', '1', 'Use 1', true),
    });
    return;
  }
  if (vcpus < 0) {
    ctx.report('kata-vcpus-capped', 'warning', ctx.valueSpan(k), `Kata replaces a negative default_vcpus with the host's CPU count (capped at default_maxvcpus).`, {
      fixes: setFix(ctx, h.t, 'default_vcpus', '1', 'Use 1', true),
    });
    return;
  }
  const limit = LIMITS[h.id];
  if (max === 0) {
    // Capped at the host's CPU count, and more than the limit is refused: the VM never gets this many.
    if (limit === undefined || Math.trunc(vcpus) <= limit) return;
    ctx.report('kata-vcpus-capped', 'warning', ctx.valueSpan(k), `default_vcpus = ${vcpus} is more than ${hvName(h)} takes (${limit}): Kata lowers it to the host's CPU count, and on hosts with more than ${limit} CPUs it refuses the file (see default_maxvcpus).`, {
      fixes: setFix(ctx, h.t, 'default_vcpus', String(limit), `Use ${limit}`, true),
    });
    return;
  }
  if (vcpus <= max) return;
  ctx.report('kata-vcpus-capped', 'warning', ctx.valueSpan(k), `default_vcpus = ${vcpus} is above default_maxvcpus = ${max}: Kata lowers it and starts the VM with ${max} vCPUs.`, {
    related: written(ctx, h.t, 'default_maxvcpus') ? [{ ...at(ctx, h.t, 'default_maxvcpus'), message: 'default_maxvcpus is set here' }] : undefined,
    fixes: [...setFix(ctx, h.t, 'default_vcpus', String(max), `Use default_vcpus = ${max}`, true), ...setFix(ctx, h.t, 'default_maxvcpus', String(Math.ceil(vcpus)), `Raise default_maxvcpus to ${Math.ceil(vcpus)}`)],
  });
}

/** default_vcpus: a number since 3.20.0 (mod.rs: CpuInfo.default_vcpus is i32 up to 3.19.1, f32 from 3.20.0), an integer before (other values are the type rule's business). */
function vcpusOf(ctx: KataContext, h: HvTable): number | undefined {
  const k = written(ctx, h.t, 'default_vcpus');
  if (k && !since(ctx, '3.20.0') && ctx.scalar(k)?.kind !== 'integer') return undefined;
  return numOr(ctx, h.t, 'default_vcpus');
}

export const cpuRule: RuleModule = {
  codes: [
    {
      code: 'kata-vcpus-limit',
      severity: 'warning',
      title: 'A vCPU maximum runtime-rs refuses on large hosts (above the hypervisor\'s limit, 0 = the host\'s CPU count, or a remote hypervisor maximum below it)',
      kata: `${HV_MOD}: CpuInfo::adjust_config; ${HV_DIR}/qemu.rs: QemuConfig::validate; ch.rs: CloudHypervisorConfig::validate; firecracker.rs: FirecrackerConfig::validate; dragonball.rs: DragonballConfig::adjust_config, ::validate; openvmm.rs: OpenVmmConfig::validate; remote.rs: RemoteConfig::validate`,
      rules: ['H14', 'Q9', 'C6', 'F4', 'D7', 'D1', 'O1', 'R4'],
      note: 'never an error: CpuInfo::adjust_config lowers default_maxvcpus to the host\'s CPU count before the limit is checked, so Kata refuses only on hosts with more CPUs than the limit (the remote hypervisor: more CPUs than default_maxvcpus). Dragonball lowers a maximum above 256 itself.',
    },
    {
      code: 'kata-vcpus-capped',
      severity: 'warning',
      title: 'default_vcpus that Kata lowers (above default_maxvcpus or the hypervisor\'s limit, negative, or Dragonball with default_maxvcpus = 0)',
      kata: `${HV_MOD}: CpuInfo::adjust_config (and CpuInfo::validate, which it makes unreachable); ${HV_DIR}/dragonball.rs: DragonballConfig::adjust_config`,
      rules: ['H15', 'H16', 'D1'],
    },
  ],
  run(ctx) {
    for (const h of hvTables(ctx)) {
      const max = u32Or(ctx, h.t, 'default_maxvcpus');
      const vcpus = vcpusOf(ctx, h);
      if (max === undefined) continue;
      checkLimit(ctx, h, max);
      const limit = LIMITS[h.id];
      // Above the limit the maximum itself is the problem (reported above), except for Dragonball, which lowers it.
      if (limit !== undefined && max > limit && h.id !== 'dragonball') continue;
      const capped = h.id === 'dragonball' ? Math.min(max, LIMITS.dragonball!) : max;
      if (vcpus !== undefined) checkCapped(ctx, h, capped, vcpus);
    }
  },
};
