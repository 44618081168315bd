/**
 * The conversation store on a real directory: files and index, atomic replacement (a crash
 * between writing and renaming leaves the old file whole), damaged files reported and left
 * alone, the index rebuilt from the files, saves of one conversation serialised, ids checked.
 */

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile, rename, truncate, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeFileSystem, type AtomicFileSystem } from '../../src/shell/chat/atomicFile';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import type { Conversation } from '../../src/shell/chat/ports';
import { indexFileName } from '../../src/shell/chat/summaryIndex';
import { changeLogName } from '../../src/shell/chat/changeLog';
import { useChatRigs } from '../helpers/chatHarness';
import { MemoryLog } from '../helpers/chatFakes';

function conversation(id: string, updatedAt: number, title = `Title ${id}`, questions = 1): Conversation {
  const messages: Conversation['messages'] = [];
  for (let index = 0; index < questions; index++) {
    messages.push({ id: `q${index}`, role: 'user', content: `Question ${index}`, status: 'complete', createdAt: updatedAt });
    messages.push({ id: `a${index}`, role: 'assistant', content: `Answer ${index}`, model: 'mock/echo', status: 'complete', usage: { promptTokens: 3, completionTokens: 5 }, createdAt: updatedAt });
  }
  return { version: 2, id, title, createdAt: updatedAt - 10, updatedAt, model: 'mock/echo', messages };
}

describe('conversation store', () => {
  const rigs = useChatRigs();

  async function fresh(directory: string, options: { fileSystem?: AtomicFileSystem; now?: () => number } = {}): Promise<{ store: FileConversationStore; log: MemoryLog; unreadable: string[] }> {
    const log = new MemoryLog();
    const unreadable: string[] = [];
    const store = new FileConversationStore({ directory, log, onUnreadable: (id, problem) => unreadable.push(`${id}: ${problem}`), ...options });
    return { store, log, unreadable };
  }

  it('saves, loads and lists conversations newest first, with an index beside them', async () => {
    const directory = join(await rigs.directory(), 'conversations');
    const { store } = await fresh(directory);
    assert.deepStrictEqual(await store.list(), [], 'no directory yet: an empty history');
    await store.save(conversation('older', 1_000));
    await store.save(conversation('newer', 2_000, 'Newer', 2));
    assert.deepStrictEqual(await store.list(), [
      { id: 'newer', title: 'Newer', updatedAt: 2_000, messageCount: 4 },
      { id: 'older', title: 'Title older', updatedAt: 1_000, messageCount: 2 },
    ]);
    assert.deepStrictEqual(await store.load('newer'), conversation('newer', 2_000, 'Newer', 2));
    assert.equal(await store.load('missing'), undefined);
    // The index file is written now and then, not on every save: flushed, it holds both.
    await store.flush();
    assert.deepStrictEqual((await readdir(directory)).sort(), [changeLogName, indexFileName, 'newer.json', 'older.json']);
    const index = JSON.parse(await readFile(join(directory, indexFileName), 'utf8')) as { version: number; entries: Record<string, { summary: unknown }> };
    assert.deepStrictEqual(
      [index.version, Object.keys(index.entries).sort(), index.entries['newer']?.summary],
      [1, ['newer', 'older'], { id: 'newer', title: 'Newer', updatedAt: 2_000, messageCount: 4 }],
    );
  });

  it('refuses ids that could leave the directory, and keeps `__proto__` an ordinary id', async () => {
    const directory = await rigs.directory();
    const { store } = await fresh(directory);
    for (const id of ['../escape', 'a/b', '..', 'x.json', '', 'a'.repeat(101), 'C:\\x']) {
      await assert.rejects(store.save(conversation(id, 1)), /not a valid conversation id/);
      assert.equal(await store.load(id), undefined);
      await assert.rejects(store.delete(id), /invalid conversation id/);
    }
    await store.save(conversation('__proto__', 5));
    await store.flush();
    assert.deepStrictEqual(
      (await (await fresh(directory)).store.list()).map((summary) => summary.id),
      ['__proto__'],
    );
    assert.equal(({} as Record<string, unknown>)['summary'], undefined);
    assert.deepStrictEqual(readdirSync(directory).sort(), ['__proto__.json', changeLogName, indexFileName]);
  });

  it('survives a crash between writing and renaming: the old file stays whole, the leftover is ignored, then cleaned', async () => {
    const directory = await rigs.directory();
    const { store } = await fresh(directory);
    const original = conversation('c1', 1_000, 'Before');
    await store.save(original);
    const before = readFileSync(join(directory, 'c1.json'), 'utf8');
    // The process "dies" after the temporary file is written and synced, before the rename: nothing cleans up.
    const crashing: AtomicFileSystem = {
      ...nodeFileSystem,
      rename: async () => {
        throw new Error('killed before rename');
      },
      unlink: async () => undefined,
    };
    const { store: dying } = await fresh(directory, { fileSystem: crashing });
    await assert.rejects(dying.save(conversation('c1', 2_000, 'After', 3)), /killed before rename/);
    assert.equal(readFileSync(join(directory, 'c1.json'), 'utf8'), before, 'the saved conversation is untouched');
    const leftovers = readdirSync(directory).filter((name) => name.endsWith('.tmp'));
    assert.equal(leftovers.length, 1);
    assert.ok(readFileSync(join(directory, leftovers[0]!), 'utf8').includes('"After"'), 'the crash left the new content in the temporary file');

    let now = Date.now();
    const { store: restarted, unreadable } = await fresh(directory, { now: () => now });
    assert.deepStrictEqual(await restarted.list(), [{ id: 'c1', title: 'Before', updatedAt: 1_000, messageCount: 2 }]);
    assert.deepStrictEqual(await restarted.load('c1'), original);
    assert.deepStrictEqual(unreadable, []);
    assert.equal(readdirSync(directory).filter((name) => name.endsWith('.tmp')).length, 1, 'a recent temporary file may be another window writing');
    now += 11 * 60_000;
    await restarted.list();
    assert.deepStrictEqual(readdirSync(directory).filter((name) => name.endsWith('.tmp')), [], 'an old leftover is removed');
  });

  it('reports a truncated file once, leaves it out, never overwrites it, and keeps it aside when the id is saved again', async () => {
    const directory = await rigs.directory();
    const { store } = await fresh(directory);
    await store.save(conversation('good', 1_000));
    await store.save(conversation('broken', 2_000));
    const path = join(directory, 'broken.json');
    const whole = readFileSync(path);
    await truncate(path, Math.floor(whole.length / 2));
    const damaged = readFileSync(path);

    const { store: reader, unreadable, log } = await fresh(directory);
    assert.deepStrictEqual(await reader.list(), [{ id: 'good', title: 'Title good', updatedAt: 1_000, messageCount: 2 }]);
    assert.deepStrictEqual(await reader.list(), [{ id: 'good', title: 'Title good', updatedAt: 1_000, messageCount: 2 }]);
    assert.equal(await reader.load('broken'), undefined);
    assert.equal(unreadable.length, 1, `reported once: ${unreadable.join(' | ')}`);
    assert.match(unreadable[0]!, /^broken: not valid JSON/);
    assert.equal(log.lines.filter((line) => line.startsWith('warn: Conversation store: broken.json cannot be read')).length, 1);
    assert.deepStrictEqual(readFileSync(path), damaged, 'the damaged file is left as it is');

    await reader.save(conversation('broken', 3_000, 'Saved again'));
    const aside = readdirSync(directory).filter((name) => name.startsWith('broken.damaged-'));
    assert.equal(aside.length, 1);
    assert.deepStrictEqual(readFileSync(join(directory, aside[0]!)), damaged, 'the damaged content was kept for recovery');
    assert.deepStrictEqual(
      (await reader.list()).map((summary) => summary.title),
      ['Saved again', 'Title good'],
    );
  });

  it('reports files that parse but are not conversations, or hold another id', async () => {
    const directory = await rigs.directory();
    const { store, unreadable } = await fresh(directory);
    await writeFile(join(directory, 'wrongshape.json'), JSON.stringify({ version: 1, id: 'wrongshape', messages: 'no' }));
    await writeFile(join(directory, 'future.json'), JSON.stringify({ ...conversation('future', 1), version: 3 }));
    await writeFile(join(directory, 'moved.json'), JSON.stringify(conversation('other', 1)));
    await writeFile(join(directory, 'badmessage.json'), JSON.stringify({ ...conversation('badmessage', 1), messages: [{ id: 'm', role: 'system', content: 'x', status: 'complete', createdAt: 1 }] }));
    const question = { id: 'q', role: 'user', content: 'x', status: 'complete', createdAt: 1 };
    await writeFile(join(directory, 'remoteimage.json'), JSON.stringify({ ...conversation('remoteimage', 1), messages: [{ ...question, attachments: [{ kind: 'image', name: 'x', dataUrl: 'https://evil.example/x.png' }] }] }));
    await writeFile(join(directory, 'badaction.json'), JSON.stringify({ ...conversation('badaction', 1), messages: [{ ...question, role: 'assistant', status: 'error', error: { message: 'x', kind: 'Error', actions: ['runScript'] } }] }));
    await writeFile(join(directory, 'notes.txt'), 'not a conversation file at all');
    assert.deepStrictEqual(await store.list(), []);
    assert.deepStrictEqual(unreadable.sort(), [
      'badaction: not a conversation of version 1 to 2',
      'badmessage: not a conversation of version 1 to 2',
      'future: not a conversation of version 1 to 2',
      "moved: it holds conversation 'other'",
      'remoteimage: not a conversation of version 1 to 2',
      'wrongshape: not a conversation of version 1 to 2',
    ]);
  });

  it('rebuilds a missing or damaged index from the files, and heals one that is out of date', async () => {
    const directory = await rigs.directory();
    const { store } = await fresh(directory);
    await store.save(conversation('a', 1_000));
    await store.save(conversation('b', 2_000));
    const expected = [
      { id: 'b', title: 'Title b', updatedAt: 2_000, messageCount: 2 },
      { id: 'a', title: 'Title a', updatedAt: 1_000, messageCount: 2 },
    ];
    await store.flush();
    await unlink(join(directory, indexFileName));
    assert.deepStrictEqual(await (await fresh(directory)).store.list(), expected, 'index missing');
    await writeFile(join(directory, indexFileName), '{"version":1,"entries":{"a":{"stamp":');
    const { store: afterDamage, log } = await fresh(directory);
    assert.deepStrictEqual(await afterDamage.list(), expected, 'index damaged');
    assert.ok(log.lines.some((line) => line.startsWith('info: Conversation store: the index could not be read')));
    await afterDamage.save(conversation('c', 3_000));
    await afterDamage.flush();
    const rebuilt = JSON.parse(readFileSync(join(directory, indexFileName), 'utf8')) as { entries: Record<string, unknown> };
    assert.deepStrictEqual(Object.keys(rebuilt.entries).sort(), ['a', 'b', 'c'], 'the index is whole again');

    // Another window changes the directory behind this store's back: a new file, a removed one, a changed one.
    const other = (await fresh(directory)).store;
    await other.save(conversation('d', 4_000));
    await other.delete('a');
    await other.save(conversation('b', 5_000, 'Changed elsewhere'));
    await utimes(join(directory, 'b.json'), new Date(), new Date(Date.now() + 5_000));
    assert.deepStrictEqual(
      (await afterDamage.list()).map((summary) => [summary.id, summary.title]),
      [
        ['b', 'Changed elsewhere'],
        ['d', 'Title d'],
        ['c', 'Title c'],
      ],
    );
  });

  it('serialises concurrent saves of one conversation, in call order, the last one winning', async () => {
    const directory = await rigs.directory();
    const renamedTitles: string[] = [];
    let writing = 0;
    let mostAtOnce = 0;
    const observing: AtomicFileSystem = {
      ...nodeFileSystem,
      open: async (...args: Parameters<typeof nodeFileSystem.open>) => {
        if (String(args[0]).includes('same.json')) {
          writing++;
          mostAtOnce = Math.max(mostAtOnce, writing);
        }
        return nodeFileSystem.open(...args);
      },
      rename: async (from, to) => {
        if (String(to).endsWith('same.json')) {
          renamedTitles.push((JSON.parse(readFileSync(from, 'utf8')) as Conversation).title);
          writing--;
        }
        await rename(from, to);
      },
    };
    const { store } = await fresh(directory, { fileSystem: observing });
    const titles = Array.from({ length: 20 }, (_, index) => `Version ${index}`);
    await Promise.all(titles.map((title, index) => store.save(conversation('same', 1_000 + index, title, 1 + (index % 3)))));
    assert.deepStrictEqual(renamedTitles, titles);
    assert.equal(mostAtOnce, 1, 'never two writes of one conversation at once');
    assert.equal((await store.load('same'))?.title, 'Version 19');
  });

  it('renames without changing the order, and deletes (a missing one quietly)', async () => {
    const directory = await rigs.directory();
    const { store } = await fresh(directory);
    await store.save(conversation('a', 1_000));
    await store.save(conversation('b', 2_000));
    await store.rename('a', 'Renamed');
    await store.rename('missing', 'Nothing');
    await store.delete('b');
    await store.delete('b');
    assert.deepStrictEqual(await store.list(), [{ id: 'a', title: 'Renamed', updatedAt: 1_000, messageCount: 2 }]);
    assert.deepStrictEqual(await (await fresh(directory)).store.list(), [{ id: 'a', title: 'Renamed', updatedAt: 1_000, messageCount: 2 }]);
    await store.flush();
    assert.deepStrictEqual((await readdir(directory)).sort(), ['a.json', changeLogName, indexFileName]);
  });
});
