/**
 * The installed Kata release of a config file, for the tree view: server/src/kata/installedRelease
 * (pure, synchronous) run against the machine under a root prefix, through `FileOps`, with the
 * binaries' `--version` run by `execFile` (no shell), with a timeout, cached per binary, and only
 * when the caller passes a runner (the extension does so in trusted workspaces only).
 *
 * The pure function asks its host synchronously; here each answer it needs is fetched
 * asynchronously and the function is run again until it asks nothing new (a few passes: every
 * record it reads depends on at most two earlier answers). Answers are cached in an
 * `InstallProbeCache`, which one discovery shares between all its files.
 *
 * No `vscode` import; never throws.
 */
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { installedRelease, type InstalledRelease, type InstalledReleaseHost } from '../../../server/src/kata/installedRelease';
import { nodeFileOps, readInRoot, resolveInRoot, toFsPath, type FileOps } from './fsops';

export type { InstalledRelease };

/** Runs `<fsPath> --version` and returns what it printed, or undefined (not run, failed, timed out). */
export type VersionRunner = (fsPath: string) => Promise<string | undefined>;

export interface InstalledReleaseOptions {
  fileOps?: FileOps;
  /** Without it, binaries are never run (records in files only). */
  runVersion?: VersionRunner;
  /** Share one between the files of a discovery. */
  cache?: InstallProbeCache;
}

/** Files larger than this are not read (a dpkg status file is a few MB). */
const MAX_READ = 32 * 1024 * 1024;
const MAX_PASSES = 16;

type Ask = { kind: 'read' | 'exists' | 'real' | 'run'; path: string };

/** What the machine answered, per Kata path. */
export class InstallProbeCache {
  readonly files = new Map<string, string | undefined>();
  readonly exists = new Map<string, boolean>();
  readonly real = new Map<string, string | undefined>();
  readonly versions = new Map<string, string | undefined>();
}

async function answer(root: string, ops: FileOps, run: VersionRunner | undefined, cache: InstallProbeCache, ask: Ask): Promise<void> {
  try {
    switch (ask.kind) {
      case 'read': {
        const r = await resolveInRoot(ops, root, ask.path);
        if (!r.ok || r.kind !== 'file') return void cache.files.set(ask.path, undefined);
        const st = await ops.lstat(toFsPath(root, r.path));
        if (st.size > MAX_READ) return void cache.files.set(ask.path, undefined);
        const data = await readInRoot(ops, root, r.path);
        cache.files.set(ask.path, data.ok ? data.data.toString('utf8') : undefined);
        return;
      }
      case 'exists':
        cache.exists.set(ask.path, (await resolveInRoot(ops, root, ask.path)).ok);
        return;
      case 'real': {
        const r = await resolveInRoot(ops, root, ask.path);
        cache.real.set(ask.path, r.ok ? r.path : undefined);
        return;
      }
      case 'run': {
        const r = await resolveInRoot(ops, root, ask.path);
        cache.versions.set(ask.path, r.ok && r.kind === 'file' && run ? await run(toFsPath(root, r.path)) : undefined);
        return;
      }
    }
  } catch {
    // Unanswerable (I/O error): the record is treated as absent.
    if (ask.kind === 'read') cache.files.set(ask.path, undefined);
    else if (ask.kind === 'exists') cache.exists.set(ask.path, false);
    else if (ask.kind === 'real') cache.real.set(ask.path, undefined);
    else cache.versions.set(ask.path, undefined);
  }
}

/**
 * The Kata release the installation of `kataPath` (a config file, Kata path) records, read under
 * `root`. Binaries run only with `options.runVersion`. Never throws.
 */
export async function findInstalledRelease(root: string, kataPath: string, options: InstalledReleaseOptions = {}): Promise<InstalledRelease | undefined> {
  const ops = options.fileOps ?? nodeFileOps;
  const cache = options.cache ?? new InstallProbeCache();
  const run = options.runVersion;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const asks = new Map<string, Ask>();
    const miss = (a: Ask): void => void asks.set(`${a.kind}:${a.path}`, a);
    const host: InstalledReleaseHost = {
      readFile: (p) => (cache.files.has(p) ? cache.files.get(p) : (miss({ kind: 'read', path: p }), undefined)),
      exists: (p) => (cache.exists.has(p) ? cache.exists.get(p)! : (miss({ kind: 'exists', path: p }), false)),
      realPath: (p) => (cache.real.has(p) ? cache.real.get(p) : (miss({ kind: 'real', path: p }), undefined)),
    };
    if (run) host.runVersion = (b) => (cache.versions.has(b) ? cache.versions.get(b) : (miss({ kind: 'run', path: b }), undefined));
    let result: InstalledRelease | undefined;
    try {
      result = installedRelease(kataPath, host);
    } catch {
      return undefined;
    }
    if (!asks.size) return result;
    // Files first, binaries after: a record found in a file may make running them unnecessary.
    const all = [...asks.values()];
    const files = all.filter((a) => a.kind !== 'run');
    await Promise.all((files.length ? files : all).map((a) => answer(root, ops, run, cache, a)));
  }
  return undefined;
}

export interface VersionRunnerOptions {
  /** Default 5 s. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Test hook: how the binary is run (default `execFile`). */
  exec?: typeof execFile;
}

/**
 * A `VersionRunner` that runs `<binary> --version` with execFile (no shell, no other argument),
 * a timeout and a small output limit, and caches the answer per binary (keyed on its size and
 * modification time, so an upgrade is noticed). Use one per session.
 */
export function createVersionRunner(options: VersionRunnerOptions = {}): VersionRunner & { readonly runs: number } {
  const timeout = options.timeoutMs ?? 5000;
  const exec = options.exec ?? execFile;
  const cache = new Map<string, { key: string; out: Promise<string | undefined> }>();
  let runs = 0;
  const runner = async (fsPath: string): Promise<string | undefined> => {
    let key: string;
    try {
      const st = await fsp.stat(fsPath);
      if (!st.isFile()) return undefined;
      key = `${st.size}:${st.mtimeMs}:${st.ino}`;
    } catch {
      return undefined;
    }
    const hit = cache.get(fsPath);
    if (hit && hit.key === key) return hit.out;
    runs++;
    const out = new Promise<string | undefined>((resolve) => {
      try {
        exec(fsPath, ['--version'], { timeout, killSignal: 'SIGKILL', maxBuffer: 64 * 1024, windowsHide: true, env: options.env ?? process.env, encoding: 'utf8' }, (err, stdout, stderr) => {
          const text = `${stdout ?? ''}${stderr ? `\n${stderr}` : ''}`.trim();
          const e = err as (NodeJS.ErrnoException & { killed?: boolean }) | null;
          // Started but failed: its output may still carry the version line (the Rust shim prints it on errors).
          resolve(e && (e.killed || typeof e.code === 'string') ? undefined : text || undefined);
        });
      } catch {
        resolve(undefined);
      }
    });
    cache.set(fsPath, { key, out });
    return out;
  };
  Object.defineProperty(runner, 'runs', { get: () => runs });
  return runner as VersionRunner & { readonly runs: number };
}

/**
 * Short text for the tree: `Kata 3.25.0`, `Kata 3.25.0 (3.25.0-rc0)`, `Kata 3.17.0 or later`,
 * `Kata 2.5.0 (unknown release)`; and the reason with any note, for the tooltip.
 */
export function describeInstalled(i: InstalledRelease): { label: string; detail: string } {
  const label = i.release
    ? `Kata ${i.release}${i.version !== i.release ? ` (${i.version})` : ''}`
    : i.atLeast
      ? `Kata ${i.atLeast} or later`
      : `Kata ${i.version} (unknown release)`;
  return { label, detail: i.note ? `${i.why}; ${i.note}` : i.why };
}
