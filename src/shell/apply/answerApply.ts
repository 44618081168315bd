/**
 * "Apply" on an answer's code block, in VS Code: the block is looked up in the stored answer
 * (with its fence's info string), the question's attachments and the active editor say which
 * file it is for, the Apply plan computes the proposed text from the editor's current text
 * (unsaved changes included), and the proposal opens in the diff review. With no file named, a
 * quick pick of the workspace's files asks. Nothing is written here: the review's Accept writes.
 */

import * as vscode from 'vscode';
import type { Attachment, ChatMessageView } from '../../protocol/messages';
import { listWorkspaceFiles } from '../context/workspaceFiles';
import { planApply, planApplyAll, planForFile, type ApplyFiles, type ApplyPlan, type ApplyRequest } from './applyPlan';
import { answerBlocks, clickedBlock } from './answerBlocks';
import type { FileProposal } from './proposals';

export interface AnswerApplyOptions {
  /** The messages of the conversation on screen. */
  messages(): Promise<readonly ChatMessageView[] | undefined>;
  review: { propose(proposals: readonly Omit<FileProposal, 'id'>[]): Promise<void> };
  log: { info(message: string): void; warn(message: string): void };
}

/** A workspace-relative path's file: the folder it names in a multi-root window, else the first folder's. */
function uriOf(path: string): vscode.Uri | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 1) {
    const [first, ...rest] = path.split('/');
    const named = folders.find((folder) => folder.name === first);
    if (named !== undefined) {
      return vscode.Uri.joinPath(named.uri, ...rest);
    }
  }
  return folders[0] === undefined ? undefined : vscode.Uri.joinPath(folders[0].uri, ...path.split('/'));
}

/** A file's text as the user sees it: an open document's (unsaved changes included), else the disk's. */
const workspaceFiles: ApplyFiles = {
  read: async (path) => {
    const uri = uriOf(path);
    if (uri === undefined) {
      return undefined;
    }
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open !== undefined) {
      return open.getText();
    }
    try {
      return (await vscode.workspace.openTextDocument(uri)).getText();
    } catch {
      return undefined;
    }
  },
};

function relativePath(uri: vscode.Uri): string | undefined {
  if (vscode.workspace.getWorkspaceFolder(uri) === undefined) {
    return undefined;
  }
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/** The question the answer replied to: the user message before it. */
function questionOf(messages: readonly ChatMessageView[], answerIndex: number): ChatMessageView | undefined {
  for (let index = answerIndex - 1; index >= 0; index--) {
    if (messages[index]?.role === 'user') {
      return messages[index];
    }
  }
  return undefined;
}

/** Where a fragment may go in the active editor: the question's selection there (if any), the cursor. */
function placementFor(editor: vscode.TextEditor | undefined, activePath: string | undefined, attachments: readonly Attachment[]): ApplyRequest['placement'] {
  if (editor === undefined || activePath === undefined) {
    return undefined;
  }
  const cursor = editor.document.offsetAt(editor.selection.active);
  const selection = attachments.find((attachment) => attachment.kind === 'selection' && attachment.name === activePath && attachment.text !== undefined);
  const firstLine = Number(/^(\d+)/.exec(selection?.lines ?? '')?.[1]);
  if (selection?.text === undefined || !Number.isInteger(firstLine) || firstLine < 1) {
    return { cursor };
  }
  const start = editor.document.offsetAt(new vscode.Position(firstLine - 1, 0));
  return { cursor, selection: { start, end: start + selection.text.length, text: selection.text } };
}

export class AnswerApply {
  constructor(private readonly options: AnswerApplyOptions) {}

  async apply(messageId: string, code: string): Promise<void> {
    const messages = (await this.options.messages()) ?? [];
    const index = messages.findIndex((message) => message.id === messageId && message.role === 'assistant');
    const answer = messages[index];
    const block = answer === undefined ? undefined : await clickedBlock(answer, code);
    if (block === undefined) {
      // The webview only shows an answer's own blocks: anything else did not come from a click.
      this.options.log.warn('Apply: the code is not a block of that answer; nothing applied.');
      return;
    }
    const attachments = questionOf(messages, index)?.attachments ?? [];
    const editor = vscode.window.activeTextEditor;
    const activeEditorPath = editor === undefined ? undefined : relativePath(editor.document.uri);
    const attachedFiles = attachments.filter((attachment) => attachment.kind === 'file' || attachment.kind === 'selection').map((attachment) => attachment.name);
    const request: ApplyRequest = { info: block.info, code: block.code, attachedFiles: [...new Set(attachedFiles)], activeEditorPath, placement: placementFor(editor, activeEditorPath, attachments) };
    await this.propose(await planApply(request, workspaceFiles, vscode.l10n.t), block.info);
  }

  /** Every block of the answer that names its file, proposed together and reviewed file by file. */
  async applyAll(messageId: string): Promise<void> {
    const answer = ((await this.options.messages()) ?? []).find((message) => message.id === messageId && message.role === 'assistant');
    if (answer === undefined) {
      this.options.log.warn('Apply All: no such answer; nothing applied.');
      return;
    }
    const plan = await planApplyAll(await answerBlocks(answer), workspaceFiles, vscode.l10n.t);
    for (const problem of plan.problems) {
      void vscode.window.showWarningMessage(problem);
    }
    if (plan.changes.length === 0) {
      if (plan.problems.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No code block of this answer names its file: use Apply on a block to choose one.'));
      }
      return;
    }
    await this.propose({ kind: 'changes', changes: plan.changes }, '');
  }

  private async propose(plan: ApplyPlan, info: string): Promise<void> {
    if (plan.kind === 'problem') {
      void vscode.window.showWarningMessage(plan.message);
      return;
    }
    if (plan.kind === 'chooseFile') {
      const path = await this.chooseFile(plan.candidates);
      if (path !== undefined) {
        await this.propose(await planForFile(path, plan.code, (/^[^\s:]*/.exec(info.trim())?.[0] ?? '').toLowerCase(), workspaceFiles, vscode.l10n.t), info);
      }
      return;
    }
    const proposals: Omit<FileProposal, 'id'>[] = [];
    for (const change of plan.changes) {
      const uri = uriOf(change.path);
      if (uri === undefined) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to apply code to {0}.', change.path));
        return;
      }
      proposals.push({ target: uri.toString(), label: change.path, original: change.original, proposed: change.proposed, how: change.how, createsFile: change.createsFile });
    }
    this.options.log.info(`Apply: proposed ${plan.changes.map((change) => `${change.path} (${change.how})`).join(', ')}.`);
    await this.options.review.propose(proposals);
  }

  /** The file to apply to: the attached files first, then the workspace's. */
  private async chooseFile(candidates: readonly string[]): Promise<string | undefined> {
    const listed = await listWorkspaceFiles();
    const rest = listed.listing.files.filter((path) => !candidates.includes(path));
    const items: vscode.QuickPickItem[] = [
      ...candidates.map((path) => ({ label: path, description: vscode.l10n.t('attached') })),
      ...rest.map((path) => ({ label: path })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Apply to which file?'), placeHolder: vscode.l10n.t('The code names no file: pick the one it is for'), matchOnDescription: true });
    return picked?.label;
  }
}
