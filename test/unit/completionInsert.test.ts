/**
 * What accepting a key item inserts, for every key item of every table of shipped configs: as a
 * snippet with additionalTextEdits (VS Code), and as plain text without them (Neovim 0.7's
 * omnifunc): either way the file stays valid TOML and the key is set in its table.
 */
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { LanguageService } from '../../server/src/languageService';
import { nodeHost } from '../../server/src/nodeHost';
import { parseToml } from '../../server/src/toml';
import { emptyLineAfterEachHeader, keyItemProblems } from '../support/edits';
import { sharedPath, skipUnlessShared } from '../support/shared';

/** Files that carry many documented, commented-out `#key = value` lines (4.1.0's set their keys instead). */
const DOCUMENTED = ['3.20.0/go/configuration-qemu.toml', '3.20.0/rs/configuration-qemu-runtime-rs.toml'];
const FILES = ['4.1.0/go/configuration-qemu.toml', '4.1.0/go/configuration-clh.toml', '4.1.0/rs/configuration-qemu-runtime-rs.toml', '4.1.0/rs/configuration-dragonball.toml', '3.2.0/go/configuration-fc.toml', ...DOCUMENTED];
const MODES = [
  { name: 'snippets and additionalTextEdits', snippets: true, additionalEdits: true },
  { name: 'plain text, no additionalTextEdits', snippets: false, additionalEdits: false },
];

/** The file with every key/value statement removed (comments kept): every key is offered, the documented ones as their commented line. */
function withoutSettings(text: string): string {
  const entries = parseToml(text).tree.tables.flatMap((t) => t.entries);
  let out = text;
  for (const e of [...entries].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + out.slice(e.end);
  return out;
}

describe('key completion leaves valid TOML', { skip: skipUnlessShared('kata-configs') }, () => {
  for (const file of FILES) {
    for (const variant of ['as shipped', 'with its settings removed'] as const) {
      for (const mode of MODES) {
        test(`${file} ${variant}, ${mode.name}: every key item of every table`, () => {
          const shipped = fs.readFileSync(sharedPath('kata-configs', file), 'utf8');
          const text = variant === 'as shipped' ? shipped : withoutSettings(shipped);
          assert.deepEqual(parseToml(text).errors, []);
          const service = new LanguageService(nodeHost);
          const problems: string[] = [];
          let checked = 0;
          let uncomments = 0;
          for (const [i, at] of emptyLineAfterEachHeader(text).entries()) {
            const source = { uri: `file:///kata-complete/${i}/${file.split('/').pop()}`, version: 1, getText: () => at.text };
            const items = service.completion(source, { line: at.line, character: 0 }, { snippets: mode.snippets, additionalEdits: mode.additionalEdits });
            for (const item of items.filter((it) => it.kind === 10)) {
              checked++;
              if (/^(uncomment line|as on line) /.test(item.labelDetails?.description ?? '')) uncomments++;
              if (!mode.snippets) {
                assert.notEqual(item.insertTextFormat, 2, `${item.label} is a snippet`);
                assert.doesNotMatch((item.textEdit as { newText: string }).newText, /\$\{?\d/, `${item.label}: snippet syntax in plain text`);
              }
              if (!mode.additionalEdits) assert.equal(item.additionalTextEdits, undefined, `${item.label} relies on additionalTextEdits`);
              problems.push(...keyItemProblems(at.text, item, at.table, mode).map((p) => `[${at.table.join('.')}] ${p}`));
            }
          }
          assert.deepEqual(problems, []);
          assert.ok(checked >= (variant === 'as shipped' ? 10 : 50), `${checked} key items checked`);
          if (DOCUMENTED.includes(file)) assert.ok(uncomments > 10, `${uncomments} items of documented, commented-out keys`);
        });
      }
    }
  }
});
