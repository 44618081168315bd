/**
 * Titles written by the model: the small request (its cap, the question and answer cut), the
 * title cleaned from what models write, when a conversation gets one (`model` after its first
 * complete answer; `firstLine` asks nothing), a rename that always wins (during the request or
 * after it), a delete that is not undone, the request's cost counted in the conversation's totals
 * — and the request as it reaches an OpenAI server through the extension's own client.
 */

import assert from 'node:assert/strict';
import { getModelInfo } from '../../src/core';
import type { ChatMessageView } from '../../src/protocol/messages';
import type { ChatRequest, Conversation } from '../../src/shell/chat/ports';
import { titleExcerptLength, writeTitle } from '../../src/shell/chat/titleWriter';
import { titleFromModel } from '../../src/shell/chat/titles';
import { conversationTotals, totalsOf } from '../../src/shell/chat/usage';
import { MemoryLog } from '../helpers/chatFakes';
import { chunksOf, sseBody, sseHeaders } from '../helpers/llmHarness';
import { useShellHarness } from '../helpers/shellHarness';
import { ScriptedCompletions, useHistoryRigs, type HistoryRig, type TitleScript } from './chat/historyRig';

/** A request without its signal (an AbortSignal does not compare). */
function shapeOf(request: ChatRequest | undefined): Omit<ChatRequest, 'signal'> | undefined {
  if (request === undefined) {
    return undefined;
  }
  const { signal: _signal, ...rest } = request;
  return rest;
}

describe('titles written by the model', () => {
  const rigs = useHistoryRigs();
  const clients: ScriptedCompletions[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) {
      await client.close();
    }
  });

  function scripted(script: (request: ChatRequest, index: number) => TitleScript): ScriptedCompletions {
    const client = new ScriptedCompletions(script);
    clients.push(client);
    return client;
  }

  it('cleans what models write around a title', () => {
    const written = {
      plain: 'Eiffel Tower height',
      quoted: '"Eiffel Tower height"',
      curlyQuoted: '“Hauteur de la tour Eiffel”',
      labelled: 'Title: Eiffel Tower height',
      boldLabel: '**Title:** *Eiffel Tower height*',
      heading: '# Eiffel Tower height.',
      manyLines: '\n\nEiffel Tower height\nThis title names the subject.',
      thinking: '<think>The user asks about the tower.</think>\nEiffel Tower height',
      listed: '- `Eiffel Tower height`',
      question: 'Why is the sky blue?',
      ellipsis: 'Waiting for...',
      innerQuotes: 'The "C++" keyword tour',
      code: 'Python __init__ explained',
      long: 'A very long title that goes on and on about the height of the Eiffel Tower in Paris',
      empty: '  \n ',
      onlyQuotes: '""',
    };
    const cleaned = Object.fromEntries(Object.entries(written).map(([name, text]) => [name, titleFromModel(text)]));
    assert.deepStrictEqual(cleaned, {
      plain: 'Eiffel Tower height',
      quoted: 'Eiffel Tower height',
      curlyQuoted: 'Hauteur de la tour Eiffel',
      labelled: 'Eiffel Tower height',
      boldLabel: 'Eiffel Tower height',
      heading: 'Eiffel Tower height',
      manyLines: 'Eiffel Tower height',
      thinking: 'Eiffel Tower height',
      listed: 'Eiffel Tower height',
      question: 'Why is the sky blue?',
      ellipsis: 'Waiting for...',
      innerQuotes: 'The "C++" keyword tour',
      code: 'Python __init__ explained',
      long: 'A very long title that goes on and on about the height of…',
      empty: '',
      onlyQuotes: '',
    });
  });

  it('asks with a small cap, no reasoning, and the question and answer cut short', async () => {
    const client = scripted(() => ({ text: 'Long Exchange' }));
    const question = `${'q'.repeat(titleExcerptLength - 1)}😀 and more`;
    const answer = 'a'.repeat(5_000);
    await writeTitle({ client, model: 'openai/gpt-4o-mini', question, answer, signal: new AbortController().signal, log: new MemoryLog() });
    const sent = shapeOf(client.requests[0]);
    assert.deepStrictEqual({ ...sent, messages: undefined }, { model: 'openai/gpt-4o-mini', messages: undefined, params: { max_tokens: 30 } });
    const [only, ...others] = sent?.messages ?? [];
    assert.deepStrictEqual([only?.role, others], ['user', []]);
    const content = only?.content as string;
    assert.match(content, /^Write a title for the conversation below: 3 to 7 words naming its subject, in the language the user wrote in\.\n/);
    // The emoji would be cut in half: the question stops before it.
    assert.ok(content.endsWith(`\n\n<question>\n${'q'.repeat(titleExcerptLength - 1)}…\n</question>\n\n<answer>\n${'a'.repeat(titleExcerptLength)}…\n</answer>`), content.slice(-200));
  });

  it('brings the cleaned title and its usage; the usage alone when the model wrote nothing; nothing when the request failed or was cancelled', async () => {
    const log = new MemoryLog();
    const texts: TitleScript[] = [{ text: 'Title: "Eiffel Tower Height".' }, { text: '' }, { error: new Error('503 from the server') }, 'held'];
    const client = scripted((_, index) => texts[index] as TitleScript);
    const ask = (signal = new AbortController().signal): ReturnType<typeof writeTitle> => writeTitle({ client, model: 'openai/gpt-4o-mini', question: 'How tall?', answer: '330 m', signal, log });
    const titled = await ask();
    const empty = await ask();
    const failed = await ask();
    const abort = new AbortController();
    const held = ask(abort.signal);
    abort.abort();
    assert.deepStrictEqual(
      { titled, empty, failed, cancelled: await held },
      {
        titled: { title: 'Eiffel Tower Height', usage: titled?.usage },
        empty: { usage: empty?.usage },
        failed: undefined,
        cancelled: undefined,
      },
    );
    assert.ok((titled?.usage?.promptTokens ?? 0) > 0 && (titled?.usage?.completionTokens ?? 0) > 0, JSON.stringify(titled?.usage));
    assert.ok(log.lines.some((line) => line === 'warn: Chat: the title request to openai/gpt-4o-mini failed: 503 from the server'), log.lines.join('\n'));
  });

  describe('when a conversation gets one', () => {
    async function titledRig(mode: 'model' | 'firstLine' | undefined, script: (request: ChatRequest, index: number) => TitleScript = () => ({ text: 'Eiffel Tower Height' })): Promise<{ rig: HistoryRig; client: ScriptedCompletions }> {
      const client = scripted(script);
      const rig = await rigs.rig({ client, ...(mode === undefined ? {} : { titleMode: mode }) });
      return { rig, client };
    }

    it('model: after the first complete answer, titled by the model that answered; its usage counted; the view told', async () => {
      const { rig, client } = await titledRig('model');
      const conversation = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres.', 'anthropic/claude-sonnet-4-5');
      rig.sink.clear();
      rig.history.answered(conversation);
      await rig.history.idle();
      assert.deepStrictEqual(shapeOf(client.requests[0])?.model, 'anthropic/claude-sonnet-4-5');
      const usage = conversation.sideUsage;
      assert.ok(usage?.promptTokens !== undefined && usage.completionTokens !== undefined, JSON.stringify(usage));
      const saved = await rig.store.load(conversation.id);
      assert.deepStrictEqual(
        { title: conversation.title, source: conversation.titleSource, saved: [saved?.title, saved?.titleSource, saved?.sideUsage], view: rig.sink.messages },
        {
          title: 'Eiffel Tower Height',
          source: 'model',
          saved: ['Eiffel Tower Height', 'model', usage],
          view: [
            { type: 'conversation/title', conversationId: conversation.id, title: 'Eiffel Tower Height' },
            { type: 'history/list', conversations: [{ id: conversation.id, title: 'Eiffel Tower Height', updatedAt: conversation.updatedAt, messageCount: 2 }] },
          ],
        },
      );
      assert.deepStrictEqual(conversationTotals(conversation), usage);
    });

    it('firstLine (and no setting): asks nothing, the first question names it', async () => {
      for (const mode of ['firstLine', undefined] as const) {
        const { rig, client } = await titledRig(mode);
        const conversation = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres.');
        rig.history.answered(conversation);
        await rig.history.idle();
        assert.deepStrictEqual([client.requests.length, conversation.title, conversation.titleSource], [0, 'How tall is the Eiffel Tower?', 'firstLine']);
      }
    });

    it('model: the offline mock model is not asked (it would only echo); its chats keep their first line', async () => {
      const { rig, client } = await titledRig('model');
      const conversation = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres.', 'mock/typewriter');
      rig.history.answered(conversation);
      await rig.history.idle();
      assert.deepStrictEqual([client.requests.length, conversation.title, conversation.titleSource], [0, 'How tall is the Eiffel Tower?', 'firstLine']);
    });

    it('model: only after the first complete answer, and never for a conversation the user named', async () => {
      const { rig, client } = await titledRig('model');
      const answer = (content: string, status: ChatMessageView['status']): ChatMessageView => ({ id: rig.env.newId(), role: 'assistant', content, status, createdAt: rig.env.now() });
      const question = (content: string): ChatMessageView => ({ id: rig.env.newId(), role: 'user', content, status: 'complete', createdAt: rig.env.now() });

      const second = await rig.answered('First?', 'One.');
      second.messages.push(question('Second?'), answer('Two.', 'complete'));
      const failed = await rig.answered('First?', 'One.');
      failed.messages.splice(1, 1, answer('', 'error'));
      const stopped = await rig.answered('First?', 'One.');
      stopped.messages.splice(1, 1, answer('On', 'stopped'));
      const named = await rig.answered('First?', 'One.');
      named.titleSource = 'user';
      for (const conversation of [second, failed, stopped, named]) {
        rig.history.answered(conversation);
      }
      await rig.history.idle();
      assert.equal(client.requests.length, 0);

      // A first answer that was stopped, then a complete one after another question: that one is the first complete answer.
      stopped.messages.push(question('Again?'), answer('Yes.', 'complete'));
      await rig.history.save(stopped);
      rig.history.answered(stopped);
      await rig.history.idle();
      // It is no longer on screen: the title goes to its file.
      assert.deepStrictEqual([client.requests.length, (await rig.store.load(stopped.id))?.title], [1, 'Eiffel Tower Height']);
    });

    it("a rename while the title is being written cancels it: the user's title stays", async () => {
      const { rig, client } = await titledRig('model', () => 'held');
      const conversation = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres.');
      rig.history.answered(conversation);
      await rig.history.rename(conversation.id, 'My tower notes');
      client.release();
      await rig.history.idle();
      const saved = await rig.store.load(conversation.id);
      assert.deepStrictEqual(
        [client.requests[0]?.signal.aborted, conversation.title, conversation.titleSource, saved?.title, saved?.titleSource, rig.sink.of('conversation/title')],
        [true, 'My tower notes', 'user', 'My tower notes', 'user', []],
      );
    });

    it("a rename after the title arrived but before it was applied still wins, and the request's usage is counted", async () => {
      const { rig } = await titledRig('model');
      const conversation = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres.');
      const release = rig.holdQueue();
      const arrived = rig.whenEnqueued();
      rig.history.answered(conversation);
      // The title has arrived and waits for the queue: the rename comes after it.
      await arrived;
      const renamed = rig.history.rename(conversation.id, 'My tower notes');
      release();
      await renamed;
      await rig.history.idle();
      const saved = await rig.store.load(conversation.id);
      assert.deepStrictEqual([conversation.title, conversation.titleSource, saved?.title, saved?.titleSource], ['My tower notes', 'user', 'My tower notes', 'user']);
      assert.ok(saved?.sideUsage?.completionTokens !== undefined, JSON.stringify(saved?.sideUsage));
    });

    it('a delete while the title is being written cancels it: the conversation is not brought back', async () => {
      const { rig, client } = await titledRig('model', () => 'held');
      const conversation = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres.');
      rig.history.answered(conversation);
      await rig.history.remove(conversation.id);
      client.release();
      await rig.history.idle();
      assert.deepStrictEqual([client.requests[0]?.signal.aborted, await rig.store.load(conversation.id), await rig.store.list()], [true, undefined, []]);
    });

    it('a title that arrives after another conversation was opened goes to its file, not to the view', async () => {
      const { rig, client } = await titledRig('model', () => 'held');
      const conversation = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres.');
      rig.history.answered(conversation);
      const other = await rig.answered('Another question', 'Another answer');
      rig.sink.clear();
      client.release();
      await rig.history.idle();
      const saved = await rig.store.load(conversation.id);
      assert.deepStrictEqual([saved?.title, saved?.titleSource, saved?.messages.length, rig.sink.types()], ['Released Title', 'model', 2, ['history/list']]);
      assert.equal(other.title, 'Another question');
    });
  });

  it("counts a conversation's answers, summaries and titles in its totals; the answers' sum is unchanged", () => {
    const messages: ChatMessageView[] = [
      { id: 'q', role: 'user', content: 'Q', status: 'complete', createdAt: 0 },
      { id: 'a', role: 'assistant', content: 'A', status: 'complete', createdAt: 0, usage: { promptTokens: 100, completionTokens: 50, cost: 0.01 } },
    ];
    const conversation: Conversation = {
      version: 2,
      id: 'c',
      title: 'T',
      createdAt: 0,
      updatedAt: 0,
      model: 'openai/gpt-4o-mini',
      messages,
      compactions: [
        { id: 'k', kind: 'summary', beforeMessageId: 'a', messageCount: 0, summary: 'S', createdAt: 0, usage: { promptTokens: 1_000, completionTokens: 200, cachedTokens: 10 } },
        { id: 'd', kind: 'dropped', beforeMessageId: 'a', messageCount: 0, createdAt: 0 },
      ],
      sideUsage: { promptTokens: 60, completionTokens: 5, cost: 0.001 },
    };
    assert.deepStrictEqual(
      [totalsOf(messages), conversationTotals(conversation)],
      [
        { promptTokens: 100, completionTokens: 50, cost: 0.01 },
        { promptTokens: 1_160, completionTokens: 255, cachedTokens: 10, cost: 0.011 },
      ],
    );
  });

  describe('on the wire', () => {
    const shells = useShellHarness();

    it('reaches an OpenAI server through the extension client: the body, the title, its cost in the totals', async () => {
      const usage = { prompt_tokens: 84, completion_tokens: 6, total_tokens: 90 };
      const chunks = [...chunksOf(['Title', ': **Eiffel', ' Tower', ' Height**']), { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o-mini', choices: [], usage }];
      const server = await shells.server(() => ({ status: 200, headers: sseHeaders, body: sseBody(chunks), delivery: { seed: 7, pieces: 9 } }));
      const shell = shells.client({ settings: { providers: { openai: { baseUrl: `${server.url}/v1` } } } });
      await shell.keys.set('openai', 'sk-title-test-0123456789abcdef');
      const rig = await rigs.rig({ client: shell.client, titleMode: 'model' });
      const conversation = await rig.answered('How tall is the Eiffel Tower?', 'About 330 metres, antennas included.');
      rig.history.answered(conversation);
      await rig.history.idle();

      const body = server.requests[0]?.json as Record<string, unknown>;
      assert.deepStrictEqual(
        { ...body, messages: (body['messages'] as { role: string }[]).map((message) => message.role) },
        // OpenAI's wire takes the cap as max_completion_tokens.
        { model: 'gpt-4o-mini', messages: ['user'], max_completion_tokens: 30, stream: true, stream_options: { include_usage: true } },
      );
      const content = (body['messages'] as { content: string }[])[0]?.content;
      assert.ok(content?.endsWith('<question>\nHow tall is the Eiffel Tower?\n</question>\n\n<answer>\nAbout 330 metres, antennas included.\n</answer>'), content);
      const info = getModelInfo('openai/gpt-4o-mini');
      const cost = 84 * info.input_cost_per_token! + 6 * info.output_cost_per_token!;
      const saved = await rig.store.load(conversation.id);
      assert.deepStrictEqual(
        [conversation.title, saved?.title, saved?.sideUsage, conversationTotals(conversation)],
        ['Eiffel Tower Height', 'Eiffel Tower Height', { promptTokens: 84, completionTokens: 6, cost }, { promptTokens: 84, completionTokens: 6, cost }],
      );
    });
  });
});
