/**
 * "Set API Key" for AWS Bedrock: how to sign in (access keys, a Bedrock API key, a profile of the
 * AWS files, or AWS's default chain), then the region, then what that way needs. Keys go to
 * SecretStorage; the region and profile to the user's settings. Choosing one way forgets the
 * others' stored secrets and profile, so what signs the next request is the one just chosen.
 */

import * as vscode from 'vscode';
import { awsKeysText, cloudSettingProblem } from '../cloudSettings';
import { providerKeyOwner } from '../secrets';
import { askChoice, askText, currentSetting, finishSetup, writeProviderSettings, type SetupFrame } from './setupSteps';
import type { CommandServices } from './services';

type SignIn = 'keys' | 'apiKey' | 'profile' | 'chain';

const providerId = 'bedrock';
const label = 'AWS Bedrock';

/** An access key id: AKIA… (long-term) or ASIA… (temporary), upper-case letters and digits. */
const accessKeyIdPattern = /^[A-Z0-9]{16,128}$/;

function signInChoices(): { label: string; detail: string; value: SignIn }[] {
  return [
    { label: `$(key) ${vscode.l10n.t('Access keys')}`, detail: vscode.l10n.t('An access key id and secret (and a session token for temporary keys), kept in secret storage.'), value: 'keys' },
    { label: `$(shield) ${vscode.l10n.t('Bedrock API key')}`, detail: vscode.l10n.t('A bearer token made in the Bedrock console (what AWS_BEARER_TOKEN_BEDROCK holds), kept in secret storage.'), value: 'apiKey' },
    { label: `$(account) ${vscode.l10n.t('AWS profile')}`, detail: vscode.l10n.t('A profile of ~/.aws/config and ~/.aws/credentials (SSO included). Nothing secret is stored.'), value: 'profile' },
    { label: `$(cloud) ${vscode.l10n.t("AWS's default chain")}`, detail: vscode.l10n.t('Environment variables, AWS_PROFILE, SSO, a container or instance role — as the AWS CLI finds them.'), value: 'chain' },
  ];
}

async function askRegion(services: CommandServices, frame: SetupFrame): Promise<string | undefined> {
  return askText(frame, {
    step: 2,
    prompt: vscode.l10n.t('The AWS region whose Bedrock to use (cross-region profiles such as us.anthropic.… route from there).'),
    value: currentSetting(services, providerId, 'region') ?? process.env['AWS_REGION'] ?? process.env['AWS_DEFAULT_REGION'] ?? 'us-east-1',
    validate: (value) => (cloudSettingProblem('region', value) === undefined ? undefined : vscode.l10n.t('A region looks like us-east-1 or eu-central-1.')),
  });
}

async function askKeys(frame: SetupFrame): Promise<string | undefined> {
  const accessKeyId = await askText(frame, {
    step: 3,
    prompt: vscode.l10n.t('Access key id (AKIA… or ASIA…).'),
    validate: (value) => (accessKeyIdPattern.test(value) ? undefined : vscode.l10n.t('An access key id is 16 or more capital letters and digits.')),
  });
  if (accessKeyId === undefined) {
    return undefined;
  }
  const secretAccessKey = await askText(frame, { step: 4, prompt: vscode.l10n.t('Secret access key (kept in secret storage).'), password: true });
  if (secretAccessKey === undefined) {
    return undefined;
  }
  const sessionToken = await askText(frame, { step: 5, prompt: vscode.l10n.t('Session token, for temporary keys (ASIA…); leave empty for long-term keys.'), password: true, optional: true });
  if (sessionToken === undefined) {
    return undefined;
  }
  return awsKeysText(sessionToken.length === 0 ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken });
}

/** Runs the flow; nothing is saved when the user cancels a step. */
export async function setUpBedrock(services: CommandServices): Promise<void> {
  const owner = providerKeyOwner(providerId);
  const first: SetupFrame = { title: vscode.l10n.t('Set Up {0}', label), steps: 3 };
  const signIn = await askChoice(first, 1, vscode.l10n.t('How Switchboard signs in to AWS'), signInChoices());
  if (signIn === undefined) {
    return;
  }
  const frame: SetupFrame = { ...first, steps: signIn === 'keys' ? 5 : signIn === 'chain' ? 2 : 3 };
  const region = await askRegion(services, frame);
  if (region === undefined) {
    return;
  }
  let profile: string | undefined;
  let keysText: string | undefined;
  let apiKey: string | undefined;
  if (signIn === 'keys') {
    keysText = await askKeys(frame);
    if (keysText === undefined) {
      return;
    }
  } else if (signIn === 'apiKey') {
    apiKey = await askText(frame, { step: 3, prompt: vscode.l10n.t('Bedrock API key (kept in secret storage).'), password: true });
    if (apiKey === undefined) {
      return;
    }
  } else if (signIn === 'profile') {
    profile = await askText(frame, {
      step: 3,
      prompt: vscode.l10n.t('The profile name, as in ~/.aws/config.'),
      value: currentSetting(services, providerId, 'profile') ?? process.env['AWS_PROFILE'] ?? 'default',
      validate: (value) => (cloudSettingProblem('profile', value) === undefined ? undefined : vscode.l10n.t('A profile name has no spaces.')),
    });
    if (profile === undefined) {
      return;
    }
  }
  // The settings first: a model list made in between signs with the new region (or finds no
  // credentials and sends nothing), never with the new keys for the old region.
  await writeProviderSettings(providerId, { region, profile });
  // One way at a time: what is not chosen is forgotten.
  await (keysText === undefined ? services.keys.clearCloudCredentials(owner) : services.keys.setCloudCredentials(owner, keysText));
  await (apiKey === undefined ? services.keys.clearKey(owner) : services.keys.set(owner, apiKey));
  const saved = {
    keys: vscode.l10n.t('access keys in secret storage, region {0}', region),
    apiKey: vscode.l10n.t('a Bedrock API key in secret storage, region {0}', region),
    profile: vscode.l10n.t("the AWS profile '{0}', region {1}", profile ?? '', region),
    chain: vscode.l10n.t("AWS's default chain, region {0}", region),
  }[signIn];
  await finishSetup(services, providerId, label, saved);
}
