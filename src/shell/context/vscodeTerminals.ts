/**
 * Feeds VS Code's shell-integration events to a `TerminalRecorder`. Only event subscriptions, so
 * it is cheap to create at activation, which it must be: a command's output can be read only from
 * its start.
 */

import * as vscode from 'vscode';
import { DisposableStore, type IDisposable } from '../lifecycle';
import { TerminalRecorder } from './terminalRecorder';

export function recordTerminalCommands(onReadError: (error: unknown) => void): { recorder: TerminalRecorder<vscode.Terminal> } & IDisposable {
  const store = new DisposableStore();
  const recorder = store.add(new TerminalRecorder<vscode.Terminal>(onReadError));
  store.add(vscode.window.onDidStartTerminalShellExecution((event) => recorder.started(event.terminal, event.execution)));
  store.add(vscode.window.onDidEndTerminalShellExecution((event) => recorder.ended(event.terminal, event.execution, event.exitCode)));
  store.add(vscode.window.onDidCloseTerminal((terminal) => recorder.closed(terminal)));
  return { recorder, dispose: () => store.dispose() };
}
