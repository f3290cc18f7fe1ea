/** File-level checks: kata-config directives, and template placeholders left in an installed file. */
import { commentsContaining } from '../../../toml';
import { readTargetDirective } from '../../target';
import type { KataContext } from '../context';
import type { RuleModule } from '../rule';

const PLACEHOLDER = /@[A-Z][A-Z0-9_]*@/g;

function checkDirectives(ctx: KataContext): void {
  for (const c of commentsContaining(ctx.doc, 'kata-config:')) {
    if (ctx.full) return;
    if (!/^\s*kata-config:/.test(c.text)) continue;
    const body = c.text.replace(/^\s*kata-config:\s*/, '');
    if (/^(ignore|ignore-file)\b/.test(body)) continue;
    const { problems } = readTargetDirective(`#${c.text}`);
    if (!body.includes('=')) problems.push(`"${body.trim()}" is not a kata-config directive (use runtime=, release=, arch=, ignore or ignore-file)`);
    for (const p of problems) ctx.report('kata-directive', 'warning', c, `kata-config directive: ${p}.`);
  }
}

function checkPlaceholders(ctx: KataContext): void {
  if (ctx.target.template) return;
  const text = ctx.doc.text;
  for (const k of ctx.keys) {
    if (ctx.full) return;
    const v = k.entry?.value;
    if (v?.kind !== 'string' || !v.value.includes('@')) continue;
    const m = v.value.match(PLACEHOLDER);
    if (m) {
      ctx.report('kata-unexpanded-placeholder', 'warning', v, `${m[0]} is a build-time placeholder that was never replaced: Kata takes "${v.value}" literally.`);
    }
  }
  for (const c of commentsContaining(ctx.doc, '@')) {
    if (ctx.full) return;
    for (const m of c.text.matchAll(PLACEHOLDER)) {
      const start = c.start + 1 + (m.index ?? 0);
      if (text.slice(start, start + m[0].length) !== m[0]) continue;
      ctx.report('kata-unexpanded-placeholder', 'information', { start, end: start + m[0].length }, `${m[0]} in this comment is a build-time placeholder that was never replaced (harmless, but the documentation here is incomplete).`);
    }
  }
}

export const fileLevelRule: RuleModule = {
  codes: [
    { code: 'kata-directive', severity: 'warning', title: 'A `# kata-config:` directive kata-config cannot read', kata: 'kata-config itself' },
    {
      code: 'kata-unexpanded-placeholder',
      severity: 'warning',
      title: 'A `@NAME@` template placeholder left in an installed file',
      kata: 'the Makefile sed substitution (src/runtime/Makefile, src/runtime-rs/Makefile) missed it',
      note: 'warning in a value (Kata uses the text literally); information in a comment.',
    },
  ],
  run(ctx) {
    checkDirectives(ctx);
    checkPlaceholders(ctx);
  },
};
