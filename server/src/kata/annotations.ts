/**
 * The hypervisor annotations Kata accepts (`io.katacontainers.config.hypervisor.<name>`), per
 * runtime and release, and how an `enable_annotations` entry is read: a regular expression in
 * Go's RE2 syntax (Go runtime, `regexp.MatchString`) or Rust's regex syntax (runtime-rs,
 * `RegexSet::is_match`), matched unanchored against the name without the prefix.
 *
 * Sources, at every tag from 3.2.0 to 4.1.0 (each release range below is the first and last tag that
 * defines the name; for Go, the constants of annotations.go; for runtime-rs, the KATA_ANNO_CFG_HYPERVISOR_*
 * constants of annotations/mod.rs, `refusedBy` where update_config_by_annotation has no arm for it):
 * - Go: src/runtime/virtcontainers/pkg/annotations/annotations.go (the names) and
 *   src/runtime/pkg/oci/utils.go (addAnnotations: the gate; addHypervisor*Overrides: the keys).
 * - runtime-rs: src/libs/kata-types/src/annotations/mod.rs (the names;
 *   Annotation::update_config_by_annotation: the keys) and
 *   src/libs/kata-types/src/config/hypervisor/mod.rs (SecurityInfo::is_annotation_enabled).
 */
import { linearTester } from './diagnostics/linearRegex';
import { compareVersions, inRange, RELEASES, type Release, type ReleaseRange, type Runtime } from './releases';

export const ANNOTATION_PREFIX = 'io.katacontainers.config.hypervisor.';

export interface HypervisorAnnotation {
  /** The name after `io.katacontainers.config.hypervisor.`. */
  name: string;
  /** The `[hypervisor.<name>]` key it overrides, when it is the same in every runtime that has it. */
  key?: string;
  /** The key per runtime, when the runtimes differ (a runtime left out overrides no key). */
  keys?: Partial<Record<Runtime, string>>;
  runtimes: Runtime[];
  /** Per runtime, the releases that have it, when not all of them. */
  releases?: Partial<Record<Runtime, Release[]>>;
  /** The glob list (a `[hypervisor.<name>]` key) a value must match, besides being enabled. */
  pathAllowList?: string;
  /** Runtimes that define the name but fail the sandbox when it is enabled and set ("Invalid annotation type"). */
  refusedBy?: Runtime[];
  note?: string;
}

type Side = true | ReleaseRange;

interface Spec {
  go?: Side;
  rs?: Side;
  key?: string;
  keys?: Partial<Record<Runtime, string>>;
  allow?: string;
  refusedBy?: Runtime[];
  note?: string;
}

const RS_REFUSES = 'runtime-rs defines this name but does not apply it: once enabled, a pod that sets it fails with "Invalid annotation type".';

function ann(name: string, s: Spec): HypervisorAnnotation {
  const runtimes: Runtime[] = [];
  const releases: Partial<Record<Runtime, Release[]>> = {};
  for (const rt of ['go', 'rs'] as const) {
    const side = s[rt];
    if (!side) continue;
    runtimes.push(rt);
    if (side !== true) releases[rt] = RELEASES.filter((r) => inRange(r, side));
  }
  const a: HypervisorAnnotation = { name, runtimes };
  if (s.key) a.key = s.key;
  if (s.keys) a.keys = s.keys;
  if (Object.keys(releases).length) a.releases = releases;
  if (s.allow) a.pathAllowList = s.allow;
  if (s.refusedBy) a.refusedBy = s.refusedBy;
  if (s.note) a.note = s.note;
  return a;
}

const BOTH = { go: true, rs: true } as const;

/** Every hypervisor annotation either runtime defined in a known release. */
export const HYPERVISOR_ANNOTATIONS: readonly HypervisorAnnotation[] = [
  // Binaries and boot assets.
  ann('path', { ...BOTH, key: 'path', allow: 'valid_hypervisor_paths', note: 'Picks the hypervisor binary for the pod.' }),
  ann('hypervisor_hash', { go: true, note: 'Expected SHA-512 of the hypervisor binary, checked before it runs.' }),
  ann('path_hash', { rs: true, refusedBy: ['rs'], note: RS_REFUSES }),
  ann('ctlpath', { go: { until: '3.9.0' }, rs: { until: '3.9.0' }, key: 'ctlpath', allow: 'valid_ctlpaths', note: 'Picks the ACRN control binary (acrnctl); removed after 3.9.0.' }),
  ann('hypervisorctl_hash', { go: { until: '3.9.0' }, rs: { until: '3.9.0' }, refusedBy: ['rs'], note: 'Expected hash of the ACRN control binary; removed after 3.9.0.' }),
  ann('jailer_path', { ...BOTH, key: 'jailer_path', allow: 'valid_jailer_paths', note: 'Picks the jailer binary (Firecracker).' }),
  ann('jailer_hash', { ...BOTH, refusedBy: ['rs'], note: 'Expected hash of the jailer binary (Go only; runtime-rs refuses it once enabled).' }),
  ann('kernel', { ...BOTH, key: 'kernel', note: 'Picks the guest kernel; no allow-list applies, only enable_annotations.' }),
  ann('kernel_hash', { ...BOTH, refusedBy: ['rs'], note: 'Expected hash of the guest kernel (Go only; runtime-rs refuses it once enabled).' }),
  ann('kernel_params', { ...BOTH, key: 'kernel_params', note: 'Adds guest kernel parameters; one with the same name as a configured one replaces it.' }),
  ann('kernel_verity_params', { go: { since: '3.27.0' }, rs: { since: '3.27.0' }, key: 'kernel_verity_params', note: 'Sets the dm-verity parameters of the root image.' }),
  ann('image', { ...BOTH, key: 'image', note: 'Picks the guest image (for the remote hypervisor: the pod VM image).' }),
  ann('image_hash', { ...BOTH, refusedBy: ['rs'], note: 'Expected hash of the guest image (Go only; runtime-rs refuses it once enabled).' }),
  ann('initrd', { ...BOTH, key: 'initrd', note: 'Picks the guest initrd.' }),
  ann('initrd_hash', { ...BOTH, refusedBy: ['rs'], note: 'Expected hash of the guest initrd (Go only; runtime-rs refuses it once enabled).' }),
  ann('firmware', { ...BOTH, key: 'firmware', note: 'Picks the guest firmware.' }),
  ann('firmware_hash', { ...BOTH, refusedBy: ['rs'], note: 'Expected hash of the guest firmware (Go only; runtime-rs refuses it once enabled).' }),
  ann('firmware_volume', { go: true, key: 'firmware_volume', note: 'Picks the firmware volume (Go only).' }),
  ann('firmware_volume_hash', { go: true, note: 'Expected hash of the firmware volume (Go only).' }),
  ann('asset_hash_type', { rs: true, refusedBy: ['rs'], note: 'runtime-rs only; the Go runtime reads io.katacontainers.asset_hash_type instead, which is not gated.' }),
  // Machine and CPU.
  ann('machine_type', { ...BOTH, key: 'machine_type' }),
  ann('machine_accelerators', { ...BOTH, key: 'machine_accelerators' }),
  ann('cpu_features', { ...BOTH, key: 'cpu_features' }),
  ann('default_vcpus', { ...BOTH, key: 'default_vcpus', note: 'Kata refuses more vCPUs than the host has (except for the remote hypervisor).' }),
  ann('default_max_vcpus', { ...BOTH, key: 'default_maxvcpus', note: 'Overrides default_maxvcpus (the key has no underscore between max and vcpus).' }),
  // Memory.
  ann('default_memory', { ...BOTH, key: 'default_memory', note: 'In MiB; values below Kata\'s minimum are refused.' }),
  ann('memory_slots', { ...BOTH, key: 'memory_slots' }),
  ann('memory_offset', { ...BOTH, key: 'memory_offset' }),
  ann('enable_virtio_mem', { ...BOTH, key: 'enable_virtio_mem' }),
  ann('enable_mem_prealloc', { ...BOTH, key: 'enable_mem_prealloc' }),
  ann('enable_hugepages', { ...BOTH, key: 'enable_hugepages' }),
  ann('hugepage_type', { rs: { since: '3.3.0' }, key: 'hugepage_type' }),
  ann('reclaim_guest_freed_memory', { go: { since: '3.17.0' }, key: 'reclaim_guest_freed_memory' }),
  ann('file_mem_backend', { go: { until: '3.31.0' }, rs: { until: '3.31.0' }, key: 'file_mem_backend', allow: 'valid_file_mem_backends', note: 'Removed after 3.31.0.' }),
  ann('enable_swap', { rs: { until: '3.13.0' }, key: 'enable_swap', note: 'runtime-rs only; removed after 3.13.0.' }),
  ann('enable_guest_swap', { ...BOTH, key: 'enable_guest_swap' }),
  ann('numa_mapping', { go: { since: '3.27.0' }, key: 'numa_mapping' }),
  // Devices.
  ann('enable_iommu', { ...BOTH, key: 'enable_iommu', note: 'Adds a vIOMMU to the guest (needed for VFIO with vfio_mode = "vfio").' }),
  ann('enable_iommu_platform', { ...BOTH, key: 'enable_iommu_platform', note: 'Turns on iommu_platform for the virtio devices.' }),
  ann('hot_plug_vfio', { go: true, key: 'hot_plug_vfio' }),
  ann('cold_plug_vfio', { go: true, key: 'cold_plug_vfio' }),
  ann('hotplug_vfio_on_root_bus', { rs: { until: '3.32.0' }, key: 'hotplug_vfio_on_root_bus', note: 'runtime-rs only; removed after 3.32.0.' }),
  ann('pcie_root_port', { go: { since: '3.6.0' }, rs: true, key: 'pcie_root_port' }),
  ann('pcie_switch_port', { go: { since: '3.6.0' }, rs: { since: '3.17.0' }, key: 'pcie_switch_port' }),
  ann('use_legacy_serial', { go: true, key: 'use_legacy_serial' }),
  ann('entropy_source', { ...BOTH, key: 'entropy_source', allow: 'valid_entropy_sources' }),
  ann('guest_hook_path', { ...BOTH, key: 'guest_hook_path', note: 'A path inside the guest where the agent looks for OCI hooks.' }),
  ann('rootless', { ...BOTH, key: 'rootless' }),
  // Block devices.
  ann('block_device_driver', { ...BOTH, key: 'block_device_driver' }),
  ann('block_device_aio', { go: true, key: 'block_device_aio' }),
  ann('disable_block_device_use', { ...BOTH, key: 'disable_block_device_use' }),
  ann('block_device_cache_set', { ...BOTH, key: 'block_device_cache_set' }),
  ann('block_device_cache_direct', { ...BOTH, key: 'block_device_cache_direct' }),
  ann('block_device_cache_noflush', { ...BOTH, key: 'block_device_cache_noflush' }),
  ann('blk_logical_sector_size', { go: { since: '3.29.0' }, rs: { since: '3.29.0' }, key: 'block_device_logical_sector_size', note: 'Shortened name (Kubernetes limits a name segment to 63 characters).' }),
  ann('blk_physical_sector_size', { go: { since: '3.29.0' }, rs: { since: '3.29.0' }, key: 'block_device_physical_sector_size', note: 'Shortened name (Kubernetes limits a name segment to 63 characters).' }),
  ann('block_device_num_queues', { rs: { since: '3.24.0' }, key: 'num_queues' }),
  ann('block_device_queue_size', { rs: { since: '3.24.0' }, key: 'queue_size' }),
  ann('enable_iothreads', { ...BOTH, key: 'enable_iothreads' }),
  ann('indep_iothreads', { go: { since: '3.24.0' }, rs: { since: '3.32.0' }, key: 'indep_iothreads' }),
  ann('disable_image_nvdimm', { ...BOTH, key: 'disable_image_nvdimm' }),
  ann('enable_vhost_user_store', { ...BOTH, key: 'enable_vhost_user_store' }),
  ann('vhost_user_store_path', { ...BOTH, key: 'vhost_user_store_path', allow: 'valid_vhost_user_store_paths' }),
  ann('vhost_user_reconnect_timeout_sec', { go: true, key: 'vhost_user_reconnect_timeout_sec' }),
  // Shared file system.
  ann('shared_fs', { ...BOTH, key: 'shared_fs' }),
  ann('virtio_fs_daemon', { ...BOTH, key: 'virtio_fs_daemon', allow: 'valid_virtio_fs_daemon_paths' }),
  ann('virtio_fs_cache', { ...BOTH, key: 'virtio_fs_cache' }),
  ann('virtio_fs_cache_size', { ...BOTH, key: 'virtio_fs_cache_size' }),
  ann('virtio_fs_extra_args', { ...BOTH, key: 'virtio_fs_extra_args', note: 'Appends arguments to virtiofsd: the pod can change how the host directory is shared.' }),
  ann('msize_9p', { go: true, rs: { until: '3.28.0' }, key: 'msize_9p' }),
  ann('prefetch_files.list', { rs: true, key: 'prefetch_list_path', note: 'runtime-rs only (nydus prefetch list).' }),
  // Network.
  ann('disable_vhost_net', { ...BOTH, key: 'disable_vhost_net' }),
  ann('rx_rate_limiter_max_rate', { ...BOTH, key: 'rx_rate_limiter_max_rate' }),
  ann('tx_rate_limiter_max_rate', { ...BOTH, key: 'tx_rate_limiter_max_rate' }),
  ann('network_queues', { rs: { since: '3.27.0' }, key: 'network_queues' }),
  // Remote hypervisor and confidential computing.
  ann('default_gpus', { go: { since: '3.11.0' }, rs: { since: '3.19.0' }, keys: { rs: 'default_gpus' }, note: 'GPUs asked of the remote hypervisor for the pod VM.' }),
  ann('default_gpu_model', { go: { since: '3.11.0' }, rs: { since: '3.19.0' }, keys: { rs: 'default_gpu_model' }, note: 'GPU model asked of the remote hypervisor for the pod VM.' }),
  ann('cc_init_data', { go: { since: '3.20.0' }, rs: { since: '3.19.0' }, keys: { rs: 'initdata' }, note: 'Confidential-computing init data for the guest (Go 3.8.0 to 3.19.1 read it as io.katacontainers.config.runtime.cc_init_data, which is not gated).' }),
];

/** Does the runtime have this annotation in this release? */
export function annotationIn(a: HypervisorAnnotation, runtime: Runtime, release: Release): boolean {
  if (!a.runtimes.includes(runtime)) return false;
  const only = a.releases?.[runtime];
  return !only || only.includes(release);
}

/** The hypervisor annotations a runtime knows in a release. */
const ANNOTATIONS_OF = new Map<string, readonly HypervisorAnnotation[]>();

/** The hypervisor annotations a runtime knows at a release (one shared list per runtime and release: never mutate it). */
export function hypervisorAnnotations(runtime: Runtime, release: Release): readonly HypervisorAnnotation[] {
  const key = `${runtime} ${release}`;
  let list = ANNOTATIONS_OF.get(key);
  if (!list) ANNOTATIONS_OF.set(key, (list = HYPERVISOR_ANNOTATIONS.filter((a) => annotationIn(a, runtime, release))));
  return list;
}

export function annotationByName(name: string): HypervisorAnnotation | undefined {
  return HYPERVISOR_ANNOTATIONS.find((a) => a.name === name);
}

/** The `[hypervisor.<name>]` key the annotation overrides in a runtime, if any. */
export function annotationKey(a: HypervisorAnnotation, runtime: Runtime): string | undefined {
  return a.keys ? a.keys[runtime] : a.key;
}

/**
 * `io.katacontainers.*` annotations outside the hypervisor prefix, which `enable_annotations`
 * never gates (the suffix people may write in the list by mistake → the full name).
 */
export const UNGATED_ANNOTATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ...[
      'disable_guest_seccomp',
      'sandbox_cgroup_only',
      'enable_pprof',
      'experimental',
      'internetworking_model',
      'disable_new_netns',
      'vfio_mode',
      'create_container_timeout',
      'experimental_force_guest_pull',
      'guest_selinux_label',
      'hypervisor_name',
      'agent_name',
      'shared_mounts',
      'sandbox_bind_mounts',
    ].map((n) => [n, `io.katacontainers.config.runtime.${n}`]),
    ...['kernel_modules', 'enable_tracing', 'container_pipe_size', 'cdh_api_timeout_ms', 'policy'].map((n) => [n, `io.katacontainers.config.agent.${n}`]),
    ['enable_vcpus_pinning', 'io.katacontainers.config.runtime.enable_vcpus_pinning (Go: io.katacontainers.enable_vcpus_pinning)'],
  ] as Array<[string, string]>,
);

// ---------------------------------------------------------------------------------------------
// enable_annotations entries: Go regexp (RE2) / Rust regex syntax, read with a JS RegExp.

export type CompiledEntry =
  | {
      ok: true;
      /** Unanchored, as Kata matches it. */
      regex: RegExp;
      /** The same pattern matched against the whole name. */
      whole: RegExp;
    }
  | { ok: false; problem: string };

const JS_SPECIAL = new Set('^$\\.*+?()[]{}|/'.split(''));

function lit(ch: string): string {
  if (JS_SPECIAL.has(ch) || ch === '-') return `\\${ch}`;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return ch;
}

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

class PatternError extends Error {}

/**
 * Go's regexp has no (?<name>...) before Go 1.22: versions.yaml (languages.golang.version) builds Kata
 * 3.2.0 to 3.4.0 with Go 1.19.3 and 3.5.0 onwards with Go 1.22.2 or later.
 */
function goHasAngleNames(release: Release): boolean {
  return compareVersions(release, '3.5.0') >= 0;
}

/**
 * Rust's regex has \<, \> and \b{start}-style word boundaries from regex 1.10: src/runtime-rs/Cargo.lock pins
 * regex 1.9.1 at 3.2.0 (where `<` and `>` cannot be escaped) and 1.10.2 or later from 3.3.0.
 */
function rsHasWordBoundaries(release: Release): boolean {
  return compareVersions(release, '3.3.0') >= 0;
}

/**
 * Translates an RE2 / Rust-regex pattern into an equivalent JS pattern (for the ASCII names of
 * annotations), or throws PatternError for syntax the runtime's engine rejects — also where a
 * JS RegExp would accept it (lookaround, backreferences, unknown escapes).
 */
function translate(src: string, runtime: Runtime, release: Release): { js: string; ignoreCase: boolean } {
  const fail = (msg: string): never => {
    throw new PatternError(msg);
  };
  let out = '';
  let ignoreCase = false;
  let i = 0;
  const n = src.length;

  const hexEscape = (): string => {
    // After `\x` (and `\u`/`\U` for Rust): HH, or {H...}, or a fixed number of digits.
    const ch = src[i];
    let hex: string;
    const fixed = ch === 'x' ? 2 : ch === 'u' ? 4 : 8;
    i++;
    if (src[i] === '{') {
      const close = src.indexOf('}', i);
      if (close < 0) fail(`\\${ch}{ is not closed`);
      hex = src.slice(i + 1, close);
      i = close + 1;
    } else {
      hex = src.slice(i, i + fixed);
      i += fixed;
    }
    if (!/^[0-9A-Fa-f]{1,8}$/.test(hex) || (src[i - 1] !== '}' && hex.length !== fixed)) fail(`\\${ch} needs hexadecimal digits`);
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) fail(`\\${ch}{${hex}} is beyond Unicode`);
    return lit(String.fromCodePoint(cp));
  };

  /** An escape at src[i] === '\\'; `inClass` limits it to what a class may hold. Returns JS text. */
  const escape = (inClass: boolean): string => {
    i++;
    if (i >= n) fail('it ends with a lone backslash');
    const c = src[i];
    if (/[0-9]/.test(c)) {
      if (runtime === 'rs') fail(`backreferences and octal escapes such as \\${c} are not supported`);
      // Go: \0 and \1-\7 followed by an octal digit start an octal escape; \1-\9 alone would be a backreference.
      const m = /^[0-7]{1,3}/.exec(src.slice(i));
      if (!m || (c !== '0' && m[0].length < 2)) fail(`backreferences such as \\${c} are not supported`);
      i += m![0].length;
      return lit(String.fromCharCode(parseInt(m![0], 8)));
    }
    if ('dDsSwW'.includes(c)) {
      i++;
      return `\\${c}`;
    }
    if ('aftnrv'.includes(c)) {
      i++;
      return { a: '\\x07', f: '\\f', t: '\\t', n: '\\n', r: '\\r', v: '\\v' }[c]!;
    }
    if (c === 'x' || ((c === 'u' || c === 'U') && runtime === 'rs')) return hexEscape();
    if (c === 'p' || c === 'P') {
      i++;
      if (src[i] === '{') {
        const close = src.indexOf('}', i);
        if (close < 0) fail(`\\${c}{ is not closed`);
        i = close + 1;
      } else if (i < n && /[A-Za-z]/.test(src[i])) i++;
      else fail(`\\${c} needs a Unicode class name`);
      // Annotation names are ASCII: letters stand in for any Unicode class here.
      if (inClass) return c === 'p' ? 'A-Za-z' : '\\W\\d_';
      return c === 'p' ? '[A-Za-z]' : '[^A-Za-z]';
    }
    if (!inClass && (c === 'A' || c === 'z')) {
      i++;
      return c === 'A' ? '^' : '$';
    }
    if (!inClass && (c === 'b' || c === 'B')) {
      i++;
      if (runtime === 'rs' && c === 'b' && src[i] === '{') {
        if (!rsHasWordBoundaries(release)) fail(`regex 1.9, which runtime-rs ${release} uses, does not know \\b{...}`);
        const close = src.indexOf('}', i);
        const kind = close < 0 ? '' : src.slice(i + 1, close);
        if (!['start', 'end', 'start-half', 'end-half'].includes(kind)) fail(`\\b{${kind}} is not a known word boundary`);
        i = close + 1;
      }
      return `\\${c}`;
    }
    if (!inClass && c === 'Q' && runtime === 'go') {
      const end = src.indexOf('\\E', i + 1);
      const text = src.slice(i + 1, end < 0 ? n : end);
      i = end < 0 ? n : end + 2;
      return [...text].map(lit).join('');
    }
    if (/[A-Za-z]/.test(c)) {
      const why = c === 'k' ? ' (named backreferences are not supported)' : c === 'c' ? ' (there are no control-letter escapes)' : c === 'u' || c === 'U' ? ' (use \\x{...})' : c === 'Q' || c === 'E' ? ' (no \\Q...\\E quoting)' : '';
      fail(`\\${c} is not a known escape${why}`);
    }
    if (c.charCodeAt(0) > 0x7f) fail(`escaping the non-ASCII character ${c} is not allowed`);
    i++;
    if (!inClass && runtime === 'rs' && (c === '<' || c === '>')) {
      if (!rsHasWordBoundaries(release)) fail(`regex 1.9, which runtime-rs ${release} uses, does not allow escaping ${c} (\\< and \\> came with regex 1.10)`);
      return c === '<' ? '\\b(?=\\w)' : '\\b(?<=\\w)';
    }
    return lit(c);
  };

  const charClass = (): string => {
    // At src[i] === '['. RE2 / Rust rules: a ']' right after '[' or '[^' is a literal.
    let js = '[';
    i++;
    if (src[i] === '^') {
      js += '^';
      i++;
    }
    let first = true;
    for (;;) {
      if (i >= n) fail('a [ character class is not closed');
      const c = src[i];
      if (c === ']' && !first) {
        i++;
        break;
      }
      first = false;
      if (c === '[' && src[i + 1] === ':') {
        const close = src.indexOf(':]', i + 2);
        let name = close < 0 ? '' : src.slice(i + 2, close);
        const negated = name.startsWith('^');
        if (negated) name = name.slice(1);
        if (close < 0 || !POSIX[name]) fail(`[:${name}:] is not a known POSIX class`);
        js += negated ? '\\s\\S' : POSIX[name]; // a negated class inside a class: over-approximated as "anything"
        i = close + 2;
        continue;
      }
      if (c === '\\') {
        js += escape(true);
        continue;
      }
      // A bare '-' stays a range operator; '[' is a literal in Go (Rust would nest a class).
      js += c === '-' ? '-' : c === '[' ? '\\[' : lit(c);
      i++;
    }
    return `${js}]`;
  };

  while (i < n) {
    const c = src[i];
    if (c === '\\') {
      out += escape(false);
    } else if (c === '[') {
      out += charClass();
    } else if (c === '(') {
      if (src[i + 1] !== '?') {
        out += '(';
        i++;
        continue;
      }
      const rest = src.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!')) fail(`lookahead assertions such as ${src.slice(i, i + 3)}...) are not supported`);
      if (rest.startsWith('<=') || rest.startsWith('<!')) fail(`lookbehind assertions such as ${src.slice(i, i + 4)}...) are not supported`);
      const named = /^(P?)<([^>]*)>/.exec(rest);
      if (named) {
        if (!named[1] && runtime === 'go' && !goHasAngleNames(release)) fail(`Go 1.19, which builds Kata ${release}, does not know (?<name>...); write (?P<name>...)`);
        if (!/^[A-Za-z0-9_]+$/.test(named[2])) fail(`"${named[2]}" is not a valid group name`);
        out += '(';
        i += 2 + named[0].length;
        continue;
      }
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 3;
        continue;
      }
      const flags = /^([A-Za-z-]*)([:)])/.exec(rest);
      const allowed = runtime === 'go' ? 'imsU' : 'imsUuxR';
      if (!flags || !flags[1]) fail(`${src.slice(i, i + 3)} is not a known group syntax`);
      const f = flags![1];
      if ([...f].some((x) => x !== '-' && !allowed.includes(x)) || f.split('-').length > 2 || f.endsWith('-')) fail(`(?${f}${flags![2]} has an unknown flag (known: ${allowed.split('').join(', ')})`);
      if (f.split('-')[0].includes('i')) ignoreCase = true;
      out += flags![2] === ':' ? '(?:' : '';
      i += 2 + f.length + 1;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (m) {
        const max = runtime === 'go' ? 1000 : Infinity;
        if (Number(m[1]) > max || (m[3] && Number(m[3]) > max)) fail('a repetition count above 1000 is not allowed');
        out += m[0];
        i += m[0].length;
      } else {
        if (runtime === 'rs') fail('a { that does not start a repetition such as {2} or {1,3} must be escaped as \\{');
        out += '\\{';
        i++;
      }
    } else {
      out += c === '/' ? '\\/' : c;
      i++;
    }
  }
  return { js: out, ignoreCase };
}

/** The JS error text without its `Invalid regular expression: /.../: ` preamble. */
function jsProblem(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const tail = msg.split(': ').pop() ?? msg;
  return tail.charAt(0).toLowerCase() + tail.slice(1);
}

/**
 * Reads an `enable_annotations` entry as the runtime does. `problem` says why the runtime's
 * regular expression engine rejects it.
 */
export function compileEntry(entry: string, runtime: Runtime, release: Release): CompiledEntry {
  const key = `${runtime} ${release} ${entry}`;
  let compiled = COMPILED.get(key);
  if (!compiled) {
    // Entries come from the files being edited: keep the memo from growing without bound.
    if (COMPILED.size >= 2000) COMPILED.clear();
    COMPILED.set(key, (compiled = compileEntryOnce(entry, runtime, release)));
  }
  return compiled;
}

/** Every analysis of a file reads its enable_annotations again; the entries rarely change between edits. */
const COMPILED = new Map<string, CompiledEntry>();

function compileEntryOnce(entry: string, runtime: Runtime, release: Release): CompiledEntry {
  let t: { js: string; ignoreCase: boolean };
  try {
    t = translate(entry, runtime, release);
  } catch (e) {
    if (e instanceof PatternError) return { ok: false, problem: e.message };
    throw e;
  }
  const flags = t.ignoreCase ? 'i' : '';
  try {
    return { ok: true, regex: new RegExp(t.js, flags), whole: new RegExp(`^(?:${t.js})$`, flags) };
  } catch (e) {
    let problem = jsProblem(e);
    if (/nothing to repeat/.test(problem)) problem = 'a *, + or ? has nothing before it to repeat';
    return { ok: false, problem };
  }
}

/**
 * The annotations of a runtime and release an entry enables (unanchored match, as Kata does), in
 * linear time. Undefined when the entry is invalid or too complex to tell.
 */
export function annotationsEnabledBy(entry: string, runtime: Runtime, release: Release): HypervisorAnnotation[] | undefined {
  const c = compileEntry(entry, runtime, release);
  if (!c.ok) return undefined;
  const known = hypervisorAnnotations(runtime, release);
  const matches = linearTester(c.regex, Math.max(0, ...known.map((a) => a.name.length)));
  return matches && known.filter((a) => matches(a.name));
}
