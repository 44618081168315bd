/**
 * The webview is untrusted: 10,000 invalid messages (hostileMessages.ts, seeded) posted to the
 * host through the real router and controller. Each must be dropped at the door — one debug line
 * saying so, nothing posted to the view, no shell service called, no throw, no unhandled rejection,
 * no prototype touched — and none may change the host's state (checked whole every 1,000 and at
 * the end: the view's snapshot, every file of the store, the model, the settings). A valid message
 * afterwards still works. The figure is messages accepted-or-crashed / messages tried.
 */

import assert from 'node:assert/strict';
import { chooseSeed, seededRandom } from '../../helpers/seededRandom';
import { recordFigure } from '../figures';
import { HostileMessages } from './hostMessages/hostileMessages';
import { HostRig, type HostState } from './hostMessages/hostRig';

const messageCount = 10_000;
const checkStateEvery = 1_000;

describe('hardening: 10,000 hostile messages from the webview to the host', function () {
  this.timeout(300_000);
  const seed = chooseSeed();
  let rig: HostRig;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  before(async () => {
    rig = await HostRig.withHistory();
    process.on('unhandledRejection', onUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await rig?.close();
  });

  it(`drops every one at the door, crashes on none, changes nothing (seed ${seed}; replay with SWITCHBOARD_SEED=${seed})`, async () => {
    const generator = new HostileMessages(seededRandom(seed));
    const before: HostState = await rig.state();
    rig.sink.clear();
    const failures: string[] = [];
    let bad = 0;
    for (let index = 0; index < messageCount; index++) {
      const { value, how } = generator.next();
      let outcome = await rig.receiveAndJudge(value);
      rig.sink.clear();
      if (({} as Record<string, unknown>)['polluted'] !== undefined) {
        outcome = 'polluted Object.prototype';
        delete (Object.prototype as Record<string, unknown>)['polluted'];
      }
      if (outcome !== undefined) {
        bad++;
        failures.push(`#${index} (${how}): ${outcome}`);
      }
      if ((index + 1) % checkStateEvery === 0) {
        // A change of state would show in a later snapshot: it fails for the messages of this stretch.
        const now = await rig.state();
        rig.sink.clear();
        if (JSON.stringify(now) !== JSON.stringify(before)) {
          bad++;
          failures.push(`the host's state changed during messages ${index + 1 - checkStateEvery}–${index}`);
        }
      }
    }
    // Let anything a message left running settle: a rejection it left unhandled shows now.
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (unhandled.length > 0) {
      bad += unhandled.length;
      failures.push(...unhandled.map((reason) => `unhandled rejection: ${String(reason)}`));
    }
    recordFigure({ area: 'input', part: 'webview → host', bad, tried: messageCount, failures: failures.slice(0, 50).map((failure) => `seed ${seed} ${failure}`) });
    assert.deepStrictEqual(failures.slice(0, 20), [], `seed ${seed} (replay with SWITCHBOARD_SEED=${seed})`);
    assert.deepStrictEqual(await rig.state(), before);
  });

  it('the judge is not blind: valid messages are reported as accepted or reaching the host, and a rename shows in the state', async () => {
    const control = await HostRig.withHistory();
    try {
      const before = await control.state();
      control.sink.clear();
      const conversationId = (before.view as { snapshot: { conversationId: string } }).snapshot.conversationId;
      const outcomes = [
        await control.receiveAndJudge({ type: 'link/open', href: 'https://example.com/' }),
        await control.receiveAndJudge({ type: 'history/rename', conversationId, title: 'Renamed' }),
      ];
      assert.deepStrictEqual(outcomes.map((outcome) => outcome?.replace(/[ :(].*$/, '')), ['accepted', 'accepted']);
      assert.notDeepStrictEqual(await control.state(), before);
    } finally {
      await control.close();
    }
  });

  it('a valid message afterwards still works: a question is answered and saved, a link reaches the shell', async () => {
    rig.sink.clear();
    await rig.router.receive({ type: 'chat/send', requestId: 'after-the-storm', text: 'Still there?', attachments: [] });
    await rig.controller.idle();
    await rig.router.receive({ type: 'link/open', href: 'https://example.com/after' });
    const done = rig.sink.of('chat/done');
    assert.equal(done.length, 1);
    assert.match(done[0]!.message.content, /Still there\?/);
    assert.deepStrictEqual(rig.calls, [['openLink', 'https://example.com/after']]);
    const state = await rig.state();
    const saved = Object.entries(state.files).filter(([name, content]) => name.endsWith('.json') && content.includes('Still there?'));
    assert.equal(saved.length, 1, 'the answered question was saved');
  });
});
