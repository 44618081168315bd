/**
 * `LmHost` over VS Code's `vscode.lm`: the models other extensions give VS Code, and requests to
 * them. The caller's AbortSignal is bridged to a CancellationToken, and the bridge is disposed when
 * the response ends, fails or is abandoned.
 */

import * as vscode from 'vscode';
import type { LmLog, LmPart } from './lmParts';
import { fromVscodePart, toVscodeMessage } from './vscodeParts';
import type { LmChatModel, LmHost } from './vscodeLmProvider';

/** What hosts newer than the typings (1.105) say about a model: `capabilities` is there in 1.139. */
function capabilitiesOf(model: vscode.LanguageModelChat): { supportsImages?: boolean; supportsTools?: boolean } {
  const capabilities = (model as { capabilities?: { supportsImageToText?: unknown; supportsToolCalling?: unknown } }).capabilities;
  const result: { supportsImages?: boolean; supportsTools?: boolean } = {};
  if (typeof capabilities?.supportsImageToText === 'boolean') {
    result.supportsImages = capabilities.supportsImageToText;
  }
  if (typeof capabilities?.supportsToolCalling === 'boolean') {
    result.supportsTools = capabilities.supportsToolCalling;
  }
  return result;
}

/** A CancellationToken that follows `signal`; disposed once, when the response (or tool call) ends or is cancelled. */
export function tokenFor(signal: AbortSignal): { token: vscode.CancellationToken; dispose(): void } {
  const source = new vscode.CancellationTokenSource();
  let disposed = false;
  const dispose = (): void => {
    if (!disposed) {
      disposed = true;
      signal.removeEventListener('abort', cancel);
      source.dispose();
    }
  };
  // A cancelled token stays cancelled after its source is disposed.
  const cancel = (): void => {
    source.cancel();
    dispose();
  };
  const token = source.token;
  if (signal.aborted) {
    cancel();
  } else {
    signal.addEventListener('abort', cancel, { once: true });
  }
  return { token, dispose };
}

async function* partsOf(stream: AsyncIterable<unknown>, done: () => void): AsyncGenerator<LmPart> {
  try {
    for await (const part of stream) {
      yield fromVscodePart(part);
    }
  } finally {
    done();
  }
}

function wrap(model: vscode.LanguageModelChat, log: LmLog): LmChatModel {
  const capabilities = capabilitiesOf(model);
  return {
    id: model.id,
    vendor: model.vendor,
    name: model.name,
    family: model.family,
    version: model.version,
    maxInputTokens: model.maxInputTokens,
    ...capabilities,
    sendRequest: async (messages, options, signal) => {
      const dropped = (what: string): void => log.debug(`vscode.lm: dropped ${what} from the request to ${model.vendor}/${model.id}.`);
      const request: vscode.LanguageModelChatRequestOptions = { justification: options.justification };
      if (options.tools.length > 0) {
        request.tools = options.tools;
        request.toolMode = options.toolMode === 'required' ? vscode.LanguageModelChatToolMode.Required : vscode.LanguageModelChatToolMode.Auto;
      }
      const vscodeMessages = messages.map((message) => toVscodeMessage(message, capabilities.supportsImages !== false, dropped));
      const bridge = tokenFor(signal);
      try {
        const response = await model.sendRequest(vscodeMessages, request, bridge.token);
        return partsOf(response.stream, () => bridge.dispose());
      } catch (error) {
        bridge.dispose();
        throw error;
      }
    },
  };
}

/** VS Code's language models, through `vscode.lm`. */
export function vscodeLmHost(log: LmLog): LmHost {
  return {
    selectChatModels: async (selector) => (await vscode.lm.selectChatModels(selector)).map((model) => wrap(model, log)),
  };
}
