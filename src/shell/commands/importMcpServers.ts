/**
 * "Switchboard: Import MCP Servers from VS Code" (`switchboard.importMcpServers`): copies the
 * servers of the user's `mcp.json` and of the legacy `mcp` user setting into
 * `switchboard.mcpServers` (user settings), asking before it replaces a server of the same name,
 * and says which `${secret:…}` values to set. The user data folder is two levels above
 * `globalStorageUri` (`<user data>/User/globalStorage/<extension>`): its `mcp.json` is the default
 * profile's, and each other profile keeps one in `profiles/<id>/`.
 */

import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { isRecord } from '../../core';
import type { ChatLog } from '../chat/ports';
import { convertVsCodeMcpServers, parseJsonc, type McpImportSource } from '../tools/mcp/mcpImport';
import type { McpSecretStore } from '../tools/mcp/mcpSecrets';
import { setMcpSecret } from './mcpSecretCommands';

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Profile ids and names, from VS Code's own storage.json; best effort (ids alone without it). */
async function profileNames(userFolder: vscode.Uri): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const text = await readText(vscode.Uri.joinPath(userFolder, 'globalStorage', 'storage.json'));
  try {
    const profiles = text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>)['userDataProfiles'];
    for (const profile of Array.isArray(profiles) ? profiles : []) {
      if (isRecord(profile) && typeof profile['location'] === 'string' && typeof profile['name'] === 'string') {
        names.set(profile['location'], profile['name']);
      }
    }
  } catch {
    // No names: the ids are shown.
  }
  return names;
}

/** The mcp.json files that exist: the default profile's and each other profile's. */
async function mcpFiles(userFolder: vscode.Uri): Promise<{ label: string; uri: vscode.Uri }[]> {
  const files = [{ label: vscode.l10n.t('Default profile'), uri: vscode.Uri.joinPath(userFolder, 'mcp.json') }];
  const names = await profileNames(userFolder);
  try {
    for (const [id, type] of await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(userFolder, 'profiles'))) {
      if (type === vscode.FileType.Directory) {
        files.push({ label: vscode.l10n.t('Profile {0}', names.get(id) ?? id), uri: vscode.Uri.joinPath(userFolder, 'profiles', id, 'mcp.json') });
      }
    }
  } catch {
    // No profiles folder.
  }
  const existing: { label: string; uri: vscode.Uri }[] = [];
  for (const file of files) {
    if ((await readText(file.uri)) !== undefined) {
      existing.push(file);
    }
  }
  return existing;
}

async function chooseFile(files: { label: string; uri: vscode.Uri }[]): Promise<{ label: string; uri: vscode.Uri } | undefined | 'cancelled'> {
  if (files.length <= 1) {
    return files[0];
  }
  const picked = await vscode.window.showQuickPick(
    files.map((file) => ({ label: file.label, description: file.uri.fsPath, file })),
    { title: vscode.l10n.t('Import MCP Servers from VS Code'), placeHolder: vscode.l10n.t('The profile whose mcp.json to import') },
  );
  return picked === undefined ? 'cancelled' : picked.file;
}

export async function importMcpServers(context: vscode.ExtensionContext, secrets: McpSecretStore, log: ChatLog): Promise<void> {
  const userFolder = vscode.Uri.joinPath(context.globalStorageUri, '..', '..');
  const file = await chooseFile(await mcpFiles(userFolder));
  if (file === 'cancelled') {
    return;
  }
  const sources: McpImportSource[] = [];
  const problems: string[] = [];
  if (file !== undefined) {
    const text = (await readText(file.uri)) ?? '';
    try {
      sources.push({ label: `mcp.json (${file.label})`, value: parseJsonc(text) });
    } catch (error) {
      problems.push(`${file.uri.fsPath} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const legacy = vscode.workspace.getConfiguration().inspect<unknown>('mcp')?.globalValue;
  if (legacy !== undefined) {
    sources.push({ label: vscode.l10n.t('the mcp user setting'), value: legacy });
  }
  const converted = convertVsCodeMcpServers(sources, homedir());
  problems.push(...converted.problems);
  for (const problem of problems) {
    log.warn(`Import MCP servers: ${problem}`);
  }
  const names = Object.keys(converted.servers);
  if (names.length === 0) {
    void vscode.window.showInformationMessage(
      problems.length === 0
        ? vscode.l10n.t('No MCP servers were found in your VS Code mcp.json or mcp setting.')
        : vscode.l10n.t('No MCP servers could be imported; the Switchboard log says why.'),
    );
    return;
  }

  const configuration = vscode.workspace.getConfiguration('switchboard');
  const current = configuration.inspect<unknown>('mcpServers')?.globalValue;
  const existing: Record<string, unknown> = isRecord(current) ? { ...current } : {};
  const clashes = names.filter((name) => name in existing);
  let replace = new Set<string>();
  if (clashes.length > 0) {
    const picked = await vscode.window.showQuickPick(
      clashes.map((name) => ({ label: name, picked: false })),
      {
        title: vscode.l10n.t('Import MCP Servers from VS Code'),
        placeHolder: vscode.l10n.t('These servers exist in Switchboard already: tick the ones to replace'),
        canPickMany: true,
      },
    );
    if (picked === undefined) {
      return;
    }
    replace = new Set(picked.map((item) => item.label));
  }
  const imported = names.filter((name) => !(name in existing) || replace.has(name));
  for (const name of imported) {
    existing[name] = converted.servers[name];
  }
  if (imported.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No MCP servers were imported: each exists in Switchboard already.'));
    return;
  }
  await configuration.update('mcpServers', existing, vscode.ConfigurationTarget.Global);
  log.info(`Imported MCP servers: ${imported.join(', ')}.`);

  const stored = new Set(await secrets.names());
  const missing = converted.secrets.filter((name) => !stored.has(name));
  const summary = vscode.l10n.t('Imported {0} MCP server(s): {1}.', imported.length, imported.join(', '));
  if (missing.length === 0) {
    void vscode.window.showInformationMessage(problems.length === 0 ? summary : `${summary} ${vscode.l10n.t('Some entries were left out; the Switchboard log says why.')}`);
    return;
  }
  const setNow = vscode.l10n.t('Set Secrets');
  const answer = await vscode.window.showInformationMessage(
    `${summary} ${vscode.l10n.t('They need these secrets (VS Code asked for them as inputs): {0}.', missing.join(', '))}`,
    setNow,
  );
  if (answer === setNow) {
    for (const name of missing) {
      await setMcpSecret(secrets, log, name);
    }
  }
}
