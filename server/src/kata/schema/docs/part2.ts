import type { KeyDoc } from './types';

/** Documentation of the [runtime] keys and the first hypervisor keys (agent_name .. disable_seccomp), written for kata-config. */
export const DOCS_PART_2: Record<string, KeyDoc> = {
  'runtime/agent_name': {
    summary: 'Name of the [agent.<name>] table that runtime-rs uses for the guest agent (runtime-rs only).',
    description:
      'Tells runtime-rs which [agent.<name>] table of the file holds the agent settings; the shipped files use "kata" together with an [agent.kata] table. ' +
      'The value must be non-empty and must name an agent table that exists in the file, otherwise sandbox creation fails with "Agent name is missing in the configuration" or "Invalid agent name <x>". ' +
      'Kata has only one agent implementation, so there is rarely a reason to change it. ' +
      'Agent tables that are not selected are still validated, so a broken extra table can still cause errors.',
    go: 'Ignored by the Go runtime. Go reads every [agent.<name>] table whatever its name (the last one processed wins).',
    rs: 'Present at every studied tag (3.2.0 to 4.1.0). The built-in value is an empty string, so leaving the key out is an error rather than a fallback to "kata".',
  },

  'runtime/create_container_timeout': {
    summary: 'How long the Go shim waits for the agent to create a container, in seconds.',
    description:
      'Time limit, in seconds, for the CreateContainer request that the runtime sends to the kata agent. ' +
      'With guest image pull (confidential containers), the image is downloaded inside the VM while this request runs, so large images may need a higher value. ' +
      'kubelet also has its own runtime request timeout, and the smaller of the two limits applies in practice. ' +
      'The shipped files set 60.',
    go:
      'Added in 3.10.0. The value is used exactly as written: there is no fallback to 60 when the key is missing or 0, and a zero limit makes the request fail straight away, so keep it positive. ' +
      'The value is unsigned with no range check, so a negative number wraps to a huge timeout without an error. ' +
      'A pod can override it with the io.katacontainers.config.runtime.create_container_timeout annotation.',
    rs: 'Ignored in the runtime-rs [runtime] table. runtime-rs reads create_container_timeout from the [agent.<name>] table instead (3.20.0+), also in seconds.',
  },

  'runtime/dan_conf': {
    summary: 'Directory where Directly Attachable Network (DAN) description files are looked up.',
    description:
      'For every sandbox the runtime looks in this directory for a file named <sandbox-id>.json, which a DAN-aware CNI plugin writes. ' +
      'If the file exists, the runtime sets up the VM network from the devices listed in it; these devices stay in the host network namespace, so the path has fewer hops. ' +
      'Change the directory only if your CNI plugin writes its files somewhere else; the shipped value is /run/kata-containers/dans. ' +
      'No default path is used when the key is missing: the lookup then uses a relative file name that normally does not exist, so DAN is effectively off.',
    go: 'Added in 3.10.0.',
    rs: 'Added in 3.10.0. If the DAN file for a sandbox exists, runtime-rs does not create a network namespace for it, just as with disable_new_netns = true.',
  },

  'runtime/disable_guest_empty_dir': {
    summary: 'Share disk-backed Kubernetes emptyDir volumes from the host instead of creating them in the guest.',
    description:
      'When true, disk-backed emptyDir volumes are created on the host and reach the guest through the shared file system (shared_fs). This is slower, but the data stays on the host disk. ' +
      'When false, these volumes are created inside the guest as guest-local storage. ' +
      'Memory-backed emptyDirs always live in guest memory, and hugepage-backed ones are always guest-local, whatever this key says. ' +
      'A block emptydir_mode (block-encrypted or block-plain) overrides guest-local creation.',
    go:
      'Present at every studied tag. The shipped files set false up to 3.32.0 and true from 4.1.0. ' +
      'When the key is missing, Go uses false, so disk-backed emptyDirs become guest-local.',
    rs:
      'Only the 3.32.0 runtime-rs parser reads this key. The 3.10.0 and 3.20.0 templates mention it, but those parsers ignore it. ' +
      'It was removed again in 4.1.0 and is ignored there; disk-backed emptyDirs then always go through the shared file system or a block emptydir_mode.',
  },

  'runtime/disable_guest_seccomp': {
    summary: 'Stop forwarding container seccomp profiles into the VM for the agent to enforce.',
    description:
      'When false, the seccomp profile in the container spec is passed into the guest, and the kata agent applies it to the container process (provided the guest supports seccomp). ' +
      'When true, the profile is dropped and the workload runs without seccomp inside the VM, relying on the VM boundary alone. ' +
      'Set it to false when you want the same system-call filtering inside the VM that runc would apply on the host. ' +
      'This key does not affect the seccomp filter of the hypervisor process (see disable_seccomp and the QEMU seccomp sandbox key in the hypervisor table).',
    go: 'The shipped files set true. When the key is missing, Go uses false, so profiles are forwarded.',
    rs: 'Same meaning. The shipped files set true, but when the key is missing the value is false.',
  },

  'runtime/disable_new_netns': {
    summary: 'Keep the shim and hypervisor in the host network namespace instead of creating a new one.',
    description:
      'When true, Kata does not create a network namespace for its shim and hypervisor processes. The VM tap device is then created in the host namespace, where it can be attached directly to a bridge such as Open vSwitch. ' +
      'This changes host networking and is only meant for custom network setups where you know what you are doing. ' +
      'It requires internetworking_model = "none", because the other models need a container network namespace to connect to.',
    go: 'Loading fails with "config disable_new_netns only works with \'none\' internetworking_model" when this is true and the model is not none.',
    rs: 'runtime-rs does not check the combination with internetworking_model when loading. When the file contains a [hypervisor.remote] table, runtime-rs forces this key to false (3.20.0+).',
  },

  'runtime/emptydir_mode': {
    summary: 'How Kubernetes emptyDir volumes reach the guest: the shared file system or a block device.',
    description:
      'Chooses what backs disk-backed emptyDir volumes. ' +
      'shared-fs (the default) passes them through the shared file system set by shared_fs. The block modes instead create a block device for each emptyDir and plug it into the VM, either encrypted inside the guest or mounted as it is. ' +
      'The block modes keep emptyDir data off the shared file system, which is useful for confidential guests. ' +
      'An empty string counts as shared-fs.',
    go:
      'Added in 3.32.0 with shared-fs and block-encrypted; block-plain was added in 4.1.0. ' +
      'Any other value makes loading fail with "invalid emptydir_mode=...".',
    rs: 'Added in 3.32.0 with the same values (block-plain from 4.1.0). Other values are rejected with "Invalid emptydir_mode `...` in configuration file".',
    values: {
      'shared-fs': 'Shares the emptyDir directory from the host through the shared file system chosen by shared_fs; the default.',
      'block-encrypted': 'Plugs a dedicated block device for each emptyDir and encrypts it inside the guest (LUKS2), so the host sees only ciphertext.',
      'block-plain': 'Plugs a dedicated block device for each emptyDir and mounts it in the guest without encryption; 4.1.0 and later only.',
    },
  },

  'runtime/enable_debug': {
    summary: 'Turn on debug-level logging for the runtime (shim) component.',
    description:
      'Makes the runtime (containerd shim) write extra debug messages to the system log. ' +
      'It covers only the runtime component; the hypervisor and agent tables each have their own enable_debug key. ' +
      'Turn it on while you investigate a problem and off afterwards, because it produces a lot more log output.',
    rs:
      'Stored internally as Runtime.debug; the TOML key is enable_debug. ' +
      'From 3.32.0, enable_debug = true raises the runtime log level to debug when log_level is still "info". Any other log_level value is kept as written.',
  },

  'runtime/enable_pprof': {
    summary: 'Serve Go pprof profiling endpoints from the shim, reachable through kata-monitor.',
    description:
      'When true, the shim management socket also serves the standard Go profiling handlers (/debug/pprof/... and /debug/vars). kata-monitor can proxy them, so you can profile the CPU and memory use of a running shim. ' +
      'It is a debugging aid and should stay off in production. ' +
      'A pod annotation can also turn it on for a single sandbox.',
    go: 'Read when the shim starts its management server. The io.katacontainers.config.runtime.enable_pprof annotation turns it on for one sandbox.',
    rs: 'runtime-rs parses the key and the matching annotation, but no runtime-rs component uses them at any studied tag, so the key has no effect.',
  },

  'runtime/enable_tracing': {
    summary: 'Record OpenTelemetry trace spans for runtime operations and export them to Jaeger.',
    description:
      'When true, the runtime records spans for its operations and sends them to the Jaeger collector at jaeger_endpoint (http://localhost:14268/api/traces when that key is empty). If jaeger_user and jaeger_password are set, they are used to authenticate. ' +
      'Use it to see where time goes during sandbox and container start-up. ' +
      'Tracing inside the guest is controlled separately by enable_tracing in the agent table.',
    rs: 'If jaeger_password is set but jaeger_user is empty, runtime-rs logs a warning and leaves tracing off.',
  },

  'runtime/enable_vcpus_pinning': {
    summary: 'Pin each vCPU thread to one host CPU of the sandbox cpuset when the counts match.',
    description:
      'When true, the runtime binds each vCPU thread to one host CPU, which can reduce scheduling jitter for latency-sensitive workloads. ' +
      'The binding needs a one-to-one match: Kata pins only while the VM has exactly as many vCPU threads as the sandbox cpuset has CPUs. If the two counts drift apart (for example after CPU hotplug), the binding is dropped and the threads can run on any CPU of the cpuset. ' +
      'It works best with pods that get exclusive CPUs and a VM sized to match them.',
    go: 'The per-pod override annotation is named io.katacontainers.enable_vcpus_pinning, not io.katacontainers.config.runtime.enable_vcpus_pinning.',
    rs: 'The runtime-rs parser accepts the key from 3.32.0. The 3.10.0 and 3.20.0 templates already mention it, but those parsers ignore it.',
  },

  'runtime/experimental': {
    summary: 'List of experimental feature names to turn on.',
    description:
      'Turns on features that are not yet stable; they may change or disappear in a later release. ' +
      'Each entry is a feature name given as a string, for example ["name"]. ' +
      'The two runtimes recognise different names; see the runtime remarks.',
    go:
      'No experimental feature is registered at any studied tag, so any non-empty list makes loading fail with "Unsupported experimental feature ...". ' +
      'Leave the list empty.',
    rs:
      'Names are not validated, and unknown names are simply ignored. ' +
      'The only name runtime-rs uses is "force_guest_pull" (3.20.0+), which makes the guest pull all container images. It replaces the Go key experimental_force_guest_pull.',
  },

  'runtime/experimental_force_guest_pull': {
    summary: 'Always pull container images inside the guest, whatever the snapshotter says (Go runtime).',
    description:
      'When true, every container image is pulled by the guest itself, instead of relying on snapshotter annotations to choose guest pull. ' +
      'It is meant for confidential-container setups that want guest pull without running a remote snapshotter. ' +
      'The feature is experimental.',
    go: 'Added in 3.20.0. A pod can also set it with the io.katacontainers.config.runtime.experimental_force_guest_pull annotation.',
    rs: 'Ignored by runtime-rs; use experimental = ["force_guest_pull"] instead.',
  },

  'runtime/guest_selinux_label': {
    summary: 'SELinux label (user:role:type) for container processes inside the guest (Go runtime).',
    description:
      'Replaces the SELinux type applied to container processes in the VM, for the rare case where the default container_t is not wanted; normal setups leave it empty. ' +
      'The format is user:role:type. The container engine fills in the MCS level itself, so do not add one. ' +
      'It only works when guest SELinux is on, that is disable_guest_selinux = false in the hypervisor table, and that in turn requires SELinux on the host.',
    go: 'If a label is set while disable_guest_selinux is true, container creation fails with "Custom SELinux security policy is provided, but guest SELinux is disabled".',
    rs:
      'runtime-rs has no such key. It appears as a comment in the 3.10.0 and 3.20.0 templates, but the parser ignores it. ' +
      'The migration guide names selinux_label in the hypervisor table (3.32.0+) as its replacement.',
  },

  'runtime/hypervisor_name': {
    summary: 'Name of the [hypervisor.<name>] table that runtime-rs uses for the VM (runtime-rs only).',
    description:
      'Chooses which hypervisor table of the file drives the sandbox, for example qemu, clh, dragonball, firecracker, remote or openvmm. ' +
      'It must be non-empty and must name a [hypervisor.<name>] table in the file, otherwise sandbox creation fails with "Hypervisor name is missing in the configuration" or "Invalid hypervisor name <x>". ' +
      'Every hypervisor table in the file is still checked, so a stale extra table can break loading even if it is not selected. ' +
      'A pod annotation can switch to a different table, but only to one that exists in the file.',
    go: 'Ignored by the Go runtime, which takes the hypervisor from the name of the [hypervisor.<name>] table.',
    rs:
      'The Cloud Hypervisor name changed from cloud-hypervisor (up to 3.20.0) to clh (3.32.0+), and the table name must change with it. ' +
      'Which names work also depends on how runtime-rs was built and on the CPU architecture.',
  },

  'runtime/internetworking_model': {
    summary: 'How the VM network interface is connected to the container network namespace.',
    description:
      'Chooses how the interface created by the CNI plugin (usually a veth) is linked to the tap device of the VM. ' +
      'tcfilter, the default, works with most CNI plugins. macvtap is an alternative for interfaces that can be bridged that way. none only creates a tap device and leaves the wiring to you; disable_new_netns requires it. ' +
      'An empty value means tcfilter.',
    go:
      'Checked when the file is loaded: an unknown value fails with "Unknown type ...". ' +
      '"default" is accepted as another name for tcfilter. l3forwarding is not supported.',
    rs:
      'Checked after loading ("Invalid internetworking_model `...` in configuration file"). ' +
      '"default" is rejected, and l3forwarding is accepted only in 4.1.0. ' +
      'If the file has a [hypervisor.remote] table, runtime-rs forces the value to none (3.20.0+).',
    values: {
      default: 'Go runtime only: another name for tcfilter. runtime-rs rejects it.',
      macvtap: 'Creates a macvtap device on top of the container interface and gives it to the VM.',
      tcfilter: 'Creates a tap device and moves traffic between it and the container interface with tc filter rules; the default.',
      none: 'Creates only a tap device, not connected to a veth pair; you connect it yourself.',
      l3forwarding:
        'runtime-rs 4.1.0 only, experimental: routes traffic between the container interface and the tap at layer 3 with proxy ARP. IPv4 only, and one interface per network namespace.',
    },
  },

  'runtime/jaeger_endpoint': {
    summary: 'URL of the Jaeger HTTP collector that receives runtime traces.',
    description:
      'Full URL of the Jaeger collector endpoint (HTTP Thrift) that receives spans when enable_tracing is true. ' +
      'An empty value means http://localhost:14268/api/traces, that is, a collector on the same host. ' +
      'The key has no effect while tracing is off.',
  },

  'runtime/jaeger_password': {
    summary: 'Password for HTTP basic authentication against the Jaeger collector.',
    description:
      'Used with jaeger_user when the collector at jaeger_endpoint requires basic authentication; leave it empty otherwise. ' +
      'The password is stored in plain text in the configuration file, so restrict who can read the file if you set it. ' +
      'It matters only when enable_tracing is true.',
    rs: 'If a password is set with an empty jaeger_user, runtime-rs logs a warning and leaves tracing off.',
  },

  'runtime/jaeger_user': {
    summary: 'User name for HTTP basic authentication against the Jaeger collector.',
    description:
      'User name sent to the collector at jaeger_endpoint when it requires basic authentication, together with jaeger_password. ' +
      'Leave it empty for a collector without authentication. ' +
      'It matters only when enable_tracing is true.',
  },

  'runtime/keep_abnormal': {
    summary: 'Keep a failed sandbox for inspection instead of cleaning it up (runtime-rs only).',
    description:
      'When true, runtime-rs skips its clean-up when it exits abnormally, and the shim keeps running when its periodic agent health check fails. ' +
      'This keeps a broken sandbox in its failed state so you can examine it. ' +
      'Use it only for debugging: in production it can leave VMs and other resources behind.',
    go: 'Ignored by the Go runtime.',
    rs: 'Present at every studied tag; false when the key is missing.',
  },

  'runtime/kubelet_root_dir': {
    summary: 'Kubelet root directory, used to recognise ConfigMap and Secret volume paths (Go runtime).',
    description:
      'The Go runtime watches ConfigMap, Secret, projected and downward-API volumes so that updates made by kubelet also reach the guest. It recognises these volumes by their host path under the kubelet root directory. ' +
      'Set this key when your distribution keeps kubelet data elsewhere; k0s, for example, uses /var/lib/k0s/kubelet. ' +
      'An empty value means /var/lib/kubelet.',
    go: 'Added in 3.32.0.',
    rs: 'runtime-rs has no such key. The shipped nvidia templates set it from 3.32.0, but the parser ignores it.',
  },

  'runtime/log_level': {
    summary: 'Log level of the runtime-rs runtime component: trace, debug, info, warn, error or critical.',
    description:
      'Sets how much the runtime component of runtime-rs logs; the hypervisor and agent tables have their own log_level keys. ' +
      'Accepted values are trace, debug, info, warn, error and critical. Any other value is treated as info, without an error. ' +
      'The default is info.',
    go: 'Ignored by the Go runtime; use enable_debug there.',
    rs: 'Added in 3.10.0. From 3.32.0, enable_debug = true turns a log_level of "info" into debug.',
  },

  'runtime/name': {
    summary: 'Runtime handler that runtime-rs runs; virt_container is the working choice (runtime-rs only).',
    description:
      'Selects the runtime handler inside runtime-rs. The shipped files use virt_container, which runs containers inside a VM. ' +
      'Other handler names exist only in special builds and are not shipped. ' +
      'The key must be present and non-empty ("Runtime name is missing in the configuration"), and an unknown name fails with "Unsupported runtime: <name>".',
    go: 'Ignored by the Go runtime.',
    rs: 'Present at every studied tag. The built-in value is an empty string, so the key has to be written in the file.',
  },

  'runtime/passfd_listener_port': {
    summary: 'Guest vsock port for passing container stdio as file descriptors (runtime-rs with Dragonball).',
    description:
      'When use_passfd_io is true, the runtime passes this port to the agent through the kernel parameter agent.passfd_listener_port. The agent listens there, and container stdin, stdout and stderr travel over dedicated vsock connections instead of through agent requests. ' +
      'Change it only if the default port 1027 conflicts with something else in the guest. ' +
      'It has no effect unless use_passfd_io is true and the hypervisor is Dragonball.',
    go: 'Ignored by the Go runtime.',
    rs: 'Added in 3.10.0; 1027 when the key is missing.',
  },

  'runtime/pod_resource_api_sock': {
    summary: 'Path of the kubelet PodResources API socket, used to cold-plug devices assigned to a pod.',
    description:
      'When this is set and cold_plug_vfio in the hypervisor table is not no-port, the runtime asks kubelet through this socket which devices (for example GPUs from a device plugin) belong to the pod, and cold-plugs them into the VM at boot. ' +
      'When it is empty, the devices to cold-plug must be given with CDI annotations instead. ' +
      'The socket is normally <kubelet root>/pod-resources/kubelet.sock. Kubelets older than 1.34 also need the KubeletPodResourcesGet feature gate.',
    go: 'Added in 3.32.0. If the socket is not available, the Go runtime falls back to CDI annotations.',
    rs: 'Added in 3.32.0. runtime-rs uses the socket only if the path exists.',
  },

  'runtime/sandbox_bind_mounts': {
    summary: 'Host paths bind-mounted (read-only by default) into the sandbox shared directory for guest services.',
    description:
      'Each entry is a host path that is bind-mounted into the shared-file-system directory of the sandbox, so it shows up in the guest under a sandbox-mounts directory of the shared path. ' +
      'Container workloads do not see these mounts; they are meant for services running in the guest. ' +
      'It only works when a shared file system is in use. ' +
      'Each path must exist, and no two entries may have the same base name, because they share one target directory.',
    go:
      'Entries are plain paths and are always mounted read-only. ' +
      'Loading fails if a path does not exist ("sandbox-bindmounts: Failed to resolve path: ...") or if two entries have the same base name.',
    rs:
      'An entry may end in :ro (the default) or :rw to choose the mode. The path part must exist, otherwise loading fails with "sandbox bind mount `...` is invalid: ...". A repeated base name is rejected when the sandbox starts. ' +
      'runtime-rs does not accept this key from a pod annotation.',
  },

  'runtime/sandbox_cgroup_only': {
    summary: 'Put all Kata host processes of a sandbox into one sandbox cgroup.',
    description:
      'When true, every Kata thread on the host (shim, hypervisor, virtiofsd and so on) goes into a single cgroup for the sandbox, and no per-container cgroups are created on the host. The pod limits must then also cover the VM overhead, for example through a RuntimeClass overhead. ' +
      'When false, only the vCPU threads go into the sandbox cgroup, and the other threads go into a separate overhead cgroup with no limits. ' +
      'true gives tighter resource accounting; false avoids throttling the VMM when pod limits are tight.',
    go: 'When the key is missing, Go uses false. The shipped files set false, except the nvidia templates, which set true.',
    rs:
      'When the key is missing, the value is false, but every runtime-rs template sets true. ' +
      'With Dragonball it is always treated as true, because the VMM runs inside the shim process.',
  },

  'runtime/shared_mounts': {
    summary: 'Mounts shared between containers of a pod, as [[runtime.shared_mounts]] tables (runtime-rs).',
    description:
      'Each [[runtime.shared_mounts]] entry makes a mount point of one container (src_ctr, src_path) appear in another container of the same pod (dst_ctr, dst_path). Containers are matched by their Kubernetes container name. ' +
      'All five fields (name, src_ctr, src_path, dst_ctr, dst_path) are required. Both paths must be absolute, use only letters, digits, "-", "_" and ".", and contain no ".." component. ' +
      'No shipped template uses it.',
    go: 'Not available in the Go runtime; ignored there.',
    rs: 'Added in 3.10.0. From 3.32.0, an unknown field inside an entry is a load error. A pod annotation can also supply the list as JSON.',
  },

  'runtime/static_sandbox_resource_mgmt': {
    summary: 'Size the VM once at boot from the pod resources instead of hot-plugging CPU and memory.',
    description:
      'When true, the runtime works out the CPU and memory the workload needs (from sandbox sizing annotations or container limits) before the VM starts. It boots the VM at that size and never hot-plugs CPUs or memory afterwards. ' +
      'This suits hypervisors or architectures without reliable hotplug, and confidential guests. ' +
      'The drawback is that resource changes after start-up do not reach the VM. ' +
      'Pod sizing information needs Kubernetes 1.23+ with containerd 1.6+; without it, the VM just gets default_vcpus and default_memory.',
    go:
      'The VM boots with default_vcpus plus the workload CPUs and default_memory plus the workload memory, and default_maxvcpus becomes the rounded-up vCPU count. ' +
      'From 3.32.0, a guest NUMA topology with more than one node requires this key to be true.',
    rs:
      'When the key is missing the value is false, but every runtime-rs template sets true. ' +
      'In 4.1.0, when the pod has limits, the VM size is overhead_vcpus/overhead_memory plus the workload; up to 3.32.0 it was default_vcpus/default_memory plus the workload. ' +
      'default_maxvcpus becomes the rounded-up vCPU count.',
  },

  'runtime/use_passfd_io': {
    summary: 'Carry container stdio over dedicated vsock connections (fd passthrough); runtime-rs with Dragonball.',
    description:
      'When true, runtime-rs opens vsock connections for container stdin, stdout and stderr in advance and hands them to the agent, instead of relaying the stream data through agent requests. This lowers I/O overhead. ' +
      'The agent accepts these connections on passfd_listener_port. ' +
      'Only the Dragonball hypervisor supports it; with other hypervisors the setting has no effect.',
    go: 'Ignored by the Go runtime.',
    rs: 'Added in 3.10.0. false when the key is missing; the Dragonball template sets true.',
  },

  'runtime/vfio_mode': {
    summary: 'How VFIO devices given to a container appear inside it: as VFIO nodes or through guest drivers.',
    description:
      'Decides how a VFIO device appears in the container. With vfio, the container sees /dev/vfio character devices, much as it would with runc. With guest-kernel, whichever guest kernel driver claims the device owns it, and the device appears as that driver\'s device nodes or network interfaces. ' +
      'Choose vfio for workloads that drive the device through VFIO themselves (user-space drivers), and guest-kernel for devices handled by a kernel driver in the guest. ' +
      'An empty value means guest-kernel.',
    go: 'Any other value makes loading fail with "Unknown VFIO mode ...".',
    rs: 'Any other value is rejected with "Invalid vfio_mode `...` in configuration file".',
    values: {
      vfio: 'Gives the container the device as a VFIO character device under /dev/vfio, like runc; the group numbers follow the guest IOMMU groups, not the host ones.',
      'guest-kernel': 'Lets the guest kernel driver that binds the device own it, so it appears as that driver\'s nodes or interfaces; the default.',
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
      'Accepted from 3.10.0; values are checked from 3.20.0 ("... is unsupported block device AIO mode."). ' +
      'Neither defaulted nor checked when disable_block_device_use is true.',
    values: {
      io_uring: 'Linux io_uring interface: usually the fastest, needs a host kernel above 5.1 and QEMU 5.0+; the default.',
      native: 'Linux native asynchronous I/O.',
      threads: 'I/O done by a pool of QEMU worker threads; the most broadly compatible choice.',
    },
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
    rs: 'Parsed but not used by any runtime-rs component at the studied tags, so it has no effect.',
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

  'hypervisor/block_device_driver': {
    summary: 'Device type used to attach container block storage (block rootfs, block volumes) to the VM.',
    description:
      'Chooses how block storage, such as a block-backed container rootfs or raw block volumes, is presented to the guest. ' +
      'The two runtimes name the types differently: where Go says virtio-blk, virtio-mmio or nvdimm, runtime-rs says virtio-blk-pci, virtio-blk-mmio or virtio-pmem. ' +
      'Pick a type the hypervisor supports: the shipped files use virtio-scsi for QEMU, PCI virtio-blk for Cloud Hypervisor and Dragonball, and MMIO for Firecracker and StratoVirt. ' +
      'From 3.32.0, confidential guests must not use an MMIO transport.',
    go:
      'An empty value means virtio-scsi, and an unknown value makes loading fail ("Invalid hypervisor block storage driver ..."). ' +
      'On s390x, virtio-blk is switched to virtio-blk-ccw. Cloud Hypervisor can only hot-plug virtio-blk. The remote and dragonball tables ignore the key. ' +
      'From 3.32.0, confidential_guest = true with virtio-mmio is an error.',
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

  'hypervisor/block_device_logical_sector_size': {
    summary: 'Logical sector size in bytes that block devices report to the guest; 0 keeps the default.',
    description:
      'Sets the logical block size the guest sees on attached block devices, for example 4096 for storage that expects 4 KiB sectors. ' +
      '0 keeps the hypervisor default. ' +
      'Allowed values are 0 and the powers of two from 512 up to 65536. When both sector sizes are non-zero, the logical size must not be larger than block_device_physical_sector_size.',
    go: 'Added in 3.32.0 and read only for qemu and stratovirt. Invalid values make loading fail.',
    rs: 'Added in 3.32.0. Checked unless disable_block_device_use is true.',
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
    go: 'Added in 3.32.0 and read only for qemu and stratovirt. Invalid values make loading fail.',
    rs: 'Added in 3.32.0. Checked unless disable_block_device_use is true.',
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

  'hypervisor/boot_from_template': {
    summary: 'Internal flag: start the VM from a saved VM template (runtime-rs, set by the VM factory).',
    description:
      'Marks the VM as one to restore from a template snapshot instead of booting from scratch. ' +
      'runtime-rs sets this itself, together with memory_path and device_state_path, when VM templating is on; it is not meant to be written in a configuration file. ' +
      'To use templating, set enable_template (and optionally template_path) in [hypervisor.<name>.factory].',
    go: 'No such key in the Go runtime; ignored. Go configures templating in the top-level [factory] table.',
    rs: 'Accepted by the parser from 3.32.0, because the template settings are flattened into the hypervisor table. No shipped template sets it.',
  },

  'hypervisor/boot_to_be_template': {
    summary: 'Internal flag: boot the VM so it can be saved as a template (runtime-rs, set by the VM factory).',
    description:
      'Marks the VM as the one to be snapshotted into a VM template, from which later sandboxes are cloned. ' +
      'runtime-rs sets this itself when it builds a template; it is not meant to be written in a configuration file. ' +
      'To use templating, set enable_template (and optionally template_path) in [hypervisor.<name>.factory].',
    go: 'No such key in the Go runtime; ignored. Go configures templating in the top-level [factory] table.',
    rs: 'Accepted by the parser from 3.32.0, because the template settings are flattened into the hypervisor table. No shipped template sets it.',
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
      'Cloud Hypervisor accepts only no-port and root-port from 3.32.0, and no cold plug at all before that. An empty value means no-port.',
    rs:
      'Accepted from 3.32.0; the 3.10.0 and 3.20.0 templates mention it, but those parsers ignore it. ' +
      'Only no-port (or empty) and root-port work; any other value fails at sandbox creation ("unsupported cold_plug_vfio value ...").',
    values: {
      'no-port': 'Turns cold plug off; the default.',
      'bridge-port': 'Go runtime with QEMU only: places the devices behind a PCI bridge.',
      'root-port': 'Places each device on its own PCIe root port; the only cold-plug port type that runtime-rs and Cloud Hypervisor support.',
      'switch-port': 'Go runtime with QEMU only: places the devices behind the downstream ports of an emulated PCIe switch.',
    },
  },

  'hypervisor/confidential_guest': {
    summary: 'Run the VM as a confidential guest, protected by the TEE technology of the host.',
    description:
      'When true, the VM starts with the memory encryption and isolation technology the host provides (for example Intel TDX, AMD SEV-SNP or IBM Secure Execution), so the host cannot read guest memory. ' +
      'The host must support and enable such a technology, and the guest kernel, image and firmware must be built for it. The shipped qemu-tdx, qemu-snp, qemu-se and GPU TEE files set it. ' +
      'Some features are unavailable or behave differently in this mode: NVDIMM is not used, and from 3.32.0 MMIO block transports are refused.',
    go:
      'Read for qemu and clh. On a host without TEE support, sandbox creation fails ("This system doesn\'t support Confidential Computing (Guest Protection)"), and Cloud Hypervisor refuses SEV and SEV-SNP. ' +
      'With QEMU, NVDIMM is turned off silently; from 3.32.0, block_device_driver = "virtio-mmio" is an error.',
    rs: 'Accepted in every hypervisor table and used by qemu and clh. From 3.32.0, a confidential guest with vm_rootfs_driver = "virtio-blk-mmio" is rejected.',
  },

  'hypervisor/cpu_features': {
    summary: 'Comma-separated CPU feature flags added to the guest CPU model (QEMU -cpu option).',
    description:
      'Turns individual CPU features on or off for the guest. The shipped value "pmu=off", for example, hides the performance monitoring unit. ' +
      'The string is appended after the CPU model on the QEMU command line, so write it in QEMU feature syntax; spaces around the commas are removed. ' +
      'Leave it at the shipped value unless a workload needs a particular feature exposed or hidden.',
    go: 'Read only for [hypervisor.qemu].',
    rs: 'QEMU uses the whole string. Cloud Hypervisor (3.32.0+) only checks it for "amx", on x86_64, to enable AMX.',
  },

  'hypervisor/ctlpath': {
    summary: 'Path of a hypervisor control tool (Go: acrnctl for ACRN in 3.2.0; runtime-rs: only checked).',
    description:
      'Points to a helper program for controlling the hypervisor. ' +
      'In the Go runtime it existed only for the ACRN hypervisor (the acrnctl tool) and was removed together with ACRN after 3.2.0. ' +
      'runtime-rs keeps the key in every hypervisor table but only checks that a given path exists, so there is no reason to set it.',
    go: 'Accepted only in 3.2.0, where the acrn table read it; an empty value meant the built-in acrnctl path, which then had to exist. Later releases ignore the key.',
    rs: 'If set, the path must exist for qemu and clh ("... ctlpath `...` is invalid"), and it must be empty for dragonball. No runtime-rs component was found that runs the tool.',
  },

  'hypervisor/dbg_monitor_socket': {
    summary: 'runtime-rs alias of extra_monitor_socket: an extra QEMU monitor socket (hmp, qmp, qmp-pretty).',
    description:
      'Asks QEMU for an extra monitor socket for debugging, using the hmp, qmp or qmp-pretty protocol; an empty value turns it off. ' +
      'runtime-rs creates the socket only when enable_debug is true in the same hypervisor table. ' +
      'Prefer the name extra_monitor_socket, which both runtimes understand.',
    go: 'The Go runtime does not accept this name and ignores it; its key is extra_monitor_socket.',
    rs:
      'In 3.10.0 and 3.20.0 this was the real field name, and extra_monitor_socket in the templates of those releases was ignored. From 3.32.0 the field is extra_monitor_socket, and this name remains as an alias. ' +
      'Nothing is checked: any value other than hmp or qmp-pretty means qmp. Only QEMU uses it.',
  },

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

  'hypervisor/default_gpu_model': {
    summary: 'GPU model requested for a peer-pods VM (remote hypervisor, runtime-rs).',
    description:
      'Only used by the remote hypervisor (peer pods). The runtime passes this string, for example a GPU family name, to the remote hypervisor service as a sizing hint, so it can choose a cloud instance with that GPU. ' +
      'Other hypervisors ignore it. ' +
      'It is usually set per pod through the default_gpu_model hypervisor annotation rather than in the file.',
    go: 'Not a configuration key in the Go runtime; ignored. Go only supports the io.katacontainers.config.hypervisor.default_gpu_model annotation.',
    rs: 'Accepted from 3.20.0. No shipped template sets it.',
  },

  'hypervisor/default_gpus': {
    summary: 'Number of GPUs requested for a peer-pods VM (remote hypervisor, runtime-rs).',
    description:
      'Only used by the remote hypervisor (peer pods). The runtime passes this count to the remote hypervisor service as a sizing hint, so it can choose a cloud instance with enough GPUs. ' +
      'Other hypervisors ignore it. ' +
      'It is usually set per pod through the default_gpus hypervisor annotation rather than in the file.',
    go: 'Not a configuration key in the Go runtime; ignored. Go only supports the io.katacontainers.config.hypervisor.default_gpus annotation.',
    rs: 'Accepted from 3.20.0. No shipped template sets it.',
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
      'Accepted from 3.10.0. The remote hypervisor requires it to equal host RAM (0 works). ' +
      'On ppc64le builds (3.32.0+) it is rounded down to a multiple of 256 MiB and must stay above default_memory.',
  },

  'hypervisor/default_maxvcpus': {
    summary: 'Most vCPUs the VM can have after CPU hotplug; 0 means the host CPU count.',
    description:
      'Sets the number of vCPUs the VM can grow to. ' +
      '0, or more than the host has, means the host CPU count. ' +
      'A smaller value can reduce VM overhead, but it limits how many CPUs containers can get through hotplug. It must not be below default_vcpus.',
    go:
      'After that, the value is capped at the architecture limit (amd64 240, arm64 123 with GICv3, ppc64le 128, s390x 248, riscv64 512). ' +
      'The remote table does not read it. With static_sandbox_resource_mgmt it is replaced by the rounded-up vCPU count.',
    rs:
      'QEMU, Cloud Hypervisor and Dragonball reject more than 256 vCPUs, and Firecracker more than 32. ' +
      'The remote hypervisor requires it to equal the host CPU count (0 works). With static_sandbox_resource_mgmt it is set to the rounded-up vCPU count.',
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

  'hypervisor/default_vcpus': {
    summary: 'Number of vCPUs the VM boots with; fractional values allowed in newer releases.',
    description:
      'Base number of virtual CPUs for the sandbox VM. For containers with CPU limits, more vCPUs are hot-plugged on top of it; with static_sandbox_resource_mgmt, they are added before boot instead. ' +
      'Where the type is a float, a fractional value such as 0.5 is allowed, and the VM boots with the value rounded up to a whole vCPU. ' +
      'A negative value, or more CPUs than the host has, means all host CPUs; 0 means 1.',
    go:
      'A float from 3.10.0; an integer in 3.2.0, where a value like 1.5 is a type error. ' +
      'The clamp to the host CPU count does not take default_maxvcpus into account. The remote table does not read the key.',
    rs: 'An integer up to 3.10.0 and a float from 3.20.0. After clamping to the host CPU count, the value is also capped at default_maxvcpus.',
  },

  'hypervisor/device_state_path': {
    summary: 'Internal: file holding the saved device state of a VM template (runtime-rs, set by the factory).',
    description:
      'Path of the device-state snapshot that belongs to a VM template. runtime-rs fills it in itself, under template_path, when it creates template VMs or restores from them. ' +
      'It is not meant to be set in a configuration file. ' +
      'Configure templating with enable_template and template_path in [hypervisor.<name>.factory] instead.',
    go: 'No such key in the Go runtime; ignored.',
    rs: 'Accepted by the parser from 3.32.0 as one of the flattened template settings. No shipped template sets it.',
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

  'hypervisor/disable_guest_selinux': {
    summary: 'Turn off SELinux labelling of container processes inside the guest.',
    description:
      'When false, the guest kernel boots with SELinux on, and the agent applies the SELinux labels requested by the container engine to container processes. ' +
      'This requires SELinux to be enabled on the host and a guest image that supports it. ' +
      'When true (the shipped value), SELinux is not used inside the guest. ' +
      'This key is separate from disable_selinux, which concerns the hypervisor process on the host.',
    go:
      'Read for qemu, clh and stratovirt; firecracker and remote force it to true. ' +
      'When the key is missing, Go uses false, which turns guest SELinux on; container creation then fails on hosts without SELinux ("Guest SELinux is enabled, but SELinux is disabled on the host side"). ' +
      'guest_selinux_label only works when this key is false.',
    rs: 'Accepted from 3.10.0. When the key is missing, the value is true.',
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
    rs: 'Parsed but not used by runtime-rs at the studied tags. There, vm_rootfs_driver decides how the rootfs image is attached (virtio-pmem gives NVDIMM-style attachment).',
  },

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
    go: 'Several loaders read it, but only QEMU acts on it (its network, block, SCSI, 9p, serial and vsock virtio devices). The 3.2.0 ACRN template mentions it only in a comment.',
    rs: 'In runtime-rs 4.1.0 the key only affects the QEMU vsock device; other devices apply the nested-VM workaround regardless of it.',
  },

  'hypervisor/disable_seccomp': {
    summary: 'Turn off the seccomp filter that the hypervisor (VMM) process applies to itself.',
    description:
      'Some VMMs restrict their own process with a seccomp system-call filter. Setting this key to true turns that filter off. ' +
      'That is only useful for debugging a VMM that seccomp kills; otherwise leave it false. ' +
      'It does not affect container seccomp profiles (see disable_guest_seccomp) or QEMU, which has a separate seccomp sandbox key (seccompsandbox in Go, seccomp_sandbox in runtime-rs).',
    go: 'Read for clh and stratovirt, but only Cloud Hypervisor uses it (it passes "--seccomp false"). StratoVirt always starts with its seccomp filter off, whatever this key says.',
    rs: 'Used by Cloud Hypervisor, Dragonball and Firecracker. The qemu table accepts it, but it has no effect there.',
  },
};
