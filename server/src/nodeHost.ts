/** This machine, for the Node server and the CLI: its file system, path rules and architecture. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Host, HostPaths } from './host';
import { resolveArch, type Arch } from './kata/releases';

export const nodePaths: HostPaths = {
  sep: path.sep,
  join: path.join,
  dirname: path.dirname,
  resolve: path.resolve,
  relative: path.relative,
  fileUriPath: (uri) => {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
  pathFileUri: (p) => pathToFileURL(p).href,
};

/** The architecture Node runs on, in Kata's names (x86_64 for one Kata does not know). */
export function hostArch(): Arch {
  return resolveArch(process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch === 'ppc64' ? 'ppc64le' : process.arch) ?? 'x86_64';
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
  paths: nodePaths,
  arch: hostArch(),
};

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
