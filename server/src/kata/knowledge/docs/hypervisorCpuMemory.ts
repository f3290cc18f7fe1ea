// Key documentation for [hypervisor.<name>] keys for guest vCPUs and memory: sizing, hotplug, huge pages, NUMA, ballooning, guest swap and nested virtualisation.
import type { KeyDoc } from './types';

export const HYPERVISOR_CPU_MEMORY_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: vCPUs and memory size
  // ---------------------------------------------------------------------------
  'hypervisor/default_vcpus': {
    summary: 'Number of vCPUs the VM boots with; fractions allowed from 3.3.0 (Go) and 3.20.0 (runtime-rs).',
    description:
      'Base number of virtual CPUs for the sandbox VM. For containers with CPU limits, more vCPUs are hot-plugged on top of it; with static_sandbox_resource_mgmt, they are added before boot instead. ' +
      'Where the type is a float, a fractional value such as 0.5 is allowed, and the VM boots with the value rounded up to a whole vCPU. ' +
      'A negative value, or more CPUs than the host has, means all host CPUs; 0 means 1.',
    go:
      'A float from 3.3.0; an integer in 3.2.0, where a value like 1.5 is a type error. ' +
      'The clamp to the host CPU count does not take default_maxvcpus into account. The remote table does not read the key.',
    rs: 'An integer up to 3.19.1 and a float from 3.20.0. After clamping to the host CPU count, the value is also capped at default_maxvcpus.',
  },
  'hypervisor/default_maxvcpus': {
    summary: 'Most vCPUs the VM can have after CPU hotplug; 0 means the host CPU count.',
    description:
      'Sets the number of vCPUs the VM can grow to. ' +
      '0, or more than the host has, means the host CPU count. ' +
      'A smaller value can reduce VM overhead, but it limits how many CPUs containers can get through hotplug. It must not be below default_vcpus.',
    go:
      'After that, the value is capped at the architecture limit (amd64 240, arm64 123 with GICv3, ppc64le 128, s390x 248, riscv64 512 from 3.16.0). ' +
      'The remote table does not read it. With static_sandbox_resource_mgmt it is replaced by the rounded-up vCPU count.',
    rs:
      'runtime-rs first turns 0, or a value above the host CPU count, into that count, and only then checks each hypervisor\'s limit: QEMU, Cloud Hypervisor and OpenVMM (4.1.0) take at most 256 vCPUs, Firecracker (3.7.0+) 32. So a larger value is refused only on hosts with more CPUs than the limit, and 0 is refused on such hosts too. ' +
      'Dragonball never refuses: it lowers anything above 256 to 256 (and default_vcpus with it if that is larger). ' +
      'The remote hypervisor refuses any value that ends up below the host CPU count (0 and larger values work everywhere). With static_sandbox_resource_mgmt it is set to the rounded-up vCPU count.',
  },
  'hypervisor/default_memory': {
    summary: 'Memory the VM gets at boot, in MiB.',
    description:
      'Base amount of guest RAM, in MiB. ' +
      'For containers with memory limits, more memory is hot-plugged on top of it; with static_sandbox_resource_mgmt, the workload memory is added before boot instead. ' +
      'Leave enough room for the guest kernel, the agent and any initrd or in-memory root file system.',
    go:
      'Values below 256 MiB, including 0, are silently replaced by 2048. An initrd at least as large as this memory size is an error when loading. ' +
      'Read for firecracker, qemu, clh, dragonball and stratovirt; the remote table does not read it.',
    rs:
      'When the value is 0, most hypervisors use 128 MiB (remote: 64). QEMU, Cloud Hypervisor, Dragonball and remote reject values below 64 MiB, and Firecracker values below 128 MiB. ' +
      'Values above the host RAM are reduced to the host RAM.',
  },
  'hypervisor/default_maxmemory': {
    summary: 'Upper limit, in MiB, for guest memory hotplug; 0 means all host memory.',
    description:
      'Sets the most memory, in MiB, that the VM can reach through memory hotplug. ' +
      '0, or any value above the host RAM, means the host RAM size. ' +
      'Lower it to cap the memory any single sandbox can ever use. With static_sandbox_resource_mgmt there is no hotplug, so it matters less there.',
    go:
      'Read for firecracker, qemu, clh and stratovirt. ' +
      'The value is unsigned with no range check, so a negative number silently wraps to a huge value and then becomes the host RAM size.',
    rs:
      'Accepted from 3.3.0. The remote hypervisor requires it to equal host RAM (0 works). ' +
      'On ppc64le builds (3.29.0+) it is rounded down to a multiple of 256 MiB and must stay above default_memory.',
  },
  'hypervisor/overhead_vcpus': {
    summary: 'Fractional vCPUs added to the pod CPU limits when runtime-rs sizes a sandbox statically.',
    description:
      'With static_sandbox_resource_mgmt = true and workload limits present, runtime-rs gives the VM the requested CPUs plus this overhead, never less than one vCPU, and rounds up to whole vCPUs at boot. When the pod has no limits, default_vcpus is used instead, and without static sizing the key is ignored. Fractions such as 0.2 or 0.5 are allowed; in static mode default_maxvcpus is set to the rounded-up vCPU count.',
    go:
      'No Go equivalent: in static mode the Go runtime adds the workload CPU limit to default_vcpus.',
    rs: 'Added in 4.0.0; a missing key counts as 0.0, while the shipped templates use 0.2 (0.4 for the confidential qemu files, 0.5 for the NVIDIA GPU files; the remote and Firecracker files leave it out).',
  },
  'hypervisor/overhead_memory': {
    summary: 'MiB added to the pod memory limits when runtime-rs sizes a sandbox statically.',
    description:
      'With [runtime] static_sandbox_resource_mgmt = true and a pod that declares memory or CPU limits, runtime-rs boots the VM with the requested memory plus this many MiB, leaving room for the guest kernel, the agent and caches. When the pod declares no limits, default_memory is used instead, and without static sizing the key has no effect. If only a CPU limit is present the VM gets exactly overhead_memory MiB, so keep it comfortably above zero; a computed size of 0 MiB aborts sandbox creation.',
    go:
      'The Go runtime has no such key; in static mode it adds the workload limits on top of default_memory instead.',
    rs:
      'Added in 4.0.0. A missing key counts as 0, while the shipped templates set 32 (plain qemu, clh, dragonball, openvmm), 128 (confidential qemu and nvidia-cpu), 512 (NVIDIA GPU) or 768 (qemu-se); the remote and Firecracker files leave it out. default_maxmemory is raised to the computed size when it is lower.',
  },
  'hypervisor/memory_slots': {
    summary: 'Number of memory hotplug slots in the VM, i.e. how many times memory can be hot-added.',
    description:
      'Every time the runtime grows the memory of a running sandbox it uses up one slot, so this value caps the number of separate memory hot-add operations a VM can receive. Raise it for long-lived pods whose containers are resized often. It matters little when memory hotplug is not used at all, for example with static sandbox sizing or confidential guests. The shipped templates set 10.',
    go:
      'A value of 0, or leaving the key out, becomes 10. The QEMU driver narrows the number to 8 bits when it builds the memory topology, so values above 255 wrap around; keep it small.',
    rs:
      'The qemu, clh and dragonball plugins replace 0 with 128 (not 10). Firecracker has no fallback, so 0 there fails validation with "Configured memory slots for guest VM are zero". In 4.1.0 only the QEMU driver hands the value to the VMM.',
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
  'hypervisor/enable_virtio_mem': {
    summary: 'Resize guest memory through a virtio-mem device instead of pluggable memory modules.',
    description:
      'Adds a virtio-mem device covering the range between default_memory and default_maxmemory and grows or shrinks guest memory through it when the sandbox size changes. ' +
      'It allows finer-grained resizing than hot-plugging whole memory modules. ' +
      'The host normally needs /proc/sys/vm/overcommit_memory set to 1 for it to work.',
    go: 'Only QEMU acts on it. On s390x (s390-ccw-virtio) memory hot-plug only works through virtio-mem, so memory resizing fails there without it.',
    rs: 'Used by the QEMU back end only.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: memory backing
  // ---------------------------------------------------------------------------
  'hypervisor/enable_mem_prealloc': {
    summary: 'Allocate all guest RAM on the host up front when the VM starts.',
    description:
      'Reserves and touches the whole VM memory at start instead of on first use, giving more predictable performance and avoiding allocation failures later on. ' +
      'The price is higher host memory use and slower start-up, so fewer sandboxes fit on a host.',
    go: 'Only QEMU acts on it; the Cloud Hypervisor loader reads it without using it, and the Firecracker template mentions it although the Firecracker loader ignores it. QEMU also turns pre-allocation on by itself when huge pages are combined with virtio-fs.',
    rs: 'Used by QEMU (pre-allocated memory backend) and Cloud Hypervisor (prefaulted memory).',
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
  'hypervisor/hugepage_type': {
    summary: 'Kind of huge pages backing guest RAM when enable_hugepages is on (runtime-rs, Dragonball).',
    description:
      'Chooses how runtime-rs backs guest memory with huge pages: pre-reserved hugetlbfs pages or transparent huge pages. ' +
      'It is only consulted when enable_hugepages = true, and in the 4.1.0 source only by the Dragonball back end. ' +
      'No template mentions it; the default is hugetlbfs, and any other string is a parse error.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.3.0.',
    values: {
      hugetlbfs: 'Guest memory comes from the hugetlbfs mount at /dev/hugepages, so huge pages must be reserved on the host beforehand (default).',
      thp: 'Guest memory is shared memory using transparent huge pages; nothing needs to be reserved, but huge-page backing is best effort.',
    },
  },
  'hypervisor/file_mem_backend': {
    summary: 'Host directory for file-backed guest memory (removed in 3.32.0).',
    description:
      'Made QEMU back the guest RAM with a file created in the given directory instead of anonymous memory. ' +
      'With virtio-fs, file-backed memory was set up automatically anyway, in /dev/shm unless this key named another directory. ' +
      'It did not work together with VM templating. ' +
      'Both runtimes dropped the key in 3.32.0, and later releases silently ignore it.',
    go: 'QEMU only, 3.2.0 to 3.31.0; the matching annotation was gated by valid_file_mem_backends.',
    rs: 'Accepted from 3.2.0 to 3.31.0; a non-empty path had to exist ("Memory backend file ... is invalid").',
  },
  'hypervisor/enable_numa': {
    summary: 'Give the VM a NUMA topology bound to host NUMA nodes (Go runtime, QEMU, 3.27.0+).',
    description:
      'When true, QEMU creates guest NUMA nodes tied to host nodes: one guest node per host node by default, or as described by numa_mapping. ' +
      'This keeps memory and device locality for demanding workloads such as GPU jobs. ' +
      'More than one guest node requires static_sandbox_resource_mgmt = true in [runtime] and is only supported on amd64 and arm64; both conditions make loading fail otherwise. ' +
      'If numa_mapping cannot be parsed, NUMA is dropped with a warning.',
    go: 'Added in 3.27.0 and read by the QEMU loader only. The multi-node checks (static sizing, amd64 or arm64) exist from 3.32.0; before that a multi-node guest was not refused at load.',
    rs: 'Not a runtime-rs key; runtime-rs ignores it.',
  },
  'hypervisor/numa_mapping': {
    summary: 'Maps each guest NUMA node to a set of host NUMA nodes (Go runtime, QEMU).',
    description:
      'Each list entry creates one guest NUMA node and names the host node or nodes backing it in cpuset syntax, such as "0" or "0-1"; ["0", "1"] therefore yields two guest nodes bound to host nodes 0 and 1. With an empty list and enable_numa = true, the guest mirrors the host topology one to one. The key is only consulted when enable_numa is true. A guest with more than one NUMA node requires [runtime] static_sandbox_resource_mgmt = true and an amd64 or arm64 build, otherwise loading fails.',
    go:
      'Added in 3.27.0 and read only from [hypervisor.qemu]; the multi-node checks exist from 3.32.0. An entry that cannot be parsed, or a host node whose CPUs cannot be read, does not fail the load: a warning is logged and the guest gets no NUMA topology.',
    rs: 'runtime-rs has no numa_mapping key; it is ignored.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: reclaim and swap
  // ---------------------------------------------------------------------------
  'hypervisor/reclaim_guest_freed_memory': {
    summary: 'Let the host take back memory freed by the guest (virtio-balloon free page reporting).',
    description:
      'When true, the VM gets a virtio-balloon device with free page reporting, so pages released inside the guest are handed back to the host and the resident size of the VM shrinks. The cost is extra work on memory release and possibly slower memory access in the guest. Useful for dense hosts running pods whose memory use varies. Default false.',
    go:
      'Accepted since 3.17.0 and read for clh from then on, for qemu only from 3.21.0 (when the qemu templates started to mention it). Both drivers skip the balloon when confidential_guest is true.',
    rs: 'Accepted since 3.14.0 and applied by the qemu, clh and dragonball drivers.',
  },
  'hypervisor/enable_balloon_f_reporting': {
    summary: 'Free page reporting on the Dragonball balloon device (runtime-rs 3.9–3.13 only).',
    description:
      'When true, the virtio-balloon device that runtime-rs creates gets the free page reporting feature, so the guest tells the host which pages it freed and the host can take that memory back. ' +
      'The key existed only in runtime-rs 3.9.0 to 3.13.0 and only the Dragonball back end used it. ' +
      'From 3.14.0 on it is unknown and silently ignored; use reclaim_guest_freed_memory instead.',
    go: 'Not a Go runtime key and ignored there; the Go counterpart is reclaim_guest_freed_memory (3.17.0 and later).',
    rs: 'Accepted from 3.9.0 to 3.13.0; replaced by reclaim_guest_freed_memory in 3.14.0.',
  },
  'hypervisor/enable_guest_swap': {
    summary: 'Let the runtime add swap space to the guest through hot-plugged swap files.',
    description:
      'When enabled, the runtime creates swap files on the host and attaches them to the VM as block devices, so the guest can swap instead of running out of memory. ' +
      'It is off by default: the files use host disk space and swapping inside the VM can hurt latency.',
    go: 'QEMU only. Swap is only added for containers whose memory swappiness is above 0, and its size is derived from the container swap and memory limits.',
    rs: 'From 3.15.0 runtime-rs implements it, tuned by guest_swap_path, guest_swap_size_percent and guest_swap_create_threshold_secs, but the QEMU back end rejects enable_guest_swap = true at load ("Qemu hypervisor doesn\'t support enable_guest_swap"). Up to 3.14.0 it had no effect and Dragonball refused it.',
  },
  'hypervisor/guest_swap_create_threshold_secs': {
    summary: 'Seconds runtime-rs waits before creating guest swap (used with enable_guest_swap).',
    description:
      'With enable_guest_swap on, runtime-rs does not add swap right away: its swap task first sleeps for this many seconds. ' +
      'Afterwards it compares the swap needed for the current guest memory with what is already attached and adds the difference as a new swap file. ' +
      'This avoids creating swap files for short-lived sandboxes; the default is 60.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.15.0. The QEMU back end rejects enable_guest_swap, so this only matters for other back ends.',
  },
  'hypervisor/guest_swap_path': {
    summary: 'Host directory in which runtime-rs creates guest swap files.',
    description:
      'For enable_guest_swap, runtime-rs writes the swap files into a per-sandbox subdirectory of this path and hot-plugs them into the VM as block devices. ' +
      'Choose a filesystem with enough free space; creating a swap file fails when there is not enough room. ' +
      'The default is /run/kata-containers/swap.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.15.0. In rootless mode runtime-rs replaces the value with a path below its rootless runtime directory.',
  },
  'hypervisor/guest_swap_size_percent': {
    summary: 'Guest swap size as a percentage of the current guest memory (runtime-rs).',
    description:
      'Determines how much swap runtime-rs provides for enable_guest_swap: the target is this percentage of the memory currently assigned to the VM, and only the part not yet covered by existing swap files is added. ' +
      'The default of 100 gives as much swap as guest memory.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.15.0.',
  },
  'hypervisor/enable_swap': {
    summary: 'Obsolete runtime-rs flag about swapping VM memory; parsed from 3.2.0 to 3.13.0 but never used.',
    description:
      'runtime-rs 3.2.0 to 3.13.0 accepted this boolean, which was meant to allow the memory of the VM to be swapped, but no hypervisor back end acted on it and no template mentioned it. ' +
      'It was removed in 3.14.0 and is silently ignored since. ' +
      'For swap inside the guest use enable_guest_swap.',
    go: 'The Go runtime never had this key and ignores it.',
    rs: 'A struct field from 3.2.0 to 3.13.0 only.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: nested virtualisation
  // ---------------------------------------------------------------------------
  'hypervisor/disable_nested_virtualization': {
    summary: 'Hide hardware virtualisation support from the guest (Cloud Hypervisor, runtime-rs 4.1.0).',
    description:
      'Controls whether the guest vCPUs expose virtualisation extensions, which software inside the VM would need to run its own VMs. ' +
      'true turns nested virtualisation off and false turns it on explicitly. If the key is left out, the option is not passed at all, so Cloud Hypervisor keeps its own default. ' +
      'Only Cloud Hypervisor under runtime-rs uses it.',
    go: 'No such key in the Go runtime; ignored.',
    rs: 'Added in 4.1.0 and read only by the clh table. On Microsoft Hypervisor (MSHV) hosts, nesting is always off whatever this key says.',
  },
  'hypervisor/disable_nesting_checks': {
    summary: 'Skip the adjustments Kata makes when it detects that it runs inside a VM.',
    description:
      'When Kata runs on a host that is itself a VM (nested virtualisation), it puts QEMU virtio devices into legacy mode (disable-modern) to avoid problems with nesting. ' +
      'Setting this key to true skips that detection, so Kata behaves as on bare metal. This helps when the outer hypervisor handles modern virtio correctly. ' +
      'It has no effect on bare-metal hosts.',
    go: 'Several loaders read it, but only QEMU acts on it (its network, block, SCSI, 9p, serial and vsock virtio devices). The ACRN template (up to 3.9.0) only shows it commented out.',
    rs: 'In runtime-rs 4.1.0 the key only affects the QEMU vsock device; other devices apply the nested-VM workaround regardless of it.',
  },
};
