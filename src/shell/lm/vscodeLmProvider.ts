/**
 * The `vscode-lm` provider: models other extensions give VS Code (Copilot's among them), usable in
 * Switchboard's chat as `vscode-lm/<vendor>/<model id>`. A core `ProviderDefinition` passed to the
 * shell's client (`createClient({ providers })`), so these models get the chat's routing, stream
 * handling and error display like any provider's.
 *
 * VS Code allows a request only from a user action (its first request asks for consent): the chat's
 * send is one, and the public API refuses these models (`routeApiModel`). Switchboard's own
 * vendor is never listed or called here: that would be a loop.
 *
 * This file is vscode-free: VS Code comes in through `LmHost` (`vscodeLmHost.ts` implements it).
 */

import { randomUUID } from 'node:crypto';
import {
  AbortError,
  BadRequestError,
  NotFoundError,
  streamChunkBuilder,
  Timeout,
  type CallContext,
  type ChunkSource,
  type CompletionParams,
  type ModelResponse,
  type ModelResponseChunk,
  type ProviderDefinition,
  type ProviderModel,
} from '../../core';
import { coreErrorFromLm } from './errorMapping';
import type { LmLog, LmMessage, LmPart, LmTool, LmToolMode } from './lmParts';
import { toLmMessages } from './lmMessages';
import { splitVscodeLmModelId, vscodeLmProviderId } from '../modelAddress';
import { switchboardVendor } from './modelIds';

export interface LmRequestOptions {
  /** Shown by VS Code when it asks the user for consent. */
  justification: string;
  tools: LmTool[];
  toolMode: LmToolMode;
}

/** A `vscode.LanguageModelChat` as plain data and one request method. */
export interface LmChatModel {
  readonly id: string;
  readonly vendor: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly maxInputTokens: number;
  /** What the host says about images and tools, where it says anything. */
  readonly supportsImages?: boolean;
  readonly supportsTools?: boolean;
  /** Aborting `signal` cancels the request (the host bridges it to a CancellationToken). */
  sendRequest(messages: LmMessage[], options: LmRequestOptions, signal: AbortSignal): Promise<AsyncIterable<LmPart>>;
}

/** VS Code's `vscode.lm`, as far as this provider needs it. */
export interface LmHost {
  selectChatModels(selector?: { vendor?: string; id?: string }): Promise<readonly LmChatModel[]>;
}

export interface VscodeLmProviderOptions {
  host: LmHost;
  log: LmLog;
  /** Why Switchboard asks for the model, in the user's language (VS Code's consent prompt shows it). */
  justification: string;
  /** Response ids and times, injectable for tests. */
  newId?: () => string;
  now?: () => number;
}

function toolsOf(params: CompletionParams): { tools: LmTool[]; toolMode: LmToolMode } {
  const choice = params.tool_choice;
  if (params.tools === undefined || choice === 'none') {
    return { tools: [], toolMode: 'auto' };
  }
  let tools: LmTool[] = params.tools.map((tool) => {
    const mapped: LmTool = { name: tool.function.name, description: tool.function.description ?? '' };
    if (tool.function.parameters !== undefined) {
      mapped.inputSchema = tool.function.parameters;
    }
    return mapped;
  });
  if (typeof choice === 'object') {
    // VS Code cannot force one named tool; offering only that one, required, does the same.
    tools = tools.filter((tool) => tool.name === choice.function.name);
  }
  return { tools, toolMode: choice === 'required' || typeof choice === 'object' ? 'required' : 'auto' };
}

const aborted = Symbol('aborted');

/** Chunks from a VS Code response stream: text as content, each tool call whole, then the finish. */
class LmChunkSource implements ChunkSource {
  private readonly iterator: AsyncIterator<LmPart>;
  /** Settles when the request is aborted (by the caller's signal or `cancel()`). */
  private readonly abort: Promise<typeof aborted>;
  private started = false;
  private toolCalls = 0;
  private finished = false;

  constructor(
    stream: AsyncIterable<LmPart>,
    private readonly base: Omit<ModelResponseChunk, 'choices'>,
    private readonly requestedModel: string,
    private readonly controller: AbortController,
    private readonly log: LmLog,
    /** Unhooks the caller's signal once the stream is over. */
    private readonly release: () => void,
  ) {
    this.iterator = stream[Symbol.asyncIterator]();
    this.abort = new Promise((resolve) => controller.signal.addEventListener('abort', () => resolve(aborted), { once: true }));
  }

  async next(): Promise<ModelResponseChunk[] | undefined> {
    while (!this.finished) {
      let read: IteratorResult<LmPart> | typeof aborted = aborted;
      try {
        if (!this.controller.signal.aborted) {
          // A cancel ends the read at once, whether or not the model's stream notices it.
          const pending = this.iterator.next();
          read = await Promise.race([pending, this.abort]);
          if (read === aborted) {
            // The model may still answer or fail that read; nobody waits for it any more.
            pending.catch(() => undefined);
          }
        }
      } catch (error) {
        this.finish();
        throw coreErrorFromLm(error, this.requestedModel, this.controller.signal.aborted);
      }
      if (read === aborted || this.controller.signal.aborted) {
        this.finish();
        this.iterator.return?.().catch(() => undefined);
        throw new AbortError();
      }
      if (read.done === true) {
        this.finish();
        return [this.chunk({}, this.toolCalls > 0 ? 'tool_calls' : 'stop')];
      }
      const chunk = this.map(read.value);
      if (chunk !== undefined) {
        return [chunk];
      }
    }
    return undefined;
  }

  cancel(): void {
    if (!this.finished) {
      this.finish();
      this.controller.abort();
      this.iterator.return?.().catch(() => undefined);
    }
  }

  private finish(): void {
    this.finished = true;
    this.release();
  }

  private map(part: LmPart): ModelResponseChunk | undefined {
    if (part.kind === 'text' && part.text.length > 0) {
      return this.chunk({ content: part.text });
    }
    if (part.kind === 'toolCall') {
      const index = this.toolCalls++;
      return this.chunk({ tool_calls: [{ index, id: part.callId, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input) } }] });
    }
    if (part.kind !== 'text') {
      this.log.debug(`vscode.lm: ${this.requestedModel} sent a ${part.kind === 'other' ? part.description : `${part.kind} part`}; not shown.`);
    }
    return undefined;
  }

  private chunk(delta: ModelResponseChunk['choices'][number]['delta'], finish: ModelResponseChunk['choices'][number]['finish_reason'] = null): ModelResponseChunk {
    // As OpenAI: the first chunk names the role.
    const withRole = this.started ? delta : { role: 'assistant' as const, ...delta };
    this.started = true;
    return { ...this.base, choices: [{ index: 0, delta: withRole, finish_reason: finish }] };
  }
}

class VscodeLmAdapter {
  constructor(private readonly options: VscodeLmProviderOptions) {}

  async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
    const model = await this.find(call);
    if (call.signal?.aborted === true) {
      throw new AbortError();
    }
    // The request's own controller: the caller's signal aborts it, and so does `cancel()`.
    const controller = new AbortController();
    const abort = (): void => controller.abort();
    call.signal?.addEventListener('abort', abort, { once: true });
    const release = (): void => call.signal?.removeEventListener('abort', abort);
    const { tools, toolMode } = toolsOf(params);
    const messages = toLmMessages(params.messages, this.options.log);
    let stream: AsyncIterable<LmPart>;
    try {
      stream = await model.sendRequest(messages, { justification: this.options.justification, tools, toolMode }, controller.signal);
    } catch (error) {
      release();
      throw coreErrorFromLm(error, call.requestedModel, controller.signal.aborted);
    }
    const base = { id: `chatcmpl-vscode-lm-${this.options.newId?.() ?? randomUUID()}`, object: 'chat.completion.chunk' as const, created: Math.floor((this.options.now?.() ?? Date.now()) / 1000), model: call.modelId };
    return new LmChunkSource(stream, base, call.requestedModel, controller, this.options.log, release);
  }

  async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
    const source = await this.stream(params, call);
    const chunks: ModelResponseChunk[] = [];
    for (let batch = await source.next(); batch !== undefined; batch = await source.next()) {
      chunks.push(...batch);
    }
    return streamChunkBuilder(chunks);
  }

  /** VS Code's models but Switchboard's own; within `timeoutMs`, as any provider's list (a vendor may hang). */
  async listModels(timeoutMs: number): Promise<ProviderModel[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Timeout({ llm_provider: vscodeLmProviderId, message: `VS Code did not list its language models within ${timeoutMs / 1000} s.` })), timeoutMs);
    });
    try {
      const models = await Promise.race([this.options.host.selectChatModels(), timeout]);
      return models.filter((model) => model.vendor !== switchboardVendor).map((model) => listedModel(model));
    } finally {
      clearTimeout(timer);
    }
  }

  private async find(call: CallContext): Promise<LmChatModel> {
    const named = splitVscodeLmModelId(call.modelId);
    if (named === undefined) {
      throw new BadRequestError({ param: 'model', llm_provider: vscodeLmProviderId, model: call.requestedModel, message: `A VS Code model is written 'vscode-lm/<vendor>/<model id>'; got '${call.requestedModel}'.` });
    }
    if (named.vendor === switchboardVendor) {
      throw new BadRequestError({ param: 'model', llm_provider: vscodeLmProviderId, model: call.requestedModel, message: `'${call.requestedModel}' is Switchboard's own model offered to VS Code; use '${named.id}' directly.` });
    }
    const found = (await this.options.host.selectChatModels(named)).find((model) => model.vendor === named.vendor && model.id === named.id);
    if (found === undefined) {
      throw new NotFoundError({ llm_provider: vscodeLmProviderId, model: call.requestedModel, message: `VS Code offers no model '${named.id}' from '${named.vendor}' now. Pick another model.` });
    }
    return found;
  }
}

function listedModel(model: LmChatModel): ProviderModel {
  const facts: ProviderModel['facts'] = { mode: 'chat' };
  if (model.maxInputTokens > 0) {
    facts.max_input_tokens = model.maxInputTokens;
  }
  if (model.supportsImages !== undefined) {
    facts.supports_vision = model.supportsImages;
  }
  if (model.supportsTools !== undefined) {
    facts.supports_function_calling = model.supportsTools;
  }
  return { model: `${model.vendor}/${model.id}`, display_name: `${model.name} (${model.vendor})`, owned_by: model.vendor, facts };
}

/** The `vscode-lm` provider over a host (VS Code's `vscode.lm`, or a fake in tests). */
export function createVscodeLmProvider(options: VscodeLmProviderOptions): ProviderDefinition {
  const adapter = new VscodeLmAdapter(options);
  return {
    id: vscodeLmProviderId,
    displayName: 'VS Code',
    apiKeyEnv: [],
    keyRequired: false,
    offline: true,
    chat: true,
    embeddings: false,
    adapter: {
      completion: (params, call) => adapter.completion(params, call),
      stream: (params, call) => adapter.stream(params, call),
      embedding: (params) => Promise.reject(new BadRequestError({ param: 'model', llm_provider: vscodeLmProviderId, model: params.model, message: "VS Code's language models do not offer embeddings." })),
      listModels: (call) => adapter.listModels(call.timeoutMs),
    },
  };
}
