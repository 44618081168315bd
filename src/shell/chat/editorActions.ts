/**
 * What the chat's buttons do in the editor: copy a code block, insert it at the cursor, open it
 * in a new file, open a link (web and mail only, after the user clicked it), export a
 * conversation to Markdown, attach the active file. The rules live in vscode-free modules
 * (links, codeLanguage, exportFileName, contextAttachments); this file only talks to VS Code.
 */

import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { DraftView } from '../../protocol/messages';
import { languageIdForFence } from './codeLanguage';
import { fileAttachment, type AttachmentResult } from './contextAttachments';
import { conversationToMarkdown } from './exportMarkdown';
import { exportFileName } from './exportFileName';
import { openableLink } from './links';
import type { ChatLog, Conversation } from './ports';

export interface EditorActionsOptions {
  controller: {
    conversation(id?: string): Promise<Conversation | undefined>;
    /** Adds context to the draft, keeping what is already there. */
    appendToDraft(addition: DraftView): void;
    /** A short notice in the chat ("Copied"). */
    notice(message: string): void;
  };
  log: ChatLog;
  /** Shows the chat view (after attaching context to its draft). */
  revealChat(): Promise<void>;
}

/** Why an attachment was refused, as the user should read it. */
export function attachmentProblem(result: Extract<AttachmentResult, { ok: false }>, name: string): string {
  return result.reason === 'empty' ? vscode.l10n.t('{0} has no text to attach.', name) : vscode.l10n.t('{0} is too large to attach.', name);
}

/** The editor code goes into: the active one, else the first visible one (the chat may have focus). */
function targetEditor(): vscode.TextEditor | undefined {
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
}

export class EditorActions {
  constructor(private readonly options: EditorActionsOptions) {}

  async copyCode(code: string): Promise<void> {
    await vscode.env.clipboard.writeText(code);
    this.options.controller.notice(vscode.l10n.t('Copied'));
  }

  async insertCode(code: string): Promise<void> {
    const editor = targetEditor();
    if (editor === undefined) {
      await vscode.window.showWarningMessage(vscode.l10n.t('Open an editor to insert the code into.'));
      return;
    }
    const inserted = await editor.edit((builder) => {
      for (const selection of editor.selections) {
        builder.replace(selection, code);
      }
    });
    if (!inserted) {
      await vscode.window.showWarningMessage(vscode.l10n.t('The code could not be inserted: the editor is read-only or changed meanwhile.'));
      return;
    }
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
  }

  async openCodeInNewFile(code: string, fenceLanguage: string | undefined): Promise<void> {
    const wanted = languageIdForFence(fenceLanguage);
    const known = await vscode.languages.getLanguages();
    const language = known.includes(wanted) ? wanted : 'plaintext';
    const document = await vscode.workspace.openTextDocument({ content: code, language });
    await vscode.window.showTextDocument(document, { preview: false });
  }

  async openLink(href: string): Promise<void> {
    const link = openableLink(href);
    if (link === undefined) {
      // The scheme only: the rest of a link from model output is nobody's business in a log.
      this.options.log.warn(`Refused to open a link from the chat: only http, https and mailto links open (got '${href.split(':')[0]?.slice(0, 20) ?? ''}:').`);
      return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(link, true));
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

  async attachActiveFile(): Promise<void> {
    const editor = targetEditor();
    if (editor === undefined) {
      await vscode.window.showWarningMessage(vscode.l10n.t('Open a file to attach it to the chat.'));
      return;
    }
    const document = editor.document;
    const name = vscode.workspace.asRelativePath(document.uri, false);
    const result = fileAttachment({ name, languageId: document.languageId, text: document.getText() });
    if (!result.ok) {
      await vscode.window.showWarningMessage(attachmentProblem(result, name));
      return;
    }
    this.options.controller.appendToDraft({ attachments: [result.attachment] });
    await this.options.revealChat();
  }
}
