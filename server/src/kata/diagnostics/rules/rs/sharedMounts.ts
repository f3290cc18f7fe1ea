/** runtime-rs `[[runtime.shared_mounts]]` entries (T5; src/libs/kata-types/src/config/shared_mount.rs: SharedMount::validate, from the 3.3.0 tag). */
import type { KataContext, TableInstance } from '../../context';
import type { RuleModule } from '../../rule';
import { refusalIn, written, type Refusal } from './util';

const FIELDS = ['name', 'src_ctr', 'src_path', 'dst_ctr', 'dst_path'];
/** Kata's `^(/[-\w.]+)+/?$`; Rust's \w is Unicode-aware. */
const PATH = /^(\/[-\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}.]+)+\/?$/u;

function checkEntry(ctx: KataContext, entry: TableInstance, refusal: Refusal): void {
  const refuses = 'runtime-rs refuses the file';
  const values: Record<string, string | undefined> = {};
  for (const field of FIELDS) {
    const k = written(ctx, entry, field);
    const value = k ? ctx.str(k) : '';
    values[field] = value;
    if (value !== '') continue;
    ctx.report('kata-shared-mount', refusal.severity, k ? ctx.valueSpan(k) : entry.span, `This shared mount ${k ? 'has an empty' : 'has no'} ${field}: ${refuses} ("shared_mount: field '${field}' couldn't be empty."). Every entry needs name, src_ctr, src_path, dst_ctr and dst_path.${refusal.note}`);
  }
  for (const field of ['src_path', 'dst_path']) {
    const path = values[field];
    if (!path) continue;
    const span = ctx.valueSpan(written(ctx, entry, field)!);
    if (!PATH.test(path)) ctx.report('kata-shared-mount', refusal.severity, span, `${field} = "${path}" must be an absolute path of letters, digits, "-", "_" and "." only: ${refuses}.${refusal.note}`);
    else if (path.split('/').includes('..')) ctx.report('kata-shared-mount', refusal.severity, span, `${field} = "${path}" contains "..": ${refuses}.${refusal.note}`);
  }
}

export const sharedMountsRule: RuleModule = {
  codes: [
    {
      code: 'kata-shared-mount',
      severity: 'error',
      title: 'A [[runtime.shared_mounts]] entry with an empty field or a path Kata refuses',
      kata: 'src/libs/kata-types/src/config/shared_mount.rs: SharedMount::validate',
      rules: ['T5'],
    },
  ],
  run(ctx) {
    if (!ctx.schema.readsTable('shared_mounts')) return;
    const refusal = refusalIn(ctx, { since: '3.3.0' });
    if (!refusal) return;
    for (const entry of ctx.tablesOf('shared_mounts')) checkEntry(ctx, entry, refusal);
  },
};
