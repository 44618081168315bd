/**
 * OpenAI-wire responses and chunks → the public shapes. OpenAI's own bodies already are the
 * public shape, so the common case only checks a few fields; other vendors' differences (reasoning
 * fields, Mistral's typed content parts, tool calls without index or type, odd finish reasons,
 * usage fields) are folded in here. Unknown fields pass through.
 */

import type { ModelResponse } from '../../types';
import { isWireIndex, wireIndex, type WireSource } from '../../wireIndex';
import { isStandardFinishReason, normalizeFinishReason } from './finishReason';
import { normalizeUsage } from './usage';
import type { RawChoice, RawMessage, RawResponse, RawToolCall } from './wire';

/** Splits Mistral's typed content parts into answer text and thinking text. */
function splitContentParts(parts: readonly unknown[]): { text: string; reasoning: string } {
  let text = '';
  let reasoning = '';
  for (const part of parts) {
    if (typeof part !== 'object' || part === null) {
      continue;
    }
    const { type, text: partText, thinking } = part as { type?: unknown; text?: unknown; thinking?: unknown };
    if (type === 'text' && typeof partText === 'string') {
      text += partText;
    } else if (type === 'thinking') {
      if (typeof thinking === 'string') {
        reasoning += thinking;
      } else if (Array.isArray(thinking)) {
        reasoning += splitContentParts(thinking).text;
      }
    }
  }
  return { text, reasoning };
}

/**
 * Brings a message or a delta to the public shape, in place: `reasoning` → `reasoning_content`,
 * content parts → text plus reasoning.
 */
export function normalizeMessageFields(message: RawMessage  ): void {
  const content = message.content;
  if (content !== undefined && content !== null && typeof content !== 'string') {
    if (Array.isArray(content)) {
      const { text, reasoning } = splitContentParts(content);
      message.content = text;
      if (reasoning.length > 0) {
        message.reasoning_content = (typeof message.reasoning_content === 'string' ? message.reasoning_content : '') + reasoning;
      }
    } else {
      message.content = null;
    }
  }
  // OpenRouter and some vLLM builds call it `reasoning`; LiteLLM's name is `reasoning_content`.
  const reasoning = message.reasoning;
  if (typeof reasoning === 'string' && reasoning.length > 0 && (message.reasoning_content === undefined || message.reasoning_content === null)) {
    message.reasoning_content = reasoning;
  }
}

/**
 * Gives every tool call its `type` and an `id`, and (for streams) an index when the vendor left it
 * out; an index the vendor sent is checked (`wireIndex`), as `<path>[i].index`.
 */
export function normalizeToolCalls(calls: RawToolCall[], nextIndex: () => number, synthesizeId: boolean, path: string, source: WireSource): void {
  for (let i = 0; i < calls.length; i++) {
    const call = calls[i] as RawToolCall;
    if (call.index === undefined || call.index === null) {
      call.index = nextIndex();
    } else if (!isWireIndex(call.index)) {
      wireIndex(call.index, `${path}[${i}].index`, source);
    }
    if (call.type === undefined && (call.id !== undefined || call.function?.name !== undefined)) {
      call.type = 'function';
    }
    if (synthesizeId && (call.id === undefined || call.id === null || call.id === '')) {
      call.id = `call_${Math.random().toString(36).slice(2, 14)}`;
    }
  }
}

/** Maps a non-standard finish reason to OpenAI's set, keeping the raw one beside it. */
export function normalizeChoiceFinish(choice: RawChoice): void {
  const raw = choice.finish_reason;
  if (typeof raw === 'string' && !isStandardFinishReason(raw)) {
    choice.native_finish_reason = raw;
    choice.finish_reason = normalizeFinishReason(raw);
  } else if (raw === undefined) {
    choice.finish_reason = null;
  }
}

/** The choice's index as sent (checked), or its position when the vendor left it out. */
export function choiceIndex(choice: RawChoice, position: number, source: WireSource): number {
  // Checked before the field's name is spelled out: this runs for every chunk.
  if (choice.index === undefined || choice.index === null) {
    return position;
  }
  return isWireIndex(choice.index) ? choice.index : wireIndex(choice.index, `choices[${position}].index`, source);
}

/** A whole `chat.completion` body in the public shape (in place, unknown fields kept). */
export function normalizeResponse(body: RawResponse, source: WireSource): ModelResponse {
  if (typeof body.object !== 'string' || body.object.length === 0) {
    body.object = 'chat.completion';
  }
  const choices = Array.isArray(body.choices) ? body.choices : (body.choices = []);
  for (let position = 0; position < choices.length; position++) {
    const choice = choices[position] as RawChoice;
    choice.index = choiceIndex(choice, position, source);
    const message: RawMessage = choice.message ?? (choice.message = { role: 'assistant', content: null });
    message.role = 'assistant';
    if (message.content === undefined) {
      message.content = null;
    }
    normalizeMessageFields(message);
    if (Array.isArray(message.tool_calls)) {
      let callPosition = 0;
      normalizeToolCalls(message.tool_calls, () => callPosition++, true, `choices[${position}].message.tool_calls`, source);
      // A whole message's tool calls carry no index in OpenAI's shape.
      for (const call of message.tool_calls) {
        delete call.index;
      }
    }
    normalizeChoiceFinish(choice);
  }
  const usage = normalizeUsage(body.usage);
  if (usage === undefined) {
    delete body.usage;
  } else {
    body.usage = usage;
  }
  return body as unknown as ModelResponse;
}
