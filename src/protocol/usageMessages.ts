/**
 * The messages between "Switchboard: Show Usage" and the extension host: the page says it is
 * ready, the host answers with the usage history — and again each time new usage is recorded. The
 * page sends nothing else, and the host reads only that one shape; the page keeps only buckets of
 * the right shape.
 */

import { oneOf, plainObject, Rejection } from './guardReaders';

/** One day's usage of one model by one caller, as the history keeps it. */
export interface UsageBucketView {
  /** The day in the user's local time, `YYYY-MM-DD`. */
  day: string;
  /** `provider/model`, as the request named it. */
  model: string;
  /** `chat`, or the calling extension's id (lower case). */
  caller: string;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  /** USD, summed over the requests whose price was known. */
  cost: number;
  /** Requests that reported tokens but whose price is not known. */
  unpriced_requests: number;
}

export interface UsageSnapshotMessage {
  type: 'usage/snapshot';
  /** The user's local day when the snapshot was taken (`YYYY-MM-DD`): the chart ends there. */
  today: string;
  buckets: UsageBucketView[];
}

export type ToUsageView = UsageSnapshotMessage;

export interface UsageReadyMessage {
  type: 'usage/ready';
}

export type FromUsageView = UsageReadyMessage;

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const countFields = ['requests', 'prompt_tokens', 'completion_tokens', 'cost', 'unpriced_requests'] as const;

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

export function isUsageDay(value: unknown): value is string {
  return typeof value === 'string' && dayPattern.test(value);
}

/** True for a bucket with a day, a model, a caller and every count a finite number of at least 0. */
export function isUsageBucketView(value: unknown): value is UsageBucketView {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return isUsageDay(record['day']) && typeof record['model'] === 'string' && typeof record['caller'] === 'string' && countFields.every((field) => isCount(record[field]));
}

/** The snapshot from the host with only its well-formed buckets, or undefined for anything else. */
export function readUsageSnapshot(value: unknown): UsageSnapshotMessage | undefined {
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const buckets = record['buckets'];
  if (record['type'] !== 'usage/snapshot' || !isUsageDay(record['today']) || !Array.isArray(buckets)) {
    return undefined;
  }
  return { type: 'usage/snapshot', today: record['today'], buckets: buckets.filter(isUsageBucketView) };
}

const fromUsageTypes: ReadonlySet<string> = new Set<FromUsageView['type']>(['usage/ready']);

/** What the usage page posted, when it is a message of the page; undefined for anything else. */
export function parseFromUsageView(value: unknown): FromUsageView | undefined {
  try {
    return { type: oneOf<FromUsageView['type']>(plainObject(value, 'message'), 'type', fromUsageTypes) };
  } catch (error) {
    if (error instanceof Rejection) {
      return undefined;
    }
    throw error;
  }
}
