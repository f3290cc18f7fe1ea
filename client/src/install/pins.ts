/**
 * Which Kata config file each container-manager runtime handler (Kubernetes RuntimeClass handler)
 * is pinned to:
 * - containerd: `/etc/containerd/config.toml` and its `imports` (recursively; globs when the path
 *   holds `*`, relative paths against the importing file's folder, like containerd's
 *   `resolveImports`), runtime tables under `plugins."io.containerd.grpc.v1.cri"` (config version 2),
 *   `plugins."io.containerd.cri.v1.runtime"` (version 3) or `plugins.cri` (version 1), each
 *   `.containerd.runtimes.<handler>` with `runtime_type`, `runtime_path` and `options.ConfigPath`;
 * - CRI-O: `/etc/crio/crio.conf`, then every file under `/etc/crio/crio.conf.d` (walked in name
 *   order, every file whatever its suffix, like CRI-O's `UpdateFromPath`), tables
 *   `[crio.runtime.runtimes.<handler>]` with `runtime_path`, `runtime_type` and `runtime_config_path`.
 *
 * Merging follows containerd ≥ 2.0 (runtime tables merged key by key, later files win) and CRI-O (a
 * later table for a handler replaces it whole). When containerd 1.x would see it differently (it lets
 * an import replace a whole plugin section) a note says so.
 *
 * Files are parsed with kata-config's own TOML parser, which keeps going after errors. No `vscode`
 * import; never throws.
 */
import { parseToml, toPlain, type PlainValue } from '../../../server/src/toml';
import {
  compareBytes,
  describeError,
  dirName,
  isInside,
  listDir,
  nodeFileOps,
  normalizeKataPath,
  readInRoot,
  resolveInRoot,
  toFsPath,
  type FileOps,
} from './fsops';
import { RUNTIME_RS_DIR, shimRuntime, type Runtime } from './roots';

export type ContainerManager = 'containerd' | 'cri-o';

export const CONTAINERD_CONFIG = '/etc/containerd/config.toml';
export const CONTAINERD_CONF_D = '/etc/containerd/conf.d';
export const CRIO_CONFIG = '/etc/crio/crio.conf';
export const CRIO_DROP_IN_DIR = '/etc/crio/crio.conf.d';

/** containerd CRI plugin ids that hold `containerd.runtimes`, per config version. */
export const CONTAINERD_CRI_PLUGINS = ['io.containerd.cri.v1.runtime', 'io.containerd.grpc.v1.cri', 'cri'] as const;

/** One Kata runtime handler of containerd or CRI-O, after merging every file that defines it. */
export interface RuntimeHandler {
  manager: ContainerManager;
  /** The handler name (what a RuntimeClass's `handler` names), e.g. `kata-qemu`. */
  name: string;
  runtimeType?: string;
  runtimePath?: string;
  /** The config the handler is pinned to (`options.ConfigPath` / `runtime_config_path`), as written. Absent: the runtime's default search applies. */
  configPath?: string;
  /** `configPath` with every symlink followed (Kata path), when it resolves to a file. */
  configRealPath?: string;
  /** Why `configPath` is unusable (does not resolve, not absolute, a folder...). Pods on this handler then fail to start. */
  configProblem?: string;
  /** The Kata runtime the handler runs, when it can be told. */
  runtime?: Runtime;
  runtimeWhy: string;
  /** Kata path of the file that set `configPath` (or, without one, that defined the handler last). */
  source: string;
  /** Every file that defines the handler, in load order. */
  sources: string[];
  /** containerd plugin id of the table, e.g. `io.containerd.grpc.v1.cri`. */
  pluginId?: string;
}

export interface ManagerFile {
  manager: ContainerManager;
  /** Kata path. */
  path: string;
  /** `read`: loaded; `missing`: absent (fine for the main files); `error`: unreadable; `ignored`: present but not loaded by the manager. */
  status: 'read' | 'missing' | 'error' | 'ignored';
  /** For containerd imports: the file that imported it. */
  importedBy?: string;
  /** containerd config `version` of the file. */
  version?: number;
  message?: string;
}

export interface PinReport {
  /** Kata handlers of both managers (pinned or not), containerd first, each in definition order. */
  handlers: RuntimeHandler[];
  /** Every file looked at, in load order. */
  files: ManagerFile[];
  /** Problems the managers would trip over (missing imports, TOML errors, ConfigPath that does not resolve). */
  problems: string[];
  /** Other facts worth showing (containerd 1.x merge caveat, conf.d not imported). */
  notes: string[];
}

export interface PinOptions {
  fileOps?: FileOps;
  /** Default `/etc/containerd/config.toml` (k3s/RKE2 and others use other templates). */
  containerdConfig?: string;
  /** Default `/etc/crio/crio.conf`. */
  crioConfig?: string;
  /** Default `/etc/crio/crio.conf.d`. */
  crioDropInDir?: string;
}

type Plain = { [key: string]: PlainValue };

function isTable(v: PlainValue | undefined): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value as a TOML table, or undefined (a date-time counts as a table here; no Kata key holds one). */
function asTable(v: PlainValue | undefined): Plain | undefined {
  return isTable(v) ? (v as Plain) : undefined;
}

function getPath(t: Plain, keys: string[]): PlainValue | undefined {
  let cur: PlainValue | undefined = t;
  for (const k of keys) {
    const table = asTable(cur);
    if (!table) return undefined;
    cur = table[k];
  }
  return cur;
}

function str(v: PlainValue | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function deepMerge(into: Plain, from: Plain): Plain {
  const out: Plain = { ...into };
  for (const [k, v] of Object.entries(from)) {
    const prev = asTable(out[k]);
    const next = asTable(v);
    out[k] = prev && next ? deepMerge(prev, next) : v;
  }
  return out;
}

/** `options.ConfigPath` (go-toml matches field names case-insensitively, so `configpath` works too). */
function configPathOf(table: Plain): string | undefined {
  const options = asTable(table.options);
  if (!options) return undefined;
  if (typeof options.ConfigPath === 'string') return options.ConfigPath;
  const key = Object.keys(options).find((k) => k.toLowerCase() === 'configpath');
  return key ? str(options[key]) : undefined;
}

function globToRegExp(segment: string): RegExp | undefined {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\' && i + 1 < segment.length) re += escapeRe(segment[++i]);
    else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) return undefined; // Go's filepath.Match: ErrBadPattern
      let cls = segment.slice(i + 1, end);
      if (cls.startsWith('^')) cls = '^' + cls.slice(1).replace(/[\]\\]/g, '\\$&');
      else cls = cls.replace(/[\]\\^]/g, '\\$&');
      re += `[${cls}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 's');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const GLOB_META = /[*?[\\]/;

/** Go's filepath.Glob inside the root: existing matches, sorted per folder; undefined for a bad pattern. */
export async function globInRoot(ops: FileOps, root: string, pattern: string): Promise<string[] | undefined> {
  const parts = normalizeKataPath(pattern).split('/').filter(Boolean);
  let cands = ['/'];
  for (const seg of parts) {
    const next: string[] = [];
    if (!GLOB_META.test(seg)) {
      for (const c of cands) next.push(c === '/' ? `/${seg}` : `${c}/${seg}`);
    } else {
      const re = globToRegExp(seg);
      if (!re) return undefined;
      for (const c of cands) {
        const names = (await listDir(ops, root, c)).names ?? [];
        for (const n of names.sort(compareBytes)) if (re.test(n)) next.push(c === '/' ? `/${n}` : `${c}/${n}`);
      }
    }
    cands = next;
  }
  const out: string[] = [];
  for (const c of cands) {
    try {
      await ops.lstat(toFsPath(root, c));
      out.push(c);
    } catch {
      /* not there */
    }
  }
  return out;
}

/** Guesses the Kata runtime a handler runs from its shim path, runtime type and config path. */
async function inferRuntime(ops: FileOps, root: string, h: { runtimeType?: string; runtimePath?: string; configPath?: string; configRealPath?: string; manager: ContainerManager }): Promise<{ runtime?: Runtime; why: string }> {
  const byShimPath = async (p: string, what: string): Promise<{ runtime?: Runtime; why: string } | undefined> => {
    const r = await resolveInRoot(ops, root, p);
    const real = r.ok ? r.path : normalizeKataPath(p);
    if (real.split('/').includes(RUNTIME_RS_DIR)) return { runtime: 'rs', why: `${what} ${p}${real !== p ? ` (${real})` : ''} is the runtime-rs shim` };
    if (r.ok && /containerd-shim-kata(-[^/]*)?-v2$/.test(real)) return { runtime: 'go', why: `${what} ${p}${real !== p ? ` (${real})` : ''} is the Go shim` };
    return undefined;
  };
  if (h.runtimePath) {
    const r = await byShimPath(h.runtimePath, 'runtime_path');
    if (r) return r;
  }
  const m = h.runtimeType ? /^io\.containerd\.(kata(?:-([^.]+))?)\.v2$/.exec(h.runtimeType) : null;
  if (m && !h.runtimePath) {
    // containerd looks the shim up as containerd-shim-<name>-v2 in its PATH.
    const bin = `containerd-shim-${m[1]}-v2`;
    for (const dir of ['/usr/local/bin', '/usr/bin', '/usr/local/sbin', '/usr/sbin', '/bin', '/sbin']) {
      const r = await resolveInRoot(ops, root, `${dir}/${bin}`);
      if (r.ok && r.kind === 'file') {
        const found = await byShimPath(`${dir}/${bin}`, 'the shim');
        if (found) return found;
      }
    }
  }
  const cfg = h.configRealPath ?? h.configPath;
  if (cfg && normalizeKataPath(cfg).split('/').includes(RUNTIME_RS_DIR)) return { runtime: 'rs', why: `its config ${cfg} is in a runtime-rs folder` };
  if (m && m[2]) return { runtime: shimRuntime(m[2]), why: `runtime_type ${h.runtimeType} follows kata-deploy's naming for a ${shimRuntime(m[2]) === 'rs' ? 'runtime-rs' : 'Go'} shim` };
  if (cfg && /\/share\/defaults\/kata-containers\//.test(normalizeKataPath(cfg))) return { runtime: 'go', why: `its config ${cfg} is in a Go runtime folder` };
  return { runtime: undefined, why: 'neither runtime_path, runtime_type nor the config path tells which Kata runtime it runs' };
}

function isKataHandler(manager: ContainerManager, t: Plain): boolean {
  const type = str(t.runtime_type) ?? '';
  const p = str(t.runtime_path) ?? '';
  if (manager === 'containerd') return /^io\.containerd\.kata(-[^.]+)?\.v2$/.test(type) || /kata/.test(p) || configPathOf(t) !== undefined;
  return /kata/.test(p) || str(t.runtime_config_path) !== undefined;
}

interface RawHandler {
  manager: ContainerManager;
  name: string;
  table: Plain;
  sources: string[];
  configSource?: string;
  pluginId?: string;
}

async function finishHandler(ops: FileOps, root: string, raw: RawHandler, problems: string[]): Promise<RuntimeHandler> {
  const t = raw.table;
  const configPath = raw.manager === 'containerd' ? configPathOf(t) : str(t.runtime_config_path);
  const h: RuntimeHandler = {
    manager: raw.manager,
    name: raw.name,
    runtimeType: str(t.runtime_type),
    runtimePath: str(t.runtime_path),
    runtimeWhy: '',
    source: raw.configSource ?? raw.sources[raw.sources.length - 1],
    sources: raw.sources,
  };
  if (raw.pluginId) h.pluginId = raw.pluginId;
  const key = raw.manager === 'containerd' ? 'ConfigPath' : 'runtime_config_path';
  if (configPath !== undefined && configPath !== '') {
    h.configPath = configPath;
    if (!configPath.startsWith('/')) h.configProblem = `${key} "${configPath}" is not an absolute path`;
    else {
      const r = await resolveInRoot(ops, root, configPath);
      if (!r.ok) h.configProblem = `${key} ${configPath} does not resolve: ${r.message}`;
      else if (r.kind === 'dir') h.configProblem = `${key} ${configPath} is a folder, not a file`;
      else h.configRealPath = r.path;
    }
    if (h.configProblem) problems.push(`${raw.manager} handler '${raw.name}' (${h.source}): ${h.configProblem}; its pods fail to start`);
  }
  if (raw.manager === 'cri-o' && h.configPath && h.runtimeType !== 'vm') {
    problems.push(`cri-o handler '${raw.name}' (${h.source}): runtime_config_path can only be used with runtime_type = "vm"; CRI-O refuses this configuration`);
  }
  const rt = await inferRuntime(ops, root, { ...h, manager: raw.manager });
  if (rt.runtime) h.runtime = rt.runtime;
  h.runtimeWhy = rt.why;
  return h;
}

interface LoadedToml {
  root?: Plain;
  errors: number;
  message?: string;
  code?: string;
}

async function loadToml(ops: FileOps, root: string, kataPath: string): Promise<LoadedToml> {
  const r = await readInRoot(ops, root, kataPath);
  if (!r.ok) return { errors: 0, message: r.message, code: r.code };
  const doc = parseToml(r.data.toString('utf8'));
  return { root: toPlain(doc.root) as Plain, errors: doc.errors.length, message: doc.errors.length ? `line ${doc.lines.positionAt(doc.errors[0].start).line + 1}: ${doc.errors[0].message}` : undefined };
}

async function readContainerd(ops: FileOps, root: string, mainPath: string, report: PinReport): Promise<RuntimeHandler[]> {
  const main = normalizeKataPath(mainPath);
  const pending: Array<{ path: string; importedBy?: string }> = [{ path: main }];
  const loaded = new Set<string>();
  const order: Array<{ path: string; plain: Plain; version: number }> = [];
  let importsConfD = false;
  while (pending.length) {
    const { path: p, importedBy } = pending.shift() as { path: string; importedBy?: string };
    if (loaded.has(p)) continue;
    loaded.add(p);
    const file: ManagerFile = { manager: 'containerd', path: p, status: 'read' };
    if (importedBy) file.importedBy = importedBy;
    report.files.push(file);
    const t = await loadToml(ops, root, p);
    if (!t.root) {
      file.status = t.code === 'ENOENT' ? 'missing' : 'error';
      file.message = t.message;
      if (importedBy) report.problems.push(`containerd: ${p}, imported by ${importedBy}, cannot be read (${t.message}); containerd fails to start`);
      else if (t.code !== 'ENOENT') report.problems.push(`containerd: ${t.message}`);
      continue;
    }
    if (t.errors) {
      file.message = `${t.errors} TOML error(s), first at ${t.message}`;
      report.problems.push(`containerd: ${p} has ${t.errors} TOML error(s) (first at ${t.message}); containerd refuses to start with it. Handlers were read from the parts that parse.`);
    }
    const v = t.root.version;
    const version = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 1;
    file.version = version;
    order.push({ path: p, plain: t.root, version });
    const imports = t.root.imports;
    if (imports === undefined) continue;
    if (!Array.isArray(imports) || imports.some((i) => typeof i !== 'string')) {
      report.problems.push(`containerd: imports in ${p} must be a list of strings`);
      continue;
    }
    for (const raw of imports as string[]) {
      let ip = raw.startsWith('/') ? normalizeKataPath(raw) : normalizeKataPath(`${dirName(p)}/${raw}`);
      if (isInside(ip, CONTAINERD_CONF_D)) importsConfD = true;
      if (ip.includes('*')) {
        const matches = await globInRoot(ops, root, ip);
        if (!matches) report.problems.push(`containerd: the import pattern "${raw}" in ${p} is malformed; containerd fails to start`);
        for (const m of matches ?? []) pending.push({ path: m, importedBy: p });
      } else {
        ip = normalizeKataPath(ip);
        pending.push({ path: ip, importedBy: p });
      }
    }
  }

  // containerd >= 2.0: runtime tables merge key by key, later files win.
  const merged = new Map<string, RawHandler>();
  for (const { path: p, plain } of order) {
    for (const pluginId of CONTAINERD_CRI_PLUGINS) {
      const runtimes = asTable(getPath(plain, ['plugins', pluginId, 'containerd', 'runtimes']));
      if (!runtimes) continue;
      for (const [name, value] of Object.entries(runtimes)) {
        const table = asTable(value);
        if (!table) continue;
        const prev = merged.get(name);
        const next: RawHandler = prev
          ? { ...prev, table: deepMerge(prev.table, table), sources: [...prev.sources, p], pluginId }
          : { manager: 'containerd', name, table, sources: [p], pluginId };
        if (configPathOf(table) !== undefined) next.configSource = p;
        merged.set(name, next);
      }
    }
  }

  // containerd 1.x: an import replaces a whole plugin section instead of merging it.
  if (order.length > 1 && order[0].version < 3) {
    const lastDefiner = new Map<string, string>();
    for (const { path: p, plain } of order) for (const id of CONTAINERD_CRI_PLUGINS) if (getPath(plain, ['plugins', id]) !== undefined) lastDefiner.set(id, p);
    for (const [id, winner] of lastDefiner) {
      const losers = order.filter((o) => o.path !== winner && isTable(getPath(o.plain, ['plugins', id, 'containerd', 'runtimes'])));
      for (const l of losers) {
        const lostRuntimes = Object.keys(asTable(getPath(l.plain, ['plugins', id, 'containerd', 'runtimes'])) ?? {});
        if (!lostRuntimes.length) continue;
        report.notes.push(
          `containerd 1.x (not 2.x) lets ${winner} replace the whole [plugins."${id}"] section of ${l.path}, so there the runtime handler(s) ${lostRuntimes.map((n) => `'${n}'`).join(', ')} defined in ${l.path} ${lostRuntimes.length > 1 ? 'are' : 'is'} lost or reduced to what ${winner} sets.`,
        );
      }
    }
  }

  // Drop-ins in /etc/containerd/conf.d that nothing imports are ignored by containerd.
  if (!importsConfD) {
    const l = await listDir(ops, root, CONTAINERD_CONF_D);
    const tomls = (l.names ?? []).filter((n) => n.endsWith('.toml')).sort(compareBytes);
    if (tomls.length) {
      for (const n of tomls) report.files.push({ manager: 'containerd', path: `${CONTAINERD_CONF_D}/${n}`, status: 'ignored', message: `not imported by ${main}` });
      report.notes.push(`${CONTAINERD_CONF_D} holds ${tomls.join(', ')}, but ${main} does not import ${CONTAINERD_CONF_D}/*.toml, so containerd ignores ${tomls.length > 1 ? 'them' : 'it'}.`);
    }
  }

  const out: RuntimeHandler[] = [];
  for (const raw of merged.values()) if (isKataHandler('containerd', raw.table)) out.push(await finishHandler(ops, root, raw, report.problems));
  return out;
}

/** Files under a folder the way Go's filepath.Walk visits them (name order, depth first), symlinks not followed. */
async function walkFiles(ops: FileOps, root: string, dir: string, out: string[], problems: string[]): Promise<void> {
  const l = await listDir(ops, root, dir);
  if (l.error) problems.push(`cri-o: ${l.error}; CRI-O fails to start`);
  for (const name of (l.names ?? []).sort(compareBytes)) {
    const p = `${dir}/${name}`;
    let kind: string;
    try {
      kind = (await ops.lstat(toFsPath(root, p))).kind;
    } catch (err) {
      problems.push(`cri-o: ${describeError(err, 'inspect', p)}`);
      continue;
    }
    if (kind === 'dir') await walkFiles(ops, root, p, out, problems);
    else out.push(p);
  }
}

async function readCrio(ops: FileOps, root: string, mainPath: string, dropInDir: string, report: PinReport): Promise<RuntimeHandler[]> {
  const files = [normalizeKataPath(mainPath)];
  await walkFiles(ops, root, normalizeKataPath(dropInDir), files, report.problems);
  const merged = new Map<string, RawHandler>();
  for (const p of files) {
    const file: ManagerFile = { manager: 'cri-o', path: p, status: 'read' };
    report.files.push(file);
    const t = await loadToml(ops, root, p);
    if (!t.root) {
      file.status = t.code === 'ENOENT' ? 'missing' : 'error';
      file.message = t.message;
      if (t.code !== 'ENOENT') report.problems.push(`cri-o: ${t.message}; CRI-O fails to start`);
      continue;
    }
    if (t.errors) {
      file.message = `${t.errors} TOML error(s), first at ${t.message}`;
      report.problems.push(`cri-o: ${p} has ${t.errors} TOML error(s) (first at ${t.message}); CRI-O refuses to start with it. Handlers were read from the parts that parse.`);
    }
    if (p !== files[0] && !/\.conf$/.test(p)) {
      report.notes.push(`cri-o reads ${p} although its name does not end in .conf: CRI-O reads every file under ${dropInDir}.`);
    }
    const runtimes = asTable(getPath(t.root, ['crio', 'runtime', 'runtimes']));
    if (!runtimes) continue;
    for (const [name, value] of Object.entries(runtimes)) {
      const table = asTable(value);
      if (!table) continue;
      const prev = merged.get(name);
      // CRI-O decodes each file into a fresh handler struct: a later table replaces the handler whole.
      merged.set(name, { manager: 'cri-o', name, table, sources: [...(prev?.sources ?? []), p], configSource: str(table.runtime_config_path) !== undefined ? p : undefined });
    }
  }
  const out: RuntimeHandler[] = [];
  for (const raw of merged.values()) if (isKataHandler('cri-o', raw.table)) out.push(await finishHandler(ops, root, raw, report.problems));
  return out;
}

/** Reads containerd's and CRI-O's configuration under `root` and returns every Kata runtime handler with its pin. Never throws. */
export async function readPins(root: string, options: PinOptions = {}): Promise<PinReport> {
  const ops = options.fileOps ?? nodeFileOps;
  const report: PinReport = { handlers: [], files: [], problems: [], notes: [] };
  try {
    report.handlers.push(...(await readContainerd(ops, root, options.containerdConfig ?? CONTAINERD_CONFIG, report)));
  } catch (err) {
    report.problems.push(`containerd: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    report.handlers.push(...(await readCrio(ops, root, options.crioConfig ?? CRIO_CONFIG, options.crioDropInDir ?? CRIO_DROP_IN_DIR, report)));
  } catch (err) {
    report.problems.push(`cri-o: unexpected error: ${err instanceof Error ? err.message : String(err)}`);
  }
  return report;
}

/** Handlers pinned (by ConfigPath / runtime_config_path) to the file whose real Kata path is `realPath`. */
export function handlersPinnedTo(report: PinReport, realPath: string): RuntimeHandler[] {
  const p = normalizeKataPath(realPath);
  return report.handlers.filter((h) => h.configRealPath === p);
}

/** A one-line description of a handler for messages: `containerd handler 'kata-qemu' (/etc/containerd/conf.d/kata-deploy.toml)`. */
export function describeHandler(h: RuntimeHandler): string {
  return `${h.manager} handler '${h.name}' (${h.source})`;
}
