/*
 * ─── PLACEHOLDER: installed-configs tree view and hypervisor switch command ─────────────────────
 * Reserved for the developer adding the tree view and the switch command (not part of the product
 * yet, so nothing is tested here). Add the extension-host tests here, in this file, with the
 * helpers of ./helpers.ts, e.g.
 *
 *   suite('installed configs tree view', () => {
 *     test('lists the files of samples/install-root', async () => { ... });
 *   });
 *   suite('switch hypervisor command', () => { ... });
 *
 * The sample install root for them is samples/install-root/ (etc/kata-containers with a config.d
 * drop-in; opt/kata/share/defaults/kata-containers with configuration.toml -> configuration-qemu.toml
 * and runtime-rs/). Their UI steps have a matching placeholder in test/e2e/ui/scenario.mjs.
 * ────────────────────────────────────────────────────────────────────────────────────────────────
 */
export {};
