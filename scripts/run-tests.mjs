// Runs every compiled test file under out/test (except the benchmark) with Node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'bench' && name !== 'e2e') find(full, out);
    } else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const files = find('out/test');
if (files.length === 0) {
  console.error('no compiled tests found under out/test: run `npm run compile-tests` first');
  process.exit(1);
}
const reporter = process.env.CI ? ['--test-reporter=spec'] : [];
const result = spawnSync(process.execPath, ['--test', ...reporter, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
