/**
 * The differential test's KNOWN_DIFFERENCES: every disagreement with Kata's loader that stays,
 * each specific (category, outcome, rule code, key, condition) and with its reason. The unit test
 * (test/unit/parity.test.ts) fails on any disagreement no entry explains; `npm run parity` marks
 * the explained ones. Most are checks the oracle does not run: it stops after CreateVM, which
 * builds the VM definition; StartVM (virtiofsd, the firecracker boot configuration), the VM
 * factory, the hypervisor's private copy of the configuration and the host's TEE are beyond it.
 */
import type { KnownDifference } from './report';

/** Kata messages of the start and load checks that relate a drop-in's keys to the base file's. */
const CROSS_FILE_KATA = [
  'Image and initrd path cannot be both set',
  "config disable_new_netns only works with 'none' internetworking_model",
  'Vhost-user-blk/scsi is enabled without HugePages',
  'specifying SNP ID(Block|Auth) without SNP ID(Auth|Block) is not allowed',
  'Factory option enable_template requires an initrd image',
  'VM cache just support qemu',
  'image or initrd must be defined in the configuration file',
  'cannot enable virtio-fs without daemon path',
  'Missing image and initrd path',
  'Neither the image or initrd path may be set for Secure Execution',
];

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  // ---- beyond CreateVM: checks Kata makes when StartVM runs, or in code the oracle never calls
  {
    category: 'refusal',
    outcome: 'ours-only',
    code: 'kata-invalid-value',
    ours: /^start: kata-invalid-value \[start\][^|]*is not a valid virtio_fs_cache/,
    kata: /^loads and starts$/,
    reason:
      'beyond CreateVM: virtiofsd.valid refuses the cache mode when StartVM starts virtiofsd (qemu.go/clh.go/stratovirt.go: setupVirtiofsDaemon -> virtiofsd.Start), after CreateVM, where the oracle stops. Only for shared_fs = "virtio-fs" (for the others kata-config gives information, kata-value-unchecked)',
  },
  {
    category: 'refusal',
    outcome: 'ours-only',
    ours: /^start: kata-(invalid-value \[start\][^|]*is not a valid rootfs_type for Firecracker|verity-params \[start\]: kernel_verity_params)/,
    kata: /^loads and starts$/,
    file: /configuration-fc\.toml$/,
    reason: 'beyond CreateVM: Firecracker builds the kernel command line (GetKernelRootParams, ParseKernelVerityParams) in fcInitConfiguration, which StartVM calls; its CreateVM only records the configuration',
  },
  {
    category: 'refusal',
    outcome: 'ours-only',
    code: 'kata-template-virtio-fs',
    kata: /^loads and starts$/,
    reason:
      'beyond the oracle: qemu.go/clh.go CreateVM refuse virtio-fs memory only for the template VMs the VM factory boots (BootToBeTemplate/BootFromTemplate), which LoadConfiguration never sets and the oracle does not build; with enable_template = true every sandbox comes from the factory',
  },
  {
    category: 'refusal',
    outcome: 'ours-only',
    code: 'kata-go-dragonball',
    kata: /^loads and starts$/,
    reason:
      'beyond CreateVM: for [hypervisor.dragonball] the Go runtime runs virtcontainers/mock_hypervisor.go (hypervisor_linux.go: NewHypervisor), whose CreateVM and StartVM do nothing; the sandbox fails when the shim dials the agent on the mock\'s socket, which nothing serves, after where the oracle stops',
  },
  {
    category: 'effective',
    outcome: 'ours-only',
    code: 'kata-value-adjusted',
    key: /^hypervisor\.qemu\.memory_slots$/,
    reason: 'beyond the printed configuration: QEMU\'s driver narrows MemSlots to 8 bits when CreateVM builds the memory topology (virtcontainers/qemu.go: uint8(q.config.MemSlots), govmm Memory.Slots is a uint8); the oracle prints the loaded HypervisorConfig, still 32 bits',
  },
  {
    category: 'effective',
    outcome: 'ours-only',
    code: 'kata-forced-value',
    key: /^hypervisor\.clh\.disable_image_nvdimm$/,
    reason: 'beyond the printed configuration: clh.go setConfig (CreateVM) sets DisableImageNvdimm = true on Cloud Hypervisor\'s own copy of the configuration, without a log line; the oracle prints the loaded configuration',
  },
  {
    category: 'refusal',
    outcome: 'kata-only',
    key: /\.indep_iothreads$/,
    kata: /oracle: timed out after 30s/,
    reason: 'QEMU\'s CreateVM makes one iothread object per indep_iothreads; 4294967295 of them take longer than the oracle\'s 30 s limit. Kata sets no upper bound, and kata-config does not invent one',
  },

  // ---- not about the file
  {
    category: 'refusal',
    outcome: 'kata-only',
    kata: /VM Name len is \d+ but ACRN supports max VM name len of 15/,
    releases: ['3.2.0'],
    reason:
      'not about the file: Kata 3.2.0\'s ACRN CreateVM refuses sandbox ids longer than 15 characters, and the oracle uses a 64-hex-digit id as containerd and CRI-O do (a `ctr run` id can be short); every ACRN file of 3.2.0 shows it',
  },
  {
    category: 'refusal',
    outcome: 'kata-only',
    kata: /This system doesn't support Confidential Computing|SEV(-SNP)? protection is not supported by Cloud Hypervisor/,
    reason: 'host-dependent: whether a confidential guest starts depends on the host\'s TEE; the oracle fakes only the one the file\'s kind suggests (TDX unless the file is for SEV or SEV-SNP), and kata-config never makes what the host has an error',
  },

  {
    category: 'refusal',
    outcome: 'kata-only',
    arches: ['aarch64'],
    kata: /^startError: function not implemented$/,
    reason: 'host-dependent, and an oracle artefact: an arm64 confidential guest makes Kata probe the host for CCA (RME) by an ioctl on /dev/kvm, which fails under qemu-user with "function not implemented" (kata-oracle README); a real arm64 host answers whether it has CCA, which kata-config never makes an error',
  },

  // ---- kata-config checks a drop-in on its own
  ...CROSS_FILE_KATA.map(
    (m): KnownDifference => ({
      category: 'refusal',
      outcome: ['kata-only', 'phase'],
      mutation: /^dropin: /,
      kata: new RegExp(m),
      reason: 'cross-file: kata-config checks a drop-in on its own, so a rule relating a drop-in\'s key to the base file\'s keys (or to a hypervisor table the drop-in adds to the merged configuration) is not evaluated across the two files',
    }),
  ),
  {
    category: 'refusal',
    outcome: 'ours-only',
    mutation: /^dropin: /,
    ours: /^(start|load): kata-(no-rootfs|invalid-value|image-and-initrd|virtio-fs-no-daemon|se-rootfs|relative-path)/,
    reason: 'cross-file: the main file, checked on its own, breaks a rule that the drop-in\'s value repairs in the merged configuration (or the drop-in sets a value the base file\'s other settings make Kata ignore); kata-config does not merge the two',
  },
];
