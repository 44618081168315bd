/**
 * LiteLLM-style params → a Gemini `generateContent` / `streamGenerateContent` request. The key goes
 * only in the `x-goog-api-key` header, never in the URL (`?key=` would end up in proxy and server
 * logs).
 */

import type { CompletionParams, JsonSchema, ResponseFormat, Tool, ToolChoice } from '../../types';
import { asRecord } from '../../jsonValues';
import { type OutgoingRequest, userAgent } from '../exchange';
import type { CallContext, ResolvedProvider } from '../types';
import { toGeminiConversation } from './messages';
import { toGeminiParameters } from './schema';
import { geminiGeneration, thinkingConfigFor } from './thinkingConfig';


/**
 * The base URL with the API version: the host root gets `/v1beta` (or the caller's `api_version`);
 * a base that already ends in a version, as some docs write it, is taken as it is.
 */
export function versionedBase(provider: ResolvedProvider): string {
  const base = provider.apiBase;
  if (base.endsWith('/v1beta') || base.endsWith('/v1') || base.endsWith('/v1alpha')) {
    return base;
  }
  return `${base}/${provider.apiVersion ?? 'v1beta'}`;
}

/** `models/gemini-2.5-flash` for `gemini-2.5-flash`; a tuned model's own path (`tunedModels/x`) as it is. */
export function modelPath(modelId: string): string {
  const id = modelId.startsWith('models/') ? modelId.slice('models/'.length) : modelId;
  const path = id.includes('/') ? id : `models/${id}`;
  return path.split('/').map(encodeURIComponent).join('/');
}

export function requestHeaders(provider: ResolvedProvider, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    // Compressing proxies hold small SSE events back; ask for compression only for whole bodies.
    'accept-encoding': stream ? 'identity' : 'gzip, deflate, br',
    'user-agent': userAgent,
  };
  if (provider.apiKey !== undefined && provider.apiKey.length > 0) {
    headers['x-goog-api-key'] = provider.apiKey;
  }
  return { ...headers, ...provider.headers };
}

function functionDeclarations(tools: readonly Tool[]): unknown[] {
  return tools.map((tool) => {
    const declaration: Record<string, unknown> = { name: tool.function.name };
    if (tool.function.description !== undefined) {
      declaration['description'] = tool.function.description;
    }
    const parameters = toGeminiParameters(tool.function.parameters);
    if (parameters !== undefined) {
      declaration['parameters'] = parameters;
    }
    return declaration;
  });
}

function toolConfig(choice: ToolChoice): Record<string, unknown> {
  if (typeof choice === 'object') {
    return { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  }
  const mode = choice === 'required' ? 'ANY' : choice === 'none' ? 'NONE' : 'AUTO';
  return { functionCallingConfig: { mode } };
}

/** JSON output: the MIME type, and the schema as standard JSON Schema (`responseJsonSchema`). */
function applyResponseFormat(format: ResponseFormat, config: Record<string, unknown>): void {
  if (format.type === 'json_object') {
    config['responseMimeType'] = 'application/json';
  } else if (format.type === 'json_schema') {
    config['responseMimeType'] = 'application/json';
    const schema: JsonSchema | undefined = format.json_schema.schema;
    if (schema !== undefined) {
      config['responseJsonSchema'] = schema;
    }
  }
}

function generationConfig(params: CompletionParams, modelId: string): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (params.temperature !== undefined) {
    config['temperature'] = params.temperature;
  }
  if (params.top_p !== undefined) {
    config['topP'] = params.top_p;
  }
  const maxTokens = params.max_completion_tokens ?? params.max_tokens;
  if (maxTokens !== undefined) {
    config['maxOutputTokens'] = maxTokens;
  }
  if (params.stop !== undefined) {
    config['stopSequences'] = typeof params.stop === 'string' ? [params.stop] : params.stop;
  }
  if (params.n !== undefined) {
    config['candidateCount'] = params.n;
  }
  if (params.seed !== undefined) {
    config['seed'] = params.seed;
  }
  // Gemini 3 rejects the penalties; LiteLLM drops them there too.
  if (geminiGeneration(modelId) < 3) {
    if (params.presence_penalty !== undefined) {
      config['presencePenalty'] = params.presence_penalty;
    }
    if (params.frequency_penalty !== undefined) {
      config['frequencyPenalty'] = params.frequency_penalty;
    }
  }
  if (params.response_format !== undefined) {
    applyResponseFormat(params.response_format, config);
  }
  const thinking = thinkingConfigFor(params, modelId);
  if (thinking !== undefined) {
    config['thinkingConfig'] = thinking;
  }
  return config;
}

/** `extra_body` merged into the body, objects key by key (so `generationConfig.topK` adds to ours). */
function mergeInto(target: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(extra)) {
    const mine = asRecord(target[key]);
    const theirs = asRecord(value);
    if (mine !== undefined && theirs !== undefined) {
      const merged = { ...mine };
      mergeInto(merged, theirs);
      target[key] = merged;
    } else {
      target[key] = value;
    }
  }
}

/** The body of a generateContent call for `params` (Vertex's Gemini takes the same). */
export function generateContentBody(params: CompletionParams, modelId: string): Record<string, unknown> {
  const { contents, systemInstruction } = toGeminiConversation(params.messages, modelId);
  const body: Record<string, unknown> = { contents };
  if (systemInstruction !== undefined) {
    body['systemInstruction'] = systemInstruction;
  }
  if (params.tools !== undefined && params.tools.length > 0) {
    body['tools'] = [{ functionDeclarations: functionDeclarations(params.tools) }];
    if (params.tool_choice !== undefined) {
      body['toolConfig'] = toolConfig(params.tool_choice);
    }
  }
  const config = generationConfig(params, modelId);
  if (Object.keys(config).length > 0) {
    body['generationConfig'] = config;
  }
  if (params.extra_body !== undefined) {
    mergeInto(body, params.extra_body);
  }
  return body;
}

/** The generateContent request, or with `stream` the SSE one (`:streamGenerateContent?alt=sse`). */
export function generateContentRequest(params: CompletionParams, call: CallContext, stream: boolean): OutgoingRequest {
  const method = stream ? 'streamGenerateContent?alt=sse' : 'generateContent';
  return {
    url: `${versionedBase(call.provider)}/${modelPath(call.modelId)}:${method}`,
    headers: requestHeaders(call.provider, stream),
    body: generateContentBody(params, call.modelId),
  };
}
