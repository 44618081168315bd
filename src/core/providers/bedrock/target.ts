/**
 * Where a Bedrock call goes and how it proves who it is, from LiteLLM's per-call names, then the
 * environment, then AWS's defaults: the region (`aws_region_name`, an ARN's own region,
 * AWS_REGION, AWS_DEFAULT_REGION, else us-west-2 as LiteLLM), the runtime endpoint
 * (`aws_bedrock_runtime_endpoint`, `api_base`, AWS_BEDROCK_RUNTIME_ENDPOINT, else the region's),
 * and the credentials: a Bedrock API key (`api_key`, AWS_BEARER_TOKEN_BEDROCK) as a bearer token,
 * else keys given with the call, else a profile (`aws_profile_name`), else the AWS default chain.
 */

import { environmentValue, type Environment } from '../../environment';
import { BadRequestError } from '../../errors';
import type { AwsCallOptions } from '../../types';
import type { CallContext } from '../types';
import type { AwsLibraries } from './awsLibraries';

/** The region placeholder of the provider's default base URL. */
export const regionPlaceholder = '{region}';

/** LiteLLM's region when none is configured. */
const defaultRegion = 'us-west-2';

/** AWS keys, as the signer and the SDK's credential providers have them. */
export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type AwsKeysProvider = () => Promise<AwsKeys>;

export type BedrockAuth = { kind: 'bearer'; token: string } | { kind: 'sigv4'; credentials: AwsKeys | AwsKeysProvider };

export interface BedrockTarget {
  /** The runtime endpoint without a trailing slash. */
  endpoint: string;
  region: string;
  auth: BedrockAuth;
}

/** `arn:aws:bedrock:<region>:<account>:application-inference-profile/<id>` → its region. */
function arnRegion(modelId: string): string | undefined {
  const parts = modelId.split(':');
  return parts[0] === 'arn' && parts.length >= 6 && (parts[3] ?? '').length > 0 ? parts[3] : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}

/** One credential provider per profile for the client's life: the SDK's providers cache and refresh. */
function chainFor(profile: string | undefined, aws: AwsLibraries, call: CallContext): AwsKeysProvider {
  const key = `bedrock:credentials:${profile ?? ''}`;
  const known = call.memo.get(key);
  if (typeof known === 'function') {
    return known as AwsKeysProvider;
  }
  const provider = profile === undefined ? aws.fromNodeProviderChain() : aws.fromIni({ profile });
  call.memo.set(key, provider);
  return provider;
}

function authOf(options: AwsCallOptions, aws: AwsLibraries, call: CallContext): BedrockAuth {
  const accessKeyId = nonEmpty(options.aws_access_key_id);
  const secretAccessKey = nonEmpty(options.aws_secret_access_key);
  if (accessKeyId !== undefined || secretAccessKey !== undefined) {
    if (accessKeyId === undefined || secretAccessKey === undefined) {
      throw new BadRequestError({
        param: accessKeyId === undefined ? 'aws_access_key_id' : 'aws_secret_access_key',
        llm_provider: call.provider.id,
        model: call.requestedModel,
        message: 'AWS keys come in pairs: pass both aws_access_key_id and aws_secret_access_key.',
      });
    }
    const sessionToken = nonEmpty(options.aws_session_token);
    return { kind: 'sigv4', credentials: sessionToken === undefined ? { accessKeyId, secretAccessKey } : { accessKeyId, secretAccessKey, sessionToken } };
  }
  const token = nonEmpty(call.provider.apiKey);
  if (token !== undefined) {
    return { kind: 'bearer', token };
  }
  return { kind: 'sigv4', credentials: chainFor(nonEmpty(options.aws_profile_name), aws, call) };
}

/** The call's region and the runtime endpoint it goes to (the base URL's `{region}` filled in). */
export function bedrockEndpoint(options: AwsCallOptions, call: Pick<CallContext, 'modelId' | 'provider' | 'network'>): { endpoint: string; region: string } {
  return bedrockEndpointFor(options, call.modelId, call.provider.apiBase, call.network?.env ?? process.env);
}

/** The same, from the pieces a connection test has before any call exists. */
export function bedrockEndpointFor(options: AwsCallOptions, modelId: string, apiBase: string, env: Environment): { endpoint: string; region: string } {
  const region = nonEmpty(options.aws_region_name) ?? arnRegion(modelId) ?? environmentValue(env, ['AWS_REGION', 'AWS_DEFAULT_REGION']) ?? defaultRegion;
  const base = nonEmpty(options.aws_bedrock_runtime_endpoint) ?? apiBase;
  return { endpoint: base.replace(regionPlaceholder, region).replace(/\/+$/, ''), region };
}

export function bedrockTarget(options: AwsCallOptions, aws: AwsLibraries, call: CallContext): BedrockTarget {
  return { ...bedrockEndpoint(options, call), auth: authOf(options, aws, call) };
}
