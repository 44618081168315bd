/**
 * What an extension author does with Switchboard's API, one recorded step per call: the first
 * call (which brings up Switchboard's consent prompt), a stream read to the end, two streams
 * cancelled midway (a CancellationToken, an AbortSignal), embeddings, the model list and its
 * change event, invalid calls that must fail with a typed error naming the field, and the same
 * calls through `executeCommand`.
 */

import * as vscode from 'vscode';
import type { CompletionParams, EmbeddingParams, Message, ModelResponse, ModelResponseChunk, EmbeddingResponse, SwitchboardApiV1, SwitchboardExports } from '../../../../api';
import { chatModel, consumerOwnKey, echoModel, embeddingInput, embeddingModel, prompts, textChunksBeforeCancel } from './plan';
import type { StepRecorder } from './recorder';
import { streamedText, summariseChunks, summariseEmbedding, summariseModels, summariseResponse } from './summaries';

function userMessage(text: string): Message[] {
  return [{ role: 'user', content: text }];
}

/** Input the types forbid, on purpose: what a JavaScript caller (or a careless one) may send. */
function invalid<T>(value: unknown): T {
  return value as T;
}

/** Reads a slow stream and cancels it with `cancel` once a few chunks with text have arrived. */
async function readAndCancel(stream: AsyncIterable<ModelResponseChunk>, cancel: () => void): Promise<unknown> {
  const received: ModelResponseChunk[] = [];
  let atCancel: number | undefined;
  for await (const chunk of stream) {
    received.push(chunk);
    if (atCancel === undefined && received.filter((seen) => streamedText([seen]) !== '').length === textChunksBeforeCancel) {
      atCancel = received.length;
      cancel();
    }
  }
  // The loop ended without an error: cancelling ends the iteration quietly.
  return {
    textAtCancel: streamedText(received.slice(0, atCancel)),
    textAfterCancel: streamedText(received.slice(atCancel)),
    endedQuietly: true,
  };
}

/** Resolves with true once the event fires, or with false after `ms`. */
function firedWithin(subscribe: (listener: () => void) => vscode.Disposable, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(false);
    }, ms);
    const subscription = subscribe(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve(true);
    });
  });
}

const badCompletions: Record<string, unknown> = {
  badMissingModel: { messages: userMessage(prompts.refused) },
  // A bare name the catalogue knows is routed (as LiteLLM does); a provider without a model is not.
  badMalformedModel: { model: 'openai/', messages: userMessage(prompts.refused) },
  badUnknownProvider: { model: 'no-such-provider/some-model', messages: userMessage(prompts.refused) },
  // A real VS Code language model (this extension's own): usable in Switchboard's chat only.
  badVscodeLmModel: { model: echoModel.switchboardId, messages: userMessage(prompts.refused) },
  badEmptyMessages: { model: chatModel, messages: [] },
  badRole: { model: chatModel, messages: [{ role: 'robot', content: prompts.refused }] },
  badContent: { model: chatModel, messages: [{ role: 'user', content: 42 }] },
  badStreamType: { model: chatModel, messages: userMessage(prompts.refused), stream: 'yes' },
  badToolWithoutName: { model: chatModel, messages: userMessage(prompts.refused), tools: [{ type: 'function', function: { description: 'no name' } }] },
  // The user's key must not travel to an address they did not configure.
  refusedApiBase: { model: chatModel, messages: userMessage(prompts.refused), api_base: 'http://127.0.0.1:9/v1' },
};

export async function exerciseApi(exports: SwitchboardExports, api: SwitchboardApiV1, callerId: string, record: StepRecorder): Promise<void> {
  await record.step('getApiWithoutExtensionId', async () => exports.getApi(1, invalid<{ extensionId: string }>({})).version);
  await record.step('unknownVersion', async () => invalid<(version: number, options: { extensionId: string }) => unknown>(exports.getApi.bind(exports))(2, { extensionId: callerId }));

  // The first call: Switchboard asks the user whether this extension may use their models.
  await record.step('completion', async () => summariseResponse(await api.completion({ model: chatModel, messages: userMessage(prompts.nonStream) })));

  await record.step('stream', async () => {
    const chunks: ModelResponseChunk[] = [];
    for await (const chunk of await api.completion({ model: chatModel, messages: userMessage(prompts.stream), stream: true })) {
      chunks.push(chunk);
    }
    return summariseChunks(chunks);
  });

  await record.step('streamCancelledByToken', async () => {
    const source = new vscode.CancellationTokenSource();
    try {
      const stream = await api.completion({ model: chatModel, messages: userMessage(prompts.cancelledByToken), stream: true }, source.token);
      return await readAndCancel(stream, () => source.cancel());
    } finally {
      source.dispose();
    }
  });

  await record.step('streamCancelledBySignal', async () => {
    const controller = new AbortController();
    const stream = await api.completion({ model: chatModel, messages: userMessage(prompts.cancelledBySignal), stream: true, signal: controller.signal });
    return readAndCancel(stream, () => controller.abort());
  });

  await record.step('embedding', async () => summariseEmbedding(await api.embedding({ model: embeddingModel, input: embeddingInput })));

  // The caller's own key with its own base URL is allowed; the user's key is then not sent.
  await record.step('ownKeyAndBase', async () => {
    const configuredBase = vscode.workspace.getConfiguration('switchboard').get<Record<string, { baseUrl?: string }>>('providers')?.['openai']?.baseUrl;
    return summariseResponse(await api.completion({ model: chatModel, messages: userMessage(prompts.ownKey), api_key: consumerOwnKey, api_base: configuredBase }));
  });

  await record.step('listModels', async () => summariseModels(await api.listModels()));
  await record.step('getModelInfo', async () => {
    const info = api.getModelInfo(chatModel);
    return { key: info.key, litellm_provider: info.litellm_provider, known: info.known, mode: info.mode, max_input_tokens: info.max_input_tokens };
  });

  await record.step('onDidChangeModels', async () => {
    const settings = vscode.workspace.getConfiguration('switchboard');
    const extraEndpoint = { name: 'e2e-extra', baseUrl: 'http://127.0.0.1:9/v1', models: ['extra-model'] };
    const fired = firedWithin((listener) => api.onDidChangeModels(listener), 10_000);
    await settings.update('customEndpoints', [extraEndpoint], vscode.ConfigurationTarget.Global);
    try {
      const listed = (await api.listModels()).map((model) => model.id);
      return { fired: await fired, listsTheNewModel: listed.includes('e2e-extra/extra-model') };
    } finally {
      await settings.update('customEndpoints', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  for (const [name, params] of Object.entries(badCompletions)) {
    await record.step(name, async () => summariseResponse(await api.completion(invalid<CompletionParams & { stream?: false }>(params))));
  }
  await record.step('badEmbeddingInput', async () => summariseEmbedding(await api.embedding(invalid<EmbeddingParams>({ model: embeddingModel, input: [] }))));

  // The same through commands, for callers that only have `executeCommand`.
  const caller = { extensionId: callerId };
  await record.step('commandCompletion', async () =>
    summariseResponse(await vscode.commands.executeCommand<ModelResponse>('switchboard.completion', { model: chatModel, messages: userMessage(prompts.command) }, caller)),
  );
  await record.step('commandEmbedding', async () =>
    summariseEmbedding(await vscode.commands.executeCommand<EmbeddingResponse>('switchboard.embedding', { model: embeddingModel, input: embeddingInput }, caller)),
  );
  // Streams need the API (an AsyncIterable does not cross executeCommand).
  await record.step('commandStream', async () =>
    summariseResponse(await vscode.commands.executeCommand<ModelResponse>('switchboard.completion', { model: chatModel, messages: userMessage(prompts.refused), stream: true }, caller)),
  );
  await record.step('commandBadInput', async () =>
    summariseResponse(await vscode.commands.executeCommand<ModelResponse>('switchboard.completion', { model: chatModel, messages: [] }, caller)),
  );
}

/** A second caller the user refuses: every call fails with PermissionDeniedError, the prompt shown once. */
export async function exerciseRefusedApi(api: SwitchboardApiV1, callerId: string, record: StepRecorder): Promise<void> {
  await record.step('completion', async () => summariseResponse(await api.completion({ model: chatModel, messages: userMessage(prompts.refused) })));
  await record.step('completionAgain', async () => summariseResponse(await api.completion({ model: chatModel, messages: userMessage(prompts.refused) })));
  await record.step('embedding', async () => summariseEmbedding(await api.embedding({ model: embeddingModel, input: embeddingInput })));
  await record.step('commandCompletion', async () =>
    summariseResponse(await vscode.commands.executeCommand<ModelResponse>('switchboard.completion', { model: chatModel, messages: userMessage(prompts.refused) }, { extensionId: callerId })),
  );
}

/** One completion: after the user revoked this extension in Manage Extension Access, it must fail. */
export async function exerciseOneCall(api: SwitchboardApiV1, record: StepRecorder): Promise<void> {
  await record.step('completion', async () => summariseResponse(await api.completion({ model: chatModel, messages: userMessage(prompts.revoked) })));
}
