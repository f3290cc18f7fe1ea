// Key documentation for [hypervisor.<name>] keys for guest networking and the network and disk rate limiters.
import type { KeyDoc } from './types';

export const HYPERVISOR_NETWORK_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: network devices
  // ---------------------------------------------------------------------------
  'hypervisor/disable_vhost_net': {
    summary: 'Use user-space virtio-net emulation instead of the in-kernel vhost-net accelerator.',
    description:
      'By default the guest network interface is served by the host kernel vhost-net driver, which handles packets outside the VMM and is normally the fastest option. ' +
      'Setting this to true makes the VMM emulate the virtio-net device itself (the tap device is opened without vhost). ' +
      'That can help on hosts without /dev/vhost-net or while debugging networking, at the cost of throughput and CPU time.',
    go: 'Only the QEMU back end honours it. Firecracker, Cloud Hypervisor and StratoVirt always run without vhost-net because the loader forces the value to true, so the key has no effect in those tables.',
    rs: 'Honoured by the QEMU and Dragonball back ends; Dragonball switches between its vhost and plain virtio network backends.',
  },
  'hypervisor/network_queues': {
    summary: 'Number of virtio-net queue pairs per guest network interface (runtime-rs).',
    description:
      'Sets how many receive/transmit queue pairs each guest network device gets, so packet processing can be spread over several vCPUs. Values above 1 help network-heavy pods that also have several vCPUs; more queue pairs than vCPUs bring little. This is a runtime-rs key.',
    go: 'The Go runtime has no such key and ignores it.',
    rs:
      'Accepted in every release from 3.2.0 to 4.1.0. Since 3.27.0 a value of 0 is raised to 1 and anything above 256 is capped at 256; earlier releases used the number as written. Cloud Hypervisor is given twice the value because it counts single queues rather than pairs.',
  },

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: network rate limiters
  // ---------------------------------------------------------------------------
  'hypervisor/rx_rate_limiter_max_rate': {
    summary: 'Inbound network bandwidth cap for the sandbox, in bits per second (0 = unlimited).',
    description:
      'Limits how fast the VM can receive network traffic. For QEMU the runtime installs a traffic-control shaper (an HTB qdisc) on the host side of the sandbox network; for Firecracker it programs the token-bucket limiter built into Firecracker, converting the value to bytes. 0 means no limit.',
    go:
      'Read from the qemu and firecracker tables in every release from 3.2.0 to 4.1.0; other tables ignore it. It is an unsigned 64-bit field without range check, so a negative number silently wraps to a huge value.',
    rs:
      'Accepted by runtime-rs, but as of 4.1.0 none of its hypervisor drivers applies it (dragonball explicitly leaves the limiter unset).',
  },
  'hypervisor/tx_rate_limiter_max_rate': {
    summary: 'Outbound network bandwidth cap for the sandbox, in bits per second (0 = unlimited).',
    description:
      'Limits how fast the VM can send network traffic. With QEMU the runtime shapes egress on the host using traffic control (an HTB qdisc together with an ifb device); with Firecracker it programs the token-bucket limiter built into Firecracker. 0 means no limit.',
    go:
      'Read from the qemu and firecracker tables in every release from 3.2.0 to 4.1.0; other tables ignore it. It is an unsigned 64-bit field without range check, so a negative number silently wraps to a huge value.',
    rs:
      'Accepted by runtime-rs, but as of 4.1.0 none of its hypervisor drivers applies it (dragonball explicitly leaves the limiter unset).',
  },
  'hypervisor/net_rate_limiter_bw_max_rate': {
    summary: 'Cloud Hypervisor network bandwidth cap for the VM, in bits per second (0 = unlimited).',
    description:
      'Configures the token-bucket bandwidth limiter that Cloud Hypervisor applies to the network devices of the VM; the same limit is used for traffic in both directions. The runtime converts the figure from bits to bytes and lets the bucket refill once per second. Leave it at 0 for no limit, and see net_rate_limiter_bw_one_time_burst for an initial extra allowance.',
    go:
      'Go runtime only, read from [hypervisor.clh] in every release from 3.2.0 to 4.1.0; other hypervisor tables accept the key but do nothing with it.',
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
    go: 'Go runtime only, read from [hypervisor.clh] in every release from 3.2.0 to 4.1.0.',
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

  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: disk rate limiters
  // ---------------------------------------------------------------------------
  'hypervisor/disk_rate_limiter_bw_max_rate': {
    summary: 'Bandwidth cap per disk enforced by the VMM I/O throttling; 0 means unlimited.',
    description:
      'Sets the sustained rate of the token-bucket limiter that the VMM attaches to each block device it adds for the sandbox. ' +
      'The same limit applies to reads and writes. ' +
      'Keep 0 to switch bandwidth throttling off; an initial burst can be granted with disk_rate_limiter_bw_one_time_burst.',
    go: 'Only Cloud Hypervisor ([hypervisor.clh]) reads it. The figure is given in bits per second and converted to bytes before it is handed to Cloud Hypervisor. The field is a signed integer, so a negative number parses but is meaningless.',
    rs: 'Available from 3.21.0. Used by the Cloud Hypervisor and Firecracker back ends and, from 3.22.0, Dragonball; not by QEMU. The number is passed unchanged as the size of a token bucket refilled every 1000 ms, so for these VMMs it is effectively bytes per second.',
  },
  'hypervisor/disk_rate_limiter_bw_one_time_burst': {
    summary: 'One-off extra bandwidth credit on top of disk_rate_limiter_bw_max_rate for an initial burst.',
    description:
      'Adds a single allowance to the bandwidth token bucket so that a disk can move more data right after it is attached; once it is used up only the sustained rate applies. ' +
      'The credit does not raise the long-term limit. ' +
      'It is only meaningful when disk_rate_limiter_bw_max_rate is non-zero.',
    go: 'Cloud Hypervisor only, expressed in bits like the max rate. If it is non-zero while disk_rate_limiter_bw_max_rate is 0, the loader logs a warning and resets it to 0.',
    rs: 'Available from 3.21.0 (Cloud Hypervisor and Firecracker; Dragonball from 3.22.0). Without a non-zero max rate no bandwidth bucket is created, so the burst is silently unused.',
  },
  'hypervisor/disk_rate_limiter_ops_max_rate': {
    summary: 'Cap on I/O operations per second per disk enforced by the VMM; 0 means unlimited.',
    description:
      'Limits how many block requests per second each disk of the sandbox may issue, regardless of request size, using the VMM token bucket. ' +
      'Combine it with the bandwidth limiter to bound both IOPS and throughput. ' +
      'Keep 0 to switch operation throttling off; an initial burst can be granted with disk_rate_limiter_ops_one_time_burst.',
    go: 'Only Cloud Hypervisor reads it; the value is passed on as operations per second.',
    rs: 'Available from 3.21.0. Used by the Cloud Hypervisor and Firecracker back ends and, from 3.22.0, Dragonball; not by QEMU.',
  },
  'hypervisor/disk_rate_limiter_ops_one_time_burst': {
    summary: 'One-off extra operations credit on top of disk_rate_limiter_ops_max_rate.',
    description:
      'Gives each disk an initial allowance of extra I/O operations before the sustained operations rate takes over, which can speed up container start-up without raising the long-term IOPS limit. ' +
      'It has no meaning unless disk_rate_limiter_ops_max_rate is non-zero.',
    go: 'Cloud Hypervisor only. When disk_rate_limiter_ops_max_rate is 0 the loader logs a warning and drops the burst to 0.',
    rs: 'Available from 3.21.0 (Cloud Hypervisor and Firecracker; Dragonball from 3.22.0). Without a non-zero ops max rate no operations bucket is created, so the burst is silently unused.',
  },
};
