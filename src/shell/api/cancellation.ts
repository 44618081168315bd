/**
 * A caller's `CancellationToken` and `signal` → the one `AbortSignal` the core takes. The bridge
 * listens to both until it is disposed — which the API always does when the call (or, for a
 * stream, the iteration) ends, so a long-lived token does not keep our listeners.
 */

import type { IDisposable } from '../lifecycle';
import type { CancellationTokenLike } from '../../../api';

export interface CancellationBridge extends IDisposable {
  /** Aborts when the token is cancelled or the caller's signal aborts (undefined when neither was given). */
  readonly signal: AbortSignal | undefined;
  readonly cancelled: boolean;
}

/** Whether `token` looks like a cancellation token (callers pass anything through executeCommand). */
export function isCancellationToken(token: unknown): token is CancellationTokenLike {
  if (typeof token !== 'object' || token === null) {
    return false;
  }
  // Both members: a token without `isCancellationRequested` would look uncancelled forever.
  const candidate = token as Partial<CancellationTokenLike>;
  return typeof candidate.onCancellationRequested === 'function' && typeof candidate.isCancellationRequested === 'boolean';
}

export function bridgeCancellation(token: CancellationTokenLike | undefined, signal: AbortSignal | undefined): CancellationBridge {
  if (token === undefined && signal === undefined) {
    return { signal: undefined, cancelled: false, dispose: () => undefined };
  }
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  const cleanups: (() => void)[] = [];
  if (signal !== undefined) {
    if (signal.aborted) {
      abort();
    } else {
      signal.addEventListener('abort', abort, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', abort));
    }
  }
  if (token !== undefined) {
    if (token.isCancellationRequested) {
      abort();
    } else {
      const subscription = token.onCancellationRequested(abort);
      cleanups.push(() => subscription.dispose());
    }
  }
  return {
    signal: controller.signal,
    get cancelled(): boolean {
      return controller.signal.aborted;
    },
    dispose: () => {
      for (const cleanup of cleanups.splice(0)) {
        cleanup();
      }
    },
  };
}
