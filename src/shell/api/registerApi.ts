/**
 * Wires the public API into the extension: the consent store and usage ledger on global state,
 * the gate on the shell's client, the `switchboard.completion` / `switchboard.embedding` commands
 * for `executeCommand` callers, and "Switchboard: Manage Extension Access". Returns what
 * `activate()` hands other extensions.
 */

import * as vscode from 'vscode';
import type { ListedModel } from '../../core';
import { commandIds } from '../commandIds';
import type { ConfiguredClient } from '../configuredClient';
import { configurationSection, readApiEnabled, type SwitchboardConfig } from '../config';
import { DisposableStore, type IDisposable } from '../lifecycle';
import type { KeyStore } from '../secrets';
import { askForAccess } from './accessPrompt';
import { listedForApi } from './apiRoute';
import { SwitchboardApiService } from './apiService';
import type { SwitchboardExports } from '../../../api';
import { ConsentStore } from './consent';
import { endpointKeys, keyHolder } from './keyHolder';
import { manageExtensionAccess } from './manageAccess';
import { ModelListEvents, type ModelListSource } from './modelListEvents';
import { UsageLedger } from './usageLedger';
import type { UsageRecording } from '../usage/usageHistory';

export interface ApiWiring {
  context: vscode.ExtensionContext;
  client: ConfiguredClient;
  /** The chat's model service: its configured groups are what the API lists. */
  models: ModelListSource & { configuredGroups(): Promise<readonly { models: readonly ListedModel[] }[]> };
  keys: KeyStore;
  config: () => SwitchboardConfig;
  log: vscode.LogOutputChannel;
  /** The team gateway's line on the member's key, for Manage Extension Access. */
  gatewayKeyNote: () => Promise<string | undefined>;
  /** Where each call is also counted by day and model (Show Usage). */
  history: UsageRecording;
  /** Makes the chat model's request ready soon (`RequestPreparer.soon`): an extension that obtains the API is about to call it. */
  prepareRequest: () => void;
}

export interface RegisteredApi extends IDisposable {
  readonly exports: SwitchboardExports;
}

export function registerApi(wiring: ApiWiring): RegisteredApi {
  const { context, client, models, keys, config, log, gatewayKeyNote, prepareRequest, history } = wiring;
  const store = new DisposableStore();
  const consent = store.add(new ConsentStore(context.globalState, askForAccess));
  const ledger = store.add(new UsageLedger(context.globalState, { history }));
  const modelEvents = store.add(new ModelListEvents(models, listedForApi));
  const enabled = (): boolean => readApiEnabled(vscode.workspace.getConfiguration(configurationSection));

  const service = new SwitchboardApiService({
    enabled,
    config,
    consent,
    ledger,
    client,
    holdsKey: keyHolder(keys, process.env, config),
    endpointKey: endpointKeys(keys),
    listModels: async () => (await models.configuredGroups()).flatMap((group) => group.models),
    onDidChangeModels: modelEvents.onDidChange,
    isInstalled: (extensionId) => vscode.extensions.getExtension(extensionId) !== undefined,
    log,
  });
  store.add(consent.onDidChange(() => log.info('Extension access changed.')));

  store.add(vscode.commands.registerCommand(commandIds.completion, (params: unknown, options: unknown) => service.completionCommand(params, options)));
  store.add(vscode.commands.registerCommand(commandIds.embedding, (params: unknown, options: unknown) => service.embeddingCommand(params, options)));
  store.add(vscode.commands.registerCommand(commandIds.manageExtensionAccess, () => manageExtensionAccess({ consent, ledger, enabled, log, gatewayKeyNote })));

  let obtained = false;
  return {
    exports: {
      getApi: (version, options) => {
        const api = service.getApi(version, options);
        if (!obtained) {
          obtained = true;
          prepareRequest();
        }
        return api;
      },
    },
    dispose: () => store.dispose(),
  };
}
