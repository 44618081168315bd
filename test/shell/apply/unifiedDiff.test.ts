/**
 * Parsing patches as models write them: git headers, plain `---`/`+++` headers, `/dev/null`,
 * several files, header-less hunks, `@@ @@` without numbers, counts that disagree with the lines,
 * trimmed blank context lines, CRLF, the no-newline marker, and text with no hunk at all.
 */

import assert from 'node:assert/strict';
import { NoHunksError, parseUnifiedDiff } from '../../../src/shell/apply/unifiedDiff';

describe('unifiedDiff: parseUnifiedDiff', () => {
  it('a git diff of two files: paths without a/ b/, hunks with numbers, the section text left out of the header', () => {
    const patch = [
      'diff --git a/src/app.ts b/src/app.ts',
      'index 3b18e51..a9c2f0d 100644',
      '--- a/src/app.ts',
      '+++ b/src/app.ts',
      '@@ -1,3 +1,3 @@ export function main() {',
      ' const a = 1;',
      '-const b = 2;',
      '+const b = 3;',
      ' const c = 4;',
      'diff --git a/README.md b/README.md',
      '--- a/README.md',
      '+++ b/README.md',
      '@@ -2 +2,2 @@',
      ' Intro',
      '+More',
      '',
    ].join('\n');
    assert.deepStrictEqual(parseUnifiedDiff(patch), [
      {
        oldPath: 'src/app.ts',
        newPath: 'src/app.ts',
        createsFile: false,
        deletesFile: false,
        hunks: [{
          header: '@@ -1,3 +1,3 @@',
          oldStart: 1,
          newStart: 1,
          lines: [{ kind: 'context', text: 'const a = 1;' }, { kind: 'remove', text: 'const b = 2;' }, { kind: 'add', text: 'const b = 3;' }, { kind: 'context', text: 'const c = 4;' }],
          oldEndsWithoutNewline: false,
          newEndsWithoutNewline: false,
        }],
      },
      {
        oldPath: 'README.md',
        newPath: 'README.md',
        createsFile: false,
        deletesFile: false,
        hunks: [{ header: '@@ -2 +2,2 @@', oldStart: 2, newStart: 2, lines: [{ kind: 'context', text: 'Intro' }, { kind: 'add', text: 'More' }], oldEndsWithoutNewline: false, newEndsWithoutNewline: false }],
      },
    ]);
  });

  it('/dev/null on the old side creates the file, on the new side deletes it; a timestamp after a tab is dropped', () => {
    const patch = '--- /dev/null\n+++ b/src/new.ts\t2024-01-01 00:00:00\n@@ -0,0 +1,2 @@\n+export const x = 1;\n+export const y = 2;\n--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n';
    const [created, deleted] = parseUnifiedDiff(patch);
    assert.deepStrictEqual([created?.oldPath, created?.newPath, created?.createsFile, created?.deletesFile], ['src/new.ts', 'src/new.ts', true, false]);
    assert.deepStrictEqual([deleted?.oldPath, deleted?.newPath, deleted?.createsFile, deleted?.deletesFile], ['old.txt', 'old.txt', false, true]);
    assert.deepStrictEqual(deleted?.hunks[0]?.lines, [{ kind: 'remove', text: 'gone' }]);
  });

  it('model style: hunks with no file header and `@@ @@` without numbers, in one pathless file', () => {
    const patch = '@@ @@\n def greet(name):\n-    print("hi")\n+    print(f"hi {name}")\n@@ ... @@\n-x = 1\n+x = 2\n';
    const files = parseUnifiedDiff(patch);
    assert.equal(files.length, 1);
    assert.equal(files[0]?.oldPath, undefined);
    assert.deepStrictEqual(files[0]?.hunks.map((hunk) => [hunk.header, hunk.oldStart, hunk.lines.length]), [['@@ @@', undefined, 3]]);
  });

  it('counts that disagree with the lines: the lines are trusted', () => {
    const patch = '--- a/x.js\n+++ b/x.js\n@@ -1,2 +1,2 @@\n a\n-b\n+B\n c\n d\n';
    assert.deepStrictEqual(parseUnifiedDiff(patch)[0]?.hunks[0]?.lines.map((line) => line.text), ['a', 'b', 'B', 'c', 'd']);
  });

  it('a blank context line with its space trimmed stays inside the hunk; trailing empty lines past the count do not', () => {
    const patch = '@@ -1,4 +1,4 @@\n a\n\n-b\n+B\n c\n\n\n';
    assert.deepStrictEqual(parseUnifiedDiff(patch)[0]?.hunks[0]?.lines, [
      { kind: 'context', text: 'a' }, { kind: 'context', text: '' }, { kind: 'remove', text: 'b' }, { kind: 'add', text: 'B' }, { kind: 'context', text: 'c' },
    ]);
  });

  it('CRLF text parses like LF text', () => {
    const lf = '--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n';
    assert.deepStrictEqual(parseUnifiedDiff(lf.replace(/\n/g, '\r\n')), parseUnifiedDiff(lf));
  });

  it('`\\ No newline at end of file` marks the side of the line it follows', () => {
    const patch = '@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n';
    const hunk = parseUnifiedDiff(patch)[0]?.hunks[0];
    assert.deepStrictEqual([hunk?.oldEndsWithoutNewline, hunk?.newEndsWithoutNewline, hunk?.lines.length], [true, false, 3]);
  });

  it('prose after the hunk ends it', () => {
    const patch = '@@ -1 +1 @@\n-a\n+b\nThis renames the variable.\n';
    assert.equal(parseUnifiedDiff(patch)[0]?.hunks[0]?.lines.length, 2);
  });

  it('text with no hunk: a NoHunksError', () => {
    assert.throws(() => parseUnifiedDiff('--- a/x\n+++ b/x\nconst a = 1;\n'), NoHunksError);
    assert.throws(() => parseUnifiedDiff('Here is the fix: rename foo to bar.'), /holds no hunk/);
  });
});
