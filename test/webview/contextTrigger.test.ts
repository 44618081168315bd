/** The `#word` that opens Add Context, in plain Node: where it may start, what it filters by, and taking it out. */

import { deepStrictEqual } from 'node:assert';
import { contextTriggerAt, withoutTrigger } from '../../webview/contextTrigger';

describe('webview: the # trigger of Add Context', () => {
  it('opens at the start or after white space, with the letters up to the caret (lower case)', () => {
    deepStrictEqual(contextTriggerAt('#', 1), { start: 0, end: 1, query: '' });
    deepStrictEqual(contextTriggerAt('#Pro', 4), { start: 0, end: 4, query: 'pro' });
    deepStrictEqual(contextTriggerAt('see\n#fi and more', 7), { start: 4, end: 7, query: 'fi' });
    deepStrictEqual(contextTriggerAt('a\t#', 3), { start: 2, end: 3, query: '' });
  });

  it('does not open inside a word, after other characters, or for a long word', () => {
    deepStrictEqual(
      [contextTriggerAt('C#', 2), contextTriggerAt('issue#12', 8), contextTriggerAt('#12', 3), contextTriggerAt('#fi le', 6), contextTriggerAt('', 0), contextTriggerAt(`#${'a'.repeat(21)}`, 22)],
      [undefined, undefined, undefined, undefined, undefined, undefined],
    );
    deepStrictEqual(contextTriggerAt(`#${'a'.repeat(20)}`, 21)?.query.length, 20);
  });

  it('taking it out leaves the text around it and puts the caret where it was', () => {
    const text = 'Explain #pro please';
    deepStrictEqual(withoutTrigger(text, contextTriggerAt(text, 12)!), { text: 'Explain  please', caret: 8 });
  });
});
