/**
 * The MCP servers of the user's settings, wired to VS Code: `switchboard.mcpServers` read from the
 * USER's value only (`inspect().globalValue`: a workspace must never start a process or add a
 * server; the setting is also application-scoped), re-read when it changes, secrets from
 * SecretStorage. Nothing starts here: each server starts on its first use.
 */

import * as vscode from 'vscode';
import type { ChatLog } from '../../chat/ports';
import { toDisposable, type IDisposable } from '../../lifecycle';
import { readMcpServers } from './mcpConfig';
import type { McpSecretStore } from './mcpSecrets';
import { McpServerList } from './mcpServers';
import { McpServerSource } from './mcpServerSource';

export interface VscodeMcpServers extends IDisposable {
  readonly list: McpServerList;
}

export function createVscodeMcpServers(options: { log: ChatLog; secrets: McpSecretStore; clientVersion: string }): VscodeMcpServers {
  const { log, secrets, clientVersion } = options;
  const list = new McpServerList(
    (config) => new McpServerSource({ config, log, clientVersion, readSecret: (name) => secrets.get(name) }),
  );
  let lastProblems = '';
  const read = (): void => {
    const value = vscode.workspace.getConfiguration('switchboard').inspect<unknown>('mcpServers')?.globalValue;
    const problems: string[] = [];
    list.update(readMcpServers(value, problems));
    // Said once per change of the setting, not at every read.
    const text = problems.join('\n');
    if (text !== lastProblems) {
      lastProblems = text;
      for (const problem of problems) {
        log.warn(problem);
      }
    }
  };
  read();
  const subscriptions = [
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('switchboard.mcpServers')) {
        read();
      }
    }),
    secrets.onDidChange((name) => list.secretChanged(name)),
  ];
  return {
    list,
    ...toDisposable(() => {
      for (const subscription of subscriptions) {
        subscription.dispose();
      }
      list.dispose();
    }),
  };
}
