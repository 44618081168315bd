/**
 * Tools in the chat end to end, in code-server from the built .vsix: two MCP servers configured in
 * `switchboard.mcpServers` — the reference filesystem server on a temporary folder, and the
 * repository's fixture server (test/fixtures/mcp), whose `hang` tool never answers and records its
 * cancellation — and a loopback OpenAI-compatible model that calls them. A call is allowed (the
 * file's text goes back to the model), denied (the model is told so), and stopped while it runs
 * (the call is cancelled, and the server hears of it); after a reload the conversation shows the
 * three calls as they ended.
 * Run by `npm run test:e2e` (test/e2e/run.sh); each step is a test, and the first failure stops
 * the rest and leaves a screenshot and a report under .e2e/.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { answerToolCall, chatFrame, clickButton, sendMessage, waitForChatReady, waitForMessages, waitForToolCalls, type ShownMessage } from './chatView';
import { packagedVsix } from './codeServer';
import { piecewiseAnswer, sentMessages, startOpenAiServer, waitUntil, type OpenAiServer, type SeenRequest } from './openaiServer';
import { lastRole, offeredToolNames, toolCallAnswer } from './toolAnswers';
import { useCodeServer } from './useCodeServer';
import { answerInputBox, pickQuickItem, runCommand, waitForWorkbench } from './workbench';

const root = process.cwd();
const key = `sk-e2e-${randomBytes(12).toString('hex')}`;
const notesText = `Remember the code word ${randomBytes(6).toString('hex')}.`;
const filesystemServer = join(root, 'node_modules', '@modelcontextprotocol', 'server-filesystem', 'dist', 'index.js');
const fixtureServer = join(root, 'test', 'fixtures', 'mcp', 'fixtureServer.mjs');

/** One question and what the scripted model does with it: call `tool`, then answer `answer` once the result came back. */
interface Turn {
  question: string;
  callId: string;
  tool: string;
  argumentsJson: string;
  answer: string;
}

/** The text a message shows, its controls aside, with typographic quotes and runs of spaces made plain. */
function readable(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');
}

/** A message as the reload check compares it: who wrote it and, for an answer, how it ended. */
function describeMessage(message: ShownMessage): string {
  return message.role === 'assistant' ? `assistant ${message.status ?? '(no status)'}` : 'user';
}

describe('tools in the Switchboard chat, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  /** Holds notes/notes.txt (the filesystem server's only allowed folder) and the fixture server's record. */
  let scratch = '';
  let notesPath = '';
  let recordPath = '';
  /** What the scripted model is asked about now. */
  let turn: Turn | undefined;

  const chatRequests = (): SeenRequest[] => openai?.chatRequests() ?? [];
  const record = (): string => (recordPath !== '' && existsSync(recordPath) ? readFileSync(recordPath, 'utf8') : '');

  before(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'switchboard-e2e-tools-'));
    mkdirSync(join(scratch, 'notes'));
    notesPath = join(scratch, 'notes', 'notes.txt');
    writeFileSync(notesPath, `${notesText}\n`);
    recordPath = join(scratch, 'slow-server.record');
    openai = await startOpenAiServer();
    // The model: a call of the turn's tool when the turn's question comes, the turn's answer when
    // the call's result comes back.
    openai.answerWith('/v1/chat/completions', (body) => {
      if (turn === undefined) {
        return undefined;
      }
      if (lastRole(body) === 'tool') {
        return { events: piecewiseAnswer(`chatcmpl-e2e-${turn.callId}`, turn.answer.split(/(?<= )/)), intervalMs: 5 };
      }
      if (!offeredToolNames(body).includes(turn.tool)) {
        // The step's own check says what was offered instead.
        return { events: piecewiseAnswer('chatcmpl-e2e-no-tool', [`The request did not offer ${turn.tool}.`]), intervalMs: 5 };
      }
      return { events: toolCallAnswer(root, { id: turn.callId, name: turn.tool, argumentsJson: turn.argumentsJson }), intervalMs: 5 };
    });
  });
  const run = useCodeServer({
    name: 'tools',
    settings: () => ({
      'switchboard.providers': { openai: { baseUrl: openai!.baseUrl } },
      'switchboard.defaultModel': 'openai/gpt-4o-mini',
      // A title from the first line: a title asked of the model would be one more chat request.
      'switchboard.chat.titles': 'firstLine',
      'switchboard.mcpServers': {
        files: { command: process.execPath, args: [filesystemServer, join(scratch, 'notes')] },
        slow: { command: process.execPath, args: [fixtureServer], env: { MCP_FIXTURE_RECORD: recordPath } },
      },
    }),
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
    evidence: () => ({ notesPath, slowServerRecord: record() }),
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
    if (scratch !== '') {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  /** Waits for the chat request numbered `index` (from 0) and checks that it offered `tool`. */
  async function requestOffering(index: number, tool: string): Promise<SeenRequest> {
    await waitUntil(`chat request ${index + 1}`, () => chatRequests().length > index, 20_000, () => chatRequests().length);
    const request = chatRequests()[index]!;
    const offered = offeredToolNames(request.body);
    ok(offered.includes(tool), `chat request ${index + 1} did not offer ${tool}; it offered ${JSON.stringify(offered)}`);
    return request;
  }

  /** Waits for the chat request numbered `index` and answers the text of the tool message it ends with. */
  async function toolResultSent(index: number): Promise<string> {
    await waitUntil(`chat request ${index + 1} (with the tool's result)`, () => chatRequests().length > index, 20_000, () => chatRequests().map((request) => lastRole(request.body)));
    const messages = sentMessages(chatRequests()[index]!);
    deepStrictEqual(messages.at(-1)?.role, 'tool', `chat request ${index + 1} does not end with the tool's result: ${JSON.stringify(messages)}`);
    return messages.at(-1)!.text;
  }

  it('with a key stored, the chat opens', async () => {
    await runCommand(workbench(), 'Switchboard: Set API Key');
    await pickQuickItem(workbench(), 'OpenAI', (label, description) => /^openai$/i.test(label) || /^openai$/i.test(description));
    await answerInputBox(workbench(), key, { password: true });
    await runCommand(workbench(), 'Switchboard: Open Chat');
    await waitForChatReady(workbench());
  });

  it('Allow: the model calls mcp__files__read_text_file, shown from "files" with Allow; allowed, the file\'s text goes back and the answer shows', async () => {
    turn = { question: 'What do my notes say?', callId: 'call_e2e_allow', tool: 'mcp__files__read_text_file', argumentsJson: JSON.stringify({ path: notesPath }), answer: 'Your notes hold a code word.' };
    const frame = chatFrame(workbench());
    await sendMessage(frame, turn.question, 'Enter');
    const first = await requestOffering(0, turn.tool);
    // The built-in workspace tools are offered beside the servers' own.
    ok(offeredToolNames(first.body).includes('read_file'), `the built-in read_file is not offered: ${JSON.stringify(offeredToolNames(first.body))}`);

    const waiting = await waitForToolCalls(frame, 'the call waiting for approval', (calls) => calls[0]?.state === 'awaitingApproval');
    deepStrictEqual(waiting, [{ name: 'read_text_file', source: 'files', state: 'awaitingApproval' }]);
    const asking = frame.locator('[data-role="tool"]').first();
    deepStrictEqual(await asking.getByRole('button').allInnerTexts(), ['Allow', 'Always Allow', 'Deny'], 'the approval buttons');
    await answerToolCall(frame, 0, 'Allow');

    const result = await toolResultSent(1);
    ok(result.includes(notesText), `the tool message does not carry notes.txt's text: ${JSON.stringify(result)}`);
    await waitForMessages(frame, 'the answer after the call', (shown) => shown.length === 2 && shown[1]!.status === 'complete' && readable(shown[1]!.text).includes(turn!.answer));
    deepStrictEqual(await waitForToolCalls(frame, 'the call done', (calls) => calls[0]?.state === 'done'), [{ name: 'read_text_file', source: 'files', state: 'done' }]);
  });

  it('Deny: the model is told the user denied the call, and its answer shows', async () => {
    turn = { question: 'Read my notes again.', callId: 'call_e2e_deny', tool: 'mcp__files__read_text_file', argumentsJson: JSON.stringify({ path: notesPath }), answer: 'Understood, I will go on without them.' };
    const frame = chatFrame(workbench());
    await sendMessage(frame, turn.question, 'Enter');
    await requestOffering(2, turn.tool);
    await waitForToolCalls(frame, 'the second call waiting for approval', (calls) => calls[1]?.state === 'awaitingApproval');
    await answerToolCall(frame, 1, 'Deny');

    const result = await toolResultSent(3);
    ok(result.includes('The user denied this call') && !result.includes(notesText), `the tool message does not say the user denied the call: ${JSON.stringify(result)}`);
    await waitForMessages(frame, 'the answer after the denial', (shown) => shown.length === 4 && shown[3]!.status === 'complete' && readable(shown[3]!.text).includes(turn!.answer));
    await waitForToolCalls(frame, 'the second call denied', (calls) => calls[1]?.state === 'denied');
  });

  it('Stop while the slow tool runs: the answer ends stopped, the call cancelled, the server receives notifications/cancelled, and the chat is ready again', async () => {
    turn = { question: 'Run the slow tool.', callId: 'call_e2e_stop', tool: 'mcp__slow__hang', argumentsJson: '{}', answer: 'This answer never comes: the call is stopped.' };
    const frame = chatFrame(workbench());
    await sendMessage(frame, turn.question, 'Enter');
    await requestOffering(4, turn.tool);
    await waitForToolCalls(frame, 'the slow call waiting for approval', (calls) => calls[2]?.state === 'awaitingApproval');
    await answerToolCall(frame, 2, 'Allow');
    await waitForToolCalls(frame, 'the slow call running', (calls) => calls[2]?.state === 'running');
    await waitUntil('the fixture server to record the call', () => /^started \S+/m.test(record()), 10_000, record);

    await clickButton(frame, 'Stop');
    await waitForMessages(frame, 'the answer marked stopped', (shown) => shown.length === 6 && shown[5]!.status === 'stopped');
    await waitForToolCalls(frame, 'the slow call cancelled', (calls) => calls[2]?.state === 'cancelled', 5_000);
    await waitUntil('the fixture server to record notifications/cancelled', () => /^cancelled /m.test(record()), 10_000, record);
    const started = /^started (\S+)/m.exec(record())![1];
    ok(new RegExp(`^cancelled ${started}: `, 'm').test(record()), `the cancellation names another request than the call's (${started}): ${JSON.stringify(record())}`);

    // Ready again at once: Send is back, and nothing more went to the model.
    await frame.getByRole('button', { name: 'Send', exact: true }).waitFor({ state: 'visible', timeout: 5_000 });
    deepStrictEqual(chatRequests().length, 5, 'chat requests after Stop');
  });

  it('after a window reload, the conversation shows the three calls as they ended: done, denied, cancelled', async () => {
    await workbench().reload({ waitUntil: 'domcontentloaded' });
    await waitForWorkbench(workbench());
    await runCommand(workbench(), 'Switchboard: Open Chat');
    const frame = await waitForChatReady(workbench());
    const restored = await waitForMessages(frame, 'the restored conversation', (shown) => shown.length >= 6, { timeout: 15_000 });
    deepStrictEqual(restored.map(describeMessage), ['user', 'assistant complete', 'user', 'assistant complete', 'user', 'assistant stopped'], 'the messages');
    deepStrictEqual(await waitForToolCalls(frame, 'the three calls', (calls) => calls.length === 3), [
      { name: 'read_text_file', source: 'files', state: 'done' },
      { name: 'read_text_file', source: 'files', state: 'denied' },
      { name: 'hang', source: 'slow', state: 'cancelled' },
    ]);
    deepStrictEqual(await frame.getByRole('button', { name: 'Allow', exact: true }).count(), 0, 'a finished call still offers Allow');
  });
});
