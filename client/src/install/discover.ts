/**
 * Discovery of installed Kata configuration files for the "Kata Containers" tree view: every
 * `configuration*.toml` in every install folder (see roots.ts), with
 * - the hypervisor from its `[hypervisor.<name>]` table (runtime-rs: `[runtime] hypervisor_name`
 *   picks among several), not from its file name;
 * - the runtime (the runtime-rs folder and kata-deploy shim folders decide, else the target detector);
 * - the release, when the file tells it (directive), else the release its installation records
 *   (installedRelease.ts: the payload's VERSION file, the distro package, and, when a runner is
 *   given, the shim's `--version`), else the `kata.release` setting, else (with the server's
 *   `detectTarget` passed as `detectTarget`) its keys;
 * - marks: *active* (what a runtime's default search loads: the `configuration.toml` symlink that
 *   wins, per runtime), *folder default* (the target of that folder's own `configuration.toml`),
 *   *admin override* (an `/etc` copy shadowing a shipped default, with whether it still matches),
 *   *pinned* (containerd / CRI-O handlers whose ConfigPath resolves to it);
 * - its `config.d/` drop-ins (next to the resolved file) in the order Kata merges them (byte order
 *   of names), with what Kata would object to.
 *
 * No `vscode` import; never throws: unreadable files, broken links and TOML errors become messages.
 */
import { hypervisorByTable, hypervisorForFile, type HypervisorId } from '../../../server/src/kata/catalog';
import { describeRange, NEWEST_RELEASE, resolveRelease, type Arch, type Release, type ReleaseRange } from '../../../server/src/kata/releases';
import type { TargetSettings } from '../../../server/src/kata/target';
import { decodeTomlBytes, parseToml, type TomlDocument } from '../../../server/src/toml';
import {
  baseName,
  compareBytes,
  dirName,
  inspectPath,
  isInside,
  listDir,
  nodeFileOps,
  readInRoot,
  resolveInRoot,
  toFsPath,
  type FileOps,
} from './fsops';
import { readTargetDirective } from '../../../server/src/kata/runtimeDetection';
import { liteDetectTarget, type TargetDetector } from './detectLite';
import { findInstalledRelease, InstallProbeCache, type InstalledRelease, type VersionRunner } from './installedRelease';
import { readPins, type PinOptions, type PinReport, type RuntimeHandler } from './pins';
import { defaultSearch, findInstallRoots, MAIN_CONFIG, type InstallRoot, type Runtime } from './roots';

export const KATA_DEPLOY_BANNER = 'IMPORTANT: This file is managed by kata-deploy';

export interface HypervisorRef {
  /** The `[hypervisor.<table>]` name. */
  table: string;
  /** The catalog id, when the table is one Kata knows for this runtime. */
  id?: HypervisorId;
  /** `QEMU`, `Cloud Hypervisor`, ...; the table name when unknown. */
  displayName: string;
}

export interface ReleaseInfo {
  release: Release;
  /** `assumed` means nothing told it: the UI should not show it as a fact. */
  source: 'directive' | 'installation' | 'setting' | 'content' | 'assumed';
  /** For `content`: every release the file is consistent with. */
  range?: ReleaseRange;
  /** `3.32.0 – 4.1.0`-style text of what is known. */
  label: string;
  why: string;
}

export type DropInKind = 'file' | 'symlink' | 'broken-symlink' | 'dir' | 'other' | 'unreadable';

export interface DropIn {
  name: string;
  /** Kata path. */
  path: string;
  fsPath: string;
  kind: DropInKind;
  /** Raw link content for symlinks. */
  linkTarget?: string;
  /** 1-based merge position (Kata merges in this order; later wins). */
  order: number;
  tomlErrors: number;
  hypervisorTables: string[];
  /** What Kata would object to or what surprises users, as human messages. */
  problems: string[];
  /** True when one of `problems` makes Kata fail to load the configuration. */
  breaksLoading: boolean;
}

export type EntryKind = 'file' | 'symlink' | 'broken-symlink' | 'unreadable' | 'other';

export interface EntryMarks {
  /** A runtime's default search loads this file (see `activeFor`). */
  active: boolean;
  /** Which searches load it, e.g. `Go shim in /opt/kata`, `runtime-rs`. */
  activeFor: string[];
  /** The folder's own `configuration.toml` points at it. */
  folderDefault: boolean;
  /** An `/etc` copy shadowing a shipped default: the pristine file to compare with. */
  adminOverride?: { defaultPath: string; defaultFsPath: string; identical?: boolean };
  /** containerd / CRI-O handlers whose ConfigPath / runtime_config_path resolves to this file. */
  pinnedBy: RuntimeHandler[];
  /** Starts with kata-deploy's "managed by kata-deploy" banner: edits are lost on redeploy; use config.d. */
  kataDeployManaged: boolean;
}

export interface ConfigEntry {
  name: string;
  /** Kata path. */
  path: string;
  /** Path under the root prefix: open this one. */
  fsPath: string;
  /** The install folder it was found in. */
  root: InstallRoot;
  kind: EntryKind;
  /** This is a folder's `configuration.toml` (the name each runtime loads). */
  isMainConfig: boolean;
  /** Raw symlink content. */
  linkTarget?: string;
  /** Kata path with every link followed, when it resolves. */
  realPath?: string;
  realFsPath?: string;
  runtime: Runtime;
  runtimeWhy: string;
  hypervisor?: HypervisorRef;
  /** Every `[hypervisor.*]` table, in file order. */
  hypervisorTables: string[];
  /** The catalog's flavour for this file name, e.g. `Intel TDX confidential guest`. */
  variant?: string;
  release?: ReleaseInfo;
  /** What the file's installation records about its Kata release (absent: no installation, or nothing recorded). */
  installed?: InstalledRelease;
  arch?: Arch;
  tomlErrors: number;
  /** Human messages about the file itself (broken link, TOML errors, no hypervisor table...). */
  problems: string[];
  marks: EntryMarks;
  /** Kata path of the `config.d/` that applies (beside the resolved file). */
  dropInDir?: string;
  dropIns: DropIn[];
  /** It can be passed to `planSwitch` as a target (a hypervisor config in an admin or defaults folder). */
  switchable: boolean;
}

export interface SearchStep {
  path: string;
  state: 'resolves' | 'absent' | 'broken' | 'not-a-file' | 'error';
  realPath?: string;
  message?: string;
}

export interface ActiveConfig {
  runtime: Runtime;
  /** `Go shim in /opt/kata`, `runtime-rs`. */
  label: string;
  searched: SearchStep[];
  /** The winning `configuration.toml` (Kata path) and the file it resolves to. */
  path?: string;
  realPath?: string;
  /** Set when no path of the search resolves: the runtime fails with "Cannot find usable config file". */
  problem?: string;
}

export interface Discovery {
  root: string;
  roots: InstallRoot[];
  /** Every config file, roots in `roots` order, in each: `configuration.toml` first, then by name. */
  files: ConfigEntry[];
  /** The default search result per runtime (Go may have one per shim prefix). */
  active: ActiveConfig[];
  /** containerd / CRI-O handlers; absent when `pins: false`. */
  pins?: PinReport;
  /** Pinned handlers whose config is not one of `files` (outside the Kata folders, or broken). */
  pinsElsewhere: RuntimeHandler[];
  /** Per install folder (Kata path of `roots[i].path`): the Kata release its installation records. */
  installed: Record<string, InstalledRelease>;
  problems: string[];
}

export interface DiscoverOptions {
  /** Extra folders (the `kata.configRoots` setting), Kata paths. */
  configRoots?: readonly string[];
  fileOps?: FileOps;
  /** The `kata.release` / `kata.arch` settings, as for the language server. */
  targetSettings?: TargetSettings;
  /**
   * Runtime/release detection. Default `liteDetectTarget` (release from a directive or the setting
   * only). Pass `detectTarget` from server/src/kata/target to also infer the release from the keys a
   * file sets (it bundles the whole schema, about +94 KB gzipped in the extension).
   */
  detectTarget?: TargetDetector;
  /** Pins to mark files with: default reads containerd and CRI-O; `false` skips them. */
  pins?: PinReport | false;
  pinOptions?: PinOptions;
  /**
   * The release each installation records (installedRelease.ts). Default: from files only.
   * `runVersion` also runs the shims' / kata-runtime's `--version` (give it only in trusted
   * workspaces; `createVersionRunner` caches per binary). `false` skips it.
   */
  installedRelease?: false | { runVersion?: VersionRunner };
}

interface Parsed {
  ok: boolean;
  text?: string;
  doc?: TomlDocument;
  message?: string;
}

const CONFIG_NAME = /^configuration.*\.toml$/;

function firstError(doc: TomlDocument): string {
  const e = doc.errors[0];
  return `line ${doc.lines.positionAt(e.start).line + 1}: ${e.message}`;
}

function hypervisorTablesOf(doc: TomlDocument): string[] {
  const h = doc.root.entries.get('hypervisor');
  return h?.type === 'table' ? [...h.entries.keys()] : [];
}

function rsHypervisorName(doc: TomlDocument): string | undefined {
  const rt = doc.root.entries.get('runtime');
  if (rt?.type !== 'table') return undefined;
  const v = rt.entries.get('hypervisor_name');
  return v?.type === 'value' && v.value.kind === 'string' ? v.value.value : undefined;
}

function hypervisorRef(table: string, runtime: Runtime): HypervisorRef {
  const info = hypervisorByTable(table, runtime) ?? hypervisorByTable(table);
  return info ? { table, id: info.id, displayName: info.displayName } : { table, displayName: table };
}

function releaseInfo(doc: TomlDocument, detected: ReturnType<TargetDetector>, settings: TargetSettings): ReleaseInfo {
  const directive = readTargetDirective(doc.text);
  const why = detected.why.release;
  if (directive.release) return { release: detected.release, source: 'directive', label: detected.release, why };
  if (settings.installation?.release) return { release: detected.release, source: 'installation', label: detected.release, why };
  if (settings.release && resolveRelease(settings.release)) return { release: detected.release, source: 'setting', label: detected.release, why };
  if (detected.consistentReleases) {
    const range = detected.consistentReleases;
    return { release: detected.release, source: 'content', range, label: describeRange(range), why };
  }
  return { release: detected.release, source: 'assumed', label: `${detected.release} (assumed)`, why };
}

/**
 * Lists the `config.d/` drop-ins that apply to the config whose real Kata path is `realPath`, in
 * Kata's merge order (byte order of the names), with their problems. Never throws.
 */
export async function listDropIns(root: string, realPath: string, runtime: Runtime, ops: FileOps = nodeFileOps): Promise<{ dir: string; dropIns: DropIn[]; error?: string }> {
  const dir = `${dirName(realPath)}/config.d`;
  const l = await listDir(ops, root, dir);
  const out: DropIn[] = [];
  const names = (l.names ?? []).slice().sort(compareBytes);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const path = `${dir}/${name}`;
    const d: DropIn = { name, path, fsPath: toFsPath(root, path), kind: 'file', order: i + 1, tomlErrors: 0, hypervisorTables: [], problems: [], breaksLoading: false };
    const fail = (msg: string): void => {
      d.problems.push(msg);
      d.breaksLoading = true;
    };
    const st = await inspectPath(ops, root, path);
    if (st.kind === 'error') {
      d.kind = 'unreadable';
      fail(`${st.message}; Kata fails to load the configuration`);
    } else if (st.kind === 'dir') {
      d.kind = 'dir';
      fail('a folder inside config.d: Kata reads every entry of config.d as a file and fails to load the configuration');
    } else if (st.kind === 'other') {
      d.kind = 'other';
      fail('not a regular file: Kata fails to load the configuration');
    } else if (st.kind === 'symlink') {
      d.linkTarget = st.target;
      if (!st.resolution.ok) {
        d.kind = 'broken-symlink';
        fail(`broken symlink (${st.resolution.message}): Kata fails to load the configuration`);
      } else {
        d.kind = 'symlink';
        if (runtime === 'rs') fail('a symlink: runtime-rs refuses drop-ins that are symlinks ("drop-in cfg file can only be a regular file or a symlink") and fails to load the configuration; copy the file instead');
      }
    }
    if (!/\.toml$/.test(name)) d.problems.push('its name does not end in .toml, yet Kata reads every file in config.d: it is merged too (an editor backup or leftover?)');
    if (d.kind === 'file' || d.kind === 'symlink') {
      const r = await readInRoot(ops, root, path);
      if (!r.ok) {
        d.kind = 'unreadable';
        fail(`${r.message}; Kata fails to load the configuration`);
      } else {
        const dec = decodeTomlBytes(r.data);
        const doc = parseToml(dec.text);
        d.tomlErrors = doc.errors.length + (dec.error ? 1 : 0);
        d.hypervisorTables = hypervisorTablesOf(doc);
        if (dec.error) fail(`${dec.error}; Kata fails to load the configuration`);
        if (doc.errors.length) fail(`${doc.errors.length} TOML error(s) (first at ${firstError(doc)}): Kata fails to load the configuration`);
      }
    }
    out.push(d);
  }
  return l.error ? { dir, dropIns: out, error: `${l.error}; Kata fails to load configurations that use it` } : { dir, dropIns: out };
}

async function computeActive(ops: FileOps, root: string, runtime: Runtime): Promise<ActiveConfig[]> {
  const out: ActiveConfig[] = [];
  for (const search of await defaultSearch(root, runtime, ops)) {
    const a: ActiveConfig = { runtime, label: search.label, searched: [] };
    for (const p of search.paths) {
      const st = await inspectPath(ops, root, p);
      const r = await resolveInRoot(ops, root, p);
      let step: SearchStep;
      if (st.kind === 'absent') step = { path: p, state: 'absent' };
      else if (r.ok && r.kind === 'file') step = { path: p, state: 'resolves', realPath: r.path };
      else if (r.ok) step = { path: p, state: 'not-a-file', realPath: r.path, message: `${p} resolves to ${r.path}, which is not a file` };
      else if (r.code === 'ENOENT' || r.code === 'ELOOP' || r.code === 'ENOTDIR') step = { path: p, state: 'broken', message: r.message };
      else step = { path: p, state: 'error', message: r.message };
      a.searched.push(step);
      if (step.state === 'resolves' && !a.path) {
        a.path = p;
        a.realPath = step.realPath;
      }
    }
    if (!a.path) a.problem = `no configuration.toml of the ${runtime === 'rs' ? 'runtime-rs' : 'Go runtime'} default search resolves (${search.paths.join(', ')}): handlers without ConfigPath fail with "Cannot find usable config file"`;
    out.push(a);
  }
  return out;
}

function sameRuntimeDefaults(roots: InstallRoot[], runtime: Runtime): InstallRoot[] {
  return roots.filter((r) => r.kind === 'default' && r.runtime === runtime);
}

async function contentsEqual(ops: FileOps, root: string, a: string, b: string): Promise<boolean | undefined> {
  const [x, y] = await Promise.all([readInRoot(ops, root, a), readInRoot(ops, root, b)]);
  if (!x.ok || !y.ok) return undefined;
  return x.data.equals(y.data);
}

/**
 * Finds every installed Kata config under `root` with its hypervisor, runtime, release, marks and
 * drop-ins. Never throws.
 */
export async function discoverConfigs(root: string, options: DiscoverOptions = {}): Promise<Discovery> {
  const ops = options.fileOps ?? nodeFileOps;
  const settings = options.targetSettings ?? {};
  const detect = options.detectTarget ?? liteDetectTarget;
  const problems: string[] = [];
  const { roots, problems: rootProblems } = await findInstallRoots(root, { configRoots: options.configRoots, fileOps: ops });
  problems.push(...rootProblems);
  const files: ConfigEntry[] = [];
  const parsedCache = new Map<string, Parsed>();
  const parse = async (realPath: string): Promise<Parsed> => {
    const hit = parsedCache.get(realPath);
    if (hit) return hit;
    let result: Parsed;
    const r = await readInRoot(ops, root, realPath);
    if (!r.ok) result = { ok: false, message: r.message };
    else {
      const dec = decodeTomlBytes(r.data);
      result = { ok: true, text: dec.text, doc: parseToml(dec.text), message: dec.error };
    }
    parsedCache.set(realPath, result);
    return result;
  };
  const dropInCache = new Map<string, { dir: string; dropIns: DropIn[]; error?: string }>();
  const probeCache = new InstallProbeCache();
  const installedOf = async (kataPath: string): Promise<InstalledRelease | undefined> =>
    options.installedRelease === false ? undefined : findInstalledRelease(root, kataPath, { fileOps: ops, runVersion: options.installedRelease?.runVersion, cache: probeCache });
  const installed: Record<string, InstalledRelease> = {};

  try {
    for (const installRoot of roots) {
      const l = await listDir(ops, root, installRoot.path);
      if (l.error) {
        problems.push(l.error);
        continue;
      }
      const pattern = installRoot.kind === 'user' ? /\.toml$/ : CONFIG_NAME;
      const names = (l.names ?? []).filter((n) => pattern.test(n)).sort((a, b) => (a === MAIN_CONFIG ? -1 : b === MAIN_CONFIG ? 1 : compareBytes(a, b)));
      for (const name of names) {
        const path = `${installRoot.path}/${name}`;
        const entry: ConfigEntry = {
          name,
          path,
          fsPath: toFsPath(root, path),
          root: installRoot,
          kind: 'file',
          isMainConfig: name === MAIN_CONFIG,
          runtime: installRoot.runtime ?? 'go',
          runtimeWhy: '',
          hypervisorTables: [],
          tomlErrors: 0,
          problems: [],
          marks: { active: false, activeFor: [], folderDefault: false, pinnedBy: [], kataDeployManaged: false },
          dropIns: [],
          switchable: false,
        };
        files.push(entry);
        const st = await inspectPath(ops, root, path);
        if (st.kind === 'dir' || st.kind === 'absent') {
          files.pop();
          continue;
        }
        if (st.kind === 'error') {
          entry.kind = 'unreadable';
          entry.problems.push(st.message);
          continue;
        }
        if (st.kind === 'other') {
          entry.kind = 'other';
          entry.problems.push('not a regular file or symlink');
          continue;
        }
        if (st.kind === 'symlink') {
          entry.linkTarget = st.target;
          if (!st.resolution.ok) {
            entry.kind = 'broken-symlink';
            entry.problems.push(
              `broken symlink → ${st.target}: ${st.resolution.message}.${entry.isMainConfig ? ' The runtime skips it and tries the next path of its search.' : ''}`,
            );
            continue;
          }
          if (st.resolution.kind !== 'file') {
            entry.kind = 'other';
            entry.problems.push(`→ ${st.target} resolves to ${st.resolution.path}, which is not a file`);
            continue;
          }
          entry.kind = 'symlink';
          entry.realPath = st.resolution.path;
        } else entry.realPath = path;
        entry.realFsPath = toFsPath(root, entry.realPath);

        const parsed = await parse(entry.realPath);
        if (!parsed.ok || !parsed.doc) {
          entry.kind = 'unreadable';
          entry.problems.push(parsed.message ?? `cannot read ${entry.realPath}`);
          continue;
        }
        const doc = parsed.doc;
        if (parsed.message) entry.problems.push(`${parsed.message}; Kata refuses to load it`);
        entry.tomlErrors = doc.errors.length + (parsed.message ? 1 : 0);
        if (doc.errors.length) entry.problems.push(`${doc.errors.length} TOML error(s), first at ${firstError(doc)}: Kata refuses to load this file`);
        entry.marks.kataDeployManaged = doc.text.includes(KATA_DEPLOY_BANNER);

        // Runtime: the runtime-rs folders and kata-deploy shim folders decide; otherwise the file does.
        const forced: Runtime | undefined = installRoot.runtime === 'rs' || installRoot.kind === 'kata-deploy' ? installRoot.runtime : undefined;
        const directive = readTargetDirective(doc.text);
        const docForTarget = forced && !directive.runtime ? { ...doc, text: `# kata-config: runtime=${forced}\n${doc.text}` } : doc;
        const inst = await installedOf(entry.path);
        if (inst) entry.installed = inst;
        const target = detect(entry.realPath, docForTarget, inst ? { ...settings, installation: inst } : settings);
        entry.runtime = target.runtime;
        entry.runtimeWhy =
          forced && !directive.runtime
            ? installRoot.kind === 'kata-deploy'
              ? `kata-deploy's shim ${installRoot.shim} is a ${forced === 'rs' ? 'runtime-rs' : 'Go runtime'} shim`
              : 'it is in a runtime-rs folder, which only runtime-rs reads'
            : target.why.runtime;
        entry.arch = target.arch;
        entry.release = releaseInfo(doc, target, inst ? { ...settings, installation: inst } : settings);
        entry.hypervisorTables = hypervisorTablesOf(doc);
        const chosen = entry.runtime === 'rs' ? rsHypervisorName(doc) : undefined;
        const table = chosen && entry.hypervisorTables.includes(chosen) ? chosen : entry.hypervisorTables[0];
        if (table) entry.hypervisor = hypervisorRef(table, entry.runtime);
        else entry.problems.push(`no [hypervisor.<name>] table: Kata cannot load it as a configuration`);
        if (entry.runtime === 'go' && entry.hypervisorTables.length > 1) entry.problems.push(`${entry.hypervisorTables.length} hypervisor tables: the Go runtime picks one of them at random`);
        if (entry.runtime === 'rs' && chosen && !entry.hypervisorTables.includes(chosen)) entry.problems.push(`[runtime] hypervisor_name = "${chosen}" names no [hypervisor.${chosen}] table: runtime-rs fails with "Invalid hypervisor name"`);
        const catalog = hypervisorForFile(baseName(entry.realPath), doc.text);
        if (catalog) {
          if (catalog.file.variant) entry.variant = catalog.file.variant;
          if (entry.hypervisor && entry.hypervisor.id && entry.hypervisor.id !== catalog.info.id) {
            entry.problems.push(`the file name is ${catalog.info.displayName}'s, but its table is [hypervisor.${entry.hypervisor.table}] (${entry.hypervisor.displayName})`);
          }
        }
        if (entry.isMainConfig && installRoot.kind === 'admin' && st.kind === 'file') {
          entry.problems.push(`a regular file, not a symlink: kata-manager -S refuses to replace it; Switch Hypervisor backs it up first and only with your consent`);
        }
        const dirKey = dirName(entry.realPath);
        let di = dropInCache.get(dirKey);
        if (!di) {
          di = await listDropIns(root, entry.realPath, entry.runtime, ops);
          dropInCache.set(dirKey, di);
        }
        entry.dropInDir = di.dir;
        entry.dropIns = di.dropIns;
        if (di.error) entry.problems.push(di.error);
        entry.switchable =
          !entry.isMainConfig && (installRoot.kind === 'admin' || installRoot.kind === 'default') && installRoot.runtime === entry.runtime && !!entry.hypervisor && entry.tomlErrors === 0;
      }
    }

    // The installation of each folder: from its configuration.toml's path, else from one of its files.
    for (const r of roots) {
      const found = (await installedOf(`${r.path}/${MAIN_CONFIG}`)) ?? files.find((f) => f.root === r && f.installed)?.installed;
      if (found) installed[r.path] = found;
    }

    // Marks: active, folder default.
    const active: ActiveConfig[] = [...(await computeActive(ops, root, 'go')), ...(await computeActive(ops, root, 'rs'))];
    for (const e of files) {
      for (const a of active) {
        if (a.realPath && a.runtime === (e.root.runtime ?? e.runtime) && (e.realPath === a.realPath || e.path === a.path)) {
          e.marks.active = true;
          if (!e.marks.activeFor.includes(a.label)) e.marks.activeFor.push(a.label);
        }
      }
    }
    for (const link of files.filter((f) => f.isMainConfig && f.realPath)) {
      for (const e of files) if (!e.isMainConfig && e.root === link.root && e.realPath === link.realPath) e.marks.folderDefault = true;
      // kata-deploy style: the folder link may point into runtimes/<shim>/.
      for (const e of files) if (!e.isMainConfig && e.root !== link.root && e.realPath === link.realPath && isInside(e.path, link.root.path)) e.marks.folderDefault = true;
    }

    // Marks: admin override.
    for (const e of files.filter((f) => f.root.kind === 'admin')) {
      if (e.isMainConfig && e.kind !== 'file') continue;
      const runtime = e.root.runtime ?? e.runtime;
      for (const d of sameRuntimeDefaults(roots, runtime)) {
        const candidate = files.find((f) => f.root === d && f.name === e.name);
        if (!candidate) continue;
        const defaultPath = candidate.path;
        const identical = e.realPath && candidate.realPath ? await contentsEqual(ops, root, e.realPath, candidate.realPath) : undefined;
        e.marks.adminOverride = { defaultPath, defaultFsPath: toFsPath(root, defaultPath), ...(identical === undefined ? {} : { identical }) };
        break;
      }
    }

    // Marks: pinned.
    let pins: PinReport | undefined;
    if (options.pins !== false) pins = options.pins ?? (await readPins(root, { ...options.pinOptions, fileOps: ops }));
    const pinsElsewhere: RuntimeHandler[] = [];
    for (const h of pins?.handlers ?? []) {
      if (!h.configPath) continue;
      const hits = files.filter((e) => (h.configRealPath && e.realPath === h.configRealPath) || e.path === h.configPath);
      for (const e of hits) e.marks.pinnedBy.push(h);
      if (!hits.length) pinsElsewhere.push(h);
    }
    const result: Discovery = { root, roots, files, active, pinsElsewhere, installed, problems };
    if (pins) result.pins = pins;
    return result;
  } catch (err) {
    problems.push(`unexpected error while discovering Kata configs: ${err instanceof Error ? err.message : String(err)}`);
    return { root, roots, files, active: [], pinsElsewhere: [], installed: {}, problems };
  }
}

export interface ConfigSummary {
  ok: boolean;
  /** The real Kata path (links followed). */
  realPath?: string;
  /** Why it could not be read. */
  message?: string;
  /** TOML errors, invalid UTF-8 included. */
  tomlErrors: number;
  firstError?: string;
  hypervisorTables: string[];
  hypervisor?: HypervisorRef;
  /** The runtime the file is written for (`forceRuntime` when given), with the reason. */
  runtime?: Runtime;
  runtimeWhy?: string;
  /** True when a `# kata-config: runtime=` directive names the runtime. */
  runtimeFromDirective: boolean;
  /** `[runtime] hypervisor_name` (runtime-rs requires it). */
  rsHypervisorName?: string;
  kataDeployManaged: boolean;
}

/**
 * Reads and summarises one config file (Kata path, links followed inside the root): its hypervisor
 * tables, the hypervisor, the runtime it is written for, TOML errors. Never throws.
 */
export async function summarizeConfig(root: string, kataPath: string, options: { forceRuntime?: Runtime; fileOps?: FileOps; detectTarget?: TargetDetector } = {}): Promise<ConfigSummary> {
  const ops = options.fileOps ?? nodeFileOps;
  const r = await readInRoot(ops, root, kataPath);
  if (!r.ok) return { ok: false, message: r.message, tomlErrors: 0, hypervisorTables: [], kataDeployManaged: false, runtimeFromDirective: false };
  const dec = decodeTomlBytes(r.data);
  const doc = parseToml(dec.text);
  const directive = readTargetDirective(doc.text);
  // Only the runtime is needed: naming a release skips a full detector's (costlier) release inference.
  const target = (options.detectTarget ?? liteDetectTarget)(r.realPath, doc, { release: NEWEST_RELEASE });
  const runtime = options.forceRuntime ?? target.runtime;
  const tables = hypervisorTablesOf(doc);
  const chosen = runtime === 'rs' ? rsHypervisorName(doc) : undefined;
  const table = chosen && tables.includes(chosen) ? chosen : tables[0];
  const s: ConfigSummary = {
    ok: true,
    realPath: r.realPath,
    tomlErrors: doc.errors.length + (dec.error ? 1 : 0),
    hypervisorTables: tables,
    runtime,
    runtimeWhy: options.forceRuntime ? 'given' : target.why.runtime,
    runtimeFromDirective: !!directive.runtime,
    kataDeployManaged: doc.text.includes(KATA_DEPLOY_BANNER),
  };
  if (dec.error) s.firstError = dec.error;
  else if (doc.errors.length) s.firstError = firstError(doc);
  if (table) s.hypervisor = hypervisorRef(table, runtime);
  const hn = rsHypervisorName(doc);
  if (hn !== undefined) s.rsHypervisorName = hn;
  return s;
}

/** The tree's top level: one group per runtime, each with its folders and their files. */
export interface RuntimeGroup {
  runtime: Runtime | 'other';
  label: string;
  folders: Array<{ root: InstallRoot; files: ConfigEntry[] }>;
}

/** Groups a discovery by runtime (Go, runtime-rs, then user folders whose runtime is mixed or unknown), folders in discovery order. */
export function groupByRuntime(d: Discovery): RuntimeGroup[] {
  const groups: RuntimeGroup[] = [
    { runtime: 'go', label: 'Go runtime', folders: [] },
    { runtime: 'rs', label: 'runtime-rs', folders: [] },
    { runtime: 'other', label: 'Other folders', folders: [] },
  ];
  for (const r of d.roots) {
    const files = d.files.filter((f) => f.root === r);
    const rts = new Set(files.map((f) => f.runtime));
    const key: Runtime | 'other' = r.runtime ?? (rts.size === 1 ? [...rts][0] : 'other');
    const g = groups.find((x) => x.runtime === key) as RuntimeGroup;
    g.folders.push({ root: r, files });
  }
  return groups.filter((g) => g.folders.length);
}

export interface ComparePair {
  /** The admin copy (Kata path / fs path). */
  local: string;
  localFsPath: string;
  /** The shipped file it shadows. */
  pristine: string;
  pristineFsPath: string;
  identical?: boolean;
  runtime: Runtime;
}

/** Every "compare with the pristine default" pair: admin copies and the shipped files they shadow. */
export function comparePairs(d: Discovery): ComparePair[] {
  const out: ComparePair[] = [];
  for (const e of d.files) {
    const o = e.marks.adminOverride;
    if (!o) continue;
    const p: ComparePair = { local: e.path, localFsPath: e.fsPath, pristine: o.defaultPath, pristineFsPath: o.defaultFsPath, runtime: e.runtime };
    if (o.identical !== undefined) p.identical = o.identical;
    out.push(p);
  }
  return out;
}

/** The entry for a Kata path (or fs path under the discovery's root). */
export function entryFor(d: Discovery, p: string): ConfigEntry | undefined {
  return d.files.find((f) => f.path === p || f.fsPath === p);
}

/**
 * fs paths worth watching to refresh the tree: every install folder, every `config.d/`, the
 * admin folders (even when absent: a switch creates them) and the container-manager files read.
 */
export function watchTargets(d: Discovery): string[] {
  const out = new Set<string>();
  for (const r of d.roots) out.add(r.fsPath);
  for (const f of d.files) if (f.dropInDir) out.add(toFsPath(d.root, f.dropInDir));
  for (const p of ['/etc/kata-containers', '/etc/kata-containers/runtime-rs']) out.add(toFsPath(d.root, p));
  for (const f of d.pins?.files ?? []) out.add(toFsPath(d.root, f.path));
  return [...out];
}
