/**
 * Providers that answer with one choice per request (Anthropic, Bedrock's Converse): `n` above 1
 * is refused with LiteLLM's UnsupportedParamsError rather than silently answered once.
 */

import { UnsupportedParamsError } from '../errors';
import type { CompletionParams } from '../types';
import type { CallContext } from './types';

export function refuseSeveralChoices(params: Pick<CompletionParams, 'n'>, call: Pick<CallContext, 'provider' | 'requestedModel'>): void {
  if (params.n !== undefined && params.n > 1) {
    throw new UnsupportedParamsError({
      message: `${call.provider.displayName} answers with one choice per request; n=${params.n} is not supported.`,
      param: 'n',
      llm_provider: call.provider.id,
      model: call.requestedModel,
    });
  }
}
