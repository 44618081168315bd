import type { ProviderDefinition } from '../types';
import { bedrockAdapter } from './adapter';
import { bedrockEndpoint, regionPlaceholder } from './target';

/**
 * AWS Bedrock's runtime (Converse). The base URL's `{region}` is filled with the call's region;
 * the key, when there is one, is a Bedrock API key sent as a bearer token, and without one the
 * request is signed with AWS credentials (the call's, a profile's, or the default chain's).
 */
export const bedrockProvider: ProviderDefinition = {
  id: 'bedrock',
  displayName: 'AWS Bedrock',
  defaultApiBase: `https://bedrock-runtime.${regionPlaceholder}.amazonaws.com`,
  apiBaseEnv: ['AWS_BEDROCK_RUNTIME_ENDPOINT'],
  apiKeyEnv: ['AWS_BEARER_TOKEN_BEDROCK'],
  keyRequired: false,
  ambientCredentials: true,
  // What AWS's default chain reads first; a user with only ~/.aws files sets a region or profile up.
  credentialsEnv: ['AWS_ACCESS_KEY_ID', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI'],
  chat: true,
  embeddings: true,
  adapter: bedrockAdapter,
  callApiBase: (params, call) => bedrockEndpoint(params, call).endpoint,
};
