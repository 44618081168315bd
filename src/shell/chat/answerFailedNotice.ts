/**
 * An answer that failed while its chat was out of sight (the sidebar closed, its tab behind
 * another): a notification says so, with the error's own buttons (Set API Key, Retry, …) and Show
 * Chat. A button shows the chat first, then runs through the chat's router like the button in the
 * chat would, so Retry answers that chat's question again.
 */

import * as vscode from 'vscode';
import type { ChatMessageView, ErrorAction } from '../../protocol/messages';
import type { WindowChat } from './windowChats';

function actionLabel(action: ErrorAction): string {
  switch (action) {
    case 'addProvider':
      return vscode.l10n.t('Add Provider');
    case 'setApiKey':
      return vscode.l10n.t('Set API Key');
    case 'selectModel':
      return vscode.l10n.t('Select Model');
    case 'retry':
      return vscode.l10n.t('Retry');
    case 'showLogs':
      return vscode.l10n.t('Show Logs');
    case 'openSettings':
      return vscode.l10n.t('Open Settings');
    case 'testConnection':
      return vscode.l10n.t('Test Connection');
  }
}

export async function tellAnswerFailed(chat: WindowChat, message: ChatMessageView): Promise<void> {
  const error = message.error;
  const actions = error?.actions ?? [];
  const showChat = vscode.l10n.t('Show Chat');
  const text = vscode.l10n.t('Switchboard: the answer from {0} failed: {1}', message.model ?? '', error?.message ?? '');
  const choice = await vscode.window.showErrorMessage(text, ...actions.map(actionLabel), showChat);
  if (choice === undefined) {
    return;
  }
  await chat.surface.reveal();
  const action = actions.find((candidate) => actionLabel(candidate) === choice);
  if (action !== undefined) {
    await chat.router.receive({ type: 'action/run', action });
  }
}
