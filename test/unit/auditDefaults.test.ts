/**
 * Defaults an independent audit found wrong, as hover and completion now show them (issue 13):
 * Go agent dial_timeout 0 → 30 s, Go memory_slots kept in 8 bits, runtime-rs default_maxmemory
 * capped at the host's RAM only from 3.28.0, runtime-rs hugepage_type defaulting to hugetlbfs.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { analyzeText } from '../support/kata';

function hover(text: string, line: number, file: string): string {
  const service = new LanguageService(nodeHost);
  service.configure({ hostChecks: false });
  const h = service.hover({ uri: `file://${file}`, version: 1, getText: () => text }, { line, character: 1 });
  return (h?.contents as { value: string } | undefined)?.value ?? '';
}

function completionDetail(text: string, line: number, file: string, label: string): string | undefined {
  const service = new LanguageService(nodeHost);
  service.configure({ hostChecks: false });
  const items = service.completion({ uri: `file://${file}`, version: 1, getText: () => text }, { line, character: 0 });
  const item = items.find((i) => i.label === label);
  return item ? `${item.detail ?? ''} ${JSON.stringify(item.documentation ?? '')}` : undefined;
}

const GO = '/tmp/audit/configuration-qemu.toml';
const RS = '/tmp/audit/configuration-qemu-runtime-rs.toml';

test('Go [agent.kata] dial_timeout: 0 means 30 seconds, in hover and completion', () => {
  const text = '# kata-config: release=4.1.0\n[agent.kata]\ndial_timeout = 0\n';
  assert.match(hover(text, 2, GO), /0 means 30 seconds/);
  assert.match(completionDetail('# kata-config: release=4.1.0\n[agent.kata]\n\n', 2, GO, 'dial_timeout') ?? '', /0 means 30 seconds/);
});

test('Go memory_slots: Kata keeps 8 bits, so 256 becomes 0 (hover, and a warning naming the value used)', () => {
  const text = '# kata-config: release=4.1.0\n[hypervisor.qemu]\nmemory_slots = 256\n';
  assert.match(hover(text, 2, GO), /Kata keeps only the low 8 bits: 256 becomes 0/);
  const d = analyzeText(text, GO).diags.find((x) => x.code === 'kata-value-adjusted');
  assert.ok(d, 'memory_slots = 256 is rewritten');
  assert.match(d.message, /Kata uses 0 instead of 256/);
  assert.equal(analyzeText(text.replace('256', '10'), GO).diags.filter((x) => x.code === 'kata-value-adjusted').length, 0);
});

test('runtime-rs default_maxmemory: capped at the host RAM only from 3.28.0', () => {
  const at = (release: string) => hover(`# kata-config: runtime=rs release=${release}\n[hypervisor.qemu]\ndefault_maxmemory = 999999\n`, 2, RS);
  assert.match(at('3.28.0'), /Kata replaces values: 0 becomes the host RAM \(MemoryInfo::adjust_config\); values above the host RAM become the host RAM \(MemoryInfo::adjust_config\)\n/);
  assert.match(at('3.27.0'), /Kata replaces values: 0 becomes the host RAM \(MemoryInfo::adjust_config\)\n/);
});

test('runtime-rs hugepage_type: absent means hugetlbfs', () => {
  const text = '# kata-config: runtime=rs release=4.1.0\n[hypervisor.qemu]\nhugepage_type = "shmem"\n';
  assert.match(hover(text, 2, RS), /When absent Kata uses: `"hugetlbfs"`/);
});

test('vfio_mode: empty or absent means vfio in the Go runtime, guest-kernel in runtime-rs', () => {
  const go = hover('# kata-config: release=4.1.0\n[runtime]\nvfio_mode = ""\n', 2, GO);
  assert.match(go, /empty or missing value means vfio, not guest-kernel/);
  assert.doesNotMatch(go, /empty or missing value means guest-kernel/);
  const rs = hover('# kata-config: runtime=rs release=4.1.0\n[runtime]\nvfio_mode = ""\n', 2, RS);
  assert.match(rs, /empty or missing value means guest-kernel/);
  assert.match(rs, /"guest-kernel"/);
});

test('runtime-rs default_maxvcpus: the hypervisor limit is checked after the host clamp, and Dragonball lowers instead', () => {
  const text = hover('# kata-config: runtime=rs release=4.1.0\n[hypervisor.qemu]\ndefault_maxvcpus = 0\n', 2, RS);
  assert.match(text, /only then checks each hypervisor's limit/);
  assert.match(text, /Dragonball never refuses/);
});

test('hover: keys a Go loader copies as written have no default there (remote machine_type, clh virtio_fs_cache)', () => {
  const remote = hover('# kata-config: release=4.1.0\n[hypervisor.remote]\nmachine_type = ""\n', 2, GO);
  assert.match(remote, /When absent Kata uses: `""` \(the Go runtime's loader for \[hypervisor.remote\] takes the key as written, without the default `"q35"` other hypervisors get\)/);
  const qemu = hover('# kata-config: release=4.1.0\n[hypervisor.qemu]\nmachine_type = ""\n', 2, GO);
  assert.doesNotMatch(qemu, /takes the key as written/);
});
