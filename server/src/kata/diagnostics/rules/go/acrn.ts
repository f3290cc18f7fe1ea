/**
 * ACRN's limit on sandbox ids (Kata 3.2.0–3.9.0, the releases with the ACRN driver).
 *
 * acrn.go: CreateVM names the VM "sbx-" + the sandbox id and refuses names longer than 15
 * characters ("VM Name len is %d but ACRN supports max VM name len of 15."), so sandbox ids of more
 * than 11 characters fail. The id comes from whoever creates the sandbox, not from the file:
 * containerd's CRI plugin and CRI-O use 64 hex digits (every Kubernetes pod fails), a `ctr run` id can
 * be short. Hence a warning, measured against Kata 3.2.0's loader (test/parity/known.ts).
 */
import type { RuleModule } from '../../rule';
import { hvTables, VC } from './util';

export const acrnRule: RuleModule = {
  codes: [
    {
      code: 'kata-acrn-sandbox-id',
      severity: 'warning',
      title: 'ACRN refuses sandbox ids longer than 11 characters, which Kubernetes always uses',
      kata: `${VC}/acrn.go: CreateVM`,
      rules: [],
    },
  ],
  run(ctx) {
    // A drop-in's [hypervisor.acrn] adds to a base file that carries the warning already.
    if (ctx.target.dropIn) return;
    for (const t of hvTables(ctx, 'acrn')) {
      ctx.report(
        'kata-acrn-sandbox-id',
        'warning',
        t.span,
        'Kata\'s ACRN driver names the VM "sbx-<sandbox id>" and refuses names longer than 15 characters, so every sandbox whose id is longer than 11 characters fails when Kata starts the VM. containerd\'s CRI plugin and CRI-O use 64-character ids: under Kubernetes every pod fails; only sandboxes created with short ids (for example `ctr run` with a short container id) start.',
      );
    }
  },
};
