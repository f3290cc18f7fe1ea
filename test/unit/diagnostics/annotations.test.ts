/** enable_annotations: invalid regular expressions, entries that enable nothing, too much, or everything. */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LanguageService, type ServiceSettings } from '../../../server/src/languageService';
import { nodeHost } from '../../../server/src/nodeHost';
import { parseToml } from '../../../server/src/toml';
import type { Fix, KataDiagnostic } from '../../../server/src/kata/diagnostics';
import { annotationsRule } from '../../../server/src/kata/diagnostics/rules/annotations';
import { allKeySpecs } from '../../../server/src/kata/schema';
import { RELEASES, type Release, type Runtime } from '../../../server/src/kata/releases';
import { ANNOTATION_PREFIX, annotationKey, annotationsEnabledBy, compileEntry, HYPERVISOR_ANNOTATIONS, hypervisorAnnotations } from '../../../server/src/kata/annotations';
import { added, analyzeText, corpusText, setKey, type Found } from '../../support/kata';
import { corpusFiles, skipUnlessShared } from '../../support/shared';
import * as fs from 'node:fs';

const skip = skipUnlessShared('kata-configs');
const GO = '/tmp/kata/configuration-qemu.toml';
const RS = '/tmp/kata/configuration-qemu-runtime-rs.toml';
const OURS = new Set(annotationsRule.codes.map((c) => c.code));

const ours = (diags: Found[]) => diags.filter((d) => OURS.has(d.code));

/** The Kata diagnostics with their fix edits (analyzeText only keeps the titles). */
function kata(text: string, path: string, settings: ServiceSettings = {}): KataDiagnostic[] {
  const service = new LanguageService(nodeHost);
  service.configure({ hostChecks: false, ...settings });
  return service.analyze({ uri: `file://${path}`, version: 1, getText: () => text }).kata;
}

function apply(text: string, f: Fix): string {
  const edits = [...f.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** Applies a fix by title and checks the result is valid TOML; returns the new text. */
function applyFix(text: string, path: string, settings: ServiceSettings, code: string, title: string): string {
  const d = kata(text, path, settings).find((x) => x.code === code && x.fixes?.some((f) => f.title === title));
  assert.ok(d, `no ${code} with the fix "${title}"`);
  const out = apply(text, d.fixes!.find((f) => f.title === title)!);
  assert.deepEqual(parseToml(out).errors, [], out);
  return out;
}

/** A mutation of a corpus file: the diagnostics it adds. */
function mutate(release: Release, runtime: Runtime, file: string, table: string, value: string) {
  const path = runtime === 'go' ? GO : RS;
  const settings = { release };
  const text = corpusText(release, runtime, file);
  const before = analyzeText(text, path, settings);
  const m = setKey(text, table, 'enable_annotations', value);
  const after = analyzeText(m.text, path, settings);
  return { before, after, line: m.line, text: m.text, path, settings, added: added(before.diags, after.diags) };
}

const hand = (runtime: Runtime, release: string, list: string, hv = 'qemu') => `# kata-config: runtime=${runtime} release=${release}\n[hypervisor.${hv}]\nenable_annotations = ${list}\n`;

describe('the annotation data', () => {
  test('every config key an annotation overrides is a hypervisor key of that runtime in the same releases', () => {
    for (const runtime of ['go', 'rs'] as const) {
      const specs = allKeySpecs(runtime).filter((s) => s.table === 'hypervisor');
      for (const release of RELEASES) {
        for (const a of hypervisorAnnotations(runtime, release)) {
          for (const key of [annotationKey(a, runtime), a.pathAllowList]) {
            if (!key) continue;
            const spec = specs.find((s) => s.key === key);
            assert.ok(spec && spec.releases.has(release), `${runtime} ${release}: ${a.name} overrides ${key}, which the schema does not have`);
          }
        }
      }
    }
  });
  test('names differ between runtimes and releases as in Kata\'s source', () => {
    const names = (rt: Runtime, r: Release) => hypervisorAnnotations(rt, r).map((a) => a.name);
    assert.ok(names('go', '4.1.0').includes('hypervisor_hash') && !names('rs', '4.1.0').includes('hypervisor_hash'));
    assert.ok(names('rs', '4.1.0').includes('path_hash') && !names('go', '4.1.0').includes('path_hash'));
    assert.ok(names('go', '3.20.0').includes('file_mem_backend') && !names('go', '3.32.0').includes('file_mem_backend'));
    assert.ok(names('rs', '3.32.0').includes('hotplug_vfio_on_root_bus') && !names('rs', '4.1.0').includes('hotplug_vfio_on_root_bus'));
    assert.ok(names('go', '3.32.0').includes('blk_logical_sector_size') && !names('go', '3.20.0').includes('blk_logical_sector_size'));
    assert.ok(names('go', '3.2.0').includes('ctlpath') && !names('go', '3.10.0').includes('ctlpath'));
    assert.ok(!names('go', '3.10.0').includes('cc_init_data') && names('go', '3.20.0').includes('cc_init_data'));
    assert.ok(names('rs', '3.2.0').includes('prefetch_files.list') && !names('go', '4.1.0').includes('prefetch_files.list'));
    // First and last tag of each name, bisected over all 35 releases (annotations.go / annotations/mod.rs).
    const span = (rt: Runtime, name: string, before: Release | null, first: Release, last: Release, after: Release | null) => {
      assert.ok(names(rt, first).includes(name) && names(rt, last).includes(name), `${rt} ${name} in ${first}..${last}`);
      if (before) assert.ok(!names(rt, before).includes(name), `${rt} ${name} not in ${before}`);
      if (after) assert.ok(!names(rt, after).includes(name), `${rt} ${name} not in ${after}`);
    };
    span('go', 'ctlpath', null, '3.2.0', '3.9.0', '3.10.0');
    span('rs', 'hypervisorctl_hash', null, '3.2.0', '3.9.0', '3.10.0');
    span('go', 'kernel_verity_params', '3.26.0', '3.27.0', '4.1.0', null);
    span('rs', 'hugepage_type', '3.2.0', '3.3.0', '4.1.0', null);
    span('go', 'reclaim_guest_freed_memory', '3.16.0', '3.17.0', '4.1.0', null);
    span('go', 'file_mem_backend', null, '3.2.0', '3.31.0', '3.32.0');
    span('rs', 'enable_swap', null, '3.2.0', '3.13.0', '3.14.0');
    span('go', 'numa_mapping', '3.26.0', '3.27.0', '4.1.0', null);
    span('go', 'pcie_switch_port', '3.5.0', '3.6.0', '4.1.0', null);
    span('rs', 'pcie_switch_port', '3.16.0', '3.17.0', '4.1.0', null);
    span('rs', 'blk_logical_sector_size', '3.28.0', '3.29.0', '4.1.0', null);
    span('rs', 'block_device_num_queues', '3.23.0', '3.24.0', '4.1.0', null);
    span('go', 'indep_iothreads', '3.23.0', '3.24.0', '4.1.0', null);
    span('rs', 'msize_9p', null, '3.2.0', '3.28.0', '3.29.0');
    span('rs', 'network_queues', '3.26.0', '3.27.0', '4.1.0', null);
    span('go', 'default_gpus', '3.10.1', '3.11.0', '4.1.0', null);
    span('rs', 'default_gpus', '3.18.0', '3.19.0', '4.1.0', null);
    span('rs', 'cc_init_data', '3.18.0', '3.19.0', '4.1.0', null);
    span('go', 'cc_init_data', '3.19.1', '3.20.0', '4.1.0', null);
    assert.equal(new Set(HYPERVISOR_ANNOTATIONS.map((a) => a.name)).size, HYPERVISOR_ANNOTATIONS.length);
    assert.equal(ANNOTATION_PREFIX, 'io.katacontainers.config.hypervisor.');
  });
  test('entries are read unanchored, with the runtime\'s regular expression syntax', () => {
    const names = (e: string, rt: Runtime = 'go') => annotationsEnabledBy(e, rt, '4.1.0')?.map((a) => a.name).sort();
    assert.deepEqual(names('kernel'), ['kernel', 'kernel_hash', 'kernel_params', 'kernel_verity_params']);
    assert.deepEqual(names('^kernel$'), ['kernel']);
    assert.deepEqual(names('(?i)^KERNEL$'), ['kernel']);
    assert.deepEqual(names('\\Akernel\\z'), ['kernel']);
    assert.deepEqual(names('(?P<x>^initrd)$'), ['initrd']);
    assert.deepEqual(names('[[:digit:]]'), ['msize_9p']);
    assert.deepEqual(names('path'), ['guest_hook_path', 'jailer_path', 'path', 'vhost_user_store_path']);
    // Backtracking blow-up for a JS RegExp, linear for Kata's engines and for this matcher.
    assert.deepEqual(names('(a|aa)+(b|bb)+(.+)+$_z'), []);
    assert.deepEqual(names('(.+)+path$'), ['guest_hook_path', 'jailer_path', 'vhost_user_store_path']);
    // A JS RegExp accepts these; RE2 and Rust's regex do not.
    for (const bad of ['(?<=a)b', 'a(?!b)', '(a)\\1', '\\k<n>', '\\cA', '\\e']) {
      assert.doesNotThrow(() => new RegExp(bad));
      assert.equal(compileEntry(bad, 'go', '4.1.0').ok, false, bad);
      assert.equal(compileEntry(bad, 'rs', '4.1.0').ok, false, bad);
    }
    // Syntax one engine has and the other lacks.
    assert.equal(compileEntry('\\Qa.b\\E', 'go', '4.1.0').ok, true);
    assert.equal(compileEntry('\\Qa.b\\E', 'rs', '4.1.0').ok, false);
    assert.equal(compileEntry('\\u0041', 'rs', '4.1.0').ok, true);
    assert.equal(compileEntry('\\u0041', 'go', '4.1.0').ok, false);
    assert.equal(compileEntry('a{2', 'go', '4.1.0').ok, true);
    assert.equal(compileEntry('a{2', 'rs', '4.1.0').ok, false);
    assert.equal(compileEntry('(?<n>kernel)', 'go', '3.2.0').ok, false);
    assert.equal(compileEntry('(?<n>kernel)', 'go', '3.10.0').ok, true);
    assert.equal(compileEntry('(?<n>kernel)', 'go', '3.4.0').ok, false);
    assert.equal(compileEntry('(?<n>kernel)', 'go', '3.5.0').ok, true);
    // runtime-rs 3.2.0 links regex 1.9 (no \<, \> or \b{start}); 3.3.0 has regex 1.10.
    for (const entry of ['\\<kernel', 'kernel\\>', '\\b{start}kernel']) {
      assert.equal(compileEntry(entry, 'rs', '3.2.0').ok, false, entry);
      assert.equal(compileEntry(entry, 'rs', '3.3.0').ok, true, entry);
    }
    assert.equal(compileEntry('[]a]', 'go', '4.1.0').ok, true);
    assert.equal(compileEntry('[]', 'go', '4.1.0').ok, false);
  });
});

describe('kata-annotation-regex-invalid', () => {
  test('Go: a lookbehind entry never matches (corpus mutation)', { skip }, () => {
    const m = mutate('4.1.0', 'go', 'configuration-qemu.toml', 'hypervisor.qemu', '["enable_iommu", "kernel_params", "(?<=kernel_)params"]');
    assert.equal(m.added.length, 1, JSON.stringify(m.added));
    const [d] = m.added;
    assert.deepEqual([d.code, d.severity, d.line], ['kata-annotation-regex-invalid', 'warning', m.line]);
    assert.match(d.message, /lookbehind/);
    assert.match(d.message, /annotation \.\.\. is not enabled/);
    assert.deepEqual(d.fixes, ['Remove the entry']);
    const fixed = applyFix(m.text, m.path, m.settings, d.code, 'Remove the entry');
    assert.deepEqual(added(m.before.diags, analyzeText(fixed, m.path, m.settings).diags), []);
  });
  test('runtime-rs: one invalid entry voids the whole list, and nothing else is reported on it', { skip }, () => {
    const m = mutate('4.1.0', 'rs', 'configuration-qemu-runtime-rs.toml', 'hypervisor.qemu', '["enable_iommu", "kernel_params", "(a)\\\\1"]');
    assert.equal(m.added.length, 1, JSON.stringify(m.added));
    assert.deepEqual([m.added[0].code, m.added[0].severity, m.added[0].line], ['kata-annotation-regex-invalid', 'warning', m.line]);
    assert.match(m.added[0].message, /enables nothing/);
    // The "enable_iommu also enables enable_iommu_platform" advice is moot while nothing is enabled.
    assert.equal(ours(m.before.diags).filter((d) => d.code === 'kata-annotation-unanchored').length, 1);
    assert.deepEqual(ours(m.after.diags).map((d) => d.code), ['kata-annotation-regex-invalid']);
  });
  test('a glob gets a fix that reads it as one', () => {
    const text = hand('go', '4.1', '["^enable_iommu$", "*kernel*"]');
    const diags = ours(analyzeText(text, GO).diags);
    assert.deepEqual(diags.map((d) => [d.code, d.severity, d.line]), [['kata-annotation-regex-invalid', 'warning', 2]]);
    assert.match(diags[0].message, /nothing before it to repeat/);
    assert.deepEqual(diags[0].fixes, ['Read it as a glob: "^.*kernel.*$"', 'Remove the entry']);
    const fixed = applyFix(text, GO, {}, 'kata-annotation-regex-invalid', 'Read it as a glob: "^.*kernel.*$"');
    assert.match(fixed, /\["\^enable_iommu\$", "\^\.\*kernel\.\*\$"\]/);
    assert.deepEqual(ours(analyzeText(fixed, GO).diags), []);
  });
  test('release scope: (?<name>...) is an error for Go 3.2.0 to 3.4.0 (built with Go 1.19)', () => {
    const at = (r: string) => ours(analyzeText(hand('go', r, '["(?<n>^kernel$)"]'), GO).diags).map((d) => d.code);
    assert.deepEqual(at('3.2'), ['kata-annotation-regex-invalid']);
    assert.deepEqual(at('3.4'), ['kata-annotation-regex-invalid']);
    assert.deepEqual(at('3.5'), []);
    assert.deepEqual(at('3.10'), []);
    assert.deepEqual(ours(analyzeText(hand('rs', '3.2', '["(?<n>^kernel$)"]', 'dragonball'), RS).diags), []);
  });
  test('runtime scope: \\Q...\\E is Go-only syntax', () => {
    assert.deepEqual(ours(analyzeText(hand('go', '4.1', '["\\\\Qkernel_params\\\\E"]'), GO).diags), []);
    const rs = ours(analyzeText(hand('rs', '4.1', '["\\\\Qkernel_params\\\\E"]'), RS).diags);
    assert.deepEqual(rs.map((d) => [d.code, d.line]), [['kata-annotation-regex-invalid', 2]]);
  });
});

describe('kata-annotation-unmatched', () => {
  test('a misspelt name, with a did-you-mean fix (corpus mutation)', { skip }, () => {
    const m = mutate('4.1.0', 'go', 'configuration-qemu.toml', 'hypervisor.qemu', '["enable_iommu", "kernl_params", "kernel_verity_params"]');
    assert.equal(m.added.length, 1, JSON.stringify(m.added));
    const [d] = m.added;
    assert.deepEqual([d.code, d.severity, d.line], ['kata-annotation-unmatched', 'warning', m.line]);
    assert.match(d.message, /Did you mean kernel_params\?/);
    assert.deepEqual(d.fixes[0], 'Use "kernel_params"');
    const fixed = applyFix(m.text, m.path, m.settings, d.code, 'Use "kernel_params"');
    assert.deepEqual(added(m.before.diags, analyzeText(fixed, m.path, m.settings).diags), []);
  });
  test('release scope: kernel_verity_params arrived in 3.27.0', { skip }, () => {
    const list = '["enable_iommu", "virtio_fs_extra_args", "kernel_params", "kernel_verity_params"]';
    const old = mutate('3.26.0', 'go', 'configuration-qemu.toml', 'hypervisor.qemu', list);
    assert.deepEqual(old.added.map((d) => [d.code, d.severity, d.line]), [['kata-annotation-unmatched', 'warning', old.line]]);
    assert.match(old.added[0].message, /the Go runtime has it in 3\.27\.0 to 4\.1\.0/);
    const now = mutate('3.27.0', 'go', 'configuration-qemu.toml', 'hypervisor.qemu', list);
    assert.deepEqual(now.added, []);
  });
  test('runtime scope: prefetch_files.list is runtime-rs only', () => {
    const go = ours(analyzeText(hand('go', '4.1', '["^prefetch_files\\\\.list$"]'), GO).diags);
    assert.deepEqual(go.map((d) => [d.code, d.severity, d.line]), [['kata-annotation-unmatched', 'warning', 2]]);
    assert.deepEqual(ours(analyzeText(hand('rs', '4.1', '["^prefetch_files\\\\.list$"]'), RS).diags), []);
    const plain = ours(analyzeText(hand('go', '4.1', '["prefetch_files.list"]'), GO).diags);
    assert.match(plain[0].message, /only runtime-rs has it/);
  });
  test('the full annotation name, and annotations enable_annotations does not gate', () => {
    const full = ours(analyzeText(hand('go', '4.1', '["io.katacontainers.config.hypervisor.default_memory", "sandbox_cgroup_only"]'), GO).diags);
    assert.deepEqual(full.map((d) => [d.code, d.line]), [['kata-annotation-unmatched', 2], ['kata-annotation-unmatched', 2]]);
    assert.match(full[0].message, /without "io\.katacontainers\.config\.hypervisor\."/);
    assert.deepEqual(full[0].fixes, ['Use "default_memory"', 'Remove the entry']);
    assert.match(full[1].message, /does not gate io\.katacontainers\.config\.runtime\.sandbox_cgroup_only/);
    const text = hand('go', '4.1', '["io.katacontainers.config.hypervisor.default_memory", "sandbox_cgroup_only"]');
    const one = applyFix(text, GO, {}, 'kata-annotation-unmatched', 'Use "default_memory"');
    const two = applyFix(one, GO, {}, 'kata-annotation-unmatched', 'Remove the entry');
    assert.match(two, /enable_annotations = \["default_memory"\]/);
    assert.deepEqual(ours(analyzeText(two, GO).diags), []);
  });
});

describe('kata-annotation-unanchored', () => {
  test('"kernel" also enables kernel_params, kernel_hash and kernel_verity_params (corpus mutation)', { skip }, () => {
    const m = mutate('4.1.0', 'go', 'configuration-qemu.toml', 'hypervisor.qemu', '["^enable_iommu$", "kernel", "kernel_params"]');
    const mine = ours(m.after.diags);
    assert.deepEqual(mine.map((d) => [d.code, d.severity, d.line]), [['kata-annotation-unanchored', 'information', m.line]]);
    assert.match(mine[0].message, /kernel_hash, kernel_params and kernel_verity_params/);
    assert.deepEqual(mine[0].fixes, ['Anchor it: "^kernel$"']);
    // Nothing but this rule's diagnostics changed.
    assert.deepEqual(added(m.before.diags, m.after.diags).filter((d) => !OURS.has(d.code)), []);
    const fixed = applyFix(m.text, m.path, m.settings, 'kata-annotation-unanchored', 'Anchor it: "^kernel$"');
    assert.deepEqual(ours(analyzeText(fixed, m.path, m.settings).diags), []);
  });
  test('release scope: kernel_verity_params only counts from 3.27.0', () => {
    const at = (r: string) => ours(analyzeText(hand('go', r, '["kernel"]'), GO).diags)[0].message;
    assert.match(at('3.20'), /also enables kernel_hash and kernel_params\./);
    assert.match(at('3.26'), /also enables kernel_hash and kernel_params\./);
    assert.match(at('3.27'), /kernel_verity_params/);
    assert.match(at('4.1'), /kernel_verity_params/);
  });
  test('runtime-rs: says which of the extra annotations it refuses', () => {
    const d = ours(analyzeText(hand('rs', '4.1', "['image']"), RS).diags);
    assert.deepEqual(d.map((x) => [x.code, x.line]), [['kata-annotation-unanchored', 2]]);
    assert.match(d[0].message, /runtime-rs does not apply image_hash/);
    // The literal string style is kept.
    assert.match(applyFix(hand('rs', '4.1', "['image']"), RS, {}, 'kata-annotation-unanchored', 'Anchor it: "^image$"'), /\['\^image\$'\]/);
  });
  test('stays quiet for anchored entries, exact names and substring-only entries', () => {
    for (const list of ['["^kernel$", "kernel_params", "^(?:kernel|initrd)$"]', '["gpu_model", "default_gpus"]', '["kernel_.*"]', '["kernel_verity"]']) {
      assert.deepEqual(ours(analyzeText(hand('go', '4.1', list), GO).diags), [], list);
    }
    const start = ours(analyzeText(hand('go', '4.1', '["^kernel"]'), GO).diags);
    assert.deepEqual(start.map((d) => d.fixes), [['Anchor it: "^kernel$"']]);
  });
  test('the shipped "enable_iommu" entry also enables enable_iommu_platform (upstream defect, advice only)', { skip }, () => {
    const d = ours(analyzeText(corpusText('4.1.0', 'go', 'configuration-qemu.toml'), GO, { release: '4.1.0' }).diags);
    assert.deepEqual(d.map((x) => [x.code, x.severity]), [['kata-annotation-unanchored', 'information']]);
    assert.match(d[0].message, /enable_iommu_platform/);
  });
});

describe('kata-annotation-match-all', () => {
  test('an empty entry enables every annotation (corpus mutation)', { skip }, () => {
    const m = mutate('4.1.0', 'rs', 'configuration-qemu-runtime-rs.toml', 'hypervisor.qemu', '["^enable_iommu$", "", "kernel_params"]');
    assert.deepEqual(m.added.map((d) => [d.code, d.severity, d.line]), [['kata-annotation-match-all', 'warning', m.line]]);
    assert.deepEqual(m.added[0].fixes, ['Remove the empty entry']);
    const fixed = applyFix(m.text, m.path, m.settings, 'kata-annotation-match-all', 'Remove the empty entry');
    assert.match(fixed, /enable_annotations = \["\^enable_iommu\$", "kernel_params"\]/);
  });
  test('".*" is reported as advice; a lone "" is removed to an empty list', () => {
    const all = ours(analyzeText(hand('go', '4.1', '[".*"]'), GO).diags);
    assert.deepEqual(all.map((d) => [d.code, d.severity, d.line]), [['kata-annotation-match-all', 'information', 2]]);
    const text = hand('go', '4.1', '["",]');
    const empty = ours(analyzeText(text, GO).diags);
    assert.deepEqual(empty.map((d) => [d.code, d.severity, d.line]), [['kata-annotation-match-all', 'warning', 2]]);
    assert.match(applyFix(text, GO, {}, 'kata-annotation-match-all', 'Remove the empty entry'), /enable_annotations = \[\]\n/);
    const last = applyFix(hand('go', '4.1', '["^kernel$", ""]'), GO, {}, 'kata-annotation-match-all', 'Remove the empty entry');
    assert.match(last, /enable_annotations = \["\^kernel\$"\]\n/);
  });
});

describe('scope and harmless edits', () => {
  test('tables whose hypervisor does not read enable_annotations are left to the key rules', () => {
    // The Go runtime's dragonball loader never copies enable_annotations.
    assert.deepEqual(ours(analyzeText(hand('go', '4.1', '[""]', 'dragonball'), GO).diags), []);
    assert.deepEqual(ours(analyzeText(hand('rs', '4.1', '[""]', 'dragonball'), RS).diags).map((d) => d.code), ['kata-annotation-match-all']);
  });
  test('templates: a placeholder list is not checked', () => {
    const text = '[hypervisor.qemu]\nenable_annotations = @DEFENABLEANNOTATIONS@\n';
    assert.deepEqual(ours(analyzeText(text, '/tmp/kata/configuration-qemu.toml.in').diags), []);
  });
  test('reordering, comments, multi-line arrays and other valid names stay clean', { skip }, () => {
    const base = corpusText('4.1.0', 'go', 'configuration-qemu.toml');
    const before = analyzeText(base, GO, { release: '4.1.0' });
    for (const list of [
      '["kernel_verity_params", "kernel_params", "enable_iommu"]',
      '[\n  "enable_iommu", # vIOMMU\n  "kernel_params",\n  "kernel_verity_params",\n]',
      '["enable_iommu", "kernel_params", "kernel_verity_params", "^default_vcpus$", \'^default_memory$\', "^cc_init_data$"]',
      '[]',
    ]) {
      const m = setKey(base, 'hypervisor.qemu', 'enable_annotations', list);
      assert.deepEqual(added(before.diags, analyzeText(m.text, GO, { release: '4.1.0' }).diags), [], list);
    }
    const commented = base.replace('enable_annotations =', '# a comment\nenable_annotations =');
    assert.deepEqual(added(before.diags, analyzeText(commented, GO, { release: '4.1.0' }).diags), []);
  });
  test('the pristine corpus: no error or warning, only the "enable_iommu" and Go remote "image" advice', { skip }, () => {
    for (const f of corpusFiles()) {
      const d = ours(analyzeText(fs.readFileSync(f.path, 'utf8'), f.path, { release: f.release }).diags);
      for (const x of d) {
        assert.equal(x.severity, 'information', `${f.path}: ${x.message}`);
        assert.match(x.message, /^"(enable_iommu|image)" matches anywhere/, f.path);
      }
    }
  });
});
