/**
 * dist/server.js, the launcher: the server starts with or without a V8 code cache, writes one (in a
 * private folder, after start-up), uses it next time, replaces a corrupt one, and writes none when
 * KATA_CONFIG_CODE_CACHE=0.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { LspClient } from '../support/lspClient';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-code-cache-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

async function start(env: NodeJS.ProcessEnv, waitMs: number): Promise<void> {
  const c = new LspClient(undefined, [], { KATA_CONFIG_CACHE_DIR: dir, KATA_CONFIG_CODE_CACHE_DELAY_MS: '100', ...env });
  try {
    const init = await c.initialize();
    assert.equal(init.serverInfo?.name, 'kata-config');
    await new Promise((r) => setTimeout(r, waitMs));
  } finally {
    await c.shutdown();
  }
}

const cacheFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache'));

test('no cache: starts, and writes one into a private folder after start-up', async () => {
  await start({}, 600);
  const files = cacheFiles();
  assert.equal(files.length, 1, fs.readdirSync(dir).join(' '));
  assert.match(files[0], new RegExp(`-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8cache$`));
  const st = fs.statSync(path.join(dir, files[0]));
  assert.equal(st.mode & 0o777, 0o600);
  assert.ok(st.size > 100_000, `${st.size} bytes`);
});

test('with the cache: starts from it and leaves it alone', async () => {
  const file = path.join(dir, cacheFiles()[0]);
  const before = fs.statSync(file).mtimeMs;
  await start({}, 600);
  assert.equal(fs.statSync(file).mtimeMs, before, 'an accepted cache is not rewritten');
});

test('a corrupt cache: V8 rejects it, the server starts anyway and writes a good one', async () => {
  const file = path.join(dir, cacheFiles()[0]);
  fs.writeFileSync(file, Buffer.from('not a code cache'), { mode: 0o600 });
  await start({}, 600);
  assert.ok(fs.statSync(file).size > 100_000);
});

test('KATA_CONFIG_CODE_CACHE=0: no cache read or written', async () => {
  for (const f of cacheFiles()) fs.rmSync(path.join(dir, f));
  await start({ KATA_CONFIG_CODE_CACHE: '0' }, 600);
  assert.deepEqual(cacheFiles(), []);
});
