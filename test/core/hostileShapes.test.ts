/**
 * A hostile or broken OpenAI-wire server that sends values of the wrong shape — `null` for a
 * chunk, a string for `choices`, an object for `tool_calls` — gets a typed `APIError` naming what
 * it sent, for a stream (its text so far kept) and for a whole answer; never a bare TypeError from
 * deep inside the client.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { APIError, errorMessage, LLMError } from '../../src/core';
import { chat, drain, jsonHeaders, sseHeaders, textOf, useHarness } from '../helpers/llmHarness';
import { badOpenAiChunks, openAiStreamWith } from './hostileShapeCases';

const badBodies: ReadonlyArray<readonly [string, string]> = [
  ['a body that is null', 'null'],
  ['choices as a string', '{"choices":"abc"}'],
  ['a choice that is null', '{"choices":[null]}'],
  ['a message that is a string', '{"choices":[{"index":0,"message":"x","finish_reason":"stop"}]}'],
  ['tool_calls as an object', '{"choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":{}},"finish_reason":"stop"}]}'],
];

describe('hostile shapes on the OpenAI wire: a typed error, never a TypeError', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const [what, data] of badOpenAiChunks) {
    it(`a stream with ${what} after "Hello": APIError, "Hello" kept`, async () => {
      const server = await harness.server(() => ({ headers: sseHeaders, body: openAiStreamWith(data) }));
      const stream = await harness.client().completion(chat(server, { stream: true }));
      const { chunks, error } = await drain(stream);
      assert.ok(error instanceof APIError, `${what}: got ${String(error)}`);
      assert.equal(textOf(chunks), 'Hello');
      assert.equal(error.partial_response?.choices[0]?.message.content, 'Hello');
    });
  }

  for (const [what, body] of badBodies) {
    it(`a whole answer with ${what}: APIError`, async () => {
      const server = await harness.server(() => ({ headers: jsonHeaders, body }));
      const error = await harness.client().completion(chat(server)).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof APIError, `${what}: got ${String(error)}`);
    });
  }
});

describe('hostile shapes on the other wires: a typed error, never a TypeError', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  const messages = [{ role: 'user' as const, content: 'Hi' }];
  const wires = [
    { wire: 'Anthropic', model: 'anthropic/claude-sonnet-4-5', base: (url: string) => url, sse: true },
    { wire: 'Gemini', model: 'gemini/gemini-2.5-flash', base: (url: string) => url, sse: true },
    { wire: 'Ollama', model: 'ollama/llama3.2', base: (url: string) => url, sse: false },
  ];
  const garbage = ['null', '5', '"text"', '[]', '{"message":"x","done":false}', '{"candidates":"abc"}', '{"type":"content_block_start","index":0,"content_block":null}', '{"type":"message_start","message":null}'];

  for (const { wire, model, base, sse } of wires) {
    it(`${wire}: garbage as a whole answer or as a stream's events → APIError`, async () => {
      const seen: string[] = [];
      for (const value of garbage) {
        const whole = await harness.server(() => ({ headers: jsonHeaders, body: value }));
        const wholeError = await harness.client().completion({ model, messages, api_base: base(whole.url), api_key: 'k-12345678' }).then(
          () => 'answered',
          (caught: unknown) => (caught instanceof LLMError ? caught.name : `untyped ${String(caught)}`),
        );
        const body = sse ? `data: ${value}\n\n` : `${value}\n`;
        const streamed = await harness.server(() => ({ headers: sse ? sseHeaders : { 'content-type': 'application/x-ndjson' }, body }));
        const streamError = await harness
          .client()
          .completion({ model, messages, api_base: base(streamed.url), api_key: 'k-12345678', stream: true })
          .then(
            async (stream) => {
              const { error } = await drain(stream);
              return error === undefined ? 'answered' : error instanceof LLMError ? error.name : `untyped ${errorMessage(error)}`;
            },
            (caught: unknown) => (caught instanceof LLMError ? caught.name : `untyped ${String(caught)}`),
          );
        seen.push(`${value} whole: ${wholeError}; streamed: ${streamError}`);
      }
      assert.deepStrictEqual(
        seen.filter((line) => line.includes('untyped')),
        [],
      );
      // Garbage that is not an object is never read as an (empty) answer.
      for (const value of ['null', '5', '"text"', '[]']) {
        assert.ok(seen.some((line) => line.startsWith(`${value} whole: APIError`)), `${value} as a whole answer: ${seen.join(' | ')}`);
      }
    });
  }
});
