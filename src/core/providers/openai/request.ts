/**
 * LiteLLM-style params → an OpenAI-wire request (URL, headers, body) for one vendor's dialect.
 */

import type { CompletionParams, ContentPart, EmbeddingParams, Message, ReasoningEffort, Tool, ToolChoice } from '../../types';
import type { OutgoingRequest } from '../exchange';
import { userAgent } from '../exchange';
import type { CallContext, ResolvedProvider } from '../types';
import type { OpenAIWireConfig } from './wireConfig';


/** Fields copied to the wire unchanged when set. */
const passThroughFields = [
  'temperature',
  'top_p',
  'n',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'seed',
  'user',
  'parallel_tool_calls',
  'response_format',
] as const satisfies readonly (keyof CompletionParams)[];

/** Azure's `/openai/v1` surface takes the plain OpenAI paths, with the deployment as `model`. */
function isAzureV1(apiBase: string): boolean {
  return /\/openai\/v1$/.test(apiBase);
}

function endpointUrl(provider: ResolvedProvider, wire: OpenAIWireConfig, modelId: string, path: 'chat/completions' | 'embeddings'): string {
  if (wire.urls === 'azure' && !isAzureV1(provider.apiBase)) {
    const version = encodeURIComponent(provider.apiVersion ?? '');
    return `${provider.apiBase}/openai/deployments/${encodeURIComponent(modelId)}/${path}?api-version=${version}`;
  }
  return `${provider.apiBase}/${path}`;
}

/** The chat completions URL for this call. */
export function chatUrl(call: CallContext, wire: OpenAIWireConfig): string {
  return endpointUrl(call.provider, wire, call.modelId, 'chat/completions');
}

export function requestHeaders(provider: ResolvedProvider, wire: OpenAIWireConfig, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    // Compressing proxies hold small SSE events back; ask for compression only for whole bodies.
    'accept-encoding': stream ? 'identity' : 'gzip, deflate, br',
    'user-agent': userAgent,
    ...wire.headers,
  };
  if (provider.apiKey !== undefined && provider.apiKey.length > 0) {
    if (wire.auth === 'api-key') {
      headers['api-key'] = provider.apiKey;
    } else {
      headers['authorization'] = `Bearer ${provider.apiKey}`;
    }
  }
  return { ...headers, ...provider.headers };
}

/** OpenAI's reasoning models (o-series, gpt-5, codex) reject `max_tokens`. */
export function isReasoningModel(modelId: string): boolean {
  return /(^|\/)(o\d|gpt-5|codex)/.test(modelId);
}

export function budgetToEffort(budget: number): ReasoningEffort {
  if (budget < 2048) {
    return 'low';
  }
  return budget < 8192 ? 'medium' : 'high';
}

function withoutCacheControl<T extends { cache_control?: unknown }>(item: T): Omit<T, 'cache_control'> {
  if (item.cache_control === undefined) {
    return item;
  }
  const { cache_control: _dropped, ...rest } = item;
  return rest;
}

function wireContent(content: string | ContentPart[] | null | undefined, keepCacheControl: boolean): unknown {
  if (!Array.isArray(content) || keepCacheControl) {
    return content;
  }
  return content.map((part) => ('cache_control' in part ? withoutCacheControl(part) : part));
}

/** Messages as the wire takes them: reasoning fields of earlier answers are not sent back. */
function wireMessages(messages: readonly Message[], wire: OpenAIWireConfig): unknown[] {
  return messages.map((message) => {
    if (message.role === 'assistant') {
      const { reasoning_content: _reasoning, thinking_blocks: _thinking, ...rest } = message;
      return { ...rest, content: wireContent(rest.content, wire.cacheControl) };
    }
    return { ...message, content: wireContent(message.content, wire.cacheControl) };
  });
}

function wireToolChoice(choice: ToolChoice, wire: OpenAIWireConfig): ToolChoice | 'any' {
  return choice === 'required' ? wire.toolChoiceRequired : choice;
}

function wireTools(tools: readonly Tool[], wire: OpenAIWireConfig): unknown[] {
  return wire.cacheControl ? [...tools] : tools.map((tool) => withoutCacheControl(tool));
}

export interface ChatRequestOptions {
  stream: boolean;
  includeUsage: boolean;
}

/** The chat completions request for `params` in this vendor's dialect. */
export function chatRequest(params: CompletionParams, call: CallContext, wire: OpenAIWireConfig, options: ChatRequestOptions): OutgoingRequest {
  const body: Record<string, unknown> = { model: call.modelId, messages: wireMessages(params.messages, wire) };
  for (const field of passThroughFields) {
    if (params[field] !== undefined) {
      body[field] = params[field];
    }
  }
  const maxTokens = params.max_completion_tokens ?? params.max_tokens;
  if (maxTokens !== undefined) {
    const asCompletionTokens =
      params.max_completion_tokens !== undefined ||
      wire.maxTokens === 'max_completion_tokens' ||
      (wire.maxTokens === 'max_completion_tokens_for_reasoning_models' && isReasoningModel(call.modelId));
    body[asCompletionTokens ? 'max_completion_tokens' : 'max_tokens'] = maxTokens;
  }
  if (params.tools !== undefined && params.tools.length > 0) {
    body['tools'] = wireTools(params.tools, wire);
  }
  if (params.tool_choice !== undefined) {
    body['tool_choice'] = wireToolChoice(params.tool_choice, wire);
  }
  let effort = params.reasoning_effort;
  if (effort === undefined && params.thinking?.type === 'enabled') {
    effort = budgetToEffort(params.thinking.budget_tokens);
  }
  if (effort !== undefined) {
    if (wire.reasoningEffort === 'reasoning_object') {
      body['reasoning'] = { effort };
    } else {
      body['reasoning_effort'] = effort;
    }
  }
  if (options.stream) {
    body['stream'] = true;
    if (options.includeUsage) {
      body['stream_options'] = { ...params.stream_options, include_usage: true };
    } else if (params.stream_options !== undefined && params.stream_options.include_usage !== true) {
      body['stream_options'] = params.stream_options;
    }
  }
  Object.assign(body, params.extra_body);
  return {
    url: chatUrl(call, wire),
    headers: requestHeaders(call.provider, wire, options.stream),
    body,
  };
}

/** The embeddings request; `base64` is asked for when the vendor supports it and the caller did not choose. */
export function embeddingRequest(params: EmbeddingParams, call: CallContext, wire: OpenAIWireConfig): { request: OutgoingRequest; decodeBase64: boolean } {
  const body: Record<string, unknown> = { model: call.modelId, input: params.input };
  if (params.dimensions !== undefined) {
    body['dimensions'] = params.dimensions;
  }
  if (params.user !== undefined) {
    body['user'] = params.user;
  }
  const askBase64 = params.encoding_format === undefined && wire.base64Embeddings;
  const format = params.encoding_format ?? (askBase64 ? 'base64' : undefined);
  if (format !== undefined) {
    body['encoding_format'] = format;
  }
  Object.assign(body, params.extra_body);
  return {
    request: { url: endpointUrl(call.provider, wire, call.modelId, 'embeddings'), headers: requestHeaders(call.provider, wire, false), body },
    // Numbers unless the caller asked for base64 itself.
    decodeBase64: params.encoding_format !== 'base64',
  };
}
