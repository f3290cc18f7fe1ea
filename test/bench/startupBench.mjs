// Spawn → initialize result of dist/server.js with its V8 code cache warm and turned off, beside
// `node -e 0`, interleaved in one run (the machine's load hits all three alike): medians, p95, ratios.
//   node test/bench/startupBench.mjs [runs=15]     (build first: npm run build, or --production)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER = new URL('../../dist/server.js', import.meta.url).pathname;
const runs = Number(process.argv[2] ?? 15);
const cacheDir = mkdtempSync(join(tmpdir(), 'kata-startup-bench-'));

function initialize(env, keepMs = 0) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe', env: { ...process.env, ...env } });
    const msg = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    p.stdin.write(`Content-Length: ${Buffer.byteLength(msg)}\r\n\r\n${msg}`);
    p.stdout.once('data', () => {
      const t = performance.now() - t0;
      setTimeout(() => { p.kill(); resolve(t); }, keepMs);
    });
  });
}
const nodeE0 = () => new Promise((resolve) => { const t0 = performance.now(); spawn(process.execPath, ['-e', '0']).on('exit', () => resolve(performance.now() - t0)); });
const stat = (a) => { const s = [...a].sort((x, y) => x - y); return { median: s[s.length >> 1], p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] }; };

// One long-lived start writes the cache (the launcher writes it 3 s after start-up).
await initialize({ KATA_CONFIG_CACHE_DIR: cacheDir }, 3500);
const warm = [], off = [], floor = [];
for (let i = 0; i < runs; i++) {
  warm.push(await initialize({ KATA_CONFIG_CACHE_DIR: cacheDir }));
  off.push(await initialize({ KATA_CONFIG_CODE_CACHE: '0' }));
  floor.push(await nodeE0());
}
rmSync(cacheDir, { recursive: true, force: true });
const f = stat(floor);
for (const [name, a] of [['code cache', warm], ['no code cache', off], ['node -e 0', floor]]) {
  const s = stat(a);
  console.log(`${name.padEnd(14)} median ${s.median.toFixed(0)} ms  p95 ${s.p95.toFixed(0)} ms  ratio to node -e 0: median ${(s.median / f.median).toFixed(2)}×  p95 ${(s.p95 / f.p95).toFixed(2)}×`);
}
