/**
 * The machine the language service reads, injected: this machine's file system on Node
 * (nodeHost.ts), none in the browser worker (NO_MACHINE), fakes in tests. Nothing here imports Node.
 */
import type { Arch } from './kata/releases';

export interface Host {
  exists(path: string): boolean;
  /** The file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** The path with symlinks resolved, or the path itself when that fails. */
  realpath(path: string): string;
  /** A directory's entries, or undefined when it cannot be listed. */
  list(dir: string): Array<{ name: string; directory: boolean; symlink?: boolean }> | undefined;
  /** How this machine writes file paths and file URIs (node:path and node:url on Node); POSIX rules when absent. */
  paths?: HostPaths;
  /** This machine's architecture, assumed for a file that gives none; x86_64 when absent. */
  arch?: Arch;
  /**
   * False when no machine stands behind the host (the browser worker): then nothing is said about
   * "this machine" — no host checks, no path existence in hover, no file names in completion.
   */
  machine?: boolean;
}

/** File paths and `file:` URIs as the host's machine writes them (the subset of node:path the service uses). */
export interface HostPaths {
  readonly sep: string;
  join(...parts: string[]): string;
  dirname(path: string): string;
  resolve(...parts: string[]): string;
  relative(from: string, to: string): string;
  /** The path a `file:` URI names; undefined for any other URI, or one that names no path here. */
  fileUriPath(uri: string): string | undefined;
  pathFileUri(path: string): string;
}

/** The browser worker's host: no files, no machine. */
export const NO_MACHINE: Host = { exists: () => false, readFile: () => undefined, realpath: (p) => p, list: () => undefined, machine: false };
