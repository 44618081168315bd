/**
 * The webview's reducer, in plain Node: each host message's effect on the state, and that what a
 * message does not touch keeps its identity (the renderer relies on it to draw only what changed).
 */

import { deepStrictEqual, strictEqual } from 'node:assert';
import type { ToWebview } from '../../src/protocol/messages';
import { initialState, isBusy, reduce, searching, sent, stopped, type ChatState } from '../../webview/state';
import { assistantMessage, defaultModelSettings, exchange, models, snapshot, userMessage } from './fixtures';

function run(state: ChatState, ...messages: ToWebview[]): ChatState {
  return messages.reduce(reduce, state);
}

describe('webview state: the reducer', () => {
  const opened = run(initialState, snapshot({ messages: exchange(), totals: { promptTokens: 12 } }));

  it('a snapshot replaces the conversation and marks the view ready; the typed text stays unless the draft has text', () => {
    const typed = { ...initialState, draft: { text: 'typed', attachments: [] } };
    const state = run(typed, snapshot({ messages: exchange(), banner: { kind: 'offline', message: 'Offline', actions: ['setApiKey'] } }));
    deepStrictEqual(
      { ready: state.ready, conversationId: state.conversationId, ids: state.messages.map((message) => message.id), draft: state.draft, banner: state.banner?.kind, active: state.active },
      { ready: true, conversationId: 'c1', ids: ['u1', 'a1'], draft: { text: 'typed', attachments: [] }, banner: 'offline', active: undefined },
    );
    const withDraft = run(typed, snapshot({ draft: { text: 'from host', attachments: [{ kind: 'file', name: 'a.ts' }] } }));
    deepStrictEqual(withDraft.draft, { text: 'from host', attachments: [{ kind: 'file', name: 'a.ts' }] });
  });

  it('a snapshot mid-stream makes the answer active, so Stop shows and cancels the right request', () => {
    const state = run(initialState, snapshot({ messages: [assistantMessage('a1', 'so far', { status: 'streaming' })], streaming: { requestId: 'r9', messageId: 'a1' } }));
    deepStrictEqual(state.active, { requestId: 'r9', messageId: 'a1' });
    strictEqual(isBusy(state), true);
  });

  it('deltas grow only the streaming message; the others keep their objects; a repeated seq is ignored', () => {
    const state = run(
      opened,
      { type: 'chat/appended', message: userMessage('u2', 'More?') },
      { type: 'chat/appended', message: assistantMessage('a2', '', { status: 'streaming' }) },
      { type: 'chat/delta', requestId: 'r2', messageId: 'a2', seq: 0, content: 'Yes', reasoning: 'Think' },
      { type: 'chat/delta', requestId: 'r2', messageId: 'a2', seq: 1, content: ', more.' },
      { type: 'chat/delta', requestId: 'r2', messageId: 'a2', seq: 1, content: ', more.' },
    );
    strictEqual(state.messages[0], opened.messages[0]);
    strictEqual(state.messages[1], opened.messages[1]);
    deepStrictEqual(
      { content: state.messages[3]?.content, reasoning: state.messages[3]?.reasoning, active: state.active, lastSeq: state.lastSeq },
      { content: 'Yes, more.', reasoning: 'Think', active: { requestId: 'r2', messageId: 'a2' }, lastSeq: { r2: 1 } },
    );
  });

  it('a delta for an unknown message changes nothing', () => {
    strictEqual(run(opened, { type: 'chat/delta', requestId: 'r', messageId: 'nope', seq: 0, content: 'x' }), opened);
  });

  it('done and error put the final message in place, set the totals, end the request and ask for one announcement each', () => {
    const streaming = run(sent(opened, 'r2'), { type: 'chat/appended', message: assistantMessage('a2', '', { status: 'streaming' }) });
    const done = run(streaming, { type: 'chat/done', requestId: 'r2', message: assistantMessage('a2', 'Final.'), totals: { promptTokens: 30 } });
    deepStrictEqual(
      { content: done.messages[2]?.content, totals: done.totals, active: done.active, announcement: done.announcement, lastSeq: done.lastSeq },
      { content: 'Final.', totals: { promptTokens: 30 }, active: undefined, announcement: { messageId: 'a2', serial: 1 }, lastSeq: {} },
    );
    const failed = run(done, {
      type: 'chat/error',
      requestId: 'r3',
      message: assistantMessage('a3', '', { status: 'error', error: { message: 'No network', kind: 'APIConnectionError', actions: ['retry'] } }),
      totals: {},
    });
    deepStrictEqual([failed.messages.length, failed.announcement], [4, { messageId: 'a3', serial: 2 }]);
  });

  it('truncation drops the message and all after it; appending a known id replaces it in place', () => {
    const truncated = run(opened, { type: 'chat/truncated', fromMessageId: 'a1' });
    deepStrictEqual(truncated.messages.map((message) => message.id), ['u1']);
    const edited = run(opened, { type: 'chat/appended', message: userMessage('u1', 'Edited') });
    deepStrictEqual(edited.messages.map((message) => [message.id, message.content]), [['u1', 'Edited'], ['a1', 'It is **4**.']]);
    strictEqual(run(opened, { type: 'chat/truncated', fromMessageId: 'unknown' }), opened);
  });

  it('models, history, banner, draft and notices', () => {
    const state = run(
      opened,
      { type: 'models/list', models: models.slice(0, 1), current: 'openai/gpt-4o-mini' },
      { type: 'history/list', conversations: [] },
      { type: 'banner/set' },
      { type: 'draft/set', draft: { attachments: [{ kind: 'selection', name: 'a.ts', lines: '1-2' }] } },
      { type: 'notice', message: 'Copied' },
      { type: 'notice', message: 'Copied' },
    );
    deepStrictEqual(
      { models: state.models.length, model: state.model, history: state.history, banner: state.banner, draft: state.draft, notice: state.notice },
      { models: 1, model: 'openai/gpt-4o-mini', history: [], banner: undefined, draft: { text: '', attachments: [{ kind: 'selection', name: 'a.ts', lines: '1-2' }] }, notice: { message: 'Copied', serial: 2 } },
    );
  });

  it('sending empties the composer and makes the request active; stopping ends it even before the host answers', () => {
    const typed = { ...opened, draft: { text: 'hi', attachments: [{ kind: 'file' as const, name: 'a.ts' }] } };
    const sending = sent(typed, 'r5');
    deepStrictEqual([sending.draft, sending.active, isBusy(sending)], [{ text: '', attachments: [] }, { requestId: 'r5' }, true]);
    strictEqual(isBusy(stopped(sending)), false);
  });

  it('a delta appends text and reasoning, and its tool calls replace the ones shown (the host sends them whole)', () => {
    const streaming = run(initialState, snapshot({ messages: [assistantMessage('a1', 'Look', { status: 'streaming' })], streaming: { requestId: 'r1', messageId: 'a1' } }));
    const state = run(
      streaming,
      { type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 0, content: 'ing', reasoning: 'The user ', toolCalls: [{ id: 'call_0', name: 'get_weather', arguments: '{"ci' }] },
      { type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 1, reasoning: 'asks.', toolCalls: [{ id: 'call_0', name: 'get_weather', arguments: '{"city":"Paris"}' }, { id: 'call_1', name: 'now', arguments: '{}' }] },
      { type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 2, content: '.' },
    );
    const message = state.messages[0]!;
    deepStrictEqual(
      { content: message.content, reasoning: message.reasoning, toolCalls: message.toolCalls },
      {
        content: 'Looking.',
        reasoning: 'The user asks.',
        toolCalls: [
          { id: 'call_0', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_1', name: 'now', arguments: '{}' },
        ],
      },
    );
  });

  it('a snapshot brings the model settings, instructions, gauge and compactions; without a gauge, none shows', () => {
    const gauge = { used: 10, window: 100, reserve: 5, windowKnown: true };
    const compactions = [{ id: 'k1', kind: 'dropped' as const, beforeMessageId: 'a1', messageCount: 1, createdAt: 1 }];
    const instructions = { filesEnabled: true, files: [{ path: 'AGENTS.md', enabled: true, tokens: 9, truncated: false }], capBytes: 65_536 };
    const state = run(initialState, snapshot({ gauge, compactions, instructions }));
    deepStrictEqual(
      { modelSettings: state.modelSettings, instructions: state.instructions, gauge: state.gauge, compactions: state.compactions },
      { modelSettings: defaultModelSettings, instructions, gauge, compactions },
    );
    strictEqual(run(state, snapshot()).gauge, undefined);
  });

  it('model settings, instructions, the gauge and compactions replace theirs and leave the rest untouched', () => {
    const modelSettings = { chosen: { temperature: 0.2 }, effective: { temperature: 0.2 }, reasoningSupported: false };
    const instructions = { filesEnabled: false, files: [], settingTokens: 3, capBytes: 1024 };
    const gauge = { used: 1, window: 2, reserve: 1, windowKnown: false };
    const compactions = [{ id: 'k1', kind: 'summary' as const, beforeMessageId: 'a1', messageCount: 1, summary: 'S', createdAt: 1 }];
    const state = run(
      opened,
      { type: 'modelSettings/set', modelSettings },
      { type: 'instructions/list', instructions },
      { type: 'context/gauge', gauge },
      { type: 'chat/compacted', compactions },
    );
    deepStrictEqual(
      { modelSettings: state.modelSettings, instructions: state.instructions, gauge: state.gauge, compactions: state.compactions },
      { modelSettings, instructions, gauge, compactions },
    );
    strictEqual(state.messages, opened.messages);
    strictEqual(state.history, opened.history);
  });

  it('conversation/title retitles the current conversation and its history entry; another only in the history; an unknown one changes nothing', () => {
    const current = run(opened, { type: 'conversation/title', conversationId: 'c1', title: 'Sums' });
    deepStrictEqual([current.title, current.history.map((entry) => entry.title)], ['Sums', ['Sums', 'Older chat']]);
    strictEqual(current.history[1], opened.history[1]);
    const other = run(opened, { type: 'conversation/title', conversationId: 'c2', title: 'Old sums' });
    deepStrictEqual([other.title, other.history.map((entry) => entry.title)], ['First chat', ['First chat', 'Old sums']]);
    strictEqual(run(opened, { type: 'conversation/title', conversationId: 'c404', title: 'X' }), opened);
    strictEqual(run(opened, { type: 'conversation/title', conversationId: 'c1', title: 'First chat' }), opened);
  });

  it('history/results are kept only for the query being searched; searching another forgets them', () => {
    const results = [{ id: 'c2', title: 'Older chat', updatedAt: 1, messageCount: 4, match: '…older…' }];
    const asked = searching(opened, 'older');
    deepStrictEqual(asked.search, { query: 'older' });
    strictEqual(run(asked, { type: 'history/results', query: 'old', conversations: [] }), asked);
    const answered = run(asked, { type: 'history/results', query: 'older', conversations: results });
    deepStrictEqual(answered.search, { query: 'older', results });
    strictEqual(searching(answered, 'older'), answered);
    deepStrictEqual(searching(answered, 'old').search, { query: 'old' });
    strictEqual(run(opened, { type: 'history/results', query: 'older', conversations: results }), opened, 'nothing searched: nothing shown');
  });
});
