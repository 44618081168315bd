/**
 * The stream batcher: what an answer gained between two frames becomes one `chat/delta` — the new
 * end of its text and reasoning, its tool calls whole when they changed — at most one per frame,
 * in order, `seq` from 0. It reads the answer as it stands; it joins nothing itself.
 */

import assert from 'node:assert/strict';
import { StreamBatcher, type DeltaMessage, type StreamingView } from '../../src/shell/chat/streamBatcher';
import { ManualFrames } from '../helpers/chatFakes';

interface Setup {
  batcher: StreamBatcher;
  answer: StreamingView;
  posted: DeltaMessage[];
  replaced: StreamingView[];
  frames: ManualFrames;
}

function setup(): Setup {
  const posted: DeltaMessage[] = [];
  const replaced: StreamingView[] = [];
  const frames = new ManualFrames();
  const answer: StreamingView = { content: '' };
  const batcher = new StreamBatcher({
    requestId: 'r1',
    messageId: 'm1',
    current: () => answer,
    post: (message) => posted.push(structuredClone(message)),
    replace: () => replaced.push(structuredClone(answer)),
    scheduleFrame: frames.schedule,
  });
  return { batcher, answer, posted, replaced, frames };
}

describe('stream batcher', () => {
  it('posts what the answer gained in one frame as one delta, numbering deltas from 0', () => {
    const { batcher, answer, posted, frames } = setup();
    answer.content = 'Hel';
    batcher.changed();
    answer.reasoning = 'think';
    batcher.changed();
    answer.content = 'Hello';
    batcher.changed();
    assert.equal(frames.pending, 1, 'one frame scheduled for three changes');
    assert.deepStrictEqual(posted, [], 'nothing is posted before the frame');
    frames.run();
    answer.content = 'Hello, world';
    answer.reasoning = 'think more';
    batcher.changed();
    frames.run();
    batcher.changed();
    frames.run(); // a frame with nothing new posts nothing
    assert.deepStrictEqual(posted, [
      { type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 0, content: 'Hello', reasoning: 'think' },
      { type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 1, content: ', world', reasoning: ' more' },
    ]);
  });

  it('sends tool calls whole, and only in the frames where they changed', () => {
    const { batcher, answer, posted, frames } = setup();
    answer.toolCalls = [{ id: 'call_a', name: 'get_weather', arguments: '{"city":' }];
    batcher.changed();
    frames.run();
    answer.content = 'Looking it up.';
    batcher.changed();
    frames.run();
    answer.toolCalls = [
      { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { id: 'call_b', name: 'get_time', arguments: '{}' },
    ];
    batcher.changed();
    frames.run();
    assert.deepStrictEqual(posted, [
      { type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 0, toolCalls: [{ id: 'call_a', name: 'get_weather', arguments: '{"city":' }] },
      { type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 1, content: 'Looking it up.' },
      {
        type: 'chat/delta',
        requestId: 'r1',
        messageId: 'm1',
        seq: 2,
        toolCalls: [
          { id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { id: 'call_b', name: 'get_time', arguments: '{}' },
        ],
      },
    ]);
  });

  it('flushes at once, cancelling the scheduled frame; close ignores later changes', () => {
    const { batcher, answer, posted, frames } = setup();
    answer.content = 'last words';
    batcher.changed();
    batcher.close();
    assert.equal(frames.pending, 0, 'the frame was cancelled');
    answer.content = 'last words, and after the end';
    batcher.changed();
    frames.run();
    assert.deepStrictEqual(posted, [{ type: 'chat/delta', requestId: 'r1', messageId: 'm1', seq: 0, content: 'last words' }]);
  });

  it('once the view caught up (a snapshot holds the answer), sends none of it again and continues with the next seq', () => {
    const { batcher, answer, posted, frames } = setup();
    answer.content = 'a';
    batcher.changed();
    frames.run();
    answer.content = 'a, in the snapshot';
    batcher.changed();
    batcher.caughtUp();
    assert.equal(frames.pending, 0);
    answer.content = 'a, in the snapshot, b';
    batcher.changed();
    frames.run();
    assert.deepStrictEqual(
      posted.map((message) => [message.seq, message.content]),
      [
        [0, 'a'],
        [1, ', b'],
      ],
    );
  });

  it('replaces the whole message when its text changed other than at its end (a refusal before the content)', () => {
    const { batcher, answer, posted, replaced, frames } = setup();
    answer.content = 'I cannot help with that.';
    batcher.changed();
    frames.run();
    answer.content = 'Sure: I cannot help with that.';
    batcher.changed();
    frames.run();
    answer.content = 'Sure: I cannot help with that. Really.';
    batcher.changed();
    frames.run();
    assert.deepStrictEqual(
      { posted: posted.map((message) => [message.seq, message.content]), replaced: replaced.map((view) => view.content) },
      {
        posted: [
          [0, 'I cannot help with that.'],
          [1, ' Really.'],
        ],
        replaced: ['Sure: I cannot help with that.'],
      },
    );
  });

  it('posts at most one delta per frame for a 10,000-token stream', () => {
    const { batcher, answer, posted, frames } = setup();
    for (let token = 0; token < 10_000; token++) {
      answer.content += `t${token} `;
      batcher.changed();
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
    assert.equal(posted.map((message) => message.content).join(''), answer.content);
  });
});
