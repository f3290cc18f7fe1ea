/** Runs a set of mutations through both judges: files written to a temporary folder, one oracle call per batch, our lint, the comparison. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Arch, Release } from '../../server/src/kata/releases';
import { compareFile, OurSide, protectionFor, type FileResult } from './compare';
import type { FieldMap } from './fields';
import type { Mutation } from './mutate';
import { parseToml, tableToPlain, type PlainValue } from '../../server/src/toml';
import type { OracleInput, ParityOracle, Verdict } from './oracle';

/**
 * Paths an installed Kata has: the built-in defaults of the oracle's build (PREFIX=/usr), which Kata
 * falls back to when a key is empty or absent. The oracle's fake root holds only the paths a file
 * names, so each file written for it names these too, in a table Kata does not decode (left out of
 * the comparison: it is not in the text we lint).
 */
export const INSTALLED_PATHS = [
  '/usr/bin/qemu-system-x86_64',
  '/usr/bin/qemu-system-aarch64',
  '/usr/share/kata-containers/vmlinuz.container',
  '/usr/share/kata-containers/vmlinux.container',
  '/usr/share/kata-containers/kata-containers.img',
  '/usr/share/kata-containers/kata-containers-initrd.img',
  '/usr/libexec/virtiofsd',
  '/usr/bin/jailer',
  '/usr/bin/acrnctl',
];
const INSTALLED_TABLE = `\n[kata_parity_installed_host]\npaths = ${JSON.stringify(INSTALLED_PATHS)}\n`;

/** Writes each mutation to `<root>/<n>/<base name>` (and its config.d/), one folder per file so drop-ins stay apart. */
export function writeMutations(mutations: readonly Mutation[], root: string): OracleInput[] {
  return mutations.map((m, i) => {
    const dir = path.join(root, String(i));
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, m.base.name);
    fs.writeFileSync(file, m.text + INSTALLED_TABLE);
    if (m.dropIns?.length) {
      fs.mkdirSync(path.join(dir, 'config.d'));
      for (const d of m.dropIns) fs.writeFileSync(path.join(dir, 'config.d', d.name), d.text);
    }
    return { path: file, protection: protectionFor(m), paths: namedPaths([m.text + INSTALLED_TABLE, ...(m.dropIns ?? []).map((d) => d.text)]) };
  });
}

/** The absolute paths a file and its drop-ins name, as the oracle lists them: every string starting with "/" of each file that is TOML. */
export function namedPaths(texts: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (v: PlainValue) => {
    if (typeof v === 'string') {
      if (v.startsWith('/')) out.add(v);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object' && !('datetime' in v && 'kind' in v && Object.keys(v).length === 2)) Object.values(v).forEach(walk);
  };
  for (const t of texts) {
    const doc = parseToml(t);
    if (!doc.errors.length) walk(tableToPlain(doc.root));
  }
  return [...out].sort();
}

export function tempRoot(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kata-parity-${label}-`));
}

/** Kata's verdicts on the mutations (files in a temporary folder, removed afterwards). */
export async function judgeAll(oracle: ParityOracle, mutations: readonly Mutation[], release: Release, arch: Arch): Promise<Verdict[]> {
  const root = tempRoot(`${release}-${arch}`);
  try {
    return await oracle.judge(writeMutations(mutations, root), release, arch);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export interface RunOptions {
  oracle: ParityOracle;
  release: Release;
  arch: Arch;
  mutations: readonly Mutation[];
  fields?: FieldMap;
}

export async function runParity(o: RunOptions): Promise<FileResult[]> {
  const verdicts = await judgeAll(o.oracle, o.mutations, o.release, o.arch);
  const ours = new OurSide(o.release, o.arch);
  return o.mutations.map((m, i) => compareFile(m, ours.lint(m), verdicts[i], o.fields));
}
