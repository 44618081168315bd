/**
 * The pieces every provider's setup in "Set API Key" is made of: a titled step ("2/4") that asks
 * for a value with validation, a password step, a choice, writing the provider's user settings,
 * and the end — a message naming what was saved, with Test Connection and Select Model.
 */

import * as vscode from 'vscode';
import { commandIds } from '../commandIds';
import { configurationSection, settingNames } from '../config';
import { patchedProviders, type ProviderPatch } from '../providerSettingsPatch';
import { selectModel } from './selectModel';
import type { CommandServices } from './services';

/** One flow's frame: its title and how many steps it has, so each step says "2/4". */
export interface SetupFrame {
  title: string;
  steps: number;
}

export interface TextStep {
  step: number;
  prompt: string;
  value?: string;
  placeHolder?: string;
  password?: boolean;
  /** Undefined when the value may be left empty. */
  validate?: (value: string) => string | undefined;
  /** Accept an empty answer (an optional value). */
  optional?: boolean;
}

/** The trimmed answer ('' for a skipped optional one), or undefined when the user pressed Escape. */
export async function askText(frame: SetupFrame, step: TextStep): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: `${frame.title} (${step.step}/${frame.steps})`,
    prompt: step.prompt,
    value: step.value,
    placeHolder: step.placeHolder,
    password: step.password === true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      const trimmed = value.trim();
      if (trimmed.length === 0) {
        return step.optional === true ? undefined : vscode.l10n.t('Enter a value, or press Escape to cancel.');
      }
      return step.validate?.(trimmed);
    },
  });
  return answer?.trim();
}

export interface Choice<T> {
  label: string;
  detail: string;
  value: T;
}

export async function askChoice<T>(frame: SetupFrame, step: number, placeHolder: string, choices: readonly Choice<T>[]): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ label: choice.label, detail: choice.detail, choice })),
    { title: `${frame.title} (${step}/${frame.steps})`, placeHolder, ignoreFocusOut: true },
  );
  return picked?.choice.value;
}

/** The provider's current user setting `field`, for a step's default value. */
export function currentSetting(services: CommandServices, providerId: string, field: 'region' | 'profile' | 'project' | 'location' | 'baseUrl'): string | undefined {
  return services.config().providers[providerId]?.[field];
}

/** Changes the provider's entry in the user's `switchboard.providers` (never a workspace's). */
export async function writeProviderSettings(providerId: string, patch: ProviderPatch): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(configurationSection);
  const current = configuration.inspect(settingNames.providers)?.globalValue;
  await configuration.update(settingNames.providers, patchedProviders(current, providerId, patch), vscode.ConfigurationTarget.Global);
}

/** Says what was saved; offers the connection test, and the provider's models when the chat has none chosen. */
export async function finishSetup(services: CommandServices, providerId: string, label: string, saved: string): Promise<void> {
  services.log.info(`Set up ${label}: ${saved}.`);
  if (!services.models.isChosen()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}: {1}.', label, saved));
    await selectModel(services, label);
    return;
  }
  const test = vscode.l10n.t('Test Connection');
  const pick = vscode.l10n.t('Select Model');
  const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Saved {0}: {1}.', label, saved), test, pick);
  if (answer === test) {
    await vscode.commands.executeCommand(commandIds.testConnection, providerId);
  } else if (answer === pick) {
    await selectModel(services, label);
  }
}
