import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { discoverConfigs, entryFor } from '../../../client/src/install/discover';
import { nodeFileOps, resolveInRoot } from '../../../client/src/install/fsops';
import { renderCommands, shellQuote } from '../../../client/src/install/privileged';
import {
  applySwitch,
  applyUndo,
  JOURNAL_FILE,
  lastSwitch,
  listSwitchChoices,
  planSwitch,
  planUndo,
  readJournal,
  recordExternalSwitch,
  recordExternalUndo,
  type SwitchPlanOk,
} from '../../../client/src/install/switch';
import { ETC, failingOps, GO_DIR, goConfig, goOnly, kataDeploy, kataManagerContainerd, makeStateDir, makeTree, observedOps, RS_DIR, rsConfig, runtimeRs, type Tree } from './helpers';

const LINK = `${ETC}/configuration.toml`;
const RS_LINK = `${ETC}/runtime-rs/configuration.toml`;

function ok(plan: Awaited<ReturnType<typeof planSwitch>>): SwitchPlanOk {
  assert.ok(plan.ok, plan.ok ? '' : plan.refusal);
  return plan as SwitchPlanOk;
}

function runAsRoot(commands: Array<{ argv: string[] }>): void {
  for (const c of commands) execFileSync(c.argv[0], c.argv.slice(1), { stdio: 'pipe' });
}

async function withTree(fn: (t: Tree, stateDir: string) => Promise<void>): Promise<void> {
  const t = makeTree();
  const stateDir = makeStateDir();
  try {
    await fn(t, stateDir);
  } finally {
    t.cleanup();
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}

test('switch choices: the hypervisors installed for a runtime, the current one marked', () =>
  withTree(async (t) => {
    goOnly(t);
    runtimeRs(t);
    t.write(`${ETC}/configuration-local.toml`, goConfig('stratovirt'));
    const go = await listSwitchChoices(t.root, 'go');
    assert.deepEqual(
      go.choices.map((c) => [c.fileName, c.hypervisor.displayName, c.current, c.origin, c.kataManagerName ?? '']),
      [
        ['configuration-clh.toml', 'Cloud Hypervisor', false, 'default', 'clh'],
        ['configuration-fc.toml', 'Firecracker', false, 'default', 'fc'],
        ['configuration-local.toml', 'StratoVirt', false, 'admin', ''],
        ['configuration-qemu.toml', 'QEMU', true, 'default', 'qemu'],
      ],
    );
    assert.equal(go.current?.hypervisor?.displayName, 'QEMU');
    assert.match(go.choices[3].label, /^\$\(check\) QEMU/);
    const rs = await listSwitchChoices(t.root, 'rs');
    assert.deepEqual(
      rs.choices.map((c) => [c.fileName, c.hypervisor.displayName, c.current]),
      [
        ['configuration-clh-runtime-rs.toml', 'Cloud Hypervisor', false],
        ['configuration-dragonball.toml', 'Dragonball', false],
        ['configuration-qemu-runtime-rs.toml', 'QEMU', true],
      ],
    );
  }));

test('Go switch like kata-manager -S: folder, copy, relative symlink, journal; undo restores the tree', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    kataManagerContainerd(t);
    const before = t.snapshot();
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`));
    assert.deepEqual(plan.current, { kind: 'absent' });
    assert.deepEqual(plan.createDirs, [ETC]);
    assert.deepEqual(plan.copy, { from: `${GO_DIR}/configuration-clh.toml`, to: `${ETC}/configuration-clh.toml` });
    assert.equal(plan.newLinkTarget, 'configuration-clh.toml');
    assert.equal(plan.hypervisor.displayName, 'Cloud Hypervisor');
    assert.ok(!plan.needsConsent && !plan.noop);
    assert.deepEqual(
      plan.commands.map((c) => c.argv[0]),
      ['mkdir', 'install', 'ln', 'mv'],
    );
    // Honest effects: kata-manager's own containerd handler is pinned to the /opt link.
    assert.deepEqual(plan.effects.pinnedElsewhere.map((h) => h.name), ['kata', 'kata-clh']);
    assert.match(plan.effects.doesNotTakeEffect.join('\n'), /handler 'kata' .* pinned by ConfigPath to \/opt\/kata\/share\/defaults\/kata-containers\/configuration\.toml: CRI pods .* keep QEMU/);
    assert.deepEqual(plan.effects.following, []);
    assert.equal(plan.previous?.hypervisor?.displayName, 'QEMU');

    const r = await applySwitch(plan, { stateDir });
    assert.equal(r.status, 'applied', r.message);
    assert.deepEqual(r.warnings, []);
    assert.equal(t.readlink(LINK), 'configuration-clh.toml');
    assert.equal(t.read(`${ETC}/configuration-clh.toml`), goConfig('clh'));
    assert.equal(fs.statSync(t.p(`${ETC}/configuration-clh.toml`)).mode & 0o777, 0o644);
    assert.deepEqual(fs.readdirSync(t.p(ETC)).sort(), ['configuration-clh.toml', 'configuration.toml']);
    const d = await discoverConfigs(t.root);
    assert.ok(entryFor(d, `${ETC}/configuration-clh.toml`)!.marks.active);
    assert.ok(!entryFor(d, `${GO_DIR}/configuration-qemu.toml`)!.marks.active);
    const entry = await lastSwitch(stateDir, t.root);
    assert.deepEqual(entry?.before, { kind: 'absent' });
    assert.deepEqual(entry?.created.dirs, [ETC]);
    assert.deepEqual(entry?.hypervisor, { from: 'qemu', to: 'clh' });

    // Switching to the same file again is a no-op.
    const again = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`));
    assert.ok(again.noop && again.useExistingCopy?.identicalToSource === true);
    assert.equal((await applySwitch(again, { stateDir })).status, 'noop');

    const undo = await planUndo(t.root, { stateDir });
    assert.ok(undo.ok);
    const u = await applyUndo(undo, { stateDir });
    assert.equal(u.status, 'undone', u.message);
    assert.deepEqual(t.snapshot(), before);
    assert.equal((await readJournal(stateDir)).journal.entries.length, 0);
    const none = await planUndo(t.root, { stateDir });
    assert.ok(!none.ok && /no hypervisor switch to undo/.test(none.refusal));
  }));

test('switch between /etc copies keeps existing (edited) copies and undo only removes what it made', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    const edited = goConfig('firecracker').replace('default_memory = 2048', 'default_memory = 1024');
    t.write(`${ETC}/configuration-fc.toml`, edited);
    t.write(`${ETC}/configuration-qemu.toml`, goConfig('qemu'));
    t.link(LINK, `${ETC}/configuration-qemu.toml`);
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-fc.toml`));
    assert.equal(plan.copy, undefined);
    assert.deepEqual(plan.useExistingCopy, { path: `${ETC}/configuration-fc.toml`, identicalToSource: false });
    assert.match(plan.notes.join(), /differs from .*your copy is used as it is/);
    assert.equal(plan.previous?.hypervisor?.displayName, 'QEMU');
    assert.equal((await applySwitch(plan, { stateDir })).status, 'applied');
    assert.equal(t.read(`${ETC}/configuration-fc.toml`), edited);
    assert.equal(t.readlink(LINK), 'configuration-fc.toml');
    // A second switch makes a copy; the user edits it; undo keeps it.
    const p2 = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`));
    assert.equal((await applySwitch(p2, { stateDir })).status, 'applied');
    fs.appendFileSync(t.p(`${ETC}/configuration-clh.toml`), '# my edit\n');
    const u = await applyUndo(await planUndo(t.root, { stateDir }), { stateDir });
    assert.equal(u.status, 'undone');
    assert.match(u.warnings.join(), /configuration-clh\.toml was edited after the switch, so it is kept/);
    assert.ok(t.exists(`${ETC}/configuration-clh.toml`));
    assert.equal(t.readlink(LINK), 'configuration-fc.toml');
    const u2 = await applyUndo(await planUndo(t.root, { stateDir }), { stateDir });
    assert.equal(u2.status, 'undone');
    assert.equal(t.readlink(LINK), `${ETC}/configuration-qemu.toml`);
  }));

test('atomicity: the link resolves after every filesystem step of switches and undos (hook)', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    runtimeRs(t);
    t.write(`${ETC}/configuration-qemu.toml`, goConfig('qemu'));
    t.link(LINK, 'configuration-qemu.toml');
    t.write(`${ETC}/runtime-rs/configuration-dragonball.toml`, rsConfig('dragonball'));
    t.link(RS_LINK, 'configuration-dragonball.toml');
    const seen: string[] = [];
    const check = (op: string): void => {
      for (const l of [LINK, RS_LINK]) {
        const st = fs.statSync(t.p(l), { throwIfNoEntry: false });
        assert.ok(st?.isFile(), `${l} does not resolve after: ${op}`);
        assert.match(fs.readFileSync(t.p(l), 'utf8'), /\[hypervisor\./);
      }
      seen.push(op);
    };
    const ops = observedOps(check);
    for (const [rt, target] of [
      ['go', `${GO_DIR}/configuration-clh.toml`],
      ['go', `${GO_DIR}/configuration-fc.toml`],
      ['rs', `${RS_DIR}/configuration-qemu-runtime-rs.toml`],
      ['go', `${GO_DIR}/configuration-qemu.toml`],
    ] as const) {
      const plan = ok(await planSwitch(t.root, rt, target, { fileOps: ops }));
      const r = await applySwitch(plan, { stateDir, fileOps: ops, onStep: (s) => check(`step ${s}`) });
      assert.equal(r.status, 'applied', r.message);
    }
    for (let i = 0; i < 4; i++) {
      const u = await applyUndo(await planUndo(t.root, { stateDir, fileOps: ops }), { stateDir, fileOps: ops, onStep: (s) => check(`undo step ${s}`) });
      assert.equal(u.status, 'undone', u.message);
    }
    assert.equal(t.readlink(LINK), 'configuration-qemu.toml');
    assert.equal(t.readlink(RS_LINK), 'configuration-dragonball.toml');
    assert.ok(seen.some((s) => s.startsWith('symlink')) && seen.some((s) => s.startsWith('rename')));
    assert.ok(seen.length > 20);
  }));

/** A worker thread that stats (and now and then reads) `link` in a tight loop until stopped. */
async function startWatcher(link: string): Promise<{ stop: () => Promise<{ checks: number; failures: string[] }> }> {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const fs = require('node:fs');
     const flag = workerData.flag;
     let checks = 0; const failures = [];
     parentPort.postMessage('ready');
     while (Atomics.load(flag, 0) === 0) {
       try { fs.statSync(workerData.link); if ((checks & 15) === 0) fs.readFileSync(workerData.link); checks++; }
       catch (e) { failures.push(e.code || String(e)); if (failures.length > 50) break; }
     }
     parentPort.postMessage({ checks, failures });`,
    { eval: true, workerData: { link, flag } },
  );
  let ready: () => void = () => undefined;
  const started = new Promise<void>((r) => (ready = r));
  const result = new Promise<{ checks: number; failures: string[] }>((resolve, reject) => {
    worker.on('message', (m) => {
      if (m === 'ready') ready();
      else resolve(m as { checks: number; failures: string[] });
    });
    worker.once('error', reject);
  });
  await started;
  return {
    stop: async () => {
      Atomics.store(flag, 0, 1);
      const r = await result;
      await worker.terminate();
      return r;
    },
  };
}

test('atomicity: a concurrent watcher never sees the link missing during 40 switches and undos', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    const first = await applySwitch(ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-qemu.toml`, { pins: false })), { stateDir });
    assert.equal(first.status, 'applied');
    const watcher = await startWatcher(t.p(LINK));
    const targets = ['clh', 'fc', 'qemu', 'clh'];
    for (let i = 0; i < 10; i++) {
      for (const hv of targets) {
        const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-${hv}.toml`, { pins: false }));
        if (plan.noop) continue;
        assert.equal((await applySwitch(plan, { stateDir })).status, 'applied');
      }
      for (let k = 0; k < 2; k++) assert.equal((await applyUndo(await planUndo(t.root, { stateDir }), { stateDir })).status, 'undone');
    }
    const { checks, failures } = await watcher.stop();
    assert.deepEqual(failures, []);
    assert.ok(checks > 100, `only ${checks} checks`);
  }));

test('atomicity control: the same watcher does catch a non-atomic replace (unlink, then symlink)', () =>
  withTree(async (t) => {
    goOnly(t);
    t.mkdir(ETC);
    const rel = (hv: string): string => `../../opt/kata/share/defaults/kata-containers/configuration-${hv}.toml`;
    t.link(LINK, rel('qemu'));
    const watcher = await startWatcher(t.p(LINK));
    for (let i = 0; i < 20; i++) {
      fs.unlinkSync(t.p(LINK));
      await new Promise((r) => setTimeout(r, 5));
      fs.symlinkSync(rel(i % 2 ? 'qemu' : 'clh'), t.p(LINK));
    }
    const { failures } = await watcher.stop();
    assert.ok(failures.length > 0 && failures.every((c) => c === 'ENOENT'), `the watcher saw ${failures.length} failures`);
  }));

test('a regular-file configuration.toml is replaced only with consent, after a backup; undo restores it', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    const handWritten = goConfig('qemu', '# written by hand in 2023');
    t.write(LINK, handWritten, 0o640);
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`, { now: new Date(2024, 0, 2, 3, 4, 5) }));
    assert.ok(plan.needsConsent);
    assert.equal(plan.backupPath, `${LINK}.2024-01-02.03-04-05.saved`);
    assert.match(plan.consentMessage ?? '', /regular file, not a symlink .* saves it as .*\.saved/);
    assert.equal(plan.previous?.hypervisor?.displayName, 'QEMU');
    const before = t.snapshot();
    const refused = await applySwitch(plan, { stateDir });
    assert.equal(refused.status, 'needs-consent');
    assert.deepEqual(t.snapshot(), before);
    const r = await applySwitch(plan, { stateDir, allowReplaceRegularFile: true });
    assert.equal(r.status, 'applied', r.message);
    assert.ok(t.isLink(LINK));
    assert.equal(t.read(plan.backupPath!), handWritten);
    assert.equal(fs.statSync(t.p(plan.backupPath!)).mode & 0o777, 0o640);
    assert.equal(r.entry?.before.kind, 'file');
    const u = await applyUndo(await planUndo(t.root, { stateDir }), { stateDir });
    assert.equal(u.status, 'undone', u.message);
    assert.ok(!t.isLink(LINK));
    assert.equal(t.read(LINK), handWritten);
    assert.ok(!t.exists(plan.backupPath!));
    assert.ok(!t.exists(`${ETC}/configuration-clh.toml`));
  }));

test('a broken configuration.toml symlink is replaced, and undo puts the broken link back', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    t.link(LINK, 'configuration-gone.toml');
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-fc.toml`));
    assert.deepEqual(plan.current, { kind: 'symlink', target: 'configuration-gone.toml', broken: true });
    assert.match(plan.notes.join(), /broken symlink/);
    assert.equal((await applySwitch(plan, { stateDir })).status, 'applied');
    assert.equal(t.readlink(LINK), 'configuration-fc.toml');
    assert.equal((await applyUndo(await planUndo(t.root, { stateDir }), { stateDir })).status, 'undone');
    assert.equal(t.readlink(LINK), 'configuration-gone.toml');
  }));

test('runtime-rs switch uses /etc/kata-containers/runtime-rs and leaves the Go runtime alone', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    runtimeRs(t);
    const plan = ok(await planSwitch(t.root, 'rs', `${RS_DIR}/configuration-dragonball.toml`));
    assert.deepEqual(plan.createDirs, ['/etc', ETC, `${ETC}/runtime-rs`]);
    assert.equal(plan.linkPath, RS_LINK);
    assert.equal((await applySwitch(plan, { stateDir })).status, 'applied');
    assert.equal(t.readlink(RS_LINK), 'configuration-dragonball.toml');
    assert.ok(!t.exists(LINK));
    const d = await discoverConfigs(t.root);
    assert.equal(d.active.find((a) => a.runtime === 'rs')?.realPath, `${ETC}/runtime-rs/configuration-dragonball.toml`);
    assert.equal(d.active.find((a) => a.runtime === 'go')?.realPath, `${GO_DIR}/configuration-qemu.toml`);
    const go = await listSwitchChoices(t.root, 'go');
    assert.equal(go.choices.find((c) => c.current)?.fileName, 'configuration-qemu.toml');
    assert.equal((await applyUndo(await planUndo(t.root, { stateDir, runtime: 'rs' }), { stateDir })).status, 'undone');
    assert.ok(!t.exists('/etc'));
  }));

test('effects under kata-deploy: pinned handlers keep their hypervisor, runtime-rs handlers are not affected', () =>
  withTree(async (t) => {
    kataDeploy(t);
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-fc.toml`));
    assert.deepEqual(plan.effects.pinnedElsewhere.map((h) => h.name), ['kata-qemu', 'kata-clh']);
    assert.deepEqual(plan.effects.otherRuntime.map((h) => h.name), ['kata-qemu-runtime-rs']);
    const text = plan.effects.doesNotTakeEffect.join('\n');
    assert.match(text, /containerd handler 'kata-qemu' \(\/etc\/containerd\/conf\.d\/kata-deploy\.toml\) is pinned by ConfigPath to .*runtimes\/qemu\/configuration-qemu\.toml: CRI pods \(Kubernetes, crictl\) on it keep QEMU/);
    assert.match(text, /'kata-clh' .* keep Cloud Hypervisor/);
    assert.match(text, /'kata-qemu-runtime-rs' .* runs runtime-rs .* which does not read \/etc\/kata-containers\/configuration\.toml/);
    // The default /opt link led through runtimes/qemu/ whose config.d stops applying.
    assert.match(plan.effects.warnings.join('\n'), /drop-ins in .*runtimes\/qemu\/config\.d \(20-debug\.toml, 50-user-overrides\.toml\) applied to the previous file but not to/);
    // Switching to a kata-deploy-managed file copies it and says its drop-ins stay behind.
    const q = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-qemu.toml`));
    assert.equal(q.sourceRealPath, `${GO_DIR}/runtimes/qemu/configuration-qemu.toml`);
    assert.match(q.notes.join(), /kata-deploy's managed copy/);
    const rs = ok(await planSwitch(t.root, 'rs', `${RS_DIR}/configuration-dragonball.toml`));
    assert.deepEqual(rs.effects.pinnedElsewhere.map((h) => h.name), ['kata-qemu-runtime-rs']);
    assert.deepEqual(rs.effects.otherRuntime.map((h) => h.name), ['kata-qemu', 'kata-clh']);
  }));

test('refusals: outside the Kata folders, links out of them, the link itself, garbage, wrong runtime, folders', () =>
  withTree(async (t) => {
    goOnly(t);
    runtimeRs(t);
    t.write('/tmp/evil/configuration-evil.toml', goConfig('qemu'));
    t.link(`${GO_DIR}/configuration-evil.toml`, '/tmp/evil/configuration-evil.toml');
    t.write(`${GO_DIR}/configuration-garbage.toml`, '[hypervisor.qemu\npath = "x"\n');
    t.write(`${GO_DIR}/configuration-nohv.toml`, '[runtime]\nenable_debug = true\n');
    t.write(`${GO_DIR}/configuration-db.toml`, rsConfig('dragonball'));
    t.write(`${GO_DIR}/runtimes/qemu/configuration-qemu.toml`, goConfig('qemu'));
    t.write(`${RS_DIR}/configuration-gostyle.toml`, goConfig('qemu'));
    t.write(`${RS_DIR}/configuration-wrongname.toml`, rsConfig('qemu').replace('hypervisor_name = "qemu"', 'hypervisor_name = "clh"'));
    const cases: Array<[string, string, RegExp]> = [
      ['go', '/tmp/evil/configuration-evil.toml', /only takes configs from its Kata folders/],
      ['go', '/home/me/configuration-qemu.toml', /only takes configs from its Kata folders/],
      ['go', `${GO_DIR}/runtimes/qemu/configuration-qemu.toml`, /only takes configs from its Kata folders/],
      ['go', `${GO_DIR}/../../../../../tmp/evil/configuration-evil.toml`, /only takes configs from its Kata folders/],
      ['go', `${GO_DIR}/configuration-evil.toml`, /resolves to \/tmp\/evil\/configuration-evil\.toml, outside the Kata folders/],
      ['go', `${GO_DIR}/configuration.toml`, /only configuration-<name>\.toml .*configuration\.toml is the link the switch manages/],
      ['go', `${GO_DIR}/configuration-garbage.toml`, /TOML error.*every new sandbox would fail/],
      ['go', `${GO_DIR}/configuration-nohv.toml`, /no \[hypervisor\.<name>\] table/],
      ['go', `${GO_DIR}/configuration-db.toml`, /is a runtime-rs file/],
      ['go', `${GO_DIR}/configuration-missing.toml`, /does not exist/],
      ['go', `${RS_DIR}/configuration-dragonball.toml`, /only takes configs from its Kata folders/],
      ['rs', `${GO_DIR}/configuration-qemu.toml`, /only takes configs from its Kata folders/],
      ['rs', `${RS_DIR}/configuration-gostyle.toml`, /sets no \[runtime\] hypervisor_name, which runtime-rs requires/],
      ['rs', `${RS_DIR}/configuration-wrongname.toml`, /hypervisor_name = "clh" names no \[hypervisor\.clh\] table/],
      ['go', 'configuration-qemu.toml', /must be an absolute path/],
    ];
    for (const [rt, target, re] of cases) {
      const p = await planSwitch(t.root, rt as 'go' | 'rs', target);
      assert.ok(!p.ok, `${target} should be refused`);
      assert.match(p.refusal, re, target);
    }
    t.mkdir(`${ETC}/configuration.toml`);
    const dir = await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`);
    assert.ok(!dir.ok && /is a folder; it must be a symlink/.test(dir.refusal));
    assert.equal((await applySwitch(dir, { stateDir: '/nonexistent' })).status, 'refused');
  }));

test('a plan is re-checked: a link changed after planning is not overwritten', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    t.write(`${ETC}/configuration-qemu.toml`, goConfig('qemu'));
    t.link(LINK, 'configuration-qemu.toml');
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`));
    fs.unlinkSync(t.p(LINK));
    t.link(LINK, `${GO_DIR}/configuration-fc.toml`);
    const r = await applySwitch(plan, { stateDir });
    assert.equal(r.status, 'failed');
    assert.match(r.message, /changed since the switch was planned/);
    assert.equal(t.readlink(LINK), `${GO_DIR}/configuration-fc.toml`);
    assert.ok(!t.exists(`${ETC}/configuration-clh.toml`));
  }));

test('undo is refused when configuration.toml changed after the switch, or the backup is gone', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    assert.equal((await applySwitch(ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`)), { stateDir })).status, 'applied');
    fs.unlinkSync(t.p(LINK));
    t.link(LINK, 'configuration-other.toml');
    const u = await planUndo(t.root, { stateDir });
    assert.ok(!u.ok && /changed after the switch .* now a symlink to configuration-other\.toml/.test(u.refusal));
    assert.equal((await applyUndo(u, { stateDir })).status, 'refused');

    fs.unlinkSync(t.p(LINK));
    t.write(LINK, goConfig('qemu'));
    fs.rmSync(t.p(`${ETC}/configuration-clh.toml`));
    const stateDir2 = makeStateDir();
    try {
      const p = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`));
      assert.equal((await applySwitch(p, { stateDir: stateDir2, allowReplaceRegularFile: true })).status, 'applied');
      fs.rmSync(t.p(p.backupPath!));
      const u2 = await planUndo(t.root, { stateDir: stateDir2 });
      assert.ok(!u2.ok && /backup .* is missing or was changed/.test(u2.refusal));
    } finally {
      fs.rmSync(stateDir2, { recursive: true, force: true });
    }
  }));

test('permission denied: nothing changes, the exact root commands are returned, and they work', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    // A file name that needs quoting, local only in /etc.
    const odd = `${ETC}/configuration-my clh's $(touch pwned).toml`;
    t.write(odd, goConfig('clh'));
    t.write(`${ETC}/configuration-qemu.toml`, goConfig('qemu'));
    t.link(LINK, 'configuration-qemu.toml');
    const ops = failingOps(t.p(ETC), 'EACCES');
    const before = t.snapshot();
    const plan = ok(await planSwitch(t.root, 'go', odd, { fileOps: ops }));
    const r = await applySwitch(plan, { stateDir, fileOps: ops });
    assert.equal(r.status, 'needs-root');
    assert.match(r.message, /permission denied \(EACCES\)\. Run the commands below as root/);
    assert.match(r.message, /Nothing was changed/);
    assert.deepEqual(t.snapshot(), before);
    assert.ok(ops.refused.length > 0);
    assert.equal(r.commands, plan.commands);
    const linkFs = t.p(LINK);
    assert.deepEqual(
      r.commands!.map((c) => c.argv),
      [
        ['ln', '-s', '-f', '-n', '-T', '--', "configuration-my clh's $(touch pwned).toml", `${linkFs}.kata-config-new`],
        ['mv', '-f', '-T', '--', `${linkFs}.kata-config-new`, linkFs],
      ],
    );
    assert.equal(r.commands![0].display, `ln -s -f -n -T -- 'configuration-my clh'\\''s $(touch pwned).toml' ${shellQuote(`${linkFs}.kata-config-new`)}`);
    assert.match(renderCommands(r.commands!), /^sudo ln .* && \\\n {2}sudo mv /);
    // The user runs them as root (we are root here), then the extension records the switch.
    runAsRoot(r.commands!);
    assert.ok(!fs.existsSync(path.join(t.root, 'pwned')) && !fs.existsSync('pwned'));
    assert.equal(t.readlink(LINK), "configuration-my clh's $(touch pwned).toml");
    const rec = await recordExternalSwitch(plan, { stateDir });
    assert.equal(rec.status, 'applied', rec.message);
    assert.equal(rec.entry?.via, 'external');
    // Undo also needs root.
    const undo = await planUndo(t.root, { stateDir, fileOps: ops });
    assert.ok(undo.ok);
    const u = await applyUndo(undo, { stateDir, fileOps: ops });
    assert.equal(u.status, 'needs-root');
    assert.equal(t.readlink(LINK), "configuration-my clh's $(touch pwned).toml");
    runAsRoot(u.commands!);
    assert.equal(t.readlink(LINK), 'configuration-qemu.toml');
    const ru = await recordExternalUndo(undo, { stateDir });
    assert.equal(ru.status, 'undone', ru.message);
    assert.equal((await readJournal(stateDir)).journal.entries.length, 0);
  }));

test('permission denied on a fresh machine: mkdir, install, ln, mv as root reproduce the switch', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    const ops = failingOps(path.join(t.root, 'etc'), 'EACCES');
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-fc.toml`, { fileOps: ops }));
    const before = t.snapshot();
    const r = await applySwitch(plan, { stateDir, fileOps: ops });
    assert.equal(r.status, 'needs-root');
    assert.deepEqual(t.snapshot(), before);
    assert.deepEqual(r.commands!.map((c) => c.argv.slice(0, 1)[0]), ['mkdir', 'install', 'ln', 'mv']);
    // Not yet run: recording refuses.
    assert.equal((await recordExternalSwitch(plan, { stateDir })).status, 'failed');
    runAsRoot(r.commands!);
    assert.equal(t.readlink(LINK), 'configuration-fc.toml');
    assert.equal(t.read(`${ETC}/configuration-fc.toml`), goConfig('firecracker'));
    assert.equal((await recordExternalSwitch(plan, { stateDir })).status, 'applied');
    const undo = await planUndo(t.root, { stateDir });
    assert.ok(undo.ok);
    assert.deepEqual(undo.commands.map((c) => c.argv[0]), ['rm', 'rm', 'rmdir', 'rmdir']);
    runAsRoot(undo.commands);
    assert.equal((await recordExternalUndo(undo, { stateDir })).status, 'undone');
    assert.deepEqual(t.snapshot(), before);
  }));

test('a permission failure half-way rolls back what was done', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    t.mkdir(ETC);
    const before = t.snapshot();
    // Copies may be written, but the symlink may not.
    const base = nodeFileOps;
    const ops = { ...base, symlink: async () => Promise.reject(Object.assign(new Error('EPERM'), { code: 'EPERM' })) };
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`, { fileOps: ops }));
    const r = await applySwitch(plan, { stateDir, fileOps: ops });
    assert.equal(r.status, 'needs-root');
    assert.match(r.message, /cannot create a symlink in \/etc\/kata-containers: operation not permitted \(EPERM\)/);
    assert.deepEqual(t.snapshot(), before);
    assert.deepEqual(r.warnings, []);
  }));

test('a read-only file system fails cleanly with no root commands', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    const ops = failingOps(t.root, 'EROFS');
    const before = t.snapshot();
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`, { fileOps: ops }));
    const r = await applySwitch(plan, { stateDir, fileOps: ops });
    assert.equal(r.status, 'failed');
    assert.match(r.message, /read-only \(EROFS\)/);
    assert.equal(r.commands, undefined);
    assert.deepEqual(t.snapshot(), before);
  }));

test('a real read-only folder (non-root only: root ignores permission bits)', { skip: process.getuid?.() === 0 ? 'running as root, which ignores permission bits; covered by the injected EACCES tests' : false }, () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    t.mkdir(ETC);
    fs.chmodSync(t.p(ETC), 0o555);
    try {
      const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`));
      const r = await applySwitch(plan, { stateDir });
      assert.equal(r.status, 'needs-root');
      assert.ok(!t.exists(LINK));
    } finally {
      fs.chmodSync(t.p(ETC), 0o755);
    }
  }));

test('the journal: a damaged file is reported and restarted; an unwritable state folder is a warning', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    fs.writeFileSync(path.join(stateDir, JOURNAL_FILE), '{ not json');
    assert.match((await readJournal(stateDir)).problem ?? '', /not valid JSON/);
    const u = await planUndo(t.root, { stateDir });
    assert.ok(!u.ok && /not valid JSON/.test(u.refusal));
    const r = await applySwitch(ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`)), { stateDir });
    assert.equal(r.status, 'applied');
    assert.match(r.warnings.join(), /not valid JSON.*started afresh/);
    assert.equal((await readJournal(stateDir)).journal.entries.length, 1);
    const ro = failingOps(path.join(t.root, 'state'), 'EACCES');
    const r2 = await applySwitch(ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-fc.toml`)), { stateDir: path.join(t.root, 'state'), fileOps: ro });
    assert.equal(r2.status, 'applied');
    assert.match(r2.warnings.join(), /undo will not be available/);
    const res = await resolveInRoot(nodeFileOps, t.root, LINK);
    assert.ok(res.ok && res.path === `${ETC}/configuration-fc.toml`);
  }));

test('a fake root with an absolute symlink folder: writes stay inside the root', () =>
  withTree(async (t, stateDir) => {
    goOnly(t);
    // /etc/kata-containers -> /data/kata (absolute): inside the root, not the host's /data.
    t.mkdir('/data/kata');
    t.link(ETC, '/data/kata');
    const plan = ok(await planSwitch(t.root, 'go', `${GO_DIR}/configuration-clh.toml`));
    assert.deepEqual(plan.createDirs, []);
    assert.equal(plan.fsPaths[LINK], t.p('/data/kata/configuration.toml'));
    assert.equal((await applySwitch(plan, { stateDir })).status, 'applied');
    assert.equal(fs.readlinkSync(t.p('/data/kata/configuration.toml')), 'configuration-clh.toml');
    assert.ok(!fs.existsSync('/data/kata/configuration.toml') || fs.realpathSync('/data/kata').startsWith(t.root));
    assert.equal((await applyUndo(await planUndo(t.root, { stateDir }), { stateDir })).status, 'undone');
    assert.deepEqual(fs.readdirSync(t.p('/data/kata')), []);
  }));
