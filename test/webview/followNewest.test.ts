/**
 * The chat follows the newest message: it opens at the bottom and stays there while an answer
 * grows, until the reader scrolls up; then it stays where they are, and scrolling back down
 * follows again. A scroll event arrives a frame after its scroll, so content that grew meanwhile
 * must not read as the reader having left the bottom (a 1,000-message chat once opened short of it).
 */

import { ok } from 'node:assert';
import type { Page } from 'playwright-core';
import { assistantMessage, snapshot, stream, userMessage } from './fixtures';
import { longConversation } from './longChat';
import { useChatPage } from './useChatPage';

/** Pixels left below the view; 0 at the bottom. */
function belowTheView(page: Page): Promise<number> {
  return page.locator('.messages').evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
}

describe('chat webview: following the newest message', function () {
  this.timeout(60_000);
  const { chat } = useChatPage();

  async function openWithAnswerStreaming(): Promise<void> {
    const messages = [...longConversation(30), userMessage('u30', 'And then?'), assistantMessage('a31', 'Well, ', { status: 'streaming' })];
    await chat().snapshot(snapshot({ messages, streaming: { requestId: 'r', messageId: 'a31' } }));
  }

  async function growAnswer(words: number, from = 0): Promise<void> {
    await chat().deliver(...stream('r', 'a31', Array.from({ length: words }, (_, index) => `word${from + index}\n\n`)).map((delta, index) => ({ ...delta, seq: from + index })));
    await chat().settle();
  }

  it('stays at the bottom while the answer grows', async () => {
    await openWithAnswerStreaming();
    ok((await belowTheView(chat().page)) < 2, 'opened at the bottom');
    await growAnswer(60);
    ok((await belowTheView(chat().page)) < 2, 'still at the bottom after the answer grew');
  });

  it('stays where the reader scrolled up to; scrolling back to the bottom follows again', async () => {
    await openWithAnswerStreaming();
    const view = chat().page.locator('.messages');
    await view.evaluate((element) => {
      element.scrollTop -= 600;
    });
    await chat().settle();
    const readerAt = await view.evaluate((element) => element.scrollTop);
    await growAnswer(60);
    ok((await view.evaluate((element) => element.scrollTop)) === readerAt, 'the view moved while the reader read above');
    await view.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await chat().settle();
    await growAnswer(60, 60);
    ok((await belowTheView(chat().page)) < 2, 'back at the bottom, the view follows again');
  });

  it('content that grew before the scroll event arrived does not stop the following', async () => {
    await openWithAnswerStreaming();
    // The race, made to happen: the view was scrolled to the bottom, then more is drawn below in a
    // task of its own, and only then comes the scroll event (as a frame later in a real page).
    await chat().page.evaluate(() => {
      const view = document.querySelector('.messages') as HTMLElement;
      document.querySelector('.message-list')?.append(spacer(600));
      view.dispatchEvent(new Event('scroll'));

      function spacer(height: number): HTMLElement {
        const element = document.createElement('div');
        element.style.height = `${height}px`;
        return element;
      }
    });
    await chat().settle();
    ok((await belowTheView(chat().page)) < 2, 'left short of the bottom');
  });

  it('nor does content that shrank (pulling the view up) and then grew before the scroll event', async () => {
    await openWithAnswerStreaming();
    const log = await chat().page.evaluate(async () => {
      const view = document.querySelector('.messages') as HTMLElement;
      const list = document.querySelector('.message-list') as HTMLElement;
      const tall = spacer(900);
      list.append(tall);
      await afterFrames(2);
      const seen: string[] = [];
      view.addEventListener('scroll', () => seen.push(`scroll ${view.scrollTop}`));
      // Shrunk: the next layout pulls the view up with the content, and the chat's observer (made
      // before this one, so called first) scrolls to the new bottom; the scroll event comes a frame
      // later. Grown right after the observers, before that event.
      tall.remove();
      await new Promise<void>((resolve) => {
        const observer = new ResizeObserver(() => {
          observer.disconnect();
          seen.push(`observed ${view.scrollTop}`);
          list.append(spacer(600));
          view.dispatchEvent(new Event('scroll'));
          resolve();
        });
        observer.observe(list);
      });
      return seen;

      function spacer(height: number): HTMLElement {
        const element = document.createElement('div');
        element.style.height = `${height}px`;
        return element;
      }
      function afterFrames(count: number): Promise<void> {
        return new Promise((resolve) => (count === 0 ? resolve() : requestAnimationFrame(() => void afterFrames(count - 1).then(resolve))));
      }
    });
    await chat().settle();
    // The scene played as staged: no real scroll event came between the shrink and the growth.
    ok(log[0]?.startsWith('observed'), `the events came in another order: ${log.join(', ')}`);
    ok((await belowTheView(chat().page)) < 2, 'left short of the bottom');
  });
});
