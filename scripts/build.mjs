// Bundles the extension, the language server and the CLI with esbuild, and the browser builds of the
// extension and the server (dist/browser/; no Node module may reach them: browser-bundle.mjs).
//   node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { browserOptions } from './browser-bundle.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  define: { SERVER_VERSION: JSON.stringify(version) },
  // Our code imports the types' ESM build and vscode-languageserver requires the UMD one: one copy.
  alias: { 'vscode-languageserver-types': './node_modules/vscode-languageserver-types/lib/umd/main.js' },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // dist/server.js is the launcher (V8 code cache, server/src/launcher.ts) of the server bundle.
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js' },
  { ...common, entryPoints: ['server/src/launcher.ts'], outfile: 'dist/server.js', sourcemap: false, banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The web worker's script, and the web extension (VS Code's web extension host loads CommonJS, `vscode` provided).
  browserOptions(common, 'server/src/browserServer.ts', 'dist/browser/server.js', { format: 'iife' }),
  browserOptions(common, 'client/src/browserExtension.ts', 'dist/browser/extension.js', { format: 'cjs', external: ['vscode'] }),
];

/** `dist/browser/server.js: 812.3 KB, 201.4 KB gzip` for each browser bundle. */
function reportBrowserSizes() {
  for (const { outfile } of builds.filter((b) => b.platform === 'browser')) {
    const raw = readFileSync(outfile);
    console.log(`${outfile}: ${(statSync(outfile).size / 1024).toFixed(1)} KB, ${(gzipSync(raw, { level: 9 }).length / 1024).toFixed(1)} KB gzip${production ? '' : ' (not minified: --production minifies)'}`);
  }
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  reportBrowserSizes();
}
