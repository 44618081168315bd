/**
 * What the saving tests share: a chat controller on the real FileConversationStore in a folder the
 * test picks (a temporary one, or one on a small tmpfs), with a clock the test advances by hand
 * for the waits (`scheduleAfter`: saves while streaming, save retries), the store's file
 * operations replaceable (the injected `AtomicFileSystem` port), and the usual recording view.
 */

import { afterEach } from 'mocha';
import type { AtomicFileSystem } from '../../../src/shell/chat/atomicFile';
import { ChatController } from '../../../src/shell/chat/controller';
import { FileConversationStore } from '../../../src/shell/chat/conversationStore';
import type { ChatCompletions } from '../../../src/shell/chat/ports';
import { CountingStore, routerFor } from '../../helpers/chatHarness';
import { MemoryLog, RecordingSink, TestEnvironment, TestModels } from '../../helpers/chatFakes';
import type { FromWebview } from '../../../src/protocol/messages';

/** Waits that run only when the test advances the clock. */
export class ManualClock {
  private time = 0;
  private readonly waiting: { due: number; run: () => void; cancelled: boolean }[] = [];

  readonly schedule = (ms: number, run: () => void): { cancel(): void } => {
    const entry = { due: this.time + ms, run, cancelled: false };
    this.waiting.push(entry);
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  };

  /** The delays of the waits pending now, from now. */
  get pending(): number[] {
    return this.waiting.filter((entry) => !entry.cancelled).map((entry) => entry.due - this.time);
  }

  /** Moves time on and runs every wait that came due, in order. */
  advance(ms: number): void {
    this.time += ms;
    for (;;) {
      const due = this.waiting.filter((entry) => !entry.cancelled && entry.due <= this.time).sort((a, b) => a.due - b.due)[0];
      if (due === undefined) {
        return;
      }
      due.cancelled = true;
      due.run();
    }
  }
}

export class ClockEnvironment extends TestEnvironment {
  readonly clock = new ManualClock();
  readonly scheduleAfter = this.clock.schedule;
  /** The lasting warnings shown (VS Code's notifications, in the extension). */
  readonly warnings: string[] = [];
  readonly warn = (message: string): void => {
    this.warnings.push(message);
  };
}

export interface DiskRig {
  controller: ChatController;
  receive(message: FromWebview): Promise<void>;
  sink: RecordingSink;
  env: ClockEnvironment;
  log: MemoryLog;
  store: CountingStore;
}

export interface DiskRigOptions {
  directory: string;
  client: ChatCompletions;
  fileSystem?: AtomicFileSystem;
  idPrefix?: string;
}

/** Rigs whose controllers are disposed (their answers stopped and saved) after each test. */
export function useDiskRigs(): (options: DiskRigOptions) => Promise<DiskRig> {
  const controllers: ChatController[] = [];
  afterEach(async () => {
    for (const controller of controllers.splice(0)) {
      controller.dispose();
      await controller.idle();
    }
  });
  return async ({ directory, client, fileSystem, idPrefix }) => {
    const log = new MemoryLog();
    const env = new ClockEnvironment(idPrefix);
    const store = new CountingStore(new FileConversationStore({ directory, log, ...(fileSystem === undefined ? {} : { fileSystem }) }));
    const controller = new ChatController({ client, store, models: new TestModels(), log, env });
    controllers.push(controller);
    const router = routerFor(controller, log);
    const sink = new RecordingSink();
    controller.attachView(sink);
    await router.receive({ type: 'ready' });
    return { controller, receive: (message) => router.receive(message), sink, env, log, store };
  };
}

export async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}
