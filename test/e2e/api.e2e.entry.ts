/**
 * Switchboard for other extensions, end to end in a real VS Code (code-server): Switchboard's
 * .vsix and a small consumer test extension's .vsix (test/e2e/consumer) installed side by side,
 * a key stored through "Set API Key", a loopback OpenAI server configured in
 * `switchboard.providers`. The consumer, run from the palette, calls `getApi(1)` — non-stream,
 * stream, two streams cancelled midway, embeddings, models, invalid input — and
 * `executeCommand('switchboard.completion', …)`; Switchboard's consent prompt is answered in the
 * browser (Allow for the consumer, Deny for a second caller), and the consumer's models are used
 * through `vscode.lm` with the `switchboard` vendor. "Manage Extension Access" shows each caller's
 * decision, tokens and cost, and revokes the consumer. The consumer also gives VS Code a model of
 * its own (`switchboard-tests/echo`), which Switchboard's chat must offer and answer through
 * (`vscode-lm/…`) while its API refuses it. Each step is a test; the first failure stops the rest
 * and leaves a screenshot and a report under .e2e/.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { sendMessage, waitForChatReady, waitForMessages } from './chatView';
import { packagedVsix } from './codeServer';
import { chatModel, consumerCommands, consumerOwnKey, echoModel, consumerExtensionId, otherExtensionId, prompts, resultsFileName, resultsFolderSetting, type ConsumerReport, type ErrorSeen } from './consumer/src/plan';
import { badRequest, chatAnswer, describeRequest, embeddings, errorKind, expectedEmbedding, expectedResponse, expectedStream, invalidCalls, refused, slow, stream, textAtCancel } from './consumerAnswers';
import { readReport, startConsumerCommand, testExtensionPackages, stepValue, waitForReport } from './consumerResults';
import { filesUnder } from './evidence';
import { lastUserText, startOpenAiServer, waitUntil, type OpenAiServer, type SeenRequest } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { answerDialog, answerInputBox, paletteTitles, pickQuickItem, quickPickEntries, runCommand, waitForActivityBarEntry, waitForDialog, type ShownDialog } from './workbench';

const root = process.cwd();
const key = `sk-e2e-${randomBytes(12).toString('hex')}`;
const displayName = (folder: string): string => (JSON.parse(readFileSync(join(root, 'test', 'e2e', folder, 'package.json'), 'utf8')) as { displayName: string }).displayName;
const consumerDisplayName = displayName('consumer');
const otherDisplayName = displayName('consumer/other');

/** The titles of `switchboard.completion` and `switchboard.embedding`, which the palette must not offer. */
const hiddenCommandTitles = ((): string[] => {
  const titles = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  return ['command.completion', 'command.embedding'].map((name) => {
    const title = titles[name];
    ok(title !== undefined, `package.nls.json has no ${name}`);
    return title;
  });
})();

describe("Switchboard's API for other extensions in code-server: a consumer extension, consent, commands, vscode.lm", function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  let resultsFolder = '';
  let consumerReport: ConsumerReport | undefined;
  const dialogsSeen: ShownDialog[] = [];

  const posts = (): SeenRequest[] => (openai?.requests ?? []).filter(({ method }) => method === 'POST');
  /** Runs a consumer command from the palette and waits for Switchboard's consent prompt. */
  const runUntilConsentPrompt = async (command: (typeof consumerCommands)[keyof typeof consumerCommands]): Promise<ShownDialog> => {
    await startConsumerCommand(workbench(), resultsFolder, command);
    const dialog = await waitForDialog(workbench(), `Switchboard's consent prompt for ${command}`, {
      giveUp: () => {
        const report = readReport(resultsFolder, command);
        return report?.finished === true ? `${command} finished without asking: ${JSON.stringify(report.steps, null, 1)}` : undefined;
      },
    });
    dialogsSeen.push(dialog);
    return dialog;
  };

  before(async () => {
    openai = await startOpenAiServer();
    openai.answerWith('/v1/chat/completions', chatAnswer);
    openai.answerWith('/v1/embeddings', () => ({ status: 200, json: embeddings.body }));
  });
  const run = useCodeServer({
    settings: (folders) => {
      resultsFolder = join(folders.root, 'consumer-results');
      mkdirSync(resultsFolder, { recursive: true });
      return {
        'switchboard.providers': { openai: { baseUrl: openai!.baseUrl } },
        'switchboard.defaultModel': chatModel,
        [`${resultsFolderSetting.section}.${resultsFolderSetting.key}`]: resultsFolder,
      };
    },
    extensions: () => {
      const testExtensions = testExtensionPackages(root);
      return [packagedVsix(root), testExtensions.consumer, testExtensions.other];
    },
    requests: () => openai?.requests ?? [],
    evidence: (folders) => ({
      'requests in detail': posts().map(describeRequest),
      'dialogs seen': dialogsSeen,
      ...Object.fromEntries(Object.values(consumerCommands).map((command) => [`consumer results ${resultsFileName(command)}`, readReport(resultsFolder, command) ?? 'none'])),
      'extension host logs': filesUnder(join(folders.userDataDir, 'logs'), /exthost\d*\.log$|remoteexthost\.log$/).join(', ') || 'none',
    }),
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
  });

  it('both .vsix are installed; the commands for other extensions are hidden from the palette; a key is stored through "Set API Key"', async () => {
    await waitForActivityBarEntry(workbench(), 'Switchboard');
    const titles = await paletteTitles(workbench(), 'Switchboard', 'Switchboard: Manage Extension Access');
    deepStrictEqual(
      titles.filter((title) => hiddenCommandTitles.some((hidden) => title.includes(hidden))),
      [],
      `the palette offers the commands meant for executeCommand: ${JSON.stringify(titles)}`,
    );
    await runCommand(workbench(), 'Switchboard: Set API Key');
    await pickQuickItem(workbench(), 'OpenAI', (label, description) => /^openai$/i.test(label) || /^openai$/i.test(description));
    await answerInputBox(workbench(), key, { password: true });
  });

  it("the consumer's first call brings up Switchboard's consent prompt, naming the consumer; the test clicks Allow", async () => {
    const dialog = await runUntilConsentPrompt(consumerCommands.run);
    ok(
      /wants to use your Switchboard models/.test(dialog.message) && [consumerExtensionId, consumerDisplayName].some((name) => `${dialog.message} ${dialog.detail}`.includes(name)),
      `the consent prompt does not say that the consumer wants to use the Switchboard models: ${JSON.stringify(dialog)}`,
    );
    ok(dialog.buttons.includes('Allow') && dialog.buttons.includes('Deny'), `the consent prompt offers ${JSON.stringify(dialog.buttons)}, not Allow and Deny`);
    await answerDialog(workbench(), 'Allow');
    consumerReport = await waitForReport(workbench(), resultsFolder, consumerCommands.run);
  });

  it('getApi(1) answers version 1; getApi(2) throws an Error naming the versions there are; a caller must name itself', () => {
    const report = consumerReport!;
    deepStrictEqual(stepValue(report, 'getApi'), { version: 1 });
    deepStrictEqual(errorKind(report.steps['getApiWithoutExtensionId']), badRequest('extensionId'));
    deepStrictEqual(errorKind(report.steps['unknownVersion']), badRequest('version'));
    const { message } = (report.steps['unknownVersion'] as { error: ErrorSeen }).error;
    ok(/\b1\b/.test(message), `getApi(2)'s error does not name version 1, the one there is: ${JSON.stringify(message)}`);
  });

  it("completion: non-stream, stream and the caller's own key and base URL answer with the fixtures' shapes", () => {
    const report = consumerReport!;
    deepStrictEqual(
      { completion: stepValue(report, 'completion'), stream: stepValue(report, 'stream'), ownKeyAndBase: stepValue(report, 'ownKeyAndBase') },
      { completion: expectedResponse, stream: expectedStream, ownKeyAndBase: expectedResponse },
    );
  });

  it('a stream cancelled midway (CancellationToken, AbortSignal) ends quietly, and the server sees the connection close', async () => {
    const report = consumerReport!;
    for (const name of ['streamCancelledByToken', 'streamCancelledBySignal']) {
      const value = stepValue(report, name) as { textAtCancel: string; textAfterCancel: string; endedQuietly: boolean };
      deepStrictEqual({ textAtCancel: value.textAtCancel, endedQuietly: value.endedQuietly }, { textAtCancel, endedQuietly: true }, name);
      // Chunks already on their way may still arrive; the slow answer's end never does.
      ok(!value.textAfterCancel.includes('w300'), `${name}: the whole answer arrived after the cancel`);
    }
    const cancelled = (): SeenRequest[] => posts().filter((request) => [prompts.cancelledByToken, prompts.cancelledBySignal].includes(lastUserText(request.body) as typeof prompts.cancelledByToken));
    await waitUntil(
      'the server to see both cancelled streams hang up',
      () => cancelled().length === 2 && cancelled().every((request) => request.outcome === 'client-left'),
      10_000,
      () => cancelled().map(({ outcome, eventsWritten }) => ({ outcome, eventsWritten })),
    );
    for (const request of cancelled()) {
      ok((request.eventsWritten ?? 0) < slow.events.length / 2, `the server wrote ${request.eventsWritten} of ${slow.events.length} events before the client hung up`);
    }
  });

  it('embedding: the fixture decoded to numbers (2 × 1536)', () => {
    deepStrictEqual(stepValue(consumerReport!, 'embedding'), expectedEmbedding);
  });

  it('listModels, getModelInfo and onDidChangeModels: the models the user set up, never keys or vscode-lm models', () => {
    const report = consumerReport!;
    const models = stepValue(report, 'listModels') as { id: string; provider: string; model: string; source: string }[];
    // OpenAI's: the one model the loopback server lists (a local Ollama, if any, may add its own).
    deepStrictEqual(
      models.filter((model) => model.provider === 'openai'),
      [{ id: chatModel, provider: 'openai', model: 'gpt-4o-mini', source: 'provider' }],
    );
    deepStrictEqual(
      models.filter((model) => model.id.startsWith('vscode-lm/')),
      [],
      'listModels() offers VS Code language models',
    );
    ok(!JSON.stringify(models).includes(key), 'listModels() carries the key');
    deepStrictEqual(stepValue(report, 'getModelInfo'), { key: chatModel, litellm_provider: 'openai', known: true, mode: 'chat', max_input_tokens: 128000 });
    deepStrictEqual(stepValue(report, 'onDidChangeModels'), { fired: true, listsTheNewModel: true });
  });

  it('invalid calls fail with BadRequestError naming the field, through the API and the command', () => {
    const report = consumerReport!;
    const actual = Object.fromEntries(Object.keys(invalidCalls).map((name) => [name, errorKind(report.steps[name])]));
    deepStrictEqual(actual, Object.fromEntries(Object.entries(invalidCalls).map(([name, param]) => [name, badRequest(param)])));
    for (const [name, param] of Object.entries(invalidCalls)) {
      const { message } = (report.steps[name] as { error: ErrorSeen }).error;
      ok(message.includes(param), `${name}: the message does not name ${param}: ${JSON.stringify(message)}`);
    }
  });

  it("another base URL for a provider whose key Switchboard holds is refused (PermissionDeniedError, param api_base)", () => {
    deepStrictEqual(errorKind(consumerReport!.steps['refusedApiBase']), refused('api_base'));
  });

  it("executeCommand('switchboard.completion' | 'switchboard.embedding', params, { extensionId }) answers like the API", () => {
    const report = consumerReport!;
    deepStrictEqual(
      { completion: stepValue(report, 'commandCompletion'), embedding: stepValue(report, 'commandEmbedding') },
      { completion: expectedResponse, embedding: expectedEmbedding },
    );
  });

  it('the server saw the stored key on every call (the caller’s own key on its own call), and nothing of the refused ones', () => {
    const bearer = `Bearer ${key}`;
    deepStrictEqual(posts().map(describeRequest), [
      { path: '/v1/chat/completions', authorization: bearer, prompt: prompts.nonStream, stream: false },
      { path: '/v1/chat/completions', authorization: bearer, prompt: prompts.stream, stream: true, outcome: 'completed' },
      { path: '/v1/chat/completions', authorization: bearer, prompt: prompts.cancelledByToken, stream: true, outcome: 'client-left' },
      { path: '/v1/chat/completions', authorization: bearer, prompt: prompts.cancelledBySignal, stream: true, outcome: 'client-left' },
      { path: '/v1/embeddings', authorization: bearer, prompt: '(embeddings)', stream: false },
      { path: '/v1/chat/completions', authorization: `Bearer ${consumerOwnKey}`, prompt: prompts.ownKey, stream: false },
      { path: '/v1/chat/completions', authorization: bearer, prompt: prompts.command, stream: false },
      { path: '/v1/embeddings', authorization: bearer, prompt: '(embeddings)', stream: false },
    ]);
  });

  it('a second caller (runAsOther) gets the prompt once; Deny → PermissionDeniedError (403) on every call, remembered', async () => {
    const dialog = await runUntilConsentPrompt(consumerCommands.runAsOther);
    ok(
      /wants to use your Switchboard models/.test(dialog.message) && [otherExtensionId, otherDisplayName].some((name) => `${dialog.message} ${dialog.detail}`.includes(name)),
      `the consent prompt does not say that ${otherExtensionId} wants to use the Switchboard models: ${JSON.stringify(dialog)}`,
    );
    const before = posts().length;
    await answerDialog(workbench(), 'Deny');
    // waitForReport fails should a second prompt appear for the later calls.
    const report = await waitForReport(workbench(), resultsFolder, consumerCommands.runAsOther);
    deepStrictEqual(
      Object.fromEntries(Object.entries(report.steps).map(([name, step]) => [name, 'error' in step ? errorKind(step) : step.value])),
      { getApi: { version: 1 }, completion: refused(), completionAgain: refused(), embedding: refused(), commandCompletion: refused() },
    );
    deepStrictEqual(posts().slice(before).map(describeRequest), [], 'a refused call reached the server');
  });

  it('"Switchboard: Manage Extension Access" lists each caller with its decision, requests, tokens and cost', async () => {
    await runCommand(workbench(), 'Switchboard: Manage Extension Access');
    const entries = await quickPickEntries(workbench(), 'Manage Extension Access');
    // The consumer's 8 calls that reached the server: 3 whole answers (14 + 37 tokens each), the
    // full stream (14 + 30), 2 cancelled streams (no usage), 2 embeddings (2 tokens each). Priced
    // as the model the recordings say answered, gpt-4o-2024-08-06 at $2.50 / $10 per million, and
    // text-embedding-3-small's $0.02: $0.00155008.
    deepStrictEqual(entries, [
      { label: consumerDisplayName, description: `${consumerExtensionId} · Allowed`, detail: '8 requests · 60 prompt + 141 completion tokens · $0.0016' },
      { label: otherDisplayName, description: `${otherExtensionId} · Denied`, detail: 'No requests yet' },
    ]);
  });

  it('revoking the consumer there (Deny) refuses its next call, without asking again', async () => {
    await pickQuickItem(workbench(), consumerExtensionId, (label) => label === consumerDisplayName);
    await pickQuickItem(workbench(), 'Deny', (label) => label.includes('Deny'));
    const before = posts().length;
    await startConsumerCommand(workbench(), resultsFolder, consumerCommands.runOneCall);
    const report = await waitForReport(workbench(), resultsFolder, consumerCommands.runOneCall);
    deepStrictEqual(
      Object.fromEntries(Object.entries(report.steps).map(([name, step]) => [name, 'error' in step ? errorKind(step) : step.value])),
      { getApi: { version: 1 }, completion: refused() },
    );
    deepStrictEqual(posts().slice(before).map(describeRequest), [], 'a revoked call reached the server');
  });

  it('through vscode.lm: the switchboard vendor offers the configured model (no mock/ or vscode-lm/ ones) and streams its reply', async function () {
    await startConsumerCommand(workbench(), resultsFolder, consumerCommands.runLanguageModel);
    const report = await waitForReport(workbench(), resultsFolder, consumerCommands.runLanguageModel);
    const host = stepValue(report, 'host') as { lm: string };
    if (host.lm !== 'available') {
      console.error(`\n  NOT TESTED: vscode.lm — ${host.lm}\n`);
      this.skip();
    }
    // The consumer's own model is one of VS Code's, so the no-loop check below means something.
    const everyVendor = stepValue(report, 'allChatModels') as { id: string; vendor: string }[];
    ok(
      everyVendor.some((model) => model.vendor === echoModel.vendor && model.id === echoModel.id),
      `VS Code does not list the consumer's ${echoModel.vendor} model: ${JSON.stringify(everyVendor)}`,
    );
    const models = stepValue(report, 'selectChatModels') as { id: string; vendor: string }[];
    deepStrictEqual(
      models.filter((model) => model.vendor !== 'switchboard' || /^(mock|vscode-lm)\//.test(model.id)),
      [],
      'the switchboard vendor offers models it must not',
    );
    const reply = stepValue(report, 'sendRequest') as { modelId: string; pieces: number; text: string };
    deepStrictEqual({ text: reply.text, streamed: reply.pieces > 1 }, { text: stream.expected['text'], streamed: true });
    // "hello world" is 2 tokens in OpenAI's tokenizers (a character guess, 11 / 4, would say 3); as
    // a message, OpenAI's documented overhead adds 3 per message and 1 for the role.
    deepStrictEqual(stepValue(report, 'countTokens'), { text: 2, message: 6 });
    // switchboard.languageModels.enabled: false closes this door: nothing listed, a kept model refused.
    deepStrictEqual(stepValue(report, 'switchedOffModels'), [], 'the switchboard vendor lists models while switched off');
    const offRequest = report.steps['switchedOffRequest'];
    // Refused — by VS Code, which no longer lists the model, or by Switchboard if VS Code still does
    // (NoPermissions naming the setting) — and never sent: the request count below says so.
    ok(offRequest !== undefined && 'error' in offRequest && offRequest.error.name === 'LanguageModelError', `a request while switched off: ${JSON.stringify(offRequest)}`);
    ok((stepValue(report, 'switchedOnModels') as number) > 0, 'the models did not come back when switched on');
    // One request: the one sent while the switch was on.
    const lmRequest = posts().filter((request) => lastUserText(request.body) === prompts.languageModel);
    deepStrictEqual(lmRequest.map(describeRequest), [
      { path: '/v1/chat/completions', authorization: `Bearer ${key}`, prompt: prompts.languageModel, stream: true, outcome: 'completed' },
    ]);
  });

  it("Switchboard's chat answers through a model another extension gives VS Code (vscode-lm/…), picked by the user", async () => {
    const before = posts().length;
    await runCommand(workbench(), 'Switchboard: Select Model');
    await pickQuickItem(workbench(), 'Echo', (_label, description) => description.includes(echoModel.switchboardId));
    await runCommand(workbench(), 'Switchboard: Open Chat');
    const frame = await waitForChatReady(workbench());
    const question = 'Hello from the end-to-end test';
    await sendMessage(frame, question, 'Enter');
    const shown = await waitForMessages(frame, "the echo model's whole answer", (messages) => messages.some((message) => message.role === 'assistant' && message.status === 'complete'));
    deepStrictEqual(
      shown.map((message) => ({ role: message.role, shows: message.text.includes(echoModel.reply(question)) ? 'the echo' : message.text.includes(question) ? 'the question' : message.text })),
      [
        { role: 'user', shows: 'the question' },
        { role: 'assistant', shows: 'the echo' },
      ],
    );
    deepStrictEqual(posts().slice(before).map(describeRequest), [], 'the chat sent the vscode-lm model to the provider server');
  });

  it('no file of the profile holds the key', () => {
    const leaking = filesUnder(run().folders.userDataDir, /./).filter((path) => readFileSync(path).includes(key));
    deepStrictEqual(leaking, [], 'files that hold the API key');
  });
});
