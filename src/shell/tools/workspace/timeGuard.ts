/**
 * Runs synchronous work that a model's pattern drives (a regular expression, a glob compiled to
 * one) with a hard time limit. JavaScript's regular expressions backtrack, and a pattern such as
 * `(a+)+$` takes exponential time on a line of `a`s; no length cap makes every pattern linear
 * (`.*.*.*x` is polynomial), so the work runs inside `vm` with a `timeout`: V8 interrupts it,
 * regular-expression matching included, and the extension host's thread is freed. Node's `vm`
 * is in every extension host that runs this extension (local and remote windows).
 */

import { createContext, Script } from 'node:vm';

/** What the guarded work returned, or that it ran out of time. */
export type Guarded<T> = { ok: true; value: T } | { ok: false };

const runWork = new Script('work()');

/** One `vm` context (about a third of a millisecond to make) for many runs: make one per tool call. */
export class TimeGuard {
  private work: () => void = () => undefined;
  private readonly context = createContext({ work: () => this.work() });

  /** Runs `work` and stops it after `timeoutMs` (rounded up to a whole millisecond, at least 1). */
  run<T>(work: () => T, timeoutMs: number): Guarded<T> {
    let value: T | undefined;
    this.work = () => {
      value = work();
    };
    try {
      runWork.runInContext(this.context, { timeout: Math.max(1, Math.ceil(timeoutMs)) });
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        return { ok: false };
      }
      throw error;
    } finally {
      this.work = () => undefined;
    }
    return { ok: true, value: value as T };
  }
}
