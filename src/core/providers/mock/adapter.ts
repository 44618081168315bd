/**
 * The `mock` provider: deterministic and offline, for demos and tests. It streams word by word
 * (`mock/typewriter` at a visible pace, any other id at once), makes tool calls, reports usage,
 * embeds text into stable vectors, and raises a chosen error with `mock_response: "error:429"`.
 */

import { AbortError, BadRequestError, createErrorFromStatus } from '../../errors';
import { sleep } from '../../http/retry';
import type {
  CompletionParams,
  EmbeddingParams,
  EmbeddingResponse,
  ModelResponse,
  ModelResponseChunk,
  Usage,
} from '../../types';
import type { CallContext, ChunkSource, ProviderAdapter, ProviderModel } from '../types';
import { countTokens, mockAnswer, type MockAnswer } from './answer';
import { mockEmbedding } from './embedding';

const typewriterDelaySeconds = 0.025;

function usageOf(answer: MockAnswer): Usage {
  // Tool calls count only when there are some: stringifying a stand-in would add a token to every plain answer.
  const completion =
    countTokens(answer.content ?? '') + countTokens(answer.reasoning ?? '') + (answer.toolCalls === undefined ? 0 : countTokens(JSON.stringify(answer.toolCalls)));
  const usage: Usage = {
    prompt_tokens: answer.promptTokens,
    completion_tokens: completion,
    total_tokens: answer.promptTokens + completion,
  };
  if (answer.reasoning !== undefined) {
    usage.completion_tokens_details = { reasoning_tokens: countTokens(answer.reasoning) };
  }
  return usage;
}

/** Word-sized pieces that join back to exactly `text`, whitespace included (an all-blank text is one piece). */
function words(text: string | null | undefined): string[] {
  return text?.match(/\s*\S+\s*|\s+/g) ?? [];
}

/** A cancelled call ends as a real provider's would, though the mock has no request to abort. */
function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new AbortError();
  }
}

function raiseRequestedError(params: CompletionParams, call: CallContext): void {
  const match = /^error:(\d{3})$/.exec(params.mock_response ?? '');
  if (match) {
    const status = Number(match[1]);
    throw createErrorFromStatus(status, {
      message: `${call.provider.displayName} (${status}): the error this mock call asked for.`,
      llm_provider: call.provider.id,
      model: call.requestedModel,
    });
  }
}

function responseId(params: CompletionParams): string {
  let hash = 2166136261;
  for (const char of JSON.stringify(params.messages)) {
    hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  }
  return `chatcmpl-mock-${(hash >>> 0).toString(16)}`;
}

/** The chunks of a streamed mock answer, in order. */
function chunksOf(answer: MockAnswer, base: Omit<ModelResponseChunk, 'choices' | 'usage'>, includeUsage: boolean): ModelResponseChunk[] {
  const chunk = (delta: ModelResponseChunk['choices'][number]['delta'], finish: ModelResponseChunk['choices'][number]['finish_reason'] = null): ModelResponseChunk => ({
    ...base,
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
  // As OpenAI: a tool-call answer opens with `content: null`, so the rebuilt message matches the
  // non-streamed one.
  const chunks: ModelResponseChunk[] = [chunk({ role: 'assistant', content: answer.content === null ? null : '' })];
  for (const word of words(answer.reasoning)) {
    chunks.push(chunk({ reasoning_content: word }));
  }
  for (const word of words(answer.content)) {
    chunks.push(chunk({ content: word }));
  }
  for (const [index, call] of (answer.toolCalls ?? []).entries()) {
    const args = call.function.arguments;
    const middle = Math.ceil(args.length / 2);
    chunks.push(chunk({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] }));
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(0, middle) } }] }));
    chunks.push(chunk({ tool_calls: [{ index, function: { arguments: args.slice(middle) } }] }));
  }
  chunks.push(chunk({}, answer.toolCalls !== undefined ? 'tool_calls' : 'stop'));
  if (includeUsage) {
    chunks.push({ ...chunk({}), usage: usageOf(answer) });
  }
  return chunks;
}

class MockChunkSource implements ChunkSource {
  private position = 0;
  private cancelled = false;

  constructor(
    private readonly chunks: ModelResponseChunk[],
    private readonly delaySeconds: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async next(): Promise<ModelResponseChunk[] | undefined> {
    if (this.cancelled || this.position >= this.chunks.length) {
      return undefined;
    }
    if (this.delaySeconds === 0) {
      const rest = this.chunks.slice(this.position);
      this.position = this.chunks.length;
      return rest;
    }
    if (this.position > 0) {
      await sleep(this.delaySeconds, this.signal);
    }
    if (this.signal?.aborted) {
      throw new AbortError();
    }
    return [this.chunks[this.position++] as ModelResponseChunk];
  }

  cancel(): void {
    this.cancelled = true;
  }
}

export const mockAdapter: ProviderAdapter = {
  async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
    throwIfAborted(call.signal);
    raiseRequestedError(params, call);
    const answer = mockAnswer(params, call.modelId);
    const message: ModelResponse['choices'][number]['message'] = { role: 'assistant', content: answer.content };
    if (answer.reasoning !== undefined) {
      message.reasoning_content = answer.reasoning;
    }
    if (answer.toolCalls !== undefined) {
      message.tool_calls = answer.toolCalls;
    }
    return {
      id: responseId(params),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: call.modelId,
      choices: [{ index: 0, message, finish_reason: answer.toolCalls !== undefined ? 'tool_calls' : 'stop' }],
      usage: usageOf(answer),
    };
  },

  async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
    throwIfAborted(call.signal);
    raiseRequestedError(params, call);
    const answer = mockAnswer(params, call.modelId);
    const base = { id: responseId(params), object: 'chat.completion.chunk' as const, created: Math.floor(Date.now() / 1000), model: call.modelId };
    const chunks = chunksOf(answer, base, params.stream_options?.include_usage !== false);
    const delay = call.modelId === 'typewriter' ? typewriterDelaySeconds : 0;
    return new MockChunkSource(chunks, delay, call.signal);
  },

  async embedding(params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
    throwIfAborted(call.signal);
    const input = params.input;
    if (input.length === 0) {
      throw new BadRequestError({ message: 'mock: input is empty.', llm_provider: 'mock', model: call.requestedModel, param: 'input' });
    }
    // As OpenAI reads it: a list of token ids is one input, a list of strings or of such lists is many.
    const inputs: readonly (string | number[])[] = typeof input === 'string' ? [input] : typeof input[0] === 'number' ? [input as number[]] : (input as string[] | number[][]);
    const texts = inputs.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
    const dimensions = params.dimensions ?? 16;
    const tokens = texts.reduce((sum, text) => sum + countTokens(text), 0);
    return {
      object: 'list',
      data: texts.map((text, index) => ({ object: 'embedding', index, embedding: mockEmbedding(text, dimensions) })),
      model: call.modelId,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  },

  async listModels(): Promise<ProviderModel[]> {
    const facts = { mode: 'chat' as const, supports_function_calling: true, supports_reasoning: true, max_input_tokens: 128_000, max_output_tokens: 8_192 };
    return [
      { model: 'echo', display_name: 'Mock (instant)', facts },
      { model: 'typewriter', display_name: 'Mock (streams at reading pace)', facts },
    ];
  },
};
