/**
 * A VS Code request's options → the core's completion parameters: tools (name, description,
 * input schema) as OpenAI function tools, the tool mode as `tool_choice`, and the model options
 * that have an OpenAI meaning (temperature, max_tokens, …). Options without one are dropped and
 * logged: each provider would read them differently.
 */

import type { CompletionParams, ReasoningEffort, Tool } from '../../core';
import type { LmLog, LmTool, LmToolMode } from './lmParts';

export type RequestOptionParams = Pick<
  CompletionParams,
  | 'tools'
  | 'tool_choice'
  | 'temperature'
  | 'top_p'
  | 'max_tokens'
  | 'max_completion_tokens'
  | 'stop'
  | 'seed'
  | 'presence_penalty'
  | 'frequency_penalty'
  | 'reasoning_effort'
  | 'user'
>;

const numberOptions = ['temperature', 'top_p', 'max_tokens', 'max_completion_tokens', 'seed', 'presence_penalty', 'frequency_penalty'] as const;
const reasoningEfforts: readonly string[] = ['none', 'minimal', 'low', 'medium', 'high'] satisfies ReasoningEffort[];

function hasKeys(value: object | undefined): value is object {
  return value !== undefined && Object.keys(value).length > 0;
}

/** VS Code's tools as OpenAI function tools; a schema only where the tool has one. */
function toOpenAiTools(tools: readonly LmTool[]): Tool[] {
  return tools.map((tool) => {
    const mapped: Tool = { type: 'function', function: { name: tool.name, description: tool.description } };
    if (hasKeys(tool.inputSchema)) {
      mapped.function.parameters = tool.inputSchema as Record<string, unknown>;
    }
    return mapped;
  });
}

function isStop(value: unknown): value is string | string[] {
  return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
}

/** The parameters for tools, tool mode and model options; nothing for what the request does not set. */
export function requestOptionParams(
  options: { tools?: readonly LmTool[] | undefined; toolMode: LmToolMode; modelOptions?: Readonly<Record<string, unknown>> | undefined },
  log: LmLog,
): RequestOptionParams {
  const params: RequestOptionParams = {};
  if (options.tools !== undefined && options.tools.length > 0) {
    params.tools = toOpenAiTools(options.tools);
    if (options.toolMode === 'required') {
      params.tool_choice = 'required';
    }
  }
  for (const [name, value] of Object.entries(options.modelOptions ?? {})) {
    const numberOption = numberOptions.find((option) => option === name);
    if (numberOption !== undefined && typeof value === 'number' && Number.isFinite(value)) {
      params[numberOption] = value;
    } else if (name === 'stop' && isStop(value)) {
      params.stop = value;
    } else if (name === 'reasoning_effort' && typeof value === 'string' && reasoningEfforts.includes(value)) {
      params.reasoning_effort = value as ReasoningEffort;
    } else if (name === 'user' && typeof value === 'string') {
      params.user = value;
    } else {
      log.debug(`vscode.lm: model option '${name}' has no OpenAI meaning here; dropped.`);
    }
  }
  return params;
}
