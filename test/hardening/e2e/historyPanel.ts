/**
 * The chat's history panel as a person uses it: the History button in the chat's header opens the
 * list of saved conversations (title, date, message count); Open on a row shows that conversation.
 */

import type { FrameLocator } from 'playwright-core';

export interface HistoryRow {
  title: string;
  messages: number;
}

async function toggleHistory(frame: FrameLocator): Promise<void> {
  await frame.getByRole('button', { name: 'History' }).first().click({ timeout: 10_000 });
}

/** The rows of the history list once it shows `expected` of them (the host sends the list after `ready`). */
export async function readHistory(frame: FrameLocator, expected: number): Promise<HistoryRow[]> {
  await toggleHistory(frame);
  const panel = frame.locator('#history-panel');
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
  const deadline = Date.now() + 10_000;
  let rows: HistoryRow[] = [];
  for (;;) {
    rows = await panel.locator('.history-item').evaluateAll((items) =>
      items.map((item) => ({
        title: item.querySelector('.history-title')?.textContent?.trim() ?? '',
        messages: Number(/(\d+)/.exec(item.querySelector('.history-meta')?.textContent?.split('·').at(-1) ?? '')?.[1] ?? Number.NaN),
      })),
    );
    if (rows.length >= expected || Date.now() > deadline) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await toggleHistory(frame);
  return rows;
}

/** Opens the saved conversation titled `title` from the history panel. */
export async function openFromHistory(frame: FrameLocator, title: string): Promise<void> {
  await toggleHistory(frame);
  const exactly = new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = frame.locator('.history-item').filter({ has: frame.locator('.history-title', { hasText: exactly }) });
  await row.locator('.history-open').first().click({ timeout: 10_000 });
}
