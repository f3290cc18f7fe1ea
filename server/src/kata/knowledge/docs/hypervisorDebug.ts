// Key documentation for [hypervisor.<name>] keys for debugging: debug output, log levels, monitor sockets, guest memory dumps and the serial console.
import type { KeyDoc } from './types';

export const HYPERVISOR_DEBUG_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: debugging
  // ---------------------------------------------------------------------------
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
  'hypervisor/log_level': {
    summary: 'runtime-rs log level for hypervisor messages: trace, debug, info, warn, error or critical.',
    description:
      'Filters the log records that runtime-rs emits for its hypervisor component. ' +
      'Unrecognised strings are treated as info, which is also the default. ' +
      'Only the table named by runtime.hypervisor_name counts.',
    go: 'Not a Go runtime key; the Go runtime uses enable_debug and the numeric hypervisor_loglevel (Cloud Hypervisor only).',
    rs: 'Added in 3.3.0. From 3.32.0 on, enable_debug = true turns the default info into debug.',
  },
  'hypervisor/hypervisor_loglevel': {
    summary: 'Verbosity (1-3) of the Cloud Hypervisor process log (Go runtime, 3.14.0+).',
    description:
      'Sets how many -v flags Cloud Hypervisor is started with: 1 gives info, 2 debug and 3 trace-level messages. ' +
      'It only has an effect together with enable_debug = true. ' +
      'Higher levels slow VM boot noticeably and can flood the log, so 1 is usually enough to diagnose boot failures.',
    go: 'Added in 3.14.0. 0 becomes 1 and values above 3 become 3. The QEMU and StratoVirt loaders also read it, but only Cloud Hypervisor uses it.',
    rs: 'Not a runtime-rs key; runtime-rs uses the string log_level instead.',
  },
  'hypervisor/extra_monitor_socket': {
    summary: 'Open an extra QEMU monitor socket (hmp, qmp or qmp-pretty) for debugging.',
    description:
      'Starts QEMU with a second monitor socket next to the one Kata uses itself, so that a person or a tool can inspect the running VM. ' +
      'It only takes effect when enable_debug = true. ' +
      'Whoever can reach the socket has full control over the VM, so never turn it on in production. ' +
      'An empty string, the default, disables it.',
    go: 'QEMU only. Any value other than "", "hmp", "qmp" or "qmp-pretty" makes loading fail ("Invalid hypervisor extra monitor socket ...").',
    rs: 'Read from 3.29.0 on, with dbg_monitor_socket accepted as an alias. From 3.6.0 to 3.28.0 the field was called dbg_monitor_socket, so the extra_monitor_socket that the runtime-rs qemu templates set from 3.24.0 was ignored there; before 3.6.0 runtime-rs had neither name. Values are not validated: anything other than "hmp" or "qmp-pretty" yields a QMP socket.',
    values: {
      hmp: 'Human monitor protocol: an interactive text console, convenient for manual inspection with a tool such as socat.',
      qmp: 'QEMU Machine Protocol with compact JSON messages, meant for scripts and tools.',
      'qmp-pretty': 'QEMU Machine Protocol with indented, easier to read JSON replies.',
    },
  },
  'hypervisor/dbg_monitor_socket': {
    summary: 'runtime-rs alias of extra_monitor_socket: an extra QEMU monitor socket (hmp, qmp, qmp-pretty).',
    description:
      'Asks QEMU for an extra monitor socket for debugging, using the hmp, qmp or qmp-pretty protocol; an empty value turns it off. ' +
      'runtime-rs creates the socket only when enable_debug is true in the same hypervisor table. ' +
      'Prefer the name extra_monitor_socket, which both runtimes understand (runtime-rs from 3.29.0).',
    go: 'The Go runtime does not accept this name and ignores it; its key is extra_monitor_socket.',
    rs:
      'From 3.6.0 to 3.28.0 this was the real field name, and the extra_monitor_socket in the templates of those releases was ignored. From 3.29.0 the field is extra_monitor_socket, and this name remains as an alias. ' +
      'Nothing is checked: any value other than hmp or qmp-pretty means qmp. Only QEMU uses it.',
  },
  'hypervisor/guest_memory_dump_path': {
    summary: 'Host directory that receives a guest memory dump when the guest kernel panics.',
    description:
      'Setting a directory adds a pvpanic device to the VM; when the guest panics, the runtime writes a vmcore together with the sandbox state, the hypervisor configuration and its version under <path>/<sandbox-id>. ' +
      'Dumps are as large as guest memory and take time to write, and no dump is taken when the filesystem has less free space than twice the guest memory. ' +
      'Leave it empty, the default, to disable dumping.',
    go: 'QEMU only.',
    rs: 'Accepted, but no runtime-rs back end acts on it in any release from 3.2.0 to 4.1.0.',
  },
  'hypervisor/guest_memory_dump_paging': {
    summary: 'Include guest paging information in the memory dump taken on a guest panic.',
    description:
      'When a memory dump is written (see guest_memory_dump_path), QEMU walks the guest page tables so the vmcore also records virtual-to-physical mappings, which analysis tools such as crash rely on. ' +
      'Such a dump takes longer to produce. ' +
      'It does nothing unless guest_memory_dump_path is set.',
    go: 'QEMU only.',
    rs: 'Accepted, but no runtime-rs back end acts on it in any release from 3.2.0 to 4.1.0.',
  },
  'hypervisor/use_legacy_serial': {
    summary: 'Give the guest console a legacy serial device instead of virtio-console (Go runtime, QEMU).',
    description:
      'When true, QEMU provides a classic emulated serial port for the guest console in place of the default virtio console device. It is mainly a debugging aid. It only has an effect on architectures where Kata implements it. Default false.',
    go: 'Read only from [hypervisor.qemu]; implemented for x86_64, arm64 and ppc64le.',
    rs: 'runtime-rs ignores this key even though its QEMU templates list it (3.3.0–3.28.0 and again from 3.31.0; set from 3.24.0).',
  },
};
