/**
 * The Responses API's typed stream events → OpenAI chunks, so the stream builder and every caller
 * read one shape. Text, refusals, reasoning summaries and function-call arguments become deltas as
 * they arrive; a reasoning item's encrypted content becomes a thinking block when the item is
 * done; `response.completed` / `response.incomplete` give the finish reason and usage; a failed
 * Response or an `error` event raises a typed error (after the chunks before it were delivered).
 */

import { APIConnectionError } from '../../../errors';
import type { SseEvent } from '../../../http/sse';
import { asRecord, stringField } from '../../../jsonValues';
import { redactDeep } from '../../../redact';
import type { Delta, ModelResponseChunk, StreamChoice } from '../../../types';
import { wireSourceOf } from '../../../wireIndex';
import { wireRecord } from '../../../wireShape';
import type { StreamMapper } from '../../chunkSource';
import type { CallContext } from '../../types';
import { mapResponsesFailure } from './errors';
import { responsesFinish } from './finishReason';
import { reasoningBlock } from './reasoningCarry';
import { responsesUsage } from './usage';

export class ResponsesStreamMapper implements StreamMapper<SseEvent> {
  private id = '';
  private created = 0;
  private model = '';
  private sentRole = false;
  private finished = false;
  /** Function-call item id → its tool-call index and the arguments streamed so far. */
  private readonly calls = new Map<string, { index: number; streamed: string }>();
  /** The reasoning summary text of each reasoning item, for its thinking block. */
  private readonly summaries = new Map<string, string>();

  constructor(private readonly call: CallContext) {
    this.model = call.modelId;
  }

  map(event: SseEvent, out: ModelResponseChunk[]): void {
    if (this.finished || event.data === '[DONE]') {
      return;
    }
    const data = wireRecord(JSON.parse(event.data), 'a Responses stream event', wireSourceOf(this.call));
    switch (stringField(data, 'type') ?? event.event) {
      case 'response.created':
      case 'response.in_progress':
        this.takeResponse(data['response']);
        return;
      case 'response.output_text.delta':
        this.emit(out, { content: stringField(data, 'delta') ?? '' });
        return;
      case 'response.refusal.delta':
        this.emit(out, { refusal: stringField(data, 'delta') ?? '' });
        return;
      case 'response.reasoning_summary_text.delta':
        // LiteLLM passes each summary delta through and ignores the part events, so a reasoning item's
        // summary parts run together with no separator; response.ts joins a whole Response's the same way.
        this.addReasoning(stringField(data, 'item_id') ?? '', stringField(data, 'delta') ?? '', out);
        return;
      case 'response.reasoning_text.delta':
        // Open-weight models stream their raw reasoning instead of a summary.
        this.emit(out, { reasoning_content: stringField(data, 'delta') ?? '' });
        return;
      case 'response.output_item.added':
        this.itemAdded(asRecord(data['item']), out);
        return;
      case 'response.function_call_arguments.delta':
        this.addArguments(stringField(data, 'item_id') ?? '', stringField(data, 'delta') ?? '', out);
        return;
      case 'response.output_item.done':
        this.itemDone(asRecord(data['item']), out);
        return;
      case 'response.completed':
      case 'response.incomplete':
        this.finish(asRecord(data['response']), out);
        return;
      case 'response.failed':
        this.finished = true;
        throw this.failure(asRecord(data['response'])?.['error'] ?? data);
      case 'error':
        this.finished = true;
        throw this.failure(data);
      default:
        // Part and done events repeat what the deltas said; hosted-tool events have no chat shape.
        return;
    }
  }

  end(): void {
    if (!this.finished) {
      throw new APIConnectionError({
        message: `${this.call.provider.displayName}'s stream ended before response.completed; the answer may be cut short.`,
        llm_provider: this.call.provider.id,
        model: this.call.requestedModel,
      });
    }
  }

  private takeResponse(value: unknown): void {
    const response = asRecord(value);
    this.id = stringField(response, 'id') ?? this.id;
    this.model = stringField(response, 'model') ?? this.model;
    const created = response?.['created_at'];
    if (typeof created === 'number') {
      this.created = created;
    }
  }

  private emit(out: ModelResponseChunk[], delta: Delta, finish?: Pick<StreamChoice, 'finish_reason' | 'native_finish_reason'>): void {
    if (!this.sentRole) {
      delta.role = 'assistant';
      this.sentRole = true;
    }
    const choice: StreamChoice = { index: 0, delta, finish_reason: finish?.finish_reason ?? null };
    if (finish?.native_finish_reason !== undefined) {
      choice.native_finish_reason = finish.native_finish_reason;
    }
    out.push({ id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model, choices: [choice] });
  }

  private addReasoning(itemId: string, text: string, out: ModelResponseChunk[]): void {
    if (text.length === 0) {
      return;
    }
    this.summaries.set(itemId, (this.summaries.get(itemId) ?? '') + text);
    this.emit(out, { reasoning_content: text });
  }

  private itemAdded(item: Record<string, unknown> | undefined, out: ModelResponseChunk[]): void {
    if (stringField(item, 'type') !== 'function_call') {
      return;
    }
    const index = this.calls.size;
    const streamed = stringField(item, 'arguments') ?? '';
    this.calls.set(stringField(item, 'id') ?? `call-${index}`, { index, streamed });
    this.emit(out, {
      tool_calls: [{ index, id: stringField(item, 'call_id') ?? '', type: 'function', function: { name: stringField(item, 'name') ?? '', arguments: streamed } }],
    });
  }

  private addArguments(itemId: string, text: string, out: ModelResponseChunk[]): void {
    const call = this.calls.get(itemId);
    if (call === undefined || text.length === 0) {
      return;
    }
    call.streamed += text;
    this.emit(out, { tool_calls: [{ index: call.index, function: { arguments: text } }] });
  }

  private itemDone(item: Record<string, unknown> | undefined, out: ModelResponseChunk[]): void {
    const type = stringField(item, 'type');
    const itemId = stringField(item, 'id') ?? '';
    if (type === 'reasoning') {
      const encrypted = stringField(item, 'encrypted_content');
      if (encrypted !== undefined) {
        this.emit(out, { thinking_blocks: [reasoningBlock(this.summaries.get(itemId) ?? '', encrypted)] });
      }
    } else if (type === 'function_call') {
      // A server that sends the arguments only whole (no deltas) still gives the full call.
      const call = this.calls.get(itemId);
      const full = stringField(item, 'arguments');
      if (call !== undefined && full !== undefined && call.streamed.length === 0 && full.length > 0) {
        call.streamed = full;
        this.emit(out, { tool_calls: [{ index: call.index, function: { arguments: full } }] });
      }
    }
  }

  private finish(response: Record<string, unknown> | undefined, out: ModelResponseChunk[]): void {
    this.finished = true;
    this.takeResponse(response);
    const finish = responsesFinish(response ?? {}, this.calls.size > 0);
    this.emit(out, {}, finish);
    const usage = responsesUsage(response?.['usage']);
    if (usage !== undefined) {
      out.push({ id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model, choices: [{ index: 0, delta: {}, finish_reason: null }], usage });
    }
  }

  private failure(error: unknown): Error {
    return mapResponsesFailure(redactDeep(error, [this.call.provider.apiKey]), this.call);
  }
}
