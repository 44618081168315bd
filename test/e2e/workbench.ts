/**
 * Driving code-server's workbench in headless Chromium: launch, wait until the workbench is
 * restored, run commands from the palette, answer quick picks and input boxes, reach a webview.
 * Selectors are VS Code's own (the smoke-test driver relies on the same ones).
 */

import { chromium, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const quickInput = '.quick-input-widget';
const quickInputBox = `${quickInput} .quick-input-box input`;
const quickInputRow = `${quickInput} .monaco-list-row`;

export async function launchBrowser(executablePath: string, profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 900 },
  });
}

/** Waits for a workbench that is restored and has its status bar (so commands are registered). */
export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // The smoke-test driver (`--vscode-option enable-smoke-test-driver`) exposes this on window.
  await page.waitForFunction(() => 'driver' in window, undefined, { timeout: 30_000 });
  await page.evaluate(async () => {
    const driver = (window as unknown as { driver: { whenWorkbenchRestored(): Promise<void> } }).driver;
    await driver.whenWorkbenchRestored();
  });
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 30_000 });
}

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await waitForWorkbench(page);
}

/** The first lines of an error, without the terminal colours Playwright puts in its call log. */
function plain(error: unknown): string {
  // eslint-disable-next-line no-control-regex
  return String(error).replace(/\u001b\[\d+m/g, '').split('\n').slice(0, 3).join(' ');
}

/**
 * Waits for an activity bar entry (a view container) by its title. Once an extension's container
 * is there, its contributions are registered, and the palette lists its commands.
 */
export async function waitForActivityBarEntry(page: Page, title: string): Promise<void> {
  const entry = page.locator('.part.activitybar').getByRole('tab', { name: title });
  try {
    await entry.first().waitFor({ state: 'visible', timeout: 30_000 });
  } catch {
    const entries = await page.locator('.part.activitybar [role="tab"]').evaluateAll((tabs) => tabs.map((tab) => tab.getAttribute('aria-label') ?? ''));
    throw new Error(`no "${title}" entry in the activity bar; it has ${JSON.stringify(entries)}`);
  }
}

/** The labels of the quick input's visible rows, for failure messages. */
export async function quickInputRows(page: Page): Promise<string[]> {
  const rows = page.locator(quickInputRow);
  return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());
}

async function quickInputVisible(page: Page): Promise<boolean> {
  return page.locator(quickInput).isVisible();
}

/**
 * Runs a command from the palette by its full title (`Switchboard: Open Chat`). Retried up to 3
 * times: a view opening at the same moment can close the quick input under the test's hands.
 */
export async function runCommand(page: Page, title: string): Promise<void> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      const input = page.locator(quickInputBox);
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      // Not the default 30 s: a palette that closed under the typing (a webview took the focus) is tried again.
      await input.fill(`>${title}`, { timeout: 5_000 });
      const row = page.locator(quickInputRow).filter({ hasText: title }).first();
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click({ timeout: 5_000 });
      return;
    } catch (error) {
      lastError = error;
      console.error(`  (palette: "${title}" not run on attempt ${attempt}: ${plain(error)})`);
    }
  }
  const rows = await quickInputRows(page).catch(() => []);
  throw new Error(
    `the command palette did not run "${title}" in 3 attempts; palette rows: ${JSON.stringify(rows)}; last error: ${String(lastError)}`,
  );
}

/**
 * In an open quick pick, filters by `filter` and clicks the row `accept` picks from the visible
 * rows' labels. Fails listing what was on offer.
 */
export async function pickQuickItem(page: Page, filter: string, accept: (label: string, description: string) => boolean): Promise<string> {
  const input = page.locator(quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(filter);
  const deadline = Date.now() + 10_000;
  let offered: { label: string; description: string }[] = [];
  while (Date.now() < deadline) {
    const rows = page.locator(quickInputRow);
    offered = await rows.evaluateAll((elements) =>
      elements.map((element) => ({
        label: element.querySelector('.label-name')?.textContent?.trim() ?? element.textContent?.trim() ?? '',
        description: element.querySelector('.label-description')?.textContent?.trim() ?? '',
      })),
    );
    const index = offered.findIndex(({ label, description }) => accept(label, description));
    if (index >= 0) {
      await rows.nth(index).click({ timeout: 5_000 });
      return offered[index]!.label;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no quick pick row matched after typing "${filter}"; rows offered: ${JSON.stringify(offered)}`);
}

/** Types into the open input box (a password box when `password`), then Enter; waits until it closes. */
export async function answerInputBox(page: Page, value: string, options: { password: boolean }): Promise<void> {
  const selector = options.password ? `${quickInputBox}[type="password"]` : quickInputBox;
  const input = page.locator(selector);
  try {
    await input.waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    const rows = await quickInputRows(page).catch(() => []);
    const title = await page.locator(`${quickInput} .quick-input-title`).innerText().catch(() => '');
    throw new Error(
      `no ${options.password ? 'password ' : ''}input box appeared (quick input visible: ${await quickInputVisible(page)}, title: "${title}", rows: ${JSON.stringify(rows)})`,
    );
  }
  await input.fill(value);
  await input.press('Enter');
  await page.locator(quickInput).waitFor({ state: 'hidden', timeout: 10_000 });
}

/** The HTML of an extension's webview: an overlay iframe outside the view's DOM, then its inner frame. */
export function webviewFrame(page: Page, extensionId: string): FrameLocator {
  return page.frameLocator(`iframe.webview.ready[src*="extensionId=${extensionId}"]`).frameLocator('iframe#active-frame');
}

/** The visible text of the panel's output view (for `Show Logs`). */
export async function outputViewText(page: Page): Promise<string> {
  const lines = page.locator('.part.panel .output-view .view-lines, .part.panel .editor-instance .view-lines');
  await lines.first().waitFor({ state: 'visible', timeout: 15_000 });
  return (await lines.allInnerTexts()).join('\n');
}

/** Visible notification toasts, for failure reports (an error the extension showed, for one). */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
}

/** A modal dialog of the workbench (`showInformationMessage(…, { modal: true })`), as shown. */
export interface ShownDialog {
  message: string;
  detail: string;
  buttons: string[];
}

const dialogBox = '.monaco-dialog-box';
const dialogButton = `${dialogBox} .dialog-buttons .monaco-button`;

/** The modal dialog on screen, or undefined when there is none. */
export async function shownDialog(page: Page): Promise<ShownDialog | undefined> {
  const box = page.locator(dialogBox);
  if ((await box.count()) === 0 || !(await box.first().isVisible())) {
    return undefined;
  }
  const text = async (selector: string): Promise<string> => ((await box.first().locator(selector).allInnerTexts()).join('\n')).trim();
  return {
    message: await text('.dialog-message-text'),
    detail: await text('.dialog-message-detail'),
    buttons: (await page.locator(dialogButton).allInnerTexts()).map((label) => label.trim()),
  };
}

/**
 * Waits for a modal dialog and returns what it shows. `giveUp` is asked while waiting: a reason it
 * returns (the command that should have asked already finished, say) fails the wait at once.
 */
export async function waitForDialog(page: Page, what: string, options: { timeout?: number; giveUp?: () => string | undefined } = {}): Promise<ShownDialog> {
  const timeout = options.timeout ?? 20_000;
  const deadline = Date.now() + timeout;
  for (;;) {
    const dialog = await shownDialog(page);
    if (dialog !== undefined) {
      return dialog;
    }
    const reason = options.giveUp?.();
    if (reason !== undefined) {
      throw new Error(`no modal dialog (${what}) appeared: ${reason}`);
    }
    if (Date.now() > deadline) {
      const notifications = await notificationTexts(page).catch(() => []);
      throw new Error(`no modal dialog (${what}) appeared within ${timeout} ms; notifications: ${JSON.stringify(notifications)}`);
    }
    await page.waitForTimeout(100);
  }
}

/** Clicks the dialog's button named `label` and waits until the dialog is gone. */
export async function answerDialog(page: Page, label: string): Promise<void> {
  const button = page.locator(dialogButton).filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  if ((await button.count()) === 0) {
    throw new Error(`the dialog has no "${label}" button; it shows ${JSON.stringify(await shownDialog(page))}`);
  }
  await button.first().click({ timeout: 5_000 });
  await page.locator(dialogBox).first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** One row of the open quick pick as a person reads it. */
export interface QuickPickEntry {
  label: string;
  description: string;
  detail: string;
}

/** The rows, with descriptions and details, of the quick pick titled `title`, once it shows some. */
export async function quickPickEntries(page: Page, title: string): Promise<QuickPickEntry[]> {
  const titled = page.locator(`${quickInput} .quick-input-title`).filter({ hasText: title });
  try {
    await titled.first().waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    const shown = await page.locator(`${quickInput} .quick-input-title`).allInnerTexts().catch(() => []);
    throw new Error(`no quick pick titled "${title}" appeared; titles shown: ${JSON.stringify(shown)}, rows: ${JSON.stringify(await quickInputRows(page).catch(() => []))}`);
  }
  const rows = page.locator(quickInputRow);
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  return rows.evaluateAll((elements) =>
    elements.map((element) => ({
      label: element.querySelector('.quick-input-list-label .label-name')?.textContent?.trim() ?? '',
      description: element.querySelector('.quick-input-list-label .label-description')?.textContent?.trim() ?? '',
      detail: element.querySelector('.quick-input-list-label-meta')?.textContent?.trim() ?? '',
    })),
  );
}

/**
 * The titles the command palette offers for `filter` (`Switchboard:`), once `expected` is among
 * them (so a palette still filling in is not read too early); closes the palette again.
 */
export async function paletteTitles(page: Page, filter: string, expected: string): Promise<string[]> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator(quickInputBox);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${filter}`);
  await page.locator(quickInputRow).filter({ hasText: expected }).first().waitFor({ state: 'visible', timeout: 10_000 });
  const titles = await page.locator(`${quickInputRow} .quick-input-list-label .label-name`).allInnerTexts();
  await page.keyboard.press('Escape');
  return titles.map((title) => title.replace(/\s+/g, ' ').trim());
}
