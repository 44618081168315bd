/**
 * The composer keeps to the attachment budget (src/protocol/attachmentBudget.ts) in headless
 * Chromium: images pasted past the count or the total size are not added, and the user reads why
 * in the notice line; a draft over the budget (set by the host) is not sent, with the same words
 * the host would refuse it with. An honest user learns before sending.
 */

import { deepStrictEqual, strictEqual } from 'node:assert';
import type { Page } from 'playwright-core';
import { attachmentBudget } from '../../src/protocol/attachmentBudget';
import type { Attachment } from '../../src/protocol/messages';
import { snapshot } from './fixtures';
import { useChatPage } from './useChatPage';

/** Pastes `count` PNG files of `bytes` bytes each (their content is not a real image: the composer only reads them as data URLs). */
async function pasteImages(page: Page, count: number, bytes: number, prefix: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).focus();
  await page.evaluate(
    ({ count, bytes, prefix }) => {
      const transfer = new DataTransfer();
      for (let index = 0; index < count; index++) {
        transfer.items.add(new File([new Uint8Array(bytes).fill(65)], `${prefix}${index}.png`, { type: 'image/png' }));
      }
      document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    },
    { count, bytes, prefix },
  );
}

function names(message: unknown): string[] {
  const draft = (message as { draft?: { attachments?: Attachment[] } }).draft;
  return (draft?.attachments ?? []).map((attachment) => attachment.name);
}

describe('chat webview: the attachment budget in the composer', function () {
  const { chat } = useChatPage();

  it(`adds at most ${attachmentBudget.count} images and says why the rest were left out`, async () => {
    await chat().snapshot(snapshot({ model: 'openai/gpt-4o-mini' }));
    const page = chat().page;
    await pasteImages(page, attachmentBudget.count + 2, 64, 'shot');
    const [update] = await chat().taken(1);
    deepStrictEqual(names(update), Array.from({ length: attachmentBudget.count }, (_, index) => `shot${index}.png`));
    await page.locator('.notice', { hasText: 'at most' }).waitFor();
    strictEqual(await page.locator('.notice').textContent(), `A message can carry at most ${attachmentBudget.count} attachments. Remove one to add another.`);
    strictEqual(await page.locator('.draft-attachments [role="listitem"]').count(), attachmentBudget.count);
    // Full: another paste is refused before its files are read, and posts nothing.
    await pasteImages(page, 1, 64, 'late');
    await page.waitForTimeout(100);
    deepStrictEqual(chat().take(), []);
    strictEqual(await page.locator('.draft-attachments [role="listitem"]').count(), attachmentBudget.count);
  });

  it(`an image that would take the total past ${attachmentBudget.totalBytes / 1024 / 1024} MiB is not added, and is named`, async () => {
    await chat().snapshot(snapshot({ model: 'openai/gpt-4o-mini' }));
    const page = chat().page;
    // 8 MB of file is about 10.7 million characters of data URL: one fits, two do not.
    await pasteImages(page, 1, 8_000_000, 'first');
    deepStrictEqual((await chat().taken(1)).map(names), [['first0.png']]);
    await pasteImages(page, 1, 8_000_000, 'second');
    await page.locator('.notice', { hasText: 'second0.png' }).waitFor();
    strictEqual(await page.locator('.notice').textContent(), "second0.png was not attached: a message's attachments can add up to at most 20 MB.");
    deepStrictEqual(chat().take(), []);
  });

  it('a draft over the budget (set by the host) is not sent; the notice says why and the draft stays', async () => {
    const attachments = Array.from({ length: attachmentBudget.count + 1 }, (_, index): Attachment => ({ kind: 'file', name: `f${index}.ts`, text: 'x' }));
    await chat().snapshot(snapshot({ draft: { attachments } }));
    const page = chat().page;
    await page.getByRole('textbox', { name: 'Message' }).fill('Look at all of these');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await page.locator('.notice', { hasText: 'at most' }).waitFor();
    strictEqual(await page.locator('.notice').textContent(), `A message can carry at most ${attachmentBudget.count} attachments, and this one has ${attachmentBudget.count + 1}. Remove some, then send again.`);
    deepStrictEqual(chat().take().filter((message) => message.type === 'chat/send'), []);
    strictEqual(await page.getByRole('textbox', { name: 'Message' }).inputValue(), 'Look at all of these');
    strictEqual(await page.locator('.draft-attachments [role="listitem"]').count(), attachmentBudget.count + 1);
  });
});
