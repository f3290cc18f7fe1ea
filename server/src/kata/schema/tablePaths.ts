/** How a table path of a Kata config maps to the kind of table kata-config knows it as. */
import type { TableKind } from './types';

/** Where a table header path points, e.g. ['hypervisor', 'qemu', 'factory'] -> hypervisor.factory of qemu. */
export interface TableRef {
  kind: TableKind;
  /** The `<name>` in `[hypervisor.<name>...]`. */
  hypervisor?: string;
  /** The `<name>` in `[agent.<name>...]`. */
  agent?: string;
}

const HYPERVISOR_SUBTABLES: Record<string, TableKind> = {
  factory: 'hypervisor.factory',
  guest_extension_images: 'guest_extension_images',
  rootless_user: 'rootless_user',
};

/** Classifies a table path of a Kata config; undefined for paths Kata has no table for. */
export function classifyTable(path: readonly string[]): TableRef | undefined {
  const [top, name, sub, ...rest] = path;
  if (rest.length) return undefined;
  if (top === 'hypervisor' && name !== undefined) {
    if (sub === undefined) return { kind: 'hypervisor', hypervisor: name };
    const kind = HYPERVISOR_SUBTABLES[sub];
    return kind ? { kind, hypervisor: name } : undefined;
  }
  if (top === 'agent' && name !== undefined) {
    if (sub === undefined) return { kind: 'agent', agent: name };
    return sub === 'mem_agent' ? { kind: 'mem_agent', agent: name } : undefined;
  }
  if (sub !== undefined) return undefined;
  if (top === 'runtime') return name === undefined ? { kind: 'runtime' } : name === 'shared_mounts' ? { kind: 'shared_mounts' } : undefined;
  if ((top === 'factory' || top === 'image') && name === undefined) return { kind: top };
  return undefined;
}
