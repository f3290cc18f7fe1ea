/** Helpers for Kata diagnostic tests: analyze text as the language service does, and edit configs. */
import * as fs from 'node:fs';
import { LanguageService, type ServiceSettings } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import type { Target } from '../../server/src/kata/target';
import { sharedPath } from './shared';

export interface Found {
  code: string;
  severity: string;
  line: number;
  message: string;
  fixes: string[];
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** Every diagnostic (TOML and Kata) for `text` as if it were the file at `path`. */
export function analyzeText(text: string, path = '/tmp/kata/configuration-qemu.toml', settings: ServiceSettings = {}): { target: Target; diags: Found[] } {
  const service = new LanguageService(nodeHost);
  service.configure({ hostChecks: false, ...settings });
  const uri = `file://${path}`;
  const source = { uri, version: 1, getText: () => text };
  const { target } = service.analyze(source);
  const diags = service.diagnostics(source).map((d) => ({
    code: String(d.code),
    severity: SEVERITY[d.severity ?? 1],
    line: d.range.start.line,
    message: d.message,
    fixes: ((d.data as { fixes?: Array<{ title: string }> } | undefined)?.fixes ?? []).map((f) => f.title),
  }));
  return { target, diags };
}

export function corpusText(release: string, runtime: 'go' | 'rs', file: string): string {
  return fs.readFileSync(sharedPath('kata-configs', release, runtime, file), 'utf8');
}

function sectionBounds(lines: string[], table: string): [number, number] {
  const header = lines.findIndex((l) => l.trim() === `[${table}]` || l.trim() === `[[${table}]]`);
  if (header < 0) throw new Error(`no [${table}] in the text`);
  let end = lines.length;
  for (let i = header + 1; i < lines.length; i++) {
    if (/^\s*\[/.test(lines[i])) {
      end = i;
      break;
    }
  }
  return [header, end];
}

/**
 * Sets `key = value` in a table: replaces the active line, else uncomments a documented
 * `#key = ...` line, else adds the line after the header. Returns the text and the 0-based line.
 */
export function setKey(text: string, table: string, key: string, value: string): { text: string; line: number } {
  const lines = text.split('\n');
  const [header, end] = sectionBounds(lines, table);
  const active = new RegExp(`^\\s*${key}\\s*=`);
  const commented = new RegExp(`^\\s*#\\s*${key}\\s*=`);
  let line = lines.findIndex((l, i) => i > header && i < end && active.test(l));
  if (line < 0) line = lines.findIndex((l, i) => i > header && i < end && commented.test(l));
  if (line < 0) {
    lines.splice(header + 1, 0, `${key} = ${value}`);
    line = header + 1;
  } else lines[line] = `${key} = ${value}`;
  return { text: lines.join('\n'), line };
}

export function removeKey(text: string, table: string, key: string): string {
  const lines = text.split('\n');
  const [header, end] = sectionBounds(lines, table);
  const active = new RegExp(`^\\s*${key}\\s*=`);
  return lines.filter((l, i) => !(i > header && i < end && active.test(l))).join('\n');
}

/** Diagnostics of `after` that `before` did not have (compared by code and message). */
export function added(before: Found[], after: Found[]): Found[] {
  const seen = new Map<string, number>();
  for (const d of before) seen.set(`${d.code}\u0000${d.message}`, (seen.get(`${d.code}\u0000${d.message}`) ?? 0) + 1);
  return after.filter((d) => {
    const k = `${d.code}\u0000${d.message}`;
    const n = seen.get(k) ?? 0;
    if (n > 0) {
      seen.set(k, n - 1);
      return false;
    }
    return true;
  });
}
