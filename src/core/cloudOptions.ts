/**
 * Per-call options an embedding program keeps for a cloud provider — the AWS region, profile or
 * keys for Bedrock; the Google Cloud project, location and credentials for Vertex AI — filled into
 * a call that does not name them. Places (region, endpoint, project, location) are filled one by
 * one; credentials as a whole: a call that brings any credential of its own (keys, a profile, a
 * credentials JSON or an `api_key`) is signed with that alone, never with a mix of its own and
 * the program's.
 */

import type { CallOptions } from './types';

const placeOptions = ['aws_region_name', 'aws_bedrock_runtime_endpoint', 'vertex_project', 'vertex_location'] as const;
const credentialOptions = ['aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_profile_name', 'vertex_credentials'] as const;

type PlaceOption = (typeof placeOptions)[number];
type CredentialOption = (typeof credentialOptions)[number];

/** What a program may configure for a cloud provider (LiteLLM's per-call names). */
export type CloudCallOptions = Pick<CallOptions, PlaceOption | CredentialOption>;

function given(value: string | undefined): value is string {
  return value !== undefined && value.trim().length > 0;
}

/** Whether the call brings credentials of its own (then the program's are not used). */
export function callHasOwnCredentials(params: CallOptions): boolean {
  return given(params.api_key) || credentialOptions.some((option) => given(params[option]));
}

/** Whether `configured` would add credentials to this call. */
export function addsCredentials(params: CallOptions, configured: CloudCallOptions | undefined): boolean {
  return configured !== undefined && !callHasOwnCredentials(params) && credentialOptions.some((option) => given(configured[option]));
}

/** The call with the program's cloud options filled in where it names none (see the module comment). */
export function withCloudOptions<T extends CallOptions>(params: T, configured: CloudCallOptions | undefined): T {
  if (configured === undefined) {
    return params;
  }
  const filled: T = { ...params };
  for (const option of placeOptions) {
    const value = configured[option];
    if (!given(filled[option]) && given(value)) {
      filled[option] = value;
    }
  }
  if (addsCredentials(params, configured)) {
    for (const option of credentialOptions) {
      const value = configured[option];
      if (given(value)) {
        filled[option] = value;
      }
    }
  }
  return filled;
}
