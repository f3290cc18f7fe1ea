/** What the guest boots from: `image` and `initrd` (R6, R7, R8, R44). */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import type { Fix } from '../../types';
import { boolVal, displayName, GO_CONFIG, hvName, hvTables, LOAD, quote, reads, removeFix, setFix, since, spanOf, strVal, VC, VM_START, written, type Value } from './util';

const DEFAULT_IMAGE = '"/usr/share/kata-containers/kata-containers.img"';
const SE_MACHINE = 's390-ccw-virtio';

/** image and initrd as the hypervisor's loader sees them; undefined when either cannot be known. */
function rootfs(ctx: KataContext, t: TableInstance): { image: Value<string>; initrd: Value<string> } | undefined {
  const image = strVal(ctx, t, 'image');
  // ACRN never reads initrd: for it, an initrd line changes nothing.
  const initrd = reads(ctx, t, 'initrd') ? strVal(ctx, t, 'initrd') : { value: '' };
  return image && initrd ? { image, initrd } : undefined;
}

/**
 * confidential_guest with the s390x machine: IBM Secure Execution, which boots from the kernel
 * alone. validateHypervisorConfig tests the two values whatever the hypervisor, so it holds for
 * every loader that copies both (QEMU, Cloud Hypervisor).
 */
function secureExecution(ctx: KataContext, t: TableInstance): boolean | undefined {
  if (!reads(ctx, t, 'confidential_guest') || !reads(ctx, t, 'machine_type')) return false;
  const cg = boolVal(ctx, t, 'confidential_guest');
  const machine = strVal(ctx, t, 'machine_type', 'q35');
  if (!cg || !machine) return undefined;
  return cg.value && machine.value === SE_MACHINE;
}

function checkNeither(ctx: KataContext, t: TableInstance, image: Value<string>, initrd: Value<string>): void {
  const name = displayName(t);
  const at = spanOf(ctx, written(image) ? image : initrd, t);
  const fixes: Fix[] = setFix(ctx, t, 'image', DEFAULT_IMAGE, true, `Set image = ${DEFAULT_IMAGE}`);
  switch (hvName(t)) {
    case 'clh':
    case 'stratovirt':
      ctx.report('kata-no-rootfs', 'error', at, `${LOAD}: ${name} needs a guest root filesystem, but neither image nor initrd is set ("image or initrd must be defined in the configuration file").`, { fixes });
      return;
    case 'acrn':
      ctx.report('kata-no-rootfs', 'error', at, `${LOAD}: ACRN boots only from a disk image, and image is not set ("image must be defined in the configuration file").`, { fixes });
      return;
    case 'firecracker':
      ctx.report('kata-no-rootfs', 'error', at, `Neither image nor initrd is set: ${VM_START} ("Missing image and initrd path").`, { fixes });
      return;
    case 'dragonball':
      // The Go runtime's [hypervisor.dragonball] (newDragonballHypervisorConfig) copies image, never initrd.
      ctx.report('kata-no-rootfs', 'error', at, `The Go runtime's Dragonball table boots only from image, and image is not set: ${VM_START} ("Missing image and initrd path").`, { fixes });
      return;
    case 'qemu': {
      const se = secureExecution(ctx, t);
      if (se !== false) return; // Secure Execution boots without either (or we cannot tell)
      const cg = boolVal(ctx, t, 'confidential_guest');
      const machine = strVal(ctx, t, 'machine_type', 'q35');
      if (cg?.value) {
        // The shape of an IBM Secure Execution file, rendered for another architecture (Kata ships such a file for x86_64).
        ctx.report(
          'kata-no-rootfs',
          'error',
          at,
          `Neither image nor initrd is set. Only IBM Secure Execution guests boot like that (confidential_guest = true with machine_type = "${SE_MACHINE}", on s390x); with machine_type ${quote(machine?.value ?? 'q35')} every sandbox fails when Kata starts the VM ("Missing image and initrd path").`,
          { fixes: [...fixes, ...setFix(ctx, t, 'machine_type', quote(SE_MACHINE))] },
        );
        return;
      }
      ctx.report('kata-no-rootfs', 'error', at, `Neither image nor initrd is set: ${VM_START} ("Missing image and initrd path").`, { fixes });
      return;
    }
  }
}

function checkBoth(ctx: KataContext, t: TableInstance, image: Value<string>, initrd: Value<string>): void {
  if (!written(image) || !written(initrd)) return;
  const fixes = [...removeFix(ctx, initrd.key), ...removeFix(ctx, image.key)];
  const [first, second] = image.key.keyPart.start < initrd.key.keyPart.start ? [image.key, initrd.key] : [initrd.key, image.key];
  const related = [{ ...ctx.valueSpan(first), message: `${first.key} is also set here` }];
  if (hvName(t) === 'stratovirt') {
    ctx.report('kata-image-and-initrd', 'error', ctx.valueSpan(second), `${LOAD}: StratoVirt boots from either an image or an initrd, and both are set ("having both an image and an initrd defined in the configuration file is not supported"). Keep one.`, { fixes, related });
    return;
  }
  ctx.report('kata-image-and-initrd', 'error', ctx.valueSpan(second), `Both image and initrd are set: ${VM_START} ("Image and initrd path cannot be both set"). Keep one.`, { fixes, related });
}

function checkSecureExecution(ctx: KataContext, image: Value<string>, initrd: Value<string>): void {
  for (const v of [image, initrd]) {
    if (!written(v) || v.value === '') continue;
    ctx.report(
      'kata-se-rootfs',
      'error',
      ctx.valueSpan(v.key),
      `With confidential_guest = true and machine_type = "${SE_MACHINE}" (IBM Secure Execution) the guest boots from the kernel image alone, so ${v.key.key} must be empty: ${VM_START} ("Neither the image or initrd path may be set for Secure Execution").`,
      { fixes: removeFix(ctx, v.key) },
    );
  }
}

export const bootRule: RuleModule = {
  codes: [
    {
      code: 'kata-no-rootfs',
      severity: 'error',
      title: 'Neither image nor initrd is set',
      kata: `${GO_CONFIG}: newClhHypervisorConfig, newStratovirtHypervisorConfig, newAcrnHypervisorConfig (load); ${VC}/hypervisor_config_linux.go: validateHypervisorConfig (VM start: qemu, firecracker, and the Go runtime's dragonball table, which copies image only); runtime-rs: src/libs/kata-types/src/config/hypervisor/qemu.rs, dragonball.rs, ch.rs, firecracker.rs: *Config::validate`,
      rules: ['R6', 'R8', 'R44', 'Q8', 'D5', 'C5', 'F3'],
      note: 'also for qemu with confidential_guest = true and a machine_type other than s390-ccw-virtio: the shape of an IBM Secure Execution file built for another architecture (Kata ships one for x86_64, where every sandbox fails).',
    },
    {
      code: 'kata-image-and-initrd',
      severity: 'error',
      title: 'Both image and initrd are set',
      kata: `${GO_CONFIG}: newStratovirtHypervisorConfig (load, 3.3.0+); ${VC}/hypervisor_config_linux.go: validateHypervisorConfig (VM start, qemu, firecracker, clh); runtime-rs: src/libs/kata-types/src/config/hypervisor/mod.rs: BootInfo::validate`,
      rules: ['R7', 'R44', 'H10'],
    },
    {
      code: 'kata-se-rootfs',
      severity: 'error',
      title: 'IBM Secure Execution with an image or initrd',
      kata: `${VC}/hypervisor_config_linux.go: validateHypervisorConfig (any hypervisor whose loader copies confidential_guest and machine_type: QEMU, Cloud Hypervisor)`,
      rules: ['R44'],
    },
  ],
  run(ctx) {
    for (const t of hvTables(ctx, 'qemu', 'firecracker', 'clh', 'stratovirt', 'acrn', 'dragonball')) {
      // config.go: newStratovirtHypervisorConfig (image/initrd checks) exists from the 3.3.0 tag.
      if (hvName(t) === 'stratovirt' && !since(ctx, '3.3.0')) continue;
      const r = rootfs(ctx, t);
      if (!r) continue;
      const { image, initrd } = r;
      const se = secureExecution(ctx, t);
      if (se) {
        // Cloud Hypervisor's loader wants an image or initrd before the start checks see the Secure Execution shape.
        if (hvName(t) === 'clh' && image.value === '' && initrd.value === '') checkNeither(ctx, t, image, initrd);
        else checkSecureExecution(ctx, image, initrd);
        continue;
      }
      if (image.value === '' && initrd.value === '') checkNeither(ctx, t, image, initrd);
      else if (image.value !== '' && initrd.value !== '' && se === false) checkBoth(ctx, t, image, initrd);
    }
  },
};
