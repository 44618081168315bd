/**
 * The API scenario's (api.e2e.entry.ts) script: what the loopback OpenAI server answers each of the
 * consumer extension's calls — the recorded fixtures, and a slow answer for the cancelled streams —
 * and what the consumer must report of them: the responses, the stream, the embedding, the errors.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prompts, textChunksBeforeCancel, type ErrorSeen, type StepResult } from './consumer/src/plan';
import { lastUserText, sseEvents, wordByWordAnswer, type Answer, type SeenRequest } from './openaiServer';

const root = process.cwd();

interface Fixture {
  body: string;
  expected: Record<string, unknown>;
}

function fixture(name: string): Fixture {
  const path = join(root, 'test', 'fixtures', 'openai', name);
  return { body: readFileSync(`${path}.body`, 'utf8'), expected: (JSON.parse(readFileSync(`${path}.json`, 'utf8')) as { expected: Record<string, unknown> }).expected };
}

const nonStream = fixture('chat_nonstream_text');
export const stream = fixture('chat_stream_text_usage');
export const embeddings = fixture('embeddings_base64');
/** The slow answer the consumer cancels: 300 words, one every 50 ms (15 s if nobody hangs up). */
export const slow = wordByWordAnswer(300);

/** The loopback server's answer to each of the consumer's calls, chosen by its prompt. */
export function chatAnswer(body: unknown): Answer {
  const prompt = lastUserText(body);
  const streamed = typeof body === 'object' && body !== null && 'stream' in body && body.stream === true;
  if (!streamed) {
    return { status: 200, json: nonStream.body };
  }
  if (prompt === prompts.cancelledByToken || prompt === prompts.cancelledBySignal) {
    return { events: slow.events, intervalMs: 50 };
  }
  return { events: sseEvents(stream.body), intervalMs: 10 };
}

/** The non-stream fixture as the consumer summarises a `ModelResponse`. */
export const expectedResponse = {
  object: 'chat.completion',
  id: nonStream.expected['response_id'],
  model: nonStream.expected['model'],
  choices: 1,
  role: 'assistant',
  content: nonStream.expected['text'],
  finish_reason: 'stop',
  usage: nonStream.expected['usage_raw'],
};

export const expectedStream = {
  objects: ['chat.completion.chunk'],
  ids: ['chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL'],
  text: stream.expected['text'],
  finish_reason: 'stop',
  usage: stream.expected['usage_raw'],
};

export const expectedEmbedding = {
  object: 'list',
  model: embeddings.expected['model'],
  data: (embeddings.expected['first_3_values_of_each'] as number[][]).map((first3, index) => ({
    object: 'embedding',
    index,
    type: 'numbers',
    dimensions: embeddings.expected['dimension'],
    first3: first3.map((value) => Number(value.toFixed(6))),
  })),
  usage: embeddings.expected['usage'],
};

/** The words the consumer had when it cancelled: the slow answer's first few. */
export const textAtCancel = slow.text
  .split(' ')
  .slice(0, textChunksBeforeCancel)
  .map((word) => `${word} `)
  .join('');

/** The parts of an error a consumer tells errors apart by; the message is checked on its own. */
export function errorKind(step: StepResult | undefined): unknown {
  if (step === undefined || !('error' in step)) {
    return step === undefined ? 'no such step' : { succeeded: step.value };
  }
  const { message: _message, ...kind } = step.error;
  return kind;
}

/** Switchboard's own refusal of invalid input, before anything is sent (`llm_provider: 'switchboard'`). */
export const badRequest = (param: string): Omit<ErrorSeen, 'message'> => ({
  instanceOfError: true,
  name: 'BadRequestError',
  status_code: 400,
  llm_provider: 'switchboard',
  param,
});
export const refused = (param?: string): Omit<ErrorSeen, 'message'> => ({
  instanceOfError: true,
  name: 'PermissionDeniedError',
  status_code: 403,
  llm_provider: 'switchboard',
  ...(param === undefined ? {} : { param }),
});

/** Each invalid call of the consumer and the field its error must name. */
export const invalidCalls: Record<string, string> = {
  badMissingModel: 'model',
  badMalformedModel: 'model',
  badUnknownProvider: 'model',
  badVscodeLmModel: 'model',
  badEmptyMessages: 'messages',
  badRole: 'messages[0].role',
  badContent: 'messages[0].content',
  badStreamType: 'stream',
  badToolWithoutName: 'tools[0].function.name',
  badEmbeddingInput: 'input',
  commandStream: 'stream',
  commandBadInput: 'messages',
};

/** What the server saw of one request, in a shape one deepStrictEqual can check. */
export function describeRequest(request: SeenRequest): { path: string; authorization: string | undefined; prompt: string; stream: boolean; outcome?: string } {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as { stream?: unknown };
  return {
    path: request.path,
    authorization: request.authorization,
    prompt: request.path === '/v1/embeddings' ? '(embeddings)' : lastUserText(request.body),
    stream: body.stream === true,
    ...(request.outcome === undefined ? {} : { outcome: request.outcome }),
  };
}
