/**
 * Makes the chat model's first request cheap: when a request is likely soon — the chat view is
 * ready, the user starts typing, another extension obtains the API — the client loads and opens
 * what that request needs (`Client.prepare`: the HTTP stack, the provider's pool and libraries).
 * Always on a timer of its own, so it never runs inside activation or inside the message that
 * asked, and never holds up the host; the client does each model once, so asking often is free.
 */

import type { IDisposable } from './lifecycle';

export interface RequestPreparerOptions {
  client: { prepare(model: string): Promise<void> };
  /** The chat's model now (read when the timer fires, so a model picked meanwhile counts). */
  model: () => string;
  /** Runs `run` after the current task; a real unref'd timer by default (tests pass their own). */
  schedule?: (run: () => void) => { cancel(): void };
}

function nextTask(run: () => void): { cancel(): void } {
  const timer = setTimeout(run, 0);
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
}

export class RequestPreparer implements IDisposable {
  private pending: { cancel(): void } | undefined;

  constructor(private readonly options: RequestPreparerOptions) {}

  /** Prepares the chat's model after the current task; a call while one is pending adds nothing. */
  soon(): void {
    if (this.pending !== undefined) {
      return;
    }
    this.pending = (this.options.schedule ?? nextTask)(() => {
      this.pending = undefined;
      // ConfiguredClient.prepare never rejects: a problem is logged, and the real request reports it.
      void this.options.client.prepare(this.options.model());
    });
  }

  dispose(): void {
    this.pending?.cancel();
    this.pending = undefined;
  }
}
