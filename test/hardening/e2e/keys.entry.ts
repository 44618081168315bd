/**
 * Keys, proven in a real VS Code (code-server, from the built .vsix): a canary key is stored
 * through "Switchboard: Set API Key", then the extension is driven everywhere a key could slip out
 * — a chat, a chat the provider refuses with a 401 that echoes the key, Test Connection refused the
 * same way, another extension's API calls (answered, streamed, refused), a proxy that refuses
 * (tinyproxy with BasicAuth), the conversation exported to Markdown, the log at trace level — and
 * then every place is searched for it: every file of the run (logs, settings, the extensions'
 * storage, conversations, the exported file, Chromium's profile, code-server's log), the browser's
 * storage, everything the webview received and kept, the notifications, dialogs and chat errors
 * shown, the consumer's results, the proxy's log, and every request on the wire but its
 * Authorization header. Figure: `keys` — places holding the canary / places searched.
 * Run by `npm run test:hardening` (scripts/hardening.sh); each step is a test, the first failure
 * stops the rest and leaves a screenshot and a report in the run folder under .e2e/.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { chatFrame, extensionId } from '../../e2e/chatView';
import { packagedVsix } from '../../e2e/codeServer';
import { consumerCommands, prompts, resultsFolderSetting, type ConsumerReport } from '../../e2e/consumer/src/plan';
import { readReport, testExtensionPackages } from '../../e2e/consumerResults';
import { startOpenAiServer, type OpenAiServer } from '../../e2e/openaiServer';
import { outputViewText, runCommand, type ShownDialog } from '../../e2e/workbench';
import { startTinyproxy, type Tinyproxy } from '../../core/network/tinyproxy';
import { recordFigure } from '../figures';
import { canaryNeedles, CanaryLedger, createCanary, holdsCanary, regularFilesUnder } from './canarySearch';
import { useHardeningCodeServer } from './hardeningCodeServer';
import { chatPrompts, keyAnswers, type KeyAnswers } from './keyAnswers';
import { applySettings, ask, openChatAndStoreOpenAiKey, runKeyCalls, testConnection } from './keyDrivers';
import { browserPlaces, searchWire } from './keyPlaces';
import { captureWebviewTraffic, type WebviewTraffic } from './webviewTraffic';
import { acceptSaveDialog, allNotificationTexts, waitForNotification } from './workbenchMore';

const root = process.cwd();
const canary = createCanary();
const bearer = `Bearer ${canary.key}`;

describe('keys in code-server: a canary key, driven everywhere, found nowhere but in Authorization', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  let answers: KeyAnswers | undefined;
  let proxy: Tinyproxy | undefined;
  let traffic: WebviewTraffic | undefined;
  const consoleLines: string[] = [];
  const dialogs: ShownDialog[] = [];
  const chatErrors: string[] = [];
  const consumerReports: ConsumerReport[] = [];
  let resultsFolder = '';
  let exportedFile = '';
  let outputText = '';
  let searched = false;

  const keyCalls = async (): Promise<ConsumerReport> => {
    const report = await runKeyCalls(workbench().page, resultsFolder, dialogs);
    consumerReports.push(report);
    return report;
  };

  before(async () => {
    openai = await startOpenAiServer();
    const scripted = keyAnswers(root, canary.key);
    answers = scripted;
    openai.answerWith('/v1/chat/completions', (body) => scripted.chat(body));
    openai.answerWith('/v1/embeddings', () => scripted.embeddings());
    openai.answerWith('/v1/models', () => scripted.models());
    proxy = await startTinyproxy({ basicAuth: { user: 'switchboard', password: 'the-right-password' } });
  });
  const workbench = useHardeningCodeServer({
    name: 'keys',
    settings: (folders) => {
      resultsFolder = join(folders.root, 'consumer-results');
      mkdirSync(resultsFolder, { recursive: true });
      return {
        'switchboard.providers': { openai: { baseUrl: openai!.baseUrl } },
        'switchboard.defaultModel': 'openai/gpt-4o-mini',
        [`${resultsFolderSetting.section}.${resultsFolderSetting.key}`]: resultsFolder,
      };
    },
    extensions: () => [packagedVsix(root), testExtensionPackages(root).consumer],
    // Every log at trace — the workbench's, the extension host's and every extension's output
    // channel (VS Code web takes its level from the server's --log).
    codeServerArguments: ['--log', 'trace'],
    prepareBrowser: async (context) => {
      traffic = await captureWebviewTraffic(context, extensionId);
      context.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
    },
    requests: () => openai?.requests ?? [],
    evidence: () => ({
      dialogs,
      chatErrors,
      consumerResults: readReport(resultsFolder, consumerCommands.runKeyCalls) ?? 'none',
      proxyLog: proxy?.log().slice(-2_000) ?? '',
    }),
  });
  after(async () => {
    if (!searched) {
      // The figures line must not read as a pass when the scenario stopped before its search.
      recordFigure({ area: 'keys', part: 'code-server', bad: 1, tried: 0, failures: ['the scenario stopped before the search (see the failed step)'] });
    }
    await proxy?.stop();
    await openai?.close();
  });

  it('the search finds the canary in each form it looks for (UTF-8, UTF-16, base64, its random part alone)', () => {
    const needles = canaryNeedles(canary);
    const forms = {
      utf8: Buffer.from(`x${canary.key}x`, 'utf8'),
      utf16: Buffer.from(`{"key":"${canary.key}"}`, 'utf16le'),
      randomPartAlone: Buffer.from(`sk-…${canary.secret}`, 'utf8'),
      // The key at each of the three byte alignments inside a base64 run.
      ...Object.fromEntries([0, 1, 2].map((shift) => [`base64+${shift}`, Buffer.from(Buffer.from(`${'x'.repeat(shift)}${canary.key}"}`).toString('base64'))])),
    };
    deepStrictEqual(
      Object.fromEntries(Object.entries(forms).map(([form, bytes]) => [form, holdsCanary(needles, bytes)])),
      { utf8: true, utf16: true, randomPartAlone: true, 'base64+0': true, 'base64+1': true, 'base64+2': true },
    );
    ok(!holdsCanary(needles, `sk-…${canary.secret.slice(-4)} sk-canary-${'0'.repeat(32)}`), 'a masked key counts as the canary');
  });

  it('the canary is stored through "Switchboard: Set API Key" in the chat that the palette opened', async () => {
    await openChatAndStoreOpenAiKey(workbench().page, canary.key);
  });

  it('a chat the loopback server answers; the server saw the canary in Authorization', async () => {
    const answer = await ask(workbench().page, chatPrompts.answered, (message) => message.status === 'complete');
    ok(answer.text.includes('weather'), `the answer is not the recorded one: ${JSON.stringify(answer.text)}`);
    const asked = openai!.chatRequests().at(-1);
    deepStrictEqual(asked?.authorization, bearer);
  });

  it('a chat the provider refuses (401, its body echoing the key) shows an error that names the key problem', async () => {
    const failed = await ask(workbench().page, chatPrompts.refused, (message) => message.status === 'error');
    chatErrors.push(failed.text);
    ok(/401|key/i.test(failed.text), `the chat error does not say the key was refused: ${JSON.stringify(failed.text)}`);
    deepStrictEqual(openai!.chatRequests().at(-1)?.authorization, bearer);
  });

  it('Test Connection, the model list refused the same way, shows a verdict', async () => {
    answers!.refuseModels = true;
    try {
      const dialog = await testConnection(workbench().page);
      dialogs.push(dialog);
      ok(/✗ Key/.test(dialog.detail), `the verdict does not fail the key step: ${JSON.stringify(dialog)}`);
    } finally {
      answers!.refuseModels = false;
    }
  });

  it('another extension calls the API (consent: Allow) — answer, stream, embeddings, models, and a 401 echoing the key — at trace level', async () => {
    const report = await keyCalls();
    const outcome = Object.fromEntries(Object.entries(report.steps).map(([name, step]) => [name, 'error' in step ? `error ${step.error.name}` : 'value']));
    deepStrictEqual(outcome, {
      getApi: 'value',
      logLevel: 'value',
      completion: 'value',
      stream: 'value',
      embedding: 'value',
      unauthorized: 'error AuthenticationError',
      listModels: 'value',
    });
    deepStrictEqual((report.steps['logLevel'] as { value: unknown }).value, 'Trace', 'the extensions log at trace while the calls run');
    const keyed = openai!.requests.filter((request) => [prompts.keysCompletion, prompts.keysStream, prompts.keysUnauthorized].some((prompt) => request.rawBody.includes(prompt)));
    deepStrictEqual(
      keyed.map((request) => request.authorization),
      [bearer, bearer, bearer],
    );
  });

  it('with a proxy that refuses (tinyproxy, 407), Test Connection, the chat and the API fail — nothing reaches the server', async () => {
    const current = workbench();
    const requestsBefore = openai!.requests.length;
    await applySettings(current.page, resultsFolder, {
      'switchboard.http.proxy': `http://switchboard:not-the-password@127.0.0.1:${proxy!.port}`,
      // Chromium's token, which VS Code's http.noProxy takes too: the loopback server goes through the proxy.
      'http.noProxy': ['<-loopback>'],
    });
    // Switchboard hears of the change within moments; Test Connection shows when it has.
    let verdict: ShownDialog | undefined;
    for (let attempt = 0; attempt < 10 && verdict === undefined; attempt++) {
      const dialog = await testConnection(current.page);
      dialogs.push(dialog);
      verdict = /✗ Proxy/.test(dialog.detail) ? dialog : undefined;
    }
    ok(verdict !== undefined, `Test Connection never failed at the proxy: ${JSON.stringify(dialogs.at(-1))}`);
    const failed = await ask(workbench().page, chatPrompts.throughProxy, (message) => message.status === 'error');
    chatErrors.push(failed.text);
    ok(/proxy|407/i.test(failed.text), `the chat error does not name the proxy: ${JSON.stringify(failed.text)}`);
    const report = await keyCalls();
    for (const name of ['completion', 'stream', 'embedding', 'unauthorized']) {
      ok('error' in report.steps[name]!, `the consumer's ${name} went through a proxy that refuses: ${JSON.stringify(report.steps[name])}`);
    }
    deepStrictEqual(
      openai!.requests.slice(requestsBefore).filter((request) => request.method === 'POST'),
      [],
      'a call reached the provider past a proxy that refuses',
    );
    ok(proxy!.log().includes('407') || proxy!.connects().length > 0, `tinyproxy saw no request: ${proxy!.log().slice(-1_000)}`);
  });

  it('the conversation exported to Markdown from the history holds the questions and the error, not the key', async () => {
    const { page, folders } = workbench();
    const frame = chatFrame(page);
    await frame.getByRole('button', { name: 'History' }).first().click({ timeout: 10_000 });
    await frame.locator('.history-item').first().waitFor({ state: 'visible', timeout: 10_000 });
    await frame.locator('.history-item').first().getByRole('button', { name: /^Export/ }).click({ timeout: 10_000 });
    await acceptSaveDialog(page, 'Export Conversation to Markdown');
    await waitForNotification(page, /Exported the conversation to/);
    const exported = regularFilesUnder(folders.workspace).filter((path) => path.endsWith('.md'));
    deepStrictEqual(exported.length, 1, `the workspace holds ${JSON.stringify(exported)}, not the one exported file`);
    exportedFile = exported[0]!;
    const markdown = readFileSync(exportedFile, 'utf8');
    ok(
      [chatPrompts.answered, chatPrompts.refused, chatPrompts.throughProxy, '**Error:**'].every((part) => markdown.includes(part)),
      `the export lacks the questions or the errors: ${markdown.slice(0, 1_500)}`,
    );
    await frame.getByRole('button', { name: 'History' }).first().click({ timeout: 10_000 });
  });

  it('"Switchboard: Show Logs" shows the log at trace: the debug line of every request', async () => {
    const { page, folders } = workbench();
    await runCommand(page, 'Switchboard: Show Logs');
    const deadline = Date.now() + 15_000;
    while (!outputText.includes('[debug]') && Date.now() < deadline) {
      outputText = await outputViewText(page);
      await page.waitForTimeout(200);
    }
    ok(outputText.includes('[debug]'), `the output view shows no debug lines: ${outputText.slice(-1_000)}`);
    const logs = regularFilesUnder(join(folders.userDataDir, 'logs'));
    const switchboardLog = logs.filter((path) => path.endsWith(join(extensionId, 'Switchboard.log'))).map((path) => readFileSync(path, 'utf8')).join('\n');
    ok(/\[debug\] OpenAI: POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions → 200/.test(switchboardLog), `the Switchboard log has no debug line of a request: ${switchboardLog.slice(-1_500)}`);
    ok(logs.some((path) => /exthost\d*[/\\]remoteexthost\.log$|remoteexthost\.log$/.test(path) && readFileSync(path, 'utf8').includes('[trace]')), 'the extension host logged nothing at trace');
  });

  it('the canary is nowhere but in the Authorization header: every file, store, message, text and request searched', async function () {
    this.timeout(120_000);
    const current = workbench();
    const ledger = new CanaryLedger(canary);
    // The capture saw the view's whole life, errors included: a search of nothing would prove nothing.
    ok(traffic!.toWebview.some((message) => message.includes('"chat/error"')) && traffic!.fromWebview.length > 0 && traffic!.states.length > 0, 'the webview traffic was not captured');
    for (const place of await browserPlaces(current.page, traffic!, consoleLines)) {
      ledger.search(place.name, place.content);
    }
    ledger.search('shown: notifications', JSON.stringify(await allNotificationTexts(current.page)));
    ledger.search(`shown: dialogs (${dialogs.length})`, JSON.stringify(dialogs));
    ledger.search(`shown: chat errors (${chatErrors.length})`, JSON.stringify(chatErrors));
    ledger.search('shown: the output view (Show Logs)', outputText);
    for (const [index, report] of consumerReports.entries()) {
      ledger.search(`consumer: results of its key calls, run ${index + 1}`, JSON.stringify(report));
    }
    searchWire(ledger, openai!.requests);
    ledger.search('proxy: the tinyproxy log', proxy!.log());
    // Every file once everything has stopped and flushed: the profile (logs, settings, the
    // extensions' storage, conversations), the workspace (the exported file), HOME and XDG
    // folders, Chromium's profile, code-server's own log, the consumer's results files.
    await current.stop();
    ledger.searchFiles(current.folders.root, current.folders.root);
    const files = ledger.searched.filter((place) => place.startsWith('file ')).length;
    recordFigure({ area: 'keys', part: 'code-server', bad: ledger.holding.length, tried: ledger.searched.length, failures: ledger.holding });
    searched = true;
    console.log(`      searched ${ledger.searched.length} places — ${files} files and:\n${ledger.searched.filter((place) => !place.startsWith('file ')).map((place) => `        ${place}`).join('\n')}`);
    ok(ledger.searched.includes(`file ${relative(current.folders.root, exportedFile)}`), 'the exported Markdown file was not searched');
    deepStrictEqual(ledger.holding, [], 'places that hold the canary');
  });
});
