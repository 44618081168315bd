/**
 * The chat controller's history: open, rename and delete through the view's messages, the
 * conversation restored by a fresh controller over the same directory (a reloaded window), an
 * answer cut off by a crash restored as stopped, a damaged file reported instead of opened, and
 * conversations handed out for export.
 */

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatSnapshot, ConversationSummary, ToWebview } from '../../src/protocol/messages';
import type { Conversation } from '../../src/shell/chat/ports';
import { useChatRigs, type ChatRig } from '../helpers/chatHarness';

const start = Date.UTC(2026, 10, 25, 9, 0, 0);
const t = (n: number): number => start + n * 1_000;

function snapshotOf(messages: ToWebview[]): ChatSnapshot {
  const found = messages.find((message): message is Extract<ToWebview, { type: 'state/snapshot' }> => message.type === 'state/snapshot');
  assert.ok(found !== undefined, `no snapshot in ${messages.map((message) => message.type).join(', ')}`);
  return found.snapshot;
}

async function ask(rig: ChatRig, text: string): Promise<void> {
  await rig.receive({ type: 'chat/send', requestId: `req-${text.length}`, text, attachments: [] });
  await rig.controller.idle();
}

describe('chat controller: history and persistence', () => {
  const rigs = useChatRigs();

  /** Two conversations: "First question" (id-1), then "Second question" (id-4, current). */
  async function twoConversations(): Promise<ChatRig> {
    const rig = await rigs.rig();
    await rig.open();
    await ask(rig, 'First question');
    await rig.controller.newChat();
    await ask(rig, 'Second question');
    rig.sink.clear();
    return rig;
  }

  const first: ConversationSummary = { id: 'id-1', title: 'First question', updatedAt: t(4), messageCount: 2 };
  const second: ConversationSummary = { id: 'id-4', title: 'Second question', updatedAt: t(8), messageCount: 2 };

  it('opens a conversation from the history with a snapshot; opening the current one does nothing', async () => {
    const rig = await twoConversations();
    await rig.receive({ type: 'history/open', conversationId: 'id-4' });
    assert.deepStrictEqual(rig.sink.messages, []);
    await rig.receive({ type: 'history/open', conversationId: 'id-1' });
    const snapshot = snapshotOf(rig.sink.messages);
    assert.deepStrictEqual(
      [snapshot.conversationId, snapshot.title, snapshot.messages.map((message) => message.content.split('\n')[0]), snapshot.history],
      ['id-1', 'First question', ['First question', "This is **echo**, Switchboard's offline mock model. You wrote:"], [second, first]],
    );
    assert.equal(rig.sink.messages.length, 1);
  });

  it('renames the current conversation and another one, each followed by the history', async () => {
    const rig = await twoConversations();
    await rig.receive({ type: 'history/rename', conversationId: 'id-4', title: '  Current, renamed  ' });
    await rig.receive({ type: 'history/rename', conversationId: 'id-1', title: 'Old, renamed' });
    assert.deepStrictEqual(rig.sink.messages, [
      { type: 'history/list', conversations: [{ ...second, title: 'Current, renamed' }, first] },
      { type: 'history/list', conversations: [{ ...second, title: 'Current, renamed' }, { ...first, title: 'Old, renamed' }] },
    ]);
    assert.equal((await rig.controller.conversation())?.title, 'Current, renamed');
    assert.equal((await rig.store.load('id-1'))?.title, 'Old, renamed');
  });

  it('deletes another conversation (history) and the current one (a new conversation)', async () => {
    const rig = await twoConversations();
    await rig.receive({ type: 'history/delete', conversationId: 'id-1' });
    assert.deepStrictEqual(rig.sink.messages, [{ type: 'history/list', conversations: [second] }]);
    rig.sink.clear();
    await rig.receive({ type: 'history/delete', conversationId: 'id-4' });
    const snapshot = snapshotOf(rig.sink.messages);
    assert.deepStrictEqual([snapshot.conversationId, snapshot.messages, snapshot.history], ['id-7', [], []]);
    assert.equal(await rig.store.load('id-4'), undefined);
  });

  it('deleting the conversation whose answer streams stops the answer first, and the file stays deleted', async () => {
    const rig = await rigs.rig({ model: 'mock/typewriter' });
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Slow one', attachments: [] });
    await rig.receive({ type: 'history/delete', conversationId: 'id-1' });
    await rig.controller.idle();
    assert.equal(await rig.store.load('id-1'), undefined);
    assert.deepStrictEqual(await rig.store.list(), []);
    assert.deepStrictEqual(
      rig.sink.messages.filter((message) => message.type === 'chat/done').map((message) => message.type === 'chat/done' && message.message.status),
      ['stopped'],
    );
  });

  it('restores the most recent conversation in a fresh controller over the same directory (a reloaded window)', async () => {
    const rig = await twoConversations();
    const before = await rig.controller.conversation();
    const reloaded = await rigs.rig({ directory: rig.directory, idPrefix: 'later' });
    await reloaded.open();
    const snapshot = snapshotOf(reloaded.sink.messages);
    assert.deepStrictEqual(
      { id: snapshot.conversationId, title: snapshot.title, messages: snapshot.messages, history: snapshot.history },
      { id: 'id-4', title: 'Second question', messages: before?.messages, history: [second, first] },
    );
    assert.deepStrictEqual(snapshot.totals, {
      promptTokens: before!.messages[1]!.usage!.promptTokens,
      completionTokens: before!.messages[1]!.usage!.completionTokens,
    });
  });

  it('restores an answer cut off by a crash as stopped, with its text', async () => {
    const directory = await rigs.directory();
    const crashed: Conversation = {
      version: 2,
      id: 'crashed',
      title: 'Interrupted',
      createdAt: 1,
      updatedAt: 2,
      model: 'mock/echo',
      messages: [
        { id: 'q', role: 'user', content: 'Tell me', status: 'complete', createdAt: 1 },
        { id: 'a', role: 'assistant', content: 'Half an ans', model: 'mock/echo', status: 'streaming', createdAt: 2 },
      ],
    };
    await writeFile(join(directory, 'crashed.json'), JSON.stringify(crashed));
    const rig = await rigs.rig({ directory });
    await rig.open();
    const snapshot = snapshotOf(rig.sink.messages);
    assert.deepStrictEqual(
      [snapshot.streaming, snapshot.messages[1]],
      [undefined, { id: 'a', role: 'assistant', content: 'Half an ans', model: 'mock/echo', status: 'stopped', createdAt: 2 }],
    );
  });

  it('reports a conversation that cannot be opened, and refreshes the history', async () => {
    const rig = await twoConversations();
    await writeFile(join(rig.directory, 'id-1.json'), '{"version":1,"id":"id-1","tit');
    await rig.receive({ type: 'history/open', conversationId: 'id-1' });
    assert.deepStrictEqual(rig.sink.messages, [
      { type: 'notice', message: 'This conversation could not be opened: it was deleted or its file is damaged.' },
      { type: 'history/list', conversations: [second] },
    ]);
    assert.ok(rig.log.lines.some((line) => line.startsWith('warn: Conversation store: id-1.json cannot be read')));
  });

  it('hands out conversations for export: the current one (a copy) or another by id', async () => {
    const rig = await twoConversations();
    const current = await rig.controller.conversation();
    assert.ok(current !== undefined);
    assert.equal(current.id, 'id-4');
    current.messages.length = 0;
    assert.equal((await rig.controller.conversation())?.messages.length, 2, 'the controller keeps its own');
    assert.deepStrictEqual(
      [(await rig.controller.conversation('id-1'))?.title, await rig.controller.conversation('nope')],
      ['First question', undefined],
    );
  });
});
