/**
 * The judge of the differential test: Kata's own loader, run on our files. `ParityOracle` is what
 * the comparison needs from any judge; `GoOracle` runs ../shared/kata-oracle (Kata's Go
 * `katautils.LoadConfiguration` of several releases, in a private fake root). No runtime-rs oracle
 * exists (its crates cannot be built here); one would implement the same interface, returning
 * verdicts whose fields mean the same (refused at load, refused at start, keys left undecoded, the
 * effective configuration).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Arch, Runtime } from '../../server/src/kata/releases';
import { repoRoot, sharedPath } from '../support/shared';

/** A TEE capability the judge fakes for the start checks (`run --guest-protection`). */
export type GuestProtection = 'none' | 'tdx' | 'snp' | 'sev' | 'se' | 'pef';

export interface OracleInput {
  /** The main config file on disk; a `config.d/` folder beside it holds its drop-ins. */
  path: string;
  protection?: GuestProtection;
  /**
   * The absolute paths the file and its drop-ins name (what the oracle's fake root creates), when
   * the caller knows them: files naming the same paths can share one root (GoOracle batch mode).
   */
  paths?: readonly string[];
}

/** What Kata makes of one file. */
export interface Verdict {
  /** The input path, as given. */
  file: string;
  release: string;
  loaded: boolean;
  /** Kata refused to load the file (LoadConfiguration's error). */
  loadError: string | null;
  /** The file loads, but the start checks (validateHypervisorConfig, then CreateVM) fail. */
  startError: string | null;
  startChecks: string[];
  /** Keys of the main file Kata's TOML decoding ignores (dotted paths, tables included). */
  undecoded: string[];
  /** Set when the undecoded keys could not be computed (the file does not decode). */
  undecodedError?: string;
  /** Keys each drop-in leaves undecoded (Kata logs them as a warning), by drop-in path inside the judge's root. */
  dropInUndecoded: Record<string, string[]>;
  /** The configuration Kata would use (Go field names), null when it refused the file. */
  effective: Record<string, unknown> | null;
  /** HypervisorConfig fields the start checks changed. */
  startRewrites: Record<string, { from: unknown; to: unknown }>;
  warnings: string[];
  dropIns: string[];
  protection: GuestProtection;
  /** Set when the judge produced no verdict for this file (it crashed, or its output was unreadable). */
  failure?: string;
}

export interface ParityOracle {
  readonly name: string;
  readonly runtime: Runtime;
  /** Undefined when the judge can run here, else why not. */
  available(): string | undefined;
  /** The release/arch pairs the judge has. */
  targets(): Array<{ release: string; arch: Arch }>;
  /** One verdict per input, in input order. */
  judge(files: readonly OracleInput[], release: string, arch: Arch): Promise<Verdict[]>;
}

/** Where the judge puts every file, so its messages do not depend on our temporary folders. */
export const ORACLE_AT = '/usr/share/defaults/kata-containers';

const GOARCH: Record<string, string> = { x86_64: 'amd64', aarch64: 'arm64', ppc64le: 'ppc64le', s390x: 's390x', riscv64: 'riscv64' };
const QEMU_USER: Record<string, string> = { aarch64: 'qemu-aarch64-static', ppc64le: 'qemu-ppc64le-static', s390x: 'qemu-s390x-static' };

/**
 * JSON.parse with integers beyond 2^53 kept exactly: such literals (Kata's uint64 values) become
 * strings of digits before parsing.
 */
export function parseJsonLine(line: string): unknown {
  return JSON.parse(line.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"'));
}

/** `undecoded keys in "<file>": [a.b c.d]` warnings, one per drop-in. */
function dropInUndecoded(warnings: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const w of warnings) {
    const m = /undecoded keys in "([^"]+)": \[([^\]]*)\]/.exec(w);
    if (m) out[m[1]] = m[2].split(' ').filter(Boolean);
  }
  return out;
}

function toVerdict(raw: Record<string, unknown>, protection: GuestProtection): Verdict {
  const warnings = (raw.warnings as string[] | null) ?? [];
  return {
    file: String(raw.file),
    release: String(raw.release),
    loaded: !!raw.loaded,
    loadError: (raw.loadError as string | null) ?? null,
    startError: (raw.startError as string | null) ?? null,
    startChecks: (raw.startChecks as string[] | null) ?? [],
    undecoded: (raw.undecoded as string[] | null) ?? [],
    undecodedError: (raw.undecodedError as string | undefined) ?? undefined,
    dropInUndecoded: dropInUndecoded(warnings),
    effective: (raw.effective as Record<string, unknown> | null) ?? null,
    startRewrites: (raw.startRewrites as Verdict['startRewrites'] | null) ?? {},
    warnings,
    dropIns: (raw.dropIns as string[] | null) ?? [],
    protection,
  };
}

function failed(file: string, release: string, protection: GuestProtection, why: string): Verdict {
  return { file, release, loaded: false, loadError: null, startError: null, startChecks: [], undecoded: [], dropInUndecoded: {}, effective: null, startRewrites: {}, warnings: [], dropIns: [], protection, failure: why };
}

export interface GoOracleOptions {
  /** The kata-oracle folder (default ../shared/kata-oracle). */
  dir?: string;
  /**
   * 'run': the oracle's own `run` script, one private root per file (about 0.2 s a file).
   * 'batch' (default): test/parity/oracle-batch.sh, the same fake root made once for all the files
   * that name the same paths (and fake the same TEE), and one oracle call per such group.
   */
  mode?: 'run' | 'batch';
  /** Files per `run` invocation (each file still gets its own private root). */
  chunk?: number;
  /** `run` invocations at once. */
  parallel?: number;
}

/** ../shared/kata-oracle: Kata's Go loader of each release, through its `run` script (fake root, `--at ORACLE_AT`). */
export class GoOracle implements ParityOracle {
  readonly name = 'kata-oracle (Go runtime, katautils.LoadConfiguration)';
  readonly runtime = 'go' as const;
  readonly dir: string;
  private readonly chunk: number;
  private readonly parallel: number;
  readonly mode: 'run' | 'batch';
  private reason: string | undefined | null = null;

  constructor(options: GoOracleOptions = {}) {
    this.dir = options.dir ?? sharedPath('kata-oracle');
    this.chunk = options.chunk ?? 200;
    this.parallel = options.parallel ?? 1;
    this.mode = options.mode ?? 'batch';
  }

  available(): string | undefined {
    if (this.reason !== null) return this.reason;
    this.reason = this.probe();
    return this.reason;
  }

  private probe(): string | undefined {
    const run = path.join(this.dir, 'run');
    if (!fs.existsSync(run)) return `${run} is absent (the Kata oracle is not beside this checkout)`;
    if (typeof process.getuid === 'function' && process.getuid() !== 0) return 'the Kata oracle needs root (unshare -m, mount, chroot), and this process is not root';
    const u = spawnSync('unshare', ['-m', '--propagation', 'private', 'true'], { encoding: 'utf8' });
    if (u.error || u.status !== 0) return `unshare -m does not work here (${u.error?.message ?? u.stderr.trim()}): the Kata oracle cannot make its private root`;
    return undefined;
  }

  /** Whether the judge of this release and arch can run (binary present, qemu-user for other arches). */
  canJudge(release: string, arch: Arch): string | undefined {
    const why = this.available();
    if (why) return why;
    if (!this.targets().some((t) => t.release === release && t.arch === arch)) return `kata-oracle has no binary for ${release} ${arch}`;
    const qemu = QEMU_USER[arch];
    if (arch !== 'x86_64' && qemu && spawnSync('sh', ['-c', `command -v ${qemu}`]).status !== 0) return `${qemu} is not installed (apt-get install qemu-user-static)`;
    return undefined;
  }

  targets(): Array<{ release: string; arch: Arch }> {
    const bin = path.join(this.dir, 'bin');
    if (!fs.existsSync(bin)) return [];
    const out: Array<{ release: string; arch: Arch }> = [];
    for (const name of fs.readdirSync(bin).sort()) {
      const m = /^kata-go-load-(\d+\.\d+\.\d+)(?:-([a-z0-9]+))?(?:\.xz)?$/.exec(name);
      if (!m) continue;
      const arch = (Object.keys(GOARCH).find((a) => GOARCH[a] === (m[2] ?? 'amd64')) ?? 'x86_64') as Arch;
      out.push({ release: m[1], arch });
    }
    return out;
  }

  async judge(files: readonly OracleInput[], release: string, arch: Arch): Promise<Verdict[]> {
    const why = this.canJudge(release, arch);
    if (why) throw new Error(why);
    if (this.mode === 'batch') return this.judgeBatched(files, release, arch);
    const jobs: Array<{ protection: GuestProtection; items: Array<{ input: OracleInput; index: number }> }> = [];
    const byProtection = new Map<GuestProtection, Array<{ input: OracleInput; index: number }>>();
    files.forEach((input, index) => {
      const p = input.protection ?? 'none';
      let list = byProtection.get(p);
      if (!list) byProtection.set(p, (list = []));
      list.push({ input, index });
    });
    for (const [protection, items] of byProtection) for (let i = 0; i < items.length; i += this.chunk) jobs.push({ protection, items: items.slice(i, i + this.chunk) });
    const out: Verdict[] = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        const verdicts = await this.runOnce(job.items.map((x) => x.input.path), release, arch, job.protection);
        job.items.forEach((x, i) => (out[x.index] = verdicts[i]));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, jobs.length) }, worker));
    return out;
  }

  private binary(release: string, arch: Arch): string {
    const base = path.join(this.dir, 'bin', `kata-go-load-${release}${arch === 'x86_64' ? '' : `-${GOARCH[arch]}`}`);
    return fs.existsSync(base) ? base : `${base}.xz`;
  }

  private qemu(arch: Arch): string {
    if (arch === 'x86_64') return '';
    const r = spawnSync('sh', ['-c', `command -v ${QEMU_USER[arch]}`], { encoding: 'utf8' });
    return r.stdout.trim();
  }

  /** Groups of files with the same protection and paths, one root each; chunks of groups per call. */
  private async judgeBatched(files: readonly OracleInput[], release: string, arch: Arch): Promise<Verdict[]> {
    const groups = new Map<string, number[]>();
    files.forEach((f, i) => {
      const key = f.paths ? `${f.protection ?? 'none'}\0${[...f.paths].sort().join('\0')}` : `single\0${i}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push(i);
    });
    // Calls of about `chunk` files, whole groups each (a group larger than that is split: each part still gets the same root).
    const calls: Array<{ protection: GuestProtection; groups: number[][] }> = [];
    const byProtection = new Map<GuestProtection, number[][]>();
    for (const idx of groups.values()) {
      const p = files[idx[0]].protection ?? 'none';
      for (let i = 0; i < idx.length; i += this.chunk) {
        let list = byProtection.get(p);
        if (!list) byProtection.set(p, (list = []));
        list.push(idx.slice(i, i + this.chunk));
      }
    }
    for (const [protection, gs] of byProtection) {
      let cur: number[][] = [];
      let n = 0;
      for (const g of gs) {
        if (n + g.length > this.chunk && cur.length) {
          calls.push({ protection, groups: cur });
          cur = [];
          n = 0;
        }
        cur.push(g);
        n += g.length;
      }
      if (cur.length) calls.push({ protection, groups: cur });
    }
    const out: Verdict[] = new Array(files.length);
    let next = 0;
    const worker = async () => {
      while (next < calls.length) {
        const call = calls[next++];
        const verdicts = await this.batchOnce(files, call.groups, release, arch, call.protection);
        for (const [i, v] of verdicts) out[i] = v;
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.parallel, calls.length) }, worker));
    return out;
  }

  private batchOnce(files: readonly OracleInput[], groups: number[][], release: string, arch: Arch, protection: GuestProtection): Promise<Map<number, Verdict>> {
    const listDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-parity-list-'));
    const list = path.join(listDir, 'list');
    const lines: string[] = [];
    const folder = new Map<number, string>();
    groups.forEach((g, gi) =>
      g.forEach((i) => {
        const dir = `${ORACLE_AT}/p${i}`;
        folder.set(i, dir);
        lines.push([gi, files[i].path, files[i].path, `${dir}/${path.basename(files[i].path)}`].join('\t'));
      }),
    );
    fs.writeFileSync(list, `${lines.join('\n')}\n`);
    const script = path.join(repoRoot, 'test', 'parity', 'oracle-batch.sh');
    const args = [script, this.binary(release, arch), this.qemu(arch), '8', protection, GOARCH[arch], list];
    return new Promise((resolve, reject) => {
      const child = spawn('bash', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      const errs: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      child.stderr.on('data', (d: Buffer) => errs.push(d));
      child.on('error', reject);
      child.on('close', (code) => {
        fs.rmSync(listDir, { recursive: true, force: true });
        const text = Buffer.concat(chunks).toString('utf8');
        const stderr = Buffer.concat(errs).toString('utf8');
        if (code !== 0 && !text.trim()) return reject(new Error(`oracle-batch.sh failed (${code}): ${stderr.trim().slice(0, 500)}`));
        const byFile = new Map<string, Verdict>();
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          try {
            // Each file sat in its own folder p<N>: messages name it as `run --at` would.
            const raw = parseJsonLine(line.replace(/(\/usr\/share\/defaults\/kata-containers)\/p\d+\//g, '$1/')) as Record<string, unknown>;
            byFile.set(String(raw.file), toVerdict(raw, protection));
          } catch {
            // an unreadable line: its file gets a failure verdict below
          }
        }
        const out = new Map<number, Verdict>();
        for (const g of groups) for (const i of g) out.set(i, byFile.get(files[i].path) ?? failed(files[i].path, release, protection, `no verdict from the oracle${stderr ? `: ${stderr.trim().split('\n').slice(-2).join(' ')}` : ''}`));
        resolve(out);
      });
    });
  }

  private runOnce(paths: string[], release: string, arch: Arch, protection: GuestProtection): Promise<Verdict[]> {
    const args = ['--release', release, '--at', ORACLE_AT];
    if (arch !== 'x86_64') args.push('--arch', GOARCH[arch]);
    if (protection !== 'none') args.push('--guest-protection', protection);
    args.push('--', ...paths);
    return new Promise((resolve, reject) => {
      const child = spawn(path.join(this.dir, 'run'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const chunks: Buffer[] = [];
      const errs: Buffer[] = [];
      child.stdout.on('data', (d: Buffer) => chunks.push(d));
      child.stderr.on('data', (d: Buffer) => errs.push(d));
      child.on('error', reject);
      child.on('close', (code) => {
        const text = Buffer.concat(chunks).toString('utf8');
        const stderr = Buffer.concat(errs).toString('utf8');
        if (code !== 0 && !text.trim()) return reject(new Error(`kata-oracle run failed (${code}): ${stderr.trim().slice(0, 500)}`));
        const byFile = new Map<string, Verdict>();
        for (const line of text.split('\n')) {
          if (!line.trim()) continue;
          try {
            const raw = parseJsonLine(line) as Record<string, unknown>;
            byFile.set(String(raw.file), toVerdict(raw, protection));
          } catch {
            // an unreadable line: its file gets a failure verdict below
          }
        }
        resolve(paths.map((p) => byFile.get(p) ?? failed(p, release, protection, `no verdict from the oracle${stderr.includes(p) ? `: ${stderr.split('\n').find((l) => l.includes(p))}` : ''}`)));
      });
    });
  }
}
