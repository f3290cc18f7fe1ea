/**
 * `node dist/server.js --stdio` (the `kata-config-language-server` command): starts the language server (dist/server-main.js) through a V8 code
 * cache that the running Node itself writes, so that the next start skips compiling the bundle
 * (most of what start-up costs: see README, Performance). The cache is per user
 * (KATA_CONFIG_CACHE_DIR, which the VS Code extension points at its storage; else
 * $XDG_CACHE_HOME/kata-config or ~/.cache/kata-config), per server build and per Node version and
 * architecture; V8 checks the source against it and rejects a stale or foreign one, which is then
 * rewritten. KATA_CONFIG_CODE_CACHE=0 turns it off. Any failure falls back to a plain load.
 */
import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { initializeResult } from './initializeResult';
import { firstFrame, frame, initializeRequest, putHandoff, REPLAYED_INITIALIZE_ID } from './launcherHandoff';

const MAIN = path.join(__dirname, 'server-main.js');

// As the `kata-config-language-server` command (npm's bin): stdio unless a transport is named, and --version.
if (process.argv.includes('--version')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
  process.exit(0);
}
if (!process.argv.slice(2).some((a) => /^--(stdio|node-ipc|socket|pipe)\b/.test(a))) process.argv.push('--stdio');

function cacheFile(): string | undefined {
  if (process.env.KATA_CONFIG_CODE_CACHE === '0') return undefined;
  const base = process.env.KATA_CONFIG_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kata-config');
  return path.join(base, `server-${SERVER_VERSION}-${process.version}-${process.arch}.v8cache`);
}

/** Writes the code cache next to nothing else: a private folder, a temporary file renamed into place. */
function writeCache(file: string, data: Buffer): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    // A read-only or full disk only costs the next start its compile time.
  }
}

function load(): void {
  const file = cacheFile();
  let cached: Buffer | undefined;
  if (file) {
    try {
      const st = fs.statSync(file);
      // Only a cache this user wrote (a planted one in a shared folder is never read).
      if (typeof process.getuid !== 'function' || st.uid === process.getuid()) cached = fs.readFileSync(file);
    } catch {
      cached = undefined;
    }
  }
  const source = fs.readFileSync(MAIN, 'utf8');
  const script = new vm.Script(wrap(source), { filename: MAIN, cachedData: cached });
  const run = script.runInThisContext() as (exports: object, require: NodeRequire, module: object, filename: string, dirname: string) => void;
  const module = { exports: {} };
  run.call(module.exports, module.exports, createRequire(MAIN), module, MAIN, __dirname);
  if (file && (!cached || script.cachedDataRejected)) {
    // After start-up has compiled what a session needs first (initialize, the first analysis), so the
    // cache holds those functions too; unref'd: it never keeps the process alive.
    const delay = Number(process.env.KATA_CONFIG_CODE_CACHE_DELAY_MS ?? 3000);
    setTimeout(() => writeCache(file, script.createCachedData()), Number.isFinite(delay) && delay >= 0 ? delay : 3000).unref();
  }
}

/**
 * Over stdio, answers `initialize` before loading the server (launcherHandoff.ts). Waits for the
 * first message at most EARLY_WAIT_MS (a client sends it on spawn; a slow one only loses the head
 * start), then loads the server with whatever it read. KATA_CONFIG_EARLY_INIT=0 turns it off.
 */
const EARLY_WAIT_MS = 50;

function startOverStdio(): void {
  let buf: Buffer = Buffer.alloc(0);
  let done = false;
  const finish = (handoff: { input: Buffer; answered: boolean }) => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    process.stdin.off('data', onData);
    process.stdin.off('end', onEnd);
    process.stdin.pause();
    putHandoff(handoff);
    load();
  };
  const onData = (chunk: Buffer) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    const first = firstFrame(buf);
    if (first === undefined) return;
    const request = first && initializeRequest(first.body);
    if (!first || !request) return finish({ input: buf, answered: false });
    let result;
    try {
      result = initializeResult(request.params, SERVER_VERSION);
    } catch {
      return finish({ input: buf, answered: false });
    }
    process.stdout.write(frame({ jsonrpc: '2.0', id: request.id, result }));
    const replay = frame({ jsonrpc: '2.0', id: REPLAYED_INITIALIZE_ID, method: 'initialize', params: request.params });
    finish({ input: Buffer.concat([replay, buf.subarray(first.end)]), answered: true });
  };
  const onEnd = () => finish({ input: buf, answered: false });
  const timer = setTimeout(() => finish({ input: buf, answered: false }), EARLY_WAIT_MS);
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
}

if (process.argv.includes('--stdio') && process.env.KATA_CONFIG_EARLY_INIT !== '0') startOverStdio();
else load();
