/**
 * The connection test's words for providers whose requests are signed with cloud credentials
 * rather than one key: which credentials a request would use and where they come from (never a
 * secret), and the endpoint those credentials fill in (Bedrock's region). The same choices the
 * provider makes, from the same options and environment.
 */

import { firstSetVariable, type Environment } from '../environment';
import { bedrockEndpointFor } from '../providers/bedrock/target';
import type { ProviderDefinition } from '../providers/types';
import type { CallOptions } from '../types';

/** Where the key a request would send comes from (never the key itself). */
export type KeySource = { kind: 'call' | 'stored' } | { kind: 'environment'; variable: string } | { kind: 'none'; required: boolean };

export interface CloudCredentials {
  /** The base URL with what the credentials' region decides filled in. */
  url: string;
  /** "Credentials: …", for the settings step's detail. */
  words: string;
}

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim().length > 0;
}

/** Which of Bedrock's four sources a request would sign with, in the provider's order. */
function bedrockSource(options: CallOptions, key: KeySource, env: Environment): string {
  if (present(options.aws_access_key_id) || present(options.aws_secret_access_key)) {
    const session = present(options.aws_session_token) ? ' with a session token' : '';
    return `AWS keys passed with the call (aws_access_key_id${session}), signed with SigV4`;
  }
  if (key.kind !== 'none') {
    const origin = key.kind === 'environment' ? key.variable : key.kind === 'call' ? "the call's api_key" : 'the key store';
    return `a Bedrock API key from ${origin}, sent as a bearer token`;
  }
  if (present(options.aws_profile_name)) {
    return `the AWS profile '${options.aws_profile_name?.trim() ?? ''}' (aws_profile_name), signed with SigV4`;
  }
  const hints = [firstSetVariable(env, ['AWS_ACCESS_KEY_ID']), firstSetVariable(env, ['AWS_PROFILE']) === undefined ? undefined : `AWS_PROFILE=${env['AWS_PROFILE'] ?? ''}`].filter(
    (hint): hint is string => hint !== undefined,
  );
  const seen = hints.length === 0 ? 'neither AWS_ACCESS_KEY_ID nor AWS_PROFILE is set' : `${hints.join(' and ')} set`;
  return `AWS's default chain (environment, profile files, SSO, container or instance role; ${seen}), signed with SigV4`;
}

/** The credentials words and filled-in URL for a cloud provider; undefined for a provider with one key. */
export function cloudCredentials(definition: ProviderDefinition, modelId: string, url: string, options: CallOptions, key: KeySource, env: Environment): CloudCredentials | undefined {
  if (definition.id === 'bedrock') {
    const { endpoint, region } = bedrockEndpointFor(options, modelId, url, env);
    return { url: endpoint, words: `Credentials: ${bedrockSource(options, key, env)}; region ${region}.` };
  }
  return undefined;
}
