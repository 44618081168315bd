/**
 * "Switchboard: Show Usage": one editor panel drawing the usage history (dist/usage.js, built
 * beside the chat's webview) under the chat's strict CSP. The page says `usage/ready`; the host
 * answers with the history, and again whenever a request is recorded while the panel is open and
 * when a new day begins (the chart ends today: a panel left open overnight moves on by itself).
 * Everything stays on this machine: the page loads only the extension's own files.
 */

import * as vscode from 'vscode';
import { renderChatHtml } from '../chat/html';
import { createNonce } from '../chat/nonce';
import { pageTranslations } from '../chat/pageTranslations';
import { DisposableStore, type IDisposable } from '../lifecycle';
import { parseFromUsageView, type ToUsageView } from '../../protocol/usageMessages';
import { usageStrings } from '../../protocol/usageStrings';
import { localDay, untilNextLocalDay, type UsageHistory } from './usageHistory';

const usagePanelViewType = 'switchboard.usage';

export class UsagePanel implements IDisposable {
  private panel: vscode.WebviewPanel | undefined;
  /** The open panel's subscriptions, let go when it closes. */
  private open: DisposableStore | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly history: UsageHistory,
  ) {}

  /** Opens the panel, or brings the open one forward. */
  show(): void {
    if (this.panel !== undefined) {
      this.panel.reveal();
      return;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const panel = vscode.window.createWebviewPanel(usagePanelViewType, vscode.l10n.t('Switchboard Usage'), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [dist],
    });
    const inDist = (...path: string[]): string => panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, ...path)).toString();
    panel.webview.html = renderChatHtml({
      cspSource: panel.webview.cspSource,
      nonce: createNonce(),
      scriptUri: inDist('usage.js'),
      styleUri: inDist('usage.css'),
      codiconsUri: inDist('codicons', 'codicon.css'),
      preloads: { modules: [], fonts: [] },
      lang: vscode.env.language,
      translations: pageTranslations(usageStrings, vscode.l10n.bundle),
    });
    this.panel = panel;
    const open = new DisposableStore();
    this.open = open;
    let ready = false;
    const post = (): void => {
      const snapshot: ToUsageView = { type: 'usage/snapshot', today: localDay(Date.now()), buckets: this.history.list() };
      // A panel closing meanwhile refuses the message: nothing is lost, it showed nothing more.
      panel.webview.postMessage(snapshot).then(undefined, () => undefined);
    };
    open.add(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        // The page's one message; anything else it might post is ignored.
        if (parseFromUsageView(message)?.type === 'usage/ready') {
          ready = true;
          post();
        }
      }),
    );
    open.add(
      this.history.onDidChange(() => {
        if (ready) {
          post();
        }
      }),
    );
    // At each local midnight the page is posted the new day, so its 30 days end today.
    let dayTimer: ReturnType<typeof setTimeout> | undefined;
    const scheduleNextDay = (): void => {
      dayTimer = setTimeout(() => {
        if (ready) {
          post();
        }
        scheduleNextDay();
      }, untilNextLocalDay(Date.now()));
    };
    scheduleNextDay();
    open.add({ dispose: () => clearTimeout(dayTimer) });
    open.add(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.open = undefined;
        open.dispose();
      }),
    );
  }

  dispose(): void {
    this.open?.dispose();
    this.panel?.dispose();
  }
}
