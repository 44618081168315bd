/**
 * Several chats in one window (the sidebar and editor tabs), each a controller in one hub, over one
 * store, with the core's real client answering from the offline mock: answers run at once, one per
 * conversation; Stop in one leaves the other; both are saved; a conversation open in two views is
 * one conversation — what its answer posts reaches both, either view's Stop stops it, and the view
 * that started it may leave while the other watches it end. The count of running answers follows.
 */

import assert from 'node:assert/strict';
import { ChatHub } from '../../src/shell/chat/chatHub';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import { coreCompletions, GatedCompletions, useChatRigs, type ChatRig } from '../helpers/chatHarness';
import { MemoryLog } from '../helpers/chatFakes';

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** The text the view was sent for `messageId`: appended, then the deltas, then the end. */
function shownText(rig: ChatRig, messageId: string): string {
  let text = '';
  for (const message of rig.sink.messages) {
    if (message.type === 'chat/appended' && message.message.id === messageId) {
      text = message.message.content;
    } else if (message.type === 'chat/delta' && message.messageId === messageId) {
      text += message.content ?? '';
    } else if ((message.type === 'chat/done' || message.type === 'chat/error') && message.message.id === messageId) {
      text = message.message.content;
    } else if (message.type === 'state/snapshot') {
      text = message.snapshot.messages.find((candidate) => candidate.id === messageId)?.content ?? text;
    }
  }
  return text;
}

describe('several chats in one window', () => {
  const rigs = useChatRigs();

  async function twoChats(): Promise<{ hub: ChatHub; a: ChatRig; b: ChatRig; gateA: GatedCompletions; gateB: GatedCompletions }> {
    const hub = new ChatHub();
    const directory = await rigs.directory();
    const gateA = new GatedCompletions(coreCompletions(rigs.client()));
    const gateB = new GatedCompletions(coreCompletions(rigs.client()));
    const a = await rigs.rig({ hub, directory, client: gateA, idPrefix: 'a', model: 'mock/echo' });
    const b = await rigs.rig({ hub, directory, client: gateB, idPrefix: 'b', model: 'mock/echo', opening: { kind: 'blank' } });
    await a.open();
    await b.open();
    return { hub, a, b, gateA, gateB };
  }

  it('runs two answers at once in two conversations; stopping one leaves the other, and both are saved', async () => {
    const { hub, a, b, gateA, gateB } = await twoChats();
    const counts: number[] = [];
    hub.onDidChangeRunning(() => counts.push(hub.running));
    await a.receive({ type: 'chat/send', requestId: 'req-a', text: 'First', attachments: [] });
    await b.receive({ type: 'chat/send', requestId: 'req-b', text: 'Second', attachments: [] });
    assert.equal(hub.running, 2);
    gateA.release(3);
    gateB.release(3);
    await until(() => gateA.delivered === 3 && gateB.delivered === 3, 'three chunks each');
    a.env.frames.run();
    b.env.frames.run();
    await a.receive({ type: 'chat/cancel', requestId: 'req-a' });
    await a.controller.idle();
    assert.equal(hub.running, 1, 'B still answers');
    gateB.release(1_000);
    await b.controller.idle();
    assert.deepStrictEqual(counts, [1, 2, 1, 0]);

    const [endA] = a.sink.of('chat/done');
    const [endB] = b.sink.of('chat/done');
    assert.equal(endA?.message.status, 'stopped');
    assert.equal(endB?.message.status, 'complete');
    assert.match(endB.message.content, /Second/);
    // Neither view heard of the other's answer.
    assert.ok(a.sink.messages.every((message) => message.type !== 'chat/delta' || message.requestId === 'req-a'));
    assert.ok(b.sink.messages.every((message) => message.type !== 'chat/delta' || message.requestId === 'req-b'));

    const store = new FileConversationStore({ directory: a.directory, log: new MemoryLog() });
    const saved = await store.list();
    assert.equal(saved.length, 2);
    const byQuestion = new Map<string, string | undefined>();
    for (const summary of saved) {
      const conversation = await store.load(summary.id);
      byQuestion.set(conversation?.messages[0]?.content ?? '', conversation?.messages[1]?.status);
    }
    assert.deepStrictEqual(Object.fromEntries(byQuestion), { First: 'stopped', Second: 'complete' });
  });

  it('keeps a conversation open in two views in step: one object, deltas to both, a second question refused in either, Stop from either', async () => {
    const { hub, a, b, gateA, gateB } = await twoChats();
    await a.receive({ type: 'chat/send', requestId: 'req-a', text: 'Shared', attachments: [] });
    const conversationId = a.sink.of('state/snapshot')[0]!.snapshot.conversationId;
    const answerId = a.sink.of('chat/appended').find((message) => message.message.role === 'assistant')!.message.id;
    gateA.release(2);
    await until(() => gateA.delivered === 2, 'two chunks');
    // B opens the conversation while its answer streams: the snapshot holds what A was sent.
    await b.receive({ type: 'history/open', conversationId });
    const snapshot = b.sink.of('state/snapshot').at(-1)!.snapshot;
    assert.equal(snapshot.conversationId, conversationId);
    assert.deepStrictEqual(snapshot.streaming, { requestId: 'req-a', messageId: answerId });
    assert.equal(shownText(b, answerId), shownText(a, answerId));
    assert.notEqual(shownText(a, answerId), '');

    // B's question waits for the answer: refused with a notice, nothing asked.
    await b.receive({ type: 'chat/send', requestId: 'req-b', text: 'Too soon', attachments: [] });
    assert.equal(b.sink.of('notice').length, 1);
    assert.equal(hub.running, 1);

    gateA.release(3);
    await until(() => gateA.delivered === 5, 'five chunks');
    a.env.frames.run();
    assert.equal(shownText(b, answerId), shownText(a, answerId), 'the delta reached both views');
    // Stop in B stops the answer A asked for.
    await b.receive({ type: 'chat/cancel', requestId: 'req-a' });
    await a.controller.idle();
    for (const rig of [a, b]) {
      const done = rig.sink.of('chat/done');
      assert.equal(done.length, 1);
      assert.equal(done[0]?.message.status, 'stopped');
    }
    assert.equal(shownText(b, answerId), shownText(a, answerId));
    assert.equal(hub.running, 0);

    // Now B asks in the same conversation: A's view shows the question and B's answer.
    await b.receive({ type: 'chat/send', requestId: 'req-b2', text: 'Then this', attachments: [] });
    assert.ok(a.sink.of('chat/appended').some((message) => message.message.content === 'Then this'));
    gateB.release(1_000);
    await b.controller.idle();
    const conversation = await a.controller.conversation();
    assert.deepStrictEqual(
      conversation?.messages.map((message) => message.role),
      ['user', 'assistant', 'user', 'assistant'],
    );
    assert.equal(a.sink.of('chat/done').length, 2);
  });

  it('lets an answer stream on when the view that asked leaves while another view shows it', async () => {
    const { hub, a, b, gateA } = await twoChats();
    await a.receive({ type: 'chat/send', requestId: 'req-a', text: 'Keep going', attachments: [] });
    const conversationId = a.sink.of('state/snapshot')[0]!.snapshot.conversationId;
    await b.receive({ type: 'history/open', conversationId });
    gateA.release(2);
    await until(() => gateA.delivered === 2, 'two chunks');
    await a.receive({ type: 'chat/new' });
    assert.equal(hub.running, 1, 'not stopped: B shows it');
    a.sink.clear();
    gateA.release(1_000);
    await a.controller.idle();
    const [done] = b.sink.of('chat/done');
    assert.equal(done?.message.status, 'complete');
    assert.match(done.message.content, /Keep going/);
    assert.deepStrictEqual(a.sink.of('chat/delta'), [], 'A shows another conversation now');
    // A new question in A's new conversation does not wait for it.
    assert.equal(hub.running, 0);
  });

  it('stops the answer when the only view of it leaves', async () => {
    const { hub, a, gateA } = await twoChats();
    await a.receive({ type: 'chat/send', requestId: 'req-a', text: 'Alone', attachments: [] });
    gateA.release(2);
    await until(() => gateA.delivered === 2, 'two chunks');
    await a.receive({ type: 'chat/new' });
    assert.equal(hub.running, 0);
    assert.equal(a.sink.of('chat/done')[0]?.message.status, 'stopped');
  });

  it('opens a tab on a saved conversation by id, on a blank one when that file is gone', async () => {
    const hub = new ChatHub();
    const directory = await rigs.directory();
    const first = await rigs.rig({ hub, directory, idPrefix: 'a' });
    await first.open();
    await first.receive({ type: 'chat/send', requestId: 'req-1', text: 'Remember me', attachments: [] });
    first.env.frames.run();
    await first.controller.idle();
    const conversationId = first.sink.of('state/snapshot')[0]!.snapshot.conversationId;

    const restored = await rigs.rig({ directory, idPrefix: 'b', opening: { kind: 'saved', conversationId } });
    await restored.open();
    const snapshot = restored.sink.of('state/snapshot')[0]!.snapshot;
    assert.equal(snapshot.conversationId, conversationId);
    assert.equal(snapshot.messages[0]?.content, 'Remember me');

    const gone = await rigs.rig({ directory, idPrefix: 'c', opening: { kind: 'saved', conversationId: 'deleted-long-ago' } });
    await gone.open();
    const blank = gone.sink.of('state/snapshot')[0]!.snapshot;
    assert.deepStrictEqual(blank.messages, []);
    assert.notEqual(blank.conversationId, conversationId);
  });
});
