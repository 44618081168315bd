/**
 * The Converse / ConverseStream request body for `params`, as LiteLLM builds it: sampling in
 * `inferenceConfig`, tools in `toolConfig`, and what only some models take (Claude's `thinking`,
 * `top_k`) in `additionalModelRequestFields`. Parameters Converse has no place for (`seed`,
 * penalties, `logit_bias`) are not sent.
 */

import { UnsupportedParamsError } from '../../errors';
import type { CompletionParams, Tool, ToolChoice } from '../../types';
import { thinkingOf } from '../anthropic/request';
import type { CallContext } from '../types';
import { toConverseConversation } from './messages';

type WireObject = Record<string, unknown>;

function wireTool(tool: Tool): WireObject {
  const spec: WireObject = { name: tool.function.name, inputSchema: { json: tool.function.parameters ?? { type: 'object', properties: {} } } };
  if (tool.function.description !== undefined) {
    spec['description'] = tool.function.description;
  }
  return { toolSpec: spec };
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
  if (params.n !== undefined && params.n > 1) {
    throw new UnsupportedParamsError({
      message: `${call.provider.displayName} answers with one choice per request; n=${params.n} is not supported.`,
      param: 'n',
      llm_provider: call.provider.id,
      model: call.requestedModel,
    });
  }
  const conversation = toConverseConversation(params.messages, call);
  const body: WireObject = { messages: conversation.messages };
  if (conversation.system.length > 0) {
    body['system'] = conversation.system;
  }
  const config = inferenceConfig(params);
  if (config !== undefined) {
    body['inferenceConfig'] = config;
  }
  const tools = params.tool_choice === 'none' ? [] : (params.tools ?? []).map(wireTool);
  if (tools.length > 0) {
    const toolConfig: WireObject = { tools };
    const choice = wireToolChoice(params.tool_choice);
    if (choice !== undefined) {
      toolConfig['toolChoice'] = choice;
    }
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
