/**
 * The filesystem layer of the install modules: a small injectable `FileOps` interface (a Node
 * implementation is the default), the mapping between Kata paths and paths under a root prefix,
 * symlink resolution inside that root, and human messages for filesystem errors.
 *
 * Vocabulary used by every install module:
 * - a **Kata path** is an absolute POSIX path as Kata and the container managers see it
 *   (`/etc/kata-containers/configuration.toml`);
 * - the **root** is the prefix the machine's `/` is mounted at: `'/'` in production, a temporary
 *   folder in tests;
 * - an **fs path** is the path to use with Node's fs: the Kata path under the root.
 * Symlinks are resolved the way the kernel would inside a chroot at the root: an absolute link
 * target is taken relative to the root, a relative one relative to the link's folder, and `..`
 * never climbs above the root.
 *
 * No `vscode` import: everything here runs in plain Node.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, promises as fsp } from 'node:fs';
import * as path from 'node:path';

export type FileKind = 'file' | 'dir' | 'symlink' | 'other';

export interface FileStat {
  kind: FileKind;
  size: number;
  /** Permission bits (`mode & 0o7777`). */
  mode: number;
  mtimeMs: number;
}

/**
 * Every filesystem call the install modules make. All paths are fs paths (already under the root).
 * Implementations reject with Node-style errors carrying a `code` (`ENOENT`, `EACCES`, ...), so tests
 * can inject permission and read-only failures.
 */
export interface FileOps {
  lstat(p: string): Promise<FileStat>;
  readlink(p: string): Promise<string>;
  readdir(p: string): Promise<string[]>;
  readFile(p: string): Promise<Buffer>;
  /** Creates or replaces `p` (not atomic by itself). */
  writeFile(p: string, data: string | Buffer): Promise<void>;
  /** Copies the content of `src` (following links) to a new file `dst`; fails with `EEXIST` if `dst` exists. */
  copyFile(src: string, dst: string): Promise<void>;
  chmod(p: string, mode: number): Promise<void>;
  /** Creates a symlink at `p` whose content is `target` (not resolved or checked). */
  symlink(target: string, p: string): Promise<void>;
  /** rename(2): atomically replaces `to` when it exists (a file or a symlink, never a folder). */
  rename(from: string, to: string): Promise<void>;
  unlink(p: string): Promise<void>;
  /** Creates one folder; fails with `EEXIST` when it exists. */
  mkdir(p: string): Promise<void>;
  /** Removes an empty folder. */
  rmdir(p: string): Promise<void>;
}

function kindOf(st: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileKind {
  if (st.isSymbolicLink()) return 'symlink';
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  return 'other';
}

/** The real filesystem, through `fs.promises`. */
export const nodeFileOps: FileOps = {
  async lstat(p) {
    const st = await fsp.lstat(p);
    return { kind: kindOf(st), size: st.size, mode: st.mode & 0o7777, mtimeMs: st.mtimeMs };
  },
  readlink: (p) => fsp.readlink(p),
  readdir: (p) => fsp.readdir(p),
  readFile: (p) => fsp.readFile(p),
  writeFile: (p, data) => fsp.writeFile(p, data),
  copyFile: (src, dst) => fsp.copyFile(src, dst, fsConstants.COPYFILE_EXCL),
  chmod: (p, mode) => fsp.chmod(p, mode),
  symlink: (target, p) => fsp.symlink(target, p),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (p) => fsp.unlink(p),
  mkdir: async (p) => {
    await fsp.mkdir(p);
  },
  rmdir: (p) => fsp.rmdir(p),
};

// ---------------------------------------------------------------------------------------------
// Paths

/** Normalises a Kata path: POSIX, absolute, no `.`/`..` (which cannot climb above `/`), no trailing slash. */
export function normalizeKataPath(p: string): string {
  const n = path.posix.normalize('/' + p.replace(/\\/g, '/'));
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** The fs path of a Kata path under `root` (`'/'` in production). */
export function toFsPath(root: string, kataPath: string): string {
  const k = normalizeKataPath(kataPath);
  return k === '/' ? path.resolve(root) : path.join(path.resolve(root), k);
}

/** The Kata path of an fs path under `root`, or undefined when it is outside the root. */
export function toKataPath(root: string, fsPath: string): string | undefined {
  const r = path.resolve(root);
  const p = path.resolve(fsPath);
  if (r === p) return '/';
  const rel = path.relative(r, p);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return normalizeKataPath(rel.split(path.sep).join('/'));
}

/** True when Kata path `p` is `dir` or inside it. */
export function isInside(p: string, dir: string): boolean {
  const a = normalizeKataPath(p);
  const d = normalizeKataPath(dir);
  return a === d || a.startsWith(d === '/' ? '/' : d + '/');
}

export function baseName(kataPath: string): string {
  return path.posix.basename(kataPath);
}

export function dirName(kataPath: string): string {
  return path.posix.dirname(normalizeKataPath(kataPath));
}

// ---------------------------------------------------------------------------------------------
// Errors

export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined;
}

/** EACCES / EPERM: something root (sudo, pkexec) could do. */
export function isPermissionError(err: unknown): boolean {
  const c = errorCode(err);
  return c === 'EACCES' || c === 'EPERM';
}

const REASONS: Record<string, string> = {
  ENOENT: 'it does not exist',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ELOOP: 'too many levels of symbolic links (a link loop?)',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  EBUSY: 'it is busy',
  EXDEV: 'it is on another file system',
  ENOSPC: 'no space left on the device',
  ENAMETOOLONG: 'the name is too long',
  EINVAL: 'invalid argument',
};

/** A one-line human message: "cannot <action> <path>: <reason>". `path` should be a Kata path. */
export function describeError(err: unknown, action: string, kataPath?: string): string {
  const code = errorCode(err);
  const reason = (code && REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
  return `cannot ${action}${kataPath ? ` ${kataPath}` : ''}: ${reason}${code && REASONS[code] ? ` (${code})` : ''}`;
}

/** Makes a Node-style error with a code, for the resolver and for tests that inject failures. */
export function fsError(code: string, message: string): NodeJS.ErrnoException {
  const e = new Error(`${code}: ${message}`) as NodeJS.ErrnoException;
  e.code = code;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Resolution inside the root

export type Resolution =
  | { ok: true; /** The real Kata path, every symlink followed. */ path: string; kind: FileKind; links: number }
  | { ok: false; code: string; /** Human message. */ message: string; /** The Kata path where resolution stopped. */ at: string };

const MAX_LINKS = 40;

function splitParts(p: string): string[] {
  return p.split('/').filter((s) => s !== '' && s !== '.');
}

/**
 * Follows every symlink of Kata path `kataPath` inside `root` and returns the real Kata path (like
 * realpath(3) in a chroot at `root`). Never throws.
 */
export async function resolveInRoot(ops: FileOps, root: string, kataPath: string): Promise<Resolution> {
  const start = normalizeKataPath(kataPath);
  let queue = splitParts(start);
  let resolved = '/';
  let links = 0;
  let kind: FileKind = 'dir';
  while (queue.length) {
    const name = queue.shift() as string;
    if (name === '..') {
      resolved = path.posix.dirname(resolved);
      kind = 'dir';
      continue;
    }
    if (kind !== 'dir') return { ok: false, code: 'ENOTDIR', message: `${resolved} is not a folder, so ${start} cannot be reached (ENOTDIR)`, at: resolved };
    const next = resolved === '/' ? '/' + name : resolved + '/' + name;
    let st: FileStat;
    try {
      st = await ops.lstat(toFsPath(root, next));
    } catch (err) {
      const code = errorCode(err) ?? 'EIO';
      const message = code === 'ENOENT' ? `${next} does not exist` : describeError(err, 'read', next);
      return { ok: false, code, message, at: next };
    }
    if (st.kind === 'symlink') {
      if (++links > MAX_LINKS) return { ok: false, code: 'ELOOP', message: `too many levels of symbolic links while resolving ${start} (a link loop?)`, at: next };
      let target: string;
      try {
        target = await ops.readlink(toFsPath(root, next));
      } catch (err) {
        return { ok: false, code: errorCode(err) ?? 'EIO', message: describeError(err, 'read the link', next), at: next };
      }
      if (target.startsWith('/')) resolved = '/';
      kind = 'dir';
      queue = [...splitParts(target), ...queue];
      continue;
    }
    resolved = next;
    kind = st.kind;
  }
  return { ok: true, path: resolved, kind, links };
}

/**
 * The fs path of a Kata path with every folder component resolved inside the root, the last
 * component not followed. Use it for every lstat/readdir/write: with a root other than `/`, the
 * kernel would follow an absolute symlink in a folder component (`/etc/kata-containers -> /data/kata`)
 * out of the root. Missing trailing parts are appended as they are. Never throws.
 */
export async function physicalPath(ops: FileOps, root: string, kataPath: string): Promise<string> {
  const k = normalizeKataPath(kataPath);
  if (k === '/') return toFsPath(root, '/');
  const parent = path.posix.dirname(k);
  const base = path.posix.basename(k);
  const r = await resolveInRoot(ops, root, parent);
  if (r.ok) return path.join(toFsPath(root, r.path), base);
  if (r.code === 'ENOENT' && parent !== '/') return path.join(await physicalPath(ops, root, parent), base);
  return toFsPath(root, k);
}

/** What is at a Kata path, without following a final symlink. */
export type PathState =
  | { kind: 'absent' }
  | { kind: 'file'; mode: number }
  | { kind: 'dir' }
  | { kind: 'other' }
  | { kind: 'symlink'; target: string; resolution: Resolution }
  | { kind: 'error'; code: string; message: string };

/** Inspects a Kata path: absent, a regular file, a folder, or a symlink with its raw target and resolution. Never throws. */
export async function inspectPath(ops: FileOps, root: string, kataPath: string): Promise<PathState> {
  const fsPath = await physicalPath(ops, root, kataPath);
  let st: FileStat;
  try {
    st = await ops.lstat(fsPath);
  } catch (err) {
    if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR') return { kind: 'absent' };
    return { kind: 'error', code: errorCode(err) ?? 'EIO', message: describeError(err, 'inspect', kataPath) };
  }
  if (st.kind === 'file') return { kind: 'file', mode: st.mode };
  if (st.kind === 'dir') return { kind: 'dir' };
  if (st.kind === 'other') return { kind: 'other' };
  let target: string;
  try {
    target = await ops.readlink(fsPath);
  } catch (err) {
    return { kind: 'error', code: errorCode(err) ?? 'EIO', message: describeError(err, 'read the link', kataPath) };
  }
  return { kind: 'symlink', target, resolution: await resolveInRoot(ops, root, kataPath) };
}

/** Lists a folder (Kata path); undefined when it is absent or not a folder, a message on other errors. Never throws. */
export async function listDir(ops: FileOps, root: string, kataDir: string): Promise<{ names?: string[]; error?: string }> {
  try {
    const r = await resolveInRoot(ops, root, kataDir);
    if (!r.ok && (r.code === 'ENOENT' || r.code === 'ENOTDIR')) return {};
    return { names: await ops.readdir(r.ok ? toFsPath(root, r.path) : toFsPath(root, kataDir)) };
  } catch (err) {
    const c = errorCode(err);
    if (c === 'ENOENT' || c === 'ENOTDIR') return {};
    return { error: describeError(err, 'list', kataDir) };
  }
}

/** True when the Kata path resolves (following links) to a folder. */
export async function isDirInRoot(ops: FileOps, root: string, kataPath: string): Promise<boolean> {
  const r = await resolveInRoot(ops, root, kataPath);
  return r.ok && r.kind === 'dir';
}

/** Reads a file by Kata path (following links inside the root). Never throws. */
export async function readInRoot(ops: FileOps, root: string, kataPath: string): Promise<{ ok: true; data: Buffer; realPath: string } | { ok: false; message: string; code: string }> {
  const r = await resolveInRoot(ops, root, kataPath);
  if (!r.ok) return { ok: false, message: r.message, code: r.code };
  if (r.kind === 'dir') return { ok: false, message: `${kataPath} is a folder, not a file`, code: 'EISDIR' };
  try {
    return { ok: true, data: await ops.readFile(toFsPath(root, r.path)), realPath: r.path };
  } catch (err) {
    return { ok: false, message: describeError(err, 'read', kataPath), code: errorCode(err) ?? 'EIO' };
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Compares names by their UTF-8 bytes, the order Go's os.ReadDir and Rust's sort by file name use. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A short random suffix for temporary names beside a file. */
export function tempSuffix(): string {
  return `${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
