import type { KeyDoc } from './types';

/** Documentation of hypervisor keys memory_slots .. vm_rootfs_driver, written for kata-config. */
export const DOCS_PART_4: Record<string, KeyDoc> = {
  'hypervisor/memory_slots': {
    summary: 'Number of memory hotplug slots in the VM, i.e. how many times memory can be hot-added.',
    description:
      'Every time the runtime grows the memory of a running sandbox it uses up one slot, so this value caps the number of separate memory hot-add operations a VM can receive. Raise it for long-lived pods whose containers are resized often. It matters little when memory hotplug is not used at all, for example with static sandbox sizing or confidential guests. The shipped templates set 10.',
    go:
      'A value of 0, or leaving the key out, becomes 10. The QEMU driver narrows the number to 8 bits when it builds the memory topology, so values above 255 wrap around; keep it small.',
    rs:
      'The qemu, clh and dragonball plugins replace 0 with 128 (not 10). Firecracker has no fallback, so 0 there fails validation with "Configured memory slots for guest VM are zero". In 4.1.0 only the QEMU driver hands the value to the VMM.',
  },

  'hypervisor/msize_9p': {
    summary: 'Maximum 9p message size in bytes, used only when shared_fs is virtio-9p.',
    description:
      'Sets the msize mount option of the 9p share inside the guest, which is the largest payload one 9p message may carry; larger values can speed up big reads and writes. It only matters when shared_fs = "virtio-9p", which in practice means QEMU with the Go runtime. With virtio-fs the value is not used. Unit: bytes.',
    go:
      'Read from the qemu and clh tables; 0 or a missing key becomes 8192. Cloud Hypervisor refuses virtio-9p, so the value has no effect there, and the firecracker template carries it although that loader never reads it.',
    rs:
      'Only accepted from 3.2.0 to 3.20.0, while runtime-rs still supported virtio-9p: 0 then became 131072 and values outside 4096..8388608 were rejected. The field was dropped in 3.32.0, so the key is now silently ignored.',
  },

  'hypervisor/net_rate_limiter_bw_max_rate': {
    summary: 'Cloud Hypervisor network bandwidth cap for the VM, in bits per second (0 = unlimited).',
    description:
      'Configures the token-bucket bandwidth limiter that Cloud Hypervisor applies to the network devices of the VM; the same limit is used for traffic in both directions. The runtime converts the figure from bits to bytes and lets the bucket refill once per second. Leave it at 0 for no limit, and see net_rate_limiter_bw_one_time_burst for an initial extra allowance.',
    go:
      'Go runtime only, read from [hypervisor.clh] at all studied releases; other hypervisor tables accept the key but do nothing with it.',
    rs: 'Not a runtime-rs key; unknown keys in hypervisor tables are silently ignored there.',
  },

  'hypervisor/net_rate_limiter_bw_one_time_burst': {
    summary: 'One-off extra network allowance (in bits) on top of the Cloud Hypervisor bandwidth cap.',
    description:
      'Gives the bandwidth token bucket an initial credit that can be spent once in a burst, for example so a container can fetch data quickly right after start, without raising the sustained rate. The value is given in bits and converted to bytes like the max rate. It only has an effect together with a non-zero net_rate_limiter_bw_max_rate.',
    go:
      'If it is set while net_rate_limiter_bw_max_rate is 0, the loader logs a warning and resets it to 0. Only read from [hypervisor.clh].',
    rs: 'Not a runtime-rs key; ignored.',
  },

  'hypervisor/net_rate_limiter_ops_max_rate': {
    summary: 'Cloud Hypervisor cap on network I/O operations per second for the VM (0 = unlimited).',
    description:
      'Configures the operations token bucket of the Cloud Hypervisor network rate limiter, which counts I/O operations instead of bytes; the limit applies to both directions. Use it to keep a workload that sends many small packets from overloading the host. A value of 0 disables this limiter.',
    go: 'Go runtime only, read from [hypervisor.clh] at all studied releases.',
    rs: 'Not a runtime-rs key; ignored.',
  },

  'hypervisor/net_rate_limiter_ops_one_time_burst': {
    summary: 'One-off extra operations allowance for the Cloud Hypervisor network ops limiter.',
    description:
      'Adds an initial credit of operations to the ops token bucket that can be consumed once, above the steady rate. It is only used when net_rate_limiter_ops_max_rate is non-zero. The value is a number of operations, not bits.',
    go:
      'When net_rate_limiter_ops_max_rate is 0 the loader warns and forces this value to 0 (the template comment names the bandwidth key here, but the code checks the ops rate). Only read from [hypervisor.clh].',
    rs: 'Not a runtime-rs key; ignored.',
  },

  'hypervisor/network_queues': {
    summary: 'Number of virtio-net queue pairs per guest network interface (runtime-rs).',
    description:
      'Sets how many receive/transmit queue pairs each guest network device gets, so packet processing can be spread over several vCPUs. Values above 1 help network-heavy pods that also have several vCPUs; more queue pairs than vCPUs bring little. This is a runtime-rs key.',
    go: 'The Go runtime has no such key and ignores it.',
    rs:
      'Accepted at every studied release. Since 3.32.0 a value of 0 is raised to 1 and anything above 256 is capped at 256; earlier releases used the number as written. Cloud Hypervisor is given twice the value because it counts single queues rather than pairs.',
  },

  'hypervisor/num_queues': {
    summary: 'Number of request queues of virtio-blk devices (runtime-rs block multi-queue).',
    description:
      'Controls how many request queues a block device offers to the guest, so disk I/O can be submitted in parallel from several vCPUs. It pairs with queue_size, which sets the depth of each queue. A value of 0 is replaced by 1.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.32.0; older runtime-rs releases silently ignore it.',
  },

  'hypervisor/numa_mapping': {
    summary: 'Maps each guest NUMA node to a set of host NUMA nodes (Go runtime, QEMU).',
    description:
      'Each list entry creates one guest NUMA node and names the host node or nodes backing it in cpuset syntax, such as "0" or "0-1"; ["0", "1"] therefore yields two guest nodes bound to host nodes 0 and 1. With an empty list and enable_numa = true, the guest mirrors the host topology one to one. The key is only consulted when enable_numa is true. A guest with more than one NUMA node requires [runtime] static_sandbox_resource_mgmt = true and an amd64 or arm64 build, otherwise loading fails.',
    go:
      'Added in 3.32.0 and read only from [hypervisor.qemu]. An entry that cannot be parsed, or a host node whose CPUs cannot be read, does not fail the load: a warning is logged and the guest gets no NUMA topology.',
    rs: 'runtime-rs has no numa_mapping key; it is ignored.',
  },

  'hypervisor/overhead_memory': {
    summary: 'MiB added to the pod memory limits when runtime-rs sizes a sandbox statically.',
    description:
      'With [runtime] static_sandbox_resource_mgmt = true and a pod that declares memory or CPU limits, runtime-rs boots the VM with the requested memory plus this many MiB, leaving room for the guest kernel, the agent and caches. When the pod declares no limits, default_memory is used instead, and without static sizing the key has no effect. If only a CPU limit is present the VM gets exactly overhead_memory MiB, so keep it comfortably above zero; a computed size of 0 MiB aborts sandbox creation.',
    go:
      'The Go runtime has no such key; in static mode it adds the workload limits on top of default_memory instead.',
    rs:
      'Added in 4.1.0. A missing key counts as 0, while the shipped templates set 32. default_maxmemory is raised to the computed size when it is lower.',
  },

  'hypervisor/overhead_vcpus': {
    summary: 'Fractional vCPUs added to the pod CPU limits when runtime-rs sizes a sandbox statically.',
    description:
      'With static_sandbox_resource_mgmt = true and workload limits present, runtime-rs gives the VM the requested CPUs plus this overhead, never less than one vCPU, and rounds up to whole vCPUs at boot. When the pod has no limits, default_vcpus is used instead, and without static sizing the key is ignored. Fractions such as 0.2 or 0.5 are allowed; in static mode default_maxvcpus is set to the rounded-up vCPU count.',
    go:
      'No Go equivalent: in static mode the Go runtime adds the workload CPU limit to default_vcpus.',
    rs: 'Added in 4.1.0; a missing key counts as 0.0, while the shipped templates use 0.2.',
  },

  'hypervisor/path': {
    summary: 'Absolute path of the hypervisor (VMM) binary that is launched for each sandbox.',
    description:
      'Points the runtime at the QEMU, Cloud Hypervisor, Firecracker or StratoVirt executable used to create the VM. The file must exist; symlinks are resolved. Change it when the VMM is installed elsewhere or a specific build is needed, for example the experimental TDX or SNP QEMU builds. Pod annotations can only override it with values matched by valid_hypervisor_paths.',
    go:
      'Read by the qemu, clh, firecracker and stratovirt tables (and acrn in 3.2.0). An empty value is replaced by the build-time default, which on x86_64 builds is /usr/bin/qemu-system-x86_64 whatever the table; a missing file fails the load with "file ... does not exist". Dragonball and remote do not use it.',
    rs:
      'When empty, qemu falls back to /usr/bin/qemu-system-x86_64 and clh to /usr/bin/cloud-hypervisor; the file must exist in either case. Firecracker requires a non-empty path, and dragonball requires the key to be empty because that VMM is built into the shim.',
  },

  'hypervisor/pcie_root_port': {
    summary: 'Number of PCIe root ports created at boot so devices such as GPUs can be hot-plugged.',
    description:
      'Pre-creates this many PCIe root ports so that devices can be plugged into them later, typically VFIO passthrough devices with large BARs such as NVIDIA GPUs. It is only meaningful on a PCIe machine type such as q35. The GPU templates set 8; the default of 0 creates none.',
    go:
      'Read from the qemu and clh tables since 3.10.0; values above 16 are cut to 16. The 3.2.0 parser did not know the key, so the pcie_root_port = 1 written in that release\'s nvidia-gpu template had no effect.',
    rs:
      'Available at every studied release. Since 3.20.0 it cannot be combined with a non-zero pcie_switch_port ("Root Port and Switch Port set at the same time is forbidden."), and dragonball rejects any non-zero value.',
  },

  'hypervisor/pcie_switch_port': {
    summary: 'Number of PCIe switch downstream ports created at boot for device hot-plug.',
    description:
      'Builds a PCIe switch with this many downstream ports so passthrough devices can be attached behind a switch rather than directly to root ports, a layout some multi-GPU setups rely on. It is only meaningful on a PCIe machine type such as q35. The default of 0 creates no switch ports.',
    go:
      'Accepted by the Go parser since 3.10.0 and read for qemu and clh, with values above 16 cut to 16, but no Go template mentions it.',
    rs:
      'Accepted for qemu since 3.20.0 (clh since 3.32.0). Setting both this key and pcie_root_port above 0 is an error, and dragonball rejects any non-zero value.',
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

  'hypervisor/prefetch_list_path': {
    summary: 'Host path of a nydus prefetch list for the container image (runtime-rs, usually via annotation).',
    description:
      'Names a file that lists paths inside a nydus (RAFS) image which should be fetched eagerly when the image is mounted, so that the first accesses are fast. It is normally supplied per pod with the io.katacontainers.config.hypervisor.prefetch_files.list annotation rather than written into the file, and no shipped template sets it. When set, the file must exist. It is used by the nydus image handling, in particular the nydus support built into Dragonball.',
    go: 'Not a Go runtime key; ignored.',
    rs:
      'runtime-rs only, at every studied release; a path that does not exist fails with "prefetch_list_path `...` is invalid".',
  },

  'hypervisor/queue_size': {
    summary: 'Depth of each virtio-blk request queue (runtime-rs).',
    description:
      'Sets how many descriptors each block device queue holds, which bounds the number of requests in flight per queue. Larger queues can help storage workloads with deep I/O queues at a small memory cost. A value of 0 becomes 128.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'Added in 3.32.0 together with num_queues; older releases ignore it.',
  },

  'hypervisor/reclaim_guest_freed_memory': {
    summary: 'Let the host take back memory freed by the guest (virtio-balloon free page reporting).',
    description:
      'When true, the VM gets a virtio-balloon device with free page reporting, so pages released inside the guest are handed back to the host and the resident size of the VM shrinks. The cost is extra work on memory release and possibly slower memory access in the guest. Useful for dense hosts running pods whose memory use varies. Default false.',
    go:
      'Accepted since 3.20.0 and read for qemu and clh (the qemu template mentions it from 3.32.0). Both drivers skip the balloon when confidential_guest is true.',
    rs: 'Accepted for qemu since 3.20.0 (clh since 3.32.0) and applied by the qemu, clh and dragonball drivers.',
  },

  'hypervisor/remote_hypervisor_socket': {
    summary: 'Unix socket of the remote hypervisor service used for peer pods (Go runtime key).',
    description:
      'With [hypervisor.remote] the runtime starts no local VMM; it asks a remote hypervisor service, such as the cloud-api-adaptor used for peer pods, to create the VM, and this key is the Unix socket that service listens on. Change it only if the service was set up with another socket path. Default /run/peerpod/hypervisor.sock.',
    go:
      'Read from [hypervisor.remote] since 3.10.0; an empty value means /run/peerpod/hypervisor.sock. The socket is not checked when the file is loaded.',
    rs:
      'runtime-rs ignores this key even though its remote template (3.20.0 and later) sets it. The field runtime-rs reads is hypervisor_socket: empty means the same default path, and that socket must exist when the configuration is loaded. Since the template value equals the default, the mismatch usually goes unnoticed.',
  },

  'hypervisor/remote_hypervisor_timeout': {
    summary: 'Minimum seconds to wait for a remote hypervisor to start the pod VM (Go runtime key).',
    description:
      'Bounds how long the runtime waits for the remote hypervisor service to report that the pod VM is running; cloud instances can need minutes to boot, hence the generous default. The runtime uses the larger of this value and the timeout it was called with. Unit: seconds; default 600.',
    go: 'Read from [hypervisor.remote] since 3.10.0; 0 becomes 600.',
    rs:
      'Ignored by runtime-rs; the field it reads is hypervisor_timeout (seconds, 0 becomes 600). The runtime-rs remote template still writes remote_hypervisor_timeout, which has no effect.',
  },

  'hypervisor/rootfs_type': {
    summary: 'Filesystem of the guest root image: ext4, xfs or erofs.',
    description:
      'Tells the runtime which filesystem the guest image (the image key) was built with, so it can pass matching root filesystem type and mount flags on the kernel command line. It must agree with how the image was built, otherwise the guest cannot mount its root. It is irrelevant when the guest boots from an initrd. Defaults to ext4.',
    go:
      'An empty value means ext4. Other values than ext4, xfs and erofs are accepted at load time but make VM start fail with "unsupported rootfs type". In 3.2.0 the acrn table read it too.',
    rs:
      'qemu fills an empty value with ext4. The value is not checked at load; an unsupported type fails when the kernel parameters are built. The remote hypervisor rejects any non-empty rootfs_type.',
    values: {
      ext4: 'Default; the guest image is an ext4 filesystem mounted read-only.',
      xfs: 'The guest image is an XFS filesystem; only valid if the image was built that way.',
      erofs: 'The guest image uses the read-only EROFS filesystem, which yields compact images.',
    },
  },

  'hypervisor/rootless': {
    summary: 'Run the VMM process as an unprivileged, randomly created user instead of root.',
    description:
      'When true, the runtime creates a throw-away non-root user and starts the hypervisor under it, which limits what a compromised VMM could do on the host. Some features do not work in this mode, so test the workload before switching it on. Default false.',
    go: 'Read from the qemu and clh tables; the templates describe it for QEMU.',
    rs:
      'Supported by the qemu and clh drivers; dragonball rejects rootless = true. The runtime fills rootless_user itself with the account it creates and adds that account to the group owning /dev/kvm.',
  },

  'hypervisor/rootless_user': {
    summary: 'Sub-table naming the non-root account the VMM runs as in rootless mode (runtime-rs).',
    description:
      'The [hypervisor.<name>.rootless_user] table holds uid, gid, groups and user_name of the account used to start the hypervisor when rootless = true. It is effectively internal: in rootless mode runtime-rs creates a fresh user and overwrites whatever the file says, and outside rootless mode the table is not used. No shipped template sets it, so there is rarely a reason to write it.',
    go: 'Not a Go runtime key; ignored.',
    rs:
      'runtime-rs only, 3.32.0 and later. The table rejects unknown keys, so a misspelled field inside it is a load error.',
  },

  'hypervisor/rx_rate_limiter_max_rate': {
    summary: 'Inbound network bandwidth cap for the sandbox, in bits per second (0 = unlimited).',
    description:
      'Limits how fast the VM can receive network traffic. For QEMU the runtime installs a traffic-control shaper (an HTB qdisc) on the host side of the sandbox network; for Firecracker it programs the token-bucket limiter built into Firecracker, converting the value to bytes. 0 means no limit.',
    go:
      'Read from the qemu and firecracker tables at all studied releases; other tables ignore it. It is an unsigned 64-bit field without range check, so a negative number silently wraps to a huge value.',
    rs:
      'Accepted by runtime-rs, but as of 4.1.0 none of its hypervisor drivers applies it (dragonball explicitly leaves the limiter unset).',
  },

  'hypervisor/seccomp_sandbox': {
    summary: 'QEMU -sandbox (seccomp) options for the VMM process; runtime-rs spelling.',
    description:
      'A comma-separated option string handed to QEMU\'s -sandbox argument, which makes QEMU install a seccomp filter limiting the system calls it may make, for example "on,obsolete=deny,spawn=deny". The filter can cost some performance. An empty string or a missing key leaves the sandbox off. This is the runtime-rs name; the Go runtime calls the key seccompsandbox.',
    go: 'The Go runtime ignores seccomp_sandbox; use seccompsandbox there.',
    rs:
      'Read by the runtime-rs QEMU driver since 3.20.0. The runtime-rs templates of 3.10.0 to 3.20.0 still showed the Go spelling seccompsandbox in comments, which runtime-rs never reads.',
  },

  'hypervisor/seccompsandbox': {
    summary: 'QEMU -sandbox (seccomp) options for the VMM process; Go runtime spelling.',
    description:
      'Comma-separated options handed to QEMU\'s -sandbox argument so that QEMU confines its own system calls with seccomp, for example "on,obsolete=deny,spawn=deny". An empty value, the default, adds no sandbox. Enabling it can slow the VMM somewhat; having the kernel BPF JIT enabled lowers that cost.',
    go:
      'Read only from [hypervisor.qemu], at all studied releases. The string is passed through unchecked, so a typo shows up as a QEMU start failure.',
    rs:
      'runtime-rs does not read seccompsandbox (its 3.10.0 to 3.20.0 templates only mentioned it in comments); use seccomp_sandbox, available since 3.20.0.',
  },

  'hypervisor/selinux_label': {
    summary: 'SELinux label applied to the VMM process when it is launched (runtime-rs).',
    description:
      'Holds the SELinux process label the hypervisor is executed with. runtime-rs normally fills it from the SELinux process label in the pod OCI spec unless disable_selinux is set, so writing it by hand is rarely needed and no shipped template does. It concerns the host-side VMM process, not SELinux inside the guest, which disable_guest_selinux controls.',
    go: 'Not a Go runtime key in hypervisor tables; ignored.',
    rs: 'runtime-rs only, 3.32.0 and later; used when the qemu, clh and firecracker drivers start the VMM.',
  },

  'hypervisor/sev_snp_guest': {
    summary: 'Use AMD SEV-SNP rather than plain SEV for confidential guests on AMD hosts.',
    description:
      'Only relevant with confidential_guest = true on an AMD host that supports SEV-SNP. When true the VM is launched as an SNP guest, which adds memory integrity protection; when false the runtime deliberately falls back to plain SEV even though SNP is available. The SNP templates set it to true, while a missing key means false.',
    go:
      'Read from [hypervisor.qemu] at all studied releases; the built-in default is false, so only the SNP templates turn it on.',
    rs:
      'Part of runtime-rs since 3.20.0; the 3.10.0 runtime-rs template mentioned it, but that parser ignored it. SNP also needs firmware to be set, otherwise sandbox creation fails.',
  },

  'hypervisor/shared_fs': {
    summary: 'How host files are shared with the guest: virtio-fs, virtio-fs-nydus, virtio-9p, none.',
    description:
      'Selects the mechanism that exposes container root filesystems and volumes from the host to the VM. virtio-fs, the usual choice, needs the daemon set in virtio_fs_daemon; virtio-fs-nydus serves lazily loaded nydus images through nydusd; none turns file sharing off, as confidential setups that pull images inside the guest do. The virtio_fs_* keys only matter for the virtio-fs variants, and msize_9p only for virtio-9p.',
    go:
      'Read by qemu, clh and stratovirt; firecracker and dragonball ignore it and remote forces none. Empty or missing means virtio-fs, and virtio-fs or virtio-fs-nydus with an empty virtio_fs_daemon fails the load. clh and stratovirt refuse virtio-9p, and an unknown value fails with "Invalid hypervisor shared file system".',
    rs:
      'A missing key disables file sharing (unlike Go), whereas an empty string means virtio-fs. virtio-9p was accepted only up to 3.20.0; unknown values fail with "Invalid shared_fs type". Dragonball accepts only virtio-fs and inline-virtio-fs.',
    values: {
      'virtio-fs':
        'Shares host directories through a separate virtiofsd process (vhost-user-fs); the value used when the key is empty in both runtimes.',
      'virtio-fs-nydus':
        'Runs nydusd as the virtio-fs daemon (virtio_fs_daemon must point to it) so nydus images can be loaded lazily; rejected by runtime-rs dragonball.',
      'virtio-9p':
        'Legacy 9p sharing; Go runtime with QEMU only (clh and stratovirt refuse it), and runtime-rs only up to 3.20.0.',
      'inline-virtio-fs':
        'runtime-rs only: the virtio-fs server runs inside the VMM itself (Dragonball), so no daemon is started or checked.',
      none: 'No shared filesystem; container data must reach the guest another way, such as block devices or image pulling inside the guest.',
    },
  },

  'hypervisor/snp_certs_path': {
    summary: 'Host file with the SEV-SNP certificate chain handed to QEMU (Go runtime, 3.10.0 only).',
    description:
      'In Kata 3.10.0 the Go runtime passed this file to the QEMU SEV-SNP guest object as its certificate path, so the platform certificate chain could be made available to the guest together with attestation reports. It was only consulted for SNP confidential guests, i.e. with confidential_guest and sev_snp_guest both true. The key was removed in 3.20.0 and later releases ignore it in the main file.',
    go:
      'Only in 3.10.0. Empty meant /opt/snp/cert_chain.cert; if that default was missing only a warning was logged, but a user-given path that did not exist failed the load. From 3.20.0 on, the key inside a [hypervisor.*] table of a config.d drop-in makes loading fail.',
    rs: 'Never a runtime-rs key; ignored.',
  },

  'hypervisor/snp_guest_policy': {
    summary: 'SEV-SNP guest policy handed to the firmware at launch (QEMU default 0x30000 = 196608).',
    description:
      'Integer form of the policy the AMD firmware enforces for the VM, covering things such as whether SMT or debugging is allowed. If the host cannot satisfy the policy, the VM does not start and an SNP_LAUNCH_START error is reported. When snp_id_block is used, the policy inside that block must equal this value. Only relevant for SNP confidential guests on QEMU.',
    go:
      'Read from [hypervisor.qemu] since 3.20.0. Without the key Kata passes no policy and QEMU applies its own default of 0x30000. The field is an unsigned 64-bit integer without range check, so a negative number wraps instead of failing.',
    rs: 'Present since 3.32.0; a missing key yields 0x30000 (196608).',
  },

  'hypervisor/snp_id_auth': {
    summary: 'Base64 SEV-SNP ID authentication structure (4096 bytes) used at SNP_LAUNCH_FINISH.',
    description:
      'Supplies the signed authentication data that goes with snp_id_block, allowing the firmware to check who signed the ID block. It has to be set together with snp_id_block; giving only one of the two is an error. Empty, the default, lets QEMU use an all-zero structure.',
    go:
      'Read from [hypervisor.qemu] since 3.20.0. The pairing is checked when the VM starts: "specifying SNP IDAuth without SNP IDBlock is not allowed".',
    rs: 'Accepted since 3.32.0, but in 4.1.0 the runtime-rs QEMU driver does not pass it to QEMU.',
  },

  'hypervisor/snp_id_block': {
    summary: 'Base64 SEV-SNP ID block (96 bytes) binding the launch to an expected measurement and policy.',
    description:
      'Handed to the firmware at SNP_LAUNCH_FINISH so the launch can be tied to an expected measurement and identity. The guest policy recorded in the block must match snp_guest_policy, or the QEMU default when that key is unset. It must be given together with snp_id_auth. Empty by default.',
    go:
      'Read from [hypervisor.qemu] since 3.20.0; a block without snp_id_auth makes VM start fail with "specifying SNP IDBlock without SNP IDAuth is not allowed".',
    rs: 'Accepted since 3.32.0, but in 4.1.0 the runtime-rs QEMU driver does not pass it to QEMU.',
  },

  'hypervisor/tdx_quote_generation_service_socket_port': {
    summary: 'Host vsock port of the Intel TDX Quote Generation Service (0 = use its Unix socket).',
    description:
      'TDX guests get their attestation quotes from the Quote Generation Service (QGS) running on the host, and this key tells QEMU how to reach it. A non-zero value selects that vsock port on the host. 0 selects the Unix socket /var/run/tdx-qgs/qgs.socket and, in current releases, falls back to vsock port 4050 when that socket does not exist. Only used for TDX confidential guests on QEMU.',
    go:
      'Read from [hypervisor.qemu] since 3.10.0. In 3.10.0 and 3.20.0 a value of 0, or no key, was turned into 4050; since 3.32.0, 0 is kept and means socket first, then vsock 4050.',
    rs:
      'Available since 3.20.0. A missing key means 4050; an explicit 0 selects the Unix socket, and only since 3.32.0 falls back to vsock 4050 when the socket is absent.',
  },

  'hypervisor/tx_rate_limiter_max_rate': {
    summary: 'Outbound network bandwidth cap for the sandbox, in bits per second (0 = unlimited).',
    description:
      'Limits how fast the VM can send network traffic. With QEMU the runtime shapes egress on the host using traffic control (an HTB qdisc together with an ifb device); with Firecracker it programs the token-bucket limiter built into Firecracker. 0 means no limit.',
    go:
      'Read from the qemu and firecracker tables at all studied releases; other tables ignore it. It is an unsigned 64-bit field without range check, so a negative number silently wraps to a huge value.',
    rs:
      'Accepted by runtime-rs, but as of 4.1.0 none of its hypervisor drivers applies it (dragonball explicitly leaves the limiter unset).',
  },

  'hypervisor/use_legacy_serial': {
    summary: 'Give the guest console a legacy serial device instead of virtio-console (Go runtime, QEMU).',
    description:
      'When true, QEMU provides a classic emulated serial port for the guest console in place of the default virtio console device. It is mainly a debugging aid. It only has an effect on architectures where Kata implements it. Default false.',
    go: 'Read only from [hypervisor.qemu]; implemented for x86_64, arm64 and ppc64le.',
    rs: 'runtime-rs ignores this key even though its QEMU templates have listed it since 3.10.0.',
  },

  'hypervisor/valid_ctlpaths': {
    summary: 'Glob patterns of hypervisor control binaries that pod annotations may select.',
    description:
      'Allow-list for pod annotations that override ctlpath: an annotation value is accepted only if it matches one of these glob(3) patterns, and an empty list rejects every such annotation. The ctlpath written in the file itself is not checked against it.',
    go: 'Only in 3.2.0, for the acrn table (acrnctl); later Go releases ignore the key.',
    rs: 'Accepted by runtime-rs at every studied release; dragonball requires the list to be empty.',
  },

  'hypervisor/valid_entropy_sources': {
    summary: 'Glob patterns of entropy devices that pod annotations may select for entropy_source.',
    description:
      'Restricts the values a pod annotation may set for entropy_source: values matching no pattern are refused, and an empty list refuses every such annotation. The entropy_source in the file is not checked against it. The templates allow /dev/urandom, /dev/random and the empty string.',
    go: 'Read for qemu, clh and firecracker.',
    rs: 'Accepted in every runtime-rs hypervisor table.',
  },

  'hypervisor/valid_file_mem_backends': {
    summary: 'Removed in 3.32.0: allow-list of paths annotations could use for file_mem_backend.',
    description:
      'Up to 3.20.0 this list of glob patterns limited which file_mem_backend values a pod annotation could select. Both file_mem_backend and this list were removed in 3.32.0, so on newer releases the key does nothing and can be deleted.',
    go:
      'Accepted from 3.2.0 to 3.20.0. Since 3.32.0 it is silently ignored in the main file, but inside a [hypervisor.*] table of a config.d drop-in such an unknown key makes loading fail.',
    rs: 'Part of runtime-rs from 3.2.0 to 3.20.0; since 3.32.0 it is silently ignored.',
  },

  'hypervisor/valid_hypervisor_paths': {
    summary: 'Glob patterns of VMM binaries that pod annotations may select for path.',
    description:
      'Allow-list for the pod annotation that overrides path: only values matching one of these glob(3) patterns are accepted, and an empty list blocks the override entirely. The path configured in the file does not have to match. Keep it narrow, because it decides which host binaries a pod author can make the runtime execute.',
    go: 'Read for qemu, clh, firecracker and stratovirt.',
    rs: 'Used by every runtime-rs hypervisor except dragonball, which requires an empty list.',
  },

  'hypervisor/valid_jailer_paths': {
    summary: 'Glob patterns of jailer binaries that pod annotations may select for jailer_path.',
    description:
      'Allow-list for the annotation that overrides jailer_path: values matching no pattern are refused, and an empty list refuses all. Only hypervisors that use a jailer (Firecracker, and Dragonball in runtime-rs) have any use for it.',
    go: 'Read only from [hypervisor.firecracker]; the template allows /usr/bin/jailer.',
    rs:
      'The qemu and clh plugins require the list to be empty ("Valid Qemu jailer path list should be empty", "Valid CH jailer path list should be empty").',
  },

  'hypervisor/valid_vhost_user_store_paths': {
    summary: 'Glob patterns of directories that pod annotations may select for vhost_user_store_path.',
    description:
      'Limits which vhost_user_store_path values a pod annotation may set; an empty list rejects every such annotation. The directory configured in the file is not checked against it. Only relevant when enable_vhost_user_store is used.',
    go: 'Read only from [hypervisor.qemu].',
    rs: 'Accepted in every runtime-rs hypervisor table.',
  },

  'hypervisor/valid_virtio_fs_daemon_paths': {
    summary: 'Glob patterns of virtio-fs daemons that pod annotations may select for virtio_fs_daemon.',
    description:
      'Allow-list for the annotation that overrides virtio_fs_daemon: values matching none of the glob(3) patterns are refused, and an empty list refuses all. The daemon configured in the file does not have to be listed. Because the daemon runs on the host, keep the list tight.',
    go: 'Read for qemu, clh and stratovirt; the templates allow /usr/libexec/virtiofsd.',
    rs: 'Accepted in every runtime-rs hypervisor table; the templates allow /opt/kata/libexec/virtiofsd.',
  },

  'hypervisor/vhost_user_reconnect_timeout_sec': {
    summary: 'Seconds QEMU waits before reconnecting to a vanished vhost-user block backend (Go runtime).',
    description:
      'Applies to vhost-user block devices whose backend, for example SPDK, owns the socket while QEMU connects to it as a client. If the backend goes away, QEMU waits this many seconds and then tries to connect again. 0, the default, disables reconnecting.',
    go: 'Read only from [hypervisor.qemu], at all studied releases.',
    rs: 'runtime-rs ignores this key even though its QEMU templates have listed it since 3.10.0.',
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

  'hypervisor/virtio_fs_cache': {
    summary: 'Caching policy of the virtio-fs share in the guest: never, metadata, auto or always.',
    description:
      'Passed to the virtio-fs daemon as its cache mode and decides how long the guest may trust cached file data and metadata. never keeps the guest strictly in step with the host at a performance cost, while always is fastest but may hide changes made on the host side. Only relevant when shared_fs is virtio-fs or virtio-fs-nydus.',
    go:
      'Allowed: auto, always, metadata, never, checked when the daemon is started ("Invalid virtio-fs cache mode"). An empty value becomes never for qemu and stratovirt, whereas clh passes it through and the daemon then uses auto. The share is mounted with DAX only in auto or always mode and with a non-zero virtio_fs_cache_size.',
    rs:
      'Allowed: never, auto, always. An empty value becomes never, "none" is rewritten to never with a deprecation warning, and metadata is rejected.',
    values: {
      never: 'Nothing is cached in the guest; every lookup and read goes to the host, so host-side changes are visible at once.',
      metadata: 'Go runtime only: metadata and lookups may be cached, file contents are not.',
      auto: 'Metadata and lookups are cached briefly and file data is kept while a file is open (close-to-open consistency).',
      always: 'Metadata, lookups and data are cached without expiry; fastest, but host-side changes may go unseen.',
      none: 'runtime-rs only: deprecated alias rewritten to never with a warning; the Go runtime rejects it.',
    },
  },

  'hypervisor/virtio_fs_cache_size': {
    summary: 'Size in MiB of the virtio-fs DAX window (0 = no DAX).',
    description:
      'A non-zero value gives the virtio-fs device a shared memory window of this many MiB through which the guest can map host files directly (DAX) instead of copying them into its page cache. It enlarges the address space of the VM and needs a VMM and guest kernel with virtio-fs DAX support. Leave it at 0 unless a benefit has been measured.',
    go:
      'Read for qemu, clh and stratovirt, but among the Go drivers only QEMU sets up the window; the guest mounts the share with dax only when virtio_fs_cache is auto or always.',
    rs:
      'A non-zero size also switches virtio_fs_is_dax on, and virtio_fs_is_dax = true with size 0 uses 1024 MiB. In 4.1.0 the Dragonball driver is the one that applies the size.',
  },

  'hypervisor/virtio_fs_daemon': {
    summary: 'Path of the virtio-fs daemon started on the host (virtiofsd, or nydusd for virtio-fs-nydus).',
    description:
      'The runtime starts this binary for each sandbox to serve the shared directory to the guest; with shared_fs = "virtio-fs-nydus" it must be nydusd. It is required whenever shared_fs is virtio-fs or virtio-fs-nydus. Annotation overrides are limited by valid_virtio_fs_daemon_paths.',
    go:
      'Read for qemu, clh and stratovirt. An empty value with a virtio-fs shared_fs fails the load ("cannot enable ... without daemon path"), but a wrong path only shows up when the daemon is started.',
    rs:
      'The file must exist when the configuration is loaded ("Virtio-fs daemon path ... is invalid"), except with inline-virtio-fs, which needs no daemon.',
  },

  'hypervisor/virtio_fs_extra_args': {
    summary: 'Extra command-line arguments appended when the virtio-fs daemon is started.',
    description:
      'Each list element becomes one argument, added after the options Kata sets itself (socket, shared directory, cache mode). Use it to tune the daemon, for instance its thread pool size, or to turn on options your daemon build supports; check its --help output. Invalid arguments make the daemon exit, which surfaces as a sandbox creation error.',
    go:
      'Read for qemu, clh and stratovirt; the templates use ["--thread-pool-size=1", "--announce-submounts"]. With virtio-fs-nydus the same list is passed to nydusd.',
    rs:
      'The runtime-rs templates use ["--thread-pool-size=1", "-o", "announce_submounts"]. runtime-rs adds --xattr on its own unless disable_guest_selinux is true.',
  },

  'hypervisor/virtio_fs_is_dax': {
    summary: 'Turn on the virtio-fs DAX window (runtime-rs; implied by a non-zero virtio_fs_cache_size).',
    description:
      'Enables direct-access (DAX) mapping for the virtio-fs share. In practice virtio_fs_cache_size drives it: a non-zero size switches this flag on automatically, and setting the flag with a size of 0 makes the window 1024 MiB. No shipped template writes the key.',
    go: 'Not read by the Go runtime, which decides on DAX from virtio_fs_cache_size alone.',
    rs: 'runtime-rs only, at every studied release.',
  },

  'hypervisor/virtio_fs_queue_size': {
    summary: 'Virtqueue size of the virtio-fs device (default 1024).',
    description:
      'Sets how many requests the guest can have queued on the virtio-fs device at once; bigger queues help parallel file I/O. Use a power of two. Only relevant when shared_fs is a virtio-fs variant.',
    go:
      'The Go loader only copies it from [hypervisor.qemu]. The value in the clh template is never read, so Cloud Hypervisor always uses its built-in size of 1024.',
    rs:
      'The runtime-rs QEMU driver only uses it when it is a power of two no larger than 1024; any other non-zero value is ignored with a warning.',
  },

  'hypervisor/vm_rootfs_driver': {
    summary: 'Device type used to attach the guest root image to the VM (runtime-rs).',
    description:
      'Chooses how the image named by image is presented to the guest, which also determines the root device on the kernel command line. It is not used when the guest boots from an initrd. This is a runtime-rs key; the Go runtime picks between NVDIMM and virtio-blk through disable_image_nvdimm instead.',
    go: 'Not a Go runtime key; ignored.',
    rs:
      'An empty value becomes virtio-blk-pci, and anything outside the five listed values fails with "... is unsupported block device type.". In 4.1.0 mainly the QEMU driver acts on it: Cloud Hypervisor always boots the image as virtio-blk-pci (it even rewrites virtio-pmem), while firecracker and dragonball follow block_device_driver. Confidential guests on qemu and clh may not use virtio-blk-mmio (3.32.0 and later), and TDX guests on clh need virtio-blk-pci or virtio-blk-mmio.',
    values: {
      'virtio-blk-pci':
        'Attaches the image as a virtio block device on the PCI bus; the fallback for an empty value and the safe choice for clh and confidential guests.',
      'virtio-blk-ccw': 'virtio block device on the s390x channel subsystem; for IBM Z hosts only.',
      'virtio-blk-mmio':
        'virtio block device over memory-mapped I/O without PCI, as used by microVM-style VMMs; refused for confidential guests since 3.32.0.',
      'virtio-pmem':
        'Exposes the image as a virtio persistent-memory device the guest can map directly (DAX); the QEMU template default, replaced by virtio-blk-pci on Cloud Hypervisor.',
      'virtio-scsi':
        'Passes validation, but the runtime-rs kernel parameter builder has no root device for it, so a QEMU guest booting an image this way fails in 4.1.0.',
    },
  },
};
