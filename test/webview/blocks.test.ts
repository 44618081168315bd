/**
 * Where a streaming markdown answer can be cut into blocks that will not change any more (they
 * are rendered once and kept). Plain Node: the function is pure.
 */

import { deepStrictEqual } from 'node:assert';
import { completeBlocksLength } from '../../webview/blocks';

/** The kept part and the rest, for readable expectations. */
function cut(source: string): [string, string] {
  const length = completeBlocksLength(source);
  return [source.slice(0, length), source.slice(length)];
}

describe('webview: complete markdown blocks of a growing answer', () => {
  it('cuts before the last paragraph that follows a blank line', () => {
    deepStrictEqual(cut('One.\n\nTwo.\n\nThree is being wri'), ['One.\n\nTwo.\n\n', 'Three is being wri']);
  });

  it('keeps nothing while the first block is still being written, or before a blank line ends it', () => {
    deepStrictEqual(cut('Just one paragraph\nstill going'), ['', 'Just one paragraph\nstill going']);
    deepStrictEqual(cut('One.\n\n'), ['', 'One.\n\n']);
  });

  it('never cuts inside a code fence, even at its blank lines, until the fence closes', () => {
    const open = 'Intro.\n\n```ts\nconst a = 1;\n\nconst b = 2;\n';
    deepStrictEqual(cut(open), ['Intro.\n\n', '```ts\nconst a = 1;\n\nconst b = 2;\n']);
    const closed = `${open}\`\`\`\n\nAfter.`;
    deepStrictEqual(cut(closed), [`${open}\`\`\`\n\n`, 'After.']);
    deepStrictEqual(cut('~~~~\n\nx\n~~~\n\nstill in\n'), ['', '~~~~\n\nx\n~~~\n\nstill in\n']);
  });

  it('does not cut before indented lines: list continuations and indented code stay with their block', () => {
    deepStrictEqual(cut('- item\n\n  continued\n\n    code\n'), ['', '- item\n\n  continued\n\n    code\n']);
    deepStrictEqual(cut('- a\n\n- b\n\nAfter the list'), ['- a\n\n- b\n\n', 'After the list']);
  });
});
