/**
 * The Kata release of the installation an installed config file belongs to, from what that
 * installation records about itself, with the evidence in one sentence.
 *
 * Pure: no `node:fs`, no `child_process`, no `vscode`. Everything goes through an injected
 * `InstalledReleaseHost`, whose paths are Kata paths (as the machine sees them). Imports only
 * releases.ts, so the client can bundle it without the schema.
 *
 * Where an installation records its version (facts from the kata-containers repository):
 *
 * | record | path | releases | format |
 * |---|---|---|---|
 * | release tarball / kata-deploy payload | `<prefix>/VERSION` (`/opt/kata/VERSION`, `/opt/kata-<suffix>/VERSION`) | written by `tools/packaging/kata-deploy/local-build/kata-deploy-merge-builds.sh` at every release; kata-deploy copies it to the host up to 3.31 (from 3.32 kata-deploy extracts per-component tarballs and writes no VERSION) | one line. From 3.19 a release build copies the repository's `VERSION` (`3.25.0`); before that it is `git describe` output, which for 3.3–3.13 names the last *annotated* tag (`3.3.0-alpha0-2798-g3de6d09a86`) and for 3.14–3.18 the previous release (`3.17.0-253-g6722ea2fd9`, the tag was not pushed yet) |
 * | Fedora / CentOS RPM `kata-containers` | `/usr/libexec/kata-containers/VERSION` (configs in `/usr/share/kata-containers/defaults/`) | the distro spec installs the repository's `VERSION` | `3.21.0` |
 * | Debian / Ubuntu packages (none official for Kata 3.x; third-party builds) | `/var/lib/dpkg/status` stanza, `/var/lib/dpkg/info/<pkg>[:<arch>].list` | any | `Version: [epoch:]3.25.0[~rc0][-revision]` |
 * | Go shim `containerd-shim-kata-v2 --version` | `<prefix>/bin/` (`/usr/local/bin/` for a default source build) | all | `Kata Containers containerd shim (Golang): id: "io.containerd.kata.v2", version: 3.25.0, commit: <sha>` |
 * | `kata-runtime --version` | `<prefix>/bin/kata-runtime` | all | first line `kata-runtime  : 3.25.0`, then `   commit   : <sha>`, `   OCI specs: <v>` |
 * | runtime-rs shim `--version` | `<prefix>/runtime-rs/bin/containerd-shim-kata-v2` (`/usr/local/bin/` for a default build) | all | `Kata Containers containerd shim (Rust): id: io.containerd.kata.v2, version: 3.25.0, commit: <sha>` |
 * | snap (Kata ≤ 3.1 only; snapcraft.yaml left the repository at 3.2.0) | `/snap/kata-containers/<rev>/meta/snap.yaml` | < 3.2.0 | `version: '3.1.0'` |
 *
 * The configuration files themselves record no version (their `# XXX:` header names the source
 * template and the project only), nor does `versions.yaml` (it lists component versions).
 */
import { compareVersions, parseRelease, RELEASES, type Release } from './releases';

/** What `installedRelease` may look at. Paths are Kata paths (absolute, `/`-separated). */
export interface InstalledReleaseHost {
  /** The text of a file (links followed), or undefined when it is absent or unreadable. */
  readFile(path: string): string | undefined;
  /** True when something is at `path` (links followed). */
  exists(path: string): boolean;
  /** The path with every symlink followed, when the host can tell (else links are not followed). */
  realPath?(path: string): string | undefined;
  /**
   * The output of `<binary> --version` (stdout, else stderr), or undefined when it was not run
   * (untrusted workspace, no such binary), failed or timed out. Absent: binaries are never run.
   */
  runVersion?(binary: string): string | undefined;
}

export type InstalledReleaseSource = 'payload' | 'rpm' | 'dpkg' | 'snap' | 'binary';

export interface InstalledRelease {
  /** The Kata version as the record gives it (`3.25.0`, `3.25.0-rc0`, `3.17.0-253-g6722ea2fd9`). */
  version: string;
  /** The known release whose rules apply; undefined when kata-config cannot tell (see `note`). */
  release?: Release;
  /** What was assumed (from `parseRelease`), or why no release fits. */
  note?: string;
  /** One sentence naming the evidence. */
  why: string;
  source: InstalledReleaseSource;
  /** The file or binary that told it. */
  evidence: string;
  /** The installation's prefix (`/opt/kata`, `/usr`, `/opt/kata-<suffix>`, a snap folder). */
  prefix: string;
  /** For `git describe` versions: the release is this one or later. */
  atLeast?: Release;
}

// ---------------------------------------------------------------------------------------------
// Parsers of each record

export interface VersionFileInfo {
  /** The first meaningful line. */
  raw: string;
  /** `exact`: a release or pre-release (`3.25.0`, `3.25.0-rc0`); `describe`: `git describe` output. */
  kind: 'exact' | 'describe' | 'unrecognized';
  /** For `describe`: the tag it is counted from, the commits after it and the commit. */
  tag?: string;
  commits?: number;
  commit?: string;
}

const EXACT = /^v?\d+\.\d+(?:\.\d+)?(?:-(?:alpha|beta|rc)\d*)?$/;
const DESCRIBE = /^(v?\d+\.\d+(?:\.\d+)?(?:-(?:alpha|beta|rc)\d*)?)-(\d+)-g([0-9a-f]{4,40})(?:-dirty)?$/;

/** Parses a `VERSION` file (the repository's, or the one the release tarball writes). Undefined when empty. */
export function parseVersionFile(text: string): VersionFileInfo | undefined {
  const line = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('#'));
  if (!line) return undefined;
  if (EXACT.test(line)) return { raw: line, kind: 'exact' };
  const d = DESCRIBE.exec(line);
  if (d) return { raw: line, kind: 'describe', tag: d[1], commits: +d[2], commit: d[3] };
  return { raw: line, kind: 'unrecognized' };
}

export interface ToolVersion {
  tool: 'go-shim' | 'rs-shim' | 'kata-runtime';
  version: string;
  commit?: string;
}

/**
 * Parses `containerd-shim-kata-v2 --version` (Go or Rust) or `kata-runtime --version` output.
 * Undefined when the text is neither, or names no version (`unknown`, empty).
 */
export function parseVersionOutput(text: string): ToolVersion | undefined {
  const shim = /containerd shim \((Golang|Rust)\): id: "?([^",\s]*)"?, version: ([^,\s]*), commit: (\S*)/.exec(text);
  if (shim) {
    const version = shim[3];
    if (!version || version === 'unknown') return undefined;
    const out: ToolVersion = { tool: shim[1] === 'Rust' ? 'rs-shim' : 'go-shim', version };
    if (shim[4] && shim[4] !== 'unknown') out.commit = shim[4];
    return out;
  }
  const rt = /^\s*[\w.-]*-runtime\s+:\s*(\S+)\s*$/m.exec(text);
  if (rt) {
    if (rt[1] === 'unknown') return undefined;
    const out: ToolVersion = { tool: 'kata-runtime', version: rt[1] };
    const c = /^\s*commit\s*:\s*(\S+)\s*$/m.exec(text);
    if (c && c[1] !== 'unknown') out.commit = c[1];
    return out;
  }
  return undefined;
}

export interface DpkgPackage {
  package: string;
  version?: string;
  status?: string;
  architecture?: string;
}

/** Parses `/var/lib/dpkg/status` (RFC 822-style stanzas separated by blank lines). */
export function parseDpkgStatus(text: string): DpkgPackage[] {
  const out: DpkgPackage[] = [];
  for (const stanza of text.split(/\r?\n(?:[ \t]*\r?\n)+/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split(/\r?\n/)) {
      if (/^[ \t]/.test(line)) continue; // continuation of a multi-line field
      const m = /^([A-Za-z0-9][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
      if (m) fields.set(m[1].toLowerCase(), m[2].trim());
    }
    const name = fields.get('package');
    if (!name) continue;
    const p: DpkgPackage = { package: name };
    for (const k of ['version', 'status', 'architecture'] as const) {
      const v = fields.get(k);
      if (v !== undefined) p[k] = v;
    }
    out.push(p);
  }
  return out;
}

/** The upstream part of a Debian version: `1:3.25.0~rc0-1ubuntu2` → `3.25.0-rc0`, `3.25.0+dfsg-1` → `3.25.0`. */
export function debianUpstreamVersion(v: string): string {
  let s = v.trim().replace(/^\d+:/, '');
  const dash = s.lastIndexOf('-');
  if (dash > 0) s = s.slice(0, dash);
  s = s.replace(/[+].*$/, '');
  return s.replace(/~/g, '-');
}

/** `version:` of a snap's `meta/snap.yaml`. */
export function parseSnapYaml(text: string): string | undefined {
  const m = /^version:\s*['"]?([^'"\s#]+)['"]?\s*(?:#.*)?$/m.exec(text);
  return m ? m[1] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Which installation a config belongs to

export type InstallRuntime = 'go' | 'rs';

export interface Installation {
  /** `/opt/kata`, `/usr`, `/opt/kata-<suffix>`, `/usr/local`, `/snap/kata-containers/<rev>`. */
  prefix: string;
  layout: 'prefix' | 'fedora' | 'snap';
  /** The runtime whose folder the config is in, when the path tells it. */
  runtime?: InstallRuntime;
  /** Set when the path is a kata-deploy per-shim or custom-runtime folder. */
  kataDeploy?: boolean;
  /** How the installation was found, as a clause ("the file is in /opt/kata's shipped defaults"). */
  how: string;
}

const DEFAULTS_SEGMENT = '/share/defaults/kata-containers';
const FEDORA_SEGMENT = '/share/kata-containers/defaults';
const ADMIN_DIR = '/etc/kata-containers';
const SHIM = 'containerd-shim-kata-v2';

function normalize(p: string): string {
  const parts: string[] = [];
  for (const s of p.replace(/\\/g, '/').split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') parts.pop();
    else parts.push(s);
  }
  return '/' + parts.join('/');
}

/** runtime-rs config names (3.2.0 installed them beside the Go ones). */
const RS_FILE = /^configuration-(?:dragonball|rs-fc|cloud-hypervisor|.*-runtime-rs)\.toml$/;

function rsShim(shim: string): boolean {
  return /-runtime-rs$/.test(shim) || shim === 'dragonball';
}

/** The installation a config at a (real) shipped-defaults path belongs to; undefined for other paths. */
function installationAt(path: string): Installation | undefined {
  const snap = /^(\/snap\/kata-containers\/[^/]+)\//.exec(path);
  if (snap) return { prefix: snap[1], layout: 'snap', how: `the file is in the kata-containers snap ${snap[1]}` };
  for (const [segment, layout] of [
    [DEFAULTS_SEGMENT, 'prefix'],
    [FEDORA_SEGMENT, 'fedora'],
  ] as const) {
    const i = path.indexOf(segment + '/');
    if (i < 0) continue;
    const prefix = path.slice(0, i) || '/';
    const rest = path.slice(i + segment.length + 1).split('/');
    const inst: Installation = { prefix, layout, how: `the file is in ${prefix}'s shipped defaults` };
    let k = 0;
    if (rest[k] === 'runtime-rs' && rest.length > k + 1) {
      inst.runtime = 'rs';
      k++;
    }
    if ((rest[k] === 'runtimes' || rest[k] === 'custom-runtimes') && rest.length > k + 2) {
      inst.kataDeploy = true;
      if (rest[k] === 'runtimes') inst.runtime = rsShim(rest[k + 1]) ? 'rs' : (inst.runtime ?? 'go');
      inst.how = `the file is in kata-deploy's ${rest[k]}/${rest[k + 1]}/ folder of ${prefix}`;
    } else if (rest.length === k + 1 && !inst.runtime) inst.runtime = RS_FILE.test(rest[k]) ? 'rs' : 'go';
    return inst;
  }
  return undefined;
}

function defaultsDirs(prefix: string, runtime: InstallRuntime): string[] {
  const sub = runtime === 'rs' ? '/runtime-rs' : '';
  const dirs = [`${prefix === '/' ? '' : prefix}${DEFAULTS_SEGMENT}${sub}`];
  if (prefix === '/usr') dirs.push(`/usr${FEDORA_SEGMENT}${sub}`);
  return dirs;
}

/** The prefix of a shim binary's real path: `<prefix>/bin/x`, `<prefix>/runtime-rs/bin/x`. */
function prefixOfBinary(real: string): { prefix: string; runtime?: InstallRuntime } | undefined {
  const parts = real.split('/');
  if (parts.length < 3 || parts[parts.length - 2] !== 'bin') return undefined;
  if (parts[parts.length - 3] === 'runtime-rs') return { prefix: parts.slice(0, -3).join('/') || '/', runtime: 'rs' };
  return { prefix: parts.slice(0, -2).join('/') || '/' };
}

/**
 * The installation whose defaults an `/etc/kata-containers` file overrides: the one shipping a
 * file of the same name (when only one does), else the one the shim on PATH belongs to, else the
 * only installation present.
 */
function installationForAdmin(path: string, host: InstalledReleaseHost): Installation | undefined {
  const rel = path.slice(ADMIN_DIR.length + 1).split('/');
  const runtime: InstallRuntime = rel[0] === 'runtime-rs' ? 'rs' : 'go';
  const name = runtime === 'rs' ? rel[1] : rel[0];
  if (!name || rel.length > (runtime === 'rs' ? 2 : 1)) {
    // A drop-in (config.d/…): the base file's installation.
    if (rel.includes('config.d')) return installationForAdmin(`${ADMIN_DIR}${runtime === 'rs' ? '/runtime-rs' : ''}/configuration.toml`, host);
    return undefined;
  }
  const candidates = ['/opt/kata', '/usr'];
  const present = candidates.filter((p) => defaultsDirs(p, runtime).some((d) => host.exists(d)));
  const shipping = present.filter((p) => defaultsDirs(p, runtime).some((d) => host.exists(`${d}/${name}`)));
  if (shipping.length === 1) return { prefix: shipping[0], layout: 'prefix', runtime, how: `${path} overrides ${shipping[0]}'s ${name}` };
  for (const bin of ['/usr/local/bin', '/usr/bin']) {
    const shim = `${bin}/${SHIM}`;
    if (!host.exists(shim)) continue;
    const real = normalize(host.realPath?.(shim) ?? shim);
    const owner = prefixOfBinary(real);
    if (!owner || (owner.runtime ?? 'go') !== runtime) continue;
    // A default source build (PREFIX=/usr) installs its binaries in /usr/local/bin.
    const prefix = owner.prefix === '/usr/local' ? '/usr' : owner.prefix;
    return { prefix, layout: 'prefix', runtime, how: `${path} is read by the shim on PATH, ${shim}${real !== shim ? ` (→ ${real})` : ''}` };
  }
  if (present.length === 1) return { prefix: present[0], layout: 'prefix', runtime, how: `${path} overrides the only Kata installation, ${present[0]}` };
  return undefined;
}

/** The installation a config file belongs to (links followed when the host can), or undefined. */
export function installationOf(configPath: string, host: InstalledReleaseHost): Installation | undefined {
  const path = normalize(configPath);
  const real = normalize(host.realPath?.(path) ?? path);
  const inst = installationAt(real) ?? installationAt(path);
  if (inst) {
    if (real !== path && !installationAt(path)) inst.how = `${path} links to ${real}, in ${inst.prefix}'s ${inst.kataDeploy ? 'kata-deploy folders' : 'shipped defaults'}`;
    return inst;
  }
  for (const p of [real, path]) if (p.startsWith(ADMIN_DIR + '/')) return installationForAdmin(p, host);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the records

function resolved(version: string): Pick<InstalledRelease, 'release' | 'note'> {
  const r = parseRelease(version);
  if (r.release) return r.note ? { release: r.release, note: r.note } : { release: r.release };
  return { note: r.error };
}

function joinPrefix(prefix: string, rest: string): string {
  return prefix === '/' ? rest : prefix + rest;
}

/** The newest known release a `git describe` tag shows the build to be at least. */
function atLeastOf(tag: string): Release | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(-.*)?$/.exec(tag);
  if (!m) return undefined;
  const v = `${+m[1]}.${+m[2]}.${m[3] === undefined ? 0 : +m[3]}`;
  const older = RELEASES.filter((r) => (m[4] ? compareVersions(r, v) < 0 : compareVersions(r, v) <= 0));
  return older[older.length - 1];
}

function describeNote(v: VersionFileInfo): string {
  return (
    `${v.raw} is \`git describe\` output (${v.commits} commits after ${v.tag}), which Kata's payload build writes for ` +
    `development builds and wrote for releases too before 3.19.0, naming an earlier tag than the release built: the release cannot be told from it`
  );
}

function binariesFor(inst: Installation): Array<{ path: string; runtime: InstallRuntime }> {
  const p = (rest: string) => joinPrefix(inst.prefix, rest);
  const go = [
    { path: p(`/bin/${SHIM}`), runtime: 'go' as const },
    { path: p('/bin/kata-runtime'), runtime: 'go' as const },
  ];
  const rs = [{ path: p(`/runtime-rs/bin/${SHIM}`), runtime: 'rs' as const }];
  if (inst.prefix === '/usr') {
    // A default source build (PREFIX=/usr) puts its binaries in /usr/local/bin.
    go.push({ path: `/usr/local/bin/${SHIM}`, runtime: 'go' }, { path: '/usr/local/bin/kata-runtime', runtime: 'go' });
    rs.push({ path: `/usr/local/bin/${SHIM}`, runtime: 'rs' });
  }
  if (inst.layout === 'snap') return [{ path: `${inst.prefix}/usr/bin/${SHIM}`, runtime: 'go' }, { path: `${inst.prefix}/usr/bin/kata-runtime`, runtime: 'go' }];
  return inst.runtime === 'rs' ? [...rs, ...go] : [...go, ...rs];
}

function dpkgRecord(configPaths: string[], inst: Installation, host: InstalledReleaseHost): InstalledRelease | undefined {
  const status = host.readFile('/var/lib/dpkg/status');
  if (!status) return undefined;
  const installed = parseDpkgStatus(status).filter((p) => p.version && (!p.status || /\binstalled$/.test(p.status)) && /kata/.test(p.package));
  const base = { source: 'dpkg' as const, prefix: inst.prefix };
  for (const p of installed) {
    for (const list of [`/var/lib/dpkg/info/${p.package}.list`, ...(p.architecture ? [`/var/lib/dpkg/info/${p.package}:${p.architecture}.list`] : [])]) {
      const text = host.readFile(list);
      if (!text) continue;
      const files = new Set(text.split(/\r?\n/).map((l) => l.trim()));
      const owned = configPaths.find((c) => files.has(c));
      if (!owned) continue;
      const version = debianUpstreamVersion(p.version!);
      return { ...base, version, ...resolved(version), evidence: list, why: `dpkg lists ${owned} in the package ${p.package} ${p.version} (${list})` };
    }
  }
  if (inst.prefix !== '/usr') return undefined;
  const main = installed.find((p) => p.package === 'kata-containers') ?? installed.find((p) => p.package === 'kata-runtime');
  if (!main) return undefined;
  const version = debianUpstreamVersion(main.version!);
  return { ...base, version, ...resolved(version), evidence: '/var/lib/dpkg/status', why: `the installed Debian package ${main.package} is version ${main.version} (/var/lib/dpkg/status)` };
}

/**
 * The Kata release of the installation `configPath` belongs to, read from the most reliable record
 * first: the installation's own VERSION file, the distro package's, the package database, then
 * (only when the host runs binaries) the shim's or kata-runtime's `--version`. Undefined when the
 * path belongs to no known installation or nothing records its version.
 */
export function installedRelease(configPath: string, host: InstalledReleaseHost): InstalledRelease | undefined {
  const inst = installationOf(configPath, host);
  if (!inst) return undefined;
  const path = normalize(configPath);
  const real = normalize(host.realPath?.(path) ?? path);
  const how = ` (${inst.how})`;
  /** A record that cannot name the release (git describe, unrecognised text), kept while better evidence is looked for. */
  let weak: InstalledRelease | undefined;

  // 1. The installation's own VERSION file (release tarball, kata-manager, kata-deploy ≤ 3.31).
  if (inst.layout === 'snap') {
    const yaml = `${inst.prefix}/meta/snap.yaml`;
    const v = parseSnapYaml(host.readFile(yaml) ?? '');
    if (v) return { version: v, ...resolved(v), source: 'snap', evidence: yaml, prefix: inst.prefix, why: `the snap's ${yaml} says version ${v}${how}` };
  } else if (inst.prefix !== '/usr' && inst.prefix !== '/usr/local' && inst.prefix !== '/') {
    const file = `${inst.prefix}/VERSION`;
    const v = parseVersionFile(host.readFile(file) ?? '');
    if (v) {
      const who = inst.kataDeploy ? "the kata-deploy payload's" : "the Kata release payload's";
      const base = { source: 'payload' as const, evidence: file, prefix: inst.prefix, version: v.raw };
      if (v.kind === 'exact') return { ...base, ...resolved(v.raw), why: `${who} ${file} says ${v.raw}${how}` };
      if (v.kind === 'describe') {
        const atLeast = atLeastOf(v.tag!);
        weak = { ...base, note: describeNote(v), why: `${who} ${file} says ${v.raw}, a git describe that does not name the release${how}` };
        if (atLeast) weak.atLeast = atLeast;
      } else weak = { ...base, note: `${file} holds '${v.raw}', which is not a Kata version`, why: `${who} ${file} says '${v.raw}'${how}` };
    }
  }

  // 2. The Fedora / CentOS package's copy of the repository's VERSION.
  if (inst.prefix === '/usr') {
    const file = '/usr/libexec/kata-containers/VERSION';
    const v = parseVersionFile(host.readFile(file) ?? '');
    if (v?.kind === 'exact') return { version: v.raw, ...resolved(v.raw), source: 'rpm', evidence: file, prefix: inst.prefix, why: `${file}, which the kata-containers RPM installs, says ${v.raw}${how}` };
  }

  // 3. The Debian package database.
  const dpkg = dpkgRecord([...new Set([real, path])], inst, host);
  if (dpkg) return { ...dpkg, why: `${dpkg.why}${how}` };

  // 4. The binaries (only when the host runs them: trusted workspaces). A binary of the other
  //    runtime (a Go shim for a runtime-rs folder) is used only when no matching one answers.
  if (host.runVersion) {
    let other: InstalledRelease | undefined;
    for (const b of binariesFor(inst)) {
      if (!host.exists(b.path)) continue;
      const out = host.runVersion(b.path);
      const t = out === undefined ? undefined : parseVersionOutput(out);
      if (!t) continue;
      const r: InstalledRelease = {
        version: t.version,
        ...resolved(t.version),
        source: 'binary',
        evidence: b.path,
        prefix: inst.prefix,
        why: `\`${b.path} --version\` reports ${t.version}${weak ? ` (${weak.evidence} says ${weak.version}, which does not name the release)` : ''}${how}`,
      };
      if (inst.runtime && (t.tool === 'rs-shim' ? 'rs' : 'go') !== inst.runtime) {
        other ??= r;
        continue;
      }
      return r;
    }
    if (other) return other;
  }
  return weak;
}
