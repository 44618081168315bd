/**
 * What the history tests share: the chat's `ChatHistory` on the real file store in a temporary
 * folder, around the session state the controller hands it (the conversation on screen, a queue
 * run in order, a view that records what it is told), with the completions port and the title
 * mode each test picks; and a completions port whose title requests the test scripts and holds.
 */

import { createClient, type Client, type CompletionStream } from '../../../src/core';
import { ChatHistory } from '../../../src/shell/chat/chatHistory';
import { appendQuestion } from '../../../src/shell/chat/conversationEdits';
import type { TitleMode } from '../../../src/shell/chatSettings';
import { FileConversationStore } from '../../../src/shell/chat/conversationStore';
import { CurrentConversation } from '../../../src/shell/chat/currentConversation';
import { formatMessage } from '../../../src/shell/chat/localize';
import type { ChatCompletions, ChatRequest, Conversation } from '../../../src/shell/chat/ports';
import { ViewChannel } from '../../../src/shell/chat/viewChannel';
import { useChatRigs } from '../../helpers/chatHarness';
import { MemoryLog, RecordingSink, TestEnvironment, TestModels } from '../../helpers/chatFakes';

export interface HistoryRig {
  history: ChatHistory;
  conversations: CurrentConversation;
  store: FileConversationStore;
  sink: RecordingSink;
  log: MemoryLog;
  env: TestEnvironment;
  directory: string;
  /** Holds the session's queue until the returned function is called (what the chat is busy with meanwhile). */
  holdQueue(): () => void;
  /** Resolves when the next operation joins the session's queue. */
  whenEnqueued(): Promise<void>;
  /**
   * Starts a conversation on screen with `question` and its complete `answer` from `model`, saved:
   * what the chat has when an answer ended.
   */
  answered(question: string, answer: string, model?: string): Promise<Conversation>;
}

export interface HistoryRigOptions {
  client: ChatCompletions;
  titleMode?: TitleMode;
  directory?: string;
}

/** Makes history rigs; their folders are removed after each test. */
export function useHistoryRigs(): { rig(options: HistoryRigOptions): Promise<HistoryRig>; directory(): Promise<string> } {
  const chats = useChatRigs();
  return {
    directory: () => chats.directory(),
    rig: async (options) => {
      const directory = options.directory ?? (await chats.directory());
      const log = new MemoryLog();
      const env = new TestEnvironment();
      const models = new TestModels('openai/gpt-4o-mini');
      const store = new FileConversationStore({ directory, log });
      const conversations = new CurrentConversation({ store, models, log, env });
      const view = new ViewChannel(log);
      const sink = new RecordingSink();
      view.attach(sink);
      view.markReady();
      let queue: Promise<void> = Promise.resolve();
      const enqueued: (() => void)[] = [];
      const enqueue = (operation: () => Promise<void>): Promise<void> => {
        queue = queue.then(operation);
        for (const tell of enqueued.splice(0)) {
          tell();
        }
        return queue;
      };
      const history = new ChatHistory({
        store,
        client: options.client,
        ...(options.titleMode === undefined ? {} : { titleMode: () => options.titleMode as TitleMode }),
        log,
        env,
        localize: formatMessage,
        view,
        conversations,
        stopAnswer: async () => undefined,
        broadcast: (message) => view.post(message),
        postAbout: (conversation, message) => (conversation === conversations.known ? view.post(message) : undefined),
        shared: () => undefined,
        postSnapshot: async () => undefined,
        enqueue,
      });
      return {
        history,
        conversations,
        store,
        sink,
        log,
        env,
        directory,
        holdQueue: () => {
          let release = (): void => undefined;
          void enqueue(() => new Promise<void>((resolve) => (release = resolve)));
          return () => release();
        },
        whenEnqueued: () => new Promise<void>((resolve) => enqueued.push(resolve)),
        answered: async (question, answer, model = 'openai/gpt-4o-mini') => {
          conversations.startBlank();
          const conversation = await conversations.get();
          appendQuestion(conversation, question, [], { id: env.newId(), now: env.now(), model }, 'New chat');
          conversation.messages.push({ id: env.newId(), role: 'assistant', content: answer, model, status: 'complete', createdAt: env.now() });
          conversation.updatedAt = env.now();
          await history.saveAndList(conversation);
          return conversation;
        },
      };
    },
  };
}

/** A title request as a test scripts it: the model's text, a failure, or held until `release`. */
export type TitleScript = { text: string } | { error: Error } | 'held';

/**
 * Completions whose replies the test scripts, each streamed by the core's offline mock provider
 * (usage counted, no price): records every request, and holds a `held` one until `release()`
 * or its cancel.
 */
export class ScriptedCompletions implements ChatCompletions {
  readonly requests: ChatRequest[] = [];
  private readonly core: Client = createClient({ env: {} });
  private releases: (() => void)[] = [];

  constructor(private readonly script: (request: ChatRequest, index: number) => TitleScript) {}

  /** Lets the held requests answer with `text`. */
  release(): void {
    for (const release of this.releases.splice(0)) {
      release();
    }
  }

  async stream(request: ChatRequest): Promise<CompletionStream> {
    const index = this.requests.push(request) - 1;
    let step = this.script(request, index);
    if (step === 'held') {
      await new Promise<void>((resolve, reject) => {
        this.releases.push(resolve);
        request.signal.addEventListener('abort', () => reject(new Error('cancelled while held')), { once: true });
      });
      step = { text: 'Released Title' };
    }
    if ('error' in step) {
      throw step.error;
    }
    return this.core.completion({ model: 'mock/echo', messages: request.messages, signal: request.signal, stream: true, mock_response: step.text });
  }

  close(): Promise<void> {
    return this.core.close();
  }
}
