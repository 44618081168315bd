/**
 * The crash children's provider: an OpenAI-style server on 127.0.0.1 that streams every answer as
 * server-sent events, a word at a time with a pause between, so answers are mid-stream for a
 * while and a kill can land there (long answers at a reading pace for the mid-stream trials). A child killed mid-answer just drops its connection.
 */

import type { SeededRandom } from '../../../helpers/seededRandom';
import { startWireServer, type WireServer } from '../../../helpers/wireServer';

const words = ['the', 'store', 'writes', 'a', 'temporary', 'file', 'then', 'renames', 'it', 'over', 'the', 'old', 'one', 'atomically', 'so', 'nothing', 'is', 'half', 'written'];

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  const body = { id: 'chatcmpl-crash', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] };
  return `data: ${JSON.stringify(body)}\n\n`;
}

/** How answers stream: the write-path trials want many short ones, the mid-stream trials long ones at a reading pace. */
export interface AnswerPace {
  /** Words: this many at least… */
  words: number;
  /** …and up to this many more. */
  extraWords: number;
  /** Pause before each word: 1 ms up to this. */
  pauseMs: number;
}

const quick: AnswerPace = { words: 4, extraWords: 16, pauseMs: 6 };

async function* answer(random: SeededRandom, pace: AnswerPace): AsyncGenerator<string> {
  yield chunk({ role: 'assistant', content: '' }, null);
  for (let count = pace.words + random.integer(pace.extraWords); count > 0; count--) {
    await new Promise((resolve) => setTimeout(resolve, 1 + random.integer(pace.pauseMs)));
    yield chunk({ content: `${random.pick(words)} ` }, null);
  }
  yield chunk({}, 'stop');
  yield 'data: [DONE]\n\n';
}

export function startAnswerServer(random: SeededRandom, pace: AnswerPace = quick): Promise<WireServer> {
  return startWireServer(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, parts: answer(random, pace) }));
}
