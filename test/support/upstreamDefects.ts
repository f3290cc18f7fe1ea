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
];

export function defectFor(where: string, code: string): UpstreamDefect | undefined {
  return UPSTREAM_DEFECTS.find((d) => d.code === code && d.files.test(where));
}
