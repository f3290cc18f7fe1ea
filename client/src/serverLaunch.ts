/**
 * How the extension launches the language server: `node <options> dist/server.js --stdio`. Shared
 * with the benchmarks, which start the server the same way.
 *
 * V8 shrinks its young generation after an idle spell; then every validation of a config triggers
 * a scavenge and costs 2–3× as much. A 16 MB minimum makes keystroke → diagnostics ~1.3× faster
 * and the first diagnostics of a 10 MB file ~10 % faster in `npm run bench:lsp` / `bench:large`,
 * for ~16 MB more memory (README, Performance). V8 reads it only at launch.
 */
export const SERVER_NODE_OPTIONS = ['--min-semi-space-size=16'];
