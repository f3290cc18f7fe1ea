/** VFIO ports on PCIe machines: `hot_plug_vfio` and `cold_plug_vfio` (R41, R42). */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { GO_CONFIG, hvName, hvTables, LOAD, quote, setFix, since, strVal, written, type Value } from './util';

const PORTS = ['no-port', 'bridge-port', 'root-port', 'switch-port'];

function port(ctx: KataContext, t: TableInstance, key: string): Value<string> | undefined {
  const v = strVal(ctx, t, key);
  return v && { ...v, value: v.value === '' ? 'no-port' : v.value };
}

function checkBoth(ctx: KataContext, t: TableInstance, hot: Value<string>, cold: Value<string>): void {
  if (!hot.key || !cold.key) return;
  const [first, second] = hot.key.keyPart.start < cold.key.keyPart.start ? [hot.key, cold.key] : [cold.key, hot.key];
  ctx.report(
    'kata-vfio-hot-and-cold',
    'error',
    ctx.valueSpan(second),
    `${LOAD}: VFIO devices are either hot-plugged or cold-plugged, so only one of hot_plug_vfio (${quote(hot.value)}) and cold_plug_vfio (${quote(cold.value)}) may name a port; set the other to "no-port".`,
    {
      related: [{ ...ctx.valueSpan(first), message: `${first.key} is set here` }],
      fixes: [...setFix(ctx, t, 'hot_plug_vfio', '"no-port"', false), ...setFix(ctx, t, 'cold_plug_vfio', '"no-port"', false)],
    },
  );
}

/** Cloud Hypervisor on a q35/virt machine: root ports only (before 3.29.0, hot-plug on root ports only). */
function checkClh(ctx: KataContext, t: TableInstance, hot: Value<string>, cold: Value<string>): void {
  const machine = strVal(ctx, t, 'machine_type', 'q35');
  if (!machine || !['q35', 'virt', ''].includes(machine.value)) return;
  // config.go: checkPCIeConfig accepts cold-plug on CLH root ports from the 3.29.0 tag ("only cold-plug=... or ... supported on CLH").
  const relaxed = since(ctx, '3.29.0');
  for (const [v, key] of [
    [cold, 'cold_plug_vfio'],
    [hot, 'hot_plug_vfio'],
  ] as const) {
    if (!written(v) || v.value === 'no-port' || !PORTS.includes(v.value)) continue;
    if (v.value === 'root-port' && (relaxed || key === 'hot_plug_vfio')) continue;
    const span = ctx.valueSpan(v.key);
    if (!relaxed && key === 'cold_plug_vfio') {
      ctx.report('kata-clh-vfio-port', 'error', span, `${LOAD}: Cloud Hypervisor in Kata ${ctx.target.release} cannot cold-plug VFIO devices ("cold-plug not supported on CLH"); hot-plug them with hot_plug_vfio = "root-port" instead.`, {
        fixes: [...setFix(ctx, t, key, '"no-port"', true, 'Use "no-port"')],
      });
      continue;
    }
    const allowed = relaxed ? '"no-port" or "root-port"' : '"root-port"';
    ctx.report('kata-clh-vfio-port', 'error', span, `${LOAD}: Cloud Hypervisor cannot attach VFIO devices to a ${quote(v.value)}; ${key} can only be ${allowed} with it.`, {
      fixes: [...setFix(ctx, t, key, '"root-port"', true, 'Use "root-port"'), ...setFix(ctx, t, key, '"no-port"', false, 'Use "no-port"')],
    });
  }
}

export const pcieRule: RuleModule = {
  codes: [
    {
      code: 'kata-vfio-hot-and-cold',
      severity: 'error',
      title: 'Both hot_plug_vfio and cold_plug_vfio name a port',
      kata: `${GO_CONFIG}: checkPCIeConfig`,
      rules: ['R41'],
    },
    {
      code: 'kata-clh-vfio-port',
      severity: 'error',
      title: 'A VFIO port Cloud Hypervisor does not have',
      kata: `${GO_CONFIG}: checkPCIeConfig`,
      rules: ['R42'],
      note: 'From 3.29.0 Cloud Hypervisor accepts "root-port" for both keys; before, cold-plug was refused and hot-plug needed "root-port". Values outside no-port/bridge-port/root-port/switch-port are reported by kata-invalid-value.',
    },
  ],
  run(ctx) {
    for (const t of hvTables(ctx, 'qemu', 'clh')) {
      const hot = port(ctx, t, 'hot_plug_vfio');
      const cold = port(ctx, t, 'cold_plug_vfio');
      if (!hot || !cold) continue;
      if (hot.value !== 'no-port' && cold.value !== 'no-port') checkBoth(ctx, t, hot, cold);
      else if (hvName(t) === 'clh') checkClh(ctx, t, hot, cold);
    }
  },
};
