/**
 * Every state the chat can be shown in, each as the steps that bring a fresh chat page there, the
 * way the webview's feature tests reach it (test/webview/*.test.ts): host messages delivered as
 * VS Code delivers them, and clicks where the user opens something (history, model picker, tools).
 * For checks that walk every state, such as the accessibility audit.
 */

import type { ChatPage } from '../../webview/harness';
import { assistantMessage, failedAnswer, snapshot, stream, userMessage } from '../../webview/fixtures';
import { round, toolCall, toolsView } from '../../webview/toolFixtures';

export interface ChatState {
  name: string;
  reach: (chat: ChatPage) => Promise<void>;
}

/**
 * An answer with highlighted code of every token kind the chat colours (keywords, strings,
 * numbers, functions, classes, parameters, properties, comments), a line too long for the view
 * (the block scrolls sideways), and the rest of markdown: a heading of the first level, inline
 * code, a link, a quote, a table.
 */
const answerWithCode = [
  '# The App class',
  '',
  'Here is **the class**, see [the docs](https://example.com/docs) and `App.start()`:',
  '',
  '```ts',
  '// Starts the app and counts its visits.',
  'export class App extends Base {',
  '  private readonly visits: Map<string, number> = new Map();',
  '  start(port = 8080, name = "switchboard"): boolean { return this.listen({ port, name, retries: 3, reason: `started at ${new Date().toISOString()}` }); }',
  '}',
  '```',
  '',
  '> A quote, for the record.',
  '',
  '| option | default |',
  '| --- | --- |',
  '| port | 8080 |',
].join('\n');

async function conversationWithCode(chat: ChatPage): Promise<void> {
  await chat.snapshot(snapshot({ messages: [userMessage('u1', 'Write me an App class.'), assistantMessage('a1', answerWithCode, { usage: { promptTokens: 40, completionTokens: 90, cost: 0.0012 } })] }));
  // The markdown renderer and the grammar load after the first paint.
  await chat.page.locator('.code-block pre .hljs-keyword').first().waitFor();
  await chat.settle();
}

export const chatStates: readonly ChatState[] = [
  {
    name: 'empty',
    reach: async (chat) => {
      await chat.snapshot(snapshot({ title: '', messages: [], history: [] }));
    },
  },
  { name: 'a conversation with code', reach: conversationWithCode },
  {
    name: 'streaming',
    reach: async (chat) => {
      await chat.snapshot(
        snapshot({ messages: [userMessage('u1', 'Tell me a story.'), assistantMessage('a1', '', { status: 'streaming' })], streaming: { requestId: 'r1', messageId: 'a1' } }),
      );
      await chat.deliver(...stream('r1', 'a1', ['Once upon ', 'a time, a **switchboard** ', 'connected every call.\n\n```py\nprint("hello")\n```\n\nThen']));
      await chat.page.locator('.code-block pre .hljs-string').first().waitFor();
      await chat.settle();
    },
  },
  {
    name: 'an error with its actions',
    reach: async (chat) => {
      await chat.snapshot(snapshot({ messages: [userMessage('u1', 'Hi')] }));
      await chat.deliver(...failedAnswer());
      await chat.page.getByRole('alert').getByRole('button', { name: 'Retry' }).waitFor();
      await chat.settle();
    },
  },
  {
    name: 'the history list',
    reach: async (chat) => {
      await chat.snapshot(snapshot({ messages: [userMessage('u1', 'What is 2 + 2?'), assistantMessage('a1', 'It is **4**.')] }));
      await chat.page.getByRole('button', { name: 'History' }).click();
      await chat.page.getByRole('region', { name: 'History' }).waitFor();
      await chat.settle();
    },
  },
  {
    name: 'the model picker',
    reach: async (chat) => {
      await chat.snapshot(snapshot());
      await chat.page.getByRole('combobox', { name: 'Model' }).click();
      await chat.page.getByRole('option', { name: 'Claude Sonnet 4.5' }).waitFor();
      await chat.settle();
    },
  },
  {
    name: 'the tools picker',
    reach: async (chat) => {
      await chat.snapshot(snapshot({ tools: toolsView() }));
      await chat.page.getByRole('button', { name: /^Tools(: \d+ on)?$/ }).click();
      await chat.page.getByRole('dialog', { name: 'Tools' }).waitFor();
      await chat.settle();
    },
  },
  {
    name: 'a tool approval',
    reach: async (chat) => {
      await chat.snapshot(
        snapshot({
          tools: toolsView(),
          messages: [
            userMessage('u1', 'Read app.ts, then fix it.'),
            assistantMessage('a1', '', { status: 'streaming', rounds: [round('I will read it first.', [toolCall('c0', { result: { text: 'export const app = 1;', isError: false, durationMs: 12 } })])] }),
          ],
          streaming: { requestId: 'r1', messageId: 'a1' },
        }),
      );
      await chat.deliver(
        { type: 'chat/delta', requestId: 'r1', messageId: 'a1', seq: 0, content: 'Now I write the fix.' },
        { type: 'chat/tool', requestId: 'r1', messageId: 'a1', call: toolCall('c1', { name: 'write_file', arguments: '{"path":"src/app.ts","content":"export const app = 2;"}', state: 'awaitingApproval' }) },
      );
      await chat.page.getByRole('button', { name: 'Always Allow' }).waitFor();
      await chat.settle();
    },
  },
];
