/**
 * "Switchboard: Clear API Key": a quick pick of the providers and endpoints that have a stored
 * key; the chosen one is deleted from SecretStorage.
 */

import * as vscode from 'vscode';
import { keyOwnerLabel } from './keyTargets';
import type { CommandServices } from './services';

export async function clearApiKey(services: CommandServices): Promise<void> {
  const config = services.config();
  const owners = await services.keys.owners();
  if (owners.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No API keys are stored.'));
    return;
  }
  const picked = await vscode.window.showQuickPick(
    owners.map((owner) => ({ label: keyOwnerLabel(config, owner), description: owner, owner })),
    { title: vscode.l10n.t('Clear API Key'), placeHolder: vscode.l10n.t('The provider whose stored key to delete') },
  );
  if (picked === undefined) {
    return;
  }
  await services.keys.clear(picked.owner);
  services.log.info(`Deleted the API key for ${picked.label}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Deleted the API key for {0}.', picked.label));
}
