/**
 * Code fences whose language is named like one of Object's members (`constructor`, `__proto__`,
 * `toString`, …), in headless Chromium: the page throws nothing (useChatPage fails a test whose
 * page threw), the code is shown, and Copy, Insert at cursor and Open in new file post messages
 * the host's guard accepts, the language passed on as the plain name it is.
 */

import { deepStrictEqual, strictEqual } from 'node:assert';
import { parseFromWebview } from '../../src/protocol/guards';
import { assistantMessage, snapshot, stream, userMessage } from './fixtures';
import { useChatPage } from './useChatPage';

/** Names Object.prototype answers to, as a model might tag a fence (case kept: the tables fold it). */
const objectMemberFences = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__defineGetter__', 'Constructor'];

function fenced(language: string): string {
  return `\`\`\`${language}\nconst tag = '${language}';\n\`\`\`\n`;
}

describe('chat webview: fences named like Object members', function () {
  const { chat } = useChatPage();

  it('renders each without a page error; Copy, Insert and New file post well-formed messages', async () => {
    const content = objectMemberFences.map((language) => `Block ${language}:\n\n${fenced(language)}`).join('\n');
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Fences?'), assistantMessage('a1', content)] }));
    const page = chat().page;
    // A grammar is looked up and compiled a task later: give that task its turn.
    await page.waitForTimeout(100);
    await chat().settle();
    deepStrictEqual(
      await page.locator('.code-block pre code').allTextContents(),
      objectMemberFences.map((language) => `const tag = '${language}';\n`),
    );
    for (const language of objectMemberFences) {
      const block = page.getByRole('group', { name: `Code block (${language})`, exact: true });
      await block.getByRole('button', { name: 'Copy' }).click();
      await block.getByRole('button', { name: 'Insert at cursor' }).click();
      await block.getByRole('button', { name: 'Open in new file' }).click();
      const code = `const tag = '${language}';`;
      const posted = await chat().taken(3);
      deepStrictEqual(posted, [
        { type: 'code/copy', code },
        { type: 'code/insert', code },
        { type: 'code/newFile', code, languageId: language.toLowerCase() },
      ]);
      deepStrictEqual(
        posted.map((message) => parseFromWebview(message)),
        posted.map((message) => ({ ok: true, message })),
        `the host's guard accepts what ${language}'s buttons post`,
      );
    }
  });

  it('streamed a piece at a time, the fence draws and highlights later blocks as before', async () => {
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Fences?'), assistantMessage('a1', '', { status: 'streaming' })], streaming: { requestId: 'r1', messageId: 'a1' } }));
    const text = `${fenced('__proto__')}\n${fenced('constructor')}\n${fenced('ts')}`;
    await chat().deliver(...stream('r1', 'a1', text.match(/[\s\S]{1,5}/g) ?? []));
    await chat().page.waitForTimeout(100);
    await chat().settle();
    const page = chat().page;
    strictEqual(await page.locator('.code-block').count(), 3);
    // The TypeScript block after them is highlighted: the highlighter survived the two before it.
    await page.locator('.code-block pre code.language-ts .hljs-keyword').first().waitFor();
  });
});
