/**
 * What a call cost in USD, LiteLLM's `completion_cost`, from the response's usage and the
 * catalogue's per-token prices. Prompt-cache reads and writes and reasoning tokens are priced
 * on their own where the catalogue knows their price. Tiered prices (above 200k tokens), batch
 * and priority tiers are not modelled: the standard per-token price is used.
 */
import type { EmbeddingResponse, ModelInfo, ModelResponse, Usage } from './types';
import { getModelInfo, lookupModelInfo } from './models/modelInfo';

/** A token count the provider reported, or 0 for anything absent or malformed. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * The cost of one call from its usage, or `undefined` when the catalogue has no prices for the
 * model (the router then leaves `_hidden_params.response_cost` absent rather than claim $0).
 *
 * Usage follows OpenAI and LiteLLM: `prompt_tokens` includes cache reads and cache writes, and
 * `completion_tokens` includes reasoning tokens. Cache reads are `cache_read_input_tokens`
 * (Anthropic) or else `prompt_tokens_details.cached_tokens` (OpenAI); each part falls back to
 * the input price when the catalogue has no cache price.
 */
export function costFromUsage(info: ModelInfo, usage: Usage): number | undefined {
  const inputPrice = info.input_cost_per_token;
  const prompt = count(usage.prompt_tokens);
  const completion = count(usage.completion_tokens);
  // Embedding models have no output price, and need none: they produce no tokens.
  const outputPrice = info.output_cost_per_token ?? (completion === 0 ? 0 : undefined);
  if (inputPrice === undefined || outputPrice === undefined) {
    return undefined;
  }
  const cacheRead = count(usage.cache_read_input_tokens ?? usage.prompt_tokens_details?.cached_tokens);
  const cacheWrite = count(usage.cache_creation_input_tokens);
  const uncachedPrompt = Math.max(0, prompt - cacheRead - cacheWrite);

  const reasoning = count(usage.completion_tokens_details?.reasoning_tokens);
  // Some providers (Gemini's thoughts, xAI) report reasoning beside the completion rather than
  // inside it; their total then adds up only with reasoning counted on top.
  const reasoningBesideCompletion = reasoning > 0 && count(usage.total_tokens) === prompt + completion + reasoning;
  const reasoningTokens = reasoningBesideCompletion ? reasoning : Math.min(reasoning, completion);
  const answerTokens = reasoningBesideCompletion ? completion : completion - reasoningTokens;

  return (
    uncachedPrompt * inputPrice +
    cacheRead * (info.cache_read_input_token_cost ?? inputPrice) +
    cacheWrite * (info.cache_creation_input_token_cost ?? inputPrice) +
    answerTokens * outputPrice +
    reasoningTokens * (info.output_cost_per_reasoning_token ?? outputPrice)
  );
}

/**
 * What one call cost, for its `_hidden_params.response_cost`: priced as the model the provider says
 * answered, when it says one whose prices are known at that provider — a server that answers with
 * another model than the one asked for (a costlier one, an Azure deployment's real model) is priced
 * for what it ran — else as the model the call was routed to. Undefined when there is no usage or
 * neither has prices (a self-hosted server, a local model): an unknown cost is absent, never $0.
 */
export function callCost(provider: string, modelId: string, answeredModel: unknown, usage: Usage | undefined): number | undefined {
  if (usage === undefined) {
    return undefined;
  }
  if (typeof answeredModel === 'string' && answeredModel.length > 0 && answeredModel !== modelId) {
    const answered = costFromUsage(lookupModelInfo(provider, answeredModel), usage);
    if (answered !== undefined) {
      return answered;
    }
  }
  return costFromUsage(lookupModelInfo(provider, modelId), usage);
}

/**
 * The models a response may be priced as, most specific first: the caller's `model`; else the
 * model as requested (`_hidden_params.model`), then the answered `model` at the same provider
 * (an Azure deployment name says nothing, the model it answers with does), then that name bare.
 */
function candidateModels(response: ModelResponse | EmbeddingResponse, model: string | undefined): ModelInfo[] {
  if (model !== undefined) {
    return [getModelInfo(model)];
  }
  const candidates: ModelInfo[] = [];
  const hidden = response._hidden_params;
  if (hidden?.model) {
    candidates.push(getModelInfo(hidden.model));
  }
  if (typeof response.model === 'string' && response.model.length > 0) {
    if (hidden?.custom_llm_provider) {
      candidates.push(lookupModelInfo(hidden.custom_llm_provider, response.model));
    }
    candidates.push(getModelInfo(response.model));
  }
  return candidates;
}

/**
 * The cost of a chat completion or an embedding call in USD, LiteLLM's `completion_cost`.
 * The model is `options.model`, else `response._hidden_params.model` (`provider/model`), else
 * the response's own `model` field. Answers 0 (never throws) when the response has no usage,
 * the model is not in the catalogue, or the catalogue has no prices for it (local models).
 * Embeddings cost their prompt tokens at the input price.
 */
export function completionCost(response: ModelResponse | EmbeddingResponse, options?: { model?: string }): number {
  // What the call was charged (a gateway's own figure, or its prices) answers, as LiteLLM's
  // completion_cost reads the proxy's x-litellm-response-cost; a model named here asks for a re-pricing.
  const charged = response._hidden_params?.response_cost;
  if (charged !== undefined && options?.model === undefined) {
    return charged;
  }
  if (!response.usage) {
    return 0;
  }
  const info = candidateModels(response, options?.model).find((candidate) => candidate.known);
  if (!info) {
    return 0;
  }
  if (response.object === 'list') {
    return count(response.usage?.prompt_tokens) * (info.input_cost_per_token ?? 0);
  }
  return response.usage ? (costFromUsage(info, response.usage) ?? 0) : 0;
}
