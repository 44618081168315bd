/**
 * The row the `#file` picker highlights as the user types (`highlightedPick`): VS Code highlights
 * nothing in a multi-select quick pick, so without it "type the name, Enter" added no file. The
 * picks are the ones `filePicks` makes from workspace paths.
 */

import assert from 'node:assert/strict';
import { filePicks, highlightedPick } from '../../src/shell/context/pathPicks';

const picks = filePicks(['README.md', 'src/greeting.ts', 'src/greetings/index.ts', 'test/greeting.test.ts', 'src/my-greeting.ts', 'notes/secret.md', 'docs/notes.md']);

/** The path of the highlighted pick, or undefined when none is. */
function highlighted(typed: string): string | undefined {
  return picks[highlightedPick(picks, typed)]?.path;
}

describe('shell: the #file picker highlights what Enter adds', () => {
  it('a name starting with the text beats a longer one, and one merely holding it', () => {
    assert.deepEqual(
      { greeting: highlighted('greeting'), withExtension: highlighted('greeting.ts'), inside: highlighted('my-gr') },
      { greeting: 'src/greeting.ts', withExtension: 'src/greeting.ts', inside: 'src/my-greeting.ts' },
    );
  });

  it('case and surrounding spaces aside; a name holding the text beats a folder holding it, and folders go in list order', () => {
    assert.deepEqual(
      { upper: highlighted('  GREETING.TEST '), nameOverFolder: highlighted('notes'), folderOnly: highlighted('src'), deeperFolder: highlighted('greetings') },
      { upper: 'test/greeting.test.ts', nameOverFolder: 'docs/notes.md', folderOnly: 'src/greeting.ts', deeperFolder: 'src/greetings/index.ts' },
    );
  });

  it('nothing typed highlights the first; text nothing holds highlights none (a fuzzy-only match is left to the user)', () => {
    assert.deepEqual({ empty: highlightedPick(picks, ''), none: highlightedPick(picks, 'zzz'), fuzzyOnly: highlightedPick(picks, 'grtng'), noPicks: highlightedPick([], '') }, { empty: 0, none: -1, fuzzyOnly: -1, noPicks: -1 });
  });
});
