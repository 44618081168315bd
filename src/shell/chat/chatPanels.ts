/**
 * Chats in editor tabs ("Switchboard: Open Chat in Editor"): each tab a `WebviewPanel` with a chat
 * of its own (windowChats.ts), titled by its conversation, restored after a reload by the panel
 * serializer from the conversation id the webview keeps in its state (`vscode.setState`). Closing
 * a tab closes its chat: a running answer stops and is saved.
 */

import * as vscode from 'vscode';
import type { ToWebview } from '../../protocol/messages';
import { Disposable } from '../lifecycle';
import { chatWebviewOptions, loadChat, postToChat } from './chatWebview';
import type { ChatOpening } from './currentConversation';
import type { WindowChat, WindowChats } from './windowChats';

export const chatPanelViewType = 'switchboard.chatEditor';

/** A conversation id as the store names files: what a restored tab's state may name, nothing else. */
const conversationIdPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** The conversation a tab showed before the reload, from the state its webview kept (untrusted: checked). */
export function openingOfState(state: unknown): ChatOpening {
  if (typeof state === 'object' && state !== null && 'conversationId' in state) {
    const id = state.conversationId;
    if (typeof id === 'string' && conversationIdPattern.test(id)) {
      return { kind: 'saved', conversationId: id };
    }
  }
  return { kind: 'blank' };
}

export interface ChatPanelsOptions {
  extensionUri: vscode.Uri;
  chats: WindowChats;
  /** A tab was shown or hidden. */
  visibilityChanged?: () => void;
}

export class ChatPanels extends Disposable implements vscode.WebviewPanelSerializer {
  private readonly panels = new Set<vscode.WebviewPanel>();

  constructor(private readonly options: ChatPanelsOptions) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(chatPanelViewType, this));
    this._register({
      dispose: () => {
        for (const panel of this.panels) {
          panel.dispose();
        }
      },
    });
  }

  /** Opens a new chat in an editor tab, beside the active editor. */
  open(): WindowChat {
    const panel = vscode.window.createWebviewPanel(chatPanelViewType, vscode.l10n.t('New chat'), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, chatWebviewOptions(this.options.extensionUri));
    return this.show(panel, { kind: 'blank' });
  }

  /** A tab from before the reload: its chat again, on the conversation it showed. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.show(panel, openingOfState(state));
  }

  private show(panel: vscode.WebviewPanel, opening: ChatOpening): WindowChat {
    this.panels.add(panel);
    panel.iconPath = vscode.Uri.joinPath(this.options.extensionUri, 'media', 'switchboard.svg');
    const chat = this.options.chats.open(opening, {
      get visible() {
        return panel.visible;
      },
      reveal: async () => panel.reveal(undefined, false),
    });
    const listening = loadChat(panel.webview, this.options.extensionUri, chat.router);
    let conversationId: string | undefined;
    const retitle = (title: string | undefined): void => {
      panel.title = title === undefined || title === '' ? vscode.l10n.t('New chat') : title;
    };
    const post = (message: ToWebview): void => {
      // The tab is named after its conversation, as the view is told of it.
      if (message.type === 'state/snapshot') {
        conversationId = message.snapshot.conversationId;
        retitle(message.snapshot.title);
      } else if (message.type === 'conversation/title' && message.conversationId === conversationId) {
        retitle(message.title);
      } else if (message.type === 'history/list') {
        const entry = message.conversations.find((summary) => summary.id === conversationId);
        if (entry !== undefined) {
          retitle(entry.title);
        }
      }
      postToChat(panel.webview, message);
    };
    chat.controller.attachView({ post });
    const viewState = panel.onDidChangeViewState(() => {
      if (panel.active) {
        this.options.chats.used(chat.controller);
      }
      this.options.visibilityChanged?.();
    });
    panel.onDidDispose(() => {
      this.panels.delete(panel);
      listening.dispose();
      viewState.dispose();
      this.options.chats.close(chat.controller);
      this.options.visibilityChanged?.();
    });
    if (panel.active) {
      this.options.chats.used(chat.controller);
    }
    return chat;
  }
}
