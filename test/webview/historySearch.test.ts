/**
 * The history search in headless Chromium: a search box at the top of the history panel asks the
 * host as the typing pauses, shows only the results of the query in the box (with the excerpt
 * that matched), says when nothing matches, and clearing it brings the saved list back. Also: a
 * conversation's new title shows in the header and in the list.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import type { ConversationSummary, FromWebview } from '../../src/protocol/messages';
import { snapshot } from './fixtures';
import { useChatPage } from './useChatPage';

const parser: ConversationSummary = { id: 'c7', title: 'Parser work', updatedAt: 1_650_000_000_000, messageCount: 6, match: '…the recursive descent parser…' };
const lexer: ConversationSummary = { id: 'c8', title: 'Lexer', updatedAt: 1_640_000_000_000, messageCount: 2, match: '…a lexer before the parser…' };

describe('chat webview: history search and titles', function () {
  const { chat } = useChatPage();

  const panel = () => chat().page.getByRole('region', { name: 'History' });
  const search = () => panel().getByRole('searchbox', { name: 'Search Conversations' });
  const titles = () => panel().locator('.history-title').allTextContents();

  /** Waits for the search the page posts for `query` (the last one posted), and takes what was posted. */
  async function searched(query: string): Promise<FromWebview[]> {
    const deadline = Date.now() + 5000;
    while (!chat().posted.some((message) => message.type === 'history/search' && message.query === query)) {
      ok(Date.now() < deadline, `history/search for ${query} was not posted: ${JSON.stringify(chat().posted)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return chat().take();
  }

  it('"Show History" from the host opens the panel (again after it was closed)', async () => {
    await chat().snapshot(snapshot());
    strictEqual(await panel().isVisible(), false);
    await chat().deliver({ type: 'view/showHistory' });
    await chat().settle();
    strictEqual(await panel().isVisible(), true);
    await chat().page.getByRole('button', { name: 'History' }).click();
    strictEqual(await panel().isVisible(), false);
    await chat().deliver({ type: 'view/showHistory' });
    await chat().settle();
    strictEqual(await panel().isVisible(), true);
    // Each opening tells the host, which gets its search index ready while the user types.
    strictEqual(chat().posted.filter((message) => message.type === 'history/shown').length, 2);
  });

  it('the box is the panel\'s first control; a query is posted once typing pauses, and its results show with their excerpts', async () => {
    await chat().snapshot(snapshot());
    await chat().page.getByRole('button', { name: 'History' }).click();
    strictEqual(await search().evaluate((element) => element === document.activeElement), true, 'opening History puts the focus in the search');
    await chat().page.keyboard.type('parser');
    const posted = await searched('parser');
    // Typing fast asks once for the whole word, not for every letter; never for another text.
    deepStrictEqual(posted.at(-1), { type: 'history/search', query: 'parser' });
    ok(posted.every((message) => message.type === 'history/search' && 'parser'.startsWith(message.query)), JSON.stringify(posted));
    deepStrictEqual(await titles(), [], 'the saved list is not mistaken for results while the host searches');
    strictEqual(await panel().locator('.history-empty').textContent(), 'Searching…');
    await chat().deliver({ type: 'history/results', query: 'parser', conversations: [parser, lexer] });
    await chat().settle();
    deepStrictEqual(await titles(), ['Parser work', 'Lexer']);
    deepStrictEqual(await panel().locator('.history-match').allTextContents(), ['…the recursive descent parser…', '…a lexer before the parser…']);
    // The keyboard goes from the box to the results, and a result opens like any conversation.
    await search().press('ArrowDown');
    await chat().page.keyboard.press('Enter');
    deepStrictEqual(await chat().taken(1), [{ type: 'history/open', conversationId: 'c7' }]);
  });

  it('results of an older query are never shown, before or after the latest one\'s', async () => {
    await chat().snapshot(snapshot());
    await chat().page.getByRole('button', { name: 'History' }).click();
    await search().fill('pars');
    await searched('pars');
    await search().fill('lexer');
    await searched('lexer');
    await chat().deliver({ type: 'history/results', query: 'pars', conversations: [parser] });
    await chat().settle();
    deepStrictEqual(await titles(), []);
    await chat().deliver({ type: 'history/results', query: 'lexer', conversations: [lexer] });
    await chat().deliver({ type: 'history/results', query: 'pars', conversations: [parser] });
    await chat().settle();
    deepStrictEqual(await titles(), ['Lexer']);
  });

  it('says when nothing matches; clearing the box (or Escape) brings the saved list back, asking the host nothing', async () => {
    await chat().snapshot(snapshot());
    await chat().page.getByRole('button', { name: 'History' }).click();
    await search().fill('zebra');
    await searched('zebra');
    await chat().deliver({ type: 'history/results', query: 'zebra', conversations: [] });
    await chat().settle();
    strictEqual(await panel().getByRole('status').textContent(), 'No conversations match.');
    await search().fill('');
    await chat().settle();
    deepStrictEqual(await titles(), ['First chat', 'Older chat']);
    strictEqual(await panel().locator('.history-empty').isVisible(), false);
    await search().fill('  older ');
    await searched('older');
    await search().press('Escape');
    strictEqual(await search().inputValue(), '');
    strictEqual(await panel().isVisible(), true);
    deepStrictEqual(await titles(), ['First chat', 'Older chat']);
    // A late answer for the query that was cleared does not come back.
    await chat().deliver({ type: 'history/results', query: 'older', conversations: [lexer] });
    await chat().settle();
    deepStrictEqual(await titles(), ['First chat', 'Older chat']);
    deepStrictEqual(await chat().taken(0), []);
  });

  it('conversation/title: the current conversation\'s new title shows in the header and in the list; another\'s only in the list', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    const heading = page.getByRole('heading', { name: 'First chat' });
    strictEqual(await heading.isVisible(), true);
    await chat().deliver({ type: 'conversation/title', conversationId: 'c1', title: 'Adding numbers' });
    await chat().deliver({ type: 'conversation/title', conversationId: 'c2', title: 'Old numbers' });
    await chat().settle();
    strictEqual(await page.locator('.conversation-title').textContent(), 'Adding numbers');
    await page.getByRole('button', { name: 'History' }).click();
    deepStrictEqual(await titles(), ['Adding numbers', 'Old numbers']);
    await chat().deliver({ type: 'conversation/title', conversationId: 'c404', title: 'Unknown' });
    await chat().settle();
    strictEqual(await page.locator('.conversation-title').textContent(), 'Adding numbers');
  });
});
