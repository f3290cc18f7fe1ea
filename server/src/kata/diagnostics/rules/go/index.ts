/** Go runtime cross-field rules (research notes R1–R55), one file per area. */
import type { RuleModule } from '../../rule';
import { acrnRule } from './acrn';
import { blockDeviceRule } from './blockDevice';
import { bootRule } from './boot';
import { confidentialRule } from './confidential';
import { dragonballRule } from './dragonball';
import { factoryRule } from './factory';
import { forcedRule } from './forced';
import { numaRule } from './numa';
import { pcieRule } from './pcie';
import { qemuArchRule } from './qemuArch';
import { runtimeRule } from './runtime';
import { sharedFsRule } from './sharedFs';
import { verityRule } from './verity';

export const GO_RULES: readonly RuleModule[] = [bootRule, sharedFsRule, blockDeviceRule, pcieRule, runtimeRule, numaRule, factoryRule, confidentialRule, qemuArchRule, verityRule, forcedRule, acrnRule, dragonballRule];
