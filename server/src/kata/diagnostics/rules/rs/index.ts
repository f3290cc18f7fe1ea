/** runtime-rs cross-field rules (research notes H, Q, D, C, F, R, T, G), one file per area. */
import type { RuleModule } from '../../rule';

export const RS_RULES: readonly RuleModule[] = [];
