/** A Kata source tree on disk, read by repository-relative POSIX path (Node only: the CLI, the extractor, tests). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceReader } from '../upstream/makefile';

export function fsReader(root: string): SourceReader {
  return {
    read(p) {
      try {
        return fs.readFileSync(path.join(root, p), 'utf8');
      } catch {
        return undefined;
      }
    },
    list(d) {
      try {
        return fs.readdirSync(path.join(root, d));
      } catch {
        return undefined;
      }
    },
  };
}
