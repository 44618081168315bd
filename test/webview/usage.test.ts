/**
 * The page of "Switchboard: Show Usage" in headless Chromium, built as it ships and served under
 * the chat's CSP: it says `usage/ready`, then draws the snapshot the host sends — bars per day
 * stacked by model or by caller, the cost per day, the totals as tables — or says that nothing
 * was recorded yet.
 */

import assert from 'node:assert/strict';
import type { UsageBucketView, UsageSnapshotMessage } from '../../src/protocol/usageMessages';
import type { ChatPage } from './harness';
import { useChatPage } from './useChatPage';

function bucket(day: string, model: string, caller: string, fields: Partial<UsageBucketView>): UsageBucketView {
  return { day, model, caller, requests: 1, prompt_tokens: 0, completion_tokens: 0, cost: 0, unpriced_requests: 0, ...fields };
}

const snapshot: UsageSnapshotMessage = {
  type: 'usage/snapshot',
  today: '2025-03-07',
  buckets: [
    bucket('2025-03-07', 'openai/gpt-4o-mini', 'chat', { requests: 3, prompt_tokens: 1_000, completion_tokens: 200, cost: 0.0123 }),
    bucket('2025-03-07', 'ollama/llama3', 'acme.consumer', { requests: 2, prompt_tokens: 300, completion_tokens: 100, unpriced_requests: 2 }),
    bucket('2025-03-05', 'openai/gpt-4o-mini', 'acme.consumer', { requests: 1, prompt_tokens: 50, completion_tokens: 50, cost: 0.5 }),
    // Older than the chart's 30 days: kept by the history, not drawn.
    bucket('2025-01-01', 'openai/gpt-4o-mini', 'chat', { requests: 9, prompt_tokens: 9_000, completion_tokens: 9_000, cost: 9 }),
  ],
};

async function openUsage(open: (options: { path: string }) => Promise<ChatPage>): Promise<ChatPage> {
  const usage = await open({ path: '/usage' });
  await usage.waitForPosted('usage/ready' as never);
  return usage;
}

async function deliver(usage: ChatPage, message: UsageSnapshotMessage): Promise<void> {
  await usage.page.evaluate((sent) => window.postMessage(sent, '*'), message);
}

describe('the usage page', () => {
  const pages = useChatPage({ pagePerTest: false });

  it('draws tokens per day stacked by model, the cost per day, and the totals per model and caller', async () => {
    const usage = await openUsage(pages.open);
    await deliver(usage, snapshot);
    const page = usage.page;
    await page.waitForSelector('section.tokens svg');
    const bars = await page.$$eval('section.tokens rect.bar', (rects) => rects.map((rect) => [rect.getAttribute('data-day'), rect.getAttribute('data-series'), rect.getAttribute('data-value')]));
    const costBars = await page.$$eval('section.cost rect.bar', (rects) => rects.map((rect) => [rect.getAttribute('data-day'), rect.getAttribute('data-value')]));
    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => [svg.getAttribute('role'), svg.getAttribute('aria-label')]));
    const dayLabels = await page.$$eval('section.tokens text.day-label', (texts) => texts.map((text) => text.textContent));
    const table = (selector: string): Promise<string[][]> => page.$$eval(`${selector} tr`, (rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent ?? '')));
    assert.deepStrictEqual(
      { bars, costBars, charts, dayLabels, byModel: await table('table.by-model'), byCaller: await table('table.by-caller'), captions: await page.$$eval('caption', (captions) => captions.map((caption) => caption.textContent)) },
      {
        bars: [
          ['2025-03-05', 'openai/gpt-4o-mini', '100'],
          ['2025-03-07', 'openai/gpt-4o-mini', '1200'],
          ['2025-03-07', 'ollama/llama3', '400'],
        ],
        costBars: [
          ['2025-03-05', '0.5'],
          ['2025-03-07', '0.0123'],
        ],
        charts: [
          ['img', 'Tokens per day, Feb 6 to Mar 7: 1,700 in total over 2 days; the highest Mar 7, 1,600.'],
          ['img', 'Cost per day, Feb 6 to Mar 7: $0.5123 in total over 2 days; the highest Mar 5, $0.5000.'],
        ],
        dayLabels: ['Feb 7', 'Feb 14', 'Feb 21', 'Feb 28', 'Mar 7'],
        byModel: [
          ['Model', 'Requests', 'Prompt tokens', 'Completion tokens', 'Cost (USD)'],
          ['openai/gpt-4o-mini', '4', '1,050', '250', '$0.5123'],
          ['ollama/llama3', '2', '300', '100', '$0.00 (+2 unpriced)'],
          ['Total', '6', '1,350', '350', '$0.5123 (+2 unpriced)'],
        ],
        byCaller: [
          ['Caller', 'Requests', 'Prompt tokens', 'Completion tokens', 'Cost (USD)'],
          ['Chat', '3', '1,000', '200', '$0.0123'],
          ['acme.consumer', '3', '350', '150', '$0.5000 (+2 unpriced)'],
          ['Total', '6', '1,350', '350', '$0.5123 (+2 unpriced)'],
        ],
        captions: ['By model', 'By caller'],
      },
    );

    // Stacked by caller instead: the same days, split the other way; the switch keeps the focus.
    await page.getByRole('radio', { name: 'Caller' }).check();
    await page.waitForSelector('section.tokens rect.bar[data-series="chat"]');
    const byCaller = await page.$$eval('section.tokens rect.bar', (rects) => rects.map((rect) => [rect.getAttribute('data-day'), rect.getAttribute('data-series'), rect.getAttribute('data-value')]));
    const focused = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value);
    assert.deepStrictEqual(
      { byCaller, focused },
      {
        byCaller: [
          ['2025-03-05', 'acme.consumer', '100'],
          ['2025-03-07', 'chat', '1200'],
          ['2025-03-07', 'acme.consumer', '400'],
        ],
        focused: 'caller',
      },
    );

    // New usage while open: the host sends a new snapshot and the page redraws it.
    await deliver(usage, { ...snapshot, buckets: [...snapshot.buckets, bucket('2025-03-06', 'openai/gpt-4o-mini', 'chat', { prompt_tokens: 10, completion_tokens: 10 })] });
    await page.waitForSelector('section.tokens rect.bar[data-day="2025-03-06"]');
    assert.deepStrictEqual({ violations: await usage.violations(), refused: usage.requests.filter((url) => !url.includes('/dist/') && !url.endsWith('/usage')) }, { violations: [], refused: [] });
  });

  it('says so when nothing was recorded yet, and ignores messages that are not a snapshot', async () => {
    const usage = await openUsage(pages.open);
    await usage.page.evaluate(() => window.postMessage({ type: 'usage/snapshot', today: 'yesterday', buckets: [] }, '*'));
    await deliver(usage, { type: 'usage/snapshot', today: '2025-03-07', buckets: [] });
    await usage.page.waitForSelector('p.empty');
    assert.deepStrictEqual(
      { empty: await usage.page.textContent('p.empty'), charts: await usage.page.locator('svg').count(), tables: await usage.page.locator('table').count(), posted: usage.posted.map((message) => message.type) },
      { empty: 'No usage recorded yet.', charts: 0, tables: 0, posted: ['usage/ready'] },
    );
  });
});
