/**
 * What the built-in workspace tools need of VS Code, as plain values: the workspace folders, their
 * files as the `#file` picker lists them (`files.exclude` and `.gitignore` applied), a listed
 * file's text, what is at a path (to refuse symbolic links and to tell an ignored file from a
 * missing one), the diagnostics and Git's changes. `VscodeContextHost` implements it with
 * `vscode.workspace.fs` (remote windows too); the tools run and are tested in plain Node.
 */

import type { FileText, GitState, WorkspaceListing, WorkspaceRoot } from '../../context/contextHost';
import type { Problem } from '../../context/problemsText';

/** What is at a path. `symbolicLink` is true when the path's last part is a link (whatever it points at). */
export interface PathEntry {
  type: 'file' | 'directory' | 'other';
  symbolicLink: boolean;
}

export interface WorkspaceToolHost {
  /** The workspace folders now; empty when no folder is open. */
  roots(): WorkspaceRoot[];
  /** The workspace's files, capped (`ContextHost.listFiles`). */
  listFiles(): Promise<WorkspaceListing>;
  /** A file of the last listing's text: an open document's (unsaved edits), else the disk's. */
  peekFile(path: string): Promise<FileText>;
  /**
   * What is at a workspace path (`workspacePath` checked it: relative, no `..`), without following
   * a link at its end; undefined when nothing is there or the path names no workspace folder.
   */
  entry(path: string): Promise<PathEntry | undefined>;
  problems(): Problem[];
  changes(): Promise<GitState>;
}
