/**
 * The extension-host test entry point (@vscode/test-electron's `extensionTestsPath` contract): VS Code
 * requires this module inside the real extension host and awaits `run()`. Desktop VS Code and
 * code-server (through its `payload` URL parameter) both call it the same way.
 */
import * as fs from 'fs';
import * as path from 'path';

interface MochaInstance {
  addFile(file: string): void;
  run(done: (failures: number) => void): unknown;
  suite: { total(): number };
}
type MochaConstructor = new (options: Record<string, unknown>) => MochaInstance;

/** mocha is installed with code-server in test/e2e/vscode, not in the extension's own dependencies. */
function loadMocha(): MochaConstructor {
  const local = path.resolve(__dirname, '..', '..', 'vscode', 'node_modules', 'mocha');
  // A path known only at run time (code-server's own mocha when present).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(fs.existsSync(local) ? local : 'mocha') as MochaConstructor;
}

export function run(): Promise<void> {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: 30_000, slow: 5_000 });
  const only = process.env.KATA_E2E_FILES; // e.g. "features" runs only the *features*.test.js files
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js') && (!only || file.includes(only))) mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      // A plain closing line that CI logs and scripts/e2e/run.mjs can read.
      console.log(`[kata-e2e] extension-host suite: ${mocha.suite.total() - failures} passed, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
