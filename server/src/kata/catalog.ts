/**
 * The catalog of Kata hypervisors for humans: prose for hover and the tree view, the shipped
 * configuration files per runtime and release, and which `[hypervisor.<name>]` tables each runtime
 * loads. No vscode or npm imports: used by the server, the CLI and unit tests.
 *
 * Sources (checked against every release tag 3.2.0 ... 4.1.0 of kata-containers/kata-containers,
 * the 35 releases of `releases.ts`):
 * - file names and their tables: what `make install-configs` of `src/runtime` and `src/runtime-rs`
 *   writes at each tag, per ARCH (the x86_64 and aarch64 results are the corpus
 *   `shared/kata-configs/<release>/{go,go-arm64,rs,rs-arm64}`; ppc64le, s390x and riscv64 were
 *   produced the same way from the tags). Which files an arch gets is decided by the Makefiles'
 *   `ifneq (,$(<X>CMD))` / `ifeq ($(ARCH),...)` blocks and the `*CMD` variables each
 *   `arch/<arch>-options.mk` sets;
 * - Go table names: `src/runtime/pkg/katautils/config.go` (the `*HypervisorTableType` constants
 *   and the switch of `updateRuntimeConfigHypervisor`; no build tags, so every arch) and
 *   `virtcontainers/hypervisor_linux.go`;
 * - runtime-rs tables: `src/runtime-rs/crates/runtimes/virt_container/src/lib.rs` (`init()` plugin
 *   registration and its `cfg` gates), the `[features]` of the virt_container / runtimes /
 *   hypervisor `Cargo.toml`s, the `--features` that `src/runtime-rs/Makefile` passes per ARCH
 *   (`USE_BUILDIN_DB` / `USE_BUILTIN_DB`, `USE_OPENVMM`) and kata-types' `HYPERVISOR_NAME_*`;
 * - arches a runtime knows at all: the `arch/*-options.mk` files present at each tag.
 * All prose below is original wording.
 */
import { ARCHES, inRange, RELEASES, RUNTIMES, type Arch, type Release, type ReleaseRange, type Runtime } from './releases';

export type HypervisorTable =
  | 'qemu'
  | 'clh'
  | 'cloud-hypervisor'
  | 'firecracker'
  | 'dragonball'
  | 'stratovirt'
  | 'remote'
  | 'acrn'
  | 'openvmm';

export type HypervisorId = 'qemu' | 'clh' | 'firecracker' | 'dragonball' | 'stratovirt' | 'remote' | 'acrn' | 'openvmm';

export interface ConfigFileInfo {
  /** Installed base name, e.g. `configuration-qemu-tdx.toml` (the template adds `.in`). */
  file: string;
  /** Releases whose x86_64 install ships this file. */
  releases: ReleaseRange;
  /**
   * Other arches' ranges where they differ from `releases` (`null`: never installed there). An arch
   * not listed ships the file in `releases`, but only in releases whose Makefile knows that arch at
   * all (see `makefileArches`). Read it through `shipsOn` / `fileReleasesOn`.
   */
  archReleases?: Partial<Record<Arch, ReleaseRange | null>>;
  /** What this flavour is for, e.g. 'Intel TDX confidential guest'; absent for the plain file. */
  variant?: string;
  /**
   * The short name for `kata-manager -S <name>` (Go runtime files only: kata-manager does not handle
   * runtime-rs). The `-S` option itself exists since 3.3.0.
   */
  kataManagerName?: string;
  /** The `[hypervisor.<name>]` table this file uses when it differs from its support's `table`. */
  table?: HypervisorTable;
}

export interface HypervisorRuntimeSupport {
  /** The `[hypervisor.<table>]` name this runtime uses (the newest one if it was renamed). */
  table: HypervisorTable;
  /** Releases in which this runtime accepts the hypervisor (under some table name). */
  releases: ReleaseRange;
  /** The configuration files the runtime ships for it, on any arch (which arch when: `shipsOn`). */
  files: ConfigFileInfo[];
  /**
   * Arches on which the runtime accepts the table in a stock build (newest releases; see
   * `archHistory` for older ones). The Go loader accepts each of its table names on every arch;
   * runtime-rs registers some plugins only for some `target_arch`es or cargo features, and its
   * Makefile turns some features on only for some arches. Either way only arches the runtime's
   * Makefile knows at that release count (`makefileArches`).
   */
  arches: Arch[];
  /** Older arch sets, each with its releases (from the `cfg` gates and Makefile features of those tags). */
  archHistory?: Array<{ arches: Arch[]; releases: ReleaseRange }>;
  /** When the table name changed between releases: every name with the releases that use it. */
  tableHistory?: Array<{ table: HypervisorTable; releases: ReleaseRange }>;
  /** Releases in which a stock build does not accept the table (it needs a non-default build option). */
  nonDefault?: { releases: ReleaseRange; note: string };
  /** Arches for which upstream `make` generates this hypervisor's config files (newest release of the range). */
  shippedArches?: Arch[];
  /** Caveats worth showing next to the support line. */
  notes?: string[];
}

export interface HypervisorInfo {
  id: HypervisorId;
  displayName: string;
  summary: string;
  strengths: string[];
  limitations: string[];
  useCases: string[];
  website?: string;
  /** The language the VMM is written in. */
  language?: string;
  runtimes: Partial<Record<Runtime, HypervisorRuntimeSupport>>;
}

const ALL_ARCHES: Arch[] = [...ARCHES];
const X86_ARM: Arch[] = ['x86_64', 'aarch64'];
const NOT_S390X: Arch[] = ['x86_64', 'aarch64', 'ppc64le', 'riscv64'];

/** A Go file entry: the kata-manager short name is the base name without `configuration-` and `.toml`. */
function goFile(file: string, releases: ReleaseRange, variant?: string): ConfigFileInfo {
  const info: ConfigFileInfo = { file, releases, kataManagerName: file.replace(/^configuration-/, '').replace(/\.toml$/, '') };
  if (variant) info.variant = variant;
  return info;
}

function rsFile(file: string, releases: ReleaseRange, variant?: string, table?: HypervisorTable): ConfigFileInfo {
  const info: ConfigFileInfo = { file, releases };
  if (variant) info.variant = variant;
  if (table) info.table = table;
  return info;
}

/** `info`, installed only on `arches` (in its `releases`). */
function onlyOn(info: ConfigFileInfo, arches: Arch[]): ConfigFileInfo {
  const archReleases: Partial<Record<Arch, ReleaseRange | null>> = { ...info.archReleases };
  for (const a of ARCHES) if (!arches.includes(a)) archReleases[a] = null;
  return { ...info, archReleases };
}

/** `info`, with other ranges (or `null`: never) on the given arches. */
function onArches(info: ConfigFileInfo, ranges: Partial<Record<Arch, ReleaseRange | null>>): ConfigFileInfo {
  return { ...info, archReleases: { ...info.archReleases, ...ranges } };
}

const ALL: ReleaseRange = {};

export const HYPERVISORS: readonly HypervisorInfo[] = [
  {
    id: 'qemu',
    displayName: 'QEMU',
    language: 'C',
    summary:
      'The veteran open-source emulator and virtualizer, used by Kata on top of KVM. It has the broadest hardware and device coverage of all Kata hypervisors and is the default of the Go runtime and, from 3.30.0, of runtime-rs.',
    strengths: [
      'Available on every architecture Kata builds for (x86_64, aarch64, ppc64le, s390x, riscv64)',
      'Richest device model: VFIO passthrough including NVIDIA GPUs, CPU, memory and device hotplug, virtio-fs',
      'The hypervisor Kata uses for confidential guests: Intel TDX, AMD SEV-SNP, IBM Secure Execution, Arm CCA',
      'Most configuration variants and the widest test coverage in the project',
    ],
    limitations: [
      'Large C code base, so a bigger attack surface than the Rust VMMs',
      'More memory per sandbox and slower start-up than the minimal VMMs',
    ],
    useCases: [
      'A safe default for general Kata deployments',
      'GPU and other device-passthrough workloads',
      'Confidential Containers on TEE-capable hardware',
      'IBM Z, Power and RISC-V hosts, where it is the only choice',
    ],
    website: 'https://www.qemu.org/',
    runtimes: {
      go: {
        table: 'qemu',
        releases: ALL,
        arches: ALL_ARCHES,
        shippedArches: ALL_ARCHES,
        notes: ['The Go runtime builds for riscv64 from 3.16.0 (its Makefile has no riscv64 arch file before).'],
        // The Go Makefile generates every QEMU flavour on every arch it knows (riscv64 from 3.16.0),
        // TEE-specific ones included: configuration-qemu-tdx.toml is installed on s390x too.
        files: [
          goFile('configuration-qemu.toml', ALL),
          goFile('configuration-qemu-coco-dev.toml', { since: '3.5.0' }, 'Confidential Containers development setup (no TEE)'),
          goFile('configuration-qemu-tdx.toml', ALL, 'Intel TDX confidential guest'),
          goFile('configuration-qemu-snp.toml', ALL, 'AMD SEV-SNP confidential guest'),
          goFile('configuration-qemu-sev.toml', { until: '3.18.0' }, 'AMD SEV confidential guest'),
          goFile('configuration-qemu-se.toml', { since: '3.3.0' }, 'IBM Secure Execution confidential guest (s390x)'),
          goFile('configuration-qemu-cca.toml', { since: '3.22.0', until: '3.32.0' }, 'Arm CCA confidential guest'),
          goFile('configuration-qemu-nvidia-gpu.toml', ALL, 'NVIDIA GPU'),
          goFile('configuration-qemu-nvidia-gpu-snp.toml', { since: '3.5.0' }, 'NVIDIA GPU in an AMD SEV-SNP confidential guest'),
          goFile('configuration-qemu-nvidia-gpu-tdx.toml', { since: '3.5.0' }, 'NVIDIA GPU in an Intel TDX confidential guest'),
          goFile('configuration-qemu-nvidia-cpu.toml', { since: '4.0.0' }, 'NVIDIA guest image without GPU passthrough (CPU only)'),
        ],
      },
      rs: {
        table: 'qemu',
        releases: ALL,
        arches: ALL_ARCHES,
        shippedArches: ALL_ARCHES,
        notes: [
          'runtime-rs 3.2.0 shipped no QEMU configuration file (only Dragonball); 3.3.0 shipped it as runtime-rs/configuration-qemu.toml, the -runtime-rs suffix came in 3.4.0.',
          'The runtime-rs Makefile builds the shim for s390x from 3.3.0, for riscv64 from 3.15.0 and for ppc64le only from 3.29.0 (before, its default and install targets refuse ppc64le).',
        ],
        files: [
          // 3.3.0 only, under the Go file's base name, installed in the runtime-rs/ folder.
          rsFile('configuration-qemu.toml', { since: '3.3.0', until: '3.3.0' }),
          rsFile('configuration-qemu-runtime-rs.toml', { since: '3.4.0' }),
          rsFile('configuration-qemu-coco-dev-runtime-rs.toml', { since: '3.23.0' }, 'Confidential Containers development setup (no TEE)'),
          rsFile('configuration-qemu-tdx-runtime-rs.toml', { since: '3.25.0' }, 'Intel TDX confidential guest'),
          rsFile('configuration-qemu-snp-runtime-rs.toml', { since: '3.25.0' }, 'AMD SEV-SNP confidential guest'),
          rsFile('configuration-qemu-se-runtime-rs.toml', { since: '3.15.0' }, 'IBM Secure Execution confidential guest (s390x)'),
          // From 4.1.0 the NVIDIA files need QEMUNOSHAREDFSCMD, which only the x86_64 and aarch64 arch files set.
          onArches(rsFile('configuration-qemu-nvidia-gpu-runtime-rs.toml', { since: '3.31.0' }, 'NVIDIA GPU'), {
            ppc64le: { since: '3.31.0', until: '4.0.0' },
            s390x: { since: '3.31.0', until: '4.0.0' },
            riscv64: { since: '3.31.0', until: '4.0.0' },
          }),
          // Generated only where the arch file sets QEMUSNPCMD / QEMUTDXCMD: x86_64.
          onlyOn(rsFile('configuration-qemu-nvidia-gpu-snp-runtime-rs.toml', { since: '3.31.0' }, 'NVIDIA GPU in an AMD SEV-SNP confidential guest'), ['x86_64']),
          onlyOn(rsFile('configuration-qemu-nvidia-gpu-tdx-runtime-rs.toml', { since: '3.31.0' }, 'NVIDIA GPU in an Intel TDX confidential guest'), ['x86_64']),
          onArches(rsFile('configuration-qemu-nvidia-cpu-runtime-rs.toml', { since: '4.0.0' }, 'NVIDIA guest image without GPU passthrough (CPU only)'), {
            ppc64le: { since: '4.0.0', until: '4.0.0' },
            s390x: { since: '4.0.0', until: '4.0.0' },
            riscv64: { since: '4.0.0', until: '4.0.0' },
          }),
        ],
      },
    },
  },
  {
    id: 'clh',
    displayName: 'Cloud Hypervisor',
    language: 'Rust',
    summary:
      'A Rust VMM built from rust-vmm components that targets modern cloud guests with a deliberately small device set. Kata starts it as a separate process and controls it through its HTTP API.',
    strengths: [
      'Memory-safe Rust and a trimmed device model leave far less code exposed to the guest than QEMU',
      'Boots quickly and costs little memory per sandbox',
      'Still covers the common needs: virtio-fs, CPU and memory hotplug, VFIO devices',
      'Runs on KVM, and on Microsoft\u2019s MSHV where /dev/mshv is present',
    ],
    limitations: [
      'x86_64 and aarch64 only (runtime-rs ships its files for x86_64 only)',
      'Kata ships no GPU or TEE-backed confidential configuration for it',
      'runtime-rs renamed its table from cloud-hypervisor to clh in 3.30.0, so older runtime-rs files no longer load',
    ],
    useCases: [
      'Cloud-native workloads that want a lighter VM than QEMU',
      'Azure and Azure Linux hosts (the clh-azure variants)',
    ],
    website: 'https://www.cloudhypervisor.org/',
    runtimes: {
      go: {
        table: 'clh',
        releases: ALL,
        arches: ALL_ARCHES,
        shippedArches: X86_ARM,
        // Generated where the arch file sets CLHCMD: amd64 and arm64.
        files: [
          onlyOn(goFile('configuration-clh.toml', ALL), X86_ARM),
          onlyOn(goFile('configuration-clh-azure.toml', { since: '3.32.0' }, 'Azure (Azure Linux / Mariner guest image)'), X86_ARM),
        ],
      },
      rs: {
        table: 'clh',
        releases: ALL,
        // Registered under kata-types' HYPERVISOR_NAME_CH behind the cargo feature `cloud-hypervisor`
        // (default from 3.3.0). 3.2.0 has no arch gate, 3.3.0-3.14.0 `not(target_arch = "s390x")`,
        // 3.15.0 on `any(target_arch = "x86_64", target_arch = "aarch64")`.
        arches: X86_ARM,
        archHistory: [
          { arches: ALL_ARCHES, releases: { until: '3.2.0' } },
          { arches: NOT_S390X, releases: { since: '3.3.0', until: '3.14.0' } },
        ],
        shippedArches: ['x86_64'],
        tableHistory: [
          { table: 'cloud-hypervisor', releases: { until: '3.29.0' } },
          { table: 'clh', releases: { since: '3.30.0' } },
        ],
        nonDefault: {
          releases: { until: '3.2.0' },
          note: 'At 3.2.0 the runtime-rs Cloud Hypervisor plugin is behind the cargo feature `cloud-hypervisor`, which stock builds leave off.',
        },
        notes: ['A [hypervisor.cloud-hypervisor] file fails on runtime-rs 3.30.0 and later; rename the table (and runtime.hypervisor_name) to clh.'],
        // Generated where the arch file sets CLHCMD: x86_64 only.
        files: [
          onlyOn(rsFile('configuration-cloud-hypervisor.toml', { since: '3.3.0', until: '3.29.0' }, undefined, 'cloud-hypervisor'), ['x86_64']),
          onlyOn(rsFile('configuration-clh-runtime-rs.toml', { since: '3.30.0' }), ['x86_64']),
          onlyOn(rsFile('configuration-clh-azure-runtime-rs.toml', { since: '3.32.0' }, 'Azure (Azure Linux / Mariner guest image)'), ['x86_64']),
        ],
      },
    },
  },
  {
    id: 'firecracker',
    displayName: 'Firecracker',
    language: 'Rust',
    summary:
      'Amazon\u2019s stripped-down Rust microVM monitor, first written to host AWS Lambda and Fargate. It gives up device breadth in exchange for very fast start-up and high sandbox density.',
    strengths: [
      'Tiny device model and attack surface, optionally confined further by its jailer',
      'Very fast boot and little memory per microVM, so many sandboxes fit on one host',
    ],
    limitations: [
      'No virtio-fs or other shared filesystem: container root filesystems must be block devices (e.g. from the devmapper snapshotter)',
      'No device hotplug and no VFIO or GPU passthrough',
      'x86_64 and aarch64 only',
    ],
    useCases: ['Serverless and function-as-a-service platforms', 'Large numbers of short-lived, untrusted sandboxes'],
    website: 'https://firecracker-microvm.github.io/',
    runtimes: {
      go: {
        table: 'firecracker',
        releases: ALL,
        arches: ALL_ARCHES,
        shippedArches: X86_ARM,
        // Generated where the arch file sets FCCMD: amd64 and arm64.
        files: [onlyOn(goFile('configuration-fc.toml', ALL), X86_ARM)],
      },
      rs: {
        table: 'firecracker',
        releases: { since: '3.7.0' },
        // No cargo feature. 3.7.0-3.14.0 register it under `not(target_arch = "s390x")`, 3.15.0-3.29.0
        // without an arch gate, 3.30.0 on only for x86_64 and aarch64.
        arches: X86_ARM,
        archHistory: [
          { arches: NOT_S390X, releases: { since: '3.7.0', until: '3.14.0' } },
          { arches: ALL_ARCHES, releases: { since: '3.15.0', until: '3.29.0' } },
        ],
        shippedArches: X86_ARM,
        // Generated where the arch file sets FCCMD: x86_64 and aarch64.
        files: [onlyOn(rsFile('configuration-rs-fc.toml', { since: '3.7.0' }), X86_ARM)],
      },
    },
  },
  {
    id: 'dragonball',
    displayName: 'Dragonball',
    language: 'Rust',
    summary:
      'A Rust VMM contributed by Ant Group that is linked into the runtime-rs shim as a library, so the sandbox VM is run by the shim process itself and no separate VMM binary exists.',
    strengths: [
      'Nothing extra to install or launch: one shim binary is both runtime and VMM',
      'Fast sandbox start-up, since no VMM process has to be spawned and connected to',
      'Built-in file sharing (inline-virtio-fs) and upcall-based device and resource hotplug',
    ],
    limitations: [
      'Works only with runtime-rs; the Go runtime accepts the table but maps it to a mock, not a real VMM',
      'x86_64 and aarch64 only',
      'No GPU passthrough or confidential-computing support in Kata',
    ],
    useCases: [
      'Dense general-purpose container workloads on runtime-rs (its default up to 3.29.0)',
      'Hosts where a single self-contained shim is preferred over a separate hypervisor package',
    ],
    website: 'https://github.com/kata-containers/kata-containers/tree/main/src/dragonball',
    runtimes: {
      go: {
        table: 'dragonball',
        releases: ALL,
        arches: ALL_ARCHES,
        files: [],
        notes: ['The Go runtime loads [hypervisor.dragonball] but backs it with a mock hypervisor; no Go configuration file exists.'],
      },
      rs: {
        table: 'dragonball',
        releases: ALL,
        // 3.2.0 registers it unconditionally, 3.3.0-3.9.0 under `not(target_arch = "s390x")`,
        // 3.10.0-3.14.0 also behind the cargo feature `dragonball`, which the Makefile then passes on
        // every arch (USE_BUILDIN_DB := true). From 3.15.0 the Makefile passes it only for x86_64 and
        // aarch64 (ARCH_SUPPORT_DB), and from 3.30.0 the registration itself is limited to them.
        arches: X86_ARM,
        archHistory: [
          { arches: ALL_ARCHES, releases: { until: '3.2.0' } },
          { arches: NOT_S390X, releases: { since: '3.3.0', until: '3.14.0' } },
        ],
        shippedArches: X86_ARM,
        notes: [
          'The runtime-rs Makefile still installs configuration-dragonball.toml on ppc64le up to 3.28.0 and on s390x in 3.3.0, where the shim has no Dragonball plugin (DBCMD stays set in those arch files).',
        ],
        // Generated where the arch file sets DBCMD: x86_64 and aarch64 always, ppc64le up to 3.28.0,
        // s390x up to 3.3.0, riscv64 never.
        files: [onArches(rsFile('configuration-dragonball.toml', ALL), { ppc64le: { until: '3.28.0' }, s390x: { until: '3.3.0' }, riscv64: null })],
      },
    },
  },
  {
    id: 'stratovirt',
    displayName: 'StratoVirt',
    language: 'Rust',
    summary:
      'The Rust virtualization platform of the openEuler community, which can run lightweight microVMs as well as full standard VMs. The Go runtime supports it from 3.3.0.',
    strengths: [
      'Rust implementation with a small footprint and fast start-up',
      'Shares container files through virtio-fs',
      'Kata runs it with its lightweight microvm machine type',
    ],
    limitations: [
      'Go runtime only; runtime-rs has no StratoVirt plugin',
      'x86_64 and aarch64 only',
      'Narrower device support than QEMU, with no GPU or confidential-computing configuration',
    ],
    useCases: ['Kata on openEuler-based hosts', 'Lightweight sandboxes on Arm or x86 servers'],
    website: 'https://gitee.com/openeuler/stratovirt',
    runtimes: {
      go: {
        table: 'stratovirt',
        releases: { since: '3.3.0' },
        arches: ALL_ARCHES,
        shippedArches: X86_ARM,
        // Generated where the arch file sets STRATOVIRTCMD: amd64 and arm64.
        files: [onlyOn(goFile('configuration-stratovirt.toml', { since: '3.3.0' }), X86_ARM)],
      },
    },
  },
  {
    id: 'remote',
    displayName: 'Remote (peer pods)',
    summary:
      'Not a local VMM: the shim asks the cloud-api-adaptor (the peer pods project) to create the pod sandbox as its own virtual machine through a cloud provider API, then talks to the Kata agent in that VM over the network.',
    strengths: [
      'Works on worker nodes that are themselves cloud VMs without nested virtualization',
      'The pod VM is isolated by the cloud provider and can be a confidential VM instance type',
      'No hypervisor, guest kernel or guest image needed on the worker node',
    ],
    limitations: [
      'Requires a cloud-api-adaptor deployment and cloud credentials and images',
      'Pod start-up waits for a cloud VM to be provisioned, and every pod uses a cloud instance',
      'Most local-VM settings (kernel, image, devices, shared filesystems) do not apply',
    ],
    useCases: [
      'Kubernetes clusters on cloud VMs that cannot run nested guests',
      'Confidential Containers backed by cloud confidential VMs',
    ],
    website: 'https://github.com/confidential-containers/cloud-api-adaptor',
    runtimes: {
      go: {
        table: 'remote',
        releases: { since: '3.3.0' },
        arches: ALL_ARCHES,
        shippedArches: ALL_ARCHES,
        files: [goFile('configuration-remote.toml', { since: '3.3.0' })],
      },
      rs: {
        table: 'remote',
        // Registered from 3.11.0 with neither a feature nor an arch gate.
        releases: { since: '3.11.0' },
        arches: ALL_ARCHES,
        shippedArches: ['x86_64'],
        notes: ['runtime-rs installs this file as runtime-rs/configuration-remote.toml; the Go runtime uses the same base name.'],
        // Generated where the arch file sets REMOTE: x86_64 only.
        files: [onlyOn(rsFile('configuration-remote.toml', { since: '3.11.0' }), ['x86_64'])],
      },
    },
  },
  {
    id: 'acrn',
    displayName: 'ACRN',
    language: 'C',
    summary:
      'A small type-1 hypervisor hosted by the Linux Foundation for embedded, IoT and safety-critical systems. Kata removed ACRN support in 3.10.0, so 3.9.0 is the last release that ships it.',
    strengths: [
      'Runs on bare metal with a compact code base aimed at real-time and functional-safety use',
      'Can partition a device between real-time and general-purpose guests',
    ],
    limitations: [
      'x86_64 only',
      'Needs an ACRN host with its service VM and the acrn-dm and acrnctl tools',
      'Dropped from Kata in 3.10.0; later runtimes reject the table',
    ],
    useCases: ['Embedded boards and IoT gateways', 'Industrial or automotive systems that mix real-time and ordinary workloads'],
    website: 'https://projectacrn.org/',
    runtimes: {
      go: {
        table: 'acrn',
        releases: { until: '3.9.0' },
        arches: ALL_ARCHES,
        shippedArches: ['x86_64'],
        // Generated where the arch file sets ACRNCMD: amd64 only.
        files: [onlyOn(goFile('configuration-acrn.toml', { until: '3.9.0' }), ['x86_64'])],
      },
    },
  },
  {
    id: 'openvmm',
    displayName: 'OpenVMM',
    language: 'Rust',
    summary:
      'Microsoft\u2019s modular, cross-platform VMM written in Rust. runtime-rs gained an OpenVMM backend in 4.1.0, driving the OpenVMM process over ttrpc, with a configuration aimed at Azure.',
    strengths: [
      'Memory-safe Rust code base maintained by Microsoft',
      'Runs on Microsoft\u2019s hypervisor (MSHV), the setup Kata tests on Azure Linux',
      'Supports virtio-fs and block discard for volumes',
    ],
    limitations: [
      'New in 4.1.0 and runtime-rs only',
      'kata-deploy ships it for x86_64 only; aarch64 builds are groundwork, not a supported target',
      'Only an Azure-oriented configuration is provided',
    ],
    useCases: ['Kata pod sandboxes on Azure Linux hosts using MSHV'],
    website: 'https://openvmm.dev/',
    runtimes: {
      rs: {
        table: 'openvmm',
        releases: { since: '4.1.0' },
        // Behind the cargo feature `openvmm` and `any(target_arch = "x86_64", target_arch = "aarch64")`;
        // the Makefile passes the feature for those two arches (ARCH_SUPPORT_OPENVMM).
        arches: X86_ARM,
        shippedArches: X86_ARM,
        // Generated when USE_OPENVMM is true: x86_64 and aarch64.
        files: [onlyOn(rsFile('configuration-openvmm-azure-runtime-rs.toml', { since: '4.1.0' }, 'Azure (Azure Linux host with MSHV)'), X86_ARM)],
      },
    },
  },
];


/**
 * Releases in which each runtime's Makefile knows an arch at all (has its `arch/<arch>-options.mk`:
 * Go `riscv64-options.mk` from 3.16.0, runtime-rs `riscv64gc-options.mk` from 3.15.0); an arch not
 * listed is known in every release. Before that, `make` stops with an invalid-architecture error, so
 * the runtime neither builds nor installs configuration files there.
 */
const MAKEFILE_ARCHES: Record<Runtime, Partial<Record<Arch, ReleaseRange>>> = {
  go: { riscv64: { since: '3.16.0' } },
  rs: { riscv64: { since: '3.15.0' } },
};

/**
 * Releases in which the Makefile's default target builds the runtime for an arch (else it only
 * prints that the arch is not supported, though `install-configs` still writes files). runtime-rs:
 * s390x from 3.3.0, ppc64le from 3.29.0 (the `install` target also refuses ppc64le before), riscv64
 * from 3.15.0 (its `install` target exists from 3.29.0).
 */
const DEFAULT_BUILD_ARCHES: Record<Runtime, Partial<Record<Arch, ReleaseRange>>> = {
  go: MAKEFILE_ARCHES.go,
  rs: { s390x: { since: '3.3.0' }, ppc64le: { since: '3.29.0' }, riscv64: { since: '3.15.0' } },
};

/** The arches `runtime`'s Makefile knows at `release`. */
export function makefileArches(runtime: Runtime, release: Release): Arch[] {
  return ARCHES.filter((a) => inRange(release, MAKEFILE_ARCHES[runtime][a] ?? ALL));
}

/**
 * The arches for which the Makefile's default target builds `runtime` at `release`. Informational:
 * `tablesFor` does not use it, since the plugin code is there whether or not `make` builds it.
 */
export function defaultBuildArches(runtime: Runtime, release: Release): Arch[] {
  return ARCHES.filter((a) => inRange(release, DEFAULT_BUILD_ARCHES[runtime][a] ?? ALL));
}

/** The table name `support` uses at `release`. */
export function tableAt(support: HypervisorRuntimeSupport, release: Release): HypervisorTable {
  for (const h of support.tableHistory ?? []) if (inRange(release, h.releases)) return h.table;
  return support.table;
}

/** Every table name `support` has used. */
export function tablesOf(support: HypervisorRuntimeSupport): HypervisorTable[] {
  const names = new Set<HypervisorTable>([support.table]);
  for (const h of support.tableHistory ?? []) names.add(h.table);
  return [...names];
}

/**
 * The arches on which `support` is loadable at `release`; with `runtime`, only those that runtime's
 * Makefile knows at that release (`makefileArches`).
 */
export function archesAt(support: HypervisorRuntimeSupport, release: Release, runtime?: Runtime): Arch[] {
  const arches = support.archHistory?.find((h) => inRange(release, h.releases))?.arches ?? support.arches;
  return runtime ? arches.filter((a) => inRange(release, MAKEFILE_ARCHES[runtime][a] ?? ALL)) : arches;
}

/** The releases in which `file` is installed on `arch` (before `makefileArches` is applied); null: never. */
export function fileReleasesOn(file: ConfigFileInfo, arch: Arch): ReleaseRange | null {
  const own = file.archReleases?.[arch];
  return own === undefined ? file.releases : own;
}

/** True when `make install-configs` of `runtime` at `release` for `arch` installs `file`. */
export function shipsOn(runtime: Runtime, file: ConfigFileInfo, release: Release, arch: Arch): boolean {
  const range = fileReleasesOn(file, arch);
  return range !== null && inRange(release, range) && inRange(release, MAKEFILE_ARCHES[runtime][arch] ?? ALL);
}

function normaliseTable(table: string): string {
  const t = table.trim();
  const m = /^(["'])(.*)\1$/.exec(t);
  return m ? m[2] : t;
}

/**
 * The hypervisor behind a `[hypervisor.<table>]` name ('clh' and 'cloud-hypervisor' are both Cloud
 * Hypervisor). With `runtime`, only a hypervisor whose table that runtime accepts in some release.
 */
export function hypervisorByTable(table: string, runtime?: Runtime): HypervisorInfo | undefined {
  const key = `${runtime ?? ''}|${table}`;
  if (hypervisorByTableCache.has(key)) return hypervisorByTableCache.get(key);
  const name = normaliseTable(table);
  let found: HypervisorInfo | undefined;
  search: for (const info of HYPERVISORS) {
    for (const rt of runtime ? [runtime] : RUNTIMES) {
      const s = info.runtimes[rt];
      if (s && (tablesOf(s) as string[]).includes(name)) {
        found = info;
        break search;
      }
    }
  }
  // Bounded: a file with thousands of made-up table names must not grow it without end.
  if (hypervisorByTableCache.size >= 8192) hypervisorByTableCache.clear();
  hypervisorByTableCache.set(key, found);
  return found;
}

const hypervisorByTableCache = new Map<string, HypervisorInfo | undefined>();

export interface FileMatch {
  info: HypervisorInfo;
  runtime: Runtime;
  file: ConfigFileInfo;
  /** The `[hypervisor.<name>]` table the file uses. */
  table: HypervisorTable;
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1].replace(/\.toml\.in$/i, '.toml');
}

/** Every catalog entry for a file base name (the same name can exist for both runtimes). */
export function catalogEntriesForFile(fileName: string): FileMatch[] {
  const base = baseName(fileName).toLowerCase();
  const out: FileMatch[] = [];
  for (const info of HYPERVISORS) {
    for (const runtime of RUNTIMES) {
      const support = info.runtimes[runtime];
      if (!support) continue;
      for (const file of support.files) {
        if (file.file.toLowerCase() === base) out.push({ info, runtime, file, table: file.table ?? support.table });
      }
    }
  }
  return out;
}

/** runtime-rs files set `hypervisor_name`/`agent_name` or `name = "virt_container"` in `[runtime]`; Go files never do. */
const RS_MARKER = /^[ \t]*(?:(?:hypervisor_name|agent_name)[ \t]*=|name[ \t]*=[ \t]*["']virt_container["'])/m;

/** True when the text of a config looks like a runtime-rs file. */
export function looksLikeRuntimeRsConfig(text: string): boolean {
  return RS_MARKER.test(text);
}

/**
 * The hypervisor, runtime and catalog entry of a config file, by base name (a path or a `.toml.in`
 * template name is fine). When the name exists for both runtimes (`configuration-remote.toml`), the
 * runtime comes from a `runtime-rs` directory in the path, else from `text` (runtime-rs keys), else
 * the Go runtime is assumed.
 */
export function hypervisorForFile(fileName: string, text?: string): FileMatch | undefined {
  const matches = catalogEntriesForFile(fileName);
  if (matches.length <= 1) return matches[0];
  let runtime: Runtime = 'go';
  if (fileName.split(/[\\/]/).slice(0, -1).includes('runtime-rs')) runtime = 'rs';
  else if (text !== undefined && looksLikeRuntimeRsConfig(text)) runtime = 'rs';
  return matches.find((m) => m.runtime === runtime) ?? matches[0];
}

const tablesForCache = new Map<string, readonly HypervisorTable[]>();

/**
 * The `[hypervisor.<name>]` names that `runtime` at `release` loads in a stock build; with `arch`,
 * on that arch, else on any arch. `includeNonDefault` adds tables that need a non-default build option.
 */
export function tablesFor(
  runtime: Runtime,
  release: Release,
  arch?: Arch,
  options: { includeNonDefault?: boolean } = {},
): readonly HypervisorTable[] {
  const cacheKey = `${runtime}|${release}|${arch ?? ''}|${options.includeNonDefault ? 1 : 0}`;
  let tables = tablesForCache.get(cacheKey);
  if (!tables) tablesForCache.set(cacheKey, (tables = Object.freeze(computeTablesFor(runtime, release, arch, options))));
  return tables;
}

/** The releases whose `tablesFor(runtime, release)` has the table `name` (in RELEASES order). */
export function releasesWithTable(runtime: Runtime, name: string): readonly Release[] {
  let byName = releasesByTableCache.get(runtime);
  if (!byName) {
    releasesByTableCache.set(runtime, (byName = new Map()));
    for (const release of RELEASES) for (const table of tablesFor(runtime, release)) byName.set(table, [...(byName.get(table) ?? []), release]);
  }
  return byName.get(name) ?? [];
}

const releasesByTableCache = new Map<Runtime, Map<string, Release[]>>();

const tablesByReleaseCache = new Map<string, ReadonlyArray<readonly HypervisorTable[]>>();

/** `tablesFor` of every release, indexed by the release's place in RELEASES (for loops over releases). */
export function tablesForEachRelease(runtime: Runtime, arch: Arch): ReadonlyArray<readonly HypervisorTable[]> {
  const key = `${runtime}|${arch}`;
  let all = tablesByReleaseCache.get(key);
  if (!all) tablesByReleaseCache.set(key, (all = RELEASES.map((r) => tablesFor(runtime, r, arch))));
  return all;
}

function computeTablesFor(runtime: Runtime, release: Release, arch: Arch | undefined, options: { includeNonDefault?: boolean }): HypervisorTable[] {
  const out: HypervisorTable[] = [];
  for (const info of HYPERVISORS) {
    const s = info.runtimes[runtime];
    if (!s || !inRange(release, s.releases)) continue;
    if (s.nonDefault && !options.includeNonDefault && inRange(release, s.nonDefault.releases)) continue;
    if (arch && !archesAt(s, release, runtime).includes(arch)) continue;
    const table = tableAt(s, release);
    if (!out.includes(table)) out.push(table);
  }
  return out;
}

/** The config files `make install-configs` of `runtime` writes at `release` for `arch` (default x86_64), with their hypervisors. */
export function filesFor(runtime: Runtime, release: Release, arch: Arch = 'x86_64'): FileMatch[] {
  const out: FileMatch[] = [];
  for (const info of HYPERVISORS) {
    const s = info.runtimes[runtime];
    if (!s) continue;
    for (const file of s.files) {
      if (shipsOn(runtime, file, release, arch)) out.push({ info, runtime, file, table: file.table ?? tableAt(s, release) });
    }
  }
  return out;
}

export function hypervisorById(id: string): HypervisorInfo | undefined {
  return HYPERVISORS.find((h) => h.id === id);
}
