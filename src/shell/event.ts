/**
 * Events as VS Code has them (`src/vs/base/common/event.ts`, reduced to what the shell needs):
 * an owner keeps a private `Emitter` and exposes its `event` as a public `onDid*`; only the owner
 * fires. Plain TypeScript, so vscode-free modules can offer events too.
 */

import { toDisposable, type IDisposable } from './lifecycle';

/** Subscribes a listener; disposing the result unsubscribes it. */
export type Event<T> = (listener: (value: T) => void) => IDisposable;

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

export class Emitter<T> implements IDisposable {
  private readonly listeners = new Set<(value: T) => void>();
  private disposed = false;

  constructor(private readonly onListenerError: (error: unknown) => void = rethrowLater) {}

  readonly event: Event<T> = (listener) => {
    if (this.disposed) {
      return toDisposable(() => undefined);
    }
    // A wrapper per subscription, so the same function subscribed twice is two subscriptions.
    const subscription = (value: T): void => listener(value);
    this.listeners.add(subscription);
    return toDisposable(() => this.listeners.delete(subscription));
  };

  /**
   * Calls every listener; one that throws does not stop the others (its error is reported to
   * `onListenerError`, by default rethrown asynchronously so it is seen, not swallowed).
   */
  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
