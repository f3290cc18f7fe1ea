// `npm start`: build, then open VS Code with this extension loaded on the sample workspace.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);

const workspace = existsSync(join(root, 'samples')) ? join(root, 'samples') : root;
const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
if (which.status === 0 && which.stdout.trim()) {
  const code = which.stdout.trim();
  console.log(`Opening ${workspace} in VS Code (${code}) with the extension from ${root}`);
  spawn(code, ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit', detached: true }).unref();
} else {
  console.error('No `code` command on PATH: install VS Code, or lint from the command line:');
  console.error(`  node ${join('dist', 'cli.js')} lint ${workspace}`);
  process.exit(1);
}
