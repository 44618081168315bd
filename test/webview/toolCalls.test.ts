/**
 * An answer that used tools, in headless Chromium: its rounds in order (reasoning, text, then the
 * calls), each call's name, source and state in words, its arguments and result as text, images
 * only from `data:` URLs, Allow / Always Allow / Deny on the running answer's calls that ask
 * first, Continue after the round limit, and finished rounds left alone while the answer streams.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import type { ChatMessageView, ToolCallView } from '../../src/protocol/messages';
import { assistantMessage, snapshot, userMessage } from './fixtures';
import { filesServer, round, toolCall } from './toolFixtures';
import { useChatPage } from './useChatPage';

/** A 1×1 PNG. */
const pixel = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('chat webview: tool calls', function () {
  const { chat } = useChatPage();

  const tool = (name: string) => chat().page.getByRole('group', { name: `Tool call: ${name}` });

  /** The streaming answer a1 of request r1, with `extra`. */
  async function streaming(extra: Partial<ChatMessageView>): Promise<void> {
    await chat().snapshot(
      snapshot({ messages: [userMessage('u1', 'Look at app.ts'), assistantMessage('a1', '', { status: 'streaming', ...extra })], streaming: { requestId: 'r1', messageId: 'a1' } }),
    );
  }

  it('draws the finished rounds in order, each reasoning, text then calls; then the current round, its text before its calls', async () => {
    await chat().snapshot(
      snapshot({
        messages: [
          userMessage('u1', 'Look at app.ts'),
          assistantMessage('a1', 'It exports **App**.', {
            rounds: [
              round('First the file.', [toolCall('c0', { result: { text: 'export class App {}', isError: false, durationMs: 1234 } })], 'I should read it.'),
              round('', [toolCall('c1', { name: 'mcp__files__stat', toolName: 'stat', source: filesServer, state: 'failed', result: { text: 'no such file', isError: true } })]),
            ],
            reasoning: 'Now answer.',
            toolCalls: [toolCall('c2', { name: 'search', state: 'denied', result: { text: 'The user denied this call.', isError: true } })],
          }),
        ],
      }),
    );
    const order = await chat().page.locator('[data-id="a1"] .message-body').evaluate((body) =>
      Array.from(body.querySelectorAll('.reasoning-content, .message-content, [data-role="tool"]')).map((element) =>
        element.matches('[data-role="tool"]') ? `tool ${element.getAttribute('data-call-id')} ${element.getAttribute('data-state')}` : `${element.className.split(' ')[0]}: ${element.textContent?.trim()}`,
      ),
    );
    deepStrictEqual(order, [
      'reasoning-content: I should read it.',
      'message-content: First the file.',
      'tool c0 done',
      'message-content: ',
      'tool c1 failed',
      'reasoning-content: Now answer.',
      'message-content: It exports App.',
      'tool c2 denied',
    ]);
    const page = chat().page;
    strictEqual(await page.locator('[data-id="a1"] .reasoning[open]').count(), 0, 'reasoning stays collapsed');
    strictEqual(await tool('read_file').locator('.tool-call-state').textContent(), 'Done in 1.2 s');
    strictEqual(await tool('read_file').locator('.tool-call-source .visually-hidden').textContent(), 'from Workspace');
    // An MCP tool shows its own name and its server.
    strictEqual(await tool('stat').locator('.tool-call-state').textContent(), 'Failed');
    strictEqual(await tool('stat').locator('.tool-call-source-label').textContent(), 'files');
    strictEqual(await tool('stat').locator('summary', { hasText: 'Result: error' }).count(), 1);
    strictEqual(await tool('search').locator('.tool-call-state').textContent(), 'Denied');
  });

  it('arguments as indented JSON and results as plain text behind disclosures; markup in a result stays text', async () => {
    const result = '<b>bold</b> & <img src=x onerror=alert(1)>\nline two';
    await chat().snapshot(snapshot({ messages: [assistantMessage('a1', 'Done.', { toolCalls: [toolCall('c1', { result: { text: result, isError: false } })] })] }));
    const call = tool('read_file');
    strictEqual(await call.locator('.tool-call-arguments').textContent(), '{\n  "path": "src/app.ts"\n}');
    strictEqual(await call.locator('.tool-call-arguments').isVisible(), false, 'arguments start collapsed');
    await call.getByText('Arguments').click();
    strictEqual(await call.locator('.tool-call-arguments').isVisible(), true);
    await call.getByText('Result', { exact: true }).click();
    strictEqual(await call.locator('.tool-result-text').textContent(), result);
    strictEqual(await call.locator('.tool-result b, .tool-result-text img').count(), 0);
    // Both can scroll sideways: the keyboard reaches each from its disclosure, and it says what it is.
    const page = chat().page;
    const focusedAfterTab = async (summary: string): Promise<string | null> => {
      await call.locator('summary', { hasText: summary }).first().focus();
      await page.keyboard.press('Tab');
      return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
    };
    strictEqual(await focusedAfterTab('Arguments'), 'Arguments');
    strictEqual(await focusedAfterTab('Result'), 'Result');
  });

  it('shows a result\'s images only from data: URLs of the allowed kinds, with alt text', async () => {
    const images = [pixel, 'http://evil.example/x.png', 'data:image/svg+xml;base64,PHN2Zy8+', `${pixel}"onerror="alert(1)`, 'javascript:alert(1)'];
    await chat().snapshot(snapshot({ messages: [assistantMessage('a1', 'Here.', { toolCalls: [toolCall('c1', { name: 'screenshot', result: { text: 'one image', isError: false, images } })] })] }));
    const shown = await tool('screenshot').locator('img').evaluateAll((elements) => elements.map((element) => [element.getAttribute('src'), element.getAttribute('alt')]));
    deepStrictEqual(shown, [[pixel, 'Image 1 returned by screenshot']]);
    deepStrictEqual(chat().foreignRequests(), []);
  });

  it('chat/tool changes one call in place: its element stays, the others are not touched, and what the reader opened stays open', async () => {
    await streaming({ content: 'Let me look.', toolCalls: [toolCall('c1', { state: 'running' }), toolCall('c2', { name: 'search', state: 'pending' })] });
    const page = chat().page;
    await tool('read_file').getByText('Arguments').click();
    await page.evaluate(() => {
      const record = window as unknown as Record<string, Element | null>;
      record.__first = document.querySelector('[data-call-id="c1"]');
      record.__second = document.querySelector('[data-call-id="c2"]');
      record.__secondState = document.querySelector('[data-call-id="c2"] .tool-call-state');
    });
    strictEqual(await tool('read_file').locator('.tool-call-state').textContent(), 'Running…');
    await chat().deliver({ type: 'chat/tool', requestId: 'r1', messageId: 'a1', call: toolCall('c1', { state: 'done', result: { text: 'contents', isError: false, durationMs: 420 } }) });
    await chat().settle();
    strictEqual(await tool('read_file').locator('.tool-call-state').textContent(), 'Done in 420 ms');
    strictEqual(await tool('read_file').getAttribute('data-state'), 'done');
    strictEqual(await tool('read_file').locator('.tool-call-block').first().getAttribute('open'), '', 'the arguments stay open');
    deepStrictEqual(
      await page.evaluate(() => {
        const record = window as unknown as Record<string, Element | null>;
        return [
          record.__first === document.querySelector('[data-call-id="c1"]'),
          record.__second === document.querySelector('[data-call-id="c2"]'),
          record.__secondState === document.querySelector('[data-call-id="c2"] .tool-call-state'),
        ];
      }),
      [true, true, true],
    );
  });

  it('Allow, Always Allow and Deny on the running answer: the first takes focus, it is announced, each posts its decision and the buttons wait', async () => {
    await streaming({ content: 'I need to write.', toolCalls: [toolCall('c1', { name: 'write_file', state: 'pending' })] });
    const page = chat().page;
    strictEqual(await tool('write_file').getByRole('button').count(), 0, 'no buttons before the host asks');
    const asking = (callId: string): ToolCallView => toolCall(callId, { name: 'write_file', state: 'awaitingApproval' });
    for (const [index, [label, decision]] of ([['Allow', 'allow'], ['Always Allow', 'alwaysAllow'], ['Deny', 'deny']] as const).entries()) {
      const callId = `c${index + 1}`;
      await chat().deliver({ type: 'chat/tool', requestId: 'r1', messageId: 'a1', call: asking(callId) });
      await chat().settle();
      const call = page.locator(`[data-call-id="${callId}"]`);
      strictEqual(await call.locator('.tool-call-state').textContent(), 'Waiting for approval');
      deepStrictEqual(await call.getByRole('button').evaluateAll((buttons) => buttons.map((button) => button.textContent)), ['Allow', 'Always Allow', 'Deny']);
      strictEqual(await call.getByRole('button', { name: 'Allow', exact: true }).evaluate((button) => button === document.activeElement), true, `Allow of ${callId} has focus`);
      strictEqual(await page.getByTestId('announcer').textContent(), 'write_file asks to run: Allow, Always Allow or Deny.');
      strictEqual(await call.locator('.tool-call-block').first().getAttribute('open'), '', 'the arguments are shown');
      await call.getByRole('button', { name: label, exact: true }).click();
      deepStrictEqual(await chat().taken(1), [{ type: 'tools/approve', requestId: 'r1', callId, decision }]);
      for (const name of ['Allow', 'Always Allow', 'Deny']) {
        strictEqual(await call.getByRole('button', { name, exact: true }).isDisabled(), true, `${name} waits for the host`);
      }
      await call.getByRole('button', { name: 'Deny', exact: true }).click({ force: true });
      deepStrictEqual(await chat().taken(0), [], 'a second click posts nothing');
      await chat().deliver({ type: 'chat/tool', requestId: 'r1', messageId: 'a1', call: toolCall(callId, { name: 'write_file', state: decision === 'deny' ? 'denied' : 'running' }) });
      await chat().settle();
      strictEqual(await call.getByRole('button').count(), 0, 'the host moved the call on: no buttons');
      strictEqual(await call.evaluate((element) => element === document.activeElement), true, 'focus stays on the call');
    }
  });

  it('a call that asks first in an answer that is not running shows no buttons', async () => {
    await chat().snapshot(snapshot({ messages: [assistantMessage('a1', 'Old.', { status: 'stopped', toolCalls: [toolCall('c1', { state: 'awaitingApproval' })] })] }));
    strictEqual(await tool('read_file').locator('.tool-call-state').textContent(), 'Waiting for approval');
    strictEqual(await tool('read_file').getByRole('button').count(), 0);
  });

  it('Continue after the round limit posts chat/continue with a new request id and runs it like regenerate', async () => {
    await chat().snapshot(
      snapshot({ messages: [userMessage('u1', 'Dig'), assistantMessage('a1', 'Still digging.', { roundLimitReached: true, rounds: [round('r', [toolCall('c0')])] })] }),
    );
    const page = chat().page;
    strictEqual(await page.getByText('Stopped after the most rounds of tool calls allowed (switchboard.tools.maxRounds).').isVisible(), true);
    await page.getByRole('button', { name: 'Continue' }).click();
    const [posted] = await chat().taken(1);
    ok(posted?.type === 'chat/continue');
    ok(/^[A-Za-z0-9_-]{22}$/.test(posted.requestId));
    deepStrictEqual(posted, { type: 'chat/continue', requestId: posted.requestId, messageId: 'a1' });
    strictEqual(await page.getByRole('button', { name: 'Stop' }).isVisible(), true, 'a request is running');
    // Hidden while the request runs; a click that reaches it anyway (a keyboard's) does nothing.
    await page.locator('[data-action="continue-answer"]').dispatchEvent('click');
    deepStrictEqual(await chat().taken(0), [], 'not twice while it runs');
    // The host streams into the same message: no Continue while it does.
    await chat().deliver({ type: 'chat/appended', message: assistantMessage('a1', '', { status: 'streaming', rounds: [round('r', [toolCall('c0')]), round('Still digging.', [])] }) });
    await chat().settle();
    strictEqual(await page.getByRole('button', { name: 'Continue' }).count(), 0);
  });

  it('while an answer streams, its finished rounds keep their DOM nodes: deltas redraw only the current round', async () => {
    const rounds = [round('Round one **text**.', [toolCall('c0')], 'thinking one'), round('Round two.', [toolCall('c1', { name: 'search' })])];
    await streaming({ rounds, content: '' });
    const page = chat().page;
    await page.evaluate(() => {
      const record = window as unknown as Record<string, unknown>;
      record.__rounds = Array.from(document.querySelectorAll('.answer-round, .answer-round *'));
      const changed: Node[] = [];
      record.__changed = changed;
      new MutationObserver((records) => changed.push(...records.map((each) => each.target))).observe(document.querySelector('.answer-rounds')!, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    for (let seq = 0; seq < 20; seq++) {
      await chat().deliver({ type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq, content: `word ${seq} ` });
      await chat().settle();
    }
    strictEqual((await page.locator('[data-id="a1"] .message-body > .message-content').textContent())?.trim(), Array.from({ length: 20 }, (_, seq) => `word ${seq}`).join(' '));
    deepStrictEqual(
      await page.evaluate(() => {
        const record = window as unknown as { __rounds: Element[]; __changed: Node[] };
        const now = Array.from(document.querySelectorAll('.answer-round, .answer-round *'));
        return { same: now.length === record.__rounds.length && now.every((element, index) => element === record.__rounds[index]), mutations: record.__changed.length };
      }),
      { same: true, mutations: 0 },
    );
  });
});
