/**
 * The large inputs of issue 8, shared by test/unit/largeFiles.test.ts (correctness and caps) and
 * test/bench/largeBench.ts (timings over the protocol and the CLI).
 */

const QEMU = `[hypervisor.qemu]
# Path to the hypervisor.
path = "/usr/bin/qemu-system-x86_64"
kernel = "/usr/share/kata-containers/vmlinux.container"
image = "/usr/share/kata-containers/kata-containers.img"
machine_type = "q35"
# Default number of vCPUs
# per sandbox.
default_vcpus = 1
default_maxvcpus = 0
default_memory = 2048
enable_annotations = ["enable_iommu", "kernel_params"]
shared_fs = "virtio-fs"
virtio_fs_daemon = "/usr/libexec/virtiofsd"
valid_hypervisor_paths = [
  "/usr/bin/qemu-system-x86_64",
]
kernel_params = "console=hvc0"

[agent.kata]
dial_timeout = 45

[runtime]
internetworking_model = "tcfilter"
`;

/** Documentation as Kata's shipped files carry it: most of their lines are comments. */
const DOCS = Array.from({ length: 30 }, (_, i) => `# ${i % 10 === 9 ? '' : 'Explains the key below, its default and what Kata does with it.'}`).join('\n');

/** About `bytes` long: the documented config repeated, each copy's tables renamed (unknown hypervisors and tables: many diagnostics). */
export function tenMegabytes(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const copy = `${DOCS}\n${i === 0 ? QEMU : QEMU.replace(/^\[([a-z]+)(\.[a-z]+)?\]/gm, (_, a: string, b = '') => `[${a}${b}${i}]`)}`;
    parts.push(copy);
    size += copy.length;
  }
  return parts.join('\n');
}

export function hundredThousandLines(): string {
  const lines = ['[hypervisor.qemu]'];
  for (let i = 1; i < 100_000; i++) lines.push(i % 10 === 0 ? `# note ${i}` : `key_${i} = ${i}`);
  return lines.join('\n');
}

export function tenThousandItems(): string {
  const names = Array.from({ length: 10_000 }, (_, i) => `"a${i}"`);
  const numbers = Array.from({ length: 10_000 }, (_, i) => String(i));
  return `[hypervisor.qemu]\nenable_annotations = [${names.join(', ')}]\nvalid_hypervisor_paths = [\n${names.map((n) => `  ${n},`).join('\n')}\n]\nnumbers = [${numbers.join(', ')}]\n`;
}

export function oneMegabyteLines(): string {
  const mb = 1_000_000;
  return [
    '[hypervisor.qemu]',
    `kernel_params = "${'x'.repeat(mb)}"`,
    `# ${'c'.repeat(mb)}`,
    `machine_type = ${'a'.repeat(mb)} b`,
    `${'k'.repeat(mb)} = 1`,
    `[hypervisor.dragonball.guest_extension_images]`,
    `name = "a${'-'.repeat(mb)}a!"`,
  ].join('\n');
}
