/**
 * The crash children's provider: an OpenAI-style server on 127.0.0.1 that streams every answer as
 * server-sent events, a few words at a time with a pause between, so answers are mid-stream for
 * a while and a kill can land there. A child killed mid-answer just drops its connection.
 */

import type { SeededRandom } from '../../../helpers/seededRandom';
import { startWireServer, type WireServer } from '../../../helpers/wireServer';

const words = ['the', 'store', 'writes', 'a', 'temporary', 'file', 'then', 'renames', 'it', 'over', 'the', 'old', 'one', 'atomically', 'so', 'nothing', 'is', 'half', 'written'];

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  const body = { id: 'chatcmpl-crash', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finish }] };
  return `data: ${JSON.stringify(body)}\n\n`;
}

async function* answer(random: SeededRandom): AsyncGenerator<string> {
  yield chunk({ role: 'assistant', content: '' }, null);
  for (let count = 4 + random.integer(16); count > 0; count--) {
    await new Promise((resolve) => setTimeout(resolve, 1 + random.integer(6)));
    yield chunk({ content: `${random.pick(words)} ` }, null);
  }
  yield chunk({}, 'stop');
  yield 'data: [DONE]\n\n';
}

export function startAnswerServer(random: SeededRandom): Promise<WireServer> {
  return startWireServer(() => ({ status: 200, headers: { 'content-type': 'text/event-stream' }, parts: answer(random) }));
}
