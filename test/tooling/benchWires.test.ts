/**
 * The bench's Gemini and Ollama answers (bench/lib/answersGemini.ts, answersOllama.ts) as its
 * server sends them: the core reads them as a provider's stream — the whole text, finish `stop`,
 * the usage the last event reports — in exactly the chunks `wires` promises the harness, and the
 * server honours each wire's token limit, which the TTFT measurement relies on.
 */

import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { startStreamServer } from '../../bench/lib/server';
import { renderAnswer } from '../../bench/lib/answers';
import { geminiBaseUrl, ollamaHost } from '../../bench/lib/request';
import { wires } from '../../bench/lib/wires';
import { answerText, promptTokens } from '../../bench/lib/words';
import { createClient, type Client, type CompletionParams } from '../../src/core';

const contentChunks = 41;

const wireCalls = {
  gemini: (port: number): Pick<CompletionParams, 'model' | 'api_base' | 'api_key'> => ({ model: 'gemini/gemini-2.5-flash', api_base: geminiBaseUrl(port), api_key: 'sk-bench' }),
  ollama: (port: number): Pick<CompletionParams, 'model' | 'api_base' | 'api_key'> => ({ model: 'ollama/llama3.2', api_base: ollamaHost(port) }),
};

describe('the bench wires Gemini and Ollama', () => {
  let server: Server;
  let port: number;
  let client: Client;

  before(async () => {
    ({ server, port } = await startStreamServer(contentChunks));
    client = createClient({ env: {} });
  });

  after(async () => {
    await client.close();
    server.closeAllConnections();
    server.close();
  });

  for (const wire of ['gemini', 'ollama'] as const) {
    it(`${wire}: the core reads the long answer whole, in the chunks the harness expects`, async () => {
      const stream = await client.completion({ ...wireCalls[wire](port), messages: [{ role: 'user', content: 'Tell me a very long story.' }], stream: true });
      let chunks = 0;
      for await (const _chunk of stream) {
        chunks++;
      }
      const answer = stream.response();
      assert.deepStrictEqual(
        { chunks, content: answer.choices[0]?.message.content, finish: answer.choices[0]?.finish_reason, usage: answer.usage && { prompt: answer.usage.prompt_tokens, completion: answer.usage.completion_tokens, total: answer.usage.total_tokens } },
        { chunks: wires[wire].chunks(contentChunks), content: answerText(contentChunks), finish: 'stop', usage: { prompt: promptTokens, completion: contentChunks, total: promptTokens + contentChunks } },
      );
    });

    it(`${wire}: the server answers max_tokens with that many content chunks`, async () => {
      const stream = await client.completion({ ...wireCalls[wire](port), messages: [{ role: 'user', content: 'Briefly.' }], stream: true, max_tokens: 3 });
      let chunks = 0;
      for await (const _chunk of stream) {
        chunks++;
      }
      assert.deepStrictEqual({ chunks, content: stream.response().choices[0]?.message.content }, { chunks: wires[wire].chunks(3), content: answerText(3) });
    });
  }

  it('the bodies hold the events `wires` counts: one SSE data line per Gemini response, one NDJSON line per Ollama line', () => {
    const gemini = renderAnswer('gemini', contentChunks).toString('utf8');
    const ollama = renderAnswer('ollama', contentChunks).toString('utf8');
    assert.deepStrictEqual(
      { gemini: gemini.split('\n\n').filter((event) => event.startsWith('data: ')).length, ollama: ollama.split('\n').filter((line) => line.length > 0).length },
      { gemini: wires.gemini.events(contentChunks), ollama: wires.ollama.events(contentChunks) },
    );
  });
});
