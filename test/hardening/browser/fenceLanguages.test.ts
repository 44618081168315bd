/**
 * Model output tagging code fences with the names every object answers to (`constructor`,
 * `__proto__`, `toString`, … and Function's `call`, `bind`, `name`), in the real chat page in
 * headless Chromium, each delivered two ways (a finished message, and streamed in pieces). After
 * each, the page must have thrown nothing (the highlighter looks grammars up by that name), the
 * code must be shown, and Open in new file must post a message the host's guard accepts, with the
 * name passed on as the plain string it is. The figure is fences that broke something / fences tried.
 */

import { deepStrictEqual, equal } from 'node:assert';
import { parseFromWebview } from '../../../src/protocol/guards';
import { assistantMessage, snapshot, stream, userMessage } from '../../webview/fixtures';
import type { ChatPage } from '../../webview/harness';
import { useChatPage } from '../../webview/useChatPage';
import { recordFigure } from '../figures';

/** Names inherited from Object.prototype and Function.prototype, some in other cases (the tables fold case). */
const inheritedNames = [
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype).filter((name) => !['caller', 'arguments'].includes(name)),
  'prototype', 'CONSTRUCTOR', '__PROTO__', 'ToString', 'HasOwnProperty',
].filter((name, index, all) => all.indexOf(name) === index);

const ways = ['finished message', 'streamed in pieces'] as const;

/** Delivers one answer holding a fence tagged `language`, one of the two ways; each trial its own conversation. */
async function deliverFence(chat: ChatPage, id: number, way: (typeof ways)[number], language: string): Promise<void> {
  const content = `Here:\n\n\`\`\`${language}\nconst tag = ${id};\n\`\`\`\n`;
  const question = userMessage(`u${id}`, 'Code?');
  if (way === 'finished message') {
    await chat.deliver(snapshot({ conversationId: `c${id}`, messages: [question, assistantMessage(`a${id}`, content)] }));
  } else {
    await chat.deliver(snapshot({ conversationId: `c${id}`, messages: [question, assistantMessage(`a${id}`, '', { status: 'streaming' })], streaming: { requestId: `r${id}`, messageId: `a${id}` } }));
    await chat.deliver(...stream(`r${id}`, `a${id}`, content.match(/[\s\S]{1,4}/g) ?? []));
  }
  // The grammar is looked up now and compiled a task later: both get their turn before judging.
  await chat.page.waitForTimeout(30);
  await chat.settle();
}

/** What went wrong with one fence: a page error, the code not shown, New file not posting a well-formed message. */
async function judge(chat: ChatPage, id: number, language: string, errorsBefore: number): Promise<string[]> {
  const problems = chat.errors.slice(errorsBefore).map((error) => `page error: ${error.slice(0, 160)}`);
  const code = chat.page.locator('.code-block pre code');
  const shown = (await code.count()) === 1 ? await code.textContent() : undefined;
  if (shown !== `const tag = ${id};\n`) {
    problems.push(`code not shown (${JSON.stringify(shown)})`);
    return problems;
  }
  const newFile = chat.page.locator('.code-block').getByRole('button', { name: 'Open in new file' });
  if ((await newFile.count()) !== 1) {
    problems.push('no New file button');
    return problems;
  }
  chat.take();
  await newFile.click();
  const posted = await chat.taken(1, 2000);
  const parsed = posted.map((message) => parseFromWebview(message));
  const expected = { type: 'code/newFile', code: `const tag = ${id};`, languageId: language.toLowerCase() };
  if (posted.length !== 1 || JSON.stringify(posted[0]) !== JSON.stringify(expected) || parsed[0]?.ok !== true) {
    problems.push(`New file posted ${JSON.stringify(posted).slice(0, 160)}`);
  }
  return problems;
}

describe('hardening: code fences named like Object members in the chat webview (headless Chromium)', function () {
  this.timeout(300_000);
  const { open } = useChatPage({ pagePerTest: false });
  const failures: string[] = [];
  let tried = 0;
  after(() => {
    recordFigure({ area: 'input', part: 'model output → webview, fence languages', bad: failures.length, tried, failures });
  });

  it('the judge is not blind: a page error and a missing New file are reported', async () => {
    const chat = await open();
    await deliverFence(chat, 1, 'finished message', 'ts');
    const errorsBefore = chat.errors.length;
    await chat.page.evaluate(() => {
      setTimeout(() => {
        throw new Error('control');
      }, 0);
      document.querySelector('.code-block [data-action="code-new-file"]')?.remove();
    });
    await chat.page.waitForTimeout(50);
    const problems = await judge(chat, 1, 'ts', errorsBefore);
    deepStrictEqual(problems, ['page error: control', 'no New file button']);
    // The control's own error is not the suite's.
    chat.errors.splice(errorsBefore);
  });

  it(`${inheritedNames.length} inherited names × ${ways.length} ways: no page error, code shown, New file well-formed`, async () => {
    const chat = await open();
    let id = 10;
    for (const language of inheritedNames) {
      for (const way of ways) {
        id++;
        tried++;
        const errorsBefore = chat.errors.length;
        await deliverFence(chat, id, way, language);
        const problems = await judge(chat, id, language, errorsBefore);
        if (problems.length > 0) {
          failures.push(`${way} \`\`\`${language}: ${problems.join('; ')}`);
        }
      }
    }
    equal(tried, inheritedNames.length * ways.length);
    deepStrictEqual(failures, []);
  });
});
