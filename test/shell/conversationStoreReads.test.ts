/**
 * What the conversation store reads, counted under it (not timed): the history list is served by
 * the summary index — every file read once when there is none, none when it is current, only the
 * changed one after a save elsewhere — and the rebuild reads several files at once; opening a
 * conversation, from the store or through the chat's history, reads that one file.
 */

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChatController } from '../../src/shell/chat/controller';
import { conversationFileText } from '../../src/shell/chat/conversationFormat';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import type { ReadingFileSystem } from '../../src/shell/chat/readingFileSystem';
import type { Conversation } from '../../src/shell/chat/ports';
import { indexFileName } from '../../src/shell/chat/summaryIndex';
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
    assert.deepStrictEqual([...reads.files].sort(), [indexFileName, ...Array.from({ length: saved }, (_, index) => `c${index}.json`)].sort());
    reads.reset();
    assert.equal((await store.list()).length, saved);
    assert.deepStrictEqual(reads.files, [], 'a current index: nothing read');
    // The index written after the rebuild is what a reloaded window lists from.
    await store.save(conversation(saved));
    const reloaded = new CountingReads();
    assert.equal((await storeOf(directory, reloaded.port).list()).length, saved + 1);
    assert.deepStrictEqual(reloaded.files, [indexFileName]);
  });

  it('reads only the conversation another window changed', async () => {
    const directory = await history();
    const reads = new CountingReads();
    const store = storeOf(directory, reads.port);
    await store.list();
    const changed = { ...conversation(7), title: 'Changed elsewhere', updatedAt: 9_999 };
    await writeFile(join(directory, 'c7.json'), conversationFileText(changed));
    reads.reset();
    const list = await store.list();
    assert.deepStrictEqual([reads.files, list[0]], [['c7.json'], { id: 'c7', title: 'Changed elsewhere', updatedAt: 9_999, messageCount: 2 }]);
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
