/**
 * The usage history behind "Switchboard: Show Usage": requests bucketed by the user's local day,
 * model and caller; unpriced requests counted apart; old days and excess buckets dropped; what
 * global state holds read back without trusting it; requests ending together all counted.
 */

import assert from 'node:assert/strict';
import { daysBefore, keptDays, localDay, maxBuckets, untilNextLocalDay, UsageHistory } from '../../src/shell/usage/usageHistory';
import type { UsageBucketView } from '../../src/protocol/usageMessages';
import { MemoryJsonState } from './apiHarness';

const stateKey = 'switchboard.usage.history';

function bucket(day: string, model: string, caller: string, fields: Partial<UsageBucketView> = {}): UsageBucketView {
  return { day, model, caller, requests: 1, prompt_tokens: 0, completion_tokens: 0, cost: 0, unpriced_requests: 0, ...fields };
}

describe('the usage history', () => {
  it('buckets by local day, model and caller; tokens and known costs summed, unpriced requests counted apart', async () => {
    const state = new MemoryJsonState();
    // Local times: the last minutes of one day and the first of the next, whatever the time zone.
    let clock = new Date(2025, 2, 7, 23, 50).getTime();
    const history = new UsageHistory(state, () => clock);
    await history.record({ caller: 'chat', model: 'openai/gpt-4o-mini', usage: { prompt_tokens: 100, completion_tokens: 20 }, cost: 0.001 });
    await history.record({ caller: 'chat', model: 'openai/gpt-4o-mini', usage: { prompt_tokens: 50, completion_tokens: 5 }, cost: 0.0005 });
    await history.record({ caller: 'chat', model: 'ollama/llama3', usage: { prompt_tokens: 7, completion_tokens: 3 }, cost: undefined });
    await history.record({ caller: 'Acme.Consumer', model: 'openai/gpt-4o-mini', usage: undefined, cost: undefined });
    clock = new Date(2025, 2, 8, 0, 10).getTime();
    await history.record({ caller: 'chat', model: 'openai/gpt-4o-mini', usage: { prompt_tokens: 1, completion_tokens: 1 }, cost: 0.25 });
    assert.deepStrictEqual(new UsageHistory(state).list(), [
      bucket('2025-03-07', 'openai/gpt-4o-mini', 'chat', { requests: 2, prompt_tokens: 150, completion_tokens: 25, cost: 0.0015 }),
      bucket('2025-03-07', 'ollama/llama3', 'chat', { prompt_tokens: 7, completion_tokens: 3, unpriced_requests: 1 }),
      // A failed call is a request without tokens, and not an unpriced one.
      bucket('2025-03-07', 'openai/gpt-4o-mini', 'acme.consumer'),
      bucket('2025-03-08', 'openai/gpt-4o-mini', 'chat', { prompt_tokens: 1, completion_tokens: 1, cost: 0.25 }),
    ]);
    history.dispose();
  });

  it('writes the day as the local calendar date, and counts days back by the calendar', () => {
    assert.deepStrictEqual(
      [localDay(new Date(2024, 0, 5, 0, 0, 1).getTime()), localDay(new Date(2024, 11, 31, 23, 59).getTime()), daysBefore(new Date(2024, 2, 1, 8).getTime(), 1), daysBefore(new Date(2025, 0, 1, 8).getTime(), 400)],
      ['2024-01-05', '2024-12-31', '2024-02-29', '2023-11-28'],
    );
  });

  it('knows how long until the next local day begins, so an open usage panel moves on at midnight', () => {
    const evening = new Date(2024, 11, 31, 23, 59, 30).getTime();
    const morning = new Date(2024, 5, 1, 0, 0, 0).getTime();
    assert.deepStrictEqual([untilNextLocalDay(evening), untilNextLocalDay(morning)], [30_000, 24 * 60 * 60 * 1000]);
    assert.equal(localDay(evening + untilNextLocalDay(evening)), '2025-01-01');
  });

  it('counts every request when several end together', async () => {
    const history = new UsageHistory(new MemoryJsonState(), () => new Date(2025, 5, 1, 12).getTime());
    await Promise.all(Array.from({ length: 20 }, (_, index) => history.record({ caller: index % 2 === 0 ? 'chat' : 'acme.consumer', model: 'mock/echo', usage: { prompt_tokens: 1, completion_tokens: 2 }, cost: 0.5 })));
    assert.deepStrictEqual(
      history.list().map((entry) => [entry.caller, entry.requests, entry.prompt_tokens, entry.completion_tokens, entry.cost]),
      [
        ['chat', 10, 10, 20, 5],
        ['acme.consumer', 10, 10, 20, 5],
      ],
    );
    history.dispose();
  });

  it(`drops days older than ${keptDays} and, past ${maxBuckets} buckets, the oldest days first`, async () => {
    const state = new MemoryJsonState();
    const now = new Date(2025, 5, 1, 12).getTime();
    const old = daysBefore(now, keptDays + 1);
    const kept = daysBefore(now, keptDays);
    const many = Array.from({ length: maxBuckets }, (_, index) => bucket(daysBefore(now, 1 + (index % 300)), `model-${index}`, 'chat'));
    await state.update(stateKey, [bucket(old, 'old', 'chat'), bucket(kept, 'kept', 'chat'), ...many]);
    const history = new UsageHistory(state, () => now);
    await history.record({ caller: 'chat', model: 'today', usage: { prompt_tokens: 1, completion_tokens: 1 }, cost: undefined });
    const list = history.list();
    const days = list.map((entry) => entry.day).sort();
    assert.deepStrictEqual(
      { count: list.length, old: list.some((entry) => entry.model === 'old'), kept: list.some((entry) => entry.model === 'kept'), today: list.some((entry) => entry.model === 'today'), oldestKept: days[0] },
      // The cap took the oldest: the day 400 back went, the days in range of the rest stayed.
      { count: maxBuckets, old: false, kept: false, today: true, oldestKept: daysBefore(now, 300) },
    );
    history.dispose();
  });

  it('leaves out what it cannot read back from global state, and never throws on it', async () => {
    const state = new MemoryJsonState();
    const good = bucket('2025-06-01', 'mock/echo', 'chat', { prompt_tokens: 3 });
    await state.update(stateKey, [good, { day: '2025-6-1', model: 'm', caller: 'chat', requests: 1, prompt_tokens: 0, completion_tokens: 0, cost: 0, unpriced_requests: 0 }, { ...good, cost: -1 }, { ...good, requests: 'many' }, { ...good, model: 42 }, null, 7, 'text']);
    const history = new UsageHistory(state, () => new Date(2025, 5, 1, 12).getTime());
    assert.deepStrictEqual(history.list(), [good]);
    await state.update(stateKey, { not: 'a list' });
    assert.deepStrictEqual(history.list(), []);
    await history.record({ caller: 'chat', model: 'mock/echo', usage: { prompt_tokens: 2, completion_tokens: 0 }, cost: Number.NaN });
    assert.deepStrictEqual(history.list(), [bucket('2025-06-01', 'mock/echo', 'chat', { prompt_tokens: 2, unpriced_requests: 1 })]);
    history.dispose();
  });

  it('tells its listeners after each recorded request is written', async () => {
    const state = new MemoryJsonState();
    const history = new UsageHistory(state, () => new Date(2025, 5, 1, 12).getTime());
    const seen: number[] = [];
    history.onDidChange(() => seen.push(history.list()[0]?.requests ?? 0));
    await history.record({ caller: 'chat', model: 'mock/echo', usage: undefined, cost: undefined });
    await history.record({ caller: 'chat', model: 'mock/echo', usage: undefined, cost: undefined });
    assert.deepStrictEqual(seen, [1, 2]);
    history.dispose();
  });
});
