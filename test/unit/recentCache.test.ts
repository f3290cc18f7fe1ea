import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { RecentCache } from '../../server/src/recentCache';

test('keeps the most recently used documents, per version', () => {
  const cache = new RecentCache<string>(2);
  cache.set('a', 1, 'a1');
  cache.set('b', 1, 'b1');
  assert.equal(cache.get('a', 1), 'a1', 'a is now the most recent');
  cache.set('c', 1, 'c1');
  assert.equal(cache.get('b', 1), undefined, 'b was the least recent and fell out');
  assert.equal(cache.get('a', 1), 'a1');
  assert.equal(cache.get('a', 2), undefined, 'another version is a miss');
  cache.set('a', 2, 'a2');
  assert.equal(cache.size, 2);
  assert.equal(cache.get('a', 2), 'a2');
});

test('a document that fell out of the service cache is analysed again to the same result', () => {
  const service = new LanguageService(nodeHost);
  service.configure({ hostChecks: false });
  const text = '[hypervisor.qemu]\ndefault_memmory = 2048\n';
  const source = (i: number) => ({ uri: `file:///tmp/recent/${i}/configuration-qemu.toml`, version: 1, getText: () => text });
  const first = service.analyze(source(0));
  const before = service.diagnostics(source(0));
  for (let i = 1; i <= 20; i++) service.diagnostics(source(i));
  assert.notEqual(service.analyze(source(0)), first, 'evicted: a new analysis');
  assert.deepEqual(service.diagnostics(source(0)), before);
  assert.ok(before.some((d) => d.message.includes('default_memmory')), JSON.stringify(before));
});
