/**
 * Registers the commands (ids in `commandIds.ts`, as package.json contributes them). Each
 * non-trivial command lives in its own file under `commands/`.
 */

import * as vscode from 'vscode';
import { findProvider } from '../core';
import { commandIds } from './commandIds';
import { addProvider } from './commands/addProvider';
import { askAboutSelection } from './commands/askAboutSelection';
import { clearApiKey } from './commands/clearApiKey';
import { manageProviders } from './commands/manageProviders';
import { selectModel } from './commands/selectModel';
import type { CommandServices } from './commands/services';
import { setApiKey } from './commands/setApiKey';
import { testConnection } from './commands/testConnection';

/** Registers every command; the caller owns the returned disposables. */
export function registerCommands(services: CommandServices): vscode.Disposable[] {
  const register = (id: string, run: (...args: unknown[]) => Promise<void> | void): vscode.Disposable => vscode.commands.registerCommand(id, run);
  return [
    register(commandIds.openChat, () => services.revealChat()),
    register(commandIds.openChatInEditor, () => services.openChatInEditor()),
    register(commandIds.newChat, async () => {
      await services.chat().newChat();
      await services.revealChat();
    }),
    // A provider id narrows the list (the walkthrough's "Use the Demo Model" passes `mock`); the user still picks.
    register(commandIds.selectModel, (provider?: unknown) => selectModel(services, typeof provider === 'string' ? findProvider(provider)?.displayName : undefined)),
    register(commandIds.showHistory, async () => {
      await services.revealChat();
      services.chat().showHistory();
    }),
    register(commandIds.stop, () => services.chat().cancel()),
    // Other code passes the failing provider's key owner; menus and keybindings may pass anything else.
    register(commandIds.setApiKey, (owner?: unknown) => setApiKey(services, typeof owner === 'string' ? owner : undefined)),
    register(commandIds.clearApiKey, () => clearApiKey(services)),
    register(commandIds.askAboutSelection, () => askAboutSelection(services)),
    register(commandIds.showLogs, () => services.log.show()),
    // A setup flow passes the provider it set up; anything else opens the picker.
    register(commandIds.testConnection, (provider?: unknown) => {
      const providerId = typeof provider === 'string' ? findProvider(provider)?.id : undefined;
      return testConnection(services, providerId === undefined ? undefined : { kind: 'provider', providerId });
    }),
    register(commandIds.addProvider, () => addProvider(services)),
    // VS Code's model manager passes its vendor id ('switchboard'); nothing else is taken.
    register(commandIds.manageProviders, () => manageProviders(services)),
  ];
}
