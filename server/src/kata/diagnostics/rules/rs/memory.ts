/**
 * runtime-rs guest memory: the per-hypervisor minimum (Q11, C6, D13, F4, R6), memory_slots, which
 * only Firecracker's plugin leaves at 0 (H23 after F1), the remote hypervisor's "no memory hotplug"
 * check (R3) and ppc64le's alignment check (H22).
 *
 * Host dependence: hypervisor/mod.rs: MemoryInfo::adjust_config runs before validate. It replaces a
 * default_maxmemory of 0 with the host's RAM from the 3.3.0 tag, and from the 3.28.0 tag also
 * lowers default_memory and default_maxmemory above the host's RAM to it (3.2.0 has no
 * default_maxmemory). The minimum is checked after that, on a value only lowered to the host's RAM:
 * below the minimum stays an error (no host has less RAM than 64 MiB). R3 compares with the host's
 * RAM: a warning naming the hosts.
 */
import type { HypervisorId } from '../../../catalog';
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { compareVersions } from '../../../releases';
import { at, HV_DIR, HV_MOD, hvName, hvTables, refusalIn, setFix, since, u32Or, written, type HvTable, type Refusal } from './util';

/** Minimum default_memory (MiB) per plugin; 0 is replaced by the plugin's default before the check. */
const MINIMUM: Partial<Record<HypervisorId, { min: number; kata: string }>> = {
  qemu: { min: 64, kata: 'Qemu hypervisor has minimal memory limitation 64' },
  clh: { min: 64, kata: 'CH hypervisor has minimal memory limitation 64' },
  dragonball: { min: 64, kata: 'dragonball hypervisor has minimal memory limitation 64' },
  firecracker: { min: 128, kata: 'Firecracker hypervisor has minimal memory limitation 128' },
  remote: { min: 64, kata: 'Remote hypervisor has minimal memory limitation 64' },
};

/** R3: the remote hypervisor takes only the host's RAM as maximum (no memory hotplug). */
function checkRemoteMax(ctx: KataContext, h: HvTable): void {
  const max = u32Or(ctx, h.t, 'default_maxmemory');
  if (!max) return;
  const kata = 'Remote hypervisor does not support memory hotplug, default_maxmemory must be equal to the total system memory';
  // MemoryInfo::adjust_config lowers a maximum above the host's RAM to it from the 3.28.0 tag; before, only 0 becomes the host's RAM.
  const hosts = since(ctx, '3.28.0')
    ? `on hosts with more than ${max} MiB of RAM runtime-rs refuses it ("${kata}"); on smaller hosts Kata lowers it to the host's RAM, which passes`
    : `runtime-rs ${ctx.target.release} refuses it on every host whose RAM is not exactly ${max} MiB ("${kata}")`;
  ctx.report('kata-remote-maxmemory', 'warning', at(ctx, h.t, 'default_maxmemory'), `The remote hypervisor has no memory hotplug: default_maxmemory = ${max} must be the host's RAM, and ${hosts}. Use 0 (the host's RAM) to run on any host.`, {
    fixes: setFix(ctx, h.t, 'default_maxmemory', '0', 'Use 0', true),
  });
}

/** MemoryInfo::adjust_ppc64_memory_alignment (ppc64le builds, from the 3.29.0 tag): memory raised to 1024 MiB, both rounded down to 256 MiB. */
function checkPpc64(ctx: KataContext, h: HvTable, memory: number, refusal: Refusal): void {
  const max = u32Or(ctx, h.t, 'default_maxmemory');
  if (!max) return; // 0 becomes the host's RAM first: a question of the host
  const align = (n: number) => Math.floor(n / 256) * 256;
  // The plugins' adjust_config replace 0 first (QEMU, remote: 128 or 64 MiB), which the 1024 MiB floor covers.
  const mem = align(Math.max(memory, 1024));
  const maxAligned = align(max);
  if (maxAligned === 0 || maxAligned > mem) return;
  // Lowering either to the host's RAM first cannot help: the maximum stays at or below the memory on every host.
  ctx.report('kata-ppc64-maxmemory', refusal.severity, at(ctx, h.t, 'default_maxmemory'), `On ppc64le runtime-rs rounds default_maxmemory = ${max} to ${maxAligned} MiB and default_memory = ${memory} to ${mem} MiB (at least 1024, multiples of 256), and refuses the file because the maximum is not above the memory ("PowerPC: default_maxmemory (${maxAligned}MB) <= default_memory (${mem}MB) after alignment. ..."). Use at least ${mem + 256}, or 0 for the host's RAM.${refusal.note}`, {
    fixes: [...setFix(ctx, h.t, 'default_maxmemory', String(mem + 256), `Use ${mem + 256}`, true), ...setFix(ctx, h.t, 'default_maxmemory', '0', 'Use 0')],
  });
}

export const memoryRule: RuleModule = {
  codes: [
    {
      code: 'kata-memory-minimum',
      severity: 'error',
      title: 'Less guest memory than the hypervisor needs',
      kata: `${HV_DIR}/qemu.rs, ch.rs, dragonball.rs, firecracker.rs, remote.rs: <Plugin>::validate`,
      rules: ['Q11', 'C6', 'D13', 'F4', 'R6'],
    },
    {
      code: 'kata-remote-maxmemory',
      severity: 'warning',
      title: 'A remote hypervisor default_maxmemory other than 0 (refused on hosts with more RAM, or before 3.28.0 on any host with another amount of RAM)',
      kata: `${HV_DIR}/remote.rs: RemoteConfig::validate; ${HV_MOD}: MemoryInfo::adjust_config`,
      rules: ['R3', 'H21'],
    },
    {
      code: 'kata-ppc64-maxmemory',
      severity: 'error',
      title: 'ppc64le: default_maxmemory not above default_memory after rounding to 256 MiB',
      kata: `${HV_MOD}: MemoryInfo::adjust_ppc64_memory_alignment`,
      rules: ['H22'],
    },
    {
      code: 'kata-memory-slots-zero',
      severity: 'error',
      title: 'Firecracker without memory_slots',
      kata: `${HV_MOD}: MemoryInfo::validate; ${HV_DIR}/firecracker.rs: FirecrackerConfig::adjust_config (no default for memory_slots)`,
      rules: ['H23', 'F1'],
    },
  ],
  run(ctx) {
    // ppc64le builds raise default_memory to at least 1024 MiB before the check (H22;
    // mod.rs: MemoryInfo::adjust_ppc64_memory_alignment, from the 3.29.0 tag).
    const ppc = ctx.target.arch === 'ppc64le';
    const ppcRaises = refusalIn(ctx, (r) => ppc && compareVersions(r, '3.29.0') >= 0);
    const minimumChecked = refusalIn(ctx, (r) => !(ppc && compareVersions(r, '3.29.0') >= 0));
    for (const h of hvTables(ctx)) {
      const minimum = MINIMUM[h.id];
      const memory = u32Or(ctx, h.t, 'default_memory');
      if (minimum && minimumChecked && memory !== undefined && memory > 0 && memory < minimum.min) {
        ctx.report('kata-memory-minimum', minimumChecked.severity, at(ctx, h.t, 'default_memory'), `default_memory = ${memory} MiB is below the ${minimum.min} MiB that ${hvName(h)} needs: runtime-rs refuses the file ("${minimum.kata}").${minimumChecked.note}`, {
          fixes: setFix(ctx, h.t, 'default_memory', String(minimum.min), `Use ${minimum.min}`, true),
        });
      }
      if (h.id === 'remote') checkRemoteMax(ctx, h);
      if (ppcRaises && memory !== undefined) checkPpc64(ctx, h, memory, ppcRaises);
      if (h.id !== 'firecracker') continue;
      const slots = u32Or(ctx, h.t, 'memory_slots');
      if (slots !== 0) continue;
      const why = written(ctx, h.t, 'memory_slots') ? 'memory_slots = 0' : 'memory_slots is not set';
      ctx.report('kata-memory-slots-zero', 'error', at(ctx, h.t, 'memory_slots'), `${why}, and runtime-rs has no default for Firecracker: it refuses the file ("Configured memory slots for guest VM are zero"). Set memory_slots (Kata's files use 10).`, {
        fixes: setFix(ctx, h.t, 'memory_slots', '10', undefined, true),
      });
    }
  },
};
