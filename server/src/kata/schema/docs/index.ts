/** All key documentation, keyed by `<table kind>/<key>`. */
import type { KeyDoc } from './types';
import { DOCS_PART_1 } from './part1';
import { DOCS_PART_2 } from './part2';
import { DOCS_PART_3 } from './part3';
import { DOCS_PART_4 } from './part4';

export const KEY_DOCS: Readonly<Record<string, KeyDoc>> = { ...DOCS_PART_1, ...DOCS_PART_2, ...DOCS_PART_3, ...DOCS_PART_4 };
