/**
 * The chat's context sources as the extension creates them at activation: the terminal recorder
 * starts listening at once (a command's output is readable only from its start), the rest works
 * when the picker asks. Its view of VS Code also serves the built-in workspace tools.
 */

import * as vscode from 'vscode';
import type { ChatLog, ContextSources, TokenCounting } from '../chat/ports';
import { errorText } from '../errorText';
import type { IDisposable } from '../lifecycle';
import type { WorkspaceToolHost } from '../tools/workspace/workspaceToolHost';
import { VscodeContextHost } from './vscodeContextHost';
import { recordTerminalCommands } from './vscodeTerminals';
import { WorkspaceContextSources } from './workspaceContextSources';

export interface ContextSourcesServices {
  /** The chat's token counter (the same one the gauge uses), so a chip's size matches the gauge. */
  tokens: TokenCounting;
  log: ChatLog;
}

export interface CreatedContextSources extends ContextSources, IDisposable {
  /** The same view of VS Code for the built-in workspace tools (`WorkspaceToolSource`), so both list files alike. */
  readonly workspaceToolHost: WorkspaceToolHost;
}

export function createContextSources(services: ContextSourcesServices): CreatedContextSources {
  const terminals = recordTerminalCommands((error) => services.log.warn(`Reading a terminal command's output failed: ${errorText(error)}`));
  const host = new VscodeContextHost(terminals.recorder);
  const sources = new WorkspaceContextSources({
    host,
    tokens: services.tokens,
    localize: vscode.l10n.t,
    log: services.log,
    warn: (message) => void vscode.window.showWarningMessage(message),
  });
  return {
    add: (kind, request) => sources.add(kind, request),
    workspaceToolHost: host,
    dispose: () => terminals.dispose(),
  };
}
