/**
 * The chats of this window: the sidebar's and one per editor tab, each a controller with its own
 * router, all in one hub (chatHub.ts). Commands that act on "the chat" (New Chat, Stop, Show
 * History, Ask About Selection) act on the one the user last used: the tab last focused or last
 * typed in, else the sidebar's. A chat whose answer fails while its view is hidden is told by a
 * notification. Plain TypeScript: the views are reached through `ChatSurface`.
 */

import type { ChatMessageView } from '../../protocol/messages';
import { ChatHub } from './chatHub';
import type { ChatController } from './controller';
import type { ChatOpening } from './currentConversation';
import type { WebviewRouter } from './webviewRouter';

/** Where a chat is shown. */
export interface ChatSurface {
  /** True while the user can see it. */
  readonly visible: boolean;
  /** Shows it and gives it focus. */
  reveal(): Promise<void>;
}

/** One chat of the window. */
export interface WindowChat {
  readonly controller: ChatController;
  readonly router: Pick<WebviewRouter, 'receive'>;
  readonly surface: ChatSurface;
}

export interface ChatMakings {
  opening: ChatOpening;
  hub: ChatHub;
  /** An answer the chat started ended. */
  answerEnded: (message: ChatMessageView) => void;
}

export interface WindowChatsDeps {
  /** Makes a chat's controller and router (the composition root knows the services). */
  make(makings: ChatMakings): { controller: ChatController; router: Pick<WebviewRouter, 'receive'> };
  /** An answer of a hidden chat ended with an error: a notification with its actions. */
  failedOutOfSight(chat: WindowChat, message: ChatMessageView): void;
  /** The chat in use changed (another was focused or typed in, or it closed). */
  activeChanged?(): void;
}

function isReady(message: unknown): boolean {
  return typeof message === 'object' && message !== null && 'type' in message && message.type === 'ready';
}

export class WindowChats {
  readonly hub = new ChatHub();
  private readonly chats = new Set<WindowChat>();
  private sidebarChat: WindowChat | undefined;
  private lastUsed: WindowChat | undefined;

  constructor(private readonly deps: WindowChatsDeps) {}

  /** The sidebar's chat (made with the window: its view may be resolved much later). */
  sidebar(surface: ChatSurface): WindowChat {
    this.sidebarChat ??= this.open({ kind: 'recent' }, surface);
    return this.sidebarChat;
  }

  /** A new chat shown on `surface` (an editor tab). */
  open(opening: ChatOpening, surface: ChatSurface): WindowChat {
    // The chat is made below; an answer can end only after that.
    const made: { chat?: WindowChat } = {};
    const parts = this.deps.make({
      opening,
      hub: this.hub,
      answerEnded: (message) => {
        const chat = made.chat;
        if (chat !== undefined && message.status === 'error' && !chat.surface.visible) {
          this.deps.failedOutOfSight(chat, message);
        }
      },
    });
    // The router is wrapped: a message from the view marks its chat as the one in use — not the
    // `ready` every view sends as it loads (tabs restored after a reload send it unasked).
    const router: Pick<WebviewRouter, 'receive'> = {
      receive: (message) => {
        if (!isReady(message)) {
          this.used(parts.controller);
        }
        return parts.router.receive(message);
      },
    };
    const chat: WindowChat = { controller: parts.controller, router, surface };
    made.chat = chat;
    this.chats.add(chat);
    return chat;
  }

  /** The chat's view closed for good (its tab): its answers stop and are saved. */
  close(controller: ChatController): void {
    const chat = this.find(controller);
    if (chat === undefined) {
      return;
    }
    this.chats.delete(chat);
    if (this.lastUsed === chat) {
      this.lastUsed = undefined;
      this.deps.activeChanged?.();
    }
    chat.controller.dispose();
  }

  /** The user focused or typed in this chat. */
  used(controller: ChatController): void {
    const chat = this.find(controller);
    if (chat !== undefined && chat !== this.lastUsed) {
      this.lastUsed = chat;
      this.deps.activeChanged?.();
    }
  }

  /** The chat commands act on: the one last used, else the sidebar's. */
  active(): WindowChat | undefined {
    return this.lastUsed ?? this.sidebarChat;
  }

  /** Every chat, to tell each what changed (models, settings, the banner). */
  all(): WindowChat[] {
    return [...this.chats];
  }

  dispose(): void {
    for (const chat of this.chats) {
      chat.controller.dispose();
    }
    this.chats.clear();
  }

  private find(controller: ChatController): WindowChat | undefined {
    for (const chat of this.chats) {
      if (chat.controller === controller) {
        return chat;
      }
    }
    return undefined;
  }
}
