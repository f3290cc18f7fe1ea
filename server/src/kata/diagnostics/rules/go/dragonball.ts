/**
 * [hypervisor.dragonball] in a Go runtime file (every release 3.2.0–4.1.0).
 *
 * katautils/config.go: updateRuntimeConfigHypervisor accepts the table (newDragonballHypervisorConfig),
 * but virtcontainers/hypervisor_linux.go: NewHypervisor returns mockHypervisor for it: a test double
 * whose StartVM starts nothing and whose agent socket (mock_hypervisor.go: GenerateSocket,
 * /tmp/kata-mock-hybrid-vsock.socket) nobody serves, so creating any sandbox fails when the shim
 * connects to the agent. Kata's Dragonball is built into runtime-rs only. Kata's own loader
 * (kata-oracle) stops after CreateVM, which the mock passes: test/parity/known.ts lists the difference.
 */
import type { RuleModule } from '../../rule';
import { hvName, soleHypervisor, VC, VM_START } from './util';

export const dragonballRule: RuleModule = {
  codes: [
    {
      code: 'kata-go-dragonball',
      severity: 'error',
      title: 'The Go runtime with [hypervisor.dragonball]: it runs a mock that starts no VM',
      kata: `${VC}/hypervisor_linux.go: NewHypervisor; ${VC}/mock_hypervisor.go`,
      rules: [],
    },
  ],
  run(ctx) {
    // A drop-in may add the table to a base file for either runtime; the base file decides.
    if (ctx.target.dropIn) return;
    // With several hypervisor tables the loader's map order picks one (kata-multiple-hypervisors' business).
    const t = soleHypervisor(ctx);
    if (t && hvName(t) === 'dragonball') {
      ctx.report(
        'kata-go-dragonball',
        'error',
        t.span,
        `The Go runtime has no Dragonball VMM: it loads [hypervisor.dragonball] but backs it with a test mock that starts no VM and whose agent socket nobody serves, so ${VM_START}. Dragonball is built into runtime-rs: use runtime-rs's shim with configuration-dragonball.toml, or a hypervisor the Go runtime runs (QEMU, Cloud Hypervisor, Firecracker).`,
      );
    }
  },
};
