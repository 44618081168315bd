/**
 * Long chats that never just fail: a model with a 2,000-token window and a 60-turn chat against a
 * loopback server speaking recorded OpenAI responses. Every request the server receives fits the
 * window with the answer's reserve (counted with the chat's own tokenizer); `summarize` makes one
 * summary request per overflow and shows a divider that holds the summary; `drop` leaves the
 * oldest turns out behind one divider; `off` sends everything and shows the provider's refusal with
 * the numbers. A question too long for the window on its own is refused before anything is sent.
 */

import assert from 'node:assert/strict';
import { countTokens } from 'gpt-tokenizer';
import type { Message } from '../../src/core';
import type { ChatSnapshot } from '../../src/protocol/messages';
import type { CompactionView } from '../../src/protocol/requestViews';
import { defaultChatSettings, type LongChatMode } from '../../src/shell/chatSettings';
import { coreCompletions, useChatRigs, type ChatRig } from '../helpers/chatHarness';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';

const apiKey = 'sk-test-long-chats-0123456789abcdef';
const model = 'openai/gpt-4o-mini';
const window = 2_000;
/** A quarter of the window: the model's own output limit is larger. */
const reserve = 500;
const answer = loadFixture('openai/chat_stream_text_usage');
const tooLong = loadFixture('openai/error_400_context_length_exceeded');
const summaryPrompt = 'You condense a conversation';

/** The request's tokens as the chat counts them: OpenAI's overhead per message and for the reply. */
function requestTokens(messages: readonly Message[]): number {
  let tokens = 3;
  for (const message of messages) {
    tokens += 4;
    const content = message.content;
    if (typeof content === 'string') {
      tokens += countTokens(content);
    } else if (Array.isArray(content)) {
      for (const part of content) {
        tokens += part.type === 'text' ? countTokens(part.text) : 0;
      }
    }
  }
  return tokens;
}

function isSummaryRequest(request: RecordedRequest): boolean {
  const [first] = (request.json as { messages: Message[] }).messages;
  return first?.role === 'system' && typeof first.content === 'string' && first.content.startsWith(summaryPrompt);
}

/** About 60 tokens of question, different each turn. */
function question(turn: number): string {
  return `Turn ${turn}: please explain how a ${['proxy', 'cache', 'router', 'stream'][turn % 4]} handles request number ${turn * 7} when the upstream server answers slowly, and what a client should log about it.`;
}

describe('long chats: a 2,000-token window and a 60-turn conversation', () => {
  const rigs = useChatRigs();
  const wire = useHarness();

  async function setup(mode: LongChatMode, respond?: (request: RecordedRequest) => ReturnType<typeof answer.reply> | undefined): Promise<{ rig: ChatRig; server: WireServer }> {
    const server = await wire.server((request) => respond?.(request) ?? answer.reply({ seed: 7, pieces: 5 }));
    const client = rigs.client({
      getApiKey: (provider) => (provider === 'openai' ? apiKey : undefined),
      providerSettings: (provider) => (provider === 'openai' ? { apiBase: `${server.url}/v1` } : undefined),
    });
    const rig = await rigs.rig({ client: coreCompletions(client), model, settings: () => ({ ...defaultChatSettings, titles: 'firstLine', longChats: mode, instructions: 'Answer briefly.' }) });
    rig.models.windows.set(model, window);
    await rig.open();
    return { rig, server };
  }

  async function converse(rig: ChatRig, turns: number): Promise<void> {
    for (let turn = 1; turn <= turns; turn++) {
      await rig.receive({ type: 'chat/send', requestId: `r${turn}`, text: question(turn), attachments: [] });
      await rig.controller.idle();
    }
  }

  function assertEveryRequestFits(server: WireServer): void {
    server.requests.forEach((request, index) => {
      const body = request.json as { messages: Message[]; max_tokens?: number };
      const tokens = requestTokens(body.messages);
      const room = isSummaryRequest(request) ? window - (body.max_tokens ?? 0) : window - reserve;
      assert.ok(tokens <= room, `request ${index} has ${tokens} tokens; ${room} fit`);
    });
  }

  it('summarize: every request fits, one summary per overflow, dividers that hold the summary', async () => {
    const { rig, server } = await setup('summarize');
    await converse(rig, 60);
    assertEveryRequestFits(server);
    const summaries = server.requests.filter(isSummaryRequest);
    const answers = server.requests.filter((request) => !isSummaryRequest(request));
    assert.equal(answers.length, 60, 'every question answered');
    const conversation = await rig.controller.conversation();
    const compactions = conversation?.compactions ?? [];
    assert.ok(summaries.length >= 2, `the chat overflowed more than once (${summaries.length} summaries)`);
    assert.ok(summaries.length <= 15, `a summary is not made for every turn (${summaries.length} for 60 turns)`);
    assert.equal(compactions.length, summaries.length, 'one summary request per compaction');
    assert.ok(compactions.every((compaction) => compaction.kind === 'summary' && compaction.summary === answer.meta.expected.text));
    // Never two summaries for one question: each is followed by the answer it made room for.
    server.requests.forEach((request, index) => {
      if (isSummaryRequest(request)) {
        assert.ok(!isSummaryRequest(server.requests[index + 1]!), `request ${index + 1} follows a summary with an answer`);
      }
    });
    // The latest summary is sent after the instructions, and the turns since follow it.
    const last = answers.at(-1)?.json as { messages: Message[] };
    assert.match(last.messages[0]?.content as string, /^Answer briefly\.\n\nSummary of the earlier part of this conversation/);
    assert.equal(last.messages.at(-1)?.content, question(60));
    // The view was told, and a re-opened view gets the dividers in its snapshot (usage left on the host).
    const told = rig.sink.of('chat/compacted').at(-1)?.compactions;
    assert.equal(told?.length, compactions.length);
    rig.sink.clear();
    await rig.receive({ type: 'ready' });
    const snapshot = rig.sink.of('state/snapshot')[0]?.snapshot as ChatSnapshot;
    assert.deepStrictEqual(snapshot.compactions, compactions.map(({ usage: _usage, ...view }): CompactionView => view));
    // The summaries' usage counts in the conversation's totals.
    const answered = conversation!.messages.reduce((sum, message) => sum + (message.usage?.promptTokens ?? 0), 0);
    assert.equal(snapshot.totals.promptTokens, answered + compactions.reduce((sum, compaction) => sum + (compaction.usage?.promptTokens ?? 0), 0));
    await rig.controller.idle();
    const gauge = rig.sink.of('context/gauge').at(-1)?.gauge;
    assert.ok(gauge !== undefined && gauge.window === window && gauge.reserve === reserve && gauge.used > 0 && gauge.used <= window - reserve, `the gauge after a summary: ${JSON.stringify(gauge)}`);
  });

  it('drop: every request fits, no summary is asked for, one divider moves along', async () => {
    const { rig, server } = await setup('drop');
    await converse(rig, 60);
    assertEveryRequestFits(server);
    assert.equal(server.requests.filter(isSummaryRequest).length, 0);
    const compactions = (await rig.controller.conversation())?.compactions ?? [];
    assert.equal(compactions.length, 1);
    assert.equal(compactions[0]?.kind, 'dropped');
    const last = server.requests.at(-1)?.json as { messages: Message[] };
    const firstSent = last.messages.find((message) => message.role === 'user');
    const conversation = await rig.controller.conversation();
    const cutAt = conversation!.messages.findIndex((message) => message.id === compactions[0]?.beforeMessageId);
    assert.equal(compactions[0]?.messageCount, cutAt);
    assert.equal(firstSent?.content, conversation!.messages[cutAt]?.content, 'the request starts where the divider is');
    assert.equal(last.messages[0]?.content, 'Answer briefly.', 'the instructions always stay');
  });

  it("off: everything is sent, and the provider's refusal shows with the numbers", async () => {
    const { rig, server } = await setup('off', (request) => (requestTokens((request.json as { messages: Message[] }).messages) > window ? tooLong.reply('whole') : undefined));
    await converse(rig, 30);
    const failed = rig.sink.of('chat/error').at(-1)?.message;
    assert.equal(failed?.error?.kind, 'ContextWindowExceededError');
    assert.match(failed?.error?.message ?? '', /The request had about [\d,]+ tokens; the window is 2,000 tokens with 500 kept for the answer\./);
    assert.equal(server.requests.filter(isSummaryRequest).length, 0);
    assert.equal((await rig.controller.conversation())?.compactions, undefined);
  });

  it('refuses a question too long for the window on its own, with the numbers, before sending anything', async () => {
    const { rig, server } = await setup('summarize');
    const huge = 'word '.repeat(3_000);
    await rig.receive({ type: 'chat/send', requestId: 'r1', text: huge, attachments: [] });
    await rig.controller.idle();
    assert.equal(server.requests.length, 0);
    const failed = rig.sink.of('chat/error')[0]?.message;
    assert.equal(failed?.error?.kind, 'ContextWindowExceededError');
    assert.match(failed?.error?.message ?? '', /needs about [\d,]+ tokens with the instructions, and the model's window is 2,000 tokens with 500 kept for the answer/);
  });
});
