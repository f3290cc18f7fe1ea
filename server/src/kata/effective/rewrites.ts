/**
 * What Kata does with a written number it rewrites (KeySpec.adjustments): the value it uses instead
 * and why. Pure and shared: the kata-value-adjusted diagnostic and the effective configuration both
 * ask this, so they cannot disagree. Below it, the rewrites only the effective configuration applies
 * (other diagnostics report them in their own words): keys a loader copies as written, strings that
 * name another value, negative unsigned values, and values replaced because of another key.
 */
import { compareVersions, type Arch, type Release, type Runtime } from '../releases';
import type { KeySpec, TomlValue } from '../schema/types';

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

/**
 * Go keys a hypervisor's loader copies exactly as written, without the default (or the meaning of
 * an empty value) the other loaders give them (katautils/config.go): newRemoteHypervisorConfig sets
 * HypervisorMachineType from h.MachineType, not h.machineType(), so a remote file without
 * machine_type has none, not q35; newClhHypervisorConfig sets VirtioFSCache from h.VirtioFSCache,
 * not h.defaultVirtioFSCache() (which qemu and stratovirt use), so it stays empty, not never.
 */
const GO_COPIED_AS_WRITTEN: Record<string, readonly string[]> = { machine_type: ['remote'], virtio_fs_cache: ['clh'] };

/** Whether this hypervisor's loader takes the key as written (no built-in default, no empty-value default). */
export function copiedAsWritten(spec: KeySpec, runtime: Runtime, hypervisor: string | undefined): boolean {
  return runtime === 'go' && !!hypervisor && !!GO_COPIED_AS_WRITTEN[spec.key]?.includes(hypervisor);
}

/**
 * Go strings that name another value: NetInterworkingModel.SetModel("default") stores
 * DefaultNetInterworkingModel, which is NetXConnectTCFilterModel (virtcontainers/network.go).
 */
const GO_STRING_MEANS: Record<string, Record<string, { use: string; why: string }>> = {
  internetworking_model: { default: { use: 'tcfilter', why: '"default" is Kata\'s default network model, tcfilter' } },
};

/** The value Kata uses instead of a written (non-empty) string, or undefined when it keeps it. */
export function rewriteString(spec: KeySpec, s: string, runtime: Runtime): NumberRewrite | undefined {
  return runtime === 'go' ? GO_STRING_MEANS[spec.key]?.[s] : undefined;
}

/**
 * A negative integer written for a Go uint64 or uint field: BurntSushi/toml does not check the
 * range of unsigned fields, so Go stores it wrapped around (the kata-int-wraps warning says the
 * same). The result is a JavaScript number, exact only up to 2^53.
 */
export function goWrapped(spec: KeySpec, n: number, runtime: Runtime): NumberRewrite | undefined {
  if (runtime !== 'go' || !(n < 0) || !Number.isInteger(n) || (spec.type !== 'u64' && spec.type !== 'usize')) return undefined;
  return { use: n + 2 ** 64, why: 'the Go runtime stores a negative value of this unsigned key wrapped around (plus 2^64)' };
}

/** What a cross-key rule sees of the other keys of the same table: their effective values. */
export type ValueOf = (key: string) => TomlValue | undefined;

export interface CrossKeyRewrite {
  /** Undefined when the number is the host's (then `host` says how). */
  use: TomlValue | undefined;
  why: string;
  host?: string;
}

/** The rate-limiter bursts a Go loader drops when the rate beside them is 0 (hypervisor.get*RateLimiter*OneTimeBurst). */
const GO_BURSTS: Record<string, string> = {
  disk_rate_limiter_bw_one_time_burst: 'disk_rate_limiter_bw_max_rate',
  disk_rate_limiter_ops_one_time_burst: 'disk_rate_limiter_ops_max_rate',
  net_rate_limiter_bw_one_time_burst: 'net_rate_limiter_bw_max_rate',
  net_rate_limiter_ops_one_time_burst: 'net_rate_limiter_ops_max_rate',
};

function atLeast(release: Release, since: Release): boolean {
  return compareVersions(release, since) >= 0;
}

/**
 * Values Kata replaces because of another key of the same hypervisor table (the cases the
 * kata-forced-value warning reports, and snp_certs_path), for the effective configuration:
 * - qemu disable_image_nvdimm: true for the microvm machine type, and on aarch64 without firmware
 *   and pflashes (newQemuHypervisorConfig); true for a confidential guest when CreateVM builds the
 *   VM (qemu_<arch>.go newQemuArch: amd64, ppc64le, s390x, arm64 from 3.22.0);
 * - clh disable_image_nvdimm: true from 3.27.0 (clh.go setConfig, on Cloud Hypervisor's own copy);
 * - a one-time burst without its max rate: 0 (hypervisor.get*OneTimeBurst);
 * - validateHypervisorConfig (hypervisor_config_linux.go): virtio-blk becomes virtio-blk-ccw for the
 *   s390-ccw-virtio machine type; up to 3.10, a confidential guest's default_maxvcpus becomes
 *   default_vcpus (rounded up, NumVCPUs);
 * - snp_certs_path: empty unless confidential_guest and sev_snp_guest, from 3.9.0 (hypervisor.snpCertsPath).
 */
export function crossKeyRewrite(key: string, value: TomlValue | undefined, valueOf: ValueOf, target: { runtime: Runtime; release: Release; arch: Arch }, hypervisor: string | undefined): CrossKeyRewrite | undefined {
  if (target.runtime !== 'go' || !hypervisor) return undefined;
  if (key === 'disable_image_nvdimm' && value === false) {
    if (hypervisor === 'qemu') {
      if (valueOf('machine_type') === 'microvm') return { use: true, why: 'the microvm machine type has no NVDIMM' };
      const pflashes = valueOf('pflashes');
      if (target.arch === 'aarch64' && valueOf('firmware') === '' && Array.isArray(pflashes) && pflashes.length === 0) return { use: true, why: 'on aarch64 NVDIMM needs UEFI firmware, and neither firmware nor pflashes is set' };
      const archDoesIt = target.arch !== 'riscv64' && (target.arch !== 'aarch64' || atLeast(target.release, '3.22.0'));
      if (valueOf('confidential_guest') === true && archDoesIt) return { use: true, why: 'a confidential guest cannot use NVDIMM: Kata turns it off when it creates the VM' };
    }
    if (hypervisor === 'clh' && atLeast(target.release, '3.27.0')) return { use: true, why: 'Cloud Hypervisor guests never get an NVDIMM: Kata sets it when it creates the VM' };
  }
  const rate = GO_BURSTS[key];
  if (rate && typeof value === 'number' && value !== 0 && valueOf(rate) === 0) return { use: 0, why: `a one-time burst only applies on top of ${rate}, which is 0` };
  // validateHypervisorConfig (virtcontainers/hypervisor_config_linux.go), before the VM is created; it returns early for remote.
  if (hypervisor !== 'remote') {
    if (key === 'block_device_driver' && value === 'virtio-blk' && valueOf('machine_type') === 's390-ccw-virtio') return { use: 'virtio-blk-ccw', why: 'the s390-ccw-virtio machine type needs the CCW variant of virtio-blk' };
    const vcpus = valueOf('default_vcpus');
    if (key === 'default_maxvcpus' && !atLeast(target.release, '3.11.0') && valueOf('confidential_guest') === true && typeof vcpus === 'number' && Math.ceil(vcpus) !== value) {
      const why = 'a confidential guest cannot hotplug vCPUs, so Kata sets it to default_vcpus (up to 3.10)';
      // A negative default_vcpus is the host's CPU count (hypervisor.defaultVCPUs).
      return vcpus < 0 ? { use: undefined, why, host: 'host CPU count (default_vcpus is negative)' } : { use: Math.ceil(vcpus), why };
    }
  }
  if (key === 'snp_certs_path' && value !== '' && atLeast(target.release, '3.9.0') && !(valueOf('confidential_guest') === true && valueOf('sev_snp_guest') === true)) {
    return { use: '', why: 'Kata reads it only for an SEV-SNP confidential guest (confidential_guest and sev_snp_guest)' };
  }
  return undefined;
}

/**
 * Go keys whose built-in default is used only when that file exists on the host: snp_certs_path
 * falls back to no path, with a warning, when the default certificate chain is missing
 * (hypervisor.snpCertsPath: "failed to resolve SNP certificates path").
 */
const GO_DEFAULT_IF_PRESENT = new Set(['snp_certs_path']);

/** A note when the value Kata uses depends on the host, for keys no adjustment describes. */
export function hostNoteOf(spec: KeySpec, value: TomlValue | undefined, runtime: Runtime): string | undefined {
  if (runtime !== 'go' || !GO_DEFAULT_IF_PRESENT.has(spec.key) || value === undefined || value === '' || value !== spec.codeDefault) return undefined;
  return 'Kata uses no path (and logs a warning) when this default file does not exist on the host';
}
