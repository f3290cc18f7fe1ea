/**
 * runtime-rs 4.1.0 remote hypervisor (peer pods): a [hypervisor.remote] table forces
 * internetworking_model = "none" and disable_new_netns = false, whatever [runtime] says and
 * whichever hypervisor is in use (R2; remote.rs: RemoteConfig::adjust_config, added at the 4.1.0 tag: 4.0.0 and earlier do not touch [runtime]).
 */
import type { RuleModule } from '../../rule';
import { fix, replaceSpan } from '../../fixes';
import { HV_DIR, hvTables, since, written } from './util';

export const remoteRule: RuleModule = {
  codes: [
    {
      code: 'kata-remote-networking',
      severity: 'warning',
      title: 'Network settings a [hypervisor.remote] table overrides',
      kata: `${HV_DIR}/remote.rs: RemoteConfig::adjust_config`,
      rules: ['R2'],
    },
  ],
  run(ctx) {
    if (!since(ctx, '4.1.0')) return;
    const remote = hvTables(ctx).find((h) => h.id === 'remote');
    const runtime = ctx.tablesOf('runtime')[0];
    if (!remote || !runtime) return;
    const why = 'because the file has a [hypervisor.remote] table (the peer-pod agent sets up the network itself), even when another hypervisor is in use';
    const model = written(ctx, runtime, 'internetworking_model');
    const value = ctx.str(model);
    if (value !== undefined && value !== '' && value !== 'none') {
      ctx.report('kata-remote-networking', 'warning', ctx.valueSpan(model!), `Kata ignores internetworking_model = "${value}" and uses "none" ${why}.`, {
        related: [{ ...remote.t.span, message: 'the remote hypervisor table' }],
        fixes: [fix('Use "none"', [replaceSpan(ctx.valueSpan(model!), '"none"')], true)],
      });
    }
    const netns = written(ctx, runtime, 'disable_new_netns');
    if (ctx.bool(netns) === true) {
      ctx.report('kata-remote-networking', 'warning', ctx.valueSpan(netns!), `Kata ignores disable_new_netns = true and uses false ${why}.`, {
        related: [{ ...remote.t.span, message: 'the remote hypervisor table' }],
        fixes: [fix('Use false', [replaceSpan(ctx.valueSpan(netns!), 'false')], true)],
      });
    }
  },
};
