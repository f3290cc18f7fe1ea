import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, KataConfigApi, openSample, suite, test, until } from './helpers';

suite('activation (real extension host)', () => {
  test('the extension is installed, activates and starts its language server', async () => {
    const ext = vscode.extensions.getExtension<KataConfigApi>(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await openSample('go/configuration-qemu.toml');
    const api = await ext.activate();
    assert.ok(ext.isActive, 'extension is active');
    assert.ok(api?.client, 'activate() returns { client }');
    await until('the language client to be running', () => api.client?.isRunning());
  });
});
