/**
 * LiteLLM-style params → a Messages API request (URL, headers, body).
 */

import { lookupModelInfo } from '../../models/modelInfo';
import type { CompletionParams, ReasoningEffort, ThinkingParam, Tool, ToolChoice } from '../../types';
import type { OutgoingRequest } from '../exchange';
import { userAgent } from '../exchange';
import type { CallContext, ResolvedProvider } from '../types';
import { jsonModeTool, jsonToolName } from './jsonMode';
import { toAnthropicConversation, type WireBlock } from './messages';
import { refuseSeveralChoices } from '../oneChoice';

const anthropicVersion = '2023-06-01';


/** What LiteLLM sends when neither the caller nor the catalogue knows a limit. */
const defaultMaxTokens = 4096;

/** LiteLLM's thinking budgets for `reasoning_effort`; Anthropic's smallest budget is 1024. */
const thinkingBudgets: ReadonlyMap<ReasoningEffort, number> = new Map([
  ['minimal', 1024],
  ['low', 1024],
  ['medium', 2048],
  ['high', 4096],
]);

/** Anthropic refuses `metadata.user_id` values that identify a person; LiteLLM drops them too. */
const emailPattern = /^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}$/;
const phonePattern = /^\+?[\d\s()-]{7,}$/;

/** `{api_base}/v1/<path>`. The docs write the base as the host root; a base ending in `/v1` works too. */
export function anthropicUrl(apiBase: string, path: 'messages' | 'models'): string {
  let root = apiBase;
  if (root.endsWith('/v1/messages')) {
    root = root.slice(0, -'/v1/messages'.length);
  } else if (root.endsWith('/v1')) {
    root = root.slice(0, -'/v1'.length);
  }
  return `${root}/v1/${path}`;
}

export function anthropicHeaders(provider: ResolvedProvider, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    // Compressing proxies hold small SSE events back; ask for compression only for whole bodies.
    'accept-encoding': stream ? 'identity' : 'gzip, deflate, br',
    'user-agent': userAgent,
    'anthropic-version': anthropicVersion,
  };
  if (provider.apiKey !== undefined && provider.apiKey.length > 0) {
    headers['x-api-key'] = provider.apiKey;
  }
  // The caller's headers (`anthropic-beta`, a newer `anthropic-version`) win.
  return { ...headers, ...provider.headers };
}

/** The caller's `thinking`, or LiteLLM's budget for `reasoning_effort` (`none` means no thinking). */
export function thinkingOf(params: CompletionParams): ThinkingParam | undefined {
  if (params.thinking !== undefined) {
    return params.thinking;
  }
  const effort = params.reasoning_effort;
  if (effort === undefined || effort === 'none') {
    return undefined;
  }
  return { type: 'enabled', budget_tokens: thinkingBudgets.get(effort) ?? 1024 };
}

/**
 * `max_tokens`, which Anthropic requires: the caller's, else the model's output limit from the
 * catalogue, else 4096. The thinking budget counts inside it, so it is raised to leave the
 * answer room when the budget would not fit.
 */
function maxTokensFor(params: CompletionParams, call: CallContext, thinking: ThinkingParam | undefined): number {
  const requested = params.max_completion_tokens ?? params.max_tokens;
  const modelLimit = lookupModelInfo(call.provider.id, call.modelId).max_output_tokens;
  let maxTokens = requested ?? modelLimit ?? defaultMaxTokens;
  if (thinking?.type === 'enabled' && maxTokens <= thinking.budget_tokens) {
    maxTokens = thinking.budget_tokens + (requested ?? defaultMaxTokens);
    if (modelLimit !== undefined && maxTokens > modelLimit && modelLimit > thinking.budget_tokens) {
      maxTokens = modelLimit;
    }
  }
  return maxTokens;
}

function wireTool(tool: Tool): WireBlock {
  const wire: WireBlock = { name: tool.function.name, input_schema: tool.function.parameters ?? { type: 'object', properties: {} } };
  if (tool.function.description !== undefined) {
    wire['description'] = tool.function.description;
  }
  if (tool.cache_control !== undefined) {
    wire['cache_control'] = tool.cache_control;
  }
  return wire;
}

function wireToolChoice(choice: ToolChoice | undefined, parallel: boolean | undefined): WireBlock | undefined {
  let wire: WireBlock | undefined;
  if (choice === 'auto') {
    wire = { type: 'auto' };
  } else if (choice === 'required') {
    wire = { type: 'any' };
  } else if (choice === 'none') {
    // Anthropic takes no parallel flag with `none`: no tool is called at all.
    return { type: 'none' };
  } else if (choice !== undefined) {
    wire = { type: 'tool', name: choice.function.name };
  }
  if (parallel === false) {
    wire ??= { type: 'auto' };
    wire['disable_parallel_tool_use'] = true;
  }
  return wire;
}

function stopSequences(stop: string | string[] | undefined): string[] | undefined {
  if (stop === undefined) {
    return undefined;
  }
  // Anthropic rejects stop sequences made of whitespace only.
  const sequences = (typeof stop === 'string' ? [stop] : stop).filter((sequence) => sequence.trim().length > 0);
  return sequences.length > 0 ? sequences : undefined;
}

export interface MessagesRequest {
  request: OutgoingRequest;
  /** `response_format` asked for JSON: the forced tool's input is the answer. */
  jsonMode: boolean;
}

/**
 * The Messages request for `params`. Parameters Anthropic has no counterpart for (`seed`,
 * penalties, `logit_bias`, `logprobs`) are not sent, as LiteLLM drops them.
 */
export function messagesRequest(params: CompletionParams, call: CallContext, stream: boolean): MessagesRequest {
  refuseSeveralChoices(params, call);
  const conversation = toAnthropicConversation(params.messages, call);
  const thinking = thinkingOf(params);
  const body: Record<string, unknown> = { model: call.modelId, max_tokens: maxTokensFor(params, call, thinking), messages: conversation.messages };
  if (conversation.system !== undefined) {
    body['system'] = conversation.system;
  }
  if (params.temperature !== undefined) {
    body['temperature'] = params.temperature;
  }
  if (params.top_p !== undefined) {
    body['top_p'] = params.top_p;
  }
  const stop = stopSequences(params.stop);
  if (stop !== undefined) {
    body['stop_sequences'] = stop;
  }
  if (params.user !== undefined && !emailPattern.test(params.user) && !phonePattern.test(params.user)) {
    body['metadata'] = { user_id: params.user };
  }
  const tools = (params.tools ?? []).map(wireTool);
  let toolChoice = wireToolChoice(params.tool_choice, params.parallel_tool_calls);
  const jsonTool = jsonModeTool(params.response_format);
  if (jsonTool !== undefined) {
    tools.push(jsonTool);
    // Anthropic refuses a forced tool while thinking; the model is then only offered it.
    if (thinking?.type !== 'enabled') {
      toolChoice = { type: 'tool', name: jsonToolName };
    }
  }
  if (tools.length > 0) {
    body['tools'] = tools;
    if (toolChoice !== undefined) {
      body['tool_choice'] = toolChoice;
    }
  }
  if (thinking !== undefined) {
    body['thinking'] = thinking;
  }
  if (stream) {
    body['stream'] = true;
  }
  Object.assign(body, params.extra_body);
  return {
    request: { url: anthropicUrl(call.provider.apiBase, 'messages'), headers: anthropicHeaders(call.provider, stream), body },
    jsonMode: jsonTool !== undefined,
  };
}
