/**
 * The team gateway: the LiteLLM proxy (`litellm_proxy/<model_name>`). It speaks the OpenAI wire,
 * so chat and embeddings go through the OpenAI-wire adapter unchanged; what makes it a provider of
 * its own is what the gateway knows and a plain OpenAI-compatible server does not: its models'
 * facts (`/v1/model/info`), what each call cost (`x-litellm-response-cost`) and the member's key's
 * spend and budget (`/key/info`, see keyInfo.ts).
 */

import { costFromUsage } from '../../cost';
import type { ModelResponse } from '../../types';
import { createOpenAIAdapter } from '../openai/adapter';
import { openAIWire } from '../openai/wireConfig';
import type { CallContext, ProviderAdapter, ProviderDefinition } from '../types';
import { learnGatewayFacts, listGatewayModels, rememberedFacts } from './modelInfo';
import { reportedCost } from './responseCost';

const openAIWireAdapter = createOpenAIAdapter(openAIWire);

/** Watches the call's accepted response for the gateway's cost header. */
function costWatch(call: CallContext): { call: CallContext; reported: () => number | undefined } {
  let reported: number | undefined;
  return {
    call: { ...call, onResponseHeaders: (headers) => (reported = reportedCost(headers)) },
    reported: () => reported,
  };
}

/**
 * The gateway's charge when it reported one; else the usage priced with the prices its
 * `/v1/model/info` gave for the model (from the last listing, or one made now, once per gateway);
 * else undefined, and the client falls back to the catalogue.
 */
function gatewayCost(call: CallContext, reported: number | undefined, response: ModelResponse): number | undefined {
  if (reported !== undefined) {
    return reported;
  }
  const facts = rememberedFacts(call);
  return facts === undefined || response.usage === undefined ? undefined : costFromUsage(facts, response.usage);
}

/** Without the gateway's charge, its prices are needed: list its models unless that was done. */
async function learnPricesUnlessCharged(call: CallContext, reported: number | undefined): Promise<void> {
  if (reported === undefined && rememberedFacts(call) === undefined) {
    await learnGatewayFacts(call);
  }
}

const litellmProxyAdapter: ProviderAdapter = {
  async completion(params, call) {
    const watch = costWatch(call);
    const response = await openAIWireAdapter.completion(params, watch.call);
    await learnPricesUnlessCharged(call, watch.reported());
    const cost = gatewayCost(call, watch.reported(), response);
    if (cost !== undefined) {
      response._hidden_params = { custom_llm_provider: call.provider.id, model: call.requestedModel, response_cost: cost };
    }
    return response;
  },

  async stream(params, call) {
    const watch = costWatch(call);
    const source = await openAIWireAdapter.stream(params, watch.call);
    // The stream's headers have arrived: the prices are learnt now, as the cost is read synchronously at its end.
    await learnPricesUnlessCharged(call, watch.reported());
    return {
      next: () => source.next(),
      cancel: () => source.cancel(),
      responseCost: (response) => gatewayCost(call, watch.reported(), response),
    };
  },

  async embedding(params, call) {
    const watch = costWatch(call);
    const response = await openAIWireAdapter.embedding(params, watch.call);
    const reported = watch.reported();
    if (reported !== undefined) {
      response._hidden_params = { custom_llm_provider: call.provider.id, model: call.requestedModel, response_cost: reported };
    }
    return response;
  },

  listModels: listGatewayModels,
};

export const litellmProxyProvider: ProviderDefinition = {
  id: 'litellm_proxy',
  displayName: 'LiteLLM proxy',
  // LiteLLM's own names for the gateway's address and the member's virtual key.
  apiBaseEnv: ['LITELLM_PROXY_API_BASE'],
  apiKeyEnv: ['LITELLM_PROXY_API_KEY'],
  // A gateway without a master key takes calls without a key; one with keys answers 401, mapped as such.
  keyRequired: false,
  chat: true,
  embeddings: true,
  adapter: litellmProxyAdapter,
};
