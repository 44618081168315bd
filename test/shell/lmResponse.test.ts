/**
 * The `switchboard` vendor's responses: the core's stream → VS Code response parts. Text is
 * reported as it arrives; each tool call once, whole, its argument fragments joined and parsed.
 * Through the real seam: the shell's client against a server on 127.0.0.1 serving recorded
 * OpenAI streams byte by byte.
 */

import assert from 'node:assert/strict';
import { streamChunkBuilder, type ModelResponseChunk } from '../../src/core';
import type { LmResponsePart } from '../../src/shell/lm/lmParts';
import { reportResponse, type AccumulatingStream } from '../../src/shell/lm/responseParts';
import { vendorCompletionParams } from '../../src/shell/lm/vendorRequest';
import { providerKeyOwner } from '../../src/shell/secrets';
import { loadFixture } from '../helpers/fixtures';
import { useShellHarness } from '../helpers/shellHarness';
import { RecordingLog } from './shellFakes';

async function collect(stream: AccumulatingStream, signal?: AbortSignal): Promise<LmResponsePart[]> {
  const parts: LmResponsePart[] = [];
  await reportResponse(stream, (part) => parts.push(part), signal);
  return parts;
}

function chunk(delta: ModelResponseChunk['choices'][number]['delta']): ModelResponseChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta, finish_reason: null }] };
}

/** A stream of these chunks that accumulates what it delivered with the core's rule, as `CompletionStream` does. */
function accumulating(source: AsyncIterable<ModelResponseChunk>): AccumulatingStream {
  const delivered: ModelResponseChunk[] = [];
  return {
    async *[Symbol.asyncIterator]() {
      for await (const item of source) {
        delivered.push(item);
        yield item;
      }
    },
    response: () => streamChunkBuilder(delivered),
  };
}

function chunks(...items: ModelResponseChunk[]): AccumulatingStream {
  return accumulating(
    (async function* () {
      yield* items;
    })(),
  );
}

describe('vscode.lm responses from the core stream', () => {
  const shells = useShellHarness();

  async function vendorStream(fixture: string, tools: boolean): Promise<{ parts: LmResponsePart[]; body: unknown }> {
    const server = await shells.server(() => loadFixture(fixture).reply('bytes'));
    const { client, keys } = shells.client({ settings: { providers: { openai: { baseUrl: `${server.url}/v1` } } } });
    await keys.set(providerKeyOwner('openai'), 'sk-test-1234');
    const params = vendorCompletionParams(
      {
        vision: false,
        messages: [{ role: 'user', parts: [{ kind: 'text', text: 'Weather in Edinburgh, and AAPL?' }] }],
        tools: tools ? [{ name: 'GetWeatherArgs', description: 'Weather', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }, { name: 'get_stock_price', description: 'Price' }] : undefined,
        toolMode: 'required',
        target: await client.target('openai/gpt-4o'),
        signal: new AbortController().signal,
      },
      new RecordingLog(),
    );
    const parts = await collect(await client.completion(params));
    const body = server.requests[0]?.json as Record<string, unknown>;
    return { parts, body: { model: body['model'], messages: body['messages'], tools: body['tools'], tool_choice: body['tool_choice'], stream: body['stream'] } };
  }

  it('reports two streamed tool calls whole, in index order, after assembling their fragments', async () => {
    const result = await vendorStream('openai/chat_stream_parallel_tool_calls', true);
    assert.deepStrictEqual(result, {
      parts: [
        { kind: 'toolCall', callId: 'call_JMW1whyEaYG438VE1OIflxA2', name: 'GetWeatherArgs', input: { city: 'Edinburgh', country: 'GB', units: 'c' } },
        { kind: 'toolCall', callId: 'call_DNYTawLBoN8fj3KN6qU9N1Ou', name: 'get_stock_price', input: { ticker: 'AAPL', exchange: 'NASDAQ' } },
      ],
      body: {
        model: 'gpt-4o',
        messages: [{ role: 'user', content: 'Weather in Edinburgh, and AAPL?' }],
        tools: [
          { type: 'function', function: { name: 'GetWeatherArgs', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
          { type: 'function', function: { name: 'get_stock_price', description: 'Price' } },
        ],
        tool_choice: 'required',
        stream: true,
      },
    });
  });

  it('reports text as it streams, and a refusal as text', async () => {
    const text = await vendorStream('openai/chat_stream_text_usage', false);
    const pieces = text.parts.map((part) => (part.kind === 'text' ? part.text : `<${part.kind}>`));
    assert.ok(pieces.length > 5, `streamed in pieces, not at the end: ${pieces.length}`);
    const refusal = await vendorStream('openai/chat_stream_refusal', false);
    assert.deepStrictEqual(
      [pieces.join(''), refusal.parts.map((part) => (part.kind === 'text' ? part.text : `<${part.kind}>`)).join('')],
      [loadFixture('openai/chat_stream_text_usage').meta.expected.text, loadFixture('openai/chat_stream_refusal').meta.expected.refusal],
    );
  });
});

describe('tool calls reported to VS Code', () => {
  it("are the stream's own, joined by index whatever order the fragments interleave in; a call without an id gets one; a name repeated in every fragment stays one name", async () => {
    const parts = await collect(
      chunks(
        chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'second', arguments: '{"n":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: '{"city":' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: '"Paris"}' } }, { index: 1, function: { arguments: '2}' } }] }),
      ),
    );
    assert.deepStrictEqual(parts, [
      { kind: 'toolCall', callId: 'call_0', name: 'get_weather', input: { city: 'Paris' } },
      { kind: 'toolCall', callId: 'b', name: 'second', input: { n: 2 } },
    ]);
  });

  it('refuses to report a call with broken arguments or no name, after the text that came before', async () => {
    const outcomes: string[] = [];
    for (const delta of [
      { index: 0, id: 'x', function: { name: 'cut', arguments: '{"city": "Edin' } },
      { index: 0, id: 'y', function: { name: 'list', arguments: '[1, 2]' } },
      { index: 0, id: 'z', function: { arguments: '{}' } },
    ]) {
      const parts: LmResponsePart[] = [];
      await reportResponse(chunks(chunk({ content: 'Looking.' }), chunk({ tool_calls: [delta] })), (part) => parts.push(part)).catch((error: Error) => outcomes.push(`${parts.length} part(s), then: ${error.message}`));
    }
    assert.deepStrictEqual(outcomes, [
      "1 part(s), then: The model's arguments for the tool 'cut' are not valid JSON.",
      "1 part(s), then: The model's arguments for the tool 'list' are not a JSON object.",
      '1 part(s), then: The model made a tool call (index 0) without a tool name.',
    ]);
  });

  it('reports no tool call when the stream ended because the caller cancelled', async () => {
    const controller = new AbortController();
    const stream = async function* (): AsyncGenerator<ModelResponseChunk> {
      yield chunk({ content: 'Hi' });
      yield chunk({ tool_calls: [{ index: 0, id: 'x', function: { name: 'cut', arguments: '{"ci' } }] });
      controller.abort();
    };
    assert.deepStrictEqual(await collect(accumulating(stream()), controller.signal), [{ kind: 'text', text: 'Hi' }]);
  });
});
