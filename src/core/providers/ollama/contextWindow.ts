/**
 * `num_ctx` for a chat request. Ollama does not reject a prompt longer than its window: it
 * silently drops the start of the conversation to fit its default `num_ctx` (a few thousand
 * tokens), so a long chat forgets its beginning without a word. We therefore size the window to
 * the conversation: the estimated prompt plus the requested output, with headroom, rounded up to
 * a power of two (at least 4096) so the model is reloaded only when the conversation crosses a
 * step, never shrunk below what this client already sent for the model (a smaller window would
 * reload it too), and never above what the model was trained for.
 */

import { lookupModelInfo } from '../../models/modelInfo';
import type { CallContext } from '../types';
import type { ModelFacts } from './modelFacts';
import type { OllamaChatRequest } from './wire';

const smallestWindow = 4096;
/** The ceiling when neither /api/show nor the catalogue knows the model: every current model takes 8K. */
const unknownModelLimit = 8192;
/** Output room when the caller sets no max_tokens. */
const defaultOutputTokens = 2048;
/** A deliberately rough tokenizer: ~4 characters a token for English and code, +20% for the rest. */
const charactersPerToken = 4;
const headroom = 1.2;
const tokensPerMessage = 4;
/** Vision encoders spend a few hundred tokens on an image (llava 576, gemma3 256). */
const tokensPerImage = 768;

/** Roughly how many tokens the request's prompt takes (messages, tools, schema). */
export function estimatePromptTokens(request: Pick<OllamaChatRequest, 'messages' | 'tools' | 'format'>): number {
  let characters = 0;
  let tokens = 0;
  for (const message of request.messages) {
    characters += message.content.length + (message.thinking?.length ?? 0);
    if (message.tool_calls !== undefined) {
      characters += JSON.stringify(message.tool_calls).length;
    }
    tokens += tokensPerMessage + (message.images?.length ?? 0) * tokensPerImage;
  }
  if (request.tools !== undefined) {
    characters += JSON.stringify(request.tools).length;
  }
  if (typeof request.format === 'object') {
    characters += JSON.stringify(request.format).length;
  }
  return tokens + Math.ceil(characters / charactersPerToken);
}

/** The model's context length: /api/show's, else the catalogue's, else a safe default. */
function modelLimit(call: CallContext, facts: ModelFacts): number {
  return facts.contextLength ?? lookupModelInfo(call.provider.id, call.modelId).max_input_tokens ?? unknownModelLimit;
}

/** The `num_ctx` to send for a prompt of `promptTokens` and an answer of up to `outputTokens`. */
export function chooseNumCtx(call: CallContext, baseUrl: string, facts: ModelFacts, promptTokens: number, outputTokens: number | undefined): number {
  const limit = modelLimit(call, facts);
  const needed = Math.ceil(promptTokens * headroom) + (outputTokens ?? defaultOutputTokens);
  let size = smallestWindow;
  while (size < needed) {
    size *= 2;
  }
  const key = `ollama/num_ctx ${baseUrl} ${call.modelId}`;
  const sent = call.memo.get(key);
  size = Math.max(size, facts.modelfileNumCtx ?? 0, typeof sent === 'number' ? sent : 0);
  if (needed > limit) {
    // Still sent, with the model's whole window: Ollama then cuts the oldest messages to fit, which
    // is what the caller would get from any other server short of an error. Said at debug level,
    // because a chat that outgrew its model does this on every turn.
    call.logger.debug(
      `${call.provider.displayName}: the conversation needs about ${needed} tokens, more than the ${limit} of ${call.modelId}; Ollama will drop its oldest messages.`,
    );
  }
  size = Math.min(size, limit);
  call.memo.set(key, size);
  return size;
}
