/**
 * The chat controller driven end to end through its public surface, with the core's real client
 * answering from the offline mock provider: the exact messages the view receives (a recording
 * sink), deltas batched per animation frame (frames run by hand), a snapshot mid-stream, stop,
 * one answer at a time, regenerate, edit, new chat, the draft, the banner and the model list.
 */

import assert from 'node:assert/strict';
import type { ChatMessageView, ChatSnapshot, ToWebview } from '../../src/protocol/messages';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import { coreCompletions, GatedCompletions, useChatRigs, type ChatRig } from '../helpers/chatHarness';
import { MemoryLog, RecordingSink } from '../helpers/chatFakes';

const start = Date.UTC(2026, 10, 25, 9, 0, 0);
/** The test environment's clock: the n-th call to `now()`. */
const t = (n: number): number => start + n * 1_000;

/** The mock model's answer, as its documentation in the core describes it. */
function echo(question: string, model = 'echo'): string {
  const quoted = question.split('\n').map((line) => `> ${line}`).join('\n');
  const code = ['```ts', `const question = ${JSON.stringify(question.slice(0, 60))};`, 'console.log(`You asked: ${question}`);', '```'].join('\n');
  return `This is **${model}**, Switchboard's offline mock model. You wrote:\n\n${quoted}\n\nIt answers without a network, so everything else can be tried out — code blocks, for one:\n\n${code}\n\nSet an API key for a real provider to get real answers.`;
}

/** The mock streams word by word, whitespace kept. */
function words(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

const tokens = (text: string): number => Math.ceil(text.length / 4);

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function answerText(rig: ChatRig): Promise<string> {
  const conversation = await rig.controller.conversation();
  return conversation?.messages.at(-1)?.content ?? '';
}

const models = [
  { id: 'mock/echo', label: 'Mock (instant)', provider: 'mock' },
  { id: 'mock/typewriter', label: 'Mock (streams at reading pace)', provider: 'mock' },
  { id: 'openai/gpt-4o-mini', label: 'GPT-4o mini', provider: 'openai', supportsVision: true },
];

/**
 * The next request's views of a blank conversation with no instructions: the model the test
 * catalogue does not know gets the fallback window (8,192) and a quarter of it as the reserve.
 */
const emptyRequestViews = {
  modelSettings: { chosen: {}, effective: {}, reasoningSupported: false },
  instructions: { filesEnabled: true, files: [], capBytes: 65_536 },
  compactions: [],
  tools: { enabled: false, modelSupportsTools: true, autoApproveReadOnly: false, sources: [] },
};

describe('chat controller: a conversation with the offline mock model', () => {
  const rigs = useChatRigs();

  it('answers `ready` with a snapshot of a new, empty conversation, then the gauge (counting never holds the snapshot back)', async () => {
    const rig = await rigs.rig();
    await rig.open();
    await rig.controller.idle();
    const snapshot: ChatSnapshot = { conversationId: 'id-1', title: '', messages: [], model: 'mock/echo', models, history: [], totals: {}, ...emptyRequestViews };
    assert.deepStrictEqual(rig.sink.messages, [
      { type: 'state/snapshot', snapshot },
      // The reply's priming alone: an empty chat with no instructions.
      { type: 'context/gauge', gauge: { used: 3, window: 8_192, reserve: 2_048, windowKnown: false } },
    ]);
  });

  it('sends: the question and the placeholder, the history, the answer in one delta per frame, done with usage, the history again', async () => {
    const rig = await rigs.rig();
    await rig.open();
    rig.sink.clear();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await rig.controller.idle();
    const answer = echo('Hi');
    const question: ChatMessageView = { id: 'id-2', role: 'user', content: 'Hi', model: 'mock/echo', status: 'complete', createdAt: t(2) };
    const placeholder: ChatMessageView = { id: 'id-3', role: 'assistant', content: '', model: 'mock/echo', status: 'streaming', createdAt: t(3) };
    const usage = { promptTokens: 4, completionTokens: tokens(answer) };
    const expected: ToWebview[] = [
      { type: 'chat/appended', message: question },
      { type: 'chat/appended', message: placeholder },
      { type: 'history/list', conversations: [{ id: 'id-1', title: 'Hi', updatedAt: t(3), messageCount: 2 }] },
      // No frame ran: everything the stream delivered is one delta, flushed before the end.
      { type: 'chat/delta', requestId: 'req-1', messageId: 'id-3', seq: 0, content: answer },
      { type: 'chat/done', requestId: 'req-1', message: { ...placeholder, content: answer, status: 'complete', usage }, totals: usage },
      { type: 'history/list', conversations: [{ id: 'id-1', title: 'Hi', updatedAt: t(4), messageCount: 2 }] },
    ];
    assert.deepStrictEqual(rig.sink.flow(), expected);
    assert.equal(rig.store.saves, 2, 'saved when asked and when answered, never per token');
    const stored = await new FileConversationStore({ directory: rig.directory, log: new MemoryLog() }).load('id-1');
    assert.deepStrictEqual(stored, {
      version: 2,
      id: 'id-1',
      title: 'Hi',
      titleSource: 'firstLine',
      createdAt: t(1),
      updatedAt: t(4),
      model: 'mock/echo',
      messages: [question, { ...placeholder, content: answer, status: 'complete', usage }],
    });
  });

  it('batches deltas per animation frame, in order, seq from 0', async () => {
    const gated = new GatedCompletions(coreCompletions(rigs.client()));
    const rig = await rigs.rig({ client: gated });
    await rig.open();
    rig.sink.clear();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    const pieces = words(echo('Hi'));
    gated.release(1 + 3); // the role chunk, then three words
    await until(async () => (await answerText(rig)) === pieces.slice(0, 3).join(''), 'three words');
    rig.env.frames.run();
    gated.release(1);
    await until(async () => (await answerText(rig)) === pieces.slice(0, 4).join(''), 'the fourth word');
    rig.env.frames.run();
    rig.env.frames.run(); // nothing new: no delta
    gated.release(1_000);
    await rig.controller.idle();
    const deltas = rig.sink.of('chat/delta');
    assert.deepStrictEqual(deltas, [
      { type: 'chat/delta', requestId: 'req-1', messageId: 'id-3', seq: 0, content: pieces.slice(0, 3).join('') },
      { type: 'chat/delta', requestId: 'req-1', messageId: 'id-3', seq: 1, content: pieces[3] },
      { type: 'chat/delta', requestId: 'req-1', messageId: 'id-3', seq: 2, content: pieces.slice(4).join('') },
    ]);
    assert.deepStrictEqual(rig.sink.flowTypes(), ['chat/appended', 'chat/appended', 'history/list', 'chat/delta', 'chat/delta', 'chat/delta', 'chat/done', 'history/list']);
  });

  it('gives a re-created view a snapshot mid-stream with the text so far; deltas continue without repeating it', async () => {
    const gated = new GatedCompletions(coreCompletions(rigs.client()));
    const rig = await rigs.rig({ client: gated });
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    const pieces = words(echo('Hi'));
    gated.release(1 + 2);
    await until(async () => (await answerText(rig)) === pieces.slice(0, 2).join(''), 'two words');
    rig.env.frames.run();
    gated.release(3); // not yet shown when the view goes away (no frame ran since)
    // Waits on the delivery itself: reading the conversation would bring the message up to date,
    // and the snapshot must do that on its own.
    await until(() => gated.delivered === 1 + 2 + 3, 'five words delivered');
    rig.controller.detachView();
    const view = new RecordingSink();
    rig.controller.attachView(view);
    await rig.receive({ type: 'ready' });
    rig.env.frames.run(); // the discarded batch must not come back
    gated.release(1_000);
    await rig.controller.idle();
    // The words not yet sent go out as a delta before the snapshot (another view of the conversation
    // needs them; this one has no message to add them to yet), and the snapshot holds them too.
    const [early, snapshot, ...rest] = view.flow();
    assert.deepStrictEqual(early, { type: 'chat/delta', requestId: 'req-1', messageId: 'id-3', seq: 1, content: pieces.slice(2, 5).join('') });
    assert.ok(snapshot?.type === 'state/snapshot');
    assert.deepStrictEqual(snapshot.snapshot.streaming, { requestId: 'req-1', messageId: 'id-3' });
    assert.deepStrictEqual(
      snapshot.snapshot.messages.map((message) => [message.role, message.status, message.content]),
      [
        ['user', 'complete', 'Hi'],
        ['assistant', 'streaming', pieces.slice(0, 5).join('')],
      ],
    );
    assert.deepStrictEqual(
      rest.map((message) => message.type),
      ['chat/delta', 'chat/done', 'history/list'],
    );
    assert.deepStrictEqual(rest[0], { type: 'chat/delta', requestId: 'req-1', messageId: 'id-3', seq: 2, content: pieces.slice(5).join('') });
  });

  it('stops on cancel: the partial answer is kept, marked stopped, and saved', async () => {
    const rig = await rigs.rig({ model: 'mock/typewriter' });
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await until(async () => words(await answerText(rig)).length >= 3, 'a few words');
    await rig.receive({ type: 'chat/cancel', requestId: 'another-request' }); // not this answer's: ignored
    assert.notEqual((await rig.controller.conversation())?.messages[1]?.status, 'stopped');
    await rig.receive({ type: 'chat/cancel', requestId: 'req-1' });
    await rig.controller.idle();
    const done = rig.sink.of('chat/done');
    assert.equal(done.length, 1);
    const message = done[0]!.message;
    const full = echo('Hi', 'typewriter');
    assert.equal(message.status, 'stopped');
    assert.ok(message.content.length > 0 && message.content.length < full.length && full.startsWith(message.content), message.content);
    assert.equal(rig.sink.of('chat/error').length, 0);
    const stored = await new FileConversationStore({ directory: rig.directory, log: new MemoryLog() }).load('id-1');
    assert.deepStrictEqual(stored?.messages[1], message);
  });

  it('refuses a second question while an answer streams, with a notice', async () => {
    const rig = await rigs.rig({ model: 'mock/typewriter' });
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'First', attachments: [] });
    rig.sink.clear();
    await rig.receive({ type: 'chat/send', requestId: 'req-2', text: 'Second', attachments: [] });
    await rig.receive({ type: 'chat/regenerate', requestId: 'req-3' });
    assert.deepStrictEqual(rig.sink.messages, [
      { type: 'notice', message: 'An answer is still streaming. Stop it (Escape) or wait for it to finish, then send again.' },
      { type: 'notice', message: 'An answer is still streaming. Stop it (Escape) or wait for it to finish, then send again.' },
    ]);
    rig.controller.cancel();
    await rig.controller.idle();
    assert.deepStrictEqual(
      (await rig.controller.conversation())?.messages.map((message) => [message.role, message.status]),
      [
        ['user', 'complete'],
        ['assistant', 'stopped'],
      ],
    );
  });

  it('regenerates the last answer: truncated from the old answer, then a new one', async () => {
    const rig = await rigs.rig();
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await rig.controller.idle();
    rig.sink.clear();
    await rig.receive({ type: 'chat/regenerate', requestId: 'req-2' });
    await rig.controller.idle();
    assert.deepStrictEqual(rig.sink.flowTypes(), ['chat/truncated', 'chat/appended', 'history/list', 'chat/delta', 'chat/done', 'history/list']);
    assert.deepStrictEqual(rig.sink.messages[0], { type: 'chat/truncated', fromMessageId: 'id-3' });
    const conversation = await rig.controller.conversation();
    assert.deepStrictEqual(
      conversation?.messages.map((message) => [message.id, message.role, message.status, message.content]),
      [
        ['id-2', 'user', 'complete', 'Hi'],
        ['id-4', 'assistant', 'complete', echo('Hi')],
      ],
    );
  });

  it('edits a question: everything from it is replaced, and answered again', async () => {
    const rig = await rigs.rig();
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await rig.controller.idle();
    await rig.receive({ type: 'chat/send', requestId: 'req-2', text: 'And then?', attachments: [] });
    await rig.controller.idle();
    rig.sink.clear();
    await rig.receive({ type: 'chat/edit', requestId: 'req-3', messageId: 'id-2', text: 'Hello there' });
    await rig.controller.idle();
    assert.deepStrictEqual(rig.sink.flowTypes(), ['chat/truncated', 'chat/appended', 'chat/appended', 'history/list', 'chat/delta', 'chat/done', 'history/list']);
    assert.deepStrictEqual(rig.sink.messages[0], { type: 'chat/truncated', fromMessageId: 'id-2' });
    const conversation = await rig.controller.conversation();
    assert.deepStrictEqual(
      conversation?.messages.map((message) => [message.id, message.role, message.content]),
      [
        ['id-6', 'user', 'Hello there'],
        ['id-7', 'assistant', echo('Hello there')],
      ],
    );
    await rig.receive({ type: 'chat/edit', requestId: 'req-4', messageId: 'id-7', text: 'not a question' });
    assert.equal((await rig.controller.conversation())?.messages.length, 2, 'an answer cannot be edited');
  });

  it('starts a new chat (reusing an empty one), keeping the old one in the history', async () => {
    const rig = await rigs.rig();
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await rig.controller.idle();
    rig.sink.clear();
    await rig.controller.newChat();
    await rig.receive({ type: 'chat/new' });
    const snapshot: ChatSnapshot = {
      conversationId: 'id-4',
      title: '',
      messages: [],
      model: 'mock/echo',
      models,
      history: [{ id: 'id-1', title: 'Hi', updatedAt: t(4), messageCount: 2 }],
      totals: {},
      ...emptyRequestViews,
    };
    assert.deepStrictEqual(rig.sink.flow(), [{ type: 'state/snapshot', snapshot }], 'one snapshot: the second new chat reused the empty one');
  });

  it('keeps the draft (each attachment with its tokens), the banner and the model list, and posts nothing before the view is ready', async () => {
    const rig = await rigs.rig();
    const selection = { kind: 'selection' as const, name: 'src/a.ts', languageId: 'typescript', text: 'let a = 1;', lines: '3-3' };
    const file = { kind: 'file' as const, name: 'README.md', text: '# Read me' };
    // Counted with o200k, as the chips show them before sending.
    const counted = { selection: { ...selection, tokens: 6 }, file: { ...file, tokens: 3 } };
    rig.controller.attachView(rig.sink);
    rig.controller.setBanner({ kind: 'offline', message: 'Offline mock model.', actions: ['setApiKey'] });
    void rig.controller.setDraft({ attachments: [selection] });
    void rig.controller.appendToDraft({ attachments: [selection, file] });
    assert.equal(rig.sink.messages.length, 0, 'nothing before ready');
    await rig.receive({ type: 'ready' });
    const [first] = rig.sink.of('state/snapshot');
    assert.deepStrictEqual([first?.snapshot.banner, first?.snapshot.draft], [{ kind: 'offline', message: 'Offline mock model.', actions: ['setApiKey'] }, { attachments: [counted.selection, counted.file] }]);
    rig.sink.clear();
    rig.controller.setBanner(undefined);
    rig.controller.modelsChanged();
    await rig.receive({ type: 'models/select', model: 'mock/typewriter' });
    await rig.receive({ type: 'draft/update', draft: { attachments: [counted.file] } });
    await rig.controller.appendToDraft({ text: 'Explain', attachments: [selection] });
    assert.deepStrictEqual(rig.sink.flow(), [
      { type: 'banner/set' },
      { type: 'models/list', models, current: 'mock/echo' },
      { type: 'models/list', models, current: 'mock/typewriter' },
      { type: 'draft/set', draft: { text: 'Explain', attachments: [counted.file, counted.selection] } },
    ]);
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Explain', attachments: [file, selection] });
    rig.controller.cancel();
    await rig.controller.idle();
    rig.sink.clear();
    await rig.receive({ type: 'ready' });
    const snapshots = rig.sink.of('state/snapshot');
    assert.deepStrictEqual(
      snapshots.map((each) => [each.snapshot.draft, each.snapshot.model]),
      [[undefined, 'mock/typewriter']],
      'a sent draft is gone',
    );
  });

  it('on dispose stops the answer, saves it as stopped and posts nothing more', async () => {
    const rig = await rigs.rig({ model: 'mock/typewriter' });
    await rig.open();
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await until(async () => (await answerText(rig)).length > 0, 'the first word');
    rig.sink.clear();
    rig.controller.dispose();
    await rig.controller.idle();
    await rig.receive({ type: 'chat/send', requestId: 'req-2', text: 'ignored', attachments: [] });
    assert.deepStrictEqual(rig.sink.messages, []);
    const stored = await new FileConversationStore({ directory: rig.directory, log: new MemoryLog() }).load('id-1');
    assert.deepStrictEqual(stored?.messages.map((message) => message.status), ['complete', 'stopped']);
  });
});
