/**
 * VS Code's language-model API, both ways, as `activate()` wires it:
 * - `vscodeLmProviderDefinition`: VS Code's models as the `vscode-lm` provider of Switchboard's
 *   client (the chat may use them; the public API refuses them);
 * - `registerLanguageModels`: Switchboard's models as VS Code's `switchboard` vendor, and the chat's
 *   list of VS Code's models kept current.
 * Nothing here does work at activation: models are listed, and the tokenizer loaded, when asked.
 */

import * as vscode from 'vscode';
import type { ProviderDefinition } from '../../core';
import type { Localize } from '../chat/localize';
import { configurationSection, settingNames } from '../config';
import { SwitchboardChatProvider, type ChatProviderDeps } from './chatProvider';
import type { LmLog } from './lmParts';
import { switchboardVendor } from './modelIds';
import { vscodeLmHost } from './vscodeLmHost';
import { createVscodeLmProvider } from './vscodeLmProvider';

/** The `vscode-lm` provider over `vscode.lm`, for the extension's client (`ConfiguredClient`'s `providers`). */
export function vscodeLmProviderDefinition(log: LmLog, localize: Localize): ProviderDefinition {
  return createVscodeLmProvider({ host: vscodeLmHost(log), log, justification: localize("Switchboard's chat sends your message to this model.") });
}

export interface LanguageModelsDeps extends ChatProviderDeps {
  models: ChatProviderDeps['models'] & { ownProvidersChanged(): void };
}

/** Registers the `switchboard` vendor and follows VS Code's model changes; the disposables to push. */
export function registerLanguageModels(deps: LanguageModelsDeps): vscode.Disposable[] {
  const provider = new SwitchboardChatProvider(deps);
  return [
    provider,
    // The switch is registered-with, not registered-or-not: VS Code keeps asking, and gets nothing while it is off.
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(`${configurationSection}.${settingNames.languageModelsEnabled}`)) {
        provider.enabledChanged();
      }
    }),
    vscode.lm.registerLanguageModelChatProvider(switchboardVendor, provider),
    // Another extension's models came or went (ours too: the list then stays the same, so this settles).
    vscode.lm.onDidChangeChatModels(() => deps.models.ownProvidersChanged()),
  ];
}
