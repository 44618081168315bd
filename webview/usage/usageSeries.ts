/**
 * The usage history shaped for the page: the last days in order, each day's tokens split by model
 * or by caller, its cost, and the totals per model and per caller. Pure, so the chart and the
 * tables read the same numbers.
 */

import type { UsageBucketView } from '../../src/protocol/usageMessages';

/** What the bars are stacked by. */
export type Grouping = 'model' | 'caller';

/** The chart's days: the last 30, today included. */
export const chartDays = 30;

/** Series drawn in a colour of their own; the rest are drawn together as "Other". */
export const namedSeries = 5;

export const otherSeries = 'Other';

export interface DayUsage {
  day: string;
  /** Tokens (prompt + completion) per series. */
  tokens: Map<string, number>;
  totalTokens: number;
  cost: number;
}

export interface TotalsRow {
  name: string;
  requests: number;
  prompt_tokens: number;
  completion_tokens: number;
  cost: number;
  unpriced_requests: number;
}

/** The `count` days ending with `today` (`YYYY-MM-DD`), oldest first. */
export function lastDays(today: string, count: number): string[] {
  const [year, month, day] = today.split('-').map(Number) as [number, number, number];
  const days: string[] = [];
  for (let back = count - 1; back >= 0; back--) {
    // UTC calendar arithmetic: a day is a date here, not 24 hours.
    const date = new Date(Date.UTC(year, month - 1, day - back));
    days.push(date.toISOString().slice(0, 10));
  }
  return days;
}

export function tokensOf(bucket: UsageBucketView): number {
  return bucket.prompt_tokens + bucket.completion_tokens;
}

/** The buckets of the days shown. */
export function shownBuckets(buckets: readonly UsageBucketView[], days: readonly string[]): UsageBucketView[] {
  const shown = new Set(days);
  return buckets.filter((bucket) => shown.has(bucket.day));
}

/** Per model or per caller, most tokens first (then most requests, then by name). */
export function totalsBy(buckets: readonly UsageBucketView[], grouping: Grouping): TotalsRow[] {
  const rows = new Map<string, TotalsRow>();
  for (const bucket of buckets) {
    const name = bucket[grouping];
    const row = rows.get(name) ?? { name, requests: 0, prompt_tokens: 0, completion_tokens: 0, cost: 0, unpriced_requests: 0 };
    row.requests += bucket.requests;
    row.prompt_tokens += bucket.prompt_tokens;
    row.completion_tokens += bucket.completion_tokens;
    row.cost += bucket.cost;
    row.unpriced_requests += bucket.unpriced_requests;
    rows.set(name, row);
  }
  const tokens = (row: TotalsRow): number => row.prompt_tokens + row.completion_tokens;
  return [...rows.values()].sort((a, b) => tokens(b) - tokens(a) || b.requests - a.requests || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The sum of some rows, as one row named `name`. */
export function sumRows(rows: readonly TotalsRow[], name: string): TotalsRow {
  return {
    name,
    requests: rows.reduce((sum, row) => sum + row.requests, 0),
    prompt_tokens: rows.reduce((sum, row) => sum + row.prompt_tokens, 0),
    completion_tokens: rows.reduce((sum, row) => sum + row.completion_tokens, 0),
    cost: rows.reduce((sum, row) => sum + row.cost, 0),
    unpriced_requests: rows.reduce((sum, row) => sum + row.unpriced_requests, 0),
  };
}

/** The series of the chart: the `namedSeries` with most tokens, then "Other" when more used any. */
export function seriesOf(buckets: readonly UsageBucketView[], grouping: Grouping): string[] {
  const names = totalsBy(buckets, grouping)
    .filter((row) => row.prompt_tokens + row.completion_tokens > 0)
    .map((row) => row.name);
  return names.length <= namedSeries + 1 ? names : [...names.slice(0, namedSeries), otherSeries];
}

/** Each day's tokens per series (a name outside `series` counts as "Other") and its cost. */
export function dailyUsage(buckets: readonly UsageBucketView[], days: readonly string[], grouping: Grouping, series: readonly string[]): DayUsage[] {
  const byDay = new Map<string, DayUsage>(days.map((day) => [day, { day, tokens: new Map<string, number>(), totalTokens: 0, cost: 0 }]));
  const named = new Set(series);
  for (const bucket of buckets) {
    const entry = byDay.get(bucket.day);
    if (entry === undefined) {
      continue;
    }
    const name = named.has(bucket[grouping]) ? bucket[grouping] : otherSeries;
    const tokens = tokensOf(bucket);
    entry.tokens.set(name, (entry.tokens.get(name) ?? 0) + tokens);
    entry.totalTokens += tokens;
    entry.cost += bucket.cost;
  }
  return days.map((day) => byDay.get(day) as DayUsage);
}
