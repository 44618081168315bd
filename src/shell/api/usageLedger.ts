/**
 * What each extension has used so far through the API: requests, prompt and completion tokens,
 * and cost in USD where the model's prices are known (requests without a price are counted
 * apart, so a total is never passed off as complete). Kept in global state; updated after each
 * call — for a stream, from its final usage. Each call also goes into the usage history by day and
 * model (src/shell/usage), which the ledger's totals per extension cannot hold.
 */

import type { Usage } from '../../core';
import { Disposable } from '../lifecycle';
import type { UsageRecording } from '../usage/usageHistory';
import type { JsonState } from './consent';

export interface ExtensionUsage {
  extensionId: string;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  /** USD, summed over the requests whose price was known. */
  cost: number;
  /** Requests that reported tokens but whose price is not known (a model without prices, a self-hosted server). */
  unpriced_requests: number;
  /** Unix milliseconds of the latest request. */
  lastUsedAt: number;
}

const stateKey = 'switchboard.api.usage';

function isUsage(value: unknown): value is ExtensionUsage {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const record = value as Record<string, unknown>;
  return typeof record['extensionId'] === 'string' && ['requests', 'prompt_tokens', 'completion_tokens', 'cost', 'unpriced_requests', 'lastUsedAt'].every((field) => typeof record[field] === 'number');
}

function normalize(extensionId: string): string {
  return extensionId.toLowerCase();
}

export class UsageLedger extends Disposable {
  /** Writes in order, so two calls ending together both count. */
  private writes: Promise<void> = Promise.resolve();

  private readonly now: () => number;
  private readonly history: UsageRecording | undefined;

  /** `history`: where each call is also counted by day and model (none in tests that do not look). */
  constructor(
    private readonly state: JsonState,
    options: { now?: () => number; history?: UsageRecording } = {},
  ) {
    super();
    this.now = options.now ?? Date.now;
    this.history = options.history;
  }

  list(): ExtensionUsage[] {
    const stored = this.state.get(stateKey);
    return Array.isArray(stored) ? stored.filter(isUsage) : [];
  }

  get(extensionId: string): ExtensionUsage | undefined {
    const wanted = normalize(extensionId);
    return this.list().find((entry) => normalize(entry.extensionId) === wanted);
  }

  /** Counts one request to `model` with the usage it reported (none for a failed call) and its cost, if known. */
  record(extensionId: string, model: string, usage: Pick<Usage, 'prompt_tokens' | 'completion_tokens'> | undefined, cost: number | undefined): Promise<void> {
    const counted = this.write(() => {
      const before = this.get(extensionId) ?? { extensionId, requests: 0, prompt_tokens: 0, completion_tokens: 0, cost: 0, unpriced_requests: 0, lastUsedAt: 0 };
      const priced = cost !== undefined && Number.isFinite(cost);
      return {
        ...before,
        requests: before.requests + 1,
        prompt_tokens: before.prompt_tokens + (usage?.prompt_tokens ?? 0),
        completion_tokens: before.completion_tokens + (usage?.completion_tokens ?? 0),
        cost: before.cost + (priced ? cost : 0),
        unpriced_requests: before.unpriced_requests + (priced || usage === undefined ? 0 : 1),
        lastUsedAt: this.now(),
      };
    }, extensionId);
    return this.history === undefined ? counted : Promise.all([counted, this.history.record({ caller: extensionId, model, usage, cost })]).then(() => undefined);
  }

  forget(extensionId: string): Promise<void> {
    return this.write(() => undefined, extensionId);
  }

  private write(next: () => ExtensionUsage | undefined, extensionId: string): Promise<void> {
    const run = async (): Promise<void> => {
      const wanted = normalize(extensionId);
      const entry = next();
      const others = this.list().filter((existing) => normalize(existing.extensionId) !== wanted);
      await this.state.update(stateKey, entry === undefined ? others : [...others, entry]);
    };
    this.writes = this.writes.then(run, run);
    return this.writes;
  }
}
