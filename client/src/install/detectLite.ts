/**
 * A light stand-in for the language server's `detectTarget` (server/src/kata/target.ts) for the
 * install modules, which are bundled into the extension: importing `detectTarget` pulls the whole
 * schema and key docs into `dist/extension.js` (about +94 KB gzipped, beyond the VSIX size budget).
 *
 * Same rules for the runtime (directive, file name, install path, runtime-rs-only content, else Go);
 * the release only from a `# kata-config: release=` directive or the `kata.release` setting (no
 * inference from the keys). Pass the real `detectTarget` as `DiscoverOptions.detectTarget` to get
 * release inference from content. No `vscode` import.
 */
import { catalogEntriesForFile } from '../../../server/src/kata/catalog';
import { ARCHES, NEWEST_RELEASE, resolveArch, resolveRelease, type Arch, type Release, type ReleaseRange, type Runtime } from '../../../server/src/kata/releases';
import type { Target, TargetSettings } from '../../../server/src/kata/target';
import type { TomlDocument } from '../../../server/src/toml';

/** What the install modules need from a target detector; the server's `detectTarget` fits it. */
export type TargetDetector = (
  path: string | undefined,
  doc: TomlDocument,
  settings?: TargetSettings,
) => Pick<Target, 'runtime' | 'release' | 'arch' | 'hypervisors'> & { consistentReleases?: ReleaseRange; why: Pick<Target['why'], 'runtime' | 'release'> };

const DIRECTIVE = /^[ \t]*#[ \t]*kata-config:[ \t]*(.*)$/gm;

/** The runtime, release and arch named by `# kata-config: key=value` directives (the same syntax the server reads). */
export function readDirective(text: string): { runtime?: Runtime; release?: Release; releaseText?: string; arch?: Arch } {
  const out: { runtime?: Runtime; release?: Release; releaseText?: string; arch?: Arch } = {};
  for (const m of text.matchAll(DIRECTIVE)) {
    for (const word of m[1].trim().split(/\s+/)) {
      const eq = word.indexOf('=');
      if (eq < 0) continue;
      const k = word.slice(0, eq).toLowerCase();
      const v = word.slice(eq + 1);
      if (k === 'runtime') {
        const r = v.toLowerCase();
        if (r === 'go') out.runtime = 'go';
        else if (r === 'rs' || r === 'runtime-rs' || r === 'rust') out.runtime = 'rs';
      } else if (k === 'release' || k === 'version') {
        const rel = resolveRelease(v);
        if (rel) {
          out.release = rel;
          out.releaseText = v;
        }
      } else if (k === 'arch') {
        const a = resolveArch(v);
        if (a) out.arch = a;
      }
    }
  }
  return out;
}

const RS_ONLY_RUNTIME_KEYS = ['name', 'hypervisor_name', 'agent_name'];
const RS_ONLY_TABLES = ['dragonball', 'cloud-hypervisor', 'openvmm'];

function hostArch(): Arch {
  const a = resolveArch(process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch === 'ppc64' ? 'ppc64le' : process.arch);
  return a && (ARCHES as readonly string[]).includes(a) ? a : 'x86_64';
}

/** Runtime (with the server's rules) and release (directive or setting only) of a parsed config. */
export const liteDetectTarget: TargetDetector = (path, doc, settings = {}) => {
  const d = readDirective(doc.text);
  const h = doc.root.entries.get('hypervisor');
  const hypervisors = h?.type === 'table' ? [...h.entries.keys()] : [];
  let runtime: Runtime | undefined;
  let runtimeWhy = '';
  if (d.runtime) [runtime, runtimeWhy] = [d.runtime, 'set by the kata-config directive in the file'];
  if (!runtime && path) {
    const norm = path.replace(/\\/g, '/');
    const name = (norm.split('/').pop() ?? norm).replace(/\.in$/, '');
    const runtimes = new Set(catalogEntriesForFile(name).map((m) => m.runtime));
    const shim = /\/runtimes\/([^/]+)\//.exec(norm);
    if (runtimes.size === 1) {
      [runtime] = runtimes;
      runtimeWhy = `${name} is a ${runtime === 'rs' ? 'runtime-rs' : 'Go runtime'} file name`;
    } else if (/-runtime-rs\.toml$/.test(name)) [runtime, runtimeWhy] = ['rs', 'the file name ends in -runtime-rs.toml'];
    else if (/(^|\/)runtime-rs\//.test(norm)) [runtime, runtimeWhy] = ['rs', 'the file lives in a runtime-rs/ folder'];
    else if (shim && /runtime-rs|dragonball|cloud-hypervisor|openvmm/.test(shim[1])) [runtime, runtimeWhy] = ['rs', `kata-deploy's runtimes/${shim[1]}/ folder belongs to a runtime-rs shim`];
  }
  if (!runtime) {
    const rt = doc.root.entries.get('runtime');
    const key = rt?.type === 'table' ? RS_ONLY_RUNTIME_KEYS.find((k) => rt.entries.has(k)) : undefined;
    const table = hypervisors.find((x) => RS_ONLY_TABLES.includes(x));
    if (key) [runtime, runtimeWhy] = ['rs', `[runtime] sets ${key}, which only runtime-rs reads`];
    else if (table) [runtime, runtimeWhy] = ['rs', `[hypervisor.${table}] is a runtime-rs hypervisor`];
    else [runtime, runtimeWhy] = ['go', 'nothing marks it as runtime-rs, so the Go runtime is assumed'];
  }
  const settingRelease = settings.release ? resolveRelease(settings.release) : null;
  let release: Release = NEWEST_RELEASE;
  let releaseWhy = 'no release is named, so the newest known release is assumed';
  if (d.release) [release, releaseWhy] = [d.release, `set by the kata-config directive (release=${d.releaseText})`];
  else if (settingRelease) [release, releaseWhy] = [settingRelease, `from the kata.release setting (${settings.release})`];
  const arch = d.arch ?? (settings.arch ? resolveArch(settings.arch) : null) ?? settings.hostArch ?? hostArch();
  return { runtime, release, arch, hypervisors, why: { runtime: runtimeWhy, release: releaseWhy } };
};
