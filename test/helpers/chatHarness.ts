/**
 * What the chat controller tests share: the controller's ports made real or recordable — a
 * `ChatCompletions` on the core's own client (offline mock provider or a loopback OpenAI server),
 * the file store in a temporary directory, a sink that records every posted message, animation
 * frames the test runs by hand, deterministic time and ids, and a log held in memory.
 */

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'mocha';
import { createClient, streamChunkBuilder, type Client, type ClientOptions, type CompletionStream, type ModelResponse, type ModelResponseChunk } from '../../src/core';
import type { FromWebview } from '../../src/protocol/messages';
import { ChatController } from '../../src/shell/chat/controller';
import type { ChatHub } from '../../src/shell/chat/chatHub';
import type { ChatToolsDeps } from '../../src/shell/chat/chatTools';
import type { ChatOpening } from '../../src/shell/chat/currentConversation';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import type { ChatCompletions, ChatLog, ContextSources, Conversation, ConversationStore, InstructionFiles, ChatUsageLog } from '../../src/shell/chat/ports';
import { MemoryLog, RecordingSink, TestEnvironment, TestModels } from './chatFakes';
import type { ChatSettings } from '../../src/shell/chatSettings';
import { WebviewRouter, type ShellActions } from '../../src/shell/chat/webviewRouter';
import { readConfig } from '../../src/shell/config';

/** The port on the core's client, as the shell builds it (the stream's response carries the cost). */
export function coreCompletions(client: Client): ChatCompletions {
  return {
    stream: ({ model, messages, signal, params }) => client.completion({ ...params, model, messages, stream: true, signal }),
  };
}

/**
 * A stream whose chunks the test lets through one by one (`release`), around a real one: to
 * place animation frames and snapshots between chosen chunks.
 */
export class GatedCompletions implements ChatCompletions {
  private allowed = 0;
  private readonly waiters: (() => void)[] = [];
  /** Chunks handed to the controller so far. */
  delivered = 0;

  constructor(private readonly inner: ChatCompletions) {}

  release(count: number): void {
    this.allowed += count;
    for (const wake of this.waiters.splice(0)) {
      wake();
    }
  }

  async stream(request: Parameters<ChatCompletions['stream']>[0]): Promise<CompletionStream> {
    const real = await this.inner.stream(request);
    // A cancel must reach a gate that waits for the next release.
    request.signal.addEventListener('abort', () => this.release(0), { once: true });
    const gate = async (): Promise<void> => {
      while (this.delivered >= this.allowed && !request.signal.aborted) {
        await new Promise<void>((resolve) => this.waiters.push(resolve));
      }
    };
    // The real stream reads a chunk before the gate lets it through: the gated stream's response
    // is built from the chunks delivered, so it never shows one the controller has not seen.
    const delivered: ModelResponseChunk[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the generator below counts deliveries on this gate
    const self = this;
    async function* chunks(): AsyncGenerator<ModelResponseChunk> {
      for await (const chunk of real) {
        await gate();
        if (request.signal.aborted) {
          return;
        }
        self.delivered++;
        delivered.push(chunk);
        yield chunk;
      }
    }
    const iterable = chunks();
    const response = (): ModelResponse => ({ ...streamChunkBuilder(delivered), _hidden_params: real.response()._hidden_params });
    const gated = { [Symbol.asyncIterator]: () => iterable, response, cancel: () => real.cancel(), _hidden_params: real._hidden_params };
    return gated as unknown as CompletionStream;
  }
}

/** A store that counts saves (an answer must be saved twice: at its start and its end, never per token). */
export class CountingStore implements ConversationStore {
  saves = 0;

  constructor(readonly inner: ConversationStore) {}

  list(): ReturnType<ConversationStore['list']> {
    return this.inner.list();
  }
  load(id: string): Promise<Conversation | undefined> {
    return this.inner.load(id);
  }
  save(conversation: Conversation): Promise<void> {
    this.saves++;
    return this.inner.save(conversation);
  }
  rename(id: string, title: string): Promise<void> {
    return this.inner.rename(id, title);
  }
  delete(id: string): Promise<void> {
    return this.inner.delete(id);
  }
}

/**
 * The router the extension puts in front of the controller (the guards, then one handler per
 * message), with the shell's services doing nothing: what a chat view's messages go through.
 */
export function routerFor(controller: ChatController, log: ChatLog = new MemoryLog(), services: Partial<ShellActions> = {}): WebviewRouter {
  const nothing = async (): Promise<void> => undefined;
  const actions: ShellActions = {
    copyCode: nothing,
    insertCode: nothing,
    openCodeInNewFile: nothing,
    applyCode: nothing,
    applyAllCode: nothing,
    decideProposal: nothing,
    openLink: nothing,
    exportConversation: nothing,
    addProvider: nothing,
    setApiKey: nothing,
    selectModel: nothing,
    testConnection: nothing,
    showLogs: nothing,
    openSettings: nothing,
    ...services,
  };
  const config = readConfig({ get: () => undefined }).config;
  let retries = 0;
  return new WebviewRouter({ controller, actions, log, config: () => config, newId: () => `retry-${++retries}`, prepareRequest: () => undefined });
}

export interface ChatRig {
  controller: ChatController;
  /** A message from the view, through the real router (guards first) to the controller. */
  receive(message: FromWebview): Promise<void>;
  sink: RecordingSink;
  env: TestEnvironment;
  models: TestModels;
  log: MemoryLog;
  store: CountingStore;
  directory: string;
  /** Attaches the sink and answers `ready`: the first message is the snapshot. */
  open(): Promise<void>;
}

export interface ChatRigOptions {
  client?: ChatCompletions;
  directory?: string;
  model?: string;
  idPrefix?: string;
  /** The chat's settings (`switchboard.chat.*`, `modelDefaults`); the declared defaults without. */
  settings?: () => ChatSettings;
  instructions?: InstructionFiles;
  context?: ContextSources;
  /** The tools offered to the model (a toolbox over test sources); none without. */
  tools?: ChatToolsDeps;
  /** The window's chats this one joins (several views); its own without. */
  hub?: ChatHub;
  /** What the chat shows first; the most recent conversation without. */
  opening?: ChatOpening;
  /** Where each request's usage is counted by day and model; nothing is counted without. */
  usage?: ChatUsageLog;
}

/** Makes rigs in fresh temporary directories; closes clients, disposes controllers and removes directories after each test. */
export function useChatRigs(): { rig(options?: ChatRigOptions): Promise<ChatRig>; client(options?: ClientOptions): Client; directory(): Promise<string> } {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup();
    }
  });
  const client = (options: ClientOptions = {}): Client => {
    const made = createClient({ env: {}, retry: { initialDelaySeconds: 0.01, maxDelaySeconds: 0.02 }, ...options });
    cleanups.push(() => made.close());
    return made;
  };
  const directory = async (): Promise<string> => {
    const made = await mkdtemp(join(tmpdir(), 'switchboard-chat-'));
    // The store's summary index is written in the background after a listing: a write may still be
    // renaming into the folder as it is removed, so the removal retries.
    cleanups.push(() => rm(made, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 }));
    return made;
  };
  return {
    client,
    directory,
    rig: async (options = {}) => {
      const dir = options.directory ?? (await directory());
      const log = new MemoryLog();
      const env = new TestEnvironment(options.idPrefix);
      const models = new TestModels(options.model);
      const store = new CountingStore(new FileConversationStore({ directory: dir, log }));
      const controller = new ChatController({
        client: options.client ?? coreCompletions(client()),
        store,
        models,
        log,
        env,
        ...(options.settings === undefined ? {} : { settings: options.settings }),
        ...(options.instructions === undefined ? {} : { instructions: options.instructions }),
        ...(options.context === undefined ? {} : { context: options.context }),
        ...(options.tools === undefined ? {} : { tools: options.tools }),
        ...(options.hub === undefined ? {} : { hub: options.hub }),
        ...(options.opening === undefined ? {} : { opening: options.opening }),
        ...(options.usage === undefined ? {} : { usage: options.usage }),
      });
      const router = routerFor(controller, log);
      const receive = (message: FromWebview): Promise<void> => router.receive(message);
      const sink = new RecordingSink();
      cleanups.push(async () => {
        controller.dispose();
        await controller.idle();
      });
      return {
        controller,
        receive,
        sink,
        env,
        models,
        log,
        store,
        directory: dir,
        open: async () => {
          controller.attachView(sink);
          await receive({ type: 'ready' });
        },
      };
    },
  };
}

/** The core's completions as the chat asks for them, counting each request: a refused message must leave `asked()` at 0. */
export function countingCompletions(inner: ChatCompletions): { client: ChatCompletions; asked: () => number } {
  let asked = 0;
  return {
    client: {
      stream: (request) => {
        asked++;
        return inner.stream(request);
      },
    },
    asked: () => asked,
  };
}
