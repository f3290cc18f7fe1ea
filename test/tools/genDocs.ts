/** `npm run docs`: writes docs/diagnostics.md from the rule modules. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allCodes as ruleCodes } from '../../server/src/kata/diagnostics';
import { CHECKOUT_CODES } from '../../server/src/checkout/codes';

const allCodes = () => [...ruleCodes(), ...CHECKOUT_CODES];
import { renderDiagnosticsDoc } from '../../server/src/kata/diagnostics/docsPage';
import { LIMITS } from '../../server/src/features/limits';
import { repoRoot } from '../support/shared';

const file = path.join(repoRoot, 'docs', 'diagnostics.md');
fs.writeFileSync(file, renderDiagnosticsDoc(allCodes(), LIMITS));
console.log(`wrote ${path.relative(repoRoot, file)} (${allCodes().length} codes)`);
