/**
 * Invalid completion calls, generated from the fields of CompletionParams: each field with every
 * value of a kind it is not; the structured ones (stop, tools, tool_choice, response_format,
 * thinking, stream_options, logit_bias, fallbacks) also broken inside; each fallback option given a
 * wrong value inside a fallback; and every message shape broken — role, content and its parts per
 * role, name, a tool message's id, an assistant's tool calls. Each case names the field its
 * error must name.
 */

import { callOptionFields, casesFor, describeValue, type FieldKind, type InvalidCase } from './wrongValues';

const user = { role: 'user', content: 'Hi' };
export const validCompletion = { model: 'openai/gpt-4o-mini', messages: [user] };

/** The optional fields of CompletionParams (and its CallOptions) with their kinds. */
const completionFields: Record<string, FieldKind> = {
  stream: 'boolean',
  stream_options: 'object',
  temperature: 'number',
  top_p: 'number',
  n: 'count',
  max_tokens: 'count',
  max_completion_tokens: 'count',
  presence_penalty: 'number',
  frequency_penalty: 'number',
  logit_bias: 'object',
  logprobs: 'boolean',
  top_logprobs: 'nonNegativeInteger',
  seed: 'number',
  user: 'string',
  tools: 'array',
  parallel_tool_calls: 'boolean',
  response_format: 'object',
  reasoning_effort: { oneOf: ['none', 'minimal', 'low', 'medium', 'high'] },
  thinking: 'object',
  mock_response: 'string',
  ...callOptionFields,
  fallbacks: 'array',
};

/** What a fallback may set for itself: everything but the messages and further fallbacks. */
const fallbackFields = Object.entries(completionFields).filter(([field]) => field !== 'fallbacks' && field !== 'stream');

function withField(field: string): (value: unknown) => unknown {
  return (value) => ({ ...validCompletion, [field]: value });
}

/** Values of the right kind that are still wrong, inside the structured fields. */
function structured(): InvalidCase[] {
  const cases: [string, unknown, string][] = [
    ['stop', 5, 'stop'],
    ['stop', true, 'stop'],
    ['stop', null, 'stop'],
    ['stop', {}, 'stop'],
    ['stop', [1], 'stop'],
    ['stop', ['END', 5], 'stop'],
    ['stream_options', { include_usage: 'yes' }, 'stream_options.include_usage'],
    ['logit_bias', { 50256: 'never' }, 'logit_bias'],
    ['timeout', 0, 'timeout'],
    ['timeout', -5, 'timeout'],
    ['proxy', 'not a url', 'proxy'],
    ['proxy', 'ftp://proxy.example:21', 'proxy'],
    ['ssl_verify', 5, 'ssl_verify'],
    ['ssl_verify', null, 'ssl_verify'],
    ['ssl_verify', '', 'ssl_verify'],
    ['ssl_verify', [], 'ssl_verify'],
    ['extra_headers', { 'X-Trace': 1 }, 'extra_headers.X-Trace'],
    // Headers that would route the request, with the user's key, to another host or TLS name.
    ['extra_headers', { Host: 'evil.example' }, 'extra_headers.Host'],
    ['extra_headers', { host: 'evil.example:443' }, 'extra_headers.host'],
    ['extra_headers', { ':authority': 'evil.example' }, 'extra_headers.:authority'],
    ['extra_headers', { Connection: 'upgrade' }, 'extra_headers.Connection'],
    ['extra_headers', { TE: 'trailers' }, 'extra_headers.TE'],
    ['extra_headers', { Upgrade: 'h2c' }, 'extra_headers.Upgrade'],
    ['extra_headers', { Forwarded: 'host=evil.example' }, 'extra_headers.Forwarded'],
    ['extra_headers', { 'X-Forwarded-Host': 'evil.example' }, 'extra_headers.X-Forwarded-Host'],
    ['extra_headers', { 'X-Forwarded-For': '10.0.0.1' }, 'extra_headers.X-Forwarded-For'],
    ['extra_headers', { 'Transfer-Encoding': 'chunked' }, 'extra_headers.Transfer-Encoding'],
    ['extra_headers', { 'X-Trace': 'a\r\nHost: evil.example' }, 'extra_headers.X-Trace'],
    // extra_body fields that would change what was asked (and priced).
    ['extra_body', { model: 'o1-pro' }, 'extra_body.model'],
    ['extra_body', { stream: true }, 'extra_body.stream'],
    ['extra_body', { messages: [] }, 'extra_body.messages'],
    ['extra_body', { input: 'x' }, 'extra_body.input'],
    ['signal', { aborted: false }, 'signal'],
    ['signal', 'abort', 'signal'],
    ['base_url', 'http://127.0.0.1:9/v1', 'base_url'],
    // One of the user's AWS identities, or a file of theirs: not a caller's to name.
    ['aws_profile_name', 'production', 'aws_profile_name'],
    ['vertex_credentials', '/home/user/.config/gcloud/application_default_credentials.json', 'vertex_credentials'],
    ['tools', [5], 'tools[0]'],
    ['tools', [{ type: 'function' }], 'tools[0].function.name'],
    ['tools', [{ type: 'function', function: { name: 5 } }], 'tools[0].function.name'],
    ['tools', [{ type: 'retrieval', function: { name: 'lookup' } }], 'tools[0].type'],
    ['tools', [{ type: 'function', function: { name: 'lookup', parameters: 'a schema' } }], 'tools[0].function.parameters'],
    ['tool_choice', 5, 'tool_choice'],
    ['tool_choice', null, 'tool_choice'],
    ['tool_choice', [], 'tool_choice'],
    ['tool_choice', 'always', 'tool_choice'],
    ['tool_choice', { type: 'tool' }, 'tool_choice.type'],
    ['tool_choice', { type: 'function' }, 'tool_choice.function.name'],
    ['tool_choice', { type: 'function', function: { name: 5 } }, 'tool_choice.function.name'],
    ['response_format', {}, 'response_format.type'],
    ['response_format', { type: 'xml' }, 'response_format.type'],
    ['response_format', { type: 'json_schema' }, 'response_format.json_schema'],
    ['response_format', { type: 'json_schema', json_schema: 'a schema' }, 'response_format.json_schema'],
    ['response_format', { type: 'json_schema', json_schema: { name: 5 } }, 'response_format.json_schema.name'],
    ['response_format', { type: 'json_schema', json_schema: { name: 'answer', schema: 'object' } }, 'response_format.json_schema.schema'],
    ['thinking', {}, 'thinking.type'],
    ['thinking', { type: 'maybe' }, 'thinking.type'],
    ['thinking', { type: 'enabled' }, 'thinking.budget_tokens'],
    ['thinking', { type: 'enabled', budget_tokens: 'lots' }, 'thinking.budget_tokens'],
    ['thinking', { type: 'enabled', budget_tokens: -1 }, 'thinking.budget_tokens'],
    ['fallbacks', [5], 'fallbacks[0]'],
    ['fallbacks', [''], 'fallbacks[0]'],
    ['fallbacks', [null], 'fallbacks[0]'],
    ['fallbacks', [{}], 'fallbacks[0].model'],
    ['fallbacks', [{ temperature: 0 }], 'fallbacks[0].model'],
    ['fallbacks', ['nosuch/model'], 'fallbacks[0]'],
  ];
  return cases.map(([field, value, param]) => ({ label: `${field} = ${describeValue(value)}`, params: withField(field)(value), param }));
}

/** Each option a fallback may carry, wrong inside the fallback: its error names `fallbacks[1].<field>`. */
function insideFallbacks(): InvalidCase[] {
  return fallbackFields.map(([field, kind]) => {
    const [value] = casesFor(field, kind, (wrong) => wrong);
    const wrong = value?.params;
    return {
      label: `fallbacks[1].${field} = ${describeValue(wrong)}`,
      params: { ...validCompletion, fallbacks: ['openai/gpt-4o', { model: 'openai/gpt-4.1-mini', [field]: wrong }] },
      param: `fallbacks[1].${field}`,
    };
  });
}

function withMessages(...messages: unknown[]): unknown {
  return { ...validCompletion, messages };
}

const toolCall = { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } };

/** Every message shape broken: the message, its role, its content per role, content parts, name, tool ids and calls. */
function messages(): InvalidCase[] {
  const cases: [string, unknown[], string][] = [
    ['a message that is a number', [5], 'messages[0]'],
    ['a message that is a string', ['Hi'], 'messages[0]'],
    ['a message that is null', [null], 'messages[0]'],
    ['a message that is an array', [[user]], 'messages[0]'],
    ['a message without a role', [{ content: 'Hi' }], 'messages[0].role'],
    ['a role that is a number', [{ role: 5, content: 'Hi' }], 'messages[0].role'],
    ['an unknown role', [{ role: 'robot', content: 'Hi' }], 'messages[0].role'],
    ['a role in capitals', [{ role: 'User', content: 'Hi' }], 'messages[0].role'],
    ['a user message without content', [{ role: 'user' }], 'messages[0].content'],
    ['user content null', [{ role: 'user', content: null }], 'messages[0].content'],
    ['user content a number', [{ role: 'user', content: 5 }], 'messages[0].content'],
    ['user content an object', [{ role: 'user', content: { text: 'Hi' } }], 'messages[0].content'],
    ['system content a boolean', [{ role: 'system', content: true }, user], 'messages[0].content'],
    ['assistant content a number', [user, { role: 'assistant', content: 5 }, user], 'messages[1].content'],
    ['a content part that is a string', [{ role: 'user', content: ['Hi'] }], 'messages[0].content[0]'],
    ['a content part without a type', [{ role: 'user', content: [{ text: 'Hi' }] }], 'messages[0].content[0]'],
    ['a content part of an unknown type', [{ role: 'user', content: [{ type: 'video', video: {} }] }], 'messages[0].content[0].type'],
    ['a text part without text', [{ role: 'user', content: [{ type: 'text' }] }], 'messages[0].content[0].text'],
    ['a text part whose text is a number', [{ role: 'user', content: [{ type: 'text', text: 5 }] }], 'messages[0].content[0].text'],
    ['an image part without an image', [{ role: 'user', content: [{ type: 'image_url' }] }], 'messages[0].content[0].image_url.url'],
    ['an image part whose url is a number', [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 5 } }] }], 'messages[0].content[0].image_url.url'],
    ['an image part of an unknown detail', [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'ultra' } }] }], 'messages[0].content[0].image_url.detail'],
    ['an image in a system message', [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }, user], 'messages[0].content[0].type'],
    ['a name that is a number', [{ role: 'user', content: 'Hi', name: 5 }], 'messages[0].name'],
    ['a tool message without tool_call_id', [user, { role: 'assistant', content: null, tool_calls: [toolCall] }, { role: 'tool', content: '42' }], 'messages[2].tool_call_id'],
    ['a tool_call_id that is a number', [user, { role: 'assistant', content: null, tool_calls: [toolCall] }, { role: 'tool', tool_call_id: 5, content: '42' }], 'messages[2].tool_call_id'],
    ['a tool message without content', [user, { role: 'assistant', content: null, tool_calls: [toolCall] }, { role: 'tool', tool_call_id: 'call_1' }], 'messages[2].content'],
    ['tool_calls that are a string', [user, { role: 'assistant', content: 'x', tool_calls: 'lookup' }], 'messages[1].tool_calls'],
    ['a tool call that is a number', [user, { role: 'assistant', content: null, tool_calls: [5] }], 'messages[1].tool_calls[0]'],
    ['a tool call without an id', [user, { role: 'assistant', content: null, tool_calls: [{ type: 'function', function: { name: 'lookup', arguments: '{}' } }] }], 'messages[1].tool_calls[0].id'],
    ['a tool call of an unknown type', [user, { role: 'assistant', content: null, tool_calls: [{ ...toolCall, type: 'retrieval' }] }], 'messages[1].tool_calls[0].type'],
    ['a tool call without a function', [user, { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function' }] }], 'messages[1].tool_calls[0].function'],
    ['a tool call whose name is a number', [user, { role: 'assistant', content: null, tool_calls: [{ ...toolCall, function: { name: 5, arguments: '{}' } }] }], 'messages[1].tool_calls[0].function.name'],
    ['a tool call whose arguments are an object', [user, { role: 'assistant', content: null, tool_calls: [{ ...toolCall, function: { name: 'lookup', arguments: { city: 'Paris' } } }] }], 'messages[1].tool_calls[0].function.arguments'],
  ];
  return [
    ...casesFor('messages', 'array', (value) => ({ ...validCompletion, messages: value })),
    { label: 'messages = []', params: { ...validCompletion, messages: [] }, param: 'messages' },
    ...cases.map(([label, list, param]) => ({ label, params: withMessages(...list), param })),
  ];
}

/** Models that are no model, or one the API does not route: a provider that does not exist, VS Code's own. */
function models(): InvalidCase[] {
  const values: unknown[] = [undefined, 42, null, '', '   ', [], {}, 'openai/', 'nosuch/model', 'no-such-model-9000', 'vscode-lm/copilot/gpt-4o'];
  return values.map((model) => ({ label: `model = ${describeValue(model)}`, params: { messages: [user], ...(model === undefined ? {} : { model }) }, param: 'model' }));
}

export function completionCases(): InvalidCase[] {
  return [
    { label: 'params = undefined', params: undefined, param: 'params' },
    ...['Hi', 5, null, []].map((params) => ({ label: `params = ${describeValue(params)}`, params, param: 'params' })),
    ...models(),
    ...messages(),
    ...Object.entries(completionFields).flatMap(([field, kind]) => casesFor(field, kind, withField(field))),
    ...structured(),
    ...insideFallbacks(),
  ];
}
