/**
 * Gemini's thought signatures ride inside the OpenAI tool call id, as LiteLLM does it
 * (`call_<random>__thought__<signature>`): an id is the one field every caller sends back
 * unchanged with the assistant turn and the tool result, whatever else it drops.
 */

import { randomBytes } from 'node:crypto';

/** LiteLLM's separator, so histories move between LiteLLM and Switchboard unchanged. */
const thoughtSeparator = '__thought__';

/** A fresh call id, for answers whose function calls carry none. */
export function newToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}

/** The OpenAI tool call id for a Gemini call id and the part's signature, if any. */
export function encodeToolCallId(id: string, signature: string | undefined): string {
  return signature === undefined || signature.length === 0 ? id : `${id}${thoughtSeparator}${signature}`;
}

/** Splits an OpenAI tool call id back into the call id and the signature it carried. */
export function decodeToolCallId(toolCallId: string): { id: string; signature: string | undefined } {
  const at = toolCallId.indexOf(thoughtSeparator);
  if (at < 0) {
    return { id: toolCallId, signature: undefined };
  }
  const signature = toolCallId.slice(at + thoughtSeparator.length);
  return { id: toolCallId.slice(0, at), signature: signature.length > 0 ? signature : undefined };
}
