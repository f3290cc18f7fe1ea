import * as assert from 'assert';
import { KATA_LANGUAGE_ID, languageOf, openSample, sampleUri, suite, test, until } from './helpers';

suite('language id', () => {
  for (const file of ['go/configuration-qemu.toml', 'go/configuration-clh.toml', 'go/configuration-fc.toml',
    'runtime-rs/configuration-dragonball.toml', 'runtime-rs/configuration-qemu-runtime-rs.toml']) {
    test(`${file} opens as ${KATA_LANGUAGE_ID}`, async () => {
      const doc = await openSample(file, false);
      assert.strictEqual(doc.languageId, KATA_LANGUAGE_ID);
    });
  }

  test('a drop-in under kata-containers/config.d opens as kata-toml', async () => {
    const doc = await openSample('install-root/etc/kata-containers/config.d/50-debug.toml', false);
    assert.strictEqual(doc.languageId, KATA_LANGUAGE_ID);
  });

  test('a plain .toml with a [hypervisor.qemu] table is switched to kata-toml; other TOML stays toml', async () => {
    const other = await openSample('detect/not-kata.toml');
    const kata = await openSample('detect/vm-settings.toml');
    assert.strictEqual(other.languageId, 'toml', 'not-kata.toml opens as toml');
    await until(`detect/vm-settings.toml to switch to ${KATA_LANGUAGE_ID} (it is ${languageOf(kata.uri)})`,
      () => languageOf(sampleUri('detect/vm-settings.toml')) === KATA_LANGUAGE_ID);
    assert.strictEqual(languageOf(sampleUri('detect/not-kata.toml')), 'toml', 'not-kata.toml stays toml');
  });
});
