// Fails when the VSIX is larger than the budget (KB): the extension must stay small to install fast;
// or when it lacks a file a published extension must carry (the licence, the changelog, the icon).
import { readFileSync, statSync } from 'node:fs';

const [file, budgetKb] = process.argv.slice(2);
const kb = statSync(file).size / 1024;
console.log(`${file}: ${kb.toFixed(1)} KB (budget ${budgetKb} KB)`);
if (kb > Number(budgetKb)) {
  console.error(`${file} is over its ${budgetKb} KB budget`);
  process.exit(1);
}

/** The entry names of a zip file, from its central directory. */
function zipEntries(buf) {
  let end = buf.length - 22;
  while (end >= 0 && buf.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const nameLength = buf.readUInt16LE(at + 28);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return names;
}

const names = zipEntries(readFileSync(file));
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const required = ['extension/LICENSE.txt', 'extension/changelog.md', `extension/${manifest.icon}`];
const missing = required.filter((n) => !names.includes(n));
if (missing.length) {
  console.error(`${file} lacks ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`${file}: has ${required.join(', ')}`);
