/**
 * The window's chats (windowChats.ts) with real controllers: the chat commands act on is the one
 * last used (a message from its view, not the `ready` every view sends as it loads), the sidebar's
 * otherwise and again once the used tab closes; an answer that fails while its chat is out of
 * sight is told (once, with the message and its error), one that fails in sight is not.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatMessageView } from '../../src/protocol/messages';
import { ChatController } from '../../src/shell/chat/controller';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import type { ChatCompletions } from '../../src/shell/chat/ports';
import { WindowChats, type ChatSurface, type WindowChat } from '../../src/shell/chat/windowChats';
import { routerFor } from '../helpers/chatHarness';
import { MemoryLog, RecordingSink, TestEnvironment, TestModels } from '../helpers/chatFakes';

/** A provider that refuses every request, as a wrong key would. */
const refusing: ChatCompletions = {
  stream: () => Promise.reject(Object.assign(new Error('Incorrect API key provided.'), { name: 'AuthenticationError' })),
};

function surface(visible: boolean): ChatSurface & { visible: boolean } {
  return { visible, reveal: async () => undefined };
}

describe('the window’s chats', () => {
  let directory: string;
  let chats: WindowChats;
  let told: { chat: WindowChat; message: ChatMessageView }[];

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'switchboard-chats-'));
    told = [];
    const log = new MemoryLog();
    const store = new FileConversationStore({ directory, log });
    chats = new WindowChats({
      make: ({ hub, opening, answerEnded }) => {
        const controller = new ChatController({ client: refusing, store, models: new TestModels(), log, env: new TestEnvironment(), hub, opening, answerEnded });
        return { controller, router: routerFor(controller, log) };
      },
      failedOutOfSight: (chat, message) => told.push({ chat, message }),
    });
  });

  afterEach(async () => {
    chats.dispose();
    await rm(directory, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
  });

  async function opened(chat: WindowChat): Promise<RecordingSink> {
    const sink = new RecordingSink();
    chat.controller.attachView(sink);
    await chat.router.receive({ type: 'ready' });
    return sink;
  }

  it('acts on the chat last used: the sidebar first, a tab once its view sends something, the sidebar again when that tab closes', async () => {
    const sidebar = chats.sidebar(surface(true));
    assert.equal(chats.active(), sidebar);
    const tab = chats.open({ kind: 'blank' }, surface(true));
    await opened(tab);
    assert.equal(chats.active(), sidebar, 'a view loading is not the user using it');
    await tab.router.receive({ type: 'draft/update', draft: { attachments: [] } });
    assert.equal(chats.active(), tab);
    chats.close(tab.controller);
    assert.equal(chats.active(), sidebar);
    assert.deepStrictEqual(chats.all(), [sidebar]);
  });

  it('tells of an answer that failed out of sight, with its error; not of one that failed in sight', async () => {
    const hidden = surface(false);
    const tab = chats.open({ kind: 'blank' }, hidden);
    const shown = chats.open({ kind: 'blank' }, surface(true));
    await opened(tab);
    await opened(shown);
    await tab.router.receive({ type: 'chat/send', requestId: 'req-hidden', text: 'Hello?', attachments: [] });
    await shown.router.receive({ type: 'chat/send', requestId: 'req-shown', text: 'Hello?', attachments: [] });
    await tab.controller.idle();
    await shown.controller.idle();
    assert.equal(told.length, 1);
    assert.equal(told[0]?.chat, tab);
    assert.equal(told[0]?.message.status, 'error');
    assert.match(told[0]?.message.error?.message ?? '', /Incorrect API key/);
  });
});
