/**
 * Paths Kata resolves when it loads the file: relative or empty ones (always checked: Kata resolves
 * them against the shim's working directory, not against the file), and, with host checks on,
 * whether they exist on this machine.
 */
import type { KataContext } from '../context';
import type { RuleModule } from '../rule';

/** Keys whose non-empty value Kata resolves on the host while loading, per runtime. */
const CHECKED: Record<'go' | 'rs', string[]> = {
  // Go: ResolvePath in the hypervisor converters (R3, R4, R5).
  go: ['path', 'kernel', 'initrd', 'image', 'firmware', 'firmware_volume', 'jailer_path', 'ctlpath'],
  // runtime-rs: canonicalize() in the adjusters (H9, H20, H27, H31).
  rs: ['path', 'kernel', 'initrd', 'image', 'firmware', 'jailer_path', 'ctlpath', 'virtio_fs_daemon', 'entropy_source', 'prefetch_list_path'],
};

/**
 * Go: the values `ResolvePath` (filepath.Abs, then EvalSymlinks) turns into absolute paths while
 * loading: the hypervisor converters' path, kernel, initrd, image, firmware, firmware_volume,
 * jailer_path and (ACRN) ctlpath, every pflashes entry, and every [runtime] sandbox_bind_mounts
 * entry (validateBindMounts). An empty scalar means Kata's default; an empty list entry is refused.
 */
const GO_RESOLVED = { hypervisor: ['path', 'kernel', 'initrd', 'image', 'firmware', 'firmware_volume', 'jailer_path', 'ctlpath'], lists: { hypervisor: ['pflashes'], runtime: ['sandbox_bind_mounts'] } };

function checkGoResolvedPaths(ctx: KataContext): void {
  for (const k of ctx.keys) {
    if (ctx.full) return;
    const kind = k.table.ref?.kind;
    if (kind !== 'hypervisor' && kind !== 'runtime') continue;
    // In a main file the Go decoder matches keys whatever their case (Path is path).
    const l = k.lookup;
    const name = l.status === 'valid' ? k.key : l.status === 'unknown' && l.caseMatch && !ctx.target.dropIn ? l.caseMatch.key : undefined;
    if (!name || (name !== k.key && ctx.schema.lookup(kind, name, k.table.ref?.hypervisor).status !== 'valid')) continue;
    const scalar = kind === 'hypervisor' && GO_RESOLVED.hypervisor.includes(name);
    const list = (GO_RESOLVED.lists[kind] as string[]).includes(name);
    if (!scalar && !list) continue;
    const values = list ? ctx.strings(k) : ctx.str(k) !== undefined ? [{ value: ctx.str(k)!, span: ctx.valueSpan(k) }] : [];
    for (const { value, span } of values) {
      if (value === '' && list) {
        ctx.report('kata-empty-path', 'error', span, `An empty entry in ${k.key}: Kata refuses to load the file ("path must be specified"). Remove it.`);
      } else if (value !== '' && !value.startsWith('/')) {
        ctx.report(
          'kata-relative-path',
          'error',
          span,
          `${JSON.stringify(value)} is a relative path: Kata resolves ${k.key} against the working directory of the shim (the sandbox's bundle folder), not against this file's folder, so it does not find it and refuses to load the file ("file /${value.replace(/^\.\//, '')} does not exist" for a shim running in /). Write an absolute path.`,
        );
      }
    }
  }
}

export const hostPathsRule: RuleModule = {
  codes: [
    {
      code: 'kata-relative-path',
      severity: 'error',
      title: 'A relative path where Kata needs an absolute one (resolved against the shim\'s working directory)',
      kata: 'Go: src/runtime/pkg/katautils/config.go: hypervisor.path, kernel, initrd, image, firmware, firmwareVolume, jailerPath, PFlash, validateBindMounts (ResolvePath: filepath.Abs, then EvalSymlinks)',
      rules: ['R3', 'R4', 'R5', 'R31'],
      note: 'Checked whatever the host-checks setting: the shim never runs in the folder of the config file.',
    },
    {
      code: 'kata-empty-path',
      severity: 'error',
      title: 'An empty entry in pflashes or sandbox_bind_mounts',
      kata: 'Go: src/runtime/pkg/katautils/config.go: hypervisor.PFlash, validateBindMounts (ResolvePath: "path must be specified")',
      rules: ['R5', 'R31'],
    },
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
    if (ctx.target.runtime === 'go') checkGoResolvedPaths(ctx);
    const host = ctx.options.host;
    if (!ctx.options.hostChecks || !host) return;
    const keys = CHECKED[ctx.target.runtime];
    for (const k of ctx.keys) {
      if (ctx.full) return;
      if (k.table.ref?.kind !== 'hypervisor' || !keys.includes(k.key) || k.lookup.status !== 'valid') continue;
      const values = k.key === 'pflashes' ? ctx.strings(k) : [{ value: ctx.str(k), span: ctx.valueSpan(k) }];
      for (const { value, span } of values) {
        if (!value || host.exists(value) || (ctx.target.runtime === 'go' && !value.startsWith('/'))) continue;
        ctx.report('kata-path-missing', 'error', span, `${value} does not exist on this machine: Kata refuses to load the file here (${k.key}).`);
      }
    }
  },
};
