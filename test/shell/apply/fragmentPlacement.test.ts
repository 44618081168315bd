/**
 * Where a fragment lands: the selection it was asked about (unchanged, or moved), else the region
 * its first and last lines match (unique, ambiguous — nearest the cursor — or none), else the
 * cursor, else the end of the file; in the file's own line endings, CRLF included.
 */

import assert from 'node:assert/strict';
import { placeFragment, withPlacement, type FragmentPlacementInput } from '../../../src/shell/apply/fragmentPlacement';

const file = ['class A {', '  f() {', '    if (x) {', '      one();', '    }', '    return 1;', '  }', '', '  g() {', '    return 2;', '  }', '}', ''].join('\n');

function placed(input: FragmentPlacementInput): { text: string; reason: string; matches?: number } {
  const placement = placeFragment(input);
  return { text: withPlacement(input.fileText, placement), reason: placement.reason, ...(placement.matches === undefined ? {} : { matches: placement.matches }) };
}

describe('apply: where a fragment goes', () => {
  it('replaces the selection it was asked about when that text is unchanged', () => {
    const start = file.indexOf('return 2;');
    const selection = { start, end: start + 'return 2;'.length, text: 'return 2;' };
    assert.deepStrictEqual(placed({ fileText: file, fragment: 'return 3;', selection, cursor: 0 }), { text: file.replace('return 2;', 'return 3;'), reason: 'selection' });
  });

  it('follows a selection whose text moved, and ignores one whose text is gone', () => {
    const moved = `// header\n${file}`;
    const start = file.indexOf('return 2;');
    const selection = { start, end: start + 'return 2;'.length, text: 'return 2;' };
    assert.deepStrictEqual(placed({ fileText: moved, fragment: 'return 3;', selection }), { text: moved.replace('return 2;', 'return 3;'), reason: 'selectionMoved' });
    const gone = file.replace('return 2;', 'return 22;');
    assert.equal(placeFragment({ fileText: gone, fragment: 'return 3;', selection, cursor: 5 }).reason, 'cursor');
  });

  it('keeps the line break of a whole-line selection', () => {
    const line = '    return 2;\n';
    const start = file.indexOf(line);
    const selection = { start, end: start + line.length, text: line };
    assert.equal(placed({ fileText: file, fragment: '    return 3;', selection }).text, file.replace(line, '    return 3;\n'));
  });

  it('replaces the region its context lines match, ending at the brace at its own indentation', () => {
    const fragment = ['  f() {', '    return 7;', '  }'].join('\n');
    const expected = ['class A {', '  f() {', '    return 7;', '  }', '', '  g() {', '    return 2;', '  }', '}', ''].join('\n');
    assert.deepStrictEqual(placed({ fileText: file, fragment: `\n${fragment}\n\n`, cursor: 0 }), { text: expected, reason: 'context', matches: 1 });
  });

  it('indents a fragment the model showed without its class\'s indentation', () => {
    const fragment = ['g() {', '  return 8;', '}'].join('\n');
    assert.equal(placed({ fileText: file, fragment }).text, file.replace('    return 2;', '    return 8;'));
  });

  it('picks the match nearest the cursor when several regions match, and says so', () => {
    const twice = ['function a() {', '  return 1;', '}', 'function a() {', '  return 1;', '}'].join('\n');
    const fragment = 'function a() {\n  return 9;\n}';
    const second = twice.lastIndexOf('return');
    assert.deepStrictEqual(placed({ fileText: twice, fragment, cursor: second }), {
      text: ['function a() {', '  return 1;', '}', 'function a() {', '  return 9;', '}'].join('\n'),
      reason: 'contextNearestCursor',
      matches: 2,
    });
    assert.deepStrictEqual(placed({ fileText: twice, fragment }), {
      text: ['function a() {', '  return 9;', '}', 'function a() {', '  return 1;', '}'].join('\n'),
      reason: 'context',
      matches: 2,
    });
  });

  it('falls back to the cursor when no region matches, else the end of the file', () => {
    assert.deepStrictEqual(placed({ fileText: 'ab', fragment: 'X', cursor: 1 }), { text: 'aXb', reason: 'cursor' });
    assert.deepStrictEqual(placed({ fileText: 'ab', fragment: 'X' }), { text: 'ab\nX', reason: 'endOfFile' });
    assert.deepStrictEqual(placed({ fileText: 'ab\n', fragment: 'X' }), { text: 'ab\nX', reason: 'endOfFile' });
  });

  it('does not take a far-off chance match of common lines', () => {
    const long = ['{', ...Array.from({ length: 60 }, (_, index) => `  line${index};`), '}'].join('\n');
    assert.equal(placeFragment({ fileText: long, fragment: '{\n  new;\n}', cursor: 0 }).reason, 'cursor');
  });

  it('works in a CRLF file and writes the fragment with CRLF', () => {
    const crlf = file.replace(/\n/g, '\r\n');
    const fragment = ['  f() {', '    return 7;', '  }'].join('\n');
    const expected = ['class A {', '  f() {', '    return 7;', '  }', '', '  g() {', '    return 2;', '  }', '}', ''].join('\r\n');
    assert.deepStrictEqual(placed({ fileText: crlf, fragment }), { text: expected, reason: 'context', matches: 1 });
    const start = crlf.indexOf('return 2;');
    const selection = { start, end: start + 'return 2;'.length, text: 'return 2;' };
    assert.equal(placed({ fileText: crlf, fragment: 'a;\nb;', selection }).text, crlf.replace('return 2;', 'a;\r\nb;'));
  });
});
