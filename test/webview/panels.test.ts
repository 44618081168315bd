/**
 * The chat webview around the conversation, in headless Chromium against a scripted host: the
 * history panel, the model picker, errors and the banner with their actions, attachments and the
 * draft, accessible names, and the screen-reader announcement of finished answers.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { assistantMessage, exchange, failedAnswer, models, snapshot, stream, userMessage } from './fixtures';
import { useChatPage } from './useChatPage';

/** A 1×1 transparent PNG. */
const pixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

describe('chat webview: panels, actions and accessibility', function () {
  const { chat } = useChatPage();

  it('names the controls as the issue does: Message, Send, Stop, New chat, Regenerate; messages carry data-role', async () => {
    await chat().snapshot(snapshot({ messages: exchange() }));
    const page = chat().page;
    strictEqual(await page.getByRole('textbox', { name: 'Message' }).count(), 1);
    strictEqual(await page.getByRole('button', { name: 'Send', exact: true }).count(), 1);
    strictEqual(await page.getByRole('button', { name: 'New chat' }).count(), 1);
    strictEqual(await page.getByRole('button', { name: 'Regenerate' }).count(), 1);
    strictEqual(await page.getByRole('button', { name: 'Stop' }).count(), 0);
    await chat().deliver({ type: 'chat/appended', message: assistantMessage('a2', '', { status: 'streaming' }) });
    await chat().settle();
    strictEqual(await page.getByRole('button', { name: 'Stop' }).count(), 1);
    deepStrictEqual(await page.$$eval('[data-role]', (elements) => elements.map((element) => element.getAttribute('data-role'))), ['user', 'assistant', 'assistant']);
    await page.getByRole('button', { name: 'New chat' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'chat/new' }]);
  });

  it('announces each finished answer once through the polite live region, never token by token', async () => {
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Count')] }));
    const page = chat().page;
    const live = page.getByTestId('announcer');
    strictEqual(await live.getAttribute('aria-live'), 'polite');
    await page.evaluate(() => {
      const record = window as unknown as { __announcements: string[] };
      record.__announcements = [];
      const region = document.querySelector('[data-testid="announcer"]')!;
      new MutationObserver(() => record.__announcements.push(region.textContent ?? '')).observe(region, { childList: true, characterData: true, subtree: true });
    });
    await chat().deliver({ type: 'chat/appended', message: assistantMessage('a1', '', { status: 'streaming' }) });
    for (let index = 0; index < 20; index++) {
      await chat().deliver(...stream('r1', 'a1', Array.from({ length: index + 1 }, (_, position) => `${position} `)).slice(index));
      if (index % 5 === 0) {
        await chat().settle();
      }
    }
    await chat().settle();
    const counted = Array.from({ length: 20 }, (_, position) => `${position} `).join('');
    await chat().deliver({ type: 'chat/done', requestId: 'r1', message: assistantMessage('a1', `${counted}**done**`), totals: {} });
    await chat().settle();
    await chat().deliver(
      { type: 'chat/appended', message: assistantMessage('a2', '', { status: 'streaming' }) },
      { type: 'chat/error', requestId: 'r2', message: assistantMessage('a2', '', { status: 'error', error: { message: 'Network down.', kind: 'APIConnectionError', actions: ['retry'] } }), totals: {} },
    );
    await chat().settle();
    const announcements = await page.evaluate(() => (window as unknown as { __announcements: string[] }).__announcements);
    deepStrictEqual(announcements, [`Answer: ${counted}done`, 'Error: Network down.']);
  });

  it('history: lists conversations, marks the current one, opens, renames, exports and deletes after confirming', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    const history = page.getByRole('region', { name: 'History' });
    strictEqual(await history.isVisible(), false);
    await page.getByRole('button', { name: 'History' }).click();
    strictEqual(await page.getByRole('button', { name: 'History' }).getAttribute('aria-expanded'), 'true');
    deepStrictEqual(await history.locator('.history-title').allTextContents(), ['First chat', 'Older chat']);
    strictEqual(await history.locator('[aria-current="true"] .history-title').textContent(), 'First chat');

    await history.getByRole('button', { name: 'Rename: Older chat' }).click();
    const title = history.getByRole('textbox', { name: 'Conversation title' });
    strictEqual(await title.inputValue(), 'Older chat');
    await title.fill('Renamed chat');
    await title.press('Enter');
    await history.getByRole('button', { name: 'Export to Markdown: Older chat' }).click();
    await history.getByRole('button', { name: 'Delete: Older chat' }).click();
    await history.getByRole('button', { name: 'Cancel' }).click();
    await history.getByRole('button', { name: 'Delete: Older chat' }).click();
    await history.getByRole('group', { name: 'Delete "Older chat"?' }).getByRole('button', { name: 'Delete' }).click();
    deepStrictEqual(await chat().taken(3), [
      { type: 'history/rename', conversationId: 'c2', title: 'Renamed chat' },
      { type: 'history/export', conversationId: 'c2' },
      { type: 'history/delete', conversationId: 'c2' },
    ]);

    await history.locator('[data-conversation="c2"] .history-open').click();
    deepStrictEqual(await chat().taken(1), [{ type: 'history/open', conversationId: 'c2' }]);
    strictEqual(await history.isVisible(), false);
    await chat().deliver({ type: 'history/list', conversations: [{ id: 'c1', title: 'First chat', updatedAt: 1_700_000_000_000, messageCount: 2 }] });
    await page.getByRole('button', { name: 'History' }).click();
    deepStrictEqual(await history.locator('.history-title').allTextContents(), ['First chat']);
  });

  it('model picker: a combobox named Model; choosing a model posts models/select; models/list updates it', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    const picker = page.getByRole('combobox', { name: 'Model' });
    strictEqual(await picker.inputValue(), 'GPT-4o mini');
    await picker.click();
    await page.getByRole('option', { name: 'Claude Sonnet 4.5' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'models/select', model: 'anthropic/claude-sonnet-4-5' }]);
    await chat().deliver({ type: 'models/list', models: [...models, { id: 'ollama/llama3.2', label: 'Llama 3.2', provider: 'ollama' }], current: 'ollama/llama3.2' });
    await chat().settle();
    strictEqual(await picker.inputValue(), 'Llama 3.2');
  });

  it('model picker: its last entry, Add Provider…, posts action/run addProvider and keeps the model in use', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    const picker = page.getByRole('combobox', { name: 'Model' });
    await picker.click();
    await page.getByRole('option', { name: 'Add Provider…' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'action/run', action: 'addProvider' }]);
    await chat().settle();
    strictEqual(await picker.inputValue(), 'GPT-4o mini');
  });

  it('an error shows its message and action buttons; a click posts action/run', async () => {
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Hi')] }));
    await chat().deliver(...failedAnswer());
    await chat().settle();
    const page = chat().page;
    const alert = page.getByRole('alert');
    strictEqual(await alert.locator('.error-text').textContent(), 'OpenAI rejected the key (401).');
    deepStrictEqual(await chat().messages(), [['user', 'Hi'], ['assistant', 'Partial answer']]);
    await alert.getByRole('button', { name: 'Set API Key' }).click();
    await alert.getByRole('button', { name: 'Retry' }).click();
    await alert.getByRole('button', { name: 'Show Logs' }).click();
    deepStrictEqual(await chat().taken(3), [
      { type: 'action/run', action: 'setApiKey' },
      { type: 'action/run', action: 'retry' },
      { type: 'action/run', action: 'showLogs' },
    ]);
  });

  it('the banner shows, offers its buttons (the first run\'s: Add Provider, Select Model), and goes when the host clears it', async () => {
    const message = 'Offline mock model: answers are made up on this machine. Add a provider or select a model to use a real one.';
    await chat().snapshot(snapshot({ banner: { kind: 'offline', message, actions: ['addProvider', 'selectModel'] } }));
    const page = chat().page;
    const banner = page.locator('.banner');
    strictEqual(await banner.locator('.banner-text').textContent(), message);
    await banner.getByRole('button', { name: 'Add Provider' }).click();
    await banner.getByRole('button', { name: 'Select Model' }).click();
    deepStrictEqual(await chat().taken(2), [
      { type: 'action/run', action: 'addProvider' },
      { type: 'action/run', action: 'selectModel' },
    ]);
    await chat().deliver({ type: 'banner/set' });
    await chat().settle();
    strictEqual(await banner.count(), 0);
  });

  it('the draft: draft/set fills the composer, chips can be removed, the active file can be added, attachments are sent', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    await page.getByRole('textbox', { name: 'Message' }).fill('typed first');
    const selection = { kind: 'selection' as const, name: 'src/app.ts', languageId: 'typescript', lines: '3-4', text: 'let a = 1;\nlet b = 2;' };
    const file = { kind: 'file' as const, name: 'README.md', languageId: 'markdown', text: '# Hi' };
    await chat().deliver({ type: 'draft/set', draft: { attachments: [selection, file] } });
    await chat().settle();
    const chips = page.getByRole('list', { name: 'Attachments' });
    deepStrictEqual(await chips.locator('.attachment-name').allTextContents(), ['src/app.ts:3-4', 'README.md']);
    strictEqual(await page.getByRole('textbox', { name: 'Message' }).inputValue(), 'typed first');
    await chat().deliver({ type: 'draft/set', draft: { text: 'Explain this', attachments: [selection, file] } });
    await chat().settle();
    strictEqual(await page.getByRole('textbox', { name: 'Message' }).inputValue(), 'Explain this');

    await chips.getByRole('button', { name: 'Remove README.md' }).click();
    await page.getByRole('button', { name: 'Add Context' }).click();
    await page.getByRole('listbox', { name: 'Add Context' }).getByRole('option', { name: 'Active file' }).click();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const [update, attach, send] = await chat().taken(3);
    deepStrictEqual([update, attach], [{ type: 'draft/update', draft: { attachments: [selection] } }, { type: 'context/add', kind: 'activeFile' }]);
    ok(send?.type === 'chat/send');
    deepStrictEqual(send, { type: 'chat/send', requestId: send.requestId, text: 'Explain this', attachments: [selection] });
    await chat().settle();
    strictEqual(await page.locator('.draft-attachments').isVisible(), false);
  });

  it('a pasted image becomes a data: URL attachment; a model without vision gets a warning', async () => {
    await chat().snapshot(snapshot({ model: 'mock/typewriter' }));
    const page = chat().page;
    await page.getByRole('textbox', { name: 'Message' }).focus();
    await page.evaluate((base64) => {
      const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      document.querySelector('textarea')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, pixelPng);
    await page.locator('.attachment-thumbnail').waitFor();
    deepStrictEqual(await chat().taken(1), [{ type: 'draft/update', draft: { attachments: [{ kind: 'image', name: 'pasted image 1', dataUrl: `data:image/png;base64,${pixelPng}` }] } }]);
    strictEqual(await page.locator('.vision-warning').textContent(), 'Mock typewriter may not accept images: they will be left out.');
    await chat().deliver({ type: 'models/list', models, current: 'openai/gpt-4o-mini' });
    await chat().settle();
    strictEqual(await page.locator('.vision-warning').isVisible(), false);
    deepStrictEqual(chat().foreignRequests(), []);
  });

  it('a notice from the host shows in a status line', async () => {
    await chat().snapshot(snapshot());
    await chat().deliver({ type: 'notice', message: 'Copied' });
    await chat().settle();
    strictEqual(await chat().page.locator('.notice').textContent(), 'Copied');
  });

  it('a snapshot mid-stream (the view re-created) shows the text so far and continues with the next deltas', async () => {
    await chat().snapshot(
      snapshot({
        messages: [userMessage('u1', 'Story?'), assistantMessage('a1', 'Once upon', { status: 'streaming' })],
        streaming: { requestId: 'r1', messageId: 'a1' },
      }),
    );
    const page = chat().page;
    strictEqual(await page.getByRole('button', { name: 'Stop' }).isVisible(), true);
    await chat().deliver({ type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 7, content: ' a time' });
    await chat().settle();
    deepStrictEqual(await chat().messages(), [['user', 'Story?'], ['assistant', 'Once upon a time']]);
    await page.getByRole('button', { name: 'Stop' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'chat/cancel', requestId: 'r1' }]);
  });
});
