/**
 * SSE events of an OpenAI-wire stream → public chunks. This runs once per token: a chunk shaped
 * like one mapped before is built from a template (`ChunkTemplates`, reading only its text); the
 * general path, the reference, costs a JSON.parse and a few checks for a chunk that already has
 * the public shape.
 */

import type { SseEvent } from '../../http/sse';
import { redactDeep } from '../../redact';
import type { ModelResponseChunk } from '../../types';
import { wireSourceOf, type WireSource } from '../../wireIndex';
import type { StreamMapper } from '../chunkSource';
import type { CallContext } from '../types';
import { ChunkTemplates } from './chunkTemplates';
import { mapInStreamError } from './errors';
import { choiceIndex, normalizeChoiceFinish, normalizeMessageFields, normalizeToolCalls } from './response';
import { checkedChunk } from './shape';
import { normalizeUsage } from './usage';
import type { RawChoice, RawResponse } from './wire';

export class OpenAIStreamMapper implements StreamMapper<SseEvent> {
  /** Vendors that omit tool-call indexes (Mistral) get them in arrival order. */
  private toolCallCount = 0;
  private readonly nextToolIndex = (): number => this.toolCallCount++;
  private done = false;
  private readonly source: WireSource;
  /** Undefined when every event takes the general path (the fuzz test's reference). */
  private readonly templates: ChunkTemplates | undefined;
  private readonly probe = (data: string): ModelResponseChunk | undefined => {
    const out: ModelResponseChunk[] = [];
    this.mapGeneral(undefined, data, out);
    return out.length === 1 ? out[0] : undefined;
  };

  constructor(
    private readonly call: CallContext,
    options: { templates?: boolean } = {},
  ) {
    this.source = wireSourceOf(call);
    this.templates = options.templates === false ? undefined : new ChunkTemplates();
  }

  map(event: SseEvent, out: ModelResponseChunk[]): void {
    if (this.done) {
      return;
    }
    const data = event.data;
    if (data === '[DONE]') {
      this.done = true;
      return;
    }
    // A named event may be an error; only the default type is a plain chunk.
    const templates = event.event === undefined ? this.templates : undefined;
    if (templates !== undefined) {
      const chunk = templates.match(data);
      if (chunk !== undefined) {
        out.push(chunk);
        return;
      }
    }
    const before = out.length;
    this.mapGeneral(event.event, data, out);
    if (templates !== undefined && out.length === before + 1) {
      templates.learn(data, out[before] as ModelResponseChunk, this.probe);
    }
  }

  /** The reference: parse, check the shape, normalise in place. */
  private mapGeneral(type: string | undefined, data: string, out: ModelResponseChunk[]): void {
    const chunk = checkedChunk(JSON.parse(data), this.source);
    if (type === 'error' || (chunk.error !== undefined && chunk.error !== null)) {
      this.fail(chunk, out);
    }
    let choices = chunk.choices;
    if (choices === undefined || choices.length === 0) {
      // Azure's first chunk carries only prompt_filter_results; the usage chunk has no choices.
      if (!this.takeUsage(chunk)) {
        return;
      }
      choices = chunk.choices = [{ index: 0, delta: {}, finish_reason: null }];
    } else {
      for (let i = 0; i < choices.length; i++) {
        this.normalizeChoice(choices[i] as RawChoice, i);
      }
      this.takeUsage(chunk);
    }
    if (chunk.object !== 'chat.completion.chunk') {
      chunk.object = 'chat.completion.chunk';
    }
    out.push(chunk as unknown as ModelResponseChunk);
  }

  /** In place; throws before the chunk is delivered when an index is not one `wireIndex` accepts. */
  private normalizeChoice(choice: RawChoice, position: number): void {
    choice.index = choiceIndex(choice, position, this.source);
    const delta = choice.delta ?? (choice.delta = {});
    if ((delta.content !== undefined && delta.content !== null && typeof delta.content !== 'string') || typeof delta.reasoning === 'string') {
      normalizeMessageFields(delta);
    }
    if (delta.tool_calls !== undefined) {
      normalizeToolCalls(delta.tool_calls, this.nextToolIndex, false, `choices[${position}].delta.tool_calls`, this.source);
    }
    if (choice.finish_reason !== null) {
      normalizeChoiceFinish(choice);
    }
  }

  /** Normalises the chunk's usage (or Groq's `x_groq.usage`); true when there is one. */
  private takeUsage(chunk: RawResponse): boolean {
    const raw = chunk.usage ?? chunk.x_groq?.usage;
    if (raw === undefined || raw === null) {
      return false;
    }
    const usage = normalizeUsage(raw);
    chunk.usage = usage;
    return usage !== undefined;
  }

  /** An error inside a 200 stream: deliver the usage it may carry, then raise it. */
  private fail(chunk: RawResponse, out: ModelResponseChunk[]): never {
    const error = mapInStreamError(redactDeep(chunk.error ?? chunk, [this.call.provider.apiKey]), this.call);
    if (this.takeUsage(chunk)) {
      out.push({
        id: chunk.id ?? '',
        object: 'chat.completion.chunk',
        created: chunk.created ?? 0,
        model: chunk.model ?? '',
        choices: [{ index: 0, delta: {}, finish_reason: null }],
        usage: chunk.usage as ModelResponseChunk['usage'],
      });
    }
    throw error;
  }
}
