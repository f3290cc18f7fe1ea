import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (tests run from out/test/..., sources from test/...). */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

/** ../shared beside the repository, or KATA_CONFIG_SHARED when set. */
export const sharedDir = process.env.KATA_CONFIG_SHARED ?? path.resolve(repoRoot, '..', 'shared');

/** A test's `skip` option: false when the folder exists, else the reason to print. */
export function skipUnlessShared(sub: string): string | false {
  const dir = path.join(sharedDir, sub);
  return fs.existsSync(dir) ? false : `skipped: ${dir} is absent (the read-only shared resources are not beside this checkout)`;
}

export function sharedPath(...parts: string[]): string {
  return path.join(sharedDir, ...parts);
}

/** Every Kata config of the shared corpus: { release, runtimeFolder, file, path }. */
export function corpusFiles(): Array<{ release: string; folder: string; file: string; path: string }> {
  const root = sharedPath('kata-configs');
  if (!fs.existsSync(root)) return [];
  const out = [];
  for (const release of fs.readdirSync(root).sort()) {
    const relDir = path.join(root, release);
    if (!fs.statSync(relDir).isDirectory()) continue;
    for (const folder of fs.readdirSync(relDir).sort()) {
      const dir = path.join(relDir, folder);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir).sort()) {
        if (file.endsWith('.toml')) out.push({ release, folder, file, path: path.join(dir, file) });
      }
    }
  }
  return out;
}
