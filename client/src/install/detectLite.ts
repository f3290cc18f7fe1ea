/**
 * A light stand-in for the language server's `detectTarget` (server/src/kata/target.ts) for the
 * install modules, which are bundled into the extension: importing `detectTarget` pulls the whole
 * schema and key docs into `dist/extension.js` (about +94 KB gzipped, beyond the VSIX size budget).
 *
 * The same runtime rules (server/src/kata/runtimeDetection.ts: directive, file name, install path,
 * runtime-rs-only content, else Go); the release only from a `# kata-config: release=` directive,
 * the installation's recorded release (`settings.installation`) or the `kata.release` setting, in
 * that order (no inference from the keys). Pass the real `detectTarget` as `DiscoverOptions.detectTarget` to get
 * release inference from content. No `vscode` import.
 */
import { NEWEST_RELEASE, resolveArch, resolveRelease, type Release, type ReleaseRange } from '../../../server/src/kata/releases';
import { detectRuntime, hypervisorTables, readTargetDirective } from '../../../server/src/kata/runtimeDetection';
import { hostArch } from '../../../server/src/nodeHost';
import type { Target, TargetSettings } from '../../../server/src/kata/target';
import type { TomlDocument } from '../../../server/src/toml';

/** What the install modules need from a target detector; the server's `detectTarget` fits it. */
export type TargetDetector = (
  path: string | undefined,
  doc: TomlDocument,
  settings?: TargetSettings,
) => Pick<Target, 'runtime' | 'release' | 'arch' | 'hypervisors'> & { consistentReleases?: ReleaseRange; why: Pick<Target['why'], 'runtime' | 'release'> };

/** Runtime (with the server's rules) and release (directive or setting only) of a parsed config. */
export const liteDetectTarget: TargetDetector = (path, doc, settings = {}) => {
  const d = readTargetDirective(doc.text);
  const hypervisors = hypervisorTables(doc.root);
  const { runtime, why: runtimeWhy } = detectRuntime(path, doc, d, hypervisors);
  const settingRelease = settings.release ? resolveRelease(settings.release) : null;
  let release: Release = NEWEST_RELEASE;
  let releaseWhy = 'no release is named, so the newest known release is assumed';
  const installed = settings.installation?.release ? settings.installation : undefined;
  if (d.release) [release, releaseWhy] = [d.release, `set by the kata-config directive (release=${d.releaseText})`];
  else if (installed?.release) [release, releaseWhy] = [installed.release, installed.note ? `${installed.why}; ${installed.note}` : installed.why];
  else if (settingRelease) [release, releaseWhy] = [settingRelease, `from the kata.release setting (${settings.release})`];
  const arch = d.arch ?? (settings.arch ? resolveArch(settings.arch) : null) ?? settings.hostArch ?? hostArch();
  return { runtime, release, arch, hypervisors, why: { runtime: runtimeWhy, release: releaseWhy } };
};
