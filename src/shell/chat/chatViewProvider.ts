/**
 * The chat in the sidebar: a webview view loaded by `loadChat` (chatWebview.ts). The controller
 * posts to the view while it exists. A hidden view is torn down by VS Code and re-created when
 * shown: its `ready` brings a snapshot, and streams keep running in the host meanwhile — counted
 * on the view's badge (the Switchboard icon) while it is hidden.
 */

import * as vscode from 'vscode';
import { Disposable, DisposableStore, MutableDisposable } from '../lifecycle';
import { runningLabel } from '../runningAnswersStatus';
import { loadChat, postToChat } from './chatWebview';
import type { WebviewSink } from './ports';
import type { WebviewRouter } from './webviewRouter';
import type { ChatSurface } from './windowChats';

export const chatViewId = 'switchboard.chat';

export interface ChatViewOptions {
  extensionUri: vscode.Uri;
  controller: { attachView(sink: WebviewSink): void; detachView(): void };
  router: Pick<WebviewRouter, 'receive'>;
  /** The view was shown or hidden. */
  visibilityChanged?: () => void;
}

export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private readonly viewListeners = this._register(new MutableDisposable<DisposableStore>());
  private view: vscode.WebviewView | undefined;
  private badgeCount = 0;

  constructor(private readonly options: ChatViewOptions) {
    super();
  }

  /** The sidebar as a place a chat is shown. */
  static surface(provider: () => ChatViewProvider | undefined): ChatSurface {
    return {
      get visible() {
        return provider()?.visible ?? false;
      },
      reveal: async () => {
        await vscode.commands.executeCommand(`${chatViewId}.focus`);
      },
    };
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Answers running while the view is hidden: a count on the Switchboard icon (none while shown). */
  setBadge(count: number): void {
    this.badgeCount = count;
    this.showBadge();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const { extensionUri, controller, router } = this.options;
    const listeners = new DisposableStore();
    listeners.add(loadChat(view.webview, extensionUri, router));
    listeners.add(
      view.onDidChangeVisibility(() => {
        this.showBadge();
        this.options.visibilityChanged?.();
      }),
    );
    listeners.add(
      view.onDidDispose(() => {
        if (this.view === view) {
          this.view = undefined;
          controller.detachView();
          this.viewListeners.clear();
        }
      }),
    );
    this.viewListeners.value = listeners;
    this.view = view;
    this.showBadge();
    controller.attachView({ post: (message) => postToChat(view.webview, message) });
  }

  private showBadge(): void {
    const view = this.view;
    if (view === undefined) {
      return;
    }
    const count = view.visible ? 0 : this.badgeCount;
    view.badge = count === 0 ? undefined : { value: count, tooltip: runningLabel(count) };
  }
}
