/**
 * Applying hunks to a text, with GNU `patch --fuzz=2` as the oracle: for each case in the table
 * the same original and patch are given to `patch` on temporary files, and our text must equal
 * its output — or, where it refuses, we refuse too. Cases where we are deliberately more lenient
 * (no line numbers, trailing whitespace) are checked on their own, with the reason.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyFilePatch, HunkDoesNotApplyError } from '../../../src/shell/apply/patchApply';
import { parseUnifiedDiff } from '../../../src/shell/apply/unifiedDiff';

const lines = (count: number, name = 'line'): string => Array.from({ length: count }, (_, index) => `${name} ${index + 1}`).join('\n') + '\n';

/** GNU patch's result, or undefined when it refuses a hunk. */
function gnuPatch(original: string, patch: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'sb-patch-'));
  try {
    writeFileSync(join(dir, 'file'), original);
    writeFileSync(join(dir, 'patch'), patch);
    // $GNU_PATCH is exported by the test runners (test/e2e/setup.sh installs Debian's patch).
    const run = spawnSync(process.env['GNU_PATCH'] ?? 'patch', ['--fuzz=2', '--batch', '--no-backup-if-mismatch', '-r', '-', '-o', join(dir, 'out'), join(dir, 'file'), join(dir, 'patch')], { encoding: 'utf8' });
    return run.status === 0 ? readFileSync(join(dir, 'out'), 'utf8') : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ours(original: string, patch: string): string | undefined {
  const [file] = parseUnifiedDiff(patch);
  assert.ok(file);
  try {
    return applyFilePatch(original, file).text;
  } catch (error) {
    if (error instanceof HunkDoesNotApplyError) {
      return undefined;
    }
    throw error;
  }
}

const twenty = lines(20);
const cases: { name: string; original: string; patch: string }[] = [
  {
    name: 'a clean hunk at its stated line',
    original: twenty,
    patch: '--- a/file\n+++ b/file\n@@ -4,7 +4,7 @@\n line 4\n line 5\n line 6\n-line 7\n+line seven\n line 8\n line 9\n line 10\n',
  },
  {
    name: 'moved lines: the hunk found 5 lines later',
    original: 'header a\nheader b\nheader c\nheader d\nheader e\n' + twenty,
    patch: '--- a/file\n+++ b/file\n@@ -4,7 +4,7 @@\n line 4\n line 5\n line 6\n-line 7\n+line seven\n line 8\n line 9\n line 10\n',
  },
  {
    name: 'moved lines: the hunk found earlier than stated',
    original: lines(20).split('\n').slice(3).join('\n'),
    patch: '--- a/file\n+++ b/file\n@@ -10,7 +10,7 @@\n line 10\n line 11\n line 12\n-line 13\n+line thirteen\n line 14\n line 15\n line 16\n',
  },
  {
    name: 'two hunks, the second after the running offset',
    original: 'new top\n' + twenty,
    patch: '--- a/file\n+++ b/file\n@@ -1,4 +1,5 @@\n line 1\n+line 1.5\n line 2\n line 3\n line 4\n@@ -14,7 +15,6 @@\n line 14\n line 15\n line 16\n-line 17\n line 18\n line 19\n line 20\n',
  },
  {
    name: 'fuzz 1: the first and last context lines differ',
    original: twenty.replace('line 4\n', 'line four\n').replace('line 10\n', 'line ten\n'),
    patch: '--- a/file\n+++ b/file\n@@ -4,7 +4,7 @@\n line 4\n line 5\n line 6\n-line 7\n+line seven\n line 8\n line 9\n line 10\n',
  },
  {
    name: 'fuzz 2: two context lines differ at each end',
    original: twenty.replace('line 4\n', 'line four\n').replace('line 5\n', 'line five\n').replace('line 9\n', 'line nine\n'),
    patch: '--- a/file\n+++ b/file\n@@ -4,7 +4,7 @@\n line 4\n line 5\n line 6\n-line 7\n+line seven\n line 8\n line 9\n line 10\n',
  },
  {
    name: 'refused: three context lines differ at one end',
    original: twenty.replace('line 4\n', 'x\n').replace('line 5\n', 'y\n').replace('line 6\n', 'z\n'),
    patch: '--- a/file\n+++ b/file\n@@ -4,7 +4,7 @@\n line 4\n line 5\n line 6\n-line 7\n+line seven\n line 8\n line 9\n line 10\n',
  },
  {
    name: 'refused: a removed line that is not in the file',
    original: twenty,
    patch: '--- a/file\n+++ b/file\n@@ -4,7 +4,7 @@\n line 4\n line 5\n line 6\n-line 77\n+line seven\n line 8\n line 9\n line 10\n',
  },
  {
    name: 'a hunk at the start with short leading context is anchored there',
    original: twenty,
    patch: '--- a/file\n+++ b/file\n@@ -1,4 +1,4 @@\n-line 1\n+line one\n line 2\n line 3\n line 4\n',
  },
  {
    name: 'a hunk at the end that removes the final newline',
    original: lines(5),
    patch: '--- a/file\n+++ b/file\n@@ -3,3 +3,3 @@\n line 3\n line 4\n-line 5\n+the end\n\\ No newline at end of file\n',
  },
  {
    name: 'a file without a final newline keeps it missing',
    original: 'a\nb\nc\nd\ne\nf\ng',
    patch: '--- a/file\n+++ b/file\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n',
  },
  {
    name: 'a pure insertion (-5,0) goes after its line',
    original: twenty,
    patch: '--- a/file\n+++ b/file\n@@ -5,0 +6,2 @@\n+inserted 1\n+inserted 2\n',
  },
  {
    name: 'CRLF text stays CRLF',
    original: twenty.replace(/\n/g, '\r\n'),
    patch: '--- a/file\n+++ b/file\n@@ -4,7 +4,7 @@\n line 4\r\n line 5\r\n line 6\r\n-line 7\r\n+line seven\r\n line 8\r\n line 9\r\n line 10\r\n',
  },
];

describe('patchApply: applyFilePatch against GNU patch --fuzz=2', () => {
  for (const { name, original, patch } of cases) {
    it(name, () => {
      assert.equal(ours(original, patch), gnuPatch(original, patch));
    });
  }

  it('the table holds refusals and successes (so the comparison cannot pass by both refusing)', () => {
    const results = cases.map(({ original, patch }) => gnuPatch(original, patch) === undefined);
    assert.deepStrictEqual([results.filter(Boolean).length, results.length], [2, cases.length]);
  });
});

describe('patchApply: what each hunk reports, and failures in words', () => {
  it('placements say where each hunk landed, its offset and its fuzz', () => {
    const original = 'a\nb\n' + twenty.replace('line 4\n', 'line four\n');
    const patch = '--- a/file\n+++ b/file\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n line 1\n@@ -4,7 +4,7 @@\n line 4\n line 5\n line 6\n-line 7\n+line seven\n line 8\n line 9\n line 10\n';
    const [file] = parseUnifiedDiff(patch);
    assert.ok(file);
    assert.deepStrictEqual(applyFilePatch(original, file).hunks, [
      { index: 1, header: '@@ -1,3 +1,3 @@', line: 1, offset: 0, fuzz: 0, ignoredTrailingWhitespace: false },
      { index: 2, header: '@@ -4,7 +4,7 @@', line: 6, offset: 2, fuzz: 1, ignoredTrailingWhitespace: false },
    ]);
  });

  it('a failing hunk is named with its index, header and the first line not found', () => {
    const patch = [
      '--- a/src/app.ts', '+++ b/src/app.ts',
      '@@ -1,3 +1,3 @@', ' line 1', '-line 2', '+line two', ' line 3',
      '@@ -14,6 +14,8 @@', ' line 14', ' line 15', '-foo()', '+bar()', '+baz()', '+qux()', ' line 16', ' line 17',
      '@@ -19,2 +21,2 @@', ' line 19', '-line 20', '+line twenty',
    ].join('\n');
    const [file] = parseUnifiedDiff(patch);
    assert.ok(file);
    assert.throws(() => applyFilePatch(twenty, file), (error: unknown) => {
      assert.ok(error instanceof HunkDoesNotApplyError);
      assert.equal(error.message, "Hunk 2 of 3 (@@ -14,6 +14,8 @@) does not apply: its lines 'foo()' … were not found.");
      assert.deepStrictEqual([error.hunkIndex, error.hunkCount, error.unmatchedLine], [2, 3, 'foo()']);
      return true;
    });
  });

  it('more lenient than patch: model-style hunks with no numbers are found from the previous hunk on', () => {
    const original = 'def greet(name):\n    print("hi")\n\n\ndef main():\n    greet("you")\n';
    const patch = 'Here is the change:\n@@ @@\n def greet(name):\n-    print("hi")\n+    print(f"hi {name}")\n@@ @@\n def main():\n-    greet("you")\n+    greet("world")\n';
    const [file] = parseUnifiedDiff(patch);
    assert.ok(file);
    assert.equal(applyFilePatch(original, file).text, 'def greet(name):\n    print(f"hi {name}")\n\n\ndef main():\n    greet("world")\n');
  });

  it('more lenient than patch: a removed line whose trailing whitespace the model dropped still matches', () => {
    const original = 'if (x) {\n  run();   \n}\n';
    const patch = '@@ -1,3 +1,3 @@\n if (x) {\n-  run();\n+  runTwice();\n }\n';
    assert.equal(gnuPatch(original, patch), undefined, 'patch refuses it');
    const [file] = parseUnifiedDiff(patch);
    assert.ok(file);
    const result = applyFilePatch(original, file);
    assert.deepStrictEqual([result.text, result.hunks[0]?.ignoredTrailingWhitespace], ['if (x) {\n  runTwice();\n}\n', true]);
  });

  it('a new file from /dev/null, and a deletion to empty text', () => {
    const [created, deleted] = parseUnifiedDiff('--- /dev/null\n+++ b/src/new.ts\n@@ -0,0 +1,2 @@\n+export const x = 1;\n+export const y = 2;\n--- a/old.txt\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-gone\n-too\n');
    assert.ok(created && deleted);
    assert.equal(applyFilePatch(undefined, created).text, 'export const x = 1;\nexport const y = 2;\n');
    assert.equal(applyFilePatch('gone\ntoo\n', deleted).text, '');
  });
});
