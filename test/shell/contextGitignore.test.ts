/**
 * Git's ignore rules as `#file` and `#folder` apply them (`GitignoreRules` over the `ignore`
 * package): patterns relative to their `.gitignore`'s folder, nested files overriding their
 * parents, negations, folder-only patterns, and nothing re-included inside an ignored folder.
 */

import assert from 'node:assert/strict';
import { GitignoreRules, searchedFolders, withoutIgnored } from '../../src/shell/context/gitignoreRules';

const workspace = [
  'README.md',
  'build/out.js',
  'debug.log',
  'keep.log',
  'node_modules/x/index.js',
  'packages/app/build/bundle.js',
  'packages/app/dist/app.js',
  'packages/app/src/build.ts',
  'packages/app/src/main.ts',
  'packages/app/secret.env',
  'packages/app/important.env',
  'packages/lib/dist/lib.js',
  'packages/lib/local.txt',
  'src/main.ts',
  'src/generated/api.ts',
  'src/generated/keep/types.ts',
  'tmp',
  'docs/tmp/notes.md',
];

function kept(rules: GitignoreRules): string[] {
  return workspace.filter((path) => !rules.ignores(path));
}

describe('context .gitignore rules', () => {
  it('applies the root file: names anywhere, anchored paths, folder-only patterns and negations', () => {
    const rules = new GitignoreRules([{ folder: '', content: '# build output\nnode_modules\n/build/\n*.log\n!keep.log\ntmp/\n' }], { ignoreCase: false });
    assert.deepStrictEqual(kept(rules), [
      'README.md',
      'keep.log',
      'packages/app/build/bundle.js',
      'packages/app/dist/app.js',
      'packages/app/src/build.ts',
      'packages/app/src/main.ts',
      'packages/app/secret.env',
      'packages/app/important.env',
      'packages/lib/dist/lib.js',
      'packages/lib/local.txt',
      'src/main.ts',
      'src/generated/api.ts',
      'src/generated/keep/types.ts',
      // `tmp/` only matches folders: the file `tmp` stays, the folder docs/tmp goes.
      'tmp',
    ]);
  });

  it('reads a nested file relative to its own folder, which overrides its parents', () => {
    const rules = new GitignoreRules(
      [
        { folder: '', content: 'dist/\n*.env\n' },
        { folder: 'packages/app', content: '/build\n!important.env\n' },
        { folder: 'packages/lib', content: 'local.txt\n' },
      ],
      { ignoreCase: false },
    );
    assert.deepStrictEqual(
      kept(rules).filter((path) => path.startsWith('packages/')),
      // app's `/build` is anchored to packages/app (its src/build.ts stays); its `!important.env`
      // re-includes what the root ignored; lib's rule does not reach app.
      ['packages/app/src/build.ts', 'packages/app/src/main.ts', 'packages/app/important.env'],
    );
  });

  it('never re-includes a file inside an ignored folder, as Git does', () => {
    const rules = new GitignoreRules(
      [
        { folder: '', content: 'src/generated/\n!src/generated/keep/types.ts\n' },
        { folder: 'src/generated', content: '!keep/\n' },
      ],
      { ignoreCase: false },
    );
    assert.deepStrictEqual(
      kept(rules).filter((path) => path.startsWith('src/')),
      ['src/main.ts'],
    );
  });

  it('re-includes a file whose folder is not ignored, only its contents pattern', () => {
    const rules = new GitignoreRules([{ folder: '', content: 'src/generated/*\n!src/generated/keep/\n' }], { ignoreCase: false });
    assert.deepStrictEqual(
      kept(rules).filter((path) => path.startsWith('src/')),
      ['src/main.ts', 'src/generated/keep/types.ts'],
    );
  });

  it('matches case as the file system does', () => {
    const content = 'readme.md\n';
    assert.deepStrictEqual(
      [new GitignoreRules([{ folder: '', content }], { ignoreCase: false }).ignores('README.md'), new GitignoreRules([{ folder: '', content }], { ignoreCase: true }).ignores('README.md')],
      [false, true],
    );
  });

  it('answers for folders written with a trailing slash (the top-level folders never searched)', () => {
    const rules = new GitignoreRules([{ folder: '', content: 'node_modules/\n/out\n' }], { ignoreCase: false });
    assert.deepStrictEqual(
      ['node_modules/', 'out/', 'src/', 'src/out/'].map((folder) => rules.ignores(folder)),
      [true, true, false, false],
    );
  });
});

describe('context workspace listing', () => {
  it("filters a search's files by the .gitignore files found among them, nested ones relative to their folder", async () => {
    const disk = new Map([
      ['.gitignore', '*.log\n/coverage/\n'],
      ['packages/app/.gitignore', 'generated/\n!keep.log\n'],
    ]);
    const found = ['src/index.ts', 'debug.log', '.gitignore', 'coverage/index.html', 'packages/app/.gitignore', 'packages/app/keep.log', 'packages/app/trace.log', 'packages/app/generated/api.ts', 'packages/app/src/generated.ts', 'packages/app/coverage/x.html', 'unreadable/.gitignore', 'unreadable/a.txt'];
    const reads: string[] = [];
    const kept = await withoutIgnored(
      found.map((relative) => ({ relative })),
      async (file) => {
        reads.push(file.relative);
        return disk.get(file.relative);
      },
      { ignoreCase: false },
    );
    assert.deepStrictEqual(
      { kept: kept.map((file) => file.relative), reads },
      {
        kept: ['.gitignore', 'packages/app/.gitignore', 'packages/app/coverage/x.html', 'packages/app/keep.log', 'packages/app/src/generated.ts', 'src/index.ts', 'unreadable/.gitignore', 'unreadable/a.txt'],
        reads: ['.gitignore', 'packages/app/.gitignore', 'unreadable/.gitignore'],
      },
    );
  });

  it('searches only the top-level folders the root .gitignore keeps, never .git', () => {
    const entries = [
      { name: 'src', isFolder: true },
      { name: 'node_modules', isFolder: true },
      { name: '.git', isFolder: true },
      { name: 'out', isFolder: true },
      { name: 'docs', isFolder: true },
      { name: 'out.txt', isFolder: false },
    ];
    assert.deepStrictEqual(searchedFolders(entries, 'node_modules/\n/out\n', { ignoreCase: false }), ['docs', 'src']);
  });
});
