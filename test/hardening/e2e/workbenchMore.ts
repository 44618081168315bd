/**
 * Workbench moves the hardening scenarios need beyond test/e2e/workbench.ts: the notification
 * center (in this headless workbench notifications land there rather than as toasts) and the
 * simple save dialog code-server shows for `showSaveDialog`.
 */

import type { Locator, Page } from 'playwright-core';

const center = '.notifications-center';
const bell = '[id="status.notifications"]';

async function centerVisible(page: Page): Promise<boolean> {
  return page.locator(`${center}.visible`).isVisible();
}

/** Opens the notification center (the bell in the status bar) unless it is open. */
export async function showNotificationCenter(page: Page): Promise<void> {
  if (!(await centerVisible(page))) {
    await page.locator(bell).first().click({ timeout: 5_000 });
    await page.locator(`${center}.visible`).waitFor({ state: 'visible', timeout: 5_000 });
  }
}

/** Closes the notification center when it is open. */
async function hideNotificationCenter(page: Page): Promise<void> {
  if (await centerVisible(page)) {
    await page.locator(bell).first().click({ timeout: 5_000 });
    await page.locator(`${center}.visible`).waitFor({ state: 'hidden', timeout: 5_000 });
  }
}

/** Every notification's message and its buttons, from the center and any toast. */
export async function allNotificationTexts(page: Page): Promise<string[]> {
  await showNotificationCenter(page);
  const texts = await page.locator(`${center} .notification-list-item, .notifications-toasts .notification-list-item`).allInnerTexts();
  await hideNotificationCenter(page);
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

/** A button of a notification in the center (or a toast), by its label. */
export function notificationButton(page: Page, label: string): Locator {
  return page.locator(`${center} .monaco-button, .notifications-toasts .monaco-button`).filter({ hasText: label });
}

/** Waits for a notification whose text matches `pattern` and returns its text. */
export async function waitForNotification(page: Page, pattern: RegExp, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = await allNotificationTexts(page);
    const found = seen.find((text) => pattern.test(text));
    if (found !== undefined) {
      return found;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no notification matched ${String(pattern)} within ${timeout} ms; notifications: ${JSON.stringify(seen)}`);
}

/** Accepts code-server's simple save dialog (a quick input holding the path VS Code proposes) as it is. */
export async function acceptSaveDialog(page: Page, title: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title').filter({ hasText: title }).waitFor({ state: 'visible', timeout: 10_000 });
  await widget.locator('.quick-input-box input').press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
}
