/**
 * What the mock model says: a deterministic function of the request, so demos and tests see the
 * same answer every time. It echoes the question, calls the first tool offered (with its required
 * arguments) when tools are offered, reports the tool's result, thinks aloud when reasoning is
 * asked for, and counts tokens.
 */

import type { CompletionParams, JsonSchema, Message, Tool, ToolCall } from '../../types';

export interface MockAnswer {
  reasoning: string | undefined;
  content: string | null;
  toolCalls: ToolCall[] | undefined;
  promptTokens: number;
}

function textOf(message: Message | undefined): string {
  if (message === undefined) {
    return '';
  }
  const { content } = message;
  if (typeof content === 'string') {
    return content;
  }
  if (!Array.isArray(content)) {
    return '';
  }
  return content.map((part) => (part.type === 'text' ? part.text : `[${part.type}]`)).join(' ');
}

/** A rough token count (four characters a token), good enough for a mock's usage figures. */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : Math.max(1, Math.ceil(text.length / 4));
}

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The first alternative that is not `null`: optional fields come as `anyOf`/`oneOf` or `type: [x, 'null']`. */
function firstNonNull<T>(values: readonly T[], isNull: (value: T) => boolean): T | undefined {
  return values.find((value) => !isNull(value)) ?? values[0];
}

/** An example value for a JSON schema: the const or first enum value, or a typed placeholder. */
function exampleFor(schema: JsonSchema | undefined): unknown {
  if (schema === undefined) {
    return {};
  }
  if ('const' in schema) {
    return schema['const'];
  }
  const enumValues = schema['enum'];
  if (Array.isArray(enumValues) && enumValues.length > 0) {
    return enumValues[0];
  }
  const alternatives = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    const alternative: unknown = firstNonNull(alternatives as unknown[], (value) => isSchema(value) && value['type'] === 'null');
    return isSchema(alternative) ? exampleFor(alternative) : {};
  }
  const declared: unknown = schema['type'];
  const type = Array.isArray(declared) ? firstNonNull(declared as unknown[], (value) => value === 'null') : declared;
  switch (type) {
    case 'string':
      return 'example';
    case 'number':
      return 1.5;
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return [exampleFor(schema['items'] as JsonSchema | undefined)];
    case 'object':
    default: {
      const properties = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      // A schema that names its required fields gets only those (a minimal valid call: a listing
      // tool lists the root rather than a folder named "example"); one that names none gets all.
      const required = schema['required'];
      const names = Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string' && Object.hasOwn(properties, name)) : Object.keys(properties);
      const value: Record<string, unknown> = {};
      for (const name of names) {
        value[name] = exampleFor(properties[name]);
      }
      return value;
    }
  }
}

function chosenTool(params: CompletionParams): Tool | undefined {
  const tools = params.tools ?? [];
  const choice = params.tool_choice;
  if (tools.length === 0 || choice === 'none') {
    return undefined;
  }
  if (typeof choice === 'object') {
    return tools.find((tool) => tool.function.name === choice.function.name);
  }
  return tools[0];
}

export function mockAnswer(params: CompletionParams, modelId: string): MockAnswer {
  const messages = params.messages;
  const last = messages[messages.length - 1];
  const promptTokens = messages.reduce((sum, message) => sum + countTokens(textOf(message)) + 3, 0);
  const lastUser = [...messages].reverse().find((message) => message.role === 'user');
  const question = textOf(lastUser).trim();
  // `reasoning_effort: 'none'` asks a reasoning model not to think, as OpenAI reads it.
  const reasoning =
    (params.reasoning_effort !== undefined && params.reasoning_effort !== 'none') || params.thinking?.type === 'enabled'
      ? `The user wrote ${question.length} characters. A mock model answers by echoing them.`
      : undefined;

  if (params.mock_response !== undefined) {
    return { reasoning, content: params.mock_response, toolCalls: undefined, promptTokens };
  }
  const tool = chosenTool(params);
  if (tool !== undefined && last?.role !== 'tool') {
    const call: ToolCall = {
      id: `call_mock_${messages.length}`,
      type: 'function',
      function: { name: tool.function.name, arguments: JSON.stringify(exampleFor(tool.function.parameters)) },
    };
    return { reasoning, content: null, toolCalls: [call], promptTokens };
  }
  if (last?.role === 'tool') {
    return { reasoning, content: `The tool answered: ${textOf(last)}`, toolCalls: undefined, promptTokens };
  }
  const quoted = question.length === 0 ? '_(nothing)_' : question.split('\n').map((line) => `> ${line}`).join('\n');
  const content = [
    `This is **${modelId}**, Switchboard's offline mock model. You wrote:`,
    '',
    quoted,
    '',
    'It answers without a network, so everything else can be tried out — code blocks, for one:',
    '',
    '```ts',
    `const question = ${JSON.stringify(question.slice(0, 60))};`,
    'console.log(`You asked: ${question}`);',
    '```',
    '',
    'Set an API key for a real provider to get real answers.',
  ].join('\n');
  return { reasoning, content, toolCalls: undefined, promptTokens };
}
