/**
 * ConverseStream's event-stream messages → OpenAI chunks. Each message's `:event-type` header
 * names the event and its body is the event's JSON: `messageStart`, `contentBlockStart` (a tool
 * call's id and name), `contentBlockDelta` (text, tool input, reasoning text or signature),
 * `contentBlockStop`, `messageStop` (the stop reason) and `metadata` (usage), which comes last.
 * An `exception` message is a failure mid-stream.
 */

import { APIConnectionError } from '../../errors';
import type { EventStreamMessage } from '../../http/eventStream';
import { redactDeep } from '../../redact';
import type { Delta, ModelResponseChunk, StreamChoice, Usage } from '../../types';
import { isWireIndex, wireIndex, wireSourceOf } from '../../wireIndex';
import type { StreamMapper } from '../chunkSource';
import type { CallContext } from '../types';
import { mapStreamException } from './errors';
import { mapStopReason } from './finishReason';
import { mapBedrockUsage } from './usage';
import type { RawStreamEvent } from './wire';

const textDecoder = new TextDecoder('utf-8');

function headerText(message: EventStreamMessage, name: string): string | undefined {
  const value = message.headers[name]?.value;
  return typeof value === 'string' ? value : undefined;
}

export class BedrockStreamMapper implements StreamMapper<EventStreamMessage> {
  private readonly created = Math.floor(Date.now() / 1000);
  private roleSent = false;
  private toolCount = 0;
  /** For each content block index: the OpenAI tool-call index it streams. */
  private readonly toolIndexByBlock: number[] = [];
  private stopped = false;
  private usage: Usage | undefined;

  constructor(
    private readonly call: CallContext,
    private readonly id: string,
  ) {}

  map(message: EventStreamMessage, out: ModelResponseChunk[]): void {
    const kind = headerText(message, ':message-type');
    const body: unknown = message.body.byteLength === 0 ? {} : JSON.parse(textDecoder.decode(message.body));
    if (kind === 'exception' || kind === 'error') {
      const type = headerText(message, ':exception-type') ?? headerText(message, ':error-code') ?? 'internalServerException';
      throw mapStreamException(type, redactDeep(body, [this.call.provider.apiKey]), this.call);
    }
    const data = body as RawStreamEvent;
    switch (headerText(message, ':event-type')) {
      case 'contentBlockDelta':
        this.blockDelta(data, out);
        return;
      case 'contentBlockStart':
        this.blockStart(data, out);
        return;
      case 'messageStop':
        this.messageStop(data, out);
        return;
      case 'metadata':
        this.usage = mapBedrockUsage(data.usage);
        this.pushUsage(out);
        return;
      default:
        // messageStart (the role only), contentBlockStop, and event types AWS may add later.
        return;
    }
  }

  /** A body that ends without `messageStop` was cut short: the answer must not pass as complete. */
  end(): void {
    if (!this.stopped) {
      throw new APIConnectionError({
        message: `${this.call.provider.displayName}'s stream ended before messageStop; the answer may be cut short.`,
        llm_provider: this.call.provider.id,
        model: this.call.requestedModel,
      });
    }
  }

  private blockIndex(data: RawStreamEvent): number {
    const index = data.contentBlockIndex;
    if (index === undefined) {
      return 0;
    }
    return isWireIndex(index) ? index : wireIndex(index, 'contentBlockIndex', wireSourceOf(this.call));
  }

  private blockStart(data: RawStreamEvent, out: ModelResponseChunk[]): void {
    const toolUse = data.start?.toolUse;
    if (toolUse === undefined) {
      return;
    }
    const index = this.toolCount++;
    this.toolIndexByBlock[this.blockIndex(data)] = index;
    this.push(out, { tool_calls: [{ index, id: toolUse.toolUseId ?? '', type: 'function', function: { name: toolUse.name ?? '', arguments: '' } }] });
  }

  private blockDelta(data: RawStreamEvent, out: ModelResponseChunk[]): void {
    const delta = data.delta;
    if (delta === undefined) {
      return;
    }
    if (typeof delta.text === 'string') {
      if (delta.text.length > 0) {
        this.push(out, { content: delta.text });
      }
      return;
    }
    const input = delta.toolUse?.input;
    if (typeof input === 'string') {
      const toolIndex = this.toolIndexByBlock[this.blockIndex(data)];
      if (input.length > 0 && toolIndex !== undefined) {
        this.push(out, { tool_calls: [{ index: toolIndex, function: { arguments: input } }] });
      }
      return;
    }
    const reasoning = delta.reasoningContent;
    if (reasoning === undefined) {
      return;
    }
    if (typeof reasoning.text === 'string' && reasoning.text.length > 0) {
      this.push(out, { reasoning_content: reasoning.text, thinking_blocks: [{ type: 'thinking', thinking: reasoning.text }] });
    } else if (typeof reasoning.signature === 'string' && reasoning.signature.length > 0) {
      this.push(out, { thinking_blocks: [{ type: 'thinking', thinking: '', signature: reasoning.signature }] });
    } else if (typeof reasoning.redactedContent === 'string') {
      this.push(out, { thinking_blocks: [{ type: 'redacted_thinking', data: reasoning.redactedContent }] });
    }
  }

  private messageStop(data: RawStreamEvent, out: ModelResponseChunk[]): void {
    this.stopped = true;
    const reason = typeof data.stopReason === 'string' ? data.stopReason : 'end_turn';
    this.push(out, {}, reason);
  }

  /** Usage comes in `metadata`, after or (in some recordings) before `messageStop`: one chunk of its own. */
  private pushUsage(out: ModelResponseChunk[]): void {
    if (this.usage !== undefined) {
      out.push({ id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.call.modelId, choices: [{ index: 0, delta: {}, finish_reason: null }], usage: this.usage });
    }
  }

  private push(out: ModelResponseChunk[], delta: Delta, native?: string): void {
    if (!this.roleSent) {
      delta.role = 'assistant';
      this.roleSent = true;
    }
    const choice: StreamChoice = { index: 0, delta, finish_reason: native === undefined ? null : mapStopReason(native) };
    if (native !== undefined) {
      choice.native_finish_reason = native;
    }
    out.push({ id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.call.modelId, choices: [choice] });
  }
}
