/**
 * runtime-rs network model: kata-types' Runtime::validate accepts internetworking_model "macvtap"
 * (T1, every tag), but the runtime has no macvtap model. resource/src/network/network_pair.rs:
 * NetworkPair::new builds the model with network_model/mod.rs: new, which knows "tcfilter" (and
 * "l3forwarding" from the 4.1.0 tag) and turns every other name into the "none" model, whose add
 * connects nothing (network_model/none_model.rs: NoneModel). Checked over the tags 3.2.0, 3.10.0,
 * 3.20.0, 3.32.0 and 4.1.0 (the same match at each).
 */
import type { RuleModule } from '../../rule';
import { fix, replaceSpan } from '../../fixes';
import { hvTables, since, written } from './util';

const NETWORK_MODEL = 'src/runtime-rs/crates/resource/src/network/network_model/mod.rs: new';

export const networkRule: RuleModule = {
  codes: [
    {
      code: 'kata-network-model-ignored',
      severity: 'warning',
      title: 'internetworking_model = "macvtap": runtime-rs accepts it but uses "none" (no network connection to the VM)',
      kata: `${NETWORK_MODEL}; src/runtime-rs/crates/resource/src/network/network_pair.rs: NetworkPair::new`,
      rules: ['T1'],
    },
  ],
  run(ctx) {
    const runtime = ctx.tablesOf('runtime')[0];
    const k = runtime && written(ctx, runtime, 'internetworking_model');
    if (!k || ctx.str(k) !== 'macvtap') return;
    // From 4.1.0 a [hypervisor.remote] table forces "none" anyway (kata-remote-networking says so).
    if (since(ctx, '4.1.0') && hvTables(ctx).some((h) => h.id === 'remote')) return;
    ctx.report('kata-network-model-ignored', 'warning', ctx.valueSpan(k), `runtime-rs has no macvtap network model: it accepts internetworking_model = "macvtap" but uses "none", which connects nothing between the pod's network interfaces and the VM's. Use "tcfilter" (the default).`, {
      fixes: [fix('Use "tcfilter"', [replaceSpan(ctx.valueSpan(k), '"tcfilter"')], true)],
    });
  },
};
