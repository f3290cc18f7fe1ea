/**
 * The mutation set of the differential test: from each pristine Go config Kata ships for an oracle
 * release, every single-key change the checks care about (wrong TOML type, out of range and
 * boundary values, every allowed value and one not allowed, removed, moved to another table or
 * hypervisor, case-changed, keys of other hypervisors, releases and runtimes, unknown keys and
 * tables), pairs of keys for the cross-field rules, and config.d drop-in overrides. `mutationsOf`
 * enumerates them in a fixed order; `sampleMutations` draws a seeded sample (the fuzzer's PRNG),
 * so a run is reproducible from (release, arch, seed, count).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tablesFor } from '../../server/src/kata/catalog';
import type { Arch, Release } from '../../server/src/kata/releases';
import { allKeySpecs, classifyTable, KataSchema, typeIn, type KataType, type KeySpec, type TableRef } from '../../server/src/kata/schema';
import { parseToml, type KeyValue, type TableHeader } from '../../server/src/toml';
import { Rng } from '../fuzz/mutate';
import { sharedPath } from '../support/shared';

export interface BaseFile {
  release: Release;
  arch: Arch;
  /** `go` or `go-arm64` under ../shared/kata-configs/<release>/. */
  folder: string;
  name: string;
  path: string;
  text: string;
}

export interface DropIn {
  /** File name inside config.d/. */
  name: string;
  text: string;
}

export type MutationKind =
  | 'pristine'
  | 'value' // a key set to one value (type, range, boundary, allowed, not allowed, relative path)
  | 'remove'
  | 'case'
  | 'move' // to another table of the file
  | 'foreign-key' // a key of another hypervisor, release, runtime, or one Kata's files mention but no decoder reads
  | 'unknown-key'
  | 'unknown-table'
  | 'rename-hypervisor' // the whole hypervisor table under another hypervisor's name
  | 'pair' // several keys at once, for the cross-field rules
  | 'dropin';

export interface Mutation {
  /** Stable and descriptive: `<release>/<folder>/<file>#<kind>:<what>`. */
  id: string;
  base: BaseFile;
  kind: MutationKind;
  /** The key changed, as a dotted path (`hypervisor.qemu.default_memory`), for single-key mutations. */
  key?: string;
  /** What changed, for people: `default_memory = -1`. */
  what: string;
  text: string;
  dropIns?: DropIn[];
}

// ---- base files -----------------------------------------------------------------------------

/** The Go configs Kata ships for a release and arch (x86_64: `go/`, aarch64: `go-arm64/`). */
export function baseFiles(release: Release, arch: Arch): BaseFile[] {
  const folder = arch === 'aarch64' ? 'go-arm64' : 'go';
  const dir = sharedPath('kata-configs', release, folder);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.toml'))
    .sort()
    .map((name) => ({ release, arch, folder, name, path: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

// ---- text edits -----------------------------------------------------------------------------

interface Edit {
  start: number;
  end: number;
  text: string;
}

function apply(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text: string, at: number): number {
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
}

/** Removes the whole `key = value` line (a multi-line value too). */
function removeLine(text: string, e: KeyValue): Edit {
  return { start: lineStart(text, e.start), end: lineEnd(text, e.end), text: '' };
}

/** Adds a line right under a table's header. */
function addUnder(text: string, h: TableHeader, line: string): Edit {
  const at = lineEnd(text, h.end);
  return { start: at, end: at, text: `${line}\n` };
}

function appendText(text: string, block: string): Edit {
  return { start: text.length, end: text.length, text: `${text.endsWith('\n') ? '' : '\n'}\n${block}\n` };
}

// ---- values ---------------------------------------------------------------------------------

/** TOML text of a value. */
export function lit(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(lit).join(', ')}]`;
  return JSON.stringify(String(v));
}

const I64_MAX = 9223372036854775807n;
const I64_MIN = -9223372036854775808n;

/** The integer bounds of a decoded type, and one past each (TOML cannot write beyond int64). */
const INT_BOUNDS: Partial<Record<KataType, [bigint, bigint]>> = {
  u8: [0n, 255n],
  u16: [0n, 65535n],
  u32: [0n, 4294967295n],
  i32: [-2147483648n, 2147483647n],
  u64: [0n, I64_MAX],
  usize: [0n, I64_MAX],
  i64: [I64_MIN, I64_MAX],
};

interface Case {
  /** What kind of value: type, range, boundary, allowed, not-allowed, relative-path, other. */
  label: string;
  text: string;
}

function intCases(spec: KeySpec, t: KataType, schema: KataSchema, hypervisor: string | undefined, written: string | undefined): Case[] {
  const out: Case[] = [];
  const add = (label: string, v: bigint | number) => out.push({ label, text: lit(typeof v === 'number' ? BigInt(Math.trunc(v)) : v) });
  const [min, max] = INT_BOUNDS[t] ?? [0n, I64_MAX];
  add('range', 0n);
  add('range', 1n);
  add('range', -1n);
  add('range', max);
  if (max < I64_MAX) add('range', max + 1n);
  if (min < 0n) {
    add('range', min);
    if (min > I64_MIN) add('range', min - 1n);
  }
  for (const adj of spec.adjustments ?? []) {
    if (adj.when === 'below' || adj.when === 'above') {
      add('boundary', adj.limit - 1);
      add('boundary', adj.limit);
      add('boundary', adj.limit + 1);
    } else if (adj.when === 'wraps') {
      add('boundary', 2 ** adj.bits - 1);
      add('boundary', 2 ** adj.bits);
      add('boundary', 2 ** adj.bits + 1);
    }
  }
  if (spec.unit === 'vCPUs') for (const n of [8, 9, 240, 241, 512]) add('boundary', n); // the oracle's host has 8 CPUs; 240 is x86_64's limit
  const allowed = schema.allowedValues(spec, hypervisor).flatMap((a) => a.values).filter((v): v is number => typeof v === 'number');
  for (const v of [...new Set(allowed)]) add('allowed', v);
  if (allowed.length) add('not-allowed', Math.max(...allowed) + 1);
  if (written && /^-?\d+$/.test(written)) add('other', BigInt(written) + 1n);
  out.push({ label: 'type', text: '"1"' }, { label: 'type', text: '1.5' }, { label: 'type', text: 'true' });
  return out;
}

function stringCases(spec: KeySpec, schema: KataSchema, hypervisor: string | undefined): Case[] {
  const out: Case[] = [];
  const allowed = schema.allowedValues(spec, hypervisor).flatMap((a) => a.values).filter((v): v is string => typeof v === 'string');
  for (const v of [...new Set(allowed)]) out.push({ label: 'allowed', text: lit(v) });
  if (allowed.length) out.push({ label: 'not-allowed', text: lit('parity-not-allowed') });
  out.push({ label: 'empty', text: '""' });
  if (spec.format === 'path') {
    out.push({ label: 'relative-path', text: lit('parity/relative') }, { label: 'relative-path', text: lit('./parity') }, { label: 'other', text: lit(`/opt/parity/${spec.key}`) });
  } else if (!allowed.length) out.push({ label: 'other', text: lit('parity-value') });
  out.push({ label: 'type', text: '1' }, { label: 'type', text: 'true' }, { label: 'type', text: '["x"]' });
  return out;
}

function listCases(spec: KeySpec, t: KataType): Case[] {
  if (t === 'u32[]') return [{ label: 'empty', text: '[]' }, { label: 'other', text: '[0]' }, { label: 'other', text: '[1, 2]' }, { label: 'range', text: '[-1]' }, { label: 'type', text: '["x"]' }, { label: 'type', text: '1' }];
  const out: Case[] = [{ label: 'empty', text: '[]' }, { label: 'other', text: '[""]' }];
  if (spec.format === 'paths' || spec.format === 'globs') out.push({ label: 'relative-path', text: '["parity/relative"]' }, { label: 'other', text: `["/opt/parity/${spec.key}"]` });
  else out.push({ label: 'other', text: '["parity"]' });
  out.push({ label: 'type', text: '"x"' }, { label: 'type', text: '[1]' });
  return out;
}

function floatCases(): Case[] {
  return [
    ...['0', '-1', '0.5', '1', '1.5', '2', '8', '9', '240', '241', '1e10'].map((text) => ({ label: text.startsWith('-') || text === '0' ? 'range' : 'boundary', text })),
    { label: 'type', text: '"1"' },
    { label: 'type', text: 'true' },
  ];
}

/** The values tried for one key, with the written one left out. */
export function valueCases(spec: KeySpec, schema: KataSchema, hypervisor: string | undefined, written: string | undefined): Case[] {
  const t = typeIn(spec, schema.target.release);
  let cases: Case[];
  if (t === 'bool') cases = [{ label: 'other', text: 'true' }, { label: 'other', text: 'false' }, { label: 'type', text: '"true"' }, { label: 'type', text: '1' }];
  else if (t === 'string') cases = stringCases(spec, schema, hypervisor);
  else if (t === 'f32') cases = floatCases();
  else if (t === 'string[]' || t === 'u32[]') cases = listCases(spec, t);
  else if (t in INT_BOUNDS) cases = intCases(spec, t, schema, hypervisor, written);
  else cases = [];
  const seen = new Set<string>(written === undefined ? [] : [written]);
  return cases.filter((c) => !seen.has(c.text) && (seen.add(c.text), true));
}

/** A plausible valid value of a key, for keys added to a table. */
function sampleValue(spec: KeySpec, release: Release): string {
  const v = spec.codeDefault ?? spec.default;
  if (v !== undefined && !(Array.isArray(v) && v.length === 0 && typeIn(spec, release) === 'u32[]')) return lit(v);
  switch (typeIn(spec, release)) {
    case 'bool':
      return 'true';
    case 'string':
      return spec.format === 'path' ? lit(`/opt/parity/${spec.key}`) : '"parity"';
    case 'string[]':
      return '[]';
    case 'u32[]':
      return '[]';
    case 'f32':
      return '1';
    default:
      return '1';
  }
}

// ---- the file's tables ----------------------------------------------------------------------

interface Section {
  path: string[];
  label: string;
  header: TableHeader;
  ref: TableRef | undefined;
  entries: Map<string, KeyValue>;
}

function sectionsOf(text: string): Section[] {
  const doc = parseToml(text);
  const out: Section[] = [];
  for (const h of doc.tree.tables) {
    if (h.kind !== 'table' || !h.key) continue;
    const p = h.key.parts.map((k) => k.name);
    const entries = new Map<string, KeyValue>();
    for (const e of h.entries) if (e.key.parts.length === 1 && e.value) entries.set(e.key.parts[0].name, e);
    out.push({ path: p, label: p.join('.'), header: h, ref: classifyTable(p), entries });
  }
  return out;
}

function header(p: string[]): string {
  return `[${p.join('.')}]`;
}

// ---- the mutations of one file --------------------------------------------------------------

const OTHER_RUNTIME_KEYS: Record<string, string[]> = {
  hypervisor: ['shared_fs_daemon_path', 'enable_guest_swap_ms', 'vhost_user_store_path_ms'],
  agent: ['dial_timeout_ms', 'reconnect_timeout_ms'],
  runtime: ['name', 'hypervisor_name', 'agent_name'],
};

interface PairKey {
  table: 'hv' | 'runtime' | 'factory' | 'agent';
  key: string;
  /** TOML texts; null removes the key. */
  values: Array<string | null>;
}

/** Cross-field rules: each combination of the listed values is one mutation. */
function pairSets(arch: Arch, image: string | undefined): PairKey[][] {
  const img = image ?? '"/usr/share/kata-containers/kata-containers.img"';
  const initrd = '"/usr/share/kata-containers/kata-containers-initrd.img"';
  const ports = ['"no-port"', '"root-port"', '"bridge-port"', '"switch-port"'];
  const machines = arch === 'aarch64' ? ['"virt"', '"q35"'] : ['"q35"', '"microvm"', '"virt"', '"s390-ccw-virtio"', '"pseries"'];
  const sets: PairKey[][] = [
    [
      { table: 'hv', key: 'shared_fs', values: ['"virtio-fs"', '"virtio-9p"', '"none"', '"virtio-fs-nydus"', '""', null] },
      { table: 'hv', key: 'virtio_fs_daemon', values: ['""', null, '"/usr/libexec/virtiofsd"'] },
    ],
    [
      { table: 'hv', key: 'image', values: [img, '""', null] },
      { table: 'hv', key: 'initrd', values: [initrd, '""', null] },
    ],
    [
      { table: 'hv', key: 'hot_plug_vfio', values: ports },
      { table: 'hv', key: 'cold_plug_vfio', values: ports },
    ],
    [
      { table: 'hv', key: 'confidential_guest', values: ['true', 'false'] },
      { table: 'hv', key: 'machine_type', values: machines },
    ],
    [
      { table: 'hv', key: 'confidential_guest', values: ['true'] },
      { table: 'hv', key: 'image', values: [img, '""'] },
      { table: 'hv', key: 'initrd', values: [initrd, '""'] },
      { table: 'hv', key: 'machine_type', values: ['"s390-ccw-virtio"'] },
    ],
    [
      { table: 'factory', key: 'enable_template', values: ['true'] },
      { table: 'hv', key: 'initrd', values: [initrd, null] },
      { table: 'hv', key: 'image', values: ['""', null] },
      { table: 'hv', key: 'shared_fs', values: ['"virtio-fs"', '"none"', '"virtio-9p"'] },
    ],
    [{ table: 'factory', key: 'vm_cache_number', values: ['0', '1', '3', '-1'] }],
    [
      { table: 'runtime', key: 'disable_new_netns', values: ['true'] },
      { table: 'runtime', key: 'internetworking_model', values: ['"none"', '"tcfilter"', '"macvtap"', '"default"', '""', '"bogus"'] },
    ],
    [
      { table: 'hv', key: 'enable_numa', values: ['true'] },
      { table: 'hv', key: 'numa_mapping', values: ['[]', '["0"]', '["0", "1"]', '["x"]', '["0-1,3"]', '["0-1-2"]'] },
      { table: 'runtime', key: 'static_sandbox_resource_mgmt', values: ['true', 'false'] },
    ],
    [
      { table: 'hv', key: 'block_device_logical_sector_size', values: ['0', '512', '4096'] },
      { table: 'hv', key: 'block_device_physical_sector_size', values: ['0', '512', '4096'] },
    ],
    [
      { table: 'hv', key: 'enable_vhost_user_store', values: ['true'] },
      { table: 'hv', key: 'enable_hugepages', values: ['true', 'false'] },
    ],
    ...(['disk_rate_limiter_bw', 'disk_rate_limiter_ops', 'net_rate_limiter_bw', 'net_rate_limiter_ops'] as const).map((p): PairKey[] => [
      { table: 'hv', key: `${p}_one_time_burst`, values: ['0', '1000'] },
      { table: 'hv', key: `${p}_max_rate`, values: ['0', '1000'] },
    ]),
    [
      { table: 'hv', key: 'confidential_guest', values: ['true'] },
      { table: 'hv', key: 'sev_snp_guest', values: ['true', 'false'] },
      { table: 'hv', key: 'snp_id_block', values: ['""', '"aWQ="'] },
      { table: 'hv', key: 'snp_id_auth', values: ['""', '"YXV0aA=="'] },
    ],
    [{ table: 'hv', key: 'kernel_params', values: ['"=x"', '"a=b =c"', '"foo"', '" a==b"', '"a= b"'] }],
    [{ table: 'runtime', key: 'experimental', values: ['["foo"]', '[]', '[""]'] }],
    [{ table: 'runtime', key: 'sandbox_bind_mounts', values: ['["/opt/a/x", "/opt/b/x"]', '["/opt/a/x", "/opt/b/y"]', '["parity/x"]', '["/opt/a/x:ro"]', '["/opt/a/"]'] }],
    [
      { table: 'hv', key: 'disable_image_nvdimm', values: ['false', 'true'] },
      { table: 'hv', key: 'machine_type', values: arch === 'aarch64' ? ['"virt"'] : ['"q35"', '"microvm"'] },
      { table: 'hv', key: 'confidential_guest', values: ['true', 'false'] },
    ],
    [
      { table: 'hv', key: 'disable_block_device_use', values: ['true', 'false'] },
      { table: 'hv', key: 'block_device_driver', values: ['"virtio-blk"', '"bogus"', '"virtio-mmio"'] },
    ],
    [
      { table: 'hv', key: 'default_vcpus', values: ['1', '4', '9', '-1'] },
      { table: 'hv', key: 'default_maxvcpus', values: ['0', '2', '8', '300'] },
    ],
    [
      { table: 'hv', key: 'default_memory', values: ['2048', '8192'] },
      { table: 'hv', key: 'default_maxmemory', values: ['0', '1024', '4096'] },
    ],
    [
      { table: 'hv', key: 'enable_hugepages', values: ['true', 'false'] },
      { table: 'hv', key: 'file_mem_backend', values: ['""', '"/dev/shm"'] },
      { table: 'hv', key: 'shared_fs', values: ['"virtio-fs"', '"virtio-9p"'] },
    ],
    [
      { table: 'hv', key: 'pcie_root_port', values: ['0', '2'] },
      { table: 'hv', key: 'pcie_switch_port', values: ['0', '2'] },
      { table: 'hv', key: 'hot_plug_vfio', values: ['"root-port"', '"switch-port"', '"no-port"'] },
    ],
    [{ table: 'hv', key: 'pflashes', values: ['[]', '["/opt/p/a"]', '["/opt/p/a", "/opt/p/b"]', '["/opt/p/a", "/opt/p/b", "/opt/p/c"]'] }],
    [
      { table: 'hv', key: 'virtio_fs_cache', values: ['"auto"', '"always"', '"never"', '"metadata"', '"none"', '"bogus"', '""'] },
      { table: 'hv', key: 'shared_fs', values: ['"virtio-fs"', '"virtio-9p"', '"none"'] },
    ],
    [
      { table: 'hv', key: 'rootfs_type', values: ['"ext4"', '"xfs"', '"erofs"', '"bogus"', '""'] },
      { table: 'hv', key: 'image', values: [img] },
      { table: 'hv', key: 'initrd', values: ['""', initrd] },
    ],
    [
      { table: 'hv', key: 'valid_hypervisor_paths', values: ['["/opt/parity/*"]', '[]'] },
      { table: 'hv', key: 'valid_kernel_paths', values: ['["/opt/parity/*"]', '[]'] },
    ],
    [
      { table: 'hv', key: 'enable_iommu', values: ['true'] },
      { table: 'hv', key: 'machine_type', values: arch === 'aarch64' ? ['"virt"'] : ['"q35"', '"microvm"'] },
    ],
    [
      { table: 'hv', key: 'msize_9p', values: ['0', '4096', '8192'] },
      { table: 'hv', key: 'shared_fs', values: ['"virtio-9p"'] },
    ],
    [
      { table: 'hv', key: 'memory_slots', values: ['0', '10', '255', '256', '257'] },
      { table: 'hv', key: 'enable_virtio_mem', values: ['true', 'false'] },
    ],
    [
      { table: 'hv', key: 'guest_hook_path', values: ['"/opt/hooks"', '"hooks"'] },
      { table: 'hv', key: 'disable_vhost_net', values: ['true'] },
    ],
    [
      { table: 'agent', key: 'dial_timeout', values: ['0', '1', '45'] },
      { table: 'agent', key: 'enable_debug', values: ['true'] },
    ],
  ];
  return sets;
}

function product(sets: PairKey[]): Array<Array<[PairKey, string | null]>> {
  let acc: Array<Array<[PairKey, string | null]>> = [[]];
  for (const k of sets) acc = acc.flatMap((combo) => k.values.map((v) => [...combo, [k, v] as [PairKey, string | null]]));
  return acc;
}

/** Every mutation of one base file, in a fixed order. */
export function mutationsOf(base: BaseFile): Mutation[] {
  const { release, arch, text } = base;
  const schema = new KataSchema({ runtime: 'go', release, arch });
  const loadable = schema.hypervisorTables() as string[];
  const sections = sectionsOf(text);
  const out: Mutation[] = [];
  const idOf = (kind: MutationKind, what: string) => `${release}/${base.folder}/${base.name}#${kind}:${what}`;
  const push = (kind: MutationKind, what: string, newText: string, extra: Partial<Mutation> = {}) => out.push({ id: idOf(kind, what), base, kind, what, text: newText, ...extra });

  push('pristine', 'pristine', text);
  const hvSection = sections.find((s) => s.ref?.kind === 'hypervisor');
  const hv = hvSection?.ref?.hypervisor;
  const byKind = (kind: string) => sections.find((s) => s.ref?.kind === kind);

  for (const s of sections) {
    const ref = s.ref;
    if (!ref) continue;
    const hypervisor = ref.kind === 'hypervisor' ? ref.hypervisor : undefined;
    if (hypervisor && !loadable.includes(hypervisor)) continue;
    const known = schema.keys(ref.kind, hypervisor).map((k) => k.key);
    const keys = [...new Set([...s.entries.keys(), ...known])];
    for (const key of keys) {
      const entry = s.entries.get(key);
      const dotted = `${s.label}.${key}`;
      const lookup = schema.lookup(ref.kind, key, hypervisor);
      const spec = lookup.status === 'valid' ? lookup.spec : undefined;
      const written = entry?.value ? text.slice(entry.value.start, entry.value.end) : undefined;
      if (spec) {
        for (const c of valueCases(spec, schema, hypervisor, written)) {
          const edit = entry?.value ? { start: entry.value.start, end: entry.value.end, text: c.text } : addUnder(text, s.header, `${key} = ${c.text}`);
          push('value', `${dotted} = ${c.text} (${c.label})`, apply(text, [edit]), { key: dotted });
        }
      }
      if (!entry) continue;
      push('remove', `${dotted} removed`, apply(text, [removeLine(text, entry)]), { key: dotted });
      const keyPart = entry.key.parts[0];
      for (const cased of [key.toUpperCase(), key[0].toUpperCase() + key.slice(1)]) {
        if (cased !== key) push('case', `${s.label}.${cased}`, apply(text, [{ start: keyPart.start, end: keyPart.end, text: cased }]), { key: dotted });
      }
      for (const other of sections) {
        if (other === s || !other.ref || other.ref.kind === ref.kind) continue;
        const line = text.slice(entry.start, entry.end);
        push('move', `${dotted} moved to ${header(other.path)}`, apply(text, [removeLine(text, entry), addUnder(text, other.header, line)]), { key: `${other.label}.${key}` });
      }
    }
    // Keys Kata reads elsewhere: another hypervisor, another release, another runtime, or none (shipped but ignored).
    const written = new Set(s.entries.keys());
    for (const spec of schema.specsOf(ref.kind)) {
      if (written.has(spec.key)) continue;
      const l = schema.lookup(ref.kind, spec.key, hypervisor);
      if (l.status === 'valid' || l.status === 'alias') continue;
      push('foreign-key', `${s.label}.${spec.key} (${l.status})`, apply(text, [addUnder(text, s.header, `${spec.key} = ${sampleValue(spec, release)}`)]), { key: `${s.label}.${spec.key}` });
    }
    for (const key of OTHER_RUNTIME_KEYS[ref.kind] ?? []) {
      if (written.has(key) || schema.spec(ref.kind, key)) continue;
      const rs = allKeySpecs('rs').find((k) => k.key === key);
      push('foreign-key', `${s.label}.${key} (runtime-rs)`, apply(text, [addUnder(text, s.header, `${key} = ${rs ? sampleValue(rs, release) : '1'}`)]), { key: `${s.label}.${key}` });
    }
    // Keys of other tables.
    for (const other of sections) {
      if (other === s || !other.ref) continue;
      const spec = schema.keys(other.ref.kind, other.ref.hypervisor).find((k) => !s.entries.has(k.key) && !known.includes(k.key));
      if (spec) push('foreign-key', `${s.label}.${spec.key} (of ${header(other.path)})`, apply(text, [addUnder(text, s.header, `${spec.key} = ${sampleValue(spec, release)}`)]), { key: `${s.label}.${spec.key}` });
    }
    push('unknown-key', `${s.label}.parity_unknown`, apply(text, [addUnder(text, s.header, 'parity_unknown = 1')]), { key: `${s.label}.parity_unknown` });
    const first = [...s.entries.keys()][0];
    if (first && first.length > 3) {
      const typo = first.slice(0, -1);
      if (!schema.spec(ref.kind, typo)) push('unknown-key', `${s.label}.${typo} (typo)`, apply(text, [addUnder(text, s.header, `${typo} = ${text.slice(s.entries.get(first)!.value!.start, s.entries.get(first)!.value!.end)}`)]), { key: `${s.label}.${typo}` });
    }
  }

  // Tables Kata has no use for, and a key outside every table.
  push('unknown-table', '[parity]', apply(text, [appendText(text, '[parity]\nkey = 1')]), { key: 'parity.key' });
  if (hvSection) push('unknown-table', `[${hvSection.label}.parity]`, apply(text, [appendText(text, `[${hvSection.label}.parity]\nkey = 1`)]), { key: `${hvSection.label}.parity.key` });
  push('unknown-table', '[agent.parity]', apply(text, [appendText(text, '[agent.parity]\ndial_timeout = 10')]), { key: 'agent.parity.dial_timeout' });
  push('unknown-table', '[image] (3.2.0 only)', apply(text, [appendText(text, '[image]\nservice_offload = true')]), { key: 'image.service_offload' });
  push('unknown-table', 'top-level key', `parity_stray = 1\n${text}`, { key: 'parity_stray' });

  // The hypervisor table under other names.
  if (hvSection?.header.key) {
    const namePart = hvSection.header.key.parts[1];
    for (const other of [...tablesFor('go', release, arch, { includeNonDefault: true }), 'bogus', 'dragonball', 'acrn'] as string[]) {
      if (other === hv) continue;
      push('rename-hypervisor', `[hypervisor.${hv}] renamed [hypervisor.${other}]`, apply(text, [{ start: namePart.start, end: namePart.end, text: other }]));
    }
  }

  // Pairs of keys for the cross-field rules.
  if (hvSection && hv) {
    const image = hvSection.entries.get('image')?.value;
    const pairs = pairSets(arch, image ? text.slice(image.start, image.end) : undefined);
    const tableFor = (t: PairKey['table']): Section | undefined => (t === 'hv' ? hvSection : t === 'factory' ? byKind('factory') : t === 'runtime' ? byKind('runtime') : byKind('agent'));
    for (const set of pairs) {
      if (!set.length) continue;
      if (set.some((k) => k.table === 'hv' && schema.lookup('hypervisor', k.key, hv).status !== 'valid')) continue;
      for (const combo of product(set)) {
        const edits: Edit[] = [];
        const newTables = new Map<string, string[]>();
        for (const [k, v] of combo) {
          const sec = tableFor(k.table);
          const entry = sec?.entries.get(k.key);
          if (entry?.value) edits.push(v === null ? removeLine(text, entry) : { start: entry.value.start, end: entry.value.end, text: v });
          else if (v !== null && sec) edits.push(addUnder(text, sec.header, `${k.key} = ${v}`));
          else if (v !== null) {
            const name = k.table === 'factory' ? 'factory' : k.table === 'runtime' ? 'runtime' : 'agent.kata';
            newTables.set(name, [...(newTables.get(name) ?? []), `${k.key} = ${v}`]);
          }
        }
        // Two changes of the same key (a pair set listing one key twice) would overlap: skip such combinations.
        const spans = edits.filter((e) => e.start !== e.end).map((e) => `${e.start}:${e.end}`);
        if (new Set(spans).size !== spans.length) continue;
        let newText = apply(text, edits);
        for (const [name, lines] of newTables) newText = apply(newText, [appendText(newText, `[${name}]\n${lines.join('\n')}`)]);
        const what = combo.map(([k, v]) => `${k.key}${v === null ? ' removed' : ` = ${v}`}`).join(', ');
        push('pair', what, newText);
      }
    }
  }

  // config.d drop-ins.
  if (hvSection && hv) {
    const dropIn = (what: string, body: string, name = '50-parity.toml', key?: string) => push('dropin', `${name}: ${what}`, text, { dropIns: [{ name, text: body }], key });
    const t = `[hypervisor.${hv}]`;
    for (const spec of schema.keys('hypervisor', hv)) {
      const cases = valueCases(spec, schema, hv, undefined);
      const picks = [cases.find((c) => c.label === 'allowed' || c.label === 'other'), cases.find((c) => c.label === 'not-allowed' || c.label === 'range' || c.label === 'relative-path'), cases.find((c) => c.label === 'type')];
      for (const c of picks) if (c) dropIn(`${spec.key} = ${c.text} (${c.label})`, `${t}\n${spec.key} = ${c.text}\n`, undefined, `hypervisor.${hv}.${spec.key}`);
    }
    for (const kind of ['agent', 'runtime', 'factory'] as const) {
      const name = kind === 'agent' ? 'agent.kata' : kind;
      for (const spec of schema.keys(kind).slice(0, 40)) {
        const c = valueCases(spec, schema, undefined, undefined).find((x) => x.label !== 'type');
        if (c) dropIn(`[${name}] ${spec.key} = ${c.text}`, `[${name}]\n${spec.key} = ${c.text}\n`, undefined, `${name}.${spec.key}`);
      }
      dropIn(`[${name}] parity_unknown`, `[${name}]\nparity_unknown = 1\n`, undefined, `${name}.parity_unknown`);
    }
    dropIn('unknown hypervisor key', `${t}\nparity_unknown = 1\n`, undefined, `hypervisor.${hv}.parity_unknown`);
    dropIn('case-changed key', `${t}\nDefault_Memory = 4096\n`, undefined, `hypervisor.${hv}.Default_Memory`);
    dropIn('upper-case agent key', `[agent.kata]\nENABLE_DEBUG = true\n`, undefined, 'agent.kata.ENABLE_DEBUG');
    dropIn('another hypervisor table', `[hypervisor.${hv === 'clh' ? 'qemu' : 'clh'}]\ndefault_memory = 4096\n`);
    dropIn('unknown table', `[parity]\nkey = 1\n`, undefined, 'parity.key');
    dropIn('backup file name', `${t}\ndefault_memory = 4096\n`, '50-parity.toml~');
    dropIn('editor swap file', `${t}\ndefault_memory = 4096\n`, '.50-parity.toml.swp');
    dropIn('two drop-ins', `${t}\ndefault_memory = 4096\n`);
    out[out.length - 1].dropIns!.push({ name: '60-parity.toml', text: `${t}\ndefault_memory = 3072\n` });
    dropIn('image and initrd across files', `${t}\ninitrd = "/usr/share/kata-containers/kata-containers-initrd.img"\n`);
    dropIn('shared_fs without daemon', `${t}\nshared_fs = "virtio-fs"\nvirtio_fs_daemon = ""\n`);
    dropIn('not TOML', `${t}\ndefault_memory = \n`);
  }
  return out;
}

/** Every mutation of every base file of a release and arch. */
export function allMutations(release: Release, arch: Arch): Mutation[] {
  return baseFiles(release, arch).flatMap(mutationsOf);
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A seeded sample of `count` mutations of a release and arch (all of them when there are fewer),
 * the pristine files always included. The same (release, arch, seed, count) gives the same sample.
 */
export function sampleMutations(release: Release, arch: Arch, count: number, seed: number): Mutation[] {
  const all = allMutations(release, arch);
  const pristine = all.filter((m) => m.kind === 'pristine');
  const rest = all.filter((m) => m.kind !== 'pristine');
  const r = new Rng(seed, hash(`${release}/${arch}`));
  for (let i = rest.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  return [...pristine, ...rest.slice(0, Math.max(0, count - pristine.length))];
}
