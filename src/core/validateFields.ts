/**
 * The checks behind validate.ts: one function per kind of field, each throwing a BadRequestError
 * that names the field by its path (`fallbacks[1].temperature`, `stream_options.include_usage`), and
 * the per-call options a completion or an embedding takes — the same checks for the call's own
 * options and for those a fallback sets for itself (`prefix`).
 */

import { BadRequestError } from './errors';
import { headerProblem } from './http/headers';
import { describeValue, isRecord } from './jsonValues';

export function fail(param: string, message: string, model?: unknown): never {
  throw new BadRequestError({
    message: `Invalid '${param}': ${message}`,
    param,
    model: typeof model === 'string' ? model : undefined,
  });
}

/** Where a field's value and its name come from: the call itself, or one of its fallbacks. */
export interface Fields {
  values: Record<string, unknown>;
  /** `''` for the call, `fallbacks[1].` for a fallback. */
  prefix: string;
  /** The call's model, for the error. */
  model: unknown;
}

function number(fields: Fields, field: string): void {
  const value = fields.values[field];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    fail(fields.prefix + field, `expected a number, got ${describeValue(value)}.`, fields.model);
  }
}

/** A whole number of at least `minimum`: a fractional or negative count is a mistake, not a request. */
function wholeNumber(fields: Fields, field: string, minimum: number): void {
  const value = fields.values[field];
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < minimum)) {
    fail(fields.prefix + field, `expected a whole number of at least ${minimum}, got ${typeof value === 'number' ? String(value) : describeValue(value)}.`, fields.model);
  }
}

function boolean(fields: Fields, field: string): void {
  const value = fields.values[field];
  if (value !== undefined && typeof value !== 'boolean') {
    fail(fields.prefix + field, `expected true or false, got ${describeValue(value)}.`, fields.model);
  }
}

function string(fields: Fields, field: string): void {
  const value = fields.values[field];
  if (value !== undefined && typeof value !== 'string') {
    fail(fields.prefix + field, `expected a string, got ${describeValue(value)}.`, fields.model);
  }
}

export function object(fields: Fields, field: string): Record<string, unknown> | undefined {
  const value = fields.values[field];
  if (value !== undefined && !isRecord(value)) {
    fail(fields.prefix + field, `expected an object, got ${describeValue(value)}.`, fields.model);
  }
  return value;
}

function oneOf(fields: Fields, field: string, allowed: readonly string[]): void {
  const value = fields.values[field];
  if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
    fail(fields.prefix + field, `expected one of ${allowed.join(', ')}; got ${describeValue(value)}.`, fields.model);
  }
}

/** `timeout` is seconds and must leave time for an answer: zero or less would fail every call. */
function timeout(fields: Fields): void {
  const value = fields.values['timeout'];
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)) {
    fail(`${fields.prefix}timeout`, `expected seconds above 0, got ${typeof value === 'number' ? String(value) : describeValue(value)}.`, fields.model);
  }
}

/** `proxy`: an http(s) URL with a host; the message never repeats it, since it may hold a password. */
function proxy(fields: Fields): void {
  const value = fields.values['proxy'];
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
    fail(`${fields.prefix}proxy`, `expected a URL like 'http://[user:pass@]host:port', got ${typeof value === 'string' ? 'a string that is not one' : describeValue(value)}.`, fields.model);
  }
}

/** `ssl_verify`: true, false, or the path of a CA bundle. */
function sslVerify(fields: Fields): void {
  const value = fields.values['ssl_verify'];
  if (value !== undefined && typeof value !== 'boolean' && (typeof value !== 'string' || value.trim().length === 0)) {
    fail(`${fields.prefix}ssl_verify`, `expected true, false or the path of a PEM CA bundle, got ${typeof value === 'string' ? 'an empty string' : describeValue(value)}.`, fields.model);
  }
}

/**
 * `extra_headers`: strings under valid names, none that routes or frames the request (`Host` would
 * also pick the TLS server name; see `isRoutingHeader`).
 */
function extraHeaders(fields: Fields): void {
  const headers = object(fields, 'extra_headers');
  for (const [name, value] of Object.entries(headers ?? {})) {
    const problem = headerProblem(name, value);
    if (problem !== undefined) {
      fail(`${fields.prefix}extra_headers.${name}`, `${problem}.`, fields.model);
    }
  }
}

/**
 * Body fields that say what is asked — the model, the conversation, the input, whether it streams
 * — and so belong to the call's own parameters. In `extra_body` they would replace what the call
 * was checked, routed, priced and counted as (`extra_body.model: 'o1-pro'` on a call for a cheap
 * model), so they are refused there.
 */
const askingFields: readonly string[] = ['model', 'stream', 'messages', 'input', 'prompt', 'contents', 'system', 'systemInstruction', 'system_instruction', 'instructions'];

function extraBody(fields: Fields): void {
  const body = object(fields, 'extra_body');
  const asking = askingFields.find((field) => body !== undefined && Object.prototype.hasOwnProperty.call(body, field));
  if (asking !== undefined) {
    fail(`${fields.prefix}extra_body.${asking}`, `'${asking}' says what is asked, so it is a parameter of the call itself, not of extra_body.`, fields.model);
  }
}

/** The options both kinds of call take: network, time, retries, extra headers and body fields. */
function callOptions(fields: Fields): void {
  timeout(fields);
  wholeNumber(fields, 'num_retries', 0);
  proxy(fields);
  sslVerify(fields);
  extraHeaders(fields);
  extraBody(fields);
}

function stop(fields: Fields): void {
  const value = fields.values['stop'];
  if (value !== undefined && typeof value !== 'string' && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
    fail(`${fields.prefix}stop`, `expected a string or an array of strings, got ${describeValue(value)}.`, fields.model);
  }
}

function logitBias(fields: Fields): void {
  const bias = object(fields, 'logit_bias');
  if (bias !== undefined && !Object.values(bias).every((value) => typeof value === 'number' && Number.isFinite(value))) {
    fail(`${fields.prefix}logit_bias`, 'expected an object of token ids to numbers.', fields.model);
  }
}

function streamOptions(fields: Fields): void {
  const options = object(fields, 'stream_options');
  if (options !== undefined) {
    boolean({ ...fields, values: options, prefix: `${fields.prefix}stream_options.` }, 'include_usage');
  }
}

/**
 * What a completion (or one of its fallbacks) may set besides `model`, `messages`, `fallbacks`
 * and its tooling (tools, tool_choice, response_format, thinking: validateTooling.ts).
 */
export function checkGenerationOptions(fields: Fields): void {
  for (const field of ['temperature', 'top_p', 'seed', 'presence_penalty', 'frequency_penalty']) {
    number(fields, field);
  }
  for (const field of ['max_tokens', 'max_completion_tokens', 'n']) {
    wholeNumber(fields, field, 1);
  }
  wholeNumber(fields, 'top_logprobs', 0);
  for (const field of ['logprobs', 'parallel_tool_calls']) {
    boolean(fields, field);
  }
  string(fields, 'mock_response');
  oneOf(fields, 'reasoning_effort', ['none', 'minimal', 'low', 'medium', 'high']);
  stop(fields);
  logitBias(fields);
  streamOptions(fields);
  callOptions(fields);
}

/** What an embedding may set besides `model` and `input`. */
export function checkEmbeddingOptions(fields: Fields): void {
  wholeNumber(fields, 'dimensions', 1);
  oneOf(fields, 'encoding_format', ['float', 'base64']);
  string(fields, 'task_type');
  callOptions(fields);
}
