/**
 * find_files, search_text, get_problems and get_changes over a real temporary folder: globs,
 * matches as `path:line: text`, the caps said in the result, ignored and binary files left out, a
 * catastrophically backtracking expression stopped with an answer, and VS Code's diagnostics and
 * Git state as the model reads them.
 */

import assert from 'node:assert/strict';
import type { RepositoryChanges } from '../../../src/shell/context/changesText';
import { envSecret, makeRig, outsideSecret, projectFiles, removeRig, type ToolRig } from './workspaceToolsRig';

describe('workspace tools: find_files', () => {
  let rig: ToolRig | undefined;
  afterEach(async () => removeRig(rig));

  it('matches globs over paths (a glob without / at any depth, a folder/ for all under it), case ignored; ignored, excluded and linked-away files never match', async () => {
    rig = await makeRig();
    assert.deepStrictEqual(await rig.call('find_files', { pattern: '**/*.ts' }), { isError: false, text: '2 files match "**/*.ts":\nsrc/main.ts\nsrc/util/math.ts' });
    assert.deepStrictEqual(await rig.call('find_files', { pattern: 'MATH.ts' }), { isError: false, text: '1 file matches "MATH.ts":\nsrc/util/math.ts' });
    assert.deepStrictEqual(await rig.call('find_files', { pattern: 'src/' }), { isError: false, text: '2 files match "src/":\nsrc/main.ts\nsrc/util/math.ts' });
    assert.deepStrictEqual(await rig.call('find_files', { pattern: '{.env,build/**,node_modules/**}' }), { isError: false, text: 'No file of the workspace matches "{.env,build/**,node_modules/**}".' });
    assert.deepStrictEqual(await rig.call('find_files', { pattern: '' }), { isError: true, text: 'The argument "pattern" must not be empty.' });
    assert.deepStrictEqual(await rig.call('find_files', { pattern: `${'*'.repeat(501)}` }), { isError: true, text: 'The argument "pattern" is longer than 500 characters: give a shorter glob.' });
  });

  it('stops at 500 paths and says how many more matched', async () => {
    const files: Record<string, string> = {};
    for (let index = 0; index < 530; index += 1) {
      files[`gen/g${String(index).padStart(3, '0')}.json`] = '{}\n';
    }
    rig = await makeRig(files, { links: false });
    const lines = (await rig.call('find_files', { pattern: '*.json' })).text.split('\n');
    assert.deepStrictEqual(
      { count: lines.length, first: lines.slice(0, 2), last: lines.at(-1) },
      { count: 502, first: ['530 files match "*.json":', 'gen/g000.json'], last: '… and 30 more (the list stops at 500; give a narrower glob).' },
    );
  });

  it('says when the workspace had more files than were listed', async () => {
    rig = await makeRig(projectFiles, { cap: 2, links: false });
    assert.deepStrictEqual(await rig.call('find_files', { pattern: '*' }), {
      isError: false,
      text: '2 files match "*":\n.gitignore\nREADME.md\n(The workspace has more files than the 2 the tools list: some matches may be missing.)',
    });
  });
});

describe('workspace tools: search_text', () => {
  let rig: ToolRig | undefined;
  afterEach(async () => removeRig(rig));

  it('finds text as path:line: text, case ignored by default, exact with caseSensitive, as a regular expression, within an include glob', async () => {
    rig = await makeRig();
    assert.deepStrictEqual(await rig.call('search_text', { query: 'ADD(' }), {
      isError: false,
      text: [
        '2 matching lines for "ADD(" (text, case ignored), in 2 of 4 files searched:',
        'src/main.ts:4: return add(1, 2);',
        'src/util/math.ts:1: export function add(a: number, b: number): number {',
        '[1 binary or unreadable files were not searched.]',
        '[2 files reached through symbolic links were not searched.]',
      ].join('\n'),
    });
    assert.deepStrictEqual(await rig.call('search_text', { query: 'ADD(', caseSensitive: true }), {
      isError: false,
      text: 'No matches for "ADD(" (text, case-sensitive) in 4 files searched.\n[1 binary or unreadable files were not searched.]\n[2 files reached through symbolic links were not searched.]',
    });
    assert.deepStrictEqual(await rig.call('search_text', { query: 'function \\w+\\(', isRegExp: true, include: 'src/**/*.ts' }), {
      isError: false,
      text: '2 matching lines for "function \\\\w+\\\\(" (regular expression, case ignored), in 2 of 2 files searched:\nsrc/main.ts:3: export function main(): number {\nsrc/util/math.ts:1: export function add(a: number, b: number): number {',
    });
    assert.deepStrictEqual(await rig.call('search_text', { query: '(unclosed', isRegExp: true }), {
      isError: true,
      text: 'The argument "query" is not a valid JavaScript regular expression: Invalid regular expression: /(unclosed/i: Unterminated group.',
    });
  });

  it('never searches ignored, excluded or linked files: their secrets stay out', async () => {
    rig = await makeRig();
    for (const query of [envSecret, outsideSecret, 'module.exports', 'built']) {
      const result = await rig.call('search_text', { query });
      assert.match(result.text, /^No matches for/, query);
      assert.ok(!result.text.includes(envSecret) || query === envSecret, query);
    }
    assert.deepStrictEqual(await rig.call('search_text', { query: outsideSecret }), {
      isError: false,
      text: `No matches for "${outsideSecret}" (text, case ignored) in 4 files searched.\n[1 binary or unreadable files were not searched.]\n[2 files reached through symbolic links were not searched.]`,
    });
  });

  it('stops at 100 matching lines and says so; a long line is cut around its match', async () => {
    const many = Array.from({ length: 150 }, (_, index) => `needle ${index + 1}`).join('\n');
    const long = `${'a'.repeat(500)} needle ${'b'.repeat(500)}`;
    rig = await makeRig({ 'a.txt': `${long}\n`, 'b.txt': `${many}\n` }, { links: false });
    const lines = (await rig.call('search_text', { query: 'needle' })).text.split('\n');
    assert.deepStrictEqual(
      { count: lines.length, heading: lines[0], cut: lines[1], second: lines[2], last: lines.at(-1) },
      {
        count: 101,
        heading: 'The first 100 matching lines for "needle" (text, case ignored), in 2 files; the search stops at 100, so narrow it for more:',
        // 60 characters before the match, 200 in all.
        cut: `a.txt:1: …${'a'.repeat(59)} needle ${'b'.repeat(133)}…`,
        second: 'b.txt:1: needle 1',
        last: 'b.txt:99: needle 99',
      },
    );
  });

  it('skips a file over 1 MB and says so', async () => {
    rig = await makeRig({ 'big.log': `${'needle\n'.repeat(200_000)}`, 'small.txt': 'needle\n' }, { links: false });
    assert.deepStrictEqual(await rig.call('search_text', { query: 'needle' }), {
      isError: false,
      text: '1 matching line for "needle" (text, case ignored), in 1 of 1 files searched:\nsmall.txt:1: needle\n[1 files over 1,000,000 characters were not searched.]',
    });
  });

  it('stops a catastrophically backtracking expression and answers that it is too slow', async function () {
    this.timeout(30_000);
    rig = await makeRig({ 'evil.txt': `${'a'.repeat(60)}!\n` }, { links: false });
    const result = await rig.call('search_text', { query: '(a+)+$', isRegExp: true });
    assert.deepStrictEqual(result, {
      isError: true,
      text: 'The regular expression in "query" took over 3 s and was stopped: it likely backtracks catastrophically, as nested repetition such as (a+)+ does. Simplify it, or search for plain text.',
    });
    // The same file searched for plain text still answers at once afterwards.
    assert.equal((await rig.call('search_text', { query: 'aaa!' })).isError, false);
  });

  it('stops when the call is aborted', async () => {
    rig = await makeRig();
    const controller = new AbortController();
    controller.abort();
    assert.deepStrictEqual(await rig.call('search_text', { query: 'add' }, controller.signal), { isError: true, text: 'search_text was cancelled.' });
  });
});

describe('workspace tools: get_problems and get_changes', () => {
  let rig: ToolRig | undefined;
  afterEach(async () => removeRig(rig));

  it("lists the workspace's problems errors first, hints and files outside left out, or those under a path", async () => {
    rig = await makeRig();
    rig.host.diagnostics = [
      { path: 'src/util/math.ts', inWorkspace: true, line: 2, column: 3, severity: 'warning', message: 'Unused value', source: 'eslint', code: 'no-unused' },
      { path: 'src/main.ts', inWorkspace: true, line: 4, column: 10, severity: 'error', message: "Cannot find name 'ad'.", source: 'ts', code: '2304' },
      { path: 'src/main.ts', inWorkspace: true, line: 1, column: 1, severity: 'hint', message: 'faded' },
      { path: '/tmp/other.ts', inWorkspace: false, line: 1, column: 1, severity: 'error', message: 'elsewhere' },
    ];
    assert.deepStrictEqual(await rig.call('get_problems'), {
      isError: false,
      text: "2 problems in the workspace:\nsrc/main.ts:4:10 error: Cannot find name 'ad'. (ts 2304)\nsrc/util/math.ts:2:3 warning: Unused value (eslint no-unused)",
    });
    assert.deepStrictEqual(await rig.call('get_problems', { path: 'src/util' }), { isError: false, text: '1 problem in "src/util":\nsrc/util/math.ts:2:3 warning: Unused value (eslint no-unused)' });
    assert.deepStrictEqual(await rig.call('get_problems', { path: 'README.md' }), {
      isError: false,
      text: 'VS Code reports no problems in "README.md" (language servers report problems only for the files they have checked, often only the open ones).',
    });
  });

  it("shows Git's diffs and untracked files, or why there are none", async () => {
    rig = await makeRig();
    rig.host.git = { kind: 'unavailable' };
    assert.deepStrictEqual(await rig.call('get_changes'), { isError: true, text: "Git is not available: VS Code's Git extension is missing or disabled." });
    rig.host.git = { kind: 'noRepository' };
    assert.deepStrictEqual(await rig.call('get_changes'), { isError: true, text: 'The workspace is not in a Git repository.' });
    const clean: RepositoryChanges = { name: 'project', branch: 'main', staged: '', unstaged: '', untracked: [] };
    rig.host.git = { kind: 'repositories', repositories: [clean] };
    assert.deepStrictEqual(await rig.call('get_changes'), {
      isError: false,
      text: "Nothing has changed in the workspace's Git repository (project): the working tree and the index match the last commit.",
    });
    const diff = `diff --git a/src/main.ts b/src/main.ts\n${'+added line\n'.repeat(10_000)}`;
    rig.host.git = { kind: 'repositories', repositories: [{ ...clean, unstaged: diff, untracked: ['notes.md'] }] };
    const { text, isError } = await rig.call('get_changes');
    assert.deepStrictEqual(
      { isError, start: text.split('\n').slice(0, 3), end: text.split('\n').slice(-3).map((line) => line.replace(/\d+/, 'N')), capped: text.length > 60_000 && text.length < 66_000 },
      {
        isError: false,
        start: ['Repository: project (branch main)', 'Unstaged changes (git diff):', 'diff --git a/src/main.ts b/src/main.ts'],
        end: ['… (N more characters of this diff were left out: over the size limit)', 'Untracked files:', 'notes.md'],
        capped: true,
      },
    );
  });
});
