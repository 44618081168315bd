/**
 * The one way the chat waits for a while (saves while streaming, save retries): the environment's
 * `scheduleAfter` when it has one (tests advance a clock by hand), else a real timer. Real timers
 * are unref'd: a pending save retry must not keep a process (a test run, a closing host) alive.
 */

import type { ChatEnvironment } from './ports';

export type ScheduleAfter = (ms: number, run: () => void) => { cancel(): void };

/** A real timer, unref'd. */
export const realScheduleAfter: ScheduleAfter = (ms, run) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return { cancel: () => clearTimeout(timer) };
};

export function scheduleAfterOf(env: ChatEnvironment): ScheduleAfter {
  if (env.scheduleAfter !== undefined) {
    return (ms, run) => (env.scheduleAfter as NonNullable<ChatEnvironment['scheduleAfter']>).call(env, ms, run);
  }
  return realScheduleAfter;
}
