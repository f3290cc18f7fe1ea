/** The installed release of a config file: which installation it belongs to and what that installation records. */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  debianUpstreamVersion,
  installationOf,
  installedRelease,
  parseDpkgStatus,
  parseSnapYaml,
  parseVersionFile,
  parseVersionOutput,
  type InstalledReleaseHost,
} from '../../server/src/kata/installedRelease';
import { NEWEST_RELEASE } from '../../server/src/kata/releases';

// Output shaped like the formats in Kata's sources (versions and commits made up).
const goShim = (v: string, commit = '0123456789abcdef0123456789abcdef01234567') => `Kata Containers containerd shim (Golang): id: "io.containerd.kata.v2", version: ${v}, commit: ${commit}\n`;
const rsShim = (v: string, commit = 'fedcba9876543210fedcba9876543210fedcba98') => `Kata Containers containerd shim (Rust): id: io.containerd.kata.v2, version: ${v}, commit: ${commit}\n`;
const kataRuntime = (v: string) => `kata-runtime  : ${v}\n   commit   : 0123456789abcdef0123456789abcdef01234567\n   OCI specs: 1.2.1\n`;

const GO = '/opt/kata/share/defaults/kata-containers';
const RS = `${GO}/runtime-rs`;
const USR = '/usr/share/defaults/kata-containers';

interface FakeHost extends InstalledReleaseHost {
  ran: string[];
}

/** An in-memory machine: files (a folder exists when a file is under it), links, and what binaries print. */
function host(files: Record<string, string>, opts: { links?: Record<string, string>; binaries?: Record<string, string>; run?: boolean } = {}): FakeHost {
  const links = opts.links ?? {};
  const real = (p: string): string => {
    for (let i = 0; i < 40; i++) {
      const hit = Object.keys(links).find((l) => p === l || p.startsWith(l + '/'));
      if (!hit) return p;
      p = links[hit] + p.slice(hit.length);
    }
    return p;
  };
  const all = { ...files, ...Object.fromEntries(Object.keys(opts.binaries ?? {}).map((b) => [b, '\x7fELF'])) };
  const exists = (p: string): boolean => {
    const r = real(p);
    return Object.keys(all).some((f) => f === r || f.startsWith(r + '/'));
  };
  const h: FakeHost = {
    ran: [],
    readFile: (p) => all[real(p)],
    exists,
    realPath: (p) => real(p),
  };
  if (opts.run !== false && opts.binaries) {
    h.runVersion = (b) => {
      h.ran.push(b);
      return opts.binaries![real(b)] ?? opts.binaries![b];
    };
  }
  return h;
}

describe('parsers', () => {
  test('VERSION files: a release, a pre-release, git describe output, comments, nothing', () => {
    assert.deepEqual(parseVersionFile('3.25.0\n'), { raw: '3.25.0', kind: 'exact' });
    assert.deepEqual(parseVersionFile('# made by hand\n\n4.1.0-rc0\n'), { raw: '4.1.0-rc0', kind: 'exact' });
    assert.deepEqual(parseVersionFile('3.3.0-alpha0-2798-g3de6d09a86\n'), { raw: '3.3.0-alpha0-2798-g3de6d09a86', kind: 'describe', tag: '3.3.0-alpha0', commits: 2798, commit: '3de6d09a86' });
    assert.equal(parseVersionFile('3.17.0-253-g6722ea2fd9-dirty')?.tag, '3.17.0');
    assert.equal(parseVersionFile('   \n'), undefined);
    assert.equal(parseVersionFile('main')?.kind, 'unrecognized');
  });

  test('--version output of the Go shim, the runtime-rs shim and kata-runtime', () => {
    assert.deepEqual(parseVersionOutput(goShim('3.25.0')), { tool: 'go-shim', version: '3.25.0', commit: '0123456789abcdef0123456789abcdef01234567' });
    assert.deepEqual(parseVersionOutput(rsShim('4.1.0', '')), { tool: 'rs-shim', version: '4.1.0' });
    assert.deepEqual(parseVersionOutput(kataRuntime('3.20.0')), { tool: 'kata-runtime', version: '3.20.0', commit: '0123456789abcdef0123456789abcdef01234567' });
    // The Rust shim's error path prints the same line to stderr, followed by the error.
    assert.equal(parseVersionOutput(`${rsShim('3.30.0').trim()}\r\nERROR: containerd-shim-kata-v2 failed: bad flag`)?.version, '3.30.0');
    assert.equal(parseVersionOutput(goShim('unknown')), undefined);
    assert.equal(parseVersionOutput('kata-runtime  : unknown\n   commit   : unknown\n'), undefined);
    assert.equal(parseVersionOutput('containerd-shim-runc-v2:\n  Version:  1.7.0\n'), undefined);
  });

  test('dpkg status stanzas and Debian versions', () => {
    const status = [
      'Package: bash',
      'Status: install ok installed',
      'Version: 5.2.15-2+b7',
      'Description: GNU Bourne Again SHell',
      ' Bash is an sh-compatible command language interpreter.',
      ' .',
      ' More text.',
      '',
      'Package: kata-containers',
      'Status: install ok installed',
      'Architecture: amd64',
      'Version: 1:3.25.0-1',
      '',
      'Package: kata-old',
      'Status: deinstall ok config-files',
      'Version: 2.5.0-1',
      '',
    ].join('\n');
    assert.deepEqual(parseDpkgStatus(status), [
      { package: 'bash', version: '5.2.15-2+b7', status: 'install ok installed' },
      { package: 'kata-containers', version: '1:3.25.0-1', status: 'install ok installed', architecture: 'amd64' },
      { package: 'kata-old', version: '2.5.0-1', status: 'deinstall ok config-files' },
    ]);
    assert.equal(debianUpstreamVersion('1:3.25.0-1'), '3.25.0');
    assert.equal(debianUpstreamVersion('3.25.0~rc0-1ubuntu2'), '3.25.0-rc0');
    assert.equal(debianUpstreamVersion('3.25.0+dfsg-3'), '3.25.0');
    assert.equal(debianUpstreamVersion('3.25.0'), '3.25.0');
  });

  test("a snap's meta/snap.yaml", () => {
    assert.equal(parseSnapYaml("name: kata-containers\nversion: '3.1.0'\nsummary: x\n"), '3.1.0');
    assert.equal(parseSnapYaml('name: x\n'), undefined);
  });
});

describe('which installation a config belongs to', () => {
  test('shipped defaults, runtime-rs folders, kata-deploy folders, suffixed prefixes, Fedora, snaps', () => {
    const h = host({});
    const of = (p: string) => {
      const i = installationOf(p, h);
      return i && [i.prefix, i.runtime, !!i.kataDeploy, i.layout];
    };
    assert.deepEqual(of(`${GO}/configuration-qemu.toml`), ['/opt/kata', 'go', false, 'prefix']);
    assert.deepEqual(of(`${GO}/configuration-dragonball.toml`), ['/opt/kata', 'rs', false, 'prefix']);
    assert.deepEqual(of(`${RS}/configuration-qemu-runtime-rs.toml`), ['/opt/kata', 'rs', false, 'prefix']);
    assert.deepEqual(of(`${GO}/runtimes/qemu/configuration-qemu.toml`), ['/opt/kata', 'go', true, 'prefix']);
    assert.deepEqual(of(`${RS}/runtimes/qemu-runtime-rs/config.d/50-x.toml`), ['/opt/kata', 'rs', true, 'prefix']);
    assert.deepEqual(of(`${GO}/runtimes/dragonball/configuration-dragonball.toml`), ['/opt/kata', 'rs', true, 'prefix']);
    assert.deepEqual(of('/opt/kata-blue/share/defaults/kata-containers/configuration-clh.toml'), ['/opt/kata-blue', 'go', false, 'prefix']);
    assert.deepEqual(of(`${USR}/configuration.toml`), ['/usr', 'go', false, 'prefix']);
    assert.deepEqual(of('/usr/share/kata-containers/defaults/configuration.toml'), ['/usr', 'go', false, 'fedora']);
    assert.deepEqual(of('/snap/kata-containers/current/usr/share/defaults/kata-containers/configuration.toml'), ['/snap/kata-containers/current', undefined, false, 'snap']);
    assert.equal(of('/home/me/configuration-qemu.toml'), undefined);
    assert.equal(of('/etc/kata-containers/configuration.toml'), undefined); // no installation at all
  });

  test('/etc/kata-containers: a link into an installation, the one shipping the same file, the shim on PATH', () => {
    const link = host({ [`${GO}/configuration-qemu.toml`]: 'x' }, { links: { '/etc/kata-containers/configuration.toml': `${GO}/configuration-qemu.toml` } });
    const i = installationOf('/etc/kata-containers/configuration.toml', link)!;
    assert.equal(i.prefix, '/opt/kata');
    assert.match(i.how, /links to \/opt\/kata\/share\/defaults\/kata-containers\/configuration-qemu\.toml/);

    const both = { [`${GO}/configuration-clh.toml`]: 'x', [`${GO}/configuration-qemu.toml`]: 'x', [`${USR}/configuration-qemu.toml`]: 'x', '/etc/kata-containers/configuration-clh.toml': 'x', '/etc/kata-containers/configuration-qemu.toml': 'x' };
    const clh = installationOf('/etc/kata-containers/configuration-clh.toml', host(both))!;
    assert.deepEqual([clh.prefix, clh.how], ['/opt/kata', "/etc/kata-containers/configuration-clh.toml overrides /opt/kata's configuration-clh.toml"]);
    // Both ship configuration-qemu.toml: the shim on PATH decides (kata-manager links /usr/bin's to /opt/kata's).
    const onPath = host({ ...both, '/opt/kata/bin/containerd-shim-kata-v2': 'x' }, { links: { '/usr/bin/containerd-shim-kata-v2': '/opt/kata/bin/containerd-shim-kata-v2' } });
    const q = installationOf('/etc/kata-containers/configuration-qemu.toml', onPath)!;
    assert.equal(q.prefix, '/opt/kata');
    assert.match(q.how, /shim on PATH, \/usr\/bin\/containerd-shim-kata-v2 \(→ \/opt\/kata\/bin\/containerd-shim-kata-v2\)/);
    const distroShim = installationOf('/etc/kata-containers/configuration-qemu.toml', host({ ...both, '/usr/bin/containerd-shim-kata-v2': 'x' }))!;
    assert.equal(distroShim.prefix, '/usr');
    assert.equal(installationOf('/etc/kata-containers/configuration-qemu.toml', host(both)), undefined); // ambiguous
    // runtime-rs admin folder and drop-ins.
    const rs = installationOf('/etc/kata-containers/runtime-rs/configuration.toml', host({ [`${RS}/configuration-dragonball.toml`]: 'x' }))!;
    assert.deepEqual([rs.prefix, rs.runtime], ['/opt/kata', 'rs']);
    assert.equal(installationOf('/etc/kata-containers/config.d/10-debug.toml', host({ [`${GO}/configuration-qemu.toml`]: 'x' }))?.prefix, '/opt/kata');
  });
});

describe('installedRelease', () => {
  test("the release tarball's /opt/kata/VERSION, before any binary", () => {
    const h = host({ '/opt/kata/VERSION': '3.25.0\n', [`${GO}/configuration-qemu.toml`]: 'x' }, { binaries: { '/opt/kata/bin/containerd-shim-kata-v2': goShim('3.99.0') } });
    const r = installedRelease(`${GO}/configuration-qemu.toml`, h)!;
    assert.deepEqual([r.version, r.release, r.note, r.source, r.evidence, r.prefix], ['3.25.0', '3.25.0', undefined, 'payload', '/opt/kata/VERSION', '/opt/kata']);
    assert.equal(r.why, "the Kata release payload's /opt/kata/VERSION says 3.25.0 (the file is in /opt/kata's shipped defaults)");
    assert.deepEqual(h.ran, []);
  });

  test("kata-deploy folders name the kata-deploy payload; a suffixed prefix reads its own VERSION", () => {
    const r = installedRelease(`${GO}/runtimes/qemu/configuration-qemu.toml`, host({ '/opt/kata/VERSION': '3.28.0\n' }))!;
    assert.equal(r.release, '3.28.0');
    assert.match(r.why, /^the kata-deploy payload's \/opt\/kata\/VERSION says 3\.28\.0 \(the file is in kata-deploy's runtimes\/qemu\/ folder of \/opt\/kata\)$/);
    const blue = installedRelease('/opt/kata-blue/share/defaults/kata-containers/configuration-qemu.toml', host({ '/opt/kata/VERSION': '3.20.0', '/opt/kata-blue/VERSION': '3.31.0' }))!;
    assert.deepEqual([blue.release, blue.evidence], ['3.31.0', '/opt/kata-blue/VERSION']);
  });

  test('parseRelease decides the release: pre-releases, unknown patches, newer and older releases', () => {
    const at = (v: string) => installedRelease(`${GO}/configuration-qemu.toml`, host({ '/opt/kata/VERSION': v }))!;
    assert.deepEqual([at('3.25.0-rc0').release, /pre-release/.test(at('3.25.0-rc0').note ?? '')], ['3.25.0', true]);
    assert.deepEqual([at('3.25.1').release, /newest known release of that series/.test(at('3.25.1').note ?? '')], ['3.25.0', true]);
    assert.deepEqual([at('9.0.0').release, /newer than every release/.test(at('9.0.0').note ?? '')], [NEWEST_RELEASE, true]);
    const old = at('2.5.0');
    assert.deepEqual([old.version, old.release, old.source], ['2.5.0', undefined, 'payload']);
    assert.match(old.note ?? '', /not a release kata-config knows/);
  });

  test('a git describe VERSION (Kata before 3.19) does not name the release: binaries are asked, else a lower bound', () => {
    const files = { '/opt/kata/VERSION': '3.17.0-253-g6722ea2fd9\n' };
    const alone = installedRelease(`${GO}/configuration-qemu.toml`, host(files))!;
    assert.deepEqual([alone.version, alone.release, alone.atLeast, alone.source], ['3.17.0-253-g6722ea2fd9', undefined, '3.17.0', 'payload']);
    assert.match(alone.note ?? '', /git describe.*253 commits after 3\.17\.0.*cannot be told/);
    const annotated = installedRelease(`${GO}/configuration-qemu.toml`, host({ '/opt/kata/VERSION': '3.3.0-alpha0-2798-g3de6d09a86' }))!;
    assert.deepEqual([annotated.release, annotated.atLeast], [undefined, '3.2.0']);
    const h = host(files, { binaries: { '/opt/kata/bin/containerd-shim-kata-v2': goShim('3.18.0') } });
    const r = installedRelease(`${GO}/configuration-qemu.toml`, h)!;
    assert.deepEqual([r.version, r.release, r.source, r.evidence], ['3.18.0', '3.18.0', 'binary', '/opt/kata/bin/containerd-shim-kata-v2']);
    assert.match(r.why, /^`\/opt\/kata\/bin\/containerd-shim-kata-v2 --version` reports 3\.18\.0 \(\/opt\/kata\/VERSION says 3\.17\.0-253-g6722ea2fd9, which does not name the release\)/);
  });

  test('kata-deploy from 3.32 writes no VERSION: only the binaries tell, and only when the host runs them', () => {
    const cfg = `${GO}/runtimes/qemu/configuration-qemu.toml`;
    const files = { [cfg]: 'x', '/opt/kata/versions.yaml': 'assets: {}\n' };
    const binaries = { '/opt/kata/bin/containerd-shim-kata-v2': 'garbage\n', '/opt/kata/bin/kata-runtime': kataRuntime('4.1.0') };
    assert.equal(installedRelease(cfg, host(files, { binaries, run: false })), undefined);
    const h = host(files, { binaries });
    const r = installedRelease(cfg, h)!;
    assert.deepEqual([r.release, r.source, r.evidence], ['4.1.0', 'binary', '/opt/kata/bin/kata-runtime']);
    assert.deepEqual(h.ran, ['/opt/kata/bin/containerd-shim-kata-v2', '/opt/kata/bin/kata-runtime']);
  });

  test("runtime-rs folders prefer the runtime-rs shim's answer", () => {
    const binaries = { '/opt/kata/bin/containerd-shim-kata-v2': goShim('3.30.0'), '/opt/kata/runtime-rs/bin/containerd-shim-kata-v2': rsShim('3.31.0') };
    const rs = installedRelease(`${RS}/configuration-qemu-runtime-rs.toml`, host({}, { binaries }))!;
    assert.deepEqual([rs.release, rs.evidence], ['3.31.0', '/opt/kata/runtime-rs/bin/containerd-shim-kata-v2']);
    const go = installedRelease(`${GO}/configuration-qemu.toml`, host({}, { binaries }))!;
    assert.deepEqual([go.release, go.evidence], ['3.30.0', '/opt/kata/bin/containerd-shim-kata-v2']);
    // Only a binary of the other runtime answers: it is used.
    const only = installedRelease(`${RS}/configuration-dragonball.toml`, host({}, { binaries: { '/opt/kata/bin/containerd-shim-kata-v2': goShim('3.30.0') } }))!;
    assert.equal(only.release, '3.30.0');
  });

  test('distro installs: the Fedora RPM VERSION, dpkg ownership, an installed kata-containers package, /usr/local/bin binaries', () => {
    const fedora = installedRelease('/usr/share/kata-containers/defaults/configuration.toml', host({ '/usr/libexec/kata-containers/VERSION': '3.21.0\n' }))!;
    assert.deepEqual([fedora.release, fedora.source], ['3.21.0', 'rpm']);
    assert.equal(fedora.why, "/usr/libexec/kata-containers/VERSION, which the kata-containers RPM installs, says 3.21.0 (the file is in /usr's shipped defaults)");

    const status = 'Package: kata-containers-runtime\nStatus: install ok installed\nArchitecture: amd64\nVersion: 3.24.0-2\n\nPackage: kata-containers\nStatus: install ok installed\nVersion: 3.23.0-1\n';
    const owned = host({
      '/var/lib/dpkg/status': status,
      '/var/lib/dpkg/info/kata-containers-runtime:amd64.list': `/.\n/usr\n/usr/share/defaults/kata-containers\n${USR}/configuration-qemu.toml\n`,
    });
    const deb = installedRelease(`${USR}/configuration-qemu.toml`, owned)!;
    assert.deepEqual([deb.version, deb.release, deb.source, deb.evidence], ['3.24.0', '3.24.0', 'dpkg', '/var/lib/dpkg/info/kata-containers-runtime:amd64.list']);
    assert.match(deb.why, /^dpkg lists \/usr\/share\/defaults\/kata-containers\/configuration-qemu\.toml in the package kata-containers-runtime 3\.24\.0-2/);
    // Not listed by any package: the installed kata-containers package is the next best record.
    const unowned = installedRelease(`${USR}/configuration-clh.toml`, owned)!;
    assert.deepEqual([unowned.release, unowned.evidence], ['3.23.0', '/var/lib/dpkg/status']);
    // A package's version never applies to an /opt/kata install it does not own.
    assert.equal(installedRelease(`${GO}/configuration-qemu.toml`, host({ '/var/lib/dpkg/status': status })), undefined);

    const source = installedRelease(`${USR}/configuration-qemu.toml`, host({}, { binaries: { '/usr/local/bin/containerd-shim-kata-v2': goShim('3.26.0') } }))!;
    assert.deepEqual([source.release, source.evidence], ['3.26.0', '/usr/local/bin/containerd-shim-kata-v2']);
  });

  test('/etc files take the release of the installation they override; other folders have none', () => {
    const files = { '/opt/kata/VERSION': '3.27.0', [`${GO}/configuration-clh.toml`]: 'x', '/etc/kata-containers/configuration-clh.toml': 'x' };
    const r = installedRelease('/etc/kata-containers/configuration-clh.toml', host(files))!;
    assert.equal(r.release, '3.27.0');
    assert.equal(r.why, "the Kata release payload's /opt/kata/VERSION says 3.27.0 (/etc/kata-containers/configuration-clh.toml overrides /opt/kata's configuration-clh.toml)");
    assert.equal(installedRelease('/home/me/kata/configuration-clh.toml', host(files)), undefined);
    assert.equal(installedRelease(`${GO}/configuration-clh.toml`, host({ [`${GO}/configuration-clh.toml`]: 'x' })), undefined); // nothing records it
  });

  test('a snap records its version in meta/snap.yaml (Kata before 3.2.0: no known release)', () => {
    const r = installedRelease('/snap/kata-containers/current/usr/share/defaults/kata-containers/configuration.toml', host({ '/snap/kata-containers/current/meta/snap.yaml': "name: kata-containers\nversion: '3.1.0'\n" }))!;
    assert.deepEqual([r.version, r.release, r.source], ['3.1.0', undefined, 'snap']);
    assert.match(r.note ?? '', /not a release kata-config knows/);
  });
});
