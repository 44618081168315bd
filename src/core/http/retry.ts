import { AbortError, LLMError } from '../errors';
import type { Logger } from '../logger';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** The longest `retry-after` we wait for; a longer one fails at once, carrying the hint. */
  maxRetryAfterSeconds: number;
  initialDelaySeconds: number;
  maxDelaySeconds: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 2,
  maxRetryAfterSeconds: 60,
  initialDelaySeconds: 0.5,
  maxDelaySeconds: 8,
};

/** Exponential backoff with up to 25% jitter, so many clients do not retry in step. */
function backoffSeconds(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const delay = Math.min(policy.initialDelaySeconds * 2 ** retry, policy.maxDelaySeconds);
  return delay * (1 - 0.25 * random());
}

/** How long to wait before retrying after `error`, or undefined when it should not be retried. */
function retryDelaySeconds(error: unknown, retry: number, policy: RetryPolicy): number | undefined {
  if (!(error instanceof LLMError) || !error.retryable || retry >= policy.maxRetries) {
    return undefined;
  }
  if (error.retry_after !== undefined) {
    return error.retry_after <= policy.maxRetryAfterSeconds ? error.retry_after : undefined;
  }
  return backoffSeconds(retry, policy);
}

/** Waits, unless the signal aborts first. */
export function sleep(seconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, seconds * 1000);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, retrying retryable errors (408, 409, 429, 5xx, connection
 * failures) with backoff or the server's `retry-after`. The caller only calls this around work
 * that has not delivered output yet.
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  options: { signal?: AbortSignal; logger?: Logger; label: string },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(retry + 1);
    } catch (error) {
      const delay = retryDelaySeconds(error, retry, policy);
      if (delay === undefined) {
        if (error instanceof LLMError) {
          error.attempts = retry + 1;
        }
        throw error;
      }
      const reason = error instanceof LLMError ? `${error.name} (${error.status_code})` : 'an error';
      options.logger?.warn(`${options.label}: ${reason}; retry ${retry + 1} of ${policy.maxRetries} in ${delay.toFixed(2)} s`);
      await sleep(delay, options.signal);
    }
  }
}
