/**
 * runtime-rs vCPUs: the per-hypervisor vCPU limits (Q9, D7, C6, F4) and default_vcpus above
 * default_maxvcpus, which Kata lowers (H15/H16; Dragonball's own cap, D1).
 *
 * Order in kata-types: the plugin's adjust_config (Dragonball caps default_maxvcpus at 256 and
 * default_vcpus at default_maxvcpus), then CpuInfo::adjust_config (0 or more than the host's CPUs
 * -> the host's CPUs; default_vcpus 0 -> 1, then capped at default_maxvcpus), then the plugin's
 * validate (vCPU limit). So a value above the limit is lowered on small hosts and refused on large ones.
 */
import type { HypervisorId } from '../../../catalog';
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { at, HV_DIR, HV_MOD, hvName, hvTables, numOr, setFix, since, u32Or, written, type HvTable } from './util';

const LIMITS: Partial<Record<HypervisorId, number>> = { qemu: 256, clh: 256, dragonball: 256, firecracker: 32 };

const KATA_TEXT: Partial<Record<HypervisorId, string>> = {
  qemu: 'Qemu hypervisor can not support {} vCPUs',
  clh: 'CH hypervisor cannot support {} vCPUs',
  firecracker: 'Firecracker hypervisor can not support {} vCPUs',
};

/** Returns true when it reported on default_maxvcpus. */
function checkLimit(ctx: KataContext, h: HvTable, max: number, vcpus: number | undefined): boolean {
  const limit = LIMITS[h.id];
  if (limit === undefined) return false;
  const name = hvName(h);
  if (max > limit) {
    if (h.id === 'dragonball') {
      ctx.report('kata-vcpus-limit', 'warning', at(ctx, h.t, 'default_maxvcpus'), `Kata's Dragonball plugin lowers default_maxvcpus = ${max} to ${limit}, the most Dragonball takes (and to the host's CPU count on smaller hosts).`, {
        fixes: setFix(ctx, h.t, 'default_maxvcpus', String(limit), `Use ${limit}`, true),
      });
      return true;
    }
    ctx.report('kata-vcpus-limit', 'error', at(ctx, h.t, 'default_maxvcpus'), `${name} takes at most ${limit} vCPUs: on a host with more than ${limit} CPUs runtime-rs refuses default_maxvcpus = ${max} ("${KATA_TEXT[h.id]!.replace('{}', String(max))}"), and on a smaller host it lowers the value to the host's CPU count.`, {
      fixes: setFix(ctx, h.t, 'default_maxvcpus', String(limit), `Use ${limit}`, true),
    });
    return true;
  }
  if (max !== 0 || h.id === 'dragonball') return false;
  if (vcpus !== undefined && Math.trunc(vcpus) > limit) {
    ctx.report('kata-vcpus-limit', 'error', at(ctx, h.t, 'default_vcpus'), `${name} takes at most ${limit} vCPUs: default_vcpus = ${vcpus} needs a host with more than ${limit} CPUs, and there default_maxvcpus = 0 becomes the host's CPU count, which runtime-rs refuses ("${KATA_TEXT[h.id]!.replace('{}', 'N')}").`, {
      fixes: setFix(ctx, h.t, 'default_vcpus', String(limit), `Use ${limit}`, true),
    });
  } else if (h.id === 'firecracker') {
    ctx.report('kata-vcpus-limit', 'information', at(ctx, h.t, 'default_maxvcpus'), `default_maxvcpus = 0 means the host's CPU count, and Firecracker takes at most ${limit} vCPUs: on a host with more than ${limit} CPUs runtime-rs refuses this file ("Firecracker hypervisor can not support N vCPUs"). Set default_maxvcpus to ${limit} or less to run on any host.`, {
      fixes: setFix(ctx, h.t, 'default_maxvcpus', String(limit), `Use ${limit}`, true),
    });
  }
  return false;
}

function checkCapped(ctx: KataContext, h: HvTable, max: number, vcpus: number): void {
  const k = written(ctx, h.t, 'default_vcpus');
  if (!k) return;
  // `default_vcpus as u32 > default_maxvcpus`: a negative i32 (before 3.20.0) wraps to a huge number, a negative f32 saturates to 0.
  const aboveZero = since(ctx, '3.20.0') ? Math.trunc(vcpus) > 0 : vcpus !== 0;
  if (h.id === 'dragonball' && max === 0 && aboveZero && vcpus !== 1) {
    ctx.report('kata-vcpus-capped', 'warning', ctx.valueSpan(k), `Dragonball starts this VM with 1 vCPU, not ${vcpus}: Kata's Dragonball plugin caps default_vcpus at default_maxvcpus while it is still 0 (before 0 becomes the host's CPU count), and 0 vCPUs then becomes 1. Set default_maxvcpus as well.`, {
      fixes: vcpus > 0 ? setFix(ctx, h.t, 'default_maxvcpus', String(Math.ceil(vcpus)), undefined, true) : setFix(ctx, h.t, 'default_vcpus', '1', 'Use 1', true),
    });
    return;
  }
  if (vcpus < 0) {
    ctx.report('kata-vcpus-capped', 'warning', ctx.valueSpan(k), `Kata replaces a negative default_vcpus with the host's CPU count (capped at default_maxvcpus).`, {
      fixes: setFix(ctx, h.t, 'default_vcpus', '1', 'Use 1', true),
    });
    return;
  }
  if (max === 0 || vcpus <= max) return;
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
      severity: 'error',
      title: 'More vCPUs than the hypervisor takes',
      kata: `${HV_DIR}/qemu.rs: QemuConfig::validate; ch.rs: CloudHypervisorConfig::validate; firecracker.rs: FirecrackerConfig::validate; dragonball.rs: DragonballConfig::adjust_config`,
      rules: ['Q9', 'C6', 'F4', 'D7', 'D1'],
      note: 'warning for Dragonball (its plugin lowers the value instead); information for Firecracker with default_maxvcpus = 0, which fails only on hosts with more than 32 CPUs.',
    },
    {
      code: 'kata-vcpus-capped',
      severity: 'warning',
      title: 'default_vcpus that Kata lowers (above default_maxvcpus, negative, or Dragonball with default_maxvcpus = 0)',
      kata: `${HV_MOD}: CpuInfo::adjust_config (and CpuInfo::validate, which it makes unreachable); ${HV_DIR}/dragonball.rs: DragonballConfig::adjust_config`,
      rules: ['H15', 'H16', 'D1'],
    },
  ],
  run(ctx) {
    for (const h of hvTables(ctx)) {
      const max = u32Or(ctx, h.t, 'default_maxvcpus');
      const vcpus = vcpusOf(ctx, h);
      if (max === undefined) continue;
      const capped = h.id === 'dragonball' ? Math.min(max, 256) : max;
      if (checkLimit(ctx, h, max, vcpus) && h.id !== 'dragonball') continue;
      if (vcpus !== undefined) checkCapped(ctx, h, capped, vcpus);
    }
  },
};
