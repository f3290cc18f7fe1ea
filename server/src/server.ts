/** The Node language server (`node dist/server.js --stdio`): this machine's files, the transport named on the command line. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { connectionStrategy, listen } from './lspWiring';
import { nodeHost } from './nodeHost';

listen(createConnection(ProposedFeatures.all, connectionStrategy), {
  host: nodeHost,
  // The diagnostic codes' documentation ships beside the bundle (docs/diagnostics.md).
  docsUrl: pathToFileURL(path.join(__dirname, '..', 'docs', 'diagnostics.md')).href,
  env: process.env,
  nextTurn: (fn) => {
    const immediate = setImmediate(fn);
    return { cancel: () => clearImmediate(immediate) };
  },
});
