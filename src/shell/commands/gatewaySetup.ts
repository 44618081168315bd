/**
 * "Set API Key" for a team's LiteLLM gateway: its URL (to the user's settings) and the member's
 * virtual key (to SecretStorage). An empty key is allowed: a gateway without a master key takes
 * calls without one.
 */

import * as vscode from 'vscode';
import { providerKeyOwner } from '../secrets';
import { askText, currentSetting, finishSetup, writeProviderSettings, type SetupFrame } from './setupSteps';
import type { CommandServices } from './services';

const providerId = 'litellm_proxy';
const label = 'LiteLLM proxy';

function urlProblem(value: string): string | undefined {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return vscode.l10n.t('The URL starts with https:// or http://.');
    }
    return url.username !== '' || url.password !== '' ? vscode.l10n.t('Leave the user name and password out of the URL: the key is asked next.') : undefined;
  } catch {
    return vscode.l10n.t('Enter the gateway\'s URL, e.g. https://llm.example.com.');
  }
}

/** Runs the flow; nothing is saved when the user cancels a step. */
export async function setUpGateway(services: CommandServices): Promise<void> {
  const frame: SetupFrame = { title: vscode.l10n.t('Set Up {0}', label), steps: 2 };
  const baseUrl = await askText(frame, {
    step: 1,
    prompt: vscode.l10n.t("The team gateway's URL (the LiteLLM proxy your team runs)."),
    value: currentSetting(services, providerId, 'baseUrl') ?? process.env['LITELLM_PROXY_API_BASE'],
    placeHolder: 'https://llm.example.com',
    validate: urlProblem,
  });
  if (baseUrl === undefined) {
    return;
  }
  const key = await askText(frame, {
    step: 2,
    prompt: vscode.l10n.t('Your virtual key (sk-…), kept in secret storage; leave empty if the gateway takes calls without one.'),
    password: true,
    optional: true,
  });
  if (key === undefined) {
    return;
  }
  const owner = providerKeyOwner(providerId);
  // The URL first: the virtual key is never sent to the previous gateway.
  await writeProviderSettings(providerId, { baseUrl: baseUrl.replace(/\/+$/, '') });
  await (key.length === 0 ? services.keys.clearKey(owner) : services.keys.set(owner, key));
  await finishSetup(services, providerId, label, key.length === 0 ? baseUrl : vscode.l10n.t('{0} with a virtual key in secret storage', baseUrl));
}
