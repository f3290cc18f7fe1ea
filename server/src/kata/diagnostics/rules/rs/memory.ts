/**
 * runtime-rs guest memory: the per-hypervisor minimum (Q11, C6, D13, F4, R6) and memory_slots,
 * which only Firecracker's plugin leaves at 0 (H23 after F1).
 */
import type { HypervisorId } from '../../../catalog';
import type { RuleModule } from '../../rule';
import { at, HV_DIR, HV_MOD, hvName, hvTables, setFix, since, u32Or, written } from './util';

/** Minimum default_memory (MiB) per plugin; 0 is replaced by the plugin's default before the check. */
const MINIMUM: Partial<Record<HypervisorId, { min: number; kata: string }>> = {
  qemu: { min: 64, kata: 'Qemu hypervisor has minimal memory limitation 64' },
  clh: { min: 64, kata: 'CH hypervisor has minimal memory limitation 64' },
  dragonball: { min: 64, kata: 'dragonball hypervisor has minimal memory limitation 64' },
  firecracker: { min: 128, kata: 'Firecracker hypervisor has minimal memory limitation 128' },
  remote: { min: 64, kata: 'Remote hypervisor has minimal memory limitation 64' },
};

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
    const ppcRaises = ctx.target.arch === 'ppc64le' && since(ctx, '3.29.0');
    for (const h of hvTables(ctx)) {
      const minimum = MINIMUM[h.id];
      const memory = u32Or(ctx, h.t, 'default_memory');
      if (minimum && !ppcRaises && memory !== undefined && memory > 0 && memory < minimum.min) {
        ctx.report('kata-memory-minimum', 'error', at(ctx, h.t, 'default_memory'), `default_memory = ${memory} MiB is below the ${minimum.min} MiB that ${hvName(h)} needs: runtime-rs refuses the file ("${minimum.kata}").`, {
          fixes: setFix(ctx, h.t, 'default_memory', String(minimum.min), `Use ${minimum.min}`, true),
        });
      }
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
