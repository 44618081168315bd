/**
 * The workspace's instruction files in VS Code: `WorkspaceInstructions` over `vscode.workspace.fs`
 * (remote windows too), the window's folders and file watchers. Only this file of the folder
 * imports `vscode`; the rules are tested in plain Node.
 */

import * as vscode from 'vscode';
import { isFileNotFound } from '../vscodeFileErrors';
import { realScheduleAfter } from '../chat/delays';
import type { ChatLog, InstructionFile, InstructionFiles } from '../chat/ports';
import { Disposable } from '../lifecycle';
import type { EntryType, InstructionFileSystem } from './instructionFileSystem';
import { WorkspaceInstructions } from './workspaceInstructions';

export interface VscodeInstructionFilesOptions {
  log: ChatLog;
  /** `switchboard.chat.useInstructionFiles`, asked on every `find`; call `settingChanged()` when it changes. */
  useInstructionFiles(): boolean;
}

/**
 * What is watched. A watcher reports a deleted folder, not the files in it, so `find` also checks
 * each file's size and time; the watchers are what tells the chat to list the files again.
 */
const watchedPatterns = ['**/AGENTS.md', '**/CLAUDE.md', '**/.github/copilot-instructions.md', '**/.github/instructions/**'];

function entryType(type: vscode.FileType): EntryType {
  if ((type & vscode.FileType.File) !== 0) {
    return 'file';
  }
  return (type & vscode.FileType.Directory) !== 0 ? 'directory' : 'other';
}

const workspaceFileSystem: InstructionFileSystem<vscode.Uri> = {
  stat: async (root, path) => {
    try {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(root, path));
      return { type: entryType(stat.type), size: stat.size, mtime: stat.mtime };
    } catch (error) {
      if (isFileNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  },
  readFile: async (root, path) => vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, path)),
  readDirectory: async (root, path) =>
    (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, path))).map(([name, type]): [string, EntryType] => [name, entryType(type)]),
};

export class VscodeInstructionFiles extends Disposable implements InstructionFiles {
  private readonly instructions: WorkspaceInstructions<vscode.Uri>;
  private watching = false;

  constructor(options: VscodeInstructionFilesOptions) {
    super();
    this.instructions = this._register(
      new WorkspaceInstructions<vscode.Uri>({
        files: workspaceFileSystem,
        folders: () => (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ name: folder.name, root: folder.uri })),
        // Files a cloned repository carries steer the model: only in a trusted workspace.
        enabled: () => vscode.workspace.isTrusted && options.useInstructionFiles(),
        openFile: async (root, path) => {
          await vscode.window.showTextDocument(vscode.Uri.joinPath(root, path), { preview: true });
        },
        log: options.log,
        scheduleAfter: realScheduleAfter,
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.instructions.foldersChanged()));
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.instructions.changed()));
  }

  /** The watchers start with the first look at the files, not at activation: a window that never opens the chat pays nothing. */
  private watch(): void {
    if (this.watching) {
      return;
    }
    this.watching = true;
    const changed = (): void => this.instructions.changed();
    for (const pattern of watchedPatterns) {
      const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
      this._register(watcher.onDidCreate(changed));
      this._register(watcher.onDidChange(changed));
      this._register(watcher.onDidDelete(changed));
    }
  }

  get capBytes(): number {
    return this.instructions.capBytes;
  }

  find(attachedPaths: readonly string[]): Promise<InstructionFile[]> {
    this.watch();
    return this.instructions.find(attachedPaths);
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return this.instructions.onDidChange(listener);
  }

  open(path: string): Promise<void> {
    return this.instructions.open(path);
  }

  /** `switchboard.chat.useInstructionFiles` changed: the chat lists the files again. */
  settingChanged(): void {
    this.instructions.changed();
  }
}
