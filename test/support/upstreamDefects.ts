/**
 * The errors kata-config reports on Kata's own shipped configs (../shared/kata-configs, each file
 * linted with its own release and architecture): files Kata itself refuses, or with which every
 * sandbox fails. Each is an upstream defect with its evidence; README lists them. A test fails when
 * an error appears that is not here, or one listed here no longer appears.
 */
export interface UpstreamDefect {
  /** Matches `<release>/<corpus folder>/<file>`. */
  files: RegExp;
  code: string;
  evidence: string;
}

export const UPSTREAM_DEFECTS: readonly UpstreamDefect[] = [
  {
    files: /^3\.[56]\.0\/go(-arm64)?\/configuration-qemu-nvidia-gpu-snp\.toml$/,
    code: 'toml-syntax',
    evidence: 'the template writes `dial_timeout = @DEFAULTTIMEOUT_NV` (closing @ missing), which make leaves as is: not TOML, so Kata cannot decode the file (fixed in 3.7.0)',
  },
  {
    files: /^(3\.2[6-9]\.0|3\.3[0-2]\.0|4\.[01]\.0)\/rs-arm64\/configuration-dragonball\.toml$/,
    code: 'kata-hypervisor-unsupported',
    evidence: 'from 3.26.0 the aarch64 build fills firmware = "/opt/kata/share/aavmf/AAVMF_CODE.fd" into the Dragonball template; kata-types DragonballConfig::validate refuses any firmware ("Firmware for dragonball hypervisor should be empty")',
  },
  {
    files: /^3\.(29|30)\.0\/rs(-arm64)?\/configuration-rs-fc\.toml$/,
    code: 'kata-ignored-key',
    evidence: 'the Firecracker template sets cdh_api_timeout in [agent.kata]; Agent has deny_unknown_fields from 3.29.0 and no such field until cdh_api_timeout_ms arrives, so kata-types refuses the file (the template drops the key in 3.31.0)',
  },
  {
    files: /^(3\.([3-9]|[12]\d|3[0-2])\.\d|4\.[01]\.0)\/go(-arm64)?\/configuration-qemu-se\.toml$/,
    code: 'kata-no-rootfs',
    evidence: 'the IBM Secure Execution file is generated for x86_64 and aarch64 too (q35 / virt machine, no image or initrd): validateHypervisorConfig fails every sandbox there ("Missing image and initrd path"); only s390x Secure Execution boots without either',
  },
  {
    files: /^(3\.(1[5-9]|2\d|3[0-2])\.\d|4\.[01]\.0)\/rs(-arm64)?\/configuration-qemu-se-runtime-rs\.toml$/,
    code: 'kata-no-rootfs',
    evidence: 'the same for runtime-rs (3.15.0 on): QemuConfig::validate exempts only an s390x-style ccw rootfs driver; on x86_64 and aarch64 it refuses the file ("Both guest boot image and initrd for qemu are empty")',
  },
  {
    files: /^4\.1\.0\/rs(-arm64)?\/configuration-rs-fc\.toml$/,
    code: 'kata-agent-reconnect-timeout',
    evidence: 'dial_timeout_ms = 45000 with reconnect_timeout_ms left at its 3000 ms default: Agent::validate of 4.1.0 refuses reconnect_timeout_ms below dial_timeout_ms',
  },
  {
    files: /^(3\.([5-9]|1\d|2[0-6])\.\d)\/go(-arm64)?\/configuration-qemu(-nvidia-gpu)?-tdx\.toml$/,
    code: 'kata-relative-path',
    evidence: 'the Makefile sets the TDX QEMU (and for some files OVMF) path to the literal PLACEHOLDER_FOR_DISTRO_QEMU_WITH_TDX_SUPPORT: a relative path, resolved against the shim\'s working directory, that exists nowhere, so LoadConfiguration refuses the file until the distribution replaces it (3.5.0–3.26.0)',
  },
];

export function defectFor(where: string, code: string): UpstreamDefect | undefined {
  return UPSTREAM_DEFECTS.find((d) => d.code === code && d.files.test(where));
}
