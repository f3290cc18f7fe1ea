// Key documentation for [hypervisor.<name>] keys for block devices, vhost-user storage, PCI/PCIe ports, VFIO and IOMMU, and the entropy device.
import type { KeyDoc } from './types';

export const HYPERVISOR_DEVICES_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: block devices
  // ---------------------------------------------------------------------------
  'hypervisor/block_device_driver': {
    summary: 'Device type used to attach container block storage (block rootfs, block volumes) to the VM.',
    description:
      'Chooses how block storage, such as a block-backed container rootfs or raw block volumes, is presented to the guest. ' +
      'The two runtimes name the types differently: where Go says virtio-blk, virtio-mmio or nvdimm, runtime-rs says virtio-blk-pci, virtio-blk-mmio or virtio-pmem. ' +
      'Pick a type the hypervisor supports: the shipped files use virtio-scsi for QEMU, PCI virtio-blk for Cloud Hypervisor and Dragonball, and MMIO for Firecracker and StratoVirt. ' +
      'From 3.28.0, confidential guests must not use an MMIO transport.',
    go:
      'An empty value means virtio-scsi, and an unknown value makes loading fail ("Invalid hypervisor block storage driver ..."). ' +
      'On s390x, virtio-blk is switched to virtio-blk-ccw. Cloud Hypervisor can only hot-plug virtio-blk. The remote and dragonball tables ignore the key. ' +
      'From 3.28.0, confidential_guest = true with virtio-mmio is an error.',
    rs:
      'An empty value means virtio-blk-pci, and an unknown value fails with "... is unsupported block device type.". ' +
      'QEMU rejects virtio-blk-mmio; Dragonball accepts only virtio-blk-pci, virtio-blk-mmio and virtio-pmem. ' +
      'The key is cleared and not checked when disable_block_device_use is true.',
    values: {
      'virtio-scsi': 'Attaches block devices as disks on an emulated virtio SCSI controller; valid in both runtimes, and the QEMU choice in the shipped files.',
      'virtio-blk': 'Go runtime only: one virtio-blk PCI device per block device (runtime-rs calls this virtio-blk-pci).',
      'virtio-mmio': 'Go runtime only: virtio-blk over the MMIO transport, for VMMs without PCI such as Firecracker and StratoVirt; not allowed for confidential guests.',
      nvdimm: 'Go runtime only: maps the block device into guest memory as an emulated NVDIMM.',
      'virtio-blk-ccw': 'virtio-blk over the s390x channel I/O (CCW) transport; valid in both runtimes, for s390x hosts only.',
      'virtio-blk-pci': 'runtime-rs only: one virtio-blk PCI device per block device; the runtime-rs default when the value is empty.',
      'virtio-blk-mmio': 'runtime-rs only: virtio-blk over the MMIO transport (Firecracker, Dragonball); the qemu table rejects it.',
      'virtio-pmem': 'runtime-rs only: exposes the device to the guest as persistent memory through virtio-pmem.',
    },
  },
  'hypervisor/block_device_aio': {
    summary: 'Asynchronous I/O method QEMU uses for block devices: io_uring, native or threads.',
    description:
      'Chooses how QEMU performs host I/O for block devices attached to the VM. ' +
      'io_uring is usually the fastest, but needs a host kernel newer than 5.1 and QEMU 5.0 or later. native uses Linux native AIO, and threads uses a pool of worker threads. ' +
      'An empty value means io_uring.',
    go: 'Read and checked only in [hypervisor.qemu]; other tables ignore it. An invalid value makes loading fail ("Invalid hypervisor block storage I/O mechanism ...").',
    rs:
      'Accepted and checked from 3.20.0 ("... is unsupported block device AIO mode."); the runtime-rs qemu templates of 3.3.0–3.19.1 already set it, but those parsers ignored it. ' +
      'Neither defaulted nor checked when disable_block_device_use is true.',
    values: {
      io_uring: 'Linux io_uring interface: usually the fastest, needs a host kernel above 5.1 and QEMU 5.0+; the default.',
      native: 'Linux native asynchronous I/O.',
      threads: 'I/O done by a pool of QEMU worker threads; the most broadly compatible choice.',
    },
  },
  'hypervisor/block_device_cache_set': {
    summary: 'Switch that makes block_device_cache_direct and block_device_cache_noflush take effect.',
    description:
      'When false, block devices get the default cache settings of the hypervisor, and block_device_cache_direct and block_device_cache_noflush are ignored. ' +
      'Set it to true to apply those two keys.',
    go:
      'Read for qemu and clh: QEMU applies both direct and noflush, Cloud Hypervisor only direct. ' +
      'The firecracker and stratovirt templates also set it, but those loaders do not pass it on.',
    rs: 'Parsed but not used by runtime-rs; block_device_cache_direct is applied directly there.',
  },
  'hypervisor/block_device_cache_direct': {
    summary: 'Open block device backing files with O_DIRECT, bypassing the host page cache.',
    description:
      'When true, I/O for block devices given to the VM bypasses the host page cache (O_DIRECT). This avoids caching the same data twice and makes writes more predictable, but the host no longer caches the data. ' +
      'Leave it false unless you have a reason, such as host memory pressure caused by the page cache.',
    go: 'Read for qemu and clh, and used only when block_device_cache_set is true.',
    rs: 'Used as the default direct-I/O setting for block devices by qemu, clh and dragonball. runtime-rs does not look at block_device_cache_set.',
  },
  'hypervisor/block_device_cache_noflush': {
    summary: 'Make the hypervisor ignore flush requests from the guest for block devices.',
    description:
      'When true, cache flush requests from the guest are dropped. Writes get faster, but data the guest believes is safely stored can be lost if the host crashes. ' +
      'Use it only for data you can afford to lose.',
    go:
      'Applied only by QEMU, and only when block_device_cache_set is true. ' +
      'The firecracker template sets it, but the Go firecracker loader does not pass it on, so it has no effect there.',
    rs: 'Parsed but not used by any runtime-rs component in any release from 3.2.0 to 4.1.0, so it has no effect.',
  },
  'hypervisor/block_device_logical_sector_size': {
    summary: 'Logical sector size in bytes that block devices report to the guest; 0 keeps the default.',
    description:
      'Sets the logical block size the guest sees on attached block devices, for example 4096 for storage that expects 4 KiB sectors. ' +
      '0 keeps the hypervisor default. ' +
      'Allowed values are 0 and the powers of two from 512 up to 65536. When both sector sizes are non-zero, the logical size must not be larger than block_device_physical_sector_size.',
    go: 'Added in 3.29.0 and read only for qemu and stratovirt. Invalid values make loading fail.',
    rs: 'Added in 3.29.0. Checked unless disable_block_device_use is true.',
    values: {
      '0': 'Keeps the sector size the hypervisor would use by default.',
      '512': 'Reports 512-byte logical sectors, the traditional disk sector size.',
      '1024': 'Reports 1 KiB logical sectors.',
      '2048': 'Reports 2 KiB logical sectors.',
      '4096': 'Reports 4 KiB logical sectors, as used by many modern disks.',
      '8192': 'Reports 8 KiB logical sectors.',
      '16384': 'Reports 16 KiB logical sectors.',
      '32768': 'Reports 32 KiB logical sectors.',
      '65536': 'Reports 64 KiB logical sectors, the largest size allowed.',
    },
  },
  'hypervisor/block_device_physical_sector_size': {
    summary: 'Physical sector size in bytes that block devices report to the guest; 0 keeps the default.',
    description:
      'Sets the physical block size the guest sees on attached block devices. Guest file systems and tools use it to align I/O, for example 4096 for disks with 4 KiB physical sectors. ' +
      '0 keeps the hypervisor default. ' +
      'Allowed values are 0 and the powers of two from 512 up to 65536, and it must not be smaller than block_device_logical_sector_size when both are non-zero.',
    go: 'Added in 3.29.0 and read only for qemu and stratovirt. Invalid values make loading fail.',
    rs: 'Added in 3.29.0. Checked unless disable_block_device_use is true.',
    values: {
      '0': 'Keeps the sector size the hypervisor would use by default.',
      '512': 'Reports 512-byte physical sectors.',
      '1024': 'Reports 1 KiB physical sectors.',
      '2048': 'Reports 2 KiB physical sectors.',
      '4096': 'Reports 4 KiB physical sectors, matching Advanced Format disks.',
      '8192': 'Reports 8 KiB physical sectors.',
      '16384': 'Reports 16 KiB physical sectors.',
      '32768': 'Reports 32 KiB physical sectors.',
      '65536': 'Reports 64 KiB physical sectors, the largest size allowed.',
    },
  },
  'hypervisor/disable_block_device_use': {
    summary: 'Pass a block-device-backed container rootfs through the shared file system, not as a block device.',
    description:
      'With snapshotters that put the container rootfs on a block device (such as devicemapper), Kata normally attaches that device to the VM directly, for speed. ' +
      'When this key is true, the rootfs goes through the shared file system instead. ' +
      'Set it when the block path is unavailable or unwanted, or when all rootfs sharing should use shared_fs.',
    go:
      'Read for qemu, clh and stratovirt. Firecracker always uses block devices (the key is forced to false there) because it has no shared file system. ' +
      'The shipped files set true, but when the key is missing Go uses false.',
    rs: 'When true, runtime-rs also clears block_device_driver, turns off enable_vhost_user_store, sets memory_offset to 0, and skips the block_device_aio and sector-size checks.',
  },
  'hypervisor/enable_iothreads': {
    summary: 'Handle block I/O in dedicated QEMU I/O threads.',
    description:
      'Moves block request processing away from the main QEMU event loop into separate I/O threads, which can improve disk performance under load. ' +
      'With virtio-scsi an I/O thread is attached to the SCSI controller. ' +
      'With virtio-blk, hot-plugged disks use the first thread created by indep_iothreads, so that key must also be above 0.',
    go: 'Only QEMU acts on it, although the Firecracker and Cloud Hypervisor loaders read it too.',
    rs: 'Used by the QEMU back end. Dragonball refuses enable_iothreads = true.',
  },
  'hypervisor/indep_iothreads': {
    summary: 'Number of independent QEMU I/O threads created at boot for hot-plugged virtio-blk disks.',
    description:
      'Creates this many standalone I/O threads when QEMU starts. ' +
      'When enable_iothreads is also true and the block driver is virtio-blk, hot-plugged block devices are attached to the first of these threads, which takes their I/O off the main loop. ' +
      '0, the default, creates none.',
    go: 'Added in 3.24.0. QEMU uses it; the Firecracker and Cloud Hypervisor loaders read it without effect.',
    rs: 'Added in 3.32.0 (the runtime-rs snp and tdx templates of 3.25.0–3.28.0 already set it, without effect). The threads are only created when block_device_driver is virtio-blk-pci.',
  },
  'hypervisor/num_queues': {
    summary: 'Number of request queues of virtio-blk devices (runtime-rs block multi-queue).',
    description:
      'Controls how many request queues a block device offers to the guest, so disk I/O can be submitted in parallel from several vCPUs. It pairs with queue_size, which sets the depth of each queue. A value of 0 is replaced by 1.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.24.0; older runtime-rs releases silently ignore it.',
  },
  'hypervisor/queue_size': {
    summary: 'Depth of each virtio-blk request queue (runtime-rs).',
    description:
      'Sets how many descriptors each block device queue holds, which bounds the number of requests in flight per queue. Larger queues can help storage workloads with deep I/O queues at a small memory cost. A value of 0 becomes 128.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.24.0 together with num_queues; older releases ignore it.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: vhost-user storage
  // ---------------------------------------------------------------------------
  'hypervisor/enable_vhost_user_store': {
    summary: 'Allow vhost-user block/SCSI devices (for example SPDK) from vhost_user_store_path.',
    description:
      'Enables block devices served by a vhost-user backend such as SPDK, whose sockets and device nodes are kept under vhost_user_store_path. ' +
      'This can give much faster storage than the default block path. ' +
      'The VMM must then share guest memory with the backend, which requires enable_hugepages = true.',
    go: 'QEMU only. Starting a VM with this on and huge pages off fails with "Vhost-user-blk/scsi is enabled without HugePages. This configuration will not work".',
    rs: 'runtime-rs checks that vhost_user_store_path exists when this is on (an empty path becomes /var/run/vhost-user), but in the 4.1.0 source no runtime-rs back end reads the flag itself.',
  },
  'hypervisor/vhost_user_store_path': {
    summary: 'Base directory for vhost-user storage sockets and device nodes.',
    description:
      'Used when enable_vhost_user_store is true: the runtime expects vhost-user block sockets under its block/sockets subdirectory and keeps the matching simulated device nodes under block/devices. Change it if your storage backend, such as SPDK, places its sockets somewhere else.',
    go:
      'Read only from [hypervisor.qemu]; empty means /var/run/kata-containers/vhost-user/. The directory is not checked at load, and vhost-user storage on QEMU also needs enable_hugepages = true or VM creation fails.',
    rs:
      'Cleared unless enable_vhost_user_store is true. When enabled, an empty value becomes /var/run/vhost-user (a different default from Go), and the directory must exist or loading fails with "Invalid vhost-user-store-path".',
  },
  'hypervisor/vhost_user_reconnect_timeout_sec': {
    summary: 'Seconds QEMU waits before reconnecting to a vanished vhost-user block backend (Go runtime).',
    description:
      'Applies to vhost-user block devices whose backend, for example SPDK, owns the socket while QEMU connects to it as a client. If the backend goes away, QEMU waits this many seconds and then tries to connect again. 0, the default, disables reconnecting.',
    go: 'Read only from [hypervisor.qemu], in every release from 3.2.0 to 4.1.0.',
    rs: 'runtime-rs ignores this key even though its QEMU templates set it (3.3.0–3.28.0 and again from 3.31.0).',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: PCI, PCIe, VFIO and IOMMU
  // ---------------------------------------------------------------------------
  'hypervisor/default_bridges': {
    summary: 'Number of PCI bridges added to the VM for hot-plugged devices (QEMU), from 1 to 5.',
    description:
      'Each PCI bridge provides slots (up to 30 devices per bridge) for devices that are hot-plugged later, such as block devices and network interfaces. ' +
      'Raise it only if a pod needs more hot-plugged devices than one bridge can hold. ' +
      'Values above 5 are reduced to 5.',
    go: '0 becomes 1 and values above 5 become 5, without a message. Only QEMU creates the bridges; the other loaders just keep the value.',
    rs:
      'Values above 5 are reduced to 5; without that, QEMU would report "Qemu hypervisor can not support ... PCI bridges". For qemu, 0 becomes 1. ' +
      'Dragonball refuses any non-zero value ("dragonball hypervisor does not support PCI hotplug options").',
  },
  'hypervisor/pcie_root_port': {
    summary: 'Number of PCIe root ports created at boot so devices such as GPUs can be hot-plugged.',
    description:
      'Pre-creates this many PCIe root ports so that devices can be plugged into them later, typically VFIO passthrough devices with large BARs such as NVIDIA GPUs. It is only meaningful on a PCIe machine type such as q35. The GPU templates set 8; the default of 0 creates none.',
    go:
      'Read from the qemu and clh tables since 3.6.0; values above 16 are cut to 16. The 3.2.0–3.5.0 parsers did not know the key, so the pcie_root_port written in those releases\' nvidia-gpu template had no effect.',
    rs:
      'Available in every release from 3.2.0 to 4.1.0. Since 3.17.0 it cannot be combined with a non-zero pcie_switch_port ("Root Port and Switch Port set at the same time is forbidden."), and dragonball rejects any non-zero value.',
  },
  'hypervisor/pcie_switch_port': {
    summary: 'Number of PCIe switch downstream ports created at boot for device hot-plug.',
    description:
      'Builds a PCIe switch with this many downstream ports so passthrough devices can be attached behind a switch rather than directly to root ports, a layout some multi-GPU setups rely on. It is only meaningful on a PCIe machine type such as q35. The default of 0 creates no switch ports.',
    go:
      'Accepted by the Go parser since 3.6.0 and read for qemu and clh, with values above 16 cut to 16, but no Go template mentions it.',
    rs:
      'Accepted since 3.17.0 (the runtime-rs templates mention it from then on and set it from 3.24.0). Setting both this key and pcie_root_port above 0 is an error, and dragonball rejects any non-zero value.',
  },
  'hypervisor/hot_plug_vfio': {
    summary: 'PCIe port type used for hot-plugged VFIO devices: no-port, bridge-port, root-port, switch-port.',
    description:
      'Decides where QEMU or Cloud Hypervisor attaches VFIO devices (GPUs, NICs and similar) that are hot-plugged after the VM has started. ' +
      'For root-port and switch-port the VM is created with enough PCIe ports, taken from pcie_root_port / pcie_switch_port or from the devices known at start. ' +
      'Only one of hot_plug_vfio and cold_plug_vfio may be set to something other than no-port. ' +
      'An empty value means no-port.',
    go: 'QEMU and Cloud Hypervisor only; other hypervisors log a warning and ignore it. The value is checked when machine_type is q35 or virt. Cloud Hypervisor accepts only no-port and root-port from 3.29.0 on, and up to 3.28.0 it insisted on root-port whenever a VFIO port was configured.',
    rs: 'Not a runtime-rs key: the copies in the runtime-rs templates of 3.3.0–3.28.0 (set from 3.24.0) were ignored. runtime-rs up to 3.32.0 had the boolean hotplug_vfio_on_root_bus instead, and sizes its PCIe ports with pcie_root_port / pcie_switch_port.',
    values: {
      'no-port': 'No PCIe ports are prepared for VFIO hot-plug (the default); with both plug settings at no-port on q35 no extra PCIe topology is created.',
      'bridge-port': 'Hot-plugs VFIO devices behind a PCI bridge (see default_bridges); QEMU only.',
      'root-port': 'Hot-plugs each VFIO device into its own PCIe root port; accepted by QEMU and Cloud Hypervisor.',
      'switch-port': 'Hot-plugs VFIO devices into downstream ports of an emulated PCIe switch; QEMU only.',
    },
  },
  'hypervisor/cold_plug_vfio': {
    summary: 'PCIe port type used to cold-plug VFIO devices at VM boot; no-port turns cold plug off.',
    description:
      'Cold plug attaches VFIO devices (for example GPUs) when the VM is created instead of hot-plugging them later. Confidential guests usually rely on it, because hot plug is not trusted there. ' +
      'The value chooses the kind of PCIe port the devices sit behind. ' +
      'Cold plug is only attempted when the value is not no-port. The devices then come from the kubelet PodResources API (pod_resource_api_sock) or from CDI annotations. ' +
      'At most one of cold_plug_vfio and hot_plug_vfio may be something other than no-port.',
    go:
      'Used for qemu and clh; other hypervisors ignore it with a warning. The port checks run only for the q35 and virt machine types. ' +
      'Cloud Hypervisor accepts only no-port and root-port from 3.29.0, and no cold plug at all before that. An empty value means no-port.',
    rs:
      'Accepted from 3.31.0; the runtime-rs qemu templates of 3.3.0–3.28.0 already mention it (and set it from 3.17.0), but those parsers ignore it. ' +
      'Only no-port (or empty) and root-port work; any other value fails at sandbox creation ("unsupported cold_plug_vfio value ...").',
    values: {
      'no-port': 'Turns cold plug off; the default.',
      'bridge-port': 'Go runtime with QEMU only: places the devices behind a PCI bridge.',
      'root-port': 'Places each device on its own PCIe root port; the only cold-plug port type that runtime-rs and Cloud Hypervisor support.',
      'switch-port': 'Go runtime with QEMU only: places the devices behind the downstream ports of an emulated PCIe switch.',
    },
  },
  'hypervisor/hotplug_vfio_on_root_bus': {
    summary: 'runtime-rs flag to hot-plug VFIO devices on the root bus; removed in 4.0.0, never read by Go.',
    description:
      'The intent was to attach hot-plugged VFIO devices directly to the root bus instead of a PCI bridge, which helps devices with large PCI BARs. ' +
      'runtime-rs accepted the boolean from 3.2.0 to 3.32.0 (Dragonball rejects true), and from 4.0.0 on it is unknown and silently ignored. ' +
      'The Go runtime never read it, although its templates mentioned it up to 3.17.0 and the NVIDIA GPU template of 3.2.0–3.4.0 even set it; in the Go runtime use hot_plug_vfio = "root-port".',
    go: 'Ignored in every release from 3.2.0 to 4.1.0; the Go key is hot_plug_vfio.',
    rs: 'Parsed from 3.2.0 to 3.32.0. From 3.3.0 on it is copied into the PCIe topology description, but no device placement in the source reads it. Gone in 4.0.0.',
  },
  'hypervisor/enable_iommu': {
    summary: 'Add a virtual IOMMU (Intel vIOMMU) to the QEMU virtual machine.',
    description:
      'Adds an emulated IOMMU device to the machine and enables it in the guest kernel with intel_iommu=on iommu=pt, which some device-assignment setups (for example VFIO or DPDK inside the guest) require. ' +
      'On x86_64 it needs the q35 machine type and switches QEMU to a split interrupt controller. ' +
      'Leave it off unless a workload needs it, because it adds overhead.',
    go: 'QEMU only. On arm64, s390x, ppc64le and riscv64, or with a machine type other than q35, enabling it makes VM creation fail.',
    rs: 'QEMU only. On the arm64 virt machine no device is added; only iommu.passthrough=0 is appended to the kernel command line. Dragonball rejects it.',
  },
  'hypervisor/enable_iommu_platform': {
    summary: 'Set iommu_platform=on on virtio devices (matters for s390x CCW devices).',
    description:
      'Makes virtio devices go through the platform DMA and IOMMU path instead of bypassing it, which protected guests need so that the host only touches memory the guest has shared. ' +
      'Both runtimes apply it only to virtio devices on the CCW transport, so in practice it matters on s390x, for example for IBM Secure Execution guests. ' +
      'On other architectures it has no visible effect.',
    go: 'QEMU only.',
    rs: 'QEMU only; Dragonball rejects it.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: entropy
  // ---------------------------------------------------------------------------
  'hypervisor/entropy_source': {
    summary: 'Host file feeding the guest virtio-rng random number device.',
    description:
      'Points the virtual random number generator of the VM at a host device, normally /dev/urandom. ' +
      '/dev/random can block when the host entropy pool runs low and stall guest boot, so keep /dev/urandom unless you have a specific reason. ' +
      'Overriding the value with an annotation also needs a match in valid_entropy_sources.',
    go: 'An empty value becomes /dev/urandom and the path is not checked when the file is loaded. Used by QEMU and Cloud Hypervisor; the Firecracker loader reads it but Firecracker does not use it.',
    rs: 'A non-empty value must exist on the host or loading fails ("Entropy source ... is invalid"). Only the Cloud Hypervisor back end uses it; the runtime-rs QEMU back end always uses /dev/urandom.',
  },
};
