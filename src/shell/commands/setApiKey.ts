/**
 * "Switchboard: Set API Key": a quick pick of the providers that need a key (and the custom
 * endpoints), then a password input box; the key goes to SecretStorage, never to settings or the
 * log. AWS Bedrock, Vertex AI and the LiteLLM gateway have setup steps of their own (sign-in,
 * region or project, URL). The model list refreshes through the key store's change event. When the chat still runs on
 * the first-run model, the new provider's models are offered right away.
 */

import * as vscode from 'vscode';
import { setUpBedrock } from './bedrockSetup';
import { setUpGateway } from './gatewaySetup';
import { keyTargets, type KeyTarget } from './keyTargets';
import { setUpVertex } from './vertexSetup';
import { selectModel } from './selectModel';
import type { CommandServices } from './services';
import type { KeyOwner } from '../secrets';

async function pickTarget(targets: KeyTarget[]): Promise<KeyTarget | undefined> {
  const items = targets.map((target) => ({
    label: target.label,
    description: target.description,
    detail: target.hasKey ? vscode.l10n.t('A key is stored: a new one replaces it.') : undefined,
    target,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Set API Key'),
    placeHolder: vscode.l10n.t('The provider whose key to set'),
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  return picked?.target;
}

/** The providers that need more than a key, and their own setup flows (Add Provider hands over to them too). */
export const setupFlows: Readonly<Record<KeyOwner, (services: CommandServices) => Promise<void>>> = {
  bedrock: setUpBedrock,
  vertex_ai: setUpVertex,
  litellm_proxy: setUpGateway,
};

/** Asks for a key and stores it; `owner` skips the provider pick (an error's "Set API Key"). */
export async function setApiKey(services: CommandServices, owner?: KeyOwner): Promise<void> {
  const targets = keyTargets(services.config(), new Set(await services.keys.owners()), vscode.l10n.t);
  const target = targets.find((candidate) => candidate.owner === owner) ?? (await pickTarget(targets));
  if (target === undefined) {
    return;
  }
  // Cloud providers and the gateway need more than a key: their own setup steps.
  const setUp = setupFlows[target.owner];
  if (setUp !== undefined) {
    await setUp(services);
    return;
  }
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('API Key for {0}', target.label),
    prompt: vscode.l10n.t('Kept in VS Code\'s secret storage (the system keychain), never in settings or logs.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length === 0 ? vscode.l10n.t('Enter a key, or press Escape to cancel.') : undefined),
  });
  if (key === undefined || key.trim().length === 0) {
    return;
  }
  await services.keys.set(target.owner, key);
  services.log.info(`Stored an API key for ${target.label}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the API key for {0}.', target.label));
  if (!services.models.isChosen()) {
    await selectModel(services, target.label);
  }
}
