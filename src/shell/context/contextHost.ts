/**
 * What the context sources need of VS Code, as plain values: the workspace's files, quick picks,
 * file text, the editor, diagnostics, Git and the terminals. `vscodeContextHost.ts` implements it;
 * the sources (`workspaceContextSources.ts`) run and are tested in plain Node.
 */

import type { SelectionSource } from '../chat/contextAttachments';
import type { RepositoryChanges } from './changesText';
import type { Problem } from './problemsText';
import type { FinishedCommand } from './terminalRecorder';

/** A file's text as VS Code sees it, or why there is none. */
export type FileText =
  | { kind: 'text'; languageId: string; text: string }
  | { kind: 'binary' }
  | { kind: 'tooLarge' }
  | { kind: 'unreadable'; reason: string };

/** A workspace folder as the pickers offer it. */
export interface WorkspaceRoot {
  /** '' in a single-folder window; the folder's name (the prefix of its files' paths) in a multi-root one. */
  path: string;
  name: string;
}

export interface WorkspaceListing {
  roots: WorkspaceRoot[];
  /** Workspace-relative with `/` (prefixed with the folder's name in a multi-root window), after `files.exclude` and `.gitignore`. */
  files: string[];
  /** True when the workspace holds more files than were listed. */
  truncated: boolean;
}

/** One entry of a quick pick: what is shown and the path it stands for. */
export interface PathPick {
  label: string;
  description?: string;
  path: string;
}

export type GitState = { kind: 'unavailable' } | { kind: 'noRepository' } | { kind: 'repositories'; repositories: RepositoryChanges[] };

export type TerminalState =
  | { kind: 'noTerminal' }
  | { kind: 'noShellIntegration'; terminal: string }
  | { kind: 'noCommand'; terminal: string }
  | { kind: 'command'; terminal: string; command: FinishedCommand };

/** An editor's document and its (first) selection; the name is workspace-relative when inside the workspace. */
export interface EditorState {
  name: string;
  languageId: string;
  text: string;
  selection: Pick<SelectionSource, 'start' | 'end' | 'text'> & { isEmpty: boolean };
}

export interface ContextHost {
  /** The workspace's files, capped. */
  listFiles(): Promise<WorkspaceListing>;
  /** A multi-select quick pick of files; undefined when cancelled. */
  pickFiles(picks: readonly PathPick[]): Promise<string[] | undefined>;
  /** A quick pick of folders; undefined when cancelled. */
  pickFolder(picks: readonly PathPick[]): Promise<string | undefined>;
  /** A listed file opened as a document (its language and unsaved edits). */
  openFile(path: string): Promise<FileText>;
  /** A listed file's text without opening a document: an open document's, else the disk's. */
  peekFile(path: string): Promise<FileText>;
  /** The editor a file attaches from: the active one, else the first visible one. */
  fileEditor(): EditorState | undefined;
  /** The editor a selection attaches from: the active one when it has a selection, else the first visible one that has. */
  selectionEditor(): EditorState | undefined;
  problems(): Problem[];
  changes(): Promise<GitState>;
  terminal(): TerminalState;
}
