/**
 * effective/rewrites.ts: the value Kata uses instead of a written number, the one function behind
 * both the kata-value-adjusted diagnostic and the effective configuration.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { KataSchema } from '../../server/src/kata/schema';
import { rewriteNumber } from '../../server/src/kata/effective/rewrites';
import { analyzeText } from '../support/kata';

const go = new KataSchema({ runtime: 'go', release: '4.1.0', arch: 'x86_64' });

test('Go default_memory below 256 MiB becomes 2048; 256 is kept', () => {
  const spec = go.spec('hypervisor', 'default_memory')!;
  assert.deepEqual(rewriteNumber(spec, 128, 'go', 'qemu'), { use: 2048, why: 'values below 256 are replaced' });
  assert.equal(rewriteNumber(spec, 256, 'go', 'qemu'), undefined);
});

test('Go memory_slots wraps at 8 bits for QEMU only', () => {
  const spec = go.spec('hypervisor', 'memory_slots')!;
  assert.equal(rewriteNumber(spec, 257, 'go', 'qemu')?.use, 1);
  assert.equal(rewriteNumber(spec, 255, 'go', 'qemu'), undefined);
  assert.equal(rewriteNumber(spec, 257, 'go', 'clh'), undefined);
});

test('the diagnostic says exactly what the function computes', () => {
  const spec = go.spec('hypervisor', 'default_memory')!;
  const r = rewriteNumber(spec, 100, 'go', 'qemu')!;
  const d = analyzeText('[hypervisor.qemu]\nimage = "/i"\ndefault_memory = 100\n', '/tmp/effective/configuration-qemu.toml', { release: '4.1.0' }).diags.find((x) => x.code === 'kata-value-adjusted');
  assert.ok(d);
  assert.equal(d.message, `Kata uses ${r.use} MiB instead of 100: ${r.why}.`);
});
