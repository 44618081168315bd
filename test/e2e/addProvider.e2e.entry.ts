/**
 * A new user sets up a custom OpenAI-compatible endpoint with "Switchboard: Add Provider", end to
 * end in code-server from the built .vsix, without touching settings.json: the provider pick lists
 * each provider once (Gemini, not also its alias google) and its title counts the steps of the
 * choice in view; the endpoint's name, URL, key and headers are asked step by step ("n/5"), each
 * checked while typing, and the Back button returns to a step with what was typed in it (the key
 * never shown again); Test Connection passes on what was just saved; the picker offers the
 * endpoint's models and one becomes the chat's model. The user's settings.json then holds the
 * endpoint and not the key; Manage Providers lists it with "key stored"; and the chat answers from
 * the endpoint, which sees the key and the header. An endpoint that does not answer fails its test:
 * Back returns to the steps with the answers kept, Cancel puts the settings back, Save Anyway keeps
 * it. Manage Providers edits it (the steps pre-filled; a new URL rewrites settings.json), replaces
 * and clears the first one's key, and removes it; AWS Bedrock hands over to its own first step.
 * Each step is a test; the first failure stops the rest and leaves a screenshot and a report.
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
import { answerStep, expectStepMessage, expectStepTitle, pressBack, shownStep } from './stepInput';
import { useCodeServer } from './useCodeServer';
import { answerDialog, answerInputBox, pickQuickItem, quickInputRows, quickPickEntries, runCommand, waitForActivityBarEntry, waitForDialog, waitForWorkbench } from './workbench';

const root = process.cwd();
const key = `sk-e2e-addprovider-${randomBytes(8).toString('hex')}`;
const replacedKey = `sk-e2e-replaced-${randomBytes(8).toString('hex')}`;
const nameStepPrompt = 'A name for the endpoint';

describe('Add Provider: a custom endpoint set up without settings.json, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  // Where Edit moves the failing endpoint: a server of its own (two endpoints on one URL share its settings).
  let moved: OpenAiServer | undefined;
  before(async () => {
    openai = await startOpenAiServer();
    moved = await startOpenAiServer();
  });
  const run = useCodeServer({
    name: 'addProvider',
    // No provider, no endpoint, no model: a new user. Titles from the first line: no title request takes the queued answer.
    settings: () => ({ 'switchboard.chat.titles': 'firstLine' }),
    extensions: () => [packagedVsix(root)],
    requests: () => [...(openai?.requests ?? []), ...(moved?.requests ?? [])],
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
    await moved?.close();
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
    // The count follows the choice in view: a key only, a URL and a key, a flow of its own (no count yet).
    const input = workbench().locator('.quick-input-widget .quick-input-box input');
    for (const [filter, step] of [['Anthropic', '1/2'], ['Ollama', '1/3'], ['Bedrock', '1']] as const) {
      await input.fill(filter);
      await expectStepTitle(workbench(), step);
    }
    await pickQuickItem(workbench(), 'custom', (label) => label === 'Custom OpenAI-compatible endpoint');
  });

  it("the endpoint's name, URL, key (a password box) and headers, each step checked while typing", async () => {
    await expectStepMessage(workbench(), '2/5', 'openai', "'openai' is a provider's id; choose another name.");
    await answerStep(workbench(), '2/5', 'lab');
    await expectStepMessage(workbench(), '3/5', 'localhost:8000', 'The URL starts with https:// or http://.');
    await answerStep(workbench(), '3/5', openai!.baseUrl);
    // Back, step by step to the pick: each step shows what was typed in it, checked again.
    await pressBack(workbench(), '4/5', '3/5');
    deepStrictEqual((await shownStep(workbench(), '3/5')).value, openai!.baseUrl);
    await pressBack(workbench(), '3/5', '2/5');
    const name = await shownStep(workbench(), '2/5');
    ok(name.value === 'lab' && name.message.startsWith(nameStepPrompt), JSON.stringify(name));
    await pressBack(workbench(), '2/5', '1/5');
    const active = await workbench().locator('.quick-input-widget .monaco-list-row.focused').innerText();
    ok(active.includes('Custom OpenAI-compatible endpoint'), `the pick is on ${JSON.stringify(active)}`);
    await workbench().keyboard.press('Enter');
    deepStrictEqual((await shownStep(workbench(), '2/5')).value, 'lab', 'the same choice again keeps the answers');
    await answerStep(workbench(), '2/5', 'lab');
    await answerStep(workbench(), '3/5', openai!.baseUrl);
    await workbench().locator('.quick-input-widget .quick-input-box input[type="password"]').waitFor({ state: 'visible', timeout: 10_000 });
    await answerStep(workbench(), '4/5', key);
    // The key is never shown again: back on its step the box is empty, and leaving it empty keeps the key typed.
    await pressBack(workbench(), '5/5', '4/5');
    const keyStep = await shownStep(workbench(), '4/5');
    deepStrictEqual([keyStep.value, keyStep.password, keyStep.placeholder], ['', true, 'Leave empty to keep the key you typed']);
    await answerStep(workbench(), '4/5', '');
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

  const labEntry = (): unknown => ({ name: 'lab', baseUrl: openai!.baseUrl, headers: { 'X-Team': 'e2e' } });
  const down = { name: 'down', baseUrl: 'http://127.0.0.1:9/v1', headers: { 'X-Team': 'down' } };
  const answerDown = async (): Promise<void> => {
    await answerStep(workbench(), '2/5', down.name);
    await answerStep(workbench(), '3/5', down.baseUrl);
    await answerStep(workbench(), '4/5', '');
    await answerStep(workbench(), '5/5', 'X-Team: down');
  };
  const failedTest = async (): Promise<void> => {
    const dialog = await waitForDialog(workbench(), 'the failed connection test', { timeout: 30_000 });
    ok(['Back', 'Save Anyway', 'Cancel'].every((button) => dialog.buttons.includes(button)), JSON.stringify(dialog));
    ok(dialog.detail.includes('✗ TCP FAILED: Could not connect to 127.0.0.1:9'), dialog.detail);
  };
  /** Opens Manage Providers on `entry` and picks the action whose label includes `action`. */
  const manage = async (entry: string, action: string): Promise<void> => {
    await runCommand(workbench(), 'Switchboard: Manage Providers');
    await pickQuickItem(workbench(), entry, (label) => label === entry);
    await pickQuickItem(workbench(), action, (label) => label.includes(action));
  };

  it('an endpoint that does not answer: the failed test offers Back, Save Anyway and Cancel; Back keeps the answers, Cancel puts the settings back', async () => {
    await runCommand(workbench(), 'Switchboard: Add Provider');
    await pickQuickItem(workbench(), 'custom', (label) => label === 'Custom OpenAI-compatible endpoint');
    await answerDown();
    await failedTest();
    // Saved for the test: the test goes exactly as the chat's requests would.
    await untilEndpoints('saved for the test', (value) => JSON.stringify(value).includes('"down"'));
    await answerDialog(workbench(), 'Back');
    deepStrictEqual((await shownStep(workbench(), '5/5')).value, 'X-Team: down');
    await pressBack(workbench(), '5/5', '4/5');
    await pressBack(workbench(), '4/5', '3/5');
    deepStrictEqual((await shownStep(workbench(), '3/5')).value, down.baseUrl);
    await pressBack(workbench(), '3/5', '2/5');
    // The name it saved a moment ago is its own, not another endpoint's.
    const name = await shownStep(workbench(), '2/5');
    ok(name.value === 'down' && name.message.startsWith(nameStepPrompt), JSON.stringify(name));
    await answerDown();
    await failedTest();
    await answerDialog(workbench(), 'Cancel');
    await untilEndpoints('put back after Back and Cancel', (value) => JSON.stringify(value) === JSON.stringify([labEntry()]));
  });

  it('Save Anyway keeps the endpoint that failed its test, and the picker opens', async () => {
    await runCommand(workbench(), 'Switchboard: Add Provider');
    await pickQuickItem(workbench(), 'custom', (label) => label === 'Custom OpenAI-compatible endpoint');
    await answerDown();
    await failedTest();
    await answerDialog(workbench(), 'Save Anyway');
    await quickPickEntries(workbench(), 'Select Model');
    await workbench().keyboard.press('Escape');
    await untilEndpoints('kept after Save Anyway', (value) => JSON.stringify(value) === JSON.stringify([labEntry(), down]));
  });

  it("Manage Providers → down → Edit…: the steps show its settings; a new URL rewrites settings.json, and its test passes there", async () => {
    await manage('down', 'Edit');
    const first = await shownStep(workbench(), '1/4');
    deepStrictEqual([first.title, first.value], ['Edit down (1/4)', 'down']);
    await answerStep(workbench(), '1/4', 'down');
    deepStrictEqual((await shownStep(workbench(), '2/4')).value, down.baseUrl);
    await answerStep(workbench(), '2/4', moved!.baseUrl);
    deepStrictEqual((await shownStep(workbench(), '3/4')).value, '');
    await answerStep(workbench(), '3/4', '');
    deepStrictEqual((await shownStep(workbench(), '4/4')).value, 'X-Team: down');
    await answerStep(workbench(), '4/4', 'X-Team: down');
    await quickPickEntries(workbench(), 'Select Model');
    await workbench().keyboard.press('Escape');
    await untilEndpoints('edited', (value) => JSON.stringify(value) === JSON.stringify([labEntry(), { ...down, baseUrl: moved!.baseUrl }]));
    ok(
      moved!.requests.some((request) => request.path === '/v1/models' && request.headers['x-team'] === 'down' && request.authorization === undefined),
      `the test after the edit: ${JSON.stringify(moved!.requests.map((request) => `${request.method} ${request.path}`))}`,
    );
  });

  /** Manage Providers → lab → Test Connection: its verdict (a modal, closed again) and the model list request it sent. */
  const testLab = async (): Promise<{ verdict: string; authorization: string | undefined }> => {
    const from = openai!.requests.length;
    await manage('lab', 'Test Connection');
    const dialog = await waitForDialog(workbench(), 'the verdict of Test Connection', { timeout: 30_000 });
    await workbench().keyboard.press('Escape');
    await workbench().locator('.monaco-dialog-box').first().waitFor({ state: 'hidden', timeout: 10_000 });
    const listed = openai!.requests.slice(from).find((request) => request.path === '/v1/models');
    ok(listed !== undefined, `Test Connection sent ${JSON.stringify(openai!.requests.slice(from).map((request) => request.path))}`);
    return { verdict: `${dialog.message} ${dialog.detail}`, authorization: listed.authorization };
  };

  it('Manage Providers → lab → Replace Key…: Test Connection then sends the new key; Clear Key deletes it', async () => {
    await manage('lab', 'Replace Key');
    await answerInputBox(workbench(), replacedKey, { password: true });
    const replaced = await testLab();
    ok(replaced.verdict.includes('Connection to lab works') && replaced.authorization === `Bearer ${replacedKey}`, JSON.stringify(replaced));
    await manage('lab', 'Clear Key');
    const dialog = await waitForDialog(workbench(), 'the key deletion confirmation');
    // Without a detail of its own, the dialog shows the message as its detail.
    ok(`${dialog.message} ${dialog.detail}`.includes('Delete the stored key for lab?'), JSON.stringify(dialog));
    await answerDialog(workbench(), 'Delete Key');
    await runCommand(workbench(), 'Switchboard: Manage Providers');
    const entries = await quickPickEntries(workbench(), 'Manage Providers');
    const shown = entries.find((entry) => entry.label === 'lab');
    ok(shown !== undefined && shown.detail.includes('no key stored'), JSON.stringify(entries));
    await workbench().keyboard.press('Escape');
    deepStrictEqual((await testLab()).authorization, undefined, 'a key was sent after Clear Key');
  });

  it('Manage Providers → lab → Remove…: after the confirmation its entry is gone from settings.json', async () => {
    await manage('lab', 'Remove');
    const dialog = await waitForDialog(workbench(), 'the removal confirmation');
    ok(dialog.message.includes('Remove lab'), JSON.stringify(dialog));
    await answerDialog(workbench(), 'Remove');
    await untilEndpoints('removed', (value) => JSON.stringify(value) === JSON.stringify([{ ...down, baseUrl: moved!.baseUrl }]));
  });

  it("Add Provider → AWS Bedrock hands over to Bedrock's own first step (how to sign in), which Escape leaves unsaved", async () => {
    await runCommand(workbench(), 'Switchboard: Add Provider');
    await pickQuickItem(workbench(), 'Bedrock', (label) => label === 'AWS Bedrock');
    const ways = await quickPickEntries(workbench(), 'Set Up AWS Bedrock');
    deepStrictEqual(ways.map((entry) => entry.label), ['Access keys', 'Bedrock API key', 'AWS profile', "AWS's default chain"]);
    await expectStepTitle(workbench(), '1/3');
    await workbench().keyboard.press('Escape');
    await workbench().locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    const settings = JSON.parse(readFileSync(join(run().folders.userDataDir, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    deepStrictEqual(settings['switchboard.providers'], undefined);
  });
});
