/**
 * Every pristine config of every release, linted with its own release and architecture: no error
 * but the listed upstream defects, and every "this release does not read it" warning is true of
 * that release's decoder (checked against ../shared/kata-source/keys-by-release.json).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { corpusFiles, sharedPath, skipUnlessShared } from '../support/shared';
import { defectFor, UPSTREAM_DEFECTS } from '../support/upstreamDefects';

const skip = skipUnlessShared('kata-configs') || skipUnlessShared('kata-source');

test('every shipped config of every release: errors only where Kata refuses it, and true release warnings', { skip }, () => {
  const decoders = JSON.parse(fs.readFileSync(sharedPath('kata-source', 'keys-by-release.json'), 'utf8')).releases;
  const unexpected: string[] = [];
  const seen = new Set<(typeof UPSTREAM_DEFECTS)[number]>();
  let files = 0;
  for (const f of corpusFiles()) {
    files++;
    const service = new LanguageService(nodeHost);
    service.configure({ hostChecks: false, release: f.release, arch: f.arch });
    const text = fs.readFileSync(f.path, 'utf8');
    const where = `${f.release}/${f.folder}/${f.file}`;
    const lines = text.split('\n');
    for (const d of service.diagnostics({ uri: `file:///corpus/${where}`, version: 1, getText: () => text })) {
      if (d.severity === 1) {
        const defect = defectFor(where, String(d.code));
        if (defect) seen.add(defect);
        else unexpected.push(`${where}:${d.range.start.line + 1}: ${d.code} ${d.message}`);
      }
      if (d.code === 'kata-key-other-release') {
        // The key and its table, read from the line and the nearest header above it.
        const key = /^\s*#?\s*([A-Za-z0-9_]+)\s*=/.exec(lines[d.range.start.line])?.[1];
        let header = '';
        for (let i = d.range.start.line; i >= 0 && !header; i--) header = /^\s*\[\[?([^\]]+)\]\]?\s*$/.exec(lines[i])?.[1] ?? '';
        const parts = header.split('.');
        const path = parts[0] === 'hypervisor' || parts[0] === 'agent' ? [`${parts[0]}.<name>`, ...parts.slice(2)].join('.') : header;
        const table = decoders[f.release][f.runtime].tables[path === 'runtime.shared_mounts' ? 'runtime.shared_mounts[]' : path];
        if (!key || !table || table.keys.includes(key)) unexpected.push(`${where}:${d.range.start.line + 1}: ${d.message} — but the ${f.release} decoder of [${header}] knows ${key}`);
      }
    }
  }
  assert.ok(files >= 1280, `${files} corpus files`);
  assert.deepEqual(unexpected, []);
  assert.deepEqual(UPSTREAM_DEFECTS.filter((d) => !seen.has(d)).map((d) => d.evidence), [], 'every listed defect still occurs');
});
