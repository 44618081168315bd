/**
 * "Switchboard: Ask About Selection" (also in the editor's context menu): the selection, with its
 * file name, language and line range, becomes an attachment of the chat's draft; then the chat
 * opens, ready for the question.
 */

import * as vscode from 'vscode';
import { attachmentProblem } from '../chat/editorActions';
import { selectionAttachment } from '../chat/contextAttachments';
import type { CommandServices } from './services';

export async function askAboutSelection(services: CommandServices): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (editor === undefined || editor.selection.isEmpty) {
    await vscode.window.showInformationMessage(vscode.l10n.t('Select some code in an editor first, then ask about it.'));
    return;
  }
  const { document, selection } = editor;
  const name = vscode.workspace.asRelativePath(document.uri, false);
  const result = selectionAttachment({ name, languageId: document.languageId, text: document.getText(selection), start: selection.start, end: selection.end });
  if (!result.ok) {
    await vscode.window.showWarningMessage(attachmentProblem(result, name));
    return;
  }
  services.chat().appendToDraft({ attachments: [result.attachment] });
  await services.revealChat();
}
