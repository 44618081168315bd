/**
 * Which calls go to the Responses API, as LiteLLM decides it: any model written
 * `openai/responses/<model>`, and models the catalogue marks `mode: "responses"` (OpenAI serves
 * `o1-pro`, `o3-pro`, `gpt-5-pro` and the codex models only there). Azure deployments named after
 * such a model go there too, through the catalogue's upstream row.
 */

import { findCatalogueEntry, RESPONSES_ROUTE_PREFIX } from '../../../models/catalogue';
import type { CallContext } from '../../types';

/** The call as the Responses API takes it (model id without `responses/`), or undefined for chat completions. */
export function responsesCall(call: CallContext): CallContext | undefined {
  if (call.modelId.startsWith(RESPONSES_ROUTE_PREFIX)) {
    return { ...call, modelId: call.modelId.slice(RESPONSES_ROUTE_PREFIX.length) };
  }
  return findCatalogueEntry(call.provider.id, call.modelId)?.entry.mode === 'responses' ? call : undefined;
}
