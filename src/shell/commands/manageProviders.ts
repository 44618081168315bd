/**
 * "Switchboard: Manage Providers": what is configured — providers in the user's settings or with a
 * stored key, custom endpoints — each with what is set and whether a key is stored (never the key);
 * for each: Edit (Add Provider's steps, pre-filled), Replace Key, Clear Key, Test Connection, Remove
 * (the settings the setup flows write and the key, after a confirmation). With nothing configured
 * it is Add Provider. VS Code's language model manager leads here (`managementCommand`).
 */

import * as vscode from 'vscode';
import type { CustomEndpoint } from '../config';
import { findEndpoint, type ModelServer } from '../modelAddress';
import { endpointKeyOwner, providerKeyOwner, type KeyOwner } from '../secrets';
import { addProvider, editProvider } from './addProvider';
import { configuredProviders, type ConfiguredEntry } from './providerInventory';
import { applyRemoval, userValues } from './providerSetupSave';
import { endpointRemoval, providerRemoval, type SetupSubject } from './providerSetupWrites';
import type { CommandServices } from './services';
import { setApiKey } from './setApiKey';
import { testConnection } from './testConnection';

type EntryAction = 'edit' | 'replaceKey' | 'clearKey' | 'test' | 'remove';

function ownerOf(subject: SetupSubject): KeyOwner {
  return subject.kind === 'endpoint' ? endpointKeyOwner(subject.name) : providerKeyOwner(subject.providerId);
}

async function pickEntry(entries: readonly ConfiguredEntry[]): Promise<ConfiguredEntry | 'add' | undefined> {
  const items: (vscode.QuickPickItem & { entry: ConfiguredEntry | 'add' })[] = [
    { label: `$(add) ${vscode.l10n.t('Add Provider…')}`, entry: 'add' },
    ...entries.map((entry) => ({ label: entry.label, description: entry.description, detail: entry.detail, entry })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Manage Providers'),
    placeHolder: vscode.l10n.t('A provider or endpoint to edit, test or remove'),
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return picked?.entry;
}

async function pickAction(entry: ConfiguredEntry): Promise<EntryAction | undefined> {
  const items: (vscode.QuickPickItem & { action: EntryAction })[] = [
    { label: `$(edit) ${vscode.l10n.t('Edit…')}`, detail: vscode.l10n.t('The setup steps again, with the current settings filled in'), action: 'edit' },
    { label: `$(key) ${entry.hasKey ? vscode.l10n.t('Replace Key…') : vscode.l10n.t('Set Key…')}`, detail: vscode.l10n.t('Kept in secret storage, never in settings'), action: 'replaceKey' },
    ...(entry.hasKey ? [{ label: `$(close) ${vscode.l10n.t('Clear Key')}`, detail: vscode.l10n.t('Delete the stored key'), action: 'clearKey' as const }] : []),
    { label: `$(pulse) ${vscode.l10n.t('Test Connection')}`, detail: vscode.l10n.t('Settings, proxy, DNS, TCP, TLS, HTTP and key, step by step'), action: 'test' },
    { label: `$(trash) ${vscode.l10n.t('Remove…')}`, detail: vscode.l10n.t('Remove its settings and stored key, after asking'), action: 'remove' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Manage {0}', entry.label), placeHolder: entry.detail, ignoreFocusOut: true });
  return picked?.action;
}

function testTarget(services: CommandServices, subject: SetupSubject): ModelServer<CustomEndpoint> | undefined {
  if (subject.kind === 'provider') {
    return { kind: 'provider', providerId: subject.providerId };
  }
  const endpoint = findEndpoint(services.config().customEndpoints, subject.name);
  return endpoint === undefined ? undefined : { kind: 'endpoint', endpoint };
}

async function clearKey(services: CommandServices, entry: ConfiguredEntry): Promise<void> {
  const confirm = vscode.l10n.t('Delete Key');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Delete the stored key for {0}?', entry.label), { modal: true }, confirm);
  if (answer !== confirm) {
    return;
  }
  await services.keys.clear(ownerOf(entry.subject));
  services.log.info(`Manage Providers: deleted the key for ${entry.label}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the API key for {0}.', entry.label));
}

async function remove(services: CommandServices, entry: ConfiguredEntry): Promise<void> {
  const user = userValues();
  const removal = entry.subject.kind === 'endpoint' ? endpointRemoval(user, entry.subject.name) : providerRemoval(user, entry.subject.providerId);
  const detail = [
    entry.detail,
    removal.kept.length === 0 ? undefined : vscode.l10n.t('Kept, as you wrote them by hand: {0}.', removal.kept.join(', ')),
  ].filter((line): line is string => line !== undefined);
  const confirm = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Remove {0}: its settings and its stored key?', entry.label), { modal: true, detail: detail.join('\n') }, confirm);
  if (answer !== confirm) {
    return;
  }
  await applyRemoval(services, removal);
  services.log.info(`Manage Providers: removed ${entry.label}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Removed {0}.', entry.label));
}

/** "Switchboard: Manage Providers". */
export async function manageProviders(services: CommandServices): Promise<void> {
  const entries = configuredProviders(services.config(), new Set(await services.keys.owners()), vscode.l10n.t);
  if (entries.length === 0) {
    await addProvider(services);
    return;
  }
  const entry = await pickEntry(entries);
  if (entry === 'add') {
    await addProvider(services);
    return;
  }
  if (entry === undefined) {
    return;
  }
  const action = await pickAction(entry);
  if (action === 'edit') {
    await editProvider(services, entry.subject);
  } else if (action === 'replaceKey') {
    await setApiKey(services, ownerOf(entry.subject));
  } else if (action === 'clearKey') {
    await clearKey(services, entry);
  } else if (action === 'test') {
    await testConnection(services, testTarget(services, entry.subject));
  } else if (action === 'remove') {
    await remove(services, entry);
  }
}
