/**
 * The Kata schema: complete facts for every key, documentation for every key, agreement with the
 * research facts table, every corpus key known for its target, and the JSON Schema export.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import Ajv from 'ajv';
import { allKeySpecs, classifyTable, typeIn, editDistance, KataSchema, keyDoc, tableSpecs, type KeyLookup, type KeySpec, type TableKind } from '../../server/src/kata/schema';
import { KEY_DOCS } from '../../server/src/kata/knowledge/docs';
import { exportJsonSchema } from '../../server/src/kata/schema/jsonSchema';
import { tablesFor } from '../../server/src/kata/catalog';
import { RELEASES, type Release, type Runtime } from '../../server/src/kata/releases';
import { toPlain, type TomlTable } from '../../server/src/toml';
import { corpusCases } from '../support/corpusTargets';
import { sharedPath, skipUnlessShared } from '../support/shared';

const RUNTIMES: Runtime[] = ['go', 'rs'];
const all = RUNTIMES.flatMap((r) => allKeySpecs(r));

describe('every key spec is complete', () => {
  test('type, releases, source, and a default (shipped, code or explicitly unset)', () => {
    const bad: string[] = [];
    for (const s of all) {
      const id = `${s.runtime} ${s.table}/${s.key}`;
      if (!s.type) bad.push(`${id}: no type`);
      if (!s.source || !/\S+\.(go|rs)|src\//.test(s.source)) bad.push(`${id}: no Kata source`);
      if (s.ignored) {
        if (!s.releases.isEmpty || !s.mentionedIn || s.mentionedIn.isEmpty) bad.push(`${id}: an ignored key has no accepted releases but names where it was shipped`);
        continue;
      }
      if (s.releases.isEmpty) bad.push(`${id}: no release`);
      const isTable = s.type === 'table' || s.type === 'table[]';
      if (!isTable && s.default === undefined && s.defaultByHypervisor === undefined && s.codeDefault === undefined && !s.optional) bad.push(`${id}: no default`);
    }
    assert.deepEqual(bad, []);
  });

  test('hypervisor keys name their readers (Go: the loaders that copy them; runtime-rs: the shared struct, unless limited)', () => {
    for (const s of all.filter((s) => s.table === 'hypervisor' && !s.ignored)) {
      if (s.runtime === 'go') assert.ok(Array.isArray(s.readers), `${s.key}: Go readers`);
      if (s.readers) assert.ok(s.readers.length > 0 || s.runtime === 'go', `${s.runtime} ${s.key}: empty readers`);
    }
  });

  test('allowed values and adjustments are well formed', () => {
    for (const s of all) {
      for (const a of s.allowed ?? []) {
        assert.ok(a.values.length > 0, `${s.key}: empty allowed list`);
        assert.ok(a.source, `${s.key}: allowed values without a source`);
        assert.ok(a.checked === 'load' || a.checked === 'vm-start');
      }
    }
  });

  test('every key of every runtime has documentation: a summary line and at least one full sentence', () => {
    const bad: string[] = [];
    for (const s of all) {
      const doc = keyDoc(s.table, s.key);
      const id = `${s.runtime} ${s.table}/${s.key}`;
      if (!doc) {
        bad.push(`${id}: no doc`);
        continue;
      }
      if (!doc.summary || doc.summary.length > 100) bad.push(`${id}: summary missing or longer than 100 characters`);
      if (!/[A-Za-z].*[a-z]{2,}.*[.!?)](\s|$)/.test(doc.description)) bad.push(`${id}: description is not a full sentence`);
    }
    const specIds = new Set(all.map((s) => `${s.table}/${s.key}`));
    for (const id of Object.keys(KEY_DOCS)) if (!specIds.has(id)) bad.push(`doc without a key: ${id}`);
    assert.deepEqual(bad, []);
  });
});

describe('the schema agrees with the research facts table', { skip: skipUnlessShared('kata-schema-facts') }, () => {
  function kindOf(section: string): TableKind {
    const parts = section.split('.');
    if (parts[0] === 'hypervisor') return (parts.length === 2 ? 'hypervisor' : parts[2] === 'factory' ? 'hypervisor.factory' : parts[2]) as TableKind;
    if (parts[0] === 'agent') return parts.length === 2 ? 'agent' : 'mem_agent';
    return (section === 'runtime.shared_mounts' ? 'shared_mounts' : section) as TableKind;
  }
  const TYPE_OK: Record<string, string[]> = {
    bool: ['bool', 'Option<bool>'],
    string: ['string', 'config.PCIePort', 'govmmQemu.MonitorProtocol', 'String', 'HugePageType', 'Option<String>'],
    u32: ['uint32', 'u32', 'Option<u32>'],
    u64: ['uint64', 'uint', '*uint64', 'u64', 'Option<u64>'],
    i32: ['int32', 'i32'],
    i64: ['int64', 'i64', 'Option<i64>'],
    u8: ['u8', 'Option<u8>'],
    usize: ['usize'],
    f32: ['float32', 'f32'],
    'string[]': ['[]string', 'Vec<String>'],
    'u32[]': ['Vec<u32>'],
    table: ['MemAgent', 'Factory', 'Option<RootlessUser>'],
    'table[]': ['[]guestExtensionImage', 'Vec<GuestExtensionImage>', 'Vec<SharedMount>'],
  };
  // Deliberate differences, each with its reason (none today).
  const DIFFERENCES: Record<string, string> = {};

  for (const runtime of RUNTIMES) {
    test(`${runtime}: every (table, key, release) of the facts exists with a compatible type`, () => {
      const rows = fs.readFileSync(sharedPath('kata-schema-facts', `${runtime}-keys.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const problems: string[] = [];
      for (const r of rows) {
        const kind = kindOf(r.section);
        const schema = new KataSchema({ runtime, release: '4.1.0', arch: 'x86_64' });
        const spec = schema.spec(kind, r.key);
        const id = `${runtime} ${kind}/${r.key}`;
        if (!spec) {
          problems.push(`${id}: missing`);
          continue;
        }
        for (const tag of r.struct_tags as Release[]) if (!spec.releases.has(tag)) problems.push(`${id}: facts accept it in ${tag}`);
        if (!r.struct_tags.length && !spec.ignored) problems.push(`${id}: no parser reads it, the schema must say it is ignored`);
        if (r.type && !TYPE_OK[typeIn(spec, '4.1.0')]?.includes(r.type) && !DIFFERENCES[`${id} ${spec.type}->${r.type}`]) {
          problems.push(`${id}: type ${spec.type} vs facts ${r.type}`);
        }
        for (const [tag, t] of Object.entries((r.type_by_tag ?? r.type_history ?? {}) as Record<string, string>)) {
          const ours = typeIn(spec, tag as Release);
          if (!TYPE_OK[ours]?.includes(t)) problems.push(`${id}: in ${tag} type ${ours} vs facts ${t}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('tables for every hypervisor, runtime and release', () => {
  test('each hypervisor table a runtime loads in a release has its core keys', () => {
    for (const runtime of RUNTIMES) {
      for (const release of RELEASES) {
        const schema = new KataSchema({ runtime, release, arch: 'x86_64' });
        const tables = tablesFor(runtime, release, 'x86_64');
        assert.ok(tables.length >= 2, `${runtime} ${release}`);
        for (const table of tables) {
          const keys = schema.keys('hypervisor', table).map((s) => s.key);
          // The Go remote loader copies only what a peer-pods VM needs; the cloud side sizes the VM.
          const goRemote = runtime === 'go' && table === 'remote';
          for (const core of goRemote ? ['remote_hypervisor_socket', 'remote_hypervisor_timeout'] : ['kernel', 'default_vcpus', 'default_memory']) {
            assert.ok(keys.includes(core), `${runtime} ${release} [hypervisor.${table}] lacks ${core}: ${keys.length} keys`);
          }
          // The Go runtime backs [hypervisor.dragonball] with a mock and copies few keys for it.
          const minimum = runtime === 'go' && table === 'dragonball' ? 8 : goRemote ? 4 : 15;
          assert.ok(keys.length >= minimum, `${runtime} ${release} [hypervisor.${table}] has only ${keys.length} keys`);
        }
      }
    }
  });

  test('the table specs cover both runtimes', () => {
    assert.deepEqual(tableSpecs('go').map((t) => t.kind).sort(), ['agent', 'factory', 'guest_extension_images', 'hypervisor', 'image', 'runtime']);
    assert.ok(tableSpecs('rs').some((t) => t.kind === 'factory' && t.ignored));
  });
});

test('edit distance: exact below the cap, cap + 1 above it', () => {
  const words = ['default_memory', 'default_memroy', 'defualt_mem', 'memory', '', 'x', 'block_device_driver', 'blockdevice_driver'];
  const plain = (a: string, b: string) => editDistance(a, b);
  assert.equal(plain('kitten', 'sitting'), 3);
  assert.equal(plain('', 'abc'), 3);
  for (const a of words) {
    for (const b of words) {
      const exact = plain(a, b);
      assert.equal(plain(b, a), exact, `${a} / ${b} is symmetric`);
      for (const cap of [0, 1, 2, 3, 5]) assert.equal(editDistance(a, b, cap), Math.min(exact, cap + 1), `${a} / ${b} capped at ${cap}`);
    }
  }
});

describe('lookups', () => {
  const go = new KataSchema({ runtime: 'go', release: '4.1.0', arch: 'x86_64' });
  const rs = new KataSchema({ runtime: 'rs', release: '4.1.0', arch: 'x86_64' });
  test('a key of another hypervisor is unused there', () => {
    const l = go.lookup('hypervisor', 'jailer_path', 'qemu');
    assert.equal(l.status, 'unused');
    assert.equal(go.lookup('hypervisor', 'jailer_path', 'firecracker').status, 'valid');
  });
  test('typos and case get suggestions', () => {
    const typo = go.lookup('hypervisor', 'default_memroy', 'qemu');
    assert.equal(typo.status, 'unknown');
    assert.deepEqual(typo.status === 'unknown' && typo.suggestions, ['default_memory']);
    const upper = go.lookup('hypervisor', 'Default_Memory', 'qemu');
    assert.equal(upper.status === 'unknown' && upper.caseMatch?.key, 'default_memory');
  });
  test('keys of the other runtime, another table or another release', () => {
    assert.equal(go.lookup('runtime', 'hypervisor_name').status, 'other-runtime');
    const other = go.lookup('agent', 'enable_pprof');
    assert.equal(other.status, 'other-table');
    assert.equal(other.status === 'other-table' && other.specs[0].table, 'runtime');
    assert.equal(new KataSchema({ runtime: 'go', release: '3.2.0', arch: 'x86_64' }).lookup('hypervisor', 'pcie_root_port', 'qemu').status, 'wrong-release');
    assert.equal(rs.lookup('hypervisor', 'remote_hypervisor_socket', 'remote').status, 'ignored');
  });
  test('allowed values depend on hypervisor, architecture and release', () => {
    const values = (s: KataSchema, key: string, h: string) => s.allowedValues(s.spec('hypervisor', key)!, h).flatMap((a) => a.values);
    assert.deepEqual(values(go, 'machine_type', 'qemu'), ['q35', 'microvm']);
    assert.deepEqual(values(new KataSchema({ runtime: 'go', release: '4.1.0', arch: 'aarch64' }), 'machine_type', 'qemu'), ['virt']);
    assert.ok(values(rs, 'block_device_driver', 'dragonball').includes('virtio-blk-mmio'));
    assert.ok(!values(rs, 'block_device_driver', 'qemu').includes('virtio-blk-mmio'));
    const empty = (s: KataSchema) => s.allowedValues(s.spec('runtime', 'emptydir_mode')!).flatMap((a) => a.values);
    assert.ok(empty(go).includes('block-plain'));
    assert.ok(!empty(new KataSchema({ runtime: 'go', release: '3.32.0', arch: 'x86_64' })).includes('block-plain'));
  });
  test('runtime-rs dbg_monitor_socket is the key itself before 3.32.0 and an alias after', () => {
    assert.equal(new KataSchema({ runtime: 'rs', release: '3.20.0', arch: 'x86_64' }).lookup('hypervisor', 'dbg_monitor_socket', 'qemu').status, 'valid');
    assert.equal(rs.lookup('hypervisor', 'dbg_monitor_socket', 'qemu').status, 'alias');
  });
});

/**
 * Keys the pristine corpus sets in a table whose hypervisor's loader never reads them: upstream
 * facts the schema must know (the Go loaders copy a different subset of keys per hypervisor).
 */
const EXPECTED_UNUSED: Record<string, string> = {
  'unused hypervisor/vhost_user_reconnect_timeout_sec [qemu]': 'the Go 3.2.0–3.6.0 templates set it, but no loader copies it before 3.7.0 (newQemuHypervisorConfig)',
  'unused hypervisor/block_device_cache_direct [stratovirt]': 'the Go stratovirt loader does not copy it',
  'unused hypervisor/block_device_cache_noflush [firecracker]': 'the Go firecracker loader does not copy it',
  'unused hypervisor/block_device_cache_noflush [stratovirt]': 'the Go stratovirt loader does not copy it',
  'unused hypervisor/block_device_cache_set [firecracker]': 'the Go firecracker loader does not copy it',
  'unused hypervisor/block_device_cache_set [stratovirt]': 'the Go stratovirt loader does not copy it',
  'unused hypervisor/default_bridges [remote]': 'the Go remote loader does not copy it',
  'unused hypervisor/disable_guest_selinux [remote]': 'the Go remote loader forces it instead',
  'unused hypervisor/disable_selinux [remote]': 'the Go remote loader does not copy it',
  'unused hypervisor/enable_debug [remote]': 'the Go remote loader does not copy it',
  'unused hypervisor/enable_iommu [clh]': 'the Go clh loader does not copy it',
  'unused hypervisor/enable_iommu [firecracker]': 'the Go firecracker loader does not copy it',
  'unused hypervisor/enable_iommu [stratovirt]': 'the Go stratovirt loader does not copy it',
  'unused hypervisor/enable_mem_prealloc [firecracker]': 'the Go firecracker loader does not copy it',
  'unused hypervisor/firmware [remote]': 'the Go remote loader does not copy it',
  'unused hypervisor/memory_offset [firecracker]': 'the Go firecracker loader does not copy it',
  'unused hypervisor/memory_slots [remote]': 'the Go remote loader does not copy it',
  'unused hypervisor/msize_9p [firecracker]': 'the Go firecracker loader does not copy it',
  'unused hypervisor/virtio_fs_queue_size [clh]': 'the Go clh loader does not copy it (clh always uses 1024)',
};

test('every key of every corpus file is known for its target; what Kata ignores is checked against the decoders of that release', { skip: skipUnlessShared('kata-configs') }, () => {
  const decoders = JSON.parse(fs.readFileSync(sharedPath('kata-source', 'keys-by-release.json'), 'utf8')).releases;
  const decoderPath = (path: string[]): string => {
    const [top, , sub] = path;
    if (top === 'hypervisor') return sub ? `hypervisor.<name>.${sub}${sub === 'guest_extension_images' ? '[]' : ''}` : 'hypervisor.<name>';
    if (top === 'agent') return sub ? `agent.<name>.${sub}` : 'agent.<name>';
    return path.length > 1 ? `${path.join('.')}[]` : top;
  };
  const decoderKnows = (c: { release: string; runtime: string }, path: string[], key?: string): boolean => {
    const table = decoders[c.release][c.runtime].tables[decoderPath(path)];
    return !!table && (key === undefined || table.keys.includes(key));
  };
  const seenUnused = new Set<string>();
  const problems: string[] = [];
  for (const c of corpusCases()) {
    if (!c.validToml) continue;
    const schema = new KataSchema({ runtime: c.runtime, release: c.release, arch: c.arch });
    const visit = (path: string[], table: TomlTable): void => {
      const ref = classifyTable(path);
      if (!ref) return void problems.push(`${c.path}: table [${path.join('.')}] is not a Kata table`);
      const read = schema.readsTable(ref.kind);
      if (read !== decoderKnows(c, path)) problems.push(`${c.path}: [${path.join('.')}] ${read ? 'is read by the schema but not by the decoder' : 'is not read, but the decoder has it'}`);
      if (!read) return;
      for (const [key, node] of table.entries) {
        if (node.type === 'table' && node.origin !== 'inline') visit([...path, key], node);
        else if (node.type === 'array' && node.ofTables) node.items.forEach((item) => visit([...path, key], item as TomlTable));
        else {
          const l: KeyLookup = schema.lookup(ref.kind, key, ref.hypervisor);
          const knows = decoderKnows(c, path, key);
          const where = `${c.release}/${c.folder}/${c.file}: ${l.status} ${ref.kind}/${key}${ref.hypervisor ? ` [${ref.hypervisor}]` : ''}`;
          if (l.status === 'valid' || l.status === 'alias') {
            if (!knows) problems.push(`${where}, but the decoder does not know it`);
          } else if (l.status === 'unused') {
            const id = `unused ${ref.kind}/${key} [${ref.hypervisor}]`;
            seenUnused.add(id);
            if (!EXPECTED_UNUSED[id]) problems.push(where);
          } else if (knows) problems.push(`${where}, but the decoder knows it`);
        }
      }
    };
    for (const [top, node] of c.doc.root.entries) {
      if (node.type !== 'table') continue;
      if (top === 'hypervisor' || top === 'agent') for (const [name, t] of node.entries) visit([top, name], t as TomlTable);
      else visit([top], node);
    }
  }
  assert.deepEqual(problems, []);
  assert.deepEqual([...seenUnused].sort(), Object.keys(EXPECTED_UNUSED).sort(), 'every expected case still occurs');
});

describe('JSON Schema export', () => {
  function toJson(v: unknown): unknown {
    if (typeof v === 'bigint') return Number(v);
    if (Array.isArray(v)) return v.map(toJson);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJson(x)]));
    return v;
  }

  test('is draft-07 with additionalProperties set on every table', () => {
    const s = exportJsonSchema({ runtime: 'go', release: '4.1.0', arch: 'x86_64' }) as { $schema: string; properties: Record<string, { additionalProperties?: unknown; properties?: Record<string, { additionalProperties?: unknown }> }> };
    assert.equal(s.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(s.properties.hypervisor.additionalProperties, false);
    assert.equal(s.properties.hypervisor.properties?.qemu.additionalProperties, false);
    assert.equal(s.properties.runtime.additionalProperties, false);
  });

  test('every corpus file validates against the schema exported for its target, and typical mistakes do not', { skip: skipUnlessShared('kata-configs') }, () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const failures: string[] = [];
    const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
    for (const c of corpusCases()) {
      if (!c.validToml) continue;
      const id = `${c.runtime} ${c.release} ${c.arch} ${c.tables[0]}`;
      let validate = compiled.get(id);
      if (!validate) compiled.set(id, (validate = ajv.compile(exportJsonSchema({ runtime: c.runtime, release: c.release, arch: c.arch, hypervisor: c.tables[0] }))));
      if (!validate(toJson(toPlain(c.doc.root)))) failures.push(`${c.release}/${c.folder}/${c.file}: ${ajv.errorsText(validate.errors)}`);
    }
    assert.deepEqual(failures, []);
    const validate = ajv.compile(exportJsonSchema({ runtime: 'go', release: '4.1.0', arch: 'x86_64', hypervisor: 'qemu' }));
    assert.ok(!validate({ hypervisor: { qemu: { machine_type: 'q99' } } }));
    assert.ok(!validate({ hypervisor: { qemu: { default_memory: '2048' } } }));
    assert.ok(!validate({ hypervisor: { qemu: { default_memroy: 2048 } } }));
    assert.ok(!validate({ hypervisor: { qemu: { default_memory: -1 } } }));
    assert.ok(validate({ hypervisor: { qemu: { default_memory: 4096, machine_type: 'q35' } } }));
  });
});

test('schema for runtime-rs knows its sub-tables', () => {
  const s = new KataSchema({ runtime: 'rs', release: '4.1.0', arch: 'x86_64' });
  for (const kind of ['mem_agent', 'shared_mounts', 'hypervisor.factory', 'guest_extension_images', 'rootless_user'] as const) {
    assert.ok(s.readsTable(kind), kind);
    assert.ok(s.keys(kind).length > 0, kind);
  }
  assert.ok(s.rejectsUnknownKeys('agent'));
  assert.ok(!new KataSchema({ runtime: 'rs', release: '3.20.0', arch: 'x86_64' }).rejectsUnknownKeys('agent'));
  const k: KeySpec | undefined = s.spec('agent', 'create_container_timeout');
  assert.equal(k?.unit, 'seconds');
});
