/**
 * The window's chats, put together: the sidebar's chat (made at activation, its view resolved
 * when first shown), chats in editor tabs (Open Chat in Editor, restored after a reload), the
 * running answers' status item, context key and badge, and the notification for an answer that
 * failed out of sight.
 */

import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';
import { RunningAnswersStatus } from '../runningAnswersStatus';
import { tellAnswerFailed } from './answerFailedNotice';
import { ChatPanels } from './chatPanels';
import { chatViewId, ChatViewProvider } from './chatViewProvider';
import { makeChat, type SharedChatServices } from './makeChat';
import { WindowChats, type WindowChat } from './windowChats';

export interface RegisterChatsOptions {
  extensionUri: vscode.Uri;
  shared: SharedChatServices;
  /** The command a click on the running answers' item runs. */
  showCommand: string;
}

export class RegisteredChats extends Disposable {
  readonly chats: WindowChats;
  /** The sidebar's chat. */
  readonly sidebar: WindowChat;
  private readonly panels: ChatPanels;

  constructor(options: RegisterChatsOptions) {
    super();
    const { extensionUri, shared } = options;
    // Made below, read by the closures only once the chats run.
    const parts: { provider?: ChatViewProvider; status?: RunningAnswersStatus } = {};
    const chats = new WindowChats({
      make: (makings) => makeChat(shared, makings),
      failedOutOfSight: (chat, message) => {
        tellAnswerFailed(chat, message).catch(() => undefined);
      },
      activeChanged: () => parts.status?.update(),
    });
    this.chats = chats;
    this._register({ dispose: () => chats.dispose() });
    this.sidebar = chats.sidebar(ChatViewProvider.surface(() => parts.provider));
    const status = this._register(
      new RunningAnswersStatus(
        {
          get running() {
            return chats.hub.running;
          },
          activeAnswering: () => chats.active()?.controller.answering ?? false,
          onDidChangeRunning: (listener) => chats.hub.onDidChangeRunning(listener),
        },
        options.showCommand,
      ),
    );
    parts.status = status;
    const provider = this._register(new ChatViewProvider({ extensionUri, controller: this.sidebar.controller, router: this.sidebar.router, visibilityChanged: () => status.update() }));
    parts.provider = provider;
    this._register(vscode.window.registerWebviewViewProvider(chatViewId, provider));
    this.panels = this._register(new ChatPanels({ extensionUri, chats, visibilityChanged: () => status.update() }));
    this._register(chats.hub.onDidChangeRunning(() => provider.setBadge(this.sidebar.controller.running)));
  }

  /** A new chat in an editor tab. */
  openInEditor(): WindowChat {
    return this.panels.open();
  }

  /** The chat commands act on: the one last used, else the sidebar's. */
  active(): WindowChat {
    return this.chats.active() ?? this.sidebar;
  }

  /** Calls `tell` for every chat (models, settings or the banner changed). */
  forEach(tell: (chat: WindowChat) => void): void {
    for (const chat of this.chats.all()) {
      tell(chat);
    }
  }
}
