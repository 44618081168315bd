/**
 * What reaches the usage history: each answer of the chat (under the caller `chat`, the model
 * that answered, the tokens its totals count) and each call through the public API (under the
 * calling extension's id, the model it named; a failed call as a request without tokens).
 */

import assert from 'node:assert/strict';
import { getModelInfo } from '../../src/core';
import { chatUsageLog } from '../../src/shell/usage/chatUsage';
import { localDay, UsageHistory } from '../../src/shell/usage/usageHistory';
import { conversationTotals } from '../../src/shell/chat/usage';
import { loadFixture } from '../helpers/fixtures';
import { useChatRigs } from '../helpers/chatHarness';
import { MemoryLog } from '../helpers/chatFakes';
import { eventually, rejection } from '../helpers/llmHarness';
import { startWireServer, type WireServer } from '../helpers/wireServer';
import { apiHarness, consumerId, MemoryJsonState, type ApiHarness } from './apiHarness';

describe('usage recorded into the history', () => {
  const rigs = useChatRigs();

  it("the chat: each answer under 'chat' and its model, with the tokens the conversation's totals count", async () => {
    const history = new UsageHistory(new MemoryJsonState());
    const rig = await rigs.rig({ usage: chatUsageLog(history, new MemoryLog()) });
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await rig.controller.idle();
    await rig.receive({ type: 'chat/send', requestId: 'req-2', text: 'And again', attachments: [] });
    await rig.controller.idle();
    const conversation = await rig.store.load('id-1');
    const totals = conversation === undefined ? undefined : conversationTotals(conversation);
    await eventually(() => history.list()[0]?.requests === 2, 'both answers counted');
    const [entry] = history.list();
    assert.deepStrictEqual(
      { buckets: history.list().length, caller: entry?.caller, model: entry?.model, requests: entry?.requests, tokens: [entry?.prompt_tokens, entry?.completion_tokens] },
      { buckets: 1, caller: 'chat', model: 'mock/echo', requests: 2, tokens: [totals?.promptTokens, totals?.completionTokens] },
    );
    assert.ok((entry?.completion_tokens ?? 0) > 0);
    history.dispose();
  });

  describe('the public API', () => {
    let server: WireServer | undefined;
    let setup: ApiHarness | undefined;
    afterEach(async () => {
      await server?.close();
      setup?.dispose();
    });

    it("each call under the calling extension and the model it named; a failed call without tokens", async () => {
      const nonStream = loadFixture('openai/chat_nonstream_text');
      const listening = (server = await startWireServer(() => nonStream.reply()));
      setup = apiHarness({ settings: { providers: { openai: { baseUrl: `${listening.url}/v1` } } } });
      await setup.keys.set('openai', 'sk-test-usage-history');
      const hi = [{ role: 'user' as const, content: 'Hi' }];
      const before = localDay(Date.now());
      await setup.api.completion({ model: 'openai/gpt-4o-mini', messages: hi });
      await rejection(setup.api.completion({ model: 'mock/quick', messages: hi, mock_response: 'error:429', num_retries: 0 }));
      const history = setup.history;
      await eventually(() => history.list().length === 2, 'both calls counted');
      const after = localDay(Date.now());
      const info = getModelInfo('openai/gpt-4o-2024-08-06');
      const cost = 14 * (info.input_cost_per_token ?? NaN) + 37 * (info.output_cost_per_token ?? NaN);
      const list = history.list();
      assert.ok(list.every((entry) => entry.day === before || entry.day === after));
      assert.deepStrictEqual(
        list.map(({ day: _day, ...rest }) => rest),
        [
          { model: 'openai/gpt-4o-mini', caller: consumerId, requests: 1, prompt_tokens: 14, completion_tokens: 37, cost, unpriced_requests: 0 },
          { model: 'mock/quick', caller: consumerId, requests: 1, prompt_tokens: 0, completion_tokens: 0, cost: 0, unpriced_requests: 0 },
        ],
      );
    });
  });
});
