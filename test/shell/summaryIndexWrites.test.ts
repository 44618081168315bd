/**
 * When the store writes its summary index file, counted under its file operations (not timed):
 * not on every save, rename, delete or listing, but once after a delay or when flushed; and a
 * window that dies before that loses only the cache — the next window lists every conversation.
 */

import assert from 'node:assert/strict';
import { readFile, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { nodeFileSystem, type AtomicFileSystem } from '../../src/shell/chat/atomicFile';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import type { Conversation } from '../../src/shell/chat/ports';
import { indexFileName, indexWriteDelayMs } from '../../src/shell/chat/summaryIndex';
import { useChatRigs } from '../helpers/chatHarness';
import { MemoryLog } from '../helpers/chatFakes';

function conversation(id: string, updatedAt: number): Conversation {
  return {
    version: 2,
    id,
    title: `Title ${id}`,
    createdAt: updatedAt,
    updatedAt,
    model: 'mock/echo',
    messages: [{ id: 'q', role: 'user', content: `Question ${id}`, status: 'complete', createdAt: updatedAt }],
  };
}

/** The store's file operations, counting the index files renamed into place. */
function countingIndexWrites(): { port: AtomicFileSystem; writes: () => number } {
  let writes = 0;
  return {
    port: {
      ...nodeFileSystem,
      rename: async (from, to) => {
        await rename(from, to);
        if (basename(String(to)) === indexFileName) {
          writes++;
        }
      },
    },
    writes: () => writes,
  };
}

describe('summary index writes', () => {
  const rigs = useChatRigs();

  it('writes the index once after a delay for many saves, renames, deletes and listings, and again on flush only when it changed', async () => {
    const directory = await rigs.directory();
    const counted = countingIndexWrites();
    const timers: { ms: number; run: () => void }[] = [];
    const store = new FileConversationStore({
      directory,
      log: new MemoryLog(),
      fileSystem: counted.port,
      scheduleAfter: (ms, run) => {
        timers.push({ ms, run });
        return { cancel: () => timers.splice(timers.findIndex((timer) => timer.run === run), 1) };
      },
    });
    for (let index = 0; index < 10; index++) {
      await store.save(conversation(`c${index}`, 1_000 + index));
      await store.list();
    }
    await store.rename('c1', 'Renamed');
    await store.delete('c2');
    assert.deepStrictEqual([counted.writes(), timers.map((timer) => timer.ms)], [0, [indexWriteDelayMs]]);
    timers.shift()?.run();
    await store.flush();
    const written = JSON.parse(await readFile(join(directory, indexFileName), 'utf8')) as { entries: Record<string, { summary: { title: string } }> };
    assert.deepStrictEqual([counted.writes(), Object.keys(written.entries).length, written.entries['c1']?.summary.title], [1, 9, 'Renamed']);
    await store.list();
    await store.flush();
    assert.deepStrictEqual([counted.writes(), timers.length], [1, 0], 'nothing changed: nothing written');
    await store.save(conversation('c20', 3_000));
    await store.flush();
    assert.deepStrictEqual([counted.writes(), timers.length], [2, 0], 'flushed: the timer is cancelled');
  });

  it('loses only the cache when the window dies before the index is written: the next window lists every conversation', async () => {
    const directory = await rigs.directory();
    const first = new FileConversationStore({ directory, log: new MemoryLog(), scheduleAfter: () => ({ cancel: () => undefined }) });
    await first.save(conversation('a', 1_000));
    await first.flush();
    // Saved after the last index write, then the window is gone without a flush.
    await first.save(conversation('b', 2_000));
    await first.rename('a', 'Renamed before the crash');
    const next = new FileConversationStore({ directory, log: new MemoryLog() });
    assert.deepStrictEqual(
      (await next.list()).map((summary) => [summary.id, summary.title]),
      [
        ['b', 'Title b'],
        ['a', 'Renamed before the crash'],
      ],
    );
  });
});
