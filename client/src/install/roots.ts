/**
 * Which Kata configuration folders exist under a root prefix, per runtime: the admin folder
 * `/etc/kata-containers`, the shipped defaults `<prefix>/share/defaults/kata-containers` for the
 * prefixes `/opt/kata` (release tarball, kata-manager, kata-deploy), `/usr` (distro packages) and
 * `/opt/kata-<suffix>` (kata-deploy MULTI_INSTALL_SUFFIX), each with its `runtime-rs/` folder,
 * kata-deploy's per-shim `runtimes/<shim>/` folders and `custom-runtimes/<handler>/` folders, and
 * folders the user adds with the `kata.configRoots` setting.
 *
 * No `vscode` import. Every function takes the root prefix (`'/'` in production).
 */
import type { Runtime } from '../../../server/src/kata/releases';
import { isDirInRoot, listDir, nodeFileOps, normalizeKataPath, resolveInRoot, toFsPath, compareBytes, type FileOps } from './fsops';

export type { Runtime };

/** The admin folder of the Go runtime; runtime-rs uses its `runtime-rs/` sub-folder. */
export const ADMIN_DIR = '/etc/kata-containers';
/** Install prefixes whose `share/defaults/kata-containers` holds shipped configs, in the order they are listed. */
export const DEFAULT_PREFIXES = ['/opt/kata', '/usr'] as const;
export const RUNTIME_RS_DIR = 'runtime-rs';
/** The name of the symlink (or file) each runtime loads from a folder. */
export const MAIN_CONFIG = 'configuration.toml';

/** `<prefix>/share/defaults/kata-containers`. */
export function defaultsDir(prefix: string): string {
  return normalizeKataPath(`${prefix}/share/defaults/kata-containers`);
}

/** The admin folder of a runtime: `/etc/kata-containers` or `/etc/kata-containers/runtime-rs`. */
export function adminDirFor(runtime: Runtime): string {
  return runtime === 'rs' ? `${ADMIN_DIR}/${RUNTIME_RS_DIR}` : ADMIN_DIR;
}

/** The shipped-defaults folder of a runtime under a prefix. */
export function defaultsDirFor(prefix: string, runtime: Runtime): string {
  return runtime === 'rs' ? `${defaultsDir(prefix)}/${RUNTIME_RS_DIR}` : defaultsDir(prefix);
}

/** runtime-rs's hard-coded default list (kata-types `DEFAULT_RUNTIME_CONFIGURATIONS`), first that resolves wins. */
export const RS_DEFAULT_SEARCH = [
  '/etc/kata-containers/runtime-rs/configuration.toml',
  '/usr/share/defaults/kata-containers/runtime-rs/configuration.toml',
  '/opt/kata/share/defaults/kata-containers/runtime-rs/configuration.toml',
] as const;

/** Where a Go shim (`containerd-shim-kata-v2`) is usually found; its prefix decides its defaults folder. */
export const GO_SHIM_CANDIDATES = ['/opt/kata/bin/containerd-shim-kata-v2', '/usr/bin/containerd-shim-kata-v2', '/usr/local/bin/containerd-shim-kata-v2'] as const;

/**
 * - `admin`: `/etc/kata-containers` (Go) or `/etc/kata-containers/runtime-rs` (rs): local copies and the switch symlink;
 * - `default`: shipped configs of an install prefix;
 * - `kata-deploy`: `…/runtimes/<shim>/`, the per-handler copy kata-deploy points `ConfigPath` at;
 * - `custom-runtime`: kata-deploy's `…/custom-runtimes/<handler>/`;
 * - `user`: a folder from the `kata.configRoots` setting.
 */
export type RootKind = 'admin' | 'default' | 'kata-deploy' | 'custom-runtime' | 'user';

export interface InstallRoot {
  /** Kata path of the folder. */
  path: string;
  /** The folder under the root prefix (open files from here). */
  fsPath: string;
  /** The runtime that reads this folder; undefined when only its files can tell (user folders, custom runtimes). */
  runtime?: Runtime;
  kind: RootKind;
  /** The install prefix (`/opt/kata`, `/usr`, `/opt/kata-<suffix>`) of default, kata-deploy and custom-runtime folders. */
  prefix?: string;
  /** kata-deploy shim (`qemu-runtime-rs`) or custom runtime handler name. */
  shim?: string;
  /** A short human label, e.g. `Shipped defaults (/opt/kata)`. */
  label: string;
  /** The real Kata path after following symlinks (roots are de-duplicated on it). */
  realPath: string;
}

export interface RootsOptions {
  /** Extra folders (Kata paths, e.g. from the `kata.configRoots` setting). */
  configRoots?: readonly string[];
  fileOps?: FileOps;
}

export interface RootsResult {
  roots: InstallRoot[];
  /** Human messages: unreadable folders, bad `kata.configRoots` entries. */
  problems: string[];
}

/** kata-deploy's runtime-rs shims: every `*-runtime-rs` shim plus `dragonball` (`utils/system.rs:RUST_SHIMS`). */
export function shimRuntime(shim: string): Runtime {
  return /-runtime-rs$/.test(shim) || shim === 'dragonball' ? 'rs' : 'go';
}

/** Install prefixes present under the root: `/opt/kata`, `/usr`, then `/opt/kata-<suffix>` ones, each with a defaults folder. */
export async function findPrefixes(root: string, ops: FileOps = nodeFileOps): Promise<string[]> {
  const out: string[] = [];
  for (const p of DEFAULT_PREFIXES) if (await isDirInRoot(ops, root, defaultsDir(p))) out.push(p);
  const opt = await listDir(ops, root, '/opt');
  for (const name of (opt.names ?? []).filter((n) => n.startsWith('kata-')).sort(compareBytes)) {
    const prefix = `/opt/${name}`;
    if (await isDirInRoot(ops, root, defaultsDir(prefix))) out.push(prefix);
  }
  return out;
}

async function subfolders(ops: FileOps, root: string, dir: string, problems: string[]): Promise<string[]> {
  const l = await listDir(ops, root, dir);
  if (l.error) problems.push(l.error);
  const out: string[] = [];
  for (const name of (l.names ?? []).sort(compareBytes)) if (await isDirInRoot(ops, root, `${dir}/${name}`)) out.push(name);
  return out;
}

/**
 * Every Kata configuration folder that exists under `root`, in display order: Go admin, Go defaults
 * (per prefix), kata-deploy Go shims, custom runtimes, runtime-rs admin, runtime-rs defaults,
 * kata-deploy runtime-rs shims, then user folders. Folders reached twice (through a symlink) are
 * listed once. Never throws.
 */
export async function findInstallRoots(root: string, options: RootsOptions = {}): Promise<RootsResult> {
  const ops = options.fileOps ?? nodeFileOps;
  const problems: string[] = [];
  const roots: InstallRoot[] = [];
  const seen = new Set<string>();
  const add = async (r: Omit<InstallRoot, 'fsPath' | 'realPath'>): Promise<boolean> => {
    const res = await resolveInRoot(ops, root, r.path);
    if (!res.ok) {
      if (res.code !== 'ENOENT') problems.push(res.message);
      return false;
    }
    if (res.kind !== 'dir') return false;
    if (seen.has(res.path)) return true;
    seen.add(res.path);
    roots.push({ ...r, fsPath: toFsPath(root, r.path), realPath: res.path });
    return true;
  };
  try {
    const prefixes = await findPrefixes(root, ops);
    for (const runtime of ['go', 'rs'] as Runtime[]) {
      const rtName = runtime === 'rs' ? 'runtime-rs' : 'Go runtime';
      await add({ path: adminDirFor(runtime), runtime, kind: 'admin', label: `Admin overrides, ${rtName} (${adminDirFor(runtime)})` });
      for (const prefix of prefixes) await add({ path: defaultsDirFor(prefix, runtime), runtime, kind: 'default', prefix, label: `Shipped defaults, ${rtName} (${prefix})` });
      for (const prefix of prefixes) {
        const runtimesDir = `${defaultsDirFor(prefix, runtime)}/runtimes`;
        for (const shim of await subfolders(ops, root, runtimesDir, problems)) {
          await add({ path: `${runtimesDir}/${shim}`, runtime, kind: 'kata-deploy', prefix, shim, label: `kata-deploy shim ${shim} (handler kata-${shim})` });
        }
      }
      if (runtime === 'go') {
        for (const prefix of prefixes) {
          const customDir = `${defaultsDir(prefix)}/custom-runtimes`;
          for (const handler of await subfolders(ops, root, customDir, problems)) {
            await add({ path: `${customDir}/${handler}`, kind: 'custom-runtime', prefix, shim: handler, label: `kata-deploy custom runtime ${handler}` });
          }
        }
      }
    }
    for (const raw of options.configRoots ?? []) {
      const p = raw.trim();
      if (!p) continue;
      if (!p.startsWith('/')) {
        problems.push(`kata.configRoots: '${raw}' is not an absolute path; it is ignored`);
        continue;
      }
      const kataPath = normalizeKataPath(p);
      const res = await resolveInRoot(ops, root, kataPath);
      if (!res.ok) {
        problems.push(`kata.configRoots: ${res.code === 'ENOENT' ? `${kataPath} does not exist` : res.message}`);
        continue;
      }
      if (res.kind !== 'dir') {
        problems.push(`kata.configRoots: ${kataPath} is not a folder`);
        continue;
      }
      const runtime: Runtime | undefined = kataPath.split('/').includes(RUNTIME_RS_DIR) ? 'rs' : undefined;
      await add({ path: kataPath, runtime, kind: 'user', label: `Configured folder (${kataPath})` });
    }
  } catch (err) {
    problems.push(`unexpected error while looking for Kata folders: ${err instanceof Error ? err.message : String(err)}`);
  }
  return { roots, problems };
}

/**
 * The install prefixes of the Go shims found under the root (`/opt/kata` for
 * `/opt/kata/bin/containerd-shim-kata-v2`, also when `/usr/bin/containerd-shim-kata-v2` links there,
 * as kata-manager sets it up). The Go shim searches `/etc/kata-containers/configuration.toml`, then
 * `<its prefix>/share/defaults/kata-containers/configuration.toml`.
 */
export async function goShimPrefixes(root: string, ops: FileOps = nodeFileOps): Promise<string[]> {
  const out: string[] = [];
  for (const shim of GO_SHIM_CANDIDATES) {
    const r = await resolveInRoot(ops, root, shim);
    if (!r.ok || r.kind !== 'file') continue;
    // The Go shim lives in <prefix>/bin; runtime-rs's in <prefix>/runtime-rs/bin is not a Go shim.
    const parts = r.path.split('/');
    if (parts.length < 3 || parts[parts.length - 2] !== 'bin' || parts[parts.length - 3] === RUNTIME_RS_DIR) continue;
    const prefix = parts.slice(0, -2).join('/') || '/';
    if (!out.includes(prefix)) out.push(prefix);
  }
  return out;
}

/**
 * The default search of a runtime: the `configuration.toml` paths it tries in order, the first that
 * resolves wins. For Go, one list per shim prefix found (or per defaults folder present when no
 * shim is found); for runtime-rs, its fixed list.
 */
export async function defaultSearch(root: string, runtime: Runtime, ops: FileOps = nodeFileOps): Promise<Array<{ label: string; paths: string[] }>> {
  if (runtime === 'rs') return [{ label: 'runtime-rs', paths: [...RS_DEFAULT_SEARCH] }];
  let prefixes = await goShimPrefixes(root, ops);
  let how = 'shim';
  if (!prefixes.length) {
    prefixes = (await findPrefixes(root, ops)).filter((p) => (DEFAULT_PREFIXES as readonly string[]).includes(p));
    how = 'defaults';
  }
  if (!prefixes.length) prefixes = ['/opt/kata'];
  return prefixes.map((prefix) => ({
    label: how === 'shim' ? `Go shim in ${prefix}/bin` : `Go runtime built for ${prefix}`,
    paths: [`${ADMIN_DIR}/${MAIN_CONFIG}`, `${defaultsDir(prefix)}/${MAIN_CONFIG}`],
  }));
}
