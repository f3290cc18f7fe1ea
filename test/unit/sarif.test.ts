/**
 * `--format sarif` of `lint`, `lint --kata-source` and `docs`: valid SARIF 2.1.0 (checked against the
 * OASIS schema, as published in @microsoft/jest-sarif, with Ajv's draft-04 validator), and faithful:
 * each diagnostic a result with its rule, level, file and 1-based region.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { main as runCli } from '../../server/src/cli';
import { repoRoot, sharedPath, skipUnlessShared } from '../support/shared';

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
// The schema's language-tag pattern is not valid as a Unicode regular expression: read patterns without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

/** The parts of a SARIF log these tests read (the schema check covers the rest). */
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endColumn: number } } }>;
  properties?: { arches?: string[] };
}
interface SarifLog {
  runs: Array<{ columnKind: string; tool: { driver: { name: string; rules: Array<{ id: string; shortDescription: { text: string } }> } }; results: SarifResult[] }>;
}

function sarif(args: string[]): { code: number; log: SarifLog } {
  const out: string[] = [];
  const code = runCli(args, (s) => out.push(s) > 0, () => true);
  return { code, log: JSON.parse(out.join('\n')) };
}

function assertValid(log: unknown): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

test('the schema check can fail: a result without a message is not SARIF', () => {
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a' }] }] }), false);
  assert.equal(validate({ version: '2.0.0', runs: [] }), false);
});

test('lint --format sarif on the mistakes sample: valid, one result per diagnostic, rules described', () => {
  const file = path.join(repoRoot, 'samples', 'mistakes', 'configuration-qemu.toml');
  const { code, log } = sarif(['lint', '--format', 'sarif', '--no-host-checks', '--release', '4.1.0', file]);
  assert.equal(code, 1);
  assertValid(log);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'kata-config');
  assert.equal(run.columnKind, 'utf16CodeUnits');
  const typo = run.results.find((r) => r.ruleId === 'kata-unknown-key');
  assert.ok(typo);
  assert.equal(typo.level, 'warning');
  assert.equal(typo.locations[0].physicalLocation.artifactLocation.uri, path.relative(process.cwd(), file).split(path.sep).join('/'));
  const region = typo.locations[0].physicalLocation.region;
  const line = fs.readFileSync(file, 'utf8').split('\n')[region.startLine - 1];
  assert.equal(line.slice(region.startColumn - 1, region.endColumn - 1), 'default_memmory');
  assert.equal(run.tool.driver.rules[typo.ruleIndex].id, 'kata-unknown-key');
  assert.match(run.tool.driver.rules[typo.ruleIndex].shortDescription.text, /\w/);
  // A clean file: still a valid log with an empty result list.
  const clean = sarif(['lint', '--format', 'sarif', '--no-host-checks', path.join(repoRoot, 'samples', 'go', 'configuration-qemu.toml')]);
  assert.equal(clean.code, 0);
  assertValid(clean.log);
  assert.deepEqual(clean.log.runs[0].results, []);
});

test('lint --kata-source and docs --format sarif: valid, with the arches of each template finding', { skip: skipUnlessShared('kata-source') }, () => {
  const t = sarif(['lint', '--kata-source', sharedPath('kata-source', '4.1.0'), '--release', '4.1.0', '--arch', 's390x', '--format', 'sarif']);
  assertValid(t.log);
  const se = t.log.runs[0].results.filter((r) => r.ruleId === 'kata-se-rootfs');
  assert.equal(se.length, 4);
  assert.deepEqual(se[0].properties?.arches, ['s390x']);
  const seed = sharedPath('kata-source', 'markdown', 'seed-6f97dc1f-before');
  const d = sarif(['docs', '--format', 'sarif', '--templates', path.join(seed, 'config-templates.txt'), '--release', '3.3.0', seed]);
  assert.equal(d.code, 1);
  assertValid(d.log);
  assert.deepEqual(d.log.runs[0].results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine]), [['kata-doc-missing-template', 'error', 63]]);
});
