/**
 * The light part of target detection: `# kata-config:` directives, the runtime (directive, file
 * name, install path, runtime-rs-only content, else Go) and the host architecture. It needs only the
 * catalog, not the schema, so the extension's install modules use it too (client/src/install/
 * detectLite.ts) without bundling the schema.
 */
import type { TomlDocument, TomlTable } from '../toml';
import { catalogEntriesForFile } from './catalog';
import { indexOfWord } from '../textSearch';
import { ARCHES, parseRelease, resolveArch, type Arch, type Release, type Runtime } from './releases';

export interface Directive {
  runtime?: Runtime;
  release?: Release;
  releaseText?: string;
  /** What was assumed to map the written release to a known one (a newer or unlisted patch release). */
  releaseNote?: string;
  arch?: Arch;
  problems: string[];
}

const MARK = 'kata-config:';
/** Where a line ends (JavaScript's line terminators, as a multi-line regex sees them). */
const LINE_END = /[\n\r\u2028\u2029]/g;

/**
 * The text after `kata-config:` on each line that is only `# kata-config: ...` (spaces or tabs
 * around the `#`), found by searching for the mark: a multi-line regex over the whole text tests
 * every line of a 10 MB file.
 */
function directiveBodies(text: string): string[] {
  const out: string[] = [];
  for (let at = indexOfWord(text, MARK); at >= 0; at = indexOfWord(text, MARK, at + MARK.length)) {
    if (!onlyHashBefore(text, at)) continue;
    LINE_END.lastIndex = at;
    const end = LINE_END.exec(text)?.index ?? text.length;
    out.push(text.slice(at + MARK.length, end).replace(/^[ \t]*/, ''));
  }
  return out;
}

const isBlank = (c: number) => c === 32 || c === 9;
const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/** Whether the line holds only blanks, one `#` and blanks before `at` (reads back no further than those). */
function onlyHashBefore(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  if (i < 0 || text.charCodeAt(i) !== 35) return false;
  i--;
  while (i >= 0 && isBlank(text.charCodeAt(i))) i--;
  return i < 0 || isLineEnd(text.charCodeAt(i));
}

/** Reads `# kata-config: key=value ...` target directives (other kata-config comments are ignored here). */
export function readTargetDirective(text: string): Directive {
  const out: Directive = { problems: [] };
  for (const body of directiveBodies(text)) {
    for (const word of body.trim().split(/\s+/)) {
      const eq = word.indexOf('=');
      if (eq < 0) continue;
      const k = word.slice(0, eq).toLowerCase();
      const v = word.slice(eq + 1);
      if (k === 'runtime') {
        const r = v.toLowerCase();
        if (r === 'go' || r === 'rs') out.runtime = r;
        else if (r === 'runtime-rs' || r === 'rust') out.runtime = 'rs';
        else out.problems.push(`unknown runtime '${v}' (use go or rs)`);
      } else if (k === 'release' || k === 'version') {
        const rel = parseRelease(v);
        if (rel.release) {
          out.release = rel.release;
          out.releaseText = v;
          if (rel.note) out.releaseNote = rel.note;
        } else out.problems.push(rel.error);
      } else if (k === 'arch') {
        const a = resolveArch(v);
        if (a) out.arch = a;
        else out.problems.push(`unknown architecture '${v}' (use one of ${ARCHES.join(', ')})`);
      }
    }
  }
  return out;
}

function baseName(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}

export function hypervisorTables(root: TomlTable): string[] {
  const h = root.entries.get('hypervisor');
  return h?.type === 'table' ? [...h.entries.keys()] : [];
}

const RS_ONLY_RUNTIME_KEYS = ['name', 'hypervisor_name', 'agent_name'];
const RS_ONLY_TABLES = ['dragonball', 'cloud-hypervisor', 'openvmm'];

function runtimeFromFile(path: string | undefined, root: TomlTable, hypervisors: string[]): { runtime: Runtime; why: string } | undefined {
  if (path) {
    const name = baseName(path).replace(/\.in$/, '');
    const norm = path.replace(/\\/g, '/');
    if (/-runtime-rs\.toml$/.test(name)) return { runtime: 'rs', why: `the file name ends in -runtime-rs.toml` };
    if (/(^|\/)runtime-rs\//.test(norm)) return { runtime: 'rs', why: 'the file lives in a runtime-rs/ folder' };
    const shim = /\/runtimes\/([^/]+)\//.exec(norm);
    if (shim && /runtime-rs|dragonball|cloud-hypervisor|openvmm/.test(shim[1])) return { runtime: 'rs', why: `kata-deploy's runtimes/${shim[1]}/ folder belongs to a runtime-rs shim` };
    const runtimes = new Set(catalogEntriesForFile(name).map((m) => m.runtime));
    if (runtimes.size === 1) {
      const [only] = runtimes;
      return { runtime: only, why: `${name} is a ${only === 'rs' ? 'runtime-rs' : 'Go runtime'} file name` };
    }
    // Both runtimes ship some names (runtime-rs 3.3.0 configuration-qemu.toml, remote from 3.11.0):
    // the content decides, and without a runtime-rs marker the Go file is meant.
    if (runtimes.size === 2) return runtimeFromContent(root, hypervisors) ?? { runtime: 'go', why: `both runtimes ship ${name}, and nothing in it is runtime-rs only, so the Go runtime's file is assumed` };
  }
  return runtimeFromContent(root, hypervisors);
}

function runtimeFromContent(root: TomlTable, hypervisors: string[]): { runtime: Runtime; why: string } | undefined {
  const runtime = root.entries.get('runtime');
  if (runtime?.type === 'table') {
    const key = RS_ONLY_RUNTIME_KEYS.find((k) => runtime.entries.has(k));
    if (key) return { runtime: 'rs', why: `[runtime] sets ${key}, which only runtime-rs reads` };
  }
  const table = hypervisors.find((h) => RS_ONLY_TABLES.includes(h));
  if (table) return { runtime: 'rs', why: `[hypervisor.${table}] is a runtime-rs hypervisor` };
  return undefined;
}

/** The runtime a file is for, and why: its directive, else its name, path or content, else Go. */
export function detectRuntime(path: string | undefined, doc: TomlDocument, directive: Directive, hypervisors: string[]): { runtime: Runtime; why: string } {
  if (directive.runtime) return { runtime: directive.runtime, why: 'set by the kata-config directive in the file' };
  return runtimeFromFile(path, doc.root, hypervisors) ?? { runtime: 'go', why: 'nothing marks it as runtime-rs, so the Go runtime is assumed' };
}
