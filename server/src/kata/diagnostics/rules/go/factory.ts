/** The VM factory: `[factory]` VM cache and VM templating (R36, R37, R49). */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { boolVal, displayName, firstTable, GO_CONFIG, hvName, LOAD, numVal, quote, reads, setFix, since, soleHypervisor, strVal, until, VC, VM_START, written } from './util';

function checkVmCache(ctx: KataContext, factory: TableInstance, hv: TableInstance): void {
  const cache = numVal(ctx, factory, 'vm_cache_number');
  // A negative number is stored wrapped around in the unsigned field (kata-int-wraps): a cache all the same.
  if (!written(cache) || cache.value === 0 || hvName(hv) === 'qemu') return;
  ctx.report('kata-vm-cache-hypervisor', 'error', ctx.valueSpan(cache.key), `${LOAD}: only QEMU can keep a VM cache, and this file uses ${displayName(hv)} ("VM cache just support qemu"). Set vm_cache_number = 0.`, {
    fixes: setFix(ctx, factory, 'vm_cache_number', '0', true),
  });
}

function checkTemplate(ctx: KataContext, factory: TableInstance, hv: TableInstance): void {
  const template = boolVal(ctx, factory, 'enable_template');
  if (!written(template) || !template.value) return;
  const off = setFix(ctx, factory, 'enable_template', 'false', true);

  // Up to 3.31.0 templating needs an initrd (hypervisors that never read initrd have none):
  // config.go: checkFactoryConfig drops the "requires an initrd image" check at the 3.32.0 tag.
  if (until(ctx, '3.31.0')) {
    const initrd = reads(ctx, hv, 'initrd') ? strVal(ctx, hv, 'initrd') : { value: '' };
    if (initrd && initrd.value === '') {
      ctx.report('kata-template-needs-initrd', 'error', ctx.valueSpan(template.key), `${LOAD}: in Kata ${ctx.target.release} VM templating boots the template VM from an initrd, and [hypervisor.${hvName(hv)}] sets none ("Factory option enable_template requires an initrd image").`, {
        fixes: off,
      });
    }
  }

  // virtio-fs needs memory shared with virtiofsd, templating needs private copy-on-write memory.
  // clh.go: CreateVM checks it from the 3.32.0 tag, where qemu.go: CreateVM also stops counting file_mem_backend.
  const checks = since(ctx, '3.32.0') ? ['qemu', 'clh'] : ['qemu'];
  if (!checks.includes(hvName(hv))) return;
  const fs = strVal(ctx, hv, 'shared_fs');
  if (!fs) return;
  const shared = fs.value === '' ? 'virtio-fs' : fs.value;
  let cause: string | undefined;
  if (shared === 'virtio-fs' || shared === 'virtio-fs-nydus') cause = fs.key && fs.value !== '' ? `shared_fs = ${quote(shared)}` : 'shared_fs is virtio-fs (the default when it is not set)';
  else if (!since(ctx, '3.32.0')) {
    const backend = strVal(ctx, hv, 'file_mem_backend');
    if (backend && backend.value !== '') cause = `file_mem_backend = ${quote(backend.value)}`;
  }
  if (!cause) return;
  ctx.report(
    'kata-template-virtio-fs',
    'error',
    ctx.valueSpan(template.key),
    `VM templating cannot be used with ${cause}: the guest memory must be shared with the host for that, while template VMs need private memory; ${VM_START} ("VM templating has been enabled with ... and this configuration will not work").`,
    { fixes: [...off, ...setFix(ctx, hv, 'shared_fs', '"none"')] },
  );
}

export const factoryRule: RuleModule = {
  codes: [
    {
      code: 'kata-vm-cache-hypervisor',
      severity: 'error',
      title: 'A VM cache with a hypervisor other than QEMU',
      kata: `${GO_CONFIG}: checkFactoryConfig`,
      rules: ['R36', 'R54'],
    },
    {
      code: 'kata-template-needs-initrd',
      severity: 'error',
      title: 'VM templating without an initrd (up to 3.31.0)',
      kata: `${GO_CONFIG}: checkFactoryConfig`,
      rules: ['R37'],
    },
    {
      code: 'kata-template-virtio-fs',
      severity: 'error',
      title: 'VM templating with virtio-fs (or, up to 3.31.0, a file memory backend)',
      kata: `${VC}/qemu.go: CreateVM; ${VC}/clh.go: CreateVM (3.32.0+)`,
      rules: ['R49'],
    },
  ],
  run(ctx) {
    const factory = firstTable(ctx, 'factory');
    const hv = soleHypervisor(ctx);
    if (!factory || !hv) return;
    checkVmCache(ctx, factory, hv);
    checkTemplate(ctx, factory, hv);
  },
};
