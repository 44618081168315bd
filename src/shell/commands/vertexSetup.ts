/**
 * "Set API Key" for Vertex AI: how to sign in (a service-account key file, application default
 * credentials, or an express-mode API key), then the project and location. The key file is read
 * once, checked, and kept in SecretStorage (the file itself may be deleted afterwards); the
 * project and location go to the user's settings. Choosing one way forgets the others' secrets.
 */

import * as vscode from 'vscode';
import { cloudSettingProblem, summarizeGoogleCredentials, type GoogleCredentialsSummary } from '../cloudSettings';
import { errorText } from '../errorText';
import { providerKeyOwner } from '../secrets';
import { askChoice, askText, currentSetting, finishSetup, writeProviderSettings, type SetupFrame } from './setupSteps';
import type { CommandServices } from './services';

type SignIn = 'keyFile' | 'adc' | 'apiKey';

const providerId = 'vertex_ai';
const label = 'Vertex AI';

/** The largest credentials file read: real ones are a few KB. */
const maxKeyFileBytes = 64 * 1024;

function signInChoices(): { label: string; detail: string; value: SignIn }[] {
  return [
    { label: `$(key) ${vscode.l10n.t('Service-account key file')}`, detail: vscode.l10n.t('A JSON key file (or another Google credentials file), kept in secret storage.'), value: 'keyFile' },
    { label: `$(cloud) ${vscode.l10n.t('Application default credentials')}`, detail: vscode.l10n.t('gcloud auth application-default login, GOOGLE_APPLICATION_CREDENTIALS or the metadata server. Nothing secret is stored.'), value: 'adc' },
    { label: `$(shield) ${vscode.l10n.t('API key (express mode)')}`, detail: vscode.l10n.t("A Vertex AI API key, for Google's models; kept in secret storage."), value: 'apiKey' },
  ];
}

/** The picked file's text and what it is, or undefined when cancelled (a bad file is said and asked again). */
async function pickKeyFile(): Promise<{ text: string; summary: GoogleCredentialsSummary } | undefined> {
  for (;;) {
    const [uri] =
      (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Service-account key file'), canSelectMany: false, openLabel: vscode.l10n.t('Use This Key File'), filters: { JSON: ['json'] } })) ?? [];
    if (uri === undefined) {
      return undefined;
    }
    let problem: string;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const summary = bytes.byteLength > maxKeyFileBytes ? vscode.l10n.t('The file is too large to be a credentials file.') : summarizeGoogleCredentials(new TextDecoder().decode(bytes), vscode.l10n.t);
      if (typeof summary !== 'string') {
        return { text: new TextDecoder().decode(bytes), summary };
      }
      problem = summary;
    } catch (error) {
      problem = errorText(error);
    }
    const again = vscode.l10n.t('Choose Another File');
    if ((await vscode.window.showWarningMessage(problem, { modal: true }, again)) !== again) {
      return undefined;
    }
  }
}

/** Runs the flow; nothing is saved when the user cancels a step. */
export async function setUpVertex(services: CommandServices): Promise<void> {
  const owner = providerKeyOwner(providerId);
  const frame: SetupFrame = { title: vscode.l10n.t('Set Up {0}', label), steps: 3 };
  const signIn = await askChoice(frame, 1, vscode.l10n.t('How Switchboard signs in to Google Cloud'), signInChoices());
  if (signIn === undefined) {
    return;
  }
  let keyFile: { text: string; summary: GoogleCredentialsSummary } | undefined;
  let apiKey: string | undefined;
  if (signIn === 'keyFile') {
    keyFile = await pickKeyFile();
    if (keyFile === undefined) {
      return;
    }
  } else if (signIn === 'apiKey') {
    apiKey = await askText(frame, { step: 2, prompt: vscode.l10n.t('Vertex AI API key (kept in secret storage).'), password: true });
    if (apiKey === undefined) {
      return;
    }
  }
  const project =
    signIn === 'apiKey'
      ? undefined
      : await askText(frame, {
          step: 2,
          prompt: vscode.l10n.t("The Google Cloud project to bill; leave empty to use the credentials' own."),
          value: currentSetting(services, providerId, 'project') ?? keyFile?.summary.project ?? process.env['GOOGLE_CLOUD_PROJECT'],
          optional: true,
          validate: (value) => (cloudSettingProblem('project', value) === undefined ? undefined : vscode.l10n.t('A project id is lower-case letters, digits and dashes.')),
        });
  if (signIn !== 'apiKey' && project === undefined) {
    return;
  }
  const location = await askText(frame, {
    step: 3,
    prompt: vscode.l10n.t('The location: a region such as us-central1 or europe-west4, or global.'),
    value: currentSetting(services, providerId, 'location') ?? 'us-central1',
    validate: (value) => (cloudSettingProblem('location', value) === undefined ? undefined : vscode.l10n.t('A location looks like us-central1, europe-west4 or global.')),
  });
  if (location === undefined) {
    return;
  }
  // The settings first, as for Bedrock: credentials never meet the previous project.
  await writeProviderSettings(providerId, { project: project === '' ? undefined : project, location });
  await (keyFile === undefined ? services.keys.clearCloudCredentials(owner) : services.keys.setCloudCredentials(owner, keyFile.text));
  await (apiKey === undefined ? services.keys.clearKey(owner) : services.keys.set(owner, apiKey));
  const where = project === undefined || project === '' ? location : `${project}, ${location}`;
  const saved = {
    keyFile: vscode.l10n.t('the key file of {0} in secret storage ({1})', keyFile?.summary.account ?? keyFile?.summary.type ?? '', where),
    adc: vscode.l10n.t('application default credentials ({0})', where),
    apiKey: vscode.l10n.t('an API key in secret storage ({0})', where),
  }[signIn];
  await finishSetup(services, providerId, label, saved);
}
