/** Quick fixes over the protocol: request the code actions of a diagnostic, apply one, and the problem is gone. */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits } from '../support/edits';
import { LspClient } from '../support/lspClient';

interface Case {
  name: string;
  file: string;
  text: string;
  code: string;
  fix: RegExp;
  expect?: RegExp;
}

const GO = 'file:///tmp/kata-fix/configuration-qemu.toml';
const RS = 'file:///tmp/kata-fix/configuration-qemu-runtime-rs.toml';
const BASE = '[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\nkernel = "/k"\nimage = "/i"\nvirtio_fs_daemon = "/usr/libexec/virtiofsd"\n';

const CASES: Case[] = [
  { name: 'rename a misspelt key', file: GO, text: `${BASE}default_memroy = 4096\n`, code: 'kata-unknown-key', fix: /^Rename to default_memory$/, expect: /default_memory = 4096/ },
  { name: 'replace an invalid value', file: GO, text: `${BASE}block_device_driver = "virtio-blk-pci"\n`, code: 'kata-invalid-value', fix: /^Use "virtio-blk"$/, expect: /block_device_driver = "virtio-blk"/ },
  { name: 'move a key to its table', file: GO, text: `${BASE}\n[agent.kata]\nenable_pprof = true\n\n[runtime]\nenable_debug = false\n`, code: 'kata-key-other-table', fix: /^Move enable_pprof/, expect: /\[runtime\]\nenable_debug = false\nenable_pprof = true/ },
  { name: 'remove a key Kata ignores', file: GO, text: `${BASE}jailer_path = "/usr/bin/jailer"\n`, code: 'kata-key-other-hypervisor', fix: /^Remove jailer_path$/ },
  { name: 'remove a table Kata ignores', file: RS, text: `${BASE}\n[factory]\nenable_template = false\n\n[runtime]\nname = "virt_container"\n`, code: 'kata-ignored-table', fix: /^Remove the \[factory\] table$/ },
  { name: 'fix the case of a key', file: GO, text: `${BASE}Default_Memory = 4096\n`, code: 'kata-key-case', fix: /^Rename to default_memory$/ },
  { name: 'unquote a number', file: GO, text: `${BASE}default_memory = "4096"\n`, code: 'kata-type-mismatch', fix: /^Write 4096 as a number$/, expect: /default_memory = 4096/ },
  { name: 'string to boolean', file: GO, text: `${BASE}enable_iommu = "true"\n`, code: 'kata-type-mismatch', fix: /^Write true without quotes$/ },
  { name: 'quote a string', file: GO, text: `${BASE}machine_type = 35\n`, code: 'kata-type-mismatch', fix: /^Quote it/ },
  { name: 'rename a hypervisor table', file: GO, text: '[hypervisor.fc]\npath = "/usr/bin/firecracker"\n', code: 'kata-unknown-hypervisor', fix: /firecracker/ },
  { name: 'conflicting settings: one way out (remove initrd)', file: GO, text: `${BASE}initrd = "/r"\n`, code: 'kata-image-and-initrd', fix: /^Remove initrd$/ },
  { name: 'conflicting settings: the other way out (remove image)', file: GO, text: `${BASE}initrd = "/r"\n`, code: 'kata-image-and-initrd', fix: /^Remove image$/ },
  { name: 'use the value Kata would use', file: GO, text: `${BASE}default_memory = 128\n`, code: 'kata-value-adjusted', fix: /^Use 2048$/ },
];

describe('quick fixes over the protocol', () => {
  let client: LspClient;
  before(async () => {
    client = new LspClient();
    await client.initialize();
  });
  after(async () => client.shutdown());

  CASES.forEach((c, i) => {
    test(c.name, async () => {
      const uri = c.file.replace('.toml', `-${i}.toml`);
      await client.open(uri, c.text, 1);
      const diags = await client.waitForDiagnostics(uri, (p) => p.version === 1);
      const target = diags.find((d) => d.code === c.code);
      assert.ok(target, `no ${c.code} in ${JSON.stringify(diags)}`);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: target.range, context: { diagnostics: [target] } });
      const action = actions.find((a) => c.fix.test(a.title));
      assert.ok(action, `no fix like ${c.fix} among ${actions.map((a) => a.title)}`);
      assert.equal(action.kind, 'quickfix');
      const edited = applyEdits(c.text, action.edit!.changes![uri]);
      if (c.expect) assert.match(edited, c.expect);
      await client.change(uri, 2, [{ text: edited }]);
      const after = await client.waitForDiagnostics(uri, (p) => p.version === 2);
      const still = after.filter((d: Diagnostic) => d.code === c.code);
      assert.deepEqual(still, [], `after "${action.title}":\n${edited}`);
      assert.deepEqual(after.filter((d) => String(d.code).startsWith('toml-')), [], 'the edit leaves valid TOML');
      await client.close(uri);
    });
  });
});
