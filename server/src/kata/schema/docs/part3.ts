import type { KeyDoc } from './types';

/** Documentation of hypervisor keys disable_selinux .. memory_path, written for kata-config. */
export const DOCS_PART_3: Record<string, KeyDoc> = {
  'hypervisor/disable_selinux': {
    summary: 'Do not run the hypervisor (VMM) process under the SELinux label of the container.',
    description:
      'With the default false, the runtime sets the SELinux exec label that belongs to the container just before it launches the VMM, so the hypervisor process is confined by that label. ' +
      'Set it to true when the label stops the VMM from starting or when you deliberately do not want the VMM confined. ' +
      'This only concerns the host-side VMM process; SELinux inside the guest is controlled by disable_guest_selinux. ' +
      'Nothing is applied when no label is available for the sandbox.',
    go: 'Acted on by the QEMU, Cloud Hypervisor and Firecracker back ends; accepted at every studied release.',
    rs: 'Only read from 3.32.0 on (QEMU, Cloud Hypervisor and Firecracker back ends). The 3.10.0 and 3.20.0 runtime-rs templates already contained disable_selinux, but those releases had no such field and silently ignored it.',
  },

  'hypervisor/disable_vhost_net': {
    summary: 'Use user-space virtio-net emulation instead of the in-kernel vhost-net accelerator.',
    description:
      'By default the guest network interface is served by the host kernel vhost-net driver, which handles packets outside the VMM and is normally the fastest option. ' +
      'Setting this to true makes the VMM emulate the virtio-net device itself (the tap device is opened without vhost). ' +
      'That can help on hosts without /dev/vhost-net or while debugging networking, at the cost of throughput and CPU time.',
    go: 'Only the QEMU back end honours it. Firecracker, Cloud Hypervisor and StratoVirt always run without vhost-net because the loader forces the value to true, so the key has no effect in those tables.',
    rs: 'Honoured by the QEMU and Dragonball back ends; Dragonball switches between its vhost and plain virtio network backends.',
  },

  'hypervisor/disk_rate_limiter_bw_max_rate': {
    summary: 'Bandwidth cap per disk enforced by the VMM I/O throttling; 0 means unlimited.',
    description:
      'Sets the sustained rate of the token-bucket limiter that the VMM attaches to each block device it adds for the sandbox. ' +
      'The same limit applies to reads and writes. ' +
      'Keep 0 to switch bandwidth throttling off; an initial burst can be granted with disk_rate_limiter_bw_one_time_burst.',
    go: 'Only Cloud Hypervisor ([hypervisor.clh]) reads it. The figure is given in bits per second and converted to bytes before it is handed to Cloud Hypervisor. The field is a signed integer, so a negative number parses but is meaningless.',
    rs: 'Available from 3.32.0. Used by the Cloud Hypervisor, Firecracker and Dragonball back ends, not by QEMU. The number is passed unchanged as the size of a token bucket refilled every 1000 ms, so for these VMMs it is effectively bytes per second.',
  },

  'hypervisor/disk_rate_limiter_bw_one_time_burst': {
    summary: 'One-off extra bandwidth credit on top of disk_rate_limiter_bw_max_rate for an initial burst.',
    description:
      'Adds a single allowance to the bandwidth token bucket so that a disk can move more data right after it is attached; once it is used up only the sustained rate applies. ' +
      'The credit does not raise the long-term limit. ' +
      'It is only meaningful when disk_rate_limiter_bw_max_rate is non-zero.',
    go: 'Cloud Hypervisor only, expressed in bits like the max rate. If it is non-zero while disk_rate_limiter_bw_max_rate is 0, the loader logs a warning and resets it to 0.',
    rs: 'Available from 3.32.0 (Cloud Hypervisor, Firecracker, Dragonball). Without a non-zero max rate no bandwidth bucket is created, so the burst is silently unused.',
  },

  'hypervisor/disk_rate_limiter_ops_max_rate': {
    summary: 'Cap on I/O operations per second per disk enforced by the VMM; 0 means unlimited.',
    description:
      'Limits how many block requests per second each disk of the sandbox may issue, regardless of request size, using the VMM token bucket. ' +
      'Combine it with the bandwidth limiter to bound both IOPS and throughput. ' +
      'Keep 0 to switch operation throttling off; an initial burst can be granted with disk_rate_limiter_ops_one_time_burst.',
    go: 'Only Cloud Hypervisor reads it; the value is passed on as operations per second.',
    rs: 'Available from 3.32.0. Used by the Cloud Hypervisor, Firecracker and Dragonball back ends, not by QEMU.',
  },

  'hypervisor/disk_rate_limiter_ops_one_time_burst': {
    summary: 'One-off extra operations credit on top of disk_rate_limiter_ops_max_rate.',
    description:
      'Gives each disk an initial allowance of extra I/O operations before the sustained operations rate takes over, which can speed up container start-up without raising the long-term IOPS limit. ' +
      'It has no meaning unless disk_rate_limiter_ops_max_rate is non-zero.',
    go: 'Cloud Hypervisor only. When disk_rate_limiter_ops_max_rate is 0 the loader logs a warning and drops the burst to 0.',
    rs: 'Available from 3.32.0 (Cloud Hypervisor, Firecracker, Dragonball). Without a non-zero ops max rate no operations bucket is created, so the burst is silently unused.',
  },

  'hypervisor/enable_annotations': {
    summary: 'Regexes choosing which hypervisor settings pods may override through annotations.',
    description:
      'Pods can override many hypervisor settings with io.katacontainers.config.hypervisor.<key> annotations, but only keys matched by one of these regular expressions are honoured. ' +
      'Each regex is matched against the part after that prefix and is not anchored, so "kernel" also enables kernel_params and kernel_verity_params; write ^name$ for an exact match. ' +
      'Path-valued overrides additionally need a match in the corresponding valid_*_paths list. ' +
      'An empty list turns every hypervisor annotation off, and the list is never compared with the values in this file. ' +
      'containerd must also be configured to pass io.katacontainers.* annotations through to the runtime.',
    go: 'A pod that uses a hypervisor annotation which is not enabled here fails to start. The shipped QEMU value is ["enable_iommu", "kernel_params", "kernel_verity_params"].',
    rs: 'An annotation that is not enabled is skipped with a log line instead of failing the pod, and a regex that does not compile enables nothing. The shipped runtime-rs value adds default_vcpus and default_memory to the Go list.',
  },

  'hypervisor/enable_balloon_f_reporting': {
    summary: 'Free page reporting on the Dragonball balloon device (runtime-rs 3.10.0 only).',
    description:
      'When true, the virtio-balloon device that runtime-rs creates gets the free page reporting feature, so the guest tells the host which pages it freed and the host can take that memory back. ' +
      'The key existed only in runtime-rs 3.10.0 and only the Dragonball back end used it. ' +
      'From 3.20.0 on it is unknown and silently ignored; use reclaim_guest_freed_memory instead.',
    go: 'Not a Go runtime key and ignored there; the Go counterpart is reclaim_guest_freed_memory (3.20.0 and later).',
    rs: 'Accepted in 3.10.0 only; replaced by reclaim_guest_freed_memory in 3.20.0.',
  },

  'hypervisor/enable_debug': {
    summary: 'Turn on debug output of the hypervisor and the guest kernel for this sandbox.',
    description:
      'Makes the VMM and the guest kernel more talkative: debug-oriented kernel parameters are used and hypervisor logging becomes more verbose. ' +
      'It also activates debug-only features such as extra_monitor_socket. ' +
      'Use it while investigating VM start-up problems and turn it off again in production, because boot gets slower and the logs grow quickly. ' +
      'It is independent of the debug switches in [runtime] and [agent].',
    go: 'Also starts a watcher that copies the guest console output into the runtime log, and for Cloud Hypervisor enables the verbosity selected by hypervisor_loglevel.',
    rs: 'From 3.32.0 on, when log_level is left at "info", enabling this lowers the hypervisor log filter to "debug".',
  },

  'hypervisor/enable_guest_swap': {
    summary: 'Let the runtime add swap space to the guest through hot-plugged swap files.',
    description:
      'When enabled, the runtime creates swap files on the host and attaches them to the VM as block devices, so the guest can swap instead of running out of memory. ' +
      'It is off by default: the files use host disk space and swapping inside the VM can hurt latency.',
    go: 'QEMU only. Swap is only added for containers whose memory swappiness is above 0, and its size is derived from the container swap and memory limits.',
    rs: 'From 3.20.0 runtime-rs implements it, tuned by guest_swap_path, guest_swap_size_percent and guest_swap_create_threshold_secs, but the QEMU back end rejects enable_guest_swap = true at load ("Qemu hypervisor doesn\'t support enable_guest_swap"). In 3.2.0 and 3.10.0 it had no effect and Dragonball refused it.',
  },

  'hypervisor/enable_hugepages': {
    summary: 'Back the guest RAM with host huge pages.',
    description:
      'Allocates the VM memory from huge pages (hugetlbfs, normally mounted at /dev/hugepages) instead of ordinary 4 KiB pages, which lowers TLB pressure and can speed up memory-intensive workloads. ' +
      'Enough huge pages must be reserved on the host before sandboxes start, otherwise VM creation fails. ' +
      'Reserved huge pages cannot be used for anything else, so density goes down.',
    go: 'Used by QEMU and Cloud Hypervisor. With QEMU it is a precondition of enable_vhost_user_store, and combined with virtio-fs it also forces memory pre-allocation.',
    rs: 'In the 4.1.0 source only the Dragonball back end acts on it (together with hugepage_type); the runtime-rs QEMU and Cloud Hypervisor back ends do not read it.',
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

  'hypervisor/enable_iothreads': {
    summary: 'Handle block I/O in dedicated QEMU I/O threads.',
    description:
      'Moves block request processing away from the main QEMU event loop into separate I/O threads, which can improve disk performance under load. ' +
      'With virtio-scsi an I/O thread is attached to the SCSI controller. ' +
      'With virtio-blk, hot-plugged disks use the first thread created by indep_iothreads, so that key must also be above 0.',
    go: 'Only QEMU acts on it, although the Firecracker and Cloud Hypervisor loaders read it too.',
    rs: 'Used by the QEMU back end. Dragonball refuses enable_iothreads = true.',
  },

  'hypervisor/enable_mem_prealloc': {
    summary: 'Allocate all guest RAM on the host up front when the VM starts.',
    description:
      'Reserves and touches the whole VM memory at start instead of on first use, giving more predictable performance and avoiding allocation failures later on. ' +
      'The price is higher host memory use and slower start-up, so fewer sandboxes fit on a host.',
    go: 'Only QEMU acts on it; the Cloud Hypervisor loader reads it without using it, and the Firecracker template mentions it although the Firecracker loader ignores it. QEMU also turns pre-allocation on by itself when huge pages are combined with virtio-fs.',
    rs: 'Used by QEMU (pre-allocated memory backend) and Cloud Hypervisor (prefaulted memory).',
  },

  'hypervisor/enable_numa': {
    summary: 'Give the VM a NUMA topology bound to host NUMA nodes (Go runtime, QEMU, 3.32.0+).',
    description:
      'When true, QEMU creates guest NUMA nodes tied to host nodes: one guest node per host node by default, or as described by numa_mapping. ' +
      'This keeps memory and device locality for demanding workloads such as GPU jobs. ' +
      'More than one guest node requires static_sandbox_resource_mgmt = true in [runtime] and is only supported on amd64 and arm64; both conditions make loading fail otherwise. ' +
      'If numa_mapping cannot be parsed, NUMA is dropped with a warning.',
    go: 'Added in 3.32.0 and read by the QEMU loader only.',
    rs: 'Not a runtime-rs key; runtime-rs ignores it.',
  },

  'hypervisor/enable_swap': {
    summary: 'Obsolete runtime-rs flag about swapping VM memory; parsed in 3.2.0 and 3.10.0 but never used.',
    description:
      'runtime-rs 3.2.0 and 3.10.0 accepted this boolean, which was meant to allow the memory of the VM to be swapped, but no hypervisor back end acted on it and no template mentioned it. ' +
      'It was removed in 3.20.0 and is silently ignored since. ' +
      'For swap inside the guest use enable_guest_swap.',
    go: 'The Go runtime never had this key and ignores it.',
    rs: 'A struct field in 3.2.0 and 3.10.0 only.',
  },

  'hypervisor/enable_vhost_user_store': {
    summary: 'Allow vhost-user block/SCSI devices (for example SPDK) from vhost_user_store_path.',
    description:
      'Enables block devices served by a vhost-user backend such as SPDK, whose sockets and device nodes are kept under vhost_user_store_path. ' +
      'This can give much faster storage than the default block path. ' +
      'The VMM must then share guest memory with the backend, which requires enable_hugepages = true.',
    go: 'QEMU only. Starting a VM with this on and huge pages off fails with "Vhost-user-blk/scsi is enabled without HugePages. This configuration will not work".',
    rs: 'runtime-rs checks that vhost_user_store_path exists when this is on (an empty path becomes /var/run/vhost-user), but in the 4.1.0 source no runtime-rs back end reads the flag itself.',
  },

  'hypervisor/enable_virtio_mem': {
    summary: 'Resize guest memory through a virtio-mem device instead of pluggable memory modules.',
    description:
      'Adds a virtio-mem device covering the range between default_memory and default_maxmemory and grows or shrinks guest memory through it when the sandbox size changes. ' +
      'It allows finer-grained resizing than hot-plugging whole memory modules. ' +
      'The host normally needs /proc/sys/vm/overcommit_memory set to 1 for it to work.',
    go: 'Only QEMU acts on it. On s390x (s390-ccw-virtio) memory hot-plug only works through virtio-mem, so memory resizing fails there without it.',
    rs: 'Used by the QEMU back end only.',
  },

  'hypervisor/entropy_source': {
    summary: 'Host file feeding the guest virtio-rng random number device.',
    description:
      'Points the virtual random number generator of the VM at a host device, normally /dev/urandom. ' +
      '/dev/random can block when the host entropy pool runs low and stall guest boot, so keep /dev/urandom unless you have a specific reason. ' +
      'Overriding the value with an annotation also needs a match in valid_entropy_sources.',
    go: 'An empty value becomes /dev/urandom and the path is not checked when the file is loaded. Used by QEMU and Cloud Hypervisor; the Firecracker loader reads it but Firecracker does not use it.',
    rs: 'A non-empty value must exist on the host or loading fails ("Entropy source ... is invalid"). Only the Cloud Hypervisor back end uses it; the runtime-rs QEMU back end always uses /dev/urandom.',
  },

  'hypervisor/extra_monitor_socket': {
    summary: 'Open an extra QEMU monitor socket (hmp, qmp or qmp-pretty) for debugging.',
    description:
      'Starts QEMU with a second monitor socket next to the one Kata uses itself, so that a person or a tool can inspect the running VM. ' +
      'It only takes effect when enable_debug = true. ' +
      'Whoever can reach the socket has full control over the VM, so never turn it on in production. ' +
      'An empty string, the default, disables it.',
    go: 'QEMU only. Any value other than "", "hmp", "qmp" or "qmp-pretty" makes loading fail ("Invalid hypervisor extra monitor socket ...").',
    rs: 'Read from 3.32.0 on, with dbg_monitor_socket accepted as an alias. In 3.10.0 and 3.20.0 the field was called dbg_monitor_socket, so extra_monitor_socket was ignored there. Values are not validated: anything other than "hmp" or "qmp-pretty" yields a QMP socket.',
    values: {
      hmp: 'Human monitor protocol: an interactive text console, convenient for manual inspection with a tool such as socat.',
      qmp: 'QEMU Machine Protocol with compact JSON messages, meant for scripts and tools.',
      'qmp-pretty': 'QEMU Machine Protocol with indented, easier to read JSON replies.',
    },
  },

  'hypervisor/factory': {
    summary: 'runtime-rs [hypervisor.<name>.factory] sub-table that configures VM templating.',
    description:
      'In runtime-rs, VM templating lives in a sub-table of the hypervisor table rather than in a top-level [factory] table. ' +
      'It takes enable_template, which boots new sandboxes by cloning a pre-booted template VM whose memory is shared read-only, and template_path, the directory holding the template state (/run/vc/vm/template when left empty). ' +
      'Any other key inside this table is a load error, because the table rejects unknown fields.',
    go: 'The Go runtime does not read this sub-table; it uses the top-level [factory] table (enable_template, template_path, vm_cache_number, vm_cache_endpoint).',
    rs: 'Available from 3.32.0. Up to 3.20.0 the runtime-rs templates carried a Go-style top-level [factory] table that runtime-rs never read.',
  },

  'hypervisor/file_mem_backend': {
    summary: 'Host directory for file-backed guest memory (removed in 3.32.0).',
    description:
      'Made QEMU back the guest RAM with a file created in the given directory instead of anonymous memory. ' +
      'With virtio-fs, file-backed memory was set up automatically anyway, in /dev/shm unless this key named another directory. ' +
      'It did not work together with VM templating. ' +
      'Both runtimes dropped the key in 3.32.0, and later releases silently ignore it.',
    go: 'QEMU only, 3.2.0 to 3.20.0; the matching annotation was gated by valid_file_mem_backends.',
    rs: 'Accepted from 3.2.0 to 3.20.0; a non-empty path had to exist ("Memory backend file ... is invalid").',
  },

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
    go: 'QEMU only; accepted at every studied release.',
    rs: 'runtime-rs has no such field. The key in the runtime-rs QEMU templates (3.10.0 on; the 3.32.0 and 4.1.0 NVIDIA GPU template even contains the unexpanded @FIRMWAREVOLUMEPATH_NV@ placeholder) is silently ignored, and there is no replacement.',
  },

  'hypervisor/guest_extension_images': {
    summary: 'Extra read-only disk images cold-plugged into the guest (array of tables, 4.1.0).',
    description:
      'Each [[hypervisor.<name>.guest_extension_images]] entry attaches one read-only raw image as a virtio-blk disk with the serial extension-<name>, and adds kata.extension.<name>.verity_params to the kernel command line so the guest can find, verify and mount it. ' +
      'The 4.1.0 confidential and NVIDIA configurations of runtime-rs ship guest components this way. ' +
      'Keys: name (required; ASCII letters, digits, - and _ only), path (the image on the host; an entry with an empty path attaches no disk) and verity_params (same format as kernel_verity_params, empty for an unverified image). ' +
      'An invalid name or unparsable verity_params makes loading fail.',
    go: '4.1.0 only, QEMU only; no Go template uses it. The image path is not checked when the file is loaded.',
    rs: '4.1.0 only. A non-empty path must exist, and an entry without name is a parse error. The kernel parameter is emitted by the QEMU back end.',
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

  'hypervisor/guest_memory_dump_paging': {
    summary: 'Include guest paging information in the memory dump taken on a guest panic.',
    description:
      'When a memory dump is written (see guest_memory_dump_path), QEMU walks the guest page tables so the vmcore also records virtual-to-physical mappings, which analysis tools such as crash rely on. ' +
      'Such a dump takes longer to produce. ' +
      'It does nothing unless guest_memory_dump_path is set.',
    go: 'QEMU only.',
    rs: 'Accepted, but in the 4.1.0 source no runtime-rs back end acts on it.',
  },

  'hypervisor/guest_memory_dump_path': {
    summary: 'Host directory that receives a guest memory dump when the guest kernel panics.',
    description:
      'Setting a directory adds a pvpanic device to the VM; when the guest panics, the runtime writes a vmcore together with the sandbox state, the hypervisor configuration and its version under <path>/<sandbox-id>. ' +
      'Dumps are as large as guest memory and take time to write, and no dump is taken when the filesystem has less free space than twice the guest memory. ' +
      'Leave it empty, the default, to disable dumping.',
    go: 'QEMU only.',
    rs: 'Accepted, but in the 4.1.0 source no runtime-rs back end acts on it.',
  },

  'hypervisor/guest_swap_create_threshold_secs': {
    summary: 'Seconds runtime-rs waits before creating guest swap (used with enable_guest_swap).',
    description:
      'With enable_guest_swap on, runtime-rs does not add swap right away: its swap task first sleeps for this many seconds. ' +
      'Afterwards it compares the swap needed for the current guest memory with what is already attached and adds the difference as a new swap file. ' +
      'This avoids creating swap files for short-lived sandboxes; the default is 60.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.20.0. The QEMU back end rejects enable_guest_swap, so this only matters for other back ends.',
  },

  'hypervisor/guest_swap_path': {
    summary: 'Host directory in which runtime-rs creates guest swap files.',
    description:
      'For enable_guest_swap, runtime-rs writes the swap files into a per-sandbox subdirectory of this path and hot-plugs them into the VM as block devices. ' +
      'Choose a filesystem with enough free space; creating a swap file fails when there is not enough room. ' +
      'The default is /run/kata-containers/swap.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.20.0. In rootless mode runtime-rs replaces the value with a path below its rootless runtime directory.',
  },

  'hypervisor/guest_swap_size_percent': {
    summary: 'Guest swap size as a percentage of the current guest memory (runtime-rs).',
    description:
      'Determines how much swap runtime-rs provides for enable_guest_swap: the target is this percentage of the memory currently assigned to the VM, and only the part not yet covered by existing swap files is added. ' +
      'The default of 100 gives as much swap as guest memory.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.20.0.',
  },

  'hypervisor/hot_plug_vfio': {
    summary: 'PCIe port type used for hot-plugged VFIO devices: no-port, bridge-port, root-port, switch-port.',
    description:
      'Decides where QEMU or Cloud Hypervisor attaches VFIO devices (GPUs, NICs and similar) that are hot-plugged after the VM has started. ' +
      'For root-port and switch-port the VM is created with enough PCIe ports, taken from pcie_root_port / pcie_switch_port or from the devices known at start. ' +
      'Only one of hot_plug_vfio and cold_plug_vfio may be set to something other than no-port. ' +
      'An empty value means no-port.',
    go: 'QEMU and Cloud Hypervisor only; other hypervisors log a warning and ignore it. The value is checked when machine_type is q35 or virt. Cloud Hypervisor accepts only no-port and root-port from 3.32.0 on, and up to 3.20.0 it insisted on root-port whenever a VFIO port was configured.',
    rs: 'Not a runtime-rs key: the copies in the 3.10.0 and 3.20.0 runtime-rs templates were ignored. runtime-rs up to 3.32.0 had the boolean hotplug_vfio_on_root_bus instead, and sizes its PCIe ports with pcie_root_port / pcie_switch_port.',
    values: {
      'no-port': 'No PCIe ports are prepared for VFIO hot-plug (the default); with both plug settings at no-port on q35 no extra PCIe topology is created.',
      'bridge-port': 'Hot-plugs VFIO devices behind a PCI bridge (see default_bridges); QEMU only.',
      'root-port': 'Hot-plugs each VFIO device into its own PCIe root port; accepted by QEMU and Cloud Hypervisor.',
      'switch-port': 'Hot-plugs VFIO devices into downstream ports of an emulated PCIe switch; QEMU only.',
    },
  },

  'hypervisor/hotplug_vfio_on_root_bus': {
    summary: 'runtime-rs flag to hot-plug VFIO devices on the root bus; removed in 4.1.0, never read by Go.',
    description:
      'The intent was to attach hot-plugged VFIO devices directly to the root bus instead of a PCI bridge, which helps devices with large PCI BARs. ' +
      'runtime-rs accepted the boolean from 3.2.0 to 3.32.0 (Dragonball rejects true), and from 4.1.0 on it is unknown and silently ignored. ' +
      'The Go runtime never read it, although its 3.2.0 and 3.10.0 templates still mentioned it and the 3.2.0 NVIDIA GPU template even set it; in the Go runtime use hot_plug_vfio = "root-port".',
    go: 'Ignored at every studied release; the Go key is hot_plug_vfio.',
    rs: 'Parsed from 3.2.0 to 3.32.0. In 3.32.0 it is copied into the PCIe topology description, but no device placement in the source reads it. Gone in 4.1.0.',
  },

  'hypervisor/hugepage_type': {
    summary: 'Kind of huge pages backing guest RAM when enable_hugepages is on (runtime-rs, Dragonball).',
    description:
      'Chooses how runtime-rs backs guest memory with huge pages: pre-reserved hugetlbfs pages or transparent huge pages. ' +
      'It is only consulted when enable_hugepages = true, and in the 4.1.0 source only by the Dragonball back end. ' +
      'No template mentions it; the default is hugetlbfs, and any other string is a parse error.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.10.0.',
    values: {
      hugetlbfs: 'Guest memory comes from the hugetlbfs mount at /dev/hugepages, so huge pages must be reserved on the host beforehand (default).',
      thp: 'Guest memory is shared memory using transparent huge pages; nothing needs to be reserved, but huge-page backing is best effort.',
    },
  },

  'hypervisor/hypervisor_loglevel': {
    summary: 'Verbosity (1-3) of the Cloud Hypervisor process log (Go runtime, 3.20.0+).',
    description:
      'Sets how many -v flags Cloud Hypervisor is started with: 1 gives info, 2 debug and 3 trace-level messages. ' +
      'It only has an effect together with enable_debug = true. ' +
      'Higher levels slow VM boot noticeably and can flood the log, so 1 is usually enough to diagnose boot failures.',
    go: 'Added in 3.20.0. 0 becomes 1 and values above 3 become 3. The QEMU and StratoVirt loaders also read it, but only Cloud Hypervisor uses it.',
    rs: 'Not a runtime-rs key; runtime-rs uses the string log_level instead.',
  },

  'hypervisor/hypervisor_socket': {
    summary: 'Unix socket of the remote hypervisor service (peer pods) for runtime-rs [hypervisor.remote].',
    description:
      'With the remote hypervisor, runtime-rs does not start a VMM itself but asks a service such as the peer-pods cloud-api-adaptor, reached through this socket, to create the VM. ' +
      'An empty value becomes /run/peerpod/hypervisor.sock, and the socket must exist when the configuration is loaded. ' +
      'Only the remote table uses it.',
    go: 'Not read by the Go runtime; the Go key is remote_hypervisor_socket.',
    rs: 'Added in 3.20.0. The runtime-rs remote template writes remote_hypervisor_socket (the Go name), which runtime-rs ignores; it only works because that value equals the default.',
  },

  'hypervisor/hypervisor_timeout': {
    summary: 'Seconds runtime-rs waits for the remote hypervisor service to start the VM (peer pods).',
    description:
      'Sets the timeout of the StartVM call to the remote hypervisor service, which creates a cloud instance and may need minutes. ' +
      '0 or an absent value means 600 seconds, and the effective timeout is never shorter than the one the runtime itself passes for that call. ' +
      'Only the [hypervisor.remote] table uses it.',
    go: 'Not read by the Go runtime; the Go key is remote_hypervisor_timeout.',
    rs: 'Added in 3.20.0 as a signed 32-bit integer. The runtime-rs remote template writes remote_hypervisor_timeout (the Go name), which runtime-rs ignores.',
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

  'hypervisor/indep_iothreads': {
    summary: 'Number of independent QEMU I/O threads created at boot for hot-plugged virtio-blk disks.',
    description:
      'Creates this many standalone I/O threads when QEMU starts. ' +
      'When enable_iothreads is also true and the block driver is virtio-blk, hot-plugged block devices are attached to the first of these threads, which takes their I/O off the main loop. ' +
      '0, the default, creates none.',
    go: 'Added in 3.32.0. QEMU uses it; the Firecracker and Cloud Hypervisor loaders read it without effect.',
    rs: 'Added in 3.32.0. The threads are only created when block_device_driver is virtio-blk-pci.',
  },

  'hypervisor/initdata': {
    summary: 'Confidential-containers initdata handed to the guest (runtime-rs; normally set by annotation).',
    description:
      'Holds the initdata document, that is policies, configuration and identity material for the guest components of a confidential VM, following the CoCo initdata specification. ' +
      'runtime-rs provides it to the guest and uses its digest in the confidential-guest setup so that it is covered by attestation. ' +
      'It is normally filled per pod from the io.katacontainers.config.hypervisor.cc_init_data annotation, which carries the document gzip-compressed and base64-encoded; no template sets it.',
    go: 'The Go runtime has no such key; it only takes initdata from the cc_init_data annotation.',
    rs: 'Added in 3.20.0. For the remote hypervisor the value is forwarded to the peer-pods service.',
  },

  'hypervisor/initrd': {
    summary: 'Host path of a guest initramfs image, used instead of a root filesystem disk image.',
    description:
      'Boots the guest from an initial RAM disk that contains the agent instead of from a disk image. ' +
      'Set either initrd or image, not both. ' +
      'The initrd is unpacked into guest RAM, so it must be clearly smaller than default_memory. ' +
      'A non-empty path must exist.',
    go: 'An initrd whose size in MiB reaches default_memory is an error. Up to 3.20.0, factory.enable_template required an initrd. StratoVirt (3.10.0+) refuses image and initrd together at load; for QEMU and Firecracker that combination fails when the VM is created.',
    rs: 'Setting both image and initrd is a load error. The remote hypervisor refuses initrd.',
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
    go: 'Added in 3.32.0. The value is parsed when the VM is created, so a malformed value surfaces then rather than at load.',
    rs: 'Added in 3.32.0. The value is parsed when the VMM command line is built or when an annotation replaces it.',
  },

  'hypervisor/log_level': {
    summary: 'runtime-rs log level for hypervisor messages: trace, debug, info, warn, error or critical.',
    description:
      'Filters the log records that runtime-rs emits for its hypervisor component. ' +
      'Unrecognised strings are treated as info, which is also the default. ' +
      'Only the table named by runtime.hypervisor_name counts.',
    go: 'Not a Go runtime key; the Go runtime uses enable_debug and the numeric hypervisor_loglevel (Cloud Hypervisor only).',
    rs: 'Added in 3.10.0. From 3.32.0 on, enable_debug = true turns the default info into debug.',
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

  'hypervisor/measurement_algo': {
    summary: 'Hash algorithm for Arm CCA realm measurements: sha512 or sha256 (Go runtime, QEMU on arm64).',
    description:
      'Chooses the algorithm QEMU uses to measure the initial contents of an Arm CCA realm, the confidential guest on arm64; the attestation verifier must expect the same algorithm. ' +
      'It is only used when confidential_guest = true on an arm64 host with CCA and is ignored elsewhere. ' +
      'An empty value means sha512.',
    go: 'Added in 3.32.0; only the 3.32.0 qemu-cca template set it. Other values fail when the VM is created ("invalid measurement algo: ..., should be sha512 or sha256"). The Cloud Hypervisor loader reads it without effect.',
    rs: 'Not a runtime-rs key; ignored.',
    values: {
      sha512: 'Measure the realm with SHA-512 (the default).',
      sha256: 'Measure the realm with SHA-256, for verifiers that expect it.',
    },
  },

  'hypervisor/memory_offset': {
    summary: 'Extra guest address space in MiB reserved for NVDIMM devices (QEMU).',
    description:
      'When the guest image or block devices are attached as NVDIMM, QEMU needs room for them in the guest physical address space. ' +
      'This value, in MiB, is added to the maximum memory that QEMU reserves for hot-plug, on top of default_maxmemory and a fixed 1024 MiB. ' +
      'Set it to roughly the size of the NVDIMM-backed block devices; 0, the default, adds nothing.',
    go: 'Used by QEMU on x86_64, arm64 and ppc64le, and not for confidential guests. The Firecracker template mentions it but the Firecracker loader ignores it. The field is an unsigned 64-bit integer, so a negative number wraps around silently.',
    rs: 'Accepted, and reset to 0 when disable_block_device_use is true, but in the 4.1.0 source the runtime-rs QEMU back end does not use it.',
  },

  'hypervisor/memory_path': {
    summary: 'Internal runtime-rs path of the VM template memory file; set by the runtime, not by users.',
    description:
      'Part of the runtime-rs VM templating state: the file that holds the memory of the template VM. ' +
      'When templating is enabled in [hypervisor.<name>.factory], runtime-rs sets it to <template_path>/memory itself and overwrites anything given in the file; otherwise nothing uses it. ' +
      'No template mentions it; configure template_path instead.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'A struct field since 3.32.0.',
  },
};
