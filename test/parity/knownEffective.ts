/**
 * KNOWN_EFFECTIVE_DIFFERENCES: every disagreement between kata-config's effective configuration
 * (server/src/kata/effective/model.ts) and Kata's loaded one that stays, each specific (key,
 * condition, releases) and with its reason in Kata's source. Most are values Kata settles after
 * the configuration the oracle prints (at dial time, when it connects the network, on the
 * hypervisor driver's private copy); `defect: true` marks a known shortcoming of kata-config
 * itself, left for the code that owns it. test/unit/effectiveOracle.test.ts fails on any
 * disagreement no entry explains, and on an entry that explains nothing in its sample.
 */
import type { EffectiveItem, EffectiveResult } from './effectiveCompare';
import type { Mutation } from './mutate';

export interface KnownEffectiveDifference {
  /** A short name, for the counts. */
  id: string;
  /** The dotted key (`hypervisor.qemu.memory_slots`). */
  key: RegExp;
  /** The oracle releases it applies to; absent: all of them. */
  releases?: readonly string[];
  /** The condition, on the compared item and the mutation. */
  when: (item: EffectiveItem, m: Mutation) => boolean;
  /** A shortcoming of kata-config, not of the oracle or a later phase of Kata. */
  defect?: boolean;
  /** Mutation ids that show it (`<release>/<folder>/<file>#<kind>:<what>`): the unit test adds the first per release to its sample. */
  witness: RegExp;
  reason: string;
}

const SAFE = 2 ** 53;

function bigInteger(s: string): boolean {
  return /^-?\d+$/.test(s) && Math.abs(Number(s)) >= SAFE;
}

export const KNOWN_EFFECTIVE_DIFFERENCES: readonly KnownEffectiveDifference[] = [
  {
    id: 'dial_timeout applied when dialing',
    key: /^agent\.[^.]+\.dial_timeout$/,
    when: (i) => i.ours === '30' && i.kata === '0',
    witness: /#remove:agent\.kata\.dial_timeout removed$/,
    reason:
      'later than the loaded configuration: katautils agent.dialTimout copies an absent or 0 dial_timeout as 0; the 30 s default is applied when the shim dials the agent (virtcontainers/pkg/agent/protocols/client/client.go NewAgentClient: defaultDialTimeout unless timeout > 0). The model states the timeout used',
  },
  {
    id: 'internetworking_model 0 becomes tcfilter when the network is connected',
    key: /^runtime\.internetworking_model$/,
    when: (i) => i.ours === 'tcfilter' && i.kata === 'unknown',
    witness: /#remove:runtime\.internetworking_model removed$/,
    reason:
      'later than the loaded configuration: with internetworking_model absent or empty Kata loads model 0, NetXConnectDefaultModel (katautils initConfig calls SetModel("tcfilter") and then overwrites config with a struct literal; LoadConfiguration calls SetModel only for a non-empty value), which GetModel calls "unknown"; virtcontainers/network_linux.go xConnectVMNetwork/xDisconnectVMNetwork replace it by DefaultNetInterworkingModel, tcfilter, when they connect the VM network. The model states tcfilter',
  },
  {
    id: 'memory_slots narrowed to 8 bits by QEMU\'s driver',
    key: /^hypervisor\.qemu\.memory_slots$/,
    when: (i) => i.origin === 'rewritten' && /8 bits/.test(i.why ?? '') && Number(i.kata) % 256 === Number(i.ours),
    witness: /\/configuration-qemu\.toml#value:hypervisor\.qemu\.memory_slots = 256 \(boundary\)$/,
    reason:
      'later than the loaded configuration: QEMU\'s driver narrows MemSlots to 8 bits when CreateVM builds the memory topology (virtcontainers/qemu.go: uint8(q.config.MemSlots); govmm Memory.Slots is a uint8); the loaded HypervisorConfig the oracle prints keeps 32 bits. The model states the slots QEMU gets (the kata-value-adjusted warning says the same)',
  },
  {
    id: 'Cloud Hypervisor forces disable_image_nvdimm in setConfig',
    key: /^hypervisor\.clh\.disable_image_nvdimm$/,
    releases: ['3.32.0', '4.1.0'],
    when: (i) => i.ours === 'true' && i.kata === 'false',
    witness: /\/configuration-clh\.toml#remove:hypervisor\.clh\.disable_image_nvdimm removed$/,
    reason:
      'later than the loaded configuration: from 3.27.0 virtcontainers/clh.go setConfig (CreateVM) sets DisableImageNvdimm = true on Cloud Hypervisor\'s own copy of the configuration, without a log line; the oracle prints the loaded configuration. The model states the value the VM gets (the kata-forced-value warning says the same)',
  },
  {
    id: 'integers beyond 2^53',
    key: /./,
    when: (i) => bigInteger(i.ours) && bigInteger(i.kata) && Number(i.ours) === Number(i.kata),
    witness: /\/configuration-qemu\.toml#value:factory\.vm_cache_number = -1 \(range\)$/,
    defect: true,
    reason:
      'kata-config: the effective model holds integers as JavaScript numbers (model.ts scalarValue: Number(...)), exact only up to 2^53, so int64/uint64 extremes and wrapped negative uint64 values are shown rounded (9223372036854775807 as 9223372036854775808); only the digits beyond double precision differ',
  },
];

export interface EffectiveExplanation {
  /** Disagreements no entry explains. */
  open: Array<{ result: EffectiveResult; item: EffectiveItem }>;
  /** Matches per known difference id. */
  byKnown: Map<string, number>;
}

/** Marks each disagreement a known difference explains (`item.known`); returns the rest and the counts. */
export function explainEffective(results: readonly EffectiveResult[], known: readonly KnownEffectiveDifference[] = KNOWN_EFFECTIVE_DIFFERENCES): EffectiveExplanation {
  const open: EffectiveExplanation['open'] = [];
  const byKnown = new Map<string, number>(known.map((k) => [k.id, 0]));
  for (const result of results) {
    for (const item of result.items) {
      if (item.outcome !== 'disagree') continue;
      const k = known.find((x) => x.key.test(item.dotted) && (!x.releases || x.releases.includes(result.mutation.base.release)) && x.when(item, result.mutation));
      if (k) {
        item.known = k.id;
        byKnown.set(k.id, (byKnown.get(k.id) ?? 0) + 1);
      } else open.push({ result, item });
    }
  }
  return { open, byKnown };
}
