/**
 * runtime-rs virtio-fs settings Kata rewrites (SharedFsInfo::adjust_virtio_fs): cache mode "none"
 * (H28) and the DAX window (H29). They apply only when shared_fs is a virtio-fs kind: an absent
 * shared_fs (or "none") means no shared file system, and then these keys are not read.
 */
import type { KataContext } from '../../context';
import type { RuleModule } from '../../rule';
import { fix, replaceSpan } from '../../fixes';
import { at, boolOr, HV_MOD, hvTables, setFix, since, strOr, u32Or, written, type HvTable } from './util';

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
  ],
  run(ctx) {
    for (const h of hvTables(ctx)) {
      if (!usesVirtioFs(ctx, h)) continue;
      checkCacheNone(ctx, h);
      checkDax(ctx, h);
    }
  },
};
