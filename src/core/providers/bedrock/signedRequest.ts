/**
 * Sends one signed request to Bedrock: the AWS libraries loaded on the first call (so importing
 * the core costs nothing for them), the target resolved from the call's AWS options, the request
 * signed over the exact bytes sent, and AWS's failures mapped to typed errors.
 */

import type { HttpResponse } from '../../http/transport';
import type { AwsCallOptions } from '../../types';
import { send, userAgent } from '../exchange';
import type { CallContext } from '../types';
import type { AwsLibraries } from './awsLibraries';
import { mapBedrockError } from './errors';
import { signedHeaders } from './signing';
import { bedrockTarget, type BedrockTarget } from './target';

let awsLibrariesLoad: Promise<AwsLibraries> | undefined;

/** The libraries, loaded once; a failed load is forgotten so the next call tries again. */
export function loadAwsLibraries(): Promise<AwsLibraries> {
  awsLibrariesLoad ??= import('./awsLibraries').then(
    ({ awsLibraries }) => awsLibraries,
    (error: unknown) => {
      awsLibrariesLoad = undefined;
      throw error;
    },
  );
  return awsLibrariesLoad;
}

export interface BedrockRequest {
  method: 'GET' | 'POST';
  path: string;
  /** JSON for a POST; none for a GET. */
  body?: Record<string, unknown>;
  accept: string;
  /** The base URL from the target's runtime endpoint; the control plane's host differs. */
  baseOf?: (target: BedrockTarget) => string;
}

export async function sendSigned(options: AwsCallOptions, request: BedrockRequest, call: CallContext, aws: AwsLibraries): Promise<HttpResponse> {
  const target = bedrockTarget(options, aws, call);
  const url = new URL(`${request.baseOf?.(target) ?? target.endpoint}${request.path}`);
  const headers: Record<string, string> = { ...call.provider.headers, accept: request.accept, 'user-agent': userAgent };
  if (request.body !== undefined) {
    headers['content-type'] = 'application/json';
  }
  // `send` serialises the body with JSON.stringify too, so the bytes signed are the bytes sent.
  const body = request.body === undefined ? undefined : JSON.stringify(request.body);
  const signed = await signedHeaders(target, { method: request.method, url, headers, body }, aws, call);
  return send(call, { url: url.toString(), method: request.method, headers: signed, body: request.body }, mapBedrockError);
}
