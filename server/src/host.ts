/** This machine's file system, as the language service sees it (replaceable in tests). */
import * as fs from 'node:fs';

export interface Host {
  exists(path: string): boolean;
  /** The file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  /** The path with symlinks resolved, or the path itself when that fails. */
  realpath(path: string): string;
  /** A directory's entries, or undefined when it cannot be listed. */
  list(dir: string): Array<{ name: string; directory: boolean; symlink?: boolean }> | undefined;
}

export const nodeHost: Host = {
  exists: (p) => fs.existsSync(p),
  readFile: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  list: (dir) => {
    try {
      return fs.readdirSync(dir, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() || (e.isSymbolicLink() && isDir(`${dir}/${e.name}`)), symlink: e.isSymbolicLink() }));
    } catch {
      return undefined;
    }
  },
  realpath: (p) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return p;
    }
  },
};

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
