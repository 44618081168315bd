/**
 * One XSS trial: a payload reaches the chat page one way (model output streamed as deltas, model
 * output as a finished markdown message, user input typed into the composer, a tool call's name,
 * source, arguments, result and images as the host reports them, or the tools picker's sources,
 * tools, descriptions and problems), and the page is then watched for what an attack would need:
 * the canary set (`window.__xss`, or `alert` and its kin, which the harness turns into the canary),
 * a request that is not for the page's own files (Chromium announces a request before its CSP
 * refuses it: an attempt counts, blocked or not), a navigation or a new window, and a message to
 * the host that no click asked for. Then every
 * link in the conversation is clicked, the way a user would, and each click must post exactly one
 * `link/open` with that link's target — the host decides whether to open it — and nothing else.
 */

import type { Page } from 'playwright-core';
import type { ChatMessageView, FromWebview, ToolCallView, ToWebview } from '../../../src/protocol/messages';
import type { ToolsView } from '../../../src/protocol/toolViews';
import { assistantMessage, snapshot, userMessage } from '../../webview/fixtures';
import type { ChatPage } from '../../webview/harness';
import { pages, resourceAt } from '../../webview/server';

export const ways = [
  'model output, streamed as deltas',
  'model output, finished markdown',
  'user input, typed and sent',
  'tool calls and results',
  'the tools picker',
] as const;
export type Way = (typeof ways)[number];

export interface TrialOutcome {
  /** What shows the payload ran or escaped: the canary, a remote request, a navigation, an unasked post. */
  escaped: string[];
  /** What is wrong without being an escape: a CSP report (the sanitizer let something through), a page error. */
  faults: string[];
}

/** Splits text into pieces of 1 to 7 characters, so tags, entities and URLs arrive cut in odd places. */
function pieces(text: string): string[] {
  const result: string[] = [];
  for (let position = 0, size = 1; position < text.length; position += size, size = (size % 7) + 1) {
    result.push(text.slice(position, position + size));
  }
  return result;
}

/** Reads and clears the canary, and the CSP reports so far. Runs in the page. */
function readAndResetPage(): { canary: string | undefined; violations: string[] } {
  const record = window as unknown as Record<string, unknown> & { __violations: { directive: string; blockedUri: string }[] };
  const canary = record.__xss === undefined ? undefined : typeof record.__xss === 'string' ? record.__xss : typeof record.__xss;
  delete record.__xss;
  const violations = record.__violations.splice(0).map((violation) => `${violation.directive} ${violation.blockedUri}`);
  return { canary, violations };
}

/** Runs trials on one open chat page, keeping count of what the page did since the last trial. */
export class XssTrials {
  private requestsSeen: number;
  private errorsSeen: number;
  private readonly popups: string[] = [];
  private readonly home: string;
  private trial = 0;

  constructor(private readonly chat: ChatPage) {
    this.requestsSeen = chat.requests.length;
    this.errorsSeen = chat.errors.length;
    this.home = chat.page.url();
    chat.page.on('popup', (popup) => this.popups.push(popup.url()));
  }

  private get page(): Page {
    return this.chat.page;
  }

  /**
   * Runs one trial. `sabotage` is for the control trial only: it does in the page what an escaped
   * payload would, to prove each of these watches sees it.
   */
  async run(way: Way, payload: string, sabotage?: (page: Page) => Promise<void>): Promise<TrialOutcome> {
    const id = `t${++this.trial}`;
    // A fresh, empty conversation per trial: each payload is judged on its own.
    await this.chat.deliver(snapshot({ conversationId: `c${id}`, messages: [], history: [] }));
    const outcome: TrialOutcome = { escaped: [], faults: [] };
    if (way === 'user input, typed and sent') {
      await this.typeAndSend(id, payload, outcome);
    } else if (way === 'the tools picker') {
      await this.openToolsPicker(outcome);
      await this.chat.deliver({ type: 'tools/list', tools: toolsWith(payload) });
    } else if (way === 'tool calls and results') {
      await this.chat.deliver(...toolOutput(id, payload));
      await this.openDisclosures();
    } else {
      await this.chat.deliver(...this.modelOutput(way, id, payload));
    }
    await sabotage?.(this.page);
    // Taking nothing waits for the page to draw what it was sent, then takes what it posted meanwhile.
    const unasked = await this.chat.taken(0);
    if (unasked.length > 0) {
      outcome.escaped.push(`posted without a click: ${unasked.map((message) => message.type).join(', ')}`);
    }
    await this.clickEveryLink(outcome);
    await this.observe(outcome);
    return outcome;
  }

  /**
   * Anything that fires late (an animation's `onbegin`, a refresh, a load that failed) shows up
   * here rather than in its own trial: the caller waits a while after its last trial and asks.
   */
  async lateEscapes(): Promise<TrialOutcome> {
    const outcome: TrialOutcome = { escaped: [], faults: [] };
    const unasked = this.chat.take();
    if (unasked.length > 0) {
      outcome.escaped.push(`posted without a click: ${unasked.map((message) => message.type).join(', ')}`);
    }
    await this.observe(outcome);
    return outcome;
  }

  private modelOutput(way: Way, id: string, payload: string): ToWebview[] {
    const text = `Answer: ${payload}\n\nAgain: ${payload}`;
    const question: ToWebview = { type: 'chat/appended', message: userMessage(`u${id}`, 'Tell me') };
    if (way === 'model output, finished markdown') {
      return [question, { type: 'chat/appended', message: assistantMessage(`a${id}`, text) }];
    }
    const requestId = `r${id}`;
    const placeholder: ChatMessageView = assistantMessage(`a${id}`, '', { status: 'streaming' });
    return [
      question,
      { type: 'chat/appended', message: placeholder },
      ...pieces(text).map((content, seq): ToWebview => ({ type: 'chat/delta', requestId, messageId: `a${id}`, seq, content })),
      { type: 'chat/done', requestId, message: assistantMessage(`a${id}`, text), totals: {} },
    ];
  }

  /** Opens the tools picker once per page, as a user would; the one message that may cause is `tools/refresh`. */
  private async openToolsPicker(outcome: TrialOutcome): Promise<void> {
    const button = this.page.getByRole('button', { name: /^Tools(: \d+ on)?$/ });
    if ((await button.getAttribute('aria-expanded')) === 'true') {
      return;
    }
    await button.click();
    const posted = await this.chat.taken(1);
    if (JSON.stringify(posted) !== JSON.stringify([{ type: 'tools/refresh' }])) {
      outcome.escaped.push(`opening the tools picker posted ${JSON.stringify(posted)}, not one tools/refresh`);
    }
  }

  /** Opens every arguments and result disclosure, as a reader would, so all of it is drawn. */
  private async openDisclosures(): Promise<void> {
    await this.page.evaluate(() => {
      for (const details of Array.from(document.querySelectorAll<HTMLDetailsElement>('.tool-call-block'))) {
        details.open = true;
      }
    });
  }

  /** Types the payload as a user would; the one message it may cause is `chat/send` with the exact text. */
  private async typeAndSend(id: string, payload: string, outcome: TrialOutcome): Promise<void> {
    const box = this.page.getByRole('textbox', { name: 'Message' });
    await box.fill(payload);
    await box.press('Enter');
    const posted = await this.chat.taken(1);
    const [send, ...more] = posted;
    if (send?.type !== 'chat/send' || send.text !== payload || more.length > 0) {
      outcome.escaped.push(`typing and sending posted ${JSON.stringify(posted.map((message) => message.type))}, not one chat/send of the text typed`);
      return;
    }
    // The host shows the question back, and an answer quoting it.
    await this.chat.deliver(
      { type: 'chat/appended', message: userMessage(`u${id}`, payload) },
      { type: 'chat/done', requestId: send.requestId, message: assistantMessage(`a${id}`, `You wrote: ${payload}`), totals: {} },
    );
  }

  /** Clicks each link in the conversation with the mouse; each must post one `link/open` with its own target. */
  private async clickEveryLink(outcome: TrialOutcome): Promise<void> {
    const links = this.page.locator('[data-role] a');
    const count = await links.count();
    for (let index = 0; index < count; index++) {
      const link = links.nth(index);
      const href = (await link.getAttribute('href')) ?? '';
      try {
        await link.click({ timeout: 1000 });
      } catch {
        // Covered or without a box (an empty link): the click event itself, as a keyboard or screen reader gives it.
        await link.dispatchEvent('click');
      }
      const expected: FromWebview[] = href === '' ? [] : [{ type: 'link/open', href }];
      const posted = await this.chat.taken(expected.length);
      if (JSON.stringify(posted) !== JSON.stringify(expected)) {
        outcome.escaped.push(`clicking the link to ${JSON.stringify(href)} posted ${JSON.stringify(posted)}`);
      }
    }
  }

  /** The page's own files, or an inline `data:` URL: everything else is a remote resource. */
  private isOwn(url: string): boolean {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:') {
      return true;
    }
    return parsed.origin === new URL(this.home).origin && (pages[parsed.pathname] !== undefined || resourceAt(parsed.pathname) !== undefined);
  }

  private async observe(outcome: TrialOutcome): Promise<void> {
    const { canary, violations } = await this.page.evaluate(readAndResetPage);
    if (canary !== undefined) {
      outcome.escaped.push(`the canary was set (${canary})`);
    }
    const fresh = this.chat.requests.slice(this.requestsSeen);
    this.requestsSeen = this.chat.requests.length;
    const foreign = fresh.filter((url) => !this.isOwn(url));
    if (foreign.length > 0) {
      outcome.escaped.push(`requests left the page: ${foreign.join(' ')}`);
    }
    if (this.page.url() !== this.home) {
      outcome.escaped.push(`the page navigated to ${this.page.url()}`);
    }
    const popups = this.popups.splice(0);
    if (popups.length > 0) {
      outcome.escaped.push(`windows opened: ${popups.join(' ')}`);
    }
    if (violations.length > 0) {
      outcome.faults.push(`the CSP had to block: ${violations.join('; ')}`);
    }
    const errors = this.chat.errors.slice(this.errorsSeen);
    this.errorsSeen = this.chat.errors.length;
    if (errors.length > 0) {
      outcome.faults.push(`the page threw: ${errors.join('; ')}`);
    }
  }
}

/** A call carrying the payload everywhere the host passes on what a model or a tool wrote. */
function hostileCall(id: string, payload: string, call: Partial<ToolCallView>): ToolCallView {
  return { id, name: payload, toolName: payload, arguments: payload, source: { kind: 'mcp', label: payload, id: `mcp:${payload}` }, ...call };
}

/**
 * An answer that used a tool whose name, server, arguments, result and images are the payload: a
 * finished round, then a call of the running answer that asks first (its buttons shown) and ends
 * with the payload as its result, then the answer's end.
 */
function toolOutput(id: string, payload: string): ToWebview[] {
  const requestId = `r${id}`;
  const messageId = `a${id}`;
  const result = { text: payload, isError: false, images: [payload, `data:image/png;base64,${payload}`], durationMs: 5 };
  const rounds = [{ content: `Round: ${payload}`, reasoning: payload, toolCalls: [hostileCall('c0', payload, { state: 'done', result })] }];
  const asking = hostileCall('c1', payload, { state: 'awaitingApproval' });
  const done = hostileCall('c1', payload, { state: 'failed', result: { ...result, isError: true } });
  return [
    { type: 'chat/appended', message: userMessage(`u${id}`, 'Use a tool') },
    { type: 'chat/appended', message: assistantMessage(messageId, '', { status: 'streaming', rounds }) },
    { type: 'chat/delta', requestId, messageId, seq: 0, content: `Calling: ${payload}`, toolCalls: [hostileCall('c1', payload, {})] },
    { type: 'chat/tool', requestId, messageId, call: asking },
    { type: 'chat/tool', requestId, messageId, call: done },
    { type: 'chat/done', requestId, message: assistantMessage(messageId, `Calling: ${payload}`, { rounds, toolCalls: [done], roundLimitReached: true }), totals: {} },
  ];
}

/** The picker with the payload as a source's label and problem, and as a tool's name and description. */
function toolsWith(payload: string): ToolsView {
  const tool = { name: payload, modelName: payload, description: payload, enabled: true, alwaysAllowed: true, readOnly: true };
  return {
    enabled: true,
    modelSupportsTools: true,
    autoApproveReadOnly: true,
    sources: [
      { kind: 'mcp', label: payload, id: `mcp:${payload}`, enabled: true, state: 'failed', problem: payload, tools: [tool] },
      { kind: 'builtin', label: payload, id: 'builtin', enabled: false, state: 'ready', tools: [tool, { ...tool, name: `${payload} 2` }] },
    ],
  };
}
