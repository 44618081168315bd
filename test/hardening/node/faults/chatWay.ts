/**
 * A fault through the chat: the shell's chat controller (vscode-free, as the extension builds it)
 * on the core's client configured as the shell configures it — a provider base URL from the
 * settings and a stored key — streaming from the misbehaving server into a conversation saved in
 * a temporary directory. Parallel streams are parallel chats sharing that one client.
 *
 * Each answer must end `complete` with the expected text, or `error` with the typed error's kind
 * and the text that arrived kept: on screen (the deltas, the chat/error message), in the
 * conversation and in its file. Nothing may reach the controller's "something went wrong" path.
 * Then, once the servers healed, the next question on the same controller must be answered.
 */

import assert from 'node:assert/strict';
import type { ChatMessageView } from '../../../../src/protocol/messages';
import type { ChatCompletions } from '../../../../src/shell/chat/ports';
import { coreCompletions, type ChatRig, type useChatRigs } from '../../../helpers/chatHarness';
import { questionFor, type FaultLab } from './faultLab';
import { retryDelays, settingsOf, trialKey, type Arranged, type Expected, type Fault } from './faultTypes';
import { healthyPieces } from './wires';

type ChatRigs = ReturnType<typeof useChatRigs>;

/** The client the shell would build, pointed at the trial's servers through a setting that can change. */
function completionsFor(fault: Fault, arranged: Arranged, route: { apiBase: string }, rigs: ChatRigs): ChatCompletions {
  const settings = settingsOf(fault);
  const { provider } = fault.wire;
  const client = rigs.client({
    getApiKey: (asked) => (asked === provider ? trialKey : undefined),
    providerSettings: (asked) => (asked === provider ? { apiBase: route.apiBase } : undefined),
    defaultTimeout: settings.timeoutSeconds,
    retry: { ...retryDelays, maxRetries: settings.maxRetries },
  });
  const port = coreCompletions(client);
  if (arranged.fallbacks === undefined) {
    return port;
  }
  // The chat has no fallbacks setting; a program embedding the controller could ask for them.
  const fallbacks = arranged.fallbacks;
  return { ...port, stream: ({ model, messages, signal }) => client.completion({ model, messages, signal, stream: true, fallbacks }) };
}

async function assertAnswer(rig: ChatRig, expected: Expected, question: string, label: string): Promise<void> {
  const conversation = await rig.controller.conversation();
  assert.ok(conversation !== undefined, `${label}: no conversation`);
  const [asked, answer] = conversation.messages.slice(-2) as [ChatMessageView | undefined, ChatMessageView | undefined];
  assert.deepStrictEqual([asked?.role, asked?.content], ['user', question], `${label}: the question`);
  assert.ok(answer !== undefined && answer.role === 'assistant', `${label}: no answer in the conversation`);
  if (expected.kind === 'answer') {
    assert.deepStrictEqual([answer.status, answer.content, answer.error], ['complete', expected.text, undefined], `${label}: the answer`);
  } else {
    assert.deepStrictEqual([answer.status, answer.content, answer.error?.kind], ['error', expected.partial, expected.errorClass], `${label}: the failed answer`);
    const [summary = '', detail = ''] = answer.error?.message.split(' Details: ') ?? [];
    assert.ok(summary.length > 0 && !summary.startsWith('Something went wrong'), `${label}: the error says what to do: ${summary}`);
    assert.match(detail, expected.message, `${label}: the error's detail`);
    assert.ok(!(answer.error?.message ?? '').includes(trialKey), `${label}: the key is in the error`);
  }
  // What the view was told agrees with the conversation: no text lost or doubled, the end posted.
  const deltas = rig.sink.of('chat/delta').filter((delta) => delta.messageId === answer.id);
  assert.equal(deltas.map((delta) => delta.content ?? '').join(''), answer.content, `${label}: the streamed text`);
  const ended = [...rig.sink.of('chat/done'), ...rig.sink.of('chat/error')].filter((end) => end.message.id === answer.id);
  assert.deepStrictEqual(
    ended.map((end) => end.message),
    [answer],
    `${label}: the end posted to the view`,
  );
  // The file on disk holds the same answer: a reload shows what the screen showed.
  const stored = await rig.store.load(conversation.id);
  assert.deepStrictEqual(stored?.messages, conversation.messages, `${label}: the saved conversation`);
  assert.deepStrictEqual(rig.sink.of('notice'), [], `${label}: notices`);
  assert.deepStrictEqual(rig.log.lines.filter((line) => line.startsWith('error: Chat:')), [], `${label}: unexpected errors in the chat`);
}

async function ask(rig: ChatRig, requestId: string, text: string): Promise<void> {
  await rig.receive({ type: 'chat/send', requestId, text, attachments: [] });
}

/** Runs the fault through chat controllers; an assertion fails when it did not end as expected. */
export async function runThroughChat(fault: Fault, lab: FaultLab, rigs: ChatRigs): Promise<void> {
  try {
    const arranged = await fault.arrange(lab);
    const route = { apiBase: arranged.apiBase };
    const completions = completionsFor(fault, arranged, route, rigs);
    const chats = await Promise.all(
      Array.from({ length: fault.streams ?? 1 }, async (_, index) => {
        const rig = await rigs.rig({ client: completions, model: fault.wire.model, idPrefix: `chat${index}` });
        await rig.open();
        rig.sink.clear();
        return rig;
      }),
    );
    const started = performance.now();
    await Promise.all(chats.map((rig, index) => ask(rig, `fault-${index}`, questionFor(index))));
    await Promise.all(chats.map((rig) => rig.controller.idle()));
    const elapsedSeconds = (performance.now() - started) / 1000;
    for (const [index, rig] of chats.entries()) {
      await assertAnswer(rig, fault.expect(index), questionFor(index), `chat ${index}`);
    }
    fault.verify?.(arranged, { way: 'chat', elapsedSeconds });

    // The same controllers answer the next question, from a healed server (or, where nobody
    // listened, the one the setting now names): the failed answer stays in the conversation.
    lab.heal();
    route.apiBase = arranged.followUpBase ?? arranged.apiBase;
    await Promise.all(chats.map((rig, index) => ask(rig, `next-${index}`, 'And now?')));
    await Promise.all(chats.map((rig) => rig.controller.idle()));
    for (const [index, rig] of chats.entries()) {
      await assertAnswer(rig, { kind: 'answer', text: healthyPieces.join('') }, 'And now?', `chat ${index}, the next question`);
      assert.equal((await rig.controller.conversation())?.messages.length, 4, `chat ${index}: the question, the fault's answer, the next question and its answer`);
    }
  } finally {
    await lab.close();
  }
}
