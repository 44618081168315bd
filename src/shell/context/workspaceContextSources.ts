/**
 * The "Add Context" picker's sources (`#file`, `#folder`, `#selection`, `#problems`, `#changes`,
 * `#terminal`, and the attach-file button's `activeFile`): each kind asks VS Code through
 * `ContextHost`, shapes what it read into attachments with their size in tokens, or says in one
 * sentence why there is nothing to add. vscode-free, so it is tested in plain Node.
 */

import type { Attachment, ContextKind } from '../../protocol/messages';
import { fileAttachment, selectionAttachment, type AttachmentResult } from '../chat/contextAttachments';
import type { Localize } from '../chat/localize';
import type { ContextResult, ContextSources, TokenCounting } from '../chat/ports';
import { errorText } from '../errorText';
import { changesText, hasChanges } from './changesText';
import type { ContextHost, FileText } from './contextHost';
import { packFolder } from './folderContext';
import { filePicks, folderLabel, folderPicks } from './pathPicks';
import { problemsText, selectProblems } from './problemsText';
import { commandText } from './terminalRecorder';

export interface ContextSourcesOptions {
  host: ContextHost;
  tokens: TokenCounting;
  localize: Localize;
  log: { error(message: string): void };
  /**
   * Tells the user about files refused while others were added: a result carries attachments or
   * a problem, not both (VS Code's warning notification).
   */
  warn(message: string): void;
}

type ContextRequest = Parameters<ContextSources['add']>[1];

/** A chip's name stays short: long command lines are cut with an ellipsis. */
const nameLength = 60;

function shortened(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= nameLength ? line : `${line.slice(0, nameLength - 1)}…`;
}

export class WorkspaceContextSources implements ContextSources {
  constructor(private readonly options: ContextSourcesOptions) {}

  async add(kind: ContextKind, request: ContextRequest): Promise<ContextResult> {
    try {
      return await this.addKind(kind, request);
    } catch (error) {
      this.options.log.error(`Adding #${kind} to the chat failed: ${errorText(error, 'stack')}`);
      return { problem: this.options.localize('#{0} could not be added: {1}', kind, errorText(error)) };
    }
  }

  private addKind(kind: ContextKind, request: ContextRequest): Promise<ContextResult> {
    switch (kind) {
      case 'file':
        return this.files();
      case 'folder':
        return this.folder(request.tokenBudget);
      case 'selection':
        return this.selection();
      case 'activeFile':
        return this.activeFile();
      case 'problems':
        return this.problems(request.attachedFiles);
      case 'changes':
        return this.changes();
      case 'terminal':
        return this.terminal();
    }
  }

  private async withTokens(attachment: Attachment): Promise<Attachment> {
    return { ...attachment, tokens: await this.options.tokens.count(attachment.text ?? '') };
  }

  /** The sentence for an attachment refused by the shared rules (the wording the editor commands use). */
  private refusal(result: Extract<AttachmentResult, { ok: false }>, name: string): string {
    return result.reason === 'empty' ? this.options.localize('{0} has no text to attach.', name) : this.options.localize('{0} is too large to attach.', name);
  }

  private fileRefusal(file: Exclude<FileText, { kind: 'text' }>, name: string): string {
    switch (file.kind) {
      case 'binary':
        return this.options.localize('{0} is a binary file, so it cannot be attached as text.', name);
      case 'tooLarge':
        return this.options.localize('{0} is too large to attach.', name);
      case 'unreadable':
        return this.options.localize('{0} could not be read: {1}', name, file.reason);
    }
  }

  private async files(): Promise<ContextResult> {
    const listing = await this.options.host.listFiles();
    if (listing.roots.length === 0) {
      return { problem: this.options.localize('Open a folder to add its files to the chat.') };
    }
    if (listing.files.length === 0) {
      return { problem: this.options.localize('The workspace has no files to add (files.exclude and .gitignore apply).') };
    }
    const chosen = await this.options.host.pickFiles(filePicks(listing.files));
    const attachments: Attachment[] = [];
    const refused: string[] = [];
    for (const path of chosen ?? []) {
      const file = await this.options.host.openFile(path);
      if (file.kind !== 'text') {
        refused.push(this.fileRefusal(file, path));
        continue;
      }
      const result = fileAttachment({ name: path, languageId: file.languageId, text: file.text });
      if (result.ok) {
        attachments.push(await this.withTokens(result.attachment));
      } else {
        refused.push(this.refusal(result, path));
      }
    }
    if (refused.length > 0 && attachments.length === 0) {
      return { problem: refused.join(' ') };
    }
    if (refused.length > 0) {
      this.options.warn(refused.join(' '));
    }
    return { attachments };
  }

  private async folder(tokenBudget: number): Promise<ContextResult> {
    const listing = await this.options.host.listFiles();
    if (listing.roots.length === 0) {
      return { problem: this.options.localize('Open a folder to add its files to the chat.') };
    }
    const folder = await this.options.host.pickFolder(folderPicks(listing, this.options.localize('workspace folder')));
    if (folder === undefined) {
      return { attachments: [] };
    }
    const label = folderLabel(listing, folder);
    const prefix = folder === '' ? '' : `${folder}/`;
    const files = listing.files.filter((path) => path.startsWith(prefix));
    if (files.length === 0) {
      return { problem: this.options.localize('{0} has no files to add (files.exclude and .gitignore apply).', label) };
    }
    const packing = await packFolder({
      folder,
      label,
      files,
      incomplete: listing.truncated,
      budget: tokenBudget,
      read: (path) => this.options.host.peekFile(path),
      count: (text) => this.options.tokens.count(text),
    });
    return { attachments: [{ kind: 'folder', name: label, text: packing.text, tokens: packing.tokens }] };
  }

  private async selection(): Promise<ContextResult> {
    const editor = this.options.host.selectionEditor();
    if (editor === undefined || editor.selection.isEmpty) {
      return { problem: this.options.localize('Select some code in an editor first, then ask about it.') };
    }
    const { selection } = editor;
    const result = selectionAttachment({ name: editor.name, languageId: editor.languageId, text: selection.text, start: selection.start, end: selection.end });
    return result.ok ? { attachments: [await this.withTokens(result.attachment)] } : { problem: this.refusal(result, editor.name) };
  }

  private async activeFile(): Promise<ContextResult> {
    const editor = this.options.host.fileEditor();
    if (editor === undefined) {
      return { problem: this.options.localize('Open a file to attach it to the chat.') };
    }
    const result = fileAttachment({ name: editor.name, languageId: editor.languageId, text: editor.text });
    return result.ok ? { attachments: [await this.withTokens(result.attachment)] } : { problem: this.refusal(result, editor.name) };
  }

  private async problems(attachedFiles: readonly string[]): Promise<ContextResult> {
    const problems = selectProblems(this.options.host.problems(), attachedFiles);
    if (problems.length === 0) {
      return { problem: attachedFiles.length > 0 ? this.options.localize('The attached files have no problems.') : this.options.localize('The workspace has no problems.') };
    }
    const attachment = await this.withTokens({ kind: 'problems', name: this.options.localize('Problems ({0})', problems.length), text: problemsText(problems) });
    return { attachments: [attachment] };
  }

  private async changes(): Promise<ContextResult> {
    const git = await this.options.host.changes();
    switch (git.kind) {
      case 'unavailable':
        return { problem: this.options.localize("Git is not available: VS Code's Git extension is missing or disabled.") };
      case 'noRepository':
        return { problem: this.options.localize('The workspace is not in a Git repository.') };
      case 'repositories':
        break;
    }
    const changed = git.repositories.filter(hasChanges);
    if (changed.length === 0) {
      return { problem: this.options.localize("Nothing has changed in the workspace's Git repositories.") };
    }
    const name = this.options.localize('Changes in {0}', changed.map((repository) => repository.name).join(', '));
    const attachment = await this.withTokens({ kind: 'changes', name: shortened(name), languageId: 'diff', text: changesText(changed) });
    return { attachments: [attachment] };
  }

  private async terminal(): Promise<ContextResult> {
    const terminal = this.options.host.terminal();
    switch (terminal.kind) {
      case 'noTerminal':
        return { problem: this.options.localize('Open a terminal and run a command first.') };
      case 'noShellIntegration':
        return {
          problem: this.options.localize(
            "The terminal {0} has no shell integration, so its output cannot be read. Turn on 'terminal.integrated.shellIntegration.enabled' and use bash, zsh, fish or PowerShell.",
            terminal.terminal,
          ),
        };
      case 'noCommand':
        return { problem: this.options.localize('No command has finished in the terminal {0} since Switchboard started. Run it again, then add it.', terminal.terminal) };
      case 'command':
        break;
    }
    const name = shortened(this.options.localize('{0}: {1}', terminal.terminal, terminal.command.commandLine));
    return { attachments: [await this.withTokens({ kind: 'terminal', name, text: commandText(terminal.command) })] };
  }
}
