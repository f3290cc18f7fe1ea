/**
 * How the extension launches the language server: `node <options> dist/server.js --stdio`. Shared
 * with the benchmarks, which start the server the same way.
 *
 * Empty on purpose. `--min-semi-space-size=16` keeps V8 from shrinking its young generation after
 * an idle spell and made keystroke → diagnostics ~1.3× faster in `npm run bench:lsp` (README,
 * Performance), but with it the installed-configs tree failed to load in 3 of 4 runs of the
 * code-server UI scenario (0 of 4 without), for reasons not yet understood.
 */
export const SERVER_NODE_OPTIONS: string[] = [];
