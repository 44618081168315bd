/**
 * A small extension that uses Switchboard the way another extension would, for the end-to-end
 * test: each command runs its calls and writes what each returned or threw to
 * `<switchboardConsumer.resultsFolder>/<command>.json`, which the test reads.
 */

import { join } from 'node:path';
import * as vscode from 'vscode';
import type { SwitchboardApiV1, SwitchboardExports } from '../../../../api';
import { exerciseApi, exerciseOneCall, exerciseRefusedApi } from './apiCalls';
import { registerEchoModel } from './echoModel';
import { applySettings, exerciseKeyCalls } from './keyCalls';
import { exerciseLanguageModels, languageModelsUnavailable } from './languageModelCalls';
import { consumerCommands, otherExtensionId, resultsFileName, resultsFolderSetting, type ConsumerCommand } from './plan';
import { StepRecorder } from './recorder';

const switchboardId = 'switchboard.switchboard';

/** Switchboard's exports, as a consumer gets them: find the extension, activate it. */
async function switchboardExports(): Promise<SwitchboardExports> {
  const extension = vscode.extensions.getExtension<SwitchboardExports>(switchboardId);
  if (extension === undefined) {
    throw new Error(`${switchboardId} is not installed`);
  }
  return extension.activate();
}

/** Runs one command's steps with a recorder writing to the results folder the test set. */
async function runRecorded(command: ConsumerCommand, callerId: string, steps: (record: StepRecorder) => Promise<void>): Promise<void> {
  const folder = vscode.workspace.getConfiguration(resultsFolderSetting.section).get<string>(resultsFolderSetting.key, '');
  if (folder === '') {
    await vscode.window.showErrorMessage(`Set ${resultsFolderSetting.section}.${resultsFolderSetting.key} to a folder for the results.`);
    return;
  }
  const record = new StepRecorder(command, callerId, join(folder, resultsFileName(command)));
  await steps(record);
  record.finish();
}

/** Gets the API as `callerId`, recording a failure to get it as the step `getApi`. */
async function withApi(record: StepRecorder, callerId: string, use: (exports: SwitchboardExports, api: SwitchboardApiV1) => Promise<void>): Promise<void> {
  let got: { exports: SwitchboardExports; api: SwitchboardApiV1 } | undefined;
  await record.step('getApi', async () => {
    const exports = await switchboardExports();
    const api = exports.getApi(1, { extensionId: callerId });
    got = { exports, api };
    return { version: api.version };
  });
  if (got !== undefined) {
    await use(got.exports, got.api);
  }
}

export function activate(context: vscode.ExtensionContext): void {
  // As a real consumer does: the caller's id is the extension's own (`switchboard-tests.consumer`).
  const ownId = context.extension.id;
  if (languageModelsUnavailable() === undefined) {
    context.subscriptions.push(registerEchoModel());
  }
  context.subscriptions.push(
    vscode.commands.registerCommand(consumerCommands.run, () =>
      runRecorded(consumerCommands.run, ownId, (record) => withApi(record, ownId, (exports, api) => exerciseApi(exports, api, ownId, record))),
    ),
    vscode.commands.registerCommand(consumerCommands.runAsOther, () =>
      runRecorded(consumerCommands.runAsOther, otherExtensionId, (record) => withApi(record, otherExtensionId, (_exports, api) => exerciseRefusedApi(api, otherExtensionId, record))),
    ),
    vscode.commands.registerCommand(consumerCommands.runLanguageModel, () => runRecorded(consumerCommands.runLanguageModel, ownId, exerciseLanguageModels)),
    vscode.commands.registerCommand(consumerCommands.runOneCall, () =>
      runRecorded(consumerCommands.runOneCall, ownId, (record) => withApi(record, ownId, (_exports, api) => exerciseOneCall(api, record))),
    ),
    vscode.commands.registerCommand(consumerCommands.runKeyCalls, () =>
      runRecorded(consumerCommands.runKeyCalls, ownId, (record) => withApi(record, ownId, (_exports, api) => exerciseKeyCalls(api, record))),
    ),
    vscode.commands.registerCommand(consumerCommands.applySettings, () => runRecorded(consumerCommands.applySettings, ownId, (record) => applySettings(record))),
  );
}
