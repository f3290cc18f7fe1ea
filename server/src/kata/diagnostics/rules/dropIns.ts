/** config.d drop-ins: files Kata reads by accident, and hypervisor tables the base file does not have. */
import type { KataContext } from '../context';
import type { RuleModule } from '../rule';

/** Editor backups, swap files and package-manager leftovers that Kata would still read. */
const ACCIDENTAL = /(~|\.swp|\.swo|\.swx|\.bak|\.orig|\.rej|\.tmp|\.old|\.dpkg-(?:old|new|dist|bak|tmp)|\.rpm(?:new|save|orig)|\.ucf-(?:old|new|dist))$|^\.#|^#.*#$|^\./;

export const dropInsRule: RuleModule = {
  codes: [
    {
      code: 'kata-dropin-accidental',
      severity: 'warning',
      title: 'A backup or swap file inside config.d, which Kata reads like any drop-in',
      kata: 'src/runtime/pkg/katautils/config.go: decodeDropIns (every entry, name order); src/libs/kata-types/src/config/drop_in.rs (no suffix filter)',
      rules: ['Go §1.4', 'rs §6'],
    },
    {
      code: 'kata-dropin-hypervisor',
      severity: 'warning',
      title: 'A drop-in hypervisor table the base file does not have',
      kata: 'drop-ins merge into the base file: a new [hypervisor.<name>] table adds a second hypervisor',
    },
  ],
  run(ctx: KataContext) {
    if (!ctx.target.dropIn || !ctx.options.filePath) return;
    const name = ctx.options.filePath.replace(/\\/g, '/').split('/').pop() ?? '';
    if (ACCIDENTAL.test(name)) {
      ctx.report('kata-dropin-accidental', 'warning', { start: 0, end: 0 }, `Kata reads every file in config.d, whatever its name, in name order: this file (${name}) looks like a leftover and is merged into the configuration too. Move it out of config.d.`);
    }
    const base = ctx.options.baseHypervisors;
    if (!base) return;
    for (const t of ctx.hypervisorTables()) {
      const h = t.ref!.hypervisor!;
      if (base.includes(h)) continue;
      ctx.report('kata-dropin-hypervisor', 'warning', t.span, `The base file configures [hypervisor.${base.join('], [hypervisor.')}], not [hypervisor.${h}]: merged, the configuration gets a second hypervisor table${ctx.target.runtime === 'go' ? ' and the Go runtime picks one at random' : ' that runtime-rs validates too'}.`);
    }
  },
};
