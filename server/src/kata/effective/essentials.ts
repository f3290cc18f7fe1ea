/**
 * The few effective values an operator looks for first (the installed-configs tree shows them):
 * the hypervisor binary, vCPUs, memory, shared file system, guest root file system and whether the
 * guest is confidential. Same key names in both runtimes' `[hypervisor.<name>]` tables.
 */
import type { EffectiveConfig, EffectiveEntry } from './model';
import { describeOrigin, tomlValue } from './format';

export interface Essential {
  label: string;
  /** `hypervisor.qemu.default_memory` */
  key: string;
  /** As shown: `2048 MiB`, `virtio-fs`, `/opt/kata/share/kata-containers/kata-containers.img`. */
  value: string;
  origin: string;
}

const ESSENTIALS: ReadonlyArray<{ label: string; keys: readonly string[]; unit?: string }> = [
  { label: 'Hypervisor', keys: ['path'] },
  { label: 'vCPUs', keys: ['default_vcpus'] },
  { label: 'Memory', keys: ['default_memory'], unit: 'MiB' },
  { label: 'Shared file system', keys: ['shared_fs'] },
  // A guest boots from an image or an initrd; the one written (non-empty) is the one used.
  { label: 'Root file system', keys: ['image', 'initrd'] },
  { label: 'Confidential guest', keys: ['confidential_guest'] },
];

function shown(e: EffectiveEntry, unit: string | undefined): string {
  if (e.value === undefined) return e.host ? `the ${e.host}` : 'unknown';
  const v = typeof e.value === 'string' ? e.value || '(empty)' : tomlValue(e.value);
  return unit && typeof e.value === 'number' ? `${v} ${unit}` : v;
}

export function effectiveEssentials(config: EffectiveConfig): Essential[] {
  const table = config.entries.find((e) => e.kind === 'hypervisor')?.table;
  if (!table) return [];
  const out: Essential[] = [];
  for (const row of ESSENTIALS) {
    const candidates = row.keys.map((k) => config.entries.find((e) => e.table === table && e.key === k)).filter((e): e is EffectiveEntry => !!e);
    const e = candidates.find((c) => c.value !== '' && c.value !== undefined) ?? candidates[0];
    if (!e) continue;
    out.push({ label: row.label, key: `${table}.${e.key}`, value: `${shown(e, row.unit)}${row.keys.length > 1 ? ` (${e.key})` : ''}`, origin: describeOrigin(e.origin) });
  }
  return out;
}
