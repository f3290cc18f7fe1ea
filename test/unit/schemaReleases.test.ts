/**
 * The schema for every release: its key set per table equals what that release's decoders know
 * (checked against the independent list in ../shared/kata-source/keys-by-release.json), our own
 * knowledge refers only to keys the generated facts have, and release-specific keys are judged by
 * the exact release.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtRuntime } from '../../server/src/kata/schema/build';
import { KataSchema } from '../../server/src/kata/schema';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { exportJsonSchema } from '../../server/src/kata/schema/jsonSchema';
import { RELEASES, type Release, type Runtime } from '../../server/src/kata/releases';
import { analyzeText } from '../support/kata';
import { sharedPath, skipUnlessShared } from '../support/shared';

type Json = { properties?: Record<string, Json>; additionalProperties?: Json | boolean; items?: Json; deprecated?: boolean; type?: string };

const RUNTIMES: Runtime[] = ['go', 'rs'];

/** The decoder keys of each table path the JSON Schema of one target describes. */
function schemaTables(runtime: Runtime, release: Release): Map<string, { valid: Set<string>; deprecated: Set<string> }> {
  const s = exportJsonSchema({ runtime, release, arch: 'x86_64' }) as Json;
  const out = new Map<string, { valid: Set<string>; deprecated: Set<string> }>();
  const put = (path: string, t: Json | undefined) => {
    if (!t?.properties) return;
    const entry = out.get(path) ?? { valid: new Set<string>(), deprecated: new Set<string>() };
    for (const [k, v] of Object.entries(t.properties)) (v.deprecated ? entry.deprecated : entry.valid).add(k);
    out.set(path, entry);
  };
  const props = s.properties!;
  for (const hv of Object.values(props.hypervisor?.properties ?? {})) {
    put('hypervisor.<name>', hv);
    put('hypervisor.<name>.factory', hv.properties?.factory);
    put('hypervisor.<name>.rootless_user', hv.properties?.rootless_user);
    put('hypervisor.<name>.guest_extension_images[]', hv.properties?.guest_extension_images?.items);
  }
  const agent = props.agent?.additionalProperties as Json | undefined;
  put('agent.<name>', agent);
  put('agent.<name>.mem_agent', agent?.properties?.mem_agent);
  put('runtime', props.runtime);
  put('runtime.shared_mounts[]', props.runtime?.properties?.shared_mounts?.items);
  if (props.factory && !props.factory.deprecated) put('factory', props.factory);
  if (props.image) put('image', props.image);
  return out;
}

describe('the schema of every release', { skip: skipUnlessShared('kata-source') }, () => {
  const reference = JSON.parse(fs.readFileSync(sharedPath('kata-source', 'keys-by-release.json'), 'utf8'));
  for (const runtime of RUNTIMES) {
    test(`${runtime}: the keys per table of \`kata-config schema\` equal what each of the ${RELEASES.length} releases' decoders know`, () => {
      const problems: string[] = [];
      for (const release of RELEASES) {
        const decoders = reference.releases[release][runtime].tables as Record<string, { keys: string[] }>;
        const ours = schemaTables(runtime, release);
        for (const [path, table] of Object.entries(decoders)) {
          if (path === '(root)') continue;
          const mine = ours.get(path);
          if (!mine) {
            problems.push(`${release} ${path}: the schema has no such table`);
            continue;
          }
          const missing = table.keys.filter((k) => !mine.valid.has(k));
          const extra = [...mine.valid].filter((k) => !table.keys.includes(k));
          if (missing.length) problems.push(`${release} ${path}: the schema lacks ${missing.join(', ')}`);
          if (extra.length) problems.push(`${release} ${path}: the schema accepts ${extra.join(', ')}, which the decoder does not know`);
        }
        for (const path of ours.keys()) if (!decoders[path]) problems.push(`${release} ${path}: the schema has a table the decoder does not`);
      }
      assert.deepEqual(problems, []);
    });
  }

  test('every key the schema marks ignored says why, or is one the decoder of another release reads', () => {
    for (const runtime of RUNTIMES) {
      for (const spec of builtRuntime(runtime).keys) {
        if (spec.releases.isEmpty) assert.ok(spec.ignored && spec.ignored.length > 10, `${runtime} ${spec.table}/${spec.key}: ignored without a reason`);
      }
    }
  });
});

describe('our own knowledge refers to generated facts', () => {
  for (const runtime of RUNTIMES) {
    test(`${runtime}: every knowledge entry names a decoded or shipped key, and its release sets stay within the key's releases`, () => {
      const built = builtRuntime(runtime);
      assert.deepEqual(built.unmatched.map((k) => `${k.table}/${k.key}`), []);
      const problems: string[] = [];
      for (const spec of built.keys) {
        for (const a of spec.allowed ?? []) {
          if (a.releases && !a.releases.minus(spec.releases).isEmpty) problems.push(`${spec.table}/${spec.key}: allowed values for ${a.releases.describe()}, but Kata reads it in ${spec.releases.describe()}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

describe('keys added between the old samples are judged by the exact release', () => {
  const qemu = (release: string) => `# kata-config: release=${release}\n[hypervisor.qemu]\npath = "/usr/bin/qemu-system-x86_64"\nkernel = "/usr/share/kata-containers/vmlinux.container"\nimage = "/usr/share/kata-containers/kata-containers.img"\nindep_iothreads = 2\n`;
  test('indep_iothreads (Go, added in 3.24.0) is clean in a 3.25 file', () => {
    const { target, diags } = analyzeText(qemu('3.25'));
    assert.equal(target.release, '3.25.0');
    assert.deepEqual(diags.filter((d) => /indep_iothreads/.test(d.message)), []);
  });
  test('and flagged in a 3.23 file, naming the releases that read it', () => {
    const { diags } = analyzeText(qemu('3.23'));
    const d = diags.find((x) => x.code === 'kata-key-other-release');
    assert.ok(d, JSON.stringify(diags));
    assert.match(d.message, /Go runtime 3\.23\.0 does not read indep_iothreads \(it exists in 3\.24\.0 and later\)/);
  });
});

describe('architecture is an axis like release', () => {
  const hoverAt = (text: string, line: number, file = '/tmp/x/configuration-qemu.toml') => {
    const service = new LanguageService(nodeHost);
    service.configure({ hostChecks: false });
    const h = service.hover({ uri: `file://${file}`, version: 1, getText: () => text }, { line, character: 2 });
    return (h?.contents as { value: string }).value;
  };
  test('hover shows the shipped default of the file\'s own architecture and release, never another arch\'s', { skip: skipUnlessShared('kata-configs') }, () => {
    const expect: Array<[string, string, string]> = [
      ['arm64', '3.25', 'virt'],
      ['x86_64', '3.25', 'q35'],
      ['s390x', '4.1.0', 's390-ccw-virtio'],
      ['ppc64le', '3.20', 'pseries'],
    ];
    for (const [arch, release, machine] of expect) {
      const md = hoverAt(`# kata-config: arch=${arch} release=${release}\n[hypervisor.qemu]\nmachine_type = "x"\n`, 2);
      assert.match(md, new RegExp(`configuration-qemu\\.toml of Kata ${release.replace(/\./g, '\\.')}(\\.0)? \\(\\w+\\) sets: \`"${machine}"\``), `${arch} ${release}`);
    }
  });
  test('the shipped defaults equal what the installed file of that arch and release really sets', { skip: skipUnlessShared('kata-configs') }, () => {
    for (const [release, folder, arch, file, key, table] of [
      ['3.25.0', 'go-arm64', 'aarch64', 'configuration-qemu.toml', 'path', 'qemu'],
      ['3.25.0', 'go', 'x86_64', 'configuration-qemu-tdx.toml', 'firmware', 'qemu'],
      ['4.1.0', 'rs-arm64', 'aarch64', 'configuration-qemu-runtime-rs.toml', 'machine_type', 'qemu'],
      ['3.10.1', 'go', 'x86_64', 'configuration-clh.toml', 'default_memory', 'clh'],
    ]) {
      const text = fs.readFileSync(sharedPath('kata-configs', release, folder, file), 'utf8');
      const line = text.split('\n').findIndex((l) => l.startsWith(`${key} =`));
      const written = text.split('\n')[line].slice(key.length + 3).trim();
      const runtime = folder.startsWith('rs') ? 'rs' : 'go';
      const schema = new KataSchema({ runtime, release: release as Release, arch: arch as 'x86_64', shippedFile: file });
      const got = schema.shippedValue(schema.spec('hypervisor', key)!, table);
      assert.equal(JSON.stringify(got?.value), written, `${release}/${folder}/${file} ${key}`);
    }
  });
});
