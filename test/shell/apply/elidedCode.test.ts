/**
 * Filling a block's left-out code from the target file: each marker becomes the file's lines
 * between the segments around it (or before the first, after the last), the covered range is
 * exact, line endings are the file's, and a segment the file does not hold is refused by name.
 */

import assert from 'node:assert/strict';
import { expandElisions, type ElisionExpansion } from '../../../src/shell/apply/elidedCode';

const file = [
  "import { a } from './a';",
  '',
  'export function f() {',
  '  const x = a();',
  '  log(x);',
  '  return x;',
  '}',
  '',
  'export function g() {',
  '  return 2;',
  '}',
  '',
  'export const h = 4;',
  '',
].join('\n');

/** The file with the expansion applied, and how many markers it filled. */
function applied(expansion: ElisionExpansion, fileText: string = file): [string, number] {
  assert.ok(expansion.ok, JSON.stringify(expansion));
  return expansion.ok ? [fileText.slice(0, expansion.start) + expansion.text + fileText.slice(expansion.end), expansion.filledMarkers] : ['', 0];
}

const gReturnsThree = file.replace('return 2;', 'return 3;');

describe('apply: filling in elided code', () => {
  it('a whole file with a marker in the middle takes the file\'s lines between its segments', () => {
    const code = ["import { a } from './a';", '', '// ... existing code ...', '', 'export function g() {', '  return 3;', '}', '', 'export const h = 4;'].join('\n');
    const expansion = expandElisions({ fileText: file, code });
    assert.deepStrictEqual(applied(expansion), [gReturnsThree, 1]);
    assert.deepStrictEqual(expansion.ok && [expansion.start, expansion.end], [0, file.length - 1]);
  });

  it('leading and trailing markers take the file from its start and to its end', () => {
    const code = '# ... existing code ...\nexport function g() {\n  return 3;\n}\n# ... rest of the file unchanged ...';
    const expansion = expandElisions({ fileText: file, code });
    assert.deepStrictEqual(applied(expansion), [gReturnsThree, 2]);
    assert.deepStrictEqual(expansion.ok && [expansion.start, expansion.end, expansion.text], [0, file.length, gReturnsThree]);
  });

  it('two markers between three segments', () => {
    const code = ["import { a } from './a';", '// ...', 'export function g() {', '  return 3;', '}', '// ...', 'export const h = 4;'].join('\n');
    assert.deepStrictEqual(applied(expandElisions({ fileText: file, code })), [gReturnsThree, 2]);
  });

  it('a fragment with a marker inside a function covers that function only', () => {
    const code = ['export function f() {', '  const x = a();', '  check(x);', '  log(x);', '  // ... existing code ...', '}'].join('\n');
    const expansion = expandElisions({ fileText: file, code });
    assert.deepStrictEqual(expansion, {
      ok: true,
      start: file.indexOf('export function f'),
      end: file.indexOf('}\n\nexport function g') + 1,
      text: 'export function f() {\n  const x = a();\n  check(x);\n  log(x);\n  return x;\n}',
      filledMarkers: 1,
    });
  });

  it('a CRLF file keeps CRLF, in the block\'s lines and in the filled ones', () => {
    const crlf = file.replace(/\n/g, '\r\n');
    const code = '// ... existing code ...\nexport function g() {\n  return 3;\n}\n// ... existing code ...';
    assert.deepStrictEqual(applied(expandElisions({ fileText: crlf, code }), crlf), [gReturnsThree.replace(/\n/g, '\r\n'), 2]);
  });

  it('a region narrows where the segments are found, and a leading marker starts at the region', () => {
    const twin = 'function one() {\n  const x = 1;\n  return x;\n}\n\nfunction two() {\n  const x = 2;\n  return x;\n}\n';
    const code = '  // ... existing code ...\n  return x;\n  // checked\n}';
    const two = { start: twin.indexOf('function two'), end: twin.length };
    assert.deepStrictEqual(applied(expandElisions({ fileText: twin, code, region: two }), twin), [twin.replace(/return x;\n}\n$/, 'return x;\n  // checked\n}\n'), 1]);
    // Without it the first match wins, and the leading marker covers the file from its start.
    assert.deepStrictEqual(applied(expandElisions({ fileText: twin, code }), twin), [twin.replace('return x;\n}', 'return x;\n  // checked\n}'), 1]);
  });

  it('refuses a segment the file does not hold, one found only above the code before it, and a block of markers only', () => {
    const missing = expandElisions({ fileText: file, code: '// ...\nexport function k() {\n  return 1;\n}\n// ...' });
    assert.deepStrictEqual(missing, {
      ok: false,
      reason: 'notFound',
      line: 'export function k() {',
      marker: '// ...',
    });
    const changedEdge = expandElisions({ fileText: file, code: 'export function g() {\n  return 3;\n  // ... existing code ...' });
    assert.deepStrictEqual(changedEdge.ok || [changedEdge.reason, changedEdge.line], ['notFound', 'export function g() {']);
    const reversed = expandElisions({ fileText: file, code: "export const h = 4;\n// ... existing code ...\nimport { a } from './a';" });
    assert.deepStrictEqual(reversed.ok || [reversed.reason, reversed.line], ['outOfOrder', "import { a } from './a';"]);
    const empty = expandElisions({ fileText: file, code: '\n// ... existing code ...\n' });
    assert.deepStrictEqual(empty.ok || [empty.reason, empty.marker], ['nothingShown', '// ... existing code ...']);
  });
});
