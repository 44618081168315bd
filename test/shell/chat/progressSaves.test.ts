/**
 * A streamed answer is saved as it grows, on the real store on disk: every two seconds at most
 * (one write per interval however many chunks), the end still saved, a reload reading a
 * mid-stream save as a stopped answer with the text so far, and nothing saved after the
 * conversation was deleted.
 */

import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChatMessageView } from '../../../src/protocol/messages';
import type { Conversation } from '../../../src/shell/chat/ports';
import { progressSaveIntervalMs } from '../../../src/shell/chat/progressSaver';
import { coreCompletions, GatedCompletions, useChatRigs } from '../../helpers/chatHarness';
import { until, useDiskRigs } from './diskRig';

/** The mock streams word by word, whitespace kept. */
function words(text: string): string[] {
  return text.match(/\s*\S+\s*|\s+/g) ?? [];
}

/** The answer as the file on disk holds it now (read raw: what a killed host leaves behind). */
async function answerOnDisk(directory: string, id: string): Promise<ChatMessageView | undefined> {
  const conversation = JSON.parse(await readFile(join(directory, `${id}.json`), 'utf8')) as Conversation;
  return conversation.messages.at(-1);
}

describe('chat: a streaming answer is saved as it grows', () => {
  const rigs = useChatRigs();
  const diskRig = useDiskRigs();

  async function streaming(): Promise<{ directory: string; gated: GatedCompletions; rig: Awaited<ReturnType<typeof diskRig>>; pieces: string[] }> {
    const directory = await rigs.directory();
    const gated = new GatedCompletions(coreCompletions(rigs.client()));
    const rig = await diskRig({ directory, client: gated });
    await rig.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    // The whole answer, as the mock gives it: the first complete answer of another rig.
    const whole = await rigs.rig();
    await whole.receive({ type: 'chat/send', requestId: 'req-1', text: 'Hi', attachments: [] });
    await whole.controller.idle();
    const pieces = words((await whole.controller.conversation())?.messages.at(-1)?.content ?? '');
    assert.ok(pieces.length > 40, 'the mock answer is long enough to stream in parts');
    return { directory, gated, rig, pieces };
  }

  it(`writes the text so far once per ${progressSaveIntervalMs} ms however many chunks arrive, and the end as before`, async () => {
    const { directory, gated, rig, pieces } = await streaming();
    assert.equal(rig.store.saves, 1, 'the question is saved when asked');
    gated.release(1 + 5); // the role chunk, then five words
    await until(() => gated.delivered === 6, 'five words');
    rig.env.clock.advance(progressSaveIntervalMs - 1);
    assert.equal(rig.store.saves, 1, 'not before the interval');
    rig.env.clock.advance(1);
    await until(async () => (await answerOnDisk(directory, 'id-1'))?.content === pieces.slice(0, 5).join(''), 'the five words on disk');
    assert.equal((await answerOnDisk(directory, 'id-1'))?.status, 'streaming');
    // Thirty more chunks, one at a time: still one write for the whole next interval.
    for (let chunk = 1; chunk <= 30; chunk++) {
      gated.release(1);
      await until(() => gated.delivered === 6 + chunk, `chunk ${chunk}`);
    }
    assert.equal(rig.store.saves, 2, 'no write per chunk');
    assert.deepStrictEqual(rig.env.clock.pending, [progressSaveIntervalMs], 'one save waits, a whole interval from the last');
    rig.env.clock.advance(progressSaveIntervalMs);
    await until(async () => (await answerOnDisk(directory, 'id-1'))?.content === pieces.slice(0, 35).join(''), 'thirty-five words on disk');
    assert.equal(rig.store.saves, 3);
    gated.release(10_000);
    await rig.controller.idle();
    assert.equal(rig.store.saves, 4, 'the end is saved once more');
    assert.deepStrictEqual(rig.env.clock.pending, [], 'no save waits after the end');
    const end = await answerOnDisk(directory, 'id-1');
    assert.deepStrictEqual([end?.status, end?.content], ['complete', pieces.join('')]);
  });

  it('a window reloaded after a kill mid-stream shows the text saved so far, as a stopped answer (not streaming forever)', async () => {
    const { directory, gated, rig, pieces } = await streaming();
    gated.release(1 + 8);
    await until(() => gated.delivered === 9, 'eight words');
    rig.env.clock.advance(progressSaveIntervalMs);
    await until(async () => (await answerOnDisk(directory, 'id-1'))?.content === pieces.slice(0, 8).join(''), 'eight words on disk');
    // The first host is still streaming (as a killed one never finished): a second one opens the folder.
    const reloaded = await diskRig({ directory, client: gated, idPrefix: 'again' });
    const snapshot = reloaded.sink.of('state/snapshot')[0]?.snapshot;
    assert.deepStrictEqual(
      snapshot?.messages.map((message) => [message.role, message.status, message.content]),
      [
        ['user', 'complete', 'Hi'],
        ['assistant', 'stopped', pieces.slice(0, 8).join('')],
      ],
    );
    assert.equal(snapshot?.streaming, undefined);
    assert.equal((await reloaded.controller.conversation('id-1'))?.messages.at(-1)?.status, 'stopped', 'an export of it reads it stopped too');
  });

  it('saves nothing more of an answer whose conversation was deleted mid-stream', async () => {
    const { directory, gated, rig } = await streaming();
    gated.release(1 + 5);
    await until(() => gated.delivered === 6, 'five words');
    await rig.receive({ type: 'history/delete', conversationId: 'id-1' });
    const saves = rig.store.saves;
    rig.env.clock.advance(10 * progressSaveIntervalMs);
    gated.release(10_000);
    await rig.controller.idle();
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(rig.store.saves, saves, 'no save after the delete');
    assert.deepStrictEqual((await readdir(directory)).filter((name) => name.startsWith('id-1')), [], 'the deleted conversation stays deleted');
  });
});
