/**
 * The XSS corpus (xssCorpus.ts, 197 payloads) through every way untrusted text reaches the
 * webview: model output streamed as deltas and in snapshots (content, reasoning, tool calls),
 * user input (typed and sent, and shown back), names and messages from the host (attachments,
 * errors, banner, history titles, model labels, compaction summaries, search excerpts, instruction
 * paths, conversation titles, tool names, sources, arguments, results and the tools picker), and
 * raw HTML straight into the sanitizer. After each batch: the canary `window.__xss` is unset, no
 * request left the page, no CSP violation was needed (the sanitizer stopped everything first), the
 * DOM holds no script-capable element, handler, style attribute or foreign URL, and clicking every
 * link only posts `link/open`.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import type { ChatMessageView, ToolCallView, ToWebview } from '../../src/protocol/messages';
import { toolCallStates, toolSourceKinds, toolSourceStates } from '../../src/protocol/toolViews';
import { chatContentSecurityPolicy } from '../../src/shell/chat/html';
import { assistantMessage, snapshot, userMessage } from './fixtures';
import { useChatPage } from './useChatPage';
import { xssPayloads } from './xssCorpus';

/** Everything the page shows must pass these; returns what does not. Runs in the page. */
function findUnsafe(): string[] {
  const forbiddenTags = new Set([
    'script', 'iframe', 'object', 'embed', 'base', 'meta', 'form', 'style', 'link', 'svg', 'math', 'frame', 'frameset',
    'portal', 'applet', 'template', 'noscript', 'video', 'audio', 'source', 'marquee', 'xmp', 'plaintext', 'noembed', 'select', 'isindex',
  ]);
  const unsafe: string[] = [];
  for (const element of Array.from(document.querySelectorAll('#app *'))) {
    const tag = element.localName;
    if (forbiddenTags.has(tag)) {
      unsafe.push(`<${tag}>`);
    }
    for (const attribute of Array.from(element.attributes)) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value;
      if (name.startsWith('on') || name === 'style' || name === 'srcdoc' || name === 'formaction' || name === 'action' || name.includes(':')) {
        unsafe.push(`${tag}[${name}]`);
      }
      if (name === 'href' && !/^(?:https?:|mailto:|#)/i.test(value)) {
        unsafe.push(`${tag}[href=${value}]`);
      }
      if (name === 'src' && !/^data:image\/(?:png|jpeg|gif|webp);base64,/.test(value)) {
        unsafe.push(`${tag}[src=${value}]`);
      }
      if ((name === 'id' || name === 'name') && element.closest('.markdown, .message-text') !== null) {
        unsafe.push(`${tag}[${name}=${value}] (clobbering)`);
      }
    }
  }
  const record = window as unknown as Record<string, unknown>;
  if (record.__xss !== undefined) {
    unsafe.push(`canary set: ${typeof record.__xss === 'string' ? record.__xss : typeof record.__xss}`);
  }
  if (typeof record.acquireVsCodeApi !== 'function' || typeof document.getElementById !== 'function') {
    unsafe.push('a global was clobbered');
  }
  return unsafe;
}

/** Clicks every link on the page; answers how many have a target (each should post one link/open). */
function clickEveryLink(): number {
  const links = Array.from(document.querySelectorAll<HTMLAnchorElement>('#app a'));
  for (const link of links) {
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
  }
  return links.filter((link) => (link.getAttribute('href') ?? '') !== '').length;
}

/** Splits text into pieces of 1 to 7 characters, cutting tags, entities and URLs in odd places. */
function pieces(text: string): string[] {
  const result: string[] = [];
  for (let position = 0, size = 1; position < text.length; position += size, size = (size % 7) + 1) {
    result.push(text.slice(position, position + size));
  }
  return result;
}

/** The batch's payloads as one markdown text. */
function payload(payloads: readonly string[]): string {
  return payloads.join('\n\n');
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

describe('chat webview: XSS corpus', function () {
  this.timeout(120_000);
  const { chat, open, server } = useChatPage({ sanitizerProbe: true });

  /** The checks after each batch; `links` clicks every link first and expects only link/open posts. */
  async function expectSafe(context: string): Promise<void> {
    await chat().settle();
    deepStrictEqual(await chat().page.evaluate(findUnsafe), [], `${context}: unsafe DOM`);
    await chat().taken(0);
    const url = chat().page.url();
    const withTarget = await chat().page.evaluate(clickEveryLink);
    const posted = await chat().taken(withTarget);
    deepStrictEqual(
      posted.map((message) => message.type),
      Array.from({ length: withTarget }, () => 'link/open'),
      `${context}: clicking the links posted something else than one link/open each`,
    );
    strictEqual(chat().page.url(), url, `${context}: the page navigated`);
    await chat().settle();
    deepStrictEqual(await chat().page.evaluate(findUnsafe), [], `${context}: unsafe DOM after clicking links`);
    deepStrictEqual(chat().foreignRequests(), [], `${context}: a request left the page`);
    deepStrictEqual(await chat().violations(), [], `${context}: the CSP had to stop something`);
    deepStrictEqual(chat().errors, [], `${context}: the page threw`);
  }

  it(`has at least 100 payloads (${xssPayloads.length}), and the page's CSP is the strict one`, async () => {
    ok(xssPayloads.length >= 100);
    const csp = await chat().page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    strictEqual(csp, chatContentSecurityPolicy(server().origin, server().lastNonce));
    ok(!/unsafe-inline|unsafe-eval|\*/.test(csp ?? ''));
  });

  it('model output streamed as deltas: content, reasoning and tool calls', async () => {
    await chat().snapshot(snapshot());
    for (const [batch, payloads] of chunks(xssPayloads, 15).entries()) {
      const messages: ToWebview[] = [];
      payloads.forEach((payload, index) => {
        const id = `b${batch}p${index}`;
        const requestId = `r${id}`;
        messages.push({ type: 'chat/appended', message: userMessage(`u${id}`, 'Tell me') });
        messages.push({ type: 'chat/appended', message: assistantMessage(`a${id}`, '', { status: 'streaming' }) });
        pieces(`Answer: ${payload}\n\nAgain: ${payload}`).forEach((content, seq) => {
          messages.push({ type: 'chat/delta', requestId, messageId: `a${id}`, seq, content });
        });
        messages.push({
          type: 'chat/delta',
          requestId,
          messageId: `a${id}`,
          seq: 10_000,
          reasoning: payload,
          toolCalls: [{ id: 'call_1', name: payload, arguments: JSON.stringify({ html: payload }) }],
        });
        messages.push({ type: 'chat/done', requestId, message: assistantMessage(`a${id}`, `Answer: ${payload}\n\nAgain: ${payload}`, { reasoning: payload }), totals: {} });
      });
      await chat().deliver(...messages);
      await expectSafe(`delta batch ${batch}`);
    }
  });

  it('model output and user input in snapshots, and in every other text the host sends', async () => {
    for (const [batch, payloads] of chunks(xssPayloads, 20).entries()) {
      const messages: ChatMessageView[] = payloads.flatMap((payload, index) => [
        userMessage(`u${batch}-${index}`, payload, { attachments: [{ kind: 'selection', name: payload, lines: '1-2', languageId: payload, text: payload }] }),
        assistantMessage(`a${batch}-${index}`, payload, {
          model: payload,
          reasoning: payload,
          toolCalls: [{ id: payload, name: payload, arguments: payload }],
          status: index % 2 === 0 ? 'complete' : 'error',
          error: index % 2 === 0 ? undefined : { message: payload, kind: payload, actions: ['retry'] },
        }),
      ]);
      const first = payloads[0]!;
      await chat().deliver(
        snapshot({
          conversationId: `x${batch}`,
          title: first,
          messages,
          models: payloads.map((payload, index) => ({ id: `p/${index}`, label: payload, provider: payload, description: payload })),
          model: 'p/0',
          history: payloads.map((payload, index) => ({ id: `h${index}`, title: payload, updatedAt: index, messageCount: index })),
          banner: { kind: 'warning', message: first, actions: ['setApiKey'] },
          draft: { text: first, attachments: [{ kind: 'file', name: first, text: first }] },
        }),
        { type: 'notice', message: first },
      );
      await chat().page.getByRole('button', { name: 'History' }).click();
      await expectSafe(`snapshot batch ${batch}`);
      await chat().page.getByRole('button', { name: 'History' }).click();
    }
  });

  it('compaction summaries, history search titles and excerpts, instruction paths and titles from the host', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    await page.getByRole('button', { name: 'History' }).click();
    for (const [batch, payloads] of chunks(xssPayloads, 20).entries()) {
      const messages = payloads.flatMap((_, index) => [userMessage(`u${batch}-${index}`, 'Q'), assistantMessage(`a${batch}-${index}`, 'A')]);
      await chat().deliver(
        snapshot({
          conversationId: `s${batch}`,
          messages,
          compactions: payloads.map((payload, index) => ({ id: `k${index}`, kind: 'summary', beforeMessageId: `u${batch}-${index}`, messageCount: index + 1, summary: payload, createdAt: index })),
          instructions: { filesEnabled: true, files: payloads.map((payload, index) => ({ path: payload, enabled: index % 2 === 0, tokens: index, truncated: index % 3 === 0 })), settingTokens: 5, capBytes: 65_536 },
          modelSettings: { chosen: { temperature: 1 }, effective: { temperature: 1 }, reasoningSupported: false },
          gauge: { used: 1, window: 2, reserve: 1, windowKnown: false },
        }),
        { type: 'conversation/title', conversationId: `s${batch}`, title: payloads[0]! },
      );
      await chat().settle();
      if (batch === 0) {
        await page.locator('.instructions-toggle').click();
      }
      // Every summary opened: drawn through the markdown path only now.
      await page.evaluate(() => {
        for (const details of Array.from(document.querySelectorAll<HTMLDetailsElement>('.compaction-summary'))) {
          details.open = true;
        }
      });
      const query = `find ${batch}`;
      await page.getByRole('searchbox', { name: 'Search Conversations' }).fill(query);
      while (!chat().posted.some((message) => message.type === 'history/search' && message.query === query)) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await chat().deliver({
        type: 'history/results',
        query,
        conversations: payloads.map((payload, index) => ({ id: `h${index}`, title: payload, updatedAt: index, messageCount: index, match: payload })),
      });
      await chat().settle();
      strictEqual(await page.locator('.compaction-content').count(), payloads.length, `batch ${batch}: every summary was drawn`);
      strictEqual(await page.locator('.history-match').count(), payloads.length, `batch ${batch}: every excerpt was drawn`);
      await expectSafe(`summaries, excerpts and paths batch ${batch}`);
    }
  });

  it('tool names, sources, arguments, results and images, and the tools picker\'s labels, descriptions and problems', async () => {
    await chat().snapshot(snapshot());
    const page = chat().page;
    await page.getByRole('button', { name: /^Tools(: \d+ on)?$/ }).click();
    for (const [batch, payloads] of chunks(xssPayloads, 20).entries()) {
      const calls = (round: number): ToolCallView[] =>
        payloads.map((payload, index) => ({
          id: `c${round}-${index}`,
          name: payload,
          toolName: index % 2 === 0 ? payload : undefined,
          arguments: index % 3 === 0 ? payload : JSON.stringify({ html: payload }),
          source: { kind: toolSourceKinds[index % 3]!, label: payload, id: payload },
          state: round === 1 ? 'awaitingApproval' : toolCallStates[index % toolCallStates.length],
          result: { text: payload, isError: index % 2 === 1, images: [payload, `data:image/png;base64,${payload}`], durationMs: index },
        }));
      const answer = assistantMessage(`a${batch}`, payload(payloads), { status: 'streaming', rounds: [{ content: payload(payloads), reasoning: payload(payloads), toolCalls: calls(0) }], toolCalls: calls(1), roundLimitReached: true });
      await chat().deliver(
        snapshot({
          conversationId: `t${batch}`,
          messages: [userMessage(`u${batch}`, 'Use tools'), answer],
          streaming: { requestId: `r${batch}`, messageId: `a${batch}` },
          tools: {
            enabled: batch % 2 === 0,
            modelSupportsTools: true,
            autoApproveReadOnly: true,
            sources: payloads.map((each, index) => ({
              kind: toolSourceKinds[index % 3]!,
              label: each,
              id: each,
              enabled: index % 2 === 0,
              state: toolSourceStates[index % toolSourceStates.length]!,
              problem: each,
              tools: [{ name: each, modelName: each, description: each, enabled: true, alwaysAllowed: index % 2 === 0, readOnly: true }],
            })),
          },
        }),
        ...payloads.map((each, index): ToWebview => ({ type: 'chat/tool', requestId: `r${batch}`, messageId: `a${batch}`, call: { ...calls(1)[index]!, result: { text: each, isError: true } } })),
      );
      await chat().settle();
      // Every disclosure opened: arguments and results are drawn in full.
      await page.evaluate(() => {
        for (const details of Array.from(document.querySelectorAll<HTMLDetailsElement>('.tool-call-block'))) {
          details.open = true;
        }
      });
      strictEqual(await page.locator('[data-role="tool"]').count(), payloads.length * 2, `batch ${batch}: every call was drawn`);
      strictEqual(await page.locator('.tool-source').count(), payloads.length, `batch ${batch}: every source was listed`);
      strictEqual(await page.locator('.tool-result-text').last().textContent(), payloads[payloads.length - 1], `batch ${batch}: results are text`);
      await expectSafe(`tools batch ${batch}`);
    }
  });

  it('user input typed into the composer is sent exactly as typed and shown back as text', async () => {
    await chat().snapshot(snapshot());
    const box = chat().page.getByRole('textbox', { name: 'Message' });
    for (const [index, payload] of xssPayloads.entries()) {
      await box.fill(payload);
      await box.press('Enter');
      const [send] = await chat().taken(1);
      ok(send?.type === 'chat/send', `payload ${index} was not sent`);
      strictEqual(send.text, payload);
      await chat().deliver(
        { type: 'chat/appended', message: userMessage(`u${index}`, payload) },
        { type: 'chat/done', requestId: send.requestId, message: assistantMessage(`a${index}`, payload), totals: {} },
      );
      if (index % 25 === 24) {
        await expectSafe(`typed payloads up to ${index}`);
      }
    }
    await chat().settle();
    strictEqual(await chat().page.locator('[data-role="user"] .message-text').last().textContent(), xssPayloads[xssPayloads.length - 1]);
    await expectSafe('typed payloads');
  });

  it('raw HTML straight into the sanitizer (markdown-it not escaping it first); what it lets through needs no CSP', async () => {
    const probe = await open({ path: '/probe' });
    await probe.page.waitForSelector('body[data-ready="true"]');
    await probe.page.evaluate((payloads) => {
      for (const payload of payloads) {
        (window as unknown as { __sanitize: (html: string) => void }).__sanitize(payload);
      }
    }, xssPayloads);
    // The sanitizer's inert parse is reported (handler and style attributes, style elements, a
    // <base> that `base-uri 'none'` refuses), though nothing runs there.
    await probe.page.waitForTimeout(300);
    const parsing = await probe.violations();
    const reportedWhileParsing = (violation: { directive: string; blockedUri: string }): boolean =>
      (violation.blockedUri === 'inline' && /^(?:script-src-attr|style-src-attr|style-src-elem)$/.test(violation.directive)) || violation.directive === 'base-uri';
    ok(parsing.every(reportedWhileParsing), JSON.stringify(parsing));
    await probe.page.evaluate(() => {
      (window as unknown as { __violations: unknown[] }).__violations.length = 0;
      (window as unknown as { __showSanitized: () => void }).__showSanitized();
    });
    // Give anything that would fire (onload, onerror, refresh, a late script) the time to.
    await probe.page.waitForTimeout(300);
    deepStrictEqual(await probe.violations(), []);
    deepStrictEqual(await probe.page.evaluate(findUnsafe), []);
    ok((await probe.page.locator('a[href^="https://ok.example"]').count()) > 0, 'safe links survive');
    strictEqual(probe.page.url(), `${server().origin}/probe`);
    deepStrictEqual(probe.foreignRequests(), []);
    deepStrictEqual(probe.errors, []);
  });
});
