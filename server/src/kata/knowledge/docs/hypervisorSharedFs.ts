// Key documentation for [hypervisor.<name>] keys for sharing host files with the guest: shared_fs, virtio-fs, 9p and nydus prefetching.
import type { KeyDoc } from './types';

export const HYPERVISOR_SHARED_FS_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: shared file system
  // ---------------------------------------------------------------------------
  'hypervisor/shared_fs': {
    summary: 'How host files are shared with the guest: virtio-fs, virtio-fs-nydus, virtio-9p, none.',
    description:
      'Selects the mechanism that exposes container root filesystems and volumes from the host to the VM. virtio-fs, the usual choice, needs the daemon set in virtio_fs_daemon; virtio-fs-nydus serves lazily loaded nydus images through nydusd; none turns file sharing off, as confidential setups that pull images inside the guest do. The virtio_fs_* keys only matter for the virtio-fs variants, and msize_9p only for virtio-9p.',
    go:
      'Read by qemu, clh and stratovirt; firecracker and dragonball ignore it and remote forces none. Empty or missing means virtio-fs, and virtio-fs or virtio-fs-nydus with an empty virtio_fs_daemon fails the load. clh and stratovirt refuse virtio-9p, and an unknown value fails with "Invalid hypervisor shared file system".',
    rs:
      'A missing key disables file sharing (unlike Go), whereas an empty string means virtio-fs. virtio-9p was accepted only up to 3.28.0; unknown values fail with "Invalid shared_fs type". Dragonball accepts only virtio-fs and inline-virtio-fs.',
    values: {
      'virtio-fs':
        'Shares host directories through a separate virtiofsd process (vhost-user-fs); the value used when the key is empty in both runtimes.',
      'virtio-fs-nydus':
        'Runs nydusd as the virtio-fs daemon (virtio_fs_daemon must point to it) so nydus images can be loaded lazily; rejected by runtime-rs dragonball.',
      'virtio-9p':
        'Legacy 9p sharing; Go runtime with QEMU only (clh and stratovirt refuse it), and runtime-rs only up to 3.28.0.',
      'inline-virtio-fs':
        'runtime-rs only: the virtio-fs server runs inside the VMM itself (Dragonball), so no daemon is started or checked.',
      none: 'No shared filesystem; container data must reach the guest another way, such as block devices or image pulling inside the guest.',
    },
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
  'hypervisor/virtio_fs_is_dax': {
    summary: 'Turn on the virtio-fs DAX window (runtime-rs; implied by a non-zero virtio_fs_cache_size).',
    description:
      'Enables direct-access (DAX) mapping for the virtio-fs share. In practice virtio_fs_cache_size drives it: a non-zero size switches this flag on automatically, and setting the flag with a size of 0 makes the window 1024 MiB. No shipped template writes the key.',
    go: 'Not read by the Go runtime, which decides on DAX from virtio_fs_cache_size alone.',
    rs: 'runtime-rs only, in every release from 3.2.0 to 4.1.0.',
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
  'hypervisor/msize_9p': {
    summary: 'Maximum 9p message size in bytes, used only when shared_fs is virtio-9p.',
    description:
      'Sets the msize mount option of the 9p share inside the guest, which is the largest payload one 9p message may carry; larger values can speed up big reads and writes. It only matters when shared_fs = "virtio-9p", which in practice means QEMU with the Go runtime. With virtio-fs the value is not used. Unit: bytes.',
    go:
      'Read from the qemu and clh tables; 0 or a missing key becomes 8192. Cloud Hypervisor refuses virtio-9p, so the value has no effect there, and the firecracker template carries it although that loader never reads it.',
    rs:
      'Only accepted from 3.2.0 to 3.28.0, while runtime-rs still supported virtio-9p: 0 then became 131072 and values outside 4096..8388608 were rejected. The field was dropped in 3.29.0, so the key is silently ignored from then on (the 3.29.0–3.31.0 runtime-rs qemu and Firecracker templates still set it).',
  },
  'hypervisor/prefetch_list_path': {
    summary: 'Host path of a nydus prefetch list for the container image (runtime-rs, usually via annotation).',
    description:
      'Names a file that lists paths inside a nydus (RAFS) image which should be fetched eagerly when the image is mounted, so that the first accesses are fast. It is normally supplied per pod with the io.katacontainers.config.hypervisor.prefetch_files.list annotation rather than written into the file, and no shipped template sets it. When set, the file must exist. It is used by the nydus image handling, in particular the nydus support built into Dragonball.',
    go: 'Not a Go runtime key; ignored.',
    rs:
      'runtime-rs only, in every release from 3.2.0 to 4.1.0; a path that does not exist fails with "prefetch_list_path `...` is invalid".',
  },
};
