/**
 * What the loopback OpenAI server answers in the key scenario, chosen by the prompt: recorded
 * fixtures for the calls that succeed, and for the refused ones OpenAI's 401 envelope with the
 * key echoed back whole (OpenAI masks it; some providers and proxies do not), so a refusal
 * carries the canary towards every place an error goes.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prompts } from '../../e2e/consumer/src/plan';
import { lastUserText, sseEvents, type Answer } from '../../e2e/openaiServer';

/** The chat's questions (the consumer's prompts are in its plan). */
export const chatPrompts = {
  answered: 'keys: a question the provider answers',
  refused: 'keys: a question the provider refuses (401)',
  throughProxy: 'keys: a question through a proxy that refuses',
} as const;

export interface KeyAnswers {
  chat(body: unknown): Answer;
  embeddings(): Answer;
  /** The model list: answered, or refused like the calls while `refuseModels` is set. */
  models(): Answer | undefined;
  refuseModels: boolean;
}

/** OpenAI's 401 body, echoing the key it was sent. */
function unauthorizedEcho(key: string): Answer {
  return {
    status: 401,
    json: JSON.stringify({
      error: {
        message: `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    }),
  };
}

export function keyAnswers(repositoryRoot: string, key: string): KeyAnswers {
  const fixture = (name: string): string => readFileSync(join(repositoryRoot, 'test', 'fixtures', 'openai', name), 'utf8');
  const stream = sseEvents(fixture('chat_stream_text_usage.body'));
  const whole = fixture('chat_nonstream_text.body');
  const embeddings = fixture('embeddings_base64.body');
  const answers: KeyAnswers = {
    refuseModels: false,
    chat: (body) => {
      const prompt = lastUserText(body);
      if (prompt === chatPrompts.refused || prompt === prompts.keysUnauthorized) {
        return unauthorizedEcho(key);
      }
      const streamed = typeof body === 'object' && body !== null && 'stream' in body && body.stream === true;
      return streamed ? { events: stream, intervalMs: 10 } : { status: 200, json: whole };
    },
    embeddings: () => ({ status: 200, json: embeddings }),
    models: () => (answers.refuseModels ? unauthorizedEcho(key) : undefined),
  };
  return answers;
}
