/**
 * What the conversation store reads, counted under it (not timed): the history list is served by
 * the summary index — every file read once when there is none, none when it is current, only the
 * changed one after a save elsewhere — and the rebuild reads several files at once; opening a
 * conversation, from the store or through the chat's history, reads that one file.
 */

import assert from 'node:assert/strict';
import { rename, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChatController } from '../../src/shell/chat/controller';
import { conversationFileText } from '../../src/shell/chat/conversationFormat';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import type { ReadingFileSystem } from '../../src/shell/chat/readingFileSystem';
import type { Conversation } from '../../src/shell/chat/ports';
import { indexFileName } from '../../src/shell/chat/summaryIndex';
import { changeLogName } from '../../src/shell/chat/changeLog';
import { coreCompletions, useChatRigs } from '../helpers/chatHarness';
import { MemoryLog, RecordingSink, TestEnvironment, TestModels } from '../helpers/chatFakes';
import { CountingReads } from '../helpers/countingReads';

const saved = 40;

function conversation(index: number): Conversation {
  const updatedAt = 1_000 + index;
  return {
    version: 2,
    id: `c${index}`,
    title: `Conversation ${index}`,
    createdAt: updatedAt,
    updatedAt,
    model: 'mock/echo',
    messages: [
      { id: 'q', role: 'user', content: `Question ${index}`, status: 'complete', createdAt: updatedAt },
      { id: 'a', role: 'assistant', content: `Answer ${index}`, status: 'complete', createdAt: updatedAt },
    ],
  };
}

describe('conversation store reads', () => {
  const rigs = useChatRigs();

  /** A folder of `saved` conversations written in the store's format, without an index (as after an upgrade). */
  async function history(): Promise<string> {
    const directory = await rigs.directory();
    await Promise.all(Array.from({ length: saved }, (_, index) => writeFile(join(directory, `c${index}.json`), conversationFileText(conversation(index)))));
    return directory;
  }

  function storeOf(directory: string, reads: ReadingFileSystem): FileConversationStore {
    return new FileConversationStore({ directory, log: new MemoryLog(), readingFileSystem: reads });
  }

  it('lists from the summary index: every file once without it, none while it is current, the index file alone after a reload', async () => {
    const directory = await history();
    const reads = new CountingReads();
    const store = storeOf(directory, reads.port);
    assert.equal((await store.list()).length, saved);
    assert.deepStrictEqual([...reads.files].sort(), [changeLogName, indexFileName, ...Array.from({ length: saved }, (_, index) => `c${index}.json`)].sort());
    reads.reset();
    assert.equal((await store.list()).length, saved);
    assert.deepStrictEqual([reads.files, reads.stats], [[], 1], 'a current index: nothing read, the change log alone stat-ed');
    // The index written (flushed) after the rebuild is what a reloaded window lists from.
    await store.save(conversation(saved));
    await store.flush();
    const reloaded = new CountingReads();
    assert.equal((await storeOf(directory, reloaded.port).list()).length, saved + 1);
    assert.deepStrictEqual(reloaded.files, [indexFileName, changeLogName]);
  });

  it('lists after its own save, rename and delete without reading or stat-ing a conversation', async () => {
    const directory = await history();
    const reads = new CountingReads();
    const store = storeOf(directory, reads.port);
    await store.list();
    await store.save({ ...conversation(3), title: 'Saved here', updatedAt: 5_000 });
    await store.rename('c4', 'Renamed here');
    await store.delete('c5');
    reads.reset();
    const list = await store.list();
    assert.deepStrictEqual(
      [reads.files, reads.stats, list.length, list[0]?.title, list.find((summary) => summary.id === 'c4')?.title],
      [[], 1, saved - 1, 'Saved here', 'Renamed here'],
    );
  });

  it('reads only the conversations another window saved or deleted, stat-ing those and the change log', async () => {
    const directory = await history();
    const reads = new CountingReads();
    const store = storeOf(directory, reads.port);
    await store.list();
    const otherWindow = storeOf(directory, new CountingReads().port);
    await otherWindow.save({ ...conversation(7), title: 'Changed elsewhere', updatedAt: 9_999 });
    await otherWindow.save(conversation(saved));
    await otherWindow.delete('c2');
    reads.reset();
    const list = await store.list();
    assert.deepStrictEqual(
      [[...reads.files].sort(), reads.stats, list.length, list[0]],
      [[changeLogName, 'c7.json', `c${saved}.json`].sort(), 3, saved, { id: 'c7', title: 'Changed elsewhere', updatedAt: 9_999, messageCount: 2 }],
    );
  });

  it('sees a change another window logged in the same clock tick as its own, the stamps alike', async () => {
    const directory = await history();
    const store = storeOf(directory, new CountingReads().port);
    await store.list();
    const otherWindow = storeOf(directory, new CountingReads().port);
    // Same size, and the modification time put back: only the log tells this file changed.
    const before = await stat(join(directory, 'c9.json'));
    await otherWindow.save({ ...conversation(9), title: 'Conversation X' });
    await utimes(join(directory, 'c9.json'), before.atime, before.mtime);
    assert.equal((await store.list()).find((summary) => summary.id === 'c9')?.title, 'Conversation X');
  });

  it('compares every file again when the change log was replaced or torn, and sees files written without a log line', async () => {
    const directory = await history();
    const reads = new CountingReads();
    const store = storeOf(directory, reads.port);
    await store.list();
    // A window of an older version, or one that died between its file and its line.
    await writeFile(join(directory, 'c1.json'), conversationFileText({ ...conversation(1), title: 'Unlogged', updatedAt: 8_000 }));
    // Logs are replaced by renaming a new file over them, as a window rotating it does.
    await writeFile(join(directory, 'replacement'), 'switchboard-changes 000000000000000000\n');
    await rename(join(directory, 'replacement'), join(directory, changeLogName));
    reads.reset();
    assert.equal((await store.list())[0]?.title, 'Unlogged');
    assert.equal(reads.stats, saved + 2, 'every conversation, and the log twice (its check and its new state)');
    await writeFile(join(directory, changeLogName), 'switchboard-changes 000000000000000000\nnot a line\n');
    reads.reset();
    await store.list();
    assert.equal(reads.stats, saved + 2, 'a line that does not parse: every conversation again');
    reads.reset();
    await store.list();
    assert.equal(reads.stats, 1, 'then the log alone');
  });

  it('rebuilds the index reading several files at once, never more than a few', async () => {
    const directory = await history();
    let reading = 0;
    let mostAtOnce = 0;
    const counting = new CountingReads();
    const observing: ReadingFileSystem = {
      ...counting.port,
      readFile: async (path, encoding) => {
        reading++;
        mostAtOnce = Math.max(mostAtOnce, reading);
        try {
          return await counting.port.readFile(path, encoding);
        } finally {
          reading--;
        }
      },
    };
    assert.equal((await storeOf(directory, observing).list()).length, saved);
    assert.ok(mostAtOnce > 1 && mostAtOnce <= 8, `${mostAtOnce} files read at once`);
  });

  it('opens one conversation by reading its file alone, from the store and through the chat', async () => {
    const directory = await history();
    const reads = new CountingReads();
    const store = storeOf(directory, reads.port);
    await store.list();
    reads.reset();
    assert.equal((await store.load('c3'))?.title, 'Conversation 3');
    assert.deepStrictEqual(reads.files, ['c3.json']);

    const controller = new ChatController({ client: coreCompletions(rigs.client()), store, models: new TestModels(), log: new MemoryLog(), env: new TestEnvironment() });
    const sink = new RecordingSink();
    try {
      controller.attachView(sink);
      await controller.ready();
      reads.reset();
      await controller.history.open('c11');
      assert.deepStrictEqual(reads.files, ['c11.json']);
      const snapshot = sink.of('state/snapshot').pop()?.snapshot;
      assert.deepStrictEqual([snapshot?.conversationId, snapshot?.messages.length, snapshot?.history.length], ['c11', 2, saved]);
    } finally {
      controller.dispose();
      await controller.idle();
    }
  });
});
