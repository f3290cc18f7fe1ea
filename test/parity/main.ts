/**
 * `npm run parity -- [--count N] [--seed S] [--release R[,R...]] [--arch A] [--list N] [--calibrate]`:
 * the differential test at any size. For each oracle release (x86_64 by default), a seeded sample
 * of N mutations of the release's shipped Go configs (all of them when N is larger), each linted by
 * kata-config and loaded by Kata's own loader; prints agreement per category, per rule and per key,
 * then every disagreement (the known ones marked with their reason). `--calibrate` measures which
 * effective-config field each key sets and writes test/parity/fields.json. `--effective` compares
 * kata-config's effective configuration (every key, effective/model.ts) with Kata's loaded one,
 * over the whole mutation set of each release (a seeded sample with --count), and prints the
 * agreement table (test/parity/effectiveCompare.ts, knownEffective.ts).
 */
import * as fs from 'node:fs';
import { compareVersions, isRelease, type Arch, type Release } from '../../server/src/kata/releases';
import type { FileResult } from './compare';
import { calibrate, FIELDS_FILE, loadFields, type FieldMap } from './fields';
import { KNOWN_DIFFERENCES } from './known';
import { allMutations, sampleMutations, type Mutation } from './mutate';
import { GoOracle } from './oracle';
import { describe, explain, summarize, table } from './report';
import { runParity } from './run';
import { describeEffective, emptyTally, formatTally, runEffective, tallyEffective, type EffectiveTally } from './effectiveCompare';

function args(argv: string[]) {
  const o = { count: 3000, countGiven: false, seed: 1, releases: [] as string[], arch: 'x86_64' as Arch, list: 200, calibrate: false, effective: false, json: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--count') {
      o.count = Number(next());
      o.countGiven = true;
    }
    else if (a === '--seed') o.seed = Number(next());
    else if (a === '--release') o.releases.push(...next().split(','));
    else if (a === '--arch') {
      const name = next();
      o.arch = ((({ arm64: 'aarch64', amd64: 'x86_64' }) as Record<string, string>)[name] as Arch) ?? (name as Arch);
    }
    else if (a === '--list') o.list = Number(next());
    else if (a === '--calibrate') o.calibrate = true;
    else if (a === '--effective') o.effective = true;
    else if (a === '--json') o.json = next();
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

async function main(): Promise<void> {
  const o = args(process.argv.slice(2));
  const oracle = new GoOracle({ parallel: 1 });
  const why = oracle.available();
  if (why) {
    console.error(`parity: ${why}`);
    process.exit(2);
  }
  const targets = oracle.targets().filter((t) => t.arch === o.arch && (!o.releases.length || o.releases.includes(t.release)));
  if (!targets.length) throw new Error(`no oracle binary for ${o.releases.join(', ') || 'any release'} on ${o.arch}`);

  if (o.calibrate) {
    const fields: FieldMap = loadFields() ?? {};
    for (const t of targets) {
      if (!isRelease(t.release)) continue;
      fields[t.release] = await calibrate(oracle, t.release, t.arch, (s) => console.error(s));
      console.error(`${t.release}: ${Object.keys(fields[t.release]).length} keys mapped`);
    }
    fs.writeFileSync(FIELDS_FILE, `${JSON.stringify(fields, Object.keys(fields).length ? undefined : undefined, 1)}\n`);
    console.log(`wrote ${FIELDS_FILE}`);
    return;
  }

  if (o.effective) return effective(oracle, targets, o);

  const fields = loadFields();
  if (!fields) console.error(`parity: ${FIELDS_FILE} is missing: the effective-value category is skipped (run with --calibrate)`);
  const all: FileResult[] = [];
  const perRelease: string[] = [];
  for (const t of targets) {
    if (!isRelease(t.release)) continue;
    const release = t.release as Release;
    const mutations = sampleMutations(release, t.arch, o.count, o.seed);
    const started = Date.now();
    console.error(`${release} ${t.arch}: ${mutations.length} files…`);
    const results = await runParity({ oracle, release, arch: t.arch, mutations, fields });
    explain(results, KNOWN_DIFFERENCES);
    all.push(...results);
    const s = summarize(results);
    perRelease.push(table(`== ${release} ${t.arch}: ${s.files} files compared${s.failures ? `, ${s.failures} without a verdict` : ''} (${((Date.now() - started) / 1000).toFixed(0)} s), seed ${o.seed}`, s.byCategory as Map<string, never>));
  }
  const open = explain(all, KNOWN_DIFFERENCES);
  const s = summarize(all);
  console.log(perRelease.join('\n\n'));
  console.log(`\n${table(`== all: ${s.files} files`, s.byCategory as Map<string, never>)}`);
  console.log(`\n${table('== per rule (rows with a disagreement)', s.byRule, Infinity, true)}`);
  console.log(`\n${table('== per key (rows with a disagreement)', s.byKey, 400, true)}`);
  const disagreements = all.flatMap((r) => r.items.filter((i) => i.outcome !== 'agree' && !i.excluded).map((item) => ({ result: r, item })));
  console.log(`\n== disagreements: ${disagreements.length} (${open.length} not explained by KNOWN_DIFFERENCES)`);
  for (const d of open.slice(0, o.list)) console.log(describe(d.result, d.item));
  if (open.length > o.list) console.log(`… ${open.length - o.list} more unexplained`);
  if (o.json) fs.writeFileSync(o.json, JSON.stringify(all.map((r) => ({ id: r.mutation.id, verdict: { ...r.verdict, effective: undefined }, items: r.items })), null, 1));
}

/** `--effective`: the effective configuration against Kata's, per release, in chunks (the items of a whole release do not fit in memory at once). */
async function effective(oracle: GoOracle, targets: Array<{ release: string; arch: Arch }>, o: ReturnType<typeof args>): Promise<void> {
  const fields = loadFields();
  if (!fields) throw new Error(`${FIELDS_FILE} is missing (run with --calibrate)`);
  const all = emptyTally();
  const tables: string[] = [];
  for (const t of [...targets].sort((a, b) => compareVersions(a.release, b.release))) {
    if (!isRelease(t.release)) continue;
    const release = t.release as Release;
    const mutations: Mutation[] = o.countGiven ? sampleMutations(release, t.arch, o.count, o.seed) : allMutations(release, t.arch);
    const started = Date.now();
    const tally: EffectiveTally = emptyTally();
    for (let i = 0; i < mutations.length; i += 2000) {
      const chunk = mutations.slice(i, i + 2000);
      const results = await runEffective({ oracle, release, arch: t.arch, mutations: chunk, fields });
      tallyEffective(tally, results, undefined, o.list);
      tallyEffective(all, results, undefined, o.list);
      console.error(`${release} ${t.arch}: ${Math.min(i + 2000, mutations.length)}/${mutations.length} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    const pristine = mutations.filter((m) => m.kind === 'pristine').length;
    tables.push(formatTally(`== ${release} ${t.arch}: ${pristine} pristine files, ${mutations.length} mutations${o.countGiven ? ` (sample, seed ${o.seed})` : ' (the whole set)'} (${((Date.now() - started) / 1000).toFixed(0)} s)`, tally));
  }
  console.log(tables.join('\n\n'));
  console.log(`\n${formatTally('== all', all, false)}`);
  console.log(`\n== unexplained disagreements: ${all.unexplained}`);
  for (const d of all.open.slice(0, o.list)) console.log(describeEffective(d));
  if (all.unexplained > o.list) console.log(`… ${all.unexplained - o.list} more`);
  if (all.unexplained) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
