/**
 * `#folder`: the folder's tree (folders first, capped, saying what it did not show) and its
 * files packed within the token budget, shallow files first, every file left out named with its
 * reason, and the whole text's count within the budget.
 */

import assert from 'node:assert/strict';
import type { FileText } from '../../src/shell/context/contextHost';
import { decodeText, looksBinary } from '../../src/shell/context/fileBytes';
import { folderTree, packFolder, type FolderRequest } from '../../src/shell/context/folderContext';

/** A token per four characters, rounded up: predictable sizes for the budget arithmetic. */
async function count(text: string): Promise<number> {
  return Math.ceil(text.length / 4);
}

function disk(files: Record<string, FileText | string>): { read: FolderRequest['read']; reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read: async (path) => {
      reads.push(path);
      const file = files[path];
      if (file === undefined) {
        throw new Error(`${path} was not listed`);
      }
      return typeof file === 'string' ? { kind: 'text', languageId: 'plaintext', text: file } : file;
    },
  };
}

describe('context folder tree', () => {
  it('indents folders before files, each level sorted', () => {
    assert.deepStrictEqual(folderTree('src', ['z.ts', 'chat/b.ts', 'a.ts', 'chat/deep/c.ts', 'api/d.ts']), {
      lines: ['src/', '  api/', '    d.ts', '  chat/', '    deep/', '      c.ts', '    b.ts', '  a.ts', '  z.ts'],
      shown: ['api/d.ts', 'chat/deep/c.ts', 'chat/b.ts', 'a.ts', 'z.ts'],
      hidden: 0,
    });
  });

  it('stops at the cap and counts what it did not show', () => {
    assert.deepStrictEqual(folderTree('root', ['a/1', 'a/2', 'b/3', 'c'], 3), {
      lines: ['root/', '  a/', '    1', '    2', '  … and 3 more entries'],
      shown: ['a/1', 'a/2'],
      hidden: 3,
    });
  });
});

describe('context folder packing', () => {
  it('packs shallow files first while the budget lasts, and names each file left out with its reason', async () => {
    const files = disk({
      'src/index.ts': 'export {};',
      'src/deep/util.ts': 'x'.repeat(40),
      'src/deep/big.ts': 'y'.repeat(400),
      'src/logo.png': { kind: 'binary' },
      'src/huge.json': { kind: 'tooLarge' },
      'src/gone.ts': { kind: 'unreadable', reason: 'EACCES' },
      'other/outside.ts': 'never read',
    });
    const packing = await packFolder({
      folder: 'src',
      label: 'src',
      files: ['other/outside.ts', 'src/deep/big.ts', 'src/deep/util.ts', 'src/gone.ts', 'src/huge.json', 'src/index.ts', 'src/logo.png'],
      incomplete: false,
      budget: 120,
      read: files.read,
      count,
    });
    const expected = [
      'src/\n  deep/\n    big.ts\n    util.ts\n  gone.ts\n  huge.json\n  index.ts\n  logo.png',
      'src/index.ts\n```ts\nexport {};\n```',
      `src/deep/util.ts\n\`\`\`ts\n${'x'.repeat(40)}\n\`\`\``,
      [
        'src/gone.ts — not included: could not be read',
        'src/huge.json — not included: too large to attach',
        'src/logo.png — not included: binary',
        'src/deep/big.ts — not included: over the budget',
      ].join('\n'),
    ].join('\n\n');
    assert.deepStrictEqual(packing, {
      text: expected,
      tokens: Math.ceil(expected.length / 4),
      included: ['src/index.ts', 'src/deep/util.ts'],
      leftOut: [
        { path: 'src/gone.ts', reason: 'unreadable' },
        { path: 'src/huge.json', reason: 'tooLarge' },
        { path: 'src/logo.png', reason: 'binary' },
        { path: 'src/deep/big.ts', reason: 'overBudget' },
      ],
    });
    assert.ok(packing.tokens <= 120);
    assert.ok(!files.reads.includes('other/outside.ts'));
  });

  it('reserves room for the names of the files left out, so a file that fits is not crowded out', async () => {
    // a's contents (30 tokens) fit after the tree (5) but not with b's name listed (10): a is left
    // out at once and b (5) goes in, rather than a going in and both being dropped afterwards.
    const files = disk({ 'a.txt': 'a'.repeat(100), 'b.txt': 'b' });
    const packing = await packFolder({ folder: '', label: 'app', files: ['a.txt', 'b.txt'], incomplete: false, budget: 40, read: files.read, count });
    assert.deepStrictEqual(packing, {
      text: 'app/\n  a.txt\n  b.txt\n\nb.txt\n```txt\nb\n```\n\na.txt — not included: over the budget',
      tokens: 20,
      included: ['b.txt'],
      leftOut: [{ path: 'a.txt', reason: 'overBudget' }],
    });
  });

  it('lets the last files go when the whole counts more than its parts did', async () => {
    // A tokenizer whose count of a long text exceeds the sum of its pieces' counts (merges differ at
    // the seams): the pieces fit, the whole does not, and it is the whole that is sent.
    const seams = async (text: string): Promise<number> => Math.ceil(text.length / 4) + (text.length > 200 ? 10 : 0);
    const files = disk({ 'a.txt': 'a'.repeat(100), 'b.txt': 'b'.repeat(100), 'c.txt': 'c'.repeat(300) });
    const packing = await packFolder({ folder: '', label: 'app', files: ['a.txt', 'b.txt', 'c.txt'], incomplete: false, budget: 80, read: files.read, count: seams });
    assert.deepStrictEqual(
      { included: packing.included, leftOut: packing.leftOut, tokens: packing.tokens, counted: packing.tokens === (await seams(packing.text)) },
      { included: ['a.txt'], leftOut: [{ path: 'b.txt', reason: 'overBudget' }, { path: 'c.txt', reason: 'overBudget' }], tokens: 66, counted: true },
    );
  });

  it('reads nothing more once the budget is spent, and still names every file', async () => {
    const files = disk({ 'a.txt': 'a'.repeat(200), 'b.txt': 'b', 'c.txt': 'c' });
    const packing = await packFolder({ folder: '', label: 'app', files: ['a.txt', 'b.txt', 'c.txt'], incomplete: false, budget: 5, read: files.read, count });
    assert.deepStrictEqual(
      { reads: files.reads, included: packing.included, leftOut: packing.leftOut.map((entry) => entry.path) },
      { reads: [], included: [], leftOut: ['a.txt', 'b.txt', 'c.txt'] },
    );
  });

  it('says when the workspace listing was cut, and fences text that holds backticks safely', async () => {
    const files = disk({ 'notes.md': 'Use ```ts fences```.' });
    const packing = await packFolder({ folder: '', label: 'app', files: ['notes.md'], incomplete: true, budget: 1_000, read: files.read, count });
    assert.equal(packing.text, 'app/\n  notes.md\n  (the workspace has more files than were listed: this tree may be incomplete)\n\nnotes.md\n````md\nUse ```ts fences```.\n````');
  });
});

describe('context file bytes', () => {
  it('calls a file with a NUL byte binary unless a UTF-16 mark says it is text, and decodes text as VS Code shows it', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x68, 0x00, 0x69, 0x00]);
    const utf8WithMark = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('héllo')]);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
    assert.deepStrictEqual(
      { binary: [png, utf16, utf8WithMark].map(looksBinary), utf16: decodeText(utf16), utf8: decodeText(utf8WithMark) },
      { binary: [true, false, false], utf16: 'hi', utf8: 'héllo' },
    );
  });
});
