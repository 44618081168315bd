/**
 * A conversation's automatic title: the first line of its first question, cut to fit the list.
 */

import assert from 'node:assert/strict';
import { titleFromText } from '../../src/shell/chat/titles';

describe('conversation titles', () => {
  it('takes the first non-blank line, without heading or quote marks, cut at a word near 60 characters', () => {
    const cases: [string, string][] = [
      ['Hi', 'Hi'],
      ['\n\n  How do I   cross the street?  \nSecond line', 'How do I cross the street?'],
      ['## Summarise this\nbody', 'Summarise this'],
      ['> quoted question', 'quoted question'],
      ['Explain why the quick brown fox jumps over the lazy dog again and again and again', 'Explain why the quick brown fox jumps over the lazy dog…'],
      [`${'x'.repeat(100)} tail`, `${'x'.repeat(59)}…`],
      ['   \n\t\n', ''],
    ];
    assert.deepStrictEqual(
      cases.map(([text]) => titleFromText(text)),
      cases.map(([, title]) => title),
    );
  });
});
