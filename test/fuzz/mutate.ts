/**
 * Fuzz inputs: a seeded PRNG, the seed corpus (Kata's shipped configs and the toml-test cases of
 * ../shared, read at run time, plus a few built-in snippets), and byte-level mutators. Input `i` of
 * seed `s` depends only on (s, i) and the corpus, so any input can be rebuilt on its own.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Position } from 'vscode-languageserver-types';
import { allKeySpecs } from '../../server/src/kata/schema';
import { RELEASES, ARCHES } from '../../server/src/kata/releases';
import { decodeTomlBytes } from '../../server/src/toml';
import { corpusFiles, sharedPath } from '../support/shared';
import { lineLengths, type InputContext } from './check';

// ---- PRNG ------------------------------------------------------------------------------------

/** sfc32, seeded through splitmix32 from (seed, stream): fast, and every input gets its own stream. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const split = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = split();
    this.b = split();
    this.c = split();
    this.d = split();
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return n <= 0 ? 0 : Math.floor((this.next() / 4294967296) * n);
  }

  /** An integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() / 4294967296 < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Small numbers much more often than large ones, up to `max`. */
  skewed(max: number): number {
    const f = this.next() / 4294967296;
    return Math.floor(Math.pow(f, 3) * max);
  }
}

// ---- corpus ----------------------------------------------------------------------------------

export interface Corpus {
  /** Kata configs (weighted up: they exercise the Kata rules). */
  kata: Buffer[];
  /** toml-test cases, valid and invalid, as bytes (some are not UTF-8 on purpose). */
  tomlTest: Buffer[];
  builtIn: Buffer[];
  /** Why a part of the corpus is missing, for the run's header. */
  notes: string[];
}

const BUILT_IN = [
  '[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\nkernel = "/usr/share/kata-containers/vmlinux.container"\nmachine_type = "q35"\ndefault_vcpus = 1\ndefault_memory = 2048\nenable_annotations = ["enable_iommu", "kernel_params"]\nshared_fs = "virtio-fs"\nvirtio_fs_daemon = "/usr/libexec/virtiofsd"\n\n[agent.kata]\ndial_timeout = 45\n\n[runtime]\ninternetworking_model = "tcfilter"\n',
  '# kata-config: runtime=rs release=4.1.0\n[hypervisor.dragonball]\npath = "/usr/bin/dragonball"\ndefault_vcpus = 1\n\n[[hypervisor.dragonball.guest_extension_images]]\nname = "ext"\npath = "/x.img"\n\n[agent.kata]\ndial_timeout_ms = 45000\n[agent.kata.mem_agent]\nenable = true\n\n[runtime]\nname = "virt_container"\nhypervisor_name = "dragonball"\nagent_name = "kata"\n\n[[runtime.shared_mounts]]\nname = "a"\nsrc_ctr = "x"\nsrc_path = "/a"\ndst_ctr = "y"\ndst_path = "/b"\n',
  'a = 1\nb = "two"\nc = [1, 2, [3, 4], {x = 1}]\nd = { e = { f = 1979-05-27T07:32:00Z } }\n"quoted key" = \'\'\'\nmulti\nline\'\'\'\n[t.u.v]\nw = """x\\\n  y"""\n[[arr]]\nz = 1\n[[arr]]\nz = 2\n',
  '[hypervisor.clh]\npath = "@CLHPATH@"\nkernel = @KERNELPATH@\nvalid_hypervisor_paths = @CLHVALIDHYPERVISORPATHS@\n# @COMMENTED@\n',
];

function walk(dir: string, out: string[]): void {
  for (const name of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    const st = fs.statSync(full);
    if (st.isDirectory()) walk(full, out);
    else if (name.endsWith('.toml')) out.push(full);
  }
}

export function loadCorpus(): Corpus {
  const notes: string[] = [];
  const kata = corpusFiles().map((f) => fs.readFileSync(f.path));
  if (!kata.length) notes.push(`no Kata configs: ${sharedPath('kata-configs')} is absent (skipped; built-in snippets only)`);
  const tomlTest: Buffer[] = [];
  for (const sub of ['valid', 'invalid']) {
    const dir = sharedPath('toml-test', sub);
    if (!fs.existsSync(dir)) {
      notes.push(`no toml-test cases: ${dir} is absent (skipped)`);
      continue;
    }
    const files: string[] = [];
    walk(dir, files);
    for (const f of files) tomlTest.push(fs.readFileSync(f));
  }
  return { kata, tomlTest, builtIn: BUILT_IN.map((t) => Buffer.from(t)), notes };
}

// ---- vocabulary ------------------------------------------------------------------------------

const KEY_POOL = [...new Set([...allKeySpecs('go'), ...allKeySpecs('rs')].map((s) => s.key))].sort();

const HEADERS = [
  'hypervisor.qemu', 'hypervisor.clh', 'hypervisor.firecracker', 'hypervisor.fc', 'hypervisor.dragonball', 'hypervisor.remote',
  'hypervisor.stratovirt', 'hypervisor.cloud-hypervisor', 'hypervisor.qemu.factory', 'hypervisor.qemu.rootless_user',
  'hypervisor.qemu.guest_extension_images', 'agent.kata', 'agent.kata.mem_agent', 'agent.other', 'runtime', 'runtime.shared_mounts',
  'factory', 'image', 'hypervisor', 'agent', 'a.b', '"quoted.key"', '', ' ', 'hypervisor."qemu"', 'hypervisor . qemu', 'Hypervisor.QEMU',
  'hypervisor.qemu.factory.extra', '[', '1', 'true', '"hypervisor"."clh"',
];

const VALUES = [
  'true', 'false', '"str"', "'lit'", '"""ml\nstring"""', "'''ml\nlit'''", '1', '-1', '0', '1.5', '-0.0', 'inf', 'nan', '1979-05-27T07:32:00Z',
  '1979-05-27', '07:32:00', '[1, "a"]', '{a = 1}', '[]', '{}', '@PLACEHOLDER@', '"@KERNELPATH@"', '"/usr/bin/qemu-system-x86_64"', '""',
  '"/usr/bin/qemu-system-aarch64"', '"q35"', '"virt"', '"pseries"', '"s390-ccw-virtio"', '"virtio-fs"', '"virtio-9p"', '"none"', '"virtio-blk"',
  '"virtio-scsi"', '"nvdimm"', '["/a", "/b"]', '[".*"]', '[""]', '["^kernel$", "image"]', '"root_hash=ab,salt=cd,data_blocks=1,data_block_size=512,hash_block_size=512"',
  '4294967296', '65536', '256', '-2147483649', '9223372036854775807', '-9223372036854775808', '0x7fffffff', '0o755', '0b101', '1e3', '"2048"', '"true"',
  '"a,b"', '"1-3"', '"0-1,4"', '[0, 1]', '[[1], [2]]', '[{a = 1}, {b = 2}]', '"/dev/null"', '"/tmp"', '"/etc/kata-containers/configuration.toml:ro"',
];

const HUGE_NUMBERS = [
  '9'.repeat(40), '-9223372036854775809', '9223372036854775808', `0x${'f'.repeat(40)}`, '1e309', '-1e309', '4.9e-324', '1.7976931348623157e308',
  '1_000_000_000_000_000_000', '18446744073709551615', '18446744073709551616', `0o${'7'.repeat(30)}`, `0b${'1'.repeat(80)}`, `1${'0'.repeat(400)}`,
  `0.${'1'.repeat(500)}`, '1e-99999', '-0', '+0', '00', '1__0', '0x', '1e', '.5', '5.', '+inf', '-nan', 'INF', '1979-02-29', '2000-02-29T25:00:00',
];

const TOKENS = ['[', ']', '[[', ']]', '{', '}', '"', "'", '"""', "'''", '=', '#', ',', '.', '\n', '\r\n', '\\', '\\u', '\\U0011FFFF', ' ', '\t', 'a', '1', '-', '+', ':', '@', '\f', '\v', '\x7f', '\x1b'];

const CODE_POINTS = [0x1f600, 0x301, 0x202e, 0x2028, 0x2029, 0xfeff, 0x85, 0xa0, 0x4e2d, 0xffff, 0x10ffff, 0xfffd, 0x200b, 0x1d11e, 0xe9, 0x3000, 0x0];

const INVALID_UTF8 = [[0xff], [0xfe], [0xc0, 0x80], [0xc1, 0xbf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xbf], [0xf0, 0x9f, 0x98], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe0, 0x80, 0xaf]];

const DIRECTIVES = [
  '# kata-config: runtime=rs', '# kata-config: runtime=go release=3.2.0', '# kata-config: release=3.25 arch=arm64', '# kata-config: arch=s390x',
  '# kata-config: runtime=bogus release=9.9 arch=mips', '# kata-config: ignore', '# kata-config: ignore kata-unknown-key', '# kata-config: ignore-file',
  '# kata-config: ignore-file kata-unknown-key kata-type-mismatch', '# kata-config:', '# kata-config: nonsense', '#kata-config:release=4.1',
];

const PATTERN_ATOMS = ['a', 'kernel', 'image', '.', '\\w', '\\d', '[a-z]', '[^_]', '(?:ab|e)', '(m|n)', '^', '$', '\\b', '\\B', '\\<', '\\>', '[[:alpha:]]', '(?i)K', '(?P<n>x)', '(?<n>x)', '\\x5f', '\\x{5f}', '\\pL', '\\p{Greek}', '\\Q.\\E', '[', '(', ')', '\\', '\\1', '(?=a)', '\\k<n>', 'x{2}', 'x{1001}', '{', '}', '|', '*', '+', '?'];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{1,3}', '{2}', '{0,}', '*?', '+?', '{100}', '{1000}'];
const EVIL_PATTERNS = ['(.+)+x', '(.*.*)*x', '(.*){30}x', '(\\w+\\w+)+y', '(a|a)*b', '((a{1000}){1000}){1000}', '(.*)*(.*)*(.*)*(.*)*z', '((((a?){60}){60}){60}){60}', '(x+x+)+y', '([a-z]+)*!'];

// ---- mutators --------------------------------------------------------------------------------

type Mutator = (b: Buffer, r: Rng, corpus: Corpus) => Buffer;

const NL = 0x0a;

function lines(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = b.indexOf(NL); i >= 0; i = b.indexOf(NL, i + 1)) {
    out.push(b.subarray(start, i));
    start = i + 1;
  }
  out.push(b.subarray(start));
  return out;
}

function joinLines(ls: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  ls.forEach((l, i) => {
    if (i) parts.push(Buffer.from([NL]));
    parts.push(l);
  });
  return Buffer.concat(parts);
}

function insertAt(b: Buffer, at: number, what: Buffer | string): Buffer {
  const w = typeof what === 'string' ? Buffer.from(what) : what;
  return Buffer.concat([b.subarray(0, at), w, b.subarray(at)]);
}

/** A random offset, often at a line start. */
function spot(b: Buffer, r: Rng): number {
  if (r.chance(0.4)) {
    const ls = lines(b);
    const line = r.int(ls.length);
    let off = 0;
    for (let i = 0; i < line; i++) off += ls[i].length + 1;
    return off;
  }
  return r.int(b.length + 1);
}

function insertLine(b: Buffer, r: Rng, line: string): Buffer {
  const ls = lines(b);
  ls.splice(r.int(ls.length + 1), 0, Buffer.from(line));
  return joinLines(ls);
}

/** Replaces the value of a random `key = value` line (or adds a line when there is none). */
function setSomeValue(b: Buffer, r: Rng, value: string, key?: string): Buffer {
  const ls = lines(b);
  const candidates = ls.map((l, i) => ({ l, i })).filter(({ l }) => /^\s*[A-Za-z0-9_"'.-]+\s*=/.test(l.toString('latin1')));
  if (!candidates.length || r.chance(0.2)) return insertLine(b, r, `${key ?? r.pick(KEY_POOL)} = ${value}`);
  const { l, i } = r.pick(candidates);
  const s = l.toString('utf8');
  const eq = s.indexOf('=');
  ls[i] = Buffer.from(`${key ?? s.slice(0, eq).trim()} = ${value}`);
  return joinLines(ls);
}

function randomPattern(r: Rng): string {
  if (r.chance(0.2)) return r.pick(EVIL_PATTERNS);
  let s = '';
  const n = r.range(1, 6);
  for (let i = 0; i < n; i++) s += r.pick(PATTERN_ATOMS) + r.pick(QUANTIFIERS);
  return s;
}

function deep(r: Rng): string {
  const d = r.chance(0.5) ? r.range(1, 200) : r.chance(0.8) ? r.range(100, 3000) : r.range(3000, 30_000);
  const closed = r.chance(0.7);
  switch (r.int(5)) {
    case 0:
      return `deep = ${'['.repeat(d)}${closed ? ']'.repeat(d) : ''}`;
    case 1:
      return `deep = ${'{a = '.repeat(d)}1${closed ? ' }'.repeat(d) : ''}`;
    case 2:
      return `deep = ${'[{a = '.repeat(d)}1${closed ? '}]'.repeat(d) : ''}`;
    case 3:
      return `[${Array.from({ length: d }, () => 'a').join('.')}]`;
    default:
      return `${Array.from({ length: d }, (_, i) => `k${i % 7}`).join('.')} = ${r.chance(0.5) ? '{ x.y.z = 1 }' : '1'}`;
  }
}

function long(r: Rng): string {
  const n = r.chance(0.9) ? r.range(1000, 50_000) : r.range(100_000, 1_000_000);
  const ch = r.pick(['x', ' ', '-', '\\\\', 'é', '😀', 'a.', '\\t', '@A', '"', "'"]);
  const body = ch.repeat(Math.ceil(n / ch.length));
  switch (r.int(8)) {
    case 0:
      return `kernel_params = "${body}"`;
    case 1:
      return `${'k'.repeat(n)} = 1`;
    case 2:
      return `# ${body}`;
    case 3:
      return `enable_annotations = [${Array.from({ length: Math.min(n / 10, 20_000) }, (_, i) => `"a${i}"`).join(', ')}]`;
    case 4:
      return `kernel_params = """\n${body}\n${body}"""`;
    case 5:
      return `name = "${'-'.repeat(n)}a!"`;
    case 6:
      return `enable_annotations = ["${body}"]`;
    default:
      return `x = ${'a'.repeat(n)} b`;
  }
}

const MUTATORS: Record<string, Mutator> = {
  flipBytes(b, r) {
    const out = Buffer.from(b);
    const n = r.range(1, 8);
    for (let i = 0; i < n && out.length; i++) {
      const p = r.int(out.length);
      out[p] = r.chance(0.5) ? out[p] ^ (1 << r.int(8)) : r.int(256);
    }
    return out;
  },
  truncate(b, r) {
    return b.subarray(0, r.int(b.length + 1));
  },
  duplicateLines(b, r) {
    const ls = lines(b);
    const a = r.int(ls.length);
    const chunk = ls.slice(a, a + r.range(1, 30));
    const times = r.chance(0.1) ? r.range(2, 50) : 1;
    const at = r.chance(0.5) ? a : r.int(ls.length + 1);
    for (let t = 0; t < times; t++) ls.splice(at, 0, ...chunk);
    return joinLines(ls);
  },
  shuffleLines(b, r) {
    const ls = lines(b);
    const a = r.int(ls.length);
    const n = Math.min(ls.length - a, r.range(2, 40));
    for (let i = n - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [ls[a + i], ls[a + j]] = [ls[a + j], ls[a + i]];
    }
    return joinLines(ls);
  },
  deleteLines(b, r) {
    const ls = lines(b);
    ls.splice(r.int(ls.length), r.range(1, 20));
    return joinLines(ls);
  },
  joinLines(b, r) {
    const out = Buffer.from(b);
    for (let k = r.range(1, 5); k > 0; k--) {
      const p = out.indexOf(NL, r.int(out.length));
      if (p >= 0) out[p] = r.pick([0x20, 0x2c, 0x5d, 0x7d]);
    }
    return out;
  },
  hugeNumber(b, r) {
    return setSomeValue(b, r, r.pick(HUGE_NUMBERS));
  },
  deepNesting(b, r) {
    return insertLine(b, r, deep(r));
  },
  longText(b, r) {
    return insertLine(b, r, long(r));
  },
  invalidUtf8(b, r) {
    let out = b;
    for (let k = r.range(1, 4); k > 0; k--) out = insertAt(out, r.int(out.length + 1), Buffer.from(r.pick(INVALID_UTF8)));
    return out;
  },
  unicode(b, r) {
    let out = b;
    for (let k = r.range(1, 6); k > 0; k--) {
      const cp = r.pick(CODE_POINTS);
      // A lone surrogate cannot be encoded as UTF-8; Buffer writes U+FFFD, as an editor would show it.
      out = insertAt(out, spot(out, r), String.fromCodePoint(cp));
    }
    return out;
  },
  crlf(b, r) {
    const s = b.toString('latin1');
    if (r.chance(0.5)) return Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'latin1');
    if (r.chance(0.5)) return Buffer.from(s.replace(/\n/g, () => (r.chance(0.3) ? '\r\n' : '\n')), 'latin1');
    return insertAt(b, r.int(b.length + 1), '\r');
  },
  bom(b, r) {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    return r.chance(0.7) ? Buffer.concat([bom, b]) : insertAt(b, r.int(b.length + 1), bom);
  },
  nul(b, r) {
    let out = b;
    for (let k = r.range(1, 3); k > 0; k--) out = insertAt(out, r.int(out.length + 1), Buffer.from([0]));
    return out;
  },
  renameHeader(b, r) {
    const ls = lines(b);
    const headers = ls.map((l, i) => ({ l: l.toString('utf8'), i })).filter(({ l }) => /^\s*\[/.test(l));
    if (!headers.length) return insertLine(b, r, `[${r.pick(HEADERS)}]`);
    const { l, i } = r.pick(headers);
    const array = r.chance(0.15) ? !l.trim().startsWith('[[') : l.trim().startsWith('[[');
    const name = r.chance(0.8) ? r.pick(HEADERS) : l.replace(/[[\]]/g, '').trim().split('').reverse().join('');
    ls[i] = Buffer.from(array ? `[[${name}]]` : `[${name}]`);
    return joinLines(ls);
  },
  renameKey(b, r) {
    const ls = lines(b);
    // Unambiguous patterns (no `\s*#?\s*`): a mutator must stay linear on lines of a million spaces.
    const keys = ls.map((l, i) => ({ l: l.toString('utf8'), i })).filter(({ l }) => /^[ \t]*(?:#[ \t]*)?[A-Za-z0-9_-]+[ \t]*=/.test(l));
    if (!keys.length) return b;
    const { l, i } = r.pick(keys);
    const m = /^([ \t]*(?:#[ \t]*)?)([A-Za-z0-9_-]+)([ \t]*=[^]*)$/.exec(l)!;
    const key = m[2];
    let name: string;
    switch (r.int(6)) {
      case 0:
        name = key.toUpperCase();
        break;
      case 1:
        name = key.slice(0, -1) + String.fromCharCode(97 + r.int(26));
        break;
      case 2:
        name = `"${key}"`;
        break;
      case 3:
        name = `${r.pick(KEY_POOL)}.${key}`;
        break;
      default:
        name = r.pick(KEY_POOL);
    }
    ls[i] = Buffer.from(`${r.chance(0.2) ? '' : m[1]}${name}${m[3]}`);
    return joinLines(ls);
  },
  splice(b, r, corpus) {
    const other = lines(pickBase(r, corpus));
    const a = r.int(other.length);
    const chunk = other.slice(a, a + r.range(1, 40));
    const ls = lines(b);
    ls.splice(r.int(ls.length + 1), 0, ...chunk);
    return joinLines(ls);
  },
  tokens(b, r) {
    let out = b;
    for (let k = r.range(1, 6); k > 0; k--) out = insertAt(out, r.int(out.length + 1), r.pick(TOKENS));
    return out;
  },
  deleteBytes(b, r) {
    let out = b;
    for (let k = r.range(1, 6); k > 0 && out.length; k--) {
      const at = r.int(out.length);
      out = Buffer.concat([out.subarray(0, at), out.subarray(at + r.range(1, 8))]);
    }
    return out;
  },
  valueSwap(b, r) {
    return setSomeValue(b, r, r.pick(VALUES));
  },
  kataValue(b, r) {
    return setSomeValue(b, r, r.pick([...VALUES, ...HUGE_NUMBERS]), r.pick(KEY_POOL));
  },
  directive(b, r) {
    return insertLine(b, r, r.pick(DIRECTIVES));
  },
  annotations(b, r) {
    const n = r.range(1, 5);
    const items = Array.from({ length: n }, () => JSON.stringify(randomPattern(r)));
    return setSomeValue(b, r, `[${items.join(', ')}]`, 'enable_annotations');
  },
  placeholder(b, r) {
    return insertAt(b, spot(b, r), r.pick(['@KERNELPATH@', '"@X@"', '@', '@@', '@A_B@ @C@', "'@Q@'"]));
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS);

function pickBase(r: Rng, corpus: Corpus): Buffer {
  const roll = r.int(10);
  if (roll < 6 && corpus.kata.length) return r.pick(corpus.kata);
  if (roll < 9 && corpus.tomlTest.length) return r.pick(corpus.tomlTest);
  return r.pick(corpus.builtIn);
}

// ---- inputs ----------------------------------------------------------------------------------

export interface FuzzInput {
  bytes: Buffer;
  context: InputContext;
  positions: Position[];
  /** The mutators applied, in order. */
  mutations: string[];
  /** The base file a drop-in input is merged into (served by the fake host). */
  baseText?: string;
}

const URIS = [
  'file:///tmp/fuzz/configuration-qemu.toml',
  'file:///tmp/fuzz/configuration-qemu.toml',
  'file:///tmp/fuzz/runtime-rs/configuration-dragonball.toml',
  'file:///tmp/fuzz/config.d/50-overrides.toml',
  'file:///tmp/fuzz/configuration-clh.toml.in',
  'untitled:Untitled-1',
  'file:///etc/kata-containers/configuration.toml',
];

/** Caps an input's size: the large-file behaviour has its own test (test/unit/largeFiles.test.ts). */
const MAX_INPUT = 2_000_000;

export function makeInput(seed: number, index: number, corpus: Corpus): FuzzInput {
  const r = new Rng(seed, index);
  let bytes = pickBase(r, corpus);
  const mutations: string[] = [];
  const count = r.chance(0.05) ? 0 : 1 + r.skewed(5);
  for (let k = 0; k < count; k++) {
    const name = r.pick(MUTATOR_NAMES);
    bytes = MUTATORS[name](bytes, r, corpus);
    mutations.push(name);
    if (bytes.length > MAX_INPUT) bytes = bytes.subarray(0, MAX_INPUT);
  }
  const uri = r.pick(URIS);
  const context: InputContext = {
    uri,
    settings: {
      release: r.chance(0.3) ? r.pick([...RELEASES, '3.25', 'bogus', '']) : undefined,
      arch: r.chance(0.2) ? r.pick([...ARCHES, 'arm64', 'mips', '']) : undefined,
      hostChecks: r.pick([true, false, 'auto'] as const),
      docsUrl: r.chance(0.3) ? 'https://example.invalid/diagnostics.md' : undefined,
    },
  };
  const baseText = uri.includes('/config.d/') && corpus.kata.length && r.chance(0.8) ? r.pick(corpus.kata).toString('utf8') : undefined;
  return { bytes: Buffer.from(bytes), context, positions: positionsFor(decodeTomlBytes(bytes).text, r), mutations, baseText };
}

/** Where completion and hover are asked: random places, line starts and ends, the end of the text. */
export function positionsFor(text: string, r: Rng): Position[] {
  const ls = lineLengths(text);
  const out: Position[] = [{ line: 0, character: 0 }, { line: ls.length - 1, character: ls[ls.length - 1] }];
  for (let k = r.range(2, 6); k > 0; k--) {
    const line = r.int(ls.length);
    const character = r.pick([0, ls[line], r.int(ls[line] + 1), r.int(ls[line] + 1)]);
    out.push({ line, character });
  }
  return out;
}
