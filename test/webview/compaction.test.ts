/**
 * Compaction dividers in headless Chromium: drawn before the first message still sent in full,
 * saying how many earlier messages were summarised (the summary behind a disclosure, as safe
 * markdown) or left out; none for a message not in the list; and a long chat with dividers still
 * draws incrementally (streaming touches only the answer; dividers keep their elements).
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import type { CompactionView } from '../../src/protocol/requestViews';
import { assistantMessage, exchange, snapshot, stream, userMessage } from './fixtures';
import { longConversation } from './longChat';
import { useChatPage } from './useChatPage';

function compaction(id: string, beforeMessageId: string, extra: Partial<CompactionView> = {}): CompactionView {
  return { id, kind: 'summary', beforeMessageId, messageCount: 12, summary: 'We set up **the parser**.', createdAt: 1_700_000_000_000, ...extra };
}

const conversation = [...exchange(), userMessage('u2', 'And 3 + 3?'), assistantMessage('a2', '6.'), userMessage('u3', 'And 4 + 4?'), assistantMessage('a3', '8.')];

describe('chat webview: compaction dividers', function () {
  this.timeout(60_000);
  const { chat } = useChatPage();

  /** `role:id` of everything in the conversation, in order. */
  const order = () => chat().page.$$eval('.message-list > *', (elements) => elements.map((element) => `${element.getAttribute('data-role')}:${element.getAttribute('data-id')}`));

  it('draws a divider before the message it names, with its count; the summary opens as markdown', async () => {
    await chat().snapshot(snapshot({ messages: conversation, compactions: [compaction('k1', 'u2'), compaction('k2', 'u3', { kind: 'dropped', messageCount: 1, summary: undefined })] }));
    deepStrictEqual(await order(), ['user:u1', 'assistant:a1', 'compaction:k1', 'user:u2', 'assistant:a2', 'compaction:k2', 'user:u3', 'assistant:a3']);
    const page = chat().page;
    const summarised = page.getByRole('group', { name: '12 earlier messages summarised' });
    strictEqual(await summarised.locator('.compaction-text').textContent(), '12 earlier messages summarised');
    strictEqual(await page.getByRole('group', { name: "1 earlier message left out of the model's context" }).count(), 1);
    strictEqual(await page.locator('[data-id="k2"] details').count(), 0, 'nothing to disclose when messages were left out');
    strictEqual(await summarised.locator('.compaction-content').count(), 0, 'the summary is drawn when first opened');
    await summarised.getByText('Summary').click();
    strictEqual(await summarised.locator('.compaction-content strong').textContent(), 'the parser');
    strictEqual(await summarised.locator('.compaction-content').isVisible(), true);
    await summarised.getByText('Summary').press('Enter');
    strictEqual(await summarised.locator('.compaction-content').isVisible(), false, 'the keyboard closes it too');
  });

  it('follows chat/compacted: a new divider appears, a changed one is redrawn, one whose message is gone is not drawn', async () => {
    await chat().snapshot(snapshot({ messages: conversation }));
    deepStrictEqual((await order()).filter((entry) => entry.startsWith('compaction')), []);
    await chat().deliver({ type: 'chat/compacted', compactions: [compaction('k1', 'u2', { messageCount: 2 })] });
    await chat().settle();
    deepStrictEqual(await order(), ['user:u1', 'assistant:a1', 'compaction:k1', 'user:u2', 'assistant:a2', 'user:u3', 'assistant:a3']);
    strictEqual(await chat().page.locator('[data-id="k1"] .compaction-text').textContent(), '2 earlier messages summarised');
    await chat().deliver({ type: 'chat/compacted', compactions: [compaction('k1', 'u3', { messageCount: 4 }), compaction('k9', 'nowhere')] });
    await chat().settle();
    deepStrictEqual(await order(), ['user:u1', 'assistant:a1', 'user:u2', 'assistant:a2', 'compaction:k1', 'user:u3', 'assistant:a3']);
    strictEqual(await chat().page.locator('[data-id="k1"] .compaction-text').textContent(), '4 earlier messages summarised');
    await chat().deliver({ type: 'chat/truncated', fromMessageId: 'u3' });
    await chat().settle();
    deepStrictEqual(await order(), ['user:u1', 'assistant:a1', 'user:u2', 'assistant:a2']);
  });

  it('a 1,000-message chat with dividers: streaming touches only the new answer, dividers keep their elements, earlier ones come with their messages', async () => {
    const messages = longConversation(1000);
    await chat().snapshot(snapshot({ messages, compactions: [compaction('old', 'u500'), compaction('recent', 'u980', { kind: 'dropped', messageCount: 980 })] }));
    const shown = await order();
    strictEqual(shown.length, 41);
    strictEqual(shown[20], 'compaction:recent');
    strictEqual(shown[21], 'user:u980');
    await chat().page.evaluate(() => {
      for (const element of Array.from(document.querySelectorAll('.message-list > *'))) {
        (element as HTMLElement).dataset.marked = 'yes';
      }
    });
    await chat().deliver(
      { type: 'chat/appended', message: userMessage('u1000', 'One more?') },
      { type: 'chat/appended', message: assistantMessage('a1001', '', { status: 'streaming' }) },
      ...stream('r', 'a1001', Array.from({ length: 100 }, (_, index) => `word${index} `)),
    );
    await chat().settle();
    const fresh = await chat().page.$$eval('.message-list > *', (elements) => elements.filter((element) => (element as HTMLElement).dataset.marked !== 'yes').map((element) => element.getAttribute('data-id')));
    deepStrictEqual(fresh, ['u1000', 'a1001']);
    ok((await order()).includes('compaction:recent'));
    strictEqual((await order()).includes('compaction:old'), false, 'a divider before a message out of the window is not drawn');
    for (let shownEarlier = 0; shownEarlier < 12; shownEarlier++) {
      await chat().page.locator('.show-earlier').click();
      await chat().settle();
    }
    const all = await order();
    strictEqual(all[all.indexOf('user:u500') - 1], 'compaction:old');
  });
});
