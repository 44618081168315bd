/**
 * The chat's tool loop with the offline mock model (which calls the first tool offered, then
 * reports its result), through the real router, controller, store and toolbox: rounds kept on the
 * answer, calls shown and approved (Allow, Always Allow, Deny; a forged answer dropped), Stop
 * during a tool, the round limit and Continue, and the tool turns saved, reloaded, exported and
 * answered again.
 */

import assert from 'node:assert/strict';
import type { ChatMessageView, ToolCallView, ToWebview } from '../../../src/protocol/messages';
import { conversationToMarkdown } from '../../../src/shell/chat/exportMarkdown';
import type { ToolSettings } from '../../../src/shell/toolSettings';
import { useChatRigs, type ChatRig } from '../../helpers/chatHarness';
import { FunctionToolSource, MemoryState, testToolbox, text, type FunctionTool } from '../../helpers/toolSources';

type ToolMessage = Extract<ToWebview, { type: 'chat/tool' }>;

/** Waits (polling the event loop) until `check` holds; the chat runs in the background. */
async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const value = check();
    if (value !== undefined) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`Timed out waiting for ${what}.`);
}

function lastAnswer(messages: readonly ChatMessageView[]): ChatMessageView {
  const answer = messages[messages.length - 1];
  assert.ok(answer?.role === 'assistant');
  return answer;
}

/** A call as it ended, without its timing. */
function ended(call: ToolCallView | undefined): unknown {
  return call === undefined ? undefined : { name: call.name, state: call.state, source: call.source?.label, text: call.result?.text, isError: call.result?.isError };
}

describe('chat tool loop (mock model)', () => {
  const rigs = useChatRigs();

  async function open(tools: Record<string, FunctionTool>, options: { kind?: 'builtin' | 'mcp'; settings?: Partial<ToolSettings>; memory?: MemoryState; directory?: string } = {}): Promise<{ rig: ChatRig; source: FunctionToolSource; settings: { value: ToolSettings } }> {
    const kind = options.kind ?? 'builtin';
    const source = kind === 'builtin' ? new FunctionToolSource('builtin', 'builtin', 'Workspace', tools) : new FunctionToolSource('mcp:files', 'mcp', 'files', tools);
    const box = testToolbox([source], options.settings, options.memory);
    const rig = await rigs.rig({ tools: { toolbox: box.toolbox, settings: () => box.settings.value }, ...(options.directory === undefined ? {} : { directory: options.directory }) });
    await rig.open();
    return { rig, source, settings: box.settings };
  }

  async function ask(rig: ChatRig, text: string, requestId: string): Promise<void> {
    await rig.receive({ type: 'chat/send', requestId, text, attachments: [] });
  }

  it('runs a read-only built-in tool without asking, sends its result back, and keeps the round on the answer with the usage summed', async () => {
    const { rig, source } = await open({ list_directory: { readOnly: true, inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: [] }, run: () => text('src/\nREADME.md') } });
    await ask(rig, 'What is here?', 'r1');
    await rig.controller.idle();
    assert.deepStrictEqual(source.calls, [{ name: 'list_directory', args: {} }]);
    const answer = lastAnswer((await rig.controller.conversation())?.messages ?? []);
    assert.equal(answer.status, 'complete');
    assert.equal(answer.content, 'The tool answered: src/\nREADME.md');
    assert.deepStrictEqual(answer.rounds?.map((round) => round.toolCalls.map(ended)), [[{ name: 'list_directory', state: 'done', source: 'Workspace', text: 'src/\nREADME.md', isError: false }]]);
    const roundUsage = answer.rounds?.[0]?.usage;
    assert.ok(roundUsage?.completionTokens !== undefined && answer.usage?.completionTokens !== undefined);
    assert.ok(answer.usage.completionTokens > roundUsage.completionTokens, 'the answer counts both rounds');
    // The view saw the call run and end, then the round move into `rounds` (the message whole), then the end.
    const states = rig.sink.of('chat/tool').map((message) => message.call.state);
    assert.deepStrictEqual(states, ['running', 'done']);
    const flow = rig.sink.flowTypes();
    assert.ok(flow.lastIndexOf('chat/tool') < flow.lastIndexOf('chat/appended') && flow.lastIndexOf('chat/appended') < flow.indexOf('chat/done'));
    const done = rig.sink.of('chat/done')[0];
    assert.deepStrictEqual(done?.totals.completionTokens, answer.usage.completionTokens);
  });

  it('asks before anything else runs: Allow runs it, Deny tells the model, Always Allow is remembered, a forged answer is dropped', async () => {
    const memory = new MemoryState();
    const { rig, source } = await open({ write_file: { run: () => text('written') } }, { kind: 'mcp', memory });
    await ask(rig, 'Write it', 'r1');
    const waiting = await until(() => rig.sink.of('chat/tool').find((message) => message.call.state === 'awaitingApproval'), 'the approval');
    assert.deepStrictEqual([waiting.requestId, waiting.call.name, waiting.call.source, waiting.call.toolName], ['r1', 'mcp__files__write_file', { kind: 'mcp', label: 'files', id: 'mcp:files' }, 'write_file']);
    // An answer for another request or another call does nothing.
    await rig.receive({ type: 'tools/approve', requestId: 'r0', callId: waiting.call.id, decision: 'allow' });
    await rig.receive({ type: 'tools/approve', requestId: 'r1', callId: 'call_forged', decision: 'allow' });
    assert.equal(source.calls.length, 0);
    await rig.receive({ type: 'tools/approve', requestId: 'r1', callId: waiting.call.id, decision: 'deny' });
    await rig.controller.idle();
    let answer = lastAnswer((await rig.controller.conversation())?.messages ?? []);
    assert.equal(source.calls.length, 0);
    assert.deepStrictEqual(ended(answer.rounds?.[0]?.toolCalls[0]), {
      name: 'mcp__files__write_file',
      state: 'denied',
      source: 'files',
      text: 'The user denied this call. Do not call it again unless the user asks you to; go on without it, or ask the user.',
      isError: true,
    });
    assert.match(answer.content, /^The tool answered: The user denied this call/);

    rig.sink.clear();
    await ask(rig, 'Write it again', 'r2');
    const second = await until(() => rig.sink.of('chat/tool').find((message) => message.call.state === 'awaitingApproval'), 'the second approval');
    await rig.receive({ type: 'tools/approve', requestId: 'r2', callId: second.call.id, decision: 'alwaysAllow' });
    await rig.controller.idle();
    answer = lastAnswer((await rig.controller.conversation())?.messages ?? []);
    assert.equal(answer.content, 'The tool answered: written');
    assert.equal(source.calls.length, 1);

    rig.sink.clear();
    await ask(rig, 'Once more', 'r3');
    await rig.controller.idle();
    assert.deepStrictEqual(rig.sink.of('chat/tool').map((message: ToolMessage) => message.call.state), ['running', 'done'], 'no approval asked');
    assert.ok(JSON.stringify(memory.values.get('switchboard.tools.choices')).includes('write_file'));
    // Revoked in the picker: it asks again.
    await rig.receive({ type: 'tools/revoke', sourceId: 'mcp:files', tool: 'write_file' });
    assert.equal(rig.sink.of('tools/list').at(-1)?.tools.sources[0]?.tools[0]?.alwaysAllowed, false);
  });

  it('Stop while a tool runs cancels it (its signal aborts) and ends the answer stopped; the model is told next time', async () => {
    let signal: AbortSignal | undefined;
    const { rig } = await open({
      slow: {
        readOnly: true,
        run: (_args, options) => {
          signal = options.signal;
          return new Promise(() => undefined);
        },
      },
    });
    await ask(rig, 'Go slow', 'r1');
    await until(() => rig.sink.of('chat/tool').find((message) => message.call.state === 'running'), 'the running call');
    await rig.receive({ type: 'chat/cancel', requestId: 'r1' });
    await rig.controller.idle();
    assert.equal(signal?.aborted, true);
    const answer = lastAnswer((await rig.controller.conversation())?.messages ?? []);
    assert.deepStrictEqual([answer.status, answer.rounds, ended(answer.toolCalls?.[0])], [
      'stopped',
      undefined,
      { name: 'slow', state: 'cancelled', source: 'Workspace', text: 'The call was cancelled: the user stopped the answer.', isError: true },
    ]);
    assert.equal(rig.sink.of('chat/done').at(-1)?.message.status, 'stopped');
  });

  it('Stop while a server is still starting ends the answer at once, without waiting for it', async () => {
    const slowStart = new FunctionToolSource('mcp:slow', 'mcp', 'slow', { tool: { run: () => text('x') } }, { startsOnFirstUse: true });
    slowStart.start = () => new Promise(() => undefined);
    // The toolbox would wait an hour for it: only Stop not waiting lets this test end.
    const box = testToolbox([slowStart], {}, new MemoryState(), 3_600_000);
    const rig = await rigs.rig({ tools: { toolbox: box.toolbox, settings: () => box.settings.value } });
    await rig.open();
    await ask(rig, 'Hello', 'r1');
    await rig.receive({ type: 'chat/cancel', requestId: 'r1' });
    await rig.controller.idle();
    const answer = lastAnswer((await rig.controller.conversation())?.messages ?? []);
    assert.deepStrictEqual([answer.status, answer.content], ['stopped', '']);
  });

  it('stops at the round limit with Continue offered; Continue runs the next round on the same answer', async () => {
    const { rig } = await open({ list_directory: { readOnly: true, run: () => text('a.txt') } }, { settings: { maxRounds: 1 } });
    await ask(rig, 'List', 'r1');
    await rig.controller.idle();
    let answer = lastAnswer((await rig.controller.conversation())?.messages ?? []);
    assert.deepStrictEqual([answer.status, answer.roundLimitReached, answer.content, answer.rounds?.length], ['complete', true, '', 1]);
    await rig.receive({ type: 'chat/continue', requestId: 'r2', messageId: 'stale' });
    await rig.controller.idle();
    assert.equal(lastAnswer((await rig.controller.conversation())?.messages ?? []).roundLimitReached, true, 'only the stopped answer continues');
    await rig.receive({ type: 'chat/continue', requestId: 'r2', messageId: answer.id });
    await rig.controller.idle();
    const messages = (await rig.controller.conversation())?.messages ?? [];
    answer = lastAnswer(messages);
    assert.deepStrictEqual([messages.length, answer.status, answer.roundLimitReached, answer.content], [2, 'complete', undefined, 'The tool answered: a.txt']);
  });

  it('fails a call of a tool it did not offer with the names it did, and a tool that throws becomes its result', async () => {
    const { rig } = await open({ broken: { readOnly: true, run: () => Promise.reject(new Error('disk on fire')) } });
    await ask(rig, 'Try', 'r1');
    await rig.controller.idle();
    const answer = lastAnswer((await rig.controller.conversation())?.messages ?? []);
    assert.deepStrictEqual(ended(answer.rounds?.[0]?.toolCalls[0]), { name: 'broken', state: 'failed', source: 'Workspace', text: 'The tool failed: disk on fire', isError: true });
    assert.equal(answer.content, 'The tool answered: The tool failed: disk on fire');
  });

  it('saves the tool turns: a reload shows them, export lists the calls and results, and regenerate answers again from the question', async () => {
    const directory = await rigs.directory();
    const first = await open({ list_directory: { readOnly: true, run: () => text('notes.md') } }, { directory });
    await ask(first.rig, 'List', 'r1');
    await first.rig.controller.idle();
    const saved = await first.rig.controller.conversation();
    assert.ok(saved !== undefined);
    first.rig.controller.dispose();

    const second = await open({ list_directory: { readOnly: true, run: () => text('notes.md and more') } }, { directory });
    await second.rig.receive({ type: 'history/open', conversationId: saved.id });
    const reopened = second.rig.sink.of('state/snapshot').at(-1)?.snapshot;
    assert.deepStrictEqual(reopened?.messages, saved.messages);
    const markdown = conversationToMarkdown(saved);
    assert.ok(markdown.includes('list_directory') && markdown.includes('notes.md'), markdown);
    await second.rig.receive({ type: 'chat/regenerate', requestId: 'r2' });
    await second.rig.controller.idle();
    assert.equal(lastAnswer((await second.rig.controller.conversation())?.messages ?? []).content, 'The tool answered: notes.md and more');
  });
});
