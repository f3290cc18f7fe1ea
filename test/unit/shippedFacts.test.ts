/**
 * The shipped facts (server/src/kata/facts/shipped-*.json through its reader shipped.ts) against the
 * installed corpus: for a selection of releases, both runtimes and x86_64/aarch64, the reader must
 * give exactly what parsing the corpus file directly gives (values, commented examples, base files
 * resolved), and list exactly the corpus's files per release and arch.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseToml, type TomlNode, type TomlTable } from '../../server/src/toml';
import {
  isShipped,
  keysMentioned,
  releasesMentioning,
  shippedFile,
  shippedFilesAt,
  shippedHypervisorTable,
  shippedKey,
  shippedValue,
  shippedValues,
  tableMatches,
  type ShippedEntry,
} from '../../server/src/kata/facts/shipped';
import { RELEASES } from '../../server/src/kata/releases';
import { sharedPath, skipUnlessShared } from '../support/shared';

const skip = skipUnlessShared('kata-configs');

const FOLDERS = [
  { folder: 'go', runtime: 'go', arch: 'x86_64' },
  { folder: 'go-arm64', runtime: 'go', arch: 'aarch64' },
  { folder: 'rs', runtime: 'rs', arch: 'x86_64' },
  { folder: 'rs-arm64', runtime: 'rs', arch: 'aarch64' },
] as const;

function plain(node: TomlNode): unknown {
  if (node.type === 'value') {
    const v = node.value;
    if (v.kind === 'invalid') return undefined;
    if (v.kind === 'integer') return Number(v.value);
    if (v.kind === 'datetime') return v.raw;
    return v.value;
  }
  if (node.type === 'array') {
    const items = node.items.map(plain);
    return items.includes(undefined) ? undefined : items;
  }
  const o: Record<string, unknown> = {};
  for (const [k, c] of node.entries) {
    const p = plain(c);
    if (p === undefined) return undefined;
    o[k] = p;
  }
  return o;
}

/**
 * What a config text says, computed independently of the extractor: set values from the parsed
 * model; commented examples by scanning lines (`#key = value` or `# key = value` on a line of its
 * own), attributed to the section header above them; a key set in a table is never "commented";
 * the first example whose text parses gives the value.
 */
function directStates(text: string): Record<string, ShippedEntry> {
  const out: Record<string, ShippedEntry> = {};
  const walk = (t: TomlTable, prefix: string) => {
    for (const [k, node] of t.entries) {
      const p = prefix ? `${prefix}.${k}` : k;
      if (node.type === 'table' && node.origin !== 'inline') walk(node, p);
      else if (node.type === 'array' && node.ofTables) node.items.forEach((it, i) => it.type === 'table' && walk(it, i ? `${p}[${i}]` : `${p}[]`));
      else {
        const v = plain(node);
        if (v !== undefined) out[shippedKey(prefix || '(root)', k)] = { value: v };
      }
    }
  };
  walk(parseToml(text).root, '');
  let section = '(root)';
  const arrays = new Map<string, number>();
  for (const line of text.split('\n')) {
    const h = /^\s*(\[\[?)\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (h) {
      if (h[1] === '[[') {
        const n = arrays.get(h[2]) ?? 0;
        arrays.set(h[2], n + 1);
        section = n ? `${h[2]}[${n}]` : `${h[2]}[]`;
      } else section = h[2];
      continue;
    }
    const c = /^\s*#\s*([A-Za-z0-9_-]+)\s*=(.*)$/.exec(line);
    if (!c) continue;
    const id = shippedKey(section, c[1]);
    const prev = out[id];
    if (prev && (!prev.commented || prev.value !== undefined)) continue;
    const doc = parseToml(`${c[1]} =${c[2]}\n`);
    const node = doc.errors.length ? undefined : doc.root.entries.get(c[1]);
    const v = node && node.type !== 'table' ? plain(node) : undefined;
    out[id] = v === undefined ? { commented: true } : { value: v, commented: true };
  }
  return out;
}

function sorted(o: Record<string, ShippedEntry>): Record<string, ShippedEntry> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

test('the shipped file lists equal the corpus for every release, runtime and arch (x86_64, aarch64)', { skip }, () => {
  for (const release of RELEASES) {
    for (const { folder, runtime, arch } of FOLDERS) {
      const dir = sharedPath('kata-configs', release, folder);
      if (!fs.existsSync(dir)) continue;
      const corpus = fs.readdirSync(dir).sort();
      const listed = shippedFilesAt(runtime, release, arch)
        .map((f) => f.name)
        .sort();
      assert.deepEqual(listed, corpus, `${release}/${folder}`);
      for (const name of corpus) {
        assert.ok(isShipped(runtime, name, release, arch), `${release}/${folder}/${name}`);
        const header = /^\[hypervisor\.([A-Za-z0-9_-]+)\]/m.exec(fs.readFileSync(path.join(dir, name), 'utf8'));
        assert.equal(shippedHypervisorTable(runtime, name, release), header?.[1], `${release}/${folder}/${name}: hypervisor table`);
      }
    }
  }
});

// Every release, every corpus file (about 1300 files; a few seconds).
for (const release of RELEASES) {
  test(`${release}: the reader gives exactly the values of the corpus files (both runtimes, x86_64 and aarch64)`, { skip }, () => {
    let compared = 0;
    for (const { folder, runtime, arch } of FOLDERS) {
      const dir = sharedPath('kata-configs', release, folder);
      for (const name of fs.readdirSync(dir).sort()) {
        const want = sorted(directStates(fs.readFileSync(path.join(dir, name), 'utf8')));
        const got = sorted(Object.fromEntries(shippedValues(runtime, name, release, arch)));
        assert.deepEqual(got, want, `${release}/${folder}/${name}${shippedFile(runtime, name)?.base ? ` (base ${shippedFile(runtime, name)!.base})` : ''}`);
        compared++;
      }
    }
    assert.ok(compared > 0);
  });
}

test('keysMentioned is the union over the release files on an arch', { skip }, () => {
  for (const release of RELEASES) {
    for (const { folder, runtime, arch } of FOLDERS) {
      const dir = sharedPath('kata-configs', release, folder);
      const union = new Map<string, Set<string>>();
      const setOnly = new Map<string, Set<string>>();
      for (const name of fs.readdirSync(dir)) {
        for (const [id, e] of Object.entries(directStates(fs.readFileSync(path.join(dir, name), 'utf8')))) {
          const [table, key] = id.split('\u0000');
          if (!table.startsWith('hypervisor.')) continue;
          const t = table.split('.').length === 2 ? 'hypervisor.<name>' : table;
          if (!union.has(t)) union.set(t, new Set());
          union.get(t)!.add(key);
          if (!e.commented) {
            if (!setOnly.has(t)) setOnly.set(t, new Set());
            setOnly.get(t)!.add(key);
          }
        }
      }
      const all = [...(union.get('hypervisor.<name>') ?? [])].sort();
      assert.deepEqual([...keysMentioned(runtime, release, 'hypervisor.<name>', { arch })].sort(), all, `${release}/${folder}`);
      const set = [...(setOnly.get('hypervisor.<name>') ?? [])].sort();
      assert.deepEqual([...keysMentioned(runtime, release, 'hypervisor.<name>', { arch, commented: false })].sort(), set, `${release}/${folder} (set only)`);
    }
  }
});

test('reader details: base resolution, commented examples, release inference helpers', () => {
  // A variant inherits what it does not override from its base file.
  assert.equal(shippedFile('go', 'configuration-qemu-tdx.toml')?.base, 'configuration-qemu.toml');
  assert.equal(shippedFile('go', 'configuration-qemu.toml')?.base, undefined);
  assert.equal(shippedFile('rs', 'configuration-qemu-snp-runtime-rs.toml')?.base, 'configuration-qemu-runtime-rs.toml');
  assert.deepEqual(shippedValue('go', '/etc/kata-containers/configuration-qemu.toml', '4.1.0', 'x86_64', 'hypervisor.qemu', 'path'), { value: '/usr/bin/qemu-system-x86_64' });
  assert.deepEqual(shippedValue('go', 'configuration-qemu.toml', '4.1.0', 'aarch64', 'hypervisor.qemu', 'path'), { value: '/usr/bin/qemu-system-aarch64' });
  assert.deepEqual(shippedValue('go', 'configuration-qemu.toml', '4.1.0', 's390x', 'hypervisor.qemu', 'machine_type'), { value: 's390-ccw-virtio' });
  assert.deepEqual(shippedValue('go', 'configuration-qemu.toml', '3.2.0', 'x86_64', 'hypervisor.qemu', 'memory_offset'), { value: 0, commented: true });
  // Not installed there: nothing.
  assert.equal(shippedValues('go', 'configuration-acrn.toml', '4.1.0', 'x86_64').size, 0);
  assert.equal(shippedValues('go', 'configuration-fc.toml', '4.1.0', 's390x').size, 0);
  // Release inference: a key that appears in the shipped files from some release on.
  const since = releasesMentioning('go', 'hypervisor.<name>', 'kernel_verity_params');
  assert.ok(since.length > 0 && since.length < RELEASES.length);
  assert.ok(tableMatches('hypervisor.<name>', 'hypervisor.qemu') && !tableMatches('hypervisor.<name>', 'hypervisor.qemu.factory'));
  assert.ok(tableMatches('hypervisor.<name>.factory', 'hypervisor.qemu.factory'));
});
