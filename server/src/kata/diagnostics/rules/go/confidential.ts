/** Confidential guests: the CoCo block driver and the SEV-SNP ID block (R44, R52). */
import type { RuleModule } from '../../rule';
import { boolVal, hvName, hvTables, quote, setFix, since, strVal, VC, VM_START, written } from './util';

export const confidentialRule: RuleModule = {
  codes: [
    {
      code: 'kata-coco-virtio-mmio',
      severity: 'error',
      title: 'A confidential guest with block_device_driver = "virtio-mmio" (3.28.0+)',
      kata: `${VC}/hypervisor_config_linux.go: validateHypervisorConfig (3.28.0+); runtime-rs: src/libs/kata-types/src/config/hypervisor/qemu.rs, ch.rs: *Config::validate (3.28.0+)`,
      rules: ['R44', 'Q6'],
    },
    {
      code: 'kata-clh-cg-firmware',
      severity: 'error',
      title: 'A Cloud Hypervisor confidential guest without firmware',
      kata: `${VC}/clh.go: enableProtection (CreateVM)`,
      rules: ['R44'],
      note: 'Cloud Hypervisor runs confidential guests only as Intel TDX guests, which boot from firmware; on other hosts it refuses them whatever the file says.',
    },
    {
      code: 'kata-snp-id-pair',
      severity: 'error',
      title: 'snp_id_block without snp_id_auth, or the reverse',
      kata: `${VC}/qemu_amd64.go: appendProtectionDevice (3.15.0+)`,
      rules: ['R52'],
    },
  ],
  run(ctx) {
    for (const t of hvTables(ctx, 'qemu', 'clh')) {
      const cg = boolVal(ctx, t, 'confidential_guest');
      if (!cg?.value) continue;

      const driver = strVal(ctx, t, 'block_device_driver');
      // hypervisor_config_linux.go: validateHypervisorConfig refuses it from the 3.28.0 tag.
      if (since(ctx, '3.28.0') && written(driver) && driver.value === 'virtio-mmio') {
        ctx.report(
          'kata-coco-virtio-mmio',
          'error',
          ctx.valueSpan(driver.key),
          `confidential_guest = true rules out virtio-mmio, which is not hardened against a malicious host: ${VM_START} ("confidential guests must not use virtio-mmio (use virtio-blk-pci)").`,
          {
            fixes: [
              ...setFix(ctx, t, 'block_device_driver', '"virtio-blk"', true, 'Use "virtio-blk"'),
              ...(hvName(t) === 'qemu' ? setFix(ctx, t, 'block_device_driver', '"virtio-scsi"', false, 'Use "virtio-scsi"') : []),
            ],
          },
        );
      }

      // clh.go: enableProtection (CreateVM) takes only TDX, which needs firmware (SEV and SEV-SNP are refused outright).
      if (hvName(t) === 'clh') {
        const firmware = strVal(ctx, t, 'firmware');
        if (firmware && firmware.value === '' && cg.key) {
          ctx.report(
            'kata-clh-cg-firmware',
            'error',
            ctx.valueSpan(cg.key),
            `Cloud Hypervisor runs a confidential guest only as an Intel TDX guest, which boots from firmware, and firmware is ${firmware.key ? 'empty' : 'not set'}: ${VM_START} ("Firmware path is not specified" on a TDX host; on other hosts Cloud Hypervisor refuses confidential guests anyway).`,
            { fixes: setFix(ctx, t, 'confidential_guest', 'false', false) },
          );
        }
        continue;
      }

      // qemu_amd64.go: appendProtectionDevice checks the SNP ID block pair from the 3.15.0 tag (with snp_id_block/snp_id_auth).
      if (hvName(t) !== 'qemu' || ctx.target.arch !== 'x86_64' || !since(ctx, '3.15.0')) continue;
      const snp = boolVal(ctx, t, 'sev_snp_guest');
      const block = strVal(ctx, t, 'snp_id_block');
      const auth = strVal(ctx, t, 'snp_id_auth');
      if (!snp?.value || !block || !auth) continue;
      const [set, unset] = block.value !== '' && auth.value === '' ? [block, auth] : auth.value !== '' && block.value === '' ? [auth, block] : [];
      if (!set?.key) continue;
      const missing = set === block ? 'snp_id_auth' : 'snp_id_block';
      ctx.report(
        'kata-snp-id-pair',
        'error',
        ctx.valueSpan(set.key),
        `${set.key.key} is set but ${missing} is ${unset?.key ? 'empty' : 'not set'}: QEMU takes the SEV-SNP ID block and its authentication structure together, so the file loads, but on an SEV-SNP host every sandbox fails when Kata starts the VM ("specifying SNP ${set === block ? 'IDBlock without SNP IDAuth' : 'IDAuth without SNP IDBlock'} is not allowed").`,
        { fixes: setFix(ctx, t, set.key.key, quote(''), true, `Clear ${set.key.key}`) },
      );
    }
  },
};
