/**
 * One chat webview, wherever it lives (the sidebar's view, an editor tab's panel): its options and
 * HTML from `renderChatHtml` (a strict CSP with a fresh nonce, resources only from `dist/` and
 * `media/` through `asWebviewUri`), and its messages through the router's guard.
 */

import * as vscode from 'vscode';
import { chatStrings } from '../../protocol/chatStrings';
import type { ToWebview } from '../../protocol/messages';
import { renderChatHtml } from './html';
import { createNonce } from './nonce';
import { pageTranslations } from './pageTranslations';
import { readWebviewPreloads } from './webviewPreloads';
import type { WebviewRouter } from './webviewRouter';

/** The options a chat webview is created with (a panel takes them at creation, a view when resolved). */
export function chatWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
}

/** Loads the chat into `webview` and routes its messages; dispose the result when the webview goes. */
export function loadChat(webview: vscode.Webview, extensionUri: vscode.Uri, router: Pick<WebviewRouter, 'receive'>): vscode.Disposable {
  const dist = vscode.Uri.joinPath(extensionUri, 'dist');
  const inDist = (path: string): string => webview.asWebviewUri(vscode.Uri.joinPath(dist, ...path.split('/'))).toString();
  // Read from the extension's own folder, which is always on the extension host's file system.
  const preloads = readWebviewPreloads(dist.fsPath);
  webview.options = chatWebviewOptions(extensionUri);
  webview.html = renderChatHtml({
    cspSource: webview.cspSource,
    nonce: createNonce(),
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    codiconsUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'codicons', 'codicon.css')).toString(),
    preloads: { modules: preloads.modules.map(inDist), fonts: preloads.fonts.map(inDist) },
    lang: vscode.env.language,
    translations: pageTranslations(chatStrings, vscode.l10n.bundle),
  });
  // `receive` never rejects: every failure is logged inside the router.
  return webview.onDidReceiveMessage((message: unknown) => void router.receive(message));
}

/**
 * Posts to a chat webview. While it is hidden its webview may be gone and the message dropped:
 * the `ready` of the re-created webview brings a snapshot, so nothing is lost.
 */
export function postToChat(webview: vscode.Webview, message: ToWebview): void {
  webview.postMessage(message).then(undefined, () => undefined);
}
