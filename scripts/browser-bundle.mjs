// The esbuild options of the browser bundles (scripts/build.mjs): platform 'browser', and a build
// that fails on any import of a Node built-in (`node:fs`, `path`, ...), even one a polyfill package
// in node_modules could satisfy. test/unit/browserBundle.test.ts checks that it does.
import { builtinModules } from 'node:module';

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));

/** Fails the build at every import of a Node built-in, naming the importer. */
export const noNodeImports = {
  name: 'no-node-imports',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.startsWith('node:') ? args.path.slice(5) : args.path;
      if (!args.path.startsWith('node:') && !BUILTINS.has(bare.split('/')[0])) return undefined;
      return { errors: [{ text: `${args.path} is a Node module: the browser bundle must not import it (imported by ${args.importer || 'the entry'})` }] };
    });
  },
};

/** `common`: the options every bundle shares (build.mjs). */
export function browserOptions(common, entry, outfile, extra = {}) {
  return {
    ...common,
    entryPoints: [entry],
    outfile,
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    ...extra,
    plugins: [noNodeImports, ...(extra.plugins ?? [])],
  };
}
