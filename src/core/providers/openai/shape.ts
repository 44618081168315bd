/**
 * The OpenAI wire's shapes, checked at the door before a chunk or an answer is normalised: the
 * objects and arrays the mappers read (`choices`, each choice, its `delta` or `message`, their
 * `tool_calls`, `usage`). What the mappers do not read is left as the vendor sent it.
 */

import { isRecord } from '../../jsonValues';
import { absent, wireArray, wireRecord } from '../../wireShape';
import type { WireSource } from '../../wireIndex';
import type { RawResponse } from './wire';

function checkToolCalls(calls: unknown, field: () => string, source: WireSource): void {
  if (absent(calls)) {
    return;
  }
  if (!Array.isArray(calls)) {
    wireArray(calls, field(), source);
    return;
  }
  for (let index = 0; index < calls.length; index++) {
    if (!isRecord(calls[index])) {
      wireRecord(calls[index], `${field()}[${index}]`, source);
    }
  }
}

// Runs once per streamed chunk: plain loops, and a field's name is spelled out only when it is
// refused (building `choices[0].delta` for every chunk would cost more than the checks).
function checkChoices(body: Record<string, unknown>, part: 'delta' | 'message', source: WireSource): void {
  const choices = body['choices'];
  if (!absent(choices)) {
    const list = wireArray(choices, 'choices', source);
    for (let position = 0; position < list.length; position++) {
      const choice = list[position];
      if (!isRecord(choice)) {
        wireRecord(choice, `choices[${position}]`, source);
        continue;
      }
      const inner = choice[part];
      if (absent(inner)) {
        continue;
      }
      if (!isRecord(inner)) {
        wireRecord(inner, `choices[${position}].${part}`, source);
        continue;
      }
      checkToolCalls(inner['tool_calls'], () => `choices[${position}].${part}.tool_calls`, source);
    }
  }
  if (!absent(body['usage'])) {
    wireRecord(body['usage'], 'usage', source);
  }
}

/** A streamed chunk (`chat.completion.chunk`) of the shape the stream mapper reads, or an APIError naming the field. */
export function checkedChunk(value: unknown, source: WireSource): RawResponse {
  const chunk = wireRecord(value, 'a stream event', source);
  checkChoices(chunk, 'delta', source);
  return chunk;
}

/** A whole answer (`chat.completion`) of the shape the response mapper reads, or an APIError naming the field. */
export function checkedResponse(value: unknown, source: WireSource): RawResponse {
  const body = wireRecord(value, 'its answer', source);
  checkChoices(body, 'message', source);
  return body;
}
