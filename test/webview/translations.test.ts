/**
 * The pages in another display language, built as they ship: the host's translations of their
 * English strings (`pageTranslations` over the l10n bundle) written into the HTML are what the
 * chat and the usage page show from their first paint, English where a translation lacks a string,
 * with no CSP violation; the usage page's numbers and days follow the page's language.
 */

import assert from 'node:assert/strict';
import { chatStrings } from '../../src/protocol/chatStrings';
import type { UsageSnapshotMessage } from '../../src/protocol/usageMessages';
import { usageStrings } from '../../src/protocol/usageStrings';
import { pageTranslations } from '../../src/shell/chat/pageTranslations';
import { useChatPage } from './useChatPage';

/** A German bundle as `vscode.l10n.bundle` gives it: host strings beside the pages', and no translation of "Send". */
const germanBundle: Record<string, string> = {
  Message: 'Nachricht',
  'Ask anything. Enter sends, Shift+Enter adds a line.': 'Fragen Sie etwas. Enter sendet, Umschalt+Enter fügt eine Zeile hinzu.',
  'Start a conversation: ask about your code, paste an image, or type # to add context.': 'Beginnen Sie ein Gespräch.',
  'Switchboard Usage': 'Switchboard-Nutzung',
  'Tokens per day, last {days} days': 'Token pro Tag, letzte {days} Tage',
  'Set API Key': 'API-Schlüssel festlegen',
};

describe('the pages in another display language', () => {
  const pages = useChatPage({ pagePerTest: false });

  afterEach(() => {
    pages.server().language = { lang: 'en', translations: {} };
  });

  it('the host passes only the translations of a page\'s own strings', () => {
    assert.deepStrictEqual(pageTranslations(chatStrings, germanBundle), {
      Message: 'Nachricht',
      'Ask anything. Enter sends, Shift+Enter adds a line.': 'Fragen Sie etwas. Enter sendet, Umschalt+Enter fügt eine Zeile hinzu.',
      'Start a conversation: ask about your code, paste an image, or type # to add context.': 'Beginnen Sie ein Gespräch.',
      'Set API Key': 'API-Schlüssel festlegen',
    });
    assert.deepStrictEqual(pageTranslations(chatStrings, undefined), {});
  });

  it('the chat shows the message box in German from its first paint, and English where the bundle has no translation', async () => {
    pages.server().language = { lang: 'de', translations: pageTranslations(chatStrings, germanBundle) };
    const chat = await pages.open();
    const box = chat.page.locator('textarea.message-input');
    assert.deepStrictEqual(
      {
        lang: await chat.page.evaluate(() => document.documentElement.lang),
        label: await box.getAttribute('aria-label'),
        placeholder: await box.getAttribute('placeholder'),
        send: await chat.page.locator('.composer-actions vscode-button[icon="send"]').getAttribute('title'),
        byRole: await chat.page.getByRole('textbox', { name: 'Nachricht' }).count(),
      },
      {
        lang: 'de',
        label: 'Nachricht',
        placeholder: 'Fragen Sie etwas. Enter sendet, Umschalt+Enter fügt eine Zeile hinzu.',
        send: 'Send',
        byRole: 1,
      },
    );
    assert.deepStrictEqual(await chat.violations(), []);
  });

  it('the usage page shows its headings in German, its numbers and days as German writes them', async () => {
    pages.server().language = { lang: 'de', translations: pageTranslations(usageStrings, germanBundle) };
    const usage = await pages.open({ path: '/usage' });
    await usage.waitForPosted('usage/ready' as never);
    const snapshot: UsageSnapshotMessage = {
      type: 'usage/snapshot',
      today: '2025-03-07',
      buckets: [{ day: '2025-03-07', model: 'openai/gpt-4o-mini', caller: 'chat', requests: 3, prompt_tokens: 1_000, completion_tokens: 700, cost: 0.0123, unpriced_requests: 0 }],
    };
    await usage.page.evaluate((sent) => window.postMessage(sent, '*'), snapshot);
    await usage.page.waitForSelector('section.tokens svg');
    assert.deepStrictEqual(
      {
        title: await usage.page.locator('h1').textContent(),
        tokensHeading: await usage.page.locator('section.tokens h2').textContent(),
        lastDay: await usage.page.locator('section.tokens text.day-label').last().textContent(),
        promptTokens: await usage.page.locator('table.by-model tbody td').nth(1).textContent(),
        untranslated: await usage.page.locator('table.by-model caption').textContent(),
      },
      { title: 'Switchboard-Nutzung', tokensHeading: 'Token pro Tag, letzte 30 Tage', lastDay: '7. März', promptTokens: '1.000', untranslated: 'By model' },
    );
    assert.deepStrictEqual(await usage.violations(), []);
  });
});
