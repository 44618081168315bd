/**
 * The walkthrough, end to end in code-server from the built .vsix: "Welcome: Open Walkthrough…"
 * offers "Get Started with Switchboard"; its first step shows its picture and buttons; "Add
 * Provider" opens the provider pick, and "Use the Demo Model" opens Select Model narrowed to the
 * offline mock models, where picking one makes it the chat's model.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { packagedVsix } from './codeServer';
import { useCodeServer } from './useCodeServer';
import { pickQuickItem, quickInputRows, runCommand, waitForWorkbench } from './workbench';

const root = process.cwd();

describe('the walkthrough, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  const run = useCodeServer({
    name: 'walkthrough',
    // An endpoint whose models the unnarrowed list would show (no server needed to list them).
    settings: () => ({ 'switchboard.customEndpoints': [{ name: 'lab', baseUrl: 'http://127.0.0.1:9/v1', models: ['essayist'] }] }),
    extensions: () => [packagedVsix(root)],
    requests: () => [],
  });
  const workbench = (): Page => run().page;

  /** The first step's button named `name`, in the walkthrough editor. */
  const stepButton = (name: string) => workbench().locator('.getting-started-step.expanded').getByRole('button', { name, exact: true });

  it('"Welcome: Open Walkthrough…" offers it, and its first step shows its picture and buttons', async () => {
    await waitForWorkbench(workbench());
    await runCommand(workbench(), 'Welcome: Open Walkthrough...');
    await pickQuickItem(workbench(), 'Switchboard', (label) => label.includes('Get Started with Switchboard'));
    const step = workbench().locator('.getting-started-step.expanded');
    await step.waitFor({ state: 'visible', timeout: 20_000 });
    ok((await step.innerText()).includes('Connect a model'), await step.innerText());
    await workbench().locator('.getting-started-media img[alt="Add Provider lists the providers, each with a one-line description."]').waitFor({ state: 'visible', timeout: 20_000 });
    await stepButton('Add Provider').waitFor({ state: 'visible', timeout: 10_000 });
    await stepButton('Use the Demo Model').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('"Add Provider" opens the provider pick', async () => {
    await stepButton('Add Provider').click();
    const deadline = Date.now() + 15_000;
    let rows: string[] = [];
    while (Date.now() < deadline && !rows.some((row) => row.includes('Anthropic'))) {
      rows = await quickInputRows(workbench()).catch(() => []);
      await workbench().waitForTimeout(200);
    }
    ok(rows.some((row) => row.includes('Anthropic')) && rows.some((row) => row.includes('OpenAI')), JSON.stringify(rows));
    await workbench().keyboard.press('Escape');
  });

  it('"Use the Demo Model" opens Select Model with the mock models only, and picking one makes it the chat\'s', async () => {
    await stepButton('Use the Demo Model').click();
    await workbench().locator('.quick-input-widget .monaco-list-row', { hasText: 'Mock (instant)' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const rows = await quickInputRows(workbench());
    deepStrictEqual(rows.filter((row) => row.includes('essayist')), [], `the endpoint's model is not offered: ${JSON.stringify(rows)}`);
    const picked = await pickQuickItem(workbench(), '', (label) => label.includes('Mock (instant)'));
    ok(picked.includes('Mock (instant)'));
    const status = workbench().locator('.statusbar-item', { hasText: 'mock/echo' });
    await status.first().waitFor({ state: 'visible', timeout: 15_000 });
  });
});
