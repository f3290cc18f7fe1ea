#!/usr/bin/env node
// taplo's language server over stdio, for test/bench/lspBench.ts.
//
// npm's @taplo/cli (0.7.0) is built without the LSP ("the LSP is not part of this build"), so this
// runs @taplo/lsp (the same WASM server Even Better TOML bundles, see the extension's
// editors/vscode/src/server.ts) under Node, with JSON-RPC framing over stdin/stdout instead of the
// extension's IPC channel. No network: fetch is Node's own, and the benchmark gives taplo no
// catalogs.
'use strict';
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const path = require('node:path');
const { TaploLsp } = require('@taplo/lsp');
// vscode-jsonrpc comes from the repository's own node_modules (Node resolves parent folders).
const { StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

if (process.argv.includes('--version')) {
  console.log(`@taplo/lsp ${require('@taplo/lsp/package.json').version}`);
  process.exit(0);
}

const reader = new StreamMessageReader(process.stdin);
const writer = new StreamMessageWriter(process.stdout);
let taplo;
const queue = [];
let starting;

function start() {
  starting = TaploLsp.initialize(
    {
      cwd: () => process.cwd(),
      envVar: (name) => process.env[name],
      envVars: () => Object.entries(process.env),
      findConfigFile: (from) => {
        for (const name of ['.taplo.toml', 'taplo.toml']) {
          const full = path.join(from, name);
          if (fs.existsSync(full)) return full;
        }
        return undefined;
      },
      glob: () => [],
      isAbsolute: (p) => path.isAbsolute(p),
      now: () => new Date(),
      readFile: (p) => fsp.readFile(p),
      writeFile: (p, content) => fsp.writeFile(p, content),
      // The protocol owns stdout: anything taplo prints goes to stderr.
      stderr: process.stderr,
      stdErrAtty: () => false,
      stdin: process.stdin,
      stdout: process.stderr,
      urlToFilePath: (url) => decodeURIComponent(url).slice('file://'.length),
      fetch: { fetch: globalThis.fetch, Headers: globalThis.Headers, Request: globalThis.Request, Response: globalThis.Response },
    },
    { onMessage: (message) => void writer.write(message) },
  ).then((lsp) => {
    taplo = lsp;
    for (const m of queue.splice(0)) taplo.send(m);
  });
}

reader.listen((message) => {
  if (message.method === 'exit') process.exit(0);
  if (taplo) return taplo.send(message);
  queue.push(message);
  if (!starting) start();
});
reader.onClose(() => process.exit(0));

// Rust panics surface as rejections.
process.on('unhandledRejection', (e) => {
  console.error(e);
  process.exit(1);
});
