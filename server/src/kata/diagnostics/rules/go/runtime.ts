/** [runtime] checks of LoadConfiguration, and the kernel command line (R29, R30, R31, R32). */
import * as posix from '../../../../posixPath';
import type { Span } from '../../../../toml';
import type { KataContext, KeyInstance, TableInstance } from '../../context';
import { fix, replaceSpan } from '../../fixes';
import type { RuleModule } from '../../rule';
import type { Fix } from '../../types';
import { boolVal, firstTable, GO_CONFIG, hvName, hvTables, LOAD, quote, reads, setFix, since, strVal, VC, written } from './util';

function checkNetNs(ctx: KataContext): void {
  const runtime = firstTable(ctx, 'runtime');
  const disable = boolVal(ctx, runtime, 'disable_new_netns');
  if (!runtime || !written(disable) || !disable.value) return;
  const model = strVal(ctx, runtime, 'internetworking_model');
  if (!model || model.value === 'none') return;
  if (!['', 'default', 'macvtap', 'tcfilter'].includes(model.value)) return; // an unknown model is reported by kata-invalid-value
  const shown = model.value === '' ? 'tcfilter (the default)' : quote(model.value);
  ctx.report(
    'kata-netns-needs-none',
    'error',
    ctx.valueSpan(disable.key),
    `${LOAD}: disable_new_netns = true only works with internetworking_model = "none", and the model here is ${shown} ("config disable_new_netns only works with 'none' internetworking_model").`,
    {
      related: model.key ? [{ ...ctx.valueSpan(model.key), message: 'the internetworking model' }] : undefined,
      fixes: [...setFix(ctx, runtime, 'internetworking_model', '"none"', true), ...setFix(ctx, runtime, 'disable_new_netns', 'false')],
    },
  );
}

function checkExperimental(ctx: KataContext): void {
  const runtime = firstTable(ctx, 'runtime');
  const k = runtime && ctx.key(runtime, 'experimental');
  if (!k) return;
  for (const item of ctx.strings(k)) {
    ctx.report(
      'kata-experimental-unknown',
      'error',
      item.span,
      `${LOAD}: ${quote(item.value)} is not an experimental feature of the Go runtime ${ctx.target.release}, which has none ("Unsupported experimental feature"). Leave experimental empty.`,
      { fixes: setFix(ctx, runtime, 'experimental', '[]', true, 'Set experimental = []') },
    );
  }
}

/** filepath.Base(filepath.Clean(p)) for an absolute path; undefined when it depends on the working directory. */
function baseName(p: string): string | undefined {
  if (!p.startsWith('/')) return undefined;
  const clean = posix.normalize(p).replace(/\/+$/, '');
  return clean === '' ? '/' : posix.basename(clean);
}

function checkBindMounts(ctx: KataContext): void {
  const runtime = firstTable(ctx, 'runtime');
  const k = runtime && ctx.key(runtime, 'sandbox_bind_mounts');
  if (!k) return;
  const seen = new Map<string, { value: string; span: Span }>();
  for (const item of ctx.strings(k)) {
    const base = baseName(item.value);
    if (base === undefined) continue;
    const first = seen.get(base);
    if (!first) {
      seen.set(base, item);
      continue;
    }
    ctx.report(
      'kata-bind-mount-clash',
      'error',
      item.span,
      `${LOAD}: ${quote(item.value)} and ${quote(first.value)} have the same base name "${base}", and Kata mounts every entry of sandbox_bind_mounts by its base name in one directory ("sandbox-bindmounts: File ... has base that matches already specified bindmount").`,
      { related: [{ ...first.span, message: 'the first entry with this base name' }], fixes: removeItemFix(k, item.span) },
    );
  }
}

/** Removes one item of an array written on one line or several, with its comma. */
function removeItemFix(k: KeyInstance, span: Span): Fix[] {
  const arr = k.entry?.value;
  if (!arr || arr.kind !== 'array') return [];
  const i = arr.items.findIndex((it) => it.start === span.start);
  if (i < 0) return [];
  const start = i > 0 ? arr.items[i - 1].end : span.start;
  const end = i > 0 ? span.end : i + 1 < arr.items.length ? arr.items[i + 1].start : span.end;
  return [fix('Remove this entry', [replaceSpan({ start, end }, '')])];
}

/** Kernel parameter tokens with their offsets in the string, split the way the hypervisor's loader splits them. */
function kernelTokens(s: string, quoteAware: boolean): Array<{ text: string; at: number }> {
  const out: Array<{ text: string; at: number }> = [];
  if (!quoteAware) {
    for (const m of s.matchAll(/\S+/g)) out.push({ text: m[0], at: m.index! });
    return out;
  }
  // vc.KernelParamFields: split on spaces outside double quotes, then trim each field.
  let start = 0;
  let inQuote = false;
  const push = (from: number, to: number) => {
    const raw = s.slice(from, to);
    const text = raw.trim();
    if (text) out.push({ text, at: from + raw.indexOf(text) });
  };
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') inQuote = !inQuote;
    else if (s[i] === ' ' && !inQuote) {
      push(start, i);
      start = i + 1;
    }
  }
  push(start, s.length);
  return out;
}

function checkKernelParams(ctx: KataContext, t: TableInstance): void {
  if (!reads(ctx, t, 'kernel_params')) return;
  const params = strVal(ctx, t, 'kernel_params');
  if (!written(params)) return;
  const node = params.key.entry?.value;
  // config.go: the loaders split with vc.KernelParamFields (quote-aware) from the 3.3.0 tag (strings.Fields at
  // 3.2.0), except newStratovirtHypervisorConfig, which keeps strings.Fields.
  const quoteAware = since(ctx, '3.3.0') && hvName(t) !== 'stratovirt';
  // Offsets map onto the document only for a one-line string without escapes.
  const plain = node?.kind === 'string' && (node.style === 'basic' || node.style === 'literal') && ctx.doc.text.slice(node.start + 1, node.end - 1) === params.value;
  for (const tok of kernelTokens(params.value, quoteAware)) {
    if (!tok.text.startsWith('=')) continue;
    const span = plain ? { start: node!.start + 1 + tok.at, end: node!.start + 1 + tok.at + tok.text.length } : ctx.valueSpan(params.key);
    let fixes: Fix[] = [];
    if (plain) {
      // Take the token and the spaces after it (or before it, at the end of the string).
      const s = params.value;
      let from = tok.at;
      let to = tok.at + tok.text.length;
      while (to < s.length && /\s/.test(s[to])) to++;
      if (to === s.length) while (from > 0 && /\s/.test(s[from - 1])) from--;
      fixes = [fix(`Remove "${tok.text}"`, [replaceSpan({ start: node!.start + 1 + from, end: node!.start + 1 + to }, '')], true)];
    }
    ctx.report('kata-kernel-param-empty', 'error', span, `${LOAD}: the kernel parameter "${tok.text}" has no name before "=" ("Empty kernel parameter").`, { fixes });
  }
}

export const runtimeRule: RuleModule = {
  codes: [
    {
      code: 'kata-netns-needs-none',
      severity: 'error',
      title: 'disable_new_netns without internetworking_model = "none"',
      kata: `${GO_CONFIG}: checkNetNsConfig`,
      rules: ['R32'],
    },
    {
      code: 'kata-experimental-unknown',
      severity: 'error',
      title: 'An experimental feature the Go runtime does not have',
      kata: `${GO_CONFIG}: LoadConfiguration (${VC}/experimental: Get)`,
      rules: ['R30'],
    },
    {
      code: 'kata-bind-mount-clash',
      severity: 'error',
      title: 'Two sandbox_bind_mounts entries with the same base name',
      kata: `${GO_CONFIG}: validateBindMounts`,
      rules: ['R31'],
      note: 'Compares the written absolute paths; Kata compares them after following symlinks, which kata-config cannot do. Whether each path exists is a host check.',
    },
    {
      code: 'kata-kernel-param-empty',
      severity: 'error',
      title: 'A kernel parameter with an empty name (`=value`)',
      kata: `${GO_CONFIG}: SetKernelParams (${VC}/hypervisor.go: HypervisorConfig.AddKernelParam)`,
      rules: ['R29'],
    },
  ],
  run(ctx) {
    checkNetNs(ctx);
    checkExperimental(ctx);
    checkBindMounts(ctx);
    for (const t of hvTables(ctx)) checkKernelParams(ctx, t);
  },
};
