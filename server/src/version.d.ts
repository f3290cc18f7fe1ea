/** Replaced at build time by esbuild with package.json's version. */
declare const SERVER_VERSION: string;
