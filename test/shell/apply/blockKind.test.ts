/**
 * What a block is for Apply: a patch (by its fence or its headers), a whole file (new or blank
 * target, or a rewrite that keeps the file's ends or most of its lines), else a fragment — and
 * never a whole file when it elides code.
 */

import assert from 'node:assert/strict';
import { blockKind, type BlockKind } from '../../../src/shell/apply/blockKind';

const file = ['import { a } from "./a";', '', 'export function f() {', '  if (a) {', '    return 1;', '  }', '  return 2;', '}', '', 'export const g = 3;', 'export const h = 4;'].join('\n');

function kind(code: string, fileText: string = file, fenceLanguage: string | undefined = 'ts'): BlockKind {
  return blockKind({ fenceLanguage, code, fileText });
}

describe('apply: the kind of a block', () => {
  it('is a patch by its fence language, its ---/+++ headers or a hunk header', () => {
    assert.deepStrictEqual(kind('anything', file, 'diff'), { kind: 'patch', reason: 'fenceLanguage' });
    assert.deepStrictEqual(kind('anything', file, 'Patch'), { kind: 'patch', reason: 'fenceLanguage' });
    assert.deepStrictEqual(kind('--- a/src/app.ts\n+++ b/src/app.ts\n-x\n+y'), { kind: 'patch', reason: 'diffHeaders' });
    assert.deepStrictEqual(kind('--- a/src/app.ts\r\n+++ b/src/app.ts\r\n'), { kind: 'patch', reason: 'diffHeaders' });
    assert.deepStrictEqual(kind(' context\n@@ -1,2 +1,2 @@\n-x\n+y'), { kind: 'patch', reason: 'hunkHeader' });
    assert.deepStrictEqual(kind('@@ function f @@\n-x\n+y'), { kind: 'patch', reason: 'hunkHeader' });
    // A SQL comment line of dashes or a decorator is not a patch.
    assert.deepStrictEqual(kind('--- totals\nSELECT 1;', file, 'sql'), { kind: 'fragment', reason: 'partOfFile' });
  });

  it('is a whole file for a new or blank target', () => {
    assert.deepStrictEqual(blockKind({ fenceLanguage: 'ts', code: 'x', fileText: undefined }), { kind: 'wholeFile', reason: 'newFile' });
    assert.deepStrictEqual(kind('x', ' \n\n'), { kind: 'wholeFile', reason: 'blankFile' });
  });

  it('is a whole file when it keeps both ends and half the lines, or the first line and 80% of them', () => {
    const rewrite = ['import { a } from "./a";', 'export function f() {', '  return 5;', '}', 'export const h = 4;'].join('\n');
    assert.deepStrictEqual(kind(rewrite), { kind: 'wholeFile', reason: 'sameEnds' });
    assert.deepStrictEqual(kind(rewrite.replace(/\n/g, '\r\n'), file.replace(/\n/g, '\r\n')), { kind: 'wholeFile', reason: 'sameEnds' });
    const newEnd = file.replace('export const h = 4;', 'export const h = 5;');
    assert.deepStrictEqual(kind(newEnd), { kind: 'wholeFile', reason: 'mostOfFile' });
  });

  it('is a fragment when it is a small part of the file, even one sharing the first line', () => {
    assert.deepStrictEqual(kind('export function f() {\n  return 5;\n}'), { kind: 'fragment', reason: 'partOfFile' });
    // Starts like the file and ends with a `}`, but far too short to be it.
    const head = ['import { a } from "./a";', 'export function f() {', '}'].join('\n');
    const endsLikeFile = `${file}\n}`;
    assert.deepStrictEqual(kind(head, endsLikeFile), { kind: 'fragment', reason: 'partOfFile' });
  });

  it('is never a whole file when it elides code, and a spread is not an elision', () => {
    for (const line of ['// ... existing code ...', '# ...', '/* … */', '<!-- ... -->', '...', '... rest ...', '// rest of the file unchanged', '  // existing code']) {
      assert.deepStrictEqual(kind(`import { a } from "./a";\n${line}\nexport const h = 4;`), { kind: 'fragment', reason: 'elided' }, line);
    }
    assert.deepStrictEqual(blockKind({ fenceLanguage: 'ts', code: 'const o = {\n  ...defaults,\n};', fileText: undefined }), { kind: 'wholeFile', reason: 'newFile' });
  });
});
