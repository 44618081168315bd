/**
 * Crashes, proven in a real VS Code (code-server, from the built .vsix): while the chat writes
 * conversations — a question sent, the loopback server streaming its answer slowly — the
 * extension host is killed with SIGKILL at a random moment (before the question is saved, mid-
 * stream, while the end is saved, or idle), brought back as the workbench offers, and the chat
 * must show the conversation as it was saved: every message from before that trial unchanged, at
 * most the in-flight exchange missing or cut short. After every kill the history lists every
 * conversation with its message count and every file on disk parses; at the end each conversation
 * opens from the history with what it held. Figure: `crashes` — kills after which a conversation
 * was lost or damaged / kills.
 *
 * A kill costs 4–5 seconds on a 2-core machine (a new host boots, Switchboard activates, the view
 * is re-created), so the trials stop at 100 kills or when the time budget is spent
 * (SWITCHBOARD_CRASH_BUDGET_SECONDS, default 720: enough for 100 on an idle 2-core machine),
 * whichever comes first, and never before 10; the figure counts the kills made. Run by
 * `npm run test:hardening`.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { chatFrame, sendMessage, shownMessages, waitForChatReady, waitForMessages } from '../../e2e/chatView';
import { packagedVsix } from '../../e2e/codeServer';
import { startOpenAiServer, wordByWordAnswer, type OpenAiServer } from '../../e2e/openaiServer';
import { answerInputBox, pickQuickItem, runCommand, waitForActivityBarEntry } from '../../e2e/workbench';
import { recordFigure } from '../figures';
import { readSavedConversations } from './conversationFiles';
import { conversationKey, inFlightOutcome, restoredProblems, turnsOf, type InFlight, type Turn } from './conversationRecord';
import { awaitExtensionHostRestart, extensionHostPid, killExtensionHost } from './extensionHost';
import { useHardeningCodeServer } from './hardeningCodeServer';
import { openFromHistory, readHistory } from './historyPanel';

const root = process.cwd();
const targetKills = 100;
const minimumKills = 10;
const budgetMs = Number(process.env['SWITCHBOARD_CRASH_BUDGET_SECONDS'] ?? '720') * 1_000;
/** A new conversation every this many kills, so the history holds several. */
const killsPerConversation = 10;
/** 30 words, one every 30 ms: about a second of streaming, and the kill lands anywhere in it or after. */
const answer = wordByWordAnswer(30);
const answerIntervalMs = 30;
const killWindowMs = 1_400;

/** Turns a chat shows once no answer streams (after a restart, the snapshot of the saved conversation). */
async function settledTurns(frame: FrameLocator): Promise<Turn[]> {
  return turnsOf(await waitForMessages(frame, 'a chat with no answer streaming', (messages) => messages.every((message) => message.status !== 'streaming'), { timeout: 15_000 }));
}

describe('crashes in code-server: the extension host killed (SIGKILL) while conversations are written', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  /** Each conversation's turns as last verified, by its first question. */
  const conversations = new Map<string, Turn[]>();
  const failures: string[] = [];
  /** Kills after which something saved was missing or changed. */
  let losses = 0;
  let kills = 0;
  let loopEnded = false;

  before(async () => {
    openai = await startOpenAiServer();
    openai.answerWith('/v1/chat/completions', () => ({ events: answer.events, intervalMs: answerIntervalMs }));
  });
  const workbench = useHardeningCodeServer({
    name: 'crashes',
    // Titles from the first line: a title written between two kills would read as a changed conversation.
    settings: () => ({ 'switchboard.providers': { openai: { baseUrl: openai!.baseUrl } }, 'switchboard.defaultModel': 'openai/gpt-4o-mini', 'switchboard.chat.titles': 'firstLine' }),
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
    evidence: () => ({ kills, failures, conversations: Object.fromEntries(conversations) }),
  });
  const conversationsDirectory = (): string => join(workbench().folders.userDataDir, 'User', 'globalStorage', 'switchboard.switchboard', 'conversations');
  after(async () => {
    // Recorded even when a step failed, so the figure shows what was tried; a loop cut short counts.
    const cutShort = loopEnded ? [] : [`the trials stopped after ${kills} kills (see the failed step)`];
    recordFigure({ area: 'crashes', part: 'code-server extension host (kill -9)', bad: losses + cutShort.length, tried: kills, failures: [...failures, ...cutShort] });
    await openai?.close();
  });

  it('the chat opens empty; a key is stored through "Set API Key"', async () => {
    const { page } = workbench();
    await waitForActivityBarEntry(page, 'Switchboard');
    await runCommand(page, 'Switchboard: Open Chat');
    const frame = await waitForChatReady(page);
    await runCommand(page, 'Switchboard: Set API Key');
    await pickQuickItem(page, 'OpenAI', (label, description) => /^openai$/i.test(label) || /^openai$/i.test(description));
    await answerInputBox(page, `sk-crash-test-${process.pid}`, { password: true });
    ok(extensionHostPid(workbench().codeServer.pid) !== undefined, 'no extension host process in code-server');
    deepStrictEqual(await settledTurns(frame), [], 'a fresh profile starts with an empty chat');
  });

  it(`kills the extension host at random moments while the chat writes (up to ${targetKills} kills); nothing saved is lost`, async function () {
    this.timeout(budgetMs + 180_000);
    const { page, codeServer } = workbench();
    const started = Date.now();
    let shown: Turn[] = [];
    let conversationNumber = 0;
    let questionNumber = 0;
    /** Where the kills landed, as the restored chat tells: how much of the in-flight exchange was saved. */
    const outcomes: Record<ReturnType<typeof inFlightOutcome>, number> = { 'question lost': 0, 'question saved, no answer': 0, 'answer cut short': 0, 'answer whole': 0 };
    while (kills < targetKills && (Date.now() - started < budgetMs || kills < minimumKills)) {
      const frame = chatFrame(page);
      if (kills % killsPerConversation === 0) {
        if (shown.length > 0) {
          await frame.getByRole('button', { name: 'New chat' }).first().click({ timeout: 10_000 });
          await waitForMessages(frame, 'a new, empty chat', (messages) => messages.length === 0);
        }
        shown = [];
        conversationNumber++;
        questionNumber = 0;
      }
      questionNumber++;
      const inFlight: InFlight = { question: `conversation ${conversationNumber}, question ${questionNumber}`, answer: answer.text };
      const base = shown;
      const writing = conversationKey(base) ?? inFlight.question;

      await sendMessage(frame, inFlight.question, 'Enter');
      await page.waitForTimeout(Math.random() * killWindowMs);
      const before = turnsOf(await shownMessages(frame));
      // The view of the dead host must not be read for the restored one: mark it, and wait for it to go.
      await page.locator('iframe.webview').evaluateAll((frames) => frames.forEach((element) => element.setAttribute('data-hardening-killed', '')));
      const host = extensionHostPid(codeServer.pid);
      ok(host !== undefined, `kill ${kills + 1}: no extension host to kill`);
      killExtensionHost(host);
      kills++;

      await awaitExtensionHostRestart(page, codeServer.pid, host);
      await page.locator('iframe.webview[data-hardening-killed]').first().waitFor({ state: 'detached', timeout: 20_000 });
      const restored = await settledTurns(await waitForChatReady(page));
      const showing = conversationKey(restored);
      const problems =
        showing === writing || (showing === undefined && base.length === 0)
          ? restoredProblems(base, inFlight, restored)
          : base.length > 0
            ? [`the chat shows ${JSON.stringify(showing)}, not the conversation being written (${JSON.stringify(writing)})`]
            : // The new conversation's only question was in flight and not saved: the latest saved one shows, unchanged.
              restoredProblems(conversations.get(showing ?? '') ?? [], { question: '', answer: '' }, restored);
      if (showing !== undefined) {
        conversations.set(showing, restored);
      }

      const listed = await readHistory(chatFrame(page), conversations.size);
      for (const [title, turns] of conversations) {
        const row = listed.find((candidate) => candidate.title === title);
        if (row?.messages !== turns.length) {
          problems.push(`the history lists ${JSON.stringify(title)} as ${JSON.stringify(row)}, not with its ${turns.length} messages`);
        }
      }
      const saved = readSavedConversations(conversationsDirectory());
      problems.push(...saved.damaged.map((damage) => `a damaged file: ${damage}`));
      for (const title of conversations.keys()) {
        if (!saved.titles.includes(title)) {
          problems.push(`no file holds ${JSON.stringify(title)}`);
        }
      }

      outcomes[inFlightOutcome(base, restored)]++;
      if (problems.length > 0) {
        losses++;
        failures.push(`kill ${kills} (after ${before.length - base.length} in-flight messages showed): ${problems.join('; ')}`);
      }
      shown = restored;
    }
    loopEnded = true;
    const seconds = (Date.now() - started) / 1_000;
    console.log(`      ${kills} kills in ${seconds.toFixed(0)} s (${((seconds * 1_000) / kills).toFixed(0)} ms each), ${conversations.size} conversations; the in-flight exchange after the kill: ${JSON.stringify(outcomes)}`);
    ok(kills >= minimumKills, `only ${kills} kills`);
    deepStrictEqual(failures, [], 'kills after which something saved was lost or damaged');
  });

  it('afterwards every saved conversation opens from the history with everything it held', async () => {
    const { page } = workbench();
    for (const [title, turns] of conversations) {
      const frame = chatFrame(page);
      await openFromHistory(frame, title);
      try {
        await waitForMessages(frame, `the conversation ${JSON.stringify(title)}`, (messages) => JSON.stringify(turnsOf(messages)) === JSON.stringify(turns), { timeout: 10_000 });
      } catch (error) {
        losses++;
        failures.push(`${JSON.stringify(title)} did not open with its ${turns.length} messages: ${String(error).slice(0, 500)}`);
      }
    }
    deepStrictEqual(failures, [], 'conversations that did not open whole');
  });

  it('and the chat still answers in full', async () => {
    const frame = chatFrame(workbench().page);
    await frame.getByRole('button', { name: 'New chat' }).first().click({ timeout: 10_000 });
    await sendMessage(frame, 'after the crashes', 'Enter');
    const shown = await waitForMessages(frame, 'a whole answer', (messages) => messages.length === 2 && messages[1]!.status === 'complete');
    deepStrictEqual(turnsOf(shown)[1]?.text, answer.text);
  });
});
