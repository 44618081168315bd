/**
 * Records what escaped every handler while the faults ran: rejected promises nobody awaited and
 * exceptions thrown where nobody catches them (an 'error' event without a listener, a throw in a
 * socket callback). In the extension host either one is a bug even when the host survives it.
 * `uncaughtExceptionMonitor` observes without changing what Node does; mocha already listens for
 * `unhandledRejection`, so one more listener does not change that either.
 */

import { after, before } from 'mocha';

class UnhandledRecorder {
  readonly escaped: string[] = [];

  private readonly onRejection = (reason: unknown): void => {
    this.escaped.push(`unhandled rejection: ${describe(reason)}`);
  };

  private readonly onException = (error: Error, origin: string): void => {
    this.escaped.push(`${origin}: ${describe(error)}`);
  };

  install(): void {
    process.on('unhandledRejection', this.onRejection);
    process.on('uncaughtExceptionMonitor', this.onException);
  }

  uninstall(): void {
    process.off('unhandledRejection', this.onRejection);
    process.off('uncaughtExceptionMonitor', this.onException);
  }

  /** What escaped since `mark` (a length of `escaped` taken earlier). */
  since(mark: number): string[] {
    return this.escaped.slice(mark);
  }
}

function describe(value: unknown): string {
  return value instanceof Error ? (value.stack ?? `${value.name}: ${value.message}`) : String(value);
}

/** A recorder installed for the enclosing `describe`. */
export function useUnhandledRecorder(): UnhandledRecorder {
  const recorder = new UnhandledRecorder();
  before(() => recorder.install());
  after(() => recorder.uninstall());
  return recorder;
}

/**
 * Lets what a trial left behind run (socket closes, timers of zero, rejections Node reports on
 * the next turn) before asking what escaped.
 */
export async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise((resolve) => setImmediate(resolve));
}
