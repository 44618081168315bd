/**
 * The first run, when the user has chosen no model: a local Ollama server that answers (a short
 * probe of its `/api/tags`, off the activation path) gives an installed chat model; otherwise
 * the offline `mock/typewriter` answers, with a banner saying so and a button to add a provider. So
 * the chat works on a fresh machine. The banner goes once a real provider is in use.
 */

import type { CallOptions, ListedModel } from '../core';
import type { BannerView } from '../protocol/messages';
import type { Localize } from './chat/localize';
import { isChatModel } from './modelOptions';
import { offlineModel } from './models';

export interface StartModel {
  model: string;
  source: 'ollama' | 'offline';
}

/** Lists Ollama's installed models (the core's `listModels('ollama')`, settings and env applied). */
export type OllamaLister = (options: CallOptions) => Promise<ListedModel[]>;

/** How long the probe may take: a local server answers in milliseconds, a missing one refuses at once. */
const ollamaProbeTimeoutMs = 1500;

/**
 * The most recently pulled chat model of a local Ollama server, as `ollama/<name>`, or undefined
 * when none answers within `timeoutMs` (refused, hanging, an error) or it has only embedding models.
 */
async function probeOllama(list: OllamaLister, timeoutMs: number = ollamaProbeTimeoutMs): Promise<string | undefined> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve(undefined);
    }, timeoutMs);
  });
  const listing = list({ timeout: timeoutMs / 1000, num_retries: 0, signal: abort.signal }).then(
    (models) => models,
    () => undefined,
  );
  try {
    const models = await Promise.race([listing, deadline]);
    const chat = (models ?? []).filter(isChatModel);
    // Newest first: the model pulled last is likely the one the user wants.
    chat.sort((a, b) => (b.created ?? 0) - (a.created ?? 0) || a.id.localeCompare(b.id));
    return chat[0]?.id;
  } finally {
    clearTimeout(timer);
  }
}

/** The model for a user who has chosen none: Ollama's when it answers, else the offline mock. */
export async function chooseStartModel(list: OllamaLister, timeoutMs?: number): Promise<StartModel> {
  const ollama = await probeOllama(list, timeoutMs);
  return ollama === undefined ? { model: offlineModel, source: 'offline' } : { model: ollama, source: 'ollama' };
}

/** The banner the chat shows with this model: the offline notice for the mock, none otherwise. */
export function bannerFor(model: string, localize: Localize): BannerView | undefined {
  if (!model.toLowerCase().startsWith('mock/')) {
    return undefined;
  }
  return {
    kind: 'offline',
    message: localize('Offline mock model: answers are made up on this machine. Add a provider or select a model to use a real one.'),
    actions: ['addProvider', 'selectModel'],
  };
}
