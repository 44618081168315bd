/**
 * History search over many saved conversations (default 500 × 40 messages of a few hundred words,
 * in the real FileConversationStore in a temporary folder): the first search, which lists the
 * folder and reads every conversation into the index; warm searches typed in a row (matched in
 * memory) and ones that first compare the index with the folder's listing (every
 * `listingReuseMs`); a search right after the chat saved one conversation; and the index's
 * memory. Figures, not assertions.
 *
 *   node scripts/build-tests.mjs bench/historySearch && node --expose-gc out/bench/historySearch.js [--conversations=N] [--messages=N] [--searches=N]
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConversationSearch, listingReuseMs } from '../src/shell/chat/conversationSearch';
import { FileConversationStore } from '../src/shell/chat/conversationStore';
import type { ChatLog } from '../src/shell/chat/ports';
import { seededRandom } from '../test/helpers/seededRandom';
import { conversationOf, type ConversationShape } from './lib/savedConversations';
import { median } from './lib/stats';
import { printFigures } from './lib/report';

const quiet: ChatLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** Questions of a sentence or two, answers of a few hundred words. */
function shapeOf(messages: number): ConversationShape {
  return { messages, question: { least: 20, more: 40 }, answer: { least: 150, more: 250 } };
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} takes a positive integer, not ${value}.`);
  }
  return parsed;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

function spread(values: readonly number[]): string {
  return `${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)})`;
}

function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { conversations: { type: 'string' }, messages: { type: 'string' }, searches: { type: 'string' } } });
  const count = positive(values.conversations, 500, 'conversations');
  const messages = positive(values.messages, 40, 'messages');
  const searches = positive(values.searches, 20, 'searches');
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-bench-history-'));
  try {
    const random = seededRandom(20_261_125);
    const writer = new FileConversationStore({ directory, log: quiet });
    let characters = 0;
    for (let index = 0; index < count; index++) {
      const conversation = conversationOf(random, index, shapeOf(messages));
      characters += conversation.messages.reduce((sum, message) => sum + message.content.length, 0);
      await writer.save(conversation);
    }
    // A fresh store, as after a window reload: its summary index is read from the folder.
    const store = new FileConversationStore({ directory, log: quiet });
    let skipped = 0;
    const search = new ConversationSearch({ store, log: quiet, current: () => undefined, now: () => performance.now() + skipped });
    console.log('── History search (bench/historySearch.ts)');
    console.log(`${count} conversations × ${messages} messages, ${(characters / 1e6).toFixed(1)} M characters of text, in the real file store`);
    console.log('');

    const heapBefore = heapMiB();
    const first = await timed(() => search.search('kubernetes'));
    const heapAfter = heapMiB();
    const queries = ['backpressure', 'cafe deploy', 'RESUME error', 'monorepo tokenizer', 'nothing-matches-this'];
    const warm: number[] = [];
    for (let index = 0; index < searches; index++) {
      warm.push((await timed(() => search.search(queries[index % queries.length] as string))).ms);
    }
    const listed: number[] = [];
    for (let index = 0; index < searches; index++) {
      // Past the listing's reuse: this search compares the index with the folder first.
      skipped += listingReuseMs;
      listed.push((await timed(() => search.search(queries[index % queries.length] as string))).ms);
    }
    const changed = conversationOf(random, count, shapeOf(messages));
    changed.messages.push({ id: 'new', role: 'user', content: 'a question about flamegraph tooling', status: 'complete', createdAt: changed.updatedAt });
    await store.save(changed);
    search.saved(changed);
    const afterSave = await timed(() => search.search('flamegraph tooling'));

    const rows: [string, string][] = [
      ['first search (list + read all + index)', `${first.ms.toFixed(0)} ms, ${first.value.length} results`],
      [`warm search, typed in a row (median of ${searches})`, spread(warm)],
      [`warm search with the folder's listing (median of ${searches})`, spread(listed)],
      ['search after the chat saved one', `${afterSave.ms.toFixed(1)} ms, ${afterSave.value.length} results`],
      ['index in memory (heap growth)', Number.isFinite(heapAfter - heapBefore) ? `${(heapAfter - heapBefore).toFixed(1)} MiB${(globalThis as { gc?: unknown }).gc === undefined ? ' (without --expose-gc: rough)' : ''}` : 'n/a'],
    ];
    printFigures(rows);
  } finally {
    await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
