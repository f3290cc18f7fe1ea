/**
 * The browser bundles' guard (scripts/browser-bundle.mjs, used by scripts/build.mjs): an import of a
 * Node built-in anywhere in the graph fails the build and names its importer; the browser entry
 * builds; the Node entry does not.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/shared';

interface Outcome {
  ok: boolean;
  errors: string[];
}

/** Builds each entry as the browser bundles are built (`guard: false`: without the plugin) in a child Node (the options module is ESM). */
function buildAll(entries: Array<{ entry: string; guard?: boolean }>): Outcome[] {
  const runner = `
    import { createRequire } from 'node:module';
    const esbuild = createRequire(${JSON.stringify(path.join(repoRoot, 'package.json'))})('esbuild');
    const { browserOptions } = await import(${JSON.stringify(pathToFileURL(path.join(repoRoot, 'scripts', 'browser-bundle.mjs')).href)});
    const common = { bundle: true, format: 'iife', logLevel: 'silent', write: false, define: { SERVER_VERSION: '"test"' } };
    const out = [];
    for (const { entry, guard } of JSON.parse(process.argv[1])) {
      const options = browserOptions(common, entry, 'out.js', { nodePaths: [${JSON.stringify(path.join(repoRoot, 'node_modules'))}] });
      if (guard === false) options.plugins = options.plugins.filter((p) => p.name !== 'no-node-imports');
      try {
        await esbuild.build(options);
        out.push({ ok: true, errors: [] });
      } catch (e) {
        out.push({ ok: false, errors: (e.errors ?? [{ text: String(e) }]).map((x) => x.text) });
      }
    }
    process.stdout.write(JSON.stringify(out));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', runner, JSON.stringify(entries)], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Outcome[];
}

test('an import of a Node built-in fails the browser build, wherever it is, naming the importer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-browser-guard-'));
  try {
    const write = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    write('pure.ts', 'export const twice = (n: number): number => 2 * n;\n');
    const clean = write('clean.ts', "import { twice } from './pure';\nconsole.log(twice(2));\n");
    const prefixed = write('prefixed.ts', "import { readFileSync } from 'node:fs';\nconsole.log(readFileSync);\n");
    const bare = write('bare.ts', "import * as p from 'path';\nconsole.log(p.sep);\n");
    write('deep.ts', "import { fileURLToPath } from 'node:url';\nexport const f = fileURLToPath;\n");
    const transitive = write('transitive.ts', "import { f } from './deep';\nconsole.log(f);\n");
    // `buffer` is also an npm package here (a polyfill some dependency installs): without the guard esbuild would bundle it.
    const polyfilled = write('polyfilled.ts', "import { Buffer } from 'buffer';\nconsole.log(Buffer.from('x'));\n");
    const [ok, a, b, c, d, unguarded] = buildAll([{ entry: clean }, { entry: prefixed }, { entry: bare }, { entry: transitive }, { entry: polyfilled }, { entry: polyfilled, guard: false }]);
    assert.deepEqual(ok, { ok: true, errors: [] });
    assert.equal(a.ok, false);
    assert.match(a.errors.join('\n'), /node:fs is a Node module: the browser bundle must not import it \(imported by .*prefixed\.ts\)/);
    assert.match(b.errors.join('\n'), /^path is a Node module.*bare\.ts/);
    assert.match(c.errors.join('\n'), /node:url is a Node module.*deep\.ts/);
    assert.match(d.errors.join('\n'), /^buffer is a Node module.*polyfilled\.ts/);
    assert.equal(unguarded.ok, true, 'the polyfill resolves without the guard: the guard is what refuses it');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the browser worker's entry builds; the Node server's is refused for its Node imports", () => {
  const [browser, node] = buildAll([{ entry: path.join(repoRoot, 'server/src/browserServer.ts') }, { entry: path.join(repoRoot, 'server/src/server.ts') }]);
  assert.deepEqual(browser, { ok: true, errors: [] });
  assert.equal(node.ok, false);
  const refused = node.errors.join('\n');
  for (const m of ['node:path', 'node:url', 'node:fs']) assert.match(refused, new RegExp(`${m} is a Node module`));
});
