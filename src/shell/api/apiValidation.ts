/**
 * Input checks at the API's door, on top of the core's (`validate.ts`): the per-call options that
 * decide where a request goes and with which credentials must have the types the key rule reads,
 * and every fallback must name a model. Each failure is a BadRequestError naming the field.
 */

import { describeValue, isRecord, validateCompletionParams, validateEmbeddingParams, type CompletionParams, type EmbeddingParams } from '../../core';
import { badRequest } from './apiErrors';

function modelOf(params: Record<string, unknown>): string | undefined {
  const model = params['model'];
  return typeof model === 'string' ? model : undefined;
}

/** `api_base`, `api_key`, `api_version`, `proxy`, `ssl_verify`, `vertex_*`, `aws_*` of the call or of one fallback. */
function checkCallOptions(options: Record<string, unknown>, path: string, model: string | undefined): void {
  for (const field of ['api_base', 'api_key', 'api_version', 'user', 'proxy']) {
    const value = options[field];
    if (value !== undefined && typeof value !== 'string') {
      throw badRequest(`${path}${field}`, `expected a string, got ${describeValue(value)}.`, model);
    }
  }
  const sslVerify = options['ssl_verify'];
  if (sslVerify !== undefined && typeof sslVerify !== 'boolean' && typeof sslVerify !== 'string') {
    throw badRequest(`${path}ssl_verify`, `expected true, false or the path of a PEM CA bundle, got ${describeValue(sslVerify)}.`, model);
  }
  for (const field of ['vertex_project', 'vertex_location', 'vertex_credentials', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_region_name', 'aws_bedrock_runtime_endpoint']) {
    const value = options[field];
    if (value !== undefined && typeof value !== 'string') {
      throw badRequest(`${path}${field}`, `expected a string, got ${describeValue(value)}.`, model);
    }
  }
  // The core also reads a path here; a caller may not have Switchboard read a file of its choosing (the user's key file).
  const credentials = options['vertex_credentials'];
  if (typeof credentials === 'string' && !credentials.trim().startsWith('{')) {
    throw badRequest(`${path}vertex_credentials`, 'the API takes the credentials JSON itself, not the path of a file.', model);
  }
  // A profile names one of the user's AWS identities from their files: not a caller's to choose.
  if (options['aws_profile_name'] !== undefined) {
    throw badRequest(`${path}aws_profile_name`, "the API does not let a caller choose one of the user's AWS profiles; pass your own aws_access_key_id and aws_secret_access_key, or none to use the user's setup.", model);
  }
  // LiteLLM's alias for api_base; the core reads only api_base, so it would be ignored silently.
  if (options['base_url'] !== undefined) {
    throw badRequest(`${path}base_url`, 'Switchboard takes the base URL as `api_base`.', model);
  }
  // `extra_headers` (strings, valid names, none that routes the request) is the core's check.
}

function checkSignal(params: Record<string, unknown>, model: string | undefined): void {
  const signal = params['signal'];
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    throw badRequest('signal', `expected an AbortSignal, got ${describeValue(signal)}.`, model);
  }
}

function checkFallbacks(params: Record<string, unknown>, model: string | undefined): void {
  const fallbacks = params['fallbacks'];
  if (!Array.isArray(fallbacks)) {
    return;
  }
  fallbacks.forEach((fallback: unknown, index) => {
    const path = `fallbacks[${index}]`;
    if (typeof fallback === 'string') {
      if (fallback.trim().length === 0) {
        throw badRequest(path, 'expected a model name.', model);
      }
      return;
    }
    if (!isRecord(fallback) || typeof fallback['model'] !== 'string' || fallback['model'].trim().length === 0) {
      throw badRequest(`${path}.model`, 'a fallback is a model name, or an object with a `model`.', model);
    }
    checkCallOptions(fallback, `${path}.`, model);
  });
}

/** A completion call as the API takes it; throws BadRequestError naming the first bad field. */
export function validateApiCompletion(params: unknown): asserts params is CompletionParams {
  validateCompletionParams(params);
  const record = params as unknown as Record<string, unknown>;
  const model = modelOf(record);
  (params.messages as unknown[]).forEach((message, index) => {
    const name = (message as Record<string, unknown>)['name'];
    if (name !== undefined && typeof name !== 'string') {
      throw badRequest(`messages[${index}].name`, `expected a string, got ${describeValue(name)}.`, model);
    }
  });
  checkCallOptions(record, '', model);
  checkSignal(record, model);
  checkFallbacks(record, model);
}

/** An embedding call as the API takes it; throws BadRequestError naming the first bad field. */
export function validateApiEmbedding(params: unknown): asserts params is EmbeddingParams {
  validateEmbeddingParams(params);
  const record = params as unknown as Record<string, unknown>;
  const model = modelOf(record);
  checkCallOptions(record, '', model);
  checkSignal(record, model);
}

/** `getApi`'s and the commands' options: the caller names itself as `publisher.name`. */
export function checkExtensionId(options: unknown): string {
  const id = isRecord(options) ? options['extensionId'] : undefined;
  if (typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9-]*\.[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id.trim())) {
    throw badRequest('extensionId', "name your extension: getApi(1, { extensionId: context.extension.id }) — an id written 'publisher.name'.");
  }
  return id.trim();
}
