/**
 * An API call's attempts → the parameters the core is given. Custom endpoints become the core's
 * `openai-compatible` provider with the endpoint's base URL and stored key (as for the chat; its
 * headers are its settings at that base URL, so a caller's own api_base gets none of them); and
 * every fallback carries its own credentials explicitly, so the core never lets one inherit
 * another's key or base URL — the key rule has already decided what each may use.
 */

import type { CallOptions, CompletionParams, EmbeddingParams } from '../../core';
import { endpointCallOptions } from '../configuredClient';
import type { CustomEndpoint } from '../config';
import type { Attempt } from './keyRule';

/** The stored key of a custom endpoint, if any. */
export type EndpointKey = (endpoint: CustomEndpoint) => Promise<string | undefined>;

type Target = CallOptions & { model: string };

const noCredentials: CallOptions = {
  api_base: undefined,
  api_key: undefined,
  api_version: undefined,
  extra_headers: undefined,
  proxy: undefined,
  ssl_verify: undefined,
  vertex_project: undefined,
  vertex_location: undefined,
  vertex_credentials: undefined,
  aws_access_key_id: undefined,
  aws_secret_access_key: undefined,
  aws_session_token: undefined,
  aws_region_name: undefined,
  aws_bedrock_runtime_endpoint: undefined,
};

async function targetOf(attempt: Attempt, endpointKey: EndpointKey): Promise<Target> {
  const caller = attempt.credentials;
  if (attempt.route.kind === 'provider') {
    return { ...caller, model: attempt.model };
  }
  const endpoint = attempt.route.endpoint;
  const key = caller.api_key ?? (await endpointKey(endpoint));
  const options = endpointCallOptions(endpoint, key);
  const target: Target = {
    ...options,
    model: `openai-compatible/${attempt.route.modelId}`,
    api_base: caller.api_base ?? options.api_base,
  };
  if (caller.extra_headers !== undefined) {
    target.extra_headers = caller.extra_headers;
  }
  if (caller.api_version !== undefined) {
    target.api_version = caller.api_version;
  }
  if (caller.proxy !== undefined) {
    target.proxy = caller.proxy;
  }
  if (caller.ssl_verify !== undefined) {
    target.ssl_verify = caller.ssl_verify;
  }
  return target;
}

/** What the caller passed, less the fields the attempts replace. */
function withoutRouting<T extends CallOptions & { model: string }>(
  params: T,
): Omit<T, 'model' | keyof typeof noCredentials | 'signal'> {
  const rest: Partial<Record<string, unknown>> = { ...(params as Record<keyof T, unknown>) };
  for (const field of ['model', 'signal', ...Object.keys(noCredentials)]) {
    delete rest[field];
  }
  return rest as Omit<T, 'model' | keyof typeof noCredentials | 'signal'>;
}

/** The completion the core runs: the first attempt's target, each fallback with its own credentials. */
export async function coreCompletionParams(params: CompletionParams, attempts: readonly Attempt[], endpointKey: EndpointKey, signal: AbortSignal | undefined): Promise<CompletionParams> {
  const targets = await Promise.all(attempts.map((attempt) => targetOf(attempt, endpointKey)));
  const { fallbacks: _fallbacks, ...rest } = withoutRouting(params);
  const core: CompletionParams = { ...rest, ...(targets[0] as Target), messages: params.messages };
  if (signal !== undefined) {
    core.signal = signal;
  }
  if (targets.length > 1) {
    core.fallbacks = targets.slice(1).map((target, index) => ({ ...(attempts[index + 1] as Attempt).rest, ...noCredentials, ...target }));
  }
  return core;
}

/** The embedding call the core runs. */
export async function coreEmbeddingParams(params: EmbeddingParams, attempt: Attempt, endpointKey: EndpointKey, signal: AbortSignal | undefined): Promise<EmbeddingParams> {
  const core: EmbeddingParams = { ...withoutRouting(params), ...(await targetOf(attempt, endpointKey)), input: params.input };
  if (signal !== undefined) {
    core.signal = signal;
  }
  return core;
}
