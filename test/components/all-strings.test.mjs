// The package's `defaultStrings` (src/components/all-strings.ts) must gather the texts of every
// part that keeps its own (a `*-strings.ts` beside it), or a host translating the chat misses them.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const folder = new URL('../../src/components/', import.meta.url);
const gathered = readFileSync(new URL('all-strings.ts', folder), 'utf8');

describe('every part’s texts in the package’s defaultStrings', () => {
  for (const file of readdirSync(folder).filter((name) => name.endsWith('-strings.ts') && name !== 'all-strings.ts'))
    it(`gathers ${file}`, () => {
      const [, name] = /export const (\w+)\s*:/.exec(readFileSync(new URL(file, folder), 'utf8')) ?? [];
      assert.ok(name, `${file} exports no texts`);
      assert.match(gathered, new RegExp(`import \\{ ${name} \\} from './${file.replace(/\.ts$/, '.js')}'`));
      assert.match(gathered, new RegExp(`\\.\\.\\.${name},`));
    });
});
