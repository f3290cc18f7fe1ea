// Key documentation for [hypervisor.<name>] keys that choose what the VM boots: VMM and helper binaries, kernel, guest image or initrd, firmware, machine type, kernel parameters and extension images.
import type { KeyDoc } from './types';

export const HYPERVISOR_BOOT_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: binaries
  // ---------------------------------------------------------------------------
  'hypervisor/path': {
    summary: 'Absolute path of the hypervisor (VMM) binary that is launched for each sandbox.',
    description:
      'Points the runtime at the QEMU, Cloud Hypervisor, Firecracker or StratoVirt executable used to create the VM. The file must exist; symlinks are resolved. Change it when the VMM is installed elsewhere or a specific build is needed, for example the experimental TDX or SNP QEMU builds. Pod annotations can only override it with values matched by valid_hypervisor_paths.',
    go:
      'Read by the qemu, clh, firecracker and stratovirt tables (and acrn up to 3.9.0). An empty value is replaced by the build-time default, which on x86_64 builds is /usr/bin/qemu-system-x86_64 whatever the table; a missing file fails the load with "file ... does not exist". Dragonball and remote do not use it.',
    rs:
      'When empty, qemu falls back to /usr/bin/qemu-system-x86_64 and clh to /usr/bin/cloud-hypervisor; the file must exist in either case. Firecracker requires a non-empty path, and dragonball requires the key to be empty because that VMM is built into the shim.',
  },
  'hypervisor/ctlpath': {
    summary: 'Path of a hypervisor control tool (Go: acrnctl for ACRN up to 3.9.0; runtime-rs: only checked).',
    description:
      'Points to a helper program for controlling the hypervisor. ' +
      'In the Go runtime it existed only for the ACRN hypervisor (the acrnctl tool) and was removed together with ACRN in 3.10.0. ' +
      'runtime-rs keeps the key in every hypervisor table but only checks that a given path exists, so there is no reason to set it.',
    go: 'Accepted only from 3.2.0 to 3.9.0, where the acrn table read it; an empty value meant the built-in acrnctl path, which then had to exist. Later releases ignore the key.',
    rs: 'If set, the path must exist for qemu and clh ("... ctlpath `...` is invalid"), and it must be empty for dragonball. No runtime-rs component was found that runs the tool.',
  },
  'hypervisor/jailer_path': {
    summary: 'Path of the jailer binary that confines the VMM process (Firecracker, Dragonball).',
    description:
      'When set, the VMM is launched through a jailer, which isolates it in a chroot with its own namespaces and cgroups and so adds a layer of host protection. ' +
      'Leave it empty to start the VMM directly. ' +
      'A non-empty path must exist, and overriding it with an annotation also needs a match in valid_jailer_paths.',
    go: 'Only Firecracker uses it; the shipped Firecracker template sets /usr/bin/jailer.',
    rs: 'Firecracker and Dragonball use it (Dragonball switches to jailed mode when it is set). The QEMU and Cloud Hypervisor tables must leave it empty, otherwise loading fails ("Path for QEMU jailer should be empty", "Path for CH jailer should be empty").',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: kernel and guest root
  // ---------------------------------------------------------------------------
  'hypervisor/kernel': {
    summary: 'Host path of the guest kernel image.',
    description:
      'The Linux kernel the VMM boots for the sandbox. ' +
      'All local hypervisors need one and the file must exist. ' +
      'Use a kernel built for Kata that contains the drivers required by the chosen block device and shared filesystem settings.',
    go: 'An empty value falls back to the build-time default (/usr/share/kata-containers/vmlinuz.container on a default x86_64 build), which then has to exist; note that the shipped QEMU template uses vmlinux.container instead.',
    rs: 'When empty, the QEMU, Cloud Hypervisor and Dragonball adjusters fill in the bare name vmlinuz (Firecracker: vmlinux), which is resolved against the working directory and normally fails, so always give an absolute path.',
  },
  'hypervisor/kernel_params': {
    summary: 'Extra space-separated parameters added to the guest kernel command line.',
    description:
      'Adds your own options to the command line that the runtime builds for the guest kernel, for example to tune systemd, cgroups or debugging. ' +
      'The built-in parameters come first and yours follow, so yours only win where the kernel honours the last occurrence of a parameter. ' +
      'Wrong values can stop the VM from booting. ' +
      'The shipped templates set cgroup_no_v1=all systemd.unified_cgroup_hierarchy=1 to make the guest use cgroup v2. ' +
      'When changed through the kernel_params annotation, parameters of the same name are replaced rather than duplicated.',
    go: 'An empty value falls back to the build-time default list. Parameters are not de-duplicated, and one with an empty name (such as "=x") makes loading fail with "Empty kernel parameter".',
    rs: 'Parameters derived from the [agent] table are appended to this value when the configuration is loaded.',
  },
  'hypervisor/kernel_verity_params': {
    summary: 'dm-verity parameters that protect the guest root filesystem image.',
    description:
      'Turns on dm-verity for the root filesystem image, so the guest kernel checks every block it reads against a hash tree. ' +
      'The value is a comma-separated list of key=value pairs that must include root_hash, salt, data_blocks, data_block_size and hash_block_size; the three numbers must be non-zero and both block sizes multiples of 512. ' +
      'It only applies when booting from image, not from initrd. ' +
      'Leave it empty to boot without verity.',
    go: 'Added in 3.27.0. The value is parsed when the VM is created, so a malformed value surfaces then rather than at load.',
    rs: 'Added in 3.27.0. The value is parsed when the VMM command line is built or when an annotation replaces it.',
  },
  'hypervisor/image': {
    summary: 'Host path of the guest root filesystem disk image.',
    description:
      'The image contains the guest operating system with the agent and is attached to the VM as a disk (virtio-blk, or NVDIMM where supported). ' +
      'Set either image or initrd, not both. ' +
      'A non-empty path must exist.',
    go: 'Empty means not used. Cloud Hypervisor and StratoVirt refuse to load without image or initrd, while for QEMU and Firecracker a missing or doubled boot asset is only reported when the VM is created. A zero-byte file is an error, and an image larger than default_memory only causes a warning.',
    rs: 'Setting both image and initrd is a load error ("Can not configure both initrd and image for boot"). QEMU and Cloud Hypervisor need one of the two, and Firecracker requires image.',
  },
  'hypervisor/initrd': {
    summary: 'Host path of a guest initramfs image, used instead of a root filesystem disk image.',
    description:
      'Boots the guest from an initial RAM disk that contains the agent instead of from a disk image. ' +
      'Set either initrd or image, not both. ' +
      'The initrd is unpacked into guest RAM, so it must be clearly smaller than default_memory. ' +
      'A non-empty path must exist.',
    go: 'An initrd whose size in MiB reaches default_memory is an error. Up to 3.31.0, factory.enable_template required an initrd. StratoVirt (3.3.0+) refuses image and initrd together at load; for QEMU and Firecracker that combination fails when the VM is created.',
    rs: 'Setting both image and initrd is a load error. The remote hypervisor refuses initrd.',
  },
  'hypervisor/rootfs_type': {
    summary: 'Filesystem of the guest root image: ext4, xfs or erofs.',
    description:
      'Tells the runtime which filesystem the guest image (the image key) was built with, so it can pass matching root filesystem type and mount flags on the kernel command line. It must agree with how the image was built, otherwise the guest cannot mount its root. It is irrelevant when the guest boots from an initrd. Defaults to ext4.',
    go:
      'An empty value means ext4. Other values than ext4, xfs and erofs are accepted at load time but make VM start fail with "unsupported rootfs type". Up to 3.9.0 the acrn table read it too.',
    rs:
      'qemu fills an empty value with ext4. The value is not checked at load; an unsupported type fails when the kernel parameters are built. The remote hypervisor rejects any non-empty rootfs_type.',
    values: {
      ext4: 'Default; the guest image is an ext4 filesystem mounted read-only.',
      xfs: 'The guest image is an XFS filesystem; only valid if the image was built that way.',
      erofs: 'The guest image uses the read-only EROFS filesystem, which yields compact images.',
    },
  },
  'hypervisor/vm_rootfs_driver': {
    summary: 'Device type used to attach the guest root image to the VM (runtime-rs).',
    description:
      'Chooses how the image named by image is presented to the guest, which also determines the root device on the kernel command line. It is not used when the guest boots from an initrd. This is a runtime-rs key; the Go runtime picks between NVDIMM and virtio-blk through disable_image_nvdimm instead.',
    go: 'Not a Go runtime key; ignored.',
    rs:
      'An empty value becomes virtio-blk-pci, and anything outside the five listed values fails with "... is unsupported block device type.". In 4.1.0 mainly the QEMU driver acts on it: Cloud Hypervisor always boots the image as virtio-blk-pci (it even rewrites virtio-pmem), while firecracker and dragonball follow block_device_driver. Confidential guests on qemu and clh may not use virtio-blk-mmio (3.28.0 and later), and TDX guests on clh need virtio-blk-pci or virtio-blk-mmio.',
    values: {
      'virtio-blk-pci':
        'Attaches the image as a virtio block device on the PCI bus; the fallback for an empty value and the safe choice for clh and confidential guests.',
      'virtio-blk-ccw': 'virtio block device on the s390x channel subsystem; for IBM Z hosts only.',
      'virtio-blk-mmio':
        'virtio block device over memory-mapped I/O without PCI, as used by microVM-style VMMs; refused for confidential guests since 3.28.0.',
      'virtio-pmem':
        'Exposes the image as a virtio persistent-memory device the guest can map directly (DAX); the QEMU template default, replaced by virtio-blk-pci on Cloud Hypervisor.',
      'virtio-scsi':
        'Passes validation, but the runtime-rs kernel parameter builder has no root device for it, so a QEMU guest booting an image this way fails in 4.1.0.',
    },
  },
  'hypervisor/disable_image_nvdimm': {
    summary: 'Attach the guest root file system image with virtio-blk instead of as an NVDIMM device.',
    description:
      'When false and the hypervisor supports it, the guest OS image (image, not initrd) is mapped into the VM as an emulated NVDIMM. This allows DAX and avoids copying the image into the guest page cache. ' +
      'When true, the image is attached as an ordinary virtio-blk disk. ' +
      'Set it to true for hypervisors or machine types without NVDIMM support, and for confidential guests.',
    go:
      'Read for qemu and clh. QEMU forces it to true for machine_type "microvm" and on arm64 without firmware, and confidential guests turn NVDIMM off anyway. ' +
      'Cloud Hypervisor always attaches the image with virtio-blk.',
    rs: 'Parsed but not used by runtime-rs in any release from 3.2.0 to 4.1.0. There, vm_rootfs_driver decides how the rootfs image is attached (virtio-pmem gives NVDIMM-style attachment).',
  },
  'hypervisor/guest_hook_path': {
    summary: 'Directory inside the guest image where the agent looks for OCI hooks.',
    description:
      'Lets OCI hooks run inside the VM: the agent scans the prestart, poststart and poststop subdirectories of this guest path for executables and adds them to each container in lexical order. ' +
      'The hooks have to be built into the guest root filesystem, for example with osbuilder; hooks on the host are not affected. ' +
      'An empty value, the default, disables guest hooks, and problems found while scanning are only logged.',
    go: 'Read for every hypervisor table except dragonball, including remote.',
    rs: 'Passed to the agent when the sandbox is created, as in the Go runtime.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: firmware and machine
  // ---------------------------------------------------------------------------
  'hypervisor/firmware': {
    summary: 'Host path of the guest firmware (BIOS/UEFI image such as OVMF).',
    description:
      'Selects the firmware the VM boots with instead of the built-in default of the VMM. ' +
      'Confidential guests usually need a specific build (for example an OVMF variant for TDX or SEV-SNP), and some setups need UEFI. ' +
      'Leave it empty to use the default; a non-empty path must exist or loading fails.',
    go: 'Empty means the build-time default, which is normally none. Used by QEMU and Cloud Hypervisor; Cloud Hypervisor with TDX fails without it.',
    rs: 'Used by QEMU (as the BIOS of ordinary guests, or by the confidential-guest device) and by Cloud Hypervisor. Dragonball requires it to be empty.',
  },
  'hypervisor/firmware_volume': {
    summary: 'Separate UEFI variables volume for split firmware images (Go runtime, QEMU).',
    description:
      'Some firmware builds (OVMF/TDVF) come in two parts: the code image given in firmware and a variables volume given here, so that variables can differ per user while the code stays shared. ' +
      'The Go runtime only passes the volume to QEMU for Intel TDX guests on x86_64. ' +
      'A non-empty path must exist; leave it empty when the firmware is a single file.',
    go: 'QEMU only; accepted in every release from 3.2.0 to 4.1.0.',
    rs: 'runtime-rs has no such field. The key in the runtime-rs QEMU templates (3.3.0–3.28.0 and from 3.31.0; from 3.32.0 the NVIDIA GPU template even contains the unexpanded @FIRMWAREVOLUMEPATH_NV@ placeholder) is silently ignored, and there is no replacement.',
  },
  'hypervisor/pflashes': {
    summary: 'Flash images attached to the VM as QEMU -pflash drives, e.g. UEFI code and variable store.',
    description:
      'Each entry is the path of an image that QEMU exposes as a parallel flash device, usually a firmware code image plus a writable variable store. Every listed file must exist. On arm64 the Go runtime needs either no image or exactly two, and an arm64 VM without firmware and without pflashes gets NVDIMM boot switched off automatically. The default is an empty list.',
    go:
      'Read only from [hypervisor.qemu]; a missing file fails the load with "failed to resolve path". On arm64 a single image fails VM start with "two pflash images needed for arm64", three or more with "too many pflash images for arm64".',
    rs:
      'Each entry must exist ("Flash image file ... is invalid"). Dragonball rejects a non-empty list, and in 4.1.0 no runtime-rs VMM driver passes the images on to the hypervisor.',
  },
  'hypervisor/machine_type': {
    summary: 'QEMU machine type: q35 or microvm on x86_64, virt, pseries, s390-ccw-virtio.',
    description:
      'Selects the virtual hardware platform QEMU emulates. ' +
      'Each architecture has its own choices: q35 or microvm on x86_64, virt on arm64 and riscv64, pseries on ppc64le and s390-ccw-virtio on s390x. ' +
      'It also decides which PCIe features, such as root or switch ports and a vIOMMU, are available. ' +
      'An empty value means the architecture default.',
    go: 'An unsupported name is only rejected when the VM is created ("unrecognised machinetype"). microvm forces disable_image_nvdimm = true. The Cloud Hypervisor loader uses the value only for the VFIO port checks, StratoVirt lower-cases it, and the remote hypervisor forwards it unchanged to the peer-pods service.',
    rs: 'The QEMU adjuster fills an empty value with q35, and kata-types does not validate the string. Dragonball requires it to be empty; the remote hypervisor forwards it to the peer-pods service.',
    values: {
      q35: 'Modern x86_64 PC with PCIe; the default there and the only x86_64 type that supports the PCIe port and vIOMMU options.',
      microvm: 'Minimal x86_64 machine without PCI, aimed at fast boot; NVDIMM is not available, so the image is attached as a disk.',
      virt: 'Generic virtual machine for arm64 and riscv64 hosts.',
      pseries: 'IBM POWER machine, for ppc64le hosts.',
      's390-ccw-virtio': 'IBM Z machine with virtio devices on the CCW bus, for s390x hosts.',
    },
  },
  'hypervisor/machine_accelerators': {
    summary: 'Extra comma-separated options appended to the QEMU machine (-machine) argument.',
    description:
      'Whatever is listed here is added to the options of the machine type QEMU is started with, for instance machine properties that switch off emulated legacy features. ' +
      'Items are trimmed of surrounding spaces and passed on unchecked, so a misspelt option makes QEMU fail to start. ' +
      'Empty, the default, adds nothing.',
    go: 'Only QEMU uses it; the Cloud Hypervisor loader reads it without effect.',
    rs: 'Only the QEMU back end uses it.',
  },
  'hypervisor/cpu_features': {
    summary: 'Comma-separated CPU feature flags added to the guest CPU model (QEMU -cpu option).',
    description:
      'Turns individual CPU features on or off for the guest. The shipped value "pmu=off", for example, hides the performance monitoring unit. ' +
      'The string is appended after the CPU model on the QEMU command line, so write it in QEMU feature syntax; spaces around the commas are removed. ' +
      'Leave it at the shipped value unless a workload needs a particular feature exposed or hidden.',
    go: 'Read only for [hypervisor.qemu].',
    rs: 'QEMU uses the whole string. Cloud Hypervisor only checks it for "amx", on x86_64, to enable AMX.',
  },

  // ---------------------------------------------------------------------------
  // [[hypervisor.<name>.guest_extension_images]]
  // ---------------------------------------------------------------------------
  'hypervisor/guest_extension_images': {
    summary: 'Extra read-only disk images cold-plugged into the guest (array of tables, 4.0.0+).',
    description:
      'Each [[hypervisor.<name>.guest_extension_images]] entry attaches one read-only raw image as a virtio-blk disk with the serial extension-<name>, and adds kata.extension.<name>.verity_params to the kernel command line so the guest can find, verify and mount it. ' +
      'From 4.0.0 on, the confidential and NVIDIA configurations of runtime-rs ship guest components this way. ' +
      'Keys: name (required; ASCII letters, digits, - and _ only), path (the image on the host; an entry with an empty path attaches no disk) and verity_params (same format as kernel_verity_params, empty for an unverified image). ' +
      'An invalid name or unparsable verity_params makes loading fail.',
    go: 'From 4.0.0 on, QEMU only; no Go template uses it. The image path is not checked when the file is loaded.',
    rs: 'From 4.0.0 on. A non-empty path must exist, and an entry without name is a parse error. The kernel parameter is emitted by the QEMU back end.',
  },
  'guest_extension_images/name': {
    summary: 'Short identifier of a guest extension image; names its disk serial and kernel parameter.',
    description:
      'Each [[hypervisor.<name>.guest_extension_images]] entry describes an extra read-only disk image, for example the confidential-computing guest components or the NVIDIA GPU driver stack, that is attached to the VM at boot. ' +
      'The name becomes the disk serial extension-<name> and the kernel parameter kata.extension.<name>.verity_params, and the guest mounts the image at /run/kata-extensions/<name>. ' +
      'It is required and may contain only ASCII letters, digits, "-" and "_"; anything else fails the load ("guest_extension_images \'<name>\' has an invalid name ..."). Added in 4.0.0.',
    go: 'Only the qemu loader reads guest_extension_images, and no shipped Go file uses them (4.0.0, 4.1.0). An empty name fails with "guest_extension_images entry N is missing required \'name\' field".',
    rs: 'Added in 4.0.0. Leaving name out entirely is a TOML deserialisation error because the field has no default; an empty string fails validation. The shipped qemu files define "coco" and "gpu" entries.',
  },
  'guest_extension_images/path': {
    summary: 'Host path of the guest extension image that is attached read-only to the VM.',
    description:
      'The file is attached read-only as a virtio-blk disk, whatever block_device_driver says, because the guest finds the image by its disk serial. ' +
      'The guest side expects a read-only (erofs) filesystem, optionally protected by dm-verity through verity_params. ' +
      'An empty path means the entry is not attached. Added in 4.0.0.',
    go: 'Added in 4.0.0. Not checked when the configuration is loaded; a wrong path only shows up when qemu starts.',
    rs: 'Added in 4.0.0. runtime-rs resolves the path at load time and fails with "extra image file <path> is invalid: ..." if it does not exist. It attaches the disk for any hypervisor (virtio-blk-ccw on s390x), but only its qemu backend adds the kata.extension.* kernel parameters, so in practice extensions work with qemu.',
  },
  'guest_extension_images/verity_params': {
    summary: 'dm-verity parameters (root_hash, salt, block counts and sizes) used to check an extension image.',
    description:
      'A comma-separated list of key=value pairs in the same format as kernel_verity_params: root_hash, salt, data_blocks, data_block_size and hash_block_size must all be present, the numbers must be non-zero and both block sizes multiples of 512, otherwise loading fails ("guest_extension_images \'<name>\' has invalid verity_params ..."). ' +
      'The runtime passes the string to the guest as kata.extension.<name>.verity_params, and the guest mounts the image through dm-verity so that modified content is refused. ' +
      'Leave it empty for an unverified extension; the parameter is still sent (empty), because it is also what tells the guest to mount the image. ' +
      'The shipped files leave it empty for installers to fill in from the image build. Added in 4.0.0.',
    go: 'Added in 4.0.0; read only by the qemu loader.',
    rs: 'Added in 4.0.0; the kata.extension.* kernel parameter is only added by the qemu back end.',
  },
};
