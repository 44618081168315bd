/**
 * LiteLLM-style params → a Responses API request (`POST /responses`): messages as `input` items
 * and `instructions`, function tools in the Responses shape, `reasoning` and `text.format`.
 * Nothing is stored at OpenAI (`store: false`); reasoning models are asked for their encrypted
 * reasoning, so the next turn can send it back (see reasoningCarry.ts).
 */

import type { CompletionParams, ResponseFormat, Tool, ToolChoice } from '../../../types';
import type { OutgoingRequest } from '../../exchange';
import type { CallContext, ResolvedProvider } from '../../types';
import { budgetToEffort, isReasoningModel, requestHeaders } from '../request';
import type { OpenAIWireConfig } from '../wireConfig';
import { responsesInput } from './input';

/** Fields the Responses API takes under the same name and meaning as chat completions. */
const passThroughFields = ['temperature', 'top_p', 'top_logprobs', 'user', 'parallel_tool_calls'] as const satisfies readonly (keyof CompletionParams)[];

/**
 * OpenAI's `/responses`; Azure's v1 surface `<resource>/openai/v1/responses`, which takes the
 * deployment name as `model` and needs no `api-version`.
 */
export function responsesUrl(provider: ResolvedProvider, wire: OpenAIWireConfig): string {
  if (wire.urls === 'azure' && !/\/openai\/v1$/.test(provider.apiBase)) {
    return `${provider.apiBase}/openai/v1/responses`;
  }
  return `${provider.apiBase}/responses`;
}

function responsesTool(tool: Tool): unknown {
  const { name, description, parameters, strict } = tool.function;
  return {
    type: 'function',
    name,
    ...(description === undefined ? {} : { description }),
    parameters: parameters ?? { type: 'object', properties: {} },
    ...(strict === undefined ? {} : { strict }),
  };
}

function responsesToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.function.name };
}

function textFormat(format: ResponseFormat): unknown {
  if (format.type !== 'json_schema') {
    return { type: format.type };
  }
  const { name, schema, strict, description } = format.json_schema;
  return {
    type: 'json_schema',
    name,
    schema: schema ?? {},
    ...(strict === undefined ? {} : { strict }),
    ...(description === undefined ? {} : { description }),
  };
}

/** The Responses request for `params`; `call.modelId` is the model (or Azure deployment) itself. */
export function responsesRequest(params: CompletionParams, call: CallContext, wire: OpenAIWireConfig, stream: boolean): OutgoingRequest {
  const { instructions, input } = responsesInput(params.messages);
  const body: Record<string, unknown> = { model: call.modelId, input };
  if (instructions !== undefined) {
    body['instructions'] = instructions;
  }
  for (const field of passThroughFields) {
    if (params[field] !== undefined) {
      body[field] = params[field];
    }
  }
  const maxTokens = params.max_completion_tokens ?? params.max_tokens;
  if (maxTokens !== undefined) {
    body['max_output_tokens'] = maxTokens;
  }
  if (params.tools !== undefined && params.tools.length > 0) {
    body['tools'] = params.tools.map(responsesTool);
  }
  if (params.tool_choice !== undefined) {
    body['tool_choice'] = responsesToolChoice(params.tool_choice);
  }
  if (params.response_format !== undefined) {
    body['text'] = { format: textFormat(params.response_format) };
  }
  let effort = params.reasoning_effort;
  if (effort === undefined && params.thinking?.type === 'enabled') {
    effort = budgetToEffort(params.thinking.budget_tokens);
  }
  if (effort !== undefined) {
    // `summary: auto` streams the reasoning's summary, which becomes `reasoning_content`.
    body['reasoning'] = { effort, summary: 'auto' };
  }
  body['store'] = false;
  if (effort !== undefined || isReasoningModel(call.modelId)) {
    body['include'] = ['reasoning.encrypted_content'];
  }
  if (stream) {
    body['stream'] = true;
  }
  Object.assign(body, params.extra_body);
  return { url: responsesUrl(call.provider, wire), headers: requestHeaders(call.provider, wire, stream), body };
}
