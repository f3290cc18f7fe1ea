/** Go runtime cross-field rules (research notes R1–R55), one file per area. */
import type { RuleModule } from '../../rule';

export const GO_RULES: readonly RuleModule[] = [];
