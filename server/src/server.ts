/** The Node language server (`node dist/server.js --stdio`): this machine's files, the transport named on the command line or handed over by the launcher. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures, type Connection } from 'vscode-languageserver/node';
import { connectionOptions, listen } from './lspWiring';
import { nodeHost } from './nodeHost';
import { takeHandoff } from './launcherHandoff';
import { handoffStreams } from './stdioHandoff';

/** Started by the launcher over stdio, the server continues what the launcher read (launcherHandoff.ts). */
function connect(): Connection {
  const handoff = takeHandoff();
  if (!handoff) return createConnection(ProposedFeatures.all, connectionOptions);
  const { reader, writer, onEnd } = handoffStreams(handoff);
  const handed = createConnection(ProposedFeatures.all, reader, writer, connectionOptions);
  let shutdown = false;
  handed.onShutdown(() => {
    shutdown = true;
  });
  onEnd(() => process.exit(shutdown ? 0 : 1));
  return handed;
}

listen(connect(), {
  host: nodeHost,
  // The diagnostic codes' documentation ships beside the bundle (docs/diagnostics.md).
  docsUrl: pathToFileURL(path.join(__dirname, '..', 'docs', 'diagnostics.md')).href,
  env: process.env,
  nextTurn: (fn) => {
    const immediate = setImmediate(fn);
    return { cancel: () => clearImmediate(immediate) };
  },
});
