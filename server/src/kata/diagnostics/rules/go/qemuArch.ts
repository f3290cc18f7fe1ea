/** QEMU settings that depend on the architecture: arm64 pflash images and the vIOMMU (R50, R51). */
import type { RuleModule } from '../../rule';
import { boolVal, hvTables, listVal, setFix, strVal, VC, VM_START, written } from './util';

/** The machine newQemuArch takes on each other architecture. */
const ARCH_MACHINE: Record<string, string> = { aarch64: 'virt', ppc64le: 'pseries', s390x: 's390-ccw-virtio', riscv64: 'virt' };

/** Machines newQemuArch accepts on x86_64 (another one fails on its own, reported by kata-invalid-value). */
const X86_MACHINES = ['q35', 'microvm', 'virt'];

/** Kata's own error for each architecture. */
const NO_IOMMU: Record<string, string> = {
  aarch64: 'Arm64 architecture does not support vIOMMU',
  s390x: 'S390x does not support appending a vIOMMU',
  ppc64le: 'PPC64le does not support appending a vIOMMU',
  riscv64: 'riscv64 does not support appending a vIOMMU',
};

export const qemuArchRule: RuleModule = {
  codes: [
    {
      code: 'kata-pflash-count',
      severity: 'error',
      title: 'QEMU on aarch64 needs exactly two pflash images (or none)',
      kata: `${VC}/qemu_arm64.go: getPFlash`,
      rules: ['R50'],
    },
    {
      code: 'kata-machine-type-default',
      severity: 'error',
      title: 'QEMU without machine_type on an architecture other than x86_64 (the built-in default is q35 everywhere)',
      kata: `src/runtime/pkg/katautils/config-settings.go.in: defaultMachineType; ${VC}/qemu_arm64.go, qemu_ppc64le.go, qemu_s390x.go, qemu_riscv64.go: newQemuArch`,
      rules: ['R1'],
    },
    {
      code: 'kata-iommu-arch',
      severity: 'error',
      title: 'enable_iommu on an architecture or machine type whose QEMU machine has no vIOMMU in Kata',
      kata: `${VC}/qemu_arm64.go, qemu_s390x.go, qemu_ppc64le.go, qemu_riscv64.go: appendIOMMU; ${VC}/qemu_arch_base.go: appendIOMMU (x86_64: q35 only)`,
      rules: ['R51'],
    },
  ],
  run(ctx) {
    const arch = ctx.target.arch;
    for (const t of hvTables(ctx, 'qemu')) {
      if (arch === 'aarch64') {
        const pflashes = listVal(ctx, t, 'pflashes');
        const n = pflashes?.value.length ?? 0;
        if (written(pflashes) && (n === 1 || n > 2)) {
          ctx.report(
            'kata-pflash-count',
            'error',
            ctx.valueSpan(pflashes.key),
            `QEMU on aarch64 takes the UEFI firmware as exactly two pflash images (code and variables), and pflashes lists ${n}: ${VM_START} ("${n === 1 ? 'two pflash images needed for arm64' : 'too many pflash images for arm64'}").`,
            { fixes: setFix(ctx, t, 'pflashes', '[]', false, 'Set pflashes = [] (no UEFI firmware)') },
          );
        }
      }
      if (arch !== 'x86_64') {
        // config-settings.go.in: defaultMachineType is the literal "q35" in every build, whatever the architecture.
        const machine = strVal(ctx, t, 'machine_type');
        if (machine && machine.value === '') {
          ctx.report(
            'kata-machine-type-default',
            'error',
            machine.key ? ctx.valueSpan(machine.key) : t.span,
            `machine_type is ${machine.key ? 'empty' : 'not set'}, and the Go runtime's built-in default is q35 whatever the architecture, which QEMU on ${arch} does not have: ${VM_START} ("unrecognised machinetype: q35"). Set machine_type = ${JSON.stringify(ARCH_MACHINE[arch])}.`,
            { fixes: setFix(ctx, t, 'machine_type', JSON.stringify(ARCH_MACHINE[arch]), true) },
          );
        }
      }
      const iommu = boolVal(ctx, t, 'enable_iommu');
      if (arch !== 'x86_64') {
        if (written(iommu) && iommu.value) {
          ctx.report('kata-iommu-arch', 'error', ctx.valueSpan(iommu.key), `Kata adds a virtual IOMMU to QEMU guests only on x86_64, not on ${arch}: ${VM_START} ("${NO_IOMMU[arch]}").`, {
            fixes: setFix(ctx, t, 'enable_iommu', 'false', true),
          });
        }
      } else if (written(iommu) && iommu.value) {
        // qemu_arch_base.go: appendIOMMU adds the intel-iommu device for the q35 machine only.
        const machine = strVal(ctx, t, 'machine_type', 'q35');
        const type = machine?.value === '' ? 'q35' : machine?.value;
        if (type && type !== 'q35' && X86_MACHINES.includes(type)) {
          ctx.report('kata-iommu-arch', 'error', ctx.valueSpan(iommu.key), `Kata adds a virtual IOMMU only to the q35 machine, not to ${type}: ${VM_START} ("Machine Type ${type} does not support vIOMMU").`, {
            fixes: [...setFix(ctx, t, 'enable_iommu', 'false', true), ...setFix(ctx, t, 'machine_type', '"q35"')],
            related: machine?.key ? [{ ...ctx.valueSpan(machine.key), message: 'the machine type' }] : undefined,
          });
        }
      }
    }
  },
};
