/**
 * runtime-rs shared file system.
 *
 * kata-types (hypervisor/mod.rs: SharedFsInfo::adjust_virtio_fs): cache mode "none" (H28) and the
 * DAX window (H29). They apply only when shared_fs is a virtio-fs kind: an absent shared_fs (or
 * "none") means no shared file system, and then these keys are not read.
 *
 * The runtime's own crates, for the active hypervisor only (bisected over every tag 3.2.0–4.1.0):
 * - virt_container/src/sandbox.rs: VirtSandbox::prepare_for_start_sandbox asks the resource manager
 *   for a shared file system at every tag up to 4.0.0, and from 4.1.0 only when shared_fs is set;
 * - resource/src/manager_inner.rs: ResourceManagerInner::prepare_before_start_vm creates it when the
 *   hypervisor's capabilities() have FsSharingSupport: Dragonball (dragonball/inner.rs) and OpenVMM
 *   (openvmm/inner.rs) always; Cloud Hypervisor (ch/inner_hypervisor.rs) unless the guest runs
 *   under TDX protection (a confidential guest on a TDX host); QEMU (qemu/inner.rs) always up to
 *   3.17.0, for non-confidential guests in 3.18.0, and from 3.19.0 for non-confidential guests with
 *   shared_fs set; Firecracker and remote never;
 * - resource/src/share_fs/mod.rs: new knows inline-virtio-fs, virtio-fs and (from 3.32.0)
 *   virtio-fs-nydus, and fails every other value, "" for an unset shared_fs included ("unsupported
 *   shred fs {:?}", spelt "shared" from 3.29.0): so virtio-9p, which kata-types accepts up to
 *   3.28.0, and no shared_fs on a hypervisor that shares files before 4.1.0 fail every sandbox when
 *   it starts;
 * - ch/inner_device.rs: CloudHypervisorInner::handle_share_fs_device takes only "virtio-fs" ("cannot
 *   handle share fs type: {:?}") and openvmm/inner_hypervisor.rs only vhost-user virtio-fs, so
 *   Dragonball's inline-virtio-fs fails there.
 */
import type { Release } from '../../../releases';
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { fix, replaceSpan } from '../../fixes';
import { compareVersions } from '../../../releases';
import { activeHv, at, boolOr, HV_MOD, hvName, hvTables, quote, refusalIn, setFix, since, strOr, u32Or, written, type HvTable } from './util';

const SHARE_FS = 'src/runtime-rs/crates/resource/src/share_fs/mod.rs: new';
const MANAGER = 'src/runtime-rs/crates/resource/src/manager_inner.rs: ResourceManagerInner::prepare_before_start_vm';

function usesVirtioFs(ctx: KataContext, h: HvTable): boolean {
  const fs = strOr(ctx, h.t, 'shared_fs', 'none');
  // mod.rs: SharedFsInfo::adjust_config handles virtio-fs-nydus like virtio-fs from the 3.32.0 tag (3.31.0 refuses it).
  const kinds = ['', 'virtio-fs', 'inline-virtio-fs', ...(since(ctx, '3.32.0') ? ['virtio-fs-nydus'] : [])];
  return fs !== undefined && kinds.includes(fs);
}

function checkCacheNone(ctx: KataContext, h: HvTable): void {
  const k = written(ctx, h.t, 'virtio_fs_cache');
  if (ctx.str(k) !== 'none') return;
  ctx.report('kata-virtio-fs-cache-none', 'warning', ctx.valueSpan(k!), `virtio_fs_cache = "none" is deprecated: Kata logs a warning and uses "never" instead.`, {
    fixes: [fix('Use "never"', [replaceSpan(ctx.valueSpan(k!), '"never"')], true)],
    tags: ['deprecated'],
  });
}

function checkDax(ctx: KataContext, h: HvTable): void {
  const dax = boolOr(ctx, h.t, 'virtio_fs_is_dax');
  const size = u32Or(ctx, h.t, 'virtio_fs_cache_size');
  if (dax === undefined || size === undefined) return;
  if (dax && size === 0) {
    ctx.report('kata-virtio-fs-dax', 'warning', at(ctx, h.t, 'virtio_fs_is_dax'), `virtio_fs_is_dax = true with a DAX window of 0: Kata uses a 1024 MiB window instead.`, {
      fixes: [...setFix(ctx, h.t, 'virtio_fs_cache_size', '1024', 'Set virtio_fs_cache_size = 1024', true), ...setFix(ctx, h.t, 'virtio_fs_is_dax', 'false', 'Set virtio_fs_is_dax = false')],
    });
  } else if (!dax && size > 0) {
    ctx.report('kata-virtio-fs-dax', 'warning', at(ctx, h.t, 'virtio_fs_cache_size'), `virtio_fs_cache_size = ${size} is a DAX window size: Kata turns DAX on although virtio_fs_is_dax is ${written(ctx, h.t, 'virtio_fs_is_dax') ? 'false' : 'not set'}.`, {
      fixes: [...setFix(ctx, h.t, 'virtio_fs_cache_size', '0', 'Set virtio_fs_cache_size = 0 (no DAX)', true), ...setFix(ctx, h.t, 'virtio_fs_is_dax', 'true', 'Set virtio_fs_is_dax = true')],
    });
  }
}

/** The shared file system the runtime sees: null for none (absent, or "none" from 3.18.0); undefined when unknown or refused by kata-types already. */
function sharedFsOf(ctx: KataContext, h: HvTable): string | null | undefined {
  const k = written(ctx, h.t, 'shared_fs');
  if (!k) return null;
  const v = ctx.str(k);
  if (v === undefined) return undefined;
  if (v === 'none') return since(ctx, '3.18.0') ? null : undefined;
  if (v === '') return 'virtio-fs';
  // What kata-types accepts (SharedFsInfo::validate); other values are refused at load (kata-invalid-value).
  const accepted = ['virtio-fs', 'inline-virtio-fs', ...(since(ctx, '3.29.0') ? [] : ['virtio-9p']), ...(since(ctx, '3.32.0') ? ['virtio-fs-nydus'] : [])];
  return accepted.includes(v) ? v : undefined;
}

/** Whether the back end asks for a shared file system (capabilities(): FsSharingSupport); 'host' when it depends on the host's TDX support. */
function sharesFiles(h: HvTable, r: Release, confidential: boolean, fs: string | null): boolean | 'host' {
  switch (h.id) {
    case 'dragonball':
    case 'openvmm':
      return true;
    case 'clh':
      return confidential ? 'host' : true;
    case 'qemu':
      if (compareVersions(r, '3.17.0') <= 0) return true;
      if (compareVersions(r, '3.18.0') <= 0) return !confidential;
      return !confidential && fs !== null;
    default:
      return false;
  }
}

/** Why the runtime fails every sandbox with this shared_fs in release r, or undefined. */
function startFailure(h: HvTable, r: Release, confidential: boolean, fs: string | null): string | undefined {
  if (sharesFiles(h, r, confidential, fs) === false) return undefined;
  // Up to 4.0.0 the sandbox asks for a shared file system even when shared_fs is not set.
  if (fs === null && compareVersions(r, '4.1.0') >= 0) return undefined;
  const known = ['virtio-fs', 'inline-virtio-fs', ...(compareVersions(r, '3.32.0') >= 0 ? ['virtio-fs-nydus'] : [])];
  const spelt = compareVersions(r, '3.29.0') >= 0 ? 'shared' : 'shred';
  if (fs === null) return `runtime-rs ${r} still sets up a shared file system for ${h.id === 'dragonball' ? 'Dragonball' : 'this hypervisor'} when shared_fs is not set (up to 4.0.0), finds no type and fails every sandbox when it starts ("unsupported ${spelt} fs \\"\\"")`;
  if (!known.includes(fs)) return `kata-types accepts it, but runtime-rs ${r} has no ${fs} file sharing: every sandbox fails when it starts ("unsupported ${spelt} fs \\"${fs}\\"")`;
  if (fs === 'inline-virtio-fs' && h.id === 'clh') return `inline-virtio-fs is Dragonball's built-in virtio-fs server; Cloud Hypervisor takes only virtio-fs (virtiofsd), so every sandbox fails when it starts ("cannot handle share fs type: \\"inline-virtio-fs\\"")`;
  if (fs === 'inline-virtio-fs' && h.id === 'openvmm') return `inline-virtio-fs is Dragonball's built-in virtio-fs server; OpenVMM takes only virtio-fs (virtiofsd), so every sandbox fails when it starts ("openvmm only supports vhost-user virtio-fs ...")`;
  return undefined;
}

/** The runtime's side of shared_fs, on the hypervisor [runtime] hypervisor_name selects. */
function checkRuntimeSharedFs(ctx: KataContext, h: HvTable): void {
  const fs = sharedFsOf(ctx, h);
  const confidential = boolOr(ctx, h.t, 'confidential_guest');
  if (fs === undefined || confidential === undefined) return;
  const k = written(ctx, h.t, 'shared_fs');
  const shown = k ? `shared_fs = ${quote(ctx.str(k)!)}` : `[hypervisor.${h.name}] has no shared_fs`;
  const suggestion = h.id === 'dragonball' ? 'inline-virtio-fs' : 'virtio-fs';
  const fixes = setFix(ctx, h.t, 'shared_fs', quote(suggestion), `${k ? 'Use' : 'Add'} shared_fs = "${suggestion}"`, true);
  const refusal = refusalIn(ctx, (r) => startFailure(h, r, confidential, fs) !== undefined);
  if (refusal) {
    const host = sharesFiles(h, refusal.release, confidential, fs) === 'host';
    const severity = host ? 'warning' : refusal.severity;
    const where = host ? ' This holds on hosts without TDX; on a TDX host a confidential Cloud Hypervisor guest shares no files, and the value is not used.' : '';
    ctx.report('kata-shared-fs-start', severity, at(ctx, h.t, 'shared_fs'), `${shown}: ${startFailure(h, refusal.release, confidential, fs)}.${where}${refusal.note}`, { fixes });
    return;
  }
  if (fs === null || sharesFiles(h, ctx.target.release, confidential, fs) !== false) return;
  const why = h.id === 'qemu' ? 'runtime-rs gives confidential QEMU guests no virtio-fs' : `runtime-rs shares no files with ${hvName(h)} (containers get block devices)`;
  ctx.report('kata-shared-fs-unused', 'warning', ctx.valueSpan(k!), `Kata does not use ${shown}: ${why}. kata-types still checks the virtio-fs settings (virtio_fs_daemon must exist), so "none" says what happens.`, {
    fixes: since(ctx, '3.18.0') ? setFix(ctx, h.t, 'shared_fs', '"none"', 'Use "none"', true) : [],
    tags: ['unnecessary'],
  });
}

export const sharedFsRule: RuleModule = {
  codes: [
    {
      code: 'kata-virtio-fs-cache-none',
      severity: 'warning',
      title: 'The deprecated virtio-fs cache mode "none"',
      kata: `${HV_MOD}: SharedFsInfo::adjust_virtio_fs`,
      rules: ['H28'],
    },
    {
      code: 'kata-virtio-fs-dax',
      severity: 'warning',
      title: 'virtio_fs_is_dax and virtio_fs_cache_size that disagree (Kata changes one of them)',
      kata: `${HV_MOD}: SharedFsInfo::adjust_virtio_fs`,
      rules: ['H29'],
    },
    {
      code: 'kata-shared-fs-start',
      severity: 'error',
      title: 'A shared_fs kata-types accepts but the runtime cannot set up, so every sandbox fails when it starts (virtio-9p, no shared_fs before 4.1.0, inline-virtio-fs outside Dragonball)',
      kata: `${SHARE_FS}; ${MANAGER}; src/runtime-rs/crates/runtimes/virt_container/src/sandbox.rs; hypervisor/src/<back end>: capabilities, ch/inner_device.rs: handle_share_fs_device`,
      rules: ['H26'],
      note: 'only for the hypervisor [runtime] hypervisor_name selects. A warning for a confidential Cloud Hypervisor guest (it shares no files on TDX hosts), or when the release is inferred and only some possible releases fail.',
    },
    {
      code: 'kata-shared-fs-unused',
      severity: 'warning',
      title: 'A shared_fs the runtime does not use (Firecracker, remote, confidential QEMU guests)',
      kata: `${MANAGER}; hypervisor/src/<back end>: capabilities`,
      rules: ['H26'],
    },
  ],
  run(ctx) {
    for (const h of hvTables(ctx)) {
      if (!usesVirtioFs(ctx, h)) continue;
      checkCacheNone(ctx, h);
      checkDax(ctx, h);
    }
    const active = activeHv(ctx);
    if (active) checkRuntimeSharedFs(ctx, active);
  },
};
