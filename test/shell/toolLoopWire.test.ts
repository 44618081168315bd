/**
 * The chat's tool loop on the wire: loopback servers answer the first request with a recorded
 * tool-call stream of each provider (OpenAI's parallel calls, Anthropic's signed thinking before a
 * tool_use, Gemini's function call with its thought signature, Ollama's NDJSON call), served at
 * random splits; the tools run; and the second request that reached the server is asserted — the
 * calls sent back as the provider wrote them, the signed reasoning carried (thinking models refuse
 * a second round without it), and each result in the provider's own shape.
 */

import assert from 'node:assert/strict';
import type { ChatMessageView } from '../../src/protocol/messages';
import { defaultChatSettings } from '../../src/shell/chatSettings';
import type { ToolSettings } from '../../src/shell/toolSettings';
import { coreCompletions, useChatRigs, type ChatRig } from '../helpers/chatHarness';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply, WireServer } from '../helpers/wireServer';
import { FunctionToolSource, testToolbox, text, type FunctionTool } from '../helpers/toolSources';

const apiKey = 'sk-test-tool-loop-0123456789abcdef';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

function sseEvents(body: Buffer): SseEvent[] {
  return body
    .toString('utf8')
    .split(/\n\n+/)
    .filter((block) => block.trim().length > 0)
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as Record<string, unknown>;
      return { event, data };
    });
}

function sseBody(events: readonly SseEvent[]): string {
  return events.map(({ event, data }) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}

/**
 * A recorded Claude stream that thinks (with its signature) before a text and a tool_use block: the
 * thinking block of `messages_stream_extended_thinking` put before the blocks of
 * `messages_stream_tool_use` (both recorded from the Messages API; the tool_use fixture's indexes
 * moved up by one), as Claude with thinking on streams a tool call.
 */
function anthropicThinkingThenTool(): { body: string; signature: string; thinking: string } {
  const thinking = sseEvents(loadFixture('anthropic/messages_stream_extended_thinking').body);
  const tool = sseEvents(loadFixture('anthropic/messages_stream_tool_use').body);
  const thinkingBlock = thinking.filter((event) => event.event.startsWith('content_block') && event.data['index'] === 0);
  const shifted = tool
    .filter((event) => event.event !== 'message_start')
    .map((event) => (event.event.startsWith('content_block') ? { event: event.event, data: { ...event.data, index: (event.data['index'] as number) + 1 } } : event));
  const start = tool.find((event) => event.event === 'message_start') as SseEvent;
  let signature = '';
  let text = '';
  for (const event of thinkingBlock) {
    const delta = event.data['delta'] as Record<string, string> | undefined;
    signature += delta?.['type'] === 'signature_delta' ? delta['signature'] : '';
    text += delta?.['type'] === 'thinking_delta' ? delta['thinking'] : '';
  }
  return { body: sseBody([start, ...thinkingBlock, ...shifted]), signature, thinking: text };
}

describe('chat tool loop on the wire: OpenAI, Anthropic, Gemini and Ollama', () => {
  const rigs = useChatRigs();
  const wire = useHarness();

  async function setup(model: string, replies: Reply[], tools: Record<string, FunctionTool>, toolSettings: Partial<ToolSettings> = {}): Promise<{ rig: ChatRig; server: WireServer; source: FunctionToolSource }> {
    let answered = 0;
    const server = await wire.server((request) => {
      if (request.url === '/api/show') {
        // Ollama's model facts: unknown here (the chat then asks with its default window).
        return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"error":"model \'llama3.2\' not found"}' };
      }
      return replies[Math.min(answered++, replies.length - 1)] as Reply;
    });
    const provider = model.slice(0, model.indexOf('/'));
    const client = rigs.client({
      getApiKey: (asked) => (asked === provider ? apiKey : undefined),
      providerSettings: (asked) => (asked === provider ? { apiBase: provider === 'openai' ? `${server.url}/v1` : server.url } : undefined),
    });
    const source = new FunctionToolSource('builtin', 'builtin', 'Workspace', tools);
    const box = testToolbox([source], toolSettings);
    const rig = await rigs.rig({ client: coreCompletions(client), model, settings: () => ({ ...defaultChatSettings, titles: 'firstLine' }), tools: { toolbox: box.toolbox, settings: () => box.settings.value } });
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'r1', text: 'Use the tools', attachments: [] });
    await rig.controller.idle();
    return { rig, server, source };
  }

  const bodyOf = (request: RecordedRequest | undefined): Record<string, unknown> => request?.json as Record<string, unknown>;

  async function answerOf(rig: ChatRig): Promise<ChatMessageView> {
    const messages = (await rig.controller.conversation())?.messages ?? [];
    return messages[messages.length - 1] as ChatMessageView;
  }

  it('OpenAI: two calls in one round run at once, each result goes back as its own tool message', async () => {
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const bothStarted = new Promise<void>((resolve) => {
      release = resolve;
    });
    const parallel = (answer: string): FunctionTool => ({
      readOnly: true,
      run: async () => {
        running++;
        most = Math.max(most, running);
        if (running === 2) {
          release();
        }
        // Each waits for the other (or gives up after a while): only calls run together get past this at once.
        await Promise.race([bothStarted, new Promise((resolve) => setTimeout(resolve, 1_000))]);
        running--;
        return text(answer);
      },
    });
    const { rig, server, source } = await setup(
      'openai/gpt-4o',
      [loadFixture('openai/chat_stream_parallel_tool_calls').reply({ seed: 14, pieces: 23 }), loadFixture('openai/chat_stream_text_usage').reply({ seed: 3, pieces: 7 })],
      { GetWeatherArgs: parallel('18°C and sunny'), get_stock_price: parallel('AAPL 231.5') },
    );
    assert.equal(most, 2, 'both calls ran at the same time');
    assert.deepStrictEqual(source.calls.map((call) => call.name).sort(), ['GetWeatherArgs', 'get_stock_price']);
    const first = bodyOf(server.requests[0]);
    assert.deepStrictEqual((first['tools'] as { function: { name: string } }[]).map((tool) => tool.function.name), ['GetWeatherArgs', 'get_stock_price']);
    const messages = bodyOf(server.requests[1])['messages'] as Record<string, unknown>[];
    const assistant = messages[1] as { role: string; tool_calls: { id: string; function: { name: string; arguments: string } }[] };
    assert.equal(assistant.role, 'assistant');
    const calls = assistant.tool_calls.map((call) => [call.id, call.function.name]);
    assert.deepStrictEqual(
      messages.slice(2),
      calls.map(([id, name]) => ({ role: 'tool', tool_call_id: id, content: name === 'GetWeatherArgs' ? '18°C and sunny' : 'AAPL 231.5' })),
    );
    const answer = await answerOf(rig);
    assert.deepStrictEqual([answer.status, answer.rounds?.[0]?.toolCalls.map((call) => call.state)], ['complete', ['done', 'done']]);
    assert.ok(answer.content.length > 0);
  });

  it('Anthropic: the signed thinking block goes back before the tool_use, and the result as a tool_result', async () => {
    const composed = anthropicThinkingThenTool();
    const { rig, server } = await setup(
      'anthropic/claude-sonnet-4-5',
      [{ status: 200, headers: { 'content-type': 'text/event-stream' }, body: composed.body, delivery: { seed: 8, pieces: 31 } }, loadFixture('anthropic/messages_stream_text_with_ping').reply({ seed: 2, pieces: 5 })],
      { get_weather: { readOnly: true, run: (args) => text(`Weather in ${String(args['location'])}: 14°C`) } },
    );
    const messages = bodyOf(server.requests[1])['messages'] as { role: string; content: Record<string, unknown>[] }[];
    assert.deepStrictEqual(messages.slice(1), [
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: composed.thinking, signature: composed.signature },
          { type: 'text', text: "I'll check the current weather in Paris for you." },
          { type: 'tool_use', id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', name: 'get_weather', input: { location: 'Paris' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', content: 'Weather in Paris: 14°C' }] },
    ]);
    const answer = await answerOf(rig);
    assert.equal(answer.rounds?.[0]?.thinkingBlocks?.[0]?.type, 'thinking');
    assert.equal(answer.status, 'complete');
  });

  it('Gemini: the function call goes back with its thought signature, the result as a functionResponse', async () => {
    const call = loadFixture('gemini/stream_generate_content_function_call');
    const { rig, server } = await setup(
      'gemini/gemini-3-pro-preview',
      [call.reply({ seed: 4, pieces: 13 }), loadFixture('gemini/stream_generate_content_text_after_tool_result').reply({ seed: 6, pieces: 9 })],
      { get_country: { readOnly: true, run: () => text('{"country":"France"}') } },
    );
    const signature = /"thoughtSignature": ?"([^"]+)"/.exec(call.body.toString('utf8'))?.[1];
    const contents = bodyOf(server.requests[1])['contents'] as { role: string; parts: { functionCall?: { id?: string } }[] }[];
    // Gemini 3 sent no id; the client made one, and the response names the same.
    const id = contents[1]?.parts[0]?.functionCall?.id;
    assert.match(id ?? '', /^call_/);
    assert.deepStrictEqual(contents.slice(1), [
      { role: 'model', parts: [{ functionCall: { name: 'get_country', args: {}, id }, thoughtSignature: signature }] },
      { role: 'user', parts: [{ functionResponse: { id, name: 'get_country', response: { country: 'France' } } }] },
    ]);
    assert.equal((await answerOf(rig)).status, 'complete');
  });

  it('Ollama: the NDJSON call runs and its result goes back as a tool message', async () => {
    const { rig, server } = await setup(
      'ollama/llama3.2',
      // No streamed text answer of /api/chat is recorded: the recorded whole answer is a one-line NDJSON stream.
      [loadFixture('ollama/chat_stream_tool_calls').reply('bytes'), { status: 200, headers: { 'content-type': 'application/x-ndjson' }, body: `${JSON.stringify(JSON.parse(loadFixture('ollama/chat_nonstream').body.toString('utf8')))}\n`, delivery: { seed: 1, pieces: 4 } }],
      { get_weather: { readOnly: true, run: (args) => text(`Sunny in ${String(args['city'])}`) } },
    );
    const chats = server.requests.filter((request) => request.url === '/api/chat');
    assert.equal(chats.length, 2);
    const messages = bodyOf(chats[1])['messages'] as Record<string, unknown>[];
    assert.deepStrictEqual(messages.slice(1), [
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }] },
      { role: 'tool', content: 'Sunny in Tokyo', tool_name: 'get_weather' },
    ]);
    assert.equal((await answerOf(rig)).status, 'complete');
  });

  it('a tool that times out or fails tells the model so, and the loop goes on', async () => {
    const { rig, server } = await setup(
      'openai/gpt-4o',
      [loadFixture('openai/chat_stream_parallel_tool_calls').reply('whole'), loadFixture('openai/chat_stream_text_usage').reply('whole')],
      { GetWeatherArgs: { readOnly: true, run: () => Promise.reject(new Error('weather service down')) }, get_stock_price: { readOnly: true, run: () => new Promise(() => undefined) } },
      { timeoutSeconds: 0.2 },
    );
    const contents = (bodyOf(server.requests[1])['messages'] as { role: string; content: string }[]).filter((message) => message.role === 'tool').map((message) => message.content);
    assert.deepStrictEqual(contents.sort(), ['The tool did not answer within 0.2 s and was cancelled.', 'The tool failed: weather service down'].sort());
    assert.equal((await answerOf(rig)).status, 'complete');
  });
});
