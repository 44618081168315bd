/**
 * Which calls go to the Responses API, as LiteLLM decides it: any model written
 * `openai/responses/<model>`, and models the catalogue marks `mode: "responses"` (OpenAI serves
 * `o1-pro`, `o3-pro`, `gpt-5-pro` and the codex models only there). Azure deployments named after
 * such a model go there too, through the catalogue's upstream row.
 */

import { findCatalogueEntry } from '../../../models/catalogue';
import type { CallContext } from '../../types';

const explicitPrefix = 'responses/';

/** The call as the Responses API takes it (model id without `responses/`), or undefined for chat completions. */
export function responsesCall(call: CallContext): CallContext | undefined {
  if (call.modelId.startsWith(explicitPrefix)) {
    return { ...call, modelId: call.modelId.slice(explicitPrefix.length) };
  }
  return findCatalogueEntry(call.provider.id, call.modelId)?.entry.mode === 'responses' ? call : undefined;
}
