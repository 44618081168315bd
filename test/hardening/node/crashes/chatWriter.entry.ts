/**
 * The crash child (run by crashes.test.ts, killed with SIGKILL at a moment it picks): the real
 * chat controller, three of them, on one real FileConversationStore, streaming answers from the
 * parent's loopback server into several conversations — new ones and ones saved by earlier
 * children, reopened and continued, sometimes renamed — without end. It reports its progress
 * (progress.ts); it never stops on its own, so any exit but the kill is a failure. In the
 * mid-stream trials it is one window asking long questions in new chats, each delta reported with
 * its text.
 */

import { createClient } from '../../../../src/core';
import type { ModelOption, ToWebview } from '../../../../src/protocol/messages';
import { ChatController } from '../../../../src/shell/chat/controller';
import type { ChatEnvironment, ChatLog, ModelChoice } from '../../../../src/shell/chat/ports';
import { seededRandom, type SeededRandom } from '../../../helpers/seededRandom';
import { childStore } from './childStore';
import { report } from './progress';

export interface WriterOptions {
  directory: string;
  /** The loopback server's OpenAI-style base URL. */
  apiBase: string;
  /** Names this child's ids (`k17c2-5`), so children never reuse one another's. */
  trial: number;
  seed: number;
  /** The control run: writes that are not atomic (see childStore.ts), to prove the check sees loss. */
  tornWrites?: boolean;
  /**
   * The mid-stream trials: one window asking one question after another in new chats, each delta
   * reported with its text, so the parent knows what the child had received when it was killed.
   */
  midStream?: boolean;
}

const model = 'openai/gpt-4o-mini';
const controllers = 3;

/** Problems are the parent's to see: on stderr, never swallowed. */
const log: ChatLog = {
  info: () => undefined,
  debug: () => undefined,
  warn: (message) => process.stderr.write(`warn: ${message}\n`),
  error: (message) => process.stderr.write(`error: ${message}\n`),
};

const models: ModelChoice = {
  current: () => model,
  select: async () => undefined,
  options: (): ModelOption[] => [{ id: model, label: 'GPT-4o mini', provider: 'openai' }],
  supportsVision: () => false,
  facts: () => ({ window: 128_000, windowKnown: true, supportsReasoning: false }),
};

function environment(prefix: string): ChatEnvironment {
  let ids = 0;
  return {
    now: () => Date.now(),
    newId: () => `${prefix}-${++ids}`,
    // Short frames: deltas reach the view (and the report) while the answer streams.
    scheduleFrame: (flush) => {
      const timer = setTimeout(flush, 4);
      return { cancel: () => clearTimeout(timer) };
    },
  };
}

/** One window's worth of chatting, forever: continue an old conversation or start one, ask, sometimes rename. */
async function chat(controller: ChatController, name: string, random: SeededRandom, store: ReturnType<typeof childStore>): Promise<never> {
  for (let turn = 1; ; turn++) {
    const roll = random.next();
    if (roll < 0.4) {
      const saved = await store.list();
      if (saved.length > 0) {
        await controller.history.open(random.pick(saved).id);
      }
    } else if (roll < 0.7) {
      await controller.newChat();
    }
    await controller.send(`${name}-r${turn}`, `Question ${turn} from ${name}: ${'why '.repeat(1 + random.integer(30))}?`, []);
    await controller.idle();
    if (random.chance(0.2)) {
      const current = await controller.conversation();
      if (current !== undefined && current.messages.length > 0) {
        await controller.history.rename(current.id, `Renamed by ${name} at turn ${turn}`);
      }
    }
  }
}

/** One window, a new chat per question, forever (the mid-stream trials). */
async function askOnAndOn(controller: ChatController, name: string): Promise<never> {
  for (let turn = 1; ; turn++) {
    await controller.newChat();
    await controller.send(`${name}-r${turn}`, `Question ${turn} from ${name}: tell me a long story.`, []);
    await controller.idle();
  }
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as WriterOptions;
  const random = seededRandom(options.seed);
  const client = createClient({
    env: {},
    getApiKey: () => 'sk-crash-child-0123456789',
    providerSettings: () => ({ apiBase: options.apiBase }),
    retry: { maxRetries: 0 },
  });
  const store = childStore(options.directory, log, random, options.tornWrites === true);
  const sink = {
    post: (message: ToWebview): void => {
      if (message.type === 'chat/delta') {
        report(options.midStream === true ? { e: 'delta', message: message.messageId, text: message.content ?? '' } : { e: 'delta' });
      }
    },
  };
  const windows = Array.from({ length: options.midStream === true ? 1 : controllers }, (_, index) => {
    const name = `k${options.trial}c${index}`;
    const controller = new ChatController({
      client: { stream: ({ model: asked, messages, signal }) => client.completion({ model: asked, messages, stream: true, signal }) },
      store,
      models,
      log,
      env: environment(name),
    });
    controller.attachView(sink);
    return { controller, name };
  });
  for (const { controller } of windows) {
    await controller.ready();
  }
  report({ e: 'ready' });
  if (options.midStream === true) {
    const [only] = windows;
    if (only !== undefined) {
      await askOnAndOn(only.controller, only.name);
    }
  }
  await Promise.all(windows.map(({ controller, name }) => chat(controller, name, seededRandom(random.integer(2 ** 31) + 1), store)));
}

main().catch((error: unknown) => {
  process.stderr.write(`crash child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(3);
});
