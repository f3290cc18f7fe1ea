/**
 * POSIX path rules without Node: what node:path/posix answers, for the paths inside Kata's files and
 * checkouts (always POSIX, whatever the editor runs on) and for the browser worker, which has no
 * node:path. test/unit/posixPath.test.ts compares every function with node:path/posix.
 */
import type { HostPaths } from './host';

/** The segments of `p` with `.` and empty ones dropped and `..` applied; `..` kept at the front of a relative path. */
function segments(p: string, relative: boolean): string[] {
  const out: string[] = [];
  for (const s of p.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (relative) out.push('..');
    } else out.push(s);
  }
  return out;
}

export function normalize(p: string): string {
  if (p === '') return '.';
  const absolute = p.startsWith('/');
  const trailing = p.endsWith('/');
  const body = segments(p, !absolute).join('/');
  if (body === '') return absolute ? '/' : trailing ? './' : '.';
  return `${absolute ? '/' : ''}${body}${trailing ? '/' : ''}`;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

/** Like node:path/posix resolve, with `/` standing for the working directory a browser does not have. */
export function resolve(...parts: string[]): string {
  let p = '';
  for (let i = parts.length - 1; i >= 0 && !p.startsWith('/'); i--) if (parts[i] !== '') p = p === '' ? parts[i] : `${parts[i]}/${p}`;
  return `/${segments(p, false).join('/')}`;
}

export function relative(from: string, to: string): string {
  const a = segments(resolve(from), false);
  const b = segments(resolve(to), false);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}

export function dirname(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  let end = -1;
  let inTrailingSlashes = true;
  for (let i = p.length - 1; i >= 1; i--) {
    if (p[i] === '/') {
      if (!inTrailingSlashes) {
        end = i;
        break;
      }
    } else inTrailingSlashes = false;
  }
  if (end === -1) return rooted ? '/' : '.';
  if (rooted && end === 1) return '//';
  return p.slice(0, end);
}

export function basename(p: string): string {
  let end = p.length;
  while (end > 0 && p[end - 1] === '/') end--;
  return p.slice(p.lastIndexOf('/', end - 1) + 1, end);
}

/** The path of a `file:` URI as node:url's fileURLToPath gives it on POSIX; undefined where that throws. */
export function fileUriPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.hostname !== '' || /%2f/i.test(url.pathname)) return undefined;
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

/** The `file:` URI of a path, as node:url's pathToFileURL writes it on POSIX. */
export function pathFileUri(p: string): string {
  let resolved = resolve(p);
  if (p.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  const url = new URL('file://');
  url.pathname = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
  return url.href;
}

/** The file paths of a host without Node (the browser worker, test fakes): POSIX, `/` as the working directory. */
export const posixPaths: HostPaths = { sep: '/', join, dirname, resolve, relative, fileUriPath, pathFileUri };
