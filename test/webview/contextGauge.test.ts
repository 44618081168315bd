/**
 * The context gauge in headless Chromium: hidden until the host counted, then a meter named with
 * the whole numbers, short visible text, and a bar that warns past 80% of what the answer's
 * reserve leaves free and turns full past all of it.
 */

import { deepStrictEqual, strictEqual } from 'node:assert';
import { snapshot } from './fixtures';
import { useChatPage } from './useChatPage';

describe('chat webview: the context gauge', function () {
  const { chat } = useChatPage();

  const gauge = () => chat().page.getByTestId('context-gauge');

  async function reading(): Promise<{ name: string | null; min: string | null; max: string | null; now: string | null; text: string | null; level: string | null }> {
    return {
      name: await gauge().getAttribute('aria-label'),
      min: await gauge().getAttribute('aria-valuemin'),
      max: await gauge().getAttribute('aria-valuemax'),
      now: await gauge().getAttribute('aria-valuenow'),
      text: await gauge().locator('.context-gauge-text').textContent(),
      level: await gauge().getAttribute('data-level'),
    };
  }

  it('is hidden until the first count, then reads as a meter with the whole numbers and short text', async () => {
    await chat().snapshot(snapshot());
    strictEqual(await gauge().isVisible(), false);
    strictEqual(await chat().page.getByRole('meter').count(), 0);
    await chat().deliver({ type: 'context/gauge', gauge: { used: 12_345, window: 200_000, reserve: 8_192, windowKnown: true } });
    await chat().settle();
    const meter = chat().page.getByRole('meter', { name: 'Context: 12,345 of 200,000 tokens, 8,192 reserved for the answer' });
    strictEqual(await meter.isVisible(), true);
    deepStrictEqual(await reading(), {
      name: 'Context: 12,345 of 200,000 tokens, 8,192 reserved for the answer',
      min: '0',
      max: '200000',
      now: '12345',
      text: '12k / 200k',
      level: 'ok',
    });
  });

  it('a snapshot with a gauge shows it; an estimated window says so', async () => {
    await chat().snapshot(snapshot({ gauge: { used: 900, window: 8_000, reserve: 1_000, windowKnown: false } }));
    deepStrictEqual(await reading(), {
      name: 'Context: 900 of 8,000 tokens, 1,000 reserved for the answer, window estimated',
      min: '0',
      max: '8000',
      now: '900',
      text: '900 / 8k',
      level: 'ok',
    });
  });

  it('warns past 80% of the window less the reserve, in the theme warning colour; full past it all, in the error colour', async () => {
    await chat().snapshot(snapshot({ gauge: { used: 152_000, window: 200_000, reserve: 10_000, windowKnown: true } }));
    // The theme's colours, as VS Code sets them on the page.
    await chat().page.evaluate(() => {
      document.documentElement.style.setProperty('--vscode-editorWarning-foreground', 'rgb(200, 150, 0)');
      document.documentElement.style.setProperty('--vscode-errorForeground', 'rgb(220, 0, 0)');
    });
    const colour = () => gauge().evaluate((element) => getComputedStyle(element).color);
    deepStrictEqual([(await reading()).level, (await reading()).text], ['ok', '152k / 200k']);
    strictEqual(['rgb(200, 150, 0)', 'rgb(220, 0, 0)'].includes(await colour()), false);
    await chat().deliver({ type: 'context/gauge', gauge: { used: 152_001, window: 200_000, reserve: 10_000, windowKnown: true } });
    await chat().settle();
    deepStrictEqual([(await reading()).level, await colour()], ['warning', 'rgb(200, 150, 0)']);
    await chat().deliver({ type: 'context/gauge', gauge: { used: 190_001, window: 200_000, reserve: 10_000, windowKnown: true } });
    await chat().settle();
    deepStrictEqual([(await reading()).level, await colour()], ['full', 'rgb(220, 0, 0)']);
  });
});
