/**
 * "Kata: Switch Hypervisor" and "Kata: Undo Hypervisor Switch" without the UI.
 *
 * A switch does what `kata-manager -S <name>` does for the Go runtime, and the same for runtime-rs
 * in its `runtime-rs/` folders:
 *   1. create the admin folder (`/etc/kata-containers[/runtime-rs]`) if needed;
 *   2. copy the shipped `configuration-<x>.toml` into it **if absent** (unlike kata-manager, an
 *      existing, possibly edited, copy is kept and used);
 *   3. point the admin `configuration.toml` symlink at that copy (relative target, same folder).
 * Properties:
 * - atomic: the new symlink is created beside and renamed over the old one, so `configuration.toml`
 *   always resolves during the switch (if it did before);
 * - safe: a regular-file `configuration.toml` is only replaced with `allowReplaceRegularFile` and
 *   after it was copied to a `configuration.toml.<time>.saved` backup;
 * - targets outside the Kata folders, with TOML errors, without a hypervisor table or for the other
 *   runtime are refused;
 * - no shell: Node fs calls, and for root the exact commands as argv lists (`PrivilegedCommand`);
 * - reversible: a JSON journal in a state folder records what to restore; `planUndo`/`applyUndo`;
 * - honest: `effects` says which container-manager handlers follow the switch and which do not.
 *
 * Flow for the UI: `listSwitchChoices` → quick pick → `planSwitch` → (consent when
 * `plan.needsConsent`) → `applySwitch` → on `needs-root`, run `result.commands` as root (terminal or
 * pkexec) then `recordExternalSwitch` → show `plan.effects` (+ kataRuntime.ts `checkActiveWithTool`).
 *
 * No `vscode` import; every function takes the root prefix; nothing here throws.
 */
import * as nodePath from 'node:path';
import { catalogEntriesForFile } from '../../../server/src/kata/catalog';
import { discoverConfigs, listDropIns, summarizeConfig, type DiscoverOptions, type Discovery, type HypervisorRef } from './discover';
import {
  baseName,
  compareBytes,
  describeError,
  dirName,
  errorCode,
  inspectPath,
  isInside,
  isPermissionError,
  nodeFileOps,
  normalizeKataPath,
  physicalPath,
  readInRoot,
  resolveInRoot,
  sha256,
  tempSuffix,
  toFsPath,
  type FileOps,
  type PathState,
} from './fsops';
import { readPins, describeHandler, type PinOptions, type PinReport, type RuntimeHandler } from './pins';
import { command, type PrivilegedCommand } from './privileged';
import { ADMIN_DIR, adminDirFor, defaultsDir, defaultSearch, defaultsDirFor, findPrefixes, MAIN_CONFIG, type Runtime } from './roots';

const RT_NAME: Record<Runtime, string> = { go: 'Go runtime', rs: 'runtime-rs' };
const SWITCHABLE_NAME = /^configuration-.+\.toml$/;

// ---------------------------------------------------------------------------------------------
// Choices

export interface SwitchChoice {
  /** Pass this to `planSwitch` (Kata path). */
  target: string;
  fsPath: string;
  fileName: string;
  runtime: Runtime;
  hypervisor: HypervisorRef;
  /** The catalog's flavour, e.g. `Intel TDX confidential guest`. */
  variant?: string;
  /** `kata-manager -S <name>` short name (Go runtime). */
  kataManagerName?: string;
  /** `default`: a shipped file (copied into the admin folder on switch); `admin`: only in the admin folder. */
  origin: 'default' | 'admin';
  /** The admin copy the symlink will point at. */
  adminCopy: string;
  adminCopyExists: boolean;
  /** The existing admin copy differs from the shipped file (it will be used as it is). */
  adminCopyDiffers?: boolean;
  /** It is what the runtime's default search loads now. */
  current: boolean;
  /** Quick-pick texts. */
  label: string;
  description: string;
}

export interface SwitchChoices {
  runtime: Runtime;
  choices: SwitchChoice[];
  /** What the runtime's default search loads now (real Kata path) and its hypervisor. */
  current?: { realPath: string; via: string; hypervisor?: HypervisorRef };
  problems: string[];
}

/**
 * The hypervisors installed for `runtime`: one choice per `configuration-<x>.toml` name found in the
 * runtime's defaults folders or admin folder, the current one marked. Pass a `discovery` to avoid a
 * second scan. Never throws.
 */
export async function listSwitchChoices(root: string, runtime: Runtime, options: DiscoverOptions & { discovery?: Discovery } = {}): Promise<SwitchChoices> {
  const d = options.discovery ?? (await discoverConfigs(root, { ...options, pins: false, installedRelease: false }));
  const adminDir = adminDirFor(runtime);
  const active = d.active.find((a) => a.runtime === runtime && a.realPath);
  const out: SwitchChoices = { runtime, choices: [], problems: [...d.problems] };
  const eligible = d.files.filter((f) => f.switchable && f.root.runtime === runtime);
  const byName = new Map<string, typeof eligible>();
  for (const f of eligible) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  for (const [name, entries] of [...byName].sort((a, b) => compareBytes(a[0], b[0]))) {
    const admin = entries.find((e) => e.root.kind === 'admin');
    const shipped = entries.find((e) => e.root.kind === 'default');
    const main = shipped ?? admin;
    if (!main || !main.hypervisor) continue;
    const shown = admin ?? main;
    const catalog = catalogEntriesForFile(name).find((m) => m.runtime === runtime);
    const adminCopy = `${adminDir}/${name}`;
    const current = !!active && (shown.realPath === active.realPath || main.realPath === active.realPath);
    const c: SwitchChoice = {
      target: main.path,
      fsPath: main.fsPath,
      fileName: name,
      runtime,
      hypervisor: (shown.hypervisor ?? main.hypervisor) as HypervisorRef,
      origin: shipped ? 'default' : 'admin',
      adminCopy,
      adminCopyExists: !!admin,
      current,
      label: '',
      description: '',
    };
    if (catalog?.file.variant) c.variant = catalog.file.variant;
    if (catalog?.file.kataManagerName) c.kataManagerName = catalog.file.kataManagerName;
    if (admin && shipped) c.adminCopyDiffers = admin.marks.adminOverride?.identical === false;
    c.label = `${current ? '$(check) ' : ''}${c.hypervisor.displayName}${c.variant ? ` — ${c.variant}` : ''}`;
    c.description = [name, current ? 'current' : '', c.adminCopyDiffers ? 'your edited copy in /etc is used' : '', c.origin === 'admin' ? 'local only' : '']
      .filter(Boolean)
      .join(' · ');
    out.choices.push(c);
  }
  if (active?.realPath) {
    const e = d.files.find((f) => f.realPath === active.realPath && f.hypervisor);
    out.current = { realPath: active.realPath, via: active.path as string, ...(e?.hypervisor ? { hypervisor: e.hypervisor } : {}) };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Plan

/** What is at the admin `configuration.toml` when planning. */
export type LinkSnapshot =
  | { kind: 'absent' }
  | { kind: 'symlink'; target: string; realPath?: string; broken: boolean }
  | { kind: 'file'; sha256: string; mode: number };

export interface SwitchEffects {
  /** What changes for new sandboxes, as sentences. */
  takesEffect: string[];
  /** What does not change (pinned handlers, the other runtime, running sandboxes). */
  doesNotTakeEffect: string[];
  /** Things to double-check (unknown runtime of a handler, drop-ins that stop applying, manager config problems). */
  warnings: string[];
  /** Handlers whose new pods get the new hypervisor. */
  following: RuntimeHandler[];
  /** Handlers of this runtime pinned by ConfigPath to another file: CRI pods keep their hypervisor. */
  pinnedElsewhere: RuntimeHandler[];
  /** Handlers that run the other runtime. */
  otherRuntime: RuntimeHandler[];
}

export interface SwitchPlanOk {
  ok: true;
  root: string;
  runtime: Runtime;
  /** The Kata path asked for. */
  target: string;
  /** The file the copy is made from, links followed (Kata path). */
  sourceRealPath: string;
  adminDir: string;
  /** The admin `configuration.toml` (Kata path). */
  linkPath: string;
  /** The symlink content to write: the copy's name (relative, same folder). */
  newLinkTarget: string;
  /** The admin copy the link will resolve to (Kata path). */
  newRealPath: string;
  current: LinkSnapshot;
  /** Already active: applying does nothing. */
  noop: boolean;
  /** Folders to create, outermost first (Kata paths). */
  createDirs: string[];
  copy?: { from: string; to: string };
  /** An admin copy exists and is used as it is. */
  useExistingCopy?: { path: string; identicalToSource?: boolean };
  /** Where a regular-file `configuration.toml` is saved before it is replaced (Kata path). */
  backupPath?: string;
  /** True when `configuration.toml` is a regular file: `applySwitch` needs `allowReplaceRegularFile`. */
  needsConsent: boolean;
  consentMessage?: string;
  hypervisor: HypervisorRef;
  previous?: { realPath?: string; hypervisor?: HypervisorRef };
  /** Human descriptions of the steps, in order. */
  steps: string[];
  /** The same steps as root commands (fs paths), for when permission is denied. */
  commands: PrivilegedCommand[];
  /** Kata path → fs path for every path the switch writes (folder components resolved inside the root). */
  fsPaths: Record<string, string>;
  effects: SwitchEffects;
  /** Notes for the user (edited copy used, kata-deploy-managed source...). */
  notes: string[];
}

export interface SwitchPlanRefused {
  ok: false;
  root: string;
  runtime: Runtime;
  target: string;
  /** Why the switch is refused, for humans. */
  refusal: string;
}

export type SwitchPlan = SwitchPlanOk | SwitchPlanRefused;

export interface PlanOptions {
  fileOps?: FileOps;
  /** containerd / CRI-O handlers for `effects`; read from the root when absent; `false` to skip. */
  pins?: PinReport | false;
  pinOptions?: PinOptions;
  /** Clock for the backup name (tests). */
  now?: Date;
}

function snapshotOf(st: PathState, sha?: string): LinkSnapshot | undefined {
  if (st.kind === 'absent') return { kind: 'absent' };
  if (st.kind === 'symlink') return st.resolution.ok ? { kind: 'symlink', target: st.target, realPath: st.resolution.path, broken: false } : { kind: 'symlink', target: st.target, broken: true };
  if (st.kind === 'file') return { kind: 'file', sha256: sha ?? '', mode: st.mode };
  return undefined;
}

async function snapshot(ops: FileOps, root: string, linkPath: string): Promise<{ snap?: LinkSnapshot; problem?: string }> {
  const st = await inspectPath(ops, root, linkPath);
  if (st.kind === 'error') return { problem: st.message };
  if (st.kind === 'dir') return { problem: `${linkPath} is a folder` };
  if (st.kind === 'other') return { problem: `${linkPath} is not a file or symlink` };
  if (st.kind === 'file') {
    try {
      return { snap: snapshotOf(st, sha256(await ops.readFile(await physicalPath(ops, root, linkPath)))) };
    } catch (err) {
      return { problem: describeError(err, 'read', linkPath) };
    }
  }
  return { snap: snapshotOf(st) };
}

function sameSnapshot(a: LinkSnapshot, b: LinkSnapshot): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'symlink' && b.kind === 'symlink') return a.target === b.target;
  if (a.kind === 'file' && b.kind === 'file') return a.sha256 === b.sha256;
  return true;
}

function timestamp(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}.${p(d.getHours())}-${p(d.getMinutes())}-${p(d.getSeconds())}`;
}

/** The Kata trees a switch may read from or link to. */
async function kataTrees(ops: FileOps, root: string): Promise<string[]> {
  const prefixes = await findPrefixes(root, ops);
  return [ADMIN_DIR, ...prefixes.map(defaultsDir)];
}

function refuse(root: string, runtime: Runtime, target: string, refusal: string): SwitchPlanRefused {
  return { ok: false, root, runtime, target, refusal };
}

/**
 * Plans a switch of `runtime` to the config `target` (a Kata path from `listSwitchChoices`: a
 * shipped `configuration-<x>.toml` or one in the admin folder). Reads only; refusals come back as
 * `{ ok: false, refusal }`. Never throws.
 */
export async function planSwitch(root: string, runtime: Runtime, target: string, options: PlanOptions = {}): Promise<SwitchPlan> {
  const ops = options.fileOps ?? nodeFileOps;
  try {
    return await planSwitchInner(ops, root, runtime, target, options);
  } catch (err) {
    return refuse(root, runtime, target, `unexpected error while planning: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function planSwitchInner(ops: FileOps, root: string, runtime: Runtime, rawTarget: string, options: PlanOptions): Promise<SwitchPlan> {
  if (runtime !== 'go' && runtime !== 'rs') return refuse(root, runtime, rawTarget, `unknown runtime '${String(runtime)}' (use go or rs)`);
  if (typeof rawTarget !== 'string' || !rawTarget.startsWith('/')) return refuse(root, runtime, String(rawTarget), `the target must be an absolute path (got '${String(rawTarget)}')`);
  const target = normalizeKataPath(rawTarget);
  const name = baseName(target);
  const adminDir = adminDirFor(runtime);
  const linkPath = `${adminDir}/${MAIN_CONFIG}`;
  const prefixes = await findPrefixes(root, ops);
  const allowedDirs = [adminDir, ...prefixes.map((p) => defaultsDirFor(p, runtime))];
  if (!allowedDirs.includes(dirName(target))) {
    return refuse(root, runtime, target, `refusing ${target}: the ${RT_NAME[runtime]} switch only takes configs from its Kata folders (${allowedDirs.join(', ')})`);
  }
  if (!SWITCHABLE_NAME.test(name)) {
    return refuse(root, runtime, target, `refusing ${target}: only configuration-<name>.toml files can be switched to${name === MAIN_CONFIG ? ' (configuration.toml is the link the switch manages)' : ''}`);
  }
  const trees = await kataTrees(ops, root);
  const res = await resolveInRoot(ops, root, target);
  if (!res.ok) return refuse(root, runtime, target, `refusing ${target}: ${res.message}`);
  if (res.kind !== 'file') return refuse(root, runtime, target, `refusing ${target}: it resolves to ${res.path}, which is not a regular file`);
  if (!trees.some((t) => isInside(res.path, t))) return refuse(root, runtime, target, `refusing ${target}: it resolves to ${res.path}, outside the Kata folders (${trees.join(', ')})`);

  const summary = await summarizeConfig(root, target, { fileOps: ops, ...(runtime === 'rs' ? { forceRuntime: 'rs' as Runtime } : {}) });
  if (!summary.ok) return refuse(root, runtime, target, `refusing ${target}: ${summary.message}`);
  if (summary.tomlErrors) return refuse(root, runtime, target, `refusing ${target}: it has ${summary.tomlErrors} TOML error(s) (first: ${summary.firstError}); Kata would refuse to load it and every new sandbox would fail`);
  if (!summary.hypervisor) return refuse(root, runtime, target, `refusing ${target}: it has no [hypervisor.<name>] table`);
  if (runtime === 'go' && summary.runtime === 'rs') return refuse(root, runtime, target, `refusing ${target}: it is a runtime-rs file (${summary.runtimeWhy}); the Go runtime cannot use it`);
  if (runtime === 'rs' && !summary.rsHypervisorName) return refuse(root, runtime, target, `refusing ${target}: it sets no [runtime] hypervisor_name, which runtime-rs requires ("Hypervisor name is missing in the configuration")`);
  if (runtime === 'rs' && summary.rsHypervisorName && !summary.hypervisorTables.includes(summary.rsHypervisorName)) {
    return refuse(root, runtime, target, `refusing ${target}: [runtime] hypervisor_name = "${summary.rsHypervisorName}" names no [hypervisor.${summary.rsHypervisorName}] table (runtime-rs fails with "Invalid hypervisor name")`);
  }

  // The admin folder and copy.
  const createDirs: string[] = [];
  for (const d of runtime === 'rs' ? ['/etc', ADMIN_DIR, adminDir] : ['/etc', ADMIN_DIR]) {
    const st = await inspectPath(ops, root, d);
    if (st.kind === 'absent') createDirs.push(d);
    else if (st.kind === 'error') return refuse(root, runtime, target, `cannot switch: ${st.message}`);
    else if (st.kind === 'symlink' ? !(st.resolution.ok && st.resolution.kind === 'dir') : st.kind !== 'dir') return refuse(root, runtime, target, `cannot switch: ${d} exists but is not a folder`);
  }
  const copyPath = `${adminDir}/${name}`;
  const notes: string[] = [];
  let copy: SwitchPlanOk['copy'];
  let useExistingCopy: SwitchPlanOk['useExistingCopy'];
  let newRealPath = copyPath;
  if (dirName(target) === adminDir) {
    useExistingCopy = { path: target };
    newRealPath = res.path;
  } else {
    const st = await inspectPath(ops, root, copyPath);
    if (st.kind === 'absent') copy = { from: res.path, to: copyPath };
    else if (st.kind === 'error') return refuse(root, runtime, target, `cannot switch: ${st.message}`);
    else if (st.kind === 'file' || (st.kind === 'symlink' && st.resolution.ok && st.resolution.kind === 'file' && trees.some((t) => isInside((st.resolution as { path: string }).path, t)))) {
      const copySummary = await summarizeConfig(root, copyPath, { fileOps: ops, ...(runtime === 'rs' ? { forceRuntime: 'rs' as Runtime } : {}) });
      if (!copySummary.ok) return refuse(root, runtime, target, `cannot switch: the existing copy ${copyPath} cannot be read: ${copySummary.message}`);
      if (copySummary.tomlErrors) return refuse(root, runtime, target, `refusing: the existing copy ${copyPath}, which the switch would use, has ${copySummary.tomlErrors} TOML error(s) (first: ${copySummary.firstError}); fix or remove it first`);
      if (!copySummary.hypervisor) return refuse(root, runtime, target, `refusing: the existing copy ${copyPath}, which the switch would use, has no [hypervisor.<name>] table`);
      const [mine, shipped] = await Promise.all([readInRoot(ops, root, copyPath), readInRoot(ops, root, res.path)]);
      const identical = mine.ok && shipped.ok ? mine.data.equals(shipped.data) : undefined;
      useExistingCopy = identical === undefined ? { path: copyPath } : { path: copyPath, identicalToSource: identical };
      newRealPath = copySummary.realPath ?? copyPath;
      if (identical === false) notes.push(`${copyPath} already exists and differs from ${target}: your copy is used as it is (compare them with "Compare with Default").`);
    } else return refuse(root, runtime, target, `cannot switch: ${copyPath} exists but is not a usable config file (${st.kind === 'symlink' ? 'a symlink that does not resolve to a file inside the Kata folders' : st.kind})`);
  }
  const hypervisorSummary = useExistingCopy && useExistingCopy.path !== target ? await summarizeConfig(root, useExistingCopy.path, { fileOps: ops, ...(runtime === 'rs' ? { forceRuntime: 'rs' as Runtime } : {}) }) : summary;
  const hypervisor = (hypervisorSummary.hypervisor ?? summary.hypervisor) as HypervisorRef;
  if (summary.kataDeployManaged && copy) notes.push(`${target} is kata-deploy's managed copy; the copy in ${adminDir} is yours, and the drop-ins of kata-deploy's runtimes/<shim>/config.d do not apply to it.`);

  // The link.
  const snap = await snapshot(ops, root, linkPath);
  if (!snap.snap) return refuse(root, runtime, target, `cannot switch: ${snap.problem}; it must be a symlink (or absent)`);
  const current = snap.snap;
  // The link always names a file of its own folder (the copy, or the admin file chosen): a relative target.
  const newLinkTarget = name;
  const noop = current.kind === 'symlink' && !current.broken && current.realPath === newRealPath && !copy;
  let backupPath: string | undefined;
  let consentMessage: string | undefined;
  if (current.kind === 'file') {
    backupPath = `${linkPath}.${timestamp(options.now ?? new Date())}.saved`;
    for (let i = 1; (await inspectPath(ops, root, backupPath)).kind !== 'absent'; i++) backupPath = `${linkPath}.${timestamp(options.now ?? new Date())}-${i}.saved`;
    consentMessage = `${linkPath} is a regular file, not a symlink (written by hand or by an older installer), so switching would replace your file. Switching first saves it as ${backupPath} and replaces it with a symlink to ${newLinkTarget}; Undo restores it.`;
  }

  // What the runtime's default search loads now (the admin link, else the shipped default link).
  let previous: SwitchPlanOk['previous'];
  let prevReal = current.kind === 'symlink' ? current.realPath : current.kind === 'file' ? linkPath : undefined;
  if (!prevReal) {
    for (const search of await defaultSearch(root, runtime, ops)) {
      for (const p of search.paths) {
        const r = await resolveInRoot(ops, root, p);
        if (r.ok && r.kind === 'file') {
          prevReal = r.path;
          break;
        }
      }
      if (prevReal) break;
    }
  }
  if (prevReal) {
    const ps = await summarizeConfig(root, prevReal, { fileOps: ops, ...(runtime === 'rs' ? { forceRuntime: 'rs' as Runtime } : {}) });
    previous = { realPath: prevReal, ...(ps.hypervisor ? { hypervisor: ps.hypervisor } : {}) };
  }

  // Steps and the equivalent root commands (fs paths; the link content stays a Kata-relative name).
  const tmp = `${linkPath}.kata-config-new`;
  const fsPaths: Record<string, string> = {};
  for (const p of [linkPath, tmp, ...createDirs, ...(copy ? [copy.from, copy.to] : []), ...(backupPath ? [backupPath] : [])]) fsPaths[p] = await physicalPath(ops, root, p);
  const fs = (p: string): string => fsPaths[p];
  const steps: string[] = [];
  const commands: PrivilegedCommand[] = [];
  if (!noop) {
    if (createDirs.length) {
      steps.push(`create ${createDirs.join(' and ')}`);
      commands.push(command(['mkdir', '-p', '--', fs(createDirs[createDirs.length - 1])], `create ${createDirs[createDirs.length - 1]}`));
    }
    if (copy) {
      steps.push(`copy ${copy.from} to ${copy.to}`);
      commands.push(command(['install', '-m', '0644', '-T', '--', fs(copy.from), fs(copy.to)], `copy the shipped file to ${copy.to}`));
    }
    if (backupPath) {
      steps.push(`save the regular file ${linkPath} as ${backupPath}`);
      commands.push(command(['cp', '-p', '-T', '--', fs(linkPath), fs(backupPath)], `back up ${linkPath}`));
    }
    steps.push(`point ${linkPath} at ${newLinkTarget} (a new symlink beside it, renamed over it)`);
    commands.push(command(['ln', '-s', '-f', '-n', '-T', '--', newLinkTarget, fs(tmp)], 'create the new symlink beside configuration.toml'));
    commands.push(command(['mv', '-f', '-T', '--', fs(tmp), fs(linkPath)], 'rename it over configuration.toml (atomic)'));
  }

  const pins = options.pins === false ? undefined : (options.pins ?? (await readPins(root, { ...options.pinOptions, fileOps: ops })));
  const effects = await describeEffects(ops, root, runtime, { linkPath, newRealPath, hypervisor, previousRealPath: prevReal }, pins);

  const plan: SwitchPlanOk = {
    ok: true,
    root,
    runtime,
    target,
    sourceRealPath: res.path,
    adminDir,
    linkPath,
    newLinkTarget,
    newRealPath,
    current,
    noop,
    createDirs,
    needsConsent: current.kind === 'file',
    fsPaths,
    hypervisor,
    steps,
    commands,
    effects,
    notes,
  };
  if (copy) plan.copy = copy;
  if (useExistingCopy) plan.useExistingCopy = useExistingCopy;
  if (backupPath) plan.backupPath = backupPath;
  if (consentMessage) plan.consentMessage = consentMessage;
  if (previous) plan.previous = previous;
  if (current.kind === 'symlink' && current.broken) notes.push(`${linkPath} is a broken symlink (→ ${current.target}); the switch replaces it.`);
  return plan;
}

async function hypervisorName(ops: FileOps, root: string, realPath: string | undefined, runtime: Runtime | undefined): Promise<string> {
  if (!realPath) return 'an unknown hypervisor';
  const s = await summarizeConfig(root, realPath, { fileOps: ops, ...(runtime === 'rs' ? { forceRuntime: 'rs' as Runtime } : {}) });
  return s.hypervisor?.displayName ?? 'an unknown hypervisor';
}

async function describeEffects(
  ops: FileOps,
  root: string,
  runtime: Runtime,
  sw: { linkPath: string; newRealPath: string; hypervisor: HypervisorRef; previousRealPath?: string },
  pins: PinReport | undefined,
): Promise<SwitchEffects> {
  const e: SwitchEffects = { takesEffect: [], doesNotTakeEffect: [], warnings: [], following: [], pinnedElsewhere: [], otherRuntime: [] };
  const hv = sw.hypervisor.displayName;
  e.takesEffect.push(
    `New ${RT_NAME[runtime]} sandboxes started without a ConfigPath (ctr, nerdctl or docker with the Kata shim, and runtime handlers that set none) load ${sw.newRealPath} (${hv}): ${sw.linkPath} is the first file ${RT_NAME[runtime]} looks for.`,
  );
  for (const h of pins?.handlers ?? []) {
    if (h.runtime && h.runtime !== runtime) {
      e.otherRuntime.push(h);
      e.doesNotTakeEffect.push(`${describeHandler(h)} runs ${RT_NAME[h.runtime]} (${h.runtimeWhy}), which does not read ${sw.linkPath}: its pods are not affected.`);
      continue;
    }
    const unsure = h.runtime ? '' : ` (which Kata runtime it runs is unclear: ${h.runtimeWhy})`;
    if (!h.configPath) {
      e.following.push(h);
      e.takesEffect.push(`${describeHandler(h)} sets no ConfigPath, so its new pods get ${hv}${unsure}.`);
    } else if (h.configRealPath === sw.newRealPath || normalizeKataPath(h.configPath) === sw.linkPath) {
      e.following.push(h);
      e.takesEffect.push(`${describeHandler(h)} is pinned to ${h.configPath}, which now leads to ${hv}${unsure}.`);
    } else {
      e.pinnedElsewhere.push(h);
      const keeps = h.configRealPath ? await hypervisorName(ops, root, h.configRealPath, h.runtime) : 'a config that does not resolve';
      e.doesNotTakeEffect.push(
        `${describeHandler(h)} is pinned by ${h.manager === 'containerd' ? 'ConfigPath' : 'runtime_config_path'} to ${h.configPath}: CRI pods (Kubernetes, crictl) on it keep ${keeps}${unsure}. To change them, change that handler or use another RuntimeClass.`,
      );
    }
  }
  if (pins) for (const p of pins.problems) e.warnings.push(p);
  e.doesNotTakeEffect.push('Sandboxes already running keep their hypervisor until they are recreated. containerd and CRI-O need no restart: the shim reads the config when it creates a sandbox.');

  // Drop-ins: Kata reads config.d beside the resolved file.
  if (sw.previousRealPath && dirName(sw.previousRealPath) !== dirName(sw.newRealPath)) {
    const before = await listDropIns(root, sw.previousRealPath, runtime, ops);
    if (before.dropIns.length) {
      e.warnings.push(`The drop-ins in ${before.dir} (${before.dropIns.map((d) => d.name).join(', ')}) applied to the previous file but not to ${sw.newRealPath}, which reads ${dirName(sw.newRealPath)}/config.d.`);
    }
  }
  const after = await listDropIns(root, sw.newRealPath, runtime, ops);
  if (after.dropIns.length) e.takesEffect.push(`The drop-ins in ${after.dir} (${after.dropIns.map((d) => d.name).join(', ')}) are merged over it, in that order.`);
  const broken = after.dropIns.filter((d) => d.breaksLoading);
  if (broken.length) e.warnings.push(`Kata fails to load the new configuration because of ${broken.map((d) => `${d.name} (${d.problems[0]})`).join('; ')}.`);
  return e;
}

// ---------------------------------------------------------------------------------------------
// Journal

export const JOURNAL_FILE = 'kata-switch-journal.json';
const JOURNAL_LIMIT = 20;

export interface JournalEntry {
  id: string;
  /** ISO time of the switch. */
  time: string;
  /** The root prefix (resolved) the switch was made under. */
  root: string;
  runtime: Runtime;
  /** Kata path of the admin `configuration.toml`. */
  linkPath: string;
  before: { kind: 'absent' } | { kind: 'symlink'; target: string } | { kind: 'file'; backupPath: string; sha256: string };
  after: { target: string; realPath: string };
  /** What the switch created, to remove on undo if unchanged. */
  created: { files: Array<{ path: string; sha256: string }>; dirs: string[] };
  hypervisor: { from?: string; to: string };
  /** `direct`: applied by applySwitch; `external`: run as root by the user and recorded after. */
  via: 'direct' | 'external';
}

export interface Journal {
  version: 1;
  entries: JournalEntry[];
}

/** Reads the journal in `stateDir` (an fs path). A missing journal is empty; a damaged one gives a message. Never throws. */
export async function readJournal(stateDir: string, ops: FileOps = nodeFileOps): Promise<{ journal: Journal; problem?: string }> {
  const empty: Journal = { version: 1, entries: [] };
  let data: Buffer;
  try {
    data = await ops.readFile(nodePath.join(stateDir, JOURNAL_FILE));
  } catch (err) {
    return errorCode(err) === 'ENOENT' ? { journal: empty } : { journal: empty, problem: describeError(err, 'read the switch journal', nodePath.join(stateDir, JOURNAL_FILE)) };
  }
  try {
    const j = JSON.parse(data.toString('utf8')) as Journal;
    if (j?.version !== 1 || !Array.isArray(j.entries)) return { journal: empty, problem: `the switch journal ${nodePath.join(stateDir, JOURNAL_FILE)} has an unknown format; undo is unavailable` };
    return { journal: j };
  } catch {
    return { journal: empty, problem: `the switch journal ${nodePath.join(stateDir, JOURNAL_FILE)} is not valid JSON; undo is unavailable` };
  }
}

async function mkdirp(ops: FileOps, dir: string): Promise<void> {
  try {
    await ops.mkdir(dir);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return;
    if (errorCode(err) !== 'ENOENT') throw err;
    await mkdirp(ops, nodePath.dirname(dir));
    await ops.mkdir(dir).catch((e: unknown) => {
      if (errorCode(e) !== 'EEXIST') throw e;
    });
  }
}

async function writeJournal(stateDir: string, journal: Journal, ops: FileOps): Promise<void> {
  await mkdirp(ops, stateDir);
  const file = nodePath.join(stateDir, JOURNAL_FILE);
  const tmp = `${file}.${tempSuffix()}.tmp`;
  journal.entries = journal.entries.slice(-JOURNAL_LIMIT);
  await ops.writeFile(tmp, JSON.stringify(journal, null, 2) + '\n');
  await ops.rename(tmp, file);
}

/** The entry `planUndo` would undo: the newest for this root (and runtime, when given). */
export async function lastSwitch(stateDir: string, root: string, runtime?: Runtime, ops: FileOps = nodeFileOps): Promise<JournalEntry | undefined> {
  const { journal } = await readJournal(stateDir, ops);
  const r = nodePath.resolve(root);
  return [...journal.entries].reverse().find((e) => e.root === r && (!runtime || e.runtime === runtime));
}

// ---------------------------------------------------------------------------------------------
// Apply

export type ApplyStatus = 'applied' | 'noop' | 'needs-consent' | 'needs-root' | 'refused' | 'failed';

export interface SwitchResult {
  status: ApplyStatus;
  /** One human sentence. */
  message: string;
  /** For `needs-root`: the commands to run as root, then call `recordExternalSwitch`. */
  commands?: PrivilegedCommand[];
  /** The journal entry written (undo is possible). */
  entry?: JournalEntry;
  /** Problems after a success (e.g. the journal could not be written) or leftovers after a failed rollback. */
  warnings: string[];
}

export interface ApplyOptions {
  /** A folder for the undo journal (fs path, e.g. the extension's global storage). */
  stateDir: string;
  fileOps?: FileOps;
  /** Consent to replace a regular-file configuration.toml (it is backed up first). */
  allowReplaceRegularFile?: boolean;
  /** Called after every filesystem change (tests assert the link still resolves here). */
  onStep?: (step: string) => void | Promise<void>;
}

function classify(err: unknown, action: string, kataPath: string): { status: ApplyStatus; message: string } {
  if (isPermissionError(err)) return { status: 'needs-root', message: `${describeError(err, action, kataPath)}. Run the commands below as root (sudo or pkexec), then confirm.` };
  return { status: 'failed', message: describeError(err, action, kataPath) };
}

/**
 * Applies a plan: creates folders and the copy, backs up a regular file (with consent), then
 * atomically repoints the symlink and records the switch in the journal. On any failure the steps
 * already done are rolled back; on EACCES/EPERM the result is `needs-root` with the commands. Never throws.
 */
export async function applySwitch(plan: SwitchPlan, options: ApplyOptions): Promise<SwitchResult> {
  const ops = options.fileOps ?? nodeFileOps;
  if (!plan.ok) return { status: 'refused', message: plan.refusal, warnings: [] };
  if (plan.noop) return { status: 'noop', message: `${plan.linkPath} already points at ${plan.newRealPath} (${plan.hypervisor.displayName}); nothing to do.`, warnings: [] };
  if (plan.needsConsent && !options.allowReplaceRegularFile) {
    return { status: 'needs-consent', message: plan.consentMessage ?? `${plan.linkPath} is a regular file; consent is needed to replace it.`, warnings: [] };
  }
  const root = plan.root;
  const fs = (p: string): string => plan.fsPaths[p] ?? toFsPath(root, p);
  /** A temporary name beside a known path (same folder, so rename(2) is atomic). */
  const beside = (known: string, tmpKata: string): string => nodePath.join(nodePath.dirname(fs(known)), baseName(tmpKata));
  const step = async (s: string): Promise<void> => {
    if (options.onStep) await options.onStep(s);
  };

  // The state must not have changed since the plan.
  const now = await snapshot(ops, root, plan.linkPath);
  if (!now.snap) return { status: 'failed', message: `cannot switch: ${now.problem}`, warnings: [] };
  if (!sameSnapshot(now.snap, plan.current)) return { status: 'failed', message: `${plan.linkPath} changed since the switch was planned; plan it again.`, warnings: [] };
  if (plan.copy && (await inspectPath(ops, root, plan.copy.to)).kind !== 'absent') return { status: 'failed', message: `${plan.copy.to} appeared since the switch was planned; plan it again.`, warnings: [] };

  const undoStack: Array<{ what: string; run: () => Promise<void> }> = [];
  const createdFiles: Array<{ path: string; sha256: string }> = [];
  const createdDirs: string[] = [];
  let doing: { action: string; path: string } = { action: 'switch', path: plan.linkPath };
  try {
    for (const d of plan.createDirs) {
      doing = { action: 'create the folder', path: d };
      try {
        await ops.mkdir(fs(d));
      } catch (err) {
        if (errorCode(err) !== 'EEXIST') throw err;
        continue;
      }
      createdDirs.push(d);
      undoStack.push({ what: `remove ${d}`, run: () => ops.rmdir(fs(d)) });
      await step(`mkdir ${d}`);
    }
    if (plan.copy) {
      const tmp = `${plan.copy.to}.kata-config-${tempSuffix()}.tmp`;
      doing = { action: `copy ${plan.copy.from} to`, path: plan.copy.to };
      const tmpFs = beside(plan.copy.to, tmp);
      await ops.copyFile(fs(plan.copy.from), tmpFs);
      undoStack.push({ what: `remove ${tmp}`, run: () => ops.unlink(tmpFs) });
      await ops.chmod(tmpFs, 0o644);
      const data = await ops.readFile(tmpFs);
      if ((await inspectPath(ops, root, plan.copy.to)).kind !== 'absent') throw Object.assign(new Error(`${plan.copy.to} appeared during the switch`), { code: 'EEXIST' });
      await ops.rename(tmpFs, fs(plan.copy.to));
      undoStack.pop();
      const to = plan.copy.to;
      undoStack.push({ what: `remove ${to}`, run: () => ops.unlink(fs(to)) });
      createdFiles.push({ path: to, sha256: sha256(data) });
      await step(`copy ${to}`);
    }
    if (plan.backupPath) {
      doing = { action: `back up ${plan.linkPath} as`, path: plan.backupPath };
      await ops.copyFile(fs(plan.linkPath), fs(plan.backupPath));
      const bp = plan.backupPath;
      undoStack.push({ what: `remove ${bp}`, run: () => ops.unlink(fs(bp)) });
      const saved = sha256(await ops.readFile(fs(plan.backupPath)));
      if (plan.current.kind === 'file' && saved !== plan.current.sha256) throw Object.assign(new Error(`the backup ${plan.backupPath} does not match ${plan.linkPath}`), { code: 'EIO' });
      await step(`backup ${plan.backupPath}`);
    }
    const tmpLink = `${plan.linkPath}.kata-config-${tempSuffix()}.tmp`;
    doing = { action: 'create a symlink in', path: plan.adminDir };
    const tmpLinkFs = beside(plan.linkPath, tmpLink);
    await ops.symlink(plan.newLinkTarget, tmpLinkFs);
    undoStack.push({ what: `remove ${tmpLink}`, run: () => ops.unlink(tmpLinkFs) });
    await step(`symlink ${tmpLink}`);
    doing = { action: 'rename the new symlink over', path: plan.linkPath };
    await ops.rename(tmpLinkFs, fs(plan.linkPath));
    undoStack.pop();
    await step(`rename ${plan.linkPath}`);
  } catch (err) {
    const warnings: string[] = [];
    for (const u of undoStack.reverse()) {
      try {
        await u.run();
      } catch (e) {
        warnings.push(`rollback could not ${u.what}: ${describeError(e, 'do it')}`);
      }
    }
    const c = classify(err, doing.action, doing.path);
    const result: SwitchResult = { status: c.status, message: `${c.message}${warnings.length ? '' : ' Nothing was changed.'}`, warnings };
    if (c.status === 'needs-root') result.commands = plan.commands;
    return result;
  }

  // Verify, then journal.
  const warnings: string[] = [];
  const check = await resolveInRoot(ops, root, plan.linkPath);
  if (!check.ok || check.path !== plan.newRealPath) warnings.push(`after the switch ${plan.linkPath} resolves to ${check.ok ? check.path : `nothing (${check.message})`}, not ${plan.newRealPath}`);
  const entry = journalEntry(plan, createdFiles, createdDirs, 'direct');
  try {
    const { journal, problem } = await readJournal(options.stateDir, ops);
    if (problem) warnings.push(`${problem}; it is started afresh`);
    journal.entries.push(entry);
    await writeJournal(options.stateDir, journal, ops);
  } catch (err) {
    warnings.push(`${describeError(err, 'write the switch journal in', options.stateDir)}: undo will not be available`);
    return { status: 'applied', message: appliedMessage(plan), warnings };
  }
  return { status: 'applied', message: appliedMessage(plan), entry, warnings };
}

function appliedMessage(plan: SwitchPlanOk): string {
  const copied = plan.copy ? ` The shipped file was copied to ${plan.copy.to}.` : '';
  return `${RT_NAME[plan.runtime]} now uses ${plan.hypervisor.displayName} (${plan.linkPath} → ${plan.newLinkTarget}).${copied}${plan.backupPath ? ` Your previous file is saved as ${plan.backupPath}.` : ''}`;
}

function journalEntry(plan: SwitchPlanOk, files: Array<{ path: string; sha256: string }>, dirs: string[], via: 'direct' | 'external'): JournalEntry {
  const c = plan.current;
  const before: JournalEntry['before'] =
    c.kind === 'absent' ? { kind: 'absent' } : c.kind === 'symlink' ? { kind: 'symlink', target: c.target } : { kind: 'file', backupPath: plan.backupPath as string, sha256: c.sha256 };
  const e: JournalEntry = {
    id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    time: new Date().toISOString(),
    root: nodePath.resolve(plan.root),
    runtime: plan.runtime,
    linkPath: plan.linkPath,
    before,
    after: { target: plan.newLinkTarget, realPath: plan.newRealPath },
    created: { files, dirs },
    hypervisor: { to: plan.hypervisor.table },
    via,
  };
  if (plan.previous?.hypervisor) e.hypervisor.from = plan.previous.hypervisor.table;
  return e;
}

/**
 * After the user ran `plan.commands` as root: checks that the switch is in place and records it in
 * the journal so it can be undone. Never throws.
 */
export async function recordExternalSwitch(plan: SwitchPlan, options: { stateDir: string; fileOps?: FileOps }): Promise<SwitchResult> {
  const ops = options.fileOps ?? nodeFileOps;
  if (!plan.ok) return { status: 'refused', message: plan.refusal, warnings: [] };
  const root = plan.root;
  const st = await inspectPath(ops, root, plan.linkPath);
  if (st.kind !== 'symlink' || !st.resolution.ok || st.resolution.path !== plan.newRealPath) {
    return { status: 'failed', message: `the switch is not in place: ${plan.linkPath} does not resolve to ${plan.newRealPath}. Did the commands run?`, warnings: [] };
  }
  const files: Array<{ path: string; sha256: string }> = [];
  if (plan.copy) {
    try {
      files.push({ path: plan.copy.to, sha256: sha256(await ops.readFile(await physicalPath(ops, root, plan.copy.to))) });
    } catch (err) {
      return { status: 'failed', message: describeError(err, 'read', plan.copy.to), warnings: [] };
    }
  }
  if (plan.backupPath && (await inspectPath(ops, root, plan.backupPath)).kind !== 'file') {
    return { status: 'failed', message: `the backup ${plan.backupPath} is missing: the previous ${plan.linkPath} cannot be restored by Undo`, warnings: [] };
  }
  const dirs: string[] = [];
  for (const d of plan.createDirs) if ((await inspectPath(ops, root, d)).kind === 'dir') dirs.push(d);
  const entry = journalEntry(plan, files, dirs, 'external');
  try {
    const { journal } = await readJournal(options.stateDir, ops);
    journal.entries.push(entry);
    await writeJournal(options.stateDir, journal, ops);
  } catch (err) {
    return { status: 'applied', message: appliedMessage(plan), warnings: [`${describeError(err, 'write the switch journal in', options.stateDir)}: undo will not be available`] };
  }
  return { status: 'applied', message: appliedMessage(plan), entry, warnings: [] };
}

// ---------------------------------------------------------------------------------------------
// Undo

export interface UndoPlanOk {
  ok: true;
  root: string;
  entry: JournalEntry;
  /** Human descriptions of the steps. */
  steps: string[];
  /** Created files that will be removed (unchanged since the switch). */
  removeFiles: string[];
  /** Created files that are kept because they were edited after the switch. */
  keepFiles: string[];
  commands: PrivilegedCommand[];
  /** Kata path → fs path for every path the undo writes. */
  fsPaths: Record<string, string>;
}

export type UndoPlan = UndoPlanOk | { ok: false; root: string; refusal: string };

/** Plans undoing the newest switch recorded for `root` (and `runtime`, when given). Never throws. */
export async function planUndo(root: string, options: { stateDir: string; runtime?: Runtime; fileOps?: FileOps }): Promise<UndoPlan> {
  const ops = options.fileOps ?? nodeFileOps;
  try {
    const { journal, problem } = await readJournal(options.stateDir, ops);
    const r = nodePath.resolve(root);
    const entry = [...journal.entries].reverse().find((e) => e.root === r && (!options.runtime || e.runtime === options.runtime));
    if (!entry) return { ok: false, root, refusal: problem ?? `there is no hypervisor switch to undo${options.runtime ? ` for the ${RT_NAME[options.runtime]}` : ''}` };
    const st = await inspectPath(ops, root, entry.linkPath);
    if (st.kind !== 'symlink' || st.target !== entry.after.target) {
      const now = st.kind === 'symlink' ? `a symlink to ${st.target}` : st.kind === 'absent' ? 'absent' : st.kind === 'error' ? `unreadable (${st.message})` : `a ${st.kind}`;
      return { ok: false, root, refusal: `${entry.linkPath} changed after the switch of ${entry.time} (it is now ${now}, not a symlink to ${entry.after.target}); undoing would overwrite that change` };
    }
    if (entry.before.kind === 'file') {
      const b = entry.before;
      let ok = false;
      try {
        ok = sha256(await ops.readFile(await physicalPath(ops, root, b.backupPath))) === b.sha256;
      } catch {
        ok = false;
      }
      if (!ok) return { ok: false, root, refusal: `the backup ${b.backupPath} of the previous ${entry.linkPath} is missing or was changed; restore it by hand` };
    }
    const tmp = `${entry.linkPath}.kata-config-new`;
    const fsPaths: Record<string, string> = {};
    for (const p of [entry.linkPath, tmp, ...(entry.before.kind === 'file' ? [entry.before.backupPath] : []), ...entry.created.files.map((f) => f.path), ...entry.created.dirs]) {
      fsPaths[p] = await physicalPath(ops, root, p);
    }
    const fs = (p: string): string => fsPaths[p];
    const steps: string[] = [];
    const commands: PrivilegedCommand[] = [];
    const b = entry.before;
    if (b.kind === 'symlink') {
      steps.push(`point ${entry.linkPath} back at ${b.target} (a new symlink beside it, renamed over it)`);
      commands.push(command(['ln', '-s', '-f', '-n', '-T', '--', b.target, fs(tmp)], 'create the previous symlink beside configuration.toml'));
      commands.push(command(['mv', '-f', '-T', '--', fs(tmp), fs(entry.linkPath)], 'rename it over configuration.toml (atomic)'));
    } else if (b.kind === 'file') {
      steps.push(`restore ${entry.linkPath} from ${b.backupPath} (renamed over the symlink)`);
      commands.push(command(['mv', '-f', '-T', '--', fs(b.backupPath), fs(entry.linkPath)], 'put the saved file back (atomic)'));
    } else {
      steps.push(`remove ${entry.linkPath} (there was none before the switch)`);
      commands.push(command(['rm', '-f', '--', fs(entry.linkPath)], 'remove the symlink the switch created'));
    }
    const removeFiles: string[] = [];
    const keepFiles: string[] = [];
    for (const f of entry.created.files) {
      let same = false;
      try {
        same = sha256(await ops.readFile(fs(f.path))) === f.sha256;
      } catch (err) {
        if (errorCode(err) === 'ENOENT') continue;
      }
      if (same) {
        removeFiles.push(f.path);
        steps.push(`remove the copy ${f.path} the switch made`);
        commands.push(command(['rm', '-f', '--', fs(f.path)], `remove the copy the switch made`));
      } else keepFiles.push(f.path);
    }
    for (const d of [...entry.created.dirs].reverse()) {
      steps.push(`remove ${d} if empty`);
      commands.push(command(['rmdir', '--ignore-fail-on-non-empty', '--', fs(d)], `remove the folder the switch created, if empty`));
    }
    return { ok: true, root, entry, steps, removeFiles, keepFiles, commands, fsPaths };
  } catch (err) {
    return { ok: false, root, refusal: `unexpected error while planning the undo: ${err instanceof Error ? err.message : String(err)}` };
  }
}

export interface UndoResult {
  status: 'undone' | 'needs-root' | 'refused' | 'failed';
  message: string;
  commands?: PrivilegedCommand[];
  warnings: string[];
}

async function popEntry(stateDir: string, id: string, ops: FileOps): Promise<string | undefined> {
  try {
    const { journal } = await readJournal(stateDir, ops);
    journal.entries = journal.entries.filter((e) => e.id !== id);
    await writeJournal(stateDir, journal, ops);
    return undefined;
  } catch (err) {
    return `${describeError(err, 'update the switch journal in', stateDir)}; the undone switch is still listed`;
  }
}

/** Restores the state before the switch atomically, removes what it created (if unchanged) and drops the journal entry. Never throws. */
export async function applyUndo(plan: UndoPlan, options: { stateDir: string; fileOps?: FileOps; onStep?: (step: string) => void | Promise<void> }): Promise<UndoResult> {
  const ops = options.fileOps ?? nodeFileOps;
  if (!plan.ok) return { status: 'refused', message: plan.refusal, warnings: [] };
  const { root, entry } = plan;
  const fs = (p: string): string => plan.fsPaths[p] ?? toFsPath(root, p);
  const step = async (s: string): Promise<void> => {
    if (options.onStep) await options.onStep(s);
  };
  const st = await inspectPath(ops, root, entry.linkPath);
  if (st.kind !== 'symlink' || st.target !== entry.after.target) return { status: 'failed', message: `${entry.linkPath} changed since the undo was planned; plan it again.`, warnings: [] };
  const b = entry.before;
  let tmpLink: string | undefined;
  try {
    if (b.kind === 'symlink') {
      tmpLink = nodePath.join(nodePath.dirname(fs(entry.linkPath)), `${MAIN_CONFIG}.kata-config-${tempSuffix()}.tmp`);
      await ops.symlink(b.target, tmpLink);
      await step(`symlink ${tmpLink}`);
      await ops.rename(tmpLink, fs(entry.linkPath));
      tmpLink = undefined;
      await step(`rename ${entry.linkPath}`);
    } else if (b.kind === 'file') {
      await ops.rename(fs(b.backupPath), fs(entry.linkPath));
      await step(`restore ${entry.linkPath}`);
    } else {
      await ops.unlink(fs(entry.linkPath));
      await step(`unlink ${entry.linkPath}`);
    }
  } catch (err) {
    const warnings: string[] = [];
    if (tmpLink) await ops.unlink(tmpLink).catch((e: unknown) => warnings.push(`could not remove ${tmpLink}: ${describeError(e, 'remove it')}`));
    const c = classify(err, 'restore', entry.linkPath);
    const r: UndoResult = { status: c.status === 'needs-root' ? 'needs-root' : 'failed', message: `${c.message} Nothing was changed.`, warnings };
    if (c.status === 'needs-root') r.commands = plan.commands;
    return r;
  }
  const warnings: string[] = [];
  for (const f of plan.removeFiles) {
    try {
      await ops.unlink(fs(f));
      await step(`unlink ${f}`);
    } catch (err) {
      if (errorCode(err) !== 'ENOENT') warnings.push(`${describeError(err, 'remove', f)}; remove it by hand if you do not need it`);
    }
  }
  for (const f of plan.keepFiles) warnings.push(`${f} was edited after the switch, so it is kept`);
  for (const d of [...entry.created.dirs].reverse()) {
    try {
      await ops.rmdir(fs(d));
    } catch (err) {
      const c = errorCode(err);
      if (c !== 'ENOTEMPTY' && c !== 'EEXIST' && c !== 'ENOENT') warnings.push(describeError(err, 'remove the folder', d));
    }
  }
  const w = await popEntry(options.stateDir, entry.id, ops);
  if (w) warnings.push(w);
  const what = b.kind === 'symlink' ? `points at ${b.target} again` : b.kind === 'file' ? `is the saved regular file again` : 'is gone again, as before the switch';
  return { status: 'undone', message: `Undone: ${entry.linkPath} ${what}.`, warnings };
}

/** After the user ran an undo plan's commands as root: checks the previous state is back and drops the journal entry. Never throws. */
export async function recordExternalUndo(plan: UndoPlan, options: { stateDir: string; fileOps?: FileOps }): Promise<UndoResult> {
  const ops = options.fileOps ?? nodeFileOps;
  if (!plan.ok) return { status: 'refused', message: plan.refusal, warnings: [] };
  const { root, entry } = plan;
  const st = await inspectPath(ops, root, entry.linkPath);
  const b = entry.before;
  const back = b.kind === 'absent' ? st.kind === 'absent' : b.kind === 'symlink' ? st.kind === 'symlink' && st.target === b.target : st.kind === 'file';
  if (!back) return { status: 'failed', message: `the undo is not in place: ${entry.linkPath} is not back to its previous state. Did the commands run?`, warnings: [] };
  const w = await popEntry(options.stateDir, entry.id, ops);
  return { status: 'undone', message: `Undone: ${entry.linkPath} is back to its state before the switch of ${entry.time}.`, warnings: w ? [w] : [] };
}
