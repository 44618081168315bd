/**
 * What a `vscode.workspace.fs` failure means: one home for the test both the instruction files and
 * the context sources need (a file that is not there is an answer, not a fault).
 */

import * as vscode from 'vscode';

/** True when the file or folder does not exist (VS Code's `FileNotFound`, or a provider's `EntryNotFound`). */
export function isFileNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'EntryNotFound');
}
