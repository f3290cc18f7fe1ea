/** runtime-rs guest boot files: image versus initrd (H10, Q8, D5, C5, F3) and kernel_verity_params (H30). */
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { compareVersions, type Release } from '../../../releases';
import { hvName, hvTables, quote, refusalIn, removeFix, setFix, since, strOr, written, type HvTable } from './util';
import { verityProblem } from '../verityParams';

/** The guest image kata-deploy installs. */
const DEFAULT_IMAGE = '/opt/kata/share/kata-containers/kata-containers.img';

function checkImageAndInitrd(ctx: KataContext, h: HvTable): void {
  const image = written(ctx, h.t, 'image');
  const initrd = written(ctx, h.t, 'initrd');
  if (!ctx.str(image) || !ctx.str(initrd)) return;
  ctx.report('kata-image-and-initrd', 'error', ctx.valueSpan(initrd!), `[hypervisor.${h.name}] sets both image and initrd: runtime-rs refuses the file ("Can not configure both initrd and image for boot"). Keep one of them.`, {
    related: [{ ...ctx.valueSpan(image!), message: 'image is set here' }],
    fixes: [...removeFix(ctx, h.t, 'initrd', true), ...removeFix(ctx, h.t, 'image')],
  });
}

/** The plugin's "no root filesystem" check; image and initrd are both known here. */
function checkGuestImage(ctx: KataContext, h: HvTable, image: string, initrd: string): void {
  // Firecracker may have an initrd here: the fix swaps it for the image (both set is refused too).
  const addImage = setFix(ctx, h.t, 'image', quote(DEFAULT_IMAGE), undefined, true).map((f) => {
    const drop = initrd ? removeFix(ctx, h.t, 'initrd')[0] : undefined;
    return drop ? { ...f, title: `${f.title} instead of initrd`, edits: [...f.edits, ...drop.edits] } : f;
  });
  // An error when every release the file may be for refuses it (util.ts: refusalIn), else a warning naming those that do.
  const report = (message: string, refuses: (r: Release) => boolean = () => true) => {
    const refusal = refusalIn(ctx, refuses);
    if (refusal) ctx.report('kata-no-rootfs', refusal.severity, h.t.span, message + refusal.note, { fixes: refusal.severity === 'error' ? addImage : [] });
  };
  const from = (release: Release) => (r: Release) => compareVersions(r, release) >= 0;
  const refuses = `runtime-rs refuses the file`;
  switch (h.id) {
    case 'qemu': {
      if (image || initrd) return;
      const confidential = ctx.bool(written(ctx, h.t, 'confidential_guest')) === true;
      const driver = strOr(ctx, h.t, 'vm_rootfs_driver');
      if (driver === undefined) return;
      // qemu.rs: QemuConfig::validate exempts IBM SE (a ccw rootfs driver and confidential_guest) from the 3.15.0 tag.
      const ibmSeShape = confidential && driver.endsWith('ccw');
      const refusesIn = (r: Release) => !(ibmSeShape && from('3.15.0')(r));
      const seHint = since(ctx, '3.15.0') ? ' Only an IBM Secure Execution guest (s390x, confidential_guest = true and a vm_rootfs_driver ending in "ccw") may go without both.' : '';
      // A confidential QEMU file without a rootfs is an IBM SE file; built for another arch it cannot load there.
      if (confidential && ctx.target.arch !== 's390x' && since(ctx, '3.15.0'))
        return report(`[hypervisor.qemu] sets neither image nor initrd: this is an IBM Secure Execution (s390x) configuration, and on ${ctx.target.arch} runtime-rs refuses it ("Both guest boot image and initrd for qemu are empty").${seHint}`, refusesIn);
      return report(`[hypervisor.qemu] sets neither image nor initrd: ${refuses} ("Both guest boot image and initrd for qemu are empty").${seHint}`, refusesIn);
    }
    case 'dragonball':
      // dragonball.rs: DragonballConfig::validate needs an image up to the 3.7.0 tag; 3.8.0 takes an initrd instead.
      if (!image && initrd) {
        report(`[hypervisor.dragonball] has no image: runtime-rs up to 3.7.0 needs a guest image for Dragonball and refuses the file ("Guest boot image for dragonball hypervisor is empty").`, (r) => !from('3.8.0')(r));
        return;
      }
      if (!image && !initrd) report(!since(ctx, '3.8.0') ? `[hypervisor.dragonball] has no image: runtime-rs ${ctx.target.release} needs a guest image for Dragonball and refuses the file ("Guest boot image for dragonball hypervisor is empty").` : `[hypervisor.dragonball] sets neither image nor initrd: ${refuses} ("Both of guest boot image and initrd for dragonball hypervisor is empty").`);
      return;
    case 'clh':
      if (!image && !initrd) report(`[hypervisor.${h.name}] sets neither image nor initrd: ${refuses} ("Both guest boot image and initrd for CH are empty").`);
      return;
    case 'firecracker':
      if (!image)
        report(`[hypervisor.firecracker] has no image: runtime-rs refuses the file ("Both guest boot image and initrd for firecracker are empty")${initrd ? '; Firecracker boots only from an image, an initrd does not count' : ''}.`);
      return;
    default:
  }
}

function checkKernelVerity(ctx: KataContext, h: HvTable): void {
  // mod.rs: parse_kernel_verity_params and the hypervisor crate's KernelParams::new_rootfs_kernel_params, from the 3.27.0 tag.
  const refusal = refusalIn(ctx, { since: '3.27.0' });
  if (!refusal || h.id === 'remote') return;
  const k = written(ctx, h.t, 'kernel_verity_params');
  const params = ctx.str(k);
  if (params === undefined) return;
  // QEMU builds the root/verity kernel parameters only when it boots from an image.
  if (h.id === 'qemu' && strOr(ctx, h.t, 'initrd') !== '') return;
  const problem = verityProblem(params, 'rs');
  if (!problem) return;
  ctx.report('kata-verity-params', refusal.severity, ctx.valueSpan(k!), `kernel_verity_params is not valid (${problem}): the file loads, but every sandbox fails when ${hvName(h)} starts its VM, because Kata cannot build the dm-verity kernel parameters. Expected root_hash=...,salt=...,data_blocks=N,data_block_size=N,hash_block_size=N (sizes multiples of 512).${refusal.note}`);
}

export const bootRule: RuleModule = {
  // The codes are shared with the Go runtime rules, which register them (rules/go/boot.ts, verity.ts):
  // kata-image-and-initrd (rs: H10, BootInfo::validate), kata-no-rootfs (rs: Q8, D5, C5, F3, the
  // plugins' validate), kata-verity-params (rs: H30, parse_kernel_verity_params).
  codes: [],
  run(ctx) {
    for (const h of hvTables(ctx)) {
      checkImageAndInitrd(ctx, h);
      const image = strOr(ctx, h.t, 'image');
      const initrd = strOr(ctx, h.t, 'initrd');
      if (image !== undefined && initrd !== undefined) checkGuestImage(ctx, h, image, initrd);
      checkKernelVerity(ctx, h);
    }
  },
};
