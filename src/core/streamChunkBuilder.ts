/**
 * Rebuilds a `chat.completion` from `chat.completion.chunk`s, as LiteLLM's `stream_chunk_builder`
 * does: text, reasoning and refusals concatenated; tool-call fragments joined by index; thinking
 * blocks merged until their signature arrives; the last usage and finish reason kept.
 *
 * Chunks may come from a server or a caller, so every index is checked (`wireIndex`) before the
 * chunk changes anything: a chunk with a bad one is refused whole.
 */

import type {
  Choice,
  FinishReason,
  ModelResponse,
  ModelResponseChunk,
  ResponseMessage,
  ThinkingBlock,
  ToolCall,
  Usage,
} from './types';
import { StreamedText } from './streamedText';
import { isWireIndex, wireIndex, type WireSource } from './wireIndex';

type ChunkChoice = ModelResponseChunk['choices'][number];

/** The name for chunks whose sender the accumulator was not told. */
const givenChunks: WireSource = { sender: 'a chunk' };

interface ChoiceState {
  /** Undefined until a chunk carried content: the message's content is then null. */
  content: StreamedText | undefined;
  /** Undefined until a chunk carried reasoning: the message then has no `reasoning_content`. */
  reasoning: StreamedText | undefined;
  refusal: string | undefined;
  toolCalls: ToolCall[];
  thinkingBlocks: ThinkingBlock[];
  /** The thinking block still receiving text (no signature yet). */
  openThinking: { type: 'thinking'; thinking: string; signature?: string } | undefined;
  finishReason: FinishReason | null;
  nativeFinishReason: string | undefined;
}

function newChoice(): ChoiceState {
  return {
    content: undefined,
    reasoning: undefined,
    refusal: undefined,
    toolCalls: [],
    thinkingBlocks: [],
    openThinking: undefined,
    finishReason: null,
    nativeFinishReason: undefined,
  };
}

/** Accumulates chunks as they stream, cheaply enough to run on every token. */
export class ChunkAccumulator {
  private id = '';
  private created = 0;
  private model = '';
  private systemFingerprint: string | null | undefined;
  private readonly choices: ChoiceState[] = [];
  private usage: Usage | undefined;

  constructor(private readonly source: WireSource = givenChunks) {}

  /** Adds a chunk; throws an APIError, and changes nothing, when one of its indexes is not a small non-negative integer. */
  add(chunk: ModelResponseChunk): void {
    const choices = chunk.choices;
    // Checked first, so a refused chunk leaves the answer as it was.
    for (let i = 0; i < choices.length; i++) {
      this.checkIndexes(choices[i], i);
    }
    if (this.id === '' && chunk.id) {
      this.id = chunk.id;
      this.created = chunk.created;
      this.model = chunk.model;
    }
    if (chunk.system_fingerprint) {
      this.systemFingerprint = chunk.system_fingerprint;
    }
    if (chunk.usage) {
      this.usage = chunk.usage;
    }
    for (let i = 0; i < choices.length; i++) {
      const choice = choices[i];
      if (choice === undefined) {
        continue;
      }
      const state = this.choices[choice.index] ?? (this.choices[choice.index] = newChoice());
      const delta = choice.delta;
      if (typeof delta.content === 'string') {
        (state.content ??= new StreamedText()).append(delta.content);
      }
      if (typeof delta.reasoning_content === 'string') {
        (state.reasoning ??= new StreamedText()).append(delta.reasoning_content);
      }
      if (typeof delta.refusal === 'string') {
        state.refusal = (state.refusal ?? '') + delta.refusal;
      }
      if (delta.tool_calls !== undefined) {
        this.addToolCalls(state, delta.tool_calls);
      }
      if (delta.thinking_blocks !== undefined) {
        this.addThinking(state, delta.thinking_blocks);
      }
      if (choice.finish_reason) {
        state.finishReason = choice.finish_reason;
        if (choice.native_finish_reason) {
          state.nativeFinishReason = choice.native_finish_reason;
        }
      }
    }
  }

  /** Throws unless the choice's index and its tool calls' indexes may be used as array indexes. */
  private checkIndexes(choice: ChunkChoice | undefined, position: number): void {
    if (choice === undefined) {
      return;
    }
    // Checked before the field's name is spelled out: this runs for every chunk.
    if (!isWireIndex(choice.index)) {
      wireIndex(choice.index, `choices[${position}].index`, this.source);
    }
    const calls = choice.delta.tool_calls;
    if (calls === undefined || calls === null) {
      return;
    }
    for (let i = 0; i < calls.length; i++) {
      if (!isWireIndex(calls[i]?.index)) {
        wireIndex(calls[i]?.index, `choices[${position}].delta.tool_calls[${i}].index`, this.source);
      }
    }
  }

  private addToolCalls(state: ChoiceState, deltas: NonNullable<ChunkChoice['delta']['tool_calls']>): void {
    for (const delta of deltas) {
      const call = state.toolCalls[delta.index] ?? (state.toolCalls[delta.index] = { id: '', type: 'function', function: { name: '', arguments: '' } });
      if (delta.id) {
        call.id = delta.id;
      }
      // Some servers repeat the name in every fragment; the first one is the name.
      if (delta.function?.name && call.function.name === '') {
        call.function.name = delta.function.name;
      }
      if (delta.function?.arguments) {
        call.function.arguments += delta.function.arguments;
      }
    }
  }

  private addThinking(state: ChoiceState, blocks: readonly ThinkingBlock[]): void {
    for (const block of blocks) {
      if (block.type === 'redacted_thinking') {
        state.openThinking = undefined;
        state.thinkingBlocks.push({ ...block });
        continue;
      }
      if (state.openThinking === undefined) {
        state.openThinking = { type: 'thinking', thinking: '' };
        state.thinkingBlocks.push(state.openThinking);
      }
      state.openThinking.thinking += block.thinking;
      if (block.signature) {
        state.openThinking.signature = block.signature;
        state.openThinking = undefined;
      }
    }
  }

  /** The response the chunks so far make up. */
  build(): ModelResponse {
    const choices: Choice[] = [];
    this.choices.forEach((state, index) => {
      const message: ResponseMessage = { role: 'assistant', content: state.content === undefined ? null : state.content.text() };
      const toolCalls = state.toolCalls.filter((call) => call !== undefined);
      if (toolCalls.length > 0) {
        message.tool_calls = toolCalls.map((call) => ({ ...call, function: { ...call.function } }));
      }
      if (state.reasoning !== undefined) {
        message.reasoning_content = state.reasoning.text();
      }
      if (state.thinkingBlocks.length > 0) {
        message.thinking_blocks = state.thinkingBlocks.map((block) => ({ ...block }));
      }
      if (state.refusal !== undefined) {
        message.refusal = state.refusal;
      }
      const choice: Choice = { index, message, finish_reason: state.finishReason };
      if (state.nativeFinishReason !== undefined) {
        choice.native_finish_reason = state.nativeFinishReason;
      }
      choices.push(choice);
    });
    const response: ModelResponse = {
      id: this.id,
      object: 'chat.completion',
      created: this.created,
      model: this.model,
      choices: choices.length > 0 ? choices : [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: null }],
    };
    if (this.systemFingerprint !== undefined) {
      response.system_fingerprint = this.systemFingerprint;
    }
    if (this.usage !== undefined) {
      response.usage = this.usage;
    }
    return response;
  }
}

/** Rebuilds one response from a stream's chunks (LiteLLM's `stream_chunk_builder`). */
export function streamChunkBuilder(chunks: readonly ModelResponseChunk[]): ModelResponse {
  const accumulator = new ChunkAccumulator();
  for (const chunk of chunks) {
    accumulator.add(chunk);
  }
  return accumulator.build();
}
