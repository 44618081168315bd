/**
 * The tools' part of the webview's reducer, in plain Node: the snapshot's and `tools/list`'s
 * picker, and `chat/tool` replacing one call with new objects only along the way to it, so the
 * renderer keeps every other call, round and message as drawn.
 */

import { deepStrictEqual, notStrictEqual, strictEqual } from 'node:assert';
import type { ToWebview } from '../../src/protocol/messages';
import { initialState, reduce, type ChatState } from '../../webview/state';
import { enabledToolCount } from '../../webview/toolState';
import { assistantMessage, snapshot, userMessage } from './fixtures';
import { round, toolCall, toolsView } from './toolFixtures';

function run(state: ChatState, ...messages: ToWebview[]): ChatState {
  return messages.reduce(reduce, state);
}

describe('webview state: tools', () => {
  const answer = assistantMessage('a1', 'Reading both.', {
    status: 'streaming',
    rounds: [round('First I look.', [toolCall('c0')])],
    toolCalls: [toolCall('c1', { state: 'awaitingApproval' }), toolCall('c2', { state: 'pending' })],
  });
  const opened = run(initialState, snapshot({ messages: [userMessage('u1', 'Read'), answer], streaming: { requestId: 'r1', messageId: 'a1' }, tools: toolsView() }));

  it('the snapshot brings the picker; tools/list replaces it whole', () => {
    deepStrictEqual(opened.tools, toolsView());
    const off = toolsView({ enabled: false });
    const listed = run(opened, { type: 'tools/list', tools: off });
    strictEqual(listed.tools, off);
    strictEqual(listed.messages, opened.messages, 'the conversation is untouched');
  });

  it('chat/tool replaces the call with its id; the other calls, the rounds and the other messages keep their objects', () => {
    const running = toolCall('c1', { state: 'running' });
    const state = run(opened, { type: 'chat/tool', requestId: 'r1', messageId: 'a1', call: running });
    const before = opened.messages[1]!;
    const after = state.messages[1]!;
    strictEqual(state.messages[0], opened.messages[0]);
    notStrictEqual(after, before);
    strictEqual(after.toolCalls?.[0], running);
    strictEqual(after.toolCalls?.[1], before.toolCalls?.[1]);
    strictEqual(after.rounds, before.rounds);
    strictEqual(after.content, 'Reading both.');
  });

  it('a call of a finished round is replaced in its round; the current calls keep their list', () => {
    const late = toolCall('c0', { result: { text: 'late', isError: false } });
    const after = run(opened, { type: 'chat/tool', requestId: 'r1', messageId: 'a1', call: late }).messages[1]!;
    const before = opened.messages[1]!;
    strictEqual(after.rounds?.[0]?.toolCalls[0], late);
    strictEqual(after.toolCalls, before.toolCalls);
  });

  it('a call not shown yet is added at the end of the current round; a message not shown changes nothing', () => {
    const added = toolCall('c3');
    const after = run(opened, { type: 'chat/tool', requestId: 'r1', messageId: 'a1', call: added }).messages[1]!;
    deepStrictEqual(after.toolCalls?.map((call) => call.id), ['c1', 'c2', 'c3']);
    strictEqual(run(opened, { type: 'chat/tool', requestId: 'r1', messageId: 'nope', call: added }), opened);
  });

  it('chat/appended of the same id replaces the message: the last round moved into rounds, the new round starts empty', () => {
    const next = assistantMessage('a1', '', { status: 'streaming', rounds: [...answer.rounds!, round('Reading both.', answer.toolCalls!)], toolCalls: [] });
    const state = run(opened, { type: 'chat/appended', message: next });
    strictEqual(state.messages.length, 2);
    strictEqual(state.messages[1], next);
    deepStrictEqual(state.active, { requestId: 'r1', messageId: 'a1' });
  });

  it('counts the tools the next request may offer: switched-on tools of switched-on sources, none while tools are off', () => {
    strictEqual(enabledToolCount(toolsView()), 2);
    strictEqual(enabledToolCount(toolsView({ enabled: false })), 0);
  });
});
