/** runtime-rs `[agent.<name>]` timeouts (G1, G2; Agent::validate runs for every agent table). */
import type { RuleModule } from '../../rule';
import { at, refusalIn, setFix, u32Or, written } from './util';

const AGENT = 'src/libs/kata-types/src/config/agent.rs: Agent::validate';
const DIAL_DEFAULT = 10;
const RECONNECT_DEFAULT = 3000;

export const agentRule: RuleModule = {
  codes: [
    {
      code: 'kata-agent-dial-timeout',
      severity: 'error',
      title: 'dial_timeout_ms = 0',
      kata: AGENT,
      rules: ['G1'],
    },
    {
      code: 'kata-agent-reconnect-timeout',
      severity: 'error',
      title: 'reconnect_timeout_ms below dial_timeout_ms',
      kata: AGENT,
      rules: ['G2'],
      note: 'also when reconnect_timeout_ms is not written and its default (3000 ms) is what falls short, as in the shipped 4.1.0 Firecracker file: Kata refuses the file either way.',
    },
  ],
  run(ctx) {
    for (const t of ctx.tablesOf('agent')) {
      const dial = u32Or(ctx, t, 'dial_timeout_ms', DIAL_DEFAULT);
      if (dial === 0) {
        ctx.report('kata-agent-dial-timeout', 'error', at(ctx, t, 'dial_timeout_ms'), `dial_timeout_ms = 0: runtime-rs refuses the file ("dial_timeout_ms couldn't be 0."). It is the pause between attempts to reach the agent; the default is ${DIAL_DEFAULT} ms.`, {
          fixes: setFix(ctx, t, 'dial_timeout_ms', String(DIAL_DEFAULT), `Use ${DIAL_DEFAULT}`, true),
        });
        continue;
      }
      // agent.rs: Agent::validate compares reconnect_timeout_ms with dial_timeout_ms from the 4.1.0 tag (4.0.0 checks only dial_timeout_ms).
      const refusal = refusalIn(ctx, { since: '4.1.0' });
      if (!refusal || dial === undefined) continue;
      const reconnect = u32Or(ctx, t, 'reconnect_timeout_ms', RECONNECT_DEFAULT);
      if (reconnect === undefined || reconnect >= dial) continue;
      const lower = Math.min(DIAL_DEFAULT, reconnect);
      const isWritten = !!written(ctx, t, 'reconnect_timeout_ms');
      const what = isWritten ? `reconnect_timeout_ms = ${reconnect}` : `reconnect_timeout_ms is not set, so it is ${RECONNECT_DEFAULT} ms, which`;
      ctx.report('kata-agent-reconnect-timeout', refusal.severity, at(ctx, t, isWritten ? 'reconnect_timeout_ms' : 'dial_timeout_ms'), `${what} is below dial_timeout_ms = ${dial}: runtime-rs ${refusal.release} refuses the file. reconnect_timeout_ms is the whole time budget for reaching the agent, dial_timeout_ms only the pause between attempts.${refusal.note}`, {
        fixes: [
          ...setFix(ctx, t, 'reconnect_timeout_ms', String(dial), `${isWritten ? 'Use' : 'Add'} reconnect_timeout_ms = ${dial}`, true),
          ...(lower > 0 ? setFix(ctx, t, 'dial_timeout_ms', String(lower), `Use dial_timeout_ms = ${lower}`) : []),
        ],
      });
    }
  },
};
