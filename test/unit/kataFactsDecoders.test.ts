/**
 * The decoder extractor (scripts/kata-facts/decoders.ts) against the independent reference
 * ../shared/kata-source/keys-by-release.json: for every release and both runtimes, the tables,
 * the keys of each table, the runtime-rs deny_unknown_fields flags and the Go hypervisor table
 * names must be the same. Plus spot checks of types, aliases and the JSON layout.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DecodedKey, DecoderFacts, RuntimeDecoderFacts } from '../../server/src/kata/facts/types';
import { extractDecoderFacts } from '../../scripts/kata-facts/decoders';
import { decodeRuns } from '../../scripts/kata-facts/runs';
import { formatFacts } from '../../scripts/kata-facts/writeJson';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';

const skip = skipUnlessShared('kata-source');

interface RefTable {
  struct: string;
  keys: string[];
  aliases?: Record<string, string>;
  deny_unknown_fields?: boolean;
}
interface RefRuntime {
  tables: Record<string, RefTable>;
  hypervisor_names: string[];
}
interface Reference {
  releases_order: string[];
  releases: Record<string, { go: RefRuntime; rs: RefRuntime }>;
}

/**
 * Differences from the reference that were checked in Kata's source and found to be the
 * reference's mistake: `${release} ${runtime} ${table} ${key}` → reason. None so far: the
 * extractor and the reference agree on every release, runtime, table and key.
 */
const REFERENCE_EXCEPTIONS: Record<string, string> = {};

const RUNTIMES = ['go', 'rs'] as const;

let cached: { facts: DecoderFacts; ref: Reference } | undefined;
function load(): { facts: DecoderFacts; ref: Reference } {
  if (cached) return cached;
  const root = sharedPath('kata-source');
  const dirs = fs.readdirSync(root).filter((d) => /^\d+\.\d+\.\d+$/.test(d) && fs.statSync(path.join(root, d)).isDirectory());
  // any order: the extractor sorts the releases itself
  const sources = dirs.reverse().map((release) => ({ release, dir: path.join(root, release) }));
  const facts = extractDecoderFacts(sources, 'test');
  const ref = JSON.parse(fs.readFileSync(path.join(root, 'keys-by-release.json'), 'utf8')) as Reference;
  cached = { facts, ref };
  return cached;
}

function inRelease(spec: string | undefined, release: string, order: readonly string[]): boolean {
  return spec !== undefined && decodeRuns(spec, order).includes(release);
}

/** table → keys, for one release. */
function tablesAt(rt: RuntimeDecoderFacts, release: string, order: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const t of rt.tables) if (inRelease(t.releases, release, order)) out.set(t.path, new Set());
  for (const k of rt.keys) {
    if (!inRelease(k.releases, release, order)) continue;
    const keys = out.get(k.table);
    assert.ok(keys, `${release}: key ${k.key} of [${k.table}], a table absent in that release`);
    keys.add(k.key);
  }
  return out;
}

function key(rt: RuntimeDecoderFacts, table: string, name: string): DecodedKey {
  const k = rt.keys.find((x) => x.table === table && x.key === name);
  assert.ok(k, `no key ${name} in [${table}]`);
  return k;
}

function typeAt(k: DecodedKey, release: string, order: readonly string[]): { type: string; source: string } {
  const run = k.types.find((t) => inRelease(t.releases, release, order));
  assert.ok(run, `${k.table}.${k.key}: no type in ${release}`);
  return { type: run.type, source: run.source };
}

test('the releases are every kata-source release, oldest first, and the same as the reference', { skip }, () => {
  const { facts, ref } = load();
  assert.equal(facts.releases.length, 35);
  assert.deepEqual(facts.releases, ref.releases_order);
});

for (const rt of RUNTIMES) {
  test(`${rt}: every release's tables and keys equal keys-by-release.json`, { skip }, () => {
    const { facts, ref } = load();
    const order = facts.releases;
    const problems: string[] = [];
    for (const release of order) {
      const mine = tablesAt(facts[rt], release, order);
      const theirs = ref.releases[release][rt].tables;
      for (const p of new Set([...mine.keys(), ...Object.keys(theirs)])) {
        const a = mine.get(p);
        const b = theirs[p];
        if (!a || !b) {
          const id = `${release} ${rt} ${p}`;
          if (!REFERENCE_EXCEPTIONS[id]) problems.push(`${id}: table only in ${a ? 'the extractor' : 'the reference'}`);
          continue;
        }
        for (const k of new Set([...a, ...b.keys])) {
          const id = `${release} ${rt} ${p} ${k}`;
          if (a.has(k) !== b.keys.includes(k) && !REFERENCE_EXCEPTIONS[id]) problems.push(`${id}: only in ${a.has(k) ? 'the extractor' : 'the reference'}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  test(`${rt}: struct names and aliases agree with the reference`, { skip }, () => {
    const { facts, ref } = load();
    const order = facts.releases;
    for (const t of facts[rt].tables) {
      const newest = decodeRuns(t.releases, order).pop()!;
      assert.equal(t.struct, ref.releases[newest][rt].tables[t.path].struct, `[${t.path}] in ${newest}`);
    }
    for (const k of facts[rt].keys) {
      for (const release of decodeRuns(k.releases, order)) {
        const theirs = ref.releases[release][rt].tables[k.table].aliases?.[k.key];
        const mine = inRelease(k.aliasIn, release, order) ? k.aliasOf : undefined;
        assert.equal(mine, theirs, `${release} [${k.table}] ${k.key}: alias`);
      }
    }
  });
}

test('rs: deny_unknown_fields per table and release equals the reference', { skip }, () => {
  const { facts, ref } = load();
  const order = facts.releases;
  for (const release of order) {
    for (const t of facts.rs.tables) {
      if (!inRelease(t.releases, release, order)) continue;
      const theirs = ref.releases[release].rs.tables[t.path]?.deny_unknown_fields === true;
      assert.equal(inRelease(t.denyUnknownFields, release, order), theirs, `${release} [${t.path}]`);
    }
  }
  for (const t of facts.go.tables) assert.equal(t.denyUnknownFields, undefined, `go [${t.path}]`);
});

test('go: the hypervisor table names the loader accepts equal the reference', { skip }, () => {
  const { facts, ref } = load();
  const order = facts.releases;
  for (const release of order) {
    const mine = (facts.go.hypervisorNames ?? []).filter((h) => inRelease(h.releases, release, order)).map((h) => h.name);
    assert.deepEqual(mine.sort(), [...ref.releases[release].go.hypervisor_names].sort(), release);
  }
  assert.equal(facts.rs.hypervisorNames, undefined);
});

test('types: spot checks across releases', { skip }, () => {
  const { facts } = load();
  const order = facts.releases;
  const goVcpus = key(facts.go, 'hypervisor.<name>', 'default_vcpus');
  assert.deepEqual(typeAt(goVcpus, '3.2.0', order), { type: 'i32', source: 'int32' });
  for (const r of order.slice(1)) assert.deepEqual(typeAt(goVcpus, r, order), { type: 'f32', source: 'float32' }, r);
  assert.equal(goVcpus.field, 'hypervisor.NumVCPUs');

  const rsVcpus = key(facts.rs, 'hypervisor.<name>', 'default_vcpus');
  assert.equal(typeAt(rsVcpus, '3.19.1', order).type, 'i32');
  assert.equal(typeAt(rsVcpus, '3.20.0', order).type, 'f32');
  assert.equal(rsVcpus.field, 'CpuInfo.default_vcpus');

  const dial = key(facts.rs, 'agent.<name>', 'dial_timeout_ms');
  assert.equal(dial.releases, '..');
  assert.deepEqual(dial.types, [{ releases: '..', type: 'u32', source: 'u32' }]);
  assert.deepEqual(dial.defaultFn, [{ releases: '..', fn: 'default_dial_timeout' }]);

  const policy = key(facts.go, 'hypervisor.<name>', 'snp_guest_policy');
  assert.deepEqual(policy.types, [{ releases: '3.20.0..', type: 'u64', source: '*uint64' }]);
  assert.deepEqual(typeAt(key(facts.go, 'hypervisor.<name>', 'hot_plug_vfio'), '4.1.0', order), { type: 'string', source: 'config.PCIePort' });
  assert.equal(typeAt(key(facts.go, 'factory', 'vm_cache_number'), '4.1.0', order).type, 'u64');
  assert.equal(typeAt(key(facts.go, '(root)', 'hypervisor'), '4.1.0', order).type, 'table');
  assert.equal(typeAt(key(facts.go, 'hypervisor.<name>', 'guest_extension_images'), '4.1.0', order).type, 'table[]');

  const swappiness = key(facts.rs, 'agent.<name>.mem_agent', 'memcg_swappiness_max');
  assert.equal(typeAt(swappiness, '4.1.0', order).type, 'u8');
  assert.equal(swappiness.optional, swappiness.releases);
  assert.equal(typeAt(key(facts.rs, 'hypervisor.<name>.rootless_user', 'groups'), '4.1.0', order).type, 'u32[]');
  const rootless = key(facts.rs, 'hypervisor.<name>', 'rootless_user');
  assert.deepEqual(rootless.types, [{ releases: '3.22.0..', type: 'table', source: 'Option<RootlessUser>' }]);
  assert.equal(rootless.optional, '3.22.0..');
  assert.equal(typeAt(key(facts.rs, 'hypervisor.<name>', 'hugepage_type'), '4.1.0', order).type, 'string');
  assert.equal(typeAt(key(facts.rs, 'hypervisor.<name>', 'num_queues'), '4.1.0', order).type, 'usize');
  assert.equal(typeAt(key(facts.rs, 'runtime', 'shared_mounts'), '4.1.0', order).type, 'table[]');
});

test('rs: renames and aliases, including a field name that became an alias', { skip }, () => {
  const { facts } = load();
  const dbg = key(facts.rs, 'hypervisor.<name>', 'dbg_monitor_socket');
  assert.equal(dbg.releases, '3.6.0..');
  assert.equal(dbg.aliasOf, 'extra_monitor_socket');
  assert.equal(dbg.aliasIn, '3.29.0..', 'the real field name in 3.6.0..3.28.0, an alias after');
  assert.equal(dbg.field, 'DebugInfo.extra_monitor_socket');
  assert.equal(key(facts.rs, 'hypervisor.<name>', 'extra_monitor_socket').releases, '3.29.0..');

  const enable = key(facts.rs, 'agent.<name>.mem_agent', 'mem_agent_enable');
  assert.equal(enable.aliasOf, 'enable');
  assert.equal(enable.aliasIn, enable.releases);

  const cct = key(facts.rs, 'agent.<name>', 'create_container_timeout');
  assert.equal(cct.field, 'Agent.request_timeout_ms');
  assert.equal(cct.releases, '3.19.0..');
  assert.equal(key(facts.rs, 'agent.<name>', 'request_timeout_ms').releases, '..3.18.0');
  assert.equal(key(facts.rs, 'hypervisor.<name>', 'tdx_quote_generation_service_socket_port').field, 'SecurityInfo.qgs_port');
  assert.equal(key(facts.rs, 'hypervisor.<name>', 'enable_debug').field, 'DebugInfo.enable_debug');
  for (const k of facts.rs.keys) assert.equal(k.cfgArch, undefined, `${k.table}.${k.key}: no config field is arch-gated at these releases`);
});

test('output order: tables by path, keys by table then key', { skip }, () => {
  const { facts } = load();
  for (const rt of RUNTIMES) {
    const paths = facts[rt].tables.map((t) => t.path);
    assert.deepEqual(paths, [...paths].sort());
    const ids = facts[rt].keys.map((k) => [k.table, k.key]);
    const sorted = [...ids].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    assert.deepEqual(ids, sorted);
    assert.equal(new Set(ids.map((x) => x.join(' '))).size, ids.length);
    const tablePaths = new Set(paths);
    for (const k of facts[rt].keys) assert.ok(tablePaths.has(k.table), `${rt}: [${k.table}] of ${k.key}`);
  }
});

test('a release the build does not know yet is taken as given', { skip }, () => {
  const root = sharedPath('kata-source');
  const facts = extractDecoderFacts(
    [
      { release: '9.0.0', dir: path.join(root, '4.1.0') },
      { release: '3.2.0', dir: path.join(root, '3.2.0') },
    ],
    'test',
  );
  assert.deepEqual(facts.releases, ['3.2.0', '9.0.0']);
  assert.equal(key(facts.go, 'hypervisor.<name>', 'guest_extension_images').releases, '9.0.0..');
  assert.equal(key(facts.go, '(root)', 'image').releases, '..3.2.0');
});

test('the committed decoders.json is what the extractor makes of kata-source', { skip }, () => {
  const { facts } = load();
  const file = path.join(repoRoot, 'server', 'src', 'kata', 'facts', 'decoders.json');
  const committed = JSON.parse(fs.readFileSync(file, 'utf8')) as DecoderFacts;
  assert.match(committed.generatedBy, /^scripts\/kata-facts from /);
  assert.deepEqual({ ...committed, generatedBy: 'test' }, facts);
});

test('formatFacts: one fact per line, everything else indented, and it parses back', () => {
  const value = {
    generatedBy: 'x',
    releases: ['3.2.0', '3.3.0'],
    go: { tables: [{ path: '(root)', releases: '..' }], keys: [{ table: '(root)', key: 'a', types: [{ releases: '..', type: 'bool' }] }, { table: '(root)', key: 'b' }], hypervisorNames: [] },
  };
  const text = formatFacts(value);
  assert.deepEqual(JSON.parse(text), value);
  assert.equal(
    text,
    [
      '{',
      '  "generatedBy": "x",',
      '  "releases": ["3.2.0","3.3.0"],',
      '  "go": {',
      '    "tables": [',
      '      {"path":"(root)","releases":".."}',
      '    ],',
      '    "keys": [',
      '      {"table":"(root)","key":"a","types":[{"releases":"..","type":"bool"}]},',
      '      {"table":"(root)","key":"b"}',
      '    ],',
      '    "hypervisorNames": []',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
});

/** A made-up source tree (not Kata's code) with the constructs the real releases do not use yet. */
function writeFixture(dir: string) {
  const put = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  };
  put(
    'src/runtime/pkg/katautils/config.go',
    [
      'package katautils',
      'const (',
      '\tfooTable = "foo" // a comment',
      '\tlimit uint32 = 5',
      ')',
      'type mode string',
      'type tomlConfig struct {',
      '\tHypervisor map[string]hypervisor',
      '\tRuntime    runtime',
      '\tIgnored    string `toml:"-"`',
      '\tsecret     string',
      '}',
      'type common struct {',
      '\tDebug bool `toml:"enable_debug"`',
      '}',
      'type hypervisor struct {',
      '\tcommon',
      '\tPath, Alt string',
      '\tKernel string `toml:"kernel,omitempty"`',
      '\tMode mode `toml:"mode"`',
      '\tSlots []uint32 `toml:"slots"`',
      '\tItems []item `toml:"items"`',
      '\tScale float32 `toml:"scale" json:"x"`',
      '}',
      'type item struct { Name string `toml:"name"` }',
      'type runtime struct {',
      '\tTimeout *uint64 `toml:"timeout"`',
      '}',
      'func (h hypervisor) path() string { return "{" }',
      'func updateRuntimeConfigHypervisor(tomlConf tomlConfig) error {',
      '\tfor k := range tomlConf.Hypervisor {',
      '\t\tswitch k {',
      '\t\tcase fooTable, "bar":',
      '\t\tdefault:',
      '\t\t}',
      '\t}',
      '\treturn nil',
      '}',
      '',
    ].join('\n'),
  );
  const cfg = 'src/libs/kata-types/src/config';
  put(
    `${cfg}/mod.rs`,
    [
      '//! config',
      'use std::collections::HashMap;',
      'mod agent;',
      '#[path = "extra_file.rs"]',
      'pub(crate) mod extra;',
      '#[cfg(feature = "enable-vendor")]',
      '#[path = "vendor.rs"]',
      'mod vendor;',
      '/// The root. It has a { brace } in its doc comment.',
      '#[derive(Debug, Default, serde::Deserialize)]',
      'pub struct TomlConfig {',
      '    #[serde(default)]',
      '    pub agent: HashMap<String, agent::Agent>,',
      '    pub(crate) runtime: Runtime,',
      '    pub extra: Option<extra::Extra>,',
      '}',
      'pub mod inner {',
      '    #[derive(Deserialize)]',
      '    #[serde(deny_unknown_fields, rename_all = "kebab-case")]',
      '    pub struct Runtime {',
      '        pub log_level: String,',
      '        /// doc',
      '        #[serde(',
      '            default = "default_port",',
      '            alias = "old_port",',
      '            alias = "older_port"',
      '        )]',
      '        pub r#type: u16,',
      '        #[cfg(target_arch = "x86_64")]',
      '        pub x86_only: bool,',
      '        #[cfg(not(target_arch = "s390x"))]',
      '        pub not_s390x: Vec<u32>,',
      '        #[cfg(test)]',
      '        pub test_only: bool,',
      '        #[serde(skip)]',
      '        pub skipped: u8,',
      '        #[serde(skip_deserializing)]',
      '        pub not_read: u8,',
      '        #[serde(rename(serialize = "s", deserialize = "d"))]',
      '        pub renamed: Level,',
      '        #[serde(flatten)]',
      '        pub more: Option<More>,',
      '    }',
      '    #[derive(Deserialize, Default)]',
      '    pub struct More { pub more_key: Count }',
      '    pub type Count = usize;',
      '    #[derive(Deserialize)]',
      '    pub enum Level { Low, High }',
      '}',
      'pub use inner::Runtime;',
      '#[cfg(test)]',
      'mod tests {',
      '    const C: char = \'{\';',
      '    struct TestData<\'a> { s: &\'a str }',
      '    #[derive(Deserialize)] pub struct Runtime { pub wrong: bool }',
      '    const T: &str = r#"[runtime]',
      'x = "}"',
      '"#;',
      '}',
      '',
    ].join('\n'),
  );
  put(
    `${cfg}/agent.rs`,
    [
      '#[derive(Deserialize, Debug)]',
      'pub struct Agent<T = ()> where T: Default {',
      '    pub timeouts: std::collections::BTreeMap<String, u32>,',
      '    pub mounts: Vec<Mount>,',
      '}',
      '#[derive(Deserialize)]',
      'pub struct Mount { pub name: Option<String> }',
      '',
    ].join('\n'),
  );
  put(`${cfg}/extra_file.rs`, '#[derive(Deserialize)]\npub struct Extra { pub i: i64, pub f: f32 }\n');
  put(`${cfg}/vendor.rs`, '#[derive(Deserialize)]\npub struct Extra { pub vendor_only: bool }\n');
}

test('the readers handle the constructs the releases do not use yet (made-up fixture)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-decoders-'));
  try {
    writeFixture(dir);
    const facts = extractDecoderFacts([{ release: '1.0.0', dir }], 'test');
    const ids = (rt: RuntimeDecoderFacts) => rt.keys.map((k) => `${k.table} ${k.key} ${k.types[0].type}`);
    assert.deepEqual(ids(facts.go), [
      '(root) hypervisor table',
      '(root) runtime table',
      'hypervisor.<name> alt string',
      'hypervisor.<name> enable_debug bool',
      'hypervisor.<name> items table[]',
      'hypervisor.<name> kernel string',
      'hypervisor.<name> mode string',
      'hypervisor.<name> path string',
      'hypervisor.<name> scale f32',
      'hypervisor.<name> slots u32[]',
      'hypervisor.<name>.items[] name string',
      'runtime timeout u64',
    ]);
    assert.equal(key(facts.go, 'hypervisor.<name>', 'enable_debug').field, 'common.Debug');
    assert.equal(key(facts.go, 'hypervisor.<name>', 'alt').field, 'hypervisor.Alt', 'untagged: the lower-case field name');
    assert.deepEqual(facts.go.hypervisorNames, [{ name: 'bar', releases: '..' }, { name: 'foo', releases: '..' }]);
    assert.deepEqual(
      facts.rs.tables.map((t) => `${t.path} ${t.struct} ${t.file.replace(/.*config\//, '')}${t.denyUnknownFields ? ' deny' : ''}`),
      ['(root) TomlConfig mod.rs', 'agent.<name> Agent agent.rs', 'agent.<name>.mounts[] Mount agent.rs', 'extra Extra extra_file.rs', 'runtime Runtime mod.rs deny'],
    );
    assert.deepEqual(ids(facts.rs), [
      '(root) agent table',
      '(root) extra table',
      '(root) runtime table',
      'agent.<name> mounts table[]',
      'agent.<name> timeouts table',
      'agent.<name>.mounts[] name string',
      'extra f f32',
      'extra i i64',
      'runtime d string',
      'runtime log-level string',
      'runtime more_key usize',
      'runtime not-s390x u32[]',
      'runtime old_port u16',
      'runtime older_port u16',
      'runtime type u16',
      'runtime x86-only bool',
    ]);
    const t = key(facts.rs, 'runtime', 'type');
    assert.equal(t.field, 'Runtime.type');
    assert.deepEqual(t.defaultFn, [{ releases: '..', fn: 'default_port' }]);
    assert.equal(key(facts.rs, 'runtime', 'older_port').aliasOf, 'type');
    assert.equal(key(facts.rs, 'runtime', 'x86-only').cfgArch, 'target_arch = "x86_64"');
    assert.equal(key(facts.rs, 'runtime', 'not-s390x').cfgArch, 'not(target_arch = "s390x")');
    assert.equal(key(facts.rs, 'runtime', 'more_key').field, 'More.more_key');
    assert.equal(key(facts.rs, '(root)', 'extra').optional, '..');
    assert.equal(key(facts.rs, 'agent.<name>.mounts[]', 'name').optional, '..');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
