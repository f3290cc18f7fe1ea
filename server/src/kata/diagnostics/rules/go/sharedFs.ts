/** How files are shared with the guest: `shared_fs` and `virtio_fs_daemon` (R12, R13, R14). */
import type { RuleModule } from '../../rule';
import { displayName, GO_CONFIG, hvName, hvTables, LOAD, quote, setFix, since, spanOf, strVal, written } from './util';

const SHARED_FS = ['virtio-9p', 'virtio-fs', 'virtio-fs-nydus', 'none'];
const VIRTIO_FS = ['virtio-fs', 'virtio-fs-nydus'];
const DEFAULT_DAEMON = '"/usr/libexec/virtiofsd"';

export const sharedFsRule: RuleModule = {
  codes: [
    {
      code: 'kata-shared-fs-unsupported',
      severity: 'error',
      title: 'A shared_fs the hypervisor does not have (virtio-9p on Cloud Hypervisor or StratoVirt)',
      kata: `${GO_CONFIG}: newClhHypervisorConfig, newStratovirtHypervisorConfig`,
      rules: ['R12', 'R13'],
    },
    {
      code: 'kata-virtio-fs-no-daemon',
      severity: 'error',
      title: 'virtio-fs without virtio_fs_daemon',
      kata: `${GO_CONFIG}: newQemuHypervisorConfig, newClhHypervisorConfig, newStratovirtHypervisorConfig`,
      rules: ['R14'],
    },
  ],
  run(ctx) {
    for (const t of hvTables(ctx, 'qemu', 'clh', 'stratovirt')) {
      // config.go: newStratovirtHypervisorConfig (with its virtio-9p refusal) exists from the 3.3.0 tag.
      if (hvName(t) === 'stratovirt' && !since(ctx, '3.3.0')) continue;
      const fs = strVal(ctx, t, 'shared_fs');
      if (!fs) continue;
      const shared = fs.value === '' ? 'virtio-fs' : fs.value;
      if (!SHARED_FS.includes(shared)) continue; // not a value Kata knows: the generic value check reports it

      if (shared === 'virtio-9p' && hvName(t) !== 'qemu' && written(fs)) {
        ctx.report('kata-shared-fs-unsupported', 'error', ctx.valueSpan(fs.key), `${LOAD}: ${displayName(t)} has no virtio-9p; use "virtio-fs" (or "none" to share no files with the guest).`, {
          fixes: [...setFix(ctx, t, 'shared_fs', '"virtio-fs"', true, 'Use "virtio-fs"'), ...setFix(ctx, t, 'shared_fs', '"none"', false, 'Use "none"')],
        });
        continue;
      }

      if (!VIRTIO_FS.includes(shared)) continue;
      const daemon = strVal(ctx, t, 'virtio_fs_daemon');
      if (!daemon || daemon.value !== '') continue;
      const how = written(fs) && fs.value !== '' ? `shared_fs = ${quote(shared)}` : 'shared_fs is virtio-fs (the default when it is not set)';
      ctx.report(
        'kata-virtio-fs-no-daemon',
        'error',
        spanOf(ctx, written(daemon) ? daemon : fs, t),
        `${LOAD}: ${how} needs the virtiofsd daemon, but virtio_fs_daemon is ${written(daemon) ? 'empty' : 'not set'} ("cannot enable ${shared} without daemon path in configuration file"). Set virtio_fs_daemon to the virtiofsd binary, or shared_fs = "none".`,
        { fixes: [...setFix(ctx, t, 'virtio_fs_daemon', DEFAULT_DAEMON, true), ...setFix(ctx, t, 'shared_fs', '"none"')] },
      );
    }
  },
};
