/**
 * The extension's entry point: composes the shell around the core. Every disposable is registered
 * with the extension context at birth.
 */

import * as vscode from 'vscode';
import { createClient } from './core';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Switchboard', { log: true });
  context.subscriptions.push(log);
  const client = createClient({ logger: log });
  context.subscriptions.push({ dispose: () => void client.close() });
  context.subscriptions.push(vscode.commands.registerCommand('switchboard.showLogs', () => log.show()));
  const { version } = context.extension.packageJSON as { version: string };
  log.info(`Switchboard ${version} activated.`);
}

export function deactivate(): void {
  // Disposables registered on the context are released by VS Code.
}
