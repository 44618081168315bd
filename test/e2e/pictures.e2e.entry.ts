/**
 * The product's pictures (media/pictures/*.png: the walkthrough's and the README's), taken from
 * the real extension: the packaged .vsix in code-server, answering from a loopback
 * OpenAI-compatible server with scripted answers. Run by `npm run pictures` (scripts/pictures.sh),
 * not by `npm test`: the pictures are committed, and this regenerates them when the UI changes.
 * Each picture is a step, so a failure names the one that could not be taken.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chatFrame, sendMessage, waitForChatReady, waitForMessages, waitForToolCalls } from './chatView';
import { packagedVsix } from './codeServer';
import { piecewiseAnswer, startOpenAiServer, waitUntil, type OpenAiServer } from './openaiServer';
import { toolCallAnswer } from './toolAnswers';
import { useCodeServer } from './useCodeServer';
import { runCommand, waitForWorkbench } from './workbench';

const root = process.cwd();
const pictures = join(root, 'media', 'pictures');

const source = `export interface Order {
  id: string;
  items: { price: number; quantity: number }[];
}

export function orderTotal(order: Order): number {
  let total = 0;
  for (const item of order.items) {
    total += item.price * item.quantity;
  }
  return total;
}
`;

const consumer = `import * as vscode from 'vscode';
import type { SwitchboardExports } from './switchboard-api';

// Another extension asks for a model's answer through Switchboard (the user allows it once).
export async function explain(context: vscode.ExtensionContext, code: string): Promise<string | undefined> {
  const switchboard = vscode.extensions.getExtension<SwitchboardExports>('switchboard.switchboard');
  const api = (await switchboard?.activate())?.getApi(1, { extensionId: context.extension.id });
  const answer = await api?.completion({
    model: 'anthropic/claude-sonnet-4-5',
    messages: [{ role: 'user', content: \`Explain:\\n\${code}\` }],
  });
  return answer?.choices[0]?.message.content ?? undefined;
}
`;

const refactorAnswer = [
  'You can let `reduce` keep the running total:\n\n',
  '```ts src/orders.ts\n',
  'export function orderTotal(order: Order): number {\n',
  '  return order.items.reduce((total, item) => total + item.price * item.quantity, 0);\n',
  '}\n',
  '```\n\n',
  'It returns `0` for an order without items, as before.',
];

const toolAnswer = [
  'An `Order` has two fields:\n\n',
  '- `id`, a string;\n',
  '- `items`, each with a `price` and a `quantity` — `orderTotal` multiplies and adds them.',
];

describe('the pictures of the product, from the .vsix in code-server', function () {
  this.timeout(90_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  before(async () => {
    openai = await startOpenAiServer();
    mkdirSync(pictures, { recursive: true });
  });
  const run = useCodeServer({
    name: 'pictures',
    settings: () => ({
      'switchboard.customEndpoints': [{ name: 'team-vllm', baseUrl: openai!.baseUrl, models: ['qwen2.5-coder-32b', 'llama-3.3-70b'] }],
      'switchboard.defaultModel': 'team-vllm/qwen2.5-coder-32b',
      'switchboard.chat.titles': 'firstLine',
      'workbench.colorTheme': 'Default Dark Modern',
      'editor.minimap.enabled': false,
    }),
    workspaceFiles: { 'src/orders.ts': source, 'src/consumer.ts': consumer },
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
  });

  /** Opens a workspace file in the editor by its path, through Quick Open. */
  async function openFile(path: string): Promise<void> {
    const page = workbench();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(path);
    const name = path.split('/').pop()!;
    // The list is refreshed after typing: wait for the file's own row, not the first one shown.
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    await row.click();
    await page.locator(`.tab[aria-label^="${name}"]`).first().waitFor({ state: 'visible', timeout: 10_000 });
  }

  async function picture(name: string): Promise<void> {
    // The cursor's blink and a hover would differ from run to run.
    await workbench().mouse.move(1, 1);
    await workbench().waitForTimeout(400);
    await workbench().screenshot({ path: join(pictures, `${name}.png`) });
  }

  it('ask-about-selection.png: code selected in the editor, asked about in the chat, answered with a block to Apply', async () => {
    await waitForWorkbench(workbench());
    await openFile('src/orders.ts');
    const editor = workbench().locator('.monaco-editor .view-lines').first();
    await editor.click();
    await workbench().keyboard.press('Control+A');
    // Its keybinding, in the editor that holds the selection (the palette would take the focus).
    await workbench().keyboard.press('Control+Alt+A');
    const frame = await waitForChatReady(workbench());
    openai!.enqueue({ events: piecewiseAnswer('chatcmpl-pictures-1', refactorAnswer), intervalMs: 5 });
    await sendMessage(frame, 'Can this be shorter?', 'Enter');
    await waitUntil('the chat request', () => openai!.chatRequests().length === 1, 15_000, () => openai!.requests);
    await waitForMessages(frame, 'the answer, complete', (shown) => shown.at(-1)?.role === 'assistant' && shown.at(-1)?.status === 'complete');
    await frame.locator('.hljs-keyword').first().waitFor({ state: 'visible', timeout: 10_000 });
    await picture('ask-about-selection');
  });

  it('apply-review.png: Apply on the answer\'s block opens the diff review with Accept and Reject', async () => {
    await chatFrame(workbench()).getByRole('button', { name: 'Apply to file (review the change first)' }).first().click({ timeout: 10_000 });
    await workbench().locator('.tabs-container .tab').filter({ hasText: 'proposed' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await picture('apply-review');
    await runCommand(workbench(), 'Switchboard: Reject Proposed Change');
  });

  it('tools.png: the model reads a workspace file with the read-only read_file tool, then answers', async () => {
    const frame = chatFrame(workbench());
    openai!.enqueue({ events: toolCallAnswer(root, { id: 'call_pictures_read', name: 'read_file', argumentsJson: JSON.stringify({ path: 'src/orders.ts' }) }), intervalMs: 5 });
    openai!.enqueue({ events: piecewiseAnswer('chatcmpl-pictures-2', toolAnswer), intervalMs: 5 });
    await sendMessage(frame, 'Which fields does an order have?', 'Enter');
    await waitForToolCalls(frame, 'the read_file call, done', (calls) => calls[0]?.state === 'done');
    await waitForMessages(frame, 'the answer after the call', (shown) => shown.at(-1)?.role === 'assistant' && shown.at(-1)?.status === 'complete' && (shown.at(-1)?.text ?? '').includes('two fields'));
    await picture('tools');
  });

  it('model-picker.png: "Select Model" lists the custom endpoint\'s models', async () => {
    await runCommand(workbench(), 'Switchboard: Select Model');
    await workbench().locator('.quick-input-widget .monaco-list-row', { hasText: 'llama-3.3-70b' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await picture('model-picker');
    await workbench().keyboard.press('Escape');
  });

  it('add-provider.png: "Add Provider" offers every provider with a one-line description', async () => {
    await runCommand(workbench(), 'Switchboard: Add Provider');
    await workbench().locator('.quick-input-widget .monaco-list-row', { hasText: 'Anthropic' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await picture('add-provider');
    await workbench().keyboard.press('Escape');
  });

  it('api.png: another extension calling Switchboard\'s API', async () => {
    await openFile('src/consumer.ts');
    await picture('api');
  });
});
