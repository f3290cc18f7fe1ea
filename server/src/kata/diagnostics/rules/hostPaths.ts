/** Host checks (only when enabled): paths Kata resolves when it loads the file must exist here. */
import type { RuleModule } from '../rule';

/** Keys whose non-empty value Kata resolves on the host while loading, per runtime. */
const CHECKED: Record<'go' | 'rs', string[]> = {
  // Go: ResolvePath in the hypervisor converters (R3, R4, R5).
  go: ['path', 'kernel', 'initrd', 'image', 'firmware', 'firmware_volume', 'jailer_path', 'ctlpath'],
  // runtime-rs: canonicalize() in the adjusters (H9, H20, H27, H31).
  rs: ['path', 'kernel', 'initrd', 'image', 'firmware', 'jailer_path', 'ctlpath', 'virtio_fs_daemon', 'entropy_source', 'prefetch_list_path'],
};

export const hostPathsRule: RuleModule = {
  codes: [
    {
      code: 'kata-path-missing',
      severity: 'error',
      title: 'A path that does not exist on this machine (host checks only)',
      kata: 'Go: src/runtime/pkg/katautils/utils.go: ResolvePath ("file %v does not exist"); runtime-rs: *Info::adjust_config canonicalize()',
      rules: ['R3', 'R4', 'R5', 'H9', 'H20', 'H27', 'H31'],
      note: 'only with host checks on: by default for files in Kata install folders, or with the kata.hostChecks setting.',
    },
  ],
  run(ctx) {
    const host = ctx.options.host;
    if (!ctx.options.hostChecks || !host) return;
    const keys = CHECKED[ctx.target.runtime];
    for (const k of ctx.keys) {
      if (ctx.full) return;
      if (k.table.ref?.kind !== 'hypervisor' || !keys.includes(k.key) || k.lookup.status !== 'valid') continue;
      const values = k.key === 'pflashes' ? ctx.strings(k) : [{ value: ctx.str(k), span: ctx.valueSpan(k) }];
      for (const { value, span } of values) {
        if (!value || host.exists(value)) continue;
        ctx.report('kata-path-missing', 'error', span, `${value} does not exist on this machine: Kata refuses to load the file here (${k.key}).`);
      }
    }
  },
};
