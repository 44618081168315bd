/**
 * Which lines of a block stand for left-out code: the comment notes models write in any comment
 * syntax, a line of dots — and not the code that looks like them (spreads, Python's `...` body,
 * C's variadic parameter, a comment that says more than "unchanged").
 */

import assert from 'node:assert/strict';
import { elisionFlags, hasElision } from '../../../src/shell/apply/elisionMarkers';

const markers = [
  '// ... existing code ...',
  '// ...existing code...',
  '    // ... existing code ...',
  '# ... rest of the file unchanged ...',
  '/* ... */',
  '/* … */',
  '<!-- ... existing code ... -->',
  '{/* ... existing JSX ... */}',
  '// rest of code remains the same',
  '// Existing code',
  '// (unchanged)',
  '-- ... other columns ...',
  '; ...',
  '// ... other methods omitted for brevity ...',
  '# ... 20 more lines ...',
  '... existing code ...',
  '... rest ...',
  '...',
  '…',
];

const code = [
  '...args,',
  '...rest',
  '  ...existing',
  'return [...items];',
  'foo(...)',
  '// ... then retry the request',
  '// existing users are migrated',
  '# the rest',
  '// keep this in sync',
  '/* a = ...; */',
  '// see https://example.com/...',
  'console.log("...");',
  '---',
  '-->',
  '',
];

describe('apply: elision markers', () => {
  it('recognises the notes models write for left-out code, in any comment syntax', () => {
    const missed = markers.filter((line) => !elisionFlags([line])[0]);
    assert.deepStrictEqual(missed, []);
  });

  it('does not take code or a real comment for a marker', () => {
    const taken = code.filter((line) => elisionFlags([line])[0]);
    assert.deepStrictEqual(taken, []);
  });

  it('a line of dots is code after a line that opens a suite or continues a list, a marker elsewhere', () => {
    assert.deepStrictEqual(elisionFlags(['class Reader(Protocol):', '    def read(self) -> bytes:', '        ...']), [false, false, false]);
    assert.deepStrictEqual(elisionFlags(['int printf(const char *format,', '           ...);', 'int log(int level,', '  ...']), [false, false, false, false]);
    assert.deepStrictEqual(elisionFlags(['function f() {', '  ...', '', '  ...', '}']), [false, true, false, true, false]);
    assert.equal(hasElision('class Reader(Protocol):\r\n    def read(self) -> bytes:\r\n        ...'), false);
    assert.equal(hasElision('import os\r\n# ... existing code ...\r\nprint(os.name)'), true);
  });
});
