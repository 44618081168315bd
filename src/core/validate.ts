/**
 * Checks a call's parameters before anything is sent, so bad input gets a BadRequestError that
 * names the field (`messages[2].role`) instead of a provider's puzzling 400, or a crash.
 */

import { BadRequestError } from './errors';
import type { CompletionParams, EmbeddingParams } from './types';

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

function fail(param: string, message: string, model?: unknown): never {
  throw new BadRequestError({
    message: `Invalid '${param}': ${message}`,
    param,
    model: typeof model === 'string' ? model : undefined,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkOptionalNumber(params: Record<string, unknown>, field: string): void {
  const value = params[field];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    fail(field, `expected a number, got ${describe(value)}.`, params['model']);
  }
}

/** A count such as `dimensions`: a fractional, zero or negative one is a mistake, not a request. */
function checkOptionalCount(params: Record<string, unknown>, field: string): void {
  const value = params[field];
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
    fail(field, `expected a whole number of at least 1, got ${typeof value === 'number' ? String(value) : describe(value)}.`, params['model']);
  }
}

/** `timeout` is seconds and must leave time for an answer: zero or less would fail every call. */
function checkOptionalTimeout(params: Record<string, unknown>): void {
  const value = params['timeout'];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
    fail('timeout', `expected seconds above 0, got ${typeof value === 'number' ? String(value) : describe(value)}.`, params['model']);
  }
}

/** `proxy`: an http(s) URL with a host; the message never repeats it, since it may hold a password. */
function checkOptionalProxy(params: Record<string, unknown>): void {
  const value = params['proxy'];
  if (value === undefined) {
    return;
  }
  let url: URL | undefined;
  try {
    url = typeof value === 'string' ? new URL(value.trim()) : undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname.length === 0) {
    fail('proxy', `expected a URL like 'http://[user:pass@]host:port', got ${typeof value === 'string' ? 'a string that is not one' : describe(value)}.`, params['model']);
  }
}

/** `ssl_verify`: true, false, or the path of a CA bundle. */
function checkOptionalSslVerify(params: Record<string, unknown>): void {
  const value = params['ssl_verify'];
  if (value !== undefined && typeof value !== 'boolean' && (typeof value !== 'string' || value.trim().length === 0)) {
    fail('ssl_verify', `expected true, false or the path of a PEM CA bundle, got ${typeof value === 'string' ? 'an empty string' : describe(value)}.`, params['model']);
  }
}

/** The per-call network options both kinds of call take. */
function checkNetworkOptions(params: Record<string, unknown>): void {
  checkOptionalProxy(params);
  checkOptionalSslVerify(params);
}

function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  return typeof value === 'string' ? `the string ${JSON.stringify(value.slice(0, 40))}` : `a ${typeof value}`;
}

/** Checks `model`: a non-empty string. Routing checks the provider part. */
export function checkModel(model: unknown): void {
  if (typeof model !== 'string' || model.trim().length === 0) {
    fail('model', `expected 'provider/model' (e.g. 'openai/gpt-4o-mini'), got ${describe(model)}.`);
  }
}

function checkContent(content: unknown, path: string, role: string, model: unknown): void {
  if (typeof content === 'string') {
    return;
  }
  if (content === null || content === undefined) {
    if (role === 'assistant') {
      return;
    }
    fail(path, `a ${role} message needs content.`, model);
  }
  if (!Array.isArray(content)) {
    fail(path, `expected a string or an array of content parts, got ${describe(content)}.`, model);
  }
  content.forEach((part: unknown, index) => {
    const partPath = `${path}[${index}]`;
    if (!isRecord(part) || typeof part['type'] !== 'string') {
      fail(partPath, 'expected a content part with a string `type`.', model);
    }
    if (part['type'] === 'text' && typeof part['text'] !== 'string') {
      fail(`${partPath}.text`, `expected a string, got ${describe(part['text'])}.`, model);
    }
    if (part['type'] === 'image_url') {
      const image = part['image_url'];
      const url = isRecord(image) ? image['url'] : image;
      if (typeof url !== 'string' || url.length === 0) {
        fail(`${partPath}.image_url.url`, 'expected an http(s) or data: URL.', model);
      }
    }
    if (role !== 'user' && part['type'] !== 'text') {
      fail(`${partPath}.type`, `a ${role} message may only hold text parts, got '${part['type']}'.`, model);
    }
  });
}

/** Checks a completion call; throws BadRequestError naming the first bad field. */
export function validateCompletionParams(params: unknown): asserts params is CompletionParams {
  if (!isRecord(params)) {
    fail('params', `expected an object, got ${describe(params)}.`);
  }
  const model = params['model'];
  checkModel(model);
  const messages = params['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    fail('messages', `expected a non-empty array of messages, got ${Array.isArray(messages) ? 'an empty array' : describe(messages)}.`, model);
  }
  messages.forEach((message: unknown, index) => {
    const path = `messages[${index}]`;
    if (!isRecord(message)) {
      fail(path, `expected a message object, got ${describe(message)}.`, model);
    }
    const role = message['role'];
    if (typeof role !== 'string' || !roles.has(role)) {
      fail(`${path}.role`, `expected one of system, developer, user, assistant, tool; got ${describe(role)}.`, model);
    }
    const hasToolCalls = Array.isArray(message['tool_calls']) && message['tool_calls'].length > 0;
    if (!(role === 'assistant' && hasToolCalls && (message['content'] === undefined || message['content'] === null))) {
      checkContent(message['content'], `${path}.content`, role, model);
    }
    if (role === 'tool' && typeof message['tool_call_id'] !== 'string') {
      fail(`${path}.tool_call_id`, 'a tool message needs the id of the call it answers.', model);
    }
  });
  if (params['stream'] !== undefined && typeof params['stream'] !== 'boolean') {
    fail('stream', `expected true or false, got ${describe(params['stream'])}.`, model);
  }
  for (const field of ['temperature', 'top_p', 'seed', 'num_retries', 'presence_penalty', 'frequency_penalty']) {
    checkOptionalNumber(params, field);
  }
  for (const field of ['max_tokens', 'max_completion_tokens', 'n']) {
    checkOptionalCount(params, field);
  }
  checkOptionalTimeout(params);
  checkNetworkOptions(params);
  const tools = params['tools'];
  if (tools !== undefined) {
    if (!Array.isArray(tools)) {
      fail('tools', `expected an array of tools, got ${describe(tools)}.`, model);
    }
    tools.forEach((tool: unknown, index) => {
      const fn = isRecord(tool) ? tool['function'] : undefined;
      if (!isRecord(fn) || typeof fn['name'] !== 'string' || fn['name'].length === 0) {
        fail(`tools[${index}].function.name`, 'every tool needs a function with a name.', model);
      }
    });
  }
  const fallbacks = params['fallbacks'];
  if (fallbacks !== undefined && !Array.isArray(fallbacks)) {
    fail('fallbacks', `expected an array of models, got ${describe(fallbacks)}.`, model);
  }
}

/** Checks an embedding call; throws BadRequestError naming the first bad field. */
export function validateEmbeddingParams(params: unknown): asserts params is EmbeddingParams {
  if (!isRecord(params)) {
    fail('params', `expected an object, got ${describe(params)}.`);
  }
  const model = params['model'];
  checkModel(model);
  const input = params['input'];
  const empty =
    input === undefined ||
    input === null ||
    (typeof input === 'string' && input.length === 0) ||
    (Array.isArray(input) && input.length === 0);
  if (empty) {
    fail('input', 'expected a non-empty string or a non-empty array of strings.', model);
  }
  if (typeof input !== 'string' && !Array.isArray(input)) {
    fail('input', `expected a string or an array, got ${describe(input)}.`, model);
  }
  if (Array.isArray(input)) {
    input.forEach((item: unknown, index) => {
      const ok = (typeof item === 'string' && item.length > 0) || typeof item === 'number' || Array.isArray(item);
      if (!ok) {
        fail(`input[${index}]`, `expected a non-empty string, got ${describe(item)}.`, model);
      }
    });
  }
  checkOptionalCount(params, 'dimensions');
  checkOptionalTimeout(params);
  checkNetworkOptions(params);
}
