import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { looksLikeKataConfig } from '../../client/src/detect';

test('a .toml with a [hypervisor.<name>] header is a Kata config', () => {
  assert.ok(looksLikeKataConfig('# x\n[hypervisor.qemu]\npath = "/x"\n'));
  assert.ok(looksLikeKataConfig('[ hypervisor . "clh" ]\n'));
  assert.ok(looksLikeKataConfig('a = 1\n  [hypervisor.firecracker] # fc\n'));
});

test('other TOML files are left alone', () => {
  assert.ok(!looksLikeKataConfig('[package]\nname = "x"\n'));
  assert.ok(!looksLikeKataConfig('# [hypervisor.qemu]\n'));
  assert.ok(!looksLikeKataConfig('x = "[hypervisor.qemu]"\n'));
  assert.ok(!looksLikeKataConfig('[hypervisor]\n'));
});
