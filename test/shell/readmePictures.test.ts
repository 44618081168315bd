/**
 * The README is the store page: every picture it shows must exist in the repository (and so in
 * the .vsix, which ships media/), and carry alternative text; and every picture `npm run pictures`
 * takes is shown somewhere — on the store page or in the walkthrough — so none ships unused.
 */

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

  it('every picture in media/pictures is shown by the README or a walkthrough step', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      contributes: { walkthroughs: { steps: { media: { image?: string } }[] }[] };
    };
    const shown = new Set([
      ...[...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]!),
      ...manifest.contributes.walkthroughs.flatMap((walkthrough) => walkthrough.steps.map((step) => step.media.image)),
    ]);
    const unused = readdirSync(join(root, 'media', 'pictures'))
      .map((name) => `media/pictures/${name}`)
      .filter((path) => !shown.has(path));
    assert.deepStrictEqual(unused, [], 'pictures nobody shows');
  });
});
