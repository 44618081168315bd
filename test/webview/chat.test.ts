/**
 * The chat webview in headless Chromium against a scripted host: the snapshot, streaming, markdown
 * and code, Stop, Regenerate, Edit, the keyboard, and the draft kept across reloads.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { assistantMessage, exchange, snapshot, stream, userMessage } from './fixtures';
import { useChatPage } from './useChatPage';

describe('chat webview: conversation', function () {
  const { chat, open } = useChatPage();

  it('says ready, then draws the snapshot: messages with their roles, the model, the totals', async () => {
    deepStrictEqual(chat().posted, [{ type: 'ready' }]);
    await chat().snapshot(snapshot({ messages: exchange(), totals: { promptTokens: 12, completionTokens: 5, cost: 0.0001 } }));
    deepStrictEqual(await chat().messages(), [
      ['user', 'What is 2 + 2?'],
      ['assistant', 'It is 4.'],
    ]);
    const page = chat().page;
    strictEqual(await page.locator('[data-role="assistant"] .message-content strong').textContent(), '4');
    strictEqual(await page.locator('.totals').textContent(), 'Conversation: 12 in · 5 out · $0.0001');
    strictEqual(await page.locator('[data-role="assistant"] .message-usage').textContent(), '12 in · 5 out · $0.0001');
    strictEqual(await page.getByRole('combobox', { name: 'Model' }).inputValue(), 'GPT-4o mini');
  });

  it('streams an answer into its placeholder, drawing only that message, and renders markdown as it grows', async () => {
    await chat().snapshot(snapshot({ messages: exchange() }));
    const page = chat().page;
    // Mark the drawn elements: a redraw would replace them and lose the mark.
    await page.evaluate(() => {
      for (const element of Array.from(document.querySelectorAll('[data-role], .message-content > *'))) {
        (element as HTMLElement).dataset.marked = 'yes';
      }
    });
    await chat().deliver(
      { type: 'chat/appended', message: userMessage('u2', 'And 3 + 3?') },
      { type: 'chat/appended', message: assistantMessage('a2', '', { status: 'streaming' }) },
      ...stream('r2', 'a2', ['It ', 'is **', '6**.\n\n', '```ts\nconst six', ' = 6;\n```\n', '\nDone.']),
    );
    await chat().settle();
    deepStrictEqual(await chat().messages(), [
      ['user', 'What is 2 + 2?'],
      ['assistant', 'It is 4.'],
      ['user', 'And 3 + 3?'],
      ['assistant', 'It is 6. tsconst six = 6; Done.'],
    ]);
    const marks = await page.$$eval('[data-role], [data-id="a1"] .message-content > *', (elements) =>
      elements.map((element) => (element as HTMLElement).dataset.marked ?? 'new'),
    );
    // The first exchange, its answer's paragraph and (empty) tail untouched; the new messages new.
    deepStrictEqual(marks, ['yes', 'yes', 'yes', 'yes', 'new', 'new']);
    strictEqual(await page.locator('[data-id="a2"] .hljs-keyword').first().textContent(), 'const');
    strictEqual(await page.getByRole('button', { name: 'Stop' }).isVisible(), true);
    strictEqual(await page.getByRole('button', { name: 'Send' }).isVisible(), false);

    await chat().deliver({
      type: 'chat/done',
      requestId: 'r2',
      message: assistantMessage('a2', 'It is **6**.\n\n```ts\nconst six = 6;\n```\n\nDone.', { usage: { promptTokens: 30, completionTokens: 9 } }),
      totals: { promptTokens: 42, completionTokens: 14 },
    });
    await chat().settle();
    strictEqual(await page.locator('[data-id="a2"] .message-usage').textContent(), '30 in · 9 out');
    strictEqual(await page.locator('.totals').textContent(), 'Conversation: 42 in · 14 out');
    strictEqual(await page.getByRole('button', { name: 'Send' }).isVisible(), true);
  });

  it('applies a repeated delta once (seq), appends reasoning, and shows tool calls as the host sends them, whole', async () => {
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Weather?'), assistantMessage('a1', '', { status: 'streaming' })], streaming: { requestId: 'r1', messageId: 'a1' } }));
    await chat().deliver(
      { type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 0, reasoning: 'The user wants ' },
      { type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 1, reasoning: 'the weather.', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"ci' }] },
      { type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 1, reasoning: 'the weather.' },
      { type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 2, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
    );
    await chat().settle();
    const page = chat().page;
    strictEqual((await page.locator('.reasoning .reasoning-content').textContent())?.trim(), 'The user wants the weather.');
    strictEqual(await page.locator('.reasoning').getAttribute('open'), null);
    await page.getByText('Thinking').click();
    strictEqual(await page.locator('.reasoning').getAttribute('open'), '');
    strictEqual(await page.locator('.tool-call-name').textContent(), 'get_weather');
    strictEqual(await page.getByRole('group', { name: 'Tool call: get_weather' }).getAttribute('data-state'), 'pending');
    strictEqual(await page.locator('.tool-call-arguments').textContent(), '{\n  "city": "Paris"\n}');
  });

  it('empties the box after sending text typed and sent within one frame (a paste, then Enter)', async () => {
    await chat().snapshot(snapshot({ messages: exchange() }));
    const page = chat().page;
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.evaluate((element) => {
      const textarea = element as HTMLTextAreaElement;
      textarea.value = 'Pasted question';
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      textarea.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    });
    const [send] = await chat().taken(1);
    ok(send?.type === 'chat/send' && send.text === 'Pasted question');
    await chat().settle();
    strictEqual(await box.inputValue(), '');
  });

  it('Stop posts chat/cancel for the running request; the stopped answer keeps its text', async () => {
    await chat().snapshot(snapshot({ messages: exchange() }));
    const page = chat().page;
    await page.getByRole('textbox', { name: 'Message' }).fill('Tell me a story');
    await page.getByRole('button', { name: 'Send' }).click();
    const [send] = await chat().taken(1);
    ok(send?.type === 'chat/send');
    deepStrictEqual(send, { type: 'chat/send', requestId: send.requestId, text: 'Tell me a story', attachments: [] });
    strictEqual(await page.getByRole('textbox', { name: 'Message' }).inputValue(), '');
    await chat().deliver(
      { type: 'chat/appended', message: userMessage('u2', 'Tell me a story') },
      { type: 'chat/appended', message: assistantMessage('a2', '', { status: 'streaming' }) },
      ...stream(send.requestId, 'a2', ['Once upon', ' a time']),
    );
    await page.getByRole('button', { name: 'Stop' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'chat/cancel', requestId: send.requestId }]);
    await chat().deliver({ type: 'chat/done', requestId: send.requestId, message: assistantMessage('a2', 'Once upon a time', { status: 'stopped' }), totals: {} });
    await chat().settle();
    deepStrictEqual((await chat().messages())[3], ['assistant', 'Once upon a time']);
    strictEqual(await page.locator('[data-id="a2"] .message-status').textContent(), 'Stopped');
    strictEqual(await page.getByRole('button', { name: 'Send' }).isVisible(), true);
  });

  it('typing tells the host once per conversation (chat/composing), so it prepares the request', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await page.keyboard.type('hel');
    await box.fill('');
    await page.keyboard.type('hello');
    await chat().settle();
    const inFirst = chat().posted.filter((message) => message.type === 'chat/composing').length;
    await chat().snapshot(snapshot({ conversationId: 'c-other' }));
    await box.fill('');
    await page.keyboard.type('again');
    await chat().settle();
    const inBoth = chat().posted.filter((message) => message.type === 'chat/composing').length;
    deepStrictEqual({ inFirst, inBoth }, { inFirst: 1, inBoth: 2 });
  });

  it('Enter sends, Shift+Enter adds a line, Escape stops the running answer', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    const box = page.getByRole('textbox', { name: 'Message' });
    await box.click();
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    strictEqual(await box.inputValue(), 'first line\nsecond line');
    deepStrictEqual(await chat().taken(0), []);
    await page.keyboard.press('Enter');
    const [send] = await chat().taken(1);
    ok(send?.type === 'chat/send');
    strictEqual(send.text, 'first line\nsecond line');
    await chat().deliver({ type: 'chat/appended', message: assistantMessage('a1', '', { status: 'streaming' }) });
    await chat().settle();
    await page.keyboard.press('Escape');
    deepStrictEqual(await chat().taken(1), [{ type: 'chat/cancel', requestId: send.requestId }]);
  });

  it('Regenerate shows on the last answer only and posts chat/regenerate', async () => {
    await chat().snapshot(snapshot({ messages: [...exchange(), userMessage('u2', 'Again?'), assistantMessage('a2', 'Yes.')] }));
    const page = chat().page;
    const regenerate = page.getByRole('button', { name: 'Regenerate' });
    strictEqual(await regenerate.count(), 1);
    strictEqual(await page.locator('[data-id="a2"]').getByRole('button', { name: 'Regenerate' }).count(), 1);
    await regenerate.click();
    const [message] = await chat().taken(1);
    ok(message?.type === 'chat/regenerate');
    ok(/^[A-Za-z0-9_-]{22}$/.test(message.requestId));
    // While it runs, no second regenerate.
    strictEqual(await page.getByRole('button', { name: 'Regenerate' }).isVisible(), false);
  });

  it('Edit puts a user message into a box; saving posts chat/edit, Escape cancels without stopping anything', async () => {
    await chat().snapshot(snapshot({ messages: exchange() }));
    const page = chat().page;
    await page.locator('[data-id="u1"]').getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('textbox', { name: 'Edit message' });
    strictEqual(await editor.inputValue(), 'What is 2 + 2?');
    await editor.press('Escape');
    strictEqual(await editor.count(), 0);
    deepStrictEqual(await chat().taken(0), []);

    await page.locator('[data-id="u1"]').getByRole('button', { name: 'Edit' }).click();
    await editor.fill('What is 2 + 3?');
    await page.getByRole('button', { name: 'Save and resend' }).click();
    const [edit] = await chat().taken(1);
    ok(edit?.type === 'chat/edit');
    deepStrictEqual(edit, { type: 'chat/edit', requestId: edit.requestId, messageId: 'u1', text: 'What is 2 + 3?' });
    // The host drops what follows and sends the edited message again (same id: replaced in place).
    await chat().deliver({ type: 'chat/truncated', fromMessageId: 'a1' }, { type: 'chat/appended', message: userMessage('u1', 'What is 2 + 3?') });
    await chat().settle();
    deepStrictEqual(await chat().messages(), [['user', 'What is 2 + 3?']]);
  });

  it('code blocks: Copy, Insert at cursor, Open in new file and Apply post the code (its language, its answer)', async () => {
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Code?'), assistantMessage('a1', 'Here:\n\n```ts\nconst a: number = 1;\nconsole.log(a);\n```\n')] }));
    const block = chat().page.getByRole('group', { name: 'Code block (ts)' });
    await block.getByRole('button', { name: 'Copy' }).click();
    await block.getByRole('button', { name: 'Insert at cursor' }).click();
    await block.getByRole('button', { name: 'Open in new file' }).click();
    await block.getByRole('button', { name: 'Apply to file (review the change first)' }).click();
    const code = 'const a: number = 1;\nconsole.log(a);';
    deepStrictEqual(await chat().taken(4), [
      { type: 'code/copy', code },
      { type: 'code/insert', code },
      { type: 'code/newFile', code, languageId: 'typescript' },
      { type: 'code/apply', messageId: 'a1', code },
    ]);
  });

  it('Apply All shows on a finished answer that holds code blocks, and posts code/applyAll with its id', async () => {
    await chat().snapshot(
      snapshot({
        messages: [userMessage('u1', 'Code?'), assistantMessage('a1', '```ts src/a.ts\nexport const a = 1;\n```\n\n```ts src/b.ts\nexport const b = 2;\n```\n'), userMessage('u2', 'Thanks'), assistantMessage('a2', 'You are welcome.')],
      }),
    );
    const page = chat().page;
    const applyAll = 'Apply all code blocks that name their files (review each)';
    strictEqual(await page.locator('[data-id="a2"]').getByRole('button', { name: applyAll }).count(), 0);
    await page.locator('[data-id="a1"]').getByRole('button', { name: applyAll }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'code/applyAll', messageId: 'a1' }]);
  });

  it('a proposed change under review shows a bar with Accept and Reject that post review/decide; it leaves when none is left, and comes back with a snapshot', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    const bar = page.getByRole('region', { name: 'Proposed change' });
    strictEqual(await bar.isVisible(), false);
    await chat().deliver({ type: 'review/set', review: { label: 'src/app.ts', how: 'patch', remaining: 2 } });
    await chat().settle();
    strictEqual(await bar.textContent().then((text) => text?.includes('Reviewing src/app.ts (patch) in the diff editor. 1 more after it.')), true);
    await bar.getByText('Accept').click();
    await bar.getByText('Reject').click();
    deepStrictEqual(await chat().taken(2), [
      { type: 'review/decide', decision: 'accept' },
      { type: 'review/decide', decision: 'reject' },
    ]);
    await chat().deliver({ type: 'review/set' });
    await chat().settle();
    strictEqual(await bar.isVisible(), false);
    await chat().snapshot(snapshot({ review: { label: 'src/b.ts', how: 'whole file', remaining: 1 } }));
    strictEqual(await bar.isVisible(), true);
  });

  it('a link click posts link/open and the page stays where it is', async () => {
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Docs?'), assistantMessage('a1', 'See [the docs](https://example.com/docs) or https://example.org.')] }));
    const page = chat().page;
    const url = page.url();
    await page.getByRole('link', { name: 'the docs' }).click();
    await page.getByRole('link', { name: 'https://example.org' }).click();
    deepStrictEqual(await chat().taken(2), [
      { type: 'link/open', href: 'https://example.com/docs' },
      { type: 'link/open', href: 'https://example.org' },
    ]);
    strictEqual(page.url(), url);
    deepStrictEqual(chat().foreignRequests(), []);
  });

  it('keeps the unsent text and the conversation on screen across a reload of the view (vscode.setState)', async () => {
    await chat().snapshot(snapshot());
    await chat().page.getByRole('textbox', { name: 'Message' }).fill('half a thought');
    const saved = await chat().persistedState();
    // The conversation id is what a restored editor tab opens again.
    deepStrictEqual(saved, { draftText: 'half a thought', conversationId: 'c1' });
    const reloaded = await open({ persisted: saved });
    await reloaded.snapshot(snapshot());
    strictEqual(await reloaded.page.getByRole('textbox', { name: 'Message' }).inputValue(), 'half a thought');
  });
});
