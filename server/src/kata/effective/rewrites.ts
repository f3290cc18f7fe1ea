/**
 * What Kata does with a written number it rewrites (KeySpec.adjustments): the value it uses instead
 * and why. Pure and shared: the kata-value-adjusted diagnostic and the effective configuration both
 * ask this, so they cannot disagree.
 */
import type { Runtime } from '../releases';
import type { KeySpec } from '../schema/types';

/**
 * Where Kata narrows a value to fewer bits, and only there: the Go runtime's QEMU driver passes
 * memory_slots to QEMU as a uint8 (virtcontainers/qemu.go, the memory topology); the other
 * hypervisors never narrow it.
 */
const GO_NARROWED_BY: Record<string, readonly string[]> = { memory_slots: ['qemu'] };

export interface NumberRewrite {
  /** The value Kata uses. */
  use: number | string;
  /** Why, in the diagnostic's words ("values below 256 are replaced"). */
  why: string;
}

/** The value Kata uses instead of the written number n, or undefined when it keeps n. */
export function rewriteNumber(spec: KeySpec, n: number, runtime: Runtime, hypervisor: string | undefined): NumberRewrite | undefined {
  const narrowedBy = runtime === 'go' ? GO_NARROWED_BY[spec.key] : undefined;
  for (const adj of spec.adjustments ?? []) {
    if (adj.when === 'wraps') {
      if (narrowedBy && !(hypervisor && narrowedBy.includes(hypervisor))) continue;
      if (!Number.isInteger(n) || (n >= 0 && n < 2 ** adj.bits)) continue;
      const m = 2 ** adj.bits;
      return { use: ((n % m) + m) % m, why: `Kata stores it in ${adj.bits} bits and keeps only the value modulo ${m}` };
    }
    if (adj.when === 'below' && n < adj.limit) return { use: adj.use, why: `values below ${adj.limit} are replaced` };
    if (adj.when === 'above' && n > adj.limit) return { use: adj.use, why: `it allows at most ${adj.limit}` };
  }
  return undefined;
}
