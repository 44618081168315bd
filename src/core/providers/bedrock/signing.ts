/**
 * Signs a Bedrock request: SigV4 (`@smithy/signature-v4` from the lazily loaded AWS libraries, service `bedrock`) over the exact body
 * sent, or a Bedrock API key as a bearer token. The signed headers are returned for the transport;
 * `host` is left to it, which writes the URL's own host (the value that was signed).
 */

import { AuthenticationError, errorMessage } from '../../errors';
import type { CallContext } from '../types';
import type { AwsLibraries } from './awsLibraries';
import type { BedrockTarget } from './target';

/** The service name Bedrock's runtime signs with (its endpoint is `bedrock-runtime`). */
const signingService = 'bedrock';

/** What is signed: the method, URL, headers and the exact body (none for a GET). */
export interface UnsignedRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
}

export async function signedHeaders(target: BedrockTarget, request: UnsignedRequest, aws: AwsLibraries, call: CallContext): Promise<Record<string, string>> {
  const { url, headers, body } = request;
  if (target.auth.kind === 'bearer') {
    return { ...headers, authorization: `Bearer ${target.auth.token}` };
  }
  const signer = new aws.SignatureV4({ credentials: target.auth.credentials, region: target.region, service: signingService, sha256: aws.Sha256 });
  let signed;
  try {
    signed = await signer.sign({
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: url.pathname,
      // AWS signs the decoded query pairs (ListInferenceProfiles' `maxResults`, `nextToken`, `type`).
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      body,
    });
  } catch (error) {
    // The default chain found no credentials (or a profile is missing): say where they are looked for.
    throw new AuthenticationError({
      llm_provider: call.provider.id,
      model: call.requestedModel,
      message: `No AWS credentials for ${call.provider.displayName}: ${errorMessage(error)} Pass aws_access_key_id and aws_secret_access_key, aws_profile_name, or an api_key (a Bedrock API key); or set AWS_PROFILE, AWS_ACCESS_KEY_ID or AWS_BEARER_TOKEN_BEDROCK.`,
      cause: error,
    });
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) {
    if (name.toLowerCase() !== 'host') {
      out[name] = value;
    }
  }
  return out;
}
