/** The corpus with the truth the folder layout tells (used only to check our detection, never by it). */
import * as fs from 'node:fs';
import { parseToml, type TomlDocument } from '../../server/src/toml';
import type { Arch, Release, Runtime } from '../../server/src/kata/releases';
import { corpusFiles } from './shared';

export interface CorpusCase {
  release: Release;
  runtime: Runtime;
  arch: Arch;
  folder: string;
  validToml: boolean;
  file: string;
  path: string;
  text: string;
  doc: TomlDocument;
  /** The [hypervisor.<name>] tables, read with a regex independent of our parser. */
  tables: string[];
}

let cache: CorpusCase[] | undefined;

export function corpusCases(): CorpusCase[] {
  if (!cache) {
    cache = corpusFiles().map((f) => {
      const text = fs.readFileSync(f.path, 'utf8');
      const tables = [...text.matchAll(/^\[hypervisor\.([A-Za-z0-9_-]+)\]/gm)].map((m) => m[1]);
      return { release: f.release as Release, runtime: f.runtime, arch: f.arch, folder: f.folder, validToml: f.validToml, file: f.file, path: f.path, text, doc: parseToml(text), tables };
    });
  }
  return cache;
}
