/**
 * `ContextHost` with VS Code: quick picks, documents and the file system, the editors,
 * diagnostics, the Git extension and the terminal recorder. Thin on purpose; what the answers mean
 * is decided in `workspaceContextSources.ts`.
 */

import * as vscode from 'vscode';
import { isFileNotFound } from '../vscodeFileErrors';
import { errorText } from '../errorText';
import type { PathEntry, WorkspaceToolHost } from '../tools/workspace/workspaceToolHost';
import { workspacePathParts } from '../tools/workspace/workspacePaths';
import type { ContextHost, EditorState, FileText, GitState, PathPick, TerminalState, WorkspaceListing, WorkspaceRoot } from './contextHost';
import { decodeText, largestReadableFile, looksBinary } from './fileBytes';
import { gitChanges } from './gitChanges';
import type { Problem, ProblemSeverity } from './problemsText';
import type { TerminalRecorder } from './terminalRecorder';
import { highlightedPick } from './pathPicks';
import { listWorkspaceFiles } from './workspaceFiles';

const severities: Record<vscode.DiagnosticSeverity, ProblemSeverity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

function isMultiRoot(): boolean {
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
}

/** A path as the chat names files: workspace-relative, the folder's name first in a multi-root window. */
function pathOf(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, isMultiRoot());
}

function diagnosticCode(code: vscode.Diagnostic['code']): string | undefined {
  if (code === undefined) {
    return undefined;
  }
  return typeof code === 'object' ? String(code.value) : String(code);
}

function editorState(editor: vscode.TextEditor): EditorState {
  const { document, selection } = editor;
  return {
    name: pathOf(document.uri),
    languageId: document.languageId,
    text: document.getText(),
    selection: { start: selection.start, end: selection.end, text: document.getText(selection), isEmpty: selection.isEmpty },
  };
}

/** The file's bytes unless it is too large or binary. */
async function readChecked(uri: vscode.Uri): Promise<Uint8Array | Exclude<FileText, { kind: 'text' }>> {
  try {
    if ((await vscode.workspace.fs.stat(uri)).size > largestReadableFile) {
      return { kind: 'tooLarge' };
    }
    const bytes = await vscode.workspace.fs.readFile(uri);
    return looksBinary(bytes) ? { kind: 'binary' } : bytes;
  } catch (error) {
    return { kind: 'unreadable', reason: errorText(error) };
  }
}

async function showPick<T extends vscode.QuickPickItem>(items: readonly T[], options: { title: string; placeholder: string; canSelectMany: boolean }): Promise<readonly T[] | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.canSelectMany = options.canSelectMany;
  pick.matchOnDescription = true;
  pick.items = items;
  if (options.canSelectMany) {
    const highlight = (typed: string): void => {
      const index = highlightedPick(items, typed);
      pick.activeItems = index === -1 ? [] : [items[index]!];
    };
    pick.onDidChangeValue(highlight);
    highlight('');
  }
  try {
    return await new Promise<readonly T[] | undefined>((resolve) => {
      pick.onDidAccept(() => {
        // Enter on a highlighted file without ticking any box means that file.
        resolve(pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems.slice(0, 1));
        pick.hide();
      });
      pick.onDidHide(() => resolve(undefined));
      pick.show();
    });
  } finally {
    pick.dispose();
  }
}

type PathItem = vscode.QuickPickItem & { path: string };

/** The file or folder a workspace path names (the folder's name first in a multi-root window); undefined for any other path. */
function workspaceUri(path: string): vscode.Uri | undefined {
  const parts = workspacePathParts(path);
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (parts === undefined || folders.length === 0) {
    return undefined;
  }
  if (folders.length === 1) {
    return vscode.Uri.joinPath(folders[0]!.uri, ...parts);
  }
  const folder = folders.find((candidate) => candidate.name === parts[0]);
  return folder === undefined ? undefined : vscode.Uri.joinPath(folder.uri, ...parts.slice(1));
}

function pathItems(picks: readonly PathPick[]): PathItem[] {
  return picks.map((pick) => ({ label: pick.label, ...(pick.description === undefined ? {} : { description: pick.description }), path: pick.path }));
}

export class VscodeContextHost implements ContextHost, WorkspaceToolHost {
  /** The files behind the paths of the last listing (the pickers offer only listed paths). */
  private uris = new Map<string, vscode.Uri>();

  constructor(private readonly terminals: TerminalRecorder<vscode.Terminal>) {}

  async listFiles(): Promise<WorkspaceListing> {
    const listed = await listWorkspaceFiles();
    this.uris = listed.uris;
    return listed.listing;
  }

  roots(): WorkspaceRoot[] {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return folders.map((folder) => ({ path: folders.length > 1 ? folder.name : '', name: folder.name }));
  }

  async entry(path: string): Promise<PathEntry | undefined> {
    const uri = workspaceUri(path);
    if (uri === undefined) {
      return undefined;
    }
    try {
      // The type of what a link points at, with the SymbolicLink bit set when the path is a link.
      const { type } = await vscode.workspace.fs.stat(uri);
      return {
        type: (type & vscode.FileType.File) !== 0 ? 'file' : (type & vscode.FileType.Directory) !== 0 ? 'directory' : 'other',
        symbolicLink: (type & vscode.FileType.SymbolicLink) !== 0,
      };
    } catch (error) {
      if (isFileNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }

  async pickFiles(picks: readonly PathPick[]): Promise<string[] | undefined> {
    const chosen = await showPick(pathItems(picks), {
      title: vscode.l10n.t('Add File to Chat'),
      placeholder: vscode.l10n.t('Search files by name or folder'),
      canSelectMany: true,
    });
    return chosen?.map((item) => item.path);
  }

  async pickFolder(picks: readonly PathPick[]): Promise<string | undefined> {
    const chosen = await showPick(pathItems(picks), { title: vscode.l10n.t('Add Folder to Chat'), placeholder: vscode.l10n.t('Search folders'), canSelectMany: false });
    return chosen?.[0]?.path;
  }

  async openFile(path: string): Promise<FileText> {
    const uri = this.uris.get(path);
    if (uri === undefined) {
      return { kind: 'unreadable', reason: vscode.l10n.t('it is not among the workspace files') };
    }
    const bytes = await readChecked(uri);
    if (!(bytes instanceof Uint8Array)) {
      return bytes;
    }
    try {
      // Opened as VS Code sees it: its language, and edits not saved yet.
      const document = await vscode.workspace.openTextDocument(uri);
      return { kind: 'text', languageId: document.languageId, text: document.getText() };
    } catch (error) {
      return { kind: 'unreadable', reason: errorText(error) };
    }
  }

  async peekFile(path: string): Promise<FileText> {
    const uri = this.uris.get(path);
    if (uri === undefined) {
      return { kind: 'unreadable', reason: vscode.l10n.t('it is not among the workspace files') };
    }
    // An open document has the user's unsaved edits; opening one for every file of a folder would
    // start language servers on all of them, so the others are read from disk.
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open !== undefined) {
      return { kind: 'text', languageId: open.languageId, text: open.getText() };
    }
    const bytes = await readChecked(uri);
    return bytes instanceof Uint8Array ? { kind: 'text', languageId: 'plaintext', text: decodeText(bytes) } : bytes;
  }

  fileEditor(): EditorState | undefined {
    const editor = vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors[0];
    return editor === undefined ? undefined : editorState(editor);
  }

  selectionEditor(): EditorState | undefined {
    const active = vscode.window.activeTextEditor;
    const editor = active !== undefined && !active.selection.isEmpty ? active : (vscode.window.visibleTextEditors.find((visible) => !visible.selection.isEmpty) ?? active);
    return editor === undefined ? undefined : editorState(editor);
  }

  problems(): Problem[] {
    const problems: Problem[] = [];
    for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
      const path = pathOf(uri);
      const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
      for (const diagnostic of diagnostics) {
        const code = diagnosticCode(diagnostic.code);
        problems.push({
          path,
          inWorkspace,
          line: diagnostic.range.start.line + 1,
          column: diagnostic.range.start.character + 1,
          severity: severities[diagnostic.severity],
          message: diagnostic.message,
          ...(diagnostic.source === undefined ? {} : { source: diagnostic.source }),
          ...(code === undefined ? {} : { code }),
        });
      }
    }
    return problems;
  }

  changes(): Promise<GitState> {
    return gitChanges();
  }

  terminal(): TerminalState {
    const terminal = vscode.window.activeTerminal;
    if (terminal === undefined) {
      return { kind: 'noTerminal' };
    }
    const command = this.terminals.lastCommand(terminal);
    if (command !== undefined) {
      return { kind: 'command', terminal: terminal.name, command };
    }
    return terminal.shellIntegration === undefined ? { kind: 'noShellIntegration', terminal: terminal.name } : { kind: 'noCommand', terminal: terminal.name };
  }
}
