/**
 * The `io.katacontainers.config.*` annotation names each runtime defines, per release.
 *
 * Go: the string constants of src/runtime/virtcontainers/pkg/annotations/annotations.go, built from
 * literals and other constants with `+` (`KernelPath = kataAnnotHypervisorPrefix + "kernel"`,
 * `AgentContainerPipeSize = kataAnnotAgentPrefix + ContainerPipeSizeOption`), resolved across the
 * file. runtime-rs: the `pub const NAME: &str = "...";` literals of
 * src/libs/kata-types/src/annotations/mod.rs. Only full names under `io.katacontainers.config.` are
 * kept (prefixes, which end in `.`, are not names).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeRuns } from './runs';
import type { ReleaseSource } from './sources';

export interface AnnotationFacts {
  generatedBy: string;
  go: Array<{ name: string; releases: string }>;
  rs: Array<{ name: string; releases: string }>;
}

const PREFIX = 'io.katacontainers.config.';

function read(dir: string, rel: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, rel), 'utf8');
  } catch {
    return undefined;
  }
}

/** Go string constants defined as `Name = a + "b" + C` (inside const blocks or alone), resolved. */
export function goAnnotationNames(source: string): string[] {
  const text = source.replace(/\/\/[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '');
  const defs = new Map<string, string[]>();
  const re = /^\s*(?:const\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(?:string\s*)?=\s*((?:"[^"\n]*"|[A-Za-z_][A-Za-z0-9_]*)(?:\s*\+\s*(?:"[^"\n]*"|[A-Za-z_][A-Za-z0-9_]*))*)\s*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) defs.set(m[1], m[2].split('+').map((p) => p.trim()));
  const values = new Map<string, string | undefined>();
  const resolve = (name: string, seen = new Set<string>()): string | undefined => {
    if (values.has(name)) return values.get(name);
    const parts = defs.get(name);
    if (!parts || seen.has(name)) return undefined;
    seen.add(name);
    let out = '';
    for (const p of parts) {
      const v = p.startsWith('"') ? p.slice(1, -1) : resolve(p, seen);
      if (v === undefined) {
        values.set(name, undefined);
        return undefined;
      }
      out += v;
    }
    values.set(name, out);
    return out;
  };
  const names = new Set<string>();
  for (const name of defs.keys()) {
    const v = resolve(name);
    if (v && v.startsWith(PREFIX) && !v.endsWith('.')) names.add(v);
  }
  return [...names].sort();
}

/** runtime-rs `pub const NAME: &str = "...";` literals under the config prefix. */
export function rsAnnotationNames(source: string): string[] {
  const names = new Set<string>();
  const re = /pub\s+const\s+[A-Z0-9_]+\s*:\s*&(?:'static\s+)?str\s*=\s*"([^"]+)"\s*;/g;
  for (let m = re.exec(source); m; m = re.exec(source)) if (m[1].startsWith(PREFIX) && !m[1].endsWith('.')) names.add(m[1]);
  return [...names].sort();
}

export function extractAnnotationFacts(sources: readonly ReleaseSource[], generatedBy: string): AnnotationFacts {
  const order = sources.map((s) => s.release);
  const per: Record<'go' | 'rs', Map<string, string[]>> = { go: new Map(), rs: new Map() };
  for (const s of sources) {
    const go = read(s.dir, 'src/runtime/virtcontainers/pkg/annotations/annotations.go');
    const rs = read(s.dir, 'src/libs/kata-types/src/annotations/mod.rs');
    if (go) for (const n of goAnnotationNames(go)) per.go.set(n, [...(per.go.get(n) ?? []), s.release]);
    if (rs) for (const n of rsAnnotationNames(rs)) per.rs.set(n, [...(per.rs.get(n) ?? []), s.release]);
  }
  const list = (m: Map<string, string[]>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, releases]) => ({ name, releases: encodeRuns(releases, order) }));
  return { generatedBy, go: list(per.go), rs: list(per.rs) };
}
