/**
 * Restricted Mode, end to end in code-server from the built .vsix: workspace trust is on and the
 * folder is not trusted, so VS Code opens it in Restricted Mode. Switchboard declares limited
 * support (`capabilities.untrustedWorkspaces`), so its icon and chat are still there, the chat
 * answers from the endpoint in the user's settings, and the folder's AGENTS.md is not sent (the
 * instruction files wait for trust). Each step is a test; the first failure stops the rest and
 * leaves a report.
 */

import { ok } from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { sendMessage, waitForChatReady, waitForMessages } from './chatView';
import { packagedVsix } from './codeServer';
import { piecewiseAnswer, startOpenAiServer, waitUntil, type OpenAiServer } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { runCommand, waitForActivityBarEntry, waitForWorkbench } from './workbench';

const root = process.cwd();
const question = 'What does this folder hold?';
/** Written in the folder's AGENTS.md: it must not reach the server while the folder is not trusted. */
const instructionMarker = 'instruction-from-an-untrusted-folder';

describe('Restricted Mode: the chat in an untrusted folder, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  before(async () => {
    openai = await startOpenAiServer();
  });
  const run = useCodeServer({
    name: 'restricted',
    workspaceTrust: true,
    settings: () => ({
      // Trust is on, and nothing asks: the folder opens untrusted, in Restricted Mode.
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'switchboard.customEndpoints': [{ name: 'lab', baseUrl: openai!.baseUrl, models: ['writer'] }],
      'switchboard.defaultModel': 'lab/writer',
    }),
    workspaceFiles: { 'AGENTS.md': `# House rules\n\nAlways mention ${instructionMarker}.\n` },
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
  });

  it('the folder is in Restricted Mode, and the Switchboard icon is still in the activity bar', async () => {
    await waitForWorkbench(workbench());
    await workbench().locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await waitForActivityBarEntry(workbench(), 'Switchboard');
  });

  it('the chat opens and answers from the endpoint in the user settings, without the folder\'s AGENTS.md', async () => {
    await runCommand(workbench(), 'Switchboard: Open Chat');
    const frame = await waitForChatReady(workbench());
    openai!.enqueue({ events: piecewiseAnswer('chatcmpl-restricted', ['It ', 'holds ', 'AGENTS.md.']), intervalMs: 5 });
    await sendMessage(frame, question, 'Enter');
    await waitUntil('the chat request', () => openai!.chatRequests().length === 1, 15_000, () => openai!.requests);
    await waitForMessages(frame, 'the answer, complete', (shown) => shown.at(-1)?.role === 'assistant' && shown.at(-1)?.status === 'complete' && shown.at(-1)!.text.includes('holds AGENTS.md.'));
    const sent = openai!.chatRequests()[0]!.rawBody;
    ok(sent.includes(question), 'the question reached the server');
    ok(!sent.includes(instructionMarker), 'an untrusted folder\'s instruction file was sent');
  });
});
