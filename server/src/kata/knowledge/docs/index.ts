// All key documentation, merged from the per-table and per-topic files of this folder.
import type { KeyDoc } from './types';
import { AGENT_DOCS } from './agent';
import { RUNTIME_DOCS } from './runtime';
import { FACTORY_DOCS } from './factory';
import { HYPERVISOR_BOOT_DOCS } from './hypervisorBoot';
import { HYPERVISOR_CPU_MEMORY_DOCS } from './hypervisorCpuMemory';
import { HYPERVISOR_DEVICES_DOCS } from './hypervisorDevices';
import { HYPERVISOR_NETWORK_DOCS } from './hypervisorNetwork';
import { HYPERVISOR_SHARED_FS_DOCS } from './hypervisorSharedFs';
import { HYPERVISOR_CONFIDENTIAL_DOCS } from './hypervisorConfidential';
import { HYPERVISOR_SECURITY_DOCS } from './hypervisorSecurity';
import { HYPERVISOR_DEBUG_DOCS } from './hypervisorDebug';
import { HYPERVISOR_REMOTE_DOCS } from './hypervisorRemote';

export type { KeyDoc } from './types';

/** All key documentation, keyed by `<table kind>/<key>`, e.g. `hypervisor/default_memory`. */
export const KEY_DOCS: Readonly<Record<string, KeyDoc>> = {
  ...AGENT_DOCS,
  ...RUNTIME_DOCS,
  ...FACTORY_DOCS,
  ...HYPERVISOR_BOOT_DOCS,
  ...HYPERVISOR_CPU_MEMORY_DOCS,
  ...HYPERVISOR_DEVICES_DOCS,
  ...HYPERVISOR_NETWORK_DOCS,
  ...HYPERVISOR_SHARED_FS_DOCS,
  ...HYPERVISOR_CONFIDENTIAL_DOCS,
  ...HYPERVISOR_SECURITY_DOCS,
  ...HYPERVISOR_DEBUG_DOCS,
  ...HYPERVISOR_REMOTE_DOCS,
};
