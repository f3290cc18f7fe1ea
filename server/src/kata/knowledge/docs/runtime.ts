// Key documentation for the [runtime] table and its [[runtime.shared_mounts]] entries (runtime-rs).
import type { KeyDoc } from './types';

export const RUNTIME_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [runtime]
  // ---------------------------------------------------------------------------
  'runtime/agent_name': {
    summary: 'Name of the [agent.<name>] table that runtime-rs uses for the guest agent (runtime-rs only).',
    description:
      'Tells runtime-rs which [agent.<name>] table of the file holds the agent settings; the shipped files use "kata" together with an [agent.kata] table. ' +
      'The value must be non-empty and must name an agent table that exists in the file, otherwise sandbox creation fails with "Agent name is missing in the configuration" or "Invalid agent name <x>". ' +
      'Kata has only one agent implementation, so there is rarely a reason to change it. ' +
      'Agent tables that are not selected are still validated, so a broken extra table can still cause errors.',
    go: 'Ignored by the Go runtime. Go reads every [agent.<name>] table whatever its name (the last one processed wins).',
    rs: 'Present in every release from 3.2.0 to 4.1.0. The built-in value is an empty string, so leaving the key out is an error rather than a fallback to "kata".',
  },
  'runtime/create_container_timeout': {
    summary: 'How long the Go shim waits for the agent to create a container, in seconds.',
    description:
      'Time limit, in seconds, for the CreateContainer request that the runtime sends to the kata agent. ' +
      'With guest image pull (confidential containers), the image is downloaded inside the VM while this request runs, so large images may need a higher value. ' +
      'kubelet also has its own runtime request timeout, and the smaller of the two limits applies in practice. ' +
      'Most shipped files set 60; the NVIDIA GPU variants use larger values (500 or 1200).',
    go:
      'Added in 3.4.0. The value is used exactly as written: there is no fallback to 60 when the key is missing or 0, and a zero limit makes the request fail straight away, so keep it positive. ' +
      'The value is unsigned with no range check, so a negative number wraps to a huge timeout without an error. ' +
      'A pod can override it with the io.katacontainers.config.runtime.create_container_timeout annotation.',
    rs: 'Ignored in the runtime-rs [runtime] table. runtime-rs reads create_container_timeout from the [agent.<name>] table instead (3.19.0+), also in seconds.',
  },
  'runtime/dan_conf': {
    summary: 'Directory where Directly Attachable Network (DAN) description files are looked up.',
    description:
      'For every sandbox the runtime looks in this directory for a file named <sandbox-id>.json, which a DAN-aware CNI plugin writes. ' +
      'If the file exists, the runtime sets up the VM network from the devices listed in it; these devices stay in the host network namespace, so the path has fewer hops. ' +
      'Change the directory only if your CNI plugin writes its files somewhere else; the shipped value is /run/kata-containers/dans. ' +
      'No default path is used when the key is missing: the lookup then uses a relative file name that normally does not exist, so DAN is effectively off.',
    go: 'Added in 3.7.0.',
    rs: 'Added in 3.3.0. If the DAN file for a sandbox exists, runtime-rs does not create a network namespace for it, just as with disable_new_netns = true.',
  },
  'runtime/disable_guest_empty_dir': {
    summary: 'Share disk-backed Kubernetes emptyDir volumes from the host instead of creating them in the guest.',
    description:
      'When true, disk-backed emptyDir volumes are created on the host and reach the guest through the shared file system (shared_fs). This is slower, but the data stays on the host disk. ' +
      'When false, these volumes are created inside the guest as guest-local storage. ' +
      'Memory-backed emptyDirs always live in guest memory, and hugepage-backed ones are always guest-local, whatever this key says. ' +
      'A block emptydir_mode (block-encrypted or block-plain) overrides guest-local creation.',
    go:
      'Present in every release from 3.2.0 to 4.1.0. The shipped files set false up to 3.32.0; from 4.0.0 they set true, except the remote file, which keeps false. ' +
      'When the key is missing, Go uses false, so disk-backed emptyDirs become guest-local.',
    rs:
      'runtime-rs reads this key only from 3.23.0 to 3.32.0. Its templates already set it from 3.3.0 on, but the parsers before 3.23.0 ignore it. ' +
      'It was removed again in 4.0.0 and is ignored from then on; disk-backed emptyDirs then always go through the shared file system or a block emptydir_mode.',
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
    rs: 'runtime-rs does not check the combination with internetworking_model when loading. In 4.1.0, when the file contains a [hypervisor.remote] table, runtime-rs forces this key to false.',
  },
  'runtime/emptydir_mode': {
    summary: 'How Kubernetes emptyDir volumes reach the guest: the shared file system or a block device.',
    description:
      'Chooses what backs disk-backed emptyDir volumes. ' +
      'shared-fs (the default) passes them through the shared file system set by shared_fs. The block modes instead create a block device for each emptyDir and plug it into the VM, either encrypted inside the guest or mounted as it is. ' +
      'The block modes keep emptyDir data off the shared file system, which is useful for confidential guests. ' +
      'An empty string counts as shared-fs.',
    go:
      'Added in 3.28.0 with shared-fs and block-encrypted; block-plain was added in 4.0.0. ' +
      'Any other value makes loading fail with "invalid emptydir_mode=...".',
    rs: 'Added in 3.31.0 with the same values (block-plain from 4.0.0). Other values are rejected with "Invalid emptydir_mode `...` in configuration file".',
    values: {
      'shared-fs': 'Shares the emptyDir directory from the host through the shared file system chosen by shared_fs; the default.',
      'block-encrypted': 'Plugs a dedicated block device for each emptyDir and encrypts it inside the guest (LUKS2), so the host sees only ciphertext.',
      'block-plain': 'Plugs a dedicated block device for each emptyDir and mounts it in the guest without encryption; 4.0.0 and later only.',
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
    rs: 'runtime-rs parses the key and the matching annotation, but no runtime-rs component uses them in any release from 3.2.0 to 4.1.0, so the key has no effect.',
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
    rs: 'The runtime-rs parser accepts the key from 3.30.0. The runtime-rs templates of 3.3.0–3.28.0 already mention it (and set it from 3.24.0), but those parsers ignore it.',
  },
  'runtime/experimental': {
    summary: 'List of experimental feature names to turn on.',
    description:
      'Turns on features that are not yet stable; they may change or disappear in a later release. ' +
      'Each entry is a feature name given as a string, for example ["name"]. ' +
      'The two runtimes recognise different names; see the runtime remarks.',
    go:
      'No experimental feature is registered in any release from 3.2.0 to 4.1.0, so any non-empty list makes loading fail with "Unsupported experimental feature ...". ' +
      'Leave the list empty.',
    rs:
      'Names are not validated, and unknown names are simply ignored. ' +
      'The only name runtime-rs uses is "force_guest_pull" (3.18.0+), which makes the guest pull all container images. It replaces the Go key experimental_force_guest_pull.',
  },
  'runtime/experimental_force_guest_pull': {
    summary: 'Always pull container images inside the guest, whatever the snapshotter says (Go runtime).',
    description:
      'When true, every container image is pulled by the guest itself, instead of relying on snapshotter annotations to choose guest pull. ' +
      'It is meant for confidential-container setups that want guest pull without running a remote snapshotter. ' +
      'The feature is experimental.',
    go: 'Added in 3.18.0. A pod can also set it with the io.katacontainers.config.runtime.experimental_force_guest_pull annotation.',
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
      'runtime-rs has no such key. Its templates of 3.3.0–3.28.0 mention it (commented out up to 3.23.0, set from 3.24.0), but the parser ignores it. ' +
      'The migration guide shipped with 4.0.0 names selinux_label in the hypervisor table (read from 3.21.0) as its replacement.',
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
      'The Cloud Hypervisor name changed from cloud-hypervisor (up to 3.29.0) to clh (3.30.0+), and the table name must change with it. ' +
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
      'In 4.1.0, if the file has a [hypervisor.remote] table, runtime-rs forces the value to none.',
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
    rs: 'Present in every release from 3.2.0 to 4.1.0; false when the key is missing.',
  },
  'runtime/kubelet_root_dir': {
    summary: 'Kubelet root directory, used to recognise ConfigMap and Secret volume paths (Go runtime).',
    description:
      'The Go runtime watches ConfigMap, Secret, projected and downward-API volumes so that updates made by kubelet also reach the guest. It recognises these volumes by their host path under the kubelet root directory. ' +
      'Set this key when your distribution keeps kubelet data elsewhere; k0s, for example, uses /var/lib/k0s/kubelet. ' +
      'An empty value means /var/lib/kubelet.',
    go: 'Added in 3.28.0.',
    rs: 'runtime-rs has no such key. The shipped nvidia templates set it from 3.31.0, but the parser ignores it.',
  },
  'runtime/log_level': {
    summary: 'Log level of the runtime-rs runtime component: trace, debug, info, warn, error or critical.',
    description:
      'Sets how much the runtime component of runtime-rs logs; the hypervisor and agent tables have their own log_level keys. ' +
      'Accepted values are trace, debug, info, warn, error and critical. Any other value is treated as info, without an error. ' +
      'The default is info.',
    go: 'Ignored by the Go runtime; use enable_debug there.',
    rs: 'Added in 3.3.0. From 3.32.0, enable_debug = true turns a log_level of "info" into debug.',
  },
  'runtime/name': {
    summary: 'Runtime handler that runtime-rs runs; virt_container is the working choice (runtime-rs only).',
    description:
      'Selects the runtime handler inside runtime-rs. The shipped files use virt_container, which runs containers inside a VM. ' +
      'Other handler names exist only in special builds and are not shipped. ' +
      'The key must be present and non-empty ("Runtime name is missing in the configuration"), and an unknown name fails with "Unsupported runtime: <name>".',
    go: 'Ignored by the Go runtime.',
    rs: 'Present in every release from 3.2.0 to 4.1.0. The built-in value is an empty string, so the key has to be written in the file.',
  },
  'runtime/passfd_listener_port': {
    summary: 'Guest vsock port for passing container stdio as file descriptors (runtime-rs with Dragonball).',
    description:
      'When use_passfd_io is true, the runtime passes this port to the agent through the kernel parameter agent.passfd_listener_port. The agent listens there, and container stdin, stdout and stderr travel over dedicated vsock connections instead of through agent requests. ' +
      'Change it only if the default port 1027 conflicts with something else in the guest. ' +
      'It has no effect unless use_passfd_io is true and the hypervisor is Dragonball.',
    go: 'Ignored by the Go runtime.',
    rs: 'Added in 3.3.0; 1027 when the key is missing.',
  },
  'runtime/pod_resource_api_sock': {
    summary: 'Path of the kubelet PodResources API socket, used to cold-plug devices assigned to a pod.',
    description:
      'When this is set and cold_plug_vfio in the hypervisor table is not no-port, the runtime asks kubelet through this socket which devices (for example GPUs from a device plugin) belong to the pod, and cold-plugs them into the VM at boot. ' +
      'When it is empty, the devices to cold-plug must be given with CDI annotations instead. ' +
      'The socket is normally <kubelet root>/pod-resources/kubelet.sock. Kubelets older than 1.34 also need the KubeletPodResourcesGet feature gate.',
    go: 'Added in 3.24.0. If the socket is not available, the Go runtime falls back to CDI annotations.',
    rs: 'Added in 3.31.0. runtime-rs uses the socket only if the path exists.',
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
    rs: 'Added in 3.3.0. From 3.29.0, an unknown field inside an entry is a load error. A pod annotation can also supply the list as JSON.',
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
      'From 4.0.0, when the pod has limits, the VM size is overhead_vcpus/overhead_memory plus the workload; up to 3.32.0 it was default_vcpus/default_memory plus the workload. ' +
      'default_maxvcpus becomes the rounded-up vCPU count.',
  },
  'runtime/use_passfd_io': {
    summary: 'Carry container stdio over dedicated vsock connections (fd passthrough); runtime-rs with Dragonball.',
    description:
      'When true, runtime-rs opens vsock connections for container stdin, stdout and stderr in advance and hands them to the agent, instead of relaying the stream data through agent requests. This lowers I/O overhead. ' +
      'The agent accepts these connections on passfd_listener_port. ' +
      'Only the Dragonball hypervisor supports it; with other hypervisors the setting has no effect.',
    go: 'Ignored by the Go runtime.',
    rs: 'Added in 3.3.0. false when the key is missing; the Dragonball template sets true.',
  },
  'runtime/vfio_mode': {
    summary: 'How VFIO devices given to a container appear inside it: as VFIO nodes or through guest drivers.',
    description:
      'Decides how a VFIO device appears in the container. With vfio, the container sees /dev/vfio character devices, much as it would with runc. With guest-kernel, whichever guest kernel driver claims the device owns it, and the device appears as that driver\'s device nodes or network interfaces. ' +
      'Choose vfio for workloads that drive the device through VFIO themselves (user-space drivers), and guest-kernel for devices handled by a kernel driver in the guest. ' +
      'What an empty or missing value means differs between the runtimes.',
    go: 'An empty or missing value means vfio, not guest-kernel: the loader sets guest-kernel as its default and then replaces its whole runtime configuration, so the zero value (vfio) is what stays, at every release 3.2.0–4.1.0. Write the mode you want. Any other value makes loading fail with "Unknown VFIO mode ...".',
    rs: 'An empty or missing value means guest-kernel. Any other value is rejected with "Invalid vfio_mode `...` in configuration file".',
    values: {
      vfio: 'Gives the container the device as a VFIO character device under /dev/vfio, like runc; the group numbers follow the guest IOMMU groups, not the host ones.',
      'guest-kernel': 'Lets the guest kernel driver that binds the device own it, so it appears as that driver\'s nodes or interfaces; runtime-rs\'s default.',
    },
  },

  // ---------------------------------------------------------------------------
  // [[runtime.shared_mounts]] (runtime-rs)
  // ---------------------------------------------------------------------------
  'shared_mounts/dst_ctr': {
    summary: 'runtime-rs: Kubernetes name of the container that receives the shared mount.',
    description:
      'When runtime-rs creates a container whose name (taken from the containerd or CRI-O annotations) equals dst_ctr, it sends the matching shared_mounts entries with the CreateContainer request. ' +
      'The agent then attaches the mounts inside that container. ' +
      'Must not be empty ("shared_mount: field \'dst_ctr\' couldn\'t be empty.").',
    go: 'Not a Go key.',
    rs: 'Added in 3.3.0.',
  },
  'shared_mounts/dst_path': {
    summary: 'runtime-rs: absolute path in dst_ctr where the shared mount is attached.',
    description:
      'The agent creates the directory if necessary and attaches the cloned mount there inside the destination container. ' +
      'The path must be absolute, each component may only contain letters, digits, "-", "_" and ".", and ".." is not allowed. ' +
      'Violations fail the load ("shared_mount \'<name>\': dst_path is invalid ..."); an empty value is rejected too.',
    go: 'Not a Go key.',
    rs: 'Added in 3.3.0.',
  },
  'shared_mounts/name': {
    summary: 'runtime-rs: identifier of a [[runtime.shared_mounts]] entry, shown in error messages.',
    description:
      '[[runtime.shared_mounts]] entries let one container of a pod see a mount that another container created while running: the agent clones the mount found at src_path in container src_ctr and attaches it at dst_path in container dst_ctr. ' +
      'name identifies the entry and must not be empty; all five fields are required. ' +
      'Entries can also be supplied as JSON through the io.katacontainers.config.runtime.shared_mounts annotation.',
    go: 'Not a Go key; the Go runtime has no shared mounts.',
    rs: 'Added in 3.3.0. From 3.29.0 on, unknown keys inside an entry are rejected.',
  },
  'shared_mounts/src_ctr': {
    summary: 'runtime-rs: Kubernetes name of the container in which the shared mount is created.',
    description:
      'Matched against the container name from the containerd or CRI-O annotations. ' +
      'When dst_ctr is created, the agent looks for an already running container of this name in the same sandbox; if there is none, the entry is silently skipped, so the source container has to start first. ' +
      'Must not be empty.',
    go: 'Not a Go key.',
    rs: 'Added in 3.3.0.',
  },
  'shared_mounts/src_path': {
    summary: 'runtime-rs: absolute path in src_ctr where the mount to be shared appears.',
    description:
      'The agent waits up to 10 seconds for a mount to show up at exactly this path in the source container; if none appears, the entry is skipped. ' +
      'Otherwise the whole mounted tree at that path is cloned, including nested mounts, and handed to the destination container. ' +
      'The path must be absolute, each component may only contain letters, digits, "-", "_" and ".", and ".." is not allowed ("shared_mount \'<name>\': src_path is invalid ..."); an empty value is rejected too.',
    go: 'Not a Go key.',
    rs: 'Added in 3.3.0.',
  },
};
