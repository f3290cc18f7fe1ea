/** enable_annotations: regular expressions matched (unanchored) against annotation names. */
import type { RuleModule } from '../rule';

export const annotationsRule: RuleModule = { codes: [], run() {} };
