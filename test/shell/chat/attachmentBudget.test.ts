/**
 * Attachments past the budget (src/protocol/attachmentBudget.ts) are refused at the host's door,
 * through the real router and controller: a `chat/send` with more than the count, or more bytes in
 * total, gets a notice in words and reaches neither the conversation, the store nor the model.
 * Attaching the active file past the count is refused the same way.
 */

import assert from 'node:assert/strict';
import { attachmentBudget } from '../../../src/protocol/attachmentBudget';
import type { Attachment } from '../../../src/protocol/messages';
import { coreCompletions, countingCompletions, useChatRigs } from '../../helpers/chatHarness';

/** A data URL of `length` characters (the guard's pattern: base64 after the header). */
function image(name: string, length: number): Attachment {
  const header = 'data:image/png;base64,';
  return { kind: 'image', name, dataUrl: header + 'A'.repeat(length - header.length) };
}

function files(count: number): Attachment[] {
  return Array.from({ length: count }, (_, index) => ({ kind: 'file', name: `src/file${index}.ts`, languageId: 'typescript', text: `export const n = ${index};` }));
}

const tooMany = `A message can carry at most ${attachmentBudget.count} attachments, and this one has ${attachmentBudget.count + 1}. Remove some, then try again.`;

describe('chat attachments: the budget, refused at the door', () => {
  const rigs = useChatRigs();

  async function setup(): Promise<{ rig: Awaited<ReturnType<typeof rigs.rig>>; asked: () => number }> {
    const { client, asked } = countingCompletions(coreCompletions(rigs.client()));
    const rig = await rigs.rig({ client });
    await rig.open();
    rig.sink.clear();
    return { rig, asked };
  }

  it(`more than ${attachmentBudget.count} attachments: a notice, nothing appended, saved or asked`, async () => {
    const { rig, asked } = await setup();
    await rig.receive({ type: 'chat/send', requestId: 'r1', text: 'Look at these', attachments: files(attachmentBudget.count + 1) });
    await rig.controller.idle();
    assert.deepStrictEqual(rig.sink.messages, [{ type: 'notice', message: tooMany }]);
    assert.equal(asked(), 0);
    assert.equal(rig.store.saves, 0);
    assert.deepStrictEqual((await rig.controller.conversation())?.messages, []);
  });

  it(`more than ${attachmentBudget.totalBytes} bytes in total (images, or text counted in UTF-8): a notice, nothing asked`, async () => {
    const { rig, asked } = await setup();
    // Two images that each fit the guard's per-image limit but not the budget together.
    await rig.receive({ type: 'chat/send', requestId: 'r1', text: 'Two big ones', attachments: [image('a.png', 11_000_000), image('b.png', 11_000_000)] });
    // Ten texts of 1,100,000 characters: 11 million characters, but 22 million bytes in UTF-8.
    const accented = Array.from({ length: 10 }, (_, index): Attachment => ({ kind: 'file', name: `notes${index}.md`, text: 'é'.repeat(1_100_000) }));
    await rig.receive({ type: 'chat/send', requestId: 'r2', text: 'Notes', attachments: accented });
    await rig.controller.idle();
    assert.deepStrictEqual(rig.sink.messages, [
      { type: 'notice', message: "A message's attachments can add up to at most 20 MB, and these come to 21 MB. Remove some, then try again." },
      { type: 'notice', message: "A message's attachments can add up to at most 20 MB, and these come to 21 MB. Remove some, then try again." },
    ]);
    assert.equal(asked(), 0);
    assert.equal(rig.store.saves, 0);
  });

  it('at the budget exactly, the message is sent and answered', async () => {
    const { rig, asked } = await setup();
    rig.models.vision.add('mock/echo');
    const header = 'data:image/png;base64,'.length;
    const rest = attachmentBudget.totalBytes - header * 2;
    const images = [image('a.png', header + Math.floor(rest / 2)), image('b.png', header + Math.ceil(rest / 2))];
    await rig.receive({ type: 'chat/send', requestId: 'r1', text: 'Exactly the budget', attachments: images });
    await rig.controller.idle();
    await rig.receive({ type: 'chat/send', requestId: 'r2', text: 'Ten files', attachments: files(attachmentBudget.count) });
    await rig.controller.idle();
    assert.equal(asked(), 2);
    assert.deepStrictEqual(rig.sink.of('notice'), []);
    const questions = rig.sink.of('chat/appended').filter((message) => message.message.role === 'user');
    assert.deepStrictEqual(questions.map((message) => message.message.attachments?.length), [2, attachmentBudget.count]);
  });

  it('attaching the active file past the count adds nothing and says why', async () => {
    const { rig } = await setup();
    await rig.controller.setDraft({ attachments: files(attachmentBudget.count) });
    rig.sink.clear();
    await rig.controller.appendToDraft({ attachments: [{ kind: 'file', name: 'src/one-more.ts', text: 'x' }] });
    assert.deepStrictEqual(rig.sink.flow(), [{ type: 'notice', message: tooMany }]);
    const snapshot = (async () => {
      await rig.receive({ type: 'ready' });
      return rig.sink.of('state/snapshot')[0]?.snapshot.draft?.attachments.length;
    })();
    assert.equal(await snapshot, attachmentBudget.count);
  });
});
