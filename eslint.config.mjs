// ESLint for the TypeScript sources and the build/test scripts (`npm run lint`; .ci/run runs it).
// The recommended rules of ESLint and typescript-eslint, without type information (fast enough
// to run on every commit); tsc --strict already checks types.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/e2e/vscode/**', 'test/e2e/out/**', 'test/bench/tools/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', clearImmediate: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', getComputedStyle: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', performance: 'readonly', globalThis: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', structuredClone: 'readonly', queueMicrotask: 'readonly', AbortController: 'readonly', fetch: 'readonly', document: 'readonly', window: 'readonly', navigator: 'readonly', self: 'readonly', SERVER_VERSION: 'readonly' },
    },
    rules: {
      // `_name` marks a binding kept on purpose (a destructured field left out, an unused parameter of a callback's shape).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
