/**
 * A history of saved conversations for the benchmarks, written straight into a folder in the
 * store's own file format (`conversationFileText`, `<id>.json`), many files at once and without
 * the store's flush and rename per file: 10,000 conversations take seconds, not minutes. No
 * summary index is written: the first listing builds it, as after an upgrade or a lost index.
 */

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessageView } from '../../src/protocol/messages';
import { conversationFileText } from '../../src/shell/chat/conversationFormat';
import type { Conversation } from '../../src/shell/chat/ports';
import type { SeededRandom } from '../../test/helpers/seededRandom';

// Words with and without accents, and rare ones a search looks for.
const common = ['the', 'function', 'returns', 'value', 'array', 'server', 'request', 'café', 'naïve', 'résumé', 'über', 'deploy', 'error', 'test', 'config', 'module', 'type', 'string', 'list', 'cache'];
const rareWords = ['kubernetes', 'flamegraph', 'monorepo', 'tokenizer', 'backpressure'];

function wordsOf(random: SeededRandom, count: number): string {
  const out: string[] = [];
  for (let index = 0; index < count; index++) {
    out.push(random.chance(0.002) ? random.pick(rareWords) : random.pick(common));
  }
  return out.join(' ');
}

/** Words of a message: `least`, plus fewer than `more` drawn at random. */
export interface WordCount {
  least: number;
  more: number;
}

export interface ConversationShape {
  messages: number;
  question: WordCount;
  answer: WordCount;
}

/** Conversation `index` of a history: ids `c<index>`, an hour apart, alternating questions and answers. */
export function conversationOf(random: SeededRandom, index: number, shape: ConversationShape): Conversation {
  const start = Date.UTC(2026, 0, 1) + index * 3_600_000;
  const messages: ChatMessageView[] = [];
  for (let position = 0; position < shape.messages; position++) {
    const role = position % 2 === 0 ? 'user' : 'assistant';
    const { least, more } = role === 'user' ? shape.question : shape.answer;
    messages.push({ id: `m${position}`, role, content: wordsOf(random, least + random.integer(more)), status: 'complete', createdAt: start + position * 1_000 });
  }
  return { version: 2, id: `c${index}`, title: wordsOf(random, 5), createdAt: start, updatedAt: start + shape.messages * 1_000, model: 'openai/gpt-4o-mini', messages };
}

/** Writes `count` conversations into `directory` (which exists); resolves with the bytes written. */
export async function writeHistory(directory: string, random: SeededRandom, count: number, shape: ConversationShape): Promise<number> {
  let bytes = 0;
  const batch = 64;
  for (let first = 0; first < count; first += batch) {
    const writes: Promise<void>[] = [];
    for (let index = first; index < Math.min(count, first + batch); index++) {
      const text = conversationFileText(conversationOf(random, index, shape));
      bytes += Buffer.byteLength(text);
      writes.push(writeFile(join(directory, `c${index}.json`), text));
    }
    await Promise.all(writes);
  }
  return bytes;
}
