/**
 * Positions a server sends — a choice's, a candidate's, a tool call's, a content block's index —
 * are used to find or create an entry in an array. A hostile server could send `"__proto__"`,
 * `"constructor"`, `-1` or `1e9` there, and an array indexed by such a value gets an attacker's
 * property (on `Array.prototype`, through `__proto__`) or a huge sparse length. Every such index
 * is read here, and anything but a small non-negative integer is refused before anything is written.
 */

import { APIError } from './errors';
import { describeValue } from './jsonValues';
import type { CallContext } from './providers/types';

/**
 * The largest index accepted, plus one. Real answers have a handful of choices (OpenAI allows
 * n ≤ 128) and tool calls per message; 1024 leaves room for any of them and keeps a sparse
 * array small.
 */
export const wireIndexBound = 1024;

/** Who sent the index, for the error: the provider and the model asked. */
export interface WireSource {
  llm_provider?: string;
  model?: string;
  /** `OpenAI`, `Anthropic`, … or `a chunk` for chunks a caller passed in. */
  sender: string;
}

function describeIndex(value: unknown): string {
  return typeof value === 'number' ? String(value) : describeValue(value);
}

/** True for an index that may be used: an integer from 0 to `wireIndexBound - 1`. */
export function isWireIndex(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < wireIndexBound;
}

/**
 * `value` as an array index, or an APIError naming the field (`choices[0].index`) and what came
 * instead. Callers check every index of a message before they write any of it.
 */
export function wireIndex(value: unknown, field: string, source: WireSource): number {
  if (isWireIndex(value)) {
    return value;
  }
  throw new APIError({
    llm_provider: source.llm_provider,
    model: source.model,
    message: `${source.sender} sent ${describeIndex(value)} as ${field}: an index must be an integer from 0 to ${wireIndexBound - 1}.`,
  });
}

/** The provider of a call as the sender of what its server answers. */
export function wireSourceOf(call: CallContext): WireSource {
  return { llm_provider: call.provider.id, model: call.requestedModel, sender: call.provider.displayName };
}
