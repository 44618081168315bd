/**
 * A 1,000-message chat in headless Chromium: the DOM stays bounded (a window of recent messages,
 * older ones behind "Show earlier messages"), the window grows on request, and streaming at the
 * end of a long chat still draws only the answer. How fast it opens is a figure of `npm run bench`.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { assistantMessage, snapshot, stream, userMessage } from './fixtures';
import { useChatPage } from './useChatPage';
import { longConversation } from './longChat';

describe('chat webview: a 1,000-message chat', function () {
  this.timeout(60_000);
  const { chat } = useChatPage();

  const elementCount = (): Promise<number> => chat().page.evaluate(() => document.querySelectorAll('*').length);
  const shownIds = (): Promise<string[]> => chat().page.$$eval('[data-role]', (elements) => elements.map((element) => element.getAttribute('data-id') ?? ''));

  it('draws the last 40 messages, with a bounded DOM, and shows earlier ones on request', async () => {
    const messages = longConversation(1000);
    await chat().snapshot(snapshot({ messages }));
    deepStrictEqual(await shownIds(), messages.slice(960).map((message) => message.id));
    const drawn = await elementCount();
    ok(drawn < 2500, `${drawn} elements for 40 messages`);
    // The view follows the newest message: scrolled to the bottom on open.
    const atBottom = await chat().page.locator('.messages').evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight < 2);
    ok(atBottom);
    const earlier = chat().page.getByRole('button', { name: 'Show earlier messages (960 hidden)' });
    await earlier.click();
    await chat().settle();
    deepStrictEqual(await shownIds(), messages.slice(920).map((message) => message.id));
    strictEqual(await chat().page.getByRole('button', { name: 'Show earlier messages (920 hidden)' }).count(), 1);
  });

  it('streams at the end of a long chat touching only the new answer; the window slides', async () => {
    const messages = longConversation(1000);
    await chat().snapshot(snapshot({ messages }));
    await chat().page.evaluate(() => {
      for (const element of Array.from(document.querySelectorAll('[data-role]'))) {
        (element as HTMLElement).dataset.marked = 'yes';
      }
    });
    await chat().deliver(
      { type: 'chat/appended', message: userMessage('u1000', 'One more?') },
      { type: 'chat/appended', message: assistantMessage('a1001', '', { status: 'streaming' }) },
      ...stream('r', 'a1001', Array.from({ length: 200 }, (_, index) => `word${index} `)),
    );
    await chat().settle();
    const ids = await shownIds();
    deepStrictEqual(ids, [...messages.slice(962).map((message) => message.id), 'u1000', 'a1001']);
    const fresh = await chat().page.$$eval('[data-role]', (elements) => elements.filter((element) => (element as HTMLElement).dataset.marked !== 'yes').length);
    strictEqual(fresh, 2);
    ok((await elementCount()) < 2500);
  });
});
