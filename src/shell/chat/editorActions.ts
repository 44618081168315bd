/**
 * What the chat's buttons do in the editor: copy a code block, insert it at the cursor, open it
 * in a new file, open a link (web and mail only, after the user clicked it), export a
 * conversation to Markdown, attach the active file. The rules live in vscode-free modules
 * (codeActions, links, codeLanguage, exportFileName, contextAttachments); this file only talks to
 * VS Code, and implements the `EditorPort` the code buttons' rules use.
 */

import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { CodeActions } from './codeActions';
import type { AttachmentResult } from './contextAttachments';
import { conversationToMarkdown } from './exportMarkdown';
import { exportFileName } from './exportFileName';
import type { ChatLog, Conversation, EditorPort } from './ports';

export interface EditorActionsOptions {
  controller: {
    conversation(id?: string): Promise<Conversation | undefined>;
    /** A short notice in the chat ("Copied"). */
    notice(message: string): void;
  };
  log: ChatLog;
}

/** Why an attachment was refused, as the user should read it. */
export function attachmentProblem(result: Extract<AttachmentResult, { ok: false }>, name: string): string {
  return result.reason === 'empty' ? vscode.l10n.t('{0} has no text to attach.', name) : vscode.l10n.t('{0} is too large to attach.', name);
}

/** The editor code goes into: the active one, else the first visible one (the chat may have focus). */
function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
}

/** VS Code's side of the code and link buttons. */
const vscodeEditor: EditorPort = {
  writeClipboard: async (text) => vscode.env.clipboard.writeText(text),
  hasTargetEditor: () => targetEditor() !== undefined,
  insert: async (text) => {
    const editor = targetEditor();
    if (editor === undefined) {
      return false;
    }
    const inserted = await editor.edit((builder) => {
      for (const selection of editor.selections) {
        builder.replace(selection, text);
      }
    });
    if (inserted) {
      await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    }
    return inserted;
  },
  languages: async () => vscode.languages.getLanguages(),
  openUntitled: async (content, language) => {
    const document = await vscode.workspace.openTextDocument({ content, language });
    await vscode.window.showTextDocument(document, { preview: false });
  },
  openExternal: async (link) => {
    await vscode.env.openExternal(vscode.Uri.parse(link, true));
  },
  warn: async (message) => {
    await vscode.window.showWarningMessage(message);
  },
  confirm: async (message, action) => (await vscode.window.showWarningMessage(message, { modal: true }, action)) === action,
};

export class EditorActions {
  private readonly code: CodeActions;

  constructor(private readonly options: EditorActionsOptions) {
    this.code = new CodeActions({ editor: vscodeEditor, log: options.log, localize: vscode.l10n.t, notice: (message) => options.controller.notice(message) });
  }

  copyCode(code: string): Promise<void> {
    return this.code.copyCode(code);
  }

  insertCode(code: string): Promise<void> {
    return this.code.insertCode(code);
  }

  openCodeInNewFile(code: string, fenceLanguage: string | undefined): Promise<void> {
    return this.code.openCodeInNewFile(code, fenceLanguage);
  }

  openLink(href: string): Promise<void> {
    return this.code.openLink(href);
  }

  async exportConversation(conversationId: string): Promise<void> {
    const conversation = await this.options.controller.conversation(conversationId);
    if (conversation === undefined) {
      await vscode.window.showWarningMessage(vscode.l10n.t('That conversation could not be read, so it was not exported.'));
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, exportFileName(conversation.title)),
      filters: { [vscode.l10n.t('Markdown')]: ['md'] },
      saveLabel: vscode.l10n.t('Export'),
      title: vscode.l10n.t('Export Conversation to Markdown'),
    });
    if (target === undefined) {
      return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(conversationToMarkdown(conversation)));
    const open = vscode.l10n.t('Open');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Exported the conversation to {0}.', vscode.workspace.asRelativePath(target, false)), open);
    if (choice === open) {
      await vscode.window.showTextDocument(target);
    }
  }
}
