/**
 * The shape of what a server sends, checked before it is read: an object where an object belongs,
 * an array where an array does. A hostile or broken server (`null` for a chunk, a string for
 * `choices`, an object for `tool_calls`) then ends the call in an `APIError` naming the field and
 * what came instead — never in a TypeError from deep inside the client, nor in a response of the
 * wrong shape handed on to the caller.
 */

import { APIError } from './errors';
import { describeValue, isRecord } from './jsonValues';
import type { WireSource } from './wireIndex';

function refused(value: unknown, field: string, expected: string, source: WireSource): APIError {
  return new APIError({
    llm_provider: source.llm_provider,
    model: source.model,
    message: `${source.sender} sent ${value === null ? 'null' : describeValue(value)} as ${field}: expected ${expected}.`,
  });
}

/** `value` as an object, or an APIError naming the field. */
export function wireRecord(value: unknown, field: string, source: WireSource): Record<string, unknown> {
  if (!isRecord(value)) {
    throw refused(value, field, 'an object', source);
  }
  return value;
}

/** `value` as an array, or an APIError naming the field. */
export function wireArray(value: unknown, field: string, source: WireSource): unknown[] {
  if (!Array.isArray(value)) {
    throw refused(value, field, 'an array', source);
  }
  return value;
}

/** True for a value the wire may leave out: absent or null. */
export function absent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}
