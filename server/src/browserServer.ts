/**
 * The language server in a browser's web worker (dist/browser/server.js, started by the web
 * extension): the same wiring as the Node server over the worker's message port, with no machine
 * behind it. The build fails when anything here reaches a Node module (scripts/build.mjs).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { NO_MACHINE } from './host';
import { connectionOptions, listen } from './lspWiring';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

listen(createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self), connectionOptions), {
  host: NO_MACHINE,
  env: {},
  // A timer set from a message handler is not clamped: it runs after the messages already queued.
  nextTurn: (fn) => {
    const timer = setTimeout(fn, 0);
    return { cancel: () => clearTimeout(timer) };
  },
});
