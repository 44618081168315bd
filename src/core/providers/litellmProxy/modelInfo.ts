/**
 * The gateway's models, from LiteLLM's `GET /v1/model/info`: `{data: [{model_name, litellm_params,
 * model_info}]}`. `model_name` is what members call; `model_info` carries the context window,
 * prices and capabilities as the gateway's admin configured them (or LiteLLM's cost map filled
 * in), under the same names our `ModelInfo` uses. Several deployments may share one `model_name`
 * (the gateway balances between them): the first one's facts stand for the group.
 */

import { BOOLEAN_FIELDS, PRICE_FIELDS } from '../../models/catalogue';
import { asRecord, stringField } from '../../jsonValues';
import type { ModelInfo, ModelMode } from '../../types';
import { readJson, send } from '../exchange';
import { mapOpenAIError } from '../openai/errors';
import { requestHeaders } from '../openai/request';
import { openAIWire } from '../openai/wireConfig';
import type { CallContext, ProviderModel } from '../types';

export type GatewayFacts = NonNullable<ProviderModel['facts']>;

const countFields = ['max_tokens', 'max_input_tokens', 'max_output_tokens', 'output_vector_size'] as const;
// Every mode LiteLLM names: a gateway may serve Responses-only models too.
const modes: readonly ModelMode[] = ['chat', 'responses', 'completion', 'embedding', 'image_generation', 'audio_transcription', 'audio_speech', 'moderation', 'rerank'];

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The `ModelInfo` facts one `model_info` object states; absent, null and malformed values say nothing. */
export function gatewayFacts(modelInfo: unknown): GatewayFacts {
  const record = asRecord(modelInfo);
  const facts: GatewayFacts = {};
  for (const field of countFields) {
    const value = positive(record?.[field]);
    if (value !== undefined) {
      facts[field] = value;
    }
  }
  // LiteLLM reports 0 for a model its cost map does not know: a zero price means "not priced",
  // and an unknown cost stays absent rather than claimed as $0.
  for (const field of PRICE_FIELDS) {
    const value = positive(record?.[field]);
    if (value !== undefined) {
      facts[field] = value;
    }
  }
  for (const field of BOOLEAN_FIELDS) {
    const value = record?.[field];
    if (typeof value === 'boolean') {
      facts[field] = value;
    }
  }
  const mode = stringField(record, 'mode');
  if (mode !== undefined && (modes as readonly string[]).includes(mode)) {
    facts.mode = mode as ModelMode;
  }
  return facts;
}

/** The gateway's root: LiteLLM serves its management routes beside `/v1`, so a base ending in `/v1` is trimmed. */
export function gatewayRoot(apiBase: string): string {
  return apiBase.replace(/\/v1\/?$/, '');
}

function memoKey(apiBase: string, model: string): string {
  return `litellm_proxy facts ${gatewayRoot(apiBase)} ${model}`;
}

/** The facts `listGatewayModels` learnt for the call's model at its gateway, for pricing its answers. */
export function rememberedFacts(call: CallContext): ModelInfo | undefined {
  const facts = call.memo.get(memoKey(call.provider.apiBase, call.modelId)) as GatewayFacts | undefined;
  return facts === undefined ? undefined : { ...facts, key: `${call.provider.id}/${call.modelId}`, litellm_provider: call.provider.id, known: false };
}

export function gatewayModels(body: unknown): ProviderModel[] {
  const items = asRecord(body)?.['data'];
  if (!Array.isArray(items)) {
    return [];
  }
  const byName = new Map<string, ProviderModel>();
  for (const item of items) {
    const record = asRecord(item);
    const name = stringField(record, 'model_name');
    if (name === undefined || name.length === 0 || byName.has(name)) {
      continue;
    }
    const model: ProviderModel = { model: name, facts: gatewayFacts(record?.['model_info']) };
    const upstream = stringField(asRecord(record?.['litellm_params']), 'model');
    if (upstream !== undefined && upstream !== name) {
      model.owned_by = upstream;
    }
    byName.set(name, model);
  }
  return [...byName.values()];
}

/** `GET {root}/v1/model/info` with the member's key; each model's facts are remembered for pricing. */
export async function listGatewayModels(call: CallContext): Promise<ProviderModel[]> {
  const url = `${gatewayRoot(call.provider.apiBase)}/v1/model/info`;
  const response = await send(call, { url, method: 'GET', headers: requestHeaders(call.provider, openAIWire, false) }, mapOpenAIError);
  const models = gatewayModels(await readJson(response, call));
  for (const model of models) {
    call.memo.set(memoKey(call.provider.apiBase, model.model), model.facts ?? {});
  }
  return models;
}

/**
 * Lists the gateway's models once per client and gateway, so its prices apply to calls made before
 * any `listModels`. A gateway that refuses the listing (a key without the route) leaves the
 * catalogue to price: the call itself must not fail for it.
 */
export async function learnGatewayFacts(call: CallContext): Promise<void> {
  const key = `litellm_proxy listing ${gatewayRoot(call.provider.apiBase)}`;
  let listing = call.memo.get(key) as Promise<void> | undefined;
  if (listing === undefined) {
    // Not tied to this call's signal: an aborted chat must not leave a failed listing behind.
    listing = listGatewayModels({ ...call, signal: undefined }).then(
      () => undefined,
      (error: unknown) => call.logger.debug(`litellm_proxy: no prices from /v1/model/info (${error instanceof Error ? error.message : String(error)})`),
    );
    call.memo.set(key, listing);
  }
  await listing;
}
