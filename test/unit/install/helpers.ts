/** Fake Kata install trees in temporary folders for the install-module tests. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fsError, nodeFileOps, type FileOps } from '../../../client/src/install/fsops';

export interface Tree {
  /** The root prefix (a temp folder). */
  root: string;
  /** fs path of a Kata path. */
  p(kataPath: string): string;
  write(kataPath: string, content: string | Buffer, mode?: number): void;
  link(kataPath: string, target: string): void;
  mkdir(kataPath: string): void;
  read(kataPath: string): string;
  readlink(kataPath: string): string;
  exists(kataPath: string): boolean;
  isLink(kataPath: string): boolean;
  /** Every entry under the root: kind, link target or content hash (to prove nothing changed). */
  snapshot(): Record<string, string>;
  cleanup(): void;
}

export function makeTree(): Tree {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kata-install-'));
  const p = (k: string): string => path.join(root, k);
  const t: Tree = {
    root,
    p,
    write(k, content, mode) {
      fs.mkdirSync(path.dirname(p(k)), { recursive: true });
      fs.writeFileSync(p(k), content);
      if (mode !== undefined) fs.chmodSync(p(k), mode);
    },
    link(k, target) {
      fs.mkdirSync(path.dirname(p(k)), { recursive: true });
      fs.symlinkSync(target, p(k));
    },
    mkdir(k) {
      fs.mkdirSync(p(k), { recursive: true });
    },
    read: (k) => fs.readFileSync(p(k), 'utf8'),
    readlink: (k) => fs.readlinkSync(p(k)),
    exists(k) {
      try {
        fs.lstatSync(p(k));
        return true;
      } catch {
        return false;
      }
    },
    isLink: (k) => fs.lstatSync(p(k)).isSymbolicLink(),
    snapshot() {
      const out: Record<string, string> = {};
      const walk = (dir: string): void => {
        for (const name of fs.readdirSync(dir).sort()) {
          const full = path.join(dir, name);
          const rel = '/' + path.relative(root, full).split(path.sep).join('/');
          const st = fs.lstatSync(full);
          if (st.isSymbolicLink()) out[rel] = `link:${fs.readlinkSync(full)}`;
          else if (st.isDirectory()) {
            out[rel] = 'dir';
            walk(full);
          } else out[rel] = `file:${(st.mode & 0o777).toString(8)}:${createHash('sha256').update(fs.readFileSync(full)).digest('hex').slice(0, 12)}`;
        }
      };
      walk(root);
      return out;
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  return t;
}

/** A temp state folder for the journal. */
export function makeStateDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kata-state-'));
}

export const GO_DIR = '/opt/kata/share/defaults/kata-containers';
export const USR_DIR = '/usr/share/defaults/kata-containers';
export const RS_DIR = '/opt/kata/share/defaults/kata-containers/runtime-rs';
export const ETC = '/etc/kata-containers';

export function goConfig(table: string, extra = ''): string {
  return `# Copyright (c) 2017 Intel Corporation\n# SPDX-License-Identifier: Apache-2.0\n${extra}\n[hypervisor.${table}]\npath = "/opt/kata/bin/${table === 'qemu' ? 'qemu-system-x86_64' : table}"\nkernel = "/opt/kata/share/kata-containers/vmlinux.container"\ndefault_vcpus = 1\ndefault_memory = 2048\n\n[agent.kata]\ndial_timeout = 45\n\n[runtime]\ninternetworking_model = "tcfilter"\nsandbox_cgroup_only = false\n`;
}

export function rsConfig(table: string, extra = ''): string {
  return `${extra}\n[hypervisor.${table}]\npath = "/opt/kata/bin/${table}"\nkernel = "/opt/kata/share/kata-containers/vmlinux.container"\ndefault_vcpus = 1\n\n[agent.kata]\ndial_timeout_ms = 45000\n\n[runtime]\nname = "virt_container"\nhypervisor_name = "${table}"\nagent_name = "kata"\n`;
}

/** The release tarball / kata-manager layout: Go configs in /opt/kata, a relative default link, the shim and /usr/bin link. */
export function goOnly(t: Tree): void {
  t.write(`${GO_DIR}/configuration-qemu.toml`, goConfig('qemu'));
  t.write(`${GO_DIR}/configuration-clh.toml`, goConfig('clh'));
  t.write(`${GO_DIR}/configuration-fc.toml`, goConfig('firecracker'));
  t.link(`${GO_DIR}/configuration.toml`, 'configuration-qemu.toml');
  t.write('/opt/kata/bin/containerd-shim-kata-v2', '#!/bin/sh\n', 0o755);
  t.link('/usr/bin/containerd-shim-kata-v2', '/opt/kata/bin/containerd-shim-kata-v2');
}

/** The distro layout under /usr. */
export function distro(t: Tree): void {
  t.write(`${USR_DIR}/configuration-qemu.toml`, goConfig('qemu'));
  t.write(`${USR_DIR}/configuration-clh.toml`, goConfig('clh'));
  t.link(`${USR_DIR}/configuration.toml`, 'configuration-qemu.toml');
  t.write('/usr/bin/containerd-shim-kata-v2', '#!/bin/sh\n', 0o755);
}

/** runtime-rs shipped configs under /opt/kata. */
export function runtimeRs(t: Tree): void {
  t.write(`${RS_DIR}/configuration-qemu-runtime-rs.toml`, rsConfig('qemu'));
  t.write(`${RS_DIR}/configuration-dragonball.toml`, rsConfig('dragonball'));
  t.write(`${RS_DIR}/configuration-clh-runtime-rs.toml`, rsConfig('clh'));
  t.link(`${RS_DIR}/configuration.toml`, 'configuration-qemu-runtime-rs.toml');
  t.write('/opt/kata/runtime-rs/bin/containerd-shim-kata-v2', '#!/bin/sh\n', 0o755);
}

export const BANNER = '# IMPORTANT: This file is managed by kata-deploy. Do not modify it directly!\n# Create drop-in configuration files in the config.d/ directory instead.\n';

/**
 * kata-deploy 4.x on containerd 2.2: per-shim runtimes/<shim>/ copies with config.d, the originals
 * replaced by relative symlinks, and a conf.d drop-in pinning each handler with ConfigPath.
 */
export function kataDeploy(t: Tree): void {
  goOnly(t);
  runtimeRs(t);
  for (const [dir, shim, content] of [
    [GO_DIR, 'qemu', goConfig('qemu')],
    [GO_DIR, 'clh', goConfig('clh')],
    [RS_DIR, 'qemu-runtime-rs', rsConfig('qemu')],
  ] as const) {
    const orig = `${dir}/configuration-${shim}.toml`;
    t.write(`${dir}/runtimes/${shim}/configuration-${shim}.toml`, BANNER + content);
    fs.rmSync(t.p(orig), { force: true });
    t.link(orig, `runtimes/${shim}/configuration-${shim}.toml`);
    t.write(`${dir}/runtimes/${shim}/config.d/50-user-overrides.toml`, `[hypervisor.${shim.startsWith('clh') ? 'clh' : 'qemu'}]\ndefault_memory = 4096\n`);
  }
  t.write(`${GO_DIR}/runtimes/qemu/config.d/20-debug.toml`, '[runtime]\nenable_debug = true\n');
  t.write('/etc/containerd/config.toml', 'version = 3\nimports = ["/etc/containerd/conf.d/*.toml"]\n\n[plugins."io.containerd.cri.v1.runtime".containerd]\ndefault_runtime_name = "runc"\n');
  t.write(
    '/etc/containerd/conf.d/kata-deploy.toml',
    [
      'version = 3',
      '[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.kata-qemu]',
      'runtime_type = "io.containerd.kata-qemu.v2"',
      'runtime_path = "/opt/kata/bin/containerd-shim-kata-v2"',
      'privileged_without_host_devices = true',
      'pod_annotations = ["io.katacontainers.*"]',
      '[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.kata-qemu.options]',
      `ConfigPath = "${GO_DIR}/runtimes/qemu/configuration-qemu.toml"`,
      '[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.kata-clh]',
      'runtime_type = "io.containerd.kata-clh.v2"',
      'runtime_path = "/opt/kata/bin/containerd-shim-kata-v2"',
      '[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.kata-clh.options]',
      `ConfigPath = "${GO_DIR}/runtimes/clh/configuration-clh.toml"`,
      '[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.kata-qemu-runtime-rs]',
      'runtime_type = "io.containerd.kata-qemu-runtime-rs.v2"',
      'runtime_path = "/opt/kata/runtime-rs/bin/containerd-shim-kata-v2"',
      '[plugins."io.containerd.cri.v1.runtime".containerd.runtimes.kata-qemu-runtime-rs.options]',
      `ConfigPath = "${RS_DIR}/runtimes/qemu-runtime-rs/configuration-qemu-runtime-rs.toml"`,
      '',
    ].join('\n'),
  );
}

/** The kata-manager containerd block (config version 2): handler kata pinned to the /opt default link, kata-clh to clh. */
export function kataManagerContainerd(t: Tree): void {
  t.write(
    '/etc/containerd/config.toml',
    [
      'version = 2',
      '[plugins]',
      '  [plugins."io.containerd.grpc.v1.cri"]',
      '    [plugins."io.containerd.grpc.v1.cri".containerd]',
      '      default_runtime_name = "kata"',
      '      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes]',
      '        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata]',
      '          runtime_type = "io.containerd.kata.v2"',
      '          privileged_without_host_devices = true',
      '          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata.options]',
      `            ConfigPath = "${GO_DIR}/configuration.toml"`,
      '        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata-clh]',
      '          runtime_type = "io.containerd.kata-clh.v2"',
      '          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.kata-clh.options]',
      `            ConfigPath = "${GO_DIR}/configuration-clh.toml"`,
      '',
    ].join('\n'),
  );
}

/**
 * A FileOps that fails with `code` for mutating calls on fs paths under `prefix` (fs path), and
 * optionally for reads too. Counts the calls it refused.
 */
export function failingOps(prefix: string, code = 'EACCES', opts: { reads?: boolean } = {}): FileOps & { refused: string[] } {
  const refused: string[] = [];
  const under = (p: string): boolean => p === prefix || p.startsWith(prefix + path.sep);
  const guard =
    <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>, paths: (...a: A) => string[]) =>
    async (...a: A): Promise<R> => {
      const hit = paths(...a).find(under);
      if (hit) {
        refused.push(`${name} ${hit}`);
        throw fsError(code, `${name} '${hit}'`);
      }
      return fn(...a);
    };
  const base = nodeFileOps;
  return {
    refused,
    lstat: base.lstat,
    readlink: base.readlink,
    readdir: base.readdir,
    readFile: opts.reads ? guard('open', base.readFile, (p) => [p]) : base.readFile,
    writeFile: guard('open', base.writeFile, (p) => [p]),
    copyFile: guard('copyfile', base.copyFile, (_s, d) => [d]),
    chmod: guard('chmod', base.chmod, (p) => [p]),
    symlink: guard('symlink', base.symlink, (_t, p) => [p]),
    rename: guard('rename', base.rename, (a, b) => [a, b]),
    unlink: guard('unlink', base.unlink, (p) => [p]),
    mkdir: guard('mkdir', base.mkdir, (p) => [p]),
    rmdir: guard('rmdir', base.rmdir, (p) => [p]),
  };
}

/** Wraps FileOps so `check` runs after every mutating call (atomicity assertions). */
export function observedOps(check: (op: string) => void, base: FileOps = nodeFileOps): FileOps {
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      const r = await fn(...a);
      check(`${name} ${a.map(String).join(' ')}`);
      return r;
    };
  return {
    ...base,
    writeFile: wrap('writeFile', base.writeFile),
    copyFile: wrap('copyFile', base.copyFile),
    chmod: wrap('chmod', base.chmod),
    symlink: wrap('symlink', base.symlink),
    rename: wrap('rename', base.rename),
    unlink: wrap('unlink', base.unlink),
    mkdir: wrap('mkdir', base.mkdir),
    rmdir: wrap('rmdir', base.rmdir),
  };
}
