/**
 * "Switchboard: Select Model": the model options grouped by provider, with context window and
 * prices, the current one marked (the team gateway's models say what the member's key has spent);
 * the last rows let the user type any `provider/model` or add a provider.
 */

import * as vscode from 'vscode';
import { findProvider } from '../../core';
import { commandIds } from '../commandIds';
import { modelPicks } from './modelPicks';
import type { CommandServices } from './services';

/** The gateway's group label, as the model list names the provider. */
const gatewayLabel = findProvider('litellm_proxy')?.displayName ?? 'LiteLLM proxy';

interface ModelItem extends vscode.QuickPickItem {
  model?: string;
  typeIn?: true;
  addProvider?: true;
}

async function modelItems(services: CommandServices, onlyProvider: string | undefined): Promise<ModelItem[]> {
  // The list is made lazily: the first picker waits for it (the quick pick shows progress).
  const [, gatewayNote] = await Promise.all([services.models.whenListed(), services.gatewayKeyNote()]);
  const notes = gatewayNote === undefined ? {} : { [gatewayLabel]: gatewayNote };
  const items: ModelItem[] = modelPicks(services.models.options(), services.models.current(), vscode.l10n.t, onlyProvider, notes).map((pick) =>
    pick.kind === 'separator'
      ? { label: pick.label, kind: vscode.QuickPickItemKind.Separator }
      : { label: pick.id === services.models.current() ? `$(check) ${pick.label}` : pick.label, description: pick.description, detail: pick.detail, model: pick.id },
  );
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: `$(edit) ${vscode.l10n.t('Enter a model id…')}`, description: 'provider/model', typeIn: true });
  // Last, for the whole list only: a list narrowed to one provider is shown by a setup that just added it.
  if (onlyProvider === undefined) {
    items.push({ label: `$(add) ${vscode.l10n.t('Add Provider…')}`, description: vscode.l10n.t('a key, a local server or an endpoint of your own'), addProvider: true });
  }
  return items;
}

async function typeModel(current: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Model'),
    prompt: vscode.l10n.t('A model as provider/model, e.g. openai/gpt-4o-mini, ollama/llama3.2 or a custom endpoint\'s name/model.'),
    value: current,
    ignoreFocusOut: true,
    validateInput: (value) => (/^[A-Za-z0-9][A-Za-z0-9_.-]*\/\S+$/.test(value.trim()) ? undefined : vscode.l10n.t('Write it as provider/model.')),
  });
}

/** Lets the user choose the chat's model; `onlyProvider` (a provider's label) narrows the list. */
export async function selectModel(services: CommandServices, onlyProvider?: string): Promise<void> {
  const picked = await vscode.window.showQuickPick(modelItems(services, onlyProvider), {
    title: vscode.l10n.t('Select Model'),
    placeHolder: vscode.l10n.t('The model the chat uses (now {0})', services.models.current()),
    matchOnDescription: true,
  });
  if (picked?.addProvider === true) {
    await vscode.commands.executeCommand(commandIds.addProvider);
    return;
  }
  const model = picked?.typeIn === true ? await typeModel(services.models.current()) : picked?.model;
  if (model !== undefined && model.trim().length > 0) {
    await services.models.select(model.trim());
  }
}
