// Key documentation for [hypervisor.<name>] keys for confidential guests: TEE selection, AMD SEV-SNP, Intel TDX, Arm CCA and initdata.
import type { KeyDoc } from './types';

export const HYPERVISOR_CONFIDENTIAL_DOCS: Record<string, KeyDoc> = {
  // ---------------------------------------------------------------------------
  // [hypervisor.<name>]: confidential guests
  // ---------------------------------------------------------------------------
  'hypervisor/confidential_guest': {
    summary: 'Run the VM as a confidential guest, protected by the TEE technology of the host.',
    description:
      'When true, the VM starts with the memory encryption and isolation technology the host provides (for example Intel TDX, AMD SEV-SNP or IBM Secure Execution), so the host cannot read guest memory. ' +
      'The host must support and enable such a technology, and the guest kernel, image and firmware must be built for it. The shipped qemu-tdx, qemu-snp, qemu-se and GPU TEE files set it. ' +
      'Some features are unavailable or behave differently in this mode: NVDIMM is not used, and from 3.28.0 MMIO block transports are refused.',
    go:
      'Read for qemu and clh. On a host without TEE support, sandbox creation fails ("This system doesn\'t support Confidential Computing (Guest Protection)"), and Cloud Hypervisor refuses SEV and SEV-SNP. ' +
      'With QEMU, NVDIMM is turned off silently; from 3.28.0, block_device_driver = "virtio-mmio" is an error.',
    rs: 'Accepted in every hypervisor table and used by qemu and clh. From 3.28.0, a confidential guest on qemu or clh with vm_rootfs_driver = "virtio-blk-mmio" is rejected.',
  },
  'hypervisor/sev_snp_guest': {
    summary: 'Use AMD SEV-SNP rather than plain SEV for confidential guests on AMD hosts.',
    description:
      'Only relevant with confidential_guest = true on an AMD host that supports SEV-SNP. When true the VM is launched as an SNP guest, which adds memory integrity protection; when false the runtime deliberately falls back to plain SEV even though SNP is available. The SNP templates set it to true, while a missing key means false.',
    go:
      'Read from [hypervisor.qemu] in every release from 3.2.0 to 4.1.0; the built-in default is false, so only the SNP templates turn it on.',
    rs:
      'Part of runtime-rs since 3.15.0; the runtime-rs templates of 3.3.0–3.14.0 already mentioned it (commented out), but those parsers ignored it. SNP also needs firmware to be set, otherwise sandbox creation fails.',
  },
  'hypervisor/snp_guest_policy': {
    summary: 'SEV-SNP guest policy handed to the firmware at launch (QEMU default 0x30000 = 196608).',
    description:
      'Integer form of the policy the AMD firmware enforces for the VM, covering things such as whether SMT or debugging is allowed. If the host cannot satisfy the policy, the VM does not start and an SNP_LAUNCH_START error is reported. When snp_id_block is used, the policy inside that block must equal this value. Only relevant for SNP confidential guests on QEMU.',
    go:
      'Read from [hypervisor.qemu] since 3.20.0. Without the key Kata passes no policy and QEMU applies its own default of 0x30000. The field is an unsigned 64-bit integer without range check, so a negative number wraps instead of failing.',
    rs: 'Present since 3.28.0 (the runtime-rs snp template of 3.25.0–3.27.0 already set it, without effect); a missing key yields 0x30000 (196608).',
  },
  'hypervisor/snp_id_block': {
    summary: 'Base64 SEV-SNP ID block (96 bytes) binding the launch to an expected measurement and policy.',
    description:
      'Handed to the firmware at SNP_LAUNCH_FINISH so the launch can be tied to an expected measurement and identity. The guest policy recorded in the block must match snp_guest_policy, or the QEMU default when that key is unset. It must be given together with snp_id_auth. Empty by default.',
    go:
      'Read from [hypervisor.qemu] since 3.15.0; a block without snp_id_auth makes VM start fail with "specifying SNP IDBlock without SNP IDAuth is not allowed".',
    rs: 'Accepted since 3.28.0, but no runtime-rs release up to 4.1.0 passes it to QEMU.',
  },
  'hypervisor/snp_id_auth': {
    summary: 'Base64 SEV-SNP ID authentication structure (4096 bytes) used at SNP_LAUNCH_FINISH.',
    description:
      'Supplies the signed authentication data that goes with snp_id_block, allowing the firmware to check who signed the ID block. It has to be set together with snp_id_block; giving only one of the two is an error. Empty, the default, lets QEMU use an all-zero structure.',
    go:
      'Read from [hypervisor.qemu] since 3.15.0. The pairing is checked when the VM starts: "specifying SNP IDAuth without SNP IDBlock is not allowed".',
    rs: 'Accepted since 3.28.0, but no runtime-rs release up to 4.1.0 passes it to QEMU.',
  },
  'hypervisor/snp_certs_path': {
    summary: 'Host file with the SEV-SNP certificate chain handed to QEMU (Go runtime, 3.7–3.13 only).',
    description:
      'From Kata 3.7.0 to 3.13.0 the Go runtime passed this file to the QEMU SEV-SNP guest object as its certificate path, so the platform certificate chain could be made available to the guest together with attestation reports. It only mattered for SNP confidential guests, i.e. with confidential_guest and sev_snp_guest both true. The key was removed in 3.14.0 and later releases ignore it in the main file.',
    go:
      'Only from 3.7.0 to 3.13.0, in the qemu table. Empty meant /opt/snp/cert_chain.cert; if that default was missing only a warning was logged, but a user-given path that did not exist failed the load (in 3.7.0 and 3.8.0 even for guests that were not SNP guests). From 3.14.0 on, the key inside a [hypervisor.*] table of a config.d drop-in makes loading fail.',
    rs: 'Never a runtime-rs key; ignored.',
  },
  'hypervisor/tdx_quote_generation_service_socket_port': {
    summary: 'Host vsock port of the Intel TDX Quote Generation Service (0 = use its Unix socket).',
    description:
      'TDX guests get their attestation quotes from the Quote Generation Service (QGS) running on the host, and this key tells QEMU how to reach it. A non-zero value selects that vsock port on the host. 0 selects the Unix socket /var/run/tdx-qgs/qgs.socket and, from 3.32.0 on, falls back to vsock port 4050 when that socket does not exist. Only used for TDX confidential guests on QEMU.',
    go:
      'Read from [hypervisor.qemu] since 3.6.0. Up to 3.21.0 a value of 0, or no key, was turned into 4050; from 3.22.0, 0 is kept and selects the Unix socket, and from 3.32.0 it falls back to vsock 4050 when that socket is missing.',
    rs:
      'Available since 3.18.0. A missing key means 4050; an explicit 0 selects the Unix socket, and only since 3.32.0 falls back to vsock 4050 when the socket is absent.',
  },
  'hypervisor/measurement_algo': {
    summary: 'Hash algorithm for Arm CCA realm measurements: sha512 or sha256 (Go runtime, QEMU on arm64).',
    description:
      'Chooses the algorithm QEMU uses to measure the initial contents of an Arm CCA realm, the confidential guest on arm64; the attestation verifier must expect the same algorithm. ' +
      'It is only used when confidential_guest = true on an arm64 host with CCA and is ignored elsewhere. ' +
      'An empty value means sha512.',
    go: 'Added in 3.22.0; only the qemu-cca template set it, which shipped from 3.22.0 to 3.32.0. Other values fail when the VM is created ("invalid measurement algo: ..., should be sha512 or sha256"). The Cloud Hypervisor loader reads it without effect.',
    rs: 'Not a runtime-rs key; ignored.',
    values: {
      sha512: 'Measure the realm with SHA-512 (the default).',
      sha256: 'Measure the realm with SHA-256, for verifiers that expect it.',
    },
  },
  'hypervisor/initdata': {
    summary: 'Confidential-containers initdata handed to the guest (runtime-rs; normally set by annotation).',
    description:
      'Holds the initdata document, that is policies, configuration and identity material for the guest components of a confidential VM, following the CoCo initdata specification. ' +
      'runtime-rs provides it to the guest and uses its digest in the confidential-guest setup so that it is covered by attestation. ' +
      'It is normally filled per pod from the io.katacontainers.config.hypervisor.cc_init_data annotation, which carries the document gzip-compressed and base64-encoded; no template sets it.',
    go: 'The Go runtime has no such key; it only takes initdata from the cc_init_data annotation.',
    rs: 'Added in 3.19.0. For the remote hypervisor the value is forwarded to the peer-pods service.',
  },
};
