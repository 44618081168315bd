/**
 * LiteLLM's `x-litellm-response-cost` header: what the gateway charged the member's key for the
 * call, in USD, priced with the gateway's own prices. It is the number the key's spend grows by,
 * so it is preferred to any price computed here.
 */

import { headerValue, type HeaderRecord } from '../../http/headers';

export const responseCostHeader = 'x-litellm-response-cost';

/** The cost the header states, or undefined when it is absent or not a finite, non-negative number. */
export function reportedCost(headers: HeaderRecord): number | undefined {
  const text = headerValue(headers, responseCostHeader)?.trim();
  if (text === undefined || text.length === 0) {
    return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}
