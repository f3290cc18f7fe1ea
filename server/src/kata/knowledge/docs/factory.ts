// Key documentation for VM templating and caching: the Go [factory] table, the runtime-rs [hypervisor.<name>.factory] sub-table and its internal hypervisor keys, and the Go 3.2.0–3.3.0 [image] table.
import type { KeyDoc } from './types';

export const FACTORY_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [factory] (Go runtime)
  // ---------------------------------------------------------------------------
  'factory/enable_template': {
    summary: 'Go runtime: boot new VMs by cloning a pre-booted template VM (VM templating).',
    description:
      'When true, the Go shim creates each sandbox VM from a template, a paused VM whose memory and device state were saved under template_path, instead of booting it from scratch; this starts VMs faster and lets them share the template\'s initial memory. ' +
      'The template must be created first with kata-runtime factory init; if none is found, or it was made with different hypervisor settings, the shim logs this and boots the VM normally. ' +
      'It cannot be combined with shared_fs = "virtio-fs": sandbox creation then fails ("VM templating has been enabled with virtio-fs ..."). ' +
      'Works with qemu, and with Cloud Hypervisor from 3.32.0. Default false.',
    go: 'Up to 3.31.0 the loader also required an initrd-based guest ("Factory option enable_template requires an initrd image"), and file-backed memory was refused too; 3.32.0 dropped the initrd check.',
    rs: 'runtime-rs never reads a top-level [factory] table (the runtime-rs templates of 3.3.0–3.28.0 contained one by mistake). From 3.23.0 on use enable_template in [hypervisor.<name>.factory].',
  },
  'factory/template_path': {
    summary: 'Go runtime: directory holding the VM template (default /run/vc/vm/template).',
    description:
      'kata-runtime factory init mounts a tmpfs at this directory and stores the template VM\'s memory image and device state in it; shims read them there when enable_template is true. ' +
      'An empty value falls back to /run/vc/vm/template. ' +
      'The tmpfs is sized to the VM memory plus room for device state (8 MiB on x86_64, 300 MiB on arm64), so the host needs that much free RAM, and the template disappears at reboot and has to be created again.',
    rs: 'Not read by runtime-rs; from 3.23.0 on use template_path in [hypervisor.<name>.factory].',
  },
  'factory/vm_cache_endpoint': {
    summary: 'Go runtime: Unix socket of the VM cache server started by kata-runtime factory init.',
    description:
      'With vm_cache_number above 0, kata-runtime factory init keeps a pool of started VMs and serves them over gRPC on this Unix socket; every shim connects to the same path to take a VM from the pool. ' +
      'An empty value falls back to /var/run/kata-containers/cache.sock. ' +
      'If a shim cannot reach the server, it logs a warning and boots its VM directly. Only meaningful when vm_cache_number is greater than 0.',
    rs: 'Not read by runtime-rs, which has no VM cache.',
  },
  'factory/vm_cache_number': {
    summary: 'Go runtime: number of pre-started VMs kept ready by the VM cache (0 disables the cache).',
    description:
      'When greater than 0, kata-runtime factory init runs a cache server that keeps this many VMs started and waiting, and shims take a ready VM from it through vm_cache_endpoint instead of booting one. ' +
      'This shortens sandbox start at the cost of the memory the idle VMs occupy; combined with enable_template, the cached VMs are themselves cloned from the template. ' +
      'Only qemu supports it: with another hypervisor the configuration fails to load with "VM cache just support qemu". ' +
      'The value is unsigned, and a negative number is not rejected but wraps around to a huge count.',
    rs: 'Not read by runtime-rs, which has no VM cache.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>.factory] (runtime-rs)
  // ---------------------------------------------------------------------------
  'hypervisor/factory': {
    summary: 'runtime-rs [hypervisor.<name>.factory] sub-table that configures VM templating.',
    description:
      'In runtime-rs, VM templating lives in a sub-table of the hypervisor table rather than in a top-level [factory] table. ' +
      'It takes enable_template, which boots new sandboxes by cloning a pre-booted template VM whose memory is shared read-only, and template_path, the directory holding the template state (/run/vc/vm/template when left empty). ' +
      'From 3.29.0 on, any other key inside this table is a load error, because the table rejects unknown fields.',
    go: 'The Go runtime does not read this sub-table; it uses the top-level [factory] table (enable_template, template_path, vm_cache_number, vm_cache_endpoint).',
    rs: 'Available from 3.23.0; unknown keys in it fail the load from 3.29.0. From 3.3.0 to 3.28.0 the runtime-rs templates carried a Go-style top-level [factory] table that runtime-rs never read.',
  },
  'hypervisor.factory/enable_template': {
    summary: 'runtime-rs: create the VM by cloning a pre-booted template VM stored at template_path.',
    description:
      'Set in [hypervisor.<name>.factory] of the active hypervisor. ' +
      'When true, runtime-rs starts the sandbox VM from the memory image and device state saved under template_path instead of booting it from scratch, which is faster and lets VMs share the template\'s initial memory. ' +
      'The template has to exist before sandboxes are created: make it with kata-ctl factory init and remove it with kata-ctl factory destroy. ' +
      'The shipped files note that templating is meant for guests booted from an initrd, not from an image. Default false.',
    go: 'The Go runtime uses the top-level [factory] table instead and does not read [hypervisor.<name>.factory].',
    rs: 'Added in 3.23.0 (qemu only); Cloud Hypervisor and Dragonball gained template support in 4.1.0. From 3.29.0 on the table rejects unknown keys.',
  },
  'hypervisor.factory/template_path': {
    summary: 'runtime-rs: directory holding the VM template (memory image and device state).',
    description:
      'kata-ctl factory init stores the template VM\'s memory image and device state in this directory, and sandboxes read them from there when enable_template is true. ' +
      'An empty value is replaced with /run/vc/vm/template by the qemu and remote plugins (from 3.24.0) and also by Cloud Hypervisor and Dragonball (4.1.0). ' +
      'On most hosts /run is cleared at boot, so the template must be created again after a reboot.',
    go: 'The Go runtime uses template_path in the top-level [factory] table instead.',
    rs: 'Added in 3.23.0; in 3.23.0 itself an empty value is not replaced by any plugin.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>] template state set by runtime-rs itself
  // ---------------------------------------------------------------------------
  'hypervisor/boot_from_template': {
    summary: 'Internal flag: start the VM from a saved VM template (runtime-rs, set by the VM factory).',
    description:
      'Marks the VM as one to restore from a template snapshot instead of booting from scratch. ' +
      'runtime-rs sets this itself, together with memory_path and device_state_path, when VM templating is on; it is not meant to be written in a configuration file. ' +
      'To use templating, set enable_template (and optionally template_path) in [hypervisor.<name>.factory].',
    go: 'No such key in the Go runtime; ignored. Go configures templating in the top-level [factory] table.',
    rs: 'Accepted by the parser from 3.23.0, because the template settings are flattened into the hypervisor table. No shipped template sets it.',
  },
  'hypervisor/boot_to_be_template': {
    summary: 'Internal flag: boot the VM so it can be saved as a template (runtime-rs, set by the VM factory).',
    description:
      'Marks the VM as the one to be snapshotted into a VM template, from which later sandboxes are cloned. ' +
      'runtime-rs sets this itself when it builds a template; it is not meant to be written in a configuration file. ' +
      'To use templating, set enable_template (and optionally template_path) in [hypervisor.<name>.factory].',
    go: 'No such key in the Go runtime; ignored. Go configures templating in the top-level [factory] table.',
    rs: 'Accepted by the parser from 3.23.0, because the template settings are flattened into the hypervisor table. No shipped template sets it.',
  },
  'hypervisor/device_state_path': {
    summary: 'Internal: file holding the saved device state of a VM template (runtime-rs, set by the factory).',
    description:
      'Path of the device-state snapshot that belongs to a VM template. runtime-rs fills it in itself, under template_path, when it creates template VMs or restores from them. ' +
      'It is not meant to be set in a configuration file. ' +
      'Configure templating with enable_template and template_path in [hypervisor.<name>.factory] instead.',
    go: 'No such key in the Go runtime; ignored.',
    rs: 'Accepted by the parser from 3.23.0 as one of the flattened template settings. No shipped template sets it.',
  },
  'hypervisor/memory_path': {
    summary: 'Internal runtime-rs path of the VM template memory file; set by the runtime, not by users.',
    description:
      'Part of the runtime-rs VM templating state: the file that holds the memory of the template VM. ' +
      'When templating is enabled in [hypervisor.<name>.factory], runtime-rs sets it to <template_path>/memory itself and overwrites anything given in the file; otherwise nothing uses it. ' +
      'No template mentions it; configure template_path instead.',
    go: 'Not a Go runtime key; ignored.',
    rs: 'A struct field since 3.23.0.',
  },

  // ---------------------------------------------------------------------------
  // [image] (Go runtime 3.2.0–3.3.0)
  // ---------------------------------------------------------------------------
  'image/provision': {
    summary: 'Go 3.2–3.3 placeholder: URL for fetching image decryption keys. Never used by Kata.',
    description:
      'Part of the [image] table that existed only in the Go runtime 3.2.0 and 3.3.0 as a placeholder for moving image handling into the guest. ' +
      'The loader accepted the string, but nothing acted on it, and the shipped files only showed it commented out with a warning not to use it. ' +
      'From 3.4.0 on the [image] table is gone and the key is ignored. ' +
      'Current releases handle guest image pulling and key retrieval through the confidential-containers components instead.',
    go: 'Accepted only in 3.2.0 and 3.3.0, without effect.',
    rs: 'Not a runtime-rs key; runtime-rs ignores an [image] table.',
  },
  'image/service_offload': {
    summary: 'Go 3.2–3.3 placeholder: offload CRI image management to the agent. Has no effect.',
    description:
      'Part of the [image] table that existed only in the Go runtime 3.2.0 and 3.3.0 as a placeholder for letting the guest agent manage container images. ' +
      'The loader accepted the boolean, but nothing acted on it; the shipped SEV file even set it to false (3.3.0 also the SE file), and the 3.3.0 remote file set it to true. ' +
      'From 3.4.0 on the [image] table is gone and the key is ignored, so it can simply be deleted.',
    go: 'Accepted only in 3.2.0 and 3.3.0, without effect.',
    rs: 'Not a runtime-rs key; runtime-rs ignores an [image] table.',
  },
};
