/** dm-verity parameters (R46 kernel_verity_params, 3.27.0+) and guest extension images (R17, 4.0.0+). */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { verityProblem } from '../verityParams';
import { GO_CONFIG, hvName, hvTables, LOAD, quote, since, strVal, VC, VM_START, written } from './util';

const FORMAT = 'Write root_hash=<hex>,salt=<hex>,data_blocks=<n>,data_block_size=<bytes>,hash_block_size=<bytes>';

/** Whether the hypervisor parses kernel_verity_params when the VM starts (QEMU only for an image, StratoVirt only without an initrd). */
function parsesVerity(ctx: KataContext, t: TableInstance): boolean {
  switch (hvName(t)) {
    case 'clh':
    case 'firecracker':
      return true;
    case 'qemu': {
      const image = strVal(ctx, t, 'image');
      return image === undefined || image.value !== '';
    }
    case 'stratovirt': {
      const initrd = strVal(ctx, t, 'initrd');
      return initrd === undefined || initrd.value === '';
    }
    default:
      return false;
  }
}

function checkKernelVerity(ctx: KataContext, t: TableInstance): void {
  const params = strVal(ctx, t, 'kernel_verity_params');
  if (!written(params) || !parsesVerity(ctx, t)) return;
  const problem = verityProblem(params.value, 'go');
  if (!problem) return;
  ctx.report('kata-verity-params', 'error', ctx.valueSpan(params.key), `kernel_verity_params is not valid (${problem}): ${VM_START}. ${FORMAT}.`);
}

function checkExtensions(ctx: KataContext, hv: TableInstance): void {
  const images = ctx.tables.filter((x) => x.ref?.kind === 'guest_extension_images' && x.ref.hypervisor === hvName(hv));
  images.forEach((img, i) => {
    const name = strVal(ctx, img, 'name');
    if (name && name.value === '') {
      ctx.report('kata-extension-name', 'error', name.key ? ctx.valueSpan(name.key) : img.span, `${LOAD}: guest extension image ${i} has no name ("guest_extension_images entry ${i} is missing required 'name' field").`);
    } else if (name && !/^[A-Za-z0-9_-]+$/.test(name.value)) {
      ctx.report(
        'kata-extension-name',
        'error',
        ctx.valueSpan(name.key!),
        `${LOAD}: the name ${quote(name.value)} may only hold ASCII letters, digits, "-" and "_", because Kata puts it in the disk's serial number and in the kernel parameter kata.extension.<name>.verity_params.`,
      );
    }
    const verity = strVal(ctx, img, 'verity_params');
    if (!written(verity)) return;
    const problem = verityProblem(verity.value, 'go');
    if (problem) ctx.report('kata-verity-params', 'error', ctx.valueSpan(verity.key), `${LOAD}: verity_params of this guest extension image is not valid (${problem}). ${FORMAT}.`);
  });
}

export const verityRule: RuleModule = {
  codes: [
    {
      code: 'kata-verity-params',
      severity: 'error',
      title: 'dm-verity parameters Kata cannot parse',
      kata: `${VC}/hypervisor.go: ParseKernelVerityParams (VM start for kernel_verity_params; ${GO_CONFIG}: toGuestExtensionImages at load for verity_params); runtime-rs: src/libs/kata-types/src/config/hypervisor/mod.rs: parse_kernel_verity_params`,
      rules: ['R46', 'R17', 'H30', 'H12'],
    },
    {
      code: 'kata-extension-name',
      severity: 'error',
      title: 'A guest extension image without a name, or with characters Kata does not allow',
      kata: `${GO_CONFIG}: toGuestExtensionImages, isValidExtensionName; runtime-rs: src/libs/kata-types/src/config/hypervisor/mod.rs: Hypervisor::validate`,
      rules: ['R17', 'H12'],
    },
  ],
  run(ctx) {
    // virtcontainers/hypervisor.go: ParseKernelVerityParams (and the kernelVerityParams loader method of
    // config.go) first appear at the 3.27.0 tag; config.go: toGuestExtensionImages at 4.0.0.
    if (!since(ctx, '3.27.0')) return;
    for (const t of hvTables(ctx, 'qemu', 'clh', 'firecracker', 'stratovirt')) checkKernelVerity(ctx, t);
    if (since(ctx, '4.0.0')) for (const t of hvTables(ctx, 'qemu')) checkExtensions(ctx, t);
  },
};
