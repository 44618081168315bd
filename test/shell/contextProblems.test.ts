/**
 * `#problems` and `#changes` as text: which diagnostics are asked for (the attached files', else
 * the workspace's), their one-line form, order and cap; the repositories' diffs assembled with
 * their untracked files, and cut at a line end with the cut said.
 */

import assert from 'node:assert/strict';
import { changesText, type RepositoryChanges } from '../../src/shell/context/changesText';
import { problemsText, selectProblems, type Problem } from '../../src/shell/context/problemsText';

function problem(path: string, line: number, severity: Problem['severity'], message: string, extra: Partial<Problem> = {}): Problem {
  return { path, inWorkspace: true, line, column: 1, severity, message, ...extra };
}

const problems: Problem[] = [
  problem('src/b.ts', 9, 'warning', "'x' is declared but never used.", { source: 'ts', code: '6133', column: 7 }),
  problem('src/a.ts', 30, 'error', 'Missing semicolon.', { source: 'eslint', code: 'semi' }),
  problem('src/b.ts', 2, 'error', "Type 'string' is not assignable to type 'number'.\n  The expected type comes from property 'n'.", { source: 'ts', code: '2322', column: 3 }),
  problem('src/a.ts', 4, 'information', 'Consider a const.'),
  problem('src/a.ts', 1, 'hint', 'Unused import (faded).', { source: 'ts' }),
  problem('/etc/hosts', 1, 'error', 'Outside the workspace.', { inWorkspace: false }),
  problem('src/c.ts', 5, 'error', 'Only a code.', { code: '42' }),
];

describe('context problems', () => {
  it('lists errors first, then by file and line, one line each with source and code', () => {
    assert.equal(
      problemsText(selectProblems(problems, [])),
      [
        'src/a.ts:30:1 error: Missing semicolon. (eslint semi)',
        "src/b.ts:2:3 error: Type 'string' is not assignable to type 'number'. The expected type comes from property 'n'. (ts 2322)",
        'src/c.ts:5:1 error: Only a code. (42)',
        "src/b.ts:9:7 warning: 'x' is declared but never used. (ts 6133)",
        'src/a.ts:4:1 information: Consider a const.',
      ].join('\n'),
    );
  });

  it("takes only the attached files' problems when files are attached, outside the workspace too", () => {
    assert.deepStrictEqual(
      selectProblems(problems, ['src/a.ts', '/etc/hosts']).map((entry) => `${entry.path}:${entry.line}`),
      ['src/a.ts:30', 'src/a.ts:4', '/etc/hosts:1'],
    );
  });

  it('stops at the cap and says how many more there are', () => {
    const many = Array.from({ length: 7 }, (_, index) => problem('src/many.ts', index + 1, 'error', `Problem ${index + 1}.`));
    assert.equal(problemsText(many, 3), ['src/many.ts:1:1 error: Problem 1.', 'src/many.ts:2:1 error: Problem 2.', 'src/many.ts:3:1 error: Problem 3.', '… and 4 more'].join('\n'));
  });
});

const stagedDiff = ['diff --git a/src/a.ts b/src/a.ts', '--- a/src/a.ts', '+++ b/src/a.ts', '@@ -1 +1 @@', '-old', '+new', ''].join('\n');
const unstagedDiff = ['diff --git a/README.md b/README.md', '--- a/README.md', '+++ b/README.md', '@@ -1 +1,2 @@', ' # App', '+More.'].join('\n');

describe('context changes', () => {
  it('assembles each changed repository: staged, unstaged, untracked; clean ones left out', () => {
    const repositories: RepositoryChanges[] = [
      { name: 'app', branch: 'main', staged: stagedDiff, unstaged: unstagedDiff, untracked: ['notes.txt', 'src/new.ts'] },
      { name: 'clean', branch: 'main', staged: '', unstaged: '\n', untracked: [] },
      { name: 'lib', staged: '', unstaged: unstagedDiff, untracked: [] },
    ];
    assert.equal(
      changesText(repositories),
      [
        'Repository: app (branch main)',
        'Staged changes (git diff --cached):',
        stagedDiff.trimEnd(),
        'Unstaged changes (git diff):',
        unstagedDiff,
        'Untracked files:',
        'notes.txt',
        'src/new.ts',
        '',
        'Repository: lib',
        'Unstaged changes (git diff):',
        unstagedDiff,
      ].join('\n'),
    );
  });

  it('cuts a diff over the cap at a line end, says how much, and names the untracked files beyond their cap by count', () => {
    const longDiff = Array.from({ length: 100 }, (_, index) => `+line ${index}`).join('\n');
    const untracked = Array.from({ length: 205 }, (_, index) => `file${String(index).padStart(3, '0')}.txt`);
    const text = changesText([{ name: 'app', staged: '', unstaged: longDiff, untracked }], 200);
    const lines = text.split('\n');
    const cutLine = lines.find((line) => line.startsWith('… ('));
    const kept = lines.filter((line) => line.startsWith('+line'));
    assert.deepStrictEqual(
      {
        head: lines.slice(0, 2),
        keptWhole: kept.every((line, index) => line === `+line ${index}`),
        cutSays: cutLine === `… (${longDiff.length + 1 - kept.map((line) => `${line}\n`).join('').length} more characters of this diff were left out: over the size limit)`,
        untrackedNamed: lines.filter((line) => line.startsWith('file')).length,
        last: lines[lines.length - 1],
      },
      { head: ['Repository: app', 'Unstaged changes (git diff):'], keptWhole: true, cutSays: true, untrackedNamed: 200, last: '… and 5 more' },
    );
    assert.ok(kept.length > 0 && kept.length < 100);
  });
});
