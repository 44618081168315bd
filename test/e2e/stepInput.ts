/**
 * A multi-step quick input ("Add Provider (3/5)") as a person sees and drives it in code-server:
 * what the open step shows (title, the box's value and placeholder, a password box or not, the
 * message under it), and the Back button in its title bar. Selectors are VS Code's own (1.139):
 * the Back button is the title bar's action with the `quick-input-back` codicon. Also answering a
 * step and reading its validation message while typing.
 */

import type { Page } from 'playwright-core';

const quickInput = '.quick-input-widget';
const title = `${quickInput} .quick-input-title`;
const inputBox = `${quickInput} .quick-input-box input`;
const backButton = `${quickInput} .quick-input-titlebar .action-label.codicon-quick-input-back`;

/** One step as it is shown. */
export interface ShownStep {
  title: string;
  value: string;
  placeholder: string;
  password: boolean;
  message: string;
}

/** Waits for the step whose title ends in `(step)` ("3/5", or "1" while the count is unknown). */
async function waitForStep(page: Page, step: string): Promise<void> {
  const titled = page.locator(title).filter({ hasText: `(${step})` });
  try {
    await titled.first().waitFor({ state: 'visible', timeout: 10_000 });
  } catch {
    const shown = await page.locator(title).allInnerTexts().catch(() => []);
    throw new Error(`no step titled "(${step})" appeared; the quick input's title is ${JSON.stringify(shown)}`);
  }
}

/** The open step `step` ("3/5") as shown, once it is there. */
export async function shownStep(page: Page, step: string): Promise<ShownStep> {
  await waitForStep(page, step);
  const box = page.locator(inputBox);
  return {
    title: (await page.locator(title).first().innerText()).trim(),
    value: await box.inputValue(),
    placeholder: (await box.getAttribute('placeholder')) ?? '',
    password: (await box.getAttribute('type')) === 'password',
    message: (await page.locator(`${quickInput} .quick-input-message`).innerText().catch(() => '')).replace(/\s+/g, ' ').trim(),
  };
}

/** Presses the Back button of step `from` and waits for step `to`; fails naming the title bar's actions when there is no Back. */
export async function pressBack(page: Page, from: string, to: string): Promise<void> {
  await waitForStep(page, from);
  const button = page.locator(backButton);
  if ((await button.count()) === 0) {
    const actions = await page.locator(`${quickInput} .quick-input-titlebar .action-label`).evaluateAll((labels) => labels.map((label) => `${label.className} "${label.getAttribute('aria-label') ?? ''}"`));
    throw new Error(`step ${from} has no Back button; its title bar's actions: ${JSON.stringify(actions)}`);
  }
  await button.first().click({ timeout: 5_000 });
  await waitForStep(page, to);
}

/** Waits until the open step's title says `(step)`: the count following the item in view, say. */
export async function expectStepTitle(page: Page, step: string): Promise<string> {
  await waitForStep(page, step);
  return (await page.locator(title).first().innerText()).trim();
}

/** Answers one titled step of a multi-step input ("… (2/5)") and waits until the next step (or none) shows. */
export async function answerStep(page: Page, step: string, value: string): Promise<void> {
  await waitForStep(page, step);
  const input = page.locator(inputBox);
  await input.fill(value);
  await input.press('Enter');
  await page.locator(title).filter({ hasText: `(${step})` }).first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * Types `value` into the open step titled "… (`step`)" without accepting it, and waits until the
 * step's message (the prompt, replaced by the validation message while a value is refused) says
 * `expected`; fails with what it said instead.
 */
export async function expectStepMessage(page: Page, step: string, value: string, expected: string): Promise<void> {
  await waitForStep(page, step);
  await page.locator(inputBox).fill(value);
  const message = page.locator(`${quickInput} .quick-input-message`);
  const deadline = Date.now() + 10_000;
  let text = '';
  while (!text.includes(expected) && Date.now() < deadline) {
    await page.waitForTimeout(100);
    text = (await message.innerText().catch(() => '')).replace(/\s+/g, ' ').trim();
  }
  if (!text.includes(expected)) {
    throw new Error(`step ${step} with "${value}" says ${JSON.stringify(text)}, not "${expected}"`);
  }
}
