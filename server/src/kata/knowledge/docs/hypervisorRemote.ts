// Key documentation for [hypervisor.remote] keys for peer pods: the remote hypervisor service socket and timeout, and GPU sizing hints.
import type { KeyDoc } from './types';

export const HYPERVISOR_REMOTE_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.remote]: remote hypervisor service
  // ---------------------------------------------------------------------------
  'hypervisor/remote_hypervisor_socket': {
    summary: 'Unix socket of the remote hypervisor service used for peer pods (Go runtime key).',
    description:
      'With [hypervisor.remote] the runtime starts no local VMM; it asks a remote hypervisor service, such as the cloud-api-adaptor used for peer pods, to create the VM, and this key is the Unix socket that service listens on. Change it only if the service was set up with another socket path. Default /run/peerpod/hypervisor.sock.',
    go:
      'Read from [hypervisor.remote] since 3.3.0; an empty value means /run/peerpod/hypervisor.sock. The socket is not checked when the file is loaded.',
    rs:
      'runtime-rs ignores this key even though its remote template (3.11.0 and later) sets it. The field runtime-rs reads is hypervisor_socket: empty means the same default path, and that socket must exist when the configuration is loaded. Since the template value equals the default, the mismatch usually goes unnoticed.',
  },
  'hypervisor/remote_hypervisor_timeout': {
    summary: 'Minimum seconds to wait for a remote hypervisor to start the pod VM (Go runtime key).',
    description:
      'Bounds how long the runtime waits for the remote hypervisor service to report that the pod VM is running; cloud instances can need minutes to boot, hence the generous default. The runtime uses the larger of this value and the timeout it was called with. Unit: seconds; default 600.',
    go: 'Read from [hypervisor.remote] since 3.3.0; 0 becomes 600.',
    rs:
      'Ignored by runtime-rs; the field it reads is hypervisor_timeout (seconds, 0 becomes 600). The runtime-rs remote template still writes remote_hypervisor_timeout, which has no effect.',
  },
  'hypervisor/hypervisor_socket': {
    summary: 'Unix socket of the remote hypervisor service (peer pods) for runtime-rs [hypervisor.remote].',
    description:
      'With the remote hypervisor, runtime-rs does not start a VMM itself but asks a service such as the peer-pods cloud-api-adaptor, reached through this socket, to create the VM. ' +
      'An empty value becomes /run/peerpod/hypervisor.sock, and the socket must exist when the configuration is loaded. ' +
      'Only the remote table uses it.',
    go: 'Not read by the Go runtime; the Go key is remote_hypervisor_socket.',
    rs: 'Added in 3.11.0. The runtime-rs remote template writes remote_hypervisor_socket (the Go name), which runtime-rs ignores; it only works because that value equals the default.',
  },
  'hypervisor/hypervisor_timeout': {
    summary: 'Seconds runtime-rs waits for the remote hypervisor service to start the VM (peer pods).',
    description:
      'Sets the timeout of the StartVM call to the remote hypervisor service, which creates a cloud instance and may need minutes. ' +
      '0 or an absent value means 600 seconds, and the effective timeout is never shorter than the one the runtime itself passes for that call. ' +
      'Only the [hypervisor.remote] table uses it.',
    go: 'Not read by the Go runtime; the Go key is remote_hypervisor_timeout.',
    rs: 'Added in 3.11.0 as a signed 32-bit integer. The runtime-rs remote template writes remote_hypervisor_timeout (the Go name), which runtime-rs ignores.',
  },
  'hypervisor/default_gpus': {
    summary: 'Number of GPUs requested for a peer-pods VM (remote hypervisor, runtime-rs).',
    description:
      'Only used by the remote hypervisor (peer pods). The runtime passes this count to the remote hypervisor service as a sizing hint, so it can choose a cloud instance with enough GPUs. ' +
      'Other hypervisors ignore it. ' +
      'It is usually set per pod through the default_gpus hypervisor annotation rather than in the file.',
    go: 'Not a configuration key in the Go runtime; ignored. Go only supports the io.katacontainers.config.hypervisor.default_gpus annotation.',
    rs: 'Accepted from 3.19.0. No shipped template sets it.',
  },
  'hypervisor/default_gpu_model': {
    summary: 'GPU model requested for a peer-pods VM (remote hypervisor, runtime-rs).',
    description:
      'Only used by the remote hypervisor (peer pods). The runtime passes this string, for example a GPU family name, to the remote hypervisor service as a sizing hint, so it can choose a cloud instance with that GPU. ' +
      'Other hypervisors ignore it. ' +
      'It is usually set per pod through the default_gpu_model hypervisor annotation rather than in the file.',
    go: 'Not a configuration key in the Go runtime; ignored. Go only supports the io.katacontainers.config.hypervisor.default_gpu_model annotation.',
    rs: 'Accepted from 3.19.0. No shipped template sets it.',
  },
};
