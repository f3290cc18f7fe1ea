// Fails when the VSIX is larger than the budget (KB): the extension must stay small to install fast.
import { statSync } from 'node:fs';

const [file, budgetKb] = process.argv.slice(2);
const kb = statSync(file).size / 1024;
console.log(`${file}: ${kb.toFixed(1)} KB (budget ${budgetKb} KB)`);
if (kb > Number(budgetKb)) {
  console.error(`${file} is over its ${budgetKb} KB budget`);
  process.exit(1);
}
