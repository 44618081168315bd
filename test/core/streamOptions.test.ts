/**
 * Servers that reject `stream_options` (older vLLM, llama.cpp, some proxies): the client retries
 * at once without it, remembers that endpoint, and keeps sending it everywhere else.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { chat, chunksOf, drain, jsonHeaders, sseBody, sseHeaders, textOf, useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply } from '../helpers/wireServer';

const words = ['No', ' options', ',', ' please', '.'];

const openAIRejection = JSON.stringify({
  error: { message: 'Unrecognized request argument supplied: stream_options', type: 'invalid_request_error', param: null, code: null },
});

/** FastAPI's validation error, as a vLLM-style server with `extra = forbid` answers. */
const fastApiRejection = JSON.stringify({
  detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'], msg: 'Extra inputs are not permitted', input: { include_usage: true } }],
});

function hasStreamOptions(request: RecordedRequest): boolean {
  return (request.json as Record<string, unknown>)['stream_options'] !== undefined;
}

/** A server that refuses `stream_options` with `status` and `body`, and streams otherwise. */
function refusing(status: number, body: string) {
  return (request: RecordedRequest): Reply =>
    hasStreamOptions(request) ? { status, headers: jsonHeaders, body } : { headers: sseHeaders, body: sseBody(chunksOf(words)) };
}

describe('stream_options rejection memory', () => {
  const harness = useHarness();

  for (const [label, status, body] of [
    ['an OpenAI-style 400', 400, openAIRejection],
    ['a FastAPI-style 422', 422, fastApiRejection],
  ] as const) {
    it(`drops stream_options at once after ${label}, and for the next stream to that endpoint`, async () => {
      const server = await harness.server(refusing(status, body));
      const client = harness.client();

      const first = await drain(await client.completion(chat(server, { stream: true })));
      assert.equal(first.error, undefined);
      assert.equal(textOf(first.chunks), words.join(''));
      assert.deepStrictEqual(server.requests.map(hasStreamOptions), [true, false]);
      const [rejected, retried] = server.requests;
      assert.ok(rejected !== undefined && retried !== undefined);
      assert.ok(retried.receivedAt - rejected.receivedAt < 200, 'the retry waited for a backoff');

      const second = await drain(await client.completion(chat(server, { stream: true })));
      assert.equal(textOf(second.chunks), words.join(''));
      assert.deepStrictEqual(server.requests.map(hasStreamOptions), [true, false, false]);
    });
  }

  it('still sends stream_options to a different endpoint', async () => {
    const refuser = await harness.server(refusing(400, openAIRejection));
    const modern = await harness.server(() => ({ headers: sseHeaders, body: sseBody(chunksOf(words)) }));
    const client = harness.client();
    await drain(await client.completion(chat(refuser, { stream: true })));
    await drain(await client.completion(chat(modern, { stream: true })));
    assert.deepStrictEqual(modern.requests.map(hasStreamOptions), [true]);
    assert.deepStrictEqual((modern.requests[0]?.json as Record<string, unknown>)['stream_options'], { include_usage: true });
  });

  it('does not drop stream_options for a 400 about something else', async () => {
    const body = JSON.stringify({ error: { message: "Invalid value for 'temperature'", type: 'invalid_request_error', param: 'temperature', code: null } });
    const server = await harness.server(() => ({ status: 400, headers: jsonHeaders, body }));
    const client = harness.client();
    await assert.rejects(client.completion(chat(server, { stream: true, temperature: 9 })), { name: 'BadRequestError' });
    await assert.rejects(client.completion(chat(server, { stream: true, temperature: 9 })), { name: 'BadRequestError' });
    assert.deepStrictEqual(server.requests.map(hasStreamOptions), [true, true]);
  });
});
