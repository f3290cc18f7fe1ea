/** Reading a Kata source tree by repository-relative POSIX path (the template expander's SourceReader); a tree on disk: fsReader.ts. */
import type { Host, HostPaths } from '../host';
import { posixPaths } from '../posixPath';
import type { SourceReader } from '../upstream/makefile';

/** `base` with some files' texts replaced (an editor's unsaved buffers), by repository-relative path. */
export function withOverlay(base: SourceReader, texts: ReadonlyMap<string, string>): SourceReader {
  return { read: (p) => texts.get(p) ?? base.read(p), list: base.list ? (d) => base.list!(d) : undefined };
}

/** The root of the Kata checkout holding `file` (the nearest folder with src/runtime/Makefile or src/runtime-rs/Makefile), if any. */
export function checkoutRoot(file: string, exists: (p: string) => boolean, path: HostPaths = posixPaths): string | undefined {
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    if (exists(path.join(dir, 'src', 'runtime', 'Makefile')) || exists(path.join(dir, 'src', 'runtime-rs', 'Makefile'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A source tree read through the language service's host (so tests and other hosts see the same files). */
export function hostReader(root: string, host: Host): SourceReader {
  const path = host.paths ?? posixPaths;
  return {
    read: (p) => host.readFile(path.join(root, p)),
    list: (d) => host.list(path.join(root, d))?.map((e) => e.name),
  };
}
