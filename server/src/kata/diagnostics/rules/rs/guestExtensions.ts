/** runtime-rs 4.0.0+ `[[hypervisor.<name>.guest_extension_images]]`: name and verity_params (H12; mod.rs: Hypervisor::validate, from the 4.0.0 tag). */
import type { RuleModule } from '../../rule';
import { fix, replaceSpan } from '../../fixes';
import { hvTables, refusalIn, written } from './util';
import { verityProblem } from '../verityParams';

const NAME = /^[A-Za-z0-9_-]+$/;

/** Without leading and trailing dashes (a loop: /-+$/ is quadratic on long runs of dashes). */
function trimDashes(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s[start] === '-') start++;
  while (end > start && s[end - 1] === '-') end--;
  return s.slice(start, end);
}

export const guestExtensionsRule: RuleModule = {
  // kata-extension-name and kata-verity-params are registered by the Go runtime rules (rules/go/verity.ts);
  // for runtime-rs they mirror H12: GuestExtensionImage (serde) and Hypervisor::validate (hypervisor/mod.rs).
  codes: [],
  run(ctx) {
    const refusal = refusalIn(ctx, { since: '4.0.0' });
    if (!refusal) return;
    for (const h of hvTables(ctx)) {
      for (const img of ctx.subTables(h.t, 'guest_extension_images')) {
        const nameKey = written(ctx, img, 'name');
        if (!nameKey) {
          // serde needs the field in every entry, so even a drop-in entry must carry it.
          ctx.report('kata-extension-name', refusal.severity, img.span, `This guest_extension_images entry has no name: runtime-rs refuses the file (every entry needs name, used as the disk serial and in the kata.extension.<name>.verity_params kernel parameter).${refusal.note}`);
        } else {
          const name = ctx.str(nameKey);
          if (name === '') ctx.report('kata-extension-name', refusal.severity, ctx.valueSpan(nameKey), `The guest extension image name is empty: runtime-rs refuses the file ("guest_extension_images entry is missing required 'name' field").${refusal.note}`);
          else if (name !== undefined && !NAME.test(name)) {
            const clean = trimDashes(name.replace(/[^A-Za-z0-9_-]+/g, '-'));
            ctx.report('kata-extension-name', refusal.severity, ctx.valueSpan(nameKey), `Guest extension image name "${name}" may only hold ASCII letters, digits, "-" and "_": runtime-rs refuses the file (the name becomes a disk serial and part of a kernel parameter).${refusal.note}`, {
              fixes: clean ? [fix(`Use "${clean}"`, [replaceSpan(ctx.valueSpan(nameKey), JSON.stringify(clean))], true)] : [],
            });
          }
        }
        const verityKey = written(ctx, img, 'verity_params');
        const params = ctx.str(verityKey);
        const problem = params === undefined ? undefined : verityProblem(params, 'rs');
        if (problem)
          ctx.report('kata-verity-params', refusal.severity, ctx.valueSpan(verityKey!), `verity_params of this guest extension image is not valid (${problem}): runtime-rs refuses the file. Expected root_hash=...,salt=...,data_blocks=N,data_block_size=N,hash_block_size=N (sizes multiples of 512), or "" for no verity.${refusal.note}`);
      }
    }
  },
};
