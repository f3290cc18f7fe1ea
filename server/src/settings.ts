/**
 * The `kata` settings in whatever shape a client sends them: the section itself (`{ release, arch,
 * hostChecks, ... }`), wrapped (`{ kata: { ... } }`), or with VS Code's dotted names
 * (`{ "kata.release": ..., "inlayHints.effectiveValues": ... }`). Pure.
 */

/** The settings the server reads, named as in the section (VS Code: kata.<name>). */
const NAMES = ['release', 'arch', 'hostChecks', 'inlayHints', 'templateArch'];

export interface KataSettings {
  release?: string;
  arch?: string;
  hostChecks: boolean | 'auto';
  templateArch?: string;
  /** kata.inlayHints.effectiveValues (default on). */
  effectiveHints: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{ "a.b": 1, a: { c: 2 } }` → `{ a: { b: 1, c: 2 } }` (a dotted name never replaces a value written nested). */
function expandDotted(o: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(o).some((k) => k.includes('.'))) return o;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!k.includes('.')) out[k] = v;
  for (const [k, v] of Object.entries(o)) {
    if (!k.includes('.')) continue;
    const parts = k.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) {
      if (!isObject(at[p])) at[p] = {};
      else at[p] = { ...(at[p] as Record<string, unknown>) };
      at = at[p] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1];
    if (!(last in at)) at[last] = v;
  }
  return out;
}

/**
 * The kata section in `raw`, or undefined when `raw` holds none: `{ kata: {...} }` gives the inner
 * object; an object naming any of the settings is the section itself. `section`: `raw` is known to
 * be the section (the answer to workspace/configuration for `kata`), so any object is taken, even
 * an empty one (every setting at its default).
 */
export function kataSection(raw: unknown, section = false): Record<string, unknown> | undefined {
  if (!isObject(raw)) return undefined;
  const o = expandDotted(raw);
  if (isObject(o.kata)) return expandDotted(o.kata);
  if (section || NAMES.some((n) => n in o)) return o;
  return undefined;
}

/**
 * The section named by initializationOptions: its `settings` member (either shape), else the
 * options themselves (either shape).
 */
export function initializationSection(options: unknown): Record<string, unknown> | undefined {
  return (isObject(options) ? kataSection(options.settings) : undefined) ?? kataSection(options);
}

export function readKataSettings(section: Record<string, unknown> | undefined): KataSettings {
  const s = section ?? {};
  const host = s.hostChecks;
  // `inlayHints: false` or `inlayHints: { effectiveValues: false }` (VS Code's nested form of kata.inlayHints.effectiveValues).
  const hints = s.inlayHints;
  const effectiveValues = isObject(hints) ? hints.effectiveValues : hints;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    release: text(s.release),
    arch: text(s.arch),
    hostChecks: host === true || host === 'on' ? true : host === false || host === 'off' ? false : 'auto',
    templateArch: text(s.templateArch),
    effectiveHints: effectiveValues !== false,
  };
}
