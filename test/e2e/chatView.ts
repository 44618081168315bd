/**
 * The Switchboard chat as the end-to-end test sees it: the webview reached through VS Code's
 * overlay iframes, its messages (`data-role`), its message box and buttons by accessible name.
 * Only the names the issue fixes are used, so the test follows the UI the way a person would.
 */

import type { FrameLocator, Page } from 'playwright-core';
import { webviewFrame } from './workbench';

export const extensionId = 'switchboard.switchboard';

export interface ShownMessage {
  role: 'user' | 'assistant';
  /** The element's visible text (the message plus its own controls and figures). */
  text: string;
  /** `data-status` of the element: the message's status (`complete`, `streaming`, `stopped`, `error`). */
  status: string | undefined;
}

export function chatFrame(page: Page): FrameLocator {
  return webviewFrame(page, extensionId);
}

/** Waits until the chat webview drew its first snapshot (`body[data-ready]`); says what it found if not. */
export async function waitForChatReady(page: Page, timeout = 30_000): Promise<FrameLocator> {
  const frame = chatFrame(page);
  try {
    await frame.locator('body[data-ready]').waitFor({ state: 'attached', timeout });
    return frame;
  } catch (error) {
    const outer = await page.locator('iframe.webview').evaluateAll((frames) => frames.map((element) => `${element.className} ${element.getAttribute('src') ?? ''}`));
    const ours = outer.filter((description) => description.includes(`extensionId=${extensionId}`));
    const body = ours.length > 0 ? await frame.locator('body').innerText({ timeout: 2_000 }).catch(() => '(unreadable)') : '';
    throw new Error(
      `the chat webview never set body[data-ready] within ${timeout} ms. ` +
        (ours.length === 0
          ? `No webview iframe of ${extensionId} exists (webview iframes: ${JSON.stringify(outer)}).`
          : `Its iframe exists (${JSON.stringify(ours)}); its body text: ${JSON.stringify(body.slice(0, 500))}.`) +
        ` (${String(error)})`,
    );
  }
}

/** Every message element, outermost `data-role` only (a nested one would be a part of its message). */
export async function shownMessages(frame: FrameLocator): Promise<ShownMessage[]> {
  return frame.locator('[data-role="user"], [data-role="assistant"]').evaluateAll((elements) =>
    elements
      .filter((element) => element.parentElement?.closest('[data-role="user"], [data-role="assistant"]') === null)
      .map((element) => ({
        role: element.getAttribute('data-role') as 'user' | 'assistant',
        text: (element as HTMLElement).innerText,
        status: element.getAttribute('data-status') ?? undefined,
      })),
  );
}

/** Polls the messages until `accept` returns true; fails with what was shown last. */
export async function waitForMessages(
  frame: FrameLocator,
  what: string,
  accept: (messages: ShownMessage[]) => boolean,
  options: { timeout?: number; onPoll?: (messages: ShownMessage[]) => void } = {},
): Promise<ShownMessage[]> {
  const deadline = Date.now() + (options.timeout ?? 20_000);
  let messages: ShownMessage[] = [];
  for (;;) {
    messages = await shownMessages(frame);
    options.onPoll?.(messages);
    if (accept(messages)) {
      return messages;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited for ${what}; the chat showed: ${JSON.stringify(messages.map(summarise), null, 1)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

function summarise(message: ShownMessage): string {
  const text = message.text.replace(/\s+/g, ' ').trim();
  return `${message.role}${message.status === undefined ? '' : ` [${message.status}]`}: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}

/** Types into the box named "Message" and sends with Enter (the keyboard path) or the "Send" button. */
export async function sendMessage(frame: FrameLocator, text: string, via: 'Enter' | 'Send button'): Promise<void> {
  const box = frame.getByRole('textbox', { name: 'Message' });
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  await box.click();
  await box.fill(text);
  if (via === 'Enter') {
    await box.press('Enter');
  } else {
    await frame.getByRole('button', { name: 'Send', exact: true }).click({ timeout: 10_000 });
  }
}

export async function clickButton(frame: FrameLocator, name: string): Promise<void> {
  await frame.getByRole('button', { name, exact: true }).first().click({ timeout: 10_000 });
}

/** True when the message element carries `data-status="stopped"` (the protocol's MessageStatus). */
export function markedStopped(message: ShownMessage): boolean {
  return message.status === 'stopped';
}

/** Everything the webview's document holds: its HTML, open shadow roots, and form field values. */
export async function webviewDocumentContent(frame: FrameLocator): Promise<string> {
  return frame.locator('html').evaluate((root) => {
    const parts: string[] = [root.outerHTML];
    const visit = (node: Element | ShadowRoot): void => {
      for (const element of Array.from(node.querySelectorAll('*'))) {
        if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
          parts.push(element.value);
        }
        if (element.shadowRoot !== null) {
          parts.push(element.shadowRoot.innerHTML);
          visit(element.shadowRoot);
        }
      }
    };
    visit(root);
    return parts.join('\n');
  });
}

/** The `w001 w002 …` words of the hand-made long answer that a message shows, in order. */
export function countedWords(text: string): string[] {
  return text.match(/\bw\d{3}\b/g) ?? [];
}

/** The context gauge as shown: the tokens the next request uses (`aria-valuenow`), its accessible name and its short text. */
export interface ShownGauge {
  used: number;
  name: string;
  text: string;
}

/** Waits for the context gauge (`data-testid="context-gauge"`, a meter) to show a count that `accept` takes. */
export async function waitForGauge(frame: FrameLocator, what: string, accept: (gauge: ShownGauge) => boolean, timeout = 20_000): Promise<ShownGauge> {
  const gauge = frame.getByTestId('context-gauge');
  const deadline = Date.now() + timeout;
  let shown: ShownGauge | undefined;
  for (;;) {
    if (await gauge.isVisible()) {
      shown = {
        used: Number(await gauge.getAttribute('aria-valuenow')),
        name: (await gauge.getAttribute('aria-label')) ?? '',
        text: (await gauge.innerText()).trim(),
      };
      if (accept(shown)) {
        return shown;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`waited for the context gauge to show ${what}; it showed ${shown === undefined ? 'nothing (hidden)' : JSON.stringify(shown)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The composer's attachment chips as a person reads them (name, then size). */
export async function draftChips(frame: FrameLocator): Promise<{ name: string; tokens: string }[]> {
  return frame.locator('.composer .attachment-chip').evaluateAll((chips) =>
    chips.map((chip) => ({
      name: chip.querySelector('.attachment-name')?.textContent?.trim() ?? '',
      tokens: chip.querySelector('.attachment-tokens')?.textContent?.trim() ?? '',
    })),
  );
}

/** One tool call as the chat shows it: the tool's own name, its source's label, and `data-state` (the protocol's ToolCallState). */
export interface ShownToolCall {
  name: string;
  source: string;
  state: string;
}

/** Every tool call of the conversation (`data-role="tool"`), in order. */
export async function shownToolCalls(frame: FrameLocator): Promise<ShownToolCall[]> {
  return frame.locator('[data-role="tool"]').evaluateAll((elements) =>
    elements.map((element) => ({
      name: element.querySelector('.tool-call-name')?.textContent?.trim() ?? '',
      source: element.querySelector('.tool-call-source-label')?.textContent?.trim() ?? '',
      state: element.getAttribute('data-state') ?? '',
    })),
  );
}

/** Polls the tool calls until `accept` returns true; fails with what was shown last. */
export async function waitForToolCalls(frame: FrameLocator, what: string, accept: (calls: ShownToolCall[]) => boolean, timeout = 20_000): Promise<ShownToolCall[]> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const calls = await shownToolCalls(frame);
    if (accept(calls)) {
      return calls;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited for ${what}; the chat showed the tool calls ${JSON.stringify(calls)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

/** Clicks the approval button `name` (Allow, Always Allow, Deny) of the `index`th tool call. */
export async function answerToolCall(frame: FrameLocator, index: number, name: 'Allow' | 'Always Allow' | 'Deny'): Promise<void> {
  await frame.locator('[data-role="tool"]').nth(index).getByRole('button', { name, exact: true }).click({ timeout: 10_000 });
}
