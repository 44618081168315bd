/**
 * Ollama's failures through the public client, from a loopback server: `{"error": "<text>"}`
 * bodies with their status, an error line inside a 200 stream after some text, a stream cut off
 * before its `done` line, a wrong base URL, and no server at all. Each must become the right
 * class with Ollama's text and advice a person can act on, and never carry the key.
 */

import assert from 'node:assert/strict';
import { LLMError, type CompletionParams } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { assertKeyAbsent, drain, rejection, textOf, unusedPort, useHarness } from '../helpers/llmHarness';
import type { Reply } from '../helpers/wireServer';
import { jsonHeaders, ndjson, ndjsonHeaders, ollamaServer, requestsTo } from './ollamaHelpers';

const apiKey = 'ollama-proxy-token-0123456789abcdef';

function params(apiBase: string, extra: Partial<CompletionParams> = {}): CompletionParams {
  return { model: 'ollama/llama3', api_base: apiBase, api_key: apiKey, messages: [{ role: 'user', content: 'why is the sky blue?' }], ...extra };
}

function facts(error: unknown): Record<string, unknown> {
  assert.ok(error instanceof LLMError, `expected an LLMError, got ${String(error)}`);
  return { name: error.name, status_code: error.status_code, retryable: error.retryable, llm_provider: error.llm_provider, model: error.model };
}

/**
 * The recorded mid-stream error is an `/api/generate` stream (docs/api/errors.mdx). Ollama's chat
 * stream fails the same way; here its lines are carried over to `/api/chat` framing (`response`
 * → `message.content`), and the error line is kept exactly as recorded.
 */
function chatMidstreamError(): string {
  const lines = loadFixture('ollama/generate_stream_midstream_error')
    .body.toString('utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return ndjson(lines.map(({ response, ...rest }) => (typeof response === 'string' ? { ...rest, message: { role: 'assistant', content: response } } : rest)));
}

describe('Ollama errors', () => {
  const harness = useHarness();

  it('a missing model (recorded 404) is a NotFoundError that says how to pull it', async () => {
    const fixture = loadFixture('ollama/error_404_model_not_found');
    // A missing model is missing for /api/show too; the chat still goes out and fails the same way.
    const notFound: Reply = fixture.reply({ seed: 3 });
    const server = await ollamaServer(harness, () => notFound, notFound);
    const error = await rejection(harness.client().completion(params(server.url)));
    const expected = fixture.meta.expected.error as Record<string, unknown>;
    assert.deepStrictEqual(facts(error), { name: 'NotFoundError', status_code: expected['http_status'], retryable: expected['retryable'], llm_provider: 'ollama', model: 'ollama/llama3' });
    assert.equal((error as Error).message, `Ollama (404): ${String(expected['message'])}. Pull it with: ollama pull llama3`);
    assert.deepStrictEqual((error as LLMError).body, { error: expected['message'] });
    assert.deepStrictEqual([requestsTo(server, '/api/show').length, requestsTo(server, '/api/chat').length], [1, 1]);
    assertKeyAbsent(error, apiKey);
  });

  for (const delivery of ['whole', 'bytes'] as const) {
    it(`an error line inside a 200 stream keeps the text before it (${delivery})`, async () => {
      const fixture = loadFixture('ollama/generate_stream_midstream_error');
      const expected = fixture.meta.expected.error as Record<string, unknown>;
      const server = await ollamaServer(harness, () => ({ status: 200, headers: ndjsonHeaders, body: chatMidstreamError(), delivery }));
      const { chunks, error } = await drain(await harness.client().completion({ ...params(server.url), stream: true }));
      assert.deepStrictEqual(facts(error), { name: 'InternalServerError', status_code: 500, retryable: expected['retryable'], llm_provider: 'ollama', model: 'ollama/llama3' });
      assert.equal((error as Error).message, `Ollama reported an error mid-stream: ${String(expected['message'])}`);
      assert.equal(textOf(chunks), fixture.meta.expected['partial_text_before_error']);
      assert.equal((error as LLMError).partial_response?.choices[0]?.message.content, fixture.meta.expected['partial_text_before_error']);
      assertKeyAbsent(error, apiKey);
    });
  }

  it('an error line before any text rejects completion() itself, and is not retried', async () => {
    const server = await ollamaServer(harness, () => ({ status: 200, headers: ndjsonHeaders, body: ndjson([{ error: 'an error was encountered while running the model' }]) }));
    const error = await rejection(harness.client({ retry: { maxRetries: 2, initialDelaySeconds: 0.01 } }).completion({ ...params(server.url), stream: true }));
    assert.equal(facts(error)['name'], 'InternalServerError');
    assert.equal(requestsTo(server, '/api/chat').length, 1);
  });

  it('a stream that ends without its done line is an APIConnectionError after the text', async () => {
    const lines = [
      { model: 'llama3', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content: 'Half' }, done: false },
      { model: 'llama3', created_at: '2025-01-01T00:00:01Z', message: { role: 'assistant', content: ' an answer' }, done: false },
    ];
    const server = await ollamaServer(harness, () => ({ status: 200, headers: ndjsonHeaders, body: ndjson(lines) }));
    const { chunks, error } = await drain(await harness.client().completion({ ...params(server.url), stream: true }));
    assert.equal(facts(error)['name'], 'APIConnectionError');
    assert.match((error as Error).message, /ended before the answer was done/);
    assert.equal(textOf(chunks), 'Half an answer');
  });

  // Hand-made bodies in Ollama's documented error shape (docs/api/errors.mdx: `{"error": "<text>"}`).
  const statusCases: { status: number; text: string; name: string; retryable: boolean }[] = [
    { status: 400, text: 'invalid message format', name: 'BadRequestError', retryable: false },
    { status: 400, text: 'input length exceeds the context length', name: 'ContextWindowExceededError', retryable: false },
    { status: 500, text: 'llama runner process has terminated: exit status 2', name: 'InternalServerError', retryable: true },
    { status: 503, text: 'server busy, please try again.  maximum pending requests exceeded', name: 'ServiceUnavailableError', retryable: true },
  ];
  for (const { status, text, name, retryable } of statusCases) {
    it(`${status} "${text}" → ${name}`, async () => {
      const server = await ollamaServer(harness, () => ({ status, headers: jsonHeaders, body: JSON.stringify({ error: `${text} (${apiKey})` }) }));
      const error = await rejection(harness.client({ retry: { maxRetries: 0 } }).completion(params(server.url)));
      assert.deepStrictEqual(facts(error), { name, status_code: status, retryable, llm_provider: 'ollama', model: 'ollama/llama3' });
      assert.equal((error as Error).message, `Ollama (${status}): ${text} ([redacted])`);
      assertKeyAbsent(error, apiKey);
    });
  }

  it('a 404 page from a wrong base URL asks whether the URL is the server root', async () => {
    const server = await ollamaServer(harness, () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: '404 page not found' }));
    const error = await rejection(harness.client().completion(params(`${server.url}/v1`)));
    assert.equal(facts(error)['name'], 'NotFoundError');
    assert.equal((error as Error).message, `Ollama (404): 404 page not found. Is ${server.url}/v1 the Ollama server's root URL (like http://localhost:11434, without /api or /v1)?`);
  });

  it('no server: the connection error says how to start Ollama', async () => {
    const port = await unusedPort();
    const error = await rejection(harness.client().completion(params(`http://127.0.0.1:${port}`, { num_retries: 0 })));
    assert.equal(facts(error)['name'], 'APIConnectionError');
    assert.equal(
      (error as Error).message,
      `Ollama: connection refused by http://127.0.0.1:${port}. Is the server running, and is the URL right? Start Ollama (the app, or \`ollama serve\`), or set OLLAMA_HOST to where it runs.`,
    );
    assert.equal((error as LLMError).code, 'ECONNREFUSED');
  });

  it('listModels with no server says the same', async () => {
    const port = await unusedPort();
    const error = await rejection(harness.client({ retry: { maxRetries: 0 } }).listModels('ollama', { api_base: `127.0.0.1:${port}` }));
    assert.match((error as Error).message, /connection refused by http:\/\/127\.0\.0\.1:\d+\. .* `ollama serve`/);
  });
});
