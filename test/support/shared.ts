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

export interface CorpusFile {
  release: string;
  /** `go`, `go-arm64`, `rs` or `rs-arm64`: only sorts the corpus (detection never reads it). */
  folder: string;
  runtime: 'go' | 'rs';
  arch: 'x86_64' | 'aarch64';
  file: string;
  path: string;
  /** False for the four files upstream generates with a template typo (see kata-configs/README.md). */
  validToml: boolean;
}

/** Files Kata installs that are not TOML: `dial_timeout = @DEFAULTTIMEOUT_NV` (template typo, fixed in 3.7.0). */
const INVALID_TOML = new Set(['3.5.0/go/configuration-qemu-nvidia-gpu-snp.toml', '3.5.0/go-arm64/configuration-qemu-nvidia-gpu-snp.toml', '3.6.0/go/configuration-qemu-nvidia-gpu-snp.toml', '3.6.0/go-arm64/configuration-qemu-nvidia-gpu-snp.toml']);

/** Every Kata config of the shared corpus (releases oldest first). */
export function corpusFiles(): CorpusFile[] {
  const root = sharedPath('kata-configs');
  if (!fs.existsSync(root)) return [];
  const out: CorpusFile[] = [];
  const num = (v: string) => v.split('.').map(Number);
  const releases = fs.readdirSync(root).filter((r) => /^\d+\.\d+\.\d+$/.test(r));
  releases.sort((a, b) => num(a)[0] - num(b)[0] || num(a)[1] - num(b)[1] || num(a)[2] - num(b)[2]);
  for (const release of releases) {
    const relDir = path.join(root, release);
    if (!fs.statSync(relDir).isDirectory()) continue;
    for (const folder of fs.readdirSync(relDir).sort()) {
      const dir = path.join(relDir, folder);
      if (!fs.statSync(dir).isDirectory()) continue;
      for (const file of fs.readdirSync(dir).sort()) {
        if (!file.endsWith('.toml')) continue;
        const runtime = folder.startsWith('rs') ? 'rs' : 'go';
        const arch = folder.endsWith('arm64') ? 'aarch64' : 'x86_64';
        out.push({ release, folder, runtime, arch, file, path: path.join(dir, file), validToml: !INVALID_TOML.has(`${release}/${folder}/${file}`) });
      }
    }
  }
  return out;
}
