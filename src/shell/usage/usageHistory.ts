/**
 * Usage by day, model and caller — the chat or the id of an extension calling the API — as it
 * happens: requests, prompt and completion tokens, and cost in USD over the requests whose price
 * is known (the others are counted apart, so a total is never passed off as complete). Kept in
 * global state on this machine only, for "Switchboard: Show Usage". Bounded: days older than
 * `keptDays` are dropped, and past `maxBuckets` the oldest days go first.
 */

import type { Usage } from '../../core';
import { Emitter, type Event } from '../event';
import { Disposable } from '../lifecycle';
import type { JsonState } from '../api/consent';
import { isUsageBucketView, type UsageBucketView as UsageBucket } from '../../protocol/usageMessages';

/** The caller of the chat's own requests (answers, summaries, titles); an extension is named by its id. */
export const chatCaller = 'chat';

/** One request that was sent: its usage (none for a failed call) and its cost, when the prices are known. */
export interface UsageEvent {
  caller: string;
  model: string;
  usage: Partial<Pick<Usage, 'prompt_tokens' | 'completion_tokens'>> | undefined;
  cost: number | undefined;
}

/** What records into the history (the chat and the API ledger take this much). */
export interface UsageRecording {
  record(event: UsageEvent): Promise<void>;
}

const stateKey = 'switchboard.usage.history';

/** About thirteen months: a year back from any day of this month stays visible. */
export const keptDays = 400;
/** At most this many buckets (days × models × callers) are kept: global state is read whole at startup. */
export const maxBuckets = 4000;

/** `ms` as a day in the local time zone, `YYYY-MM-DD` (sorts as text in date order). */
export function localDay(ms: number): string {
  const date = new Date(ms);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Milliseconds from `ms` to the start of the next local day (at least 1; a day of 23 or 25 hours counts as it is). */
export function untilNextLocalDay(ms: number): number {
  const date = new Date(ms);
  return Math.max(1, new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime() - ms);
}

/** The local day `days` before the day of `ms` (calendar days, so a change to or from summer time moves nothing). */
export function daysBefore(ms: number, days: number): string {
  const date = new Date(ms);
  return localDay(new Date(date.getFullYear(), date.getMonth(), date.getDate() - days, 12).getTime());
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function sameKey(bucket: UsageBucket, day: string, model: string, caller: string): boolean {
  return bucket.day === day && bucket.model === model && bucket.caller === caller;
}

/** The buckets within the kept days, the newest `maxBuckets` of them. */
function bounded(buckets: UsageBucket[], oldestDay: string): UsageBucket[] {
  const recent = buckets.filter((bucket) => bucket.day >= oldestDay);
  if (recent.length <= maxBuckets) {
    return recent;
  }
  // Stable: within a day the buckets keep their order.
  return [...recent].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0)).slice(0, maxBuckets);
}

export class UsageHistory extends Disposable implements UsageRecording {
  /** Writes in order, so two requests ending together both count. */
  private writes: Promise<void> = Promise.resolve();
  private readonly changed = this._register(new Emitter<void>());
  /** Fires after each recorded request is written. */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    private readonly state: JsonState,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** Every bucket read back from global state; an entry that is not a bucket is left out. */
  list(): UsageBucket[] {
    const stored = this.state.get(stateKey);
    return Array.isArray(stored) ? stored.filter(isUsageBucketView) : [];
  }

  record(event: UsageEvent): Promise<void> {
    const run = async (): Promise<void> => {
      const at = this.now();
      const day = localDay(at);
      const caller = event.caller.toLowerCase();
      const buckets = this.list();
      // A copy: what global state handed out is not changed in place.
      const index = buckets.findIndex((bucket) => sameKey(bucket, day, event.model, caller));
      const bucket: UsageBucket = index >= 0 ? { ...(buckets[index] as UsageBucket) } : { day, model: event.model, caller, requests: 0, prompt_tokens: 0, completion_tokens: 0, cost: 0, unpriced_requests: 0 };
      const priced = isCount(event.cost);
      bucket.requests += 1;
      bucket.prompt_tokens += isCount(event.usage?.prompt_tokens) ? event.usage.prompt_tokens : 0;
      bucket.completion_tokens += isCount(event.usage?.completion_tokens) ? event.usage.completion_tokens : 0;
      bucket.cost += priced ? (event.cost as number) : 0;
      bucket.unpriced_requests += priced || event.usage === undefined ? 0 : 1;
      const next = index >= 0 ? buckets.map((other, position) => (position === index ? bucket : other)) : [...buckets, bucket];
      await this.state.update(stateKey, bounded(next, daysBefore(at, keptDays)));
      this.changed.fire();
    };
    this.writes = this.writes.then(run, run);
    return this.writes;
  }
}
