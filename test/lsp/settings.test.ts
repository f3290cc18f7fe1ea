/**
 * Settings over the protocol (docs/lsp.md, "Settings"): either shape, flat `{ release, ... }` or
 * nested `{ kata: { ... } }`, in initializationOptions (its `settings` member or the options
 * themselves) and in workspace/didChangeConfiguration; pulled with workspace/configuration from a
 * client that offers it, after `initialized` and on every didChangeConfiguration.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../support/lspClient';

const URI = 'file:///tmp/kata-settings/configuration-qemu.toml';
/** Nothing in it says a release, so the kata.release setting decides. */
const TEXT = '[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\n';

async function release(c: LspClient): Promise<string> {
  return (await c.request<{ release: string }>('kataConfig/target', { uri: URI })).release;
}

/** The release the server settles on within `ms` (settings pulled from the client arrive a round trip later). */
async function releaseBecomes(c: LspClient, want: string, ms = 3000): Promise<string> {
  const until = Date.now() + ms;
  let got = await release(c);
  while (got !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    got = await release(c);
  }
  return got;
}

async function withClient(init: Parameters<LspClient['initialize']>[0], body: (c: LspClient) => Promise<void>, setup?: (c: LspClient) => void): Promise<void> {
  const c = new LspClient();
  setup?.(c);
  try {
    await c.initialize(init);
    await c.open(URI, TEXT);
    await body(c);
  } finally {
    await c.shutdown();
  }
}

describe('settings in either shape', () => {
  const shapes: Array<[string, unknown]> = [
    ['{ settings: { release } }', { settings: { release: '3.10' } }],
    ['{ settings: { kata: { release } } }', { settings: { kata: { release: '3.10' } } }],
    ['{ release } (the options themselves)', { release: '3.10' }],
    ['{ kata: { release } }', { kata: { release: '3.10' } }],
    ['{ settings: { "kata.release" } } (VS Code setting names)', { settings: { 'kata.release': '3.10' } }],
  ];
  for (const [name, initializationOptions] of shapes) {
    test(`initializationOptions ${name}`, () => withClient({ initializationOptions }, async (c) => assert.equal(await release(c), '3.10.0')));
  }

  test('didChangeConfiguration: nested and flat both apply; settings of another server change nothing', () =>
    withClient({}, async (c) => {
      assert.equal(await release(c), '4.1.0');
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kata: { release: '3.20' } } });
      assert.equal(await release(c), '3.20.0');
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { release: '3.10', hostChecks: 'off' } });
      assert.equal(await release(c), '3.10.0');
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { toml: { formatter: true } } });
      assert.equal(await release(c), '3.10.0');
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
      assert.equal(await release(c), '3.10.0', 'a client that cannot be asked: null changes nothing');
    }));

  test('the same settings again validate nothing again; other settings do', () =>
    withClient({ initializationOptions: { settings: { release: '3.20' } } }, async (c) => {
      await c.waitForDiagnostics(URI);
      const before = c.history(URI).length;
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kata: { release: '3.20' } } });
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kata: { release: '3.10' } } });
      await c.waitForDiagnostics(URI, () => c.history(URI).length > before);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(c.history(URI).length, before + 1);
    }));
});

describe('settings pulled with workspace/configuration', () => {
  test('after initialized and on every didChangeConfiguration (VS Code sends null settings then); the answer wins over a pushed one; null keeps', async () => {
    let answer: unknown = { release: '3.10', hostChecks: 'off' };
    const asked: unknown[] = [];
    await withClient(
      { workspace: { configuration: true }, initializationOptions: { settings: { release: '3.2' } } },
      async (c) => {
        assert.equal(await releaseBecomes(c, '3.10.0'), '3.10.0', 'pulled after initialized');
        answer = { release: '3.20' };
        await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        assert.equal(await releaseBecomes(c, '3.20.0'), '3.20.0');
        answer = { release: '3.25' };
        await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kata: { release: '3.5' } } });
        assert.equal(await releaseBecomes(c, '3.25.0'), '3.25.0', 'the pulled answer, not the pushed one');
        answer = null;
        await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { kata: { release: '3.5' } } });
        assert.equal(await releaseBecomes(c, '3.5.0'), '3.5.0', 'no section to pull: the pushed one');
        await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(await release(c), '3.5.0', 'nothing pulled, nothing pushed: unchanged');
        answer = {};
        await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        assert.equal(await releaseBecomes(c, '4.1.0'), '4.1.0', 'an empty section: every setting at its default, the release detected again');
        assert.deepEqual(asked, Array(6).fill([{ section: 'kata' }]));
      },
      (c) =>
        c.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => {
          asked.push(p.items);
          return p.items.map(() => answer);
        }),
    );
  });

  test('a client that does not offer workspace/configuration is never asked', async () => {
    let asked = 0;
    await withClient(
      { initializationOptions: { settings: { release: '3.20' } } },
      async (c) => {
        await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(asked, 0);
        assert.equal(await release(c), '3.20.0');
      },
      (c) =>
        c.conn.onRequest('workspace/configuration', () => {
          asked++;
          return [null];
        }),
    );
  });
});
