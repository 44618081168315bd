/**
 * LiteLLM-style params → a `POST /api/chat` request. Sampling settings go into `options` under
 * Ollama's names (`max_tokens` is `num_predict`), `response_format` becomes `format`, and
 * `stream` is always sent because Ollama streams unless told otherwise.
 */

import type { CompletionParams, ResponseFormat, Tool } from '../../types';
import { asRecord } from '../../jsonValues';
import { type OutgoingRequest } from '../exchange';
import type { CallContext } from '../types';
import { chooseNumCtx, estimatePromptTokens } from './contextWindow';
import { ollamaHeaders } from './headers';
import { ollamaMessages } from './messages';
import type { ModelFacts } from './modelFacts';
import { thinkValue, wantsThinkLevel } from './think';
import type { OllamaChatRequest } from './wire';

/** Settings copied into `options` under the same name (Ollama's Modelfile parameters). */
const sameNameOptions = ['temperature', 'top_p', 'seed', 'presence_penalty', 'frequency_penalty'] as const satisfies readonly (keyof CompletionParams)[];

/** The caller's own `extra_body.options`, which win over ours. */
function callerOptions(params: CompletionParams): Record<string, unknown> | undefined {
  return asRecord(params.extra_body?.['options']);
}

/** True when building the request needs /api/show: to size `num_ctx`, or to pick a `think` level. */
export function needsModelFacts(params: CompletionParams): boolean {
  return callerOptions(params)?.['num_ctx'] === undefined || wantsThinkLevel(params);
}

function formatOf(responseFormat: ResponseFormat | undefined): OllamaChatRequest['format'] {
  if (responseFormat?.type === 'json_object') {
    return 'json';
  }
  if (responseFormat?.type === 'json_schema') {
    return responseFormat.json_schema.schema ?? 'json';
  }
  return undefined;
}

/** OpenAI's tool format is Ollama's; only our own `cache_control` marker is left out. */
function wireTools(tools: readonly Tool[]): unknown[] {
  return tools.map((tool) => ({ type: tool.type, function: tool.function }));
}

function optionsOf(params: CompletionParams): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const field of sameNameOptions) {
    if (params[field] !== undefined) {
      options[field] = params[field];
    }
  }
  const maxTokens = params.max_completion_tokens ?? params.max_tokens;
  if (maxTokens !== undefined) {
    options['num_predict'] = maxTokens;
  }
  if (params.stop !== undefined) {
    options['stop'] = typeof params.stop === 'string' ? [params.stop] : params.stop;
  }
  return options;
}

/**
 * The `/api/chat` body for `params`, all but what depends on the model (`think`, `num_ctx`).
 * Built first, so a request Ollama cannot take fails before anything is sent.
 */
export function chatBody(params: CompletionParams, call: CallContext, stream: boolean): OllamaChatRequest {
  const body: OllamaChatRequest = { model: call.modelId, messages: ollamaMessages(params.messages, call), stream };
  // Ollama has no tool_choice (LiteLLM drops it: it made requests hang); 'none' means no tools.
  if (params.tools !== undefined && params.tools.length > 0 && params.tool_choice !== 'none') {
    body.tools = wireTools(params.tools);
  }
  const format = formatOf(params.response_format);
  if (format !== undefined) {
    body.format = format;
  }
  return body;
}

/** The whole request: `body` with `think`, `options` (sized `num_ctx`) and the caller's `extra_body`. */
export function chatRequest(body: OllamaChatRequest, params: CompletionParams, call: CallContext, baseUrl: string, facts: ModelFacts): OutgoingRequest {
  const think = thinkValue(params, facts, call.modelId);
  if (think !== undefined) {
    body.think = think;
  }
  const { options: _callerOptions, ...extraBody } = params.extra_body ?? {};
  const options = { ...optionsOf(params), ...callerOptions(params) };
  if (options['num_ctx'] === undefined) {
    options['num_ctx'] = chooseNumCtx(call, baseUrl, facts, estimatePromptTokens(body), params.max_completion_tokens ?? params.max_tokens);
  }
  body.options = options;
  Object.assign(body, extraBody);
  return { url: `${baseUrl}/api/chat`, headers: ollamaHeaders(call.provider, body.stream), body };
}
