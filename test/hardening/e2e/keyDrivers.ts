/**
 * The moves of the key scenario, each as a person (or another extension) makes it: a chat
 * question and how its answer ended, Test Connection with its verdict dialog, the consumer
 * extension's key calls (Switchboard's consent prompt answered Allow), and user settings changed
 * through VS Code's configuration API by the consumer's Apply Settings.
 */

import { deepStrictEqual } from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chatFrame, sendMessage, waitForChatReady, waitForMessages, type ShownMessage } from '../../e2e/chatView';
import { consumerCommands, settingsToApplyFileName, type ConsumerReport } from '../../e2e/consumer/src/plan';
import { startConsumerCommand, waitForReport } from '../../e2e/consumerResults';
import { answerDialog, answerInputBox, pickQuickItem, runCommand, waitForActivityBarEntry, waitForDialog, type ShownDialog } from '../../e2e/workbench';

/** Sends a chat question and returns the assistant message once `ended` accepts it. */
export async function ask(page: Page, question: string, ended: (message: ShownMessage) => boolean): Promise<ShownMessage> {
  const frame = chatFrame(page);
  const before = (await waitForMessages(frame, 'the chat', () => true)).length;
  await sendMessage(frame, question, 'Enter');
  const shown = await waitForMessages(frame, `the answer to "${question}"`, (messages) => messages.length === before + 2 && ended(messages.at(-1)!));
  return shown.at(-1)!;
}

/** Test Connection on OpenAI: the verdict dialog as shown, then closed. */
export async function testConnection(page: Page): Promise<ShownDialog> {
  await runCommand(page, 'Switchboard: Test Connection');
  await pickQuickItem(page, 'OpenAI', (_label, description) => /^openai$/i.test(description));
  const dialog = await waitForDialog(page, 'the connection verdict');
  await answerDialog(page, dialog.buttons.includes('Cancel') ? 'Cancel' : dialog.buttons.at(-1)!);
  return dialog;
}

/** Runs the consumer's key calls; Switchboard's consent prompt, should it ask, is allowed. Every dialog lands in `dialogs`. */
export async function runKeyCalls(page: Page, resultsFolder: string, dialogs: ShownDialog[]): Promise<ConsumerReport> {
  await startConsumerCommand(page, resultsFolder, consumerCommands.runKeyCalls);
  return waitForReport(page, resultsFolder, consumerCommands.runKeyCalls, {
    onDialog: async (dialog) => {
      dialogs.push(dialog);
      if (!/wants to use your Switchboard models/.test(dialog.message)) {
        return false;
      }
      await answerDialog(page, 'Allow');
      return true;
    },
  });
}

/** Changes user settings as the Settings editor would (a file edited behind the workbench's back may not be re-read). */
export async function applySettings(page: Page, resultsFolder: string, changes: Record<string, unknown>): Promise<void> {
  writeFileSync(join(resultsFolder, settingsToApplyFileName), JSON.stringify(changes));
  await startConsumerCommand(page, resultsFolder, consumerCommands.applySettings);
  const report = await waitForReport(page, resultsFolder, consumerCommands.applySettings);
  deepStrictEqual(
    Object.fromEntries(Object.entries(report.steps).map(([name, step]) => [name, 'error' in step ? step.error : step.value])),
    changes,
    'the settings were not applied',
  );
}

/** Opens the chat from the palette, then stores `key` as OpenAI's through "Switchboard: Set API Key". */
export async function openChatAndStoreOpenAiKey(page: Page, key: string): Promise<void> {
  await waitForActivityBarEntry(page, 'Switchboard');
  await runCommand(page, 'Switchboard: Open Chat');
  await waitForChatReady(page);
  await runCommand(page, 'Switchboard: Set API Key');
  await pickQuickItem(page, 'OpenAI', (label, description) => /^openai$/i.test(label) || /^openai$/i.test(description));
  await answerInputBox(page, key, { password: true });
}
