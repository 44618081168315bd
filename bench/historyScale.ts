/**
 * The conversation store at scale (`npm run bench`, section "chat"): 10,000 saved conversations
 * (written in the store's format in a temporary folder), listed cold (no summary index: every file
 * is read once to build it), warm (the same store again), after a reload (a fresh store reading
 * the index file and comparing every file with it once), after its own save and after another
 * window's (the change log tells); one conversation opened; one saved; the index file flushed; and
 * history search over all of them — the first search, which reads every conversation into the
 * search index, then searches typed in a row and ones that compare with the folder's listing, and
 * in a fresh window the first search typed a second after the history panel opened (its reading begun then).
 * Each figure gives the files read whole and the stats, counted under the store. Figures, not
 * assertions: the tests count the same reads (conversationStore.test.ts, historySearch.test.ts).
 *
 *   node scripts/build-tests.mjs bench && node --expose-gc out/bench/historyScale.js [--conversations=N] [--messages=N]
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConversationSearch, listingReuseMs } from '../src/shell/chat/conversationSearch';
import { FileConversationStore } from '../src/shell/chat/conversationStore';
import type { ChatLog } from '../src/shell/chat/ports';
import { CountingReads } from '../test/helpers/countingReads';
import { seededRandom } from '../test/helpers/seededRandom';
import { conversationOf, writeHistory } from './lib/savedConversations';
import { median } from './lib/stats';
import { printFigures } from './lib/report';

const quiet: ChatLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

function positive(value: string | undefined, fallback: number, name: string): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} takes a positive integer, not ${value}.`);
  }
  return parsed;
}

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { conversations: { type: 'string' }, messages: { type: 'string' } } });
  const count = positive(values.conversations, 10_000, 'conversations');
  const shape = { messages: positive(values.messages, 10, 'messages'), question: { least: 15, more: 16 }, answer: { least: 60, more: 61 } };
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-bench-scale-'));
  const rows: [string, string][] = [];
  const reads = new CountingReads();
  /** Runs `work`, noting its time and what it read under `label`. */
  const measured = async <T>(label: string, work: () => Promise<T>, note: (value: T) => string = () => ''): Promise<number> => {
    reads.reset();
    const started = performance.now();
    const value = await work();
    const ms = performance.now() - started;
    const extra = note(value);
    rows.push([label, `${ms.toFixed(1)} ms, ${reads.conversationsRead().toLocaleString('en-US')} conversation files read, ${reads.stats.toLocaleString('en-US')} stats${extra === '' ? '' : `, ${extra}`}`]);
    return ms;
  };
  try {
    const random = seededRandom(20_261_214);
    const written = performance.now();
    const bytes = await writeHistory(directory, random, count, shape);
    console.log('── The conversation store at scale (bench/historyScale.ts)');
    console.log(
      `${count.toLocaleString('en-US')} conversations × ${shape.messages} messages, ${(bytes / 1e6).toFixed(0)} MB on disk, written in ${((performance.now() - written) / 1000).toFixed(1)} s; ` +
        'the real file store, its reads counted',
    );
    console.log('');
    const store = (): FileConversationStore => new FileConversationStore({ directory, log: quiet, readingFileSystem: reads.port });
    const first = store();
    await measured('list, cold (no index: builds it)', () => first.list(), (list) => `${list.length.toLocaleString('en-US')} listed`);
    await measured('list again, same store', () => first.list());
    // The index file is written now and then: flushed, a reload reads it.
    await first.save(conversationOf(random, count, shape));
    await first.flush();
    const reloaded = store();
    await measured('list after a reload (index file read)', () => reloaded.list());
    await measured('list again', () => reloaded.list());
    await measured('open one conversation', () => reloaded.load(`c${Math.floor(count / 2)}`));
    await measured('save one conversation (index written later)', () => reloaded.save(conversationOf(random, count + 1, shape)));
    await measured('list after its own save', () => reloaded.list());
    await store().save(conversationOf(random, count + 2, shape));
    await measured("list after another window's save", () => reloaded.list());
    await measured('flush the index file (at most every 15 s)', () => reloaded.flush());

    let skipped = 0;
    const search = new ConversationSearch({ store: reloaded, log: quiet, current: () => undefined, now: () => performance.now() + skipped });
    const heapBefore = heapMiB();
    await measured('first search (lists, reads all into the index)', () => search.search('kubernetes'), (results) => `${results.length} results`);
    const heapAfter = heapMiB();
    const queries = ['backpressure', 'cafe deploy', 'RESUME error', 'monorepo tokenizer', 'nothing-matches-this'];
    const typed: number[] = [];
    const listed: number[] = [];
    for (let index = 0; index < 10; index++) {
      typed.push(await measured(`search typed in a row ${index}`, () => search.search(queries[index % queries.length] as string)));
      skipped += listingReuseMs;
      listed.push(await measured(`search with the folder's listing ${index}`, () => search.search(queries[index % queries.length] as string)));
    }
    // The ten of each fold into one row: their median, with the reads of the last.
    const last = (prefix: string): string => rows.filter(([label]) => label.startsWith(prefix)).pop()?.[1] ?? '';
    const folded = (prefix: string, label: string, times: number[]): [string, string] => [label, `median ${median(times).toFixed(1)} ms of ${times.length};${last(prefix).replace(/^[^,]*,/, '')}`];
    const kept = rows.filter(([label]) => !label.startsWith('search typed') && !label.startsWith('search with'));
    kept.push(folded('search typed', 'later search, typed in a row', typed), folded('search with', `later search with the folder's listing (every ${listingReuseMs / 1000} s)`, listed));
    kept.push(['search index in memory (heap growth)', `${(heapAfter - heapBefore).toFixed(0)} MiB${(globalThis as { gc?: unknown }).gc === undefined ? ' (without --expose-gc: rough)' : ''}`]);
    // Another window: the panel opened (prepare), the first query typed a second later.
    const opened = new ConversationSearch({ store: store(), log: quiet, current: () => undefined });
    opened.prepare();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await measured('first search 1 s after the panel opened', () => opened.search('kubernetes'), (results) => `${results.length} results`);
    kept.push(rows[rows.length - 1] as [string, string]);
    printFigures(kept);
  } finally {
    await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
