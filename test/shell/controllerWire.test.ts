/**
 * The chat controller against loopback servers speaking recorded wire responses, through the
 * core's real client configured as the shell configures it (a provider base URL and a stored
 * key): the request that reached the wire, the streamed answer with usage and cost, a rejected key
 * (Set API Key), a stream cut midway and a provider error mid-stream (the partial answer kept),
 * retry after an error, a cancel before the first byte, attachments with and without a vision
 * model, reasoning and tool calls.
 */

import assert from 'node:assert/strict';
import { getModelInfo, type Message } from '../../src/core';
import type { ChatMessageView } from '../../src/protocol/messages';
import { coreCompletions, GatedCompletions, useChatRigs, type ChatRig } from '../helpers/chatHarness';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import { png } from '../helpers/protocolSamples';
import type { Responder, WireServer } from '../helpers/wireServer';

const apiKey = 'sk-test-chat-controller-0123456789abcdef';
const model = 'openai/gpt-4o-mini';
const streamed = loadFixture('openai/chat_stream_text_usage');
const fullText = streamed.meta.expected.text as string;

describe('chat controller: loopback servers speaking recorded OpenAI and Anthropic responses', () => {
  const rigs = useChatRigs();
  const wire = useHarness();

  async function setup(respond: Responder, options: { model?: string; apiBase?: (server: WireServer) => string } = {}): Promise<{ rig: ChatRig; server: WireServer }> {
    const server = await wire.server(respond);
    const chosen = options.model ?? model;
    const provider = chosen.slice(0, chosen.indexOf('/'));
    const apiBase = (options.apiBase ?? ((wire) => `${wire.url}/v1`))(server);
    const client = rigs.client({
      getApiKey: (asked) => (asked === provider ? apiKey : undefined),
      providerSettings: (asked) => (asked === provider ? { apiBase } : undefined),
    });
    const rig = await rigs.rig({ client: coreCompletions(client), model: chosen });
    await rig.open();
    rig.sink.clear();
    return { rig, server };
  }

  /** The text of every Anthropic SSE delta of one kind, joined: what the chat must show. */
  function anthropicDeltas(body: Buffer, kind: 'text_delta' | 'thinking_delta'): string {
    return body
      .toString('utf8')
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; delta?: { type: string; text?: string; thinking?: string } })
      .filter((event) => event.type === 'content_block_delta' && event.delta?.type === kind)
      .map((event) => event.delta?.text ?? event.delta?.thinking ?? '')
      .join('');
  }

  function requestMessages(server: WireServer, index: number): Message[] {
    return (server.requests[index]?.json as { messages: Message[] }).messages;
  }

  function noKeyAnywhere(rig: ChatRig): void {
    assert.ok(!JSON.stringify(rig.sink.messages).includes(apiKey), 'the key reached the view');
    assert.ok(!rig.log.lines.join('\n').includes(apiKey), 'the key reached the log');
  }

  it('streams the answer with the stored key, and reports its usage and cost', async () => {
    const { rig, server } = await setup(() => streamed.reply({ seed: 3, pieces: 25 }));
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Weather in San Francisco?', attachments: [] });
    await rig.controller.idle();
    assert.equal(server.requests[0]?.headers['authorization'], `Bearer ${apiKey}`);
    assert.deepStrictEqual(requestMessages(server, 0), [{ role: 'user', content: 'Weather in San Francisco?' }]);
    // Priced as the model the server says answered (the recording's), not the one asked for.
    const info = getModelInfo('openai/gpt-4o-2024-08-06');
    const usage = { promptTokens: 14, completionTokens: 30, reasoningTokens: 0, cost: 14 * info.input_cost_per_token! + 30 * info.output_cost_per_token! };
    const done = rig.sink.of('chat/done');
    assert.deepStrictEqual(done, [
      {
        type: 'chat/done',
        requestId: 'req-1',
        message: { id: 'id-3', role: 'assistant', content: fullText, model, status: 'complete', usage, createdAt: done[0]!.message.createdAt },
        totals: usage,
      },
    ]);
    noKeyAnywhere(rig);
  });

  it('shows a rejected key as an error offering Set API Key; retry answers the same question', async () => {
    const unauthorized = loadFixture('openai/error_401_invalid_api_key');
    const { rig, server } = await setup((_, index) => (index === 0 ? unauthorized.reply() : streamed.reply()));
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await rig.controller.idle();
    const [failed] = rig.sink.of('chat/error');
    assert.ok(failed !== undefined, `no chat/error in ${rig.sink.types().join(', ')}`);
    const { error, ...message } = failed.message;
    assert.deepStrictEqual(message, { id: 'id-3', role: 'assistant', content: '', model, status: 'error', createdAt: message.createdAt });
    assert.deepStrictEqual({ kind: error?.kind, actions: error?.actions }, { kind: 'AuthenticationError', actions: ['setApiKey'] });
    assert.match(error!.message, /^OpenAI did not accept the API key, or none is set\. Set it with 'Switchboard: Set API Key'\. Details: .*Incorrect API key provided/);
    assert.deepStrictEqual(failed.totals, {});

    rig.sink.clear();
    await rig.receive({ type: 'chat/regenerate', requestId: 'req-2' });
    await rig.controller.idle();
    assert.deepStrictEqual(rig.sink.messages[0], { type: 'chat/truncated', fromMessageId: 'id-3' });
    assert.deepStrictEqual(requestMessages(server, 1), [{ role: 'user', content: 'Hi' }]);
    const conversation = await rig.controller.conversation();
    assert.deepStrictEqual(
      conversation?.messages.map((each) => [each.role, each.status, each.content]),
      [
        ['user', 'complete', 'Hi'],
        ['assistant', 'complete', fullText],
      ],
    );
    noKeyAnywhere(rig);
  });

  it('keeps the partial answer of a stream cut midway, with Retry and Show Logs', async () => {
    const { rig } = await setup(() => ({ ...streamed.reply(), cutAfterBytes: 2_000 }));
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await rig.controller.idle();
    const [failed] = rig.sink.of('chat/error');
    assert.ok(failed !== undefined, `no chat/error in ${rig.sink.types().join(', ')}`);
    const { content, status, error } = failed.message;
    assert.ok(content.length > 0 && content.length < fullText.length && fullText.startsWith(content), `partial: ${content}`);
    assert.deepStrictEqual([status, error?.kind, error?.actions], ['error', 'APIConnectionError', ['retry', 'testConnection', 'showLogs']]);
    // What the view was streamed and what the error message holds agree: no text lost or doubled.
    assert.equal(rig.sink.of('chat/delta').map((delta) => delta.content ?? '').join(''), content);
    const stored = await rig.store.load('id-1');
    assert.deepStrictEqual(stored?.messages[1], failed.message);
  });

  it('leaves a failed empty answer out of the next request, and sends one cut midway with its partial text', async () => {
    const unauthorized = loadFixture('openai/error_401_invalid_api_key');
    const replies = [unauthorized.reply(), { ...streamed.reply(), cutAfterBytes: 2_000 }, streamed.reply()];
    const { rig, server } = await setup((_, index) => replies[index]!);
    for (const [index, text] of ['First', 'Second', 'Third'].entries()) {
      await rig.receive({ type: 'chat/send', requestId: `req-${index}`, text, attachments: [] });
      await rig.controller.idle();
    }
    const partial = (await rig.controller.conversation())?.messages[3];
    assert.deepStrictEqual([partial?.status, partial?.content.length !== 0], ['error', true]);
    assert.deepStrictEqual(requestMessages(server, 1), [
      { role: 'user', content: 'First' },
      { role: 'user', content: 'Second' },
    ]);
    assert.deepStrictEqual(requestMessages(server, 2), [
      { role: 'user', content: 'First' },
      { role: 'user', content: 'Second' },
      { role: 'assistant', content: partial?.content },
      { role: 'user', content: 'Third' },
    ]);
  });

  it('stops before the first byte: the answer ends stopped and empty', async () => {
    const { rig, server } = await setup(() => ({ ...streamed.reply(), delayHeadersMs: 5_000 }));
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    while (server.requests.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const started = Date.now();
    rig.controller.cancel();
    await rig.controller.idle();
    assert.ok(Date.now() - started < 2_000, 'the cancel did not wait for the server');
    const done = rig.sink.of('chat/done');
    assert.deepStrictEqual(
      done.map((each) => [each.message.status, each.message.content, each.message.error]),
      [['stopped', '', undefined]],
    );
  });

  it('sends a selection as a fenced block, and an image only to a model that accepts images', async () => {
    const { rig, server } = await setup(() => streamed.reply());
    const selection = { kind: 'selection' as const, name: 'src/app.ts', languageId: 'typescript', text: 'const fence = "```";', lines: '3-4' };
    const image = { kind: 'image' as const, name: 'screen.png', dataUrl: png };
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'What is wrong?', attachments: [selection, image] });
    await rig.controller.idle();
    const text = 'Selection from src/app.ts (lines 3-4):\n````typescript\nconst fence = "```";\n````\n\nWhat is wrong?';
    assert.deepStrictEqual(requestMessages(server, 0), [{ role: 'user', content: text }]);
    assert.deepStrictEqual(rig.sink.of('notice'), [{ type: 'notice', message: 'openai/gpt-4o-mini does not accept images: the attached images were left out.' }]);
    const question: ChatMessageView | undefined = (await rig.controller.conversation())?.messages[0];
    assert.deepStrictEqual(question?.attachments, [selection, image], 'the image stays in the conversation');

    rig.models.vision.add(model);
    rig.sink.clear();
    await rig.receive({ type: 'chat/regenerate', requestId: 'req-2' });
    await rig.controller.idle();
    assert.deepStrictEqual(requestMessages(server, 1), [
      {
        role: 'user',
        content: [
          { type: 'text', text },
          { type: 'image_url', image_url: { url: png } },
        ],
      },
    ]);
    assert.deepStrictEqual(rig.sink.of('notice'), []);
  });

  it('shows reasoning as it streams, beside the answer (Anthropic extended thinking)', async () => {
    const thinking = loadFixture('anthropic/messages_stream_extended_thinking');
    const { rig, server } = await setup(() => thinking.reply({ seed: 11, pieces: 30 }), { model: 'anthropic/claude-sonnet-4-0', apiBase: (wire) => wire.url });
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'How do I cross the street?', attachments: [] });
    await rig.controller.idle();
    assert.equal(server.requests[0]?.headers['x-api-key'], apiKey);
    const reasoning = anthropicDeltas(thinking.body, 'thinking_delta');
    const text = anthropicDeltas(thinking.body, 'text_delta');
    assert.ok(reasoning.length > 0 && text === thinking.meta.expected.text);
    const [done] = rig.sink.of('chat/done');
    assert.deepStrictEqual([done?.message.status, done?.message.reasoning, done?.message.content], ['complete', reasoning, text]);
    const deltas = rig.sink.of('chat/delta');
    assert.deepStrictEqual(
      [deltas.map((delta) => delta.reasoning ?? '').join(''), deltas.map((delta) => delta.content ?? '').join('')],
      [reasoning, text],
    );
  });

  it('shows the tool calls a model makes, joined from their fragments', async () => {
    const tools = loadFixture('openai/chat_stream_parallel_tool_calls');
    const { rig } = await setup(() => tools.reply('bytes'));
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Weather and stock?', attachments: [] });
    await rig.controller.idle();
    const [done] = rig.sink.of('chat/done');
    const expected = (tools.meta.expected.tool_calls ?? []).map((call) => ({ id: call.id, name: call.name, arguments: call.arguments }));
    assert.equal(expected.length, 2);
    assert.deepStrictEqual([done?.message.status, done?.message.content, done?.message.toolCalls], ['complete', '', expected]);
    // The one delta (no frame ran) carries the calls whole.
    assert.deepStrictEqual(
      rig.sink.of('chat/delta').map((delta) => delta.toolCalls),
      [expected],
    );
  });

  it('shows a tool call whose name the server repeats in every fragment under that one name, frame after frame', async () => {
    const chunk = (call: Record<string, unknown>): string =>
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { tool_calls: [call] }, finish_reason: null }] })}\n\n`;
    const body =
      chunk({ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }) +
      chunk({ index: 0, function: { name: 'get_weather', arguments: '{"city":' } }) +
      chunk({ index: 0, function: { name: 'get_weather', arguments: '"Paris"}' } }) +
      'data: [DONE]\n\n';
    const server = await wire.server(() => ({ headers: { 'content-type': 'text/event-stream' }, body }));
    const client = rigs.client({ getApiKey: () => apiKey, providerSettings: () => ({ apiBase: `${server.url}/v1` }) });
    const gated = new GatedCompletions(coreCompletions(client));
    const rig = await rigs.rig({ client: gated, model });
    await rig.open();
    rig.sink.clear();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Weather in Paris?', attachments: [] });
    for (let delivered = 1; delivered <= 3; delivered++) {
      gated.release(1);
      while (gated.delivered < delivered) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      rig.env.frames.run();
    }
    gated.release(1_000);
    await rig.controller.idle();
    assert.deepStrictEqual(
      [...rig.sink.of('chat/delta').map((delta) => delta.toolCalls), rig.sink.of('chat/done')[0]?.message.toolCalls],
      [
        [{ id: 'call_1', name: 'get_weather', arguments: '' }],
        [{ id: 'call_1', name: 'get_weather', arguments: '{"city":' }],
        [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
        [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }],
      ],
    );
  });

  it('keeps the text before a provider error inside the stream (Anthropic overloaded)', async () => {
    const overloaded = loadFixture('anthropic/messages_stream_midstream_overloaded_error');
    const { rig } = await setup(() => overloaded.reply(), { model: 'anthropic/claude-3-haiku-20240307', apiBase: (wire) => wire.url });
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await rig.controller.idle();
    const [failed] = rig.sink.of('chat/error');
    assert.deepStrictEqual(
      [failed?.message.content, failed?.message.status, failed?.message.error?.kind, failed?.message.error?.actions],
      ['Hello', 'error', 'ServiceUnavailableError', ['retry', 'showLogs']],
    );
    assert.match(failed?.message.error?.message ?? '', /^Anthropic is overloaded or unavailable right now\. Retry in a moment\./);
  });
});
