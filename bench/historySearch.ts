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
import type { ChatMessageView } from '../src/protocol/messages';
import { ConversationSearch, listingReuseMs } from '../src/shell/chat/conversationSearch';
import { FileConversationStore } from '../src/shell/chat/conversationStore';
import type { ChatLog, Conversation } from '../src/shell/chat/ports';
import { seededRandom, type SeededRandom } from '../test/helpers/seededRandom';
import { median } from './lib/stats';

const quiet: ChatLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

// Words with and without accents, a few rare ones the queries look for.
const common = ['the', 'function', 'returns', 'value', 'array', 'server', 'request', 'café', 'naïve', 'résumé', 'über', 'deploy', 'error', 'test', 'config', 'module', 'type', 'string', 'list', 'cache'];
const rare = ['kubernetes', 'flamegraph', 'monorepo', 'tokenizer', 'backpressure'];

function words(random: SeededRandom, count: number): string {
  const out: string[] = [];
  for (let index = 0; index < count; index++) {
    out.push(random.chance(0.002) ? random.pick(rare) : random.pick(common));
  }
  return out.join(' ');
}

function conversationOf(random: SeededRandom, index: number, messages: number): Conversation {
  const start = Date.UTC(2026, 0, 1) + index * 3_600_000;
  const list: ChatMessageView[] = [];
  for (let position = 0; position < messages; position++) {
    const role = position % 2 === 0 ? 'user' : 'assistant';
    // Questions of a sentence or two, answers of a few hundred words.
    const content = words(random, role === 'user' ? 20 + random.integer(40) : 150 + random.integer(250));
    list.push({ id: `m${position}`, role, content, status: 'complete', createdAt: start + position * 1_000 });
  }
  return { version: 1, id: `c${index}`, title: words(random, 5), createdAt: start, updatedAt: start + messages * 1_000, model: 'openai/gpt-4o-mini', messages: list };
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
      const conversation = conversationOf(random, index, messages);
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
    const changed = conversationOf(random, count, messages);
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
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, figure] of rows) {
      console.log(`  ${label.padEnd(width)}  ${figure}`);
    }
  } finally {
    await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
