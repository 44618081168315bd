/**
 * GenerateContentResponses → OpenAI chunks. A stream is a series of them (one per SSE event); a
 * whole answer is one, read by the same mapper, so streamed and whole answers cannot drift apart.
 * This runs once per streamed piece: a JSON.parse, a loop over the parts, no regexes or closures.
 */

import type { SseEvent } from '../../http/sse';
import { redactDeep } from '../../redact';
import type { Delta, ModelResponseChunk, StreamChoice, ThinkingBlock, ToolCallDelta, Usage } from '../../types';
import { isWireIndex, wireIndex, wireSourceOf, type WireSource } from '../../wireIndex';
import { absent, wireArray } from '../../wireShape';
import type { StreamMapper } from '../chunkSource';
import type { CallContext } from '../types';
import { mapGeminiStreamError, promptBlockedError } from './errors';
import { normalizeFinishReason } from './finishReason';
import { encodeToolCallId, newToolCallId } from './toolCallId';
import { normalizeUsage } from './usage';
import type { GeminiCandidate, GeminiResponse, GeminiUsageMetadata } from './wire';

interface CandidateState {
  /** The role went out with this candidate's first chunk. */
  started: boolean;
  /** Function calls seen so far: the next tool-call index, and whether STOP means tool_calls. */
  toolCalls: number;
}

export class GeminiStreamMapper implements StreamMapper<SseEvent> {
  private readonly candidates: CandidateState[] = [];
  private id: string | undefined;
  private model: string | undefined;
  private readonly created = Math.floor(Date.now() / 1000);
  /** Interim events carry partial counts; the last one reported is the answer's. */
  private usage: GeminiUsageMetadata | undefined;

  /** Built once: it names the sender in the errors a bad event gets. */
  private readonly source: WireSource;

  constructor(private readonly call: CallContext) {
    this.source = wireSourceOf(call);
  }

  map(event: SseEvent, out: ModelResponseChunk[]): void {
    if (event.data.length === 0) {
      return;
    }
    const body: unknown = JSON.parse(event.data);
    if (typeof body === 'object' && body !== null) {
      this.mapResponse(body as GeminiResponse, out);
    }
  }

  end(out: ModelResponseChunk[]): void {
    const usage = normalizeUsage(this.usage);
    if (usage !== undefined) {
      out.push(this.chunk([{ index: 0, delta: {}, finish_reason: null }], usage));
    }
  }

  /** Maps one GenerateContentResponse; throws for an error event or a blocked prompt. */
  mapResponse(body: GeminiResponse, out: ModelResponseChunk[]): void {
    if (body.error !== undefined && body.error !== null) {
      throw mapGeminiStreamError(redactDeep({ error: body.error }, [this.call.provider.apiKey]), this.call);
    }
    if (this.id === undefined) {
      this.id = typeof body.responseId === 'string' && body.responseId.length > 0 ? body.responseId : `chatcmpl-${newToolCallId().slice(5)}`;
      this.model = typeof body.modelVersion === 'string' && body.modelVersion.length > 0 ? body.modelVersion : this.call.modelId;
    }
    if (body.usageMetadata !== undefined) {
      this.usage = body.usageMetadata;
    }
    const raw = body.candidates;
    const candidates = absent(raw) ? undefined : Array.isArray(raw) ? raw : (wireArray(raw, 'candidates', this.source) as GeminiCandidate[]);
    if (candidates === undefined || candidates.length === 0) {
      if (body.promptFeedback?.blockReason !== undefined) {
        throw promptBlockedError(body.promptFeedback, this.call);
      }
      return;
    }
    if (candidates.length === 1) {
      // Nearly every event: one candidate, whose index needs no list to be checked first.
      const choice = this.mapCandidate(candidates[0] as GeminiCandidate, this.indexOf(candidates[0], 0));
      if (choice !== undefined) {
        out.push(this.chunk([choice], undefined));
      }
      return;
    }
    // Every index is checked before any candidate is mapped, so a refused event changes nothing.
    const indexes = candidates.map((candidate, position) => this.indexOf(candidate, position));
    let choices: StreamChoice[] | undefined;
    for (let position = 0; position < candidates.length; position++) {
      const choice = this.mapCandidate(candidates[position] as GeminiCandidate, indexes[position] as number);
      if (choice !== undefined) {
        (choices ??= []).push(choice);
      }
    }
    if (choices !== undefined) {
      out.push(this.chunk(choices, undefined));
    }
  }

  /** The candidate's own index, or its position when it has none; throws when the index is bad. */
  private indexOf(candidate: GeminiCandidate | undefined, position: number): number {
    const index = candidate?.index;
    if (index === undefined || index === null) {
      return position;
    }
    // Checked before the field's name is spelled out: this runs for every event.
    return isWireIndex(index) ? index : wireIndex(index, `candidates[${position}].index`, this.source);
  }

  private chunk(choices: StreamChoice[], usage: Usage | undefined): ModelResponseChunk {
    const chunk: ModelResponseChunk = { id: this.id ?? '', object: 'chat.completion.chunk', created: this.created, model: this.model ?? this.call.modelId, choices };
    if (usage !== undefined) {
      chunk.usage = usage;
    }
    return chunk;
  }

  /** One candidate's delta, or undefined when it brought nothing (no text, no call, no finish). */
  private mapCandidate(candidate: GeminiCandidate, index: number): StreamChoice | undefined {
    const state = this.candidates[index] ?? (this.candidates[index] = { started: false, toolCalls: 0 });
    let text: string | undefined;
    let reasoning: string | undefined;
    let blocks: ThinkingBlock[] | undefined;
    let calls: ToolCallDelta[] | undefined;
    const parts = candidate.content?.parts;
    if (Array.isArray(parts)) {
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        if (part === undefined || part === null) {
          continue;
        }
        const signature = typeof part.thoughtSignature === 'string' && part.thoughtSignature.length > 0 ? part.thoughtSignature : undefined;
        const functionCall = part.functionCall;
        if (functionCall !== undefined && functionCall !== null) {
          // Gemini sends a call whole; its signature travels in the id, where callers keep it.
          const id = typeof functionCall.id === 'string' && functionCall.id.length > 0 ? functionCall.id : newToolCallId();
          (calls ??= []).push({
            index: state.toolCalls++,
            id: encodeToolCallId(id, signature),
            type: 'function',
            function: { name: functionCall.name ?? '', arguments: JSON.stringify(functionCall.args ?? {}) },
          });
          continue;
        }
        const partText = typeof part.text === 'string' ? part.text : '';
        if (part.thought === true) {
          reasoning = reasoning === undefined ? partText : reasoning + partText;
          (blocks ??= []).push(signature === undefined ? { type: 'thinking', thinking: partText } : { type: 'thinking', thinking: partText, signature });
          continue;
        }
        if (partText.length > 0) {
          text = text === undefined ? partText : text + partText;
        }
        if (signature !== undefined) {
          // A signature on answer text belongs to the reasoning before it: it closes that thinking
          // block (or stands alone), and goes back to Gemini with it.
          (blocks ??= []).push({ type: 'thinking', thinking: '', signature });
        }
      }
    }
    const raw = candidate.finishReason;
    const finished = typeof raw === 'string' && raw.length > 0;
    if (text === undefined && reasoning === undefined && blocks === undefined && calls === undefined && !finished) {
      return undefined;
    }
    const delta: Delta = {};
    if (!state.started) {
      delta.role = 'assistant';
      state.started = true;
    }
    if (text !== undefined) {
      delta.content = text;
    }
    if (reasoning !== undefined) {
      delta.reasoning_content = reasoning;
    }
    if (blocks !== undefined) {
      delta.thinking_blocks = blocks;
    }
    if (calls !== undefined) {
      delta.tool_calls = calls;
    }
    if (!finished) {
      return { index, delta, finish_reason: null };
    }
    return { index, delta, finish_reason: normalizeFinishReason(raw, state.toolCalls > 0), native_finish_reason: raw };
  }
}
