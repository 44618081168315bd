/**
 * The Converse / ConverseStream request body for `params`, as LiteLLM builds it: sampling in
 * `inferenceConfig`, tools in `toolConfig`, and what only some models take (Claude's `thinking`,
 * `top_k`) in `additionalModelRequestFields`. Parameters Converse has no place for (`seed`,
 * penalties, `logit_bias`) are not sent.
 */

import type { CompletionParams, Tool, ToolChoice } from '../../types';
import { thinkingOf } from '../anthropic/request';
import type { CallContext } from '../types';
import { toConverseConversation, type ConverseConversation } from './messages';
import { refuseSeveralChoices } from '../oneChoice';

type WireObject = Record<string, unknown>;

function wireTool(tool: Tool): WireObject {
  const spec: WireObject = { name: tool.function.name, inputSchema: { json: tool.function.parameters ?? { type: 'object', properties: {} } } };
  if (tool.function.description !== undefined) {
    spec['description'] = tool.function.description;
  }
  return { toolSpec: spec };
}

/**
 * The tool names a conversation's earlier `toolUse` blocks call. Converse refuses a conversation
 * holding `toolUse` or `toolResult` blocks unless the request has a `toolConfig`, so a call that
 * turned tools off (`tool_choice: 'none'`) or sends none still declares these.
 */
function historyToolNames(conversation: ConverseConversation): Set<string> | undefined {
  const names = new Set<string>();
  let holdsTools = false;
  for (const message of conversation.messages) {
    for (const block of message.content) {
      const toolUse = block['toolUse'] as { name?: unknown } | undefined;
      if (toolUse !== undefined && typeof toolUse.name === 'string') {
        names.add(toolUse.name);
      }
      holdsTools ||= toolUse !== undefined || block['toolResult'] !== undefined;
    }
  }
  return holdsTools ? names : undefined;
}

/** The `toolConfig` for `params`, or undefined when the request needs none. */
function toolConfigOf(params: CompletionParams, conversation: ConverseConversation): WireObject | undefined {
  const declared = (params.tools ?? []).map(wireTool);
  const history = historyToolNames(conversation);
  if (params.tool_choice !== 'none' && declared.length > 0) {
    const choice = wireToolChoice(params.tool_choice);
    return choice === undefined ? { tools: declared } : { tools: declared, toolChoice: choice };
  }
  if (history === undefined) {
    return undefined;
  }
  // `none` has no Converse counterpart: the tools are declared without a choice, only because the history needs them.
  const known = new Set((params.tools ?? []).map((tool) => tool.function.name));
  const fromHistory = [...history].filter((name) => !known.has(name)).map((name) => wireTool({ type: 'function', function: { name } }));
  const tools = [...declared, ...fromHistory];
  return tools.length > 0 ? { tools } : undefined;
}

/** Converse's `toolChoice`; `none` has no counterpart, so the tools are left out instead. */
function wireToolChoice(choice: ToolChoice | undefined): WireObject | undefined {
  if (choice === undefined || choice === 'none') {
    return undefined;
  }
  if (choice === 'auto') {
    return { auto: {} };
  }
  if (choice === 'required') {
    return { any: {} };
  }
  return { tool: { name: choice.function.name } };
}

function inferenceConfig(params: CompletionParams): WireObject | undefined {
  const config: WireObject = {};
  const maxTokens = params.max_completion_tokens ?? params.max_tokens;
  if (maxTokens !== undefined) {
    config['maxTokens'] = maxTokens;
  }
  if (params.temperature !== undefined) {
    config['temperature'] = params.temperature;
  }
  if (params.top_p !== undefined) {
    config['topP'] = params.top_p;
  }
  if (params.stop !== undefined) {
    config['stopSequences'] = typeof params.stop === 'string' ? [params.stop] : params.stop;
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

/** The path of the call: the model id (a profile ARN included) URL-encoded as one path segment. */
export function conversePath(modelId: string, stream: boolean): string {
  return `/model/${encodeURIComponent(modelId)}/${stream ? 'converse-stream' : 'converse'}`;
}

export function converseBody(params: CompletionParams, call: CallContext): WireObject {
  refuseSeveralChoices(params, call);
  const conversation = toConverseConversation(params.messages, call);
  const body: WireObject = { messages: conversation.messages };
  if (conversation.system.length > 0) {
    body['system'] = conversation.system;
  }
  const config = inferenceConfig(params);
  if (config !== undefined) {
    body['inferenceConfig'] = config;
  }
  const toolConfig = toolConfigOf(params, conversation);
  if (toolConfig !== undefined) {
    body['toolConfig'] = toolConfig;
  }
  // Claude on Bedrock takes Anthropic's own `thinking` object beside the Converse fields.
  const thinking = thinkingOf(params);
  if (thinking !== undefined) {
    body['additionalModelRequestFields'] = { thinking };
  }
  Object.assign(body, params.extra_body);
  return body;
}
