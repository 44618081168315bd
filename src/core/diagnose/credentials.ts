/**
 * The connection test's words for providers whose requests are signed with cloud credentials
 * rather than one key: which credentials a request would use and where they come from (never a
 * secret), and the endpoint those credentials fill in (Bedrock's region). The same choices the
 * provider makes, from the same options and environment.
 */

import { firstSetVariable, type Environment } from '../environment';
import { bedrockEndpointFor } from '../providers/bedrock/target';
import { credentialsJson } from '../providers/vertex/auth';
import { configuredProject, vertexLocation, vertexVersionedBase } from '../providers/vertex/location';
import type { ProviderDefinition } from '../providers/types';
import type { CallOptions } from '../types';

/** Where the key a request would send comes from (never the key itself). */
export type KeySource = { kind: 'call' | 'stored' } | { kind: 'environment'; variable: string } | { kind: 'none'; required: boolean };

export interface CloudCredentials {
  /** The base URL with what the credentials' region decides filled in. */
  url: string;
  /** "Credentials: …", for the settings step's detail. */
  words: string;
  /** Vertex: the credentials source a request signs in with (undefined: ADC), or 'express' for an API key. */
  vertexSource?: string | undefined;
}

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim().length > 0;
}

/** Which of Bedrock's four sources a request would sign with, in the provider's order. */
function bedrockSource(options: CallOptions, key: KeySource, env: Environment, configured: boolean): string {
  if (present(options.aws_access_key_id) || present(options.aws_secret_access_key)) {
    const session = present(options.aws_session_token) ? ' with a session token' : '';
    return configured ? `AWS keys from the key store${session}, signed with SigV4` : `AWS keys passed with the call (aws_access_key_id${session}), signed with SigV4`;
  }
  if (key.kind !== 'none') {
    const origin = key.kind === 'environment' ? key.variable : key.kind === 'call' ? "the call's api_key" : 'the key store';
    return `a Bedrock API key from ${origin}, sent as a bearer token`;
  }
  if (present(options.aws_profile_name)) {
    return `the AWS profile '${options.aws_profile_name?.trim() ?? ''}' (${configured ? 'from the settings' : 'aws_profile_name'}), signed with SigV4`;
  }
  const hints = [firstSetVariable(env, ['AWS_ACCESS_KEY_ID']), firstSetVariable(env, ['AWS_PROFILE']) === undefined ? undefined : `AWS_PROFILE=${env['AWS_PROFILE'] ?? ''}`].filter(
    (hint): hint is string => hint !== undefined,
  );
  const seen = hints.length === 0 ? 'neither AWS_ACCESS_KEY_ID nor AWS_PROFILE is set' : `${hints.join(' and ')} set`;
  return `AWS's default chain (environment, profile files, SSO, container or instance role; ${seen}), signed with SigV4`;
}

const vertexCredentialsEnv = ['VERTEXAI_CREDENTIALS', 'VERTEX_CREDENTIALS', 'GOOGLE_APPLICATION_CREDENTIALS'];

/** "the service account x@y (…)": the account a JSON names, its type otherwise; the key itself never. */
function vertexAccount(source: string): string {
  try {
    const json = credentialsJson(source, (reason) => new Error(reason));
    const email = typeof json?.['client_email'] === 'string' ? json['client_email'] : undefined;
    const type = typeof json?.['type'] === 'string' ? json['type'] : 'unknown';
    return email === undefined ? ` (type ${type})` : ` (service account ${email})`;
  } catch (error) {
    return ` (unreadable: ${error instanceof Error ? error.message : String(error)})`;
  }
}

/** Vertex's order: the call's credentials, an API key (express mode), the environment's credentials, ADC. */
function vertexWords(options: CallOptions, key: KeySource, env: Environment, configured: boolean): { words: string; source: string | undefined } {
  const own = options.vertex_credentials?.trim() ?? '';
  if (own.length > 0) {
    return { words: `${configured ? 'the credentials JSON in the key store' : 'vertex_credentials'}${vertexAccount(own)}`, source: own };
  }
  if (key.kind === 'call' || key.kind === 'stored') {
    return { words: `an API key (express mode) from ${key.kind === 'call' ? "the call's api_key" : 'the key store'}`, source: 'express' };
  }
  const variable = firstSetVariable(env, vertexCredentialsEnv);
  const named = variable === undefined ? undefined : env[variable]?.trim();
  if (variable !== undefined && named !== undefined && named.length > 0) {
    return { words: `${variable}${vertexAccount(named)}`, source: named };
  }
  return { words: "application default credentials (gcloud's ADC file or the metadata server)", source: undefined };
}

/**
 * The credentials words and filled-in URL for a cloud provider; undefined for a provider with one
 * key. `configured`: the options' credentials are the program's stored ones, not the caller's.
 */
export function cloudCredentials(definition: ProviderDefinition, modelId: string, url: string, options: CallOptions, key: KeySource, env: Environment, configured = false): CloudCredentials | undefined {
  if (definition.id === 'bedrock') {
    const { endpoint, region } = bedrockEndpointFor(options, modelId, url, env);
    return { url: endpoint, words: `Credentials: ${bedrockSource(options, key, env, configured)}; region ${region}.` };
  }
  if (definition.id === 'vertex_ai') {
    const location = vertexLocation(options, env);
    const { words, source } = vertexWords(options, key, env, configured);
    const project = source === 'express' ? '' : `; project ${configuredProject(options, env) ?? "the credentials' own"}`;
    return { url: vertexVersionedBase(url, location), words: `Credentials: ${words}${project}; location ${location}.`, vertexSource: source };
  }
  return undefined;
}
