/**
 * Where the extractor reads Kata's source from: a folder laid out like ../shared/kata-source
 * (`<release>/src/...` for several releases) or a kata-containers checkout (one release, named by
 * its VERSION file). Later arguments win for a release given twice.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sortReleases } from './runs';

export interface ReleaseSource {
  release: string;
  dir: string;
}

const RELEASE_DIR = /^\d+\.\d+\.\d+$/;

function isKataTree(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'src', 'runtime', 'pkg', 'katautils', 'config.go'));
}

/** The release a checkout's VERSION file names, as major.minor.patch (a `-rc0` suffix is dropped). */
export function checkoutRelease(dir: string): string | undefined {
  const file = path.join(dir, 'VERSION');
  if (!fs.existsSync(file)) return undefined;
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(fs.readFileSync(file, 'utf8').trim());
  return m ? `${+m[1]}.${+m[2]}.${+m[3]}` : undefined;
}

export function findSources(args: readonly string[]): ReleaseSource[] {
  const byRelease = new Map<string, string>();
  for (const arg of args) {
    const dir = path.resolve(arg);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`${arg}: not a directory`);
    if (isKataTree(dir)) {
      const release = checkoutRelease(dir);
      if (!release) throw new Error(`${arg}: a Kata source tree without a VERSION file naming its release`);
      byRelease.set(release, dir);
      continue;
    }
    const releases = fs.readdirSync(dir).filter((n) => RELEASE_DIR.test(n) && isKataTree(path.join(dir, n)));
    if (!releases.length) throw new Error(`${arg}: neither a kata-containers checkout (src/runtime/pkg/katautils/config.go and VERSION) nor a folder of <release>/src/... trees`);
    for (const r of releases) byRelease.set(r, path.join(dir, r));
  }
  return sortReleases(byRelease.keys()).map((release) => ({ release, dir: byRelease.get(release)! }));
}

/** Reads a source tree from disk by repository-relative path (the expander's SourceReader). */
export { fsReader } from '../../server/src/checkout/fsReader';
