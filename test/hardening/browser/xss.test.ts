/**
 * Hostile output and input in the chat, payload by payload: each of the corpus's payloads
 * (test/webview/xssCorpus.ts) reaches the real chat page in headless Chromium five ways — model
 * output streamed as deltas, model output as a finished markdown message, user input typed and
 * sent, a tool call's name, server, arguments, result and images, and the tools picker's sources,
 * tools and problems — and after each, nothing may have run (the canary), loaded from elsewhere, navigated or
 * posted to the host unasked, and each link clicked must only ask the host to open it. The figure
 * is payloads that escaped / payloads × ways tried.
 */

import { deepStrictEqual, ok } from 'node:assert';
import { snapshot } from '../../webview/fixtures';
import { useChatPage } from '../../webview/useChatPage';
import { xssPayloads } from '../../webview/xssCorpus';
import { recordFigure } from '../figures';
import { ways, XssTrials } from './xssTrial';

/** Long enough for what fires late: an animation's 1 s `onbegin`, a 0 s refresh, a failed load's `onerror`. */
const lateWaitMs = 1500;

/** Script that can run must give itself away: the canary, or a load from evil.example the page must never make. */
const carriesScript = /<script|\bon[a-z]+\s*=|javascript|vbscript|expression\(/i;
const showsItself = /__xss|lert\(|evil\.example/;

describe('hardening: XSS payloads through model output and user input (headless Chromium)', function () {
  this.timeout(300_000);
  const escapes: string[] = [];
  let tried = 0;
  const { open } = useChatPage({ pagePerTest: false });
  after(() => {
    recordFigure({ area: 'xss', part: 'chat webview', bad: escapes.length, tried, failures: escapes });
  });

  it(`has at least 100 payloads (${xssPayloads.length}), each carrying script giving itself away`, () => {
    ok(xssPayloads.length >= 100);
    deepStrictEqual(
      xssPayloads.filter((payload) => carriesScript.test(payload) && !showsItself.test(payload)),
      [],
    );
  });

  it('the watch sees an escape: a control trial that sets the canary, loads, navigates and posts is caught four times', async () => {
    const chat = await open();
    await chat.snapshot(snapshot({ messages: [] }));
    const outcome = await new XssTrials(chat).run('model output, finished markdown', '[a link](https://ok.example/)', async (page) => {
      await page.evaluate(() => {
        const record = window as unknown as Record<string, unknown> & { acquireVsCodeApi: () => { postMessage(message: unknown): void } };
        record.__xss = 'control';
        // The page's own origin passes the CSP, so the request is made; it is not one of the page's files.
        const image = document.createElement('img');
        image.src = '/control-request.png';
        document.body.append(image);
        history.pushState(null, '', '/elsewhere');
        record.acquireVsCodeApi().postMessage({ type: 'chat/new' });
      });
      await page.waitForTimeout(200);
    });
    deepStrictEqual(
      outcome.escaped.map((escape) => escape.replace(/:.*$/, '')),
      ['posted without a click', 'the canary was set (control)', 'requests left the page', 'the page navigated to http'],
    );
  });

  for (const way of ways) {
    it(`${way}: none runs, loads, navigates or posts unasked; links only ask the host`, async () => {
      const chat = await open();
      await chat.snapshot(snapshot({ messages: [] }));
      const trials = new XssTrials(chat);
      const faults: string[] = [];
      const escaped: string[] = [];
      for (const [index, payload] of xssPayloads.entries()) {
        const outcome = await trials.run(way, payload);
        tried++;
        const name = `${way} #${index} ${JSON.stringify(payload)}`;
        if (outcome.escaped.length > 0) {
          escaped.push(`${name}: ${outcome.escaped.join('; ')}`);
        }
        faults.push(...outcome.faults.map((fault) => `${name}: ${fault}`));
      }
      await chat.page.waitForTimeout(lateWaitMs);
      const late = await trials.lateEscapes();
      if (late.escaped.length > 0) {
        escaped.push(`${way}, after the last trial (a late escape, from any payload): ${late.escaped.join('; ')}`);
      }
      faults.push(...late.faults.map((fault) => `${way}, after the last trial: ${fault}`));
      escapes.push(...escaped);
      deepStrictEqual({ escaped, faults }, { escaped: [], faults: [] }, `${way}: payloads escaped or the page misbehaved`);
    });
  }
});
