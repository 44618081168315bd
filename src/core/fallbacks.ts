/**
 * A completion's fallbacks (LiteLLM's `fallbacks`): the calls to make in order, each a full set of
 * params, with what belongs to one provider kept from the others.
 */

import { routeModel } from './router';
import type { ProviderLookup } from './providers/types';
import type { CompletionParams } from './types';

/**
 * Options that belong to the provider they were given for: a fallback to another provider does not
 * inherit them (LiteLLM's rule for credentials). The route and trust are included — a proxy or CA
 * bundle set up for one provider's server says nothing about another's.
 */
const providerBoundOptions = ['api_base', 'api_key', 'api_version', 'extra_headers', 'proxy', 'ssl_verify', 'aws_access_key_id', 'aws_secret_access_key', 'aws_session_token', 'aws_region_name', 'aws_profile_name', 'aws_bedrock_runtime_endpoint', 'vertex_project', 'vertex_location', 'vertex_credentials'] as const;

/** The calls to make, in order: the model, then its fallbacks (provider-bound options stay with their provider). */
export function attemptsOf(params: CompletionParams, providers: ProviderLookup): CompletionParams[] {
  const { fallbacks, ...primary } = params;
  const primaryProvider = routeModel(primary.model, providers).provider.id;
  const attempts: CompletionParams[] = [primary];
  for (const fallback of fallbacks ?? []) {
    const override = typeof fallback === 'string' ? { model: fallback } : fallback;
    const attempt: CompletionParams = { ...primary, ...override };
    if (routeModel(attempt.model, providers).provider.id !== primaryProvider) {
      for (const option of providerBoundOptions) {
        if (override[option] === undefined) {
          delete attempt[option];
        }
      }
    }
    attempts.push(attempt);
  }
  return attempts;
}
