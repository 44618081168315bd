/**
 * The README is the store page: every picture it shows must exist in the repository (and so in
 * the .vsix, which ships media/), and carry alternative text.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('README pictures', () => {
  it('each picture the README shows exists under media/ and has alternative text', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const pictures = [...readme.matchAll(/!\[([^\]]*)\]\(([^)\s]+)\)/g)].map((match) => ({ alt: match[1]!, path: match[2]! }));
    assert.ok(pictures.length > 0, 'the README shows at least one picture');
    for (const { alt, path } of pictures) {
      assert.ok(path.startsWith('media/'), `${path}: pictures live in media/, which the .vsix ships`);
      assert.ok(existsSync(join(root, path)), `${path} is missing (npm run pictures takes it)`);
      assert.ok(alt.trim().length > 10, `${path}: alternative text`);
    }
  });
});
