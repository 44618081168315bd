/**
 * Model Settings in headless Chromium: the button beside the model picker opens a small dialog;
 * each change posts the whole choice, invalid input is refused in place and never posted, Reset
 * goes back to the defaults, and the header says the chat's choices in short.
 */

import { deepStrictEqual, strictEqual } from 'node:assert';
import type { ModelSettingsView } from '../../src/protocol/requestViews';
import { assistantMessage, defaultModelSettings, snapshot, userMessage } from './fixtures';
import { useChatPage } from './useChatPage';

describe('chat webview: Model Settings', function () {
  const { chat } = useChatPage();

  const dialog = () => chat().page.getByRole('dialog', { name: 'Model Settings' });
  const temperature = () => dialog().getByRole('spinbutton', { name: 'Temperature' });
  const maxTokens = () => dialog().getByRole('spinbutton', { name: 'Maximum output tokens' });
  const summary = () => chat().page.locator('.model-settings-summary').textContent();

  async function openSettings(): Promise<void> {
    await chat().page.getByRole('button', { name: 'Model Settings' }).click();
    await dialog().waitFor();
  }

  it('opens from the button beside the model picker; a reasoning choice posts the whole settings', async () => {
    await chat().snapshot(snapshot({ modelSettings: { ...defaultModelSettings, chosen: { temperature: 0.3 }, effective: { temperature: 0.3 } } }));
    const page = chat().page;
    const button = page.getByRole('button', { name: 'Model Settings' });
    strictEqual(await button.getAttribute('aria-expanded'), 'false');
    strictEqual(await dialog().isVisible(), false);
    await openSettings();
    strictEqual(await button.getAttribute('aria-expanded'), 'true');
    deepStrictEqual(await dialog().getByRole('radio').evaluateAll((radios) => radios.map((radio) => radio.parentElement?.textContent)), ['Default', 'Off', 'Low', 'Medium', 'High']);
    strictEqual(await dialog().getByRole('radio', { name: 'Default' }).isChecked(), true);
    strictEqual(await temperature().inputValue(), '0.3');
    await dialog().getByRole('radio', { name: 'High' }).check();
    deepStrictEqual(await chat().taken(1), [{ type: 'modelSettings/set', settings: { reasoning: 'high', temperature: 0.3 } }]);
  });

  it('temperature and maximum tokens: valid values post on Enter or leaving the box; empty means the default', async () => {
    await chat().snapshot(snapshot());
    await openSettings();
    await temperature().fill('0.2');
    await temperature().press('Enter');
    deepStrictEqual(await chat().taken(1), [{ type: 'modelSettings/set', settings: { temperature: 0.2 } }]);
    await maxTokens().fill('4096');
    await temperature().focus();
    deepStrictEqual(await chat().taken(1), [{ type: 'modelSettings/set', settings: { temperature: 0.2, maxTokens: 4096 } }]);
    await temperature().fill('');
    await temperature().press('Enter');
    deepStrictEqual(await chat().taken(1), [{ type: 'modelSettings/set', settings: { maxTokens: 4096 } }]);
  });

  it('invalid input is refused in place with a message and never posted; fixed, it posts', async () => {
    await chat().snapshot(snapshot());
    await openSettings();
    const page = chat().page;
    for (const wrong of ['2.5', '-1', '0.15']) {
      await temperature().fill(wrong);
      await temperature().press('Enter');
      strictEqual(await temperature().getAttribute('aria-invalid'), 'true', wrong);
      strictEqual(await dialog().getByRole('alert').textContent(), 'Temperature must be a number from 0 to 2, in steps of 0.1.');
    }
    // Not a number at all: the browser keeps no value, and that is not "empty".
    await temperature().fill('');
    await temperature().focus();
    await page.keyboard.type('1e');
    await temperature().press('Enter');
    strictEqual(await temperature().getAttribute('aria-invalid'), 'true');
    await temperature().fill('0.5');
    strictEqual(await temperature().getAttribute('aria-invalid'), null, 'fixed: the message goes as the text reads well');
    deepStrictEqual(await chat().taken(0), [], 'nothing invalid was posted');
    await maxTokens().fill('20000');
    // Leaving the fixed temperature posted it.
    deepStrictEqual(await chat().taken(1), [{ type: 'modelSettings/set', settings: { temperature: 0.5 } }]);
    await maxTokens().press('Enter');
    strictEqual(await maxTokens().getAttribute('aria-invalid'), 'true');
    strictEqual(await dialog().getByRole('alert').textContent(), 'Maximum output tokens must be a whole number from 1 to 16,384.');
    await maxTokens().fill('1.5');
    await maxTokens().press('Enter');
    strictEqual(await maxTokens().getAttribute('aria-invalid'), 'true');
    deepStrictEqual(await chat().taken(0), [], 'nothing invalid was posted');
    await maxTokens().fill('16384');
    await maxTokens().press('Enter');
    deepStrictEqual(await chat().taken(1), [{ type: 'modelSettings/set', settings: { temperature: 0.5, maxTokens: 16384 } }]);
    strictEqual(await dialog().getByRole('alert').count(), 0);
  });

  it('a model that does not reason offers no reasoning choice and says so; the chat keeps its earlier one', async () => {
    const view: ModelSettingsView = { chosen: { reasoning: 'low' }, effective: { reasoning: 'low', temperature: 1 }, reasoningSupported: false };
    await chat().snapshot(snapshot({ modelSettings: view }));
    await openSettings();
    strictEqual(await dialog().getByRole('radio').count(), 0);
    strictEqual(await dialog().getByText('This model does not reason: there is no reasoning to set.').isVisible(), true);
    strictEqual(await temperature().getAttribute('placeholder'), 'Default (1)');
    strictEqual(await maxTokens().getAttribute('placeholder'), 'Default');
    strictEqual(await dialog().getByText('A whole number. Empty: the default.').isVisible(), true);
    await temperature().fill('0.7');
    await temperature().press('Enter');
    deepStrictEqual(await chat().taken(1), [{ type: 'modelSettings/set', settings: { reasoning: 'low', temperature: 0.7 } }]);
    strictEqual(await summary(), '', 'reasoning the model cannot do is not shown as in effect');
  });

  it('Reset posts empty settings and empties the fields; the header shows the choices in short, nothing when all are defaults', async () => {
    const chosen = { reasoning: 'high' as const, temperature: 0.2, maxTokens: 4000 };
    await chat().snapshot(snapshot({ modelSettings: { ...defaultModelSettings, chosen, effective: chosen } }));
    strictEqual(await summary(), 'Reasoning high · Temperature 0.2 · Max 4k');
    await openSettings();
    await dialog().getByRole('button', { name: 'Reset' }).click();
    deepStrictEqual(await chat().taken(1), [{ type: 'modelSettings/set', settings: {} }]);
    deepStrictEqual([await temperature().inputValue(), await maxTokens().inputValue(), await dialog().getByRole('radio', { name: 'Default' }).isChecked()], ['', '', true]);
    await chat().deliver({ type: 'modelSettings/set', modelSettings: { ...defaultModelSettings, effective: { temperature: 0.7, maxTokens: 8192 } } });
    await chat().settle();
    strictEqual(await summary(), '');
    strictEqual(await temperature().getAttribute('placeholder'), 'Default (0.7)');
    strictEqual(await maxTokens().getAttribute('placeholder'), 'Default (8,192)');
    // The same settings again post nothing.
    await dialog().getByRole('button', { name: 'Reset' }).click();
    deepStrictEqual(await chat().taken(0), []);
  });

  it('Escape closes the dialog only (the answer goes on) and returns focus to the button', async () => {
    await chat().snapshot(
      snapshot({ messages: [userMessage('u1', 'Story?'), assistantMessage('a1', 'Once', { status: 'streaming' })], streaming: { requestId: 'r1', messageId: 'a1' } }),
    );
    await openSettings();
    await temperature().focus();
    await chat().page.keyboard.press('Escape');
    strictEqual(await dialog().isVisible(), false);
    strictEqual(await chat().page.getByRole('button', { name: 'Model Settings' }).evaluate((element) => element === document.activeElement), true);
    strictEqual(await chat().page.getByRole('button', { name: 'Stop' }).isVisible(), true);
    deepStrictEqual(await chat().taken(0), []);
  });
});
