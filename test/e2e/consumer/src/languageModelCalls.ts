/**
 * Switchboard's models as any extension meets them through VS Code's language-model API: select
 * the `switchboard` vendor's models, send a request and read the streamed text, count tokens.
 * A host without `vscode.lm` is recorded as such, so the test can say so rather than pass.
 */

import * as vscode from 'vscode';
import { chatModel, prompts } from './plan';
import type { StepRecorder } from './recorder';

/** Why `vscode.lm` cannot be used in this host, or undefined when it can. */
export function languageModelsUnavailable(): string | undefined {
  const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
  if (lm === undefined) {
    return `this host (${vscode.env.appName} ${vscode.version}) has no vscode.lm`;
  }
  for (const name of ['selectChatModels', 'registerLanguageModelChatProvider'] as const) {
    if (typeof lm[name] !== 'function') {
      return `this host (${vscode.env.appName} ${vscode.version}) has no vscode.lm.${name}`;
    }
  }
  return undefined;
}

export async function exerciseLanguageModels(record: StepRecorder): Promise<void> {
  const unavailable = languageModelsUnavailable();
  await record.step('host', async () => ({ appName: vscode.env.appName, version: vscode.version, uiKind: vscode.UIKind[vscode.env.uiKind], lm: unavailable ?? 'available' }));
  if (unavailable !== undefined) {
    return;
  }
  // Every vendor's: the consumer's own echo model must be there (so the no-loop check means something).
  await record.step('allChatModels', async () => (await vscode.lm.selectChatModels()).map((model) => ({ id: model.id, vendor: model.vendor })));
  let models: vscode.LanguageModelChat[] = [];
  await record.step('selectChatModels', async () => {
    models = await vscode.lm.selectChatModels({ vendor: 'switchboard' });
    return models.map((model) => ({ id: model.id, vendor: model.vendor, family: model.family, name: model.name }));
  });
  // The model the test configured, whatever name VS Code shows for it.
  const model = models.find((candidate) => candidate.id === chatModel || candidate.id.endsWith(chatModel.slice(chatModel.indexOf('/'))));
  await record.step('sendRequest', async () => {
    if (model === undefined) {
      throw new Error(`no ${chatModel} among the switchboard vendor's models`);
    }
    const source = new vscode.CancellationTokenSource();
    try {
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(prompts.languageModel)], { justification: 'The Switchboard end-to-end test asks for a reply.' }, source.token);
      const pieces: string[] = [];
      for await (const piece of response.text) {
        pieces.push(piece);
      }
      return { modelId: model.id, pieces: pieces.length, text: pieces.join('') };
    } finally {
      source.dispose();
    }
  });
  await record.step('countTokens', async () => {
    if (model === undefined) {
      throw new Error(`no ${chatModel} among the switchboard vendor's models`);
    }
    return { text: await model.countTokens('hello world'), message: await model.countTokens(vscode.LanguageModelChatMessage.User('hello world')) };
  });
  await exerciseOffSwitch(record, model);
}

/** Polls `selectChatModels` until `done` holds for its answer (VS Code re-asks a vendor after it signals a change). */
async function switchboardModelsWhen(done: (models: readonly vscode.LanguageModelChat[]) => boolean): Promise<vscode.LanguageModelChat[]> {
  let models: vscode.LanguageModelChat[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    models = await vscode.lm.selectChatModels({ vendor: 'switchboard' });
    if (done(models)) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return models;
}

/**
 * `switchboard.languageModels.enabled: false` closes this door as `api.enabled` closes the API: the
 * vendor lists nothing, and a model object kept from before is refused. The switch goes back on.
 */
async function exerciseOffSwitch(record: StepRecorder, model: vscode.LanguageModelChat | undefined): Promise<void> {
  const settings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('switchboard');
  await settings().update('languageModels.enabled', false, vscode.ConfigurationTarget.Global);
  try {
    await record.step('switchedOffModels', async () => (await switchboardModelsWhen((models) => models.length === 0)).map((offered) => offered.id));
    await record.step('switchedOffRequest', async () => {
      if (model === undefined) {
        throw new Error(`no ${chatModel} among the switchboard vendor's models`);
      }
      const source = new vscode.CancellationTokenSource();
      try {
        const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(prompts.languageModel)], {}, source.token);
        let text = '';
        for await (const piece of response.text) {
          text += piece;
        }
        return { answered: text };
      } finally {
        source.dispose();
      }
    });
  } finally {
    await settings().update('languageModels.enabled', undefined, vscode.ConfigurationTarget.Global);
  }
  await record.step('switchedOnModels', async () => (await switchboardModelsWhen((models) => models.length > 0)).length);
}
