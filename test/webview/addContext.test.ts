/**
 * Add Context in headless Chromium: the composer's button and `#` in the message box open one
 * list of the context kinds; typing filters it, the keyboard and the mouse choose, Escape only
 * closes it, and choosing takes the typed `#word` out of the message and posts `context/add`.
 */

import { deepStrictEqual, strictEqual } from 'node:assert';
import { assistantMessage, snapshot, userMessage } from './fixtures';
import { useChatPage } from './useChatPage';

describe('chat webview: Add Context', function () {
  const { chat } = useChatPage();

  const box = () => chat().page.getByRole('textbox', { name: 'Message' });
  const menu = () => chat().page.getByRole('listbox', { name: 'Add Context' });
  const options = () => menu().getByRole('option').allTextContents();
  const active = () => menu().locator('[aria-selected="true"] .context-label').textContent();

  it('the button opens the list of every kind, with clear labels; choosing one by click posts context/add', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    const button = page.getByRole('button', { name: 'Add Context' });
    strictEqual(await button.getAttribute('aria-expanded'), 'false');
    strictEqual(await menu().isVisible(), false);
    await button.click();
    strictEqual(await button.getAttribute('aria-expanded'), 'true');
    deepStrictEqual(await menu().getByRole('option').evaluateAll((elements) => elements.map((element) => element.querySelector('.context-label')?.textContent)), [
      'File…',
      'Folder…',
      'Selection',
      'Problems',
      'Changes',
      'Terminal output',
      'Active file',
    ]);
    deepStrictEqual(await menu().locator('.context-keyword').allTextContents(), ['#file', '#folder', '#selection', '#problems', '#changes', '#terminal']);
    await menu().getByRole('option', { name: 'Terminal output' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'context/add', kind: 'terminal' }]);
    strictEqual(await menu().isVisible(), false);
    strictEqual(await box().evaluate((element) => element === document.activeElement), true);
  });

  it('opened by the button, the list takes the keyboard: arrows move, Enter chooses, Escape closes and returns to the button', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    await page.getByRole('button', { name: 'Add Context' }).click();
    strictEqual(await menu().evaluate((element) => element === document.activeElement), true);
    strictEqual(await active(), 'File…');
    await page.keyboard.press('ArrowUp');
    strictEqual(await active(), 'Active file');
    strictEqual(await menu().getAttribute('aria-activedescendant'), 'add-context-activeFile');
    await page.keyboard.press('Escape');
    strictEqual(await menu().isVisible(), false);
    await page.getByRole('button', { name: 'Add Context' }).click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    deepStrictEqual(await chat().taken(1), [{ type: 'context/add', kind: 'selection' }]);
  });

  it('# at the start opens the list; typing filters it (#pro → Problems); Enter chooses, removes #pro and never sends', async () => {
    await chat().snapshot(snapshot());
    await box().click();
    await box().pressSequentially('#');
    strictEqual(await menu().isVisible(), true);
    strictEqual((await options()).length, 7);
    strictEqual(await box().getAttribute('aria-activedescendant'), 'add-context-file');
    await box().pressSequentially('pro');
    deepStrictEqual(await options(), ['Problems#problems']);
    await box().press('Enter');
    deepStrictEqual(await chat().taken(1), [{ type: 'context/add', kind: 'problems' }]);
    strictEqual(await box().inputValue(), '');
    strictEqual(await menu().isVisible(), false);
    strictEqual(await box().getAttribute('aria-activedescendant'), null);
  });

  it('# after white space opens it mid-message; Tab and the arrows choose; the rest of the message stays, the caret where #word was', async () => {
    await chat().snapshot(snapshot());
    await box().click();
    await box().pressSequentially('Explain #ch');
    deepStrictEqual(await options(), ['Changes#changes']);
    await box().press('Tab');
    strictEqual(await box().inputValue(), 'Explain ');
    await box().pressSequentially('these #f');
    deepStrictEqual(await menu().locator('.context-label').allTextContents(), ['File…', 'Folder…', 'Active file']);
    await box().press('ArrowDown');
    strictEqual(await active(), 'Folder…');
    await box().press('ArrowDown');
    await box().press('ArrowDown');
    strictEqual(await active(), 'File…', 'the arrows wrap around');
    await box().press('ArrowUp');
    await box().press('Enter');
    strictEqual(await box().inputValue(), 'Explain these ');
    deepStrictEqual(await chat().taken(2), [
      { type: 'context/add', kind: 'changes' },
      { type: 'context/add', kind: 'activeFile' },
    ]);
    // What the user typed after the choice continues where the #word was, and the draft is kept.
    await box().pressSequentially('please');
    strictEqual(await box().inputValue(), 'Explain these please');
    strictEqual(await chat().persistedState().then((state) => (state as { draftText?: string }).draftText), 'Explain these please');
  });

  it('a # inside a word, or letters matching nothing, open no list; then Enter sends as usual', async () => {
    await chat().snapshot(snapshot());
    await box().click();
    await box().pressSequentially('issue#12 and C#');
    strictEqual(await menu().isVisible(), false);
    await box().pressSequentially(' #xyz');
    strictEqual(await menu().isVisible(), false);
    await box().press('Enter');
    const [send] = await chat().taken(1);
    deepStrictEqual(send?.type === 'chat/send' ? send.text : send, 'issue#12 and C# #xyz');
  });

  it('Escape closes the list only: the running answer goes on and nothing is sent; typing on after that # keeps it closed', async () => {
    await chat().snapshot(
      snapshot({ messages: [userMessage('u1', 'Story?'), assistantMessage('a1', 'Once', { status: 'streaming' })], streaming: { requestId: 'r1', messageId: 'a1' } }),
    );
    const page = chat().page;
    await box().click();
    await box().pressSequentially('#sel');
    await box().press('Escape');
    strictEqual(await menu().isVisible(), false);
    strictEqual(await page.getByRole('button', { name: 'Stop' }).isVisible(), true);
    await box().pressSequentially('ect');
    strictEqual(await menu().isVisible(), false);
    deepStrictEqual(await chat().taken(0), []);
    // A new # is a new request for the list.
    await box().pressSequentially(' #');
    strictEqual(await menu().isVisible(), true);
    // Leaving the message box closes it.
    await page.getByRole('button', { name: 'New chat' }).focus();
    strictEqual(await menu().isVisible(), false);
    // And with the list closed, Escape stops the answer as before.
    await box().press('Escape');
    deepStrictEqual(await chat().taken(1), [{ type: 'chat/cancel', requestId: 'r1' }]);
  });

  it('a click on an option of the typed list chooses it and leaves the focus in the message box', async () => {
    await chat().snapshot(snapshot());
    await box().click();
    await box().pressSequentially('Look at #');
    await menu().getByRole('option', { name: 'Folder…' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'context/add', kind: 'folder' }]);
    strictEqual(await box().inputValue(), 'Look at ');
    strictEqual(await box().evaluate((element) => element === document.activeElement), true);
  });
});
