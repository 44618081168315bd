/**
 * Every recorded Gemini answer served from a real loopback server — whole, byte by byte and at
 * random splits — through the public client: the result must match the recorded facts, thought
 * signatures must be kept where a caller sends them back, and the request on the wire must be
 * what Gemini expects (path, `alt=sse`, the key in `x-goog-api-key` only).
 */

import assert from 'node:assert/strict';
import { ContentPolicyViolationError, streamChunkBuilder, type Client, type ModelResponse, type ModelResponseChunk } from '../../src/core';
import { deliveries, loadFixture, type Fixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';
import { assertKeyOnlyInHeader, geminiCall, geminiExpected, geminiKey, geminiObserved, geminiSse, jsonHeaders, sseHeaders } from './geminiHelpers';

const successCases = [
  'gemini/generate_content_text_safety_ratings',
  'gemini/generate_content_function_call',
  'gemini/generate_content_thought_parts',
  'gemini/generate_content_text_thoughts_token_count',
  'gemini/generate_content_cached_content_tokens',
  'gemini/stream_generate_content_text',
  'gemini/stream_generate_content_function_call',
  'gemini/stream_generate_content_thinking',
  'gemini/stream_generate_content_text_after_tool_result',
];

function isStream(fixture: Fixture): boolean {
  return fixture.meta.endpoint.path.includes(':streamGenerateContent');
}

/** Every `thoughtSignature` in a recorded body, in order. */
function signaturesIn(body: Buffer): string[] {
  return [...body.toString('utf8').matchAll(/"thoughtSignature":\s*"([^"]+)"/g)].map((match) => match[1] as string);
}

/** Where the client keeps signatures for the next turn: thinking blocks and tool call ids. */
function signaturesKept(response: ModelResponse): string[] {
  const message = response.choices[0]?.message;
  const fromBlocks = (message?.thinking_blocks ?? []).flatMap((block) => (block.type === 'thinking' && block.signature !== undefined ? [block.signature] : []));
  const fromIds = (message?.tool_calls ?? []).flatMap((call) => {
    const at = call.id.indexOf('__thought__');
    return at < 0 ? [] : [call.id.slice(at + '__thought__'.length)];
  });
  return [...fromBlocks, ...fromIds];
}

async function run(client: Client, server: WireServer, stream: boolean): Promise<{ response: ModelResponse; chunks: ModelResponseChunk[] }> {
  if (!stream) {
    return { response: await client.completion(geminiCall(server)), chunks: [] };
  }
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of await client.completion(geminiCall(server, { stream: true }))) {
    chunks.push(chunk);
  }
  return { response: streamChunkBuilder(chunks), chunks };
}

function checkRequest(request: RecordedRequest, stream: boolean): void {
  assert.equal(request.method, 'POST');
  assert.equal(request.url, stream ? '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse' : '/v1beta/models/gemini-2.5-flash:generateContent');
  assertKeyOnlyInHeader(request);
  assert.deepStrictEqual(request.json, { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
}

describe('Gemini wire: recorded responses through the client', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const name of successCases) {
    const fixture = loadFixture(name);
    const stream = isStream(fixture);
    for (const { label, delivery } of deliveries) {
      it(`${name} (${label})`, async () => {
        const server = await harness.server(() => fixture.reply(delivery));
        const { response, chunks } = await run(harness.client(), server, stream);
        assert.deepStrictEqual(geminiObserved(response), geminiExpected(fixture.meta));
        assert.deepStrictEqual(signaturesKept(response), signaturesIn(fixture.body));
        assert.equal(response.choices[0]?.native_finish_reason, fixture.meta.expected.finish_reason);
        assert.equal(server.requests.length, 1);
        checkRequest(server.requests[0] as RecordedRequest, stream);
        if (stream) {
          // The first chunk carries the role, and only the first; usage comes once, at the end.
          assert.deepStrictEqual(
            chunks.map((chunk) => chunk.choices[0]?.delta.role),
            chunks.map((_, index) => (index === 0 ? 'assistant' : undefined)),
          );
          const withUsage = chunks.flatMap((chunk, index) => (chunk.usage ? [index] : []));
          assert.deepStrictEqual(withUsage, fixture.meta.expected.usage === null ? [] : [chunks.length - 1]);
        }
      });
    }
  }

  it('keeps thought text apart from the answer and exposes it as one signed thinking block (stream)', async () => {
    const fixture = loadFixture('gemini/stream_generate_content_thinking');
    const server = await harness.server(() => fixture.reply({ seed: 3, pieces: 60 }));
    const { response } = await run(harness.client(), server, true);
    assert.deepStrictEqual(response.choices[0]?.message.thinking_blocks, [
      { type: 'thinking', thinking: fixture.meta.expected['thinking_text'], signature: signaturesIn(fixture.body)[0] },
    ]);
  });

  it('a whole answer with thought parts gives the same thinking block as a stream would', async () => {
    const fixture = loadFixture('gemini/generate_content_thought_parts');
    const server = await harness.server(() => fixture.reply());
    const response = await harness.client().completion(geminiCall(server));
    assert.deepStrictEqual(response.choices[0]?.message.thinking_blocks, [
      { type: 'thinking', thinking: fixture.meta.expected['thinking_text'], signature: signaturesIn(fixture.body)[0] },
    ]);
    assert.equal(response.object, 'chat.completion');
    assert.equal(response.id, 'ON4gaYT4Gc20qtsP2bSiiQ0');
    assert.equal(response.model, 'gemini-3-pro-preview');
    assert.equal(response._hidden_params?.custom_llm_provider, 'gemini');
  });

  it('streams a function call as one complete tool-call delta', async () => {
    const fixture = loadFixture('gemini/stream_generate_content_function_call');
    const server = await harness.server(() => fixture.reply('bytes'));
    const { chunks } = await run(harness.client(), server, true);
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    assert.equal(calls.length, 1);
    const [call] = calls;
    assert.deepStrictEqual({ ...call, id: call?.id?.split('__thought__')[1] }, {
      index: 0,
      id: signaturesIn(fixture.body)[0],
      type: 'function',
      function: { name: 'get_country', arguments: '{}' },
    });
    assert.deepStrictEqual(
      chunks.map((chunk) => [chunk.choices[0]?.finish_reason, chunk.choices[0]?.native_finish_reason]),
      [[null, undefined], ['tool_calls', 'STOP'], [null, undefined]],
    );
  });

  it('a blocked prompt is a ContentPolicyViolationError, not an empty answer', async () => {
    const fixture = loadFixture('gemini/generate_content_prompt_blocked_safety');
    const server = await harness.server(() => fixture.reply());
    const retrying = harness.client({ retry: { maxRetries: 2, initialDelaySeconds: 0.01 } });
    const error = await retrying.completion(geminiCall(server)).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ContentPolicyViolationError, `expected ContentPolicyViolationError, got ${String(error)}`);
    assert.deepStrictEqual(
      { code: error.code, retryable: error.retryable, provider: error.llm_provider, message: error.message },
      { code: 'SAFETY', retryable: false, provider: 'gemini', message: 'Gemini blocked the prompt (blockReason SAFETY).' },
    );
    assert.equal(server.requests.length, 1, 'a blocked prompt is not retried');
  });

  it('a blocked prompt as the first event of a stream rejects completion()', async () => {
    // Hand-made: the recorded blocked body, sent as the one SSE event a stream would carry.
    const blocked = JSON.parse(loadFixture('gemini/generate_content_prompt_blocked_safety').body.toString('utf8')) as object;
    const server = await harness.server(() => ({ headers: sseHeaders, body: geminiSse([{ ...blocked, modelVersion: 'gemini-2.5-flash' }]), delivery: 'bytes' }));
    await assert.rejects(harness.client().completion(geminiCall(server, { stream: true })), ContentPolicyViolationError);
  });

  it('a stream request answered with one JSON array (no alt=sse) still streams', async () => {
    // Hand-made: what streamGenerateContent answers without alt=sse — the SSE events as a JSON array.
    const fixture = loadFixture('gemini/stream_generate_content_text');
    const events = fixture.body
      .toString('utf8')
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice('data: '.length)) as unknown);
    const server = await harness.server(() => ({ headers: jsonHeaders, body: JSON.stringify(events) }));
    const { response } = await run(harness.client(), server, true);
    assert.deepStrictEqual(geminiObserved(response), geminiExpected(fixture.meta));
  });

  it('reads several candidates (n: 2) as several choices', async () => {
    // Hand-made per the GenerateContentResponse reference: two candidates with their indexes.
    const body = {
      candidates: [
        { content: { parts: [{ text: 'Bonjour' }], role: 'model' }, finishReason: 'STOP', index: 0 },
        { content: { parts: [{ text: 'Salut' }], role: 'model' }, finishReason: 'MAX_TOKENS', index: 1 },
      ],
      usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 4, totalTokenCount: 9 },
      modelVersion: 'gemini-2.5-flash',
      responseId: 'two-candidates',
    };
    const server = await harness.server(() => ({ headers: jsonHeaders, body: JSON.stringify(body) }));
    const response = await harness.client().completion(geminiCall(server, { n: 2 }));
    assert.deepStrictEqual(
      response.choices.map((choice) => [choice.index, choice.message.content, choice.finish_reason, choice.native_finish_reason]),
      [
        [0, 'Bonjour', 'stop', 'STOP'],
        [1, 'Salut', 'length', 'MAX_TOKENS'],
      ],
    );
    assert.deepStrictEqual((server.requests[0]?.json as { generationConfig: unknown }).generationConfig, { candidateCount: 2 });
    assert.deepStrictEqual(response.usage, { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
  });

  it('maps the content-filter finish reasons, keeping the raw one', async () => {
    const reasons = ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'MAX_TOKENS', 'MALFORMED_FUNCTION_CALL', 'OTHER'];
    const server = await harness.server((_request, index) => ({
      headers: jsonHeaders,
      body: JSON.stringify({ candidates: [{ content: { parts: [{ text: 'x' }], role: 'model' }, finishReason: reasons[index], index: 0 }] }),
    }));
    const client = harness.client();
    const seen: [string | null | undefined, string | undefined][] = [];
    for (let i = 0; i < reasons.length; i++) {
      const response = await client.completion(geminiCall(server));
      seen.push([response.choices[0]?.finish_reason, response.choices[0]?.native_finish_reason]);
    }
    assert.deepStrictEqual(seen, [
      ['content_filter', 'SAFETY'],
      ['content_filter', 'RECITATION'],
      ['content_filter', 'BLOCKLIST'],
      ['content_filter', 'PROHIBITED_CONTENT'],
      ['content_filter', 'SPII'],
      ['content_filter', 'IMAGE_SAFETY'],
      ['length', 'MAX_TOKENS'],
      ['stop', 'MALFORMED_FUNCTION_CALL'],
      ['stop', 'OTHER'],
    ]);
  });

  it('prices the answer from the catalogue, thinking at the output price', async () => {
    const fixture = loadFixture('gemini/generate_content_text_thoughts_token_count');
    const server = await harness.server(() => fixture.reply());
    const response = await harness.client().completion(geminiCall(server));
    // gemini-2.5-flash: 9 prompt tokens at $0.30/M, 9 answer + 34 thinking tokens at $2.50/M.
    const cost = response._hidden_params?.response_cost ?? Number.NaN;
    assert.ok(Math.abs(cost - (9 * 3e-7 + (9 + 34) * 2.5e-6)) < 1e-12, `cost ${cost}`);
    assert.ok(!JSON.stringify(response).includes(geminiKey));
  });
});
