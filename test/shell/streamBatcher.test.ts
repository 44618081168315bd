/**
 * The stream batcher: fragments between two frames become one `chat/delta` (text and reasoning
 * concatenated, tool-call fragments joined by index), at most one per frame, in order, `seq` from 0.
 */

import assert from 'node:assert/strict';
import { StreamBatcher, type DeltaMessage } from '../../src/shell/chat/streamBatcher';
import { ManualFrames } from '../helpers/chatHarness';

function setup(): { batcher: StreamBatcher; posted: DeltaMessage[]; frames: ManualFrames } {
  const posted: DeltaMessage[] = [];
  const frames = new ManualFrames();
  const batcher = new StreamBatcher({ requestId: 'r1', messageId: 'm1', post: (message) => posted.push(structuredClone(message)), scheduleFrame: frames.schedule });
  return { batcher, posted, frames };
}

describe('stream batcher', () => {
  it('coalesces the fragments of one frame into one delta, and numbers deltas from 0', () => {
    const { batcher, posted, frames } = setup();
    batcher.add({ content: 'Hel' });
    batcher.add({ reasoning: 'think' });
    batcher.add({ content: 'lo' });
    assert.equal(frames.pending, 1, 'one frame scheduled for three fragments');
    assert.deepStrictEqual(posted, [], 'nothing is posted before the frame');
    frames.run();
    batcher.add({ content: ', world' });
    batcher.add({ reasoning: ' more' });
    frames.run();
    frames.run(); // a frame with nothing pending posts nothing
    assert.deepStrictEqual(posted, [
      { type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 0, content: 'Hello', reasoning: 'think' },
      { type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 1, content: ', world', reasoning: ' more' },
    ]);
  });

  it('joins tool-call fragments by index within a frame, keeping the first id and name', () => {
    const { batcher, posted, frames } = setup();
    batcher.add({ toolCalls: [{ index: 0, id: 'call_a', name: 'get_weather', arguments: '' }] });
    batcher.add({ toolCalls: [{ index: 0, arguments: '{"city":' }, { index: 1, id: 'call_b', name: 'get_time', arguments: '{}' }] });
    batcher.add({ toolCalls: [{ index: 0, arguments: '"Paris"}' }] });
    frames.run();
    batcher.add({ toolCalls: [{ index: 1, arguments: ' ' }] });
    frames.run();
    assert.deepStrictEqual(posted, [
      {
        type: 'chat/delta',
        requestId: 'r1',
        messageId: 'm1',
        seq: 0,
        toolCalls: [
          { index: 0, id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { index: 1, id: 'call_b', name: 'get_time', arguments: '{}' },
        ],
      },
      { type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 1, toolCalls: [{ index: 1, arguments: ' ' }] },
    ]);
  });

  it('ignores empty fragments (no frame is scheduled for them)', () => {
    const { batcher, posted, frames } = setup();
    batcher.add({});
    batcher.add({ content: '', reasoning: '', toolCalls: [] });
    assert.equal(frames.pending, 0);
    frames.run();
    assert.deepStrictEqual(posted, []);
  });

  it('flushes at once, cancelling the scheduled frame; close ignores later fragments', () => {
    const { batcher, posted, frames } = setup();
    batcher.add({ content: 'last words' });
    batcher.close();
    assert.equal(frames.pending, 0, 'the frame was cancelled');
    batcher.add({ content: 'after the end' });
    frames.run();
    assert.deepStrictEqual(posted, [{ type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 0, content: 'last words' }]);
  });

  it('discards pending fragments (a snapshot holds them) and continues with the next seq', () => {
    const { batcher, posted, frames } = setup();
    batcher.add({ content: 'a' });
    frames.run();
    batcher.add({ content: 'in the snapshot' });
    batcher.discardPending();
    assert.equal(frames.pending, 0);
    batcher.add({ content: 'b' });
    frames.run();
    assert.deepStrictEqual(
      posted.map((message) => [message.seq, message.content]),
      [
        [0, 'a'],
        [1, 'b'],
      ],
    );
  });

  it('posts at most one delta per frame for a 10,000-token stream', () => {
    const { batcher, posted, frames } = setup();
    let expected = '';
    for (let token = 0; token < 10_000; token++) {
      batcher.add({ content: `t${token} ` });
      expected += `t${token} `;
      if (token % 16 === 15) {
        frames.run(); // a frame every 16 tokens (1 token/ms at 60 frames/s)
      }
    }
    batcher.close();
    assert.equal(posted.length, 625);
    assert.deepStrictEqual(
      posted.map((message) => message.seq),
      posted.map((_, index) => index),
    );
    assert.equal(posted.map((message) => message.content).join(''), expected);
  });
});
