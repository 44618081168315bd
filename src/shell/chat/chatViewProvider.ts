/**
 * The chat in the sidebar: a webview view whose HTML comes from `renderChatHtml` (a strict CSP
 * with a fresh nonce, resources only from `dist/` and `media/` through `asWebviewUri`). Messages
 * from the webview go through the router's guard; the controller posts to the view while it
 * exists. A hidden view is torn down by VS Code and re-created when shown: its `ready` brings a
 * snapshot, and streams keep running in the host meanwhile.
 */

import * as vscode from 'vscode';
import type { ToWebview } from '../../protocol/messages';
import { Disposable, DisposableStore, MutableDisposable } from '../lifecycle';
import { renderChatHtml } from './html';
import { createNonce } from './nonce';
import type { WebviewSink } from './ports';
import type { WebviewRouter } from './webviewRouter';

export const chatViewId = 'switchboard.chat';

export interface ChatViewOptions {
  extensionUri: vscode.Uri;
  controller: { attachView(sink: WebviewSink): void; detachView(): void };
  router: Pick<WebviewRouter, 'receive'>;
}

export class ChatViewProvider extends Disposable implements vscode.WebviewViewProvider {
  private readonly viewListeners = this._register(new MutableDisposable<DisposableStore>());
  private view: vscode.WebviewView | undefined;

  constructor(private readonly options: ChatViewOptions) {
    super();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const { extensionUri, controller, router } = this.options;
    const dist = vscode.Uri.joinPath(extensionUri, 'dist');
    const webview = view.webview;
    webview.options = { enableScripts: true, enableCommandUris: false, localResourceRoots: [dist, vscode.Uri.joinPath(extensionUri, 'media')] };
    webview.html = renderChatHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
      codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
      lang: vscode.env.language,
    });

    const listeners = new DisposableStore();
    // `receive` never rejects: every failure is logged inside the router.
    listeners.add(webview.onDidReceiveMessage((message: unknown) => void router.receive(message)));
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
    controller.attachView({ post: (message) => this.post(view, message) });
  }

  private post(view: vscode.WebviewView, message: ToWebview): void {
    // While the view is hidden its webview is gone and the message is dropped: the `ready` of
    // the re-created webview brings a snapshot, so nothing is lost.
    view.webview.postMessage(message).then(undefined, () => undefined);
  }
}
