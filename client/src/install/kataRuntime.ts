/**
 * Asking the installed Kata tools what they would load: `kata-runtime [--config F] env` (Go runtime)
 * and `kata-ctl env` (runtime-rs; it always uses runtime-rs's default search). Run with `execFile`
 * (no shell) and a timeout; the TOML output is parsed with kata-config's parser.
 *
 * `kata-runtime env` prints `[Hypervisor] Path` (the VMM binary) and `[Runtime.Config] Path` (the
 * resolved config file); `kata-ctl env` prints the snake_case `[hypervisor] path` and
 * `[runtime.config] path`. Neither names the hypervisor type.
 *
 * No `vscode` import; never throws.
 */
import { execFile } from 'node:child_process';
import { parseToml, toPlain, type PlainValue } from '../../../server/src/toml';
import { nodeFileOps, resolveInRoot, toFsPath, type FileOps } from './fsops';
import type { Runtime } from './roots';

export const KATA_RUNTIME_CANDIDATES = ['/opt/kata/bin/kata-runtime', '/usr/bin/kata-runtime', '/usr/local/bin/kata-runtime'] as const;
export const KATA_CTL_CANDIDATES = ['/opt/kata/bin/kata-ctl', '/usr/bin/kata-ctl', '/usr/local/bin/kata-ctl'] as const;

export interface KataEnvInfo {
  /** `[Hypervisor] Path` / `[hypervisor] path`: the hypervisor binary. */
  hypervisorPath?: string;
  /** `[Runtime.Config] Path` / `[runtime.config] path`: the config file loaded (links resolved). */
  configPath?: string;
  /** `[Runtime.Version.Version] Semver` / `[runtime.version] semver`. */
  version?: string;
  /** `[Hypervisor] MachineType` / `[hypervisor] machine_type`. */
  machineType?: string;
}

export interface KataEnvResult extends KataEnvInfo {
  ok: boolean;
  /** The binary and arguments that ran. */
  argv: string[];
  /** Why it failed, for humans. */
  error?: string;
  timedOut?: boolean;
  exitCode?: number;
  stdout: string;
  stderr: string;
}

type Plain = { [key: string]: PlainValue };

function pick(t: PlainValue | undefined, ...keys: string[]): PlainValue | undefined {
  let cur = t;
  for (const k of keys) {
    if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return undefined;
    const obj = cur as Plain;
    const key = k in obj ? k : Object.keys(obj).find((x) => x.toLowerCase() === k.toLowerCase());
    if (key === undefined) return undefined;
    cur = obj[key];
  }
  return cur;
}

function s(v: PlainValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Parses the TOML of `kata-runtime env` or `kata-ctl env`. Keys are matched case-insensitively. */
export function parseKataEnv(text: string): { info: KataEnvInfo; problems: string[] } {
  const doc = parseToml(text);
  const root = toPlain(doc.root);
  const info: KataEnvInfo = {};
  const hp = s(pick(root, 'Hypervisor', 'Path'));
  if (hp) info.hypervisorPath = hp;
  const cp = s(pick(root, 'Runtime', 'Config', 'Path'));
  if (cp) info.configPath = cp;
  const v = s(pick(root, 'Runtime', 'Version', 'Version', 'Semver')) ?? s(pick(root, 'Runtime', 'Version', 'Semver'));
  if (v) info.version = v;
  const mt = s(pick(root, 'Hypervisor', 'MachineType')) ?? s(pick(root, 'Hypervisor', 'machine_type'));
  if (mt) info.machineType = mt;
  const problems = doc.errors.slice(0, 3).map((e) => `line ${doc.lines.positionAt(e.start).line + 1}: ${e.message}`);
  if (!hp) problems.push('the output names no hypervisor path ([Hypervisor] Path)');
  return { info, problems };
}

export interface RunEnvOptions {
  /** `kata-runtime --config <file> env` (Go only; kata-ctl has no such option). An fs path. */
  configPath?: string;
  /** Default 10 s. */
  timeoutMs?: number;
  /** Which tool the binary is; default from its name (`kata-ctl` → kata-ctl). */
  tool?: 'kata-runtime' | 'kata-ctl';
  /** Environment for the child (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs `<binary> [--config F] env` with execFile (no shell) and a timeout and parses the hypervisor
 * path and loaded config from its TOML output. Never throws.
 */
export function runKataEnv(binary: string, options: RunEnvOptions = {}): Promise<KataEnvResult> {
  const tool = options.tool ?? (/kata-ctl$/.test(binary) ? 'kata-ctl' : 'kata-runtime');
  const args = tool === 'kata-runtime' && options.configPath ? ['--config', options.configPath, 'env'] : ['env'];
  const argv = [binary, ...args];
  const timeout = options.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    try {
      execFile(binary, args, { timeout, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024, windowsHide: true, env: options.env ?? process.env, encoding: 'utf8' }, (err, stdout, stderr) => {
        const out: KataEnvResult = { ok: false, argv, stdout: stdout ?? '', stderr: stderr ?? '' };
        if (err) {
          const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number };
          if (e.killed || (e.signal && timeout > 0 && !e.code)) {
            out.timedOut = true;
            out.error = `${binary} env did not answer within ${timeout} ms and was stopped`;
          } else if (e.code === 'ENOENT') out.error = `${binary} was not found`;
          else if (e.code === 'EACCES') out.error = `${binary} cannot be run: permission denied`;
          else if (typeof e.code === 'number') {
            out.exitCode = e.code;
            const first = (stderr || stdout || '').trim().split('\n').slice(-3).join(' ').slice(0, 500);
            out.error = `${binary} env failed with exit code ${e.code}${first ? `: ${first}` : ''}`;
          } else out.error = `${binary} env failed: ${e.message}`;
          resolve(out);
          return;
        }
        const { info, problems } = parseKataEnv(stdout);
        Object.assign(out, info);
        out.ok = !!info.hypervisorPath;
        out.exitCode = 0;
        if (!out.ok) out.error = `could not read ${binary} env's output: ${problems.join('; ')}`;
        resolve(out);
      });
    } catch (err) {
      resolve({ ok: false, argv, stdout: '', stderr: '', error: `${binary} could not be started: ${err instanceof Error ? err.message : String(err)}` });
    }
  });
}

/** The installed `kata-runtime` and `kata-ctl` binaries under the root, as fs paths (links followed inside the root). Never throws. */
export async function findKataTools(root: string, ops: FileOps = nodeFileOps): Promise<{ kataRuntime: string[]; kataCtl: string[] }> {
  const find = async (list: readonly string[]): Promise<string[]> => {
    const out: string[] = [];
    const seen = new Set<string>();
    for (const p of list) {
      const r = await resolveInRoot(ops, root, p);
      if (r.ok && r.kind === 'file' && !seen.has(r.path)) {
        seen.add(r.path);
        out.push(toFsPath(root, p));
      }
    }
    return out;
  };
  return { kataRuntime: await find(KATA_RUNTIME_CANDIDATES), kataCtl: await find(KATA_CTL_CANDIDATES) };
}

export interface ToolCheck {
  /** False when no tool for the runtime is installed (nothing ran). */
  ran: boolean;
  result?: KataEnvResult;
  /** One sentence for the user. */
  message: string;
  /** The tool loaded the expected file (undefined when unknown). */
  matches?: boolean;
}

/**
 * After a switch: asks the runtime's tool (`kata-runtime env` for Go, `kata-ctl env` for runtime-rs)
 * what it loads, and compares its config path with `expectedRealPath` (a Kata path). Only meaningful
 * with root `'/'`: the tools read the real machine. Never throws.
 */
export async function checkActiveWithTool(root: string, runtime: Runtime, expectedRealPath?: string, options: { timeoutMs?: number; fileOps?: FileOps } = {}): Promise<ToolCheck> {
  const tools = await findKataTools(root, options.fileOps ?? nodeFileOps);
  const binary = runtime === 'go' ? tools.kataRuntime[0] : tools.kataCtl[0];
  if (!binary) return { ran: false, message: `${runtime === 'go' ? 'kata-runtime' : 'kata-ctl'} is not installed, so the result cannot be confirmed by Kata itself.` };
  const result = await runKataEnv(binary, { timeoutMs: options.timeoutMs });
  if (!result.ok) return { ran: true, result, message: result.error ?? `${binary} env failed` };
  const matches = expectedRealPath && result.configPath ? result.configPath === expectedRealPath : undefined;
  const message =
    `${binary} env: hypervisor ${result.hypervisorPath}` +
    (result.configPath ? `, config ${result.configPath}` : '') +
    (matches === false ? ` — not ${expectedRealPath}: something else takes precedence` : '');
  const check: ToolCheck = { ran: true, result, message };
  if (matches !== undefined) check.matches = matches;
  return check;
}
