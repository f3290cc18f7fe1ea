/** runtime-rs cross-field rules (research notes H, Q, D, C, F, R, T, G), one file per area. */
import type { RuleModule } from '../../rule';
import { agentRule } from './agent';
import { blockDeviceRule } from './blockDevice';
import { bootRule } from './boot';
import { cpuRule } from './cpu';
import { deviceRule } from './device';
import { guestExtensionsRule } from './guestExtensions';
import { memoryRule } from './memory';
import { networkRule } from './network';
import { pluginsRule } from './plugins';
import { remoteRule } from './remote';
import { rootfsRule } from './rootfs';
import { runtimeRule } from './runtime';
import { sharedFsRule } from './sharedFs';
import { sharedMountsRule } from './sharedMounts';

export const RS_RULES: readonly RuleModule[] = [
  bootRule,
  rootfsRule,
  guestExtensionsRule,
  blockDeviceRule,
  cpuRule,
  memoryRule,
  deviceRule,
  sharedFsRule,
  pluginsRule,
  remoteRule,
  runtimeRule,
  networkRule,
  sharedMountsRule,
  agentRule,
];
