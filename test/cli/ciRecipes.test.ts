/**
 * The CI recipes README documents, run as CI would run them: the shell steps of the GitHub Actions
 * workflow (docs/ci/kata-config.yml) with kata-config installed from this checkout's `npm pack`
 * tarball, on a repository of configs and on a Kata checkout; and the hooks of
 * .pre-commit-hooks.yaml, each entry run on the files its `files` pattern selects (and, when the
 * `pre-commit` program is installed, through pre-commit itself).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';

/** The `run:` scripts of a workflow's steps, in order (block scalars and one-liners). */
function runSteps(yaml: string): Array<{ name: string; script: string }> {
  const lines = yaml.split('\n');
  const steps: Array<{ name: string; script: string }> = [];
  let name = '';
  for (let i = 0; i < lines.length; i++) {
    const n = /^\s*-?\s*name:\s*(.+)$/.exec(lines[i]);
    if (n) name = n[1];
    const m = /^(\s*)(?:- )?run:\s*(.*)$/.exec(lines[i]);
    if (!m) continue;
    if (m[2] !== '|') {
      steps.push({ name, script: m[2] });
      continue;
    }
    const body: string[] = [];
    let indent = -1;
    for (i++; i < lines.length; i++) {
      const l = lines[i];
      const lead = l.length - l.trimStart().length;
      if (l.trim() && lead <= m[1].length) break;
      if (indent < 0 && l.trim()) indent = lead;
      body.push(l.slice(Math.max(0, indent)));
    }
    i--;
    steps.push({ name, script: body.join('\n') });
  }
  return steps;
}

/** The hooks of a .pre-commit-hooks.yaml (id, entry, files, pass_filenames). */
function hooks(yaml: string): Array<{ id: string; entry: string; files: RegExp; passFilenames: boolean }> {
  return yaml
    .split(/^- /m)
    .slice(1)
    .map((block) => {
      const field = (k: string) => new RegExp(`^\\s*${k}:\\s*(.+)$`, 'm').exec(block.startsWith('id:') ? `  ${block}` : block)?.[1].trim();
      return { id: field('id')!, entry: field('entry')!, files: new RegExp(field('files')!), passFilenames: field('pass_filenames') !== 'false' };
    });
}

function run(script: string, cwd: string, env: NodeJS.ProcessEnv): { status: number; output: string } {
  const r = spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, env, encoding: 'utf8' });
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

function gitFiles(dir: string, rel = ''): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.name === '.git' || e.name === 'node_modules') return [];
    return e.isDirectory() || (e.isSymbolicLink() && fs.statSync(path.join(dir, p)).isDirectory()) ? gitFiles(dir, p) : [p];
  });
}

describe('CI recipes, run', () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-ci-'));
    const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').pop()!;
    // npm install --global goes to a private prefix, whose bin/ the steps find on PATH.
    const prefix = path.join(tmp, 'npm-global');
    env = { ...process.env, KATA_CONFIG_PACKAGE: path.join(tmp, tarball), npm_config_prefix: prefix, PATH: `${path.join(prefix, 'bin')}:${process.env.PATH}`, GITHUB_OUTPUT: path.join(tmp, 'github-output') };
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const workflow = () => runSteps(fs.readFileSync(path.join(repoRoot, 'docs', 'ci', 'kata-config.yml'), 'utf8'));

  test('the workflow on a repository of configs: installs kata-config from the tarball, writes SARIF, fails on errors', () => {
    const repo = path.join(tmp, 'configs');
    fs.cpSync(path.join(repoRoot, 'samples'), repo, { recursive: true, verbatimSymlinks: true });
    const steps = workflow();
    assert.deepEqual(steps.map((s) => s.name), ['Install kata-config', 'Check the configs', 'Fail on errors']);
    for (const s of steps.slice(0, 2)) {
      const r = run(s.script, repo, env);
      assert.equal(r.status, 0, `${s.name}: ${r.output}`);
    }
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'kata-config.sarif'), 'utf8'));
    assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'kata-invalid-value'), 'the mistakes sample is in the log');
    assert.match(fs.readFileSync(env.GITHUB_OUTPUT!, 'utf8'), /^status=1$/m, 'errors were found');
    const fail = steps[2].script.replace('${{ steps.check.outputs.status }}', '1');
    assert.notEqual(run(fail, repo, env).status, 0, 'the last step fails the job');
  });

  test('the workflow on a Kata checkout: templates and docs, each its own SARIF', { skip: skipUnlessShared('kata-source') }, () => {
    const checkout = path.join(tmp, 'kata');
    fs.mkdirSync(path.join(checkout, 'docs'), { recursive: true });
    fs.symlinkSync(sharedPath('kata-source', '4.1.0', 'src'), path.join(checkout, 'src'));
    fs.writeFileSync(path.join(checkout, 'VERSION'), '4.1.0\n');
    fs.copyFileSync(path.join(sharedPath('kata-source', 'markdown', '4.1.0'), 'docs', 'hypervisors.md'), path.join(checkout, 'docs', 'hypervisors.md'));
    fs.writeFileSync(env.GITHUB_OUTPUT!, '');
    const r = run(workflow()[1].script, checkout, env);
    assert.equal(r.status, 0, r.output);
    const templates = JSON.parse(fs.readFileSync(path.join(checkout, 'kata-config-templates.sarif'), 'utf8'));
    assert.ok(templates.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'kata-no-rootfs'));
    JSON.parse(fs.readFileSync(path.join(checkout, 'kata-config-docs.sarif'), 'utf8'));
    assert.match(fs.readFileSync(env.GITHUB_OUTPUT!, 'utf8'), /^status=1$/m);
  });

  test('each pre-commit hook: its entry on the files its pattern selects', { skip: skipUnlessShared('kata-source') }, () => {
    const list = hooks(fs.readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8'));
    assert.deepEqual(list.map((h) => h.id), ['kata-config-lint', 'kata-config-templates', 'kata-config-docs']);
    const configs = path.join(tmp, 'hook-configs');
    fs.cpSync(path.join(repoRoot, 'samples'), configs, { recursive: true, verbatimSymlinks: true });
    const lint = list[0];
    const selected = gitFiles(configs).filter((f) => lint.files.test(f));
    assert.ok(selected.includes('mistakes/configuration-qemu.toml') && selected.includes('install-root/etc/kata-containers/config.d/50-debug.toml') && !selected.includes('README.md'), selected.join(' '));
    assert.equal(run(`${lint.entry} ${selected.filter((f) => f.startsWith('go/')).join(' ')}`, configs, env).status, 0, 'clean files pass');
    assert.equal(run(`${lint.entry} ${selected.join(' ')}`, configs, env).status, 1, 'the mistakes fail the commit');
    const checkout = path.join(tmp, 'hook-kata');
    fs.mkdirSync(path.join(checkout, 'docs'), { recursive: true });
    fs.symlinkSync(sharedPath('kata-source', '4.1.0', 'src'), path.join(checkout, 'src'));
    fs.writeFileSync(path.join(checkout, 'VERSION'), '4.1.0\n');
    fs.writeFileSync(path.join(checkout, 'docs', 'page.md'), 'See [`configuration-qemu.toml`](../src/runtime/config/configuration-qemu.toml.in).\n');
    const templates = list[1];
    assert.equal(templates.passFilenames, false);
    assert.ok(templates.files.test('src/runtime/config/configuration-qemu.toml.in') && templates.files.test('src/runtime-rs/arch/x86_64-options.mk') && !templates.files.test('docs/page.md'));
    assert.equal(run(templates.entry, checkout, env).status, 1, 'the 4.1.0 templates have upstream defects');
    const docs = list[2];
    assert.ok(docs.files.test('docs/page.md'));
    assert.equal(run(`${docs.entry} docs/page.md`, checkout, env).status, 0);
    fs.writeFileSync(path.join(checkout, 'docs', 'page.md'), 'See [`configuration-qemu.toml`](../src/runtime-rs/config/configuration-qemu.toml.in).\n');
    const broken = run(`${docs.entry} docs/page.md`, checkout, env);
    assert.equal(broken.status, 1, broken.output);
    assert.match(broken.output, /kata-doc-missing-template/);
  });
});
