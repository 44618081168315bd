/**
 * A new user sets up a custom OpenAI-compatible endpoint with "Switchboard: Add Provider", end to
 * end in code-server from the built .vsix, without touching settings.json: the provider pick lists
 * each provider once (Gemini, not also its alias google); the endpoint's name, URL, key and headers
 * are asked step by step ("n/5"), each checked while typing; Test Connection passes on what was
 * just saved; the picker offers the endpoint's models and one becomes the chat's model. The user's
 * settings.json then holds the endpoint and not the key; Manage Providers lists it with "key
 * stored"; and the chat answers from the endpoint, which sees the key and the header. An endpoint
 * that does not answer fails its test, and Cancel puts the settings back; Manage Providers removes
 * the first. Each step is a test; the first failure stops the rest and leaves a screenshot and a
 * report.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { sendMessage, waitForChatReady, waitForMessages } from './chatView';
import { packagedVsix } from './codeServer';
import { filesUnder } from './evidence';
import { piecewiseAnswer, startOpenAiServer, waitUntil, type OpenAiServer } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { answerDialog, answerStep, expectStepMessage, pickQuickItem, quickInputRows, quickPickEntries, runCommand, waitForActivityBarEntry, waitForDialog, waitForWorkbench } from './workbench';

const root = process.cwd();
const key = `sk-e2e-addprovider-${randomBytes(8).toString('hex')}`;

describe('Add Provider: a custom endpoint set up without settings.json, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  before(async () => {
    openai = await startOpenAiServer();
  });
  const run = useCodeServer({
    name: 'addProvider',
    // No provider, no endpoint, no model: a new user. Titles from the first line: no title request takes the queued answer.
    settings: () => ({ 'switchboard.chat.titles': 'firstLine' }),
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
  });

  it('"Switchboard: Add Provider" offers each provider once (Gemini, not its alias google too) and a custom endpoint, as step 1', async () => {
    await waitForWorkbench(workbench());
    // Once its icon is there, its commands are in the palette.
    await waitForActivityBarEntry(workbench(), 'Switchboard');
    await runCommand(workbench(), 'Switchboard: Add Provider');
    await quickPickEntries(workbench(), 'Add Provider');
    await workbench().locator('.quick-input-widget .quick-input-box input').fill('gemini');
    await workbench().waitForTimeout(300);
    const gemini = (await quickPickEntries(workbench(), 'Add Provider')).filter((entry) => /gemini/i.test(entry.label));
    deepStrictEqual(gemini.map((entry) => entry.label), ['Gemini'], JSON.stringify(gemini));
    const title = await workbench().locator('.quick-input-widget .quick-input-title').innerText();
    ok(/^Add Provider \(1\/\d\)$/.test(title.trim()), `the first step is titled ${JSON.stringify(title)}`);
    await pickQuickItem(workbench(), 'custom', (label) => label === 'Custom OpenAI-compatible endpoint');
  });

  it("the endpoint's name, URL, key (a password box) and headers, each step checked while typing", async () => {
    await expectStepMessage(workbench(), '2/5', 'openai', "'openai' is a provider's id; choose another name.");
    await answerStep(workbench(), '2/5', 'lab');
    await expectStepMessage(workbench(), '3/5', 'localhost:8000', 'The URL starts with https:// or http://.');
    await answerStep(workbench(), '3/5', openai!.baseUrl);
    await workbench().locator('.quick-input-widget .quick-input-box input[type="password"]').waitFor({ state: 'visible', timeout: 10_000 });
    await answerStep(workbench(), '4/5', key);
    await expectStepMessage(workbench(), '5/5', `Authorization: Bearer ${key}`, "'Authorization' carries a key");
    await answerStep(workbench(), '5/5', 'X-Team: e2e');
  });

  it('Test Connection passes on what was saved, with the key; the picker then offers the endpoint\'s model, and it becomes the chat\'s', async () => {
    const offered = await quickPickEntries(workbench(), 'Select Model');
    ok(
      offered.some((entry) => entry.description.startsWith('lab/gpt-4o-mini')),
      `the picker offers ${JSON.stringify(offered)}; the server saw ${JSON.stringify(openai!.requests.map((request) => `${request.method} ${request.path}`))}`,
    );
    // The verdict, as Test Connection writes it to the extension's log (its toast may be hidden behind the picker).
    const verdict = 'Test Connection: lab';
    const passed = '→ Connection to lab works: DNS, TCP, HTTP and key all passed.';
    const log = (): string => filesUnder(join(run().folders.userDataDir, 'logs'), /switchboard\.switchboard/).map((file) => readFileSync(file, 'utf8')).join('\n');
    const deadline = Date.now() + 10_000;
    while (!log().includes(passed) && Date.now() < deadline) {
      await workbench().waitForTimeout(200);
    }
    ok(log().includes(verdict) && log().includes(passed), `the extension log: ${JSON.stringify(log().slice(-1500))}`);
    ok(
      openai!.requests.some((request) => request.method === 'GET' && request.path === '/v1/models' && request.authorization === `Bearer ${key}`),
      'the connection test did not list the models with the typed-in key',
    );
    await pickQuickItem(workbench(), 'lab/gpt-4o-mini', (_label, description) => description.startsWith('lab/gpt-4o-mini'));
    await workbench().locator('.statusbar-item', { hasText: 'lab/gpt-4o-mini' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  it("the user's settings.json holds the endpoint and its header, not the key; Manage Providers lists it with a key stored", async () => {
    const settings = readFileSync(join(run().folders.userDataDir, 'User', 'settings.json'), 'utf8');
    const parsed = JSON.parse(settings) as Record<string, unknown>;
    deepStrictEqual(parsed['switchboard.customEndpoints'], [{ name: 'lab', baseUrl: openai!.baseUrl, headers: { 'X-Team': 'e2e' } }]);
    ok(!settings.includes(key), 'the key reached settings.json');
    await runCommand(workbench(), 'Switchboard: Manage Providers');
    const entries = await quickPickEntries(workbench(), 'Manage Providers');
    const lab = entries.find((entry) => entry.label === 'lab');
    ok(lab !== undefined && lab.detail.includes('key stored') && lab.detail.includes(openai!.baseUrl), JSON.stringify(entries));
    ok(!(await quickInputRows(workbench())).some((row) => row.includes(key)), 'Manage Providers shows the key');
    await workbench().keyboard.press('Escape');
  });

  it('the chat answers from the endpoint, which receives the key and the header', async () => {
    await runCommand(workbench(), 'Switchboard: Open Chat');
    const frame = await waitForChatReady(workbench());
    openai!.enqueue({ events: piecewiseAnswer('chatcmpl-addprovider', ['Set up ', 'from the ', 'command palette.']), intervalMs: 5 });
    await sendMessage(frame, 'Where do you answer from?', 'Enter');
    await waitUntil('the chat request', () => openai!.chatRequests().length === 1, 15_000, () => openai!.requests);
    await waitForMessages(frame, 'the answer, complete', (shown) => shown.at(-1)?.role === 'assistant' && shown.at(-1)?.status === 'complete' && shown.at(-1)!.text.includes('from the command palette.'));
    const request = openai!.chatRequests()[0]!;
    deepStrictEqual([request.authorization, request.headers['x-team'], (request.body as { model?: unknown }).model], [`Bearer ${key}`, 'e2e', 'gpt-4o-mini']);
  });

  const userEndpoints = (): unknown => (JSON.parse(readFileSync(join(run().folders.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>)['switchboard.customEndpoints'];
  const untilEndpoints = async (what: string, accept: (value: unknown) => boolean): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!accept(userEndpoints()) && Date.now() < deadline) {
      await workbench().waitForTimeout(200);
    }
    ok(accept(userEndpoints()), `${what}: settings.json has ${JSON.stringify(userEndpoints())}`);
  };

  it('an endpoint that does not answer: the failed test offers Back, Save Anyway and Cancel; Cancel puts the settings back', async () => {
    await runCommand(workbench(), 'Switchboard: Add Provider');
    await pickQuickItem(workbench(), 'custom', (label) => label === 'Custom OpenAI-compatible endpoint');
    await answerStep(workbench(), '2/5', 'down');
    await answerStep(workbench(), '3/5', 'http://127.0.0.1:9/v1');
    await answerStep(workbench(), '4/5', '');
    await answerStep(workbench(), '5/5', '');
    const dialog = await waitForDialog(workbench(), 'the failed connection test', { timeout: 30_000 });
    ok(['Back', 'Save Anyway', 'Cancel'].every((button) => dialog.buttons.includes(button)), JSON.stringify(dialog));
    ok(dialog.detail.includes('✗ TCP FAILED: Could not connect to 127.0.0.1:9'), dialog.detail);
    // Saved for the test: the test goes exactly as the chat's requests would.
    await untilEndpoints('saved for the test', (value) => JSON.stringify(value).includes('"down"'));
    await answerDialog(workbench(), 'Cancel');
    await untilEndpoints('put back after Cancel', (value) => JSON.stringify(value) === JSON.stringify([{ name: 'lab', baseUrl: openai!.baseUrl, headers: { 'X-Team': 'e2e' } }]));
  });

  it('Manage Providers → lab → Remove…: after the confirmation its entry is gone from settings.json', async () => {
    await runCommand(workbench(), 'Switchboard: Manage Providers');
    await pickQuickItem(workbench(), 'lab', (label) => label === 'lab');
    await pickQuickItem(workbench(), 'Remove', (label) => label.includes('Remove'));
    const dialog = await waitForDialog(workbench(), 'the removal confirmation');
    ok(dialog.message.includes('Remove lab'), JSON.stringify(dialog));
    await answerDialog(workbench(), 'Remove');
    await untilEndpoints('removed', (value) => JSON.stringify(value) === '[]');
  });
});
