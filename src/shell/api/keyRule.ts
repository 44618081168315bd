/**
 * The rule that keeps the user's keys theirs: a caller may not send a request to a base URL of its
 * choosing (`api_base`) for a provider or endpoint whose key Switchboard holds — that would hand
 * the user's key to whoever listens there — unless it brings its own `api_key` (or its own AWS
 * keys, or Google credentials JSON), which then goes out alone. Bedrock's runtime endpoint is a
 * base URL like any other. The same holds for a route of its choosing: a `proxy` (an HTTPS proxy that
 * intercepts, or a plain-HTTP one, reads the key) and weakened certificate checks (`ssl_verify`
 * false, or a CA bundle of the caller's, which lets a server of its choosing pose as the
 * provider). Credential headers are refused outright: a caller cannot smuggle a key past the rule
 * or override the user's in a header.
 *
 * The rule looks at every attempt a call can make: the model, then each fallback, with the
 * credentials a fallback inherits from the call when it stays with the same provider (LiteLLM's
 * rule, which the core follows too).
 */

import { isKeyHeader, type CompletionParams, type EmbeddingParams, type Fallback } from '../../core';
import type { SwitchboardConfig } from '../config';
import { badRequest, permissionDenied } from './apiErrors';
import { serverName } from '../modelAddress';
import { routeApiModel, type ApiTarget } from './apiRoute';

/** The per-call options that decide where a request goes, how, and which key it carries. */
export interface CallerCredentials {
  api_base?: string;
  api_key?: string;
  api_version?: string;
  extra_headers?: Record<string, string>;
  proxy?: string;
  ssl_verify?: boolean | string;
  /** Vertex AI's project, region and credentials JSON: the call's Google identity, bound like a key. */
  vertex_project?: string;
  vertex_location?: string;
  vertex_credentials?: string;
  /** Bedrock's keys, region and runtime endpoint: the call's AWS identity and where it is sent. */
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
  aws_session_token?: string;
  aws_region_name?: string;
  aws_bedrock_runtime_endpoint?: string;
}

/** Bound to the provider they were given for: a fallback to another provider does not inherit them (nor does the core). */
const credentialFields = [
  'api_base',
  'api_key',
  'api_version',
  'extra_headers',
  'proxy',
  'ssl_verify',
  'vertex_project',
  'vertex_location',
  'vertex_credentials',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_region_name',
  'aws_bedrock_runtime_endpoint',
] as const;

/** One request a call may make, with the credentials the caller gave (or that carry over) for it. */
export interface Attempt {
  model: string;
  route: ApiTarget;
  /** Where the attempt's fields are in the caller's params: '' for the call, 'fallbacks[2].' for a fallback. */
  path: string;
  credentials: CallerCredentials;
  /** A fallback object's other fields (temperature, …), passed on unchanged. */
  rest: Partial<CompletionParams>;
}

/** Whether Switchboard holds a key for the provider or endpoint (stored, or from the environment). */
export type KeyHolder = (route: ApiTarget) => Promise<boolean>;

function credentialsOf(options: CallerCredentials): CallerCredentials {
  const credentials: CallerCredentials = {};
  for (const field of credentialFields) {
    if (options[field] !== undefined) {
      Object.assign(credentials, { [field]: options[field] });
    }
  }
  return credentials;
}

function sameOwner(a: ApiTarget, b: ApiTarget): boolean {
  return a.kind === b.kind && serverName(a).toLowerCase() === serverName(b).toLowerCase();
}

/** The call's attempts: the model, then its fallbacks (params already validated). */
export function attemptsOf(params: CompletionParams | EmbeddingParams, config: SwitchboardConfig): Attempt[] {
  const primaryRoute = routeApiModel(params.model, config);
  const primaryCredentials = credentialsOf(params);
  const attempts: Attempt[] = [{ model: params.model.trim(), route: primaryRoute, path: '', credentials: primaryCredentials, rest: {} }];
  const fallbacks: Fallback[] = 'fallbacks' in params ? (params.fallbacks ?? []) : [];
  fallbacks.forEach((fallback, index) => {
    const path = `fallbacks[${index}].`;
    const override = typeof fallback === 'string' ? { model: fallback } : fallback;
    const route = routeApiModel(override.model, config, typeof fallback === 'string' ? `fallbacks[${index}]` : `${path}model`);
    const own = credentialsOf(override);
    const credentials = sameOwner(route, primaryRoute) ? { ...primaryCredentials, ...own } : own;
    const rest: Partial<CompletionParams> = { ...override };
    for (const field of ['model', ...credentialFields] as const) {
      delete rest[field];
    }
    attempts.push({ model: override.model.trim(), route, path, credentials, rest });
  });
  return attempts;
}

const redirections = {
  api_base: 'to another base URL',
  aws_bedrock_runtime_endpoint: 'to another Bedrock endpoint',
  proxy: 'through a proxy of your choosing',
  ssl_verify: 'over a connection whose certificate checks you changed',
} as const;

/** The first option that would take the request somewhere the user did not choose, or weaken its TLS. */
function redirectingField(credentials: CallerCredentials): keyof typeof redirections | undefined {
  if (credentials.api_base !== undefined) {
    return 'api_base';
  }
  // Bedrock's own name for its base URL: a Bedrock API key is a bearer token, and a signed request can be replayed.
  if (credentials.aws_bedrock_runtime_endpoint !== undefined) {
    return 'aws_bedrock_runtime_endpoint';
  }
  if (credentials.proxy !== undefined) {
    return 'proxy';
  }
  // `true` is the default; `false` and a CA bundle both let another server pass for the provider.
  return credentials.ssl_verify === undefined || credentials.ssl_verify === true ? undefined : 'ssl_verify';
}

function given(value: string | undefined): boolean {
  return typeof value === 'string' && value.length > 0;
}

/** A key of the caller's own, or its own cloud identity (AWS keys, a Google credentials JSON): then that goes out alone. */
function bringsOwnCredentials(credentials: CallerCredentials): boolean {
  return given(credentials.api_key) || (given(credentials.aws_access_key_id) && given(credentials.aws_secret_access_key)) || given(credentials.vertex_credentials);
}

/** Throws when an attempt would send the user's key somewhere else, or carries a credential header. */
export async function checkKeyRule(attempts: readonly Attempt[], holdsKey: KeyHolder): Promise<void> {
  for (const attempt of attempts) {
    const headers = Object.keys(attempt.credentials.extra_headers ?? {});
    const credential = headers.find(isKeyHeader);
    if (credential !== undefined) {
      throw badRequest(`${attempt.path}extra_headers`, `the header '${credential}' carries a credential; Switchboard sends the user's key itself (or yours, as api_key).`, attempt.model);
    }
  }
  for (const attempt of attempts) {
    const field = redirectingField(attempt.credentials);
    const ownKey = bringsOwnCredentials(attempt.credentials);
    if (field !== undefined && !ownKey && (await holdsKey(attempt.route))) {
      throw permissionDenied(
        `Switchboard holds the user's key for '${serverName(attempt.route)}' and does not send it ${redirections[field]}. Pass your own api_key with your own ${attempt.path}${field}, or leave ${field} out to use the user's settings.`,
        `${attempt.path}${field}`,
      );
    }
  }
}
