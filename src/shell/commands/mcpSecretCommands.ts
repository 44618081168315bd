/**
 * "Switchboard: Set MCP Server Secret" (`switchboard.setMcpSecret`) and "Clear MCP Server Secret"
 * (`switchboard.clearMcpSecret`): the values an MCP server's settings name as `${secret:NAME}`,
 * kept in SecretStorage, never in settings or the log. A server using a changed secret restarts
 * on its next use (McpServerList listens to the store).
 */

import * as vscode from 'vscode';
import type { ChatLog } from '../chat/ports';
import { mcpSecretNamePattern, type McpSecretStore } from '../tools/mcp/mcpSecrets';

/** Asks for a name (unless given, as an import or a problem knows it) and a value, and stores it. */
export async function setMcpSecret(secrets: McpSecretStore, log: ChatLog, givenName?: string): Promise<void> {
  const stored = new Set(await secrets.names());
  const name =
    givenName ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Set MCP Server Secret'),
      prompt: vscode.l10n.t('The NAME your MCP server settings write as ${secret:NAME}.'),
      placeHolder: 'GITHUB_TOKEN',
      ignoreFocusOut: true,
      validateInput: (value) =>
        mcpSecretNamePattern.test(value.trim()) ? undefined : vscode.l10n.t('Letters, digits, _ . and - only.'),
    }))?.trim();
  if (name === undefined || !mcpSecretNamePattern.test(name)) {
    return;
  }
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('MCP Server Secret {0}', name),
    prompt: stored.has(name)
      ? vscode.l10n.t('A value is stored: a new one replaces it. Kept in VS Code\'s secret storage, never in settings or logs.')
      : vscode.l10n.t('Kept in VS Code\'s secret storage (the system keychain), never in settings or logs.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (text.length === 0 ? vscode.l10n.t('Enter a value, or press Escape to cancel.') : undefined),
  });
  if (value === undefined || value.length === 0) {
    return;
  }
  await secrets.set(name, value);
  log.info(`Stored the MCP server secret ${name}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the MCP server secret {0}. Servers using it restart on their next use.', name));
}

/** A quick pick of the stored names; the chosen secret is deleted. */
export async function clearMcpSecret(secrets: McpSecretStore, log: ChatLog): Promise<void> {
  const names = await secrets.names();
  if (names.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No MCP server secrets are stored.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(names, {
    title: vscode.l10n.t('Clear MCP Server Secret'),
    placeHolder: vscode.l10n.t('The secret to delete'),
  });
  if (picked === undefined) {
    return;
  }
  await secrets.clear(picked);
  log.info(`Deleted the MCP server secret ${picked}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the MCP server secret {0}.', picked));
}
