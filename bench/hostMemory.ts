/**
 * The extension host's heap (`npm run bench`, section "chat"), in a fresh process run with
 * --expose-gc so every figure is the heap used after a full collection: at start; after the
 * chat lists a history of 100 saved conversations (served by the summary index: the files read
 * are counted); after it opens a 1,000-message conversation (a ChatController over the real store,
 * its snapshot posted to a sink that serialises it as postMessage does); while 50 streams run at
 * once through the core client against a loopback OpenAI-wire server (its own process), and after
 * they end. Then the leak check: the same round (a chat opened, listed, the long conversation
 * opened, closed; 50 streams) ten times, the heap after the first round against after the tenth.
 * Figures, not assertions; the target is printed as ✓/✗.
 *
 *   node scripts/build-tests.mjs bench && node --expose-gc out/bench/hostMemory.js [--streams=N] [--chunks=N] [--rounds=N]
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient, type Client } from '../src/core';
import type { ToWebview } from '../src/protocol/messages';
import { ChatController } from '../src/shell/chat/controller';
import { conversationFileText } from '../src/shell/chat/conversationFormat';
import { FileConversationStore } from '../src/shell/chat/conversationStore';
import { TokenCounter } from '../src/shell/lm/tokenCount';
import type { ChatLog, WebviewSink } from '../src/shell/chat/ports';
import { TestEnvironment, TestModels } from '../test/helpers/chatFakes';
import { coreCompletions } from '../test/helpers/chatHarness';
import { CountingReads } from '../test/helpers/countingReads';
import { seededRandom } from '../test/helpers/seededRandom';
import { startServerChild } from './lib/children';
import { baseUrl, benchKey, benchMessages, benchModel } from './lib/request';
import { conversationOf, writeHistory } from './lib/savedConversations';
import { printFigures } from './lib/report';

const quiet: ChatLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/**
 * Growth allowed from the first round to the last. A round that kept what it used would keep, per
 * round, the long conversation (about 1 MB on the heap) or a stream's chunks (more than 100 KB
 * each): nine rounds of that is several MB. What a healthy process adds after a full collection —
 * code compiled late, inline caches, a pooled socket's buffers — stays in the hundreds of KB.
 */
const leakMarginMiB = 2;

const longConversationId = 'long';

/** Questions of a sentence or two, answers of a couple of paragraphs. */
const turns = { question: { least: 20, more: 21 }, answer: { least: 120, more: 121 } };

/** What the webview would receive: each message serialised (postMessage copies it), only its size kept. */
class SerialisingSink implements WebviewSink {
  posted = 0;
  bytes = 0;
  largest = 0;

  post(message: ToWebview): void {
    const size = JSON.stringify(message).length;
    this.posted++;
    this.bytes += size;
    this.largest = Math.max(this.largest, size);
  }
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) {
    throw new Error('Run with node --expose-gc: every figure is the heap after a full collection.');
  }
  // Twice: the first collection runs finalizers that free more for the second.
  collect();
  collect();
}

function heapMiB(): number {
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function mib(value: number): string {
  return `${value.toFixed(1)} MiB`;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const parsed = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} takes a positive integer, not ${value}.`);
  }
  return parsed;
}

interface RoundSettings {
  directory: string;
  client: Client;
  port: number;
  streams: number;
  chunks: number;
  /** Called with the heap at each step of the round; the first round prints them. */
  note(step: string, detail?: string): void;
}

/** `streams` answers at once, each read to its end; the heap is taken once every stream is halfway. */
async function parallelStreams(settings: RoundSettings): Promise<void> {
  const { client, port, streams, chunks } = settings;
  let halfway = 0;
  let markHalfway: () => void = () => undefined;
  const allHalfway = new Promise<void>((resolve) => {
    markHalfway = resolve;
  });
  const one = async (): Promise<number> => {
    const stream = await client.completion({ model: `openai/${benchModel}`, api_base: baseUrl(port), api_key: benchKey, messages: benchMessages, stream: true, max_tokens: chunks });
    let read = 0;
    for await (const chunk of stream) {
      if (++read === chunks >> 1 && ++halfway === streams) {
        markHalfway();
      }
      void chunk;
    }
    // What a caller keeps of an answer: its text.
    return stream.response().choices[0]?.message.content?.length ?? 0;
  };
  const running = Promise.all(Array.from({ length: streams }, one));
  await allHalfway;
  settings.note(`during ${streams} parallel streams (all halfway)`);
  const lengths = await running;
  settings.note(`after the ${streams} streams ended`, `${lengths.reduce((sum, length) => sum + length, 0).toLocaleString('en-US')} characters of answers`);
}

/** One round: a chat opens on the history, opens the long conversation, closes; then the streams. */
async function round(settings: RoundSettings): Promise<void> {
  const reads = new CountingReads();
  const store = new FileConversationStore({ directory: settings.directory, log: quiet, readingFileSystem: reads.port });
  const sink = new SerialisingSink();
  const controller = new ChatController({ client: coreCompletions(settings.client), store, models: new TestModels(), log: quiet, env: new TestEnvironment() });
  try {
    controller.attachView(sink);
    await controller.ready();
    // The gauge is counted after the snapshot: the figure waits for it.
    await controller.idle();
    settings.note('after listing 100 saved conversations', `${reads.conversationsRead()} conversation file read (the one shown), the list from the index`);
    reads.reset();
    await controller.history.open(longConversationId);
    await controller.idle();
    settings.note('after opening a 1,000-message conversation', `${reads.conversationsRead()} file read, snapshot of ${(sink.largest / 1e6).toFixed(1)} MB posted`);
  } finally {
    controller.dispose();
    await controller.idle();
  }
  await parallelStreams(settings);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { streams: { type: 'string' }, chunks: { type: 'string' }, rounds: { type: 'string' } } });
  const streams = positive(values.streams, 50, 'streams');
  const chunks = positive(values.chunks, 2_000, 'chunks');
  const rounds = positive(values.rounds, 10, 'rounds');
  const directory = await mkdtemp(join(tmpdir(), 'switchboard-bench-memory-'));
  const server = await startServerChild(join(__dirname, 'streamServer.js'), chunks);
  const client = createClient({ env: {} });
  try {
    const random = seededRandom(20_261_215);
    // 99 conversations of a few turns and one of 1,000 messages, the oldest, so the chat opens on another.
    await writeHistory(directory, random, 99, { messages: 12, ...turns });
    const long = { ...conversationOf(random, 0, { messages: 1_000, ...turns }), id: longConversationId, updatedAt: 1 };
    await writeFile(join(directory, `${longConversationId}.json`), conversationFileText(long));
    // The summary index as a session finds it: built by an earlier session, its file written when that session ended.
    const earlier = new FileConversationStore({ directory, log: quiet });
    await earlier.list();
    await earlier.save(conversationOf(random, 99, { messages: 2, ...turns }));
    await earlier.flush();

    console.log('── Extension host memory (bench/hostMemory.ts)');
    console.log(
      `heap used after a full collection; 100 saved conversations (one of 1,000 messages, ${(conversationFileText(long).length / 1e6).toFixed(1)} MB on disk), ` +
        `${streams} streams of ${chunks.toLocaleString('en-US')} chunks through the core client (loopback OpenAI wire, server in its own process)`,
    );
    const rows: [string, string][] = [['start', mib(heapMiB())]];
    // The o200k tokenizer loads on a chat's first token count and stays for the session: its own row, so the opening's is the conversation's.
    await new TokenCounter().count('hello');
    rows.push(['after the first token count (o200k tokenizer loaded)', mib(heapMiB())]);
    const afterRound: number[] = [];
    for (let index = 0; index < rounds; index++) {
      const first = index === 0;
      await round({
        directory,
        client,
        port: server.port,
        streams,
        chunks,
        note: (step, detail) => {
          if (first) {
            rows.push([step, `${mib(heapMiB())}${detail === undefined ? '' : ` (${detail})`}`]);
          }
        },
      });
      afterRound.push(heapMiB());
    }
    printFigures(rows);
    const growth = (afterRound[afterRound.length - 1] ?? 0) - (afterRound[0] ?? 0);
    console.log(`  leak check, the same round ${rounds} times: after each ${afterRound.map((value) => value.toFixed(1)).join(', ')} MiB`);
    console.log(`  ${growth <= leakMarginMiB ? '✓' : '✗'} growth from the first round to the last: ${growth >= 0 ? '+' : ''}${growth.toFixed(2)} MiB (target ≤ ${leakMarginMiB} MiB)`);
  } finally {
    await client.close();
    server.child.disconnect();
    await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
