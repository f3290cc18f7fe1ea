/**
 * Kata's Markdown checked against Kata (server/src/checkout/docs.ts, `kata-config docs`): the seed
 * commit's docs/hypervisors.md before and after its fix, a page with one mistake of each kind, pages
 * that must stay silent (containerd TOML, prose, other tools' key = value), and every finding over
 * all of Kata 4.1.0's Markdown, each checked by hand (the reason is beside it).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { checkDocs, fragmentsOf } from '../../server/src/checkout/docs';
import { scanMarkdown } from '../../server/src/checkout/markdown';
import { fsReader } from '../../server/src/checkout/fsReader';
import { findTemplates } from '../../server/src/checkout/templates';
import { main as runCli } from '../../server/src/cli';
import { sharedPath, skipUnlessShared } from '../support/shared';

const skip = skipUnlessShared('kata-source');

function cli(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runCli(args, (s) => out.push(s) > 0, (s) => err.push(s) > 0);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const seed = (which: 'before' | 'after') => sharedPath('kata-source', 'markdown', `seed-6f97dc1f-${which}`);

test('the seed commit, before: the runtime-rs QEMU link goes to a template that no longer exists', { skip }, () => {
  const r = cli(['docs', '--templates', path.join(seed('before'), 'config-templates.txt'), '--release', '3.3.0', seed('before')]);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.split('\n');
  assert.equal(lines.length, 1, r.out);
  assert.match(lines[0], /docs\/hypervisors\.md:63:135: error kata-doc-missing-template The link goes to src\/runtime-rs\/config\/configuration-qemu\.toml\.in, which this checkout does not have; the runtime-rs template with its name is src\/runtime-rs\/config\/configuration-qemu-runtime-rs\.toml\.in\.$/);
});

test('the seed commit, after: the link is fixed, but the name shown is still the Go runtime\'s file name', { skip }, () => {
  const r = cli(['docs', '--templates', path.join(seed('after'), 'config-templates.txt'), '--release', '3.3.0', '--format', 'json', seed('after')]);
  assert.equal(r.code, 0, r.err);
  const [page] = JSON.parse(r.out);
  // What is still wrong: the rust column shows `configuration-qemu.toml`, which runtime-rs installs as
  // configuration-qemu-runtime-rs.toml (the template's name without .in; Makefile CONFIG_QEMU).
  assert.deepEqual(page.diagnostics.map((d: { code: string; severity: string; range: { start: { line: number } } }) => [d.code, d.severity, d.range.start.line + 1]), [['kata-doc-config-name', 'warning', 63]]);
});

test('one mistake of each kind, each at its place and attributed to the runtime the text names', () => {
  const page = [
    '# Tuning', //
    '',
    '```toml',
    '[hypervisor.qemu]',
    'default_memmory = 4096',
    '...',
    '```',
    '',
    'With the Go runtime:',
    '',
    '```bash',
    "$ cat > /etc/kata-containers/config.d/50-x.toml <<'EOF'",
    '[hypervisor.qemu]',
    'Enable_Debug = true',
    'EOF',
    '```',
    '',
    'Set `default_vcpus = "2"` and `io.katacontainers.config.hypervisor.default_memroy`, see `configuration-qemu-runtime.toml`.',
    '',
    '| Hypervisor | Go runtime config | Rust runtime config |',
    '|-|-|-|',
    '| QEMU | [`configuration-qemu.toml`](../src/runtime-rs/config/configuration-qemu-runtime-rs.toml.in) | `configuration-dragonball.toml` |',
  ].join('\n');
  const findings = checkDocs(page, { path: 'docs/tuning.md', release: '4.1.0', templates: ['src/runtime-rs/config/configuration-qemu-runtime-rs.toml.in', 'src/runtime-rs/config/configuration-dragonball.toml.in'] });
  const got = findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
  assert.deepEqual(got, ['5:1 kata-unknown-key', '14:1 kata-key-case', '18:22 kata-type-mismatch', '18:32 kata-doc-annotation', '18:90 kata-doc-config-name', '22:12 kata-doc-config-name', '22:38 kata-doc-config-runtime']);
  assert.match(findings[0].message, /either runtime: Unknown key default_memmory .*Did you mean default_memory/);
  assert.match(findings[1].message, /config\.d drop-in, read as Go runtime 4\.1\.0 .*Enable_Debug is not enable_debug/);
  assert.match(findings[3].message, /Did you mean io\.katacontainers\.config\.hypervisor\.default_memory\?/);
  assert.match(findings[4].message, /did you mean configuration-qemu-runtime-rs\.toml\?/);
});

test('silent on what is not a Kata config: containerd and CRI-O TOML, other tools\' key = value, globs, prose', () => {
  const page = [
    '```toml',
    '[plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]',
    'runtime_type = "io.containerd.kata.v2"',
    'privileged_without_host_devices = true',
    '```',
    '',
    '```toml',
    '[crio.runtime.runtimes.kata]',
    'runtime_path = "/usr/bin/containerd-shim-kata-v2"',
    '```',
    '',
    'Set `SystemdCgroup = true`, `policy=bind`, `dmverity_mode = \'auto\'` and pick any `configuration-*.toml`, such as `configuration.toml` or `/opt/kata/share/defaults/kata-containers/configuration-{hypervisor}.toml`.',
    'The runtime-rs QEMU file is `configuration-qemu-runtime-rs.toml`; the Go one is `configuration-qemu.toml`.',
  ].join('\n');
  assert.deepEqual(checkDocs(page, { path: 'docs/x.md', release: '4.1.0', templates: [] }), []);
});

test('fragments of code blocks: TOML, here-documents into config files, kata-deploy dropIn values', () => {
  assert.deepEqual(fragmentsOf('bash', ["cat <<EOF > /etc/kata-containers/config.d/10.toml", '[runtime]', 'enable_debug = true', 'EOF', 'cat <<EOF > /tmp/notes.txt', 'x', 'EOF']), [{ lines: ['[runtime]', 'enable_debug = true'], first: 1, indent: 0, dropIn: true }]);
  assert.deepEqual(fragmentsOf('yaml', ['shims:', '  qemu:', '    dropIn: |', '      [agent.kata]', '      dial_timeout = 9', '    enabled: true']), [{ lines: ['[agent.kata]', 'dial_timeout = 9'], first: 3, indent: 6, dropIn: true }]);
  assert.deepEqual(fragmentsOf('python', ['x = 1']), []);
  const md = scanMarkdown('- item\n\n   ```toml\n   [runtime]\n   ```\n| a | b |\n|---|---|\n| `x` | [t](u) |\n');
  assert.deepEqual(md.blocks.map((b) => [b.lang, b.lines, b.indents]), [['toml', ['[runtime]'], [3]]]);
  assert.deepEqual(md.spans.map((s) => [s.text, s.cell?.header]), [['x', 'a']]);
  assert.deepEqual(md.links.map((l) => [l.text, l.url, l.cell?.header]), [['t', 'u', 'b']]);
});

/**
 * Every finding over all 232 Markdown files of Kata 4.1.0, with the 4.1.0 templates as the checkout,
 * checked by hand: both are true.
 */
const FINDINGS_4_1_0 = [
  // True: the table row says "Go runtime timeout", but the Go runtime 4.1.0 defines no such annotation:
  // annotations.go has CdhApiTimeoutOption only as an agent kernel parameter (agent.cdh_api_timeout), and
  // pkg/oci/utils.go reads no cdh annotation; runtime-rs has io.katacontainers.config.agent.cdh_api_timeout_ms.
  'docs/how-to/how-to-set-sandbox-config-kata.md:42:4 kata-doc-annotation',
  // True: no use_vsock annotation in either runtime at any release 3.2.0–4.1.0 (vsock became the only
  // agent transport, and the constant was removed before 3.0).
  'docs/how-to/how-to-set-sandbox-config-kata.md:106:4 kata-doc-annotation',
];

test('all of Kata 4.1.0\'s Markdown: exactly the findings checked by hand', { skip }, () => {
  const root = sharedPath('kata-source', 'markdown', '4.1.0');
  const templates = findTemplates(fsReader(sharedPath('kata-source', '4.1.0')));
  const pages: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.md')) pages.push(path.join(d, e.name));
    }
  };
  walk(root);
  assert.ok(pages.length >= 200, `${pages.length} pages`);
  const found = pages.sort().flatMap((p) => {
    const rel = path.relative(root, p).split(path.sep).join('/');
    return checkDocs(fs.readFileSync(p, 'utf8'), { path: rel, release: '4.1.0', templates }).map((f) => `${rel}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
  });
  assert.deepEqual(found, FINDINGS_4_1_0);
});
