/** The extension manifest points at files that exist and agree with each other. */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/shared';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));

test('each contributed grammar exists and declares the scopeName the manifest uses', () => {
  for (const g of pkg.contributes.grammars) {
    const grammar = JSON.parse(fs.readFileSync(path.join(repoRoot, g.path), 'utf8'));
    assert.equal(grammar.scopeName, g.scopeName, g.path);
    assert.ok(pkg.contributes.languages.some((l: { id: string }) => l.id === g.language), `${g.language} is a contributed language`);
  }
});

test('each language configuration exists and is valid JSON', () => {
  for (const l of pkg.contributes.languages) {
    if (l.configuration) JSON.parse(fs.readFileSync(path.join(repoRoot, l.configuration), 'utf8'));
  }
});

test('the Kata language claims the Kata file names', () => {
  const kata = pkg.contributes.languages.find((l: { id: string }) => l.id === 'kata-toml');
  assert.deepEqual(kata.filenamePatterns, ['configuration*.toml', 'configuration*.toml.in', '**/kata-containers/**/*.toml', '**/kata-containers/**/config.d/*']);
});

test('engines.vscode accepts VS Code 1.100 (the offline code-server) and main is the bundle', () => {
  assert.equal(pkg.engines.vscode, '^1.100.0');
  assert.equal(pkg.main, './dist/extension.js');
  assert.equal(pkg.bin['kata-config'], './dist/cli.js');
});

/** Evaluates a `when` clause of the forms the manifest uses: names, !, &&, || and parentheses. */
function when(clause: string, context: Record<string, boolean | undefined>): boolean {
  const tokens = clause.match(/[A-Za-z_.]+|!|&&|\|\||\(|\)/g) ?? [];
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      v = and() || v;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (tokens[i] === '&&') {
      i++;
      v = not() && v;
    }
    return v;
  };
  const not = (): boolean => {
    if (tokens[i] === '!') return (i++, !not());
    if (tokens[i] === '(') {
      i++;
      const v = or();
      i++;
      return v;
    }
    return !!context[tokens[i++]];
  };
  return or();
}

test('the installed-configs welcome text: "looking" until discovery is done, then where it looked', () => {
  const shown = (ctx: Record<string, boolean | undefined>) => pkg.contributes.viewsWelcome.filter((w: { view: string; when: string }) => w.view === 'kata.configs' && when(w.when, ctx)).map((w: { contents: string }) => w.contents);
  // before the extension has set anything (not activated yet), and while the first discovery runs
  for (const ctx of [{}, { 'kata.discovering': true }, { 'kata.discovering': true, 'kata.customInstallRoot': true }]) {
    const texts = shown(ctx);
    assert.equal(texts.length, 1, JSON.stringify(ctx));
    assert.match(texts[0], /^Looking for Kata Containers configuration files/);
  }
  const host = shown({ 'kata.discoveryDone': true });
  assert.equal(host.length, 1);
  assert.match(host[0], /None were found on this machine/);
  const custom = shown({ 'kata.discoveryDone': true, 'kata.customInstallRoot': true });
  assert.equal(custom.length, 1);
  assert.match(custom[0], /under the kata\.installRoot folder/);
  assert.doesNotMatch(custom[0], /this machine/);
  assert.deepEqual(shown({ 'kata.discoveryDone': true, 'kata.configsFound': true }), []);
  // a refresh that finds none again shows "looking" while it runs
  assert.match(shown({ 'kata.discoveryDone': true, 'kata.discovering': true })[0], /^Looking/);
});

test('kata.trace.server is the trace setting of the language client (its id is "kata")', () => {
  const trace = pkg.contributes.configuration.properties?.['kata.trace.server'] ?? pkg.contributes.configuration[0]?.properties['kata.trace.server'];
  assert.deepEqual(trace.enum, ['off', 'messages', 'verbose']);
  const source = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');
  // vscode-languageclient reads `${id}.trace.server`
  assert.match(source, /new LanguageClient\('kata', 'Kata Config'/);
});

test('what publishing needs: a 128 × 128 PNG icon, LICENSE, CHANGELOG, and the VSIX keeps them', () => {
  const png = fs.readFileSync(path.join(repoRoot, pkg.icon));
  assert.equal(png.toString('latin1', 1, 4), 'PNG');
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  assert.ok(fs.existsSync(path.join(repoRoot, 'media', 'icon.svg')), 'the icon has its SVG source');
  assert.match(fs.readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'), /Apache License\s+Version 2\.0/);
  assert.equal(pkg.license, 'Apache-2.0');
  assert.match(fs.readFileSync(path.join(repoRoot, 'CHANGELOG.md'), 'utf8'), /^# Changelog/);
  const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
  for (const f of [pkg.icon, 'LICENSE', 'CHANGELOG.md']) assert.ok(ignore.includes(`!${f}`), `.vscodeignore keeps ${f}`);
  assert.doesNotMatch(pkg.scripts.package, /--skip-license/);
});

test('the web extension: its bundle is `browser`, the VSIX keeps both browser bundles, its client has the same id', () => {
  assert.equal(pkg.browser, './dist/browser/extension.js');
  const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
  for (const f of ['dist/browser/extension.js', 'dist/browser/server.js']) assert.ok(ignore.includes(`!${f}`), `.vscodeignore keeps ${f}`);
  const source = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'browserExtension.ts'), 'utf8');
  assert.match(source, /new LanguageClient\('kata', 'Kata Config'/);
  assert.match(source, /'dist', 'browser', 'server\.js'/);
  assert.equal(pkg.capabilities.virtualWorkspaces.supported, 'limited');
});

test('what needs the machine is hidden where only the web extension runs, shown wherever the Node one does', () => {
  const machineOnly = [
    ...[...pkg.contributes.views.kata, ...pkg.contributes.views.explorer].map((v: { id: string; when: string }) => ({ what: `view ${v.id}`, when: v.when })),
    ...['kata.switchHypervisor', 'kata.undoSwitch', 'kata.refreshConfigs', 'kata.addConfigRoot'].map((c) => ({ what: `palette ${c}`, when: pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === c)?.when ?? 'true' })),
    ...pkg.contributes.walkthroughs[0].steps.filter((st: { id: string }) => st.id === 'find' || st.id === 'switch').map((st: { id: string; when?: string }) => ({ what: `walkthrough step ${st.id}`, when: st.when ?? 'true' })),
  ];
  assert.equal(machineOnly.length, 8);
  const places = {
    'desktop VS Code': { shown: true, ctx: {} },
    'a remote (SSH, code-server: the Node extension host)': { shown: true, ctx: { isWeb: true, remoteName: true } },
    'vscode.dev, github.dev': { shown: false, ctx: { isWeb: true } },
    'the web extension running anyway (its context key)': { shown: false, ctx: { isWeb: true, remoteName: true, 'kata.web': true } },
  };
  for (const { what, when: clause } of machineOnly)
    for (const [place, { shown, ctx }] of Object.entries(places)) assert.equal(when(clause, ctx), shown, `${what} in ${place}: ${clause}`);
});

test('the walkthrough: its media exist and ship, its links and completion events name contributed commands and views', () => {
  const [walkthrough] = pkg.contributes.walkthroughs as Array<{ id: string; steps: Array<{ id: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }> }>;
  assert.equal(walkthrough.id, 'kata.firstVisit');
  const ignore = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
  const shipped = (file: string) => ignore.some((l) => l.startsWith('!') && path.matchesGlob(file, l.slice(1)));
  const commands = new Set((pkg.contributes.commands as Array<{ command: string }>).map((c) => c.command));
  const views = new Set(Object.values(pkg.contributes.views as Record<string, Array<{ id: string }>>).flat().map((v) => v.id));
  const ownCommand = (id: string) => !id.startsWith('kata.') || commands.has(id) || (id.endsWith('.focus') && views.has(id.slice(0, -'.focus'.length)));
  for (const step of walkthrough.steps) {
    const media = step.media.markdown ?? step.media.image;
    assert.ok(media && fs.existsSync(path.join(repoRoot, media)), `${step.id}: ${media} exists`);
    assert.ok(shipped(media), `${step.id}: .vscodeignore ships ${media}`);
    const links = [...step.description.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);
    assert.ok(links.length > 0, `${step.id} has a button`);
    for (const id of links) assert.ok(ownCommand(id), `${step.id}: command ${id} is contributed`);
    for (const event of step.completionEvents ?? []) {
      const [kind, name] = event.split(/:(.*)/);
      if (kind === 'onCommand') assert.ok(commands.has(name), `${step.id}: ${event} names a contributed command`);
      if (kind === 'onView') assert.ok(views.has(name), `${step.id}: ${event} names a contributed view`);
    }
  }
  assert.ok(shipped('samples/mistakes/configuration-qemu.toml'), 'the sample the walkthrough opens ships');
  assert.ok(commands.has('kata.getStarted') && commands.has('kata.openSampleConfig'));
});
