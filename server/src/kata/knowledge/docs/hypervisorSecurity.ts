// Key documentation for [hypervisor.<name>] keys for host-side and guest-side hardening: SELinux, seccomp, rootless mode, annotation gating and the valid_* allow-lists.
import type { KeyDoc } from './types';

export const HYPERVISOR_SECURITY_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: SELinux
  // ---------------------------------------------------------------------------
  'hypervisor/disable_selinux': {
    summary: 'Do not run the hypervisor (VMM) process under the SELinux label of the container.',
    description:
      'With the default false, the runtime sets the SELinux exec label that belongs to the container just before it launches the VMM, so the hypervisor process is confined by that label. ' +
      'Set it to true when the label stops the VMM from starting or when you deliberately do not want the VMM confined. ' +
      'This only concerns the host-side VMM process; SELinux inside the guest is controlled by disable_guest_selinux. ' +
      'Nothing is applied when no label is available for the sandbox.',
    go: 'Acted on by the QEMU, Cloud Hypervisor and Firecracker back ends; accepted in every release from 3.2.0 to 4.1.0.',
    rs: 'Only read from 3.21.0 on (QEMU, Cloud Hypervisor and Firecracker back ends). The runtime-rs templates of 3.3.0–3.20.0 already set disable_selinux, but those releases had no such field and silently ignored it.',
  },
  'hypervisor/selinux_label': {
    summary: 'SELinux label applied to the VMM process when it is launched (runtime-rs).',
    description:
      'Holds the SELinux process label the hypervisor is executed with. runtime-rs normally fills it from the SELinux process label in the pod OCI spec unless disable_selinux is set, so writing it by hand is rarely needed and no shipped template does. It concerns the host-side VMM process, not SELinux inside the guest, which disable_guest_selinux controls.',
    go: 'Not a Go runtime key in hypervisor tables; ignored.',
    rs: 'runtime-rs only, 3.21.0 and later; used when the qemu, clh and firecracker drivers start the VMM.',
  },
  'hypervisor/disable_guest_selinux': {
    summary: 'Turn off SELinux labelling of container processes inside the guest.',
    description:
      'When false, the SELinux labels requested by the container engine are kept, and the agent applies them to container processes inside the guest. ' +
      'Only the QEMU back end also tells the guest kernel, by adding selinux=1 (or selinux=0 when the key is true) to its command line; with other hypervisors the guest kernel keeps whatever SELinux setting its image and kernel_params give it. ' +
      'Guest SELinux requires SELinux to be enabled on the host and a guest image that supports it. ' +
      'When true (the shipped value), container labels are dropped and SELinux is not used for the workload inside the guest. ' +
      'This key is separate from disable_selinux, which concerns the hypervisor process on the host.',
    go:
      'Read for qemu, clh and stratovirt; firecracker and remote force it to true. Only QEMU writes selinux=0/1 into the guest kernel command line, before kernel_params, so a selinux= given there wins. ' +
      'When the key is missing, Go uses false, which turns guest SELinux on; container creation then fails on hosts without SELinux ("Guest SELinux is enabled, but SELinux is disabled on the host side"). ' +
      'guest_selinux_label only works when this key is false.',
    rs: 'Accepted from 3.9.0. When the key is missing, the value is true. Only the QEMU back end writes selinux=0/1 into the guest kernel command line, after kernel_params, so it overrides a selinux= given there. With guest SELinux on, runtime-rs also starts virtiofsd with --xattr.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: seccomp
  // ---------------------------------------------------------------------------
  'hypervisor/disable_seccomp': {
    summary: 'Turn off the seccomp filter that the hypervisor (VMM) process applies to itself.',
    description:
      'Some VMMs restrict their own process with a seccomp system-call filter. Setting this key to true turns that filter off. ' +
      'That is only useful for debugging a VMM that seccomp kills; otherwise leave it false. ' +
      'It does not affect container seccomp profiles (see disable_guest_seccomp) or QEMU, which has a separate seccomp sandbox key (seccompsandbox in Go, seccomp_sandbox in runtime-rs).',
    go: 'Read for clh and stratovirt, but only Cloud Hypervisor uses it (it passes "--seccomp false"). StratoVirt always starts with its seccomp filter off, whatever this key says.',
    rs: 'Used by Cloud Hypervisor, Dragonball and Firecracker. The qemu table accepts it, but it has no effect there.',
  },
  'hypervisor/seccompsandbox': {
    summary: 'QEMU -sandbox (seccomp) options for the VMM process; Go runtime spelling.',
    description:
      'Comma-separated options handed to QEMU\'s -sandbox argument so that QEMU confines its own system calls with seccomp, for example "on,obsolete=deny,spawn=deny". An empty value, the default, adds no sandbox. Enabling it can slow the VMM somewhat; having the kernel BPF JIT enabled lowers that cost.',
    go:
      'Read only from [hypervisor.qemu], in every release from 3.2.0 to 4.1.0. The string is passed through unchecked, so a typo shows up as a QEMU start failure.',
    rs:
      'runtime-rs does not read seccompsandbox, although its qemu templates of 3.3.0–3.28.0 mention it (and set it from 3.24.0); use seccomp_sandbox, available since 3.20.0.',
  },
  'hypervisor/seccomp_sandbox': {
    summary: 'QEMU -sandbox (seccomp) options for the VMM process; runtime-rs spelling.',
    description:
      'A comma-separated option string handed to QEMU\'s -sandbox argument, which makes QEMU install a seccomp filter limiting the system calls it may make, for example "on,obsolete=deny,spawn=deny". The filter can cost some performance. An empty string or a missing key leaves the sandbox off. This is the runtime-rs name; the Go runtime calls the key seccompsandbox.',
    go: 'The Go runtime ignores seccomp_sandbox; use seccompsandbox there.',
    rs:
      'Read by the runtime-rs QEMU driver since 3.20.0. The runtime-rs templates of 3.3.0–3.28.0 used the Go spelling seccompsandbox instead (commented out up to 3.23.0, set from 3.24.0), which runtime-rs never reads; they switched to seccomp_sandbox in 3.29.0.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: rootless VMM
  // ---------------------------------------------------------------------------
  'hypervisor/rootless': {
    summary: 'Run the VMM process as an unprivileged, randomly created user instead of root.',
    description:
      'When true, the runtime creates a throw-away non-root user and starts the hypervisor under it, which limits what a compromised VMM could do on the host. Some features do not work in this mode, so test the workload before switching it on. Default false.',
    go: 'Read from the qemu and clh tables; the templates describe it for QEMU.',
    rs:
      'Supported by the qemu driver from 3.22.0 and the clh driver from 3.23.0; earlier releases accept the key without acting on it, and dragonball rejects rootless = true. The runtime fills rootless_user itself with the account it creates and adds that account to the group owning /dev/kvm.',
  },
  'hypervisor/rootless_user': {
    summary: 'Sub-table naming the non-root account the VMM runs as in rootless mode (runtime-rs).',
    description:
      'The [hypervisor.<name>.rootless_user] table holds uid, gid, groups and user_name of the account used to start the hypervisor when rootless = true. It is effectively internal: in rootless mode runtime-rs creates a fresh user and overwrites whatever the file says, and outside rootless mode the table is not used. No shipped template sets it, so there is rarely a reason to write it.',
    go: 'Not a Go runtime key; ignored.',
    rs:
      'runtime-rs only, 3.22.0 and later. From 3.29.0 the table rejects unknown keys, so a misspelled field inside it is a load error.',
  },
  'rootless_user/gid': {
    summary: 'runtime-rs: primary group ID of the unprivileged hypervisor user (filled in by Kata).',
    description:
      'Part of [hypervisor.<name>.rootless_user], the identity the hypervisor process runs as when rootless = true. ' +
      'It does not need to be set: in rootless mode runtime-rs creates a temporary kata-NNNN user for each sandbox and overwrites the whole table with that user\'s uid, gid, the group owning /dev/kvm and its name. ' +
      'When rootless is off, the table is not used. No shipped file mentions it.',
    go: 'Not a Go key.',
    rs: 'Added in 3.22.0; from 3.29.0 unknown keys in the table are rejected.',
  },
  'rootless_user/groups': {
    summary: 'runtime-rs: supplementary group IDs of the unprivileged hypervisor user (filled in by Kata).',
    description:
      'Part of [hypervisor.<name>.rootless_user]: extra groups the hypervisor process gets in rootless mode, written as an array of numeric group IDs. ' +
      'In rootless mode runtime-rs replaces the whole table at sandbox creation, setting groups to the group that owns /dev/kvm so the hypervisor can use KVM; values written here are therefore lost. ' +
      'When rootless is off, the table is not used.',
    go: 'Not a Go key.',
    rs: 'Added in 3.22.0; from 3.29.0 unknown keys in the table are rejected.',
  },
  'rootless_user/uid': {
    summary: 'runtime-rs: user ID the hypervisor process runs as in rootless mode (filled in by Kata).',
    description:
      'Part of [hypervisor.<name>.rootless_user], the identity the hypervisor process runs as when rootless = true. ' +
      'In rootless mode runtime-rs creates a temporary kata-NNNN user for each sandbox and writes its uid here, replacing any configured value; the user is removed again when the sandbox goes away. ' +
      'When rootless is off, the table is not used.',
    go: 'Not a Go key.',
    rs: 'Added in 3.22.0; from 3.29.0 unknown keys in the table are rejected.',
  },
  'rootless_user/user_name': {
    summary: 'runtime-rs: name of the unprivileged hypervisor user (filled in by Kata).',
    description:
      'Part of [hypervisor.<name>.rootless_user]. ' +
      'In rootless mode runtime-rs creates a temporary user named kata-NNNN for each sandbox, records its name here (replacing any configured value), and deletes that user again during cleanup. ' +
      'When rootless is off, the table is not used.',
    go: 'Not a Go key.',
    rs: 'Added in 3.22.0; from 3.29.0 unknown keys in the table are rejected.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: annotations and allow-lists
  // ---------------------------------------------------------------------------
  'hypervisor/enable_annotations': {
    summary: 'Regexes choosing which hypervisor settings pods may override through annotations.',
    description:
      'Pods can override many hypervisor settings with io.katacontainers.config.hypervisor.<key> annotations, but only keys matched by one of these regular expressions are honoured. ' +
      'Each regex is matched against the part after that prefix and is not anchored, so "kernel" also enables kernel_params and kernel_verity_params; write ^name$ for an exact match. ' +
      'Path-valued overrides additionally need a match in the corresponding valid_*_paths list. ' +
      'An empty list turns every hypervisor annotation off, and the list is never compared with the values in this file. ' +
      'containerd must also be configured to pass io.katacontainers.* annotations through to the runtime.',
    go: 'A pod that uses a hypervisor annotation which is not enabled here fails to start. The shipped QEMU file allows ["enable_iommu", "kernel_params", "kernel_verity_params"] from 3.31.0; earlier releases also listed virtio_fs_extra_args (and kernel_params only from 3.3.0, kernel_verity_params from 3.27.0).',
    rs: 'An annotation that is not enabled is skipped with a log line instead of failing the pod, and a regex that does not compile enables nothing. From 3.24.0 the shipped runtime-rs qemu value adds default_vcpus and default_memory to the Go list; before that it was just ["kernel_params"].',
  },
  'hypervisor/valid_hypervisor_paths': {
    summary: 'Glob patterns of VMM binaries that pod annotations may select for path.',
    description:
      'Allow-list for the pod annotation that overrides path: only values matching one of these glob(3) patterns are accepted, and an empty list blocks the override entirely. The path configured in the file does not have to match. Keep it narrow, because it decides which host binaries a pod author can make the runtime execute.',
    go: 'Read for qemu, clh, firecracker and stratovirt.',
    rs: 'Used by every runtime-rs hypervisor except dragonball, which requires an empty list.',
  },
  'hypervisor/valid_ctlpaths': {
    summary: 'Glob patterns of hypervisor control binaries that pod annotations may select.',
    description:
      'Allow-list for pod annotations that override ctlpath: an annotation value is accepted only if it matches one of these glob(3) patterns, and an empty list rejects every such annotation. The ctlpath written in the file itself is not checked against it.',
    go: 'Only from 3.2.0 to 3.9.0, for the acrn table (acrnctl); later Go releases ignore the key.',
    rs: 'Accepted by runtime-rs in every release from 3.2.0 to 4.1.0; dragonball requires the list to be empty.',
  },
  'hypervisor/valid_jailer_paths': {
    summary: 'Glob patterns of jailer binaries that pod annotations may select for jailer_path.',
    description:
      'Allow-list for the annotation that overrides jailer_path: values matching no pattern are refused, and an empty list refuses all. Only hypervisors that use a jailer (Firecracker, and Dragonball in runtime-rs) have any use for it.',
    go: 'Read only from [hypervisor.firecracker]; the template allows /usr/bin/jailer.',
    rs:
      'The qemu and clh plugins require the list to be empty ("Valid Qemu jailer path list should be empty", "Valid CH jailer path list should be empty").',
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
      'Up to 3.31.0 this list of glob patterns limited which file_mem_backend values a pod annotation could select. Both file_mem_backend and this list were removed in 3.32.0, so on newer releases the key does nothing and can be deleted.',
    go:
      'Accepted from 3.2.0 to 3.31.0. Since 3.32.0 it is silently ignored in the main file, but inside a [hypervisor.*] table of a config.d drop-in such an unknown key makes loading fail.',
    rs: 'Part of runtime-rs from 3.2.0 to 3.31.0; since 3.32.0 it is silently ignored.',
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
};
